"""Read the files under sources/ into raw records, each remembering its file and line.

Nothing is checked against the schema here beyond which table a file belongs to; values stay
text (or, in YAML, lists and mappings for `cite`). Problems with the files themselves (invalid
UTF-8, broken YAML, a CSV row with too many cells) are collected, never raised.
"""

import csv
import io
from dataclasses import dataclass
from pathlib import Path

import yaml

from .problems import Location, Problem
from .schema import TABLES

EXTENSIONS = (".csv", ".yaml", ".yml")
NULLS = ("", "~", "null", "Null", "NULL")


@dataclass
class RawRecord:
    table: str
    values: dict  # field -> str, None, list or dict (as written)
    where: Location


def load_sources(root):
    """Read every record under `root` (the sources/ folder). Returns (records, problems)."""
    root = Path(root)
    records, problems = [], []
    recorded_tables = {t.name for t in TABLES if not t.derived}
    if not root.is_dir():
        return records, [Problem(str(root), None, None, None, "the sources folder does not exist")]
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        shown = display_path(path, root)
        relative = path.relative_to(root)
        table = relative.parts[0] if len(relative.parts) == 2 else None
        if path.name.startswith(".") or path.name == "README.md":
            continue
        if table not in recorded_tables:
            expected = ", ".join(f"sources/{t}/" for t in sorted(recorded_tables))
            problems.append(Problem(shown, None, None, None, f"file is not in a table's folder; records go in one of {expected}"))
            continue
        if path.suffix not in EXTENSIONS:
            problems.append(Problem(shown, None, None, None, "unknown file type: expected .csv or .yaml"))
            continue
        text, problem = read_text(path, shown)
        if problem:
            problems.append(problem)
            continue
        reader = read_csv if path.suffix == ".csv" else read_yaml
        file_records, file_problems = reader(text, shown, table)
        records.extend(file_records)
        problems.extend(file_problems)
    return records, problems


def display_path(path, root):
    """The path as a user sees it: relative to the folder above sources/."""
    try:
        return str(path.relative_to(root.parent))
    except ValueError:
        return str(path)


def read_text(path, shown):
    data = path.read_bytes()
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        text = data.decode("utf-8", errors="replace")
        field = field_on_line(text, line, path.suffix)
        return None, Problem(shown, line, None, field, f"invalid UTF-8 (byte {data[error.start]:#04x}); save the file as UTF-8")


def field_on_line(text, line, suffix):
    """Best guess at the field holding an undecodable byte, for the error message."""
    lines = text.splitlines()
    bad = lines[line - 1] if line <= len(lines) else ""
    if suffix == ".csv" and lines:
        header = next(csv.reader([lines[0]]), [])
        cells = next(csv.reader([bad]), [])
        for name, cell in zip(header, cells):
            if "\ufffd" in cell:
                return name
        return None
    key = bad.strip().lstrip("- ").split(":", 1)[0]
    return key or None


def read_csv(text, shown, table):
    records, problems = [], []
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        return records, problems
    except csv.Error as error:
        return records, [Problem(shown, 1, None, None, f"unreadable CSV header: {error}")]
    header = [name.strip() for name in header]
    for name in {n for n in header if header.count(n) > 1}:
        problems.append(Problem(shown, 1, None, name, "column appears more than once in the header"))
    previous_end = reader.line_num
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            problems.append(Problem(shown, previous_end + 1, None, None, f"unreadable CSV: {error}"))
            break
        line = previous_end + 1
        previous_end = reader.line_num
        if not row or all(not cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            problems.append(Problem(shown, line, None, None, f"row has {len(row)} cells but the header has {len(header)} columns"))
            continue
        values = {name: (None if cell.strip() == "" else cell.strip()) for name, cell in zip(header, row)}
        records.append(RawRecord(table, values, Location(shown, line)))
    return records, problems


def read_yaml(text, shown, table):
    try:
        document = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark else None
        return [], [Problem(shown, line, None, None, f"invalid YAML: {getattr(error, 'problem', error)}")]
    if document is None:
        return [], []
    if not isinstance(document, yaml.SequenceNode):
        return [], [Problem(shown, document.start_mark.line + 1, None, None, "expected a list of records (each starting with '- ')")]
    records, problems = [], []
    for item in document.value:
        line = item.start_mark.line + 1
        if not isinstance(item, yaml.MappingNode):
            problems.append(Problem(shown, line, None, None, "expected a record of 'field: value' pairs"))
            continue
        values, field_lines = {}, []
        for key_node, value_node in item.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            key_line = key_node.start_mark.line + 1
            if key is None:
                problems.append(Problem(shown, key_line, None, None, "a field name must be plain text"))
                continue
            if key in values:
                problems.append(Problem(shown, key_line, None, key, "field appears more than once in this record"))
                continue
            values[key] = node_value(value_node)
            field_lines.append((key, key_line))
        records.append(RawRecord(table, values, Location(shown, line, tuple(field_lines))))
    return records, problems


def node_value(node):
    """A YAML node as text (every scalar stays a string), list or dict."""
    if isinstance(node, yaml.ScalarNode):
        if node.style is None and node.value in NULLS:
            return None
        return node.value.strip()
    if isinstance(node, yaml.SequenceNode):
        return [node_value(child) for child in node.value]
    return {key.value: node_value(value) for key, value in node.value}
