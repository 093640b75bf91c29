"""The served database, in process: tables, JSON API, metadata, plugins, immutability."""

import yaml

from almanac.schema import TABLES
from conftest import ROOT


async def test_every_table_is_served(datasette):
    response = await datasette.client.get("/almanac.json")
    assert response.status_code == 200
    tables = {t["name"]: t for t in response.json()["tables"]}
    for table in TABLES:
        assert table.name in tables
        assert not tables[table.name]["hidden"]
    assert tables["models_fts"]["hidden"]


async def test_database_is_served_immutable_and_downloadable(datasette):
    response = await datasette.client.get("/-/databases.json")
    [db] = response.json()
    assert (db["name"], db["is_mutable"]) == ("almanac", False)
    download = await datasette.client.get("/almanac.db")
    assert download.status_code == 200
    assert download.content.startswith(b"SQLite format 3")


async def test_json_api_returns_rows_with_their_provenance(datasette):
    response = await datasette.client.get("/almanac/prices.json?model_id=gemini-1-5-flash-8b&tier=standard&_shape=array")
    assert response.status_code == 200
    [row] = response.json()
    assert row["input_usd_per_mtok"] == 0.0375
    assert row["output_usd_per_mtok"] == 0.15
    assert row["effective_from"] == "2024-10-03"
    assert row["source_id"] == "fixture-google-flash-8b"


async def test_csv_export(datasette):
    response = await datasette.client.get("/almanac/models.csv?_sort=id")
    assert response.status_code == 200
    lines = response.text.splitlines()
    assert lines[0].startswith("id,name,organization_id,")
    assert lines[1].startswith("deepseek-v3,DeepSeek-V3,deepseek,")


async def test_sql_queries_are_allowed_and_read_only(datasette):
    ok = await datasette.client.get("/almanac.json", params={"sql": "select count(*) as n from models", "_shape": "array"})
    assert ok.json() == [{"n": 6}]  # four models and two dated snapshots
    write = await datasette.client.get("/almanac.json", params={"sql": "delete from models"})
    assert write.status_code == 400


async def test_table_and_column_descriptions_come_from_the_schema(datasette):
    response = await datasette.client.get("/-/metadata.json")
    meta = response.json()
    assert meta["title"] == "LLM Almanac"
    assert "creativecommons.org/licenses/by/4.0" in meta["license_url"]
    tables = meta["databases"]["almanac"]["tables"]
    for table in TABLES:
        assert tables[table.name]["description"] == table.description
        assert tables[table.name]["columns"] == {c.name: c.description for c in table.columns}


async def test_table_page_shows_descriptions_facets_and_labels(datasette):
    response = await datasette.client.get("/almanac/prices")
    html = response.text
    assert response.status_code == 200
    assert "in the currency it was stated in" in html  # the table description
    # Foreign keys show the organization's name through its label column.
    assert ">OpenAI</a>" in html
    facets = (await datasette.client.get("/almanac/prices.json")).json()["facet_results"]
    assert list(facets) == ["provider_id", "tier", "currency", "model_id"]
    assert {r["value"]: r["count"] for r in facets["tier"]["results"]} == {"standard": 8, "batch": 1, "long-context": 1}
    assert {r["value"]: r["count"] for r in facets["currency"]["results"]} == {"USD": 8, "CNY": 2}


async def test_datasette_vega_is_installed(datasette):
    response = await datasette.client.get("/-/plugins.json")
    names = {plugin["name"] for plugin in response.json()}
    assert "datasette-vega" in names
    page = await datasette.client.get("/almanac/prices")
    assert "/-/static-plugins/datasette_vega/" in page.text


async def test_settings_bound_arbitrary_sql(datasette):
    settings = (await datasette.client.get("/-/settings.json")).json()
    assert settings["sql_time_limit_ms"] == 3000
    assert settings["max_returned_rows"] == 5000


def test_every_setting_has_a_reason():
    """Each limit in config/settings.yml sits under a comment that gives its reason."""
    lines = (ROOT / "config" / "settings.yml").read_text().splitlines()
    settings = yaml.safe_load("\n".join(lines))
    for name in settings:
        index = next(i for i, line in enumerate(lines) if line.startswith(f"{name}:"))
        assert lines[index - 1].startswith("#"), f"{name} has no comment giving its reason"
