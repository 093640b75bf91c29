"""Claims are checked against the data by their own SQL; the verdict follows the data."""

import pytest
import sqlite_utils

from almanac.build import build
from almanac.claims import compare, report


@pytest.fixture
def claims(sources, tmp_path):
    db_path = tmp_path / "almanac.db"
    assert build(sources.root, db_path) == []
    db = sqlite_utils.Database(db_path)
    return {row["id"]: row for row in db["claims"].rows}


def test_a_claim_the_data_supports(claims):
    claim = claims["gpt-4o-12x-cheaper"]
    # GPT-4 at $30 in December 2023, GPT-4o at $2.50 in December 2024: 30 / 2.5 = 12.
    assert (claim["computed"], claim["verdict"]) == ("12", "supported")
    assert claim["verdict_reason"] == "computed 12; the claim says 12 (± 0.5)"


def test_a_claim_the_data_contradicts_is_kept_with_what_the_data_says(claims):
    claim = claims["gpt-4o-20x-cheaper"]
    assert (claim["computed"], claim["verdict"]) == ("12", "contradicted")
    assert claim["verdict_reason"] == "computed 12, but the claim says 20 (± 1)"


def test_sets_are_compared_as_sets(claims):
    claim = claims["organizations-with-models"]
    assert claim["verdict"] == "supported"
    assert claim["computed"] == "deepseek,google,openai"


def test_missing_data_makes_a_claim_not_checkable_with_the_reason(claims):
    assert claims["deepseek-price"]["verdict"] == "not-checkable"
    assert claims["deepseek-price"]["verdict_reason"] == "DeepSeek's prices are not in the fixture"
    assert claims["arena-rank"]["verdict"] == "not-checkable"
    assert claims["arena-rank"]["computed"] is None


def test_the_verdict_changes_with_the_data_not_the_other_way_round(sources, tmp_path):
    sources.replace("prices/fixture.csv", "gpt-4o,openai,standard,,2024-08-06,,true,USD,2.5,10", "gpt-4o,openai,standard,,2024-08-06,,true,USD,1.5,10")
    sources.replace("prices/fixture.csv", "$2.50 / 1M input tokens", "$1.50 / 1M input tokens")
    db_path = tmp_path / "x.db"
    assert build(sources.root, db_path) == []
    claim = sqlite_utils.Database(db_path)["claims"].get("gpt-4o-12x-cheaper")
    assert (claim["computed"], claim["verdict"]) == ("20", "contradicted")


def test_a_claim_whose_sql_fails_stops_the_build(sources, tmp_path):
    sources.replace("claims/fixture.yaml", "select 30.0 / (select", "select 30.0 / (selec")
    db_path = tmp_path / "x.db"
    problems = build(sources.root, db_path)
    [problem] = problems
    assert (problem.path, problem.record, problem.field) == ("sources/claims/fixture.yaml", "gpt-4o-20x-cheaper", "sql")
    assert problem.line == 19
    assert problem.message.startswith("SQL error:")
    assert not db_path.exists()


def test_evidence_sql_must_run_too(sources, tmp_path):
    sources.replace("claims/fixture.yaml", "evidence_sql: select * from prices", "evidence_sql: select * from pricez")
    [problem] = build(sources.root, tmp_path / "x.db")
    assert problem.field == "evidence_sql"
    assert "no such table: pricez" in problem.message


def test_claim_sql_cannot_change_the_database(sources, tmp_path):
    sources.replace("claims/fixture.yaml", "sql: select 30.0 / (select", "sql: delete from prices returning 30.0 / (select")
    [problem] = build(sources.root, tmp_path / "x.db")
    assert problem.message == "SQL error: only reading is allowed, not DELETE on prices"


def test_claim_rules(sources):
    from almanac.build import check

    sources.replace("claims/fixture.yaml", "  tolerance: 1\n", "")
    sources.replace("claims/fixture.yaml", "  missing: no leaderboard snapshot in the fixture\n", "")
    _, problems = check(sources.root)
    assert {(p.record, p.field) for p in problems} == {("gpt-4o-20x-cheaper", "tolerance"), ("arena-rank", "missing")}


@pytest.mark.parametrize(
    "comparison,value,expected,tolerance,supported",
    [
        ("approx", 11.6, "12", 0.5, True),
        ("approx", 11.4, "12", 0.5, False),
        ("at-least", 18, "18", None, True),
        ("at-least", 17, "18", None, False),
        ("at-most", 0.15, "0.15", None, True),
        ("more-than", 0.5, "0.5", None, False),  # exactly half is not "most"
        ("more-than", 0.519, "0.5", None, True),
        ("equals", "2024-12-20", "2024-12-20", None, True),
        ("equals", 4096.0, "4096", None, True),
        ("same-set", "a, b,c", "c,b,a", None, True),
        ("same-set", "a,b", "a,b,c", None, False),
        ("true", 1, None, None, True),
        ("true", 0, None, None, False),
    ],
)
def test_comparisons(comparison, value, expected, tolerance, supported):
    assert compare(comparison, value, expected, tolerance)[0] is supported


def test_report_lists_every_claim_with_its_verdict(sources, tmp_path):
    db_path = tmp_path / "x.db"
    build(sources.root, db_path)
    text = report(sqlite_utils.Database(db_path))
    assert "2 supported, 1 contradicted, 2 not-checkable." in text
    assert "| **gpt-4o-20x-cheaper**: GPT-4o is 20x cheaper than GPT-4 | Prices | contradicted | 12 |" in text
