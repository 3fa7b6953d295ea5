"""A rider who "won with 81 points ahead of Y (71)" tops a points standings: that order
is not the day's finishing order."""

from text_extraction import finishing_order


def test_german_points_win():
    order = finishing_order(
        "Jonas Baier gewinnt die Kriteriumsserie in Süddeutschland. Der Sprinter siegte mit "
        "81 Punkten vor den beiden Kölnern Tom Harlow (71) und Piet Smit (64).", "de")
    assert 2 not in order and 3 not in order


def test_english_points_win():
    order = finishing_order(
        "Tom Reed took the points competition of the Tour of Utah. He won with 95 points "
        "ahead of Jan Vos and Piet Smit, who were level on 80.", "en")
    assert order.get(2) != "Jan Vos"
