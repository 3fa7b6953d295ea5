"""A sentence about an intermediate sprint (Intergiro, sprint intermédiaire, lotna premia)
tells no finishing order of the day, whatever verb it uses."""

import pytest
from text_extraction import finishing_order


@pytest.mark.parametrize("lang, text", [
    ("it", "Marco Valli si è imposto a Ragusa nella sesta tappa del Giro d'Italia. "
           "Al traguardo dell'Intergiro di Modica, Paolo Serra precede Luca Bassi e Ivo Conti."),
    ("fr", "Marc Vallier a remporté la sixième étape du Tour de France à Rodez. "
           "Paul Serres a gagné le sprint intermédiaire de Millau devant Luc Bassin."),
    ("pl", "Marek Wolski wygrał szósty etap Tour de Pologne w Rzeszowie. "
           "Na lotnej premii w Łańcucie wygrał Paweł Sroka przed Janem Koniem."),
])
def test_an_intermediate_sprint_tells_no_order(lang, text):
    order = finishing_order(text, lang)
    assert order.get(1) in {"Marco Valli", "Marc Vallier", "Marek Wolski"}
    assert len(order) == 1
