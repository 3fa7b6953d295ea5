"""One stage reported four times, in two languages, with a conflict and a gap in coverage."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from ingest.pipeline import ingest_paths

HERE = Path(__file__).parent / "reports" / "consolidation"


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> sqlite3.Connection:
    folder = tmp_path_factory.mktemp("bilbao")
    for path in HERE.glob("*.txt"):
        shutil.copy(path, folder / path.name)
    db_path = folder / "m.db"
    summary = ingest_paths([folder], str(db_path))
    assert summary.ingested == 4, summary.describe()
    conn = sqlite3.connect(db_path)
    conn.row_factory = sqlite3.Row
    return conn


def test_all_reports_link_to_one_stage(db):
    rows = db.execute("SELECT DISTINCT stage_id FROM reports").fetchall()
    assert len(rows) == 1 and rows[0][0] is not None
    stage = db.execute("SELECT stage, date FROM stages").fetchone()
    assert (stage["stage"], stage["date"]) == (1, "2023-07-01")


def test_consolidated_result_with_support(db):
    rows = db.execute("""
        SELECT results.rank, riders.name, results.support, results.reports
        FROM results JOIN riders ON riders.id = results.rider_id ORDER BY rank""").fetchall()
    assert [(r["rank"], r["name"], r["support"]) for r in rows] == [
        (1, "Adam Yates", 4), (2, "Simon Yates", 2), (3, "Tadej Pogačar", 2)]
    assert {r["reports"] for r in rows} == {4}


def test_brothers_stay_two_riders_and_accents_make_one(db):
    names = [r[0] for r in db.execute("SELECT name FROM riders ORDER BY name")]
    assert "Adam Yates" in names and "Simon Yates" in names
    assert len([n for n in names if n.replace("č", "c") == "Tadej Pogacar"]) == 1


def test_swapped_places_and_wrong_stage_number_are_disagreements(db):
    rows = db.execute("""
        SELECT disagreements.fact, disagreements.claim, reports.source, disagreements.evidence
        FROM disagreements JOIN reports ON reports.id = disagreements.report_id""").fetchall()
    claims = {(r["fact"], r["claim"], r["source"]) for r in rows}
    assert ("rank 2", "Tadej Pogačar", "bilbao_en_conflicting.txt") in claims
    assert ("rank 3", "Simon Yates", "bilbao_en_conflicting.txt") in claims
    assert ("stage", "2", "bilbao_en_conflicting.txt") in claims
    assert all(r["evidence"] for r in rows if r["fact"].startswith("rank"))
    # Reports that agree are not listed.
    assert not [r for r in rows if r["fact"] == "rank 1"]


def test_surname_and_initial_forms_join_the_full_name(tmp_path):
    from ingest import store
    from ingest.consolidate import consolidate

    db = store.open_db(str(tmp_path / "r.db"))
    with db.conn:
        full = store.rider_id(db, "Wout van Aert")
        short = store.rider_id(db, "Van Aert")
        initial = store.rider_id(db, "W. van Aert")
        adam = store.rider_id(db, "Adam Yates")
        simon = store.rider_id(db, "Simon Yates")
        yates = store.rider_id(db, "Yates")
    assert len({full, short, initial}) == 3
    consolidate(db)
    names = {r["name"] for r in db.query("SELECT name FROM riders")}
    assert names == {"Wout van Aert", "Adam Yates", "Simon Yates", "Yates"}
    aliases = dict(db.execute("SELECT name, rider_id FROM rider_aliases").fetchall())
    assert aliases == {"Van Aert": full, "W. van Aert": full}
    assert len({adam, simon, yates}) == 3


def test_team_seasons_are_one_team(tmp_path):
    from ingest import store

    db = store.open_db(str(tmp_path / "t.db"))
    with db.conn:
        ids = {store.team_id(db, n) for n in
               ("Deceuninck-Quick-Step", "Quick-Step Alpha Vinyl", "Soudal Quick-Step")}
        other = store.team_id(db, "Jumbo-Visma")
    assert len(ids) == 1 and other not in ids
    seasons = dict(db.execute(
        "SELECT season, name FROM team_names WHERE team_id = ? AND season IN (2021, 2022)",
        [ids.pop()]).fetchall())
    assert seasons == {2021: "Deceuninck-Quick-Step", 2022: "Quick-Step Alpha Vinyl"}


def test_a_teams_later_season_name_is_the_same_team():
    from ingest.store import name_key, team_lineages

    lineages = team_lineages()
    assert lineages[name_key("Team Polti Kometa")][0] == lineages[name_key("Eolo-Kometa")][0]
    assert (lineages[name_key("Androni Giocattoli-Sidermec")][0]
            == lineages[name_key("Drone Hopper-Androni Giocattoli")][0])


def test_route_disagreements_show_each_reports_sentence(tmp_path):
    """Two reports of one stage giving other towns and distances: each claim keeps the
    sentence it came from, so a reader can check which report is right."""
    (tmp_path / "long.txt").write_text(
        "Milan Kovač won stage 2 of the Tour de Wallonie 2023, 182 km from Namur to Huy.\n\n"
        "Kovač beat Pieter Dewulf and Jonas Berg in a sprint of twenty riders.\n",
        encoding="utf-8")
    (tmp_path / "short.txt").write_text(
        "Milan Kovač won stage 2 of the Tour de Wallonie 2023, 176 km from Namur to Andenne.\n\n"
        "Kovač beat Pieter Dewulf and Jonas Berg after a hard day in the Ardennes.\n",
        encoding="utf-8")
    db_path = tmp_path / "w.db"
    summary = ingest_paths([tmp_path], str(db_path))
    assert summary.ingested == 2, summary.describe()
    conn = sqlite3.connect(db_path)
    rows = conn.execute("""
        SELECT fact, claim, evidence, evidence.sentence, evidence.kind
        FROM disagreements JOIN evidence ON evidence.id = disagreements.evidence_id
        WHERE fact IN ('finish', 'distance_km')""").fetchall()
    assert {(fact, str(claim)) for fact, claim, *_ in rows} == {
        ("finish", "Huy"), ("finish", "Andenne"),
        ("distance_km", "182.0"), ("distance_km", "176.0")}
    for fact, claim, sentence, evidence_sentence, kind in rows:
        assert sentence == evidence_sentence and str(claim).split(".")[0] in sentence
        assert kind == ("distance" if fact == "distance_km" else fact)
