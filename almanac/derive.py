"""Turn validated records into the rows of every table, derived columns included.

- `*_precision` columns from how each date is written;
- `models.context_window` / `max_output_tokens` from the model's latest `context_windows` row;
- `source_id` from each record's source;
- `prices.*_usd_per_mtok` from the stated prices, for prices stated in US dollars only;
- `prices.service_tier` from the tier;
- `prices.in_force_to`: effective_to, or the model's retirement from its maker's API if earlier;
- the `coverage` row: the earliest and latest day of a dated fact;
- `name_lookup`: every name a model answers to, ranked, with its period;
- the `citations` table: one row per non-empty fact field and source that states it.
Rows come out sorted by primary key, so the database is the same whatever the file order.
"""

from collections import Counter, defaultdict

from .schema import CITATIONS, COVERAGE, NAME_LOOKUP, SERVICE_TIERS, TABLES, USD_COPIES
from .values import date_floor, date_precision

# The dated facts whose days span the covered period: things that happened (a release, an event,
# a price or limit taking effect, a name starting to point somewhere). Retirement and deprecation
# dates are left out: a retirement can be scheduled for after the latest thing that happened.
COVERAGE_DATES = (
    ("models", "release_date"),
    ("events", "date"),
    ("prices", "effective_from"),
    ("context_windows", "effective_from"),
    ("model_names", "effective_from"),
)


def rows_for_database(records):
    """{table name: [row dict]} for every table, in key order."""
    tables = {}
    citations = []
    for table in TABLES:
        if table.derived:
            continue
        rows = []
        for record in records.get(table.name, []):
            rows.append(row_of(record))
            citations.extend(citations_of(record))
        tables[table.name] = sorted(rows, key=lambda row, t=table: key_of(t, row))
    citations.extend(latest_limits(tables, citations))
    in_force_until_retirement(tables)
    tables[COVERAGE.name] = coverage(tables)
    tables[NAME_LOOKUP.name] = name_lookup(tables)
    unique = {key_of(CITATIONS, c): c for c in citations}
    tables[CITATIONS.name] = [unique[k] for k in sorted(unique)]
    return tables


def key_of(table, row):
    return tuple("" if row[name] is None else str(row[name]) for name in table.key)


def row_of(record):
    row = {}
    for column in record.table.columns:
        name = column.name
        if name.endswith("_precision") and column.derived:
            dated = record.values.get(name[: -len("_precision")])
            row[name] = date_precision(dated) if dated else None
        elif name == "source_id":
            row[name] = record.source
        elif name == "note":
            row[name] = record.note
        elif name in USD_COPIES:
            stated = record.values.get(USD_COPIES[name])
            row[name] = stated if record.values.get("currency") == "USD" else None
        elif name == "service_tier":
            row[name] = service_tier(record.values.get("tier"))
        elif column.derived:
            row[name] = None  # filled in from other tables below
        else:
            value = record.values.get(name)
            row[name] = int(value) if isinstance(value, bool) else value
    return row


def in_force_to(effective_to, retirement):
    """The earlier of a price's end and its model's retirement (either may be empty)."""
    ends = [day for day in (effective_to, retirement) if day]
    return min(ends, key=date_floor) if ends else None


def in_force_until_retirement(tables):
    """A model its maker retired from its own API is priced there no longer: each of the maker's
    prices of it stops at the retirement, if it had not ended before."""
    models = {m["id"]: m for m in tables.get("models", [])}
    for price in tables.get("prices", []):
        model = models.get(price["model_id"])
        retired = model["retirement_date"] if model and model["organization_id"] == price["provider_id"] else None
        price["in_force_to"] = in_force_to(price["effective_to"], retired)


def service_tier(tier):
    """standard, batch, flex or priority: the first word of a tier such as batch-long-context."""
    first = (tier or "standard").split("-")[0]
    return first if first in SERVICE_TIERS else "standard"


def coverage(tables):
    """One row: the earliest and the latest day of a dated fact. A date known only to its month or
    year counts as its first day, the one day it surely reached."""
    dates = [date_floor(row[column]) for table, column in COVERAGE_DATES for row in tables.get(table, []) if row.get(column)]
    if not dates:
        return []
    first, last = min(dates), max(dates)
    return [{"covered_from": first, "covered_to": last, "latest_month": last[:7]}]


def name_lookup(tables):
    """The names in model_names first, then each model's id, then each model's own name (where no
    two models share it), all in lower case. Rows come out in key order."""
    rows = [
        {"name": n["name"].lower(), "rank": 1, "used_by": n["used_by"], "model_id": n["model_id"], "effective_from": n["effective_from"], "effective_to": n["effective_to"]}
        for n in tables.get("model_names", [])
    ]
    models = tables.get("models", [])
    names = Counter(m["name"].lower() for m in models)
    for model in models:
        rows.append({"name": model["id"], "rank": 2, "used_by": "almanac", "model_id": model["id"], "effective_from": model["release_date"], "effective_to": None})
        name = model["name"].lower()
        if names[name] == 1 and name != model["id"]:
            rows.append({"name": name, "rank": 3, "used_by": "almanac", "model_id": model["id"], "effective_from": model["release_date"], "effective_to": None})
    return sorted(rows, key=lambda row: key_of(NAME_LOOKUP, row))


def citations_of(record):
    """A citation for every non-empty fact field: its own `cite` entries if it has any,
    otherwise the record's source. A value the record left to its column's default (a model
    not marked as a reasoning model) is not something a source stated, so it is not cited."""
    cited = defaultdict(list)
    for field, source, quote in record.cites:
        cited[field].append((source, quote))
    table_name, record_id = record.table.name, record.record_id
    for column in record.table.facts:
        if record.values.get(column.name) is None:
            continue
        if column.name in record.defaulted and column.name not in cited:
            continue
        for source, quote in cited.get(column.name) or [(record.source, record.quote)]:
            yield {
                "table_name": table_name,
                "record_id": record_id,
                "field": column.name,
                "source_id": source,
                "quote": quote,
            }


def latest_limits(tables, citations):
    """Copy each model's latest context window and output limit onto `models`, with the
    citations that state them."""
    latest = {}
    for row in tables.get("context_windows", []):
        current = latest.get(row["model_id"])
        if current is None or date_floor(row["effective_from"]) >= date_floor(current["effective_from"]):
            latest[row["model_id"]] = row
    by_record = defaultdict(list)
    for citation in citations:
        if citation["table_name"] == "context_windows":
            by_record[(citation["record_id"], citation["field"])].append(citation)
    for model in tables.get("models", []):
        limits = latest.get(model["id"])
        if limits is None:
            continue
        for field in ("context_window", "max_output_tokens"):
            model[field] = limits[field]
            record = f"{limits['model_id']},{limits['effective_from']}"
            for citation in by_record[(record, field)]:
                yield dict(citation, table_name="models", record_id=model["id"])
