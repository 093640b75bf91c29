"""Hold every citation of a checked fact to the quote rule (see quotes.py), after validation.

A citation fails when its quote is empty or does not state the record's value. Failures that
the corpus still has are listed in docs/quote-rule-exceptions.csv (written by
`python build_db.py quotes --write-exceptions`); the build refuses only failures not listed, so
the list can only shrink: a test keeps it equal to the current failures.
"""

import csv
import datetime
import io
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from .derive import citations_of
from .files import write_text_atomically
from .problems import Problem
from .quotes import checked, forms_markdown, kind_of, states
from .site import read_query

EXCEPTIONS = Path("docs/quote-rule-exceptions.csv")
DOCS = Path("docs/provenance.md")
SHARE_QUERY = Path("queries/makers_own_words.sql")
EXCEPTIONS_HEADER = ("table", "record_id", "field", "source_id", "reason")
EMPTY = "empty quote"
NOT_STATED = "quote does not state the value"
SHOWN_QUOTE = 160  # characters of a quote shown in a problem: enough to see what it says


@dataclass(frozen=True)
class Failure:
    table: str
    record_id: str
    field: str
    source_id: str
    reason: str
    record: object  # the validated Record, for its file and line
    value: object
    quote: str

    @property
    def key(self):
        return (self.table, self.record_id, self.field, self.source_id)

    def problem(self):
        shown = self.quote or ""
        if len(shown) > SHOWN_QUOTE:
            shown = shown[: SHOWN_QUOTE - 3] + "..."
        source = f"source {self.source_id!r}"
        if self.reason == EMPTY:
            message = f"the citation of {self.value!r} ({source}) has no quote: quote the words of the source that state it"
        else:
            message = f"the quote of {source} does not state {self.value!r}: {shown!r}"
        # A quote given in `cite` is reported on the cite's line, the record's own on the field's.
        where = self.record.where
        cited = any(field == self.field and source == self.source_id for field, source, _ in self.record.cites)
        line = where.line_of("cite") if cited else where.line_of(self.field)
        return Problem(where.path, line, self.record_id, self.field, message + " (the quote rule: docs/provenance.md)")


def failures(records):
    """Every citation of a checked fact whose quote is empty or does not state the value."""
    published = {r.values["id"]: r.values.get("published") for r in records.get("sources", [])}
    found = []
    for table_records in records.values():
        for record in table_records:
            table = record.table
            for citation in citations_of(record):
                field = citation["field"]
                value = record.values.get(field)
                kind = kind_of(table, table.column(field))
                if not checked(kind, value):
                    continue
                quote = (citation["quote"] or "").strip()
                if quote and states(kind, value, quote, published.get(citation["source_id"])):
                    continue
                if seen_on_a_dated_copy(record, field, value, published.get(citation["source_id"])):
                    continue
                reason = NOT_STATED if quote else EMPTY
                found.append(Failure(table.name, record.record_id, field, citation["source_id"], reason, record, value, quote))
    return sorted(found, key=lambda f: f.key)


def seen_on_a_dated_copy(record, field, value, published):
    """A price whose start is only "in force by" (effective_from_confirmed false) claims no more
    than that a copy of a page dated that day showed it: the copy's own date states the start,
    and its quote states the price. Likewise an end cited to the last dated copy showing the
    price: the price is claimed through that copy's day (effective_to, exclusive, is the day
    after), and the days until the next price, whose start is unknown, are a gap."""
    if record.table.name != "prices" or published is None:
        return False
    if field == "effective_from":
        return record.values.get("effective_from_confirmed") is False and published == value
    # The day after the copy (the price held through it), or the copy's own day when the next
    # price is first seen that same day (the change came on it).
    return field == "effective_to" and value in (published, day_after(published))


def day_after(day):
    try:
        return (datetime.date.fromisoformat(day) + datetime.timedelta(days=1)).isoformat()
    except (TypeError, ValueError):
        return None  # a month or a year has no day after


def read_exceptions(path):
    """The keys (table, record_id, field, source_id) listed in the exceptions file."""
    if path is None or not Path(path).exists():
        return set()
    with open(path, newline="", encoding="utf-8") as f:
        return {tuple(row[name] for name in EXCEPTIONS_HEADER[:4]) for row in csv.DictReader(f)}


def write_exceptions(path, found):
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(EXCEPTIONS_HEADER)
    for failure in found:
        writer.writerow((*failure.key, failure.reason))
    write_text_atomically(path, out.getvalue())


def problems(records, exceptions_path=None):
    """The quote-rule problems the build refuses: failures not in the exceptions file."""
    allowed = read_exceptions(exceptions_path)
    return [failure.problem() for failure in failures(records) if failure.key not in allowed]


def share_markdown(connection, project):
    """The share of facts in their makers' own words, by the canned query, as a Markdown table."""
    rows = connection.execute(read_query(Path(project) / SHARE_QUERY)["sql"]).fetchall()
    lines = ["| table | facts | in their makers' own words | % |", "| --- | ---: | ---: | ---: |"]
    lines += [f"| {name} | {facts} | {own} | {percent} |" for name, facts, own, percent in rows]
    return "\n".join(lines) + "\n"


def generated(project, connection):
    """The parts of docs/provenance.md written by `python build_db.py quotes --write-docs`."""
    return {"forms": forms_markdown(), "share": share_markdown(connection, project)}


def block(name):
    return re.compile(rf"(<!-- begin generated: {name} -->\n)(.*?)(<!-- end generated: {name} -->)", re.S)


def blocks_of(text):
    return {match.group(1): match.group(2) for match in re.finditer(r"<!-- begin generated: (\w+) -->\n(.*?)<!-- end generated: \1 -->", text, re.S)}


def write_docs(project, db_path):
    path = Path(project) / DOCS
    text = path.read_text(encoding="utf-8")
    connection = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        parts = generated(project, connection)
    finally:
        connection.close()
    for name, content in parts.items():
        text = block(name).sub(lambda m, c=content: m.group(1) + c + m.group(3), text)
    write_text_atomically(path, text)
