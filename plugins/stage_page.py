"""The stage page, /-/stage/<id>: route map, results sheet, reports and conflicts.

- The route: start, then the climbs and intermediate sprints the reports place on the
  map, in km order, then the finish, joined as a line on a Leaflet map (Leaflet from
  datasette-leaflet, tiles as configured by map_tiles.py: local unless online).
- The finishing order as a results sheet, gaps like `+0:08` (format_gap): the
  consolidated results (stage_results: each rank to the rider most reports put
  there, with how many say so; ingest/consolidate.py).
- Every report about the stage, in every language; every conflict with reference
  data (report_conflicts) and every point where the reports disagree.

All data reaches the page through Jinja autoescaping; the map gets its data as JSON
(`tojson`) and builds popups with textContent, never innerHTML.
"""

import unicodedata
from dataclasses import dataclass, field
from typing import Any

from datasette import hookimpl
from datasette.utils.asgi import NotFound, Response

from ingest.pages import musette_database, row_id

TEMPLATE = "musette_stage.html"

STAGE_SQL = """
SELECT
    stages.id, stages.race_id, stages.stage, stages.date, stages.distance_km,
    stages.identified_by, races.name AS race, races.year AS year, races.one_day,
    start_place.id AS start_id, start_place.name AS start_name,
    start_place.country_code AS start_country,
    start_place.latitude AS start_latitude, start_place.longitude AS start_longitude,
    finish_place.id AS finish_id, finish_place.name AS finish_name,
    finish_place.country_code AS finish_country,
    finish_place.latitude AS finish_latitude, finish_place.longitude AS finish_longitude
FROM stages
JOIN races ON races.id = stages.race_id
LEFT JOIN places AS start_place ON start_place.id = stages.start_place_id
LEFT JOIN places AS finish_place ON finish_place.id = stages.finish_place_id
WHERE stages.id = :id
"""

NEIGHBOURS_SQL = """
SELECT
    (SELECT id FROM stages WHERE race_id = :race_id AND stage < :stage
     ORDER BY stage DESC LIMIT 1) AS previous_id,
    (SELECT id FROM stages WHERE race_id = :race_id AND stage > :stage
     ORDER BY stage LIMIT 1) AS next_id
"""

CLIMBS_SQL = """
SELECT report_climbs.name, report_climbs.km_marker, report_climbs.length_km,
       report_climbs.gradient_pct, report_climbs.category, report_climbs.report_id,
       places.name AS place, places.latitude, places.longitude
FROM report_climbs
JOIN reports ON reports.id = report_climbs.report_id
LEFT JOIN places ON places.id = report_climbs.place_id
WHERE reports.stage_id = :id
ORDER BY report_climbs.km_marker IS NULL, report_climbs.km_marker, report_climbs.id
"""

SPRINTS_SQL = """
SELECT report_sprints.place AS name, report_sprints.km_marker, riders.name AS rider,
       report_sprints.report_id, places.name AS place, places.latitude, places.longitude
FROM report_sprints
JOIN reports ON reports.id = report_sprints.report_id
LEFT JOIN places ON places.id = report_sprints.place_id
LEFT JOIN riders ON riders.id = report_sprints.rider_id
WHERE reports.stage_id = :id
ORDER BY report_sprints.km_marker IS NULL, report_sprints.km_marker, report_sprints.id
"""

# The consolidated results, with each team's name in the race's season.
RESULTS_SQL = """
SELECT rank, rider_id, rider, team_id, team, gap_seconds, format_gap(gap_seconds) AS gap,
       support, reports
FROM stage_results
WHERE stage_id = :id
ORDER BY rank
"""

# Ranks, towns and distances the reports of the stage state differently (a view of
# ingest/store.py; conflicts with reference data are listed from report_conflicts).
DISAGREEMENTS_SQL = """
SELECT fact, claim, report_id, evidence, evidence_id
FROM disagreements
WHERE stage_id = :id AND kind = 'reports differ'
ORDER BY fact, claim, report_id
"""

REPORTS_SQL = """
SELECT reports.id, reports.lang, reports.published, reports.source, reports.words,
       reports.race_stated, substr(reports.text, 1, 280) AS opening,
       length(reports.text) > 280 AS truncated,
       (SELECT count(*) FROM report_results WHERE report_id = reports.id) AS results,
       (SELECT count(*) FROM evidence WHERE report_id = reports.id) AS facts,
       (SELECT count(*) FROM report_conflicts WHERE report_id = reports.id) AS conflicts
FROM reports
WHERE reports.stage_id = :id
ORDER BY reports.lang, reports.published, reports.id
"""

CONFLICTS_SQL = """
SELECT report_conflicts.report_id, reports.lang, report_conflicts.field,
       report_conflicts.stated, report_conflicts.reference,
       report_conflicts.reference_source, report_conflicts.evidence,
       report_conflicts.evidence_id
FROM report_conflicts
JOIN reports ON reports.id = report_conflicts.report_id
WHERE reports.stage_id = :id
ORDER BY report_conflicts.field, report_conflicts.report_id, report_conflicts.id
"""

JERSEYS_SQL = """
SELECT report_jerseys.jersey, riders.name AS rider, report_jerseys.rider_id,
       count(DISTINCT report_jerseys.report_id) AS reports
FROM report_jerseys
JOIN reports ON reports.id = report_jerseys.report_id
JOIN riders ON riders.id = report_jerseys.rider_id
WHERE reports.stage_id = :id
GROUP BY report_jerseys.jersey, report_jerseys.rider_id
ORDER BY report_jerseys.jersey, reports DESC
"""


def plain_key(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join("".join(c if c.isalnum() else " " for c in plain.casefold()).split())


@dataclass
class RoutePoint:
    kind: str  # start, climb, sprint, finish
    name: str
    km: float | None = None
    latitude: float | None = None
    longitude: float | None = None
    details: list[str] = field(default_factory=list)
    reports: set[int] = field(default_factory=set)

    @property
    def located(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    def as_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "name": self.name,
            "km": self.km,
            "lat": self.latitude,
            "lon": self.longitude,
            "details": " · ".join(self.details),
        }


def _merge(points: dict[str, RoutePoint], kind: str, row: dict, details: list[str]) -> None:
    """One point per climb or sprint however many reports mention it."""
    key = f"{kind}:{plain_key(row['name'])}"
    point = points.get(key)
    if point is None:
        point = points[key] = RoutePoint(kind, row["name"])
    if point.km is None and row["km_marker"] is not None:
        point.km = float(row["km_marker"])
    if not point.located and row["latitude"] is not None and row["longitude"] is not None:
        point.latitude, point.longitude = float(row["latitude"]), float(row["longitude"])
    for detail in details:
        if detail not in point.details:
            point.details.append(detail)
    point.reports.add(row["report_id"])


def climb_details(row: dict) -> list[str]:
    details = []
    if row["length_km"] is not None:
        details.append(f"{row['length_km']:g} km")
    if row["gradient_pct"] is not None:
        details.append(f"{row['gradient_pct']:g}%")
    if row["category"]:
        details.append(f"category {row['category']}")
    return details


def route(stage: dict, climbs: list[dict], sprints: list[dict]) -> list[RoutePoint]:
    """Start, climbs and sprints in km order (those with no km after them), finish."""
    middle: dict[str, RoutePoint] = {}
    for row in climbs:
        _merge(middle, "climb", row, climb_details(row))
    for row in sprints:
        detail = [f"first: {row['rider']}"] if row["rider"] else []
        _merge(middle, "sprint", row, ["intermediate sprint", *detail])
    ordered = sorted(middle.values(), key=lambda p: (p.km is None, p.km or 0.0, p.name))
    points: list[RoutePoint] = []
    for role in ("start", "finish"):
        if stage[f"{role}_name"] is None:
            continue
        point = RoutePoint(
            role,
            stage[f"{role}_name"],
            km=0.0 if role == "start" else stage["distance_km"],
            latitude=stage[f"{role}_latitude"],
            longitude=stage[f"{role}_longitude"],
            details=[stage[f"{role}_country"]] if stage[f"{role}_country"] else [],
        )
        if role == "start":
            points.append(point)
        else:
            points.extend(ordered)
            ordered = []
            points.append(point)
    points.extend(ordered)
    return points


async def _rows(db: Any, sql: str, params: dict) -> list[dict]:
    return [dict(row) for row in (await db.execute(sql, params)).rows]


async def stage_page(datasette: Any, request: Any) -> Response:
    db = await musette_database(datasette, request)
    if db is None:
        raise NotFound("No Musette database is attached")
    await datasette.ensure_permissions(
        request.actor,
        [("view-table", (db.name, "stages")), ("view-database", db.name), "view-instance"],
    )
    params = {"id": row_id(request.url_vars["id"])}
    found = await _rows(db, STAGE_SQL, params)
    if not found:
        raise NotFound("Stage not found")
    stage = found[0]
    neighbours: dict[str, Any] = {"previous_id": None, "next_id": None}
    if stage["stage"] is not None:
        neighbours = (
            await _rows(db, NEIGHBOURS_SQL, {"race_id": stage["race_id"], "stage": stage["stage"]})
        )[0]
    points = route(stage, await _rows(db, CLIMBS_SQL, params), await _rows(db, SPRINTS_SQL, params))
    disagreements: list[dict] = []
    if "disagreements" in await db.view_names():
        disagreements = await _rows(db, DISAGREEMENTS_SQL, params)
    reports = await _rows(db, REPORTS_SQL, params)
    tiles = datasette.plugin_config("datasette-cluster-map") or {}
    located = [p for p in points if p.located]
    context = {
        "stage": stage,
        "neighbours": neighbours,
        "points": points,
        "map_data": {
            "points": [p.as_json() for p in located],
            # The line joins located points in route order; those without a km
            # marker (other than start and finish) are shown but not joined.
            "line": [
                [p.latitude, p.longitude]
                for p in located
                if p.kind in ("start", "finish") or p.km is not None
            ],
            "tile_layer": tiles.get("tile_layer"),
            "tile_layer_options": tiles.get("tile_layer_options") or {},
        },
        "results": await _rows(db, RESULTS_SQL, params),
        "disagreements": disagreements,
        "reports": reports,
        "languages": sorted({r["lang"] for r in reports}),
        "conflicts": await _rows(db, CONFLICTS_SQL, params),
        "jerseys": await _rows(db, JERSEYS_SQL, params),
        "database": db.name,
        "metadata": datasette.metadata(),
    }
    html = await datasette.render_template(
        TEMPLATE, context, request=request, view_name="musette_stage"
    )
    return Response.html(html)


@hookimpl
def register_routes() -> list[tuple[str, Any]]:
    # Any last segment is routed here and checked (see report_page.py).
    return [(r"^/-/stage/(?P<id>[^/]*)$", stage_page)]
