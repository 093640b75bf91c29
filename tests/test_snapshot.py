"""The static snapshot (python -m snapshot): built once per session from the fixture site into a
sub-path of a folder, then checked as files and in a real browser under a plain static server."""

import json
import shutil
import sqlite3
import subprocess
import sys

import pytest

from conftest import ROOT
from linkcheck import check

SUB_PATH = "mirror/almanac"


@pytest.fixture(scope="session")
def snapshot_run(fixture_site, tmp_path_factory):
    served = tmp_path_factory.mktemp("served")
    out = served / SUB_PATH
    result = subprocess.run(
        [sys.executable, "-m", "snapshot", "--config-dir", str(fixture_site), "--out", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    return served, out, result


@pytest.fixture(scope="session")
def dist(snapshot_run):
    return snapshot_run[1]


def test_every_link_works_from_files_without_a_server(dist):
    report = check(dist)
    assert report["checked"] > 1000
    assert report["broken"] == []
    assert report["root_absolute"] == []
    assert report["query_string"] == []


def test_the_pages_a_reader_reaches_are_written(dist):
    for page in (
        "index.html",
        "about/index.html",
        "claims/index.html",
        "almanac/index.html",
        "almanac/models/index.html",
        "almanac/models/gpt-4o/index.html",
        "almanac/organizations/openai/index.html",
        "almanac/claims/verdict=supported/index.html",  # the claims page's verdict filters
        "almanac/models/organization_id=deepseek/index.html",  # a facet value
        "almanac/cost_estimate/index.html",  # the home page's example job: the query's defaults
        "models/index.html",  # the overview
        "almanac/price_history/model=deepseek-v3/index.html",  # linked from the model page
        "-/dashboards/story/index.html",
        "-/sql/index.html",
    ):
        assert (dist / page).is_file(), page
    home = (dist / "index.html").read_text()
    assert 'href="almanac/cost_estimate/index.html"' in home
    assert 'href="almanac/compare_prices/index.html"' in home


def test_compare_keeps_each_model_alone_and_puts_several_side_by_side_in_the_page(dist):
    # Every model page links to its model alone on the compare page: that page is written.
    model = (dist / "almanac/models/deepseek-v3/index.html").read_text()
    assert 'href="../../../compare/models=deepseek-v3/index.html"' in model
    alone = (dist / "compare/models=deepseek-v3/index.html").read_text()
    assert "Name another model above to put DeepSeek-V3 beside it" in alone
    # Several models are asked for in the fragment (no query string), and the form sends its
    # fields to the page itself, whose script builds the comparison (tested in a browser).
    page = (dist / "compare/index.html").read_text()
    assert 'href="index.html#models=gpt-4o%2Cclaude-3-5-sonnet"' in page
    assert 'action="index.html" data-snapshot="compare"' in page
    assert (dist / "-/snapshot/compare.js").is_file()


def test_json_and_csv_beside_each_table_and_query(dist, fixture_site):
    models = json.loads((dist / "almanac/models.json").read_text())
    assert isinstance(models, list) and {row["id"] for row in models} >= {"gpt-4o", "deepseek-v3"}
    assert (dist / "almanac/models.csv").read_text().startswith("id,")
    job = json.loads((dist / "almanac/cost_estimate.json").read_text())
    assert job[0]["model"] == "Gemini 1.5 Flash-8B" and job[0]["total_cost_usd"] == 1.68
    deepseek = json.loads((dist / "almanac/models/organization_id=deepseek.json").read_text())
    assert [row["id"] for row in deepseek] == ["deepseek-v3"]
    assert (dist / "almanac.db").read_bytes() == (fixture_site / "almanac.db").read_bytes()
    with sqlite3.connect(dist / "almanac.db") as db:
        assert db.execute("select count(*) from models").fetchone()[0] == len(models)


def test_links_that_need_the_server_are_marked_unavailable(dist):
    table = (dist / "almanac/models/index.html").read_text()
    assert 'data-snapshot="unavailable"' in table  # sorting by a column
    assert "table.js" not in table  # its column menus build links with query strings
    assert 'class="snapshot-note"' in table and '<form class="filters" hidden' in table


def test_paginated_tables_are_written_whole(dist, fixture_site):
    with sqlite3.connect(fixture_site / "almanac.db") as db:
        citations = db.execute("select count(*) from citations").fetchone()[0]
    assert citations > 100  # more than one page on the live site
    assert len(json.loads((dist / "almanac/citations.json").read_text())) == citations
    page = (dist / "almanac/citations/index.html").read_text()
    assert page.count("<tr") == citations + 1 and "_next=" not in page


def test_canned_query_forms_and_sql_links_open_the_sql_page(dist):
    query = (dist / "almanac/cost_estimate/index.html").read_text()
    assert 'action="../../-/sql/index.html"' in query
    assert '<input type="hidden" name="_query" value="cost_estimate">' in query
    claims = (dist / "claims/index.html").read_text()
    assert 'href="../-/sql/index.html#sql=select' in claims  # a claim's SQL and its evidence
    config = json.loads((dist / "-/sql/queries.json").read_text())
    names = {query["name"]: query for query in config["queries"]}
    assert {"cost_estimate", "price_history", "search"} <= set(names)
    assert {"name": "model", "default": "gpt-4o"}.items() <= names["price_history"]["parameters"][0].items()


def test_progress_and_summary(snapshot_run):
    _, _, result = snapshot_run
    assert " pages, " in result.stdout and " files, " in result.stdout and " bytes in " in result.stdout


def test_a_public_url_turns_what_the_snapshot_lacks_into_links_to_the_live_site():
    from snapshot.rewrite import Rewriter
    from snapshot.urls import SiteMap, Target

    sitemap = SiteMap("almanac", {"models": {"id", "name"}}, {"price_history": {"model": "gpt-4o"}}, {})
    page = '<html><head></head><body><a href="/almanac/models?_sort=name">name</a> <a href="/almanac/price_history?model=gpt-4">gpt-4</a></body></html>'
    live = Rewriter(sitemap, lambda target: None, "https://almanac.example/").page(page, Target("table", "/almanac/models"))
    assert '<a href="https://almanac.example/almanac/models?_sort=name" data-snapshot="live"' in live
    assert '<a href="../price_history/model=gpt-4/index.html">' in live
    offline = Rewriter(sitemap, lambda target: None).page(page, Target("table", "/almanac/models"))
    assert '<a data-snapshot="unavailable"' in offline and "_sort" not in offline


def test_a_page_the_site_fails_on_stops_the_snapshot_and_keeps_the_previous_one(fixture_site, tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    for name in ("almanac.db", "inspect-data.json", "metadata.yml", "settings.json", "plugins", "static"):
        (site / name).symlink_to(fixture_site / name)
    shutil.copytree(ROOT / "templates", site / "templates")
    (site / "templates" / "pages" / "about.html").write_text('{{ almanac_query("no_such_query") }}')
    out = tmp_path / "dist"
    out.mkdir()
    (out / "index.html").write_text("the previous snapshot")
    result = subprocess.run(
        [sys.executable, "-m", "snapshot", "--config-dir", str(site), "--out", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert "/about: the site answered with an error (KeyError" in result.stderr
    assert "Traceback" not in result.stderr
    assert (out / "index.html").read_text() == "the previous snapshot"


def test_feeds_and_discovery_files_are_written_as_the_site_serves_them(dist):
    for name in ("robots.txt", "sitemap.xml", "llms.txt", "almanac/new_models.atom", "almanac/calendar.ics"):
        assert (dist / name).is_file(), name
    assert (dist / "almanac/new_models.atom").read_text().lstrip().startswith("<?xml")
    assert "BEGIN:VCALENDAR" in (dist / "almanac/calendar.ics").read_text()
