"""The benchmarks' synthetic corpus: N copies of the records that build without a problem, and
the same bytes every time. (The benchmarks themselves run with `make bench`, never here.)"""

import sys
from pathlib import Path

from almanac.build import build
from almanac.load import load_sources
from conftest import FIXTURE_SOURCES, ROOT

sys.path.insert(0, str(ROOT / "bench"))
import generate  # noqa: E402


def files_of(folder):
    return {p.relative_to(folder): p.read_bytes() for p in sorted(Path(folder).rglob("*")) if p.is_file()}


def test_copies_build_cleanly_and_the_same_every_time(tmp_path):
    out = tmp_path / "x3"
    written = generate.generate(out, 3, sources=FIXTURE_SOURCES, exceptions=None)
    assert build(out, tmp_path / "x3.db", quote_exceptions=generate.exceptions_path(out)) == []
    original, _ = load_sources(FIXTURE_SOURCES)
    copied, _ = load_sources(out)
    claims = sum(r.table == "claims" for r in original)
    assert written == len(copied) == 3 * len(original) - 2 * claims
    models = {r.values["id"] for r in copied if r.table == "models"}
    assert {m for m in models if m.endswith("-r2")} == {m["id"] + "-r2" for m in (r.values for r in original if r.table == "models")}
    first = files_of(out)
    generate.generate(out, 3, sources=FIXTURE_SOURCES, exceptions=None)
    assert files_of(out) == first


def test_exceptions_follow_the_renamed_records(tmp_path):
    listed = tmp_path / "exceptions.csv"
    listed.write_text('table,record_id,field,source_id,reason\ncontext_windows,"m,2024-05-13",effective_from,s,empty quote\n')
    generate.write_exceptions(listed, tmp_path / "out.csv", 3)
    lines = (tmp_path / "out.csv").read_text().splitlines()
    assert lines[1:] == [
        'context_windows,"m,2024-05-13",effective_from,s,empty quote',
        'context_windows,"m-r1,2024-05-13",effective_from,s-r1,empty quote',
        'context_windows,"m-r2,2024-05-13",effective_from,s-r2,empty quote',
    ]
