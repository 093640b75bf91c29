"""The maintainers' cross-check against reference datasets, on small fixtures of its own."""

import subprocess
import sys

import pytest

from almanac.build import build
from almanac.crosscheck import crosscheck, normalize, report
from conftest import FIXTURE_SOURCES, ROOT

REFERENCE = ROOT / "tests" / "fixtures" / "reference"


@pytest.fixture(scope="module")
def db_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("crosscheck") / "almanac.db"
    assert build(FIXTURE_SOURCES, path) == []
    return path


@pytest.mark.parametrize(
    "name,slug",
    [
        ("GPT-4o", "gpt-4o"),
        ("claude-3-5-sonnet-20241022", "claude-3-5-sonnet"),
        ("gemini/gemini-1.5-flash-8b", "gemini-1-5-flash-8b"),
        ("gpt-4o-2024-08-06", "gpt-4o"),
        ("Llama 3.1-405B", "llama-3-1-405b"),
        ("gemini-1.5-pro-002", "gemini-1-5-pro"),
        ("command-r-08-2024", "command-r"),  # a month and year
        ("grok-4.20-0309", "grok-4-20"),  # Grok 4.20, not grok-4: 20-0309 is no month and year
    ],
)
def test_dataset_names_become_almanac_ids(name, slug):
    assert normalize(name) == slug


def test_disagreements_are_found_field_by_field(db_path):
    found, datasets = crosscheck(db_path, REFERENCE)
    assert datasets == ["epoch", "genai-prices", "litellm", "models.dev"]
    rows = {(d.model_id, d.field, d.dataset): (d.ours, d.theirs) for d in found}
    # The fixture says GPT-4o's knowledge cutoff is 2023-10; the models.dev fixture says 2023-09.
    assert rows[("gpt-4o", "knowledge_cutoff", "models.dev")] == ("2023-10", "2023-09")
    # models.dev's dated snapshot gpt-4-0613 stands for gpt-4: released 2023-06-13, not 2023-03-14.
    assert rows[("gpt-4", "release_date", "models.dev")] == ("2023-03-14", "2023-06-13")
    # LiteLLM lists Flash-8B at $0 (its free tier) against the almanac's $0.0375.
    assert rows[("gemini-1-5-flash-8b", "input_usd_per_mtok", "litellm")] == (0.0375, 0.0)
    # Epoch dates DeepSeek-V3 two days earlier; parameters agree (671B), so they are not listed.
    assert rows[("deepseek-v3", "release_date", "epoch")] == ("2024-12-26", "2024-12-24")
    assert ("deepseek-v3", "parameters_b", "epoch") not in rows


def test_a_dated_price_is_compared_with_the_price_in_force_that_day(db_path):
    found, _ = crosscheck(db_path, REFERENCE)
    rows = {(d.model_id, d.field, d.dataset): (d.ours, d.theirs) for d in found}
    # The genai-prices fixture dates a $3 input price from 2024-07-01; the almanac's GPT-4o was
    # still at $5 that day (its cut came on 2024-08-06, where the two agree, as on today's price).
    assert rows[("gpt-4o", "input_usd_per_mtok on 2024-07-01", "genai-prices")] == (5, 3)
    assert ("gpt-4o", "output_usd_per_mtok on 2024-07-01", "genai-prices") not in rows  # $15 both
    assert ("gpt-4o", "input_usd_per_mtok on 2024-08-06", "genai-prices") not in rows  # $2.50, the tiers' base
    assert ("gpt-4o", "input_usd_per_mtok", "genai-prices") not in rows


def test_agreements_and_unknowns_are_not_reported(db_path):
    found, _ = crosscheck(db_path, REFERENCE)
    fields = {(d.model_id, d.field, d.dataset) for d in found}
    assert ("gpt-4o", "context_window", "models.dev") not in fields  # 128,000 on both sides
    assert ("gpt-4o", "input_usd_per_mtok", "litellm") not in fields  # $2.50 on both sides
    assert ("gpt-4", "max_output_tokens", "models.dev") not in fields  # the almanac does not know it
    assert not any(d.model_id == "text-embedding-3-small" for d in found)


def test_reasons_are_attached_and_unexplained_rows_stand_out(db_path, tmp_path):
    reasons = tmp_path / "reasons.yml"
    reasons.write_text(
        "- model_id: gpt-4\n  field: release_date\n  dataset: models.dev\n"
        "  reason: models.dev dates the gpt-4-0613 snapshot, not the first GPT-4.\n"
    )
    found, datasets = crosscheck(db_path, REFERENCE, reasons)
    text = report(found, datasets)
    assert "| gpt-4 | release_date | 2023-03-14 | 2023-06-13 | models.dev | models.dev dates the gpt-4-0613 snapshot, not the first GPT-4. |" in text
    assert "| gpt-4o | knowledge_cutoff | 2023-10 | 2023-09 | models.dev | **unexplained** |" in text


def test_make_target_needs_a_reference_folder(db_path, tmp_path):
    result = subprocess.run([sys.executable, "build_db.py", "crosscheck", "--db", str(db_path)], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 1
    assert "crosscheck needs --ref" in result.stderr
    out = tmp_path / "crosscheck.md"
    result = subprocess.run(
        [sys.executable, "build_db.py", "crosscheck", "--db", str(db_path), "--ref", str(REFERENCE), "--out", str(out)],
        cwd=ROOT, capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stderr
    assert out.read_text().startswith("# Cross-check against reference datasets")
