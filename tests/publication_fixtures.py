"""A real Musette database for the publication tests, built once per test session.

It holds, in one file named musette.db (the name metadata.yml describes):
- seeds/ and tests/reports/security/ ingested by the real pipeline, when it runs;
- a made-up stage race written with ingest.store's own functions, so the tests can
  assert exact values: the 2023 "Critérium des Alpilles", stages 3 and 4 through real
  Provençal towns, with two reports (en, fr) of stage 3 that overlap, nest and
  disagree (a distance conflict);
- a malicious one-day race whose race, town, rider, team and report text are HTML
  and script payloads, so every page can be checked to render them as text.
Then the pipeline's consolidation runs over it all (one result per stage), and
ingest/publication_views.sql is applied, as store.ensure_schema() will.

Import the fixtures into a test module:
    from publication_fixtures import musette_db, datasette  # noqa: F401
"""

from __future__ import annotations

import asyncio
import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

PROJECT = Path(__file__).resolve().parent.parent
SEEDS = PROJECT / "seeds"
SECURITY_REPORTS = Path(__file__).resolve().parent / "reports" / "security"
VIEWS_SQL = PROJECT / "ingest" / "publication_views.sql"
METADATA = PROJECT / "metadata.yml"
PLUGINS = PROJECT / "plugins"
TEMPLATES = PROJECT / "templates"

# Payloads: if any of them runs in a browser, window.__pwned is set or a dialog opens.
XSS_RACE = 'Grand Prix <img src=x onerror="window.__pwned=1;alert(1)">'
XSS_TOWN = "<script>window.__pwned=2;alert(2)</script>Nîmes"
XSS_RIDER = '<b onmouseover="window.__pwned=3">Evil</b> "Rider"'
XSS_TEAM = "</td></tr><script>window.__pwned=8;alert(8)</script>"
XSS_CLIMB = "Côte <svg onload=\"window.__pwned=9;alert(9)\">"
XSS_TEXT = (
    "<script>window.__pwned=4;alert(4)</script> The "
    + XSS_RACE
    + " ended in "
    + '<a href="javascript:window.__pwned=6;alert(6)">Nîmes</a>'
    + " where "
    + XSS_RIDER
    + " won the sprint ahead of Tom Verbeke after the "
    + XSS_CLIMB
    + " climb. Broken markup follows: <div><span title=\"x' onfocus='alert(7)\"> "
    + "<!-- <textarea></title></style></script> & &amp; &lt;b&gt; ]]> unclosed <i "
    + "and the race went on for another forty kilometres in the rain."
)
PAYLOAD_MARKERS = ("<script>", "onerror=", "onmouseover=", "javascript:", "<svg", "<img")


@dataclass(frozen=True)
class FixtureDB:
    path: Path
    ingested: bool  # seeds and security reports went through the real pipeline
    ingest_problem: str | None
    ids: dict[str, int]  # names of the made-up rows -> their ids


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    left = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start))
    sentence_start = 0 if left < 0 else left + (2 if text[left] == "." else 1)
    right = [i for i in (text.find(". ", end), text.find("\n", end)) if i >= 0]
    sentence_end = min(right) + 1 if right else len(text)
    return sentence_start, min(sentence_end, len(text))


class ReportWriter:
    """Writes one made-up report and its facts with ingest.store's functions."""

    def __init__(self, db: Any, path: str, text: str, lang: str, published: str,
                 stage_id: int | None, race_id: int | None, stated: dict[str, Any]):
        from ingest import store
        from ingest.model import Extraction, Report

        self.db, self.text, self.store = db, text, store
        report = Report(
            path=path, source=Path(path).name, text=text, published=published,
            sha256=hashlib.sha256(text.encode()).hexdigest(), lang=lang,
        )
        row = store.report_row(report, Extraction())
        row.update({"stage_id": stage_id, "race_id": race_id, **stated})
        self.id = db["reports"].insert(row).last_pk
        self.evidence = store.EvidenceWriter(db, self.id, text)

    def span(self, kind: str, needle: str, value: object = None, occurrence: int = 1) -> int:
        """Evidence for the `occurrence`-th appearance of `needle` in the text."""
        from ingest.model import Evidence

        start = -1
        for _ in range(occurrence):
            start = self.text.index(needle, start + 1)
        end = start + len(needle)
        s_start, s_end = sentence_bounds(self.text, start, end)
        eid, _ = self.evidence.add(kind, value, Evidence(s_start, s_end, start, end))
        return eid

    def sentence(self, eid: int) -> str:
        return self.db.execute("SELECT sentence FROM evidence WHERE id = ?", [eid]).fetchone()[0]

    def result(self, rank: int, rider: str, team: str | None, gap: int | None,
               needle: str) -> int:
        eid = self.span("ranking", needle, rank)
        return self.db["report_results"].insert({
            "report_id": self.id, "rank": rank, "rider_id": self.store.rider_id(self.db, rider),
            "team_id": self.store.team_id(self.db, team) if team else None,
            "gap_seconds": gap, "evidence": self.sentence(eid), "evidence_id": eid,
        }).last_pk

    def climb(self, name: str, needle: str, place_id: int | None, km: float | None,
              length: float | None, gradient: float | None, category: str | None) -> int:
        eid = self.span("climb", needle, name)
        return self.db["report_climbs"].insert({
            "report_id": self.id, "name": name, "place_id": place_id, "length_km": length,
            "gradient_pct": gradient, "km_marker": km, "category": category,
            "evidence": self.sentence(eid), "evidence_id": eid,
        }).last_pk


EN_STAGE3 = (
    "Léon Marchetti won stage 3 of the 2023 Critérium des Alpilles, 164.2 km from Arles "
    "to Gordes, ahead of Tom Verbeke and Ander Etxeberria. Marchetti (Équipe Azur) "
    "attacked on the Col de Murs (6.4 km at 4.9%) at km 121 and held off the chasers "
    "by 8''.\n\n"
    "The breakaway of Piet Hoogland and Marco Ruffini built a lead of 4'10'' before "
    "the intermediate sprint in Cavaillon at km 80, won by Hoogland. They were caught "
    "with 30 km to go, long after the Côte de Saint-Rémy (km 32, 2.1 km at 5.5%) had "
    "stretched the bunch.\n\n"
    "1. Léon Marchetti (Équipe Azur) 4:01:36\n"
    "2. Tom Verbeke (Noord Cycling) +0:08\n"
    "3. Ander Etxeberria (Basque Team) s.t.\n"
    "4. Marco Ruffini (Équipe Azur) +1:02\n\n"
    "“I knew the Col de Murs from training,” Marchetti said. Verbeke keeps the yellow "
    "jersey."
)

FR_STAGE3 = (
    "Léon Marchetti s'impose à Gordes au terme de la 3e étape du Critérium des Alpilles "
    "2023, longue de 162 km depuis Arles. Tom Verbeke termine deuxième à 8'', devant "
    "Ander Etxeberria, dans le même temps. Marchetti a fait la différence dans le Col "
    "de Murs, à 43 kilomètres de l'arrivée, et Verbeke conserve le maillot jaune."
)

EN_STAGE4 = (
    "Tom Verbeke took stage 4 of the Critérium des Alpilles from Gordes to Sault, "
    "98 km, sprinting clear of Léon Marchetti, who finished 3'' down. The stage climbed "
    "to Sault on roads that smelled of lavender, and Verbeke added to his lead."
)


def add_made_up_race(db: Any, ids: dict[str, int]) -> None:
    from ingest import store

    def town(name: str, lat: float, lon: float, gid: int) -> int:
        return store.place_id(db, store.PlaceRecord(
            name=name, country_code="FR", latitude=lat, longitude=lon, geonames_id=gid,
            geocoder="test", confidence=1.0, key=f"test:{gid}",
        ))

    arles = town("Arles", 43.6766, 4.6278, 9_000_001)
    gordes = town("Gordes", 43.9117, 5.2003, 9_000_002)
    sault = town("Sault", 44.0906, 5.4086, 9_000_003)
    cavaillon = town("Cavaillon", 43.8375, 5.0381, 9_000_004)
    murs = store.place_id(db, store.PlaceRecord(
        name="Col de Murs", kind="climb", country_code="FR", latitude=43.9435,
        longitude=5.2231, geocoder="test", confidence=0.9, key="test:col-de-murs"))
    st_remy = town("Saint-Rémy-de-Provence", 43.7894, 4.8317, 9_000_005)
    race = "Critérium des Alpilles"
    stage3 = store.stage_id(db, store.StageRecord(
        race=race, year=2023, stage=3, one_day=False, date="2023-05-17",
        start_place_id=arles, finish_place_id=gordes, distance_km=164.2))
    stage4 = store.stage_id(db, store.StageRecord(
        race=race, year=2023, stage=4, one_day=False, date="2023-05-18",
        start_place_id=gordes, finish_place_id=sault, distance_km=98.0))
    race_id = db.execute("SELECT race_id FROM stages WHERE id = ?", [stage3]).fetchone()[0]
    ids.update(stage3=stage3, stage4=stage4, race=race_id, gordes=gordes, arles=arles)

    en = ReportWriter(db, "made-up/alpilles-3-en.txt", EN_STAGE3, "en", "2023-05",
                      stage3, race_id, {"race_stated": race, "year_stated": 2023,
                                        "stage_stated": 3, "start_stated": "Arles",
                                        "finish_stated": "Gordes",
                                        "distance_km_stated": 164.2})
    ids["report_en"] = en.id
    # Nested spans: each ranking line holds a rider and a team span; the climb holds a
    # place span. Crossing spans: "Azur) attacked on the Col" overlaps the end of a team
    # span and the start of the climb span.
    for rank, rider, team, gap, line in (
        (1, "Léon Marchetti", "Équipe Azur", None, "1. Léon Marchetti (Équipe Azur) 4:01:36"),
        (2, "Tom Verbeke", "Noord Cycling", 8, "2. Tom Verbeke (Noord Cycling) +0:08"),
        (3, "Ander Etxeberria", "Basque Team", 8, "3. Ander Etxeberria (Basque Team) s.t."),
        (4, "Marco Ruffini", "Équipe Azur", 62, "4. Marco Ruffini (Équipe Azur) +1:02"),
    ):
        rid = en.result(rank, rider, team, gap, line)
        ids.setdefault("result_en_first", rid)
        ids[f"evidence_rider_{rank}"] = en.span("rider", rider, rider, occurrence=2)
    en.span("team", "Équipe Azur", "Équipe Azur", occurrence=2)
    en.span("team", "Noord Cycling", "Noord Cycling")
    en.span("rider", "Léon Marchetti", "Léon Marchetti", occurrence=1)
    en.span("gap", "+0:08", 8)
    en.span("gap", "+1:02", 62)
    ids["evidence_gap"] = en.span("gap", "8''", 8)
    en.span("gap", "4'10''", 250)
    ids["evidence_team_crossed"] = en.span("team", "Équipe Azur", "Équipe Azur",
                                           occurrence=1)
    ids["evidence_crossing"] = en.span("breakaway", "Azur) attacked on the Col", None)
    ids["evidence_climb"] = en.climb("Col de Murs", "Col de Murs (6.4 km at 4.9%)", murs,
                                     121, 6.4, 4.9, "2")
    ids["evidence_place_in_climb"] = en.span("place", "Col de Murs", "Col de Murs")
    en.climb("Côte de Saint-Rémy", "Côte de Saint-Rémy (km 32, 2.1 km at 5.5%)", st_remy,
             32, 2.1, 5.5, None)
    for place in ("Arles", "Gordes", "Cavaillon"):
        en.span("place", place, place)
    en.span("race", "Critérium des Alpilles", race)
    en.span("year", "2023", 2023)
    en.span("stage", "stage 3", 3)
    en.span("distance", "164.2 km", 164.2)
    eid = en.span("sprint", "intermediate sprint in Cavaillon at km 80", "Cavaillon")
    db["report_sprints"].insert({
        "report_id": en.id, "place_id": cavaillon, "place": "Cavaillon",
        "rider_id": store.rider_id(db, "Piet Hoogland"), "km_marker": 80,
        "evidence": en.sentence(eid), "evidence_id": eid})
    for rider in ("Piet Hoogland", "Marco Ruffini"):
        eid = en.span("rider", rider, rider, occurrence=1)
        db["report_breakaways"].insert({
            "report_id": en.id, "rider_id": store.rider_id(db, rider),
            "max_gap_seconds": 250, "caught_km_to_go": 30,
            "evidence": en.sentence(eid), "evidence_id": eid})
    eid = en.span("jersey", "yellow jersey", "yellow")
    db["report_jerseys"].insert({
        "report_id": en.id, "jersey": "yellow", "rider_id": store.rider_id(db, "Tom Verbeke"),
        "evidence": en.sentence(eid), "evidence_id": eid})
    eid = en.span("quote", "I knew the Col de Murs from training,")
    db["report_quotes"].insert({
        "report_id": en.id, "speaker_id": store.rider_id(db, "Léon Marchetti"),
        "quote": "I knew the Col de Murs from training,", "evidence_id": eid})

    fr = ReportWriter(db, "made-up/alpilles-3-fr.txt", FR_STAGE3, "fr", "2023-05",
                      stage3, race_id, {"race_stated": race, "year_stated": 2023,
                                        "stage_stated": 3, "finish_stated": "Gordes",
                                        "start_stated": "Arles", "distance_km_stated": 162})
    ids["report_fr"] = fr.id
    fr.result(1, "Léon Marchetti", None, None, "Léon Marchetti s'impose à Gordes")
    fr.result(2, "Tom Verbeke", None, 8, "Tom Verbeke termine deuxième à 8''")
    fr.result(3, "Ander Etxeberria", None, 8, "Ander Etxeberria, dans le même temps")
    eid = fr.span("distance", "162 km", 162)
    ids["conflict"] = db["report_conflicts"].insert({
        "report_id": fr.id, "field": "distance_km", "stated": "162", "reference": "164.2",
        "reference_source": "report made-up/alpilles-3-en.txt",
        "evidence": fr.sentence(eid), "evidence_id": eid}).last_pk

    en4 = ReportWriter(db, "made-up/alpilles-4-en.txt", EN_STAGE4, "en", "2023-05",
                       stage4, race_id, {"race_stated": race, "stage_stated": 4})
    ids["report_stage4"] = en4.id
    en4.result(1, "Tom Verbeke", "Noord Cycling", None, "Tom Verbeke took stage 4")
    en4.result(2, "Léon Marchetti", "Équipe Azur", 3, "Léon Marchetti, who finished 3'' down")


def add_malicious_race(db: Any, ids: dict[str, int]) -> None:
    from ingest import store

    town = store.place_id(db, store.PlaceRecord(
        name=XSS_TOWN, country_code="FR", latitude=43.8367, longitude=4.3601,
        geocoder="test", confidence=1.0, key="test:xss-town"))
    start = store.place_id(db, store.PlaceRecord(
        name="Beaucaire", country_code="FR", latitude=43.8081, longitude=4.6442,
        geocoder="test", confidence=1.0, key="test:beaucaire"))
    stage = store.stage_id(db, store.StageRecord(
        race=XSS_RACE, year=2023, stage=None, one_day=True, date="2023-06-04",
        start_place_id=start, finish_place_id=town, distance_km=180))
    race_id = db.execute("SELECT race_id FROM stages WHERE id = ?", [stage]).fetchone()[0]
    report = ReportWriter(db, "made-up/xss.txt", XSS_TEXT, "en", "2023-06", stage, race_id,
                          {"race_stated": XSS_RACE, "finish_stated": XSS_TOWN})
    ids.update(stage_xss=stage, report_xss=report.id)
    report.result(1, XSS_RIDER, XSS_TEAM, None, XSS_RIDER)
    report.result(2, "Tom Verbeke", "Noord Cycling", 0, "Tom Verbeke")
    report.span("place", "<script>window.__pwned=4;alert(4)</script>")
    report.span("race", XSS_RACE, XSS_RACE)
    # Overlaps the race span and the script tag.
    report.span("rider", '"window.__pwned=1;alert(1)"> ended in <a href', XSS_RIDER)
    report.span("place", '<a href="javascript:window.__pwned=6;alert(6)">Nîmes</a>', XSS_TOWN)
    report.climb(XSS_CLIMB, XSS_CLIMB, town, 150, 1.2, 9.5, "<b>HC</b>")
    report.span("team", "<div><span title=\"x' onfocus='alert(7)\">", XSS_TEAM)
    db["report_conflicts"].insert({
        "report_id": report.id, "field": "finish", "stated": XSS_TOWN,
        "reference": "<img src=x onerror=alert(10)>", "reference_source": "<i>test</i>",
        "evidence": "<script>alert(11)</script>", "evidence_id": None})
    # Offsets outside the text must not break the page.
    db["evidence"].insert({
        "report_id": report.id, "kind": "gap", "value": "8", "span": "?", "start": 10_000,
        "end": 10_010, "sentence": "?", "sentence_start": 0, "sentence_end": 1})


def try_pipeline(path: Path) -> str | None:
    """Ingest seeds/ and the security reports; the reason when that is impossible."""
    try:
        from ingest.pipeline import ingest_paths
    except Exception as error:  # the pipeline is being written
        return f"ingest.pipeline cannot be imported: {error!r}"
    try:
        ingest_paths([SEEDS, SECURITY_REPORTS], str(path), geocoder="embedded",
                     progress=False)
    except Exception as error:
        return f"ingest_paths failed: {error!r}"
    return None


def build(directory: Path) -> FixtureDB:
    from ingest import store
    from ingest.consolidate import consolidate

    path = directory / "musette.db"
    problem = try_pipeline(path)
    if problem is not None and path.exists():
        path.unlink()
    ids: dict[str, int] = {}
    db = store.open_db(str(path))
    with db.conn:
        add_made_up_race(db, ids)
        add_malicious_race(db, ids)
    consolidate(db)  # as the pipeline does after each ingest: one result per stage
    db.conn.executescript(VIEWS_SQL.read_text(encoding="utf-8"))
    db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.conn.execute("PRAGMA journal_mode=DELETE")  # one file, servable immutable
    db.conn.close()
    return FixtureDB(path, problem is None, problem, ids)


_built: dict[str, FixtureDB] = {}


@pytest.fixture(scope="session")
def musette_db(tmp_path_factory: pytest.TempPathFactory) -> FixtureDB:
    # Session fixtures imported into several modules are separate fixtures to pytest;
    # build the database once for them all.
    if "db" not in _built:
        _built["db"] = build(tmp_path_factory.mktemp("publication"))
    return _built["db"]


def load_metadata() -> dict:
    return yaml.safe_load(METADATA.read_text(encoding="utf-8"))


def make_datasette(db_path: Path, **kwargs: Any) -> Any:
    from datasette.app import Datasette

    ds = Datasette(
        immutables=[str(db_path)], metadata=load_metadata(), plugins_dir=str(PLUGINS),
        template_dir=str(TEMPLATES), **kwargs,
    )
    asyncio.run(ds.invoke_startup())
    return ds


@pytest.fixture(scope="session")
def datasette(musette_db: FixtureDB) -> Any:
    if "ds" not in _built:
        _built["ds"] = make_datasette(musette_db.path)
    return _built["ds"]


def get(ds: Any, path: str, **kwargs: Any) -> Any:
    """GET with Datasette's test client, outside any running event loop."""
    return asyncio.run(ds.client.get(path, **kwargs))


def load_plugin(name: str) -> Any:
    """Import plugins/<name>.py as a module of its own, for unit tests."""
    import importlib.util
    import sys

    module_name = f"musette_plugin_{name}"
    if module_name in sys.modules:
        return sys.modules[module_name]
    spec = importlib.util.spec_from_file_location(module_name, PLUGINS / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module  # dataclasses look their module up here
    spec.loader.exec_module(module)
    return module


def sql_value(ds: Any, sql: str, **params: Any) -> Any:
    """The single value a read-only SQL query returns through Datasette's JSON API."""
    response = get(ds, "/musette.json", params={"sql": sql, "_shape": "array", **params})
    assert response.status_code == 200, response.text
    rows = response.json()
    assert len(rows) == 1, rows
    return next(iter(rows[0].values()))
