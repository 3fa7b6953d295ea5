"""`musette merge`: parts ingested apart make the database one ingest of every file makes."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from ingest.cli import cli
from ingest.merge import NotAMusetteDatabase, merge_databases
from ingest.pipeline import ingest_paths
from ingest.store import table_counts

REPORTS = Path(__file__).parent / "reports"
# Reports about several races in several languages, some about the same stage.
SAMPLE = sorted([*REPORTS.glob("en/en_0*.txt"), *REPORTS.glob("nl/nl_0*.txt")])


def _ingest(files: list[Path], db: Path) -> Path:
    ingest_paths(files, str(db), workers=1, echo=lambda _: None)
    return db


def _results(db: Path) -> set[tuple]:
    """Every consolidated result and every report's result, by names (ids differ)."""
    conn = sqlite3.connect(db)
    try:
        stage_results = set(conn.execute("""
            SELECT races.name, races.year, stages.stage, results.rank, riders.name,
                   teams.name, results.gap_seconds, results.support
            FROM results JOIN stages ON stages.id = results.stage_id
            JOIN races ON races.id = stages.race_id
            JOIN riders ON riders.id = results.rider_id
            LEFT JOIN teams ON teams.id = results.team_id"""))
        report_results = set(conn.execute("""
            SELECT reports.path, report_results.rank, riders.name, evidence.span,
                   evidence.sentence
            FROM report_results JOIN reports ON reports.id = report_results.report_id
            JOIN riders ON riders.id = report_results.rider_id
            JOIN evidence ON evidence.id = report_results.evidence_id"""))
        return stage_results | report_results
    finally:
        conn.close()


@pytest.fixture(scope="module")
def whole_and_parts(tmp_path_factory) -> tuple[Path, Path, Path]:
    """One database of every sample file, and two of alternate files."""
    tmp = tmp_path_factory.mktemp("merge")
    whole = _ingest(SAMPLE, tmp / "whole.db")
    first = _ingest(SAMPLE[::2], tmp / "part-1.db")
    second = _ingest(SAMPLE[1::2], tmp / "part-2.db")
    return whole, first, second


def test_merged_parts_equal_one_ingest_of_every_file(whole_and_parts, tmp_path):
    whole, first, second = whole_and_parts
    merged = tmp_path / "merged.db"
    summary = merge_databases(merged, [first, second])
    assert summary.merged == len(SAMPLE)
    counts = table_counts(merged)
    assert counts == table_counts(whole)
    assert counts["report_results"] > 0 and counts["results"] > 0
    assert _results(merged) == _results(whole)


def test_merging_again_changes_nothing(whole_and_parts, tmp_path):
    _, first, second = whole_and_parts
    merged = tmp_path / "merged.db"
    merge_databases(merged, [first, second])
    before = table_counts(merged)
    summary = merge_databases(merged, [second, first])
    assert summary.merged == 0 and summary.unchanged == len(SAMPLE)
    assert table_counts(merged) == before


def test_a_part_merged_into_a_database_that_has_the_other(whole_and_parts, tmp_path):
    whole, first, second = whole_and_parts
    target = tmp_path / "target.db"
    shutil.copy(first, target)
    merge_databases(target, [second])
    assert _results(target) == _results(whole)


def test_the_version_ingested_last_wins(tmp_path):
    text = (REPORTS / "en/en_02_roubaix.txt").read_text(encoding="utf-8")
    report = tmp_path / "reports" / "roubaix.txt"
    report.parent.mkdir()
    report.write_text(text, encoding="utf-8")
    old = _ingest([report], tmp_path / "old.db")
    conn = sqlite3.connect(old)  # ingested a while before the new version
    conn.execute("UPDATE reports SET ingested_at = '2020-01-01T00:00:00+00:00'")
    conn.commit()
    conn.close()
    report.write_text(text + "\nA line added later.\n", encoding="utf-8")
    new = _ingest([report], tmp_path / "new.db")
    for target_has, part, kept, replaced in ((new, old, 1, 0), (old, new, 0, 1)):
        target = tmp_path / f"target-{kept}.db"
        shutil.copy(target_has, target)
        summary = merge_databases(target, [part])
        assert (summary.kept_newer, summary.replaced) == (kept, replaced)
        stored = sqlite3.connect(target).execute("SELECT text FROM reports").fetchall()
        assert len(stored) == 1 and stored[0][0].endswith("A line added later.")


def test_a_broken_part_leaves_the_target_as_it_was(whole_and_parts, tmp_path):
    _, first, second = whole_and_parts
    target = tmp_path / "target.db"
    shutil.copy(first, target)
    before = table_counts(target)
    broken = tmp_path / "broken.db"
    shutil.copy(second, broken)
    conn = sqlite3.connect(broken)
    conn.execute("PRAGMA foreign_keys = OFF")
    # a fact pointing at a rider the part does not have: the copy fails halfway
    conn.execute("UPDATE report_results SET rider_id = 999999 WHERE id = "
                 "(SELECT max(id) FROM report_results)")
    conn.commit()
    conn.close()
    with pytest.raises(KeyError):
        merge_databases(target, [broken])
    assert table_counts(target) == before


def test_cli_names_a_file_that_is_not_a_musette_database(tmp_path):
    junk = tmp_path / "notes.db"
    junk.write_text("not a database at all, just text", encoding="utf-8")
    result = CliRunner().invoke(cli, ["merge", str(junk), "--db", str(tmp_path / "m.db")])
    assert result.exit_code == 1
    assert "notes.db" in result.output and "not a Musette database" in result.output


def test_a_database_cannot_be_merged_into_itself(whole_and_parts):
    whole, _, _ = whole_and_parts
    with pytest.raises(NotAMusetteDatabase, match="target database itself"):
        merge_databases(whole, [whole])


def test_cli_merges_and_reports(whole_and_parts, tmp_path):
    _, first, second = whole_and_parts
    merged = tmp_path / "merged.db"
    result = CliRunner().invoke(cli, ["merge", str(first), str(second), "--db", str(merged)])
    assert result.exit_code == 0, result.output
    assert f"{len(SAMPLE)} reports merged" in result.output
