"""A distance written with an apostrophe as its decimal mark ("182'1 kilómetros") is
182.1 km, not 1 km; a speed in words ("43,3 km orari", "45.2 km an hour") is no distance."""

from text_extraction import extract_text

from ingest.nlp import get_nlp


def _distances(text: str, lang: str) -> list[str]:
    doc = get_nlp(lang)(text)
    return [s.text for s in doc.spans["musette"] if s.label_ == "DIST"]


def test_an_apostrophe_as_decimal_mark():
    text = ("Iker Goñi se adjudica la cuarta etapa de la Vuelta a Asturias. La etapa, de 182'1 "
            "kilómetros, empezó en Oviedo con la salida de 140 corredores.")
    distance = extract_text(text, "es").distance_km
    assert distance is not None and distance.value == 182.1


def test_a_speed_in_words_is_no_distance():
    assert _distances("Centottanta chilometri facili, corsi a una media di 43,3 km orari.",
                      "it") == []
    assert _distances("It was a flat day, ridden at 45.2 km an hour.", "en") == []
    assert _distances("Ze reden gemiddeld 44 km per uur.", "nl") == []


def test_a_distance_before_other_words_stays_one():
    assert _distances("Een rit van 182 km per fiets naar de kust.", "nl") == ["182 km"]
