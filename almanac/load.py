"""Read the files under sources/ into raw records, each remembering its file and line.

Nothing is checked against the schema here beyond which table a file belongs to; values stay
text (or, in YAML, lists and mappings for `cite`). Problems with the files themselves (invalid
UTF-8, broken YAML, a CSV row with too many cells) are collected, never raised.

Files are contributed text, so the loader trusts none of them: symbolic links and other special
files are refused (never followed), sizes are bounded, an empty file is an error (an emptied
file would otherwise silently drop its rows; a CSV file holding only its header stays allowed, as
the place for records to come), control characters are refused, and YAML is plain data only:
no anchors, aliases or tags, whose expansion can take minutes and gigabytes.
"""

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from .problems import Location, Problem
from .schema import TABLES, TABLES_BY_NAME

EXTENSIONS = (".csv", ".yaml", ".yml")
NULLS = ("", "~", "null", "Null", "NULL")
# The largest file in sources/ is about 60 KB; 1 MB leaves room for growth and keeps one file
# from costing the build more than a second.
MAX_FILE_BYTES = 1_000_000
# The longest value written so far is under 2,000 characters (a note); 10,000 is several
# paragraphs, and anything longer is a mistake or an attempt to bloat the database.
MAX_VALUE_CHARS = 10_000
# Records nest at most three levels (record, cite, {source, quote}); twenty is generous, and
# bounds the recursion reading a hostile file.
MAX_YAML_DEPTH = 20
# Characters that have no business in a record: C0 controls (NUL included) except tab, line
# feed and carriage return, DEL, and Unicode's non-characters.
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


@dataclass
class RawRecord:
    table: str
    values: dict  # field -> str, None, list or dict (as written)
    where: Location


def load_sources(root, yaml_loader=None):
    """Read every record under `root` (the sources/ folder). Returns (records, problems).
    `yaml_loader` chooses the parser (PurePlainData or CPlainData); the fastest one by default."""
    root = Path(root)
    records, problems = [], []
    recorded_tables = {t.name for t in TABLES if not t.derived}
    if not root.is_dir():
        return records, [Problem(str(root), None, None, None, "the sources folder does not exist")]
    for path in sorted(root.rglob("*")):
        shown = display_path(path, root)
        relative = path.relative_to(root)
        table = relative.parts[0] if len(relative.parts) == 2 else None
        if path.is_symlink():
            problems.append(Problem(shown, None, None, None, "symbolic links are not followed: put the file itself in sources/"))
            continue
        if path.is_dir():
            continue
        if path.name.startswith(".") or path.name == "README.md":
            continue
        if not path.is_file():
            problems.append(Problem(shown, None, None, None, "not a regular file"))
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
        if path.suffix == ".csv":
            file_records, file_problems = read_csv(text, shown, table)
        else:
            file_records, file_problems = read_yaml(text, shown, table, yaml_loader)
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
    """The file's text, or a problem: unreadable, too large, empty, not UTF-8, or holding a
    control character."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return None, Problem(shown, None, None, None, f"file is {size:,} bytes; at most {MAX_FILE_BYTES:,} are read (split it into several files)")
        data = path.read_bytes()
    except OSError as error:
        return None, Problem(shown, None, None, None, f"cannot read the file: {error.strerror}")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if not data.strip():
        return None, Problem(shown, None, None, None, "file is empty: it holds no records (delete it if that is intended)")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        text = data.decode("utf-8", errors="replace")
        field = field_on_line(text, line, path.suffix, "\ufffd")
        return None, Problem(shown, line, None, field, f"invalid UTF-8 (byte {data[error.start]:#04x}); save the file as UTF-8")
    control = CONTROL_CHARACTERS.search(text)
    if control:
        line = text.count("\n", 0, control.start()) + 1
        field = field_on_line(text, line, path.suffix, control.group())
        return None, Problem(shown, line, None, field, f"control character U+{ord(control.group()):04X} is not allowed in a record")
    return text, None


def field_on_line(text, line, suffix, bad_character):
    """Best guess at the field holding a bad character, for the error message."""
    lines = text.splitlines()
    bad = lines[line - 1] if line <= len(lines) else ""
    if suffix == ".csv" and lines:
        header = next(csv.reader([lines[0]]), [])
        cells = next(csv.reader([bad]), [])
        for name, cell in zip(header, cells):
            if bad_character in cell:
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
        return records, [Problem(shown, 1, None, None, "file is empty: it holds no records (delete it if that is intended)")]
    except csv.Error as error:
        return records, [Problem(shown, 1, None, None, f"unreadable CSV header: {csv_error(error)}")]
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
            problems.append(Problem(shown, previous_end + 1, None, None, f"unreadable CSV: {csv_error(error)}"))
            break
        line = previous_end + 1
        previous_end = reader.line_num
        if not row or all(not cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            problems.append(Problem(shown, line, None, None, f"row has {len(row)} cells but the header has {len(header)} columns"))
            continue
        values = {name: (None if cell.strip() == "" else cell.strip()) for name, cell in zip(header, row)}
        record = RawRecord(table, values, Location(shown, line))
        for name, value in values.items():
            if value is not None and len(value) > MAX_VALUE_CHARS:
                problems.append(record.where.problem(too_long(value), name, record_label(record)))
        records.append(record)
    return records, problems


def csv_error(error):
    if "field larger than field limit" in str(error):
        return f"a value is longer than {MAX_VALUE_CHARS:,} characters"
    return str(error)


def too_long(value):
    return f"value is {len(value):,} characters long; at most {MAX_VALUE_CHARS:,} are allowed"


def record_label(record):
    """The record's key as far as the file gives it, for problems found before validation."""
    values = [record.values.get(name) for name in TABLES_BY_NAME[record.table].key]
    return ",".join(value if isinstance(value, str) else "" for value in values).strip(",") or None


class PlainComposer(yaml.composer.Composer):
    """YAML as plain data: scalars, lists and mappings. Anchors, aliases and tags are refused
    while the file is composed, before anything is expanded, and so is nesting deeper than any
    record needs. Every scalar stays text, so no tag is ever resolved.

    The document is composed in one loop over the parser's events with a stack of the open
    lists and mappings (PyYAML's composer recurses through several methods per node, which
    was most of the time spent reading a file)."""

    def get_single_node(self):
        self.get_event()  # StreamStartEvent
        document = None
        if not self.check_event(yaml.StreamEndEvent):
            start = self.get_event()  # DocumentStartEvent
            document = self.compose_plain()
            self.get_event()  # DocumentEndEvent
            if not self.check_event(yaml.StreamEndEvent):
                event = self.get_event()
                raise yaml.composer.ComposerError("expected a single document in the stream", start.start_mark, "but found another document", event.start_mark)
        self.get_event()  # StreamEndEvent
        return document

    def compose_plain(self):
        stack = []  # [node, key waiting for its value (mappings)], innermost last
        while True:
            event = self.get_event()
            kind = type(event)
            if kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                node = stack.pop()[0]
                node.end_mark = event.end_mark
                if not stack:
                    return node
                continue
            refuse(event, len(stack))
            if kind is yaml.ScalarEvent:
                node = yaml.ScalarNode(STR_TAG, event.value, event.start_mark, event.end_mark, style=event.style)
            elif kind is yaml.MappingStartEvent:
                node = yaml.MappingNode(None, [], event.start_mark, None, flow_style=event.flow_style)
            elif kind is yaml.SequenceStartEvent:
                node = yaml.SequenceNode(None, [], event.start_mark, None, flow_style=event.flow_style)
            else:
                raise yaml.composer.ComposerError(None, None, f"unexpected {kind.__name__}", event.start_mark)
            if stack:
                parent = stack[-1]
                if isinstance(parent[0], yaml.SequenceNode):
                    parent[0].value.append(node)
                elif parent[1] is None:
                    parent[1] = node
                else:
                    parent[0].value.append((parent[1], node))
                    parent[1] = None
            elif kind is yaml.ScalarEvent:
                return node
            if kind is not yaml.ScalarEvent:
                stack.append([node, None])


def refuse(event, depth):
    """Anchors, aliases, tags and deep nesting, refused before anything is expanded."""
    if isinstance(event, yaml.AliasEvent):
        raise yaml.composer.ComposerError(None, None, f"aliases (*{event.anchor}) are not allowed: write the value out", event.start_mark)
    if event.anchor is not None:
        raise yaml.composer.ComposerError(None, None, f"anchors (&{event.anchor}) are not allowed: write the value out", event.start_mark)
    if getattr(event, "tag", None) is not None:
        raise yaml.composer.ComposerError(None, None, f"tags ({event.tag}) are not allowed: records are plain text, lists and mappings", event.start_mark)
    if depth >= MAX_YAML_DEPTH:
        raise yaml.composer.ComposerError(None, None, f"nested more than {MAX_YAML_DEPTH} levels deep", event.start_mark)


STR_TAG = "tag:yaml.org,2002:str"


class PurePlainData(PlainComposer, yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser):
    """The composer above over PyYAML's pure-Python scanner and parser."""

    def __init__(self, stream):
        yaml.reader.Reader.__init__(self, stream)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)
        PlainComposer.__init__(self)


if yaml.__with_libyaml__:

    class CPlainData(PlainComposer, yaml.cyaml.CParser):
        """The same composer over libyaml's scanner and parser, which do the work of reading a
        file (more than nine tenths of it in Python) about 25 times faster, with the same lines
        and columns in every event."""

        def __init__(self, stream):
            yaml.cyaml.CParser.__init__(self, stream)
            PlainComposer.__init__(self)

    PlainData = CPlainData
else:
    PlainData = PurePlainData


class NotPlainValue(ValueError):
    def __init__(self, node, message):
        super().__init__(message)
        self.line = node.start_mark.line + 1


def read_yaml(text, shown, table, loader=None):
    parser = None
    try:
        parser = (loader or PlainData)(text)
        document = parser.get_single_node()
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark else None
        return [], [Problem(shown, line, None, None, f"invalid YAML: {getattr(error, 'problem', error)}")]
    finally:
        if parser is not None:
            parser.dispose()
    if document is None or (isinstance(document, yaml.SequenceNode) and not document.value):
        return [], [Problem(shown, 1, None, None, "file holds no records (delete it if that is intended)")]
    if not isinstance(document, yaml.SequenceNode):
        return [], [Problem(shown, document.start_mark.line + 1, None, None, "expected a list of records (each starting with '- ')")]
    records, problems = [], []
    for item in document.value:
        line = item.start_mark.line + 1
        if not isinstance(item, yaml.MappingNode):
            problems.append(Problem(shown, line, None, None, "expected a record of 'field: value' pairs"))
            continue
        values, field_lines, found = {}, [], []  # found: (line, field, message)
        for key_node, value_node in item.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            key_line = key_node.start_mark.line + 1
            if key is None:
                found.append((key_line, None, "a field name must be plain text"))
                continue
            if key in values:
                found.append((key_line, key, "field appears more than once in this record"))
                continue
            try:
                values[key] = node_value(value_node)
            except NotPlainValue as error:
                values[key] = None
                found.append((error.line, key, str(error)))
            field_lines.append((key, key_line))
        record = RawRecord(table, values, Location(shown, line, tuple(field_lines)))
        problems.extend(Problem(shown, at, record_label(record), field, message) for at, field, message in found)
        records.append(record)
    return records, problems


def node_value(node):
    """A YAML node as text (every scalar stays a string), list or dict."""
    if isinstance(node, yaml.ScalarNode):
        if node.style is None and node.value in NULLS:
            return None
        if len(node.value) > MAX_VALUE_CHARS:
            raise NotPlainValue(node, too_long(node.value))
        return node.value.strip()
    if isinstance(node, yaml.SequenceNode):
        return [node_value(child) for child in node.value]
    values = {}
    for key, value in node.value:
        if not isinstance(key, yaml.ScalarNode):
            raise NotPlainValue(key, "a name in a mapping must be plain text")
        values[key.value] = node_value(value)
    return values
