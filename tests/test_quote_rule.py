"""The quote rule in the build: a citation whose quote does not state its value is refused,
unless it is one of the listed exceptions, and the list is exactly the corpus's failures."""

import csv
import subprocess
import sys

from almanac import quote_rule
from almanac.build import check
from almanac.quotes import forms_markdown
from conftest import ROOT

PRICES = "prices/fixture.csv"
EXCEPTIONS = ROOT / quote_rule.EXCEPTIONS


def quote_problems(sources, exceptions=None):
    _, problems = check(sources.root, exceptions)
    return [p for p in problems if "quote rule" in p.message]


def test_the_fixture_states_every_value_it_cites(sources):
    assert quote_problems(sources) == []


def test_a_quote_that_does_not_state_the_value_names_file_line_record_field_value_and_quote(sources):
    sources.replace(PRICES, "gpt-4o,openai,standard,,2024-08-06,,true,USD,2.5,10", "gpt-4o,openai,standard,,2024-08-06,,true,USD,2.4,10")
    [problem] = quote_problems(sources)
    assert (problem.path, problem.line, problem.record, problem.field) == (
        "sources/prices/fixture.csv", 4, "gpt-4o,openai,standard,USD,2024-08-06", "input_per_mtok")
    assert "does not state 2.4" in problem.message
    assert "'From August 6, 2024: $2.50 / 1M input tokens, $10.00 / 1M output tokens'" in problem.message
    assert "source 'fixture-openai-pricing'" in problem.message


def test_an_empty_quote_on_a_checked_fact_is_refused(sources):
    sources.replace("events/fixture.yaml", '  quote: "May 13, 2024"\n', "")
    [problem] = quote_problems(sources)
    assert (problem.path, problem.record, problem.field) == ("sources/events/fixture.yaml", "2024-05-13-gpt-4o", "date")
    assert "has no quote" in problem.message


def test_booleans_free_text_and_a_proprietary_licence_are_not_checked(sources):
    # GPT-4o's quote says nothing of its weights, its licence or its description.
    sources.replace("models/fixture.yaml", "  description: A multimodal model.", "  description: Something no quote says.")
    assert quote_problems(sources) == []


def test_a_field_quote_is_held_to_its_own_field(sources):
    sources.replace("models/fixture.yaml", 'quote: "openly licensed under the DeepSeek License"', 'quote: "openly licensed"')
    [problem] = quote_problems(sources)
    assert (problem.line, problem.field) == (40, "license")  # the line of its cite


def test_a_long_quote_is_shown_shortened(sources):
    sources.replace(PRICES, "gpt-4o,openai,standard,,2024-08-06,,true,USD,2.5,10", "gpt-4o,openai,standard,,2024-08-06,,true,USD,2.4,10")
    sources.replace(PRICES, "From August 6, 2024: $2.50", "From August 6, 2024 " + "and so on " * 40 + ": $2.50")
    [problem] = quote_problems(sources)
    assert "...' (the quote rule" in problem.message
    assert len(problem.message) < 300


def test_a_listed_failure_is_let_through_and_only_that_one(sources, tmp_path):
    sources.replace(PRICES, "gpt-4o,openai,standard,,2024-08-06,,true,USD,2.5,10", "gpt-4o,openai,standard,,2024-08-06,,true,USD,2.4,12")
    exceptions = tmp_path / "exceptions.csv"
    exceptions.write_text(
        "table,record_id,field,source_id,reason\n"
        'prices,"gpt-4o,openai,standard,USD,2024-08-06",input_per_mtok,fixture-openai-pricing,quote does not state the value\n',
        encoding="utf-8",
    )
    [problem] = quote_problems(sources, exceptions)
    assert problem.field == "output_per_mtok"


def test_the_command_writes_the_failures_as_the_exceptions_list(sources, tmp_path):
    sources.replace(PRICES, "gpt-4o,openai,standard,,2024-08-06,,true,USD,2.5,10", "gpt-4o,openai,standard,,2024-08-06,,true,USD,2.4,10")
    exceptions = tmp_path / "exceptions.csv"
    command = [sys.executable, str(ROOT / "build_db.py"), "quotes", "--sources", str(sources.root), "--quote-exceptions", str(exceptions)]
    subprocess.run(command + ["--write-exceptions"], check=True, capture_output=True, cwd=sources.root.parent)
    with exceptions.open(newline="", encoding="utf-8") as f:
        assert list(csv.DictReader(f)) == [{
            "table": "prices", "record_id": "gpt-4o,openai,standard,USD,2024-08-06", "field": "input_per_mtok",
            "source_id": "fixture-openai-pricing", "reason": "quote does not state the value",
        }]
    built = subprocess.run(
        [sys.executable, str(ROOT / "build_db.py"), "build", "--sources", str(sources.root), "--db", str(tmp_path / "a.db"), "--quote-exceptions", str(exceptions)],
        capture_output=True, text=True, cwd=sources.root.parent,
    )
    assert built.returncode == 0, built.stderr


def test_the_exceptions_list_is_exactly_the_corpus_failures():
    """A new failure fails the build; a mended citation must leave the list, so it only shrinks.
    After mending quotes or merging records: python build_db.py quotes --write-exceptions."""
    records, problems = check(ROOT / "sources", EXCEPTIONS)
    assert problems == [], "\n".join(map(str, problems[:20]))
    current = {(*f.key, f.reason) for f in quote_rule.failures(records)}
    with EXCEPTIONS.open(newline="", encoding="utf-8") as f:
        listed = {tuple(row[name] for name in quote_rule.EXCEPTIONS_HEADER) for row in csv.DictReader(f)}
    mended = sorted(listed - current)
    assert not mended, f"{len(mended)} listed citations no longer fail (remove them: python build_db.py quotes --write-exceptions): {mended[:10]}"
    assert listed == current


def test_a_csv_cite_can_be_a_flow_mapping_with_a_quote_per_field(sources, tmp_path):
    from almanac.build import build
    import sqlite_utils

    assert build(sources.root, tmp_path / "a.db") == []
    rows = list(sqlite_utils.Database(tmp_path / "a.db").query(
        "select field, source_id, quote from citations where table_name = 'prices' and record_id = 'gpt-4o,openai,standard,USD,2024-08-06' order by field"))
    assert {"field": "cached_input_per_mtok", "source_id": "fixture-review", "quote": "cached input at $1.25"} in rows
    assert {"field": "input_per_mtok", "source_id": "fixture-openai-pricing", "quote": "From August 6, 2024: $2.50 / 1M input tokens, $10.00 / 1M output tokens"} in rows


def test_a_broken_flow_mapping_in_a_csv_cite_names_file_line_and_field(sources):
    sources.replace(PRICES, "{cached_input_per_mtok: {source: fixture-review, quote: 'cached input at $1.25'}}", "{cached_input_per_mtok: {source: fixture-review")
    _, problems = check(sources.root)
    [problem] = [p for p in problems if p.field == "cite"]
    assert (problem.path, problem.line, problem.record) == ("sources/prices/fixture.csv", 4, "gpt-4o,openai,standard,USD,2024-08-06")
    assert "not a valid YAML flow mapping" in problem.message


def test_a_flow_mapping_cite_keeps_the_shape_of_yaml_cites(sources):
    sources.replace(PRICES, "{cached_input_per_mtok: {source: fixture-review, quote: 'cached input at $1.25'}}", "{cached_input_per_mtok: {source: fixture-review, page: 3}}")
    _, problems = check(sources.root)
    [problem] = [p for p in problems if p.field == "cite"]
    assert problem.line == 4 and "{source: ..., quote: ...}" in problem.message


def test_the_documented_forms_are_the_declared_ones():
    text = (ROOT / quote_rule.DOCS).read_text(encoding="utf-8")
    assert quote_rule.blocks_of(text)["forms"] == forms_markdown(), "run: python build_db.py quotes --write-docs"


def test_quotes_are_held_to_values_once_every_value_is_valid(sources):
    sources.replace(PRICES, "gpt-4o,openai,standard,,2024-08-06,,true,USD,2.5,10", "gpt-4o,openai,standard,,2024-08-06,,true,USD,2.4,10")
    sources.replace("models/fixture.yaml", "release_date: 2024-05-13", "release_date: 2024-13-13")
    _, problems = check(sources.root)
    assert [p.field for p in problems] == ["release_date"]  # the broken value first; its quote later


def test_a_start_seen_only_on_a_dated_copy_is_stated_by_the_copys_date(sources):
    # The batch price's start is unconfirmed: a copy of the pricing page dated 2024-10 showed it.
    sources.replace(PRICES, "gpt-4o,openai,batch,,2024-05-13,,false,USD,2.5,7.5,,,fixture-openai-pricing,\"Batch API: $2.50 input and $7.50 output, in force on May 13, 2024\"",
                    "gpt-4o,openai,batch,,2024-10,,false,USD,2.5,7.5,,,fixture-openai-pricing,\"Batch API: $2.50 input and $7.50 output\"")
    assert quote_problems(sources) == []
    # A confirmed start claims a source says the price took effect that day: the quote must say it.
    sources.replace(PRICES, "gpt-4o,openai,batch,,2024-10,,false,", "gpt-4o,openai,batch,,2024-10,,true,")
    [problem] = quote_problems(sources)
    assert (problem.field, problem.record) == ("effective_from", "gpt-4o,openai,batch,USD,2024-10")
