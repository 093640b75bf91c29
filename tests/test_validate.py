"""Every class of error the validator catches, each named by file, line or record, and field."""

import pytest

from almanac.load import load_sources
from almanac.validate import validate

PRICES = "prices/fixture.csv"
PRICE_HEADER = "model_id,provider_id,tier,tier_min_input_tokens,effective_from,effective_to,effective_from_confirmed,currency,input_per_mtok,output_per_mtok,cached_input_per_mtok,cache_write_per_mtok,source,quote,cite,note\n"


def problems_of(sources):
    """What the validator finds (the quote rule, which runs after it, has its own tests)."""
    raw, problems = load_sources(sources.root)
    return problems + validate(raw)[1]


def only_problem(sources):
    problems = problems_of(sources)
    assert len(problems) == 1, "\n".join(map(str, problems))
    return problems[0]


def test_fixture_is_valid(sources):
    assert problems_of(sources) == []


def test_unknown_yaml_key_is_an_error_with_a_suggestion(sources):
    sources.replace("models/fixture.yaml", "  knowledge_cutoff: 2023-10", "  knowledge_cuttoff: 2023-10")
    problem = only_problem(sources)
    assert (problem.path, problem.line, problem.record, problem.field) == ("sources/models/fixture.yaml", 17, "gpt-4o", "knowledge_cuttoff")
    assert "did you mean 'knowledge_cutoff'" in problem.message


def test_unknown_csv_column_is_an_error(sources):
    sources.write("organizations/more.csv", "id,name,country,kind,headquarters,source\nmeta,Meta,US,big-tech,Menlo Park,fixture-review\n")
    problem = only_problem(sources)
    assert (problem.path, problem.line, problem.record, problem.field) == ("sources/organizations/more.csv", 2, "meta", "headquarters")
    assert "unknown field" in problem.message


def test_derived_column_cannot_be_written(sources):
    sources.replace("models/fixture.yaml", "  family: GPT-4o\n", "  family: GPT-4o\n  context_window: 128000\n")
    problem = only_problem(sources)
    assert problem.field == "context_window"
    assert "computed by the build" in problem.message


def test_missing_required_field(sources):
    sources.replace("models/fixture.yaml", "  release_date: 2024-05-13\n", "")
    problem = only_problem(sources)
    assert (problem.record, problem.field) == ("gpt-4o", "release_date")
    assert "required" in problem.message


def test_a_closed_model_may_leave_its_weights_and_licence_to_their_defaults(sources):
    sources.replace("models/fixture.yaml", "  open_weights: false\n  license: proprietary\n  knowledge_cutoff", "  knowledge_cutoff")
    assert problems_of(sources) == []


def test_an_open_weights_model_names_its_licence(sources):
    sources.replace("models/fixture.yaml", "  license: DeepSeek License\n", "")
    problem = only_problem(sources)
    assert (problem.record, problem.field) == ("deepseek-v3", "license")
    assert "needs its licence" in problem.message


@pytest.mark.parametrize(
    "field,old,new,expected",
    [
        ("parameters_b", "parameters_b: 671", "parameters_b: 671B", "expected a number"),
        ("open_weights", "open_weights: true", "open_weights: yes", "expected true or false"),
        ("organization_id", "organization_id: deepseek", "organization_id: Deep Seek", "lowercase letters, digits and single hyphens"),
    ],
)
def test_wrong_types(sources, field, old, new, expected):
    sources.replace("models/fixture.yaml", old, new)
    problem = only_problem(sources)
    assert problem.path == "sources/models/fixture.yaml"
    assert problem.field == field
    assert expected in problem.message


def test_integer_field_rejects_a_fraction(sources):
    sources.replace("context_windows/fixture.csv", "gpt-4,2023-03-14,8192", "gpt-4,2023-03-14,8192.5")
    problem = only_problem(sources)
    assert (problem.path, problem.line, problem.field) == ("sources/context_windows/fixture.csv", 2, "context_window")
    assert "whole number" in problem.message


def test_value_outside_a_vocabulary(sources):
    sources.replace("model_modalities/fixture.csv", "gpt-4o,input,image", "gpt-4o,input,smell")
    problem = only_problem(sources)
    assert (problem.line, problem.record, problem.field) == (3, "gpt-4o,input,smell", "modality")
    assert "expected one of text, image, audio, video, pdf" in problem.message


def test_country_must_be_iso_3166_alpha_2(sources):
    sources.replace("organizations/fixture.csv", "deepseek,DeepSeek,CN", "deepseek,DeepSeek,China")
    problem = only_problem(sources)
    assert (problem.line, problem.record, problem.field) == (4, "deepseek", "country")


@pytest.mark.parametrize(
    "bad,expected",
    [("2024-13-01", "not a real date"), ("2023-02-29", "not a real date"), ("13 May 2024", "YYYY-MM-DD"), ("2024-5-13", "YYYY-MM-DD")],
)
def test_malformed_or_impossible_dates(sources, bad, expected):
    sources.replace("models/fixture.yaml", "release_date: 2024-05-13", f"release_date: {bad}")
    problem = only_problem(sources)
    assert (problem.line, problem.record, problem.field) == (14, "gpt-4o", "release_date")
    assert expected in problem.message


@pytest.mark.parametrize("bad", ["-5", "$5", "five", "nan"])
def test_negative_or_non_numeric_prices(sources, bad):
    sources.replace(PRICES, "gpt-4,openai,standard,,2023-03-14,,true,USD,30,", f"gpt-4,openai,standard,,2023-03-14,,true,USD,{bad},")
    problem = only_problem(sources)
    assert (problem.path, problem.line, problem.field) == ("sources/prices/fixture.csv", 2, "input_per_mtok")


def test_price_needs_a_price(sources):
    sources.replace(PRICES, "gpt-4,openai,standard,,2023-03-14,,true,USD,30,60,", "gpt-4,openai,standard,,2023-03-14,,true,USD,,,")
    problem = only_problem(sources)
    assert (problem.line, problem.field) == (2, "input_per_mtok")


def test_long_context_tier_needs_its_threshold(sources):
    sources.replace(PRICES, "long-context,128000,", "long-context,,")
    problem = only_problem(sources)
    assert (problem.line, problem.field) == (7, "tier_min_input_tokens")


def test_duplicate_ids(sources):
    sources.append("models/fixture.yaml", "- id: gpt-4\n  name: GPT-4 again\n  organization_id: openai\n  release_date: 2023\n  open_weights: false\n  license: proprietary\n  source: fixture-review\n")
    problem = only_problem(sources)
    assert (problem.path, problem.record, problem.field) == ("sources/models/fixture.yaml", "gpt-4", "id")
    assert "already defined at sources/models/fixture.yaml:1" in problem.message


def test_duplicate_compound_key_across_files(sources):
    sources.write("prices/other.csv", PRICE_HEADER + "gpt-4,openai,standard,,2023-03-14,,true,USD,30,60,,,fixture-review,,,\n")
    problems = problems_of(sources)
    assert any(p.path == "sources/prices/other.csv" and "duplicate prices record" in p.message for p in problems)


@pytest.mark.parametrize(
    "relative,old,new,field,message",
    [
        ("models/fixture.yaml", "organization_id: google", "organization_id: gogle", "organization_id", "unknown organization 'gogle'"),
        ("prices/fixture.csv", "gpt-4,openai,standard", "gpt-5,openai,standard", "model_id", "unknown model 'gpt-5'"),
        ("events/fixture.yaml", "source: fixture-paper", "source: fixture-papr", "source", "unknown source 'fixture-papr'"),
    ],
)
def test_unknown_foreign_keys(sources, relative, old, new, field, message):
    sources.replace(relative, old, new)
    problem = only_problem(sources)
    assert problem.path == f"sources/{relative}"
    assert problem.field == field
    assert message in problem.message


def test_unknown_source_in_a_field_citation(sources):
    sources.replace("models/fixture.yaml", "{source: fixture-review,", "{source: fixture-nowhere,")
    problem = only_problem(sources)
    assert (problem.record, problem.field) == ("deepseek-v3", "cite")
    assert "unknown source 'fixture-nowhere'" in problem.message


def test_cite_only_names_fact_fields(sources):
    sources.replace("models/fixture.yaml", "    license: {source", "    family: {source")
    problem = only_problem(sources)
    assert problem.field == "cite"
    assert "not a fact field" in problem.message


def test_malformed_csv_cite(sources):
    sources.replace(PRICES, "\"{cached_input_per_mtok: {source: fixture-review, quote: 'cached input at $1.25'}}\"", "fixture-review")
    problem = only_problem(sources)
    assert (problem.line, problem.field) == (4, "cite")
    assert "field=source-id" in problem.message


def test_max_output_above_context_window(sources):
    sources.replace("context_windows/fixture.csv", "gpt-4o,2024-05-13,128000,4096", "gpt-4o,2024-05-13,128000,200000")
    problem = only_problem(sources)
    assert (problem.line, problem.record, problem.field) == (3, "gpt-4o,2024-05-13", "max_output_tokens")
    assert "larger than context_window" in problem.message


def test_effective_to_not_after_effective_from(sources):
    sources.replace(PRICES, "2024-05-13,2024-08-06,true,USD,5,15", "2024-05-13,2024-05-13,true,USD,5,15")
    problems = problems_of(sources)
    assert any(p.line == 3 and p.field == "effective_to" and "must be after effective_from" in p.message for p in problems)


def test_overlapping_price_periods(sources):
    sources.replace(PRICES, "2024-05-13,2024-08-06,true,USD,5,15", "2024-05-13,2024-09-01,true,USD,5,15")
    problem = only_problem(sources)
    assert (problem.path, problem.line, problem.field) == ("sources/prices/fixture.csv", 4, "effective_from")
    assert "overlaps the one from 2024-05-13" in problem.message
    assert "sources/prices/fixture.csv:3" in problem.message


def test_open_ended_period_followed_by_another_overlaps(sources):
    sources.append(PRICES, "gpt-4,openai,standard,,2024-06-01,,true,USD,10,30,,,fixture-review,,,\n")
    problem = only_problem(sources)
    assert (problem.line, problem.field) == (10, "effective_from")
    assert "with no effective_to" in problem.message


def test_prices_in_two_currencies_are_two_series(sources):
    # DeepSeek-V3 has a CNY price from 2024-12-26; a USD price from the same day is its own series.
    sources.append(PRICES, "deepseek-v3,deepseek,standard,,2024-12-26,,true,USD,0.14,0.28,,,fixture-paper,,,\n")
    assert problems_of(sources) == []
    # A later CNY price without closing the open CNY period overlaps it.
    sources.append(PRICES, "deepseek-v3,deepseek,standard,,2025-03-01,,true,CNY,2,8,,,fixture-paper,,,\n")
    problem = only_problem(sources)
    assert (problem.line, problem.field) == (11, "effective_from")
    assert "overlaps the one from 2025-02-08" in problem.message


@pytest.mark.parametrize("bad", ["RMB", "usd", "$"])
def test_currency_must_be_an_iso_code_the_almanac_knows(sources, bad):
    sources.replace(PRICES, "2024-12-26,2025-02-08,true,CNY,1,2", f"2024-12-26,2025-02-08,true,{bad},1,2")
    problem = only_problem(sources)
    assert (problem.path, problem.line, problem.field) == ("sources/prices/fixture.csv", 8, "currency")
    assert "CNY" in problem.message  # the message lists the accepted codes


def test_periods_of_other_tiers_do_not_overlap(sources):
    # gpt-4o has a batch price from 2024-05-13 alongside its standard prices: no problem.
    assert problems_of(sources) == []


def test_fact_with_no_source(sources):
    sources.replace("models/fixture.yaml", "  source: fixture-google-flash-8b\n", "")
    problem = only_problem(sources)
    assert (problem.record, problem.field) == ("gemini-1-5-flash-8b", "source")
    assert "needs a source" in problem.message


def test_active_parameters_above_total(sources):
    sources.replace("models/fixture.yaml", "active_parameters_b: 37", "active_parameters_b: 700")
    assert only_problem(sources).field == "active_parameters_b"


def test_every_error_is_reported_in_one_run(sources):
    sources.replace("models/fixture.yaml", "release_date: 2024-05-13", "release_date: 2024-13-13")
    sources.replace(PRICES, "gpt-4,openai,standard,,2023-03-14,,true,USD,30,", "gpt-4,openai,standard,,2023-03-14,,true,USD,-30,")
    sources.replace("model_modalities/fixture.csv", "gpt-4o,input,image", "gpt-4o,input,smell")
    sources.write("events/bad.yaml", b"- id: x\n  title: caf\xe9\n")
    problems = problems_of(sources)
    fields = {(p.path, p.field) for p in problems}
    assert fields == {
        ("sources/models/fixture.yaml", "release_date"),
        ("sources/prices/fixture.csv", "input_per_mtok"),
        ("sources/model_modalities/fixture.csv", "modality"),
        ("sources/events/bad.yaml", "title"),
    }


def test_problem_reads_as_file_line_record_field_message(sources):
    sources.replace("models/fixture.yaml", "release_date: 2024-05-13", "release_date: 2024-13-13")
    assert str(only_problem(sources)) == (
        "sources/models/fixture.yaml:14: record 'gpt-4o': field 'release_date': '2024-13-13' is not a real date"
    )


def test_a_source_nobody_cites_is_an_error(sources):
    sources.append("sources/fixture.yaml", "- id: fixture-unused\n  url: https://example.org/unused\n  title: Unused\n  publisher: Nobody\n  kind: blog\n")
    problem = only_problem(sources)
    assert (problem.record, problem.field) == ("fixture-unused", "id")
    assert "no record cites this source" in problem.message


@pytest.mark.parametrize("line,field", [("  compute_basis: Estimated by a third party from parameters and tokens (6ND)\n", "compute_basis"), ("  cost_basis: GPU hours at $2 per GPU hour\n", "cost_basis")])
def test_a_training_figure_without_its_basis(sources, line, field):
    sources.replace("training_runs/fixture.yaml", line, "")
    problem = only_problem(sources)
    assert (problem.path, problem.record, problem.field) == ("sources/training_runs/fixture.yaml", "deepseek-v3", field)
    assert "stated by the makers, or estimated" in problem.message


def test_announcement_after_release_is_an_error(sources):
    sources.replace("models/fixture.yaml", "announced_date: 2024-08", "announced_date: 2024-12")
    problem = only_problem(sources)
    assert (problem.record, problem.field) == ("gemini-1-5-flash-8b", "announced_date")
    assert "is after release_date" in problem.message


@pytest.mark.parametrize("release,announced", [("2024", "2024-11"), ("2024-10", "2024-10-31"), ("2024-02", "2024-02-29")])
def test_an_announcement_inside_a_release_known_only_to_its_year_or_month_is_not(sources, release, announced):
    sources.replace("models/fixture.yaml", "announced_date: 2024-08", f"announced_date: {announced}")
    sources.replace("models/fixture.yaml", "release_date: 2024-10-03", f"release_date: {release}")
    assert problems_of(sources) == []


@pytest.mark.parametrize("value,message", [("", "required field is missing"), ("maybe", "true or false")])
def test_every_price_says_whether_its_start_is_confirmed(sources, value, message):
    sources.replace(PRICES, "gpt-4,openai,standard,,2023-03-14,,true,", f"gpt-4,openai,standard,,2023-03-14,,{value},")
    problem = only_problem(sources)
    assert (problem.path, problem.line, problem.field) == ("sources/prices/fixture.csv", 2, "effective_from_confirmed")
    assert message in problem.message


NAMES = "model_names/fixture.csv"
SNAPSHOT = "models/fixture.yaml"


def test_periods_of_one_name_must_not_overlap(sources):
    # The alias cannot point at the August snapshot while it still points at the May one.
    sources.replace(NAMES, "gpt-4o,openai,alias,gpt-4o-2024-05-13,2024-05-13,2024-10-02,", "gpt-4o,openai,alias,gpt-4o-2024-05-13,2024-05-13,2024-10-03,")
    problem = only_problem(sources)
    assert (problem.path, problem.line, problem.field) == ("sources/model_names/fixture.csv", 5, "effective_from")
    assert "name's period overlaps the one from 2024-05-13 (until 2024-10-03)" in problem.message


def test_the_same_name_at_another_user_is_another_series(sources):
    sources.append(NAMES, "gpt-4o,google,gateway,gpt-4o-2024-08-06,2024-08-06,,fixture-openai-pricing,,,\n")
    assert problems_of(sources) == []


def test_a_name_points_at_a_known_model(sources):
    sources.append(NAMES, "gpt-5,openai,alias,gpt-5,2025-08-07,,fixture-openai-pricing,,,\n")
    problem = only_problem(sources)
    assert (problem.field, problem.record) == ("model_id", "openai,gpt-5,2025-08-07")
    assert "unknown model 'gpt-5'" in problem.message


def test_a_name_kind_is_from_its_vocabulary(sources):
    sources.replace(NAMES, "gpt-4o,openai,alias,gpt-4o-2024-05-13", "gpt-4o,openai,nickname,gpt-4o-2024-05-13")
    problem = only_problem(sources)
    assert problem.field == "kind" and "expected one of id, snapshot, alias, gateway, cloud" in problem.message


def test_a_retirement_before_the_release_is_an_error(sources):
    sources.replace(SNAPSHOT, "  deprecation_date: 2025-03-01\n  retirement_date: 2025-06-06\n", "  retirement_date: 2024-05-01\n")
    sources.replace(SNAPSHOT, "    deprecation_date: {source: fixture-deprecations, quote: \"2025-03-01 | gpt-4o-2024-05-13 | 2025-06-06 | gpt-4o-2024-08-06\"}\n", "")
    problem = only_problem(sources)
    assert (problem.record, problem.field) == ("gpt-4o-2024-05-13", "retirement_date")
    assert "retirement_date (2024-05-01) is before release_date (2024-05-13)" in problem.message


def test_a_retirement_before_its_deprecation_is_an_error(sources):
    sources.replace(SNAPSHOT, "  retirement_date: 2025-06-06\n", "  retirement_date: 2025-02\n")
    problem = only_problem(sources)
    assert "retirement_date (2025-02) is before deprecation_date (2025-03-01)" in problem.message


def test_a_retirement_in_the_month_of_its_deprecation_is_not(sources):
    sources.replace(SNAPSHOT, "  retirement_date: 2025-06-06\n", "  retirement_date: 2025-03\n")
    assert problems_of(sources) == []


def test_a_snapshot_of_a_snapshot_is_an_error(sources):
    sources.replace(SNAPSHOT, "  name: GPT-4o (2024-08-06)\n  organization_id: openai\n  family: GPT-4o\n  snapshot_of: gpt-4o\n", "  name: GPT-4o (2024-08-06)\n  organization_id: openai\n  family: GPT-4o\n  snapshot_of: gpt-4o-2024-05-13\n")
    problem = only_problem(sources)
    assert (problem.record, problem.field) == ("gpt-4o-2024-08-06", "snapshot_of")
    assert "itself a snapshot of 'gpt-4o'" in problem.message


def test_a_model_cannot_replace_itself(sources):
    sources.replace(SNAPSHOT, "  replacement_model_id: gpt-4o-2024-08-06\n", "  replacement_model_id: gpt-4o-2024-05-13\n")
    problem = only_problem(sources)
    assert (problem.field, problem.message) == ("replacement_model_id", "replacement_model_id names the model itself")


def test_a_cache_write_needs_its_lifetime(sources):
    sources.replace("prices/snapshots.csv", "USD,2.5,10,1.25,,", "USD,2.5,10,1.25,3.125,")
    problem = only_problem(sources)
    assert (problem.path, problem.line, problem.field) == ("sources/prices/snapshots.csv", 3, "cache_write_ttl_minutes")
    assert "cache_write_per_mtok needs cache_write_ttl_minutes" in problem.message


def test_a_cache_write_with_its_lifetime_is_valid(sources):
    sources.write("prices/snapshots.csv", PRICE_HEADER.replace("cache_write_per_mtok,", "cache_write_per_mtok,cache_write_ttl_minutes,cache_write_1h_per_mtok,")
                  + "gpt-4o-2024-08-06,openai,standard,,2024-08-06,,true,USD,2.5,10,1.25,3.125,5,5,fixture-openai-pricing,,,\n")
    assert problems_of(sources) == []


def test_a_lifetime_without_a_cache_write_price_is_an_error(sources):
    sources.write("prices/snapshots.csv", PRICE_HEADER.replace("cache_write_per_mtok,", "cache_write_per_mtok,cache_write_ttl_minutes,")
                  + "gpt-4o-2024-08-06,openai,standard,,2024-08-06,,true,USD,2.5,10,1.25,,5,fixture-openai-pricing,,,\n")
    problem = only_problem(sources)
    assert problem.field == "cache_write_ttl_minutes" and "which is empty" in problem.message


def test_an_introductory_price_needs_its_end(sources):
    sources.write("prices/snapshots.csv", PRICE_HEADER.replace("currency,", "currency,offer,")
                  + "gpt-4o-2024-08-06,openai,standard,,2024-08-06,,true,USD,introductory,2.5,10,1.25,,fixture-openai-pricing,,,\n")
    problem = only_problem(sources)
    assert problem.field == "effective_to" and "an introductory price needs effective_to" in problem.message


@pytest.mark.parametrize("tier", ["flex", "priority"])
def test_service_tiers_are_series_of_their_own(sources, tier):
    sources.append("prices/snapshots.csv", f"gpt-4o-2024-08-06,openai,{tier},,2024-08-06,,true,USD,1.25,5,,,fixture-openai-pricing,,,\n")
    assert problems_of(sources) == []


def test_a_flex_long_context_tier_needs_its_threshold(sources):
    sources.append("prices/snapshots.csv", "gpt-4o-2024-08-06,openai,flex-long-context,,2024-08-06,,true,USD,1.25,5,,,fixture-openai-pricing,,,\n")
    problem = only_problem(sources)
    assert problem.field == "tier_min_input_tokens" and "tier flex-long-context needs tier_min_input_tokens" in problem.message
