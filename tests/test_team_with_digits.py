"""A team's name in brackets after a rider may hold digits ("Ag2R La Mondiale", "Team
7-Eleven"); a number of its own in brackets ("25 anni", "km 45", "+0:12") is no team."""

import pytest
from text_extraction import extract_text


def teams(text: str, lang: str) -> dict[int, str | None]:
    return {r.rank: r.team for r in extract_text(text, lang).results}


def test_team_with_digits_in_brackets():
    got = teams("Die dritte Etappe der Sachsen-Rundfahrt gewann Tom Harlow (Team Nova). "
                "Zweiter wurde Jonas Baier (Ag2R La Mondiale), Dritter Piet Smit (Team "
                "7-Eleven).", "de")
    assert got[2] == "AG2R La Mondiale" and got[3] == "Team 7-Eleven"


@pytest.mark.parametrize("aside", ["25 anni", "km 45", "+0:12", "U23"])
def test_a_number_in_brackets_is_no_team(aside):
    got = teams(f"La terza tappa del Giro di Sicilia è stata vinta da Marco Rossi ({aside}) "
                "davanti a Luca Bianchi.", "it")
    assert got.get(1) is None
