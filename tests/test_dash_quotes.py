"""Quotes in a paragraph opened by a dash, for languages with `dash_quotes` (Danish)."""

from dataclasses import replace

from ingest.extract import extract_doc
from ingest.nlp import get_nlp
from ingest.nlp.lexicon import lexicon
from ingest.read import parse_report

TEXT = """Mads Pedersen vandt etapen foran Wout van Aert.

- Holdet kørte en fantastisk finale. Jeg havde bare benene til det.

- Det er en stor dag for mig og for hele holdet, siger Mads Pedersen.

- Kort svar, siger han.

Wout van Aert var skuffet.
"""


def facts(dash_quotes: bool):
    report = parse_report(TEXT.encode(), "quotes.txt")
    lex = replace(lexicon("da"), dash_quotes=dash_quotes)
    return extract_doc(get_nlp("da")(report.text), lex, report)


def test_dash_paragraphs_are_quotes_with_their_speaker():
    quotes = facts(True).quotes
    assert [q.text for q in quotes] == [
        "Holdet kørte en fantastisk finale. Jeg havde bare benene til det.",
        "Det er en stor dag for mig og for hele holdet",
    ]
    # the first paragraph names no one: its speaker is the next dash paragraph's
    assert [q.speaker for q in quotes] == ["Mads Pedersen", "Mads Pedersen"]
    for q in quotes:
        assert TEXT[q.evidence.start:q.evidence.end] == q.text


def test_without_the_flag_a_dash_is_no_quote():
    assert facts(False).quotes == []
