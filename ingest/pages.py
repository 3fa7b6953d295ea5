"""Helpers shared by the page plugins (plugins/report_page.py, plugins/stage_page.py).

Datasette loads each file of --plugins-dir as a module of its own, so plugins cannot
import one another; what they share lives here, in the installed package.
"""

from __future__ import annotations

import re
from typing import Any

from datasette.utils.asgi import NotFound


def row_id(raw: str) -> int:
    """A positive integer id from the URL, else 404."""
    if not re.fullmatch(r"[0-9]{1,18}", raw):
        raise NotFound("Not an id")
    return int(raw)


async def musette_database(datasette: Any, request: Any) -> Any:
    """The database holding the Musette schema (?database=name picks one)."""
    wanted = request.args.get("database")
    names = [wanted] if wanted else [n for n in datasette.databases if n != "_internal"]
    for name in names:
        db = datasette.databases.get(name)
        if db is not None and await db.table_exists("reports") and await db.table_exists(
            "stages"
        ):
            return db
    return None
