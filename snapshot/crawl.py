"""Walk the site in process and write what the snapshot keeps.

Starting from the declared pages, every table and canned query and the dashboards, each page is
fetched from Datasette, its links rewritten (which adds the pages, files and assets they lead
to), and written; the walk ends when no page leads anywhere new. Files go to a temporary folder
that replaces the output folder only once everything is written.
"""

import json
import shutil
from collections import deque
from pathlib import Path
from urllib.parse import urlencode

from almanac.price import FORMAT as USAGE_FORMAT
from almanac.site import include

from .rewrite import Rewriter, dashboard_head
from .urls import PAGES, SiteMap, Target

ASSETS = Path(__file__).parent / "assets"


async def read_site(datasette):
    """The SiteMap of the instance: its one database, tables, canned queries, dashboards."""
    names = [name for name in datasette.databases if not name.startswith("_")]
    if len(names) != 1:
        raise SystemExit(f"the snapshot serves exactly one database, found {names or 'none'}")
    database = datasette.get_database(names[0])
    hidden = set(await database.hidden_table_names())
    tables = {t: set(await database.table_columns(t)) for t in await database.table_names() if t not in hidden}
    canned = await datasette.get_canned_queries(names[0], None)
    queries = {name: {key: str(spec.get("default", "")) for key, spec in (q.get("parameters") or {}).items()} for name, q in canned.items()}
    boards = datasette.plugin_config("datasette-dashboards") or {}
    dashboards = {
        slug: ({key: str(f.get("default", "")) for key, f in (board.get("filters") or {}).items()}, list(board.get("charts") or {}))
        for slug, board in boards.items()
    }
    # The feeds and discovery files the site declares (almanac/discovery.py writes the list).
    files = tuple((datasette.plugin_config("almanac") or {}).get("files") or ())
    return SiteMap(names[0], tables, queries, dashboards, files=files), canned, boards


class Crawl:
    def __init__(self, datasette, sitemap, boards, out, progress, public_url=None):
        self.datasette = datasette
        self.sitemap = sitemap
        self.boards = boards
        self.out = out
        self.progress = progress
        self.rewriter = Rewriter(sitemap, self.want, public_url)
        self.seen = set()
        self.queue = deque()
        self.failed = []  # (address, what went wrong): what the site itself cannot answer
        self.charts_written = set()  # (dashboard, chart): each chart's rows are written once

    def want(self, target):
        if target.file() in self.seen:
            return
        self.seen.add(target.file())
        self.queue.append(target)
        self.progress.found()

    async def run(self, seeds):
        """One request at a time: requests in parallel were slower (Datasette's query threads
        and page rendering contend for the same interpreter)."""
        for target in seeds:
            self.want(target)
        while self.queue:
            await self.fetch(self.queue.popleft())

    async def get(self, url):
        response, problem = await answer(self.datasette, url)
        if problem:
            self.failed.append((url, problem))
        return response

    async def fetch(self, target):
        if target.kind in ("page", "table", "row", "query"):
            return await self.fetch_page(target)
        url = target.url()
        if target.kind == "data" and target.ext == ".json":
            url += ("&" if target.args else "?") + "_shape=array"
        response = await self.get(url)
        if response is None:
            return self.progress.skipped()
        body = response.content
        if target.kind == "asset" and target.path.endswith(".css"):
            body = self.rewriter.css(response.text, target.path).encode("utf-8")
        self.write(target.file(), body)

    async def fetch_page(self, target):
        response = await self.get(target.url())
        if response is None:
            return self.progress.skipped()
        file = target.file()
        extra = await self.dashboard_scripts(target, file) if target.path.startswith("/-/dashboards/") else ""
        text = self.rewriter.page(response.text, target, before_charts=extra)
        self.write(file, text.encode("utf-8"), page=True)
        if target.kind in ("table", "query"):
            for ext in (".json", ".csv"):
                self.want(Target("data", target.path, target.args, ext))

    async def dashboard_scripts(self, target, page_file):
        """Each chart of a dashboard (or the one chart of a chart page) reads its rows from a
        file written with the dashboard's default filters."""
        slug, *chart = target.path.strip("/").split("/")[2:]
        board = self.boards[slug]
        defaults, _ = self.sitemap.dashboards[slug]
        files = {}
        for name, chart_config in board["charts"].items():
            if chart and name != chart[0] or "query" not in chart_config:
                continue
            file = f"-/dashboards/{slug}/data/{name}.json"
            if (slug, name) not in self.charts_written:
                self.charts_written.add((slug, name))
                self.progress.found()
                args = urlencode([("sql", chart_config["query"]), *defaults.items(), ("_shape", "objects")])
                response = await self.get(f"/{chart_config['db']}.json?{args}")
                if response is None:
                    self.progress.skipped()
                    continue
                self.write(file, response.content)
            files[chart_config["query"]] = file
        return dashboard_head(page_file, files)

    def write(self, file, body, page=False):
        path = self.out / file
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(body)
        self.progress.wrote(len(body), page)


async def answer(datasette, url):
    """(response, None) for a page or file the site answers, else (None, what went wrong): the
    in-process client raises what a served instance would answer with a 500."""
    try:
        response = await datasette.client.get(url, follow_redirects=True)
    except Exception as error:  # noqa: BLE001 - a page's error is reported and the walk goes on
        return None, f"an error ({type(error).__name__}: {error})"
    if response.status_code != 200:
        return None, f"status {response.status_code}"
    return response, None


async def existing_pages(datasette):
    """(the declared pages the site answers, [(page, problem)] for those it fails on); a page
    not there yet (404) is left out quietly, and the snapshot does not link to it."""
    found, failed = [], []
    for path in PAGES:
        response, problem = await answer(datasette, path)
        if response is not None:
            found.append(path)
        elif problem != "status 404":
            failed.append((path, problem))
    return found, failed


def seeds(sitemap, pages):
    yield from (Target("page", path) for path in pages)
    yield Target("page", f"/{sitemap.database}")
    yield Target("db", f"/{sitemap.database}.db")
    yield from (Target("json", path) for path in sitemap.files)
    yield from (Target("table", f"/{sitemap.database}/{table}") for table in sitemap.tables)
    yield from (Target("query", f"/{sitemap.database}/{query}") for query in sitemap.queries)
    for slug, (_, charts) in sitemap.dashboards.items():
        yield Target("page", f"/-/dashboards/{slug}")
        yield from (Target("page", f"/-/dashboards/{slug}/{chart}") for chart in charts)


PROJECT = Path(__file__).resolve().parent.parent
PRICE_LOG_SQL = PROJECT / "almanac" / "price_log.sql"


def write_sql_page(out, sitemap, canned, settings, wasm_dir, progress):
    """The in-browser SQL page, SQLite's WebAssembly build beside it, and every canned query
    with its parameters for the page to open."""
    for source in sorted(ASSETS.rglob("*")):
        if source.is_file():
            target = out / "-" / source.relative_to(ASSETS)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
            progress.found()
            progress.wrote(source.stat().st_size, source.name == "index.html")
    vendor = out / "-" / "sql" / "vendor"
    vendor.mkdir(parents=True, exist_ok=True)
    for name in ("index.mjs", "sqlite3.wasm", "sqlite3-opfs-async-proxy.js"):
        shutil.copyfile(wasm_dir / name, vendor / name)
        progress.found()
        progress.wrote((vendor / name).stat().st_size)
    queries = [
        {
            "name": name,
            "title": query.get("title") or name,
            "sql": query["sql"],
            "parameters": [
                {"name": key, "default": str(spec.get("default", "")), "description": spec.get("description", "")}
                for key, spec in (query.get("parameters") or {}).items()
            ],
        }
        for name, query in canned.items()
    ]
    config = {
        "database": f"../../{sitemap.database}.db",
        "time_limit_ms": settings.get("sql_time_limit_ms", 1000),
        "max_rows": settings.get("max_returned_rows", 1000),
        "queries": queries,
        # Usage logs priced in the page (assets/sql/pricing.js): their format and the one SQL.
        "pricing": {"format": USAGE_FORMAT, "sql": include(PRICE_LOG_SQL.read_text(encoding="utf-8"), PROJECT)},
    }
    body = json.dumps(config, indent=1).encode("utf-8")
    (out / "-" / "sql" / "queries.json").write_bytes(body)
    progress.found()
    progress.wrote(len(body))
