-- title: New models
-- description: >-
--   The 100 latest model releases, dated API snapshots included, newest first; also an Atom feed
--   (new_models.atom). Each entry's id is the model's address, from its id, so it stays the same
--   from build to build; its date is the release date (the first day of the month or year when
--   only that is known).
-- feed: {format: atom, pages: [/, /almanac/models]}
select
  m.name as model,
  o.name as organization,
  m.release_date,
  m.release_date_precision,
  :_almanac_url || '/almanac/models/' || m.id as atom_id,
  m.name || ' (' || o.name || ')' as atom_title,
  substr(m.release_date || '-01-01', 1, 10) || 'T00:00:00Z' as atom_updated,
  :_almanac_url || '/almanac/models/' || m.id as atom_link,
  m.name || ', by ' || o.name || ', released ' || m.release_date || '.'
    || coalesce(' A dated snapshot of ' || s.name || '.', '')
    || case m.open_weights when 1 then ' Open weights (' || m.license || ').' else '' end
    || case when m.context_window is not null then ' Context window: ' || printf('%,d', m.context_window) || ' tokens.' else '' end
    || coalesce(' ' || m.description, '') as atom_content
from models m
join organizations o on o.id = m.organization_id
left join models s on s.id = m.snapshot_of
-- A feed reader shows the latest entries; every model is in the models table.
order by m.release_date desc, m.id
limit 100
