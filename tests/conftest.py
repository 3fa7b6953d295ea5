"""Shared fixtures: real databases built by the real ingest pipeline."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

TESTS = Path(__file__).parent
ROOT = TESTS.parent
sys.path.insert(0, str(TESTS))


@pytest.fixture(scope="session")
def seeds_db(tmp_path_factory) -> Path:
    """The two seed reports ingested into a fresh database, as `make run` does."""
    from ingest.pipeline import ingest_paths

    db = tmp_path_factory.mktemp("seeds") / "musette.db"
    summary = ingest_paths([ROOT / "seeds"], str(db))
    assert summary.ingested == 2, summary.describe()
    return db


@pytest.fixture
def report_dir(tmp_path) -> Path:
    """A folder of reports to ingest: the seeds plus our own pipeline reports."""
    folder = tmp_path / "reports"
    folder.mkdir()
    for path in [*(ROOT / "seeds").glob("*.txt"), *(TESTS / "reports" / "pipeline").glob("*.txt")]:
        shutil.copy(path, folder / path.name)
    return folder
