-- title: Largest price changes between two dates
-- description: >-
--   For every model with a standard price on both dates, its input and output prices then and
--   now and how many times cheaper (or dearer) it became, largest change first. Each price is
--   compared with the later price in the same currency (USD, EUR or CNY), never converted.
-- parameters:
--   from_date: {type: date, default: 2024-01-01, description: the earlier day}
--   to_date: {type: date, default: 2024-12-31, description: the later day}
-- chart: {mark: bar, x_column: model, x_type: ordinal, y_column: input_times_cheaper, y_type: quantitative}
with then_ as (
  select * from prices
  where tier = 'standard' and effective_from <= :from_date and (in_force_to is null or in_force_to > :from_date)
),
now_ as (
  select * from prices
  where tier = 'standard' and effective_from <= :to_date and (in_force_to is null or in_force_to > :to_date)
)
select
  m.name as model,
  then_.currency,
  then_.input_per_mtok as input_then,
  now_.input_per_mtok as input_now,
  round(then_.input_per_mtok / now_.input_per_mtok, 2) as input_times_cheaper,
  then_.output_per_mtok as output_then,
  now_.output_per_mtok as output_now,
  round(then_.output_per_mtok / now_.output_per_mtok, 2) as output_times_cheaper,
  case
    when then_.input_per_mtok > now_.input_per_mtok
      then printf('%gx cheaper', round(then_.input_per_mtok / now_.input_per_mtok, 1))
    when then_.input_per_mtok < now_.input_per_mtok
      then printf('%gx dearer', round(now_.input_per_mtok / then_.input_per_mtok, 1))
    else 'unchanged'
  end as input_change,
  m.id as model_id
from then_
join now_ on now_.model_id = then_.model_id and now_.provider_id = then_.provider_id
  and now_.currency = then_.currency
join models m on m.id = then_.model_id
where then_.input_per_mtok > 0 and now_.input_per_mtok > 0
order by max(then_.input_per_mtok / now_.input_per_mtok, now_.input_per_mtok / then_.input_per_mtok) desc, model, then_.currency
