"""Real-browser tests: Chromium through Playwright against a served instance.

They skip with a reason when Chromium or Playwright is missing, and fail instead when run with
--require-browser (as CI does)."""

import pytest

from browser import CHROMIUM_ARGS, Page, chromium_path, serve, unavailable

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def browser(request):
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable(request, "the playwright package is not installed (pip install -r requirements-test.txt)")
    executable = chromium_path()
    if executable is None:
        unavailable(request, "Chromium was not found (apt-get install chromium, or set CHROMIUM)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def server(fixture_site):
    process, url = serve(fixture_site)
    yield url
    process.terminate()
    process.wait(timeout=10)


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
