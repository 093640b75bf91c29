"""Answers kept in memory: the database is immutable, so a page's answer only changes with the
next build, which restarts the server.

Only what is the same for every visitor is kept: answers of 200 to a GET, that set no cookie,
to a request that carries no SQL of its own (`?sql=`, `?_where=`), no credentials and no cookie, for a page that does not describe the server's own state (`/-/threads`, `/-/actor`...).
The key is the path and query string alone: the Host header is replaced before Datasette sees
it (plugins/public_url.py), so a forged one cannot reach what others are sent. The cache is
bounded in entries and in bytes, and forgets the least recently used answer first.

Every answer, kept or not, still passes through the other plugins' wrappers outside this one,
and what is kept is what they produced inside it; the security headers are on both.
"""

from collections import OrderedDict
from urllib.parse import parse_qsl

from datasette import hookimpl

# The almanac has a few thousand pages (a page per model, organization, source, canned query,
# in HTML, JSON and CSV); 5,000 holds every one a crawler asks for.
MAX_ENTRIES = 5_000
# Most answers are a few to a hundred kilobytes; 200 MB keeps the server well under its memory
# on a small machine even when every entry is large.
MAX_BYTES = 200_000_000
# A whole-table CSV export is a few megabytes; larger answers are streamed, never kept.
MAX_ENTRY_BYTES = 5_000_000
# Parameters that carry SQL of the visitor's own (see plugins/sql_limits.py).
SQL_PARAMETERS = {"sql", "_where"}
# Pages under /-/ that are fixed for a build; the others show the server's state or the actor.
FIXED_INTERNAL = ("/-/static/", "/-/static-plugins/", "/-/dashboards", "/-/metadata", "/-/versions", "/-/plugins", "/-/settings", "/-/databases")
HIT = (b"x-cache", b"hit")


class ResponseCache:
    def __init__(self, max_entries=MAX_ENTRIES, max_bytes=MAX_BYTES, max_entry_bytes=MAX_ENTRY_BYTES):
        self.max_entries, self.max_bytes, self.max_entry_bytes = max_entries, max_bytes, max_entry_bytes
        self.entries = OrderedDict()  # key -> (status, headers, body)
        self.bytes = 0

    def get(self, key):
        entry = self.entries.get(key)
        if entry is not None:
            self.entries.move_to_end(key)
        return entry

    def put(self, key, status, headers, body):
        if len(body) > self.max_entry_bytes or key in self.entries:
            return
        self.entries[key] = (status, headers, body)
        self.bytes += len(body)
        while len(self.entries) > self.max_entries or self.bytes > self.max_bytes:
            _, (_, _, forgotten) = self.entries.popitem(last=False)
            self.bytes -= len(forgotten)


def cache_key(scope):
    """The key of a request whose answer may be kept, or None."""
    if scope["type"] != "http" or scope["method"] != "GET":
        return None
    path = scope["path"]
    if path.startswith("/-/") and not path.startswith(FIXED_INTERNAL):
        return None
    query = scope.get("query_string", b"")
    if any(name in SQL_PARAMETERS for name, _ in parse_qsl(query.decode("latin-1"), keep_blank_values=True)):
        return None
    for name, value in scope.get("headers", []):
        # A cookie can change the page (an actor, a CSRF token written into a form): a request
        # carrying one gets its own answer, never one kept for others, and nothing is kept from it.
        if name in (b"authorization", b"cookie"):
            return None
    return path, query


def keepable(start):
    return start["status"] == 200 and not any(name.lower() == b"set-cookie" for name, _ in start.get("headers", []))


def wrapper(cache):
    def wrap(app):
        async def cached(scope, receive, send):
            key = cache_key(scope)
            if key is None:
                return await app(scope, receive, send)
            entry = cache.get(key)
            if entry is not None:
                status, headers, body = entry
                await send({"type": "http.response.start", "status": status, "headers": [*headers, HIT]})
                await send({"type": "http.response.body", "body": body})
                return
            start, chunks, size = None, [], 0

            async def keep(message):
                nonlocal start, chunks, size
                if message["type"] == "http.response.start":
                    start = message if keepable(message) else None
                elif message["type"] == "http.response.body" and start is not None:
                    body = message.get("body", b"")
                    size += len(body)
                    if size > cache.max_entry_bytes:
                        start, chunks = None, []
                    else:
                        chunks.append(body)
                        if not message.get("more_body"):
                            cache.put(key, start["status"], list(start.get("headers", [])), b"".join(chunks))
                await send(message)

            return await app(scope, receive, keep)

        return cached

    return wrap


# trylast: applied among the last, so the cache sits outside Datasette and most plugins and a
# kept answer skips them; the security headers are on it either way (see the docstring).
@hookimpl(trylast=True)
def asgi_wrapper(datasette):
    return wrapper(ResponseCache())
