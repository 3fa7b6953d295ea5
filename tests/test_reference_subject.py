"""The subject a pronoun or "the 25-year-old" looks back to: the rider a sentence opens
with, also after a short opening phrase set off by a comma; alone, not joined to another."""

from ingest.extract import _plain_word, _sole_subject, _subject, abstract_sentences
from ingest.nlp import get_nlp
from ingest.nlp.lexicon import lexicon


def _first(text: str):
    lex = lexicon("en")
    demonyms = {_plain_word(w): w for w in lex.demonyms}
    sentence = abstract_sentences(get_nlp("en")(text))[0]
    return _subject(sentence, demonyms), _sole_subject(sentence, demonyms, lex)


def test_after_an_opening_phrase():
    assert _first("In the final kilometre, Tadej Pogačar attacked.") == ("Tadej Pogačar",) * 2


def test_not_when_joined_to_another_rider():
    assert _first("In the final kilometre, Tadej Pogačar and Jonas Vingegaard attacked.") == (
        "Tadej Pogačar", None)


def test_not_after_a_phrase_that_names_a_rider():
    assert _first("Behind Jonas Vingegaard, Tadej Pogačar attacked.") == (None, None)
