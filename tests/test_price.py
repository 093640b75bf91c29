"""Pricing a usage log at the prices of its days: the command, the canned query and the strict
reading of the log. Every expected cost below is worked out by hand from the fixture's prices."""

import csv
import io
import json
import sqlite3
import shutil
import subprocess
import sys

import pytest

from almanac.price import COLUMNS, UsageError, price_rows, read_usage
from almanac.site import include
from conftest import FIXTURE_SOURCES, ROOT, make_site

USAGE = ROOT / "tests" / "fixtures" / "usage"


def overlaid_sources(target):
    """The fixture records with the usage fixture's laid over them (a maker with cache prices and
    a gap, a gateway and its names)."""
    shutil.copytree(FIXTURE_SOURCES, target)
    shutil.copytree(USAGE / "sources", target, dirs_exist_ok=True)
    return target


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("usage")
    return make_site(root / "site", overlaid_sources(root / "sources"))


def price(site, log):
    result = subprocess.run(
        [sys.executable, "-m", "almanac.price", str(log), "--db", str(site / "almanac.db")],
        cwd=ROOT, capture_output=True, text=True,
    )
    return result


@pytest.fixture(scope="module")
def priced(site):
    result = price(site, USAGE / "usage.csv")
    assert result.returncode == 0, result.stderr
    return result, list(csv.DictReader(io.StringIO(result.stdout)))


def costs(row):
    return tuple(float(row[c]) for c in ("input_cost_usd", "output_cost_usd", "cached_input_cost_usd", "cache_write_cost_usd", "cost_usd"))


# line of usage.csv -> (model_id, input, output, cached input, cache write, total), in US dollars.
PRICED = {
    # The snapshot at $5/$15: 0.2M x 5 = 1.00, 0.05M x 15 = 0.75.
    2: ("gpt-4o-2024-05-13", 1.0, 0.75, 0.0, 0.0, 1.75),
    # The alias before it moved (2024-10-02) still meant the May snapshot: 0.1M x 5, 0.02M x 15.
    3: ("gpt-4o-2024-05-13", 0.5, 0.3, 0.0, 0.0, 0.8),
    # After it moved, the August snapshot at $2.50/$10, cached $1.25: 0.3M x 2.5 = 0.75 uncached,
    # 0.1M x 1.25 = 0.125 cached, 0.04M x 10 = 0.40.
    4: ("gpt-4o-2024-08-06", 0.75, 0.4, 0.125, 0.0, 1.275),
    # OpenRouter's id for it, priced at OpenAI's own price (the seller by default): 1M x 2.5, 0.1M x 10.
    5: ("gpt-4o-2024-08-06", 2.5, 1.0, 0.0, 0.0, 3.5),
    # Claude 3.5 Haiku at $0.80/$4, cache reads $0.08, cache writes $1: of 1M input, 0.7M uncached
    # (0.56), 0.2M cached (0.016), 0.1M written (0.10); 0.05M output x 4 = 0.20.
    6: ("claude-3-5-haiku", 0.56, 0.2, 0.016, 0.1, 0.876),
    # 150,000 input tokens per call, over the 128,000 threshold: long-context $0.075/$0.30.
    7: ("gemini-1-5-flash-8b", 0.0225, 0.0006, 0.0, 0.0, 0.0231),
    # The same tokens over three calls (100,000 each) stay at the standard $0.0375/$0.15; the
    # model's name, in any case, names it.
    8: ("gemini-1-5-flash-8b", 0.01125, 0.0003, 0.0, 0.0, 0.01155),
    # The batch tier of the snapshot the alias meant: 1M x 1.25, 0.5M x 5.
    9: ("gpt-4o-2024-08-06", 1.25, 2.5, 0.0, 0.0, 3.75),
}
UNPRICED = {
    10: "no standard price of claude-3-5-haiku from anthropic in force on 2024-11-20",
    11: "unknown model name 'mystery-model-9000'",
    12: "'gpt-4o' meant no model on 2024-03-01",
    13: "the price of deepseek-v3 on 2025-01-10 is stated only in CNY (prices are never converted)",
    14: "calls of 11000 tokens (input and output, per call) are larger than the context window of gpt-4 on 2024-11-01, 8192 tokens",
    15: "the almanac has no batch price of gpt-4o-2024-05-13 from openai",
    16: "the almanac has no prices from openrouter",
    17: "no cached-input price of gpt-4o-2024-05-13 stated for 2024-06-01 (cached tokens are not priced at any other price)",
}


def test_each_row_costs_what_its_day_prices_say(priced):
    _, rows = priced
    by_line = dict(enumerate(rows, start=2))
    for line, (model_id, *expected) in PRICED.items():
        row = by_line[line]
        assert (row["priced"], row["model_id"]) == ("yes", model_id), (line, row["reason"])
        assert costs(row) == pytest.approx(tuple(expected)), line


def test_a_row_that_cannot_be_priced_says_why_and_costs_nothing(priced):
    _, rows = priced
    by_line = dict(enumerate(rows, start=2))
    for line, reason in UNPRICED.items():
        row = by_line[line]
        assert (row["priced"], row["reason"], row["cost_usd"], row["input_cost_usd"]) == ("no", reason, "0.0", ""), line


def test_the_output_repeats_the_input_and_names_the_price_used(priced):
    result, rows = priced
    header = result.stdout.splitlines()[0].split(",")
    assert header[:9] == ["date", "model", "input_tokens", "output_tokens", "requests", "cached_input_tokens", "cache_write_tokens", "provider", "tier"]
    assert header[9:] == ["model_id", "input_cost_usd", "output_cost_usd", "cached_input_cost_usd", "cache_write_cost_usd", "cost_usd", "priced", "reason"]
    assert rows[6]["model"] == "Gemini 1.5 Flash-8B" and rows[6]["requests"] == "3"
    assert rows[5]["reason"] == "long-context price of gemini-1-5-flash-8b from google in force since 2024-10-03, for calls over 128000 input tokens (source fixture-google-flash-8b)"
    total = sum(expected[-1] for expected in PRICED.values())
    assert result.stderr.strip() == f"total: ${total:.6f} for 8 of 16 rows priced; 8 not priced (see their reason column)"


async def test_the_canned_query_prices_one_call_with_the_same_sql(site):
    from datasette.app import Datasette

    datasette = Datasette(config_dir=site)
    await datasette.invoke_startup()
    params = {"date": "2024-12-10", "model": "claude-3-5-haiku-latest", "input_tokens": "1000000", "output_tokens": "50000",
              "requests": "20", "cached_input_tokens": "200000", "cache_write_tokens": "100000", "_shape": "array"}
    response = await datasette.client.get("/almanac/price_call.json", params=params)
    assert response.status_code == 200, response.text
    [row] = response.json()
    assert (row["model_id"], row["priced"]) == ("claude-3-5-haiku", "yes")
    assert (row["input_cost_usd"], row["cached_input_cost_usd"], row["cache_write_cost_usd"], row["cost_usd"]) == pytest.approx((0.56, 0.016, 0.1, 0.876))
    # Defaults: 10,000 input and 1,000 output tokens of gpt-4o on 2024-11-01, the August snapshot.
    [row] = (await datasette.client.get("/almanac/price_call.json", params={"_shape": "array"})).json()
    assert (row["model_id"], row["cost_usd"]) == ("gpt-4o-2024-08-06", pytest.approx(0.035))
    response = await datasette.client.get("/almanac/price_call.json", params={"model": "mystery", "_shape": "array"})
    assert response.json()[0]["reason"] == "unknown model name 'mystery'"
    response = await datasette.client.get("/almanac/price_call.json", params={"input_tokens": "-5"})
    assert response.status_code == 400 and "input_tokens" in response.json()["error"]


@pytest.mark.parametrize(
    "text,message",
    [
        ("date,model,input_tokens\n2024-01-01,gpt-4o,1\n", "usage.csv:1: missing column 'output_tokens'"),
        ("date,model,input_tokens,output_tokens,cached_tokens\n", "usage.csv:1: unknown column 'cached_tokens' (the columns are date, model, input_tokens, output_tokens, requests, cached_input_tokens, cache_write_tokens, provider, tier)"),
        ("date,model,input_tokens,output_tokens\n2024-1-5,gpt-4o,1,1\n", "usage.csv:2: column 'date': expected a day written YYYY-MM-DD, got '2024-1-5'"),
        ("date,model,input_tokens,output_tokens\n2024-01-01,gpt-4o,1,1\n2024-02-30,gpt-4o,1,1\n", "usage.csv:3: column 'date': '2024-02-30' is not a real day"),
        ("date,model,input_tokens,output_tokens\n2024-01-01,gpt-4o,-5,1\n", "usage.csv:2: column 'input_tokens': expected a whole number of 0 or more (no signs, separators or units), got '-5'"),
        ("date,model,input_tokens,output_tokens\n2024-01-01,gpt-4o,1,1.5\n", "usage.csv:2: column 'output_tokens': expected a whole number of 0 or more (no signs, separators or units), got '1.5'"),
        ("date,model,input_tokens,output_tokens\n2024-01-01,,1,1\n", "usage.csv:2: column 'model': is empty"),
        ("date,model,input_tokens,output_tokens,requests\n2024-01-01,gpt-4o,1,1,0\n", "usage.csv:2: column 'requests': expected at least 1, got '0'"),
        ("date,model,input_tokens,output_tokens,tier\n2024-01-01,gpt-4o,1,1,cheap\n", "usage.csv:2: column 'tier': expected one of standard, batch, flex, priority, got 'cheap'"),
        ("date,model,input_tokens,output_tokens\n2024-01-01,gpt-4o,1\n", "usage.csv:2: expected 4 values, one per column, got 3"),
        ("date,model,input_tokens,output_tokens,cached_input_tokens\n2024-01-01,gpt-4o,10,1,11\n", "usage.csv:2: column 'cached_input_tokens': cached_input_tokens + cache_write_tokens (11) is more than input_tokens (10), which counts them"),
    ],
)
def test_a_malformed_log_is_refused_naming_the_line_and_column(tmp_path, text, message):
    log = tmp_path / "usage.csv"
    log.write_text(text, encoding="utf-8")
    with pytest.raises(UsageError) as error:
        read_usage(log)
    assert [p.replace(str(log), "usage.csv") for p in error.value.problems] == [message]


def test_the_command_reports_every_problem_and_prices_nothing(site, tmp_path):
    log = tmp_path / "usage.csv"
    log.write_text("date,model,input_tokens,output_tokens\n2024-13-01,gpt-4o,1,1\n2024-01-01,gpt-4o,x,1\n", encoding="utf-8")
    result = price(site, log)
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.splitlines() == [
        f"{log}:2: column 'date': '2024-13-01' is not a real day",
        f"{log}:3: column 'input_tokens': expected a whole number of 0 or more (no signs, separators or units), got 'x'",
        "2 problems found; nothing was priced.",
    ]
    missing = price(site, tmp_path / "absent.csv")
    assert missing.returncode == 1 and "cannot be read" in missing.stderr and "Traceback" not in missing.stderr


def test_the_snapshot_prices_a_log_passed_as_json_with_the_same_sql(site):
    # The static snapshot's SQL page passes the checked rows as one JSON parameter to
    # almanac/price_log.sql, which includes the command's SQL: every row comes out the same.
    sql = include((ROOT / "almanac" / "price_log.sql").read_text(encoding="utf-8"), ROOT)
    _, rows = read_usage(USAGE / "usage.csv")
    log = json.dumps([{name: row[name] for name in ("line", *COLUMNS)} for row in rows])
    db = sqlite3.connect(f"file:{site / 'almanac.db'}?mode=ro", uri=True)
    db.row_factory = sqlite3.Row
    from_json = {row["line"]: dict(row) for row in db.execute(sql, {"log": log})}
    assert from_json == price_rows(site / "almanac.db", rows)
    assert {line: from_json[line]["model_id"] for line in (2, 4)} == {2: "gpt-4o-2024-05-13", 4: "gpt-4o-2024-08-06"}


def test_a_call_after_the_model_retired_from_its_makers_api_is_not_priced(site, tmp_path):
    # The fixture's gpt-4o-2024-05-13 retired on 2025-06-06; its last price period never ended.
    log = tmp_path / "late.csv"
    log.write_text("date,model,input_tokens,output_tokens,requests\n2025-06-05,gpt-4o-2024-05-13,1000000,0,10\n2025-06-06,gpt-4o-2024-05-13,1000000,0,10\n")
    result = price(site, log)
    assert result.returncode == 0, result.stderr
    before, after = csv.DictReader(io.StringIO(result.stdout))
    assert (before["priced"], float(before["cost_usd"])) == ("yes", 5.0)
    assert (after["priced"], float(after["cost_usd"])) == ("no", 0.0)
    assert after["reason"] == "gpt-4o-2024-05-13 was retired from openai's own API on 2025-06-06"
