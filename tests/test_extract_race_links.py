"""An alias of a race followed by a link and a name starts another race's name."""

import pytest

from ingest.nlp import get_nlp
from ingest.nlp.components import SPAN_KEY

GRAND_TOURS = {"Giro d'Italia", "Vuelta a España", "Tour de France"}


def races(lang: str, text: str) -> list[tuple[str, str]]:
    doc = get_nlp(lang)(text)
    values = doc.user_data.get("values", {})
    return [(s.text, values[(s.start, s.end, s.label_)]) for s in doc.spans[SPAN_KEY]
            if s.label_ == "RACE"]


@pytest.mark.parametrize("text", [
    "Il a gagné le Giro dell'Emilia en octobre.",        # elided link, no space
    "Il a gagné le Giro d’Abruzzo en avril.",
    "Il a gagné le Giro delle Marche en avril.",          # Italian plural link
    "Il a gagné la Vuelta a la Isla Bonita.",    # an article after the link
])
def test_elided_link_or_article_names_another_race(text):
    # Another race: the one races.yml knows by that full name, or none; never the Giro.
    assert not {value for _, value in races("fr", text)} & GRAND_TOURS


def test_a_lone_alias_still_names_its_race():
    assert races("fr", "Sur le Giro il a gagné deux étapes, sur la Vuelta une.") == [
        ("Giro", "Giro d'Italia"), ("la Vuelta", "Vuelta a España")]


@pytest.mark.parametrize("text", [
    "Una gara inserita nel calendario UCI World Tour.",
    "Ha corso tutti e tre i Grand Tour.",
    "Ha vinto il Deutschland Tour in agosto.",
])
def test_a_one_word_alias_after_a_capitalised_word_ends_another_name(text):
    assert not {value for _, value in races("it", text)} & GRAND_TOURS


def test_an_article_opening_the_sentence_keeps_a_one_word_alias():
    assert races("it", "Il Tour parte sabato. Al Giro ha vinto due tappe.") == [
        ("Tour", "Tour de France"), ("Giro", "Giro d'Italia")]


@pytest.mark.parametrize("text", [
    "Ha vinto il Giro Next Gen a giugno.",
    "Ha vinto il Tour Auvergne a giugno.",
])
def test_a_one_word_alias_before_a_capitalised_word_starts_another_name(text):
    assert not {value for _, value in races("it", text)} & GRAND_TOURS


def test_a_year_or_a_stop_word_after_a_one_word_alias_keeps_it():
    assert races("it", "Nel Giro 2004 vinse Simoni. Il Giro, invece, parte sabato.") == [
        ("Giro", "Giro d'Italia"), ("Giro", "Giro d'Italia")]
