"""The embedded geocoder: names as reports write them, climbs, ambiguity, honesty, caching.

Expected positions are the places' real positions (from maps, not from the
geocoder's output); answers must fall within a few km of them.
"""

from __future__ import annotations

import csv
import json
import math
from pathlib import Path

import click
import pytest
from geopy.geocoders.base import Geocoder
from geopy.location import Location

from ingest import gazetteer, store
from ingest.geocode import (
    CLIMBS_CSV,
    Gazetteer,
    OnlineGeocoder,
    get_geocoder,
    haversine_km,
    load_climbs,
    place_for,
    resolve_route,
)

# Real positions (town centres, summits, landmarks).
REAL = {
    "Aubagne": (43.2927, 5.5708),
    "Six-Fours-les-Plages": (43.0942, 5.8397),
    "Manosque": (43.8283, 5.7867),
    "Col de l'Espigoulier": (43.314, 5.645),
    "Montée de Brulat": (43.216, 5.773),
    "Dunkerque": (51.0344, 2.3768),
    "Calais": (50.9513, 1.8587),
    "Mont Cassel": (50.800, 2.488),
    "Lumbres": (50.7069, 2.1208),
    "Nielles-lès-Bléquin": (50.674, 2.031),
    "Harlettes": (50.717, 1.996),
    "Alembon (Ventus)": (50.785, 1.888),
    "Cap Blanc-Nez": (50.923, 1.713),
    "Arenberg": (50.398, 3.412),
    "La Planche des Belles Filles": (47.772, 6.780),
    "Valence (Drôme)": (44.933, 4.892),
    "Valencia": (39.470, -0.376),
    "Cassel (Nord)": (50.800, 2.486),
    "Kassel": (51.316, 9.498),
    "Gent": (51.054, 3.725),
    "Turin": (45.070, 7.687),
    "Liège": (50.633, 5.567),
    "Saint-Étienne": (45.434, 4.390),
    "Les Sables-d'Olonne": (46.497, -1.783),
    "Le Havre": (49.494, 0.108),
    "Col du Tourmalet": (42.909, 0.145),
    "Alpe d'Huez": (45.092, 6.070),
    "Mont Ventoux": (44.174, 5.279),
    "Muur van Geraardsbergen": (50.771, 3.870),
    "Alès": (44.125, 4.081),
    "Mons (Hainaut)": (50.454, 3.952),
    "Charleroi": (50.411, 4.444),
}

# Every place the two seed reports name, as they write it (the Provence report
# writes the Espigoulier with a typographic apostrophe and a wrong accent).
SEED_PLACES = [
    ("Aubagne", "Aubagne"),
    ("Six-Fours-les-Plages", "Six-Fours-les-Plages"),
    ("Manosque", "Manosque"),
    ("Col de l’Éspigoulier", "Col de l'Espigoulier"),
    ("Montée de Brulat", "Montée de Brulat"),
    ("Dunkirk", "Dunkerque"),
    ("Dunkerque", "Dunkerque"),
    ("Calais", "Calais"),
    ("Mont Cassel", "Mont Cassel"),
    ("Lumbres", "Lumbres"),
    ("côte de Nielles-lès-Bléquin", "Nielles-lès-Bléquin"),
    ("côte de Harlettes", "Harlettes"),
    ("côte de Ventus", "Alembon (Ventus)"),
    ("Cap Blanc-Nez", "Cap Blanc-Nez"),
    ("Arenberg", "Arenberg"),
    ("La Super Planche des belles filles", "La Planche des Belles Filles"),
]


@pytest.fixture(scope="session")
def index_file() -> Path:
    """The real index (the Makefile builds it before the tests; build it if missing)."""
    path = gazetteer.index_path()
    if not path.exists():
        gazetteer.build_index(path, progress=False)
    return path


@pytest.fixture(scope="session")
def geo(index_file) -> Gazetteer:
    return Gazetteer(index_file)


def km_from(loc: Location | None, place: str) -> float:
    assert loc is not None, f"no answer, expected {place}"
    return haversine_km((loc.latitude, loc.longitude), REAL[place])


# ---------------------------------------------------------------- the seeds


@pytest.mark.parametrize(("query", "real"), SEED_PLACES)
def test_every_place_the_seed_reports_name_is_within_5_km(geo, query, real):
    assert km_from(geo.geocode(query, country_bias="FR"), real) < 5


def test_denmark_is_a_country_not_a_town(geo):
    assert geo.geocode("Denmark") is None
    assert geo.geocode("Denmark", country_bias="FR") is None
    assert geo.geocode("Danemark", country_bias="FR") is None


def test_the_cli_answers_the_seed_places(index_file, monkeypatch):
    from click.testing import CliRunner

    from ingest.cli import cli

    monkeypatch.setenv("MUSETTE_GAZETTEER", str(index_file))
    result = CliRunner().invoke(cli, ["geocode", "Dunkirk", "côte de Harlettes",
                                      "--country", "FR"])
    assert result.exit_code == 0, result.output
    lines = [line.split("\t") for line in result.output.strip().splitlines()]
    assert [line[0] for line in lines] == ["Dunkirk", "côte de Harlettes"]
    for line, real in zip(lines, ["Dunkerque", "Harlettes"], strict=True):
        assert haversine_km((float(line[3]), float(line[4])), REAL[real]) < 5
    assert lines[1][5] == "climbs"


# ---------------------------------------------------------------- names as reports write them


@pytest.mark.parametrize("variants", [
    ["Dunkirk", "Dunkerque", "Duinkerken"],
    ["Gand", "Gent", "Ghent"],
    ["Turín", "Torino", "Turin"],
    ["Liège", "Luik", "Lüttich"],
])
def test_exonyms_in_every_language_name_the_same_place(geo, variants):
    locs = [geo.geocode(v, country_bias="FR") for v in variants]
    assert all(loc is not None for loc in locs), variants
    ids = {loc.raw["geonames_id"] for loc in locs}
    assert len(ids) == 1 and None not in ids, [loc.raw for loc in locs]


@pytest.mark.parametrize(("variants", "real"), [
    (["Saint-Étienne", "St Etienne", "St. Étienne", "SAINT ETIENNE", "saint-etienne"],
     "Saint-Étienne"),
    (["Six-Fours-les-Plages", "Six Fours les Plages", "six-fours les plages"],
     "Six-Fours-les-Plages"),
    (["Les Sables-d'Olonne", "Les Sables d’Olonne", "Sables-d'Olonne"], "Les Sables-d'Olonne"),
    (["Le Havre", "Havre"], "Le Havre"),
    (["Liège", "Liege", "LIÈGE"], "Liège"),
])
def test_accents_hyphens_apostrophes_saint_and_articles_are_optional(geo, variants, real):
    for v in variants:
        assert km_from(geo.geocode(v, country_bias="FR"), real) < 5, v


# ---------------------------------------------------------------- climbs


@pytest.mark.parametrize(("variants", "real"), [
    (["Col du Tourmalet", "Tourmalet", "col du tourmalet"], "Col du Tourmalet"),
    (["Alpe d'Huez", "L'Alpe-d'Huez", "Alpe d Huez"], "Alpe d'Huez"),
    (["Mont Ventoux", "Ventoux", "Mont-Ventoux"], "Mont Ventoux"),
    (["Muur van Geraardsbergen", "Mur de Grammont", "Kapelmuur"], "Muur van Geraardsbergen"),
])
def test_climbs_by_any_alias(geo, variants, real):
    for v in variants:
        loc = geo.geocode(v)
        assert km_from(loc, real) < 3, v
        assert (loc.raw["kind"], loc.raw["source"], loc.raw["geonames_id"]) == \
            ("climb", "climbs", None)


def test_a_climb_falls_back_to_the_commune_it_is_named_after(geo):
    loc = geo.geocode("côte de Nielles-lès-Bléquin", country_bias="FR")
    assert km_from(loc, "Nielles-lès-Bléquin") < 3
    assert (loc.raw["kind"], loc.raw["source"]) == ("climb", "commune")
    assert loc.raw["geonames_id"] is not None  # the commune's
    town = geo.geocode("Nielles-lès-Bléquin", country_bias="FR")
    assert town.raw["kind"] == "town" and town.raw["source"] == "geonames"


def test_the_climbs_file_is_well_formed_and_plausible(geo):
    climbs = load_climbs()
    assert len(climbs) >= 150
    with CLIMBS_CSV.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(line for line in f if not line.startswith("#")))
    assert len({r["name"] for r in rows}) == len(rows), "duplicate climb names"
    for climb in climbs:
        assert -90 <= climb.latitude <= 90 and -180 <= climb.longitude <= 180
        extra = dict(climb.extra)
        assert extra["feature"] in {"pass", "climb", "summit", "station", "cobbles", "landmark"}
        if extra["gradient_pct"] is not None:
            assert 0 < extra["gradient_pct"] < 25, climb.name
        commune = extra["commune"]
        towns = [t for t in geo._towns(gazetteer.name_tokens(commune or ""))
                 if t.country_code == climb.country_code and t.penalty == 0]
        if towns:  # a position far from its own commune is a typo
            nearest = min(haversine_km(climb.point, t.point) for t in towns)
            assert nearest < 25, (climb.name, commune, nearest)


# ---------------------------------------------------------------- ambiguity


def test_valence_in_a_tour_de_france_stage_is_in_the_drome(geo):
    assert km_from(geo.geocode("Valence", country_bias="FR"), "Valence (Drôme)") < 5
    assert km_from(geo.geocode("Valence", country_bias="ES"), "Valencia") < 5


def test_cassel_depends_on_the_race_country_and_on_the_stage(geo):
    assert km_from(geo.geocode("Cassel", country_bias="FR"), "Cassel (Nord)") < 3
    assert km_from(geo.geocode("Cassel", country_bias="DE"), "Kassel") < 5
    near_dunkirk = geo.geocode("Cassel", near=REAL["Dunkerque"])
    assert km_from(near_dunkirk, "Cassel (Nord)") < 3
    route = resolve_route(geo, "Dunkerque", "Cassel", 40, None)
    assert km_from(route["finish"], "Cassel (Nord)") < 3


def test_the_other_stage_town_decides_between_namesakes(geo):
    gard = resolve_route(geo, "Alès", "Mons", 25, "FR")["finish"]
    assert km_from(gard, "Alès") < 20  # Mons (Gard), not Mons in Belgium
    hainaut = resolve_route(geo, "Charleroi", "Mons", 40, "FR")["finish"]
    assert km_from(hainaut, "Mons (Hainaut)") < 5


def test_country_is_a_preference_not_a_filter(geo):
    route = resolve_route(geo, "Düsseldorf", "Liège", 203.5, "FR")
    assert route["start"].raw["country_code"] == "DE"
    assert km_from(route["finish"], "Liège") < 5


def test_places_along_the_route_of_the_2022_stage_4(geo):
    others = ["Mont Cassel", "Lumbres", "côte de Nielles-lès-Bléquin", "côte de Harlettes",
              "côte de Ventus", "Cap Blanc-Nez"]
    route = resolve_route(geo, "Dunkirk", "Calais", 171.5, "FR", others)
    assert km_from(route["start"], "Dunkerque") < 5
    assert km_from(route["finish"], "Calais") < 5
    for name, real in zip(others, ["Mont Cassel", "Lumbres", "Nielles-lès-Bléquin",
                                   "Harlettes", "Alembon (Ventus)", "Cap Blanc-Nez"],
                          strict=True):
        assert km_from(route[name], real) < 5, name


def test_a_stage_never_ends_farther_than_its_distance(geo):
    # every Valence is 600+ km from Calais: no reading fits a 150 km stage, so
    # one end stays unknown rather than both being pinned at a contradiction
    route = resolve_route(geo, "Calais", "Valence", 150, "FR")
    s, f = route["start"], route["finish"]
    assert (s is None) != (f is None)
    assert km_from(s, "Calais") < 5 if s else km_from(f, "Valence (Drôme)") < 5


# ---------------------------------------------------------------- honest uncertainty


@pytest.mark.parametrize("junk", [
    "Six", "six", "Qwertyzzz", "finish", "Stage", "the", "km", "Zeeland", "Provence",
    "Tour de la Provence", "Paris-Roubaix", "", "   ", "42",
])
def test_common_words_regions_and_unknown_names_get_no_answer(geo, junk):
    assert geo.geocode(junk, country_bias="FR") is None


@pytest.mark.parametrize(("town", "country"), [
    ("Nice", "FR"), ("Spa", "BE"), ("Gap", "FR"), ("Pau", "FR"), ("Dax", "FR"), ("Huy", "BE"),
    ("Sens", "FR"), ("Vire", "FR"), ("Tours", "FR"), ("Geel", "BE"), ("Foix", "FR"),
    ("Mons", "BE"),
])
def test_short_stage_towns_are_not_mistaken_for_junk(geo, town, country):
    loc = geo.geocode(town, country_bias="FR")
    assert loc is not None and loc.raw["country_code"] == country, town


def test_a_lone_namesake_on_another_continent_is_not_a_tour_de_france_town(geo):
    # Chambord in Quebec is the only populated place of that name in GeoNames; the
    # château comes from the landmarks file; Pal (Andorra) is unknown: not Palu, Indonesia.
    assert geo.geocode("Chambord", country_bias="FR").raw["country_code"] == "FR"
    assert geo.geocode("Pal", country_bias="FR") is None


def test_raw_says_who_answered_and_how_sure(geo):
    loc = geo.geocode("Lumbres", country_bias="FR")
    raw = loc.raw
    assert raw["name"] == "Lumbres" and raw["country_code"] == "FR"
    assert raw["kind"] == "town" and raw["source"] == "geonames"
    assert isinstance(raw["geonames_id"], int)
    assert 0 < raw["confidence"] <= 1
    vague = geo.geocode("Saint-Martin", country_bias="FR")
    assert vague is None or vague.raw["confidence"] < raw["confidence"]


def test_exactly_one_false_returns_a_ranked_list(geo):
    locs = geo.geocode("Valence", exactly_one=False, country_bias="FR")
    assert isinstance(locs, list) and len(locs) > 2
    assert km_from(locs[0], "Valence (Drôme)") < 5
    confidences = [loc.raw["confidence"] for loc in locs]
    assert confidences == sorted(confidences, reverse=True)


# ---------------------------------------------------------------- the database cache


class CountingGeocoder(Geocoder):
    """The real geocoder, counting the lookups that reach it."""

    musette_name = "embedded"

    def __init__(self, inner: Gazetteer):
        super().__init__()
        self.inner, self.calls = inner, 0

    def geocode(self, query, exactly_one=True, country_bias=None, near=None, **kw):
        self.calls += 1
        return self.inner.geocode(query, exactly_one=exactly_one, country_bias=country_bias,
                                  near=near)


def test_a_name_is_looked_up_once_per_database(geo, tmp_path):
    counting = CountingGeocoder(geo)
    db = store.open_db(str(tmp_path / "x.db"))
    first = place_for(db, counting, "Dunkirk", "FR")
    assert counting.calls == 1
    assert place_for(db, counting, "Dunkirk", "FR") == first
    assert counting.calls == 1
    row = db["places"].get(first)
    assert row["geocoder"] == "embedded" and row["geonames_id"] is not None
    assert 0 < row["confidence"] <= 1
    assert haversine_km((row["latitude"], row["longitude"]), REAL["Dunkerque"]) < 5
    # Dunkerque is the same place: one places row, but its own cache entry
    assert place_for(db, counting, "Dunkerque", "FR") == first
    assert counting.calls == 2
    db.conn.close()

    again = store.open_db(str(tmp_path / "x.db"))  # a re-ingest
    assert place_for(again, counting, "Dunkirk", "FR") == first
    assert place_for(again, counting, "Dunkerque", "FR") == first
    assert counting.calls == 2


def test_an_unknown_name_gets_a_row_without_coordinates_and_is_cached(geo, tmp_path):
    counting = CountingGeocoder(geo)
    db = store.open_db(str(tmp_path / "x.db"))
    pid = place_for(db, counting, "Qwertyzzz", "FR")
    row = db["places"].get(pid)
    assert row["name"] == "Qwertyzzz"
    assert row["latitude"] is None and row["longitude"] is None and row["geonames_id"] is None
    assert place_for(db, counting, "Qwertyzzz", "FR") == pid
    assert counting.calls == 1


def test_a_climb_and_the_commune_it_is_named_after_are_two_places(geo, tmp_path):
    db = store.open_db(str(tmp_path / "x.db"))
    climb = place_for(db, geo, "côte de Nielles-lès-Bléquin", "FR")
    town = place_for(db, geo, "Nielles-lès-Bléquin", "FR")
    assert climb != town
    assert db["places"].get(climb)["kind"] == "climb"
    assert db["places"].get(town)["kind"] == "town"


# ---------------------------------------------------------------- choosing a geocoder


def test_embedded_is_the_default_and_online_needs_a_user_agent(index_file):
    assert isinstance(get_geocoder(), Gazetteer)
    with pytest.raises(click.UsageError, match="user-agent"):
        get_geocoder("nominatim")
    with pytest.raises(click.UsageError, match="unknown geocoder"):
        get_geocoder("no-such-service")
    nominatim = get_geocoder("nominatim", user_agent="musette-tests")  # no request is made
    assert isinstance(nominatim, OnlineGeocoder) and isinstance(nominatim, Geocoder)
    assert type(nominatim.inner).__name__ == "Nominatim"


class FilteringService(Geocoder):
    """Stands in for an online service whose country option is a filter."""

    def __init__(self):
        super().__init__()
        self.requests: list[dict] = []

    def geocode(self, query, *, exactly_one=True, country_codes=None, viewbox=None,
                bounded=False):
        self.requests.append({"query": query, "country_codes": country_codes,
                              "viewbox": viewbox})
        if country_codes == "fr":
            return None
        return Location("Düsseldorf", (51.2, 6.8), {})


def test_online_country_bias_is_a_preference_and_near_a_view_box():
    service = FilteringService()
    coder = OnlineGeocoder(service, "fake", min_delay_seconds=0)
    loc = coder.geocode("Düsseldorf", country_bias="FR", near=(51.0, 6.0))
    assert loc is not None and loc.address == "Düsseldorf"
    first, second = service.requests
    assert first["country_codes"] == "fr" and second["country_codes"] is None
    assert first["viewbox"] is not None


# ---------------------------------------------------------------- the index build


def tiny_data(folder: Path) -> Path:
    folder.mkdir()
    cities = {
        "1": {"geonameid": 1, "name": "Trouville-sur-Mer", "latitude": 49.366,
              "longitude": 0.08, "countrycode": "FR", "population": 5751, "admin1code": "28",
              "alternatenames": ["Trouville"]},
        "2": {"geonameid": 2, "name": "Le Havre", "latitude": 49.494, "longitude": 0.108,
              "countrycode": "FR", "population": 170000, "admin1code": "28",
              "alternatenames": ["Havre de Grâce", "LEH", "Гавр"]},
    }
    (folder / "cities500.json").write_text(json.dumps(cities), encoding="utf-8")
    countries = {"FR": {"name": "France", "continentcode": "EU", "neighbours": "BE,ES"}}
    (folder / "countries.json").write_text(json.dumps(countries), encoding="utf-8")
    return folder


def test_the_index_is_built_atomically_and_indexes_names(tmp_path):
    data = tiny_data(tmp_path / "data")
    target = tmp_path / "cache" / "g.sqlite"
    gazetteer.build_index(target, progress=False, data_dir=data)
    assert target.exists() and not list(target.parent.glob(".gazetteer-*"))
    conn = gazetteer.open_index(target)
    keys = dict(conn.execute("SELECT key, rank FROM name WHERE id = 2").fetchall())
    assert keys["lehavre"] == gazetteer.RANK_NAME
    assert keys["havre"] == gazetteer.RANK_NAME_NO_ARTICLE
    assert "leh" not in keys  # codes are not names
    short = conn.execute("SELECT rank FROM name WHERE key = 'trouville'").fetchone()
    assert short == (gazetteer.RANK_SHORT,)
    conn.close()


def test_an_interrupted_build_leaves_no_index(tmp_path, monkeypatch):
    data = tiny_data(tmp_path / "data")
    target = tmp_path / "cache" / "g.sqlite"

    def crash(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(gazetteer, "_write_index", crash)
    with pytest.raises(KeyboardInterrupt):
        gazetteer.build_index(target, progress=False, data_dir=data)
    assert not target.exists() and not list(target.parent.iterdir())


def test_index_path_honours_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("MUSETTE_GAZETTEER", str(tmp_path / "here.sqlite"))
    assert gazetteer.index_path() == tmp_path / "here.sqlite"
    monkeypatch.delenv("MUSETTE_GAZETTEER")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert gazetteer.index_path().parent == tmp_path / "musette"


def test_haversine_is_right():
    # Paris - London is 344 km as the crow flies
    assert math.isclose(haversine_km((48.8566, 2.3522), (51.5074, -0.1278)), 344, abs_tol=2)
