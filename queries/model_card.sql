-- title: Everything about one model, with its sources
-- description: >-
--   Every fact the almanac holds about a model (by its id, such as gpt-4o): its own fields, context
--   windows, modalities, prices, training run, leaderboard entries and events, each with the source
--   that states it and the words quoted from it.
-- parameters:
--   model: {type: model, default: gpt-4o, description: "the model (its name, id or an alias)"}
with facts as (
  select 1 as section_order, 'model' as section, j.key as item, j.value as value,
    'models' as table_name, m.id as record_id, j.key as field
  from models m, json_each(json_object(
    'name', m.name, 'organization_id', m.organization_id, 'family', m.family,
    'release_date', m.release_date, 'announced_date', m.announced_date,
    'general_availability_date', m.general_availability_date, 'deprecation_date', m.deprecation_date,
    'retirement_date', m.retirement_date, 'replacement_model_id', m.replacement_model_id,
    'snapshot_of', m.snapshot_of,
    'open_weights', m.open_weights, 'license', m.license, 'parameters_b', m.parameters_b,
    'active_parameters_b', m.active_parameters_b, 'context_window', m.context_window,
    'max_output_tokens', m.max_output_tokens, 'knowledge_cutoff', m.knowledge_cutoff,
    'reasoning', m.reasoning, 'description', m.description, 'note', m.note
  )) j
  where m.id = :model and j.value is not null
  union all
  select 2, 'context window', 'from ' || effective_from,
    context_window || ' tokens' || coalesce(', up to ' || max_output_tokens || ' output tokens', ''),
    'context_windows', model_id || ',' || effective_from, 'context_window'
  from context_windows where model_id = :model
  union all
  select 3, 'modality', direction, modality || coalesce(' (from ' || effective_from || ')', ''),
    'model_modalities', model_id || ',' || direction || ',' || modality, 'modality'
  from model_modalities where model_id = :model
  union all
  select 4, 'price', tier || ', from ' || effective_from || coalesce(' until ' || effective_to, ''),
    trim(coalesce(input_per_mtok || ' input', '') || coalesce(', ' || output_per_mtok || ' output', '')
      || coalesce(', ' || cached_input_per_mtok || ' cached input', ''), ', ') || ' ' || currency || ' per million tokens',
    'prices', model_id || ',' || provider_id || ',' || tier || ',' || currency || ',' || effective_from,
    case when input_per_mtok is not null then 'input_per_mtok' else 'output_per_mtok' end
  from prices where model_id = :model
  union all
  select 5, 'training', coalesce(gpu_type, 'accelerators'),
    trim(coalesce(gpu_hours || ' GPU hours', '') || coalesce('; ' || training_tokens || ' training tokens', '')
      || coalesce('; ' || training_compute_flop || ' FLOP' || coalesce(' (' || compute_basis || ')', ''), '')
      || coalesce('; $' || training_cost_usd || ' (' || cost_basis || ')', ''), '; '),
    'training_runs', model_id, case when gpu_hours is not null then 'gpu_hours' when training_tokens is not null then 'training_tokens' when training_compute_flop is not null then 'training_compute_flop' else 'gpu_type' end
  from training_runs where model_id = :model
  union all
  select 6, 'leaderboard', entry || ' (' || leaderboard || ', ' || snapshot_date || ')',
    'score ' || score || ', rank ' || rank,
    'leaderboard_scores', leaderboard || ',' || snapshot_date || ',' || entry, 'score'
  from leaderboard_scores where model_id = :model
  union all
  select 7, 'event', date, title, 'events', id, 'title'
  from events where model_id = :model
  union all
  select 8, 'name', n.name || ' (' || n.kind || ', ' || n.used_by || ')',
    n.model_id || ' from ' || n.effective_from || coalesce(' until ' || n.effective_to, ''),
    'model_names', n.used_by || ',' || n.name || ',' || n.effective_from, 'model_id'
  from model_names n
  where n.model_id = :model or n.model_id in (select id from models where snapshot_of = :model)
  union all
  select 9, 'snapshot', s.id, coalesce('released ' || s.release_date, '')
      || coalesce(', retired ' || s.retirement_date, ''),
    'models', s.id, 'snapshot_of'
  from models s where s.snapshot_of = :model
)
select f.section, f.item, f.value, c.source_id, s.url as source_url, s.kind as source_kind, c.quote
from facts f
left join citations c on c.table_name = f.table_name and c.record_id = f.record_id and c.field = f.field
left join sources s on s.id = c.source_id
order by f.section_order, f.item, c.source_id
