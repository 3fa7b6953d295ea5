"""Dutch distances told with the win: "haalde het na 190 km in en rond Breda", "liet X en
Y, na 200 km koers, achter zich", "was na 4,3 km 5 seconden sneller dan"; not a
distance into the race ("na 50 km koers viel X aan")."""
import pytest

from ingest.nlp.lexicon import lexicon

FOUND = [
    "de ier haalde het na <d0> in en rond <l1> , voor <p2> .",
    "de amerikaan liet <p0> en <p1> , na <d2> koers , achter zich .",
    "de jonge renner was na <d0> <g1> sneller dan <p2> .",
]
NOT_FOUND = [
    "na <d0> koers viel <p1> aan .",
    "<p0> was na <d1> al gelost .",
]


def _distance(abstract: str) -> str | None:
    for template in lexicon("nl").distance:
        if (m := template.regex.search(abstract)) is not None:
            return m.group("dist")
    return None


@pytest.mark.parametrize("abstract", FOUND)
def test_distance_with_the_win(abstract):
    assert _distance(abstract) is not None


@pytest.mark.parametrize("abstract", NOT_FOUND)
def test_distance_into_the_race(abstract):
    assert _distance(abstract) is None
