"""Rewrite a page of the live site into a page of the snapshot.

Every same-site link becomes relative to the file it is written to; a link the snapshot does not
keep loses its address and is marked unavailable (or, when the live site's public address is
known, leads there); forms that run a canned query or SQL go to the in-browser SQL page, the
compare form to the compare page, which puts the models side by side in the browser, and
every other form (filters, export options) is replaced by a note.
"""

import html
import json
import posixpath
import re
from urllib.parse import urlencode, urlsplit

from .urls import COMPARE, SQL_PAGE, Target, relative

TAG = re.compile(r"<(a|link|script|img|form|iframe|source)\b([^>]*)>", re.IGNORECASE)
ATTRIBUTE = re.compile(r"""\b(href|src|action)\s*=\s*("([^"]*)"|'([^']*)')""", re.IGNORECASE)
INLINE_SCRIPT = re.compile(r"(<script\b[^>]*>)(.*?)(</script>)", re.IGNORECASE | re.DOTALL)
STATIC_STRING = re.compile(r"""(['"])(/-/static[^'"\s]*)\1""")
CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)""")
# table.js builds sorting, faceting and filtering links in the browser (the column menus): each
# would need the server, so the snapshot's table pages go without it.
DROPPED_SCRIPTS = re.compile(r'<script src="/-/static/table\.js"[^>]*></script>')
UNAVAILABLE = 'data-snapshot="unavailable" aria-disabled="true" title="Not in this static snapshot: it needs the live site"'
LIVE = 'data-snapshot="live" title="Not in this static snapshot: opens on the live site"'
SNAPSHOT_CSS = "-/snapshot/snapshot.css"
SNAPSHOT_JS = "-/snapshot/snapshot.js"
DASHBOARD_JS = "-/snapshot/dashboards.js"


class Rewriter:
    def __init__(self, sitemap, want, public_url=None):
        self.sitemap = sitemap
        self.want = want  # called with every Target a page links to
        self.public_url = (public_url or "").rstrip("/") or None

    def link(self, href, page_file, from_row=False):
        """The relative link for `href` seen on `page_file`; None if the snapshot lacks it;
        `href` itself for another site or a link within the page. A table filtered by one value
        is kept when a page, a query or a whole table (its facets) links to it, not when a row
        page does: rows link every table that refers to them, which would be thousands of
        mostly empty pages, and each model page already gathers what refers to it."""
        address, hash_, fragment = href.partition("#")
        if not address:
            return href
        kind = self.sitemap.classify(address)
        if kind is None:
            return href
        if kind == "unavailable" or from_row and isinstance(kind, Target) and kind.kind in ("table", "data") and kind.args:
            return None
        if isinstance(kind, tuple) and kind[0] == "compare":
            return relative(page_file, self.compare_file()) + "#" + urlencode([("models", ",".join(kind[1]))])
        if isinstance(kind, tuple):
            _, sql, params = kind
            return relative(page_file, SQL_PAGE) + "#" + urlencode([("sql", sql), *params])
        self.want(kind)
        return relative(page_file, kind.file()) + hash_ + fragment

    def compare_file(self):
        page = Target("page", COMPARE)
        self.want(page)
        return page.file()

    def live(self, href):
        if not self.public_url:
            return None
        parts = urlsplit(href)
        return self.public_url + parts.path + ("?" + parts.query if parts.query else "") + ("#" + parts.fragment if parts.fragment else "")

    def page(self, text, target, before_charts=""):
        """The page of `target` with its links rewritten; `before_charts` goes just before the
        inline script that draws a dashboard's charts."""
        page_file, from_row = target.file(), target.kind == "row"
        # The live site answers /favicon.ico; under a sub-path a browser would ask the host's root.
        text = text.replace("</head>", '<link rel="icon" href="/-/static/favicon.png">\n</head>', 1)
        text = DROPPED_SCRIPTS.sub("", text)
        text = INLINE_SCRIPT.sub(lambda m: self._inline_script(m, page_file, before_charts), text)
        text = TAG.sub(lambda m: self._tag(m, page_file, from_row), text)
        head = (
            f'<link rel="stylesheet" href="{relative(page_file, SNAPSHOT_CSS)}">'
            f'<script src="{relative(page_file, SNAPSHOT_JS)}" data-database="{html.escape(self.sitemap.database)}"></script>'
        )
        # First in <head>: the page's own scripts find fetch() answering SQL in the browser.
        return re.sub(r"<head>", lambda m: m.group(0) + "\n" + head, text, count=1)

    def _inline_script(self, match, page_file, before_charts):
        opening, body, closing = match.groups()
        if "src=" in opening:
            return match.group(0)
        if before_charts and "renderChart(" in body:
            opening = before_charts + opening

        def static(m):
            self.want(Target("asset", m.group(2)))
            return m.group(1) + relative(page_file, m.group(2).lstrip("/")) + m.group(1)

        return opening + STATIC_STRING.sub(static, body) + closing

    def _tag(self, match, page_file, from_row):
        name, attributes = match.group(1).lower(), match.group(2)
        found = ATTRIBUTE.search(attributes)
        if not found:
            return match.group(0)
        href = html.unescape(found.group(3) if found.group(3) is not None else found.group(4))
        if name == "form":
            return self._form(match.group(1), attributes, found, href, page_file)
        new = self.link(href, page_file, from_row)
        if new is None:
            live = self.live(href) if name == "a" else None
            if name != "a":
                replacement = ""
            elif live:
                replacement = f'href="{html.escape(live)}" {LIVE}'
            else:
                replacement = UNAVAILABLE
        else:
            replacement = f'{found.group(1)}="{html.escape(new)}"'
        attributes = attributes[: found.start()] + replacement + attributes[found.end() :]
        return f"<{match.group(1)}{attributes}>"

    def _form(self, name, attributes, found, action, page_file):
        kind = self.sitemap.classify(action)
        database_page = isinstance(kind, Target) and kind.kind == "page" and kind.path == f"/{self.sitemap.database}"
        before, after = attributes[: found.start()], attributes[found.end() :]
        if isinstance(kind, Target) and (kind.kind == "query" or database_page):
            # Canned queries with any parameters, and SQL typed in, run in the browser.
            hidden = "" if database_page else f'<input type="hidden" name="_query" value="{html.escape(kind.path.rsplit("/", 1)[1])}">'
            return f'<{name}{before}action="{relative(page_file, SQL_PAGE)}"{after}>' + hidden
        if isinstance(kind, Target) and kind.kind == "page" and kind.path == COMPARE:
            # The models asked for are put side by side in the browser (assets/snapshot/compare.js):
            # the form asks for compare/index.html?models=..., which a static host answers with
            # the page itself.
            return f'<{name}{before}action="{relative(page_file, self.compare_file())}" data-snapshot="compare"{after}>'
        if isinstance(kind, Target) and kind.path.startswith("/-/dashboards/"):
            # A dashboard's filters redraw its charts in the browser (assets/snapshot/dashboards.js).
            return f'<{name}{before}data-snapshot="dashboard-filters"{after}>'
        live = self.live(action)
        elsewhere = f', or <a href="{html.escape(live)}">use them on the live site</a>' if live else ""
        note = (
            '<p class="snapshot-note">This is a static snapshot: these options need the live site. '
            f'<a href="{relative(page_file, SQL_PAGE)}">Run SQL in your browser</a> instead{elsewhere}.</p>'
        )
        return f"{note}<{name}{before}hidden{after}>"

    def css(self, text, css_path):
        """A style sheet with root-absolute url()s made relative; every file it names is wanted."""

        def rewrite(m):
            url = m.group(2)
            if url.startswith(("data:", "http:", "https:", "#")):
                return m.group(0)
            absolute = posixpath.normpath(posixpath.join(posixpath.dirname(css_path), url))
            self.want(Target("asset", absolute.split("?")[0].split("#")[0]))
            return f"url({m.group(1)}{relative(css_path.lstrip('/'), absolute.lstrip('/'))}{m.group(1)})"

        return CSS_URL.sub(rewrite, text)


def dashboard_head(page_file, data_files):
    """Scripts for a dashboard page: each chart's SQL answered by the file written for it."""
    mapping = {sql: relative(page_file, file) for sql, file in data_files.items()}
    data = json.dumps(mapping).replace("</", "<\\/")
    return f'<script>window.SNAPSHOT_CHART_DATA = {data};</script><script src="{relative(page_file, DASHBOARD_JS)}"></script>'
