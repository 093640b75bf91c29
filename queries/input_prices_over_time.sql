-- title: Input prices over time
-- description: >-
--   Every standard price period with an input price: when it took effect, the model, its maker and
--   the price per million input tokens. Plotted on a log scale it shows the collapse of prices.
-- chart: {mark: circle, x_column: effective_from, x_type: temporal, y_column: input_usd_per_mtok, y_type: quantitative, color_column: organization}
-- chart_options: {y_scale: log}
select
  p.effective_from,
  p.effective_to,
  m.name as model,
  o.name as organization,
  p.input_usd_per_mtok,
  p.output_usd_per_mtok,
  p.model_id,
  p.source_id
from prices p
join models m on m.id = p.model_id
join organizations o on o.id = m.organization_id
where p.tier = 'standard' and p.input_usd_per_mtok > 0 and length(p.effective_from) = 10
order by p.effective_from, model
