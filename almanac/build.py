"""The build, step by step: load, validate, derive, write, check the claims."""

from . import claims
from .derive import rows_for_database
from .load import load_sources
from .validate import validate
from .write import write_database


def check(sources_dir):
    """Load and validate every record. Returns (records, problems); writes nothing."""
    raw, problems = load_sources(sources_dir)
    records, found = validate(raw)
    return records, problems + found


def build(sources_dir, db_path, steps=()):
    """Build the database at db_path. Returns the problems; the database is written only when
    there are none."""
    records, problems = check(sources_dir)
    if problems:
        return problems
    steps = [claims.evaluator(records.get("claims", [])), *steps]
    return write_database(rows_for_database(records), db_path, steps)


def check_all(sources_dir):
    """Everything a build checks, claims' SQL included, in a database built in memory: nothing is
    written anywhere. Returns the problems."""
    return build(sources_dir, None)
