"""Distances told with the arrival or the winner's whole ride: German "bei der Bergankunft
nach 150 km am X", Italian "percorrendo i 160 km del percorso"; not a distance to go."""
import pytest

from ingest.nlp.lexicon import lexicon

CASES = [
    ("de", "bei der bergankunft nach <d0> am <l1> gewann <p2> knapp .", True),
    ("de", "bei der zielankunft nach <d0> in <l1> jubelte <p2> .", True),
    ("de", "<p0> griff <d1> vor der bergankunft an .", False),
    ("it", "<p0> ha vinto percorrendo i <d1> del percorso con una media oraria alta .", True),
    ("it", "<p0> ha attaccato a <d1> dall' arrivo .", False),
]


@pytest.mark.parametrize(("lang", "abstract", "found"), CASES)
def test_distance(lang, abstract, found):
    hit = any(t.regex.search(abstract) for t in lexicon(lang).distance)
    assert hit is found
