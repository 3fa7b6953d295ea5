"""A rider placed at two ranks below the winner keeps the rank the text writes over the one
an order implies ("X beat Y by four seconds" makes Y second only by inference), and two
written ranks that disagree leave him out."""

from text_extraction import finishing_order


def test_written_rank_over_implied_second_place():
    order = finishing_order(
        "Jan Nowak zajął dziesiąte miejsce na drugim etapie Wyścigu Solidarności. Etap w "
        "Opolu wygrał Francuz Marc Petit, który wyprzedził Nowaka o cztery sekundy.", "pl")
    assert order == {1: "Marc Petit", 10: "Jan Nowak"}


def test_written_rank_over_implied_second_place_in_english():
    order = finishing_order(
        "Piet Smit finished tenth in the stage to Hamar. Marc Petit won "
        "the stage of the Tour of Norway, beating Smit by four seconds.", "en")
    assert order == {1: "Marc Petit", 10: "Piet Smit"}


def test_two_written_ranks_that_disagree_leave_the_rider_out():
    order = finishing_order(
        "Marc Petit won the second stage of the Tour of Norway in Hamar. Piet Smit finished "
        "fourth. Later the sheet showed Piet Smit was sixth on the stage.", "en")
    assert 4 not in order and 6 not in order


def test_a_sprint_won_for_a_lower_place_in_one_sentence_is_no_win():
    order = finishing_order(
        "Marc Petit soloed to the second stage of the Tour of Norway in Hamar. "
        "Piet Smit won the bunch sprint and finished fourth.", "en")
    assert order.get(4) == "Piet Smit" and order.get(1) != "Piet Smit"
