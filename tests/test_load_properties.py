"""Property-based: whatever bytes a contributor puts in a file under sources/, loading and
validating it gives clean problems (a file, a line if any, a message) and never an exception."""

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from almanac.load import load_sources
from almanac.problems import Problem
from almanac.schema import TABLES
from almanac.validate import validate
from almanac.values import parse

RECORDED = [t for t in TABLES if not t.derived]
FIELDS = sorted({c.name for t in RECORDED for c in t.columns} | {"source", "quote", "cite", "note"})
# Pieces that have broken loaders before: YAML anchors, aliases, tags and flow syntax, numbers
# past every range, other scripts' digits, control characters, CSV quoting and formulas.
TRICKY = [
    "&a", "*a", "!!python/object:os.system", "!tag", "[", "]", "{", "}", ": ", "- ", "? ", "---", "|", ">",
    "1e30", "99999999999999999999", "nan", "-inf", "0x10", "1_000", "２０２４-05-13", "٥", "2024-02-30",
    "\x00", "\x1b", "\ufeff", "\ufffe", '"', '""', ",", "\r", "=HYPERLINK(\"http://x\")", "null", "~", "true",
]
pieces = st.one_of(st.sampled_from(TRICKY), st.sampled_from(FIELDS), st.text(max_size=8))
yaml_like = st.lists(st.tuples(st.sampled_from(["- ", "  ", ""]), st.lists(pieces, max_size=6)), max_size=12).map(
    lambda lines: "\n".join(indent + "".join(parts) for indent, parts in lines)
)
csv_like = st.tuples(st.lists(st.sampled_from(FIELDS), min_size=1, max_size=6), st.lists(st.lists(pieces, max_size=7), max_size=6)).map(
    lambda t: "\n".join([",".join(t[0])] + [",".join(row) for row in t[1]])
)
contents = st.one_of(
    yaml_like.map(lambda text: text.encode("utf-8", "surrogatepass")),
    csv_like.map(lambda text: text.encode("utf-8", "surrogatepass")),
    st.binary(max_size=200),
)


def assert_clean(problems):
    for problem in problems:
        assert isinstance(problem, Problem)
        assert problem.path.startswith("sources/")
        assert problem.line is None or problem.line >= 1
        assert problem.message
        str(problem)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(table=st.sampled_from([t.name for t in RECORDED]), extension=st.sampled_from([".csv", ".yaml"]), data=contents)
def test_any_file_gives_clean_problems(table, extension, data):
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "sources"
        (root / table).mkdir(parents=True)
        (root / table / f"file{extension}").write_bytes(data)
        raw, problems = load_sources(root)
        _, found = validate(raw)
    assert_clean(problems + found)


@settings(max_examples=500, deadline=None)
@given(column=st.sampled_from([c for t in RECORDED for c in t.recorded]), text=st.one_of(pieces, st.text()))
def test_a_value_either_parses_or_says_what_was_expected(column, text):
    try:
        parse(column, text)
    except ValueError as error:
        assert str(error)
