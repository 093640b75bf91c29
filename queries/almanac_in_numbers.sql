-- title: The almanac in numbers
-- description: How much the almanac holds, and how much of it rests on the makers' own words.
select 'models' as measure, count(*) as value, '/almanac/models?snapshot_of__isnull=1' as path from models where snapshot_of is null
union all select 'dated snapshots priced or retired on their own', count(*), '/almanac/models?snapshot_of__notnull=1' from models where snapshot_of is not null
union all select 'names and aliases', count(*), '/almanac/model_names' from model_names
union all select 'organizations', count(*), '/almanac/organizations' from organizations
union all select 'price periods', count(*), '/almanac/prices' from prices
union all select 'price periods stated in yuan or euros', count(*), '/almanac/prices?currency__not=USD' from prices where currency <> 'USD'
union all select 'price periods whose start a source states', count(*), '/almanac/prices?effective_from_confirmed=1' from prices where effective_from_confirmed = 1
union all select 'events', count(*), '/almanac/events' from events
union all select 'sources', count(*), '/almanac/sources' from sources
union all select 'facts cited', count(*), '/almanac/citations' from citations
union all
select 'facts cited to the maker''s own words (per cent)',
  round(100.0 * sum(s.kind in ('vendor', 'docs', 'model-card', 'paper') and s.organization_id is not null) / count(*), 1),
  '/almanac/citations'
from citations c join sources s on s.id = c.source_id
union all select 'claims supported', count(*), '/almanac/claims?verdict=supported' from claims where verdict = 'supported'
union all select 'claims contradicted', count(*), '/almanac/claims?verdict=contradicted' from claims where verdict = 'contradicted'
union all select 'claims not checkable', count(*), '/almanac/claims?verdict=not-checkable' from claims where verdict = 'not-checkable'
