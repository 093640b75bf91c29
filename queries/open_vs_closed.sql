-- title: Open and closed weights, release by release
-- description: >-
--   Models released each quarter, split by whether their weights can be downloaded. Releases
--   dated only to the year are left out.
-- parameters:
--   from_month: {type: month, default: 2023-01, description: first month}
--   to_month: {type: month, default: 2024-12, description: last month}
-- chart: {mark: bar, x_column: quarter, x_type: ordinal, y_column: releases, y_type: quantitative, color_column: weights}
select
  substr(release_date, 1, 4) || '-Q' || ((cast(substr(release_date, 6, 2) as integer) + 2) / 3) as quarter,
  case open_weights when 1 then 'open weights' else 'closed weights' end as weights,
  count(*) as releases,
  group_concat(name, ', ') as models
from models
where snapshot_of is null
  and release_date_precision in ('day', 'month')
  and substr(release_date, 1, 7) between :from_month and :to_month
group by 1, 2
order by 1, 2
