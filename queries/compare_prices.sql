-- title: How much cheaper? One model on one day against another on another
-- description: >-
--   The standard input and output prices of two models, each on its own date, and how many times
--   cheaper the second is, in US dollars (prices stated only in another currency are not
--   compared). A model may be named by its id, its name or an API name such as an alias, which
--   means the model it pointed at on that day. The defaults compare GPT-4 in December 2023 with
--   GPT-4o in December 2024.
-- gaps: a model with no standard dollar price on its day gives no row
-- parameters:
--   model_a: {type: model_name, default: gpt-4, description: 'the first model (id, name or API name)'}
--   date_a: {type: date, default: 2023-12-15, description: the day of the first price}
--   model_b: {type: model_name, default: gpt-4o, description: 'the second model (id, name or API name)'}
--   date_b: {type: date, default: 2024-12-31, description: the day of the second price}
with a as (
  select * from prices
  where model_id = (
      select model_id from name_lookup where name = lower(trim(:model_a))
        and effective_from <= :date_a and (effective_to is null or effective_to > :date_a)
      order by rank, used_by limit 1)
    and tier = 'standard' and currency = 'USD'
    and effective_from <= :date_a and (in_force_to is null or in_force_to > :date_a)
),
b as (
  select * from prices
  where model_id = (
      select model_id from name_lookup where name = lower(trim(:model_b))
        and effective_from <= :date_b and (effective_to is null or effective_to > :date_b)
      order by rank, used_by limit 1)
    and tier = 'standard' and currency = 'USD'
    and effective_from <= :date_b and (in_force_to is null or in_force_to > :date_b)
)
select
  :model_a as model_a, :date_a as date_a, a.model_id as a_model_id, b.model_id as b_model_id, a.input_usd_per_mtok as a_input_usd_per_mtok, a.output_usd_per_mtok as a_output_usd_per_mtok,
  :model_b as model_b, :date_b as date_b, b.input_usd_per_mtok as b_input_usd_per_mtok, b.output_usd_per_mtok as b_output_usd_per_mtok,
  round(a.input_usd_per_mtok / b.input_usd_per_mtok, 2) as input_times_cheaper,
  round(a.output_usd_per_mtok / b.output_usd_per_mtok, 2) as output_times_cheaper,
  a.source_id as a_source_id,
  b.source_id as b_source_id
from a, b
