"""The SQL functions of plugins/sql_functions.py, directly and through Datasette."""

from __future__ import annotations

import math

import pytest
from publication_fixtures import (  # noqa: F401  (fixtures)
    datasette,
    load_plugin,
    musette_db,
    sql_value,
)

functions = load_plugin("sql_functions")


@pytest.mark.parametrize(
    ("seconds", "expected"),
    [
        (0, "s.t."),
        (8, "+0:08"),
        (59, "+0:59"),
        (60, "+1:00"),
        (62, "+1:02"),
        (399, "+6:39"),
        (3599, "+59:59"),
        (3600, "+1:00:00"),
        (3723, "+1:02:03"),
        (14496, "+4:01:36"),
        (-8, "-0:08"),
        (7.6, "+0:08"),
        ("62", "+1:02"),
        (None, None),
        ("eight", None),
        (b"\x00", None),
        (float("nan"), None),
    ],
)
def test_format_gap(seconds: object, expected: str | None) -> None:
    assert functions.format_gap(seconds) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("6'39''", 399),
        ("6’39’’", 399),
        ("6′39″", 399),
        ('6\'39"', 399),
        ("6'39", 399),
        ("4:01:36", 14496),
        ("+0:08", 8),
        ("0:08", 8),
        ("+ 1:02", 62),
        ('8"', 8),
        ("8''", 8),
        ("8’’", 8),
        ("+8''", 8),
        ("1h02'03\"", 3723),
        ("1h02’03’’", 3723),
        ("1h 02' 03\"", 3723),
        ("1h02", 3720),
        ("1u02'03\"", 3723),
        ("4'", 240),
        ("4’", 240),
        ("45s", 45),
        ("45 sec", 45),
        ("2 min 05 s", 125),
        ("1m02s", 62),
        ("s.t.", 0),
        ("S.T.", 0),
        ("same time", 0),
        ("m.t.", 0),
        ("8", None),  # no unit: ambiguous
        (8, None),
        ("", None),
        ("   ", None),
        ("abc", None),
        ("0:61", None),
        ("61\"", None),
        ("1h61'", None),
        ("1:60:00", None),
        ("6'39''x", None),
        ("x" * 100, None),
        (None, None),
    ],
)
def test_parse_gap(text: object, expected: int | None) -> None:
    assert functions.parse_gap(text) == expected


@pytest.mark.parametrize("seconds", [0, 1, 8, 59, 60, 61, 399, 3599, 3600, 3723, 14496, 36000])
def test_parse_gap_reads_what_format_gap_writes(seconds: int) -> None:
    assert functions.parse_gap(functions.format_gap(seconds)) == seconds


def test_haversine_km() -> None:
    # Paris (Notre-Dame) to London (Charing Cross): about 344 km.
    assert functions.haversine_km(48.8530, 2.3499, 51.5073, -0.1276) == pytest.approx(343.9, abs=1)
    # Dunkirk to Calais, stage 2 of the 2022 Tour: about 38 km as the crow flies.
    assert functions.haversine_km(51.0344, 2.3768, 50.9513, 1.8587) == pytest.approx(37.4, abs=1)
    assert functions.haversine_km(43.9117, 5.2003, 43.9117, 5.2003) == 0
    # Antipodes: half the circumference.
    assert functions.haversine_km(0, 0, 0, 180) == pytest.approx(math.pi * 6371.0088)
    assert functions.haversine_km("43.9", "5.2", "43.9", "5.2") == 0


@pytest.mark.parametrize(
    "args",
    [(None, 0, 0, 0), (0, None, 0, 0), ("north", 0, 0, 0), (91, 0, 0, 0), (0, 181, 0, 0),
     (float("nan"), 0, 0, 0)],
)
def test_haversine_km_without_valid_coordinates_is_null(args: tuple) -> None:
    assert functions.haversine_km(*args) is None


def test_name_key_matches_the_ingest_keys() -> None:
    from ingest.store import name_key

    for name in ("Tadej Pogačar", "Søren Kragh Andersen", "Équipe Azur", "van Aert, Wout"):
        assert functions.name_key(name) == name_key(name)
    assert functions.name_key("Pogačar") == "pogacar"
    assert functions.name_key(None) is None


def test_functions_are_registered_in_sql(datasette) -> None:  # noqa: F811
    assert sql_value(datasette, "SELECT format_gap(:s) AS v", s="62") == "+1:02"
    assert sql_value(datasette, "SELECT format_gap(0) AS v") == "s.t."
    assert sql_value(datasette, "SELECT format_gap(NULL) AS v") is None
    assert sql_value(datasette, "SELECT parse_gap(:t) AS v", t="6’39’’") == 399
    assert sql_value(datasette, "SELECT parse_gap(:t) AS v", t="1h02'03\"") == 3723
    assert sql_value(datasette, "SELECT parse_gap('nonsense') AS v") is None
    assert sql_value(
        datasette, "SELECT round(haversine_km(43.6766, 4.6278, 43.9117, 5.2003), 1) AS v"
    ) == pytest.approx(52.9, abs=0.2)
    assert sql_value(datasette, "SELECT haversine_km(NULL, 0, 0, 0) AS v") is None
    assert sql_value(datasette, "SELECT name_key(:n) AS v", n="Léon MARCHETTI") == (
        "leon marchetti"
    )


def test_functions_work_on_the_data(datasette) -> None:  # noqa: F811
    gaps = sql_value(
        datasette,
        "SELECT group_concat(format_gap(gap_seconds), ' ') AS v FROM ("
        " SELECT gap_seconds FROM report_results JOIN riders ON riders.id = rider_id"
        " JOIN reports ON reports.id = report_id WHERE reports.path LIKE 'made-up/%'"
        " AND riders.name = 'Marco Ruffini' AND gap_seconds IS NOT NULL)",
    )
    assert gaps == "+1:02"
    # Every gap the evidence table recorded as a gap span reads back to its value.
    mismatches = sql_value(
        datasette,
        "SELECT count(*) AS v FROM evidence WHERE kind = 'gap' AND parse_gap(span) IS NOT NULL"
        " AND parse_gap(span) != CAST(value AS INTEGER) AND report_id IN"
        " (SELECT id FROM reports WHERE path LIKE 'made-up/%')",
    )
    assert mismatches == 0
