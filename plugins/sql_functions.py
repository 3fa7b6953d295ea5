"""SQL functions for canned and ad-hoc queries, so they stay pure SQL.

format_gap(seconds)  -> results-sheet gap: 8 -> '+0:08', 3723 -> '+1:02:03', 0 -> 's.t.'
                        (same time), negative -> '-0:08', NULL/non-numeric -> NULL.
parse_gap(text)      -> seconds from a written gap: 6'39'', 6’39’’, 4:01:36, +0:08, 8",
                        1h02'03", 45s, 2 min 05 s, s.t. (0); NULL when unparseable.
                        A bare number without a unit ('8') is ambiguous: NULL.
haversine_km(lat1, lon1, lat2, lon2)
                     -> great-circle distance in km (mean Earth radius 6371.0088 km);
                        NULL when a coordinate is missing or out of range.
name_key(text)       -> the accent-, case- and punctuation-insensitive key used by
                        riders.key, teams.key and places.key ('Pogačar' -> 'pogacar').

The functions never raise: bad input gives NULL, so one odd row cannot break a query.
"""

from __future__ import annotations

import math
import re
import sqlite3

from datasette import hookimpl

from ingest.store import name_key as _name_key

EARTH_RADIUS_KM = 6371.0088

_SAME_TIME = {"st", "s.t.", "s.t", "same time", "mt", "m.t.", "m.t", "zt", "z.t."}
_MARKED = re.compile(r"^(?:(\d+)h)?(?:(\d+)')?(?:(\d+)\"?)?$")
_CLOCK = re.compile(r"^(?:(\d+):)?(\d+):(\d{2})$")


def format_gap(seconds: object) -> str | None:
    """A time gap in seconds as on a results sheet."""
    if seconds is None or isinstance(seconds, bytes):
        return None
    try:
        value = float(seconds)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    if math.isnan(value) or math.isinf(value):
        return None
    total = round(value)
    if total == 0:
        return "s.t."
    sign = "-" if total < 0 else "+"
    hours, rest = divmod(abs(total), 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{sign}{hours}:{minutes:02d}:{secs:02d}"
    return f"{sign}{minutes}:{secs:02d}"


def _normalise_marks(text: str) -> str:
    text = text.replace("’’", '"').replace("′′", '"').replace("‘‘", '"').replace("´´", '"')
    text = text.replace("''", '"')
    for mark in ("”", "″", "“"):
        text = text.replace(mark, '"')
    for mark in ("’", "′", "‘", "´", "`"):
        text = text.replace(mark, "'")
    # Word units: 1h 02min 03sec, 2 min 05 s, 45s.
    text = re.sub(r"(?<=\d)(?:hours?|hrs?|u)(?![a-z])", "h", text)
    text = re.sub(r"(?<=\d)(?:minutes?|mins?|m)(?![a-z])", "'", text)
    text = re.sub(r"(?<=\d)(?:seconds?|secs?|s)(?![a-z])", '"', text)
    return text


def parse_gap(text: object) -> int | None:
    """Seconds from a gap as written in a report; None when it cannot be read."""
    if text is None or isinstance(text, bytes):
        return None
    if isinstance(text, int | float):
        return None  # a bare number has no unit
    raw = str(text).strip().casefold()
    if not raw or len(raw) > 40:
        return None
    if raw in _SAME_TIME:
        return 0
    compact = re.sub(r"\s+", "", raw)
    if compact.startswith("+"):
        compact = compact[1:]
    clock = _CLOCK.match(compact)
    if clock:
        hours, minutes, secs = (int(g) if g else 0 for g in clock.groups())
        if secs >= 60 or (clock.group(1) and minutes >= 60):
            return None
        return hours * 3600 + minutes * 60 + secs
    marked = _normalise_marks(compact)
    match = _MARKED.match(marked)
    if not match or not any(match.groups()):
        return None
    hours_s, minutes_s, secs_s = match.groups()
    if secs_s is not None and not marked.endswith('"') and minutes_s is None:
        if hours_s is None:
            return None  # '8' without a mark: ambiguous
        minutes_s, secs_s = secs_s, None  # '1h02' is 1 hour 2 minutes
    hours, minutes, secs = (int(g) if g else 0 for g in (hours_s, minutes_s, secs_s))
    if secs >= 60 or (hours_s and minutes >= 60):
        return None
    return hours * 3600 + minutes * 60 + secs


def haversine_km(lat1: object, lon1: object, lat2: object, lon2: object) -> float | None:
    """Great-circle distance between two points given in decimal degrees."""
    try:
        coords = [float(v) for v in (lat1, lon1, lat2, lon2)]  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    if any(math.isnan(c) for c in coords):
        return None
    a_lat, a_lon, b_lat, b_lon = coords
    if abs(a_lat) > 90 or abs(b_lat) > 90 or abs(a_lon) > 180 or abs(b_lon) > 180:
        return None
    phi1, phi2 = math.radians(a_lat), math.radians(b_lat)
    dphi = phi2 - phi1
    dlambda = math.radians(b_lon - a_lon)
    h = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def name_key(text: object) -> str | None:
    if text is None or isinstance(text, bytes):
        return None
    return _name_key(str(text))


@hookimpl
def prepare_connection(conn: sqlite3.Connection) -> None:
    conn.create_function("format_gap", 1, format_gap, deterministic=True)
    conn.create_function("parse_gap", 1, parse_gap, deterministic=True)
    conn.create_function("haversine_km", 4, haversine_km, deterministic=True)
    conn.create_function("name_key", 1, name_key, deterministic=True)
