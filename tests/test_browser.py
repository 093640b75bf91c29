"""Real-browser tests: Chromium through Playwright against a served instance.

They skip with a reason when Chromium or Playwright is missing, and fail instead when run with
--require-browser (as CI does)."""

import pytest

from browser import Page, browser, server, wait_for_charts  # noqa: F401 (fixtures)

pytestmark = pytest.mark.browser


@pytest.fixture
def page(browser, server):
    page = Page(browser, server)
    yield page
    page.close()


def test_table_page_offers_a_datasette_vega_chart(page):
    tab = page.goto("/almanac/prices")
    control = tab.get_by_text("Show charting options")
    control.wait_for()
    control.click()
    tab.locator(".datasette-vega").wait_for()
    tab.get_by_label("Bar").check()
    tab.locator("select[name=x_column]").select_option("model_id.label")
    tab.locator("select[name=x_type]").select_option("nominal")
    tab.locator("select[name=y_column]").select_option("input_usd_per_mtok")
    tab.locator("select[name=y_type]").select_option("quantitative")
    tab.locator(".vega-embed canvas.marks").wait_for(timeout=15000)
    page.screenshot("prices-table-chart")
    page.assert_clean()


def test_home_page_tells_the_story_with_charts(page):
    tab = page.goto("/")
    assert "$1.68" in tab.inner_text(".almanac-numbers")
    wait_for_charts(tab, "#chart-cheapest", "#chart-context")
    page.screenshot("home")
    page.assert_clean()


def test_table_with_facets(page):
    tab = page.goto("/almanac/models")
    facets = tab.locator(".facet-info")
    facets.first.wait_for()
    names = [name.split()[0] for name in tab.locator(".facet-info-name").all_inner_texts()]
    assert {"organization_id", "open_weights", "license"} <= set(names)
    tab.get_by_role("link", name="DeepSeek").first.click()
    tab.wait_for_url("**/almanac/models?*organization_id=deepseek*")
    assert "1 row" in tab.inner_text("h3")
    page.screenshot("models-faceted")
    page.assert_clean()


def test_canned_query_opens_into_its_chart(page):
    tab = page.goto("/almanac/price_history?model=gpt-4o")
    tab.get_by_role("link", name="Open this as a chart").click()
    tab.locator(".vega-embed canvas.marks").wait_for(timeout=15000)
    assert "g.mark=line" in tab.url
    page.screenshot("price-history-chart")
    page.assert_clean()


def test_curated_charts_all_render(page):
    tab = page.goto("/-/dashboards/story")
    charts = tab.locator(".dashboard-card-chart")
    count = charts.count()
    assert count >= 6
    for index in range(count):
        charts.nth(index).locator("canvas, svg").first.wait_for(timeout=15000)
    page.screenshot("dashboard-story")
    page.assert_clean()


def test_model_page_shows_price_history_and_sources(page):
    tab = page.goto("/almanac/models/gpt-4o")
    wait_for_charts(tab, "#chart-price-history-usd")
    text = tab.inner_text("body")
    assert "Price history" in text and "Context windows" in text and "Modalities" in text
    assert "fixture-openai-pricing" in text
    page.screenshot("model-gpt-4o")
    page.assert_clean()


def test_claims_page_shows_every_verdict(page):
    tab = page.goto("/claims")
    verdicts = tab.locator("td .verdict").all_inner_texts()
    assert sorted(set(verdicts)) == ["contradicted", "not-checkable", "supported"]
    page.screenshot("claims")
    page.assert_clean()
