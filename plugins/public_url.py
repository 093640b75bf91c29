"""The almanac's public address: every request reaches Datasette as if sent to it, never with the
Host header a client chose.

Datasette builds absolute URLs (a JSON page's `next_url`, facet and export links) from the Host
header, and responses are cached for an hour: a request with a forged Host would put the forger's
address into pages served to everyone. So the scheme and Host of every request are replaced:
- for the files the almanac publishes (feeds, calendar, sitemap, llms.txt: `files` of
  plugins.almanac), by the one public address: ALMANAC_PUBLIC_URL when the server has it (the
  production setting), else `public_url` of config/site.yml, the address the static snapshot is
  built for. Plugins that build absolute links from the request (datasette-atom's feed id and self
  link, datasette-sitemap, datasette-llms-txt) so give the same links whoever asks and however the
  site is reached (a proxy, a CDN, the static snapshot's in-process walk);
- for every other page, by ALMANAC_PUBLIC_URL, or when it is not set by the address the server
  itself listens on.
Canned queries read the public address as the magic parameter `:_almanac_url` (feeds build their
links and ids from it).
"""

import os
from urllib.parse import urlsplit

from datasette import hookimpl

PLUGIN = "almanac"


def config(datasette):
    return datasette.plugin_config(PLUGIN) or {}


def configured_url():
    return os.environ.get("ALMANAC_PUBLIC_URL", "").strip().rstrip("/")


def public_url(datasette):
    return configured_url() or config(datasette)["public_url"]


def origin(datasette, scope):
    """(scheme, host) that this request is shown as sent to."""
    if scope["path"] in config(datasette).get("files", ()):
        parts = urlsplit(public_url(datasette))
        return parts.scheme, parts.netloc
    if configured_url():
        parts = urlsplit(configured_url())
        return parts.scheme or "https", parts.netloc
    host, port = scope.get("server") or ("127.0.0.1", 8001)
    return "http", f"{host}:{port}" if port else host


@hookimpl
def register_magic_parameters(datasette):
    def almanac(key, request):
        if key != "url":
            raise KeyError(key)
        return public_url(datasette)

    return [("almanac", almanac)]


# tryfirst: pluggy calls this wrapper first, so it is the innermost and wraps Datasette's router
# directly: whatever other wrappers do to the Host header, Datasette sees the public address.
@hookimpl(tryfirst=True)
def asgi_wrapper(datasette):
    def wrap(app):
        async def at_public_address(scope, receive, send):
            if scope["type"] != "http":
                return await app(scope, receive, send)
            scheme, host = origin(datasette, scope)
            headers = [(name, value) for name, value in scope.get("headers", []) if name.lower() != b"host"]
            headers.append((b"host", host.encode("latin-1")))
            return await app(dict(scope, scheme=scheme, headers=headers), receive, send)

        return at_public_address

    return wrap
