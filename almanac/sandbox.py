"""Running SQL written in sources/ (claims) so that it can only read, and only for so long.

A claim's SQL is contributed text. SQLite's `mode=ro` and `pragma query_only` do not stop
`ATTACH` or `VACUUM INTO`, which write files anywhere the build may write, so every statement
is checked by an allow-list authorizer: reading tables, calling functions and recursive CTEs are
allowed, everything else (attach, detach, pragmas, writes, DDL, transactions, vacuum) is refused
while the statement is prepared, before it runs. A progress handler stops any statement that
runs past its time limit.
"""

import sqlite3
import time
from contextlib import contextmanager

ALLOWED_ACTIONS = {sqlite3.SQLITE_SELECT, sqlite3.SQLITE_READ, sqlite3.SQLITE_FUNCTION, sqlite3.SQLITE_RECURSIVE}
# Functions that read memory addresses or load code: no claim needs them.
DENIED_FUNCTIONS = {"fts3_tokenizer", "load_extension", "readfile", "writefile", "edit"}
# SQLite instructions between two looks at the clock: about 0.1 ms of work, so the limit is
# kept to well within a millisecond at no measurable cost.
CHECK_EVERY = 1000


class Refused(Exception):
    """The statement asked for something other than reading."""


@contextmanager
def read_only(connection, seconds):
    """Within this block, statements on `connection` may only read and each is interrupted after
    `seconds`. What was refused is kept in `refusals` (the authorizer can only say no; SQLite's
    own error message does not say why)."""
    refusals = []
    deadline = [None]

    def authorize(action, arg1, arg2, database, trigger):
        if action == sqlite3.SQLITE_FUNCTION and (arg2 or "").lower() in DENIED_FUNCTIONS:
            refusals.append(f"the function {arg2}()")
            return sqlite3.SQLITE_DENY
        if action in ALLOWED_ACTIONS:
            return sqlite3.SQLITE_OK
        refusals.append(describe(action, arg1, arg2))
        return sqlite3.SQLITE_DENY

    def progress():
        return 1 if deadline[0] is not None and time.monotonic() > deadline[0] else 0

    def run(sql):
        refusals.clear()
        deadline[0] = time.monotonic() + seconds
        try:
            return connection.execute(sql).fetchall()
        except sqlite3.DatabaseError as error:
            if refusals:
                raise Refused(f"only reading is allowed, not {refusals[0]}") from None
            if str(error) == "interrupted":
                if time.monotonic() > deadline[0]:
                    raise TimeoutError(f"took longer than {seconds:g} s and was stopped") from None
                # Interrupted before its time: a signal arrived while SQLite ran (Python runs
                # signal handlers inside the progress handler, and sqlite3 swallows what they raise).
                raise KeyboardInterrupt("the build was stopped") from None
            raise
        finally:
            deadline[0] = None

    connection.execute("pragma query_only = 1")
    connection.set_authorizer(authorize)
    connection.set_progress_handler(progress, CHECK_EVERY)
    try:
        yield run
    finally:
        connection.set_progress_handler(None, CHECK_EVERY)
        connection.set_authorizer(None)
        connection.execute("pragma query_only = 0")


# The authorizer's action codes by name (sqlite3 also exports result codes with the same numbers).
ACTIONS = (
    "CREATE_INDEX CREATE_TABLE CREATE_TEMP_INDEX CREATE_TEMP_TABLE CREATE_TEMP_TRIGGER CREATE_TEMP_VIEW "
    "CREATE_TRIGGER CREATE_VIEW DELETE DROP_INDEX DROP_TABLE DROP_TEMP_INDEX DROP_TEMP_TABLE DROP_TEMP_TRIGGER "
    "DROP_TEMP_VIEW DROP_TRIGGER DROP_VIEW INSERT PRAGMA READ SELECT TRANSACTION UPDATE ATTACH DETACH "
    "ALTER_TABLE REINDEX ANALYZE CREATE_VTABLE DROP_VTABLE FUNCTION SAVEPOINT RECURSIVE"
).split()
ACTION_NAMES = {getattr(sqlite3, f"SQLITE_{name}"): name.replace("_", " ") for name in ACTIONS if hasattr(sqlite3, f"SQLITE_{name}")}


def describe(action, arg1, arg2):
    if action == sqlite3.SQLITE_ATTACH:
        return f"ATTACH ({arg1!r})"
    if action == sqlite3.SQLITE_PRAGMA:
        return f"PRAGMA {arg1}"
    return ACTION_NAMES.get(action, f"action {action}") + (f" on {arg1}" if arg1 else "")
