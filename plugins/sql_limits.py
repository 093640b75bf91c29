"""Arbitrary SQL stays open to everyone, bounded so that it cannot starve the rest of the site.

- Requests carrying SQL of their own (`?sql=`, `?_where=`) run on a small pool of threads of
  their own; pages, canned queries and the JSON API keep Datasette's pool, so a handful of runaway
  queries cannot take every thread. At most a few such requests wait for the pool; past that they
  are answered 503 at once. SQL that the configuration itself holds (a canned query's, a curated
  chart's, which datasette-dashboards fetches as `?sql=`) is not arbitrary and keeps the main pool.
- On every connection to a served database SQLite refuses any value longer than MAX_VALUE_BYTES;
  on that pool one statement's rows may also add up to at most MAX_RESULT_BYTES (Datasette
  already bounds their time and count).
- On every connection to a served (immutable) database, an authorizer refuses ATTACH and DETACH
  and the functions that read memory addresses or load code.
- MCP's `execute_sql` is arbitrary SQL by another door: datasette-mcp runs its tools in tasks of
  its own session manager, which no request's context reaches, so the tool is wrapped to run on
  the same pool, under the same flood limit, with the same caps.
"""

import asyncio
import contextlib
import contextvars
import functools
import json
import sqlite3
import threading
import weakref
from concurrent import futures
from urllib.parse import parse_qs

from datasette import hookimpl

# Two threads for two cores: arbitrary queries share them, each stopped at sql_time_limit_ms.
SQL_THREADS = 2
# Requests allowed to wait for a free thread; more than this is a flood, answered 503.
SQL_QUEUE = 6
THREAD_PREFIX = "arbitrary-sql"
# The longest value in the almanac is a few kilobytes; 1 MB lets anyone build long strings with
# SQL while stopping `hex(randomblob(125000000))` before it allocates anything.
MAX_VALUE_BYTES = 1_000_000
# The largest table (citations) adds up to under 1 MB of values: 10 MB fits any whole table and
# keeps one response from growing the server by gigabytes.
MAX_RESULT_BYTES = 10_000_000
# Functions no visitor needs: fts3_tokenizer() returns a memory address, the others load code
# or touch files where an extension provides them.
DENIED_FUNCTIONS = {"fts3_tokenizer", "load_extension", "readfile", "writefile", "edit"}
DENIED_ACTIONS = {sqlite3.SQLITE_ATTACH, sqlite3.SQLITE_DETACH}

arbitrary = contextvars.ContextVar("arbitrary_sql", default=False)
# Requests (web or MCP) running or waiting on the SQL pool; made on first use, in the server's loop.
_slots = None


def slots():
    global _slots
    if _slots is None:
        _slots = asyncio.Semaphore(SQL_THREADS + SQL_QUEUE)
    return _slots


@contextlib.asynccontextmanager
async def on_the_sql_pool():
    """Holds a slot, and sends the database work done meanwhile to the SQL pool."""
    async with slots():
        token = arbitrary.set(True)
        try:
            yield
        finally:
            arbitrary.reset(token)


class RoutingExecutor(futures.Executor):
    """Datasette's executor, sending the work of arbitrary-SQL requests to their own pool."""

    def __init__(self, pages):
        self.pages = pages
        self.sql = futures.ThreadPoolExecutor(SQL_THREADS, thread_name_prefix=THREAD_PREFIX)

    def submit(self, fn, /, *args, **kwargs):
        pool = self.sql if arbitrary.get() else self.pages
        return pool.submit(fn, *args, **kwargs)

    def shutdown(self, wait=True, *, cancel_futures=False):
        self.pages.shutdown(wait, cancel_futures=cancel_futures)
        self.sql.shutdown(wait, cancel_futures=cancel_futures)


@hookimpl
def startup(datasette):
    if datasette.executor is not None and not isinstance(datasette.executor, RoutingExecutor):
        datasette.executor = RoutingExecutor(datasette.executor)


def authorize(action, arg1, arg2, database, trigger):
    if action in DENIED_ACTIONS:
        return sqlite3.SQLITE_DENY
    if action == sqlite3.SQLITE_FUNCTION and (arg2 or "").lower() in DENIED_FUNCTIONS:
        return sqlite3.SQLITE_DENY
    return sqlite3.SQLITE_OK


def bounded_rows(row_factory):
    """A row factory that stops a statement whose rows pass MAX_RESULT_BYTES. Datasette opens a
    new cursor for every statement, so the count starts again with each cursor."""
    state = {"cursor": None, "bytes": 0}

    def make_row(cursor, values):
        current = state["cursor"]() if state["cursor"] else None
        if current is not cursor:
            state.update(cursor=weakref.ref(cursor), bytes=0)
        state["bytes"] += sum(len(v) if isinstance(v, (str, bytes)) else 8 for v in values)
        if state["bytes"] > MAX_RESULT_BYTES:
            raise sqlite3.OperationalError(f"the result is larger than {MAX_RESULT_BYTES // 1_000_000} MB: ask for fewer rows or columns")
        return row_factory(cursor, values)

    return make_row


@hookimpl
def prepare_connection(conn, database, datasette):
    db = datasette.databases.get(database)
    if db is None or db.is_mutable or db.is_memory:
        return
    conn.set_authorizer(authorize)
    # Every connection refuses values over MAX_VALUE_BYTES: no page or canned query comes near it,
    # and SQL that reaches Datasette's own pool by another door (MCP's execute_sql) is held to it.
    conn.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, MAX_VALUE_BYTES)
    if threading.current_thread().name.startswith(THREAD_PREFIX):
        conn.row_factory = bounded_rows(conn.row_factory or sqlite3.Row)


def configured_sql(datasette):
    """Every SQL text the configuration holds: canned queries and curated charts."""
    known = set()
    for database in datasette.databases:
        for query in (datasette.metadata("queries", database=database) or {}).values():
            known.add((query["sql"] if isinstance(query, dict) else query).strip())
    for board in (datasette.plugin_config("datasette-dashboards") or {}).values():
        for chart in (board.get("charts") or {}).values():
            known.add((chart.get("query") or "").strip())
    return known


def carries_own_sql(scope, known):
    args = parse_qs(scope.get("query_string", b"").decode("utf-8", "replace"))
    if args.get("_where", [""])[0].strip():
        return True
    sql = args.get("sql", [""])[0].strip()
    return bool(sql) and sql not in known


@hookimpl
def asgi_wrapper(datasette):
    def wrap(app):
        known = None

        async def limited(scope, receive, send):
            nonlocal known
            if known is None:
                known = configured_sql(datasette)
            if scope["type"] != "http" or not carries_own_sql(scope, known):
                return await app(scope, receive, send)
            if slots().locked():
                return await busy(scope, send)
            async with on_the_sql_pool():
                return await app(scope, receive, send)

        return limited

    return wrap


BUSY = "Too many SQL queries are running; try again in a few seconds."


async def busy(scope, send):
    message = BUSY
    if scope["path"].endswith(".json"):
        body, content_type = json.dumps({"ok": False, "error": message, "status": 503}), b"application/json; charset=utf-8"
    else:
        body, content_type = message + "\n", b"text/plain; charset=utf-8"
    headers = [(b"content-type", content_type), (b"retry-after", b"5"), (b"cache-control", b"no-store")]
    await send({"type": "http.response.start", "status": 503, "headers": headers})
    await send({"type": "http.response.body", "body": body.encode("utf-8")})


@hookimpl(trylast=True)
def register_mcp_tools(datasette, mcp):
    """Replace datasette-mcp's execute_sql (registered before this, trylast) by the same tool run
    on the SQL pool. Its signature, description and annotations are kept, so clients see no change."""
    from mcp.server.mcpserver.exceptions import ToolError

    # MCPServer has no public getter for a tool's function; datasette-mcp is pinned (0.3).
    tool = mcp._tool_manager.get_tool("execute_sql")
    if tool is None:
        return
    original = tool.fn

    @functools.wraps(original)  # its signature and type hints, read in datasette-mcp's module
    async def execute_sql(database, sql, ctx):
        if slots().locked():
            raise ToolError(BUSY)
        async with on_the_sql_pool():
            return await original(database, sql, ctx)

    mcp.remove_tool("execute_sql")
    mcp.add_tool(execute_sql, name="execute_sql", description=tool.description, annotations=tool.annotations)
