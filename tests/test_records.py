"""The real records in sources/: they validate, and they build."""

import pytest
import sqlite_utils

from almanac.build import build
from conftest import ROOT


@pytest.fixture(scope="session")
def almanac(tmp_path_factory):
    db_path = tmp_path_factory.mktemp("real") / "almanac.db"
    problems = build(ROOT / "sources", db_path)
    assert problems == [], "\n".join(map(str, problems))
    return sqlite_utils.Database(db_path)


def test_records_build_without_problems(almanac):
    assert almanac["sources"].count >= 1


def test_the_founding_review_is_a_source(almanac):
    review = almanac["sources"].get("willison-llms-in-2024")
    assert review["url"] == "https://simonwillison.net/2024/Dec/31/llms-in-2024/"
    assert review["kind"] == "review"
