"""A relegation makes the order on the road another than the result: the places told
right after that order, in its paragraph, go with it ("Third was Z" after "X beat Y"),
while a place told after the relegation stands."""

from text_extraction import finishing_order


def test_a_place_right_after_the_order_on_the_road_goes_with_it():
    text = ("Karl Stein siegt in Tapah\n"
            "Karl Stein hat die dritte Etappe der Tour de Langkawi gewonnen. Der Deutsche "
            "setzte sich im Massensprint vor Tom Ashby durch. Dritter wurde Lee Maxwell.\n"
            "Update: Stein wurde nach dem Rennen von der Jury zurückversetzt.")
    assert 3 not in finishing_order(text, "de")


def test_a_place_in_another_paragraph_stands():
    text = ("Karl Stein siegt in Tapah\n"
            "Karl Stein hat die dritte Etappe der Tour de Langkawi gewonnen. Der Deutsche "
            "setzte sich im Massensprint vor Tom Ashby durch.\n"
            "Update: Stein wurde nach dem Rennen von der Jury zurückversetzt.\n"
            "Dritter wurde Lee Maxwell.")
    assert finishing_order(text, "de").get(3) == "Lee Maxwell"
