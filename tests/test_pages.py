"""The almanac's own pages, in process: every number on them comes from the database."""


async def test_home_page_numbers_are_computed_and_linked(datasette):
    html = (await datasette.client.get("/")).text
    assert "$1.68" in html and "Gemini 1.5 Flash-8B" in html  # cost_estimate for 68,000 photos, image models only
    assert "$30.0 → $2.5" in html and "12.0x cheaper" in html  # compare_prices: GPT-4 then, GPT-4o now
    assert "gpt-4 on 2023-12-15" in html and "gpt-4o on 2024-12-31" in html
    assert "Describing 68,000 photos (260 tokens in, 100 out each)" in html
    assert 'href="/almanac/cost_estimate?items=68000&amp;input_tokens=260&amp;output_tokens=100&amp;input_modality=image&amp;date=2024-12-31"' in html
    assert 'href="/almanac/compare_prices"' in html
    assert "<strong>3</strong>" in html  # organizations above GPT-4-0314 in the fixture snapshot


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


async def test_model_page_gathers_prices_limits_and_sources(datasette):
    html = (await datasette.client.get("/almanac/models/gpt-4o")).text
    assert "Price history" in html and "Context windows" in html and "Modalities" in html
    assert "16,384 output tokens" in html  # a quote from the source of the latest limits
    assert 'href="/almanac/model_card?model=gpt-4o"' in html
    assert 'id="chart-price-history-usd"' in html and "USD per million input tokens" in html
    # The batch price's start in the fixture is only the first day a source shows it.
    assert html.count("(in force by)") == 1


async def test_model_page_shows_a_price_in_yuan_as_yuan(datasette):
    html = (await datasette.client.get("/almanac/models/deepseek-v3")).text
    assert "<td>CNY</td>" in html and "<td>1.0</td>" in html
    assert "chart-price-history-usd" not in html  # no dollar chart for a model priced only in yuan


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
