-- Prices a usage log at the prices of each row's day.
--
-- Reads a relation named `usage` with the columns of almanac/usage_format.json (line, date, model,
-- input_tokens, output_tokens, requests, cached_input_tokens, cache_write_tokens, provider, tier)
-- and returns one row per line: the model the name meant that day (through name_lookup, the one
-- resolver of names), the cost of each kind of token in US dollars, unrounded, and whether the
-- row was priced, with the reason. `python -m almanac.price` loads a CSV into a temporary table
-- `usage`; the canned query price_call builds a one-row `usage` from its parameters; the static
-- snapshot can do either in the browser. No price is guessed: a row missing any price it needs
-- is not priced and says why. docs/usage-pricing.md explains the rules.
with
calls as (
  select
    u.line,
    u.date,
    trim(u.model) as name,
    coalesce(u.input_tokens, 0) as input_tokens,
    coalesce(u.output_tokens, 0) as output_tokens,
    coalesce(u.cached_input_tokens, 0) as cached_input_tokens,
    coalesce(u.cache_write_tokens, 0) as cache_write_tokens,
    max(coalesce(u.requests, 1), 1) as requests,
    nullif(trim(coalesce(u.provider, '')), '') as provider,
    coalesce(nullif(trim(coalesce(u.tier, '')), ''), 'standard') as service_tier,
    (
      select nl.model_id from name_lookup nl
      where nl.name = lower(trim(u.model))
        and nl.effective_from <= u.date and (nl.effective_to is null or nl.effective_to > u.date)
      order by nl.rank, nl.used_by
      limit 1
    ) as model_id
  from usage u
),
sized as (
  select
    c.*,
    coalesce(c.provider, m.organization_id) as seller,
    m.organization_id as maker,
    m.retirement_date,
    1.0 * c.input_tokens / c.requests as input_per_call,
    1.0 * (c.input_tokens + c.output_tokens) / c.requests as tokens_per_call,
    -- A snapshot without limits of its own has its model's.
    coalesce(
      (select cw.context_window from context_windows cw where cw.model_id = m.id and cw.effective_from <= c.date
       order by cw.effective_from desc limit 1),
      (select cw.context_window from context_windows cw where cw.model_id = m.snapshot_of and cw.effective_from <= c.date
       order by cw.effective_from desc limit 1)
    ) as context_window
  from calls c
  left join models m on m.id = c.model_id
),
candidates as (
  -- Every price of the model, seller and service tier in force that day whose long-context
  -- threshold (if any) the calls cross; dollar prices first, then the highest threshold crossed.
  select
    s.line,
    p.*,
    row_number() over (
      partition by s.line
      order by p.input_usd_per_mtok is null, coalesce(p.tier_min_input_tokens, 0) desc, p.effective_from desc
    ) as choice
  from sized s
  join prices p
    on p.model_id = s.model_id
    and p.provider_id = s.seller
    and p.service_tier = s.service_tier
    and p.tier <> 'audio'
    and p.effective_from <= s.date and (p.in_force_to is null or p.in_force_to > s.date)
    and (p.tier_min_input_tokens is null or s.input_per_call > p.tier_min_input_tokens)
),
judged as (
  select
    s.*,
    p.tier as price_tier,
    p.tier_min_input_tokens,
    p.effective_from as price_from,
    p.source_id as price_source_id,
    p.input_usd_per_mtok as input_price,
    p.output_usd_per_mtok as output_price,
    p.cached_input_usd_per_mtok as cached_price,
    p.cache_write_usd_per_mtok as write_price,
    case
      when s.model_id is null and not exists (select 1 from name_lookup where name = lower(s.name))
        then 'unknown model name ' || quote(s.name)
      when s.model_id is null
        then quote(s.name) || ' meant no model on ' || s.date
      when s.provider is not null and not exists (select 1 from organizations where id = s.provider)
        then 'unknown seller ' || quote(s.provider)
      when not exists (select 1 from prices where provider_id = s.seller)
        then 'the almanac has no prices from ' || s.seller
      when s.retirement_date is not null and s.seller = s.maker and s.date >= s.retirement_date
        then printf('%s was retired from %s''s own API on %s', s.model_id, s.maker, s.retirement_date)
      when s.context_window is not null and s.tokens_per_call > s.context_window
        then printf('calls of %d tokens (input and output, per call) are larger than the context window of %s on %s, %d tokens',
                    cast(round(s.tokens_per_call) as integer), s.model_id, s.date, s.context_window)
      when p.line is null and exists (
          select 1 from prices x
          where x.model_id = s.model_id and x.provider_id = s.seller and x.service_tier = s.service_tier and x.tier <> 'audio')
        then printf('no %s price of %s from %s in force on %s', s.service_tier, s.model_id, s.seller, s.date)
      when p.line is null
        then printf('the almanac has no %s price of %s from %s', s.service_tier, s.model_id, s.seller)
      when p.input_usd_per_mtok is null and p.currency <> 'USD'
        then printf('the price of %s on %s is stated only in %s (prices are never converted)', s.model_id, s.date, p.currency)
      when p.tier not like '%long-context' and exists (
          select 1 from prices x
          where x.model_id = s.model_id and x.provider_id = s.seller and x.service_tier = s.service_tier
            and x.tier like '%long-context' and s.input_per_call > x.tier_min_input_tokens)
        then printf('calls of %d input tokens are over the long-context threshold of %s, but no long-context price of it was in force on %s',
                    cast(round(s.input_per_call) as integer), s.model_id, s.date)
      when p.input_usd_per_mtok is null
        then printf('no input price of %s stated for %s', s.model_id, s.date)
      when s.output_tokens > 0 and p.output_usd_per_mtok is null
        then printf('no output price of %s stated for %s', s.model_id, s.date)
      when s.cached_input_tokens > 0 and p.cached_input_usd_per_mtok is null
        then printf('no cached-input price of %s stated for %s (cached tokens are not priced at any other price)', s.model_id, s.date)
      when s.cache_write_tokens > 0 and p.cache_write_usd_per_mtok is null
        then printf('no cache-write price of %s stated for %s (cache writes are not priced at any other price)', s.model_id, s.date)
    end as problem
  from sized s
  left join candidates p on p.line = s.line and p.choice = 1
),
costed as (
  select
    j.*,
    (j.input_tokens - j.cached_input_tokens - j.cache_write_tokens) * j.input_price / 1e6 as input_cost,
    case when j.output_tokens = 0 then 0.0 else j.output_tokens * j.output_price / 1e6 end as output_cost,
    case when j.cached_input_tokens = 0 then 0.0 else j.cached_input_tokens * j.cached_price / 1e6 end as cached_cost,
    case when j.cache_write_tokens = 0 then 0.0 else j.cache_write_tokens * j.write_price / 1e6 end as write_cost
  from judged j
  where j.problem is null
)
select
  j.line,
  j.model_id,
  c.input_cost as input_cost_usd,
  c.output_cost as output_cost_usd,
  c.cached_cost as cached_input_cost_usd,
  c.write_cost as cache_write_cost_usd,
  coalesce(c.input_cost + c.output_cost + c.cached_cost + c.write_cost, 0.0) as cost_usd,
  case when j.problem is null then 'yes' else 'no' end as priced,
  coalesce(
    j.problem,
    printf('%s price of %s from %s in force since %s%s (source %s)',
           j.price_tier, j.model_id, j.seller, j.price_from,
           case when j.tier_min_input_tokens is not null then printf(', for calls over %d input tokens', j.tier_min_input_tokens) else '' end,
           j.price_source_id)
  ) as reason
from judged j
left join costed c on c.line = j.line
order by j.line
