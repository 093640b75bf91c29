"""Write the static snapshot of the almanac's site.

    python -m snapshot [--config-dir .] [--out dist] [--public-url https://...]

The site is served in process from the Datasette configuration folder (almanac.db,
metadata.yml, settings.json, templates, plugins, static) and every page a reader can reach is
written under --out, with relative links, so the folder works under any path of any static host.
--public-url, the address of the live site, turns links the snapshot cannot keep (sorting, other
filters) into links to the live site instead of marking them unavailable.
"""

import argparse
import asyncio
import json
import shutil
import sys
from pathlib import Path

from .crawl import Crawl, existing_pages, read_site, seeds, write_sql_page
from .progress import Progress

ROOT = Path(__file__).resolve().parent.parent
WASM = ROOT / "node_modules" / "@sqlite.org" / "sqlite-wasm" / "dist"
# The live site's limits stay as they are for the in-browser SQL page; the snapshot's own walk
# lifts them, so a table paginated live is written whole (the largest holds a few thousand rows)
# and no facet or query is cut short on a busy machine.
WALK_SETTINGS = {"max_returned_rows": 100_000, "default_page_size": 100_000, "sql_time_limit_ms": 60_000, "facet_time_limit_ms": 10_000}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config-dir", type=Path, default=ROOT, help="Datasette configuration folder (default: the project)")
    parser.add_argument("--out", type=Path, default=ROOT / "dist", help="folder to write (default: dist)")
    parser.add_argument("--public-url", help="address of the live site, for what the snapshot cannot hold")
    parser.add_argument("--wasm", type=Path, default=WASM, help="SQLite's WebAssembly build (installed by npm ci)")
    args = parser.parse_args(argv)
    config_dir = args.config_dir.resolve()
    problem = missing_inputs(config_dir, args.wasm)
    if problem:
        print(problem, file=sys.stderr)
        return 1
    progress = Progress()
    failed = asyncio.run(snapshot(config_dir, args.out, args.wasm, progress, args.public_url))
    for url, answer in failed:
        print(f"{url}: the site answered with {answer}", file=sys.stderr)
    if failed:
        print(f"{len(failed)} pages or files could not be written; {args.out} was left as it was.", file=sys.stderr)
        return 1
    print(progress.summary(args.out))
    return 0


def missing_inputs(config_dir, wasm):
    for name in ("almanac.db", "metadata.yml", "settings.json"):
        if not (config_dir / name).exists():
            return f"{config_dir / name} is missing: build the site first (make snapshot does)"
    if not (wasm / "sqlite3.wasm").exists():
        return f"{wasm} holds no sqlite3.wasm: install SQLite's WebAssembly build with `npm ci` (make snapshot does)"
    return None


async def snapshot(config_dir, out, wasm, progress, public_url=None):
    from datasette.app import Datasette

    live_settings = json.loads((config_dir / "settings.json").read_text(encoding="utf-8"))
    datasette = Datasette(config_dir=config_dir, settings={**live_settings, **WALK_SETTINGS})
    await datasette.invoke_startup()
    sitemap, canned, boards = await read_site(datasette)
    pages, failed = await existing_pages(datasette)
    sitemap.pages = tuple(pages)
    temporary = out.with_name(out.name + ".tmp")
    shutil.rmtree(temporary, ignore_errors=True)
    temporary.mkdir(parents=True)
    crawl = Crawl(datasette, sitemap, boards, temporary, progress, public_url)
    await crawl.run(seeds(sitemap, pages))
    write_sql_page(temporary, sitemap, canned, live_settings, wasm, progress)
    failed += crawl.failed
    if failed:  # a snapshot with holes in it is not published: the previous one stays
        shutil.rmtree(temporary)
        return failed
    shutil.rmtree(out, ignore_errors=True)
    temporary.rename(out)
    return failed


if __name__ == "__main__":
    sys.exit(main())
