"""The almanac's pages as a person sees them, in Chromium at a laptop's size (1280x900) and a
phone's (390x844): the answer above the fold, nothing scrolling sideways, names that lead to
their pages, charts that draw, values written for reading. Each page is saved as a screenshot at
both sizes under test-artifacts/screenshots/."""

import pytest

from almanac.site import queries
from browser import Page, browser, serve, server  # noqa: F401 (fixtures)
from conftest import ROOT

pytestmark = pytest.mark.browser

LAPTOP = (1280, 900)
PHONE = (390, 844)
QUERIES = queries(ROOT / "queries")
# Values that give each canned query rows on the fixture data (the defaults do for the others).
QUERY_VALUES = {"search": "?q=gpt-4o", "data_gaps": "", "retired_models": ""}
# One page of each kind, with the screenshot name it is saved under.
PAGES = {
    "home": "/",
    "about": "/about",
    "claims": "/claims",
    "models": "/models",
    "model-page": "/almanac/models/gpt-4o",
    "compare": "/compare?models=gpt-4o,gpt-4",
    "query-cost-estimate": "/almanac/cost_estimate",
    "query-price-history": "/almanac/price_history?model=GPT-4o",
    "search": "/almanac/search?q=gpt-4o",
    "table-models": "/almanac/models",
}


@pytest.fixture
def laptop(browser, server):
    page = Page(browser, server, *LAPTOP)
    yield page
    page.close()


@pytest.fixture
def phone(browser, server):
    page = Page(browser, server, *PHONE)
    yield page
    page.close()


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_every_canned_query_shows_its_first_answer_row_above_the_fold(laptop, name):
    tab = laptop.goto(f"/almanac/{name}{QUERY_VALUES.get(name, '')}")
    first = tab.locator("table.almanac-results tbody tr").first
    first.wait_for()
    assert first.bounding_box()["y"] < LAPTOP[1], f"{name}: first row at {first.bounding_box()['y']} px"
    assert not tab.locator("details.almanac-sql").get_attribute("open")  # the SQL is folded away
    if QUERIES[name].get("chart") and tab.locator("table.almanac-results tbody tr").count() > 1:
        tab.locator("#almanac-query-chart canvas, #almanac-query-chart svg").first.wait_for(timeout=15000)
    laptop.assert_clean()


@pytest.mark.parametrize("name", sorted(PAGES))
def test_no_page_scrolls_sideways_on_a_phone(phone, laptop, name):
    for page, size in ((phone, "390"), (laptop, "1280")):
        page.goto(PAGES[name])
        page.page.wait_for_load_state("networkidle")
        assert not page.scrolls_sideways(), f"{PAGES[name]} scrolls sideways at {size} px"
        page.screenshot(f"{name}-{size}")
        page.assert_clean()


def test_search_for_a_model_leads_to_its_page_first(laptop):
    tab = laptop.goto("/")
    tab.get_by_label("Search the almanac").fill("gpt-4o")
    tab.get_by_label("Search the almanac").press("Enter")
    tab.wait_for_url("**/almanac/search?q=gpt-4o")
    tab.locator("table.almanac-results tbody tr").first.get_by_role("link").first.click()
    tab.wait_for_url("**/almanac/models/gpt-4o")
    assert tab.locator("h1").inner_text() == "GPT-4o"
    laptop.assert_clean()


def test_compare_page_draws_its_chart_for_two_models(laptop):
    tab = laptop.goto("/compare")
    tab.locator("#compare-0").fill("GPT-4o")
    tab.locator("#compare-1").fill("gpt-4")
    tab.get_by_role("button", name="Compare").click()
    tab.locator("#chart-compare-prices canvas, #chart-compare-prices svg").first.wait_for(timeout=15000)
    headers = tab.locator("table.almanac-compare thead th").all_inner_texts()
    assert headers[1:] == ["GPT-4o", "GPT-4"]
    assert "$2.50" in tab.inner_text("table.almanac-compare") and "$30" in tab.inner_text("table.almanac-compare")
    laptop.assert_clean()


def test_verdict_links_filter_the_claims(laptop):
    tab = laptop.goto("/claims")
    tab.get_by_role("link", name="1 contradicted").click()
    tab.wait_for_url("**/almanac/claims?verdict=contradicted")
    assert "1 row" in tab.inner_text("h3")
    laptop.assert_clean()


def test_models_filter_and_sort_in_the_page(laptop, phone):
    tab = laptop.goto("/models")
    rows = tab.locator("#models tbody tr")
    assert rows.count() == 4
    tab.locator("select[name=maker]").select_option("OpenAI")
    assert [row.inner_text().split("\t")[0].strip() for row in rows.all() if row.is_visible()] == ["GPT-4o", "GPT-4"]
    assert "maker=OpenAI" in tab.url  # the filter lives in the address
    tab.locator("select[name=maker]").select_option("")
    tab.get_by_role("columnheader", name="Input").click()  # the dearest first, then the cheapest
    tab.get_by_role("columnheader", name="Input").click()
    assert rows.first.locator("td").first.inner_text().startswith("Gemini 1.5 Flash-8B")
    first = rows.first.bounding_box()["y"]
    assert first < LAPTOP[1]
    card = phone.goto("/models?open=1").locator("#models tbody tr:visible")
    assert card.count() == 1 and "DeepSeek-V3" in card.first.inner_text()
    laptop.assert_clean()
    phone.assert_clean()


def test_values_are_written_for_reading_on_every_kind_of_page(laptop):
    expectations = {
        "/": ["$1.68", "$30 → $2.50"],
        "/models": ["$2.50", "128k"],
        "/almanac/models/gpt-4o": ["$2.50 in, $10 out", "13 May 2024", "128,000 tokens"],
        "/compare?models=gpt-4o,deepseek-v3": ["3.4 × 10²⁴ FLOP", "¥2", "2,788,000"],
        "/almanac/training_compared": ["3.4 × 10²⁴ FLOP", "2,788,000"],
        "/almanac/models": ["yes", "no"],
        "/almanac/prices": ["$2.50", "¥1"],
    }
    for path, texts in expectations.items():
        text = laptop.goto(path).inner_text("body")
        for expected in texts:
            assert expected in text, f"{path}: {expected!r} not shown"
    laptop.assert_clean()


@pytest.fixture
def own_laptop(browser, fixture_site):
    """A server of its own: after the long run of pages above, this page once waited past its
    time limit on the shared server (the cause is not yet found; see the closing note)."""
    process, url = serve(fixture_site)
    page = Page(browser, url, *LAPTOP)
    yield page
    page.close()
    process.kill()
    process.wait(timeout=10)


def test_a_refused_value_comes_back_beside_its_field(own_laptop):
    laptop = own_laptop
    tab = laptop.goto("/almanac/cost_estimate")
    tab.get_by_label("Input tokens per item").fill("1M")
    tab.get_by_role("button", name="Show", exact=True).click()
    tab.locator("table.almanac-results tbody tr").first.wait_for()
    assert "input_tokens=1000000" in tab.url or tab.get_by_label("Input tokens per item").input_value() == "1000000"
    tab.get_by_label("Input tokens per item").fill("lots")
    tab.get_by_role("button", name="Show", exact=True).click()
    problem = tab.locator("#qp-input_tokens-problem")
    problem.wait_for()
    assert "expected a whole number" in problem.inner_text()
    assert tab.get_by_label("Input tokens per item").input_value() == "lots"
