"""The database: schema, and writing one report with its facts in one transaction.

The schema is Musette's public API: people write SQL against it. Every table
has a description in metadata.yml; keep both in step.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import sqlite3
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import sqlite_utils

from .model import Evidence, Extraction, Report


def _stated_evidence(kind: str) -> str:
    """The sentence and evidence id behind a report's stated start, finish or distance
    (one evidence row of that kind per report), for the disagreements view."""
    row = f"FROM evidence WHERE evidence.report_id = reports.id AND evidence.kind = '{kind}'"
    return f"(SELECT sentence {row} ORDER BY id LIMIT 1), (SELECT id {row} ORDER BY id LIMIT 1)"


def _stated_place_disagreements(column: str, fact: str) -> str:
    """One arm of the disagreements view: reports of a stage naming different towns.

    Towns are compared by the place they geocode to, else by name ("Dunkirk" and
    "Dunkerque" agree). EXISTS keeps a stage page's query (WHERE stage_id = ?) to that
    stage's reports. `column` and `fact` are constants of this module, never input.
    """

    def key(table: str) -> str:
        return (f"coalesce((SELECT 'place:' || place_id FROM place_names\n"
                f"                    WHERE query = {table}.{column} AND place_id IS NOT NULL"
                f" LIMIT 1),\n                   lower({table}.{column}))")

    return f"""SELECT reports.stage_id, '{fact}', reports.{column}, NULL, reports.id,
       {_stated_evidence(fact)},
       'reports differ'
FROM reports
WHERE reports.stage_id IS NOT NULL AND reports.{column} IS NOT NULL AND EXISTS (
    SELECT 1 FROM reports AS other
    WHERE other.stage_id = reports.stage_id AND other.{column} IS NOT NULL
      AND {key("other")}
       != {key("reports")})
UNION ALL
"""


SCHEMA = """
CREATE TABLE IF NOT EXISTS races (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    year INTEGER,
    one_day INTEGER NOT NULL DEFAULT 0,
    UNIQUE (name, year)
);
CREATE TABLE IF NOT EXISTS places (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    kind TEXT NOT NULL DEFAULT 'town',
    country_code TEXT,
    latitude REAL,
    longitude REAL,
    geonames_id INTEGER,
    geocoder TEXT,
    confidence REAL,
    key TEXT NOT NULL UNIQUE
);
CREATE TABLE IF NOT EXISTS place_names (
    query TEXT NOT NULL,
    country_hint TEXT NOT NULL DEFAULT '',
    place_id INTEGER REFERENCES places(id),
    PRIMARY KEY (query, country_hint)
);
CREATE TABLE IF NOT EXISTS stages (
    id INTEGER PRIMARY KEY,
    race_id INTEGER NOT NULL REFERENCES races(id),
    stage INTEGER,
    date TEXT,
    start_place_id INTEGER REFERENCES places(id),
    finish_place_id INTEGER REFERENCES places(id),
    distance_km REAL,
    identified_by TEXT,
    key TEXT NOT NULL UNIQUE
);
CREATE TABLE IF NOT EXISTS riders (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    key TEXT NOT NULL UNIQUE
);
CREATE TABLE IF NOT EXISTS teams (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    key TEXT NOT NULL UNIQUE
);
CREATE TABLE IF NOT EXISTS team_names (
    team_id INTEGER NOT NULL REFERENCES teams(id),
    season INTEGER,
    name TEXT NOT NULL,
    UNIQUE (team_id, season, name)
);
CREATE TABLE IF NOT EXISTS reports (
    id INTEGER PRIMARY KEY,
    source TEXT NOT NULL,
    path TEXT NOT NULL UNIQUE,
    sha256 TEXT NOT NULL,
    lang TEXT NOT NULL,
    published TEXT,
    stage_id INTEGER REFERENCES stages(id),
    race_id INTEGER REFERENCES races(id),
    race_stated TEXT,
    year_stated INTEGER,
    stage_stated INTEGER,
    start_stated TEXT,
    finish_stated TEXT,
    distance_km_stated REAL,
    words INTEGER NOT NULL,
    encoding TEXT,
    ingested_at TEXT NOT NULL,
    text TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS evidence (
    id INTEGER PRIMARY KEY,
    report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    value TEXT,
    span TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    sentence TEXT NOT NULL,
    sentence_start INTEGER NOT NULL,
    sentence_end INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS report_results (
    id INTEGER PRIMARY KEY,
    report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    rank INTEGER NOT NULL,
    rider_id INTEGER NOT NULL REFERENCES riders(id),
    team_id INTEGER REFERENCES teams(id),
    gap_seconds INTEGER,
    evidence TEXT NOT NULL,
    evidence_id INTEGER REFERENCES evidence(id)
);
CREATE TABLE IF NOT EXISTS report_climbs (
    id INTEGER PRIMARY KEY,
    report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    place_id INTEGER REFERENCES places(id),
    length_km REAL,
    gradient_pct REAL,
    km_marker REAL,
    category TEXT,
    evidence TEXT NOT NULL,
    evidence_id INTEGER REFERENCES evidence(id)
);
CREATE TABLE IF NOT EXISTS report_breakaways (
    id INTEGER PRIMARY KEY,
    report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    rider_id INTEGER NOT NULL REFERENCES riders(id),
    max_gap_seconds INTEGER,
    caught_km_to_go REAL,
    evidence TEXT NOT NULL,
    evidence_id INTEGER REFERENCES evidence(id)
);
CREATE TABLE IF NOT EXISTS report_sprints (
    id INTEGER PRIMARY KEY,
    report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    place_id INTEGER REFERENCES places(id),
    place TEXT NOT NULL,
    rider_id INTEGER REFERENCES riders(id),
    km_marker REAL,
    evidence TEXT NOT NULL,
    evidence_id INTEGER REFERENCES evidence(id)
);
CREATE TABLE IF NOT EXISTS report_jerseys (
    id INTEGER PRIMARY KEY,
    report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    jersey TEXT NOT NULL,
    rider_id INTEGER NOT NULL REFERENCES riders(id),
    evidence TEXT NOT NULL,
    evidence_id INTEGER REFERENCES evidence(id)
);
CREATE TABLE IF NOT EXISTS report_quotes (
    id INTEGER PRIMARY KEY,
    report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    speaker_id INTEGER REFERENCES riders(id),
    quote TEXT NOT NULL,
    evidence_id INTEGER REFERENCES evidence(id)
);
CREATE TABLE IF NOT EXISTS report_conflicts (
    id INTEGER PRIMARY KEY,
    report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    field TEXT NOT NULL,
    stated TEXT,
    reference TEXT,
    reference_source TEXT NOT NULL,
    evidence TEXT,
    evidence_id INTEGER REFERENCES evidence(id)
);
CREATE TABLE IF NOT EXISTS rider_aliases (
    name TEXT PRIMARY KEY,
    rider_id INTEGER NOT NULL REFERENCES riders(id)
);
CREATE TABLE IF NOT EXISTS results (
    stage_id INTEGER NOT NULL REFERENCES stages(id),
    rank INTEGER NOT NULL,
    rider_id INTEGER NOT NULL REFERENCES riders(id),
    team_id INTEGER REFERENCES teams(id),
    gap_seconds INTEGER,
    support INTEGER NOT NULL,
    reports INTEGER NOT NULL,
    PRIMARY KEY (stage_id, rank)
);
CREATE TABLE IF NOT EXISTS ingest_errors (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL,
    reason TEXT NOT NULL,
    time TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS idx_evidence_report ON evidence(report_id);
CREATE INDEX IF NOT EXISTS idx_results_report ON report_results(report_id);
CREATE INDEX IF NOT EXISTS idx_results_rider ON report_results(rider_id);
CREATE INDEX IF NOT EXISTS idx_reports_stage ON reports(stage_id);
CREATE INDEX IF NOT EXISTS idx_stages_race ON stages(race_id);
CREATE INDEX IF NOT EXISTS idx_climbs_report ON report_climbs(report_id);
CREATE INDEX IF NOT EXISTS idx_breakaways_report ON report_breakaways(report_id);
CREATE INDEX IF NOT EXISTS idx_sprints_report ON report_sprints(report_id);
CREATE INDEX IF NOT EXISTS idx_jerseys_report ON report_jerseys(report_id);
CREATE INDEX IF NOT EXISTS idx_quotes_report ON report_quotes(report_id);
CREATE INDEX IF NOT EXISTS idx_conflicts_report ON report_conflicts(report_id);

DROP VIEW IF EXISTS disagreements;
CREATE VIEW disagreements AS
SELECT reports.stage_id, 'rank ' || report_results.rank AS fact, riders.name AS claim,
       NULL AS reference, report_results.report_id, report_results.evidence,
       report_results.evidence_id, 'reports differ' AS kind
FROM report_results
JOIN reports ON reports.id = report_results.report_id
JOIN riders ON riders.id = report_results.rider_id
JOIN (SELECT reports.stage_id AS disputed_stage, report_results.rank AS disputed_rank
      FROM report_results JOIN reports ON reports.id = report_results.report_id
      WHERE reports.stage_id IS NOT NULL
      GROUP BY reports.stage_id, report_results.rank
      HAVING count(DISTINCT report_results.rider_id) > 1) AS disputed
  ON disputed.disputed_stage = reports.stage_id AND disputed.disputed_rank = report_results.rank
UNION ALL
""" + _stated_place_disagreements("start_stated", "start") \
    + _stated_place_disagreements("finish_stated", "finish") + """
SELECT reports.stage_id, 'distance_km', reports.distance_km_stated, NULL, reports.id,
       """ + _stated_evidence("distance") + """, 'reports differ'
FROM reports
WHERE reports.stage_id IS NOT NULL AND reports.distance_km_stated IS NOT NULL AND EXISTS (
    SELECT 1 FROM reports AS other
    WHERE other.stage_id = reports.stage_id AND other.distance_km_stated IS NOT NULL
      AND round(other.distance_km_stated) != round(reports.distance_km_stated))
UNION ALL
SELECT reports.stage_id, report_conflicts.field, report_conflicts.stated,
       report_conflicts.reference, report_conflicts.report_id, report_conflicts.evidence,
       report_conflicts.evidence_id, 'report differs from ' || report_conflicts.reference_source
FROM report_conflicts JOIN reports ON reports.id = report_conflicts.report_id;

DROP VIEW IF EXISTS stage_results;
CREATE VIEW stage_results AS
SELECT results.stage_id, races.name AS race, races.year, stages.stage, stages.date,
       results.rank, riders.name AS rider,
       coalesce((SELECT team_names.name FROM team_names
                 WHERE team_names.team_id = results.team_id AND team_names.season = races.year
                 ORDER BY team_names.rowid DESC LIMIT 1), teams.name) AS team,
       results.gap_seconds, results.support, results.reports,
       results.rider_id, results.team_id
FROM results
JOIN stages ON stages.id = results.stage_id
JOIN races ON races.id = stages.race_id
JOIN riders ON riders.id = results.rider_id
LEFT JOIN teams ON teams.id = results.team_id;

DROP VIEW IF EXISTS unlinked_reports;
CREATE VIEW unlinked_reports AS
SELECT id AS report_id, source, lang, published, race_stated, year_stated, stage_stated,
       start_stated, finish_stated,
       CASE
           WHEN race_stated IS NULL THEN 'no race recognised'
           WHEN year_stated IS NULL AND published IS NULL THEN 'no year stated or published'
           ELSE 'no calendar stage matches, and the report does not name race, year and stage'
       END AS reason
FROM reports WHERE stage_id IS NULL;

"""

TEAM_SEASONS = Path(__file__).parent / "data" / "team_seasons.csv"
# Presentation views (stage_locations with map popups, stage_summary), kept with the
# publication: plugins/ and metadata.yml rely on them.
PUBLICATION_VIEWS = Path(__file__).parent / "publication_views.sql"

# Tables whose rows belong to one report, deleted when the report is replaced.
REPORT_FACT_TABLES = (
    "report_results",
    "report_climbs",
    "report_breakaways",
    "report_sprints",
    "report_jerseys",
    "report_quotes",
    "report_conflicts",
    "evidence",
)


@functools.lru_cache(maxsize=1 << 16)  # the same names come back in every report
def name_key(name: str) -> str:
    """Accent-, case- and punctuation-insensitive key: 'Pogačar' == 'Pogacar'."""
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    plain = plain.replace("ø", "o").replace("Ø", "o").replace("ß", "ss").replace("ł", "l")
    words = "".join(c if c.isalnum() else " " for c in plain.casefold()).split()
    return " ".join(words)


def table_counts(path: str | Path) -> dict[str, int]:
    """Rows per table of a database file (full-text index tables left out)."""
    conn = sqlite3.connect(path)
    try:
        names = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '%fts%' "
            "AND name NOT LIKE 'sqlite_%' ORDER BY name")]
        return {n: conn.execute(f"SELECT count(*) FROM [{n}]").fetchone()[0] for n in names}
    finally:
        conn.close()


def open_db(path: str) -> sqlite_utils.Database:
    conn = sqlite3.connect(path, timeout=30)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA foreign_keys=ON")
    db = sqlite_utils.Database(conn)
    ensure_schema(db)
    return db


def ensure_schema(db: sqlite_utils.Database) -> None:
    db.conn.executescript(SCHEMA)
    db.conn.executescript(PUBLICATION_VIEWS.read_text(encoding="utf-8"))
    if not db["reports"].detect_fts():
        db["reports"].enable_fts(["text"], create_triggers=True, tokenize="unicode61")


def _now() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()


def _write(db: sqlite_utils.Database, sql: str, params: list) -> sqlite3.Cursor:
    """Execute one write as sqlite-utils does: committed at once outside a transaction."""
    conn = db.conn
    if conn.in_transaction:
        return conn.execute(sql, params)
    conn.execute("BEGIN")
    try:
        cursor = conn.execute(sql, params)
        conn.execute("COMMIT")
    except BaseException:
        conn.rollback()
        raise
    return cursor


def insert_row(db: sqlite_utils.Database, table: str, values: dict, ignore: bool = False) -> int:
    """INSERT one row and return its rowid: what db[table].insert(values).last_pk does
    for our tables, without sqlite-utils reading the table's columns on every call."""
    columns = ", ".join(f"[{c}]" for c in values)
    marks = ", ".join("?" for _ in values)
    verb = "INSERT OR IGNORE" if ignore else "INSERT"
    return _write(db, f"{verb} INTO [{table}] ({columns}) VALUES ({marks})",
                  list(values.values())).lastrowid


def _get_or_create(db: sqlite_utils.Database, table: str, key: str, values: dict) -> int:
    row = db.conn.execute(f"SELECT id FROM [{table}] WHERE key = ?", [key]).fetchone()
    if row:
        return row[0]
    return insert_row(db, table, {**values, "key": key})


def rider_id(db: sqlite_utils.Database, name: str) -> int:
    """One row per name key; the spelling with its accents wins (Pogačar over Pogacar)."""
    row = db.conn.execute("SELECT id, name FROM riders WHERE key = ?",
                          [name_key(name)]).fetchone()
    if row is None:
        return insert_row(db, "riders", {"name": name, "key": name_key(name)})
    if _accents(name) > _accents(row[1]):
        db.conn.execute("UPDATE riders SET name = ? WHERE id = ?", [name, row[0]])
    return row[0]


def _accents(text: str) -> int:
    return sum(1 for c in text if ord(c) > 127)


def team_id(db: sqlite_utils.Database, name: str) -> int:
    """One row per team lineage: 'Jumbo-Visma' (2023) and 'Visma-Lease a Bike' are one team."""
    lineage = team_lineages().get(name_key(name))
    if lineage is None:
        return _get_or_create(db, "teams", name_key(name), {"name": name})
    team, seasons = lineage
    key = name_key(team)
    row = db.conn.execute("SELECT id FROM teams WHERE key = ?", [key]).fetchone()
    if row:
        return row[0]
    tid = insert_row(db, "teams", {"name": team, "key": key})
    for season, n in seasons:
        insert_row(db, "team_names", {"team_id": tid, "season": season, "name": n}, ignore=True)
    return tid


@cache
def team_lineages() -> dict[str, tuple[str, list[tuple[int | None, str]]]]:
    """name key -> (team, [(season, name)]) from data/team_seasons.csv and teams.yml aliases."""
    from .nlp.lexicon import teams

    lines = [ln for ln in TEAM_SEASONS.read_text(encoding="utf-8").splitlines()
             if ln.strip() and not ln.startswith("#")]
    seasons: dict[str, list[tuple[int | None, str]]] = {}
    for row in csv.DictReader(lines):
        season = int(row["season"]) if row["season"] else None
        seasons.setdefault(row["team"], []).append((season, row["name"]))
    lookup = {}
    for team, names in seasons.items():
        for key in {name_key(team), *(name_key(n) for _, n in names)}:
            lookup[key] = (team, names)
    for entry in teams():  # a canonical name whose alias is a season name joins that lineage
        keys = [name_key(n) for n in [entry["name"], *entry.get("aliases", [])]]
        found = next((lookup[k] for k in keys if k in lookup), None)
        if found is None:  # no season names, but its aliases are one team all the same
            found = (entry["name"], [])
        for k in keys:
            lookup.setdefault(k, found)
    return lookup


def race_id(db: sqlite_utils.Database, name: str, year: int | None, one_day: bool) -> int:
    row = db.conn.execute(
        "SELECT id FROM races WHERE name = ? AND year IS ?", [name, year]
    ).fetchone()
    if row:
        return row[0]
    return insert_row(db, "races", {"name": name, "year": year, "one_day": int(one_day)})


@dataclass
class PlaceRecord:
    """What the geocoder answered for a name (or did not: no coordinates)."""

    name: str
    kind: str = "town"
    country_code: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geonames_id: int | None = None
    geocoder: str | None = None
    confidence: float | None = None
    key: str | None = None


def place_id(db: sqlite_utils.Database, place: PlaceRecord) -> int:
    key = place.key or (
        f"geonames:{place.geonames_id}" if place.geonames_id else f"name:{name_key(place.name)}"
    )
    values = {k: v for k, v in place.__dict__.items() if k != "key"}
    return _get_or_create(db, "places", key, values)


def cached_place(db: sqlite_utils.Database, query: str, country_hint: str) -> int | None | bool:
    """The place id cached for a query; False when the query was never looked up."""
    row = db.conn.execute(
        "SELECT place_id FROM place_names WHERE query = ? AND country_hint = ?",
        [query, country_hint],
    ).fetchone()
    return False if row is None else row[0]


def cache_place(
    db: sqlite_utils.Database, query: str, country_hint: str, pid: int | None
) -> None:
    _write(
        db,
        "INSERT INTO place_names (query, country_hint, place_id) VALUES (?, ?, ?) "
        "ON CONFLICT (query, country_hint) DO UPDATE SET place_id = excluded.place_id",
        [query, country_hint, pid],
    )


@dataclass
class StageRecord:
    race: str
    year: int | None
    stage: int | None
    one_day: bool
    date: str | None = None
    start_place_id: int | None = None
    finish_place_id: int | None = None
    distance_km: float | None = None
    identified_by: str = "report"


def stage_id(db: sqlite_utils.Database, rec: StageRecord) -> int:
    rid = race_id(db, rec.race, rec.year, rec.one_day)
    key = f"{rid}:{'-' if rec.stage is None else rec.stage}"
    row = db.conn.execute("SELECT id FROM stages WHERE key = ?", [key]).fetchone()
    values = {
        "race_id": rid,
        "stage": rec.stage,
        "date": rec.date,
        "start_place_id": rec.start_place_id,
        "finish_place_id": rec.finish_place_id,
        "distance_km": rec.distance_km,
        "identified_by": rec.identified_by,
    }
    if row is None:
        return insert_row(db, "stages", {**values, "key": key})
    # Fill what an earlier report left empty; never overwrite a known value.
    stored = db.conn.execute(f"SELECT {', '.join(values)} FROM stages WHERE id = ?",
                             [row[0]]).fetchone()
    current = dict(zip(values, stored, strict=True))
    updates = {k: v for k, v in values.items() if v is not None and current.get(k) is None}
    if updates:
        assignments = ", ".join(f"[{k}] = ?" for k in updates)
        _write(db, f"UPDATE stages SET {assignments} WHERE id = ?",
               [*updates.values(), row[0]])
    return row[0]


def delete_report(db: sqlite_utils.Database, path: str) -> None:
    row = db.execute("SELECT id FROM reports WHERE path = ?", [path]).fetchone()
    if row is None:
        return
    for table in REPORT_FACT_TABLES:
        db.execute(f"DELETE FROM [{table}] WHERE report_id = ?", [row[0]])
    db.execute("DELETE FROM reports WHERE id = ?", [row[0]])


class EvidenceWriter:
    """Inserts evidence rows for one report and returns their ids."""

    def __init__(self, db: sqlite_utils.Database, report_id: int, text: str):
        self.db, self.report_id, self.text = db, report_id, text

    def add(self, kind: str, value: object, ev: Evidence) -> tuple[int, str]:
        sentence = self.text[ev.sentence_start : ev.sentence_end]
        eid = self.db["evidence"].insert(
            {
                "report_id": self.report_id,
                "kind": kind,
                "value": None if value is None else str(value),
                "span": self.text[ev.start : ev.end],
                "start": ev.start,
                "end": ev.end,
                "sentence": sentence,
                "sentence_start": ev.sentence_start,
                "sentence_end": ev.sentence_end,
            }
        ).last_pk
        return eid, sentence


def report_row(report: Report, stated: Extraction) -> dict:
    def val(v):
        return None if v is None else v.value

    return {
        "source": report.source,
        "path": report.path,
        "sha256": report.sha256,
        "lang": report.lang,
        "published": report.published,
        "race_stated": val(stated.race),
        "year_stated": val(stated.year),
        "stage_stated": val(stated.stage),
        "start_stated": val(stated.start),
        "finish_stated": val(stated.finish),
        "distance_km_stated": val(stated.distance_km),
        "words": len(report.text.split()),
        "encoding": report.encoding,
        "ingested_at": _now(),
        "text": report.text,
    }
