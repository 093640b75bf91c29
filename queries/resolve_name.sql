-- title: What a model name meant on a day
-- description: >-
--   The model or dated snapshot that a name (an API id such as gpt-4o-2024-08-06, a moving alias
--   such as gpt-4o, or the almanac's own model id) pointed at on a day, and the standard price in
--   force for it then on its maker's API, per million tokens in the currency stated. A name that
--   pointed at nothing that day (not yet released, retired, or unknown) returns no row; a model
--   with no price in force that day returns its row with empty prices.
-- parameters:
--   name: {type: text, default: gpt-4o, description: the name as an API or tool writes it}
--   date: {type: date, default: 2024-12-31, description: the day}
with named as (
  select n.name, n.used_by, n.kind, n.model_id, n.effective_from, n.effective_to, n.source_id
  from model_names n
  where n.name = :name
    and n.effective_from <= :date and (n.effective_to is null or n.effective_to > :date)
  union all
  select m.id, 'almanac', 'almanac id', m.id, m.release_date, null, m.source_id
  from models m
  where m.id = :name and m.release_date <= :date
    and not exists (select 1 from model_names n where n.name = :name)
)
select
  named.name,
  named.used_by,
  named.kind,
  named.model_id,
  m.name as model,
  m.snapshot_of,
  named.effective_from as points_there_since,
  named.effective_to as points_there_until,
  named.source_id as name_source_id,
  m.retirement_date,
  p.currency,
  p.input_per_mtok,
  p.output_per_mtok,
  p.cached_input_per_mtok,
  p.effective_from as price_since,
  p.source_id as price_source_id
from named
join models m on m.id = named.model_id
left join prices p
  on p.model_id = named.model_id
  and p.provider_id = m.organization_id
  and p.tier = 'standard'
  and p.effective_from <= :date and (p.effective_to is null or p.effective_to > :date)
order by named.used_by, p.currency <> 'USD', p.currency
