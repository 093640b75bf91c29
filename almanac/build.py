"""The build, step by step: load, validate, derive, write, check the claims."""

import tempfile
from pathlib import Path

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
    """Everything a build checks, claims' SQL included, without touching the real database:
    the build goes to a temporary file that is then removed. Returns the problems."""
    with tempfile.TemporaryDirectory() as folder:
        return build(sources_dir, Path(folder) / "check.db")
