"""The Datasette publication: metadata, pages, plugins, canned queries and downloads.

Runs Datasette's own test client against a real Musette database (see
publication_fixtures.py), with metadata.yml, plugins/ and templates/ as served.
"""

from __future__ import annotations

import csv
import io
import json
import re
import sqlite3
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import markupsafe
import pytest
from publication_fixtures import (  # noqa: F401  (fixtures)
    EN_STAGE3,
    PLUGINS,
    XSS_RACE,
    FixtureDB,
    datasette,
    get,
    load_metadata,
    load_plugin,
    make_datasette,
    musette_db,
)

CANNED = {
    "stage_winners": {},
    "rider_results": {"rider": "verbeke"},
    "search": {"q": "Cavaillon"},
    "stages_near": {"place": "Gordes", "km": "60"},
    "climbs_by_gradient": {},
    "host_towns": {},
}


def tables_and_views(path: Any) -> tuple[list[str], list[str]]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        rows = conn.execute(
            "SELECT name, type FROM sqlite_master WHERE type IN ('table', 'view') "
            "AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'reports_fts%' ORDER BY name"
        ).fetchall()
        tables = [n for n, t in rows if t == "table"]
        views = [n for n, t in rows if t == "view"]
        return tables, views
    finally:
        conn.close()


def columns_of(path: Any, name: str) -> list[str]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return [row[1] for row in conn.execute(f"PRAGMA table_info([{name}])")]
    finally:
        conn.close()


def json_rows(ds: Any, path: str, **params: Any) -> list[dict]:
    response = get(ds, path, params={"_shape": "array", **params})
    assert response.status_code == 200, response.text
    return response.json()


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name == "href" and value:
                self.hrefs.append(value)


def hrefs(html: str) -> list[str]:
    parser = Links()
    parser.feed(html)
    return parser.hrefs


# --- metadata ---------------------------------------------------------------------


def test_metadata_has_title_licence_and_sources() -> None:
    meta = load_metadata()
    assert meta["title"] == "Musette"
    assert "CC BY 4.0" in meta["license"]
    assert meta["license_url"] == "https://creativecommons.org/licenses/by/4.0/"
    assert "GeoNames" in meta["source"] and "OpenStreetMap" in meta["source"]
    places = meta["databases"]["musette"]["tables"]["places"]
    assert "Place coordinates from GeoNames (geonames.org), CC BY 4.0" in places["description"]
    assert meta["databases"]["basemap"]["source"] == "OpenStreetMap contributors"


def test_every_table_view_and_column_is_described(musette_db: FixtureDB) -> None:  # noqa: F811
    described = load_metadata()["databases"]["musette"]["tables"]
    tables, views = tables_and_views(musette_db.path)
    assert {"stage_locations", "stage_summary"} <= set(views)
    for name in tables + views:
        assert name in described, f"{name} has no metadata"
        assert described[name].get("description"), f"{name} has no description"
        columns = described[name].get("columns", {})
        for column in columns_of(musette_db.path, name):
            assert columns.get(column), f"{name}.{column} has no description"


def test_units_are_stated() -> None:
    tables = load_metadata()["databases"]["musette"]["tables"]
    assert "km" in tables["stages"]["columns"]["distance_km"]
    assert "seconds" in tables["report_results"]["columns"]["gap_seconds"]
    assert "ISO 3166-1" in tables["places"]["columns"]["country_code"]
    assert "ISO 639-1" in tables["reports"]["columns"]["lang"]
    assert "percent" in tables["report_climbs"]["columns"]["gradient_pct"]
    assert "ISO 8601" in tables["stages"]["columns"]["date"]


def test_home_and_database_pages(datasette) -> None:  # noqa: F811
    home = get(datasette, "/")
    assert home.status_code == 200
    assert "Musette" in home.text and "CC BY 4.0" in home.text
    assert 'href="musette/stage_locations"' in home.text
    database = get(datasette, "/musette")
    assert database.status_code == 200
    for name in CANNED:
        assert f'href="/musette/{name}"' in database.text


def test_home_page_links_resolve(datasette) -> None:  # noqa: F811
    """Every link of the home page's description leads to a page that exists."""
    links = [h for h in hrefs(get(datasette, "/").text) if h.startswith("musette/")]
    assert "musette/stage_locations" in links
    for link in links:
        assert get(datasette, urljoin("/", link)).status_code == 200, link


def test_a_database_under_another_name_keeps_its_metadata(musette_db: FixtureDB,  # noqa: F811
                                                           tmp_path) -> None:
    """`musette serve cycling.db`: the home page's links, the canned queries and the
    table descriptions are written for "musette", so the file is served under that name."""
    from ingest.cli import served_path

    other = tmp_path / "cycling.db"
    other.write_bytes(Path(musette_db.path).read_bytes())
    served = served_path(str(other), links=tmp_path / "links")
    assert Path(served).name == "musette.db" and Path(served).resolve() == other.resolve()
    assert served_path(str(other), links=tmp_path / "links") == served
    ds = make_datasette(Path(served))
    links = [h for h in hrefs(get(ds, "/").text) if h.startswith("musette/")]
    assert links and all(get(ds, "/" + link).status_code == 200 for link in links)
    assert "stage_winners" in get(ds, "/musette").text
    assert served_path(str(musette_db.path)) == str(musette_db.path)


def test_links_keep_the_base_url(datasette, musette_db: FixtureDB) -> None:  # noqa: F811
    """Served under a prefix (behind a proxy), no link or map popup leaves it."""
    ds = make_datasette(musette_db.path, settings={"base_url": "/cycling/"})
    home = get(ds, "/")
    description = [urljoin("/cycling/", h) for h in hrefs(home.text) if "musette/" in h]
    assert "/cycling/musette/stage_locations" in description
    for path in ["/", "/musette", "/musette/stage_locations",
                 f"/-/stage/{musette_db.ids['stage3']}"]:
        page = get(ds, path)
        assert page.status_code == 200, path
        for href in hrefs(page.text):
            absolute = urljoin("/cycling" + path, href)
            assert not absolute.startswith("/") or absolute.startswith("/cycling/"), (path, href)
    # The popups' '/-/stage/<id>' links get the prefix in the browser (test_browser.py).
    map_page = get(ds, "/musette/stage_locations").text
    assert 'const base = "/cycling/"' in map_page
    assert "const base" not in get(ds, "/musette/stages").text
    assert "const base" not in get(datasette, "/musette/stage_locations").text


def test_table_metadata_shows_descriptions_facets_and_sort(datasette) -> None:  # noqa: F811
    page = get(datasette, "/musette/stages")
    assert page.status_code == 200
    assert "Stage distance in km." in page.text
    assert "sorted by date" in page.text
    data = get(datasette, "/musette/reports.json").json()
    assert {"lang", "race_id"} <= set(data["facet_results"])
    located = get(datasette, "/musette/stage_locations.json").json()
    assert {"race", "year", "role", "country_code"} <= set(located["facet_results"])
    page = get(datasette, "/musette/stage_locations").text
    assert "Data source:" in page and "Place coordinates from GeoNames" in page


# --- downloads: every table, view and canned query ---------------------------------


def test_every_table_and_view_downloads(datasette, musette_db: FixtureDB) -> None:  # noqa: F811
    tables, views = tables_and_views(musette_db.path)
    for name in tables + views:
        html = get(datasette, f"/musette/{name}")
        assert html.status_code == 200, name
        as_json = get(datasette, f"/musette/{name}.json", params={"_shape": "array"})
        assert as_json.status_code == 200, name
        assert isinstance(as_json.json(), list)
        as_csv = get(datasette, f"/musette/{name}.csv", params={"_size": "max"})
        assert as_csv.status_code == 200, name
        header = next(csv.reader(io.StringIO(as_csv.text)))
        assert set(columns_of(musette_db.path, name)) <= set(header), name


@pytest.mark.parametrize("name", sorted(CANNED))
def test_canned_query_pages_and_downloads(datasette, name: str) -> None:  # noqa: F811
    params = CANNED[name]
    page = get(datasette, f"/musette/{name}", params=params)
    assert page.status_code == 200
    title = load_metadata()["databases"]["musette"]["queries"][name]["title"]
    assert str(markupsafe.escape(title)) in page.text
    rows = json_rows(datasette, f"/musette/{name}.json", **params)
    assert rows, f"{name} returned nothing"
    as_csv = get(datasette, f"/musette/{name}.csv", params=params)
    assert as_csv.status_code == 200
    assert len(list(csv.DictReader(io.StringIO(as_csv.text)))) == len(rows)


def test_stage_winners(datasette, musette_db: FixtureDB) -> None:  # noqa: F811
    rows = json_rows(datasette, "/musette/stage_winners.json")
    by_stage = {row["stage_id"]: row for row in rows}
    stage3 = by_stage[musette_db.ids["stage3"]]
    assert stage3["winner"] == "Léon Marchetti"
    assert stage3["team"] == "Équipe Azur"
    assert (stage3["start"], stage3["finish"], stage3["distance_km"]) == ("Arles", "Gordes", 164.2)
    assert stage3["reports"] == 2
    assert by_stage[musette_db.ids["stage4"]]["winner"] == "Tom Verbeke"
    dated = [row["date"] for row in rows if row["date"]]
    assert dated == sorted(dated)


def test_rider_results_ignore_case_and_accents(datasette) -> None:  # noqa: F811
    rows = json_rows(datasette, "/musette/rider_results.json", rider="LEON marchetti")
    accented = json_rows(datasette, "/musette/rider_results.json", rider="Léon Marchetti")
    assert rows == accented
    made_up = [r for r in rows if r["race"] == "Critérium des Alpilles"]
    assert [(r["stage"], r["rank"], r["gap"], r["support"], r["reports"]) for r in made_up] == [
        (3, 1, None, 2, 2), (4, 2, "+0:03", 1, 1)
    ]
    assert json_rows(datasette, "/musette/rider_results.json", rider="") == []
    assert json_rows(datasette, "/musette/rider_results.json", rider="Nobody Atall") == []


def test_search(datasette, musette_db: FixtureDB) -> None:  # noqa: F811
    rows = json_rows(datasette, "/musette/search.json", q="Cavaillon")
    assert [r["report_id"] for r in rows] == [musette_db.ids["report_en"]]
    assert "[Cavaillon]" in rows[0]["snippet"]
    assert rows[0]["stage_id"] == musette_db.ids["stage3"]
    french = json_rows(datasette, "/musette/search.json", q="étape")
    assert musette_db.ids["report_fr"] in [r["report_id"] for r in french]
    phrase = json_rows(datasette, "/musette/search.json", q='"Col de Murs"')
    assert {r["report_id"] for r in phrase} >= {musette_db.ids["report_en"],
                                                musette_db.ids["report_fr"]}
    # Empty and syntactically odd queries are not errors.
    for q in ("", "   ", '"', "AND OR NOT", "col*", "(", "NEAR(", "'"):
        response = get(datasette, "/musette/search.json", params={"q": q, "_shape": "array"})
        assert response.status_code == 200, (q, response.text)


def test_stages_near(datasette, musette_db: FixtureDB) -> None:  # noqa: F811
    def near(km: str, place: str = "Gordes") -> list[tuple[int, float]]:
        rows = json_rows(datasette, "/musette/stages_near.json", place=place, km=km)
        return [(r["stage_id"], r["km_away"]) for r in rows if r["race"] != XSS_RACE]

    stage3, stage4 = musette_db.ids["stage3"], musette_db.ids["stage4"]
    # Stage 4 starts in Gordes; stage 3 in Arles, 52.9 km away.
    assert near("50", place="gordes") == [(stage4, 0)]
    assert near("60") == [(stage4, 0), (stage3, 52.9)]
    xss = json_rows(datasette, "/musette/stages_near.json", place="Gordes", km="50")
    assert len(xss) == 2  # Beaucaire, 45 km away
    assert json_rows(datasette, "/musette/stages_near.json", place="Atlantis", km="500") == []
    # A km that is not a number reads as 0: only stages starting at the place itself.
    assert near("lots") == [(stage4, 0)]


def test_climbs_by_gradient(datasette) -> None:  # noqa: F811
    rows = json_rows(datasette, "/musette/climbs_by_gradient.json")
    gradients = [r["gradient_pct"] for r in rows]
    assert gradients == sorted(gradients, reverse=True)
    made_up = [(r["climb"], r["gradient_pct"], r["length_km"]) for r in rows
               if r["race"] == "Critérium des Alpilles"]
    assert made_up == [("Côte de Saint-Rémy", 5.5, 2.1), ("Col de Murs", 4.9, 6.4)]


def test_host_towns(datasette) -> None:  # noqa: F811
    rows = json_rows(datasette, "/musette/host_towns.json")
    gordes = next(r for r in rows if r["place"] == "Gordes")
    assert (gordes["starts"], gordes["finishes"], gordes["total"]) == (1, 1, 2)
    totals = [r["total"] for r in rows]
    assert totals == sorted(totals, reverse=True)


# --- the map: stage_locations with popups, tiles, GeoJSON --------------------------


def test_stage_locations_popups(datasette, musette_db: FixtureDB) -> None:  # noqa: F811
    rows = json_rows(datasette, "/musette/stage_locations.json", _size="max")
    mine = [r for r in rows if r["stage_id"] == musette_db.ids["stage3"]]
    assert [(r["role"], r["place"]) for r in mine] == [("start", "Arles"), ("finish", "Gordes")]
    popup = json.loads(mine[1]["popup"])
    assert popup == {
        "title": "Critérium des Alpilles 2023, stage 3",
        "description": "Finish: Gordes (FR) · 2023-05-17 · Winner: Léon Marchetti",
        "link": f"/-/stage/{musette_db.ids['stage3']}",
    }
    assert all(r["latitude"] is not None and r["longitude"] is not None for r in rows)
    one_day = next(r for r in rows if r["stage_id"] == musette_db.ids["stage_xss"])
    assert json.loads(one_day["popup"])["title"].endswith("2023")  # no stage number


def test_cluster_map_uses_local_tiles_by_default(datasette, monkeypatch) -> None:  # noqa: F811
    monkeypatch.delenv("MUSETTE_ONLINE_TILES", raising=False)
    page = get(datasette, "/musette/stage_locations")
    assert page.status_code == 200
    assert "datasette-cluster-map.js" in page.text
    assert 'DATASETTE_CLUSTER_MAP_TILE_LAYER = "/-/basemap/{z}/{x}/{y}.png"' in page.text
    assert '"maxNativeZoom": 6' in page.text
    assert "openstreetmap.org/{z}" not in page.text and "tile.openstreetmap" not in page.text
    assert page.headers["referrer-policy"] == "no-referrer"
    tile = get(datasette, "/-/basemap/5/16/11.png")
    assert tile.status_code == 200
    assert tile.headers["content-type"] == "image/png"
    assert tile.content.startswith(b"\x89PNG")


def test_online_tiles_option(datasette, musette_db, monkeypatch) -> None:  # noqa: F811
    monkeypatch.setenv("MUSETTE_ONLINE_TILES", "1")
    page = get(datasette, "/musette/stage_locations")
    assert ('DATASETTE_CLUSTER_MAP_TILE_LAYER = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"'
            in page.text)
    # OpenStreetMap's tile servers refuse requests without a referrer.
    assert page.headers["referrer-policy"] == "strict-origin-when-cross-origin"
    assert len(page.headers.get_list("referrer-policy")) == 1
    stage = get(datasette, f"/-/stage/{musette_db.ids['stage3']}")
    assert "https://tile.openstreetmap.org/{z}/{x}/{y}.png" in stage.text
    assert stage.headers["referrer-policy"] == "strict-origin-when-cross-origin"


def test_geojson_of_stage_locations(datasette) -> None:  # noqa: F811
    rows = json_rows(datasette, "/musette/stage_locations.json", _size="max")
    response = get(datasette, "/musette/stage_locations.geojson", params={"_size": "max"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/geo+json")
    collection = response.json()
    assert collection["type"] == "FeatureCollection"
    assert len(collection["features"]) == len(rows)
    for feature, row in zip(collection["features"], rows, strict=True):
        assert feature["type"] == "Feature"
        assert feature["geometry"] == {"type": "Point",
                                       "coordinates": [row["longitude"], row["latitude"]]}
        assert feature["properties"]["place"] == row["place"]
        assert feature["properties"]["popup"] == json.loads(row["popup"])
        assert "latitude" not in feature["properties"]
    page = get(datasette, "/musette/stage_locations")
    assert "/musette/stage_locations.geojson" in page.text


def test_geojson_of_queries_and_tables_with_coordinates(datasette) -> None:  # noqa: F811
    towns = get(datasette, "/musette/host_towns.geojson").json()
    assert any(f["properties"]["place"] == "Gordes" for f in towns["features"])
    places = get(datasette, "/musette/places.geojson").json()
    assert places["features"]
    near = get(datasette, "/musette/stages_near.geojson",
               params={"place": "Gordes", "km": "60"}).json()
    assert len(near["features"]) >= 2
    sql = get(datasette, "/musette.geojson",
              params={"sql": "SELECT 'here' AS name, 1.5 AS latitude, 2.5 AS longitude"}).json()
    assert sql["features"][0]["geometry"]["coordinates"] == [2.5, 1.5]
    # Only where there are coordinates.
    assert get(datasette, "/musette/riders.geojson").status_code >= 400
    riders = get(datasette, "/musette/riders")
    assert "riders.geojson" not in riders.text


def test_geojson_pages_like_json(datasette) -> None:  # noqa: F811
    first = get(datasette, "/musette/stage_locations.geojson", params={"_size": "2"}).json()
    assert len(first["features"]) == 2
    assert "next_url" in first


# --- cell links ----------------------------------------------------------------------


def test_stage_and_report_ids_link_to_their_pages(datasette, musette_db) -> None:  # noqa: F811
    stage3, report_en = musette_db.ids["stage3"], musette_db.ids["report_en"]
    winners = get(datasette, "/musette/stage_winners").text
    assert f'<a href="/-/stage/{stage3}">{stage3}</a>' in winners
    results = get(datasette, "/musette/report_results").text
    assert f'href="/-/report/{report_en}"' in results
    reports = get(datasette, "/musette/reports").text
    assert f'href="/-/stage/{stage3}"' in reports
    query = get(datasette, "/musette", params={"sql": "SELECT 1 AS stage_id, 2 AS report_id"})
    assert 'href="/-/stage/1"' in query.text and 'href="/-/report/2"' in query.text
    search = get(datasette, "/musette/search", params={"q": "Cavaillon"}).text
    assert f'href="/-/report/{report_en}"' in search


# --- the report page ---------------------------------------------------------------


def test_report_page_highlights_every_fact(datasette, musette_db: FixtureDB) -> None:  # noqa: F811
    report_id = musette_db.ids["report_en"]
    page = get(datasette, f"/-/report/{report_id}")
    assert page.status_code == 200
    html = page.text
    evidence = json_rows(datasette, "/musette/evidence.json", report_id=report_id,
                         _size="max")
    assert len(evidence) > 20
    for row in evidence:
        assert f'id="fact-{row["id"]}"' in html  # listed beside the text
        assert f'href="#fact-{row["id"]}"' in html  # some piece of it is highlighted
        assert f'href="/musette/evidence/{row["id"]}"' in html  # linked to its row
    for kind in ("rider", "team", "place", "climb", "gap", "ranking"):
        assert f'class="hl hl-{kind}' in html, kind
    assert f'href="/-/stage/{musette_db.ids["stage3"]}"' in html
    # The fact rows the evidence supports are linked too.
    assert f'href="/musette/report_results/{musette_db.ids["result_en_first"]}"' in html
    assert "+0:08" in html and "+1:02" in html  # the results table, formatted


def article_text(html: str) -> tuple[str, list[tuple[str, str]]]:
    """The text inside <article class="report-text">, and (class, text) of each highlight."""
    body = html.split('<article class="report-text"', 1)[1].split(">", 1)[1]
    body = body.split("</article>", 1)[0]
    marks = re.findall(r'<a class="([^"]+)"[^>]*>(.*?)</a>', body, flags=re.S)
    plain = re.sub(r"<[^>]+>", "", body)
    import html as html_module

    return html_module.unescape(plain), [(c, html_module.unescape(t)) for c, t in marks]


def test_report_page_keeps_the_text_whole(datasette, musette_db: FixtureDB) -> None:  # noqa: F811
    text, marks = article_text(get(datasette, f"/-/report/{musette_db.ids['report_en']}").text)
    assert text == EN_STAGE3
    classes = dict((t, c) for c, t in marks)
    # Nested: the rider inside a ranking line is its own highlight, marked as nested.
    assert "hl-rider" in classes["Tom Verbeke"] and "hl-nested" in classes["Tom Verbeke"]
    assert "hl-ranking" in classes["2. "]
    # Crossing spans "Équipe Azur" and "Azur) attacked on the Col" cut into pieces.
    assert "hl-team" in classes["Équipe "]
    assert "hl-nested" in classes["Azur"]
    assert "hl-breakaway" in classes[") attacked on the "]


def test_segment_text_handles_overlaps() -> None:
    page = load_plugin("report_page")
    Span = page.Span
    text = "abcdefghij"
    spans = [
        Span(1, "rider", None, "abcdef", 0, 6),
        Span(2, "team", None, "cd", 2, 4),  # nested in 1
        Span(3, "place", None, "efgh", 4, 8),  # crosses 1
        Span(4, "gap", None, "zz", 8, 30),  # outside the text: ignored
        Span(5, "gap", None, "", 5, 5),  # empty: ignored
        Span(6, "place", None, "efgh", 4, 8),  # same span twice
    ]
    segments = page.segment_text(text, spans)
    assert "".join(s.text for s in segments) == text
    assert [(s.text, [x.id for x in s.spans]) for s in segments] == [
        ("ab", [1]),
        ("cd", [2, 1]),
        ("ef", [3, 6, 1]),
        ("gh", [3, 6]),
        ("ij", []),
    ]
    assert segments[1].title == "team: cd; rider: abcdef"
    assert page.segment_text("", spans) == [] or page.segment_text("", spans)[0].text == ""


def test_report_page_errors(datasette) -> None:  # noqa: F811
    assert get(datasette, "/-/report/999999").status_code == 404
    assert get(datasette, "/-/report/abc").status_code == 404
    assert get(datasette, "/-/report/1", params={"database": "nope"}).status_code == 404
    assert get(datasette, "/-/report/1", params={"database": "musette"}).status_code == 200


def test_report_page_lists_conflicts_and_states(datasette, musette_db) -> None:  # noqa: F811
    html = get(datasette, f"/-/report/{musette_db.ids['report_fr']}").text
    assert "Conflicts with reference data" in html
    assert "distance_km" in html and "164.2" in html
    assert 'lang="fr"' in html


# --- the stage page ----------------------------------------------------------------


def map_data(html: str) -> dict:
    raw = html.split('<script type="application/json" id="stage-map-data">', 1)[1]
    return json.loads(raw.split("</script>", 1)[0])


def test_stage_page(datasette, musette_db: FixtureDB) -> None:  # noqa: F811
    ids = musette_db.ids
    page = get(datasette, f"/-/stage/{ids['stage3']}")
    assert page.status_code == 200
    html = page.text
    assert "Critérium des Alpilles 2023, stage 3: Arles → Gordes" in html
    # The route, in km order, joined as a line.
    data = map_data(html)
    assert [(p["kind"], p["name"], p["km"]) for p in data["points"]] == [
        ("start", "Arles", 0.0),
        ("climb", "Côte de Saint-Rémy", 32.0),
        ("sprint", "Cavaillon", 80.0),
        ("climb", "Col de Murs", 121.0),
        ("finish", "Gordes", 164.2),
    ]
    assert data["line"] == [[p["lat"], p["lon"]] for p in data["points"]]
    assert data["tile_layer"] == "/-/basemap/{z}/{x}/{y}.png"
    # The results sheet.
    sheet = html.split('class="musette-table results-sheet"', 1)[1].split("</table>", 1)[0]
    riders = re.findall(r'href="/musette/riders/\d+">([^<]+)</a>', sheet)
    assert riders == ["Léon Marchetti", "Tom Verbeke", "Ander Etxeberria", "Marco Ruffini"]
    gaps = re.findall(r'<td class="num gap">([^<]*)</td>', sheet)
    assert gaps == ["", "+0:08", "+0:08", "+1:02"]
    support = re.findall(r'<td class="num">(\d+ of \d+)</td>', sheet)
    assert support == ["2 of 2", "2 of 2", "2 of 2", "1 of 2"]
    # Every report, in every language, and the conflict.
    assert f'href="/-/report/{ids["report_en"]}"' in html
    assert f'href="/-/report/{ids["report_fr"]}"' in html
    assert "in en, fr" in html
    conflicts = html.split('class="musette-table stage-conflicts"', 1)[1].split("</table>")[0]
    assert "distance_km" in conflicts and "162" in conflicts and "164.2" in conflicts
    assert f'rel="next" href="/-/stage/{ids["stage4"]}"' in html
    assert "leaflet-v1.7.1.js" in html
    next_page = get(datasette, f"/-/stage/{ids['stage4']}").text
    assert f'rel="prev" href="/-/stage/{ids["stage3"]}"' in next_page


def test_stage_page_errors(datasette) -> None:  # noqa: F811
    assert get(datasette, "/-/stage/999999").status_code == 404
    assert get(datasette, "/-/stage/x").status_code == 404


# --- plain Datasette, without --template-dir ----------------------------------------


def test_pages_render_without_template_dir(musette_db: FixtureDB) -> None:  # noqa: F811
    from datasette.app import Datasette

    ds = Datasette(immutables=[str(musette_db.path)], metadata=load_metadata(),
                   plugins_dir=str(PLUGINS))
    import asyncio

    asyncio.run(ds.invoke_startup())
    assert get(ds, f"/-/report/{musette_db.ids['report_en']}").status_code == 200
    assert get(ds, f"/-/stage/{musette_db.ids['stage3']}").status_code == 200


# --- the real pipeline's output ----------------------------------------------------


def test_ingested_seed_reports_render(datasette, musette_db: FixtureDB) -> None:  # noqa: F811
    if not musette_db.ingested:
        pytest.skip(f"seeds were not ingested: {musette_db.ingest_problem}")
    seeds = json_rows(datasette, "/musette.json", sql=(
        "SELECT id, stage_id FROM reports WHERE path NOT LIKE 'made-up/%'"))
    assert seeds
    for row in seeds:
        page = get(datasette, f"/-/report/{row['id']}")
        assert page.status_code == 200
        if row["stage_id"] is not None:
            assert get(datasette, f"/-/stage/{row['stage_id']}").status_code == 200
    highlighted = [get(datasette, f"/-/report/{r['id']}").text.count('class="hl ')
                   for r in seeds]
    assert max(highlighted) > 0
