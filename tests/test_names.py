"""Names gateways use, proposed from reference datasets for review (small fixtures of their own)."""

import csv
import io
import shutil
import subprocess
import sys

import pytest

from almanac.build import build
from almanac.names import candidates, proposals_csv, propose
from conftest import FIXTURE_SOURCES, ROOT
from test_crosscheck import REFERENCE, db_path  # noqa: F401 (the fixture database of the crosscheck)


def by_name(proposals):
    found = {}
    for row in proposals:
        found.setdefault((row["used_by"], row["name"]), []).append(row)
    return found


def test_a_gateway_name_takes_every_period_of_the_name_it_passes_on(db_path):
    found = by_name(propose(db_path, REFERENCE))
    # LiteLLM's key gpt-4o is OpenAI's alias, which moved on 2024-10-02: two periods, each cited
    # by the sources of the alias's own period, quoting the dataset's line.
    rows = found[("berriai", "gpt-4o")]
    assert [(r["model_id"], r["effective_from"], r["effective_to"]) for r in rows] == [
        ("gpt-4o-2024-05-13", "2024-05-13", "2024-10-02"), ("gpt-4o-2024-08-06", "2024-10-02", ""),
    ]
    assert rows[0]["quote"].startswith('"gpt-4o": {"litellm_provider": "openai"')
    assert (rows[0]["kind"], rows[0]["source"], rows[0]["dataset_line"]) == ("gateway", "litellm-prices", 4)
    said = "{source: fixture-openai-pricing, quote: 'gpt-4o pointed to gpt-4o-2024-05-13 from May 13, 2024 until October 2, 2024'}"
    assert rows[0]["cite"] == f"{{effective_from: {said}, effective_to: {said}}}"
    # OpenRouter's ids, from genai-prices at its commit: the dataset's own line is the quote.
    [snapshot] = found[("openrouter", "openai/gpt-4o-2024-08-06")]
    assert (snapshot["model_id"], snapshot["source"], snapshot["quote"]) == ("gpt-4o-2024-08-06", "genai-prices-0123456", "- equals: openai/gpt-4o-2024-08-06")
    # The same words in another order name the almanac's model, from its release.
    [flash] = found[("openrouter", "google/gemini-flash-1.5-8b")]
    assert (flash["model_id"], flash["effective_from"], flash["matched"]) == ("gemini-1-5-flash-8b", "2024-10-03", "gemini-1-5-flash-8b")
    # Its date is cited by a quote of the model's records that states it, as the quote rule asks
    # ("now generally available" on a page of that day).
    assert flash["cite"] == "{effective_from: {source: fixture-google-flash-8b, quote: 'Gemini 1.5 Flash-8B, first shown in August 2024, is now generally available'}}"


def test_unknown_names_names_without_a_maker_and_held_names_are_not_proposed(db_path, tmp_path):
    found = by_name(propose(db_path, REFERENCE))
    assert ("openrouter", "unknown-lab/unknown-model") not in found
    assert ("openrouter", "gemini-flash-1.5-8b") not in found  # OpenRouter's ids name their maker
    assert ("berriai", "text-embedding-3-small") not in found  # not a chat model
    # Once a name is in sources/model_names, it is no longer proposed.
    sources = tmp_path / "sources"
    shutil.copytree(FIXTURE_SOURCES, sources)
    shutil.copytree(ROOT / "tests" / "fixtures" / "usage" / "sources", sources, dirs_exist_ok=True)
    assert build(sources, tmp_path / "almanac.db") == []
    held = by_name(propose(tmp_path / "almanac.db", REFERENCE))
    assert ("openrouter", "openai/gpt-4o") not in held and ("berriai", "gpt-4o") in held


@pytest.mark.parametrize(
    "name,expected",
    [
        ("bedrock/us.anthropic.claude-3-5-sonnet-20241022-v2:0", "claude-3-5-sonnet-20241022"),
        ("vertex_ai/claude-3-5-haiku@20241022", "claude-3-5-haiku"),
        ("anthropic/claude-3.5-haiku:beta", "claude-3-5-haiku"),
    ],
)
def test_a_gateway_name_is_tried_as_the_makers_name(name, expected):
    assert expected in candidates(name)


def test_the_crosscheck_command_writes_the_proposals_for_review(db_path, tmp_path):
    out = tmp_path / "proposals.csv"
    result = subprocess.run(
        [sys.executable, "build_db.py", "crosscheck", "--db", str(db_path), "--ref", str(REFERENCE), "--out", str(tmp_path / "report.md"), "--proposals", str(out)],
        cwd=ROOT, capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "7 proposed rows of model_names, to review" in result.stdout
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert out.read_text(encoding="utf-8") == proposals_csv(propose(db_path, REFERENCE))
    assert list(rows[0])[:10] == ["name", "used_by", "kind", "model_id", "effective_from", "effective_to", "source", "quote", "cite", "note"]
