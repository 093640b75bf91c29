-- title: Price changes
-- description: >-
--   The 100 latest changes of a price: each period whose input, output or cached input price
--   differs from the period before it for the same model, seller, tier and currency, newest
--   first; also an Atom feed (price_changes.atom). Prices are per million tokens in the currency
--   the seller stated. Each entry's id is the price row's address, from its key, so it stays the
--   same from build to build; its date is the day the new price took effect.
-- feed: {format: atom, pages: [/, /almanac/prices]}
with series as (
  select p.*,
    lag(p.input_per_mtok) over w as input_before,
    lag(p.output_per_mtok) over w as output_before,
    lag(p.cached_input_per_mtok) over w as cached_before,
    lag(p.effective_from) over w as before_from
  from prices p
  window w as (partition by p.model_id, p.provider_id, p.tier, p.currency order by p.effective_from)
),
changes as (
  select s.*,
    '/almanac/prices/' || s.model_id || ',' || s.provider_id || ',' || s.tier || ',' || s.currency || ',' || s.effective_from as path,
    -- One part per price that changed, "input 5 → 2.5"; a price no source states is "none".
    trim(
      case when s.input_before is not s.input_per_mtok then ', input ' || iif(s.input_before is null, 'none', printf('%g', s.input_before)) || ' → ' || iif(s.input_per_mtok is null, 'none', printf('%g', s.input_per_mtok)) else '' end
      || case when s.output_before is not s.output_per_mtok then ', output ' || iif(s.output_before is null, 'none', printf('%g', s.output_before)) || ' → ' || iif(s.output_per_mtok is null, 'none', printf('%g', s.output_per_mtok)) else '' end
      || case when s.cached_before is not s.cached_input_per_mtok then ', cached input ' || iif(s.cached_before is null, 'none', printf('%g', s.cached_before)) || ' → ' || iif(s.cached_input_per_mtok is null, 'none', printf('%g', s.cached_input_per_mtok)) else '' end,
      ', '
    ) as change
  from series s
  where s.before_from is not null
    and (s.input_before is not s.input_per_mtok or s.output_before is not s.output_per_mtok or s.cached_before is not s.cached_input_per_mtok)
)
select
  m.name as model,
  o.name as provider,
  c.tier,
  c.currency,
  c.before_from,
  c.effective_from,
  c.change,
  :_almanac_url || c.path as atom_id,
  m.name || ' (' || o.name || ', ' || c.tier || '): ' || c.change || ' ' || c.currency || ' per million tokens' as atom_title,
  substr(c.effective_from || '-01-01', 1, 10) || 'T00:00:00Z' as atom_updated,
  :_almanac_url || c.path as atom_link,
  o.name || ' changed the ' || c.tier || ' price of ' || m.name || ' from ' || c.effective_from
    || ' (the price before held from ' || c.before_from || '): ' || c.change || ', in ' || c.currency
    || ' per million tokens' || case c.offer when 'list' then '' else ', an ' || c.offer || ' offer' end || '.'
    || coalesce(' ' || c.note, '') as atom_content
from changes c
join models m on m.id = c.model_id
join organizations o on o.id = c.provider_id
-- A feed reader shows the latest entries; every price is in the prices table.
order by c.effective_from desc, c.model_id, c.provider_id, c.tier, c.currency
limit 100
