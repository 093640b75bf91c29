"""Absolute links from one configured address, never from the request's Host header.

Datasette builds absolute URLs (a JSON page's `next_url`, facet and export links) from the Host
header, and responses are cached for an hour: a request with a forged Host would put the forger's
address into pages served to everyone. This wrapper replaces the scheme and Host of every request
with those of ALMANAC_PUBLIC_URL (https://almanac.example.org in production), or, when it is not
set, with the address the server itself listens on.
"""

import os
from urllib.parse import urlsplit

from datasette import hookimpl


def public_origin(scope):
    configured = os.environ.get("ALMANAC_PUBLIC_URL", "").strip()
    if configured:
        parts = urlsplit(configured)
        return parts.scheme or "https", parts.netloc
    host, port = scope.get("server") or ("127.0.0.1", 8001)
    return "http", f"{host}:{port}" if port else host


@hookimpl
def asgi_wrapper(datasette):
    def wrap(app):
        async def pinned(scope, receive, send):
            if scope["type"] != "http":
                return await app(scope, receive, send)
            scheme, host = public_origin(scope)
            headers = [(name, value) for name, value in scope.get("headers", []) if name.lower() != b"host"]
            headers.append((b"host", host.encode("latin-1")))
            return await app(dict(scope, scheme=scheme, headers=headers), receive, send)

        return pinned

    return wrap
