"""A link checker for a static snapshot folder: every link, script, style sheet, image and form
of every HTML page, and every url() of every style sheet."""

import posixpath
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

LINKING = {"href", "src", "action"}
CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)""")


class Links(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in LINKING and value is not None:
                self.links.append((tag, value))


def links_of(path):
    text = path.read_text(encoding="utf-8", errors="replace")
    if path.suffix == ".css":
        return [("css", m.group(2)) for m in CSS_URL.finditer(text)]
    parser = Links()
    parser.feed(text)
    return parser.links


def check(folder):
    """Returns {"broken": [...], "root_absolute": [...], "query_string": [...], "checked": n}, each
    problem as (file, link)."""
    folder = Path(folder)
    report = {"broken": [], "root_absolute": [], "query_string": [], "checked": 0}
    for path in sorted(folder.rglob("*")):
        if path.suffix not in (".html", ".css"):
            continue
        relative_file = path.relative_to(folder).as_posix()
        for tag, link in links_of(path):
            parts = urlsplit(link)
            if parts.scheme in ("data", "mailto", "javascript", "blob"):
                continue
            if parts.scheme or parts.netloc:
                if parts.netloc in ("localhost", "127.0.0.1"):
                    report["root_absolute"].append((relative_file, link))
                continue  # another site
            report["checked"] += 1
            if parts.path.startswith("/"):
                report["root_absolute"].append((relative_file, link))
                continue
            if parts.query:
                report["query_string"].append((relative_file, link))
            if not parts.path:
                continue  # a fragment of the same page
            target = posixpath.normpath(posixpath.join(posixpath.dirname(relative_file), unquote(parts.path)))
            resolved = folder / target
            if resolved.is_dir():
                resolved = resolved / "index.html"
            if target.startswith("..") or not resolved.is_file():
                report["broken"].append((relative_file, link))
    return report
