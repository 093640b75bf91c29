-- title: What would a job cost on every model?
-- description: >-
--   The cost of running a job (so many items, each with so many input and output tokens) on every
--   model, at the standard prices in force on a date, cheapest first. The defaults are the
--   review's example: 68,000 photos, 260 input and 100 output tokens each, at the end of 2024,
--   priced only on the models that can see images (choose input_modality text for text).
-- gaps: models with no standard dollar price in force that day are not priced
-- parameters:
--   input_tokens: {type: integer, default: 260, description: input tokens per item}
--   output_tokens: {type: integer, default: 100, description: output tokens per item}
--   items: {type: integer, default: 68000, description: number of items}
--   date: {type: date, default: 2024-12-31, description: the day whose prices apply}
--   input_modality: {type: text, default: image, choices: [text, image, audio, video, pdf], description: what each item is (image for photos); only models that take it are priced}
-- chart: {mark: bar, x_column: model, x_type: ordinal, y_column: total_cost_usd, y_type: quantitative}
select
  m.name as model,
  o.name as provider,
  p.input_usd_per_mtok,
  p.output_usd_per_mtok,
  round(cast(:input_tokens as integer) * cast(:items as integer) * p.input_usd_per_mtok / 1e6, 4) as input_cost_usd,
  round(cast(:output_tokens as integer) * cast(:items as integer) * p.output_usd_per_mtok / 1e6, 4) as output_cost_usd,
  round(
    (cast(:input_tokens as integer) * p.input_usd_per_mtok + cast(:output_tokens as integer) * p.output_usd_per_mtok)
    * cast(:items as integer) / 1e6, 2
  ) as total_cost_usd,
  p.effective_from as price_since,
  p.model_id,
  p.source_id
from prices p
join models m on m.id = p.model_id
join organizations o on o.id = p.provider_id
where p.tier = 'standard'
  and p.effective_from <= :date
  and (p.in_force_to is null or p.in_force_to > :date)
  and p.input_usd_per_mtok is not null
  and p.output_usd_per_mtok is not null
  and exists (
    select 1 from model_modalities mm
    where mm.model_id = coalesce(m.snapshot_of, m.id)  -- a dated snapshot takes what its model takes
      and mm.direction = 'input' and mm.modality = :input_modality
  )
order by total_cost_usd, model
