-- title: Price history of one model
-- description: >-
--   Every period in which a price held for one model (by its id, such as gpt-4o or
--   claude-3-haiku), tier by tier, with the source that states it.
-- parameters:
--   model: {type: slug, default: gpt-4o, description: the model's id}
-- chart: {mark: line, x_column: effective_from, x_type: temporal, y_column: input_usd_per_mtok, y_type: quantitative, color_column: tier}
select
  p.effective_from,
  p.effective_to,
  p.tier,
  p.input_usd_per_mtok,
  p.output_usd_per_mtok,
  p.cached_input_usd_per_mtok,
  o.name as provider,
  p.source_id,
  p.note
from prices p
join organizations o on o.id = p.provider_id
where p.model_id = :model
order by p.tier, p.effective_from
