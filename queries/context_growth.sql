-- title: The largest context window, month by month
-- description: >-
--   For each month, the largest context window (tokens of input and output together) of any model
--   released by its last day, the models that had it, and how many models with a known context
--   window accepted 100,000 tokens or more. Its chart is on a log scale.
-- parameters:
--   from_month: {type: month, default: 2023-01, description: first month}
--   to_month: {type: month, default: '', description: 'last month (empty: the last month the almanac covers)'}
-- chart: {mark: line, x_column: month, x_type: temporal, y_column: largest_context_window, y_type: quantitative}
-- chart_options: {y_scale: log}
with recursive last as (
  select coalesce(nullif(:to_month, ''), substr((select covered_to from coverage), 1, 7)) as month
),
months(month) as (
  select :from_month
  union all
  select strftime('%Y-%m', month || '-01', '+1 month') from months where month < (select month from last)
),
days as (
  -- A month's last day, or the last day covered when the month runs past it.
  select month, min(date(month || '-01', '+1 month', '-1 day'), (select covered_to from coverage)) as day from months
),
limits as (
  select d.month, m.name, cw.context_window,
    row_number() over (partition by d.month, cw.model_id order by cw.effective_from desc) as latest
  from days d
  join context_windows cw on cw.effective_from <= d.day
  join models m on m.id = cw.model_id and m.release_date <= d.day
),
current as (
  select *, max(context_window) over (partition by month) as largest from limits where latest = 1
)
select
  months.month,
  max(current.largest) as largest_context_window,
  group_concat(case when current.context_window = current.largest then current.name end, ', ') as models_with_largest,
  sum(current.context_window >= 100000) as models_with_100k_or_more,
  count(current.name) as models_with_known_context
from months
left join current on current.month = months.month
group by months.month
order by months.month
