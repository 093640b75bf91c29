-- title: The cheapest input price, month by month
-- description: >-
--   For each month, the lowest standard price per million input tokens in force on its last day
--   (for the latest month, the last day the almanac covers):
--   of any model, and of the "GPT-4 class": models with an entry at or above the original GPT-4
--   (GPT-4-0314) on the Chatbot Arena leaderboard snapshot of 2024-12-31, the bar the founding
--   review uses. A model counts once it has such an entry, whichever of its versions earned it. Its chart is on a log scale.
-- parameters:
--   from_month: {type: month, default: 2023-01, description: first month}
--   to_month: {type: month, default: '', description: 'last month (empty: the last month the almanac covers)'}
-- chart: {mark: line, x_column: month, x_type: temporal, y_column: cheapest_gpt4_class_input_usd_per_mtok, y_type: quantitative}
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
bar as (
  select score from leaderboard_scores
  where leaderboard = 'chatbot-arena-text' and snapshot_date = '2024-12-31' and entry = 'GPT-4-0314'
),
gpt4_class as (
  select distinct model_id from leaderboard_scores
  where leaderboard = 'chatbot-arena-text' and snapshot_date = '2024-12-31'
    and model_id is not null and score >= (select score from bar)
),
in_force as (
  select d.month, p.model_id, p.input_usd_per_mtok,
    p.model_id in (select model_id from gpt4_class) as gpt4_class
  from days d
  join prices p on p.tier = 'standard' and p.effective_from <= d.day
    and (p.in_force_to is null or p.in_force_to > d.day) and p.input_usd_per_mtok > 0
),
ranked as (
  select *,
    row_number() over (partition by month order by input_usd_per_mtok, model_id) as overall_rank,
    row_number() over (partition by month, gpt4_class order by input_usd_per_mtok, model_id) as class_rank
  from in_force
)
select
  months.month,
  overall_model.name as cheapest_model,
  overall.input_usd_per_mtok as cheapest_input_usd_per_mtok,
  class_model.name as cheapest_gpt4_class_model,
  class.input_usd_per_mtok as cheapest_gpt4_class_input_usd_per_mtok,
  overall.model_id as cheapest_model_id,
  class.model_id as cheapest_gpt4_class_model_id
from months
left join ranked overall on overall.month = months.month and overall.overall_rank = 1
left join models overall_model on overall_model.id = overall.model_id
left join ranked class on class.month = months.month and class.gpt4_class and class.class_rank = 1
left join models class_model on class_model.id = class.model_id
order by months.month
