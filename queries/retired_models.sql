-- title: Retired models and what replaced them
-- description: >-
--   Models (and dated snapshots) whose maker had shut them down in its own API by a day, with the
--   day its deprecation was announced, the day it was retired, and the model its maker names as
--   its replacement. Leave the day empty for the end of the period the almanac covers; models
--   whose retirement is scheduled after that day are listed as scheduled.
-- parameters:
--   date: {type: date, default: '', description: the day (empty for the end of the covered period)}
with asked as (
  select coalesce(nullif(:date, ''), (select covered_to from coverage)) as day
)
select
  m.name as model,
  m.id as model_id,
  o.name as organization,
  m.deprecation_date,
  m.retirement_date,
  case when m.retirement_date <= asked.day then 'retired' else 'scheduled' end as status,
  r.name as replacement,
  m.replacement_model_id,
  m.snapshot_of
from models m
cross join asked
join organizations o on o.id = m.organization_id
left join models r on r.id = m.replacement_model_id
where m.retirement_date is not null
order by status, m.retirement_date desc, m.name
