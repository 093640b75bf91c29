"""Feeds linked from the pages they belong to; the sitemap's pages; llms.txt's queries and API.

A canned query with a `feed: {format, pages}` header is a feed (datasette-atom or datasette-ics
writes it): every page it names, and its own query page, links to it in the head (for feed
readers) and the footer (for people). The sitemap gets every page, table and canned query beside
the rows its SQL lists; llms.txt (datasette-llms-txt's tables) gets the canned queries with their
parameters, the feeds, the MCP endpoint and the limits every query runs under.
"""

import re
from pathlib import Path

from datasette import hookimpl
from datasette.utils.asgi import Response
from datasette_llms_txt.generate import generate_index

DATABASE = "almanac"
FORMATS = {"atom": ("application/atom+xml", "Atom"), "ics": ("text/calendar", "iCalendar")}


async def feeds(datasette):
    canned = await datasette.get_canned_queries(DATABASE, None)
    found = []
    for name, query in canned.items():
        feed = query.get("feed")
        if not feed:
            continue
        media_type, label = FORMATS[feed["format"]]
        found.append(
            {
                "title": query.get("title", name),
                "href": datasette.urls.database(DATABASE) + f"/{name}.{feed['format']}",
                "type": media_type,
                "label": label,
                "pages": [*feed.get("pages", []), datasette.urls.database(DATABASE) + f"/{name}"],
            }
        )
    return found


@hookimpl
def extra_template_vars(datasette, request):
    async def variables():
        every = await feeds(datasette)
        path = request.path if request else None
        return {"almanac_feeds": [feed for feed in every if path in feed["pages"]], "almanac_every_feed": every}

    return variables


def public_pages(datasette):
    """The pages of templates/pages/, as addresses (/about for about.html)."""
    folder = Path(datasette.template_dir or "templates") / "pages"
    return sorted(datasette.urls.path(f"/{page.stem}") for page in folder.glob("*.html"))


@hookimpl
def sitemap_extra_paths(datasette):
    async def paths():
        database = datasette.get_database(DATABASE)
        hidden = set(await database.hidden_table_names())
        tables = [t for t in await database.table_names() if t not in hidden]
        canned = await datasette.get_canned_queries(DATABASE, None)
        boards = datasette.plugin_config("datasette-dashboards") or {}
        # A canned query may share a table's name (claims): its address is listed once.
        return list(dict.fromkeys([
            datasette.urls.path("/"),
            *public_pages(datasette),
            datasette.urls.database(DATABASE),
            *(datasette.urls.table(DATABASE, table) for table in tables),
            *(datasette.urls.database(DATABASE) + f"/{name}" for name in canned),
            *(datasette.urls.path(f"/-/dashboards/{slug}") for slug in boards),
        ]))

    return paths


def one_line(text):
    return re.sub(r"\s+", " ", text or "").strip()


async def llms_sections(datasette, request):
    # The request to llms.txt arrives at the public address (plugins/public_url.py).
    public = f"{request.scheme}://{request.host}"
    db = public + datasette.urls.database(DATABASE)
    canned = await datasette.get_canned_queries(DATABASE, None)
    lines = [
        "## Canned queries",
        "",
        f"Questions the almanac answers directly. Each takes named parameters in the query string (a missing one takes its default) and answers as HTML, as JSON (`{db}/<query>.json?_shape=array` for a list of rows) or as CSV (`.csv`).",
        "",
    ]
    for name, query in canned.items():
        parameters = "; ".join(
            f"`{key}`: {spec.get('description', key)} (default {spec.get('default') or 'empty'})" for key, spec in (query.get("parameters") or {}).items()
        )
        lines.append(f"- [{query.get('title', name)}]({db}/{name}.json): {one_line(query.get('description'))}" + (f" Parameters: {parameters}." if parameters else ""))
    lines += ["", "## Feeds", ""]
    lines += [f"- [{feed['title']}]({public}{feed['href']}) ({feed['label']})" for feed in await feeds(datasette)]
    lines += [
        "",
        "## SQL, JSON and MCP",
        "",
        f"- Read-only SQL: `{db}.json?sql=select+...&_shape=array`; named parameters (`:name`) come from the query string.",
        f"- Every table, row and query answers as JSON with `.json` and as CSV with `.csv`; column descriptions are at `{public}/-/metadata.json`.",
        f"- MCP (Streamable HTTP) at `{public}/-/mcp`: list_databases, get_database_schema, execute_sql (read-only), list_canned_queries, execute_canned_query.",
        f"- Limits, the same for the web API and MCP: at most {datasette.setting('max_returned_rows'):,} rows per response and {datasette.setting('sql_time_limit_ms'):,} ms per query.",
        "",
    ]
    return "\n".join(lines)


async def llms_txt(datasette, request):
    """datasette-llms-txt's index (databases, tables, the JSON API), with the sections above. This
    route is found before the plugin's own: Datasette asks plugins of its plugins folder first."""
    body = await generate_index(datasette, request)
    return Response.text(body.rstrip("\n") + "\n\n" + await llms_sections(datasette, request))


@hookimpl
def register_routes():
    return [(r"^/llms\.txt$", llms_txt)]
