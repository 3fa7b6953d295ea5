"""A rider joined to another by "and" or a comma is not the sentence's subject alone."""

import pytest

from ingest.extract import _joined_after
from ingest.nlp.lexicon import lexicon


@pytest.mark.parametrize("words, joined", [
    (["<p0>", ",", "<p1>", "und", "<p2>", "waren", "die", "stärksten"], True),
    (["<p0>", "und", "<p1>", "waren", "die", "stärksten"], True),
    (["<p0>", "gewann", "die", "etappe"], False),
])
def test_joined_after(words, joined):
    assert _joined_after(words, 0, lexicon("de")) is joined
