-- title: Search the almanac
-- description: >-
--   Full-text search (with English stemming: "price" finds "prices") across models, organizations,
--   events, sources, claims and the words quoted from sources. Every word must appear.
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
hits as (
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
select kind, title, path, snippet from hits order by rank limit 200
