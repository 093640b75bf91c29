"""The build, step by step: load, validate, derive, write."""

from .derive import rows_for_database
from .load import load_sources
from .validate import validate
from .write import write_database


def check(sources_dir):
    """Load and validate everything. Returns (records, problems); writes nothing."""
    raw, problems = load_sources(sources_dir)
    records, found = validate(raw)
    return records, problems + found


def build(sources_dir, db_path, steps=()):
    """Build the database at db_path. Returns the problems; the database is written only when
    there are none."""
    records, problems = check(sources_dir)
    if problems:
        return problems
    write_database(rows_for_database(records), db_path, steps)
    return []
