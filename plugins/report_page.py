"""The report page, /-/report/<id>: a report's text with every extracted fact highlighted.

Each span recorded in the evidence table (character offsets into reports.text) is
highlighted by kind and links to the fact in the list beside the text, which links on
to the evidence row and to the row of the fact it supports (a result, a climb ...).
Spans may overlap or nest: the text is cut at every span boundary and each piece is
marked with the innermost span covering it (its other spans show in the tooltip).

The report text is untrusted: it only ever reaches the page through Jinja's
autoescaping, never by string concatenation into HTML.
"""

from dataclasses import dataclass, field
from typing import Any

from datasette import hookimpl
from datasette.utils.asgi import NotFound, Response

from ingest.pages import musette_database, row_id

TEMPLATE = "musette_report.html"

# Display order and labels; other kinds are shown after these, in name order.
KINDS = {
    "rider": "Riders",
    "team": "Teams",
    "place": "Places",
    "start": "Start",
    "finish": "Finish",
    "climb": "Climbs",
    "gap": "Time gaps",
    "ranking": "Rankings",
    "race": "Race",
    "stage": "Stage",
    "year": "Year",
    "distance": "Distance",
    "km_marker": "Km markers",
    "gradient": "Gradients",
    "jersey": "Jerseys",
    "breakaway": "Breakaways",
    "sprint": "Sprints",
    "quote": "Quotes",
}

REPORT_SQL = """
SELECT
    reports.id, reports.source, reports.path, reports.lang, reports.published,
    reports.stage_id, reports.race_id, reports.race_stated, reports.year_stated,
    reports.stage_stated, reports.start_stated, reports.finish_stated,
    reports.distance_km_stated, reports.words, reports.encoding, reports.ingested_at,
    reports.text,
    races.name AS race, races.year AS year, stages.stage AS stage, stages.date AS date
FROM reports
LEFT JOIN stages ON stages.id = reports.stage_id
LEFT JOIN races ON races.id = coalesce(stages.race_id, reports.race_id)
WHERE reports.id = :id
"""

EVIDENCE_SQL = """
SELECT id, kind, value, span, start, "end", sentence
FROM evidence
WHERE report_id = :id
ORDER BY start, "end" DESC, id
"""

# The fact rows that cite a piece of evidence, to link each highlight to its row.
FACT_ROWS_SQL = """
SELECT 'report_results' AS fact_table, id, evidence_id FROM report_results
    WHERE report_id = :id AND evidence_id IS NOT NULL
UNION ALL SELECT 'report_climbs', id, evidence_id FROM report_climbs
    WHERE report_id = :id AND evidence_id IS NOT NULL
UNION ALL SELECT 'report_breakaways', id, evidence_id FROM report_breakaways
    WHERE report_id = :id AND evidence_id IS NOT NULL
UNION ALL SELECT 'report_sprints', id, evidence_id FROM report_sprints
    WHERE report_id = :id AND evidence_id IS NOT NULL
UNION ALL SELECT 'report_jerseys', id, evidence_id FROM report_jerseys
    WHERE report_id = :id AND evidence_id IS NOT NULL
UNION ALL SELECT 'report_quotes', id, evidence_id FROM report_quotes
    WHERE report_id = :id AND evidence_id IS NOT NULL
UNION ALL SELECT 'report_conflicts', id, evidence_id FROM report_conflicts
    WHERE report_id = :id AND evidence_id IS NOT NULL
"""

SECTIONS_SQL = {
    "results": """
        SELECT report_results.rank, report_results.rider_id, riders.name AS rider,
               report_results.team_id, teams.name AS team, report_results.gap_seconds,
               format_gap(report_results.gap_seconds) AS gap, report_results.evidence_id
        FROM report_results
        JOIN riders ON riders.id = report_results.rider_id
        LEFT JOIN teams ON teams.id = report_results.team_id
        WHERE report_results.report_id = :id
        ORDER BY report_results.rank, report_results.id
    """,
    "climbs": """
        SELECT name, km_marker, length_km, gradient_pct, category, evidence_id
        FROM report_climbs WHERE report_id = :id
        ORDER BY km_marker IS NULL, km_marker, id
    """,
    "sprints": """
        SELECT report_sprints.place, report_sprints.km_marker, riders.name AS rider,
               report_sprints.rider_id, report_sprints.evidence_id
        FROM report_sprints LEFT JOIN riders ON riders.id = report_sprints.rider_id
        WHERE report_sprints.report_id = :id
        ORDER BY report_sprints.km_marker IS NULL, report_sprints.km_marker, report_sprints.id
    """,
    "breakaways": """
        SELECT riders.name AS rider, report_breakaways.rider_id,
               format_gap(report_breakaways.max_gap_seconds) AS max_gap,
               report_breakaways.caught_km_to_go, report_breakaways.evidence_id
        FROM report_breakaways JOIN riders ON riders.id = report_breakaways.rider_id
        WHERE report_breakaways.report_id = :id
        ORDER BY report_breakaways.id
    """,
    "jerseys": """
        SELECT report_jerseys.jersey, riders.name AS rider, report_jerseys.rider_id,
               report_jerseys.evidence_id
        FROM report_jerseys JOIN riders ON riders.id = report_jerseys.rider_id
        WHERE report_jerseys.report_id = :id ORDER BY report_jerseys.id
    """,
    "quotes": """
        SELECT riders.name AS speaker, report_quotes.speaker_id, report_quotes.quote,
               report_quotes.evidence_id
        FROM report_quotes LEFT JOIN riders ON riders.id = report_quotes.speaker_id
        WHERE report_quotes.report_id = :id ORDER BY report_quotes.id
    """,
    "conflicts": """
        SELECT field, stated, reference, reference_source, evidence, evidence_id
        FROM report_conflicts WHERE report_id = :id ORDER BY id
    """,
}


def css_kind(kind: str) -> str:
    """The kind as a CSS class suffix: a known kind, else 'other'."""
    return kind if kind in KINDS else "other"


@dataclass
class Span:
    id: int
    kind: str
    value: str | None
    text: str
    start: int
    end: int

    @property
    def css_kind(self) -> str:
        return css_kind(self.kind)

    @property
    def label(self) -> str:
        if self.value and self.value != self.text:
            return f"{self.kind}: {self.value}"
        return f"{self.kind}: {self.text}"


@dataclass
class Segment:
    """A piece of the text and the spans covering it, innermost first."""

    text: str
    spans: list[Span] = field(default_factory=list)

    @property
    def primary(self) -> Span | None:
        return self.spans[0] if self.spans else None

    @property
    def title(self) -> str:
        return "; ".join(span.label for span in self.spans)


def segment_text(text: str, spans: list[Span]) -> list[Segment]:
    """Cut `text` at every span boundary; spans outside the text are ignored."""
    valid = [s for s in spans if 0 <= s.start < s.end <= len(text)]
    cuts = sorted({0, len(text), *(s.start for s in valid), *(s.end for s in valid)})
    by_start: dict[int, list[Span]] = {}
    for span in valid:
        by_start.setdefault(span.start, []).append(span)
    active: list[Span] = []
    segments: list[Segment] = []
    for begin, finish in zip(cuts, cuts[1:], strict=False):
        active = [s for s in active if s.end > begin] + by_start.get(begin, [])
        covering = sorted(active, key=lambda s: (s.end - s.start, s.start, s.id))
        segments.append(Segment(text[begin:finish], covering))
    return segments


def kind_order(kind: str) -> tuple[int, str]:
    order = list(KINDS)
    return (order.index(kind), kind) if kind in KINDS else (len(order), kind)


async def report_page(datasette: Any, request: Any) -> Response:
    db = await musette_database(datasette, request)
    if db is None:
        raise NotFound("No Musette database is attached")
    await datasette.ensure_permissions(
        request.actor,
        [("view-table", (db.name, "reports")), ("view-database", db.name), "view-instance"],
    )
    params = {"id": row_id(request.url_vars["id"])}
    rows = (await db.execute(REPORT_SQL, params)).rows
    if not rows:
        raise NotFound("Report not found")
    report = dict(rows[0])
    text = report["text"] or ""
    spans = [
        Span(r["id"], r["kind"], r["value"], r["span"], r["start"], r["end"])
        for r in (await db.execute(EVIDENCE_SQL, params)).rows
    ]
    fact_rows: dict[int, list[tuple[str, int]]] = {}
    for row in (await db.execute(FACT_ROWS_SQL, params)).rows:
        fact_rows.setdefault(row["evidence_id"], []).append((row["fact_table"], row["id"]))
    sections = {
        name: [dict(r) for r in (await db.execute(sql, params)).rows]
        for name, sql in SECTIONS_SQL.items()
    }
    kinds = sorted({s.kind for s in spans}, key=kind_order)
    facts = [
        {
            "kind": kind,
            "css_kind": css_kind(kind),
            "label": KINDS.get(kind, kind.capitalize()),
            "spans": [s for s in spans if s.kind == kind],
        }
        for kind in kinds
    ]
    context = {
        "report": report,
        "segments": segment_text(text, spans),
        "facts": facts,
        "fact_rows": fact_rows,
        "sections": sections,
        "database": db.name,
        "unplaced": [s for s in spans if not 0 <= s.start < s.end <= len(text)],
        "metadata": datasette.metadata(),
    }
    html = await datasette.render_template(
        TEMPLATE, context, request=request, view_name="musette_report"
    )
    return Response.html(html)


@hookimpl
def register_routes() -> list[tuple[str, Any]]:
    # Any last segment is routed here and checked, so that a malformed id gets this
    # page's 404 rather than falling through to Datasette's other routes.
    return [(r"^/-/report/(?P<id>[^/]*)$", report_page)]
