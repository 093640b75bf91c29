"""The almanac's one public address, for the files it publishes: feeds, calendar, sitemap, llms.txt.

The address is `public_url` in config/site.yml (written to metadata as plugins.almanac). Canned
queries read it as the magic parameter `:_almanac_url` (feeds build their links and ids from it).
Plugins that build absolute links from the request instead (datasette-atom's feed id and self
link, datasette-llms-txt's base address) are shown each discovery file's request as if it came to
the public address: the Host header a client sends never reaches a feed, whoever asks and however
the site is reached (a proxy, a CDN, the static snapshot's in-process walk).
"""

from urllib.parse import urlsplit

from datasette import hookimpl

PLUGIN = "almanac"


def config(datasette):
    return datasette.plugin_config(PLUGIN) or {}


@hookimpl
def register_magic_parameters(datasette):
    def almanac(key, request):
        if key != "url":
            raise KeyError(key)
        return config(datasette)["public_url"]

    return [("almanac", almanac)]


# Innermost of the ASGI wrappers (called first, so it wraps the router directly): whatever other
# wrappers do to the Host header, a discovery file sees the public address.
@hookimpl(tryfirst=True)
def asgi_wrapper(datasette):
    def wrap(app):
        async def at_public_url(scope, receive, send):
            settings = config(datasette)
            if scope["type"] == "http" and scope["path"] in settings.get("files", ()):
                public = urlsplit(settings["public_url"])
                # Datasette's request.url is scheme://host + path: a public address under a path
                # (https://example.org/almanac) keeps its path by travelling in the host.
                host = (public.netloc + public.path).encode("latin-1")
                headers = [(name, value) for name, value in scope["headers"] if name != b"host"]
                scope = dict(scope, scheme=public.scheme, headers=[*headers, (b"host", host)])
            return await app(scope, receive, send)

        return at_public_url

    return wrap
