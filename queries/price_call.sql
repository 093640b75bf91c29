-- title: What did a call cost on its day?
-- description: >-
--   The cost of one call (or of many calls summed: set requests), at the prices in force on its
--   day, for a model named as an API, gateway or tool writes it (gpt-4o, openai/gpt-4.1,
--   claude-3-5-sonnet-20241022...). Input tokens count all of the input, cached and cache-write
--   tokens included; long-context prices apply by the input of each call. Costs are in US
--   dollars, unrounded; a call that cannot be priced (unknown name, a day with no price, a price
--   stated only in another currency, a call larger than the context window) says why and costs
--   nothing. The same SQL prices a whole log with `python -m almanac.price` (docs/usage-pricing.md).
-- parameters:
--   date: {type: date, default: 2024-11-01, description: the day of the call, YYYY-MM-DD}
--   model: {type: text, default: gpt-4o, description: the model's name as the tool wrote it}
--   input_tokens: {type: integer, default: 10000, description: all input tokens, cached ones included}
--   output_tokens: {type: integer, default: 1000, description: output tokens}
--   requests: {type: integer, default: 1, description: how many calls these tokens sum}
--   cached_input_tokens: {type: integer, default: 0, description: of the input, tokens read from the prompt cache}
--   cache_write_tokens: {type: integer, default: 0, description: of the input, tokens written to the prompt cache}
--   provider: {type: text, default: '', description: the seller (an organization id); empty for the maker's own API}
--   tier: {type: text, default: standard, choices: [standard, batch, flex, priority], description: the service tier}
with usage as (
  select
    1 as line,
    :date as date,
    :model as model,
    cast(:input_tokens as integer) as input_tokens,
    cast(:output_tokens as integer) as output_tokens,
    cast(:requests as integer) as requests,
    cast(:cached_input_tokens as integer) as cached_input_tokens,
    cast(:cache_write_tokens as integer) as cache_write_tokens,
    :provider as provider,
    :tier as tier
)
select usage.date, usage.model, usage.input_tokens, usage.output_tokens, usage.requests,
  usage.cached_input_tokens, usage.cache_write_tokens, usage.provider, usage.tier, priced.*
from usage
join (
  -- include: almanac/price_usage.sql
) as priced on priced.line = usage.line
