"""Benchmarks of the build and of the served queries. Run with `make bench`.

The machine this runs on is shared and noisy, so the targets are ratios and generous bounds
measured in one run, never timed unit tests:

- the build scales linearly: building a corpus 10 times the size of sources/ takes at most 15
  times as long as building sources/ itself;
- the full build takes under 30 seconds and under 300 MB of memory;
- every canned query answers in under 500 ms (median of 5) on the full database: a sixth of the
  3,000 ms limit that settings.yml sets for any query.

The static snapshot of the full site (make snapshot) is timed too: a figure, with no target.

Results are printed and written to docs/bench.md.
"""

import json
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from almanac.load import load_sources  # noqa: E402
from almanac.schema import SLUG, TABLES_BY_NAME  # noqa: E402
from almanac.site import queries  # noqa: E402

SCALE = 10
QUERY_RUNS = 5


def replicate(records, copies):
    """`copies` renamed copies of every record: every id and reference gets the same suffix per
    copy, so each copy is a complete, valid corpus of its own."""
    for copy in range(copies):
        suffix = "" if copy == 0 else f"-r{copy}"
        for record in records:
            table = TABLES_BY_NAME[record.table]
            values = dict(record.values)
            for column in table.recorded:
                value = values.get(column.name)
                if isinstance(value, str) and column.type == SLUG and column.name != "leaderboard":
                    values[column.name] = value + suffix
            if record.table == "leaderboard_scores":
                values["entry"] = values["entry"] + suffix
            if isinstance(values.get("source"), str):
                values["source"] += suffix
            cite = values.get("cite")
            if isinstance(cite, str):
                values["cite"] = "; ".join(f"{part.strip()}{suffix}" for part in cite.split(";") if part.strip())
            elif isinstance(cite, dict):
                values["cite"] = {field: renamed(spec, suffix) for field, spec in cite.items()}
            yield record.table, copy, values


def renamed(spec, suffix):
    """A `cite` entry (a source id, {source, quote}, or a list of them) with its sources renamed."""
    if isinstance(spec, list):
        return [renamed(item, suffix) for item in spec]
    if isinstance(spec, dict):
        return {**spec, "source": spec["source"] + suffix}
    return spec + suffix


def write_corpus(records, copies, folder):
    by_file = {}
    for table, copy, values in replicate(records, copies):
        by_file.setdefault((table, copy), []).append({k: v for k, v in values.items() if v is not None})
    for (table, copy), rows in by_file.items():
        path = folder / table / f"copy-{copy}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(yaml.safe_dump(rows, sort_keys=False, allow_unicode=True), encoding="utf-8")


def timed_build(sources, db_path):
    """Build in a child process; returns (seconds, peak memory of the child in MB). The quote
    rule runs as in every build, its failures in the corpus listed as exceptions beforehand."""
    exceptions = Path(db_path).with_suffix(".exceptions.csv")
    # In a process of its own, so that its memory is not counted as the build's.
    subprocess.run([sys.executable, str(ROOT / "build_db.py"), "quotes", "--sources", str(sources), "--quote-exceptions", str(exceptions), "--write-exceptions"], capture_output=True, check=True)
    script = (
        "import resource, sys, time; sys.path.insert(0, sys.argv[3]);"
        "from almanac.build import build; start = time.perf_counter();"
        "problems = build(sys.argv[1], sys.argv[2], quote_exceptions=sys.argv[4]); elapsed = time.perf_counter() - start;"
        "assert not problems, problems[:5];"
        "print(elapsed, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)"
    )
    output = subprocess.run([sys.executable, "-c", script, str(sources), str(db_path), str(ROOT), str(exceptions)], capture_output=True, text=True, check=True)
    seconds, megabytes = output.stdout.split()
    return float(seconds), float(megabytes)


def query_times(db_path):
    import asyncio

    from datasette.app import Datasette

    async def run():
        ds = Datasette(immutables=[str(db_path)])
        db = ds.get_database("almanac")
        results = {}
        for name, query in queries(ROOT / "queries").items():
            params = {key: str(spec.get("default", "")) for key, spec in (query.get("parameters") or {}).items()}
            if "q" in params:
                params["q"] = "gemini flash price"
            times = []
            for _ in range(QUERY_RUNS):
                start = time.perf_counter()
                await db.execute(query["sql"], params, custom_time_limit=10_000)
                times.append((time.perf_counter() - start) * 1000)
            results[name] = statistics.median(times)
        return results

    return asyncio.run(run())


def snapshot_summary(folder):
    """Writes the static snapshot of the project's site into `folder`; returns its summary
    (pages, files, bytes, seconds)."""
    command = [sys.executable, "-m", "snapshot", "--out", str(folder / "dist")]
    output = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True)
    return output.stdout.strip().splitlines()[-1].split(": ", 1)[1]


def main():
    records, problems = load_sources(ROOT / "sources")
    assert not problems, problems[:5]
    lines = [
        "# Benchmarks",
        "",
        "Written by `make bench` (bench/run.py). Targets are ratios and generous bounds measured in one",
        "run on a shared machine, never timed unit tests.",
        "",
        f"Machine: {platform.machine()}, Python {platform.python_version()}, {platform.system()}.",
        "",
    ]
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        one, ten = folder / "x1", folder / f"x{SCALE}"
        write_corpus(records, 1, one)
        write_corpus(records, SCALE, ten)
        seconds_1, memory_1 = timed_build(one, folder / "x1.db")
        seconds_10, memory_10 = timed_build(ten, folder / f"x{SCALE}.db")
        seconds_real, memory_real = timed_build(ROOT / "sources", folder / "almanac.db")
        ratio = seconds_10 / seconds_1
        lines += [
            "## Build",
            "",
            "| corpus | records | seconds | peak memory (MB) |",
            "| --- | --- | --- | --- |",
            f"| sources/ | {len(records):,} | {seconds_real:.2f} | {memory_real:.0f} |",
            f"| sources/ as YAML, 1 copy | {len(records):,} | {seconds_1:.2f} | {memory_1:.0f} |",
            f"| sources/ as YAML, {SCALE} copies | {len(records) * SCALE:,} | {seconds_10:.2f} | {memory_10:.0f} |",
            "",
            f"{SCALE}x the records took {ratio:.1f}x as long (target: at most 15x) - "
            + ("met." if ratio <= 15 else "NOT MET."),
            f"The full build took {seconds_real:.2f} s and {memory_real:.0f} MB (targets: 30 s, 300 MB) - "
            + ("met." if seconds_real < 30 and memory_real < 300 else "NOT MET."),
            "",
        ]
        times = query_times(folder / "almanac.db")
        slowest = max(times.values())
        lines += ["## Canned queries on the full database", "", "| query | median ms |", "| --- | --- |"]
        lines += [f"| {name} | {ms:.1f} |" for name, ms in sorted(times.items(), key=lambda item: -item[1])]
        lines += ["", f"Slowest: {slowest:.1f} ms (target: under 500 ms) - " + ("met." if slowest < 500 else "NOT MET."), ""]
        lines += ["## Static snapshot", "", f"`make snapshot` of the full site: {snapshot_summary(folder)}", ""]
    text = "\n".join(lines)
    (ROOT / "docs" / "bench.md").write_text(text, encoding="utf-8")
    print(text)
    met = ratio <= 15 and seconds_real < 30 and memory_real < 300 and slowest < 500
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
