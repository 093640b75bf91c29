-- title: Every model's price on a date
-- description: >-
--   The prices in force on a day, for every model, provider and tier, cheapest input first.
--   Per million tokens: the *_usd_per_mtok columns hold prices stated in US dollars; prices
--   stated only in another currency (CNY, EUR) follow, in that currency, never converted.
-- gaps: models with no price in force that day are not listed
-- parameters:
--   date: {type: date, default: '', description: 'the day (empty: the last day the almanac covers)'}
with asked as (select coalesce(nullif(:date, ''), (select covered_to from coverage)) as day)
select
  asked.day as date,
  m.name as model,
  o.name as provider,
  p.tier,
  p.input_usd_per_mtok,
  p.output_usd_per_mtok,
  p.cached_input_usd_per_mtok,
  p.currency,
  p.input_per_mtok,
  p.output_per_mtok,
  p.effective_from as price_since,
  p.effective_from_confirmed as price_since_confirmed,
  p.model_id,
  p.source_id
from prices p
cross join asked
join models m on m.id = p.model_id
join organizations o on o.id = p.provider_id
where p.effective_from <= asked.day
  and (p.in_force_to is null or p.in_force_to > asked.day)
order by p.currency <> 'USD', p.currency, p.input_per_mtok is null, p.input_per_mtok, model, p.tier
