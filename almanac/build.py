"""The build, step by step: load, validate, hold quotes to the quote rule, derive, write, check
the claims."""

from . import claims, quote_rule
from .derive import rows_for_database
from .load import load_sources
from .validate import validate
from .write import write_database


def check(sources_dir, quote_exceptions=None):
    """Load and validate every record, then hold every citation to the quote rule (failures
    listed in the `quote_exceptions` file are let through). Quotes are held to values only once
    every value is valid, so a broken record reports what is broken first. Returns (records,
    problems); writes nothing."""
    raw, problems = load_sources(sources_dir)
    records, found = validate(raw)
    problems = problems + found
    return records, problems or quote_rule.problems(records, quote_exceptions)


def build(sources_dir, db_path, steps=(), quote_exceptions=None):
    """Build the database at db_path. Returns the problems; the database is written only when
    there are none."""
    records, problems = check(sources_dir, quote_exceptions)
    if problems:
        return problems
    steps = [claims.evaluator(records.get("claims", [])), *steps]
    return write_database(rows_for_database(records), db_path, steps)


def check_all(sources_dir, quote_exceptions=None):
    """Everything a build checks, claims' SQL included, in a database built in memory: nothing is
    written anywhere. Returns the problems."""
    return build(sources_dir, None, quote_exceptions=quote_exceptions)
