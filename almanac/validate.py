"""Check every raw record against the schema and the rules between records.

All problems are collected; nothing is raised early, so one run reports every error, each naming
its file, line, record and field. The result is typed records ready to be written.
"""

import difflib
import functools
from collections import defaultdict
from dataclasses import dataclass

import yaml

from . import rules
from .load import NotPlainValue, PlainData, node_value
from .problems import Location, Problem
from .schema import PROVENANCE_FIELDS, TABLES, TABLES_BY_NAME, Table
from .values import parse, parse_slug


@dataclass
class Record:
    table: Table
    values: dict  # recorded column -> typed value or None
    where: Location
    source: str = None
    quote: str = None
    cites: tuple = ()  # (field, source_id, quote)
    note: str = None
    defaulted: frozenset = frozenset()  # fields left empty and filled with their column's default

    @property
    def key(self):
        return tuple(self.values.get(name) for name in self.table.key)

    @property
    def record_id(self):
        return record_id(self.table, self.values)

    def problem(self, message, field=None):
        return self.where.problem(message, field, self.record_id)


def record_id(table, values):
    """The record's key as in its Datasette address: values joined by commas."""
    return ",".join("" if values.get(name) is None else str(values.get(name)) for name in table.key)


def validate(raw_records):
    """Returns ({table name: [Record]}, [Problem])."""
    problems = []
    records = defaultdict(list)
    for raw in raw_records:
        record = check_record(TABLES_BY_NAME[raw.table], raw, problems)
        if record is not None:
            records[raw.table].append(record)
    for table in TABLES:
        check_unique_keys(table, records[table.name], problems)
    check_references(records, problems)
    for table_name, rule in rules.RULES:
        problems.extend(rule(records[table_name], records))
    return dict(records), sorted(set(problems), key=problem_order)


def problem_order(problem):
    return (problem.path, problem.line or 0, problem.field or "", problem.message)


@functools.lru_cache(maxsize=None)  # one entry per table
def known_fields(table):
    return [c.name for c in table.recorded] + (list(PROVENANCE_FIELDS) if table.provenance else [])


def check_record(table, raw, problems):
    values = raw.values
    rid = record_id(table, {k: v for k, v in values.items() if isinstance(v, str)})
    where = raw.where

    def report(message, field=None):
        problems.append(where.problem(message, field, rid or None))

    known = known_fields(table)
    for name in values:
        if name not in known:
            derived = [c.name for c in table.columns if c.derived]
            if name in derived:
                report(f"'{name}' is computed by the build and cannot be written in sources/", name)
            else:
                close = difflib.get_close_matches(name, known, n=1)
                hint = f" (did you mean '{close[0]}'?)" if close else f" (expected one of: {', '.join(known)})"
                report(f"unknown field{hint}", name)

    typed = {}
    defaulted = set()
    for column in table.recorded:
        raw_value = values.get(column.name)
        if raw_value is None:
            if column.default is not None:
                typed[column.name] = column.default
                defaulted.add(column.name)
            else:
                typed[column.name] = None
                if column.required:
                    report(f"required field is missing or empty ({column.description})", column.name)
            continue
        if not isinstance(raw_value, str):
            report("expected a single value, not a list or mapping", column.name)
            typed[column.name] = None
            continue
        try:
            typed[column.name] = parse(column, raw_value)
        except ValueError as error:
            report(str(error), column.name)
            typed[column.name] = None

    record = Record(table, typed, where, defaulted=frozenset(defaulted))
    if table.provenance:
        check_provenance(record, values, report)
    return record


def check_provenance(record, values, report):
    source = values.get("source")
    if source is None:
        report("every record needs a source: the id of a source in sources/sources/ that states its facts", "source")
    elif not isinstance(source, str):
        report("expected one source id (use 'cite' for sources of single fields)", "source")
    else:
        try:
            record.source = parse_slug(source)
        except ValueError as error:
            report(str(error), "source")
    for name in ("quote", "note"):
        value = values.get(name)
        if value is not None and not isinstance(value, str):
            report("expected text", name)
        else:
            setattr(record, name, value)
    record.cites = tuple(parse_cites(record.table, values.get("cite"), report))


def parse_cites(table, cite, report):
    """`cite` as (field, source, quote) triples. YAML gives a mapping, CSV a text such as
    'parameters_b=meta-paper; knowledge_cutoff=openai-docs' or a flow mapping in braces."""
    if cite is None:
        return []
    entries = []
    if isinstance(cite, str) and cite.lstrip().startswith("{"):
        cite = flow_mapping(cite, report)
        if cite is None:
            return []
    if isinstance(cite, str):
        for part in (p.strip() for p in cite.split(";")):
            if not part:
                continue
            field, sep, source = (s.strip() for s in part.partition("="))
            if not sep or not field or not source:
                report(f"expected 'field=source-id' pairs separated by ';', got {part!r}", "cite")
                continue
            entries.append((field, source, None))
    elif isinstance(cite, dict):
        for field, value in cite.items():
            for item in value if isinstance(value, list) else [value]:
                if isinstance(item, str):
                    entries.append((field, item, None))
                elif isinstance(item, dict) and set(item) <= {"source", "quote"} and isinstance(item.get("source"), str) and isinstance(item.get("quote", ""), (str, type(None))):
                    entries.append((field, item["source"], item.get("quote")))
                else:
                    report(f"cite for '{field}' must be a source id, a list of them, or {{source: ..., quote: ...}}", "cite")
    else:
        report("expected a mapping of field: source-id", "cite")
        return []
    facts = {c.name for c in table.facts}
    valid = []
    for field, source, quote in entries:
        if field not in facts:
            report(f"cannot cite '{field}': it is not a fact field of {table.name} (fact fields: {', '.join(sorted(facts))})", "cite")
            continue
        try:
            valid.append((field, parse_slug(source), quote))
        except ValueError as error:
            report(f"for '{field}': {error}", "cite")
    return valid


def flow_mapping(text, report):
    """A CSV cell's `cite` written as a YAML flow mapping, the same shape as in YAML files:
    {input_per_mtok: {source: openai-pricing, quote: '$2.50'}, effective_from: openai-changelog}.
    Scalars stay text, as everywhere in the records. It is read by the records' own composer
    (libyaml's parser where it is installed), which refuses anchors, aliases, tags and deep
    nesting in a cell as in a file."""
    parser = PlainData(text)
    try:
        node = parser.get_single_node()
    except yaml.YAMLError as error:
        report(f"cite is not a valid YAML flow mapping: {getattr(error, 'problem', None) or error}", "cite")
        return None
    finally:
        parser.dispose()
    if not isinstance(node, yaml.MappingNode):
        report("expected a mapping such as {field: source-id} or {field: {source: source-id, quote: '...'}}", "cite")
        return None
    try:
        return node_value(node)
    except NotPlainValue as error:
        report(f"cite: {error}", "cite")
        return None


def check_unique_keys(table, records, problems):
    seen = {}
    for record in records:
        if any(value is None for value in record.key):
            continue
        first = seen.setdefault(record.key, record)
        if first is not record:
            field = table.key[0] if len(table.key) == 1 else ", ".join(table.key)
            problems.append(record.problem(f"duplicate {table.name} record: {record.record_id!r} is already defined at {first.where.path}:{first.where.line}", field))


def check_references(records, problems):
    ids = {name: {r.values.get("id") for r in records.get(name, [])} for name in ("sources", "organizations", "models")}
    for table in TABLES:
        for record in records.get(table.name, []):
            for column in table.recorded:
                value = record.values.get(column.name)
                if column.references and value is not None and value not in ids[column.references]:
                    problems.append(record.problem(f"unknown {column.references[:-1]} {value!r}: no record with that id in sources/{column.references}/", column.name))
            cited = ([("source", record.source)] if record.source else []) + [("cite", s) for _, s, _ in record.cites]
            for field, source in cited:
                if source not in ids["sources"]:
                    problems.append(record.problem(f"unknown source {source!r}: add it to a file in sources/sources/", field))
