"""A .geojson download for every table, view and query with latitude and longitude.

/musette/stage_locations.geojson gives a FeatureCollection with one Point feature per
row (RFC 7946: coordinates are [longitude, latitude]); every other column becomes a
property, and a JSON `popup` column is included as an object. Like Datasette's own
.json, it holds one page of rows: add ?_size=max for up to max_returned_rows, and
follow `next_url` (a foreign member of the collection) for the rest.
"""

from __future__ import annotations

import json
import math
from typing import Any

from datasette import hookimpl
from datasette.utils.asgi import Response

LATITUDE_NAMES = ("latitude", "lat")
LONGITUDE_NAMES = ("longitude", "lon", "lng", "long")


def coordinate_columns(columns: list[str]) -> tuple[str, str] | None:
    lowered = {c.lower(): c for c in columns}
    lat = next((lowered[n] for n in LATITUDE_NAMES if n in lowered), None)
    lon = next((lowered[n] for n in LONGITUDE_NAMES if n in lowered), None)
    return (lat, lon) if lat and lon else None


def _number(value: Any) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(number) or math.isinf(number) else number


def point(latitude: Any, longitude: Any) -> dict | None:
    lat, lon = _number(latitude), _number(longitude)
    if lat is None or lon is None or abs(lat) > 90 or abs(lon) > 180:
        return None
    return {"type": "Point", "coordinates": [lon, lat]}


def _property(column: str, value: Any) -> Any:
    if isinstance(value, bytes):
        return None
    if column == "popup" and isinstance(value, str):
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


def feature_collection(columns: list[str], rows: list[Any]) -> dict:
    coords = coordinate_columns(columns)
    assert coords is not None
    lat_col, lon_col = coords
    features = []
    for row in rows:
        record = dict(row) if isinstance(row, dict) else dict(zip(columns, row, strict=False))
        features.append(
            {
                "type": "Feature",
                "geometry": point(record[lat_col], record[lon_col]),
                "properties": {
                    column: _property(column, value)
                    for column, value in record.items()
                    if column not in (lat_col, lon_col)
                },
            }
        )
    return {"type": "FeatureCollection", "features": features}


def can_render(columns: list[str]) -> bool:
    return coordinate_columns(list(columns or [])) is not None


def render(columns: list[str], rows: list[Any], data: dict | None = None) -> Response:
    collection = feature_collection(list(columns), rows)
    next_url = (data or {}).get("next_url")
    if next_url:
        collection["next_url"] = next_url
    return Response(
        json.dumps(collection, ensure_ascii=False, default=str),
        content_type="application/geo+json; charset=utf-8",
    )


@hookimpl
def register_output_renderer(datasette: Any) -> dict:
    return {"extension": "geojson", "render": render, "can_render": can_render}
