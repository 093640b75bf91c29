-- title: What the almanac does not know
-- description: >-
--   The gaps a reader should know about, each with the note that says why: models sold only
--   through their makers' apps or APIs (closed weights) with no price recorded, price periods
--   whose start is only the first day a source shows the price in force, and models
--   with no known context window. A figure no source states stays empty rather than guessed.
-- parameters:
--   gap: {type: text, default: all, choices: [all, unpriced-closed-model, unconfirmed-price-start, unknown-context-window], description: which kind of gap}
with gaps as (
  select 'unpriced-closed-model' as gap, m.id as model_id, m.name as model, m.organization_id,
    null as detail, m.note
  from models m
  where m.open_weights = 0 and m.snapshot_of is null
    and not exists (select 1 from prices p join models priced on priced.id = p.model_id
                    where priced.id = m.id or priced.snapshot_of = m.id)
  union all
  select 'unconfirmed-price-start', p.model_id, m.name, m.organization_id,
    p.tier || ' price in ' || p.currency || ' in force by ' || p.effective_from, p.note
  from prices p join models m on m.id = p.model_id
  where p.effective_from_confirmed = 0
  union all
  select 'unknown-context-window', m.id, m.name, m.organization_id, null, m.note
  from models m
  where m.context_window is null and m.snapshot_of is null
)
select gap, model, organization_id, detail, note, model_id
from gaps
where :gap = 'all' or gap = :gap
order by gap, organization_id, model_id, detail
