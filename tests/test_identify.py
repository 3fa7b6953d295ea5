"""Identifying a report's stage with the reference calendar."""

from __future__ import annotations

from ingest.identify import CalendarStage, identify
from ingest.model import Evidence, Extraction, Report, Value

EV = Evidence(0, 10, 0, 5)
ROWS = (
    CalendarStage("Tour de France", 2022, 4, "2022-07-05", "Dunkerque", "Calais", 171.5),
    CalendarStage("Tour de France", 2022, 5, "2022-07-06", "Lille", "Arenberg", 157.0),
    CalendarStage("Tour de France", 2021, 4, "2021-06-29", "Redon", "Fougères", 150.4),
    CalendarStage("Paris-Roubaix", 2023, None, "2023-04-09", "Compiègne", "Roubaix", 256.6),
)
EXONYMS = {"dunkirk": "dunkerque", "duinkerken": "dunkerque"}


def locate(name: str, country):
    """A stand-in for the geocoder that knows only exonyms, enough for these rows."""
    key = EXONYMS.get(name.lower(), name.lower())
    return {"dunkerque": (51.03, 2.37), "calais": (50.95, 1.85), "lille": (50.63, 3.06),
            "arenberg": (50.40, 3.41)}.get(key)


def report(published=None) -> Report:
    return Report("r.txt", "r.txt", "text", published, "0" * 64, "en")


def facts(race="Tour de France", year=None, stage=None, start=None, finish=None, one_day=False):
    out = Extraction(one_day=one_day)
    for name, value in (("race", race), ("year", year), ("stage", stage), ("start", start),
                        ("finish", finish)):
        if value is not None:
            setattr(out, name, Value(value, EV))
    return out


def test_route_identifies_the_stage_and_records_the_wrong_number():
    found = identify(report(), facts(stage=2, start="Dunkirk", finish="Calais"), locate, ROWS)
    assert (found.year, found.stage, found.date) == (2022, 4, "2022-07-05")
    assert found.identified_by == "calendar: route"
    assert [(c.field, c.stated, c.reference) for c in found.conflicts] == [("stage", "2", "4")]


def test_race_year_and_stage_without_route():
    found = identify(report("2022-07"), facts(stage=5), locate, ROWS)
    assert (found.stage, found.start, found.finish) == (5, "Lille", "Arenberg")


def test_year_from_the_header_narrows_the_calendar():
    found = identify(report("2021-06"), facts(stage=4), locate, ROWS)
    assert found.finish == "Fougères"


def test_one_day_race_by_race_and_year():
    found = identify(report(), facts(race="Paris-Roubaix", year=2023, one_day=True), locate, ROWS)
    assert found.stage is None and found.finish == "Roubaix"


def test_unknown_edition_stays_unlinked_rather_than_guessed():
    assert identify(report(), facts(stage=4), locate, ROWS) is None
    assert identify(report(), facts(race=None, stage=4, finish="Calais"), locate, ROWS) is None


def test_no_calendar_row_uses_the_reports_own_words():
    found = identify(report("2024-03"), facts(race="Paris-Nice", stage=3, finish="Nice"),
                     locate, ROWS)
    assert (found.race, found.year, found.stage, found.finish) == ("Paris-Nice", 2024, 3, "Nice")
    assert found.identified_by == "report"
