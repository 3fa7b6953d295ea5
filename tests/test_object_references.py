"""`object_references`: a reference that stands as an object ("ahead of the Dane") names
the one rider named earlier who fits it, never the nearest one by guess."""

from dataclasses import replace

from ingest.extract import abstract_sentences, resolve_references
from ingest.nlp import get_nlp
from ingest.nlp.lexicon import lexicon, reference_pattern


def test_an_object_phrase_stands_anywhere_but_after_a_whole_word():
    pattern = reference_pattern(["(?<=ahead of )the {demonym}"], ["dane"], anchored=False)
    assert [m.group() for m in pattern.finditer("<p0> won ahead of the dane .")] == ["the dane"]
    assert pattern.search("<p0> won ahead of the dane <p1> .") is None  # an apposition
    assert pattern.search("<p0> won over the dane .") is None
    word = reference_pattern(["al {demonym}"], ["belga"], anchored=False)
    assert word.search("superó al belga .") and word.search("natal belga .") is None


def _resolved(text: str) -> list[str]:
    lex = lexicon("en")
    lex = replace(lex, object_references=reference_pattern(
        ["(?<=ahead of )the {demonym}", "(?<=ahead of )the {team} rider"],
        sorted(lex.demonyms), None, list(lex.titles), anchored=False))
    sentences = abstract_sentences(get_nlp("en")(text))
    resolve_references(sentences, lex)
    return [" ".join(str(e.value) for e in s.entities.values() if e.label == "PERSON")
            for s in sentences]


def test_the_one_rider_of_that_nation_named_before():
    text = ("Jonas Vingegaard and Tadej Pogačar were together on the last climb. "
            "Wout van Aert won the stage ahead of the Dane.")
    assert _resolved(text)[1] == "Wout van Aert Jonas Vingegaard"


def test_nobody_when_two_riders_fit_or_the_rider_is_named_in_the_sentence():
    two = ("Jonas Vingegaard and Mads Pedersen were together on the last climb. "
           "Wout van Aert won the stage ahead of the Dane.")
    assert _resolved(two)[1] == "Wout van Aert"
    own = "Jonas Vingegaard attacked. Jonas Vingegaard won ahead of the Dane."
    assert _resolved(own)[1] == "Jonas Vingegaard"
