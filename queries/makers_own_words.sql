-- title: Facts in their makers' own words
-- description: >-
--   How many of the almanac's facts rest on their makers' own pages: facts with at least one
--   citation of a source published by the model's maker (or, for a price, its seller), or of a
--   maker's announcement, documentation or model card (kind vendor, docs or model-card). The
--   rest rest on papers, third-party posts, news and datasets. One row per table, and all.
-- chart: {mark: bar, x_column: table_name, x_type: ordinal, y_column: percent_own_words, y_type: quantitative}
with cited as (
  select
    c.table_name, c.record_id, c.field, s.kind, s.organization_id as publisher_id,
    case
      when c.table_name = 'models' then (select organization_id from models where id = c.record_id)
      when c.table_name in ('model_modalities', 'context_windows', 'prices', 'training_runs') then
        (select organization_id from models where id = substr(c.record_id, 1, instr(c.record_id || ',', ',') - 1))
      when c.table_name = 'events' then (select organization_id from events where id = c.record_id)
      when c.table_name = 'organizations' then c.record_id
    end as maker_id,
    case when c.table_name = 'prices' then
      (select provider_id from prices p where p.model_id || ',' || p.provider_id || ',' || p.tier || ',' || p.currency || ',' || p.effective_from = c.record_id)
    end as seller_id
  from citations c join sources s on s.id = c.source_id
),
facts as (
  select table_name, record_id, field,
    max(coalesce(publisher_id in (maker_id, seller_id), 0) or kind in ('vendor', 'docs', 'model-card')) as own_words
  from cited
  group by table_name, record_id, field
)
select table_name, facts, in_own_words, round(100.0 * in_own_words / facts, 1) as percent_own_words
from (
  select table_name, count(*) as facts, sum(own_words) as in_own_words, 0 as last from facts group by table_name
  union all
  select 'all', count(*), sum(own_words), 1 from facts
)
order by last, table_name
