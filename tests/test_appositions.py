"""A description right before a rider's name ("der Brite Tom Harlow", "el colombiano
Juan Pérez", "the 22-year-old X") is part of how he is named: every template reads the
sentence as if only the name were written, and the evidence is still the name."""

import pytest
from text_extraction import extract_text, finishing_order


def test_german_inverted_subject_with_a_demonym():
    text = ("Die dritte Etappe der Sachsen-Rundfahrt endete im Sprint. Stattdessen siegte "
            "der Brite Tom Harlow nach 170 Kilometern im Sprint vor dem Eritreer Samuel Tekle "
            "und Jonas Baier.")
    winner = next(r for r in extract_text(text, "de").results if r.rank == 1)
    assert winner.rider == "Tom Harlow"
    assert text[winner.evidence.start:winner.evidence.end] == "Tom Harlow"


@pytest.mark.parametrize("lang, text, winner", [
    ("es", "La tercera etapa de la Vuelta a Burgos se decidió al sprint. Ganó el colombiano "
           "Juan Pérez por delante de Piet Smit y Marco Rossi.", "Juan Pérez"),
    ("pt", "A terceira etapa da Volta ao Algarve decidiu-se ao sprint. Venceu o português "
           "Rui Lopes à frente de Piet Smit e Marco Rossi.", "Rui Lopes"),
])
def test_inverted_subject_with_a_demonym(lang, text, winner):
    assert finishing_order(text, lang) == {1: winner, 2: "Piet Smit", 3: "Marco Rossi"}


def test_dutch_gap_before_a_described_rider():
    facts = extract_text(
        "Jan Maes heeft de derde etappe van de Ronde van Noorwegen gewonnen. Hij klopte Piet "
        "Smit in de sprint. Op anderhalve minuut werd de Nederlander Bram Kok derde.", "nl")
    third = next(r for r in facts.results if r.rank == 3)
    assert (third.rider, third.gap_seconds) == ("Bram Kok", 90)


def test_the_demonym_still_names_the_rider_later():
    # "the Dane" resolves to the one rider the report called a Dane
    assert finishing_order(
        "The third stage of the Tour of Norway ended in a bunch sprint in Bergen. The Dane "
        "Jonas Holm and Pieter Smit were clear of the field. The Dane beat Pieter Smit and "
        "Marco Rossi.", "en") == {1: "Jonas Holm", 2: "Pieter Smit", 3: "Marco Rossi"}


def test_a_pronoun_before_a_name_is_no_description():
    # "überholte er Tom Harlow": "er" is the subject, not a word for Harlow
    assert finishing_order(
        "Jonas Baier gewann die dritte Etappe der Sachsen-Rundfahrt. Kurz vor dem Ziel "
        "überholte er Tom Harlow, der Zweiter wurde.", "de").get(1) == "Jonas Baier"
