"""The public address, and the files readers, crawlers and agents fetch at plain addresses.

config/site.yml names one `public_url`; plugins/public_url.py reads it (ALMANAC_PUBLIC_URL
overrides it on a server that has it) for the feeds' links and ids. This lists every discovery file
(feeds, calendar, sitemap, robots.txt, llms.txt and the Markdown pages it links to) under
`plugins.almanac.files` in metadata.yml: the live site answers each at a plain GET, and the static
snapshot writes each as a file of the same path.
"""

import html
import re
from urllib.parse import urlsplit

PLUGIN = "almanac"
# A canned query with a `feed:` header is a feed: its format is the Datasette renderer that
# writes it (datasette-atom, datasette-ics).
FEED_FORMATS = ("atom", "ics")


def public_url(value):
    """An origin only: Datasette builds absolute links by joining paths to it, which drops any path."""
    parts = urlsplit(value or "")
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.path or parts.query or parts.fragment:
        raise ValueError(f"config/site.yml: public_url must be an http(s) origin with no path and no trailing slash, such as https://example.org, got {value!r}")
    return value


def feeds(database, canned):
    """{query name: (address of the feed, its `feed:` header)}, checked."""
    found = {}
    for name, query in canned.items():
        feed = query.get("feed")
        if feed is None:
            continue
        if not isinstance(feed, dict) or feed.get("format") not in FEED_FORMATS or not isinstance(feed.get("pages", []), list):
            raise ValueError(f"queries/{name}.sql: the feed header must be {{format: {' or '.join(FEED_FORMATS)}, pages: [addresses]}}, got {feed!r}")
        found[name] = (f"/{database}/{name}.{feed['format']}", feed)
    return found


def files(database, tables, canned):
    """Every discovery file, in one list: what the live site answers and the snapshot writes."""
    return [
        "/robots.txt",
        "/sitemap.xml",
        "/llms.txt",
        f"/{database}.md",
        *(f"/{database}/{table}.md" for table in tables),
        *(path for path, _ in feeds(database, canned).values()),
    ]


def plain_text(markup):
    return html.unescape(re.sub(r"<[^>]+>", "", markup))


def configure(site, database, tables, canned):
    """Move `public_url` from the site's config to its plugin's, with the list of discovery
    files; a plain-text description (for llms.txt) from the HTML one."""
    url = public_url(site.pop("public_url", None))
    site.setdefault("plugins", {})[PLUGIN] = {"public_url": url, "files": files(database, tables, canned)}
    if "description_html" in site:
        site.setdefault("description", plain_text(site["description_html"]))
    return site
