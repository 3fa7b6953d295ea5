"""A town the name finder cut in two beside a capitalised word it left out ("a Marinha
Grande", "e São Carlos") is read whole by the route templates when the gazetteer knows the
whole name as a town."""

import pytest

from ingest.extract import extract
from ingest.gazetteer import town_population
from ingest.model import Report

pytestmark = pytest.mark.skipif(town_population("Marinha Grande") is None,
                                reason="no gazetteer index")


def _extract(text: str, lang: str):
    report = Report(path="x.txt", source="x.txt", text=text, published=None, sha256="",
                    lang=lang)
    return report, extract(report)


def test_a_town_cut_before_a_capitalised_word_is_read_whole():
    report, facts = _extract("Quase 200 quilómetros ligaram a Marinha Grande a Loures, na "
                             "etapa mais longa da Volta a Portugal, ganha por Mikel Aristi.",
                             "pt")
    assert facts.start is not None and facts.start.value == "Marinha Grande"
    ev = facts.start.evidence
    assert report.text[ev.start:ev.end] == "Marinha Grande"
    assert facts.finish is not None and facts.finish.value == "Loures"


def test_a_town_cut_after_a_capitalised_word_is_read_whole():
    _, facts = _extract("André Grizante venceu a quarta etapa da Volta de São Paulo, com 215 "
                        "quilómetros entre Atibaia e São Carlos.", "pt")
    assert facts.finish is not None and facts.finish.value == "São Carlos"


def test_a_place_and_a_lower_case_word_stay_apart():
    _, facts = _extract("Fernando Gaviria ganó la etapa entre Lerma y Burgos el domingo.", "es")
    assert facts.finish is not None and facts.finish.value == "Burgos"
