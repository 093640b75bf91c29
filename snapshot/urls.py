"""Which site addresses the snapshot keeps, and the file each one is written to.

A static host ignores query strings, so every kept address with one (a facet value, a canned
query with preset parameters) gets a path of its own; every other address with a query string
(sorting, other filters, more facet values) is not kept and its links are shown as unavailable.
"""

import posixpath
import re
from dataclasses import dataclass
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit

# Pages declared up front; each is written when the site answers it (a page not built yet,
# such as an overview, is picked up by the next snapshot once it exists).
PAGES = ("/", "/about", "/claims", "/models", "/compare", "/-/dashboards")
# Tables whose every row gets a page of its own; rows of other tables are reached through
# their tables and the pages of these rows.
ROW_TABLES = ("models", "organizations", "sources", "events", "claims")
# Introspection files linked from pages, written as they are.
JSON_FILES = ("/-/metadata.json",)
ASSET_PREFIXES = ("/-/static/", "/-/static-plugins/", "/static/")
# Arguments that change how a page or file looks, not which rows it holds.
COSMETIC = {"_size", "_labels", "_shape", "_chart", "_stream", "_nl", "_dl", "_json"}
FILTER = re.compile(r"^(?P<column>[^_][^=]*?)(?:__(?P<op>exact|not))?$")
SQL_PAGE = "-/sql/index.html"
# The compare page: one model's column is a page of its own (`?models=<one>`, linked from every
# model page); two or more models are put side by side in the browser from those pages
# (assets/snapshot/compare.js), reached as compare/index.html#models=a,b.
COMPARE = "/compare"
SITE_HOSTS = ("", "localhost")


@dataclass(frozen=True)
class Target:
    """A kept address: `kind` is page, table, row, query, data, db, asset or json (a file
    written as the site serves it: introspection, discovery files, feeds)."""

    kind: str
    path: str
    args: tuple = ()
    ext: str = ""

    def url(self):
        """The address to ask Datasette for."""
        query = "?" + urlencode(self.args) if self.args else ""
        return f"{self.path}{self.ext}{query}"

    def file(self):
        """The file it is written to, relative to the snapshot's root."""
        if self.kind in ("db", "asset", "json"):
            return unquote(self.path.lstrip("/"))
        folder = unquote(self.path.strip("/"))
        if self.args:
            folder = posixpath.join(folder, args_segment(self.args))
        if self.ext:
            return folder + self.ext
        return posixpath.join(folder, "index.html") if folder else "index.html"


def args_segment(args):
    """`model=gpt-4o` for (("model", "gpt-4o"),): a folder name any file system and host takes."""
    return ",".join(f"{escape(key)}={escape(value)}" for key, value in args)


def escape(text):
    return "".join(c if c.isascii() and (c.isalnum() or c in "._-") else "".join(f"~{b:02X}" for b in c.encode()) for c in text)


@dataclass
class SiteMap:
    """What the site holds, read from Datasette: databases, tables and their columns, canned
    queries and their parameters, dashboards and their filters' defaults."""

    database: str
    tables: dict  # table -> set of columns
    queries: dict  # query -> {parameter: default}
    dashboards: dict  # slug -> ({filter: default}, [chart slugs])
    pages: tuple = PAGES  # the declared pages the site answers
    files: tuple = ()  # discovery files and feeds (robots.txt, sitemap.xml, llms.txt, *.atom...), written as they are

    def classify(self, href):
        """The Target for a same-site link, ("sql", sql, params) for SQL to run in the page,
        ("compare", names) for models to put side by side in the page, "unavailable" for a same-site address the snapshot does not keep, None for another site."""
        parts = urlsplit(href)
        if parts.scheme not in ("", "http", "https") or parts.netloc not in SITE_HOSTS:
            return None
        if not parts.path.startswith("/"):
            return None  # relative already (a fragment, or a link the page builds itself)
        path = parts.path
        args = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)]
        if path.startswith(ASSET_PREFIXES):
            return Target("asset", path)
        if path in JSON_FILES or path in self.files:
            return Target("json", path)
        if path == f"/{self.database}.db":
            return Target("db", path)
        if path == f"/{self.database}" and any(k == "sql" for k, _ in args):
            params = [(k, v) for k, v in args if k != "sql" and k not in COSMETIC]
            return ("sql", dict(args)["sql"], params)
        semantic = [(k, v) for k, v in args if k not in COSMETIC]
        ext = ""
        for candidate in (".json", ".csv"):
            if path.endswith(candidate):
                path, ext = path[: -len(candidate)], candidate
        if path == COMPARE and semantic and not ext:
            return self._compare(semantic)
        target = self._classify_path(path, semantic)
        if target is None:
            return "unavailable"
        if ext:
            if target.kind not in ("table", "row", "query"):
                return "unavailable"
            return Target("data", target.path, target.args, ext)
        return target

    def _compare(self, args):
        """One model: its page; several: ("compare", names), built in the browser."""
        names = [name.strip() for key, value in args if key == "models" for name in value.split(",") if name.strip()]
        if not names or any(key != "models" for key, _ in args):
            return "unavailable"
        if len(names) == 1:
            return Target("page", COMPARE, (("models", names[0]),))
        return ("compare", names)

    def _classify_path(self, path, args):
        if path in self.pages or path == f"/{self.database}":
            return None if args else Target("page", path)
        if path.startswith("/-/dashboards/"):
            return self._dashboard(path, args)
        segments = [unquote(s) for s in path.strip("/").split("/")]
        if len(segments) < 2 or segments[0] != self.database:
            return None
        name = segments[1]
        if len(segments) == 2 and name in self.tables:
            return self._table(path, name, args)
        if len(segments) == 2 and name in self.queries:
            return self._query(path, name, args)
        if len(segments) == 3 and name in ROW_TABLES and name in self.tables and not args:
            return Target("row", path)
        return None

    def _table(self, path, table, args):
        """A table whole, or filtered by one column's value (a facet value, a foreign key)."""
        if not args:
            return Target("table", path)
        if len(args) != 1:
            return None
        match = FILTER.match(args[0][0])
        if not match or match["column"] not in self.tables[table]:
            return None
        return Target("table", path, tuple(args))

    def _query(self, path, name, args):
        """A canned query with its parameters; those left at their default are dropped, so
        every link to the same results leads to the same file."""
        defaults = self.queries[name]
        given = dict(args)
        if len(given) != len(args) or not set(given) <= set(defaults):
            return None
        kept = tuple((key, given[key]) for key in defaults if key in given and given[key] not in ("", defaults[key]))
        return Target("query", path, kept)

    def _dashboard(self, path, args):
        segments = path.strip("/").split("/")[2:]
        if not segments or segments[0] not in self.dashboards or len(segments) > 2:
            return None
        defaults, charts = self.dashboards[segments[0]]
        if len(segments) == 2 and segments[1] not in charts:
            return None
        if any(defaults.get(key) != value for key, value in args):
            return None
        return Target("page", path)


def relative(from_file, to_file):
    """The link from one written file to another, percent-encoded."""
    return quote(posixpath.relpath(to_file, posixpath.dirname(from_file) or "."), safe="/~=,._-")
