-- title: Search the almanac
-- description: >-
--   Full-text search (with English stemming: "price" finds "prices") across models, organizations,
--   events, sources, claims and the words quoted from sources. Every word must appear. A model
--   whose id, name or alias is exactly what was typed comes first.
-- parameters:
--   q: {type: search, default: "", description: words to look for}
with query(terms) as (
  -- Each word becomes a quoted FTS5 term, so no input can be read as search syntax; an empty
  -- query matches a word no record contains.
  select case
    when trim(replace(:q, '"', ' ')) = '' then 'almanacnothingmatchesthis'
    else '"' || replace(replace(replace(replace(trim(replace(:q, '"', ' ')), '   ', ' '), '  ', ' '), '  ', ' '), ' ', '" "') || '"'
  end
  from (select 1)
),
quote_hits as materialized (
  select c.table_name, c.record_id, c.source_id,
    snippet(citations_fts, -1, '«', '»', '…', 16) as snippet, citations_fts.rank as rank
  from citations_fts join citations c on c.rowid = citations_fts.rowid, query
  where citations_fts match query.terms
),
exact as (
  -- Names as name_lookup holds them: a model's own id first, then names and aliases.
  select m.id, m.name, m.description, min(case when n.rank = 2 then 0 else n.rank end) as rank
  from name_lookup n join models m on m.id = n.model_id
  where n.name = lower(trim(:q))
  group by m.id, m.name, m.description
),
hits as (
  select 'model' as kind, name as title, '/almanac/models/' || id as path,
    coalesce(substr(description, 1, 160) || case when length(description) > 160 then '…' else '' end,
      'The model named ' || trim(:q)) as snippet, -1e9 + rank as rank
  from exact
  union all
  select 'model' as kind, m.name as title, '/almanac/models/' || m.id as path,
    snippet(models_fts, -1, '«', '»', '…', 16) as snippet, models_fts.rank as rank
  from models_fts join models m on m.rowid = models_fts.rowid, query
  where models_fts match query.terms
  union all
  select 'organization', o.name, '/almanac/organizations/' || o.id,
    snippet(organizations_fts, -1, '«', '»', '…', 16), organizations_fts.rank
  from organizations_fts join organizations o on o.rowid = organizations_fts.rowid, query
  where organizations_fts match query.terms
  union all
  select 'event', e.date || ': ' || e.title, '/almanac/events/' || e.id,
    snippet(events_fts, -1, '«', '»', '…', 16), events_fts.rank
  from events_fts join events e on e.rowid = events_fts.rowid, query
  where events_fts match query.terms
  union all
  select 'source', s.title, '/almanac/sources/' || s.id,
    snippet(sources_fts, -1, '«', '»', '…', 16), sources_fts.rank
  from sources_fts join sources s on s.rowid = sources_fts.rowid, query
  where sources_fts match query.terms
  union all
  select 'claim', c.claim, '/almanac/claims/' || c.id,
    snippet(claims_fts, -1, '«', '»', '…', 16), claims_fts.rank
  from claims_fts join claims c on c.rowid = claims_fts.rowid, query
  where claims_fts match query.terms
  union all
  -- A quote supports several fields of its record: show it once per record and source.
  select 'quote', table_name || ' ' || record_id, '/almanac/sources/' || source_id, min(snippet), min(rank)
  from quote_hits
  group by table_name, record_id, source_id
)
select kind, title, path, snippet
from (select *, row_number() over (partition by path order by rank) as best from hits)
where best = 1
order by rank, title
limit 200
