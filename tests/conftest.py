import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURE_SOURCES = ROOT / "tests" / "fixtures" / "sources"


def pytest_addoption(parser):
    parser.addoption(
        "--require-browser",
        action="store_true",
        help="fail instead of skipping browser tests when Chromium or Playwright is missing (CI)",
    )


@pytest.fixture
def sources(tmp_path):
    """A writable copy of the fixture records; tests break one thing in it at a time."""
    target = tmp_path / "sources"
    shutil.copytree(FIXTURE_SOURCES, target)
    return Sources(target)


class Sources:
    def __init__(self, root):
        self.root = root

    def write(self, relative, text, mode="w"):
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        elif mode == "a":
            with path.open("a", encoding="utf-8") as f:
                f.write(text)
        else:
            path.write_text(text, encoding="utf-8")
        return path

    def append(self, relative, text):
        return self.write(relative, text, mode="a")

    def replace(self, relative, old, new):
        path = self.root / relative
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {relative}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")


def make_site(target, sources_dir):
    """A Datasette configuration folder like the project root: the database built from
    `sources_dir`, inspect-data.json (so it is served immutable), metadata.yml, settings.json
    and links to the project's templates, plugins and static files."""
    import subprocess
    import sys

    from almanac.build import build
    from almanac.site import write_site

    target.mkdir(parents=True, exist_ok=True)
    problems = build(sources_dir, target / "almanac.db")
    assert problems == [], "\n".join(map(str, problems))
    subprocess.run(
        [sys.executable, "-m", "datasette", "inspect", "almanac.db", "--inspect-file", "inspect-data.json"],
        cwd=target,
        check=True,
    )
    write_site(ROOT, target)
    for folder in ("templates", "plugins", "static"):
        if (ROOT / folder).is_dir():
            (target / folder).symlink_to(ROOT / folder)
    return target


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory):
    return make_site(tmp_path_factory.mktemp("site"), FIXTURE_SOURCES)


@pytest.fixture
async def datasette(fixture_site):
    from datasette.app import Datasette

    ds = Datasette(config_dir=fixture_site)
    await ds.invoke_startup()
    return ds
