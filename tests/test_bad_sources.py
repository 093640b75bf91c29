"""Hostile and malformed records: each case in tests/bad_sources/ is laid over a copy of the
fixture records and built with the CLI's entry point. Every case must exit 1, print exactly the
problems in its expected.txt (file, line, record, field, message), print no traceback, and
leave the previous database byte for byte as it was, with nothing else written beside it.

A case is a folder: its files go to the same paths under sources/ (replacing a fixture file of
the same name); `{previous}` in a file stands for the previous database's path. An expected line
ending in `...` only has to begin the problem's line (where the rest lists the schema's tables
or fields, which grow). Cases that git
cannot hold (symbolic links, a named pipe, files of megabytes) are made by the functions below.
"""

import os
import shutil
from pathlib import Path

import pytest

import build_db
from almanac import claims
from conftest import FIXTURE_SOURCES

CASES = Path(__file__).parent / "bad_sources"


@pytest.fixture(scope="module")
def previous(tmp_path_factory):
    """The database a good build made, that a bad build must leave alone."""
    path = tmp_path_factory.mktemp("previous") / "almanac.db"
    assert build_db.main(["build", "--sources", str(FIXTURE_SOURCES), "--db", str(path)]) == 0
    return path.read_bytes()


def overlay(case, sources, db_path):
    for path in sorted(case.rglob("*")):
        relative = path.relative_to(case)
        if path.is_dir() or len(relative.parts) == 1:
            continue
        target = sources / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        data = path.read_bytes().replace(b"{previous}", str(db_path).encode())
        target.write_bytes(data)


def run_build(tmp_path, previous, capsys, prepare):
    sources = tmp_path / "sources"
    shutil.copytree(FIXTURE_SOURCES, sources)
    db_path = tmp_path / "almanac.db"
    db_path.write_bytes(previous)
    prepare(sources, db_path)
    capsys.readouterr()
    status = build_db.main(["build", "--sources", str(sources), "--db", str(db_path)])
    output = capsys.readouterr()
    assert status == 1, output.err
    assert "Traceback" not in output.err
    assert output.out == ""
    assert db_path.read_bytes() == previous
    assert sorted(p.name for p in tmp_path.iterdir()) == ["almanac.db", "sources"]
    return output.err.splitlines()


def expected_lines(lines):
    count = len(lines)
    return lines + [f"{count} problem{'s' if count != 1 else ''} found; nothing was written."]


@pytest.fixture(autouse=True)
def short_claim_limit(monkeypatch):
    # A claim that never ends is stopped at the limit; half a second keeps the suite quick.
    monkeypatch.setattr(claims, "TIME_LIMIT", 0.5)


@pytest.mark.parametrize("name", sorted(p.name for p in CASES.iterdir() if p.is_dir()))
def test_bad_source(name, tmp_path, previous, capsys):
    case = CASES / name
    expected = (case / "expected.txt").read_text(encoding="utf-8").replace("{previous}", str(tmp_path / "almanac.db"))
    lines = run_build(tmp_path, previous, capsys, lambda sources, db: overlay(case, sources, db))
    wanted = expected_lines(expected.splitlines())
    shown = [line[: len(want) - 3] + "..." if want.endswith("...") else line for line, want in zip(lines, wanted)]
    assert (shown, len(lines)) == (wanted, len(wanted))


def test_there_are_forty_cases_or_more():
    assert len([p for p in CASES.iterdir() if p.is_dir()]) >= 40


def test_a_claim_cannot_drop_a_table_of_the_previous_database(tmp_path, previous, capsys):
    import sqlite3

    run_build(tmp_path, previous, capsys, lambda sources, db: overlay(CASES / "claim-attach", sources, db))
    tables = {row[0] for row in sqlite3.connect(tmp_path / "almanac.db").execute("select name from sqlite_master")}
    assert "events" in tables


def make_symlink_to_a_file(sources, db):
    secret = db.parent.parent / "secret.txt"
    secret.write_text("id,name\nthe-secret-content,x\n")
    (sources / "organizations" / "linked.csv").symlink_to(secret)


def make_symlink_to_a_folder(sources, db):
    outside = db.parent.parent / "outside"
    outside.mkdir()
    (outside / "more.csv").write_text("id,name\nthe-secret-content,x\n")
    (sources / "models" / "linked").symlink_to(outside)


def make_named_pipe(sources, db):
    os.mkfifo(sources / "models" / "pipe.yaml")


def make_five_megabyte_value(sources, db):
    (sources / "models" / "big.yaml").write_text("- id: big\n  description: " + "x" * 5_000_000 + "\n")


def make_csv_cell_past_the_csv_limit(sources, db):
    (sources / "organizations" / "big.csv").write_text("id,name,note\nbig,Big," + "x" * 200_000 + "\n")


GENERATED = {
    make_symlink_to_a_file: ["sources/organizations/linked.csv: symbolic links are not followed: put the file itself in sources/"],
    make_symlink_to_a_folder: ["sources/models/linked: symbolic links are not followed: put the file itself in sources/"],
    make_named_pipe: ["sources/models/pipe.yaml: not a regular file"],
    make_five_megabyte_value: ["sources/models/big.yaml: file is 5,000,026 bytes; at most 1,000,000 are read (split it into several files)"],
    make_csv_cell_past_the_csv_limit: ["sources/organizations/big.csv:2: unreadable CSV: a value is longer than 10,000 characters"],
}


@pytest.mark.parametrize("make", GENERATED, ids=lambda f: f.__name__.removeprefix("make_"))
def test_generated_bad_source(make, tmp_path, previous, capsys):
    # The build's folder holds only the database and sources/; what a case puts outside them
    # goes one level up.
    build_dir = tmp_path / "build"
    build_dir.mkdir()
    lines = run_build(build_dir, previous, capsys, make)
    assert lines == expected_lines(GENERATED[make])
    assert not any("the-secret-content" in line for line in lines)
