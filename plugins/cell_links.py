"""Link stage_id and report_id cells to the stage and report pages.

In every table, view and query of a Musette database, a `stage_id` value links to
/-/stage/<id> and a `report_id` value to /-/report/<id>: the pages that show a stage
(route, results, reports, conflicts) and a report (highlighted text) as a whole.
"""

from __future__ import annotations

from typing import Any
from weakref import WeakKeyDictionary

from datasette import hookimpl
from markupsafe import Markup, escape

PAGES = {"stage_id": "/-/stage/{}", "report_id": "/-/report/{}"}

# Per Datasette instance: database name -> has the Musette schema.
_schema_cache: WeakKeyDictionary[Any, dict[str, bool]] = WeakKeyDictionary()


async def is_musette_database(datasette: Any, database: str | None) -> bool:
    if not database or database not in datasette.databases:
        return False
    known = _schema_cache.setdefault(datasette, {})
    if database not in known:
        db = datasette.get_database(database)
        known[database] = await db.table_exists("stages") and await db.table_exists("reports")
    return known[database]


@hookimpl
def render_cell(value: Any, column: str, database: str, datasette: Any) -> Any:
    if column not in PAGES:
        return None
    raw = value.get("value") if isinstance(value, dict) else value
    if isinstance(raw, bool) or not isinstance(raw, int):
        return None

    async def link() -> Markup | None:
        if not await is_musette_database(datasette, database):
            return None
        href = datasette.urls.path(PAGES[column].format(raw))
        label = value.get("label") if isinstance(value, dict) else None
        text = f"{raw}" if not label or str(label) == str(raw) else f"{label}"
        return Markup('<a href="{}">{}</a>').format(href, escape(text))

    return link
