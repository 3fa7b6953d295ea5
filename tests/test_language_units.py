"""A language file adds its own time units and its word for "and" (ingest/nlp/data/README.md)."""

from types import SimpleNamespace

from ingest.nlp.components import gap_seconds, quantity_patterns
from ingest.nlp.lexicon import compile_template


def _lex(**extra):
    base = dict(number_words={"to": 2}, gap_phrases={}, km_units=["km"], speed_after=[],
                second_units=["seconds", "sekunder"], minute_units=["minutes", "minut"],
                mile_units=[], and_words=())
    return SimpleNamespace(**{**base, **extra})


def test_gap_with_a_languages_own_and():
    lex = _lex(and_words=("og",))
    gap, _ = quantity_patterns(lex)
    m = gap.search("1 minut og 48 sekunder efter vinderen")
    assert m and gap_seconds(m, lex) == 108
    assert gap_seconds(gap.search("to sekunder"), lex) == 2


def test_without_and_words_the_minutes_stand_alone():
    lex = _lex()
    gap, _ = quantity_patterns(lex)
    assert gap_seconds(gap.search("1 minut og 48 sekunder"), lex) == 60


def test_riders_list_with_a_languages_own_and():
    template = compile_template("{riders} kom væk", {}, ("og",))
    m = template.regex.search("<p0> , <p1> og <p2> kom væk")
    assert m and m.group("riders") == "<p0> , <p1> og <p2>"
    plain = compile_template("{riders} kom væk", {})
    assert plain.regex.search("<p0> , <p1> og <p2> kom væk") is None


def test_scandinavian_kategori_is_a_climb_category():
    from ingest.extract import CATEGORY, category_of

    m = CATEGORY.search("op ad kategori 1-stigningen til Djupsjøen")
    assert m and category_of(m) == "1"


def test_a_word_between_the_number_and_a_written_out_unit():
    """"efter 152 kuperede kilometer", "nach 173 bergigen Kilometern": one lower-case word
    may stand between a distance and its unit written in full; not before "km", and not a
    capitalised word ("Etappe 12 Kilometer" is no distance of 12 with a word between)."""
    from ingest.nlp.components import distance_km

    lex = _lex(km_units=["km", "kilometer", "Kilometern"])
    _, dist = quantity_patterns(lex)
    m = dist.search("efter 152 kuperede kilometer vandt hun")
    assert m and distance_km(m, lex) == 152
    m = dist.search("nach 173 bergigen Kilometern im Ziel")
    assert m and distance_km(m, lex) == 173
    m = dist.search("die 14 Tapferen Kilometern")
    assert m is None or distance_km(m, lex) is None
    assert dist.search("efter 152 kuperede km") is None
    m = dist.search("efter 152 kilometer")
    assert m and distance_km(m, lex) == 152
