"""'The favourite to win' is a rider who may not have won; 'a charge from the favourites'
names other riders, and the sentence still tells the winner."""

from text_extraction import finishing_order


def test_a_charge_from_the_favourites_still_tells_the_winner():
    text = "Mark Renwick held off a late charge from the favourites to take the stage in Ripon."
    assert finishing_order(text, "en") == {1: "Mark Renwick"}


def test_the_favourite_to_take_the_stage_did_not_win():
    text = "Mark Renwick, the favourite to take the stage in Ripon, crashed on the last bend."
    assert finishing_order(text, "en") == {}
