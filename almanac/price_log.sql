-- Prices a usage log given as one JSON array (:log) of objects, one a row, with `line` and the
-- columns of almanac/usage_format.json, already checked and given their defaults: the static
-- snapshot's SQL page reads a CSV in the browser, checks it by that format and runs this on its
-- own copy of the database. The pricing is almanac/price_usage.sql, as for `python -m
-- almanac.price` and the canned query price_call.
with usage as (
  select
    cast(json_extract(value, '$.line') as integer) as line,
    json_extract(value, '$.date') as date,
    json_extract(value, '$.model') as model,
    cast(json_extract(value, '$.input_tokens') as integer) as input_tokens,
    cast(json_extract(value, '$.output_tokens') as integer) as output_tokens,
    cast(json_extract(value, '$.requests') as integer) as requests,
    cast(json_extract(value, '$.cached_input_tokens') as integer) as cached_input_tokens,
    cast(json_extract(value, '$.cache_write_tokens') as integer) as cache_write_tokens,
    json_extract(value, '$.provider') as provider,
    json_extract(value, '$.tier') as tier
  from json_each(:log)
)
select priced.*
from usage
join (
  -- include: almanac/price_usage.sql
) as priced on priced.line = usage.line
order by usage.line
