"""A listed team's short name inside a longer name we do not list is another season's team:
it is kept as written, not read as the team of that name today."""

from text_extraction import extract_text


def teams(text: str, lang: str) -> dict[str, str | None]:
    return {r.rider: r.team for r in extract_text(text, lang).results}


def test_a_sponsor_pair_we_do_not_list_is_kept_as_written():
    found = teams("Paris-Roubaix 1997.\n1. Pieter Claes (Bel) Mapei 4.50.00\n"
                  "2. Jan Roets (Bel) Lotto Mobistar 0.12\n", "en")
    assert found["Jan Roets"] == "Lotto"


def test_a_name_before_a_dash_makes_a_longer_team():
    found = teams("Paris-Camembert.\n1. Marc Poulain (Cofidis) 4:01:00\n"
                  "2. Loïc Tanguy (HP BTP - Auber 93) m.t.\n", "fr")
    assert found["Loïc Tanguy"] == "Auber 93"


def test_the_teams_own_words_or_a_riders_given_name_after_it_change_nothing():
    found = teams("Trofeo Laigueglia.\n1. Marco Rosi (Bardiani Csf Faizanè) 4:01:00\n"
                  "2. Ivo Conti (Cofidis) a 5\"\n", "it")
    assert found["Marco Rosi"] == "Bardiani-CSF-Faizanè"
    found = teams("Astana Mikkel Bendtsen vandt 3. etape af Danmark Rundt foran Rasmus Krogh.",
                  "da")
    assert found["Mikkel Bendtsen"] == "Astana Qazaqstan"
