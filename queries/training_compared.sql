-- title: Training runs side by side
-- description: >-
--   Published training figures, the most GPU hours first, each against a reference model's GPU
--   hours (DeepSeek-V3 by default: the review compares it with Llama 3.1 405B). compute_basis and
--   cost_basis say which figures the makers stated and which are estimates (by Epoch AI).
-- parameters:
--   reference: {type: model, default: deepseek-v3, description: "the model to compare against (name or id)"}
-- chart: {mark: bar, x_column: model, x_type: ordinal, y_column: gpu_hours, y_type: quantitative}
select
  m.name as model,
  t.gpu_type,
  t.gpu_count,
  t.gpu_hours,
  round(t.gpu_hours * 1.0 / (select gpu_hours from training_runs where model_id = :reference), 2) as gpu_hours_vs_reference,
  t.training_tokens,
  t.training_compute_flop,
  t.compute_basis,
  t.training_cost_usd,
  t.cost_basis,
  t.model_id,
  t.source_id
from training_runs t
join models m on m.id = t.model_id
order by t.gpu_hours desc nulls last, model
