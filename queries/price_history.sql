-- title: Price history of one model
-- description: >-
--   Every period in which a price held for one model (by its id, such as gpt-4o or
--   claude-3-haiku) and for each of its dated snapshots priced on their own, tier by tier, with
--   the source that states it. Prices are per million
--   tokens in the currency the seller stated them in (USD, EUR or CNY), never converted.
--   effective_from_confirmed is 0 where the start is only the first day a source shows the price.
-- parameters:
--   model: {type: model, default: gpt-4o, description: "the model (its name, id or an alias)"}
-- chart: {mark: line, x_column: effective_from, x_type: temporal, y_column: input_per_mtok, y_type: quantitative, color_column: series}
select
  p.model_id as offering,
  p.effective_from,
  p.effective_from_confirmed,
  p.effective_to,
  p.tier,
  p.currency,
  p.input_per_mtok,
  p.output_per_mtok,
  p.cached_input_per_mtok,
  case when p.model_id = :model then '' else p.model_id || ' ' end || p.tier || ' (' || p.currency || ')' as series,
  o.name as provider,
  p.source_id,
  p.note
from prices p
join organizations o on o.id = p.provider_id
where p.model_id = :model
  or p.model_id in (select id from models where snapshot_of = :model)
order by p.currency <> 'USD', p.currency, p.model_id <> :model, p.model_id, p.tier, p.effective_from
