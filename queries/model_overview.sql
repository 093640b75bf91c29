-- title: Every model at a glance
-- description: >-
--   One row per model (dated snapshots are listed on their model's page): its maker, release,
--   open weights, latest limits, what it takes in and gives out, and its standard price on its
--   maker's API at the end of the covered period, or on the day it retired if that came first.
--   A model named by a moving alias (gpt-4o) is priced as the snapshot the alias meant that day
--   (priced_as). Prices are per million tokens in the currency stated; an empty price means the
--   almanac knows none for that day (see data_gaps). Name a model to get its row alone.
-- parameters:
--   model: {type: model, default: "", description: "a model (name or id; empty for every model)"}
with model_days as (
  select m.*,
    case when m.retirement_date is not null and m.retirement_date < c.covered_to then m.retirement_date else c.covered_to end as price_day
  from models m, coverage c
  where (trim(:model) = '' and m.snapshot_of is null)
    or m.id = (select model_id from name_lookup where name = lower(trim(:model)) order by rank <> 2, rank, used_by limit 1)
),
priced as (
  select d.*,
    coalesce((
      select n.model_id from name_lookup n
      where n.name = d.id and n.effective_from <= d.price_day and (n.effective_to is null or n.effective_to > d.price_day)
      order by n.rank, n.used_by limit 1), d.id) as priced_as
  from model_days d
),
latest as (
  -- The price period of the day, or the last one that started before it (a model whose price
  -- ended with its life keeps its last price).
  select p.*, (
      select p2.rowid from prices p2
      where p2.model_id = p.priced_as and p2.provider_id = p.organization_id and p2.tier = 'standard'
        and p2.offer = 'list' and p2.effective_from <= p.price_day
      order by p2.currency <> 'USD', p2.effective_from desc limit 1) as price_rowid
  from priced p
)
select
  l.id,
  l.name,
  o.name as maker,
  l.organization_id,
  l.release_date,
  l.release_date_precision,
  l.open_weights,
  l.reasoning,
  l.parameters_b,
  l.context_window,
  l.max_output_tokens,
  (select group_concat(modality, ' ') from (select modality from model_modalities
    where model_id = coalesce(l.snapshot_of, l.id) and direction = 'input' order by modality)) as input_modalities,
  (select group_concat(modality, ' ') from (select modality from model_modalities
    where model_id = coalesce(l.snapshot_of, l.id) and direction = 'output' order by modality)) as output_modalities,
  l.price_day,
  l.priced_as,
  p.currency,
  p.input_per_mtok,
  p.output_per_mtok,
  p.source_id as price_source_id,
  l.retirement_date,
  l.snapshot_of,
  (select count(*) from models s where s.snapshot_of = l.id) as snapshots,
  l.license,
  l.description
from latest l
join organizations o on o.id = l.organization_id
left join prices p on p.rowid = l.price_rowid
order by l.release_date desc, l.name
