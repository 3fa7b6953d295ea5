"""'X won the race overall. Y was second, 1:47 behind X': a place timed to a rider who is
not in the day's finishing order belongs to that rider's ranking (the overall
standings), and so does the lower place told right after it."""

from text_extraction import finishing_order


def test_places_timed_to_the_overall_winner_are_his_rankings():
    order = finishing_order(
        "Tom Reed sealed the Tour of Utah on Sunday in Park City, where the eighth and final "
        "stage ended in a bunch sprint. Reed won the event in 27 hours 12 minutes. Dutchman "
        "Jan Vos was second, 1:12 behind Reed. Piet Smit was third, 2:40 off the pace.", "en")
    assert 2 not in order and 3 not in order


def test_places_timed_to_the_days_winner_stay():
    order = finishing_order(
        "Tom Reed won the eighth stage of the Tour of Utah in Park City. Jan Vos was second, "
        "0:12 behind Reed. Piet Smit was third, 0:40 down.", "en")
    assert order == {1: "Tom Reed", 2: "Jan Vos", 3: "Piet Smit"}
