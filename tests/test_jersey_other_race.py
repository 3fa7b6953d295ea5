"""A standing told of another race than the report's is not the report's jersey; a one-day
race has no jerseys after the day."""

from ingest.extract import extract
from ingest.read import parse_report

GIRO = """Primoz Roglic wins in the mountains of the Giro d'Italia

Primoz Roglic won the ninth stage of the Giro d'Italia on Sunday, ahead of Geraint Thomas.

Primoz Roglic leads the Giro d'Italia by 28 seconds after the stage.
"""

OTHER = """Primoz Roglic wins in the mountains of the Giro d'Italia

Primoz Roglic won the ninth stage of the Giro d'Italia on Sunday, ahead of Geraint Thomas.

Further north, Remco Evenepoel leads the Tour de Suisse by 12 seconds after the stage.
"""

ONE_DAY = """Van Aert takes the Clasica San Sebastian

Wout van Aert won the Clasica San Sebastian on Saturday, beating Tadej Pogacar in a sprint of two.

Jonas Vingegaard, who wears the yellow jersey of the Tour de France, finished fifth.
"""


def jerseys(text: str) -> dict[str, str]:
    facts = extract(parse_report(text.encode(), "report.txt"))
    return {j.jersey: j.rider for j in facts.jerseys}


def test_the_reports_race():
    assert jerseys(GIRO) == {"leader": "Primoz Roglic"}


def test_another_race_named_in_the_standing():
    assert jerseys(OTHER) == {}


def test_a_one_day_race_has_no_jerseys():
    facts = extract(parse_report(ONE_DAY.encode(), "report.txt"))
    assert facts.one_day is True
    assert facts.jerseys == []


SEASON_CUP = """Nowak wygrywa Memoriał Kowalskiego

Jan Nowak (Team Alfa) wygrał w niedzielę drugi etap Wyścigu Solidarności w Łodzi.

Wyścig liczył się do klasyfikacji cyklu ProLigi, której liderem pozostał Piotr Wiśniewski.
"""


def test_the_leader_of_a_season_long_cup_is_no_jersey_of_the_race():
    assert jerseys(SEASON_CUP) == {}
