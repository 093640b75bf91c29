"""Feeds, calendar, sitemap, robots.txt and llms.txt, read as a feed reader, a calendar, a crawler
and a language model would read them, on a site whose public address is not the one it is asked at."""

import re
import shutil
import xml.etree.ElementTree as ET

import feedparser
import icalendar
import pytest
import yaml

from almanac.discovery import public_url
from almanac.schema import TABLES
from almanac.site import write_site
from conftest import FIXTURE_SOURCES, ROOT, make_site

PUBLIC = "https://almanac.example.org"
ATOM_FEEDS = ("new_models", "price_changes", "retirements")


def site_at(target, sources_dir, url=PUBLIC):
    """A site built from `sources_dir` whose config/site.yml names `url` as the public address."""
    project = target.parent / (target.name + "-project")
    shutil.copytree(ROOT / "config", project / "config")
    (project / "queries").symlink_to(ROOT / "queries")
    site_yml = project / "config" / "site.yml"
    site_yml.write_text(re.sub(r"(?m)^public_url: .*$", f"public_url: {url}", site_yml.read_text()))
    make_site(target, sources_dir)
    write_site(project, target)
    return target


async def served(site):
    from datasette.app import Datasette

    ds = Datasette(config_dir=site)
    await ds.invoke_startup()
    return ds


@pytest.fixture(scope="session")
def public_site(tmp_path_factory):
    return site_at(tmp_path_factory.mktemp("public") / "site", FIXTURE_SOURCES)


@pytest.fixture
async def ds(public_site):
    return await served(public_site)


async def get(ds, path, **kwargs):
    response = await ds.client.get(path, **kwargs)
    assert response.status_code == 200, f"{path} answered {response.status_code}: {response.text[:300]}"
    return response


async def atom(ds, name):
    text = (await get(ds, f"/almanac/{name}.atom")).text
    feed = feedparser.parse(text)
    assert not feed.bozo, f"{name}.atom is not well-formed: {feed.bozo_exception}"
    return feed, text


async def test_atom_feeds_parse_and_every_address_is_the_public_one(ds):
    for name in ATOM_FEEDS:
        feed, text = await atom(ds, name)
        assert feed.version == "atom10"
        assert feed.feed.id == f"{PUBLIC}/almanac/{name}.atom"
        assert feed.entries, f"{name} has no entries"
        for entry in feed.entries:
            assert entry.id.startswith(PUBLIC + "/almanac/") and entry.link.startswith(PUBLIC + "/almanac/")
        assert "localhost" not in text  # the address the request came to never shows


async def test_feed_entries_carry_their_records_and_dates_from_the_data(ds):
    models, _ = await atom(ds, "new_models")
    gpt4o = next(e for e in models.entries if e.id == f"{PUBLIC}/almanac/models/gpt-4o")
    assert gpt4o.title == "GPT-4o (OpenAI)"
    assert gpt4o.updated_parsed[:3] == (2024, 5, 13)
    # DeepSeek-V3's release is known to the day; an entry's date is never the build's clock.
    assert {e.updated[:4] for e in models.entries} <= {"2023", "2024"}

    changes, _ = await atom(ds, "price_changes")
    by_id = {e.id: e for e in changes.entries}
    cut = by_id[f"{PUBLIC}/almanac/prices/gpt-4o,openai,standard,USD,2024-08-06"]
    assert cut.title == "GPT-4o (OpenAI, standard): input 5 → 2.5, output 15 → 10, cached input none → 1.25 USD per million tokens"
    assert cut.updated_parsed[:3] == (2024, 8, 6)
    assert f"{PUBLIC}/almanac/prices/deepseek-v3,deepseek,standard,CNY,2025-02-08" in by_id
    # A launch price is not a change: the first period of a series has no entry.
    assert not any(e.id.endswith(",2024-05-13") for e in changes.entries)

    retirements, _ = await atom(ds, "retirements")
    [retired] = retirements.entries
    assert retired.id == f"{PUBLIC}/almanac/models/gpt-4o-2024-05-13#retirement"
    assert "2025-06-06" in retired.title and "GPT-4o (2024-08-06)" in retired.title
    assert retired.updated_parsed[:3] == (2025, 3, 1)  # the day it was announced


async def test_calendar_parses_with_a_uid_per_record(ds):
    response = await get(ds, "/almanac/calendar.ics")
    assert response.headers["content-type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.text)
    events = {str(e["UID"]): e for e in calendar.walk("VEVENT")}
    release = events[f"{PUBLIC}/almanac/events/2024-05-13-gpt-4o"]
    assert str(release["SUMMARY"]) == "OpenAI releases GPT-4o"
    assert release.decoded("DTSTART").date().isoformat() == "2024-05-13"
    assert release.decoded("DTEND").date().isoformat() == "2024-05-14"
    retirement = events[f"{PUBLIC}/almanac/models/gpt-4o-2024-05-13#retirement"]
    assert retirement.decoded("DTSTART").date().isoformat() == "2025-06-06"
    # An event known only to the month is not given a day it did not happen on.
    assert f"{PUBLIC}/almanac/events/2024-12-deepseek-v3" not in events


async def test_feeds_keep_their_ids_and_bytes_across_builds(tmp_path, sources):
    first = await served(site_at(tmp_path / "first", FIXTURE_SOURCES))
    again = await served(site_at(tmp_path / "again", FIXTURE_SOURCES))
    # A later build with a new model released first and a new event: earlier entries keep their ids.
    sources.append(
        "models/fixture.yaml",
        "\n- id: aardvark-1\n  name: Aardvark 1\n  organization_id: openai\n  release_date: 2024-11-01\n"
        "  open_weights: false\n  license: proprietary\n  source: fixture-openai-pricing\n  quote: \"Aardvark 1 (2024-11-01)\"\n",
    )
    sources.append(
        "events/fixture.yaml",
        "\n- id: 2024-11-01-aardvark\n  date: 2024-11-01\n  kind: release\n  title: Aardvark 1 is released\n"
        "  model_id: aardvark-1\n  organization_id: openai\n  source: fixture-openai-pricing\n  quote: \"Aardvark 1 is released on 2024-11-01\"\n",
    )
    later = await served(site_at(tmp_path / "later", sources.root))
    for path in [f"/almanac/{name}.atom" for name in ATOM_FEEDS] + ["/almanac/calendar.ics"]:
        assert (await get(first, path)).content == (await get(again, path)).content, f"{path} differs between two builds of the same records"
    for name in ATOM_FEEDS:
        before = {e.id: e.title for e in feedparser.parse((await get(first, f"/almanac/{name}.atom")).text).entries}
        after = {e.id: e.title for e in feedparser.parse((await get(later, f"/almanac/{name}.atom")).text).entries}
        assert before.items() <= after.items(), name
    models = feedparser.parse((await get(later, "/almanac/new_models.atom")).text)
    assert f"{PUBLIC}/almanac/models/aardvark-1" in {e.id for e in models.entries}
    uids_before = {str(e["UID"]) for e in icalendar.Calendar.from_ical((await get(first, "/almanac/calendar.ics")).text).walk("VEVENT")}
    uids_after = {str(e["UID"]) for e in icalendar.Calendar.from_ical((await get(later, "/almanac/calendar.ics")).text).walk("VEVENT")}
    assert uids_after - uids_before == {f"{PUBLIC}/almanac/events/2024-11-01-aardvark"}


async def test_sitemap_lists_every_page_table_query_and_record_and_each_answers(ds):
    root = ET.fromstring((await get(ds, "/sitemap.xml")).text)
    locs = [e.text for e in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert len(locs) == len(set(locs))
    assert all(loc.startswith(PUBLIC + "/") for loc in locs)
    paths = [loc[len(PUBLIC):] for loc in locs]
    canned = await ds.get_canned_queries("almanac", None)
    expected = {"/", "/about", "/claims", "/almanac", "/almanac/models/gpt-4o", "/almanac/events/2024-05-13-gpt-4o"}
    expected |= {f"/almanac/{t.name}" for t in TABLES} | {f"/almanac/{name}" for name in canned}
    assert expected <= set(paths)
    for path in paths:
        await get(ds, path, follow_redirects=True)  # a dashboard redirects to its default filters


async def test_robots_txt_points_to_the_sitemap_and_keeps_crawlers_off_arbitrary_sql(ds):
    text = (await get(ds, "/robots.txt")).text
    assert f"Sitemap: {PUBLIC}/sitemap.xml" in text.splitlines()
    assert "Disallow: /almanac?" in text.splitlines() and "Disallow: /-/mcp" in text.splitlines()
    assert "Disallow: /\n" not in text + "\n"


async def test_llms_txt_describes_tables_queries_feeds_and_the_api(ds):
    text = (await get(ds, "/llms.txt")).text
    assert text.startswith("# LLM Almanac\n\n> An open, citable database")
    for table in TABLES:
        assert f"(/almanac/{table.name}.md)" in text
    canned = await ds.get_canned_queries("almanac", None)
    for name, query in canned.items():
        assert f"[{query['title']}]({PUBLIC}/almanac/{name}.json)" in text
    assert "`model`: the model (its name, id or an alias) (default gpt-4o)" in text  # price_history's parameter
    assert f"({PUBLIC}/almanac/new_models.atom) (Atom)" in text and f"({PUBLIC}/almanac/calendar.ics) (iCalendar)" in text
    assert f"`{PUBLIC}/-/mcp`" in text and "at most 5,000 rows per response and 3,000 ms per query" in text
    # Every file it links to on this site is a discovery file, which the snapshot writes too.
    files = ds.plugin_config("almanac")["files"]
    for link in re.findall(r"\]\((/[^)]*)\)", text):
        if link.endswith(".md"):
            assert link in files
            await get(ds, link)


async def test_every_discovery_file_answers_a_plain_get_whatever_host_is_asked(ds):
    files = ds.plugin_config("almanac")["files"]
    assert {"/robots.txt", "/sitemap.xml", "/llms.txt", "/almanac/new_models.atom", "/almanac/calendar.ics"} <= set(files)
    for path in files:
        plain = await get(ds, path)
        forged = await get(ds, path, headers={"host": "attacker.example"})
        assert forged.content == plain.content, f"{path} depends on the Host header"
        assert b"attacker.example" not in forged.content


async def test_feeds_are_linked_from_the_pages_they_belong_to(ds):
    def links(html):
        head = dict(re.findall(r'<link rel="alternate" type="(?:application/atom\+xml|text/calendar)" title="([^"]+)" href="([^"]+)">', html))
        footer = html.split('<p class="almanac-feeds">')[1].split("</p>")[0] if "almanac-feeds" in html else ""
        return head, footer

    home, footer = links((await get(ds, "/")).text)
    assert set(home.values()) == {"/almanac/new_models.atom", "/almanac/price_changes.atom", "/almanac/retirements.atom", "/almanac/calendar.ics"}
    assert 'href="/almanac/new_models.atom"' in footer
    models, _ = links((await get(ds, "/almanac/models")).text)
    assert set(models.values()) == {"/almanac/new_models.atom", "/almanac/retirements.atom"}
    events, _ = links((await get(ds, "/almanac/events")).text)
    assert set(events.values()) == {"/almanac/calendar.ics"}
    own, _ = links((await get(ds, "/almanac/price_changes")).text)
    assert set(own.values()) == {"/almanac/price_changes.atom"}
    assert links((await get(ds, "/almanac/sources")).text) == ({}, "")
    about = (await get(ds, "/about")).text
    for href in ("/almanac/new_models.atom", "/almanac/calendar.ics", "/llms.txt", "/sitemap.xml"):
        assert f'href="{href}"' in about


def test_metadata_lists_the_discovery_files_the_snapshot_writes(public_site):
    meta = yaml.safe_load((public_site / "metadata.yml").read_text())
    plugin = meta["plugins"]["almanac"]
    assert plugin["public_url"] == PUBLIC
    assert "public_url" not in meta  # not a Datasette metadata key: it lives under its plugin
    assert plugin["files"][:3] == ["/robots.txt", "/sitemap.xml", "/llms.txt"]


async def test_the_servers_public_address_overrides_the_configured_one(public_site, monkeypatch):
    monkeypatch.setenv("ALMANAC_PUBLIC_URL", "https://live.example.net")
    ds = await served(public_site)
    feed, _ = await atom(ds, "new_models")
    assert feed.feed.id == "https://live.example.net/almanac/new_models.atom"
    assert all(e.id.startswith("https://live.example.net/almanac/models/") for e in feed.entries)
    assert "Sitemap: https://live.example.net/sitemap.xml" in (await get(ds, "/robots.txt")).text
    assert "<loc>https://live.example.net/almanac/models/gpt-4o</loc>" in (await get(ds, "/sitemap.xml")).text
    assert "(https://live.example.net/almanac/price_history.json)" in (await get(ds, "/llms.txt")).text


@pytest.mark.parametrize("value", ["almanac.example.org", "https://almanac.example.org/", "https://x.org/almanac", "ftp://x.org", "https://x.org/?a=1", None])
def test_a_public_url_that_is_not_an_address_is_refused(value):
    with pytest.raises(ValueError, match="public_url must be an http"):
        public_url(value)
