"""A description that names a rider by his team ("der schnelle Mann von Telekom", "kolarz
grupy X") is the rider the report gives that team; a single rider "ahead of" the winner in
English is second; "den Spurt des Hauptfeldes" is no win; "CCC Liv" is the women's team,
not CCC Team."""

from text_extraction import extract_text


def _results(text: str, lang: str) -> dict[int, tuple[str, str | None]]:
    return {r.rank: (r.rider, r.team) for r in extract_text(text, lang).results}


def test_german_rider_named_by_his_team():
    text = ("Lukas Brendel (Team Telekom) feiert seinen ersten Profisieg. Der junge Profi von "
            "Telekom gewann die zweite Etappe der Bayern-Rundfahrt vor Jonas Weidler.")
    assert _results(text, "de") == {1: ("Lukas Brendel", "Team Telekom"),
                                    2: ("Jonas Weidler", None)}


def test_german_bunch_sprint_is_no_win():
    text = ("Jonas Weidler (Team Telekom) wurde nur Zweiter. Der schnelle Mann von Telekom "
            "gewann auf der 4. Etappe den Spurt des Hauptfeldes, zwanzig Sekunden hinter "
            "dem Ausreißer Tom Kessler.")
    results = _results(text, "de")
    assert results.get(1, (None,))[0] != "Jonas Weidler"


def test_polish_rider_named_by_his_team():
    text = ("Tadej Pogačar wygrał trzeci etap Tour de France. Kolarz grupy UAE Emirates "
            "wyprzedził na mecie Jonasa Vingegaarda o dwie sekundy.")
    rider, team = _results(text, "pl")[1]
    assert rider == "Tadej Pogačar" and team is not None and "UAE" in team


def test_english_win_ahead_of_one_rider():
    text = "Mark Renwick won the stage in Harrogate ahead of Ian Cole."
    assert {k: v[0] for k, v in _results(text, "en").items()} == {1: "Mark Renwick",
                                                                2: "Ian Cole"}
    text = "Mark Renwick won the stage ahead of Ian Cole."
    assert {k: v[0] for k, v in _results(text, "en").items()} == {1: "Mark Renwick",
                                                                2: "Ian Cole"}


def test_english_ahead_of_a_riders_team_mate_is_not_that_rider():
    text = "Mark Renwick won the stage just ahead of Tom Pidcock's team-mate Ian Cole."
    assert _results(text, "en").get(2, (None,))[0] != "Tom Pidcock"


def test_a_womens_team_is_not_the_mens_team_of_a_shared_sponsor():
    text = ("Lisa Brandt wins in Asolo\n"
            "Lisa Brandt (Boels-Dolmans) won the stage ahead of Jana Kral (CCC Liv).")
    assert _results(text, "en")[2] == ("Jana Kral", "CCC-Liv")
