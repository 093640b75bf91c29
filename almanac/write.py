"""Write the rows into one SQLite database, atomically and reproducibly.

The database is built in a temporary file beside the target, from the schema's declaration
(tables, types, keys, foreign keys, indexes, full-text search), then moved into place with one
rename. If anything fails, the temporary file is removed and the previous database is untouched;
a temporary file left by a build that was killed is removed by the next one. Without a path the
database is built in memory (a check), and nothing is written anywhere.
The same rows always give the same bytes: rows go in key order and nothing records the time.
"""

import os
import re
from pathlib import Path

import sqlite_utils

from .schema import SQL_TYPES, TABLES


def write_database(tables, path, steps=()):
    """Write `tables` ({name: [row]}) to `path`. Each of `steps` is called with the open
    sqlite_utils.Database after the rows are in and before the file is moved into place; it
    returns problems, and any problem stops the build (the previous database stays).
    With `path` None, the database lives in memory only. Returns the problems."""
    if path is None:
        db = sqlite_utils.Database(memory=True)
        try:
            return fill(db, tables, steps)
        finally:
            db.close()
    path = Path(path)
    remove_abandoned_temporaries(path)
    temporary = path.with_name(f"{path.name}.tmp-{os.getpid()}")
    discard(temporary)
    db = None
    try:
        db = sqlite_utils.Database(temporary)
        # Nothing reads the temporary file until it is complete and renamed, and a failed or
        # killed build discards it: its many commits need not each wait for the disk (they did,
        # and that was most of a build's time). It is synced to the disk once, when complete.
        db.execute("PRAGMA journal_mode = MEMORY")
        db.execute("PRAGMA synchronous = OFF")
        problems = fill(db, tables, steps)
        if problems:
            db.close()
            discard(temporary)
            return problems
        db.conn.commit()
        db.close()
        # The file is complete: on the disk before it takes the place of the previous database.
        durable(temporary)
        os.replace(temporary, path)
        durable(path.parent)
        return []
    except BaseException:
        if db is not None:
            db.close()
        discard(temporary)
        raise


def fill(db, tables, steps):
    """Create every table, insert the rows, then run the steps. Returns their problems."""
    create_tables(db)
    with db.conn:  # one transaction for every row
        for table in TABLES:
            insert_rows(db.conn, table, tables.get(table.name, []))
    add_search(db)
    return [problem for step in steps for problem in step(db)]


def insert_rows(conn, table, rows):
    """The rows (dicts of plain values, every column of the table) in one executemany: names and
    order come from the schema, values are bound, never pasted into the SQL."""
    names = [column.name for column in table.columns]
    columns = ", ".join(f'"{name}"' for name in names)
    marks = ", ".join("?" for _ in names)
    conn.executemany(f'insert into "{table.name}" ({columns}) values ({marks})', ([row[name] for name in names] for row in rows))


def durable(path):
    """Flush a file (or a folder's entry for a file just renamed into it) to the disk."""
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def remove_abandoned_temporaries(path):
    """Remove the temporary files beside `path` of builds whose process no longer runs."""
    pattern = re.compile(re.escape(path.name) + r"\.tmp-(\d+)(?:-journal)?")
    for candidate in path.parent.glob(f"{path.name}.tmp-*"):
        match = pattern.fullmatch(candidate.name)
        if match and not process_exists(int(match.group(1))):
            candidate.unlink(missing_ok=True)


def discard(temporary):
    """Remove a temporary database and the rollback journal SQLite may have left beside it."""
    temporary.unlink(missing_ok=True)
    temporary.with_name(temporary.name + "-journal").unlink(missing_ok=True)


def process_exists(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process: leave its file alone
    return True


def create_tables(db):
    for table in TABLES:
        db[table.name].create(
            {column.name: SQL_TYPES[column.type] for column in table.columns},
            pk=table.key[0] if len(table.key) == 1 else table.key,
            not_null={column.name for column in table.columns if column.required},
        )
    # Added once every table exists: sources and organizations name each other.
    db.add_foreign_keys(
        [(table.name, column.name, column.references, "id") for table in TABLES for column in table.columns if column.references]
    )
    for table in TABLES:
        for columns in table.indexes:
            db[table.name].create_index(columns)


def add_search(db):
    for table in TABLES:
        if table.search:
            db[table.name].enable_fts(table.search, fts_version="FTS5", tokenize="porter", create_triggers=False)
