"""Which stage a report is about: its own words checked against the reference calendar.

A report can be wrong about its own stage (one seed report calls stage 4 "stage 2").
The calendar (ingest/data/calendar.csv: race, year, stage, date, start, finish,
distance) identifies the stage from the report's race and route, or race, year and
stage; where the report's words disagree with the calendar the conflict is recorded
and the calendar wins. Without a calendar row the report's own words are used when
they name race, year and stage; otherwise the report stays unlinked.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path

from geopy.distance import distance as geodesic

from .model import Evidence, Extraction, Report
from .nlp.lexicon import race_info
from .store import name_key

CALENDAR = Path(__file__).parent / "data" / "calendar.csv"
SAME_PLACE_KM = 12.0


@dataclass(frozen=True)
class CalendarStage:
    race: str
    year: int
    stage: int | None
    date: str | None
    start: str | None
    finish: str | None
    distance_km: float | None


@dataclass
class Conflict:
    field: str
    stated: str
    reference: str
    evidence: Evidence | None


@dataclass
class Identification:
    race: str
    year: int | None
    stage: int | None
    one_day: bool
    country: str | None
    date: str | None = None
    start: str | None = None
    finish: str | None = None
    distance_km: float | None = None
    identified_by: str = "report"
    conflicts: list[Conflict] = field(default_factory=list)


@cache
def calendar(path: Path = CALENDAR) -> tuple[CalendarStage, ...]:
    if not path.exists():
        return ()
    rows = []
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            rows.append(CalendarStage(
                race=row["race"].strip(),
                year=int(row["year"]),
                stage=int(row["stage"]) if row.get("stage", "").strip() else None,
                date=row.get("date") or None,
                start=(row.get("start") or "").strip() or None,
                finish=(row.get("finish") or "").strip() or None,
                distance_km=float(row["distance_km"]) if row.get("distance_km") else None,
            ))
    return tuple(rows)


# Locate a place name: (lat, lon) or None. Supplied by the caller (the geocoder).
Locator = Callable[[str, str | None], tuple[float, float] | None]


def same_place(a: str, b: str, country: str | None, locate: Locator) -> bool:
    if name_key(a) == name_key(b):
        return True
    pa, pb = locate(a, country), locate(b, country)
    return bool(pa and pb and _km(tuple(pa), tuple(pb)) <= SAME_PLACE_KM)


@lru_cache(maxsize=1 << 16)  # the same pairs of towns come back with every report of a race
def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    return geodesic(a, b).km


_BY_RACE: dict[int, tuple[tuple[CalendarStage, ...], dict]] = {}


def _race_rows(rows: tuple[CalendarStage, ...], race: str, one_day: bool) -> list[CalendarStage]:
    """[r for r in rows if r.race == race and (r.stage is None) == one_day], from an index
    made once per calendar."""
    entry = _BY_RACE.get(id(rows))
    if entry is None or entry[0] is not rows:
        index: dict[tuple[str, bool], list[CalendarStage]] = {}
        for r in rows:
            index.setdefault((r.race, r.stage is None), []).append(r)
        entry = _BY_RACE[id(rows)] = (rows, index)
    return list(entry[1].get((race, one_day), ()))


def identify(report: Report, facts: Extraction, locate: Locator,
             rows: tuple[CalendarStage, ...] | None = None) -> Identification | None:
    if facts.race is None:
        return None
    race = str(facts.race.value)
    info = race_info(race)
    country = info.get("country")
    one_day = facts.one_day
    stated_year = int(facts.year.value) if facts.year else None
    header_year = int(report.published[:4]) if report.published else None
    stated_stage = None if facts.stage is None else int(facts.stage.value)
    rows = calendar() if rows is None else rows
    candidates = _race_rows(rows, race, one_day)
    year = stated_year or header_year
    if year is not None:
        candidates = [r for r in candidates if r.year == year]

    match = _by_route(candidates, facts, country, locate)
    how = "calendar: route"
    if match is None and year is not None:
        if one_day:
            match = candidates[0] if len(candidates) == 1 else None
            how = "calendar: race and year"
        elif stated_stage is not None:
            match = next((r for r in candidates if r.stage == stated_stage), None)
            how = "calendar: race, year and stage"
    if match is not None:
        found = Identification(race, match.year, match.stage, one_day, country, match.date,
                               match.start, match.finish, match.distance_km, how)
        found.conflicts = _conflicts(facts, match, country, locate)
        return found
    if year is None or (stated_stage is None and not one_day):
        return None
    return Identification(
        race, year, None if one_day else stated_stage, one_day, country,
        start=None if facts.start is None else str(facts.start.value),
        finish=None if facts.finish is None else str(facts.finish.value),
        distance_km=None if facts.distance_km is None else float(facts.distance_km.value),
        identified_by="report",
    )


def _by_route(candidates: list[CalendarStage], facts: Extraction, country: str | None,
              locate: Locator) -> CalendarStage | None:
    if facts.finish is None:
        return None
    finish = str(facts.finish.value)
    start = None if facts.start is None else str(facts.start.value)
    matches = [
        r for r in candidates
        if r.finish and same_place(finish, r.finish, country, locate)
        and (start is None or (r.start and same_place(start, r.start, country, locate)))
    ]
    if start is None and facts.stage is not None:
        # A finish town alone is weak: several stages may end there; the stated number decides.
        numbered = [r for r in matches if r.stage == int(facts.stage.value)]
        matches = numbered or matches
    return matches[0] if len(matches) == 1 else None


def _conflicts(facts: Extraction, row: CalendarStage, country: str | None,
               locate: Locator) -> list[Conflict]:
    out = []
    if facts.stage is not None and row.stage is not None and int(facts.stage.value) != row.stage:
        out.append(Conflict("stage", str(facts.stage.value), str(row.stage), facts.stage.evidence))
    if facts.year is not None and int(facts.year.value) != row.year:
        out.append(Conflict("year", str(facts.year.value), str(row.year), facts.year.evidence))
    for role in ("start", "finish"):
        stated = getattr(facts, role)
        reference = getattr(row, role)
        if stated is not None and reference and not same_place(
            str(stated.value), reference, country, locate
        ):
            out.append(Conflict(role, str(stated.value), reference, stated.evidence))
    if facts.distance_km is not None and row.distance_km is not None:
        if abs(float(facts.distance_km.value) - row.distance_km) > 2:
            out.append(Conflict("distance_km", str(facts.distance_km.value),
                                str(row.distance_km), facts.distance_km.evidence))
    return out
