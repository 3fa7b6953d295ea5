"""A paragraph that opens on another race is that race's news: a page that adds a second
race under the report ("[...]\\n\\nIn the Tour de l'Avenir, Yates was the fastest") gives
neither its winner nor its route to the report's race."""

from text_extraction import extract_text

TWO_RACES_NL = (
    "Kopecky wint derde etappe Simac Ladies Tour\n"
    "In de derde etappe van de Simac Ladies Tour was Lotte Kopecky de snelste van het hele "
    "pak. Morgen volgt de slotrit.\n"
    "In de Tour de l'Avenir is het terrein minder zwaar geworden. Vandaag kwam de "
    "kopgroep aan in Fossano. De Brit Tom Yardley was de snelste van allemaal.\n")


def test_the_second_race_gives_no_winner_nor_finish():
    facts = extract_text(TWO_RACES_NL, "nl")
    assert facts.race is not None and facts.race.value == "Simac Ladies Tour"
    assert "Tom Yardley" not in {r.rider for r in facts.results}
    assert facts.finish is None or facts.finish.value != "Fossano"


def test_the_same_paragraph_alone_gives_its_winner():
    # the rule is about the paragraph's place under another race's report
    facts = extract_text(TWO_RACES_NL.split("\n")[2], "nl")
    assert {r.rank: r.rider for r in facts.results}.get(1) == "Tom Yardley"


def test_a_race_in_a_riders_record_leaves_the_paragraph_to_the_report():
    facts = extract_text(
        "Tom Reed wins the Grand Prix de Plouay\n"
        "Tom Reed won the Grand Prix de Plouay on Sunday, ahead of Jan Vos.\n"
        "Piet Smit, who won the Tour du Finistère in May, finished third, 13 seconds down.",
        "en")
    third = next(r for r in facts.results if r.rank == 3)
    assert (third.rider, third.gap_seconds) == ("Piet Smit", 13)


def test_an_outlook_on_another_race_opens_a_paragraph_of_its_own():
    facts = extract_text(
        "Tom Reed won the Grand Prix de Plouay on Sunday, ahead of Jan Vos and Piet Smit.\n"
        "In the Tour of Britain next week, Jan Vos will be the favourite after he was "
        "first on the line in Plouay last year.", "en")
    assert {r.rank: r.rider for r in facts.results} == {1: "Tom Reed", 2: "Jan Vos",
                                                        3: "Piet Smit"}
