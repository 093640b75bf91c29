"""Check claims against the database just built.

Each claim carries SQL that computes one value from the almanac's data. The build runs it on the
new database under the read-only sandbox (almanac/sandbox.py), holds the result against the value
the claim states, and stores the computed value and a verdict: supported, contradicted or
not-checkable. The verdict follows the data; a claim's SQL that fails, asks for anything but
reading, or runs past its time limit is a problem that stops the build.
"""

import math
import sqlite3
from collections import Counter

import sqlite_utils

from . import sandbox
from .files import write_text_atomically
from .schema import CLAIMS

NO_VALUE = "the SQL found no value in the data"
# Seconds one claim's SQL may run. Every claim takes a few milliseconds on the full database;
# the limit only stops SQL that would never end (a recursive CTE without a bound).
TIME_LIMIT = 5


def evaluator(records):
    """A build step: evaluate every claim record in the new database."""

    def evaluate_claims(db):
        db.conn.commit()
        with sandbox.read_only(db.conn, TIME_LIMIT) as run:
            outcomes = [(record, *evaluate(run, record)) for record in records]
        for record, result, _ in outcomes:
            if result:
                db[CLAIMS.name].update(record.values["id"], result)
        return [problem for _, _, problems in outcomes for problem in problems]

    return evaluate_claims


def evaluate(run, record):
    """Returns ({computed, verdict, verdict_reason}, problems). `run` runs one statement and
    returns its rows."""
    values = record.values
    problems = []
    value = None
    for field in ("sql", "evidence_sql"):
        if values[field]:
            try:
                rows = run(values[field])
            except (sqlite3.Error, sandbox.Refused, TimeoutError) as error:
                problems.append(record.problem(f"SQL error: {error}", field))
                continue
            if field == "sql":
                value = rows[0][0] if rows and rows[0] else None
    if problems:
        return None, problems
    if not values["sql"]:
        return verdict(None, "not-checkable", values["missing"]), []
    if value is None:
        return verdict(None, "not-checkable", values["missing"] or NO_VALUE), []
    computed = show(value)
    supported, stated = compare(values["comparison"], value, values["expected"], values["tolerance"])
    if supported:
        return verdict(computed, "supported", f"computed {computed}; the claim says {stated}"), []
    return verdict(computed, "contradicted", f"computed {computed}, but the claim says {stated}"), []


def verdict(computed, name, reason):
    return {"computed": computed, "verdict": name, "verdict_reason": reason}


def show(value):
    if isinstance(value, float):
        return f"{value:.6g}"
    return str(value)


def number(value):
    try:
        result = float(value)
    except (TypeError, ValueError):
        return None
    return result if math.isfinite(result) else None


def items(value):
    return {item.strip() for item in str(value).split(",") if item.strip()}


def compare(comparison, value, expected, tolerance):
    """(supported?, the claim's value in words)."""
    if comparison == "true":
        return value in (1, "1", True), "yes"
    if comparison == "same-set":
        mine, theirs = items(value), items(expected)
        extra, lacking = sorted(mine - theirs), sorted(theirs - mine)
        detail = "; ".join(part for part in (f"not in the claim: {', '.join(extra)}" if extra else "", f"not in the data: {', '.join(lacking)}" if lacking else "") if part)
        return mine == theirs, f"{len(theirs)} items" + (f" ({detail})" if detail else "")
    computed, stated = number(value), number(expected)
    if comparison == "equals":
        if computed is not None and stated is not None:
            return computed == stated, expected
        return str(value) == str(expected), expected
    if computed is None or stated is None:
        return False, f"{expected} (the computed value is not a number)"
    if comparison == "at-least":
        return computed >= stated, f"at least {expected}"
    if comparison == "at-most":
        return computed <= stated, f"at most {expected}"
    if comparison == "more-than":
        return computed > stated, f"more than {expected}"
    allowed = tolerance or 0
    return abs(computed - stated) <= allowed + 1e-9, f"{expected} (± {allowed:g})"


def report(db):
    """docs/claims.md: every claim with its computed value and verdict, for review in diffs."""
    rows = list(db.query("select id, claim, section, quantity, computed, verdict, verdict_reason from claims order by id"))
    counts = Counter(row["verdict"] for row in rows)
    lines = [
        "# Claims checked against the data",
        "",
        "Written by the build (`make build`) from `sources/claims/`: do not edit by hand. A test fails",
        "when a build's verdicts differ from this file, so that every change of verdict shows in a diff.",
        "",
        ", ".join(f"{counts[v]} {v}" for v in ("supported", "contradicted", "not-checkable")) + ".",
        "",
        "| claim | section | verdict | computed | why |",
        "| --- | --- | --- | --- | --- |",
    ]
    for row in rows:
        cells = [f"**{row['id']}**: {row['claim']}", row["section"] or "", row["verdict"], row["computed"] or "", row["verdict_reason"] or ""]
        lines.append("| " + " | ".join(cell.replace("|", "\\|").replace("\n", " ") for cell in cells) + " |")
    return "\n".join(lines) + "\n"


def write_claims_report(db_path, out_path):
    write_text_atomically(out_path, report(sqlite_utils.Database(db_path)))
