-- title: What a model name meant on a day
-- description: >-
--   The model or dated snapshot that a name meant on a day: an API id such as
--   gpt-4o-2024-08-06, a moving alias such as gpt-4o, the almanac's own model id, or a model's
--   name, in any case. With it, the standard price in force for it that day on its maker's API,
--   per million tokens in the currency stated. A name that meant nothing that day (not yet
--   released, retired, or unknown) returns no row; a model with no price in force that day
--   returns its row with empty prices.
-- parameters:
--   name: {type: text, default: gpt-4o, description: the name as an API or tool writes it}
--   date: {type: date, default: '', description: 'the day (empty: the last day the almanac covers)'}
with asked as (select coalesce(nullif(:date, ''), (select covered_to from coverage)) as day),
named as (
  select name_lookup.*, asked.day from name_lookup, asked
  where name = lower(trim(:name))
    and effective_from <= asked.day and (effective_to is null or effective_to > asked.day)
  order by rank, used_by
  limit 1
)
select
  named.name,
  named.used_by,
  named.model_id,
  m.name as model,
  m.snapshot_of,
  named.effective_from as means_it_since,
  named.effective_to as means_it_until,
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
  and p.effective_from <= named.day and (p.in_force_to is null or p.in_force_to > named.day)
order by p.currency <> 'USD', p.currency
