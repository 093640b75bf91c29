"""The almanac's own pages, in process: every number on them comes from the database."""


async def test_home_page_numbers_are_computed_and_linked(datasette):
    html = (await datasette.client.get("/")).text
    assert "$1.68" in html and "Gemini 1.5 Flash-8B" in html  # cost_estimate for 68,000 photos, image models only
    assert "$30 → $2.50" in html and "12.0x cheaper" in html  # compare_prices: GPT-4 then, GPT-4o now
    assert "gpt-4 on 15 December 2023" in html and "gpt-4o on 31 December 2024" in html
    assert "Describing 68,000 photos (260 tokens in, 100 out each)" in html
    assert 'href="/almanac/cost_estimate"' in html  # the example job is the query's own defaults
    assert 'href="/almanac/compare_prices"' in html
    assert "<strong>3</strong>" in html  # organizations above GPT-4-0314 in the fixture snapshot


async def test_home_page_tells_the_story_to_the_latest_month_in_the_data(datasette):
    html = (await datasette.client.get("/")).text
    # The fixture's data runs to 8 February 2025: the numbers go on to that month.
    assert "<h2>2023 to February 2025 in a few numbers</h2>" in html
    assert "December 2023 → December 2024 → February 2025" in html
    assert "end of 2023 → end of 2024 → February 2025" in html
    assert "with those of 8 February 2025" in html  # the example job at the latest prices


async def test_about_page_counts_what_is_in_it(datasette):
    html = (await datasette.client.get("/about")).text
    assert '<a href="/almanac/models?snapshot_of__isnull=1">models</a>: 4' in html
    assert "How to cite it" in html and "creativecommons.org/licenses/by/4.0" in html
    assert 'href="/almanac/data_gaps"' in html  # the gaps are one click away


async def test_claims_page_lists_verdicts_with_their_evidence(datasette):
    html = (await datasette.client.get("/claims")).text
    assert "2 supported" in html and "1 contradicted" in html and "2 not-checkable" in html
    assert "computed 12, but the claim says 20 (± 1)" in html
    assert 'href="/almanac?sql=select+%2A+from+prices+where+model_id+in' in html  # evidence link


async def test_verdict_links_filter_the_claims_table(datasette):
    html = (await datasette.client.get("/claims")).text
    assert 'href="/almanac/claims?verdict=contradicted"' in html
    response = await datasette.client.get("/almanac/claims.json", params={"verdict": "contradicted", "_shape": "array"})
    assert [row["id"] for row in response.json()] == ["gpt-4o-20x-cheaper"]


async def test_no_canned_query_hides_a_table(datasette):
    tables = set(await datasette.get_database("almanac").table_names())
    queries = set(datasette.metadata("queries", database="almanac") or {})
    assert tables & queries == set()


async def test_model_page_gathers_prices_limits_and_sources(datasette):
    html = (await datasette.client.get("/almanac/models/gpt-4o")).text
    assert "Price history" in html and "Context windows" in html and "Modalities" in html
    assert "16,384 output tokens" in html  # a quote from the source of the latest limits
    assert 'href="/almanac/model_card?model=gpt-4o"' in html
    assert 'id="chart-price-history-usd"' in html and "USD per million input tokens" in html
    # The batch price's start in the fixture is only the first day a source shows it.
    assert html.count("(in force by)") == 1


async def test_model_page_starts_with_a_summary_in_words(datasette):
    html = " ".join((await datasette.client.get("/almanac/models/gpt-4o")).text.split())
    header = html.split('class="almanac-model-header"')[1].split("</section>")[0]
    assert "<h1>GPT-4o</h1>" in html
    assert "<dt>Maker</dt><dd><a href=\"/almanac/organizations/openai\">OpenAI</a>" in header
    assert "<dd>13 May 2024</dd>" in header and "128,000 tokens, up to 16,384 out" in header
    assert "$2.50 in," in header and 'href="/almanac/models/gpt-4o-2024-08-06"' in header  # the alias's price
    assert "closed (proprietary)" in header and 'href="/compare?models=gpt-4o"' in header
    assert "<td>Released</td> <td>13 May 2024</td>" in html and "<td>release_date</td>" not in html  # labels in words


async def test_model_page_shows_a_price_in_yuan_as_yuan(datasette):
    html = " ".join((await datasette.client.get("/almanac/models/deepseek-v3")).text.split())
    assert '<td class="almanac-number-cell">¥1</td>' in html and "¥2 in, ¥8 out" in html
    assert "chart-price-history-usd" not in html  # no dollar chart for a model priced only in yuan


async def test_models_overview_lists_models_with_their_latest_prices(datasette):
    html = (await datasette.client.get("/models")).text
    rows = html.count("<tr data-maker=")
    assert rows == 4  # the fixture's models; its dated snapshots are reached from their model's page
    assert '<a href="/almanac/models/gpt-4o">GPT-4o</a>' in html
    assert "$2.50" in html and "$10" in html  # GPT-4o priced as the snapshot its alias meant
    # DeepSeek-V3, priced only in yuan, keeps its currency, at its price on the last covered day.
    assert "¥2</td>" in html and "¥8</td>" in html and "¥1</td>" not in html
    assert 'src="/static/models.js"' in html and "<script>" not in html.split("</head>")[1].split("<footer")[0]


async def test_a_canned_query_shows_its_answer_before_its_sql(datasette):
    html = (await datasette.client.get("/almanac/price_history", params={"model": "GPT-4o"})).text
    assert html.index('class="almanac-form"') < html.index('class="rows-and-columns almanac-results"') < html.index('<details class="almanac-sql">')
    assert 'list="almanac-model-names"' in html and '<option value="GPT-4o">' in html  # the picker takes names
    assert "<td class=\"col-input_per_mtok\">$2.50</td>" in html and ">Input (per M tokens)</th>" in html
    assert 'id="almanac-query-chart-data"' in html


async def test_values_are_formatted_in_html_and_raw_in_json(datasette):
    html = (await datasette.client.get("/almanac/training_compared")).text
    assert "3.4 × 10²⁴ FLOP" in html  # compute in powers of ten
    assert "2,788,000" in html  # GPU hours with separators
    data = (await datasette.client.get("/almanac/training_compared.json", params={"_shape": "array"})).json()
    assert (data[0]["gpu_hours"], data[0]["training_compute_flop"]) == (2788000, 3.4078e24)
    csv = (await datasette.client.get("/almanac/training_compared.csv")).text
    assert "2788000" in csv and "2,788,000" not in csv
    table = (await datasette.client.get("/almanac/models")).text
    assert '<td class="col-open_weights type-int">yes</td>' in table  # flags as yes/no


async def test_compare_puts_models_named_any_way_side_by_side(datasette):
    response = await datasette.client.get("/compare", params={"models": "GPT-4o,deepseek-v3,no-such-model"})
    html = " ".join(response.text.split())
    assert response.status_code == 200
    assert '<a href="/almanac/models/gpt-4o">GPT-4o</a></th>' in html and '<a href="/almanac/models/deepseek-v3">DeepSeek-V3</a></th>' in html
    assert "no model, name or alias no-such-model is known" in html  # beside its field
    assert ">$2.50</a>" in html and ">¥2</a>" in html  # each price in its currency, linked to its source
    assert "3.4 × 10²⁴ FLOP" in html  # DeepSeek-V3's training compute
    assert 'id="chart-compare-prices"' in html and '"model": "GPT-4o (gpt-4o-2024-08-06)"' in html


async def test_compare_asks_for_models_and_shows_one_named_alone(datasette):
    html = (await datasette.client.get("/compare")).text
    assert "Name two to six models" in html and "chart-compare-prices" not in html
    # A model page links to /compare?models=<its id>: its column is shown, with a prompt for another.
    html = (await datasette.client.get("/compare", params={"models": "gpt-4o"})).text
    assert "Name another model above to put GPT-4o beside it" in html
    assert 'id="chart-compare-prices"' in html and html.count('<th scope="col"><a href=') == 1


async def test_an_answer_incomplete_for_lack_of_data_says_so(datasette):
    html = (await datasette.client.get("/almanac/compare_prices", params={"date_a": "2020-01-01"})).text
    assert "No rows for these values." in html and "gives no row" in html and 'href="/almanac/data_gaps"' in html
    html = (await datasette.client.get("/almanac/cost_estimate")).text
    assert "Incomplete where the almanac lacks data: models with no standard dollar price" in html


async def test_model_page_says_which_values_are_defaults_not_cited_facts(datasette):
    html = (await datasette.client.get("/almanac/models/gpt-4o-2024-08-06")).text
    # open_weights 0, license proprietary and reasoning 0 are left to their defaults here.
    assert html.count("the column's default, not a cited fact") == 3
    html = (await datasette.client.get("/almanac/models/deepseek-v3")).text
    assert "the column's default, not a cited fact" not in html  # every value there is cited


async def test_about_page_states_the_quote_rule_and_links_the_makers_share(datasette):
    html = (await datasette.client.get("/about")).text
    assert "refuses" in html and "quote-rule-exceptions.csv" in html
    assert 'href="/almanac/makers_own_words"' in html


async def test_compare_says_not_known_for_modalities_no_source_states(datasette):
    # GPT-4's output modality is not in the fixture: the page says so in words, not as a list.
    html = (await datasette.client.get("/compare?models=gpt-4,gpt-4o")).text
    assert "not, known" not in html and "not known" in html
