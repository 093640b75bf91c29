"""The almanac's one public address, for the files it publishes: feeds, calendar, sitemap, llms.txt.

The address is ALMANAC_PUBLIC_URL when the server has it (the production setting, which also pins
every page's links: plugins/public_url.py), else `public_url` of config/site.yml (written to
metadata as plugins.almanac), the address the static snapshot is built for. Canned queries read
it as the magic parameter `:_almanac_url` (feeds build their links and ids from it). Plugins that
build absolute links from the request (datasette-atom's feed id and self link, datasette-sitemap,
datasette-llms-txt) are shown each discovery file's request as if it came to the public address:
the Host header a client sends never reaches them, whoever asks and however the site is reached
(a proxy, a CDN, the static snapshot's in-process walk).
"""

import os

from urllib.parse import urlsplit

from datasette import hookimpl

PLUGIN = "almanac"


def config(datasette):
    return datasette.plugin_config(PLUGIN) or {}


def public_url(datasette):
    return os.environ.get("ALMANAC_PUBLIC_URL", "").strip().rstrip("/") or config(datasette)["public_url"]


@hookimpl
def register_magic_parameters(datasette):
    def almanac(key, request):
        if key != "url":
            raise KeyError(key)
        return public_url(datasette)

    return [("almanac", almanac)]


# Innermost of the ASGI wrappers (called first, so it wraps the router directly): whatever other
# wrappers do to the Host header, a discovery file sees the public address.
@hookimpl(tryfirst=True)
def asgi_wrapper(datasette):
    def wrap(app):
        async def at_public_url(scope, receive, send):
            if scope["type"] == "http" and scope["path"] in config(datasette).get("files", ()):
                public = urlsplit(public_url(datasette))
                host = public.netloc.encode("latin-1")
                headers = [(name, value) for name, value in scope["headers"] if name != b"host"]
                scope = dict(scope, scheme=public.scheme, headers=[*headers, (b"host", host)])
            return await app(scope, receive, send)

        return at_public_url

    return wrap
