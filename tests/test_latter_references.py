"""`latter_references`: "the latter" names the last of two or more riders named just
before it, in its own sentence or else in the sentence before; nobody after one rider."""

from dataclasses import replace

from ingest.extract import abstract_sentences, resolve_references
from ingest.nlp import get_nlp
from ingest.nlp.lexicon import lexicon, reference_pattern


def _riders(text: str) -> list[list[str]]:
    lex = replace(lexicon("en"), latter_references=reference_pattern(
        ["the latter"], None, None, None, anchored=False))
    sentences = abstract_sentences(get_nlp("en")(text))
    resolve_references(sentences, lex)
    return [[str(e.value) for e in sorted(s.entities.values(), key=lambda e: e.start)
             if e.label == "PERSON"] for s in sentences]


def test_the_last_of_two_riders_in_the_sentence_before():
    text = ("The sprint was a duel between Dylan Groenewegen and Caleb Ewan. "
            "The latter was the fastest again.")
    assert _riders(text)[1] == ["Caleb Ewan"]


def test_the_last_rider_before_it_in_its_own_sentence():
    text = "Tadej Pogačar beat Jonas Vingegaard, and the latter lost the lead."
    assert _riders(text)[0] == ["Tadej Pogačar", "Jonas Vingegaard", "Jonas Vingegaard"]


def test_nobody_after_a_single_rider():
    text = "Caleb Ewan waited behind the peloton. The latter was the fastest again."
    assert _riders(text)[1] == []
