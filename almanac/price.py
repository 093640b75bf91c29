"""Price a usage log at the prices of its days.

    python -m almanac.price USAGE.csv [--db almanac.db] > priced.csv

USAGE.csv has the columns of almanac/usage_format.json (date, model, input_tokens, output_tokens,
and optionally requests, cached_input_tokens, cache_write_tokens, provider, tier). The priced CSV
on stdout repeats every input column, then model_id, the cost of each kind of token in US
dollars (unrounded), cost_usd, priced (yes/no) and the reason; the total goes to stderr. The
pricing itself is almanac/price_usage.sql, the same SQL the canned query price_call and the
static snapshot run. A malformed log is refused with every problem, each naming its line and
column; nothing is priced.
"""

import argparse
import csv
import datetime
import json
import re
import sqlite3
import sys
from pathlib import Path

HERE = Path(__file__).parent
FORMAT = json.loads((HERE / "usage_format.json").read_text(encoding="utf-8"))
COLUMNS = {column["name"]: column for column in FORMAT["columns"]}
PRICING_SQL = (HERE / FORMAT["sql"].removeprefix("almanac/")).read_text(encoding="utf-8")
OUTPUT = FORMAT["output"]
DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# Larger than any real day's tokens, small enough that tokens times a price stays exact in floats.
MAX_TOKENS = 10**15


class UsageError(Exception):
    """A malformed usage log: every problem found, each naming its line and column."""

    def __init__(self, problems):
        super().__init__("\n".join(problems))
        self.problems = problems


def parse_value(spec, text):
    """The value of one cell, or raises ValueError saying what was expected."""
    kind = spec["type"]
    if text == "":
        if spec["required"]:
            raise ValueError("is empty")
        return spec.get("default")
    if kind == "date":
        if not DAY.match(text):
            raise ValueError(f"expected a day written YYYY-MM-DD, got {text!r}")
        try:
            datetime.date.fromisoformat(text)
        except ValueError:
            raise ValueError(f"{text!r} is not a real day") from None
        return text
    if kind == "integer":
        if not re.fullmatch(r"\d+", text) or int(text) > MAX_TOKENS:
            raise ValueError(f"expected a whole number of 0 or more (no signs, separators or units), got {text!r}")
        value = int(text)
        if value < spec.get("minimum", 0):
            raise ValueError(f"expected at least {spec['minimum']}, got {text!r}")
        return value
    if kind == "slug" and not SLUG.match(text):
        raise ValueError(f"expected an organization id such as openai, got {text!r}")
    if kind == "choice" and text not in spec["choices"]:
        raise ValueError(f"expected one of {', '.join(spec['choices'])}, got {text!r}")
    return text


def read_usage(path):
    """(header, [row dict with parsed values and its line]) from a usage CSV, or raises UsageError."""
    name = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise UsageError([f"{name}: cannot be read as UTF-8 text: {error}"]) from None
    rows = csv.reader(text.splitlines())
    header = [cell.strip() for cell in next(rows, [])]
    problems = []
    for column in COLUMNS:
        if COLUMNS[column]["required"] and column not in header:
            problems.append(f"{name}:1: missing column {column!r}")
    for column in header:
        if column not in COLUMNS:
            problems.append(f"{name}:1: unknown column {column!r} (the columns are {', '.join(COLUMNS)})")
        elif header.count(column) > 1:
            problems.append(f"{name}:1: column {column!r} appears more than once")
    if problems:
        raise UsageError(sorted(set(problems), key=problems.index))
    parsed = []
    for line, cells in enumerate(rows, start=2):
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) != len(header):
            problems.append(f"{name}:{line}: expected {len(header)} values, one per column, got {len(cells)}")
            continue
        row = {"line": line, "raw": cells}
        for column, spec in COLUMNS.items():
            text = cells[header.index(column)].strip() if column in header else ""
            try:
                row[column] = parse_value(spec, text)
            except ValueError as error:
                problems.append(f"{name}:{line}: column {column!r}: {error}")
        cached, written = row.get("cached_input_tokens"), row.get("cache_write_tokens")
        if isinstance(row.get("input_tokens"), int) and isinstance(cached, int) and isinstance(written, int) and cached + written > row["input_tokens"]:
            problems.append(f"{name}:{line}: column 'cached_input_tokens': cached_input_tokens + cache_write_tokens ({cached + written}) is more than input_tokens ({row['input_tokens']}), which counts them")
        parsed.append(row)
    if problems:
        raise UsageError(problems)
    return header, parsed


def price_rows(db_path, rows):
    """{line: priced row} for the parsed rows, by the pricing SQL over a temporary `usage` table."""
    db = sqlite3.connect(f"file:{Path(db_path).resolve()}?mode=ro", uri=True)
    try:
        db.row_factory = sqlite3.Row
        db.execute(f"create temp table usage (line integer primary key, {', '.join(f'{c} {sql_type(s)}' for c, s in COLUMNS.items())})")
        names = ["line", *COLUMNS]
        db.executemany(
            f"insert into usage ({', '.join(names)}) values ({', '.join('?' for _ in names)})",
            [[row[name] for name in names] for row in rows],
        )
        return {result["line"]: dict(result) for result in db.execute(PRICING_SQL)}
    finally:
        db.close()


def sql_type(spec):
    return "integer" if spec["type"] == "integer" else "text"


def write_priced(header, rows, priced, out):
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([*header, *OUTPUT])
    for row in rows:
        result = priced[row["line"]]
        writer.writerow([*row["raw"], *("" if result[column] is None else result[column] for column in OUTPUT)])


def summary(rows, priced):
    total = sum(priced[row["line"]]["cost_usd"] for row in rows)
    unpriced = sum(1 for row in rows if priced[row["line"]]["priced"] != "yes")
    return f"total: ${total:.6f} for {len(rows) - unpriced} of {len(rows)} rows priced; {unpriced} not priced (see their reason column)"


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m almanac.price", description=__doc__.splitlines()[0])
    parser.add_argument("usage", type=Path, help="the usage log (CSV)")
    parser.add_argument("--db", type=Path, default=Path("almanac.db"), help="the almanac database (default: almanac.db)")
    args = parser.parse_args(argv)
    if not args.db.is_file():
        print(f"{args.db} does not exist: build it first (make build)", file=sys.stderr)
        return 1
    try:
        header, rows = read_usage(args.usage)
    except UsageError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        print(f"{len(error.problems)} problem{'s' if len(error.problems) != 1 else ''} found; nothing was priced.", file=sys.stderr)
        return 1
    priced = price_rows(args.db, rows)
    write_priced(header, rows, priced, sys.stdout)
    print(summary(rows, priced), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
