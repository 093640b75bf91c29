-- title: Calendar of events and retirements
-- description: >-
--   Every event dated to the day (releases, announcements, price changes...) and every retirement
--   of a model from its maker's API, as day-long entries (midnight to midnight, UTC); also an iCalendar feed (calendar.ics) for
--   calendar programs. Events dated only to a month or a year are left out. Each entry's UID is
--   the address of its record, from its key, so it stays the same from build to build.
-- feed: {format: ics, pages: [/, /almanac/events, /almanac/retired_models]}
select
  e.title as event_name,
  e.date as event_dtstart,
  date(e.date, '+1 day') as event_dtend,
  coalesce(e.description || ' ', '') || :_almanac_url || '/almanac/events/' || e.id as event_description,
  :_almanac_url || '/almanac/events/' || e.id as event_uid
from events e
where e.date_precision = 'day'
union all
select
  'Retirement of ' || m.name || ' (' || o.name || ')',
  m.retirement_date,
  date(m.retirement_date, '+1 day'),
  o.name || ' retires ' || m.name || ' in its own API' || coalesce('; replacement: ' || r.name, '') || '. '
    || :_almanac_url || '/almanac/models/' || m.id,
  :_almanac_url || '/almanac/models/' || m.id || '#retirement'
from models m
join organizations o on o.id = m.organization_id
left join models r on r.id = m.replacement_model_id
where m.retirement_date_precision = 'day'
order by event_dtstart desc, event_uid
