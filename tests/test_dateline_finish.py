"""An agency's dateline at a town the report names again ("ROUBAIX, France (AFP) – ...
Paris-Roubaix") is the finish when no template gives one; a bureau's city the body never
names again is not."""

from ingest.extract import extract
from ingest.model import Report


def _extract(text: str, lang: str = "en"):
    report = Report(path="x.txt", source="x.txt", text=text, published=None, sha256="",
                    lang=lang)
    return report, extract(report)


def test_a_dateline_named_again_is_the_finish():
    report, facts = _extract(
        "ROUBAIX, France (AFP) – Tom Reed won his first Paris-Roubaix on Sunday, beating "
        "Jan Vos in a two-man sprint. Piet Smit was third.")
    assert facts.finish is not None and facts.finish.value == "Roubaix"
    ev = facts.finish.evidence
    assert report.text[ev.start:ev.end] == "ROUBAIX"


def test_a_bureau_dateline_is_no_finish():
    _, facts = _extract(
        "HAVANA (AP) – Tom Reed won the second stage of the Tour of Cuba on Wednesday, "
        "beating Jan Vos in a sprint. Piet Smit was third.")
    assert facts.finish is None


def test_no_result_no_dateline_finish():
    _, facts = _extract(
        "NICE, France (AFP) – The riders gathered on Saturday for the team presentation "
        "ahead of Paris-Nice, which starts on Sunday.")
    assert facts.finish is None
