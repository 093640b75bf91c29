-- title: Releases per month per organization
-- description: >-
--   How many models each organization released each month. Only releases dated to the month or
--   the day are counted.
-- parameters:
--   from_month: {type: month, default: 2023-01, description: first month}
--   to_month: {type: month, default: 2024-12, description: last month}
-- chart: {mark: bar, x_column: month, x_type: ordinal, y_column: releases, y_type: quantitative, color_column: organization}
select
  substr(m.release_date, 1, 7) as month,
  o.name as organization,
  count(*) as releases,
  group_concat(m.name, ', ') as models
from models m
join organizations o on o.id = m.organization_id
where m.snapshot_of is null
  and m.release_date_precision in ('day', 'month')
  and substr(m.release_date, 1, 7) between :from_month and :to_month
group by 1, 2
order by 1, 2
