"""Combine databases ingested apart (parts of an archive, other machines) into one.

Each part is copied report by report: its races, stages, places, riders and teams are
matched to the target's by their unique keys (a race by name and year, a stage by race
and number, a place, rider or team by its key), and every report's rows (evidence and
facts) are copied with their ids translated. Then the target is consolidated once, as
after an ingest.

The rules are the ingest's own:
- a report whose path is already stored with the same content is skipped (merging a
  part twice changes nothing);
- a path stored with other content keeps the version ingested last (the stored one
  on a tie);
- the same content under another path is a duplicate and is skipped;
- a part goes in whole or not at all (one transaction), so an interrupted merge leaves
  the target as it was before that part.

One difference with ingesting every file into one database: a part was consolidated on
its own, so a surname alone ("Yates") that named one rider in its part stays linked to
that rider even when the other parts bring a second rider of that surname.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import sqlite_utils

from . import store
from .consolidate import consolidate

# Columns that hold an id of another table, and the table whose ids they hold.
ID_COLUMNS = {"report_id": "reports", "rider_id": "riders", "speaker_id": "riders",
              "team_id": "teams", "place_id": "places", "evidence_id": "evidence"}
FACT_TABLES = [t for t in store.REPORT_FACT_TABLES if t != "evidence"]


class NotAMusetteDatabase(Exception):
    """The file is not a database Musette wrote."""


@dataclass
class MergeSummary:
    merged: int = 0
    unchanged: int = 0
    replaced: int = 0
    kept_newer: int = 0
    duplicates: int = 0
    errors: int = 0
    parts: list[str] = field(default_factory=list)

    def describe(self) -> str:
        return (f"{len(self.parts)} part(s): {self.merged} reports merged "
                f"({self.replaced} replacing an older version), {self.unchanged} already "
                f"there, {self.kept_newer} older than the stored version, "
                f"{self.duplicates} duplicates; {self.errors} ingest errors copied")


def merge_databases(target_path: str | Path, parts: Iterable[str | Path],
                    progress: Callable[[int], object] | None = None) -> MergeSummary:
    """Merge each part into target_path (created if missing), then consolidate it.

    `progress(n)` is called after every n reports copied (for a progress bar)."""
    from .pipeline import open_for_ingest

    summary = MergeSummary()
    db = open_for_ingest(str(target_path))
    # A part is one transaction: a larger page cache keeps SQLite from spilling
    # half-written pages to the WAL over and over (64 MB).
    db.conn.execute("PRAGMA cache_size = -65536")
    try:
        for part in parts:
            _check_part(Path(part), Path(target_path))
            conn = db.conn
            conn.execute("BEGIN")  # the whole part or nothing
            try:
                conn.execute("PRAGMA user_version = 0")  # see consolidate.CONSOLIDATED
                _Part(db, Path(part), summary, progress).merge()
                conn.execute("COMMIT")
            except BaseException:
                conn.rollback()
                raise
            summary.parts.append(str(part))
        consolidate(db)
    finally:
        db.conn.close()
    return summary


def count_reports(part: str | Path) -> int:
    conn = sqlite3.connect(f"file:{Path(part)}?mode=ro", uri=True)
    try:
        return conn.execute("SELECT count(*) FROM reports").fetchone()[0]
    except sqlite3.DatabaseError as error:
        raise NotAMusetteDatabase(f"{part}: not a Musette database ({error})") from error
    finally:
        conn.close()


def _check_part(part: Path, target: Path) -> None:
    if part.resolve() == target.resolve():
        raise NotAMusetteDatabase(f"{part}: is the target database itself")
    conn = sqlite3.connect(f"file:{part}?mode=ro", uri=True)
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    except sqlite3.DatabaseError as error:
        raise NotAMusetteDatabase(f"{part}: not a Musette database ({error})") from error
    finally:
        conn.close()
    missing = {"reports", "evidence", "stages", "riders"} - tables
    if missing:
        raise NotAMusetteDatabase(
            f"{part}: not a Musette database (no {', '.join(sorted(missing))} table)")


class _Part:
    """One part's rows, read through a read-only connection, written into db."""

    def __init__(self, db: sqlite_utils.Database, path: Path, summary: MergeSummary,
                 progress: Callable[[int], object] | None):
        self.db, self.summary, self.progress = db, summary, progress
        self.src = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        self.src.row_factory = sqlite3.Row
        self.ids: dict[str, dict[int, int | None]] = {t: {} for t in set(ID_COLUMNS.values())}

    def merge(self) -> None:
        try:
            self._places()
            self._riders_and_teams()
            stages = self._stages()
            for report in self.src.execute("SELECT * FROM reports ORDER BY id"):
                self._report(dict(report), stages)
                if self.progress:
                    self.progress(1)
            self._errors()
        finally:
            self.src.close()

    def _places(self) -> None:
        places = self.ids["places"]
        for row in self.src.execute("SELECT * FROM places"):
            values = {k: row[k] for k in row.keys() if k not in ("id", "key")}
            places[row["id"]] = store._get_or_create(self.db, "places", row["key"], values)
        for row in self.src.execute("SELECT * FROM place_names"):
            self.db.conn.execute(
                "INSERT OR IGNORE INTO place_names (query, country_hint, place_id) "
                "VALUES (?, ?, ?)",
                [row["query"], row["country_hint"], places.get(row["place_id"])])

    def _riders_and_teams(self) -> None:
        riders, teams = self.ids["riders"], self.ids["teams"]
        for row in self.src.execute("SELECT id, name FROM riders"):
            riders[row["id"]] = store.rider_id(self.db, row["name"])
        for row in self.src.execute("SELECT name, rider_id FROM rider_aliases"):
            self.db.conn.execute("INSERT OR IGNORE INTO rider_aliases (name, rider_id) "
                                 "VALUES (?, ?)", [row["name"], riders[row["rider_id"]]])
        for row in self.src.execute("SELECT id, name, key FROM teams"):
            teams[row["id"]] = store._get_or_create(self.db, "teams", row["key"],
                                                    {"name": row["name"]})
        for row in self.src.execute("SELECT team_id, season, name FROM team_names"):
            values = [teams[row["team_id"]], row["season"], row["name"]]
            # not INSERT OR IGNORE: UNIQUE lets rows with a NULL season repeat
            if not self.db.conn.execute("SELECT 1 FROM team_names WHERE team_id = ? AND "
                                        "season IS ? AND name = ?", values).fetchone():
                self.db.conn.execute("INSERT INTO team_names (team_id, season, name) "
                                     "VALUES (?, ?, ?)", values)

    def _stages(self) -> dict[int, tuple[int, int]]:
        """part stage id -> (target stage id, target race id)."""
        places = self.ids["places"]
        stages = {}
        for row in self.src.execute(
                "SELECT stages.*, races.name AS race, races.year, races.one_day "
                "FROM stages JOIN races ON races.id = stages.race_id"):
            record = store.StageRecord(
                race=row["race"], year=row["year"], stage=row["stage"],
                one_day=bool(row["one_day"]), date=row["date"],
                start_place_id=places.get(row["start_place_id"]),
                finish_place_id=places.get(row["finish_place_id"]),
                distance_km=row["distance_km"], identified_by=row["identified_by"])
            sid = store.stage_id(self.db, record)
            rid = self.db.conn.execute("SELECT race_id FROM stages WHERE id = ?",
                                       [sid]).fetchone()[0]
            stages[row["id"]] = (sid, rid)
        return stages

    def _report(self, report: dict, stages: dict[int, tuple[int, int]]) -> None:
        conn, summary = self.db.conn, self.summary
        stored = conn.execute("SELECT sha256, ingested_at FROM reports WHERE path = ?",
                              [report["path"]]).fetchone()
        if stored is not None and stored[0] == report["sha256"]:
            summary.unchanged += 1
            return
        if stored is not None and stored[1] >= report["ingested_at"]:  # a tie: keep it
            summary.kept_newer += 1
            return
        copy = conn.execute("SELECT 1 FROM reports WHERE sha256 = ? AND path != ?",
                            [report["sha256"], report["path"]]).fetchone()
        if copy is not None:
            summary.duplicates += 1
            return
        if stored is not None:
            store.delete_report(self.db, report["path"])
            summary.replaced += 1
        old_id = report.pop("id")
        if report["stage_id"] is not None:
            report["stage_id"], report["race_id"] = stages[report["stage_id"]]
        elif report["race_id"] is not None:
            report["race_id"] = self._race(report["race_id"])
        new_id = store.insert_row(self.db, "reports", report)
        self.ids["reports"] = {old_id: new_id}
        self.ids["evidence"] = {}
        self._copy_rows("evidence", old_id)
        for table in FACT_TABLES:
            self._copy_rows(table, old_id)
        conn.execute("DELETE FROM ingest_errors WHERE path = ?", [report["path"]])
        summary.merged += 1

    def _race(self, part_race_id: int) -> int:
        row = self.src.execute("SELECT name, year, one_day FROM races WHERE id = ?",
                               [part_race_id]).fetchone()
        return store.race_id(self.db, row["name"], row["year"], bool(row["one_day"]))

    def _copy_rows(self, table: str, old_report_id: int) -> None:
        rows = self.src.execute(f"SELECT * FROM [{table}] WHERE report_id = ? ORDER BY id",
                                [old_report_id]).fetchall()
        for row in rows:
            values = {k: row[k] for k in row.keys() if k != "id"}
            for column, value in values.items():
                if column in ID_COLUMNS and value is not None:
                    values[column] = self.ids[ID_COLUMNS[column]][value]
            new_id = store.insert_row(self.db, table, values)
            if table == "evidence":
                self.ids["evidence"][row["id"]] = new_id

    def _errors(self) -> None:
        """Errors of paths the target has not stored, unless already recorded."""
        for row in self.src.execute("SELECT path, reason, time FROM ingest_errors"):
            conn = self.db.conn
            if conn.execute("SELECT 1 FROM reports WHERE path = ?", [row["path"]]).fetchone():
                continue
            if conn.execute("SELECT 1 FROM ingest_errors WHERE path = ? AND reason = ?",
                            [row["path"], row["reason"]]).fetchone():
                continue
            store.insert_row(self.db, "ingest_errors", dict(row))
            self.summary.errors += 1
