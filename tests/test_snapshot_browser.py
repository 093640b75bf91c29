"""The static snapshot in a real browser: served under a sub-path by a plain static file server
(python -m http.server), with every request outside that sub-path blocked and recorded."""

import csv
import io
import subprocess
import sys
import time
import urllib.request

import pytest

from browser import Page, free_port, wait_for_charts
from conftest import ROOT
from test_browser import browser  # noqa: F401 (the module's Chromium, shared)
from test_snapshot import SUB_PATH, snapshot_run  # noqa: F401 (the snapshot, built once)

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def static_server(snapshot_run):  # noqa: F811
    served, _, _ = snapshot_run
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1", "--directory", str(served)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/{SUB_PATH}"
    deadline = time.monotonic() + 30  # it starts in well under a second; CI machines can be slow
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url + "/", timeout=1)
            break
        except OSError:
            time.sleep(0.1)
    yield url
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture
def page(browser, static_server):  # noqa: F811
    page = Page(browser, static_server)
    yield page
    page.close()


def test_home_page_from_files(page):
    tab = page.goto("/")
    assert "$1.68" in tab.inner_text(".almanac-numbers")
    wait_for_charts(tab, "#chart-cheapest", "#chart-context")
    tab.get_by_role("link", name="the story in charts").click()
    tab.wait_for_url("**/-/dashboards/story/index.html")
    page.screenshot("snapshot-home")
    page.assert_clean()


def test_model_page_from_files(page):
    tab = page.goto("/almanac/models/gpt-4o/")
    wait_for_charts(tab, "#chart-price-history-usd")
    assert "fixture-openai-pricing" in tab.inner_text("body")
    tab.get_by_role("link", name="price_history").click()
    tab.wait_for_url("**/almanac/price_history/index.html")
    assert "fixture-openai-pricing" in tab.inner_text("table.rows-and-columns")
    page.assert_clean()


def test_curated_charts_from_files(page):
    tab = page.goto("/-/dashboards/story/")
    charts = tab.locator(".dashboard-card-chart")
    assert charts.count() >= 6
    for index in range(charts.count()):
        charts.nth(index).locator("canvas, svg").first.wait_for(timeout=15000)
    page.screenshot("snapshot-dashboard-story")
    page.assert_clean()


def test_compare_from_files_puts_models_side_by_side(page):
    tab = page.goto("/compare/")
    tab.locator("#compare-0").fill("GPT-4o")
    tab.locator("#compare-1").fill("deepseek-v3")
    tab.locator("#compare-2").fill("gpt-4o-2024-05-13")  # a snapshot's name: resolved by SQL in the page
    tab.locator("#compare-3").fill("no-such-model")
    tab.get_by_role("button", name="Compare").click()
    tab.wait_for_url("**/compare/index.html?*")
    wait_for_charts(tab, "#chart-compare-prices")
    headers = tab.locator("table.almanac-compare thead th[scope=col]")
    assert [headers.nth(i).inner_text() for i in range(headers.count())] == ["", "GPT-4o", "DeepSeek-V3", "GPT-4o (2024-05-13)"]
    assert tab.locator("table.almanac-compare tbody tr").first.locator("td").count() == 3
    assert "no model, name or alias no-such-model is known" in tab.inner_text("form")
    assert tab.locator("#compare-0").input_value() == "GPT-4o"
    page.screenshot("snapshot-compare")
    # A model's column links to its page, from wherever the column was read.
    tab.get_by_role("link", name="DeepSeek-V3").first.click()
    tab.wait_for_url("**/almanac/models/deepseek-v3/index.html")
    page.assert_clean()


def test_sql_page_prices_a_usage_log_as_the_command_does(page, snapshot_run):  # noqa: F811
    _, dist, _ = snapshot_run
    usage = ROOT / "tests" / "fixtures" / "usage" / "usage.csv"
    command = subprocess.run([sys.executable, "-m", "almanac.price", str(usage), "--db", str(dist / "almanac.db")], cwd=ROOT, capture_output=True, text=True)
    expected = list(csv.DictReader(io.StringIO(command.stdout)))
    tab = page.goto("/-/sql/")
    tab.wait_for_function("!document.getElementById('price').disabled", timeout=15000)
    tab.locator("#usage-file").set_input_files(str(usage))
    tab.get_by_role("button", name="Price the log").click()
    tab.wait_for_function("document.getElementById('pricing-status').textContent.startsWith('Total')", timeout=30000)
    link = tab.locator("#download-priced").get_attribute("href")
    got = list(csv.DictReader(io.StringIO(tab.evaluate("async (url) => (await fetch(url)).text()", link))))
    assert len(got) == len(expected) == 16
    for mine, theirs in zip(got, expected):
        assert mine.keys() == theirs.keys()
        for column, value in theirs.items():
            if column.endswith("_usd") and value and mine[column]:
                assert float(mine[column]) == pytest.approx(float(value), rel=1e-12), column
            else:
                assert mine[column] == value, column
    total = command.stderr.strip().removeprefix("total: $").split(" ")[0]
    assert f"Total: ${total}" in tab.inner_text("#pricing-status")
    # A malformed log is refused with every problem, each naming its line and column.
    tab.locator("#usage-file").set_input_files([])
    tab.locator("#usage-text").fill("date,model,input_tokens,output_tokens\n2024-02-30,gpt-4o,-5,1\n")
    tab.get_by_role("button", name="Price the log").click()
    tab.locator("#pricing-message").wait_for(state="visible")
    message = tab.inner_text("#pricing-message")
    assert "the pasted log:2: column 'date': '2024-02-30' is not a real day" in message
    assert "the pasted log:2: column 'input_tokens': expected a whole number of 0 or more" in message
    page.assert_clean()


def run_sql(tab, sql):
    tab.locator("#sql").fill(sql)
    tab.get_by_role("button", name="Run SQL").click()


def wait_for_results(tab):
    """Waits until the SQL page shows what its query returned ("3 rows in 12 ms.")."""
    tab.wait_for_function("/rows? in /.test(document.getElementById('status').textContent)", timeout=15000)


def submit_to_sql_page(tab, button):
    tab.get_by_role("button", name=button, exact=True).click()
    tab.wait_for_url("**/-/sql/index.html?*")
    wait_for_results(tab)


def test_sql_page_runs_queries_and_stops_a_runaway_one(page):
    tab = page.goto("/-/sql/")
    status = tab.locator("#status")
    tab.wait_for_function("document.getElementById('status').textContent.startsWith('Ready')", timeout=15000)
    run_sql(tab, "select id, name from models where id in (select rowid from models_fts) or 1 order by id")
    wait_for_results(tab)
    assert "gpt-4o" in tab.inner_text("#results table")
    assert tab.locator("#download-csv").get_attribute("href").startswith("blob:")
    run_sql(tab, "with recursive n(i) as (select 1 union all select i + 1 from n) select count(*) from n")
    tab.locator("#message").wait_for(state="visible", timeout=15000)
    assert "Query stopped" in tab.inner_text("#message")
    tab.wait_for_function("document.getElementById('status').textContent.startsWith('Ready')", timeout=15000)
    run_sql(tab, "delete from models")
    tab.wait_for_function("document.getElementById('message').textContent.includes('readonly')", timeout=15000)
    run_sql(tab, "select name from models_fts where models_fts match 'deepseek'")  # full-text search
    wait_for_results(tab)
    assert "DeepSeek" in tab.inner_text("#results table")
    assert status.is_visible()
    page.screenshot("snapshot-sql")
    page.assert_clean()


def test_canned_query_form_runs_other_parameters_in_the_browser(page):
    tab = page.goto("/almanac/cost_estimate/")
    # A tenth of the default job: 6,800 captions cost $0.17 on Gemini 1.5 Flash-8B.
    tab.locator("input[name=items]").fill("6800")
    submit_to_sql_page(tab, "Show")
    first_row = tab.locator("#results tbody tr").first.inner_text()
    assert "Gemini 1.5 Flash-8B" in first_row and "0.17" in first_row
    assert tab.locator("#canned").input_value() == "cost_estimate"
    page.assert_clean()


def test_charts_of_tables_and_queries_from_files(page):
    tab = page.goto("/almanac/price_history/")
    tab.get_by_role("link", name="Open this as a chart").click()
    tab.locator(".vega-embed canvas.marks").wait_for(timeout=15000)
    tab = page.goto("/almanac/prices/")
    tab.get_by_text("Show charting options").click()
    tab.get_by_label("Bar").check()
    tab.locator("select[name=y_column]").select_option("input_usd_per_mtok")
    tab.locator(".vega-embed canvas.marks").wait_for(timeout=15000)
    page.assert_clean()


def test_home_page_search_runs_full_text_search_in_the_browser(page):
    tab = page.goto("/")
    tab.get_by_label("Search the almanac").fill("deepseek")
    submit_to_sql_page(tab, "Search")
    assert "DeepSeek" in tab.inner_text("#results table")
    page.assert_clean()


def test_curated_charts_with_other_filters_run_their_sql_in_the_browser(page):
    tab = page.goto("/-/dashboards/story/")
    tab.locator("#chart-context canvas, #chart-context svg").first.wait_for(timeout=15000)
    tab.locator("input[name=from_month]").fill("2024-06")
    tab.get_by_role("button", name="Apply").click()
    tab.get_by_text("Drawn in your browser with these filters.").wait_for(timeout=15000)
    months = tab.evaluate(
        """async () => {
            const [, url] = Object.entries(window.SNAPSHOT_CHART_DATA).find(([sql]) => sql.includes("largest_context_window"));
            return (await (await fetch(url)).json()).rows.map((row) => row.month);
        }"""
    )
    assert months[0] == "2024-06" and months[-1] == "2024-12"
    charts = tab.locator(".dashboard-card-chart")
    for index in range(charts.count()):
        charts.nth(index).locator("canvas, svg").first.wait_for(timeout=15000)
    page.screenshot("snapshot-dashboard-filtered")
    page.assert_clean()


def test_a_page_fetching_sql_from_the_server_gets_it_from_the_browser(page):
    # As a page built on Datasette's JSON API does: the snapshot answers without a server.
    tab = page.goto("/about/")
    rows = tab.evaluate(
        """async () => {
            const sql = "select id from models where id = :id";
            const response = await fetch("/almanac.json?_shape=array&id=gpt-4o&sql=" + encodeURIComponent(sql));
            return response.json();
        }"""
    )
    assert rows == [{"id": "gpt-4o"}]
    page.assert_clean()
