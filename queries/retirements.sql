-- title: Model retirements
-- description: >-
--   The 100 latest retirements of models (and dated snapshots) from their makers' own APIs,
--   announced or done, with the model each maker names as the replacement; also an Atom feed
--   (retirements.atom). Each entry's id is the model's address, from its id, so it stays the same
--   from build to build; its date is the day the retirement was announced, or the day of the
--   retirement when no announcement date is known.
-- feed: {format: atom, pages: [/, /almanac/models, /almanac/retired_models]}
select
  m.name as model,
  o.name as organization,
  m.deprecation_date,
  m.retirement_date,
  r.name as replacement,
  :_almanac_url || '/almanac/models/' || m.id || '#retirement' as atom_id,
  m.name || ' (' || o.name || ') retires on ' || m.retirement_date
    || coalesce('; replacement: ' || r.name, '') as atom_title,
  substr(coalesce(m.deprecation_date, m.retirement_date) || '-01-01', 1, 10) || 'T00:00:00Z' as atom_updated,
  :_almanac_url || '/almanac/models/' || m.id as atom_link,
  coalesce(o.name || ' announced on ' || m.deprecation_date || ' that ', o.name || ' retires ')
    || m.name || case when m.deprecation_date is null then ' on ' else ' would be retired on ' end
    || m.retirement_date || ' in its own API (its last day of service is the day before).'
    || coalesce(' Its replacement: ' || r.name || '.', '') as atom_content
from models m
join organizations o on o.id = m.organization_id
left join models r on r.id = m.replacement_model_id
where m.retirement_date is not null
-- A feed reader shows the latest entries; every retirement is in retired_models.
order by coalesce(m.deprecation_date, m.retirement_date) desc, m.id
limit 100
