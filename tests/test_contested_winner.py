"""Two sentences that name different winners alike contradict each other: the winner is
left out, and so are the places either sentence gives below its winner (one of them is
of another day or race, and which one is not told)."""

from text_extraction import finishing_order


def test_places_under_a_contested_winner_go_with_it():
    order = finishing_order(
        "Ruben Faro won the sprint in Montclair on a wet afternoon.\n\n"
        "Jonas Pell beat Arno Visk and Mick Dorr in a three-man sprint.", "en")
    assert order == {}


def test_places_under_the_only_winner_stay():
    order = finishing_order(
        "Jonas Pell beat Arno Visk and Mick Dorr in a three-man sprint in Montclair.", "en")
    assert order == {1: "Jonas Pell", 2: "Arno Visk", 3: "Mick Dorr"}
