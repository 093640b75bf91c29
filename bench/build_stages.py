"""One build, timed stage by stage, and its floor; run in a child process by bench/run.py so
each measurement starts cold and reports its own peak memory.

    python bench/build_stages.py build SOURCES DB EXCEPTIONS   -> JSON: seconds per stage, peak MB
    python bench/build_stages.py floor SOURCES BUILT_DB OUT_DB -> JSON: seconds to parse, to write

The build's stages are those of almanac.build.build, in its order. The floor is what any build
of these files must do at least: parse them with the C loaders (libyaml's CSafeLoader, the csv
module), and insert the same rows (read back from the database the build wrote) with
executemany into the same schema, indexes and full-text tables, in one transaction.
"""

import csv
import io
import json
import resource
import sqlite3
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from almanac import claims, quote_rule  # noqa: E402
from almanac.derive import rows_for_database  # noqa: E402
from almanac.load import load_sources  # noqa: E402
from almanac.validate import validate  # noqa: E402
from almanac.write import write_database  # noqa: E402


def peak_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def build(sources, db_path, exceptions):
    seconds = {}
    clock = time.perf_counter()

    def lap(stage):
        nonlocal clock
        now = time.perf_counter()
        seconds[stage] = now - clock
        clock = now

    raw, problems = load_sources(sources)
    lap("load")
    records, found = validate(raw)
    lap("validate")
    problems = problems + found or quote_rule.problems(records, exceptions)
    lap("quote rule")
    if problems:
        raise SystemExit(f"{len(problems)} problems, first: {problems[0]}")
    rows = rows_for_database(records)
    lap("derive")
    problems = write_database(rows, db_path, [claims.evaluator(records.get("claims", []))])
    lap("write and claims")
    if problems:
        raise SystemExit(f"{len(problems)} problems, first: {problems[0]}")
    return {"seconds": seconds, "peak_mb": peak_mb(), "records": len(raw)}


def parse_all(sources):
    """Every file parsed with the C loaders; returns how many records they hold."""
    count = 0
    for path in sorted(Path(sources).rglob("*")):
        if path.suffix == ".csv":
            count += sum(1 for _ in csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline=""))) - 1
        elif path.suffix in (".yaml", ".yml"):
            count += len(yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader) or [])
    return count


def floor(sources, built, out):
    source = sqlite3.connect(built)
    schema = source.execute(
        "select type, name, sql from sqlite_master where sql is not null and name not like '%\\_fts\\_%' escape '\\' order by rowid"
    ).fetchall()
    tables = [name for kind, name, sql in schema if kind == "table" and not sql.upper().startswith("CREATE VIRTUAL")]
    rows = {name: source.execute(f"select * from [{name}] order by rowid").fetchall() for name in tables}
    searched = [name for kind, name, sql in schema if sql.upper().startswith("CREATE VIRTUAL")]
    source.close()
    start = time.perf_counter()
    parse_all(sources)
    parsed = time.perf_counter()
    Path(out).unlink(missing_ok=True)
    db = sqlite3.connect(out, isolation_level=None)
    db.execute("pragma journal_mode = memory")
    db.execute("pragma synchronous = off")
    db.execute("begin")
    for kind, name, sql in schema:
        db.execute(sql)
    for name in tables:
        if rows[name]:
            marks = ",".join("?" * len(rows[name][0]))
            db.executemany(f"insert into [{name}] values ({marks})", rows[name])
    for name in searched:
        db.execute(f"insert into [{name}]([{name}]) values ('rebuild')")
    db.execute("commit")
    db.close()
    written = time.perf_counter()
    return {"seconds": {"parse": parsed - start, "write": written - parsed}, "peak_mb": peak_mb()}


if __name__ == "__main__":
    command, *args = sys.argv[1:]
    result = build(*args) if command == "build" else floor(*args)
    print(json.dumps(result))
