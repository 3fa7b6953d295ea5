"""A stage's number told together with its rank in the race: "la quarta ed ultima tappa",
"la seconda e più lunga tappa", "a quinta e mais longa etapa", "trzeci, ostatni etap"."""
import pytest

from ingest.extract import _stage_numbers
from ingest.nlp.lexicon import lexicon

CASES = [
    ("it", "ha vinto la 5ª ed ultima tappa del giro di sicilia", 5),
    ("it", "nella terza e più dura tappa della corsa ha attaccato da lontano", 3),
    ("pt", "conquistou a sexta e mais longa etapa da volta", 6),
    ("pl", "w niedzielę rozegrano trzeci, ostatni etap wyścigu", 3),
    ("pl", "wygrał drugi i ostatni etap", 2),
]


@pytest.mark.parametrize(("lang", "text", "number"), CASES)
def test_number_with_its_rank(lang, text, number):
    assert _stage_numbers(text, lexicon(lang)) == {number}
