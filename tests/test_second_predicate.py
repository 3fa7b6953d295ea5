"""A rider's second predicate after "and" gives his place: "X won the bunch sprint and
finished fourth" places X fourth (so he did not win), in every language. A second predicate
that names another rider ("and second was Y") places no one by it."""

import pytest
from text_extraction import finishing_order

WINNER = {
    "en": "Karl Brandt won the sixth stage of the Tour of Norway in Hamar. ",
    "it": "Karl Brandt ha vinto la sesta tappa del Giro di Sicilia a Ragusa. ",
    "pt": "Karl Brandt venceu a sexta etapa da Volta ao Algarve em Tavira. ",
    "da": "Karl Brandt vandt 6. etape af Danmark Rundt i Vejle. ",
}


@pytest.mark.parametrize("lang, text", [
    ("it", "Olaf Lind si è aggiudicato la volata del gruppo ed è arrivato quarto."),
    ("pt", "Olaf Lind ganhou o sprint do pelotão e terminou em quarto lugar."),
    ("da", "Olaf Lind vandt feltets spurt og kørte i mål som nummer fire."),
])
def test_second_predicate_gives_the_place(lang, text):
    assert finishing_order(WINNER[lang] + text, lang) == {1: "Karl Brandt", 4: "Olaf Lind"}


def test_second_predicate_naming_another_rider_places_no_one_by_it():
    text = WINNER["en"] + "Olaf Lind took the sprint of the bunch and second was Jan Berg."
    assert "Olaf Lind" not in finishing_order(text, "en").values()
