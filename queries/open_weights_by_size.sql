-- title: Open-weights models by size (what runs on a laptop?)
-- description: >-
--   Open-weights models with a published parameter count, smallest first, with a rule-of-thumb
--   size of their weights: parameters times 4 bits (0.5 bytes) when quantized, or 16 bits (2
--   bytes). An estimate, not a measurement: running a model needs some memory beyond its weights.
-- parameters:
--   memory_gb: {type: number, default: 64, description: memory of the machine in GB}
-- chart: {mark: bar, x_column: model, x_type: ordinal, y_column: approx_gb_at_4_bit, y_type: quantitative}
select
  m.name as model,
  o.name as organization,
  m.parameters_b,
  m.active_parameters_b,
  round(m.parameters_b * 0.5, 1) as approx_gb_at_4_bit,
  round(m.parameters_b * 2, 1) as approx_gb_at_16_bit,
  m.parameters_b * 0.5 <= cast(:memory_gb as real) as fits_at_4_bit,
  m.license,
  m.release_date,
  m.id as model_id
from models m
join organizations o on o.id = m.organization_id
where m.open_weights = 1 and m.parameters_b is not null
order by m.parameters_b, model
