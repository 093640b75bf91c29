-- title: Models gaining images, audio and video, month by month
-- description: >-
--   Each month, the models that gained an input or output beyond text (from their release, or
--   from the date a modality was added), and the running total per capability. Months only:
--   models whose release is known only to the year are left out.
-- parameters:
--   from_month: {type: month, default: 2023-01, description: first month}
--   to_month: {type: month, default: 2024-12, description: last month}
-- chart: {mark: line, x_column: month, x_type: temporal, y_column: running_total, y_type: quantitative, color_column: capability}
with gained as (
  select
    substr(coalesce(mm.effective_from, m.release_date), 1, 7) as month,
    mm.direction || ' ' || mm.modality as capability,
    m.name
  from model_modalities mm
  join models m on m.id = mm.model_id
  where mm.modality != 'text'
    and length(coalesce(mm.effective_from, m.release_date)) >= 7
),
monthly as (
  select month, capability, count(*) as models, group_concat(name, ', ') as model_names
  from gained
  where month <= :to_month
  group by month, capability
)
select month, capability, models, model_names,
  sum(models) over (partition by capability order by month) as running_total
from monthly
where month >= :from_month
order by month, capability
