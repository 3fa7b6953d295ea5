"""template_claims remembers its answers for one extraction only, and they are the same."""

from __future__ import annotations

from pathlib import Path

from ingest.extract import CLAIMS, _template_ranks, abstract_sentences, extract_doc, template_claims
from ingest.nlp import get_nlp, pipeline_lang
from ingest.nlp.lexicon import lexicon
from ingest.read import read_report

REPORTS = Path(__file__).parent / "reports"


def _reports(lang: str, count: int = 6):
    for path in sorted((REPORTS / lang).glob("*.txt"))[:count]:
        report = read_report(path)
        yield report, get_nlp(report.lang)(report.text), lexicon(pipeline_lang(report.lang))


def test_the_memo_is_dropped_when_the_extraction_ends():
    for report, doc, lex in _reports("en"):
        extract_doc(doc, lex, report)
        assert CLAIMS not in doc.user_data


def test_remembered_claims_are_new_claims_with_the_same_ranks():
    for _, doc, lex in _reports("fr"):
        doc.user_data[CLAIMS] = {}
        for order, sentence in enumerate(abstract_sentences(doc)):
            first = template_claims(sentence, lex, order)
            for claim in first:
                claim.strength = 1  # find_results changes the claims it keeps
            again = template_claims(sentence, lex, order)
            assert [(c.rank, c.rider, c.entity, c.gap, c.stated) for c in again] == [
                (rank, str(entity.value), entity, gap, stated)
                for rank, entity, gap, stated in _template_ranks(sentence, lex)]
            assert all(c.strength in (2, 3) and c.sentence is sentence for c in again)
        doc.user_data.pop(CLAIMS)


def test_a_sentence_with_the_same_abstract_but_other_entities_is_read_again():
    report, doc, lex = next(_reports("en", 1))
    sentences = [s for s in abstract_sentences(doc) if "<p" in s.abstract]
    doc.user_data[CLAIMS] = {}
    first = sentences[0]
    template_claims(first, lex, 0)
    other = type(first)(**{**vars(first), "entities": dict(first.entities)})
    assert doc.user_data[CLAIMS][first.abstract][0] is first.entities
    template_claims(other, lex, 0)
    assert doc.user_data[CLAIMS][other.abstract][0] is other.entities  # not first's answer
    doc.user_data.pop(CLAIMS)
