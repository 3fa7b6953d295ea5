"""The first test: the two seed reports, ingested as `make run` does, give the right stages."""

from __future__ import annotations

import sqlite3

from geopy.distance import distance

# Real positions of the towns (town centres), to check the geocoded map points.
REAL = {
    "Aubagne": (43.2927, 5.5708),
    "Six-Fours-les-Plages": (43.0942, 5.8397),
    "Dunkerque": (51.0344, 2.3768),
    "Calais": (50.9513, 1.8587),
}


def query(db, sql: str, params=()) -> list[sqlite3.Row]:
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


STAGE_SQL = """
SELECT races.name AS race, races.year, stages.stage, stages.date, stages.distance_km,
       s.name AS start, f.name AS finish, stages.id
FROM stages JOIN races ON races.id = stages.race_id
LEFT JOIN places s ON s.id = stages.start_place_id
LEFT JOIN places f ON f.id = stages.finish_place_id
WHERE races.name = ? AND races.year = ?
"""

PODIUM_SQL = """
SELECT report_results.rank, riders.name FROM report_results
JOIN riders ON riders.id = report_results.rider_id
JOIN reports ON reports.id = report_results.report_id
WHERE reports.stage_id = ? AND report_results.rank <= 3 ORDER BY rank
"""


def test_provence_2021_stage_1(seeds_db):
    (stage,) = query(seeds_db, STAGE_SQL, ["Tour de La Provence", 2021])
    route = (stage["stage"], stage["start"], stage["finish"])
    assert route == (1, "Aubagne", "Six-Fours-les-Plages")
    assert stage["date"] == "2021-02-11"
    podium = [r["name"] for r in query(seeds_db, PODIUM_SQL, [stage["id"]])]
    assert podium == ["Davide Ballerini", "Arnaud Démare", "Nacer Bouhanni"]


def test_tour_2022_stage_4_identified_from_route_not_from_wrong_number(seeds_db):
    (stage,) = query(seeds_db, STAGE_SQL, ["Tour de France", 2022])
    assert stage["stage"] == 4
    assert stage["date"] == "2022-07-05"
    assert stage["start"] in ("Dunkerque", "Dunkirk") and stage["finish"] == "Calais"
    podium = [r["name"] for r in query(seeds_db, PODIUM_SQL, [stage["id"]])]
    assert podium == ["Wout van Aert", "Jasper Philipsen", "Christophe Laporte"]
    gaps = query(seeds_db, "SELECT rank, gap_seconds FROM report_results "
                 "JOIN reports ON reports.id = report_id WHERE stage_id = ?", [stage["id"]])
    assert {r["rank"]: r["gap_seconds"] for r in gaps}[2] == 8


def test_the_reports_wrong_stage_number_is_kept_as_a_conflict(seeds_db):
    rows = query(seeds_db, """
        SELECT field, stated, reference, evidence FROM report_conflicts
        JOIN reports ON reports.id = report_conflicts.report_id
        WHERE reports.source LIKE '003_%'""")
    assert [(r["field"], r["stated"], r["reference"]) for r in rows] == [("stage", "2", "4")]
    assert "stage 2 in Dunkirk" in rows[0]["evidence"]


def test_the_map_places_the_four_towns_within_5_km(seeds_db):
    rows = query(seeds_db, "SELECT place, role, latitude, longitude FROM stage_locations")
    assert len(rows) == 4
    for row in rows:
        name = "Dunkerque" if row["place"] in ("Dunkirk", "Dunkerque") else row["place"]
        assert distance(REAL[name], (row["latitude"], row["longitude"])).km < 5, row["place"]


def test_every_result_has_its_evidence_sentence(seeds_db):
    rows = query(seeds_db, """
        SELECT report_results.evidence, riders.name, evidence.span, evidence.sentence
        FROM report_results JOIN riders ON riders.id = rider_id
        JOIN evidence ON evidence.id = report_results.evidence_id""")
    assert len(rows) == 6
    for row in rows:
        assert row["evidence"] == row["sentence"]
        assert row["span"] in row["sentence"]


def test_header_date_is_the_publication_month_not_text(seeds_db):
    (row,) = query(seeds_db, "SELECT published, lang, text FROM reports WHERE source LIKE '000_%'")
    assert row["published"] == "2021-02" and row["lang"] == "nl"
    assert not row["text"].lstrip().startswith("date")
