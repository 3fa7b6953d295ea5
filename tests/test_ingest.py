"""The ingest command: summaries, exit codes, bad files recorded, re-runs that change nothing."""

from __future__ import annotations

import shutil
import sqlite3

from click.testing import CliRunner

from ingest.cli import cli

TABLES = ["races", "stages", "places", "riders", "teams", "reports", "report_results",
          "evidence", "report_climbs", "report_conflicts"]


def counts(db) -> dict[str, int]:
    conn = sqlite3.connect(db)
    try:
        return {t: conn.execute(f"SELECT count(*) FROM [{t}]").fetchone()[0] for t in TABLES}
    finally:
        conn.close()


def run(*args):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_ingest_prints_a_summary_and_exits_0(report_dir, tmp_path):
    db = tmp_path / "m.db"
    result = run("ingest", str(report_dir), "--db", str(db))
    assert result.exit_code == 0, result.output
    n = len(list(report_dir.glob("*.txt")))
    assert f"{n} files read: {n} ingested" in result.output


def test_reingest_changes_nothing(report_dir, tmp_path):
    db = tmp_path / "m.db"
    run("ingest", str(report_dir), "--db", str(db))
    before = counts(db)
    result = run("ingest", str(report_dir), "--db", str(db))
    assert result.exit_code == 0
    assert "unchanged" in result.output
    assert counts(db) == before


def test_changed_file_replaces_its_earlier_version(report_dir, tmp_path):
    db = tmp_path / "m.db"
    run("ingest", str(report_dir), "--db", str(db))
    before = counts(db)
    path = next(report_dir.glob("003_*.txt"))
    path.write_text(path.read_text(encoding="utf-8").replace(
        "Christophe Laporte rounded out the podium", "Christophe Laporte took third place"),
        encoding="utf-8")
    run("ingest", str(report_dir), "--db", str(db))
    after = counts(db)
    assert after["reports"] == before["reports"]
    assert after["report_results"] == before["report_results"]
    conn = sqlite3.connect(db)
    text = conn.execute("SELECT text FROM reports WHERE source = ?", [path.name]).fetchone()[0]
    assert "took third place" in text


def test_bad_files_are_reported_recorded_and_skipped(report_dir, tmp_path):
    (report_dir / "empty.txt").write_bytes(b"")
    (report_dir / "binary.txt").write_bytes(b"\x89PNG\x00\x00" * 50)
    db = tmp_path / "m.db"
    result = run("ingest", str(report_dir), "--db", str(db))
    assert result.exit_code == 1
    assert "empty.txt: empty file" in result.output
    assert "binary.txt: binary file" in result.output
    conn = sqlite3.connect(db)
    errors = dict(conn.execute("SELECT path, reason FROM ingest_errors").fetchall())
    assert {p.rsplit("/", 1)[-1] for p in errors} == {"empty.txt", "binary.txt"}
    good = len(list(report_dir.glob("*.txt"))) - 2
    assert conn.execute("SELECT count(*) FROM reports").fetchone()[0] == good


def test_a_bad_file_does_not_touch_what_is_already_there(report_dir, tmp_path):
    db = tmp_path / "m.db"
    run("ingest", str(report_dir), "--db", str(db))
    before = counts(db)
    path = next(report_dir.glob("000_*.txt"))
    path.write_bytes(b"")  # the file got truncated since the last ingest
    result = run("ingest", str(report_dir), "--db", str(db))
    assert result.exit_code == 1
    assert counts(db) == before


def test_copy_of_a_report_is_not_ingested_twice(report_dir, tmp_path):
    db = tmp_path / "m.db"
    source = next(report_dir.glob("000_*.txt"))
    shutil.copy(source, report_dir / "copy_of_000.txt")
    result = run("ingest", str(report_dir), "--db", str(db))
    assert "1 duplicates" in result.output
    assert counts(db)["reports"] == len(list(report_dir.glob("*.txt"))) - 1


def test_usage_error_exits_2(tmp_path):
    args = ["ingest", str(tmp_path / "nope"), "--db", str(tmp_path / "x.db")]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2
    assert "no such file or folder" in result.output


def test_help_explains_the_commands():
    result = run("--help")
    for command in ("ingest", "serve", "geocode", "gazetteer"):
        assert command in result.output
    assert "ingest_errors" in run("ingest", "--help").output


def test_consolidation_only_when_reports_changed(report_dir, tmp_path, monkeypatch):
    """A re-ingest that changes no report skips consolidation; a change, or an ingest
    killed before it consolidated (user_version left at 0), consolidates again."""
    import ingest.consolidate

    calls = []
    real = ingest.consolidate.consolidate
    monkeypatch.setattr(ingest.consolidate, "consolidate", lambda db: calls.append(1) or real(db))
    db = tmp_path / "m.db"
    run("ingest", str(report_dir), "--db", str(db))
    assert len(calls) == 1
    results = sqlite3.connect(db).execute("SELECT * FROM results ORDER BY rowid").fetchall()
    assert results
    run("ingest", str(report_dir), "--db", str(db))
    assert len(calls) == 1  # nothing changed
    conn = sqlite3.connect(db)
    conn.execute("DELETE FROM results")  # as if the last ingest died before consolidating
    conn.execute("PRAGMA user_version = 0")
    conn.commit()
    conn.close()
    run("ingest", str(report_dir), "--db", str(db))
    assert len(calls) == 2
    assert sqlite3.connect(db).execute("SELECT * FROM results ORDER BY rowid").fetchall() == results
    path = next(report_dir.glob("003_*.txt"))
    path.write_text(path.read_text(encoding="utf-8") + "\nA new line.\n", encoding="utf-8")
    run("ingest", str(report_dir), "--db", str(db))
    assert len(calls) == 3
    run("ingest", str(report_dir), "--db", str(db))
    assert len(calls) == 3
