"""The benchmarks: `make bench` runs them and writes docs/benchmarks.md.

Every figure is a ratio measured in the same run against its floor, on whatever machine runs it
(described in the report), and every time is the median of several runs with their min and
max: the machine may be shared, so absolute times say little, and no unit test times anything.

- The build, at 1x (sources/ itself), 10x, 100x and 1000x the corpus (bench/generate.py),
  stage by stage, against its floor (bench/build_stages.py), with the exponent of its growth.
  A corpus is built only when the peak memory projected from the smaller ones fits the machine.
- Serving: Datasette beside `python -m http.server` serving the same bytes, at 1, 8 and 32
  clients; the key canned queries through Datasette against the same SQL run directly, on the
  largest database built (bench/serving.py).
- The static snapshot, once the project has one (`make snapshot`): time, size, pages per second.

Set BENCH_SCALES=1,10 for a quicker run. BENCH_SKIP=snapshot keeps the snapshot section that an
earlier run wrote (its 10x run is the longest part). BENCH_ONLY=snapshot measures the snapshot alone (one
build per scale in BENCH_SCALES, default 1,10) and replaces that section of docs/benchmarks.md.
"""

import json
import math
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).parent))

import generate  # noqa: E402
import serving  # noqa: E402
from almanac import quote_rule  # noqa: E402
from almanac.site import queries  # noqa: E402

SCALES = [int(s) for s in os.environ.get("BENCH_SCALES", "1,10,100,1000").split(",")]
# Runs per figure: more where a run is quick; the 1000x build runs once (minutes each).
RUNS = {1: 5, 10: 3, 100: 3, 1000: 1}
SERVE_RUNS = 3
# A corpus is built only if its projected peak memory stays under this share of the memory
# available, so the benchmark never pushes the machine into swapping or the OOM killer.
MEMORY_SHARE = 0.6
GOAL_RATIO = 2.0
OUT = ROOT / "docs" / "benchmarks.md"


def child(*args):
    output = subprocess.run([sys.executable, str(Path(__file__).parent / "build_stages.py"), *map(str, args)], capture_output=True, text=True, cwd=ROOT)
    if output.returncode:
        raise SystemExit(f"bench/build_stages.py {args[0]} failed: {output.stderr.strip()[-2000:]}")
    return json.loads(output.stdout)


def spread(values, digits=2):
    """'median (min-max)' of the values."""
    return f"{statistics.median(values):.{digits}f} ({min(values):.{digits}f}-{max(values):.{digits}f})"


def available_mb():
    with open("/proc/meminfo") as meminfo:
        return next(int(line.split()[1]) for line in meminfo if line.startswith("MemAvailable:")) / 1024


def machine():
    cpu = "unknown CPU"
    try:
        cpu = next(line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    with open("/proc/meminfo") as meminfo:
        total = next(int(line.split()[1]) for line in meminfo if line.startswith("MemTotal:")) / 1024**2
    load = os.getloadavg()[0]
    return f"{os.cpu_count()} cores ({cpu}), {total:.0f} GiB, {platform.system()} {platform.machine()}, Python {platform.python_version()}, SQLite {__import__('sqlite3').sqlite_version}; load average {load:.1f} when the run began"


def bench_builds(work):
    """{scale: {"records", "builds": [result], "floors": [result], "db"}}; skipped scales hold a reason."""
    results = {}
    for scale in SCALES:
        projected = project_memory(results, scale)
        if projected and projected > MEMORY_SHARE * available_mb():
            results[scale] = {"skipped": f"projected peak memory {projected / 1024:.1f} GB, over {MEMORY_SHARE:.0%} of the {available_mb() / 1024:.1f} GB available"}
            continue
        if scale == 1:
            sources, exceptions = ROOT / "sources", ROOT / quote_rule.EXCEPTIONS
        else:
            sources = work / f"x{scale}"
            generate.generate(sources, scale)
            exceptions = generate.exceptions_path(sources)
        db, floor_db = work / f"x{scale}.db", work / f"x{scale}-floor.db"
        entry = {"builds": [], "floors": []}
        for _ in range(RUNS.get(scale, 1)):
            entry["builds"].append(child("build", sources, db, exceptions))
            entry["floors"].append(child("floor", sources, db, floor_db))
        entry["records"] = entry["builds"][0]["records"]
        entry["db"] = db
        floor_db.unlink(missing_ok=True)
        if scale != 1:
            shutil.rmtree(sources)
        results[scale] = entry
    return results


def project_memory(results, scale):
    """Peak MB expected at `scale`, extrapolated linearly from the two largest scales built."""
    built = sorted((s, max(b["peak_mb"] for b in r["builds"])) for s, r in results.items() if "builds" in r)
    if len(built) < 2:
        return None
    (s1, m1), (s2, m2) = built[-2:]
    return m2 + (m2 - m1) / (s2 - s1) * (scale - s2)


def total(result):
    return sum(result["seconds"].values())


def build_section(results):
    lines = ["## The build", "", "Floor: the same files parsed with the C loaders (libyaml's `CSafeLoader`, the `csv` module) plus "
             "`executemany` of the same rows into the same schema, indexes and full-text tables in one transaction, measured in the "
             "same run (bench/build_stages.py). Seconds: median (min-max) of the runs.", "",
             "| corpus | records | runs | build s | floor s | build / floor | peak MB (build) | peak MB (floor) |", "| --- | --- | --- | --- | --- | --- | --- | --- |"]
    built = {s: r for s, r in results.items() if "builds" in r}
    for scale, r in results.items():
        if "skipped" in r:
            lines.append(f"| {scale}x | - | 0 | not run: {r['skipped']} | | | | |")
            continue
        builds, floors = [total(b) for b in r["builds"]], [total(f) for f in r["floors"]]
        ratio = statistics.median(builds) / statistics.median(floors)
        lines.append(
            f"| {scale}x | {r['records']:,} | {len(builds)} | {spread(builds)} | {spread(floors)} | {ratio:.2f} | "
            f"{max(b['peak_mb'] for b in r['builds']):,.0f} | {max(f['peak_mb'] for f in r['floors']):,.0f} |"
        )
    lines += ["", "Stages of the build (median seconds; the floor's parse and write beside them):", "",
              "| corpus | load | validate | quote rule | derive | write and claims | floor: parse | floor: write |", "| --- | --- | --- | --- | --- | --- | --- | --- |"]
    for scale, r in built.items():
        stages = [statistics.median(b["seconds"][name] for b in r["builds"]) for name in r["builds"][0]["seconds"]]
        floors = [statistics.median(f["seconds"][name] for f in r["floors"]) for name in ("parse", "write")]
        lines.append(f"| {scale}x | " + " | ".join(f"{s:.2f}" for s in stages + floors) + " |")
    if len(built) >= 2:
        xs = [math.log(r["records"]) for r in built.values()]
        ys = [math.log(statistics.median(total(b) for b in r["builds"])) for r in built.values()]
        mean_x, mean_y = statistics.mean(xs), statistics.mean(ys)
        exponent = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys)) / sum((x - mean_x) ** 2 for x in xs)
        lines += ["", f"Growth: build time grows as records^{exponent:.2f} over {', '.join(f'{s}x' for s in built)} (1.00 is linear; least squares on log-log)."]
    for scale in (100, 1000):
        r = results.get(scale)
        if r and "builds" in r:
            ratio = statistics.median(map(total, r["builds"])) / statistics.median(map(total, r["floors"]))
            verdict = "met" if ratio <= GOAL_RATIO else "NOT MET"
            lines.append(f"Goal at {scale}x, the build within {GOAL_RATIO:g}x of its floor: {ratio:.2f}x, {verdict}.")
        elif r:
            lines.append(f"Goal at {scale}x: not measured ({r['skipped']}).")
    return lines + [""]


def serve_section(site):
    results = serving.side_by_side(site, SERVE_RUNS)
    lines = ["## The server", "", f"Datasette with the almanac's plugins and response cache (plugins/response_cache.py) beside "
             f"`python -m http.server` serving the same bytes from files, on 127.0.0.1, the client an asyncio loop in the "
             f"benchmark's process, a new connection per request, {serving.REQUESTS} requests per run, {SERVE_RUNS} runs; "
             "requests per second and latency are medians (min-max) of the runs.", "",
             "| page | clients | Datasette req/s | http.server req/s | ratio | Datasette p50 / p99 ms | http.server p50 / p99 ms |", "| --- | --- | --- | --- | --- | --- | --- |"]
    worst = None
    for (page, clients), cell in results.items():
        ours, floor = cell["datasette"], cell["http.server"]
        ratio = statistics.median(r[0] for r in ours) / statistics.median(r[0] for r in floor)
        worst = ratio if worst is None else min(worst, ratio)
        lines.append(
            f"| {page} | {clients} | {spread([r[0] for r in ours], 0)} | {spread([r[0] for r in floor], 0)} | {ratio:.2f} | "
            f"{statistics.median(r[1] for r in ours):.1f} / {statistics.median(r[2] for r in ours):.1f} | "
            f"{statistics.median(r[1] for r in floor):.1f} / {statistics.median(r[2] for r in floor):.1f} |"
        )
    verdict = "met" if worst >= 1 else "NOT MET"
    lines += ["", f"Goal, at least as fast as http.server (ratio 1 or more) everywhere: the lowest ratio is {worst:.2f}, {verdict}.", ""]
    return lines


def canned_section(sites):
    lines = ["### Canned queries", "", f"Each run {serving.QUERY_RUNS} times with its form's defaults: through Datasette over HTTP "
             "(a distinct `_bench` parameter each time, so the cache never answers) and as the same SQL with the same parameters "
             "on a plain connection to the same file. Milliseconds, p50 / p99.", ""]
    by_scale = {scale: serving.canned(site, queries(ROOT / "queries")) for scale, site in sites.items()}
    scales = list(by_scale)
    lines += ["| query | " + " | ".join(f"{s}x served | {s}x direct" for s in scales) + " |", "| --- |" + " --- | --- |" * len(scales)]
    for name in serving.KEY_QUERIES:
        cells = []
        for scale in scales:
            r = by_scale[scale][name]
            cells += [f"{r['served'][0]:.1f} / {r['served'][1]:.1f}", f"{r['direct'][0]:.1f} / {r['direct'][1]:.1f}"]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return lines + [""]


def snapshot_section(work, sites):
    lines = ["## The snapshot", ""]
    if not (ROOT / "snapshot" / "__main__.py").exists():
        return lines + ["Not measured: the project has no static snapshot yet (`make snapshot`). Once `snapshot/` exists, "
                        "this section gives its time, size and pages per second for the real corpus and at 10x.", ""]
    if not (ROOT / "node_modules").is_dir():
        return lines + ["Not measured: SQLite's WebAssembly build is not installed (`npm ci`, as `make snapshot` does).", ""]
    lines += ["`python -m snapshot` on a configuration folder like the project's, serving the database built from the corpus.", "",
              "| corpus | seconds | pages | pages/s | size MB |", "| --- | --- | --- | --- | --- |"]
    for scale, site in sites.items():
        out = work / f"snapshot-{scale}"
        started = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "snapshot", "--config-dir", str(site), "--out", str(out)], cwd=ROOT, capture_output=True, text=True)
        if done.returncode:
            lines.append(f"| {scale}x | not measured: `python -m snapshot` failed: {(done.stderr.strip().splitlines() or ['?'])[-1][:200]} | | | |")
            continue
        seconds = time.perf_counter() - started
        files = [p for p in out.rglob("*") if p.is_file()]
        pages = sum(1 for p in files if p.suffix in (".html", ".json", ".csv"))
        size = sum(p.stat().st_size for p in files) / 1e6
        lines.append(f"| {scale}x | {seconds:.1f} | {pages:,} | {pages / seconds:.0f} | {size:.1f} |")
        shutil.rmtree(out)
    return lines + [""]


def kept_snapshot_section():
    """The snapshot section of the current docs/benchmarks.md, as its own run measured it."""
    text = OUT.read_text(encoding="utf-8") if OUT.exists() else ""
    if "## The snapshot" not in text:
        return ["## The snapshot", "", "Not measured in this run (BENCH_SKIP=snapshot).", ""]
    section = "## The snapshot" + text.split("## The snapshot", 1)[1].split("The whole run took", 1)[0]
    return section.rstrip("\n").split("\n") + [""]


def snapshot_only():
    """Measure the snapshot alone and put its section in place of the one in docs/benchmarks.md."""
    started = time.perf_counter()
    scales = [int(s) for s in os.environ.get("BENCH_SCALES", "1,10").split(",")]
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        sites = {}
        for scale in scales:
            sources, exceptions = ROOT / "sources", ROOT / quote_rule.EXCEPTIONS
            if scale != 1:
                sources = work / f"x{scale}"
                generate.generate(sources, scale)
                exceptions = generate.exceptions_path(sources)
            child("build", sources, work / f"x{scale}.db", exceptions)
            sites[scale] = serving.site_folder(work / f"x{scale}.db", work / f"site-{scale}")
        section = snapshot_section(work, sites)
    minutes = (time.perf_counter() - started) / 60
    section[-1:-1] = ["", f"(Measured by a run of its own, `BENCH_ONLY=snapshot`, which took {minutes:.1f} minutes.)"]
    text = OUT.read_text(encoding="utf-8")
    before, rest = text.split("## The snapshot", 1)
    after = rest[rest.index("The whole run took"):]
    OUT.write_text(before + "\n".join(section) + "\n" + after, encoding="utf-8")
    print("\n".join(section))


def main():
    if os.environ.get("BENCH_ONLY") == "snapshot":
        return snapshot_only()
    started = time.perf_counter()
    header = ["# Benchmarks", "", "Written by `make bench` (bench/run.py); it replaces the figures by hand. Ratios are measured "
              "against their floors in the same run; no unit test times anything.", "", f"Machine: {machine()}.", ""]
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        builds = bench_builds(work)
        body = build_section(builds)
        built = [s for s, r in builds.items() if "builds" in r]
        sites = {s: serving.site_folder(builds[s]["db"], work / f"site-{s}") for s in built}
        body += serve_section(sites[built[0]])
        body += canned_section({s: sites[s] for s in built if s >= 100} or {built[-1]: sites[built[-1]]})
        if os.environ.get("BENCH_SKIP") == "snapshot":
            body += kept_snapshot_section()
        else:
            body += snapshot_section(work, {s: sites[s] for s in built if s in (1, 10)})
    minutes = (time.perf_counter() - started) / 60
    text = "\n".join(header + body + [f"The whole run took {minutes:.1f} minutes.", ""])
    OUT.write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
