"""The build: derived columns, citations, atomic replacement, byte-for-byte reproducibility."""

import subprocess
import sys

import pytest
import sqlite_utils

from almanac.build import build
from conftest import ROOT


@pytest.fixture
def built(sources, tmp_path):
    db_path = tmp_path / "almanac.db"
    assert build(sources.root, db_path) == []
    return sqlite_utils.Database(db_path)


def test_every_table_is_created_with_its_rows(built):
    tables = ("sources", "organizations", "models", "model_modalities", "context_windows", "prices", "model_names", "events", "training_runs", "claims", "coverage")
    counts = {name: built[name].count for name in tables}
    assert counts == {"sources": 5, "organizations": 3, "models": 6, "model_modalities": 8, "context_windows": 4, "prices": 10, "model_names": 4, "events": 2, "training_runs": 1, "claims": 5, "coverage": 1}


def test_date_precision_is_derived_from_how_the_date_is_written(built):
    flash = built["models"].get("gemini-1-5-flash-8b")
    assert (flash["release_date"], flash["release_date_precision"]) == ("2024-10-03", "day")
    assert (flash["announced_date"], flash["announced_date_precision"]) == ("2024-08", "month")
    event = built["events"].get("2024-12-deepseek-v3")
    assert (event["date"], event["date_precision"]) == ("2024-12", "month")


def test_model_limits_come_from_its_latest_context_window_row(built):
    gpt4o = built["models"].get("gpt-4o")
    assert (gpt4o["context_window"], gpt4o["max_output_tokens"]) == (128000, 16384)
    assert built["models"].get("deepseek-v3")["context_window"] is None


def test_every_fact_field_resolves_to_a_source(built):
    uncovered = []
    for table in ("models", "prices", "context_windows", "model_modalities", "events", "training_runs"):
        from almanac.schema import TABLES_BY_NAME

        schema = TABLES_BY_NAME[table]
        facts = [c.name for c in schema.columns if (c.fact and c.default is None) or c.name in ("context_window", "max_output_tokens")]
        for row in built[table].rows:
            rid = ",".join(str(row[k]) for k in schema.key)
            for field in facts:
                if row.get(field) is None:
                    continue
                cited = built.execute(
                    "select count(*) from citations where table_name = ? and record_id = ? and field = ?", [table, rid, field]
                ).fetchone()[0]
                if not cited:
                    uncovered.append((table, rid, field))
    assert uncovered == []


def test_a_default_value_is_not_cited_but_a_stated_one_is(built):
    # DeepSeek-V3's record says reasoning: false; GPT-4o's leaves it to the default, which no source states.
    cited = {r["record_id"] for r in built.query("select record_id from citations where table_name = 'models' and field = 'reasoning'")}
    assert cited == {"deepseek-v3"}
    assert built["models"].get("gpt-4o")["reasoning"] == 0


def test_a_closed_model_left_to_the_defaults_has_no_citation_for_its_weights_or_licence(built):
    # gpt-4o-2024-08-06 leaves open_weights and license out: closed and proprietary by default.
    snapshot = built["models"].get("gpt-4o-2024-08-06")
    assert (snapshot["open_weights"], snapshot["license"]) == (0, "proprietary")
    fields = {r["field"] for r in built.query("select field from citations where table_name = 'models' and record_id = 'gpt-4o-2024-08-06'")}
    assert fields == {"release_date", "snapshot_of"}
    # GPT-4o writes them out and is cited for them by its record's source, as written.
    cited = {r["field"] for r in built.query("select field from citations where table_name = 'models' and record_id = 'gpt-4o'")}
    assert {"open_weights", "license"} <= cited


def test_a_field_citation_replaces_the_record_source_for_that_field(built):
    rows = list(built.query("select field, source_id, quote from citations where table_name = 'models' and record_id = 'deepseek-v3' order by field"))
    assert {"field": "license", "source_id": "fixture-review", "quote": "openly licensed under the DeepSeek License"} in rows
    assert {"field": "parameters_b", "source_id": "fixture-paper", "quote": "DeepSeek-V3, released on 26 December 2024, has 671B total parameters with 37B activated for each token"} in rows
    assert not any(r["field"] == "license" and r["source_id"] == "fixture-paper" for r in rows)


def test_model_limit_citations_follow_the_context_window_row(built):
    rows = list(built.query("select source_id, quote from citations where table_name = 'models' and record_id = 'gpt-4o' and field = 'max_output_tokens'"))
    assert rows == [{"source_id": "fixture-openai-pricing", "quote": "a 128,000-token context window and 16,384 output tokens"}]


def test_full_text_search_uses_porter_stemming(built):
    hits = list(built.query("select rowid from models_fts where models_fts match 'multimodal'"))
    assert len(hits) == 1
    assert "porter" in built["events_fts"].schema


def test_foreign_keys_are_declared(built):
    fks = {(fk.column, fk.other_table) for fk in built["prices"].foreign_keys}
    assert fks == {("model_id", "models"), ("provider_id", "organizations"), ("source_id", "sources")}


def test_two_builds_are_byte_identical(sources, tmp_path):
    first, second = tmp_path / "a.db", tmp_path / "b.db"
    assert build(sources.root, first) == []
    assert build(sources.root, second) == []
    assert first.read_bytes() == second.read_bytes()


def test_file_order_does_not_change_the_database(sources, tmp_path):
    first = tmp_path / "a.db"
    assert build(sources.root, first) == []
    # Move a record to a file that sorts first: same rows, same bytes.
    text = (sources.root / "organizations/fixture.csv").read_text()
    header, *rows = text.splitlines()
    (sources.root / "organizations/fixture.csv").write_text("\n".join([header, *rows[:-1]]) + "\n")
    sources.write("organizations/aaa.csv", "\n".join([header, rows[-1]]) + "\n")
    second = tmp_path / "b.db"
    assert build(sources.root, second) == []
    assert first.read_bytes() == second.read_bytes()


def test_failed_validation_leaves_the_previous_database_untouched(sources, tmp_path):
    db_path = tmp_path / "almanac.db"
    assert build(sources.root, db_path) == []
    before = db_path.read_bytes()
    sources.replace("prices/fixture.csv", ",30,60,", ",-30,60,")
    sources.append("models/fixture.yaml", "- id: new-model\n  name: New\n  organization_id: openai\n  release_date: 2024\n  open_weights: false\n  license: proprietary\n  source: fixture-review\n")
    assert build(sources.root, db_path) != []
    assert db_path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["almanac.db", "sources"]


def test_failure_while_writing_leaves_the_previous_database_untouched(sources, tmp_path):
    db_path = tmp_path / "almanac.db"
    assert build(sources.root, db_path) == []
    before = db_path.read_bytes()

    def crash(db):
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        build(sources.root, db_path, steps=[crash])
    assert db_path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["almanac.db", "sources"]


def run_cli(*args):
    return subprocess.run([sys.executable, "build_db.py", *args], cwd=ROOT, capture_output=True, text=True)


def test_cli_reports_every_problem_and_exits_1(sources, tmp_path):
    sources.replace("models/fixture.yaml", "release_date: 2024-05-13", "release_date: 2024-13-13")
    sources.replace("prices/fixture.csv", ",30,60,", ",thirty,60,")
    db_path = tmp_path / "out.db"
    result = run_cli("build", "--sources", str(sources.root), "--db", str(db_path))
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert lines[0].startswith("sources/models/fixture.yaml:14: record 'gpt-4o': field 'release_date':")
    assert lines[1].startswith("sources/prices/fixture.csv:2: record 'gpt-4,openai,standard,USD,2023-03-14': field 'input_per_mtok':")
    assert lines[-1] == "2 problems found; nothing was written."
    assert not db_path.exists()


def test_cli_check_writes_nothing(sources, tmp_path):
    result = run_cli("check", "--sources", str(sources.root), "--db", str(tmp_path / "x.db"))
    assert result.returncode == 0, result.stderr
    assert "All records are valid." in result.stdout
    assert not (tmp_path / "x.db").exists()


def test_prices_keep_their_currency_and_only_dollars_reach_the_usd_columns(built):
    cny = next(built.query("select * from prices where model_id = 'deepseek-v3' order by effective_from"))
    assert (cny["currency"], cny["input_per_mtok"], cny["output_per_mtok"], cny["cached_input_per_mtok"]) == ("CNY", 1.0, 2.0, 0.1)
    assert (cny["input_usd_per_mtok"], cny["output_usd_per_mtok"], cny["cached_input_usd_per_mtok"]) == (None, None, None)
    usd = next(built.query("select * from prices where model_id = 'gpt-4' and tier = 'standard'"))
    assert (usd["currency"], usd["input_per_mtok"], usd["input_usd_per_mtok"]) == ("USD", 30.0, 30.0)
    fields = {r["field"] for r in built.query("select field from citations where table_name = 'prices' and record_id = 'deepseek-v3,deepseek,standard,CNY,2024-12-26'")}
    assert {"input_per_mtok", "output_per_mtok", "cached_input_per_mtok"} <= fields


def coverage_of(sources, tmp_path):
    db_path = tmp_path / "coverage.db"
    assert build(sources.root, db_path) == []
    return next(sqlite_utils.Database(db_path)["coverage"].rows)


def test_the_covered_period_follows_the_data(sources, tmp_path):
    assert coverage_of(sources, tmp_path)["covered_to"] == "2025-02-08"
    sources.append("events/fixture.yaml", "- id: later-event\n  date: 2026-11-30\n  kind: other\n  title: Something later\n  source: fixture-review\n  quote: on November 30, 2026\n")
    assert coverage_of(sources, tmp_path) == {"covered_from": "2023-03-14", "covered_to": "2026-11-30", "latest_month": "2026-11"}


def test_a_scheduled_retirement_does_not_extend_the_covered_period(sources, tmp_path):
    sources.replace("models/fixture.yaml", "  retirement_date: 2025-06-06\n", "  retirement_date: 2027-06-06\n")
    sources.replace("models/fixture.yaml", 'retirement_date: {source: fixture-deprecations, quote: "2025-03-01 | gpt-4o-2024-05-13 | 2025-06-06', 'retirement_date: {source: fixture-deprecations, quote: "2025-03-01 | gpt-4o-2024-05-13 | 2027-06-06')
    assert coverage_of(sources, tmp_path)["covered_to"] == "2025-02-08"
