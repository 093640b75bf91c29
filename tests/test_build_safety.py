"""A build that is killed leaves no temporary file and the previous database as it was; a check
writes nothing anywhere."""

import os
import shutil
import signal
import subprocess
import sys
import time

import pytest

from conftest import ROOT

NEVER_ENDS = ROOT / "tests" / "bad_sources" / "claim-never-ends" / "claims" / "bad.yaml"


@pytest.fixture
def slow_build(sources, tmp_path):
    """A build of the fixture with a claim that runs until its time limit, started once a
    previous database exists. Yields (process, database path, previous bytes)."""
    db_path = tmp_path / "almanac.db"
    assert subprocess.run([sys.executable, "build_db.py", "build", "--sources", str(sources.root), "--db", str(db_path)], cwd=ROOT).returncode == 0
    previous = db_path.read_bytes()
    shutil.copy(NEVER_ENDS, sources.root / "claims" / "bad.yaml")
    process = subprocess.Popen([sys.executable, "build_db.py", "build", "--sources", str(sources.root), "--db", str(db_path)], cwd=ROOT, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 30
    while not list(tmp_path.glob("almanac.db.tmp-*")):
        assert process.poll() is None and time.monotonic() < deadline, "the build never started writing"
        time.sleep(0.05)
    yield process, db_path, previous
    if process.poll() is None:
        process.kill()
        process.wait()


def test_a_terminated_build_removes_its_temporary_file(slow_build, tmp_path):
    process, db_path, previous = slow_build
    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=10) == 130
    assert process.stderr.read().decode().splitlines() == ["Stopped; nothing was written."]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["almanac.db", "sources"]
    assert db_path.read_bytes() == previous


def test_the_next_build_removes_what_a_killed_one_left(slow_build, sources, tmp_path):
    process, db_path, previous = slow_build
    process.kill()
    process.wait()
    assert list(tmp_path.glob("almanac.db.tmp-*")) != []  # nothing can clean up after SIGKILL
    assert db_path.read_bytes() == previous
    (sources.root / "claims" / "bad.yaml").unlink()
    assert subprocess.run([sys.executable, "build_db.py", "build", "--sources", str(sources.root), "--db", str(db_path)], cwd=ROOT).returncode == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["almanac.db", "sources"]


def test_check_writes_nothing_anywhere(sources, tmp_path):
    """Run in an empty folder with an empty temporary folder: both stay empty."""
    shutil.copy(NEVER_ENDS.parent.parent.parent / "claim-vacuum-into" / "claims" / "bad.yaml", sources.root / "claims" / "bad.yaml")
    work, temporary = tmp_path / "work", tmp_path / "tmp"
    work.mkdir()
    temporary.mkdir()
    env = dict(os.environ, TMPDIR=str(temporary), PYTHONDONTWRITEBYTECODE="1")
    result = subprocess.run([sys.executable, str(ROOT / "build_db.py"), "check", "--sources", str(sources.root)], cwd=work, env=env, capture_output=True, text=True)
    assert result.returncode == 1
    assert "only reading is allowed, not ATTACH ('{previous}.copy')" in result.stderr
    (sources.root / "claims" / "bad.yaml").unlink()
    result = subprocess.run([sys.executable, str(ROOT / "build_db.py"), "check", "--sources", str(sources.root)], cwd=work, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert list(work.iterdir()) == [] and list(temporary.iterdir()) == []
