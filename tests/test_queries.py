"""Canned queries answer their questions on known data, in JSON, CSV and HTML, and meet empty or
malformed parameters with defaults or a clear message, never a 500."""

import csv
import io

from markupsafe import escape

import pytest

from almanac.site import queries
from conftest import ROOT

QUERIES = queries(ROOT / "queries")


async def rows(datasette, query, **params):
    response = await datasette.client.get(f"/almanac/{query}.json", params={**params, "_shape": "array"})
    assert response.status_code == 200, response.text
    return response.json()


async def test_cost_estimate_reproduces_the_review_photo_example(datasette):
    result = await rows(datasette, "cost_estimate")
    # 260 x 68,000 = 17,680,000 input tokens at $0.0375/M = $0.663; 6,800,000 output at $0.15/M = $1.02.
    first = result[0]
    assert first["model"] == "Gemini 1.5 Flash-8B"
    assert (first["input_cost_usd"], first["output_cost_usd"], first["total_cost_usd"]) == (0.663, 1.02, 1.68)
    # 17.68 x $2.50 + 6.8 x $10 = $112.20 on GPT-4o; 17.68 x $30 + 6.8 x $60 = $938.40 on GPT-4.
    # Each dated snapshot is an offering of its own: 17.68 x $5 + 6.8 x $15 = $190.40 on gpt-4o-2024-05-13.
    # Photos are priced only on models that take images: GPT-4 (text only) comes in for text.
    assert [(r["model"], r["total_cost_usd"]) for r in result] == [
        ("Gemini 1.5 Flash-8B", 1.68), ("GPT-4o", 112.2), ("GPT-4o (2024-08-06)", 112.2), ("GPT-4o (2024-05-13)", 190.4),
    ]
    text = await rows(datasette, "cost_estimate", input_modality="text")
    assert (text[-1]["model"], text[-1]["total_cost_usd"]) == ("GPT-4", 938.4)


async def test_cost_estimate_prices_only_models_that_take_the_input(datasette):
    # Photos need a model that takes images: GPT-4 (text only, in the fixture) drops out.
    result = await rows(datasette, "cost_estimate", input_modality="image")
    assert [r["model"] for r in result] == ["Gemini 1.5 Flash-8B", "GPT-4o", "GPT-4o (2024-08-06)", "GPT-4o (2024-05-13)"]
    assert [r["model"] for r in await rows(datasette, "cost_estimate", input_modality="video")] == ["Gemini 1.5 Flash-8B"]
    assert await rows(datasette, "cost_estimate", input_modality="audio") == []


async def test_cost_estimate_uses_the_prices_of_the_day_asked(datasette):
    result = await rows(datasette, "cost_estimate", date="2024-06-01", items="1000", input_tokens="1000000", output_tokens="0", input_modality="text")
    # On 2024-06-01 GPT-4o cost $5 per million input tokens and Flash-8B had no price yet.
    assert [(r["model"], r["total_cost_usd"]) for r in result] == [("GPT-4o", 5000.0), ("GPT-4o (2024-05-13)", 5000.0), ("GPT-4", 30000.0)]


async def test_cost_estimate_in_csv_and_html(datasette):
    response = await datasette.client.get("/almanac/cost_estimate.csv")
    assert response.status_code == 200
    table = list(csv.DictReader(io.StringIO(response.text)))
    assert table[0]["model"] == "Gemini 1.5 Flash-8B" and table[0]["total_cost_usd"] == "1.68"
    html = (await datasette.client.get("/almanac/cost_estimate")).text
    assert "Gemini 1.5 Flash-8B" in html
    assert 'value="68000"' in html  # the form shows the default it used


async def test_prices_on_date(datasette):
    result = await rows(datasette, "prices_on_date", date="2024-06-01")
    assert [(r["model"], r["tier"], r["input_usd_per_mtok"]) for r in result] == [
        ("GPT-4o", "batch", 2.5),
        ("GPT-4o", "standard", 5.0),
        ("GPT-4o (2024-05-13)", "standard", 5.0),
        ("GPT-4", "standard", 30.0),
    ]


async def test_a_retired_model_has_no_price_after_its_retirement(datasette):
    # gpt-4o-2024-05-13 retired on 2025-06-06; its price period, open-ended as its source states
    # it, stops there (in_force_to), so neither the day's prices nor a cost estimate offer it.
    on = lambda day: [r["model_id"] for r in day]  # noqa: E731
    assert "gpt-4o-2024-05-13" in on(await rows(datasette, "prices_on_date", date="2025-06-05"))
    assert "gpt-4o-2024-05-13" not in on(await rows(datasette, "prices_on_date", date="2025-06-06"))
    estimate = await rows(datasette, "cost_estimate", date="2025-06-06", input_modality="text")
    assert "gpt-4o-2024-05-13" not in [r["model_id"] for r in estimate] and estimate


async def test_prices_on_date_lists_prices_in_other_currencies_after_dollars_unconverted(datasette):
    result = await rows(datasette, "prices_on_date", date="2024-12-31")
    assert [r["currency"] for r in result][-1] == "CNY"
    [deepseek] = [r for r in result if r["model_id"] == "deepseek-v3"]
    assert (deepseek["input_per_mtok"], deepseek["output_per_mtok"], deepseek["input_usd_per_mtok"]) == (1.0, 2.0, None)


async def test_cost_estimate_never_prices_a_job_in_another_currency(datasette):
    # DeepSeek-V3 takes text but its only price in the fixture is in yuan: it is not costed in dollars.
    result = await rows(datasette, "cost_estimate", input_modality="text")
    assert "DeepSeek-V3" not in [r["model"] for r in result]


async def test_price_history_of_one_model(datasette):
    result = [r for r in await rows(datasette, "price_history", model="gpt-4o") if r["offering"] == "gpt-4o"]
    assert [r["effective_from_confirmed"] for r in result] == [0, 1, 1]  # the batch start is only first seen
    assert [(r["tier"], r["effective_from"], r["effective_to"], r["input_per_mtok"]) for r in result] == [
        ("batch", "2024-05-13", None, 2.5),
        ("standard", "2024-05-13", "2024-08-06", 5.0),
        ("standard", "2024-08-06", None, 2.5),
    ]


async def test_compare_prices_gives_the_ratio(datasette):
    [row] = await rows(datasette, "compare_prices")
    assert (row["a_input_usd_per_mtok"], row["b_input_usd_per_mtok"], row["input_times_cheaper"]) == (30.0, 2.5, 12.0)
    assert row["output_times_cheaper"] == 6.0


async def test_price_drops_between_two_dates(datasette):
    result = await rows(datasette, "price_drops", from_date="2024-06-01", to_date="2024-12-31")
    assert [(r["model"], r["input_times_cheaper"], r["input_change"]) for r in result] == [
        ("GPT-4o", 2.0, "2x cheaper"),
        ("GPT-4", 1.0, "unchanged"),
        ("GPT-4o (2024-05-13)", 1.0, "unchanged"),
    ]


async def test_price_drops_compare_prices_in_their_own_currency(datasette):
    result = await rows(datasette, "price_drops", from_date="2025-01-01", to_date="2025-03-01")
    deepseek = [r for r in result if r["model_id"] == "deepseek-v3"]
    assert [(r["currency"], r["input_then"], r["input_now"], r["input_change"]) for r in deepseek] == [("CNY", 1.0, 2.0, "2x dearer")]


async def test_compare_prices_only_in_dollars(datasette):
    # DeepSeek-V3's only prices in the fixture are in yuan: nothing to compare in dollars.
    assert await rows(datasette, "compare_prices", model_a="deepseek-v3", date_a="2024-12-31") == []


async def test_cheapest_by_month_overall_and_gpt4_class(datasette):
    result = {r["month"]: r for r in await rows(datasette, "cheapest_by_month")}
    # By default the months run to the last month the almanac covers (the fixture's: 2025-02).
    assert list(result)[0] == "2023-01" and list(result)[-1] == "2025-02" and len(result) == 26
    assert (await rows(datasette, "cheapest_by_month", to_month="2024-12"))[-1]["month"] == "2024-12"
    assert result["2023-01"]["cheapest_model_id"] is None
    assert (result["2023-03"]["cheapest_model_id"], result["2023-03"]["cheapest_input_usd_per_mtok"]) == ("gpt-4", 30.0)
    assert (result["2024-05"]["cheapest_gpt4_class_model"], result["2024-05"]["cheapest_gpt4_class_input_usd_per_mtok"]) == ("GPT-4o", 5.0)
    assert result["2024-08"]["cheapest_gpt4_class_input_usd_per_mtok"] == 2.5
    assert (result["2024-10"]["cheapest_model_id"], result["2024-10"]["cheapest_input_usd_per_mtok"]) == ("gemini-1-5-flash-8b", 0.0375)


async def test_context_growth(datasette):
    result = {r["month"]: r for r in await rows(datasette, "context_growth", from_month="2023-02", to_month="2024-10")}
    assert list(result)[0] == "2023-02" and list(result)[-1] == "2024-10"
    assert result["2023-02"]["largest_context_window"] is None
    assert result["2023-03"]["largest_context_window"] == 8192
    assert result["2024-05"]["largest_context_window"] == 128000
    assert result["2024-10"]["largest_context_window"] == 1048576
    assert result["2024-10"]["models_with_largest"] == "Gemini 1.5 Flash-8B"
    assert result["2024-10"]["models_with_100k_or_more"] == 2


async def test_modalities_timeline(datasette):
    result = await rows(datasette, "modalities_timeline")
    assert [(r["month"], r["capability"], r["models"], r["running_total"]) for r in result] == [
        ("2024-05", "input image", 1, 1),
        ("2024-10", "input image", 1, 2),
        ("2024-10", "input video", 1, 1),
    ]


async def test_open_weights_by_size(datasette):
    [row] = await rows(datasette, "open_weights_by_size")
    assert (row["model"], row["approx_gb_at_4_bit"], row["approx_gb_at_16_bit"], row["fits_at_4_bit"]) == ("DeepSeek-V3", 335.5, 1342.0, 0)
    [row] = await rows(datasette, "open_weights_by_size", memory_gb="400")
    assert row["fits_at_4_bit"] == 1


async def test_releases_by_month(datasette):
    result = await rows(datasette, "releases_by_month")
    assert [(r["month"], r["organization"], r["releases"]) for r in result] == [
        ("2023-03", "OpenAI", 1),
        ("2024-05", "OpenAI", 1),
        ("2024-10", "Google", 1),
        ("2024-12", "DeepSeek", 1),
    ]


async def test_open_vs_closed(datasette):
    result = await rows(datasette, "open_vs_closed")
    assert [(r["quarter"], r["weights"], r["releases"]) for r in result] == [
        ("2023-Q1", "closed weights", 1),
        ("2024-Q2", "closed weights", 1),
        ("2024-Q4", "closed weights", 1),
        ("2024-Q4", "open weights", 1),
    ]


async def test_training_compared(datasette):
    [row] = await rows(datasette, "training_compared")
    assert (row["model"], row["gpu_hours"], row["gpu_hours_vs_reference"]) == ("DeepSeek-V3", 2788000, 1.0)
    # An estimated figure says it is one.
    assert (row["training_compute_flop"], row["compute_basis"]) == (3.4078e24, "Estimated by a third party from parameters and tokens (6ND)")


async def test_model_card_lists_facts_with_their_sources(datasette):
    result = await rows(datasette, "model_card", model="gpt-4o")
    sections = {r["section"] for r in result}
    assert sections == {"model", "context window", "modality", "price", "leaderboard", "event", "snapshot", "name"}
    snapshots = [(r["item"], r["value"]) for r in result if r["section"] == "snapshot"]
    assert snapshots == [("gpt-4o-2024-05-13", "released 2024-05-13, retired 2025-06-06"), ("gpt-4o-2024-08-06", "released 2024-08-06")]
    names = [r["item"] for r in result if r["section"] == "name"]
    assert names == ["gpt-4o (alias, openai)", "gpt-4o (alias, openai)", "gpt-4o-2024-05-13 (snapshot, openai)", "gpt-4o-2024-08-06 (snapshot, openai)"]
    limits = next(r for r in result if r["section"] == "context window" and r["item"] == "from 2024-08-06")
    assert limits["value"] == "128000 tokens, up to 16384 output tokens"
    assert (limits["source_id"], limits["quote"]) == ("fixture-openai-pricing", "a 128,000-token context window and 16,384 output tokens")
    assert limits["source_url"] == "https://example.org/openai/pricing"


async def test_arena_above_gpt4(datasette):
    result = await rows(datasette, "arena_above_gpt4")
    assert [(r["organization"], r["entries_above_gpt4_0314"], r["best_score"]) for r in result] == [
        ("DeepSeek", 1, 1315.0),
        ("OpenAI", 1, 1285.0),
        ("Google", 1, 1212.0),
    ]


async def test_claim_verdicts_query_lists_contradicted_first(datasette):
    result = await rows(datasette, "claim_verdicts")
    assert len(result) == 5
    assert result[0]["id"] == "gpt-4o-20x-cheaper" and result[0]["verdict"] == "contradicted"
    assert {r["verdict"] for r in result[-2:]} == {"supported"}


async def test_data_gaps_name_what_is_missing_and_why(datasette):
    result = await rows(datasette, "data_gaps")
    # In the fixture every closed model has a price, GPT-4o's batch start is only first seen, and
    # DeepSeek-V3 (2024) has no context window.
    assert {(r["gap"], r["model_id"]) for r in result} == {("unconfirmed-price-start", "gpt-4o"), ("unknown-context-window", "deepseek-v3")}
    only = await rows(datasette, "data_gaps", gap="unconfirmed-price-start")
    assert [(r["model_id"], r["detail"]) for r in only] == [("gpt-4o", "batch price in USD in force by 2024-05-13")]
    response = await datasette.client.get("/almanac/data_gaps.json", params={"gap": "everything"})
    assert response.status_code == 400


async def test_almanac_in_numbers(datasette):
    result = {r["measure"]: r["value"] for r in await rows(datasette, "almanac_in_numbers")}
    assert result["models"] == 4 and result["claims contradicted"] == 1
    assert result["dated snapshots priced or retired on their own"] == 2 and result["names and aliases"] == 4
    assert (result["price periods"], result["price periods stated in yuan or euros"]) == (10, 2)
    assert result["price periods whose start a source states"] == 9


@pytest.mark.parametrize(
    "q,first",
    [
        ("multimodal", ("model", "GPT-4o")),
        ("openly", ("quote", "models deepseek-v3")),  # words quoted from a source
        ("releases gpt", ("event", "2024-05-13: OpenAI releases GPT-4o")),  # every word must appear
        ("releasing openai", ("event", "2024-05-13: OpenAI releases GPT-4o")),  # stemming
    ],
)
async def test_search_finds_records(datasette, q, first):
    result = await rows(datasette, "search", q=q)
    assert (result[0]["kind"], result[0]["title"]) == first


@pytest.mark.parametrize("q", ["", "   ", '"', "()", "NEAR(a b)", "gpt*", "a AND OR NOT", "'; drop table models; --", "\\"])
async def test_search_tolerates_empty_and_hostile_queries(datasette, q):
    response = await datasette.client.get("/almanac/search.json", params={"q": q, "_shape": "array"})
    assert response.status_code == 200
    assert isinstance(response.json(), list)


async def test_empty_parameters_take_their_defaults(datasette):
    filled = await rows(datasette, "cost_estimate", items="", date="")
    assert filled == await rows(datasette, "cost_estimate")


@pytest.mark.parametrize(
    "name,params,message",
    [
        ("cost_estimate", {"items": "abc"}, "items: expected a whole number"),
        ("cost_estimate", {"items": "-5"}, "items: expected a whole number"),
        ("cost_estimate", {"date": "2024-02-30"}, "date: is not a real date"),
        ("cost_estimate", {"date": "yesterday"}, "date: expected a date"),
        ("price_history", {"model": "GPT 4o"}, "model: no model, name or alias 'GPT 4o' is known"),
        ("compare_prices", {"model_a": "gpt-5"}, "model_a: no model, name or alias 'gpt-5' is known"),
        ("cost_estimate", {"input_tokens": "1.5k5"}, "input_tokens: expected a whole number"),
        ("cheapest_by_month", {"from_month": "2024-13"}, "from_month: expected a month"),
        ("open_weights_by_size", {"memory_gb": "lots"}, "memory_gb: expected a number"),
        ("cost_estimate", {"input_modality": "smell"}, "input_modality: expected one of text, image"),
        ("search", {"q": "x" * 300}, "q: longer than 200 characters"),
    ],
)
async def test_malformed_parameters_get_a_clear_message(datasette, name, params, message):
    response = await datasette.client.get(f"/almanac/{name}.json", params=params)
    assert response.status_code == 400
    assert message in response.json()["error"]
    # The page itself comes back with the form, the value typed in its field and the reason
    # beside it, and no results.
    html = await datasette.client.get(f"/almanac/{name}", params=params)
    assert html.status_code == 400
    parameter, reason = message.split(": ", 1)
    assert f'id="qp-{parameter}-problem">{escape(reason)}' in html.text
    assert 'class="almanac-results"' not in html.text
    text = await datasette.client.get(f"/almanac/{name}.csv", params=params)
    assert text.status_code == 400 and message in text.text


@pytest.mark.parametrize("written,tokens", [("1M", 1000000), ("200k", 200000), ("1,000", 1000), ("1.5k", 1500), ("260", 260)])
async def test_token_counts_are_read_as_people_write_them(datasette, written, tokens):
    [row] = [r for r in await rows(datasette, "cost_estimate", input_tokens=written, output_tokens="0", items="1000") if r["model"] == "GPT-4o"]
    assert row["input_cost_usd"] == tokens * 2.5 / 1000  # $2.50 per million, 1,000 items


@pytest.mark.parametrize("name", ["GPT-4o", "gpt-4o", " GPT-4o (2024-05-13) "])
async def test_model_parameters_take_names_as_well_as_ids(datasette, name):
    result = await rows(datasette, "price_history", model=name)
    expected = "gpt-4o-2024-05-13" if "05-13" in name else "gpt-4o"
    assert result and {r["offering"] for r in result} >= {expected}


@pytest.mark.parametrize("name", sorted(QUERIES))
@pytest.mark.parametrize("value", ["", "x", "0", "99999999999999999999", "2024-12-31", "'", "%"])
async def test_no_parameter_value_gives_a_500(datasette, name, value):
    params = {param: value for param in QUERIES[name].get("parameters") or {}}
    for extension in ("", ".json", ".csv"):
        response = await datasette.client.get(f"/almanac/{name}{extension}", params=params)
        assert response.status_code in (200, 400), f"{name}{extension} {params}: {response.status_code}"


def test_every_query_is_titled_described_and_chartable_where_it_makes_sense():
    for name, query in QUERIES.items():
        assert query.get("title") and query.get("description"), name
        for param, spec in (query.get("parameters") or {}).items():
            assert {"type", "default", "description"} <= set(spec), f"{name}.{param}"
    charted = {name for name, query in QUERIES.items() if query.get("chart")}
    assert {"cost_estimate", "price_history", "cheapest_by_month", "price_drops", "context_growth", "modalities_timeline",
            "open_weights_by_size", "releases_by_month", "training_compared"} <= charted


async def test_chart_link_opens_the_query_as_a_datasette_vega_chart(datasette):
    html = (await datasette.client.get("/almanac/price_history?model=gpt-4o")).text
    assert 'href="/almanac/price_history?model=gpt-4o&amp;_chart=1#g.mark=line&amp;g.x_column=effective_from&amp;g.x_type=temporal' in html


@pytest.mark.parametrize(
    "name,date,expected",
    [
        # The alias moved from the May snapshot to the August one on 2024-10-02.
        ("gpt-4o", "2024-10-01", ("gpt-4o-2024-05-13", 5.0)),
        ("gpt-4o", "2024-10-02", ("gpt-4o-2024-08-06", 2.5)),
        ("gpt-4o", "2024-12-31", ("gpt-4o-2024-08-06", 2.5)),
        ("gpt-4o-2024-05-13", "2024-12-31", ("gpt-4o-2024-05-13", 5.0)),
        # A model with no names of its own answers to its almanac id, and to its name in any case.
        ("gpt-4", "2024-12-31", ("gpt-4", 30.0)),
        (" GPT-4o (2024-05-13) ", "2024-12-31", ("gpt-4o-2024-05-13", 5.0)),
    ],
)
async def test_a_name_resolves_to_the_offering_it_pointed_at_that_day(datasette, name, date, expected):
    [row] = await rows(datasette, "resolve_name", **{"name": name, "date": date})
    assert (row["model_id"], row["input_per_mtok"]) == expected


@pytest.mark.parametrize("name,date", [("gpt-4o", "2024-05-12"), ("gpt-4o-2024-08-06", "2024-08-05"), ("no-such-model", "2024-12-31")])
async def test_a_name_that_pointed_nowhere_that_day_resolves_to_nothing(datasette, name, date):
    assert await rows(datasette, "resolve_name", **{"name": name, "date": date}) == []


async def test_price_history_shows_the_family_and_each_snapshot(datasette):
    result = await rows(datasette, "price_history", model="gpt-4o")
    assert [r["offering"] for r in result] == ["gpt-4o"] * 3 + ["gpt-4o-2024-05-13", "gpt-4o-2024-08-06"]
    assert result[-1]["series"] == "gpt-4o-2024-08-06 standard (USD)"


async def test_coverage_is_the_span_of_dated_facts(datasette):
    # The fixture's earliest fact is GPT-4's release; its latest, DeepSeek-V3's price change.
    assert await rows(datasette, "covered_period") == [{"covered_from": "2023-03-14", "covered_to": "2025-02-08", "latest_month": "2025-02"}]


async def test_retired_models_name_their_replacement(datasette):
    # The fixture's covered period ends 2025-02-08, before the May snapshot's retirement.
    [row] = await rows(datasette, "retired_models")
    assert (row["model_id"], row["status"], row["replacement_model_id"]) == ("gpt-4o-2024-05-13", "scheduled", "gpt-4o-2024-08-06")
    [row] = await rows(datasette, "retired_models", date="2025-06-06")
    assert (row["status"], row["retirement_date"], row["replacement"]) == ("retired", "2025-06-06", "GPT-4o (2024-08-06)")


async def test_compare_prices_takes_an_alias_as_the_model_it_meant_that_day(datasette):
    [row] = await rows(datasette, "compare_prices", model_b="gpt-4o", date_b="2024-09-01")
    assert (row["b_model_id"], row["b_input_usd_per_mtok"]) == ("gpt-4o-2024-05-13", 5.0)
    [row] = await rows(datasette, "compare_prices", model_b="GPT-4o (2024-08-06)", date_b="2024-09-01")
    assert (row["b_model_id"], row["input_times_cheaper"]) == ("gpt-4o-2024-08-06", 12.0)


@pytest.mark.parametrize("typed", ["gpt-4o", "GPT-4o", " gpt-4o "])
async def test_search_puts_the_model_of_that_exact_name_first(datasette, typed):
    result = await rows(datasette, "search", q=typed)
    assert result[0]["path"] == "/almanac/models/gpt-4o"
    assert len({r["path"] for r in result}) == len(result)  # each page once


async def test_search_results_link_to_their_pages(datasette):
    html = (await datasette.client.get("/almanac/search", params={"q": "gpt-4o"})).text
    assert '<a href="/almanac/models/gpt-4o">GPT-4o</a>' in html


@pytest.mark.parametrize("query", ["prices_on_date", "resolve_name"])
async def test_a_day_left_empty_is_the_last_day_covered(datasette, query):
    # The fixture covers up to 2025-02-08, when DeepSeek-V3's second price took effect.
    result = await rows(datasette, query, **({"name": "deepseek-v3"} if query == "resolve_name" else {}))
    if query == "prices_on_date":
        assert {r["date"] for r in result} == {"2025-02-08"}
        [deepseek] = [r for r in result if r["model_id"] == "deepseek-v3"]
    else:
        [deepseek] = result
    assert (deepseek["input_per_mtok"], deepseek["output_per_mtok"]) == (2.0, 8.0)
