"""A standing that names the race instead of the classification ("X is the new leader of
the Giro d'Italia", "è il nuovo leader del Giro", "es el nuevo líder del Giro", "est le
nouveau leader du Tour d'Italie") gives the leader."""

import pytest

from ingest.extract import extract
from ingest.read import parse_report

CASES = [
    ("en", "Aurélien Paret-Peintre won the fourth stage of the Giro d'Italia at Lago Laceno, "
           "ahead of Andreas Leknessund and Toms Skujins, after a long day in the breakaway.",
     "Andreas Leknessund is the new leader of the Giro d'Italia after the peloton let the "
     "break go."),
    ("it", "Aurélien Paret-Peintre ha vinto la quarta tappa del Giro d'Italia a Lago Laceno, "
           "davanti a Andreas Leknessund e Toms Skujins, dopo una lunga fuga.",
     "Andreas Leknessund è il nuovo leader del Giro d'Italia."),
    ("es", "Aurélien Paret-Peintre ganó la cuarta etapa del Giro de Italia en Lago Laceno, por "
           "delante de Andreas Leknessund y Toms Skujins, tras una larga fuga.",
     "Andreas Leknessund es el nuevo líder del Giro de Italia."),
    ("fr", "Aurélien Paret-Peintre a remporté la quatrième étape du Tour d'Italie au Lago "
           "Laceno, devant Andreas Leknessund et Toms Skujins, au terme d'une longue échappée.",
     "Andreas Leknessund est le nouveau leader du Tour d'Italie."),
]


@pytest.mark.parametrize("lang, stage, sentence", CASES, ids=[c[0] for c in CASES])
def test_the_new_leader_of_the_race(lang, stage, sentence):
    report = parse_report(f" date 2023-05 \nGiro\n\n{stage}\n\n{sentence}\n".encode(), "x.txt")
    assert report.lang == lang
    assert {j.jersey: j.rider for j in extract(report).jerseys} == {
        "leader": "Andreas Leknessund"}


@pytest.mark.parametrize("lang, stage, sentence", [
    ("it", CASES[1][1], "Andreas Leknessund balza in testa alla classifica generale con "
                        "ventotto secondi su Remco Evenepoel."),
    ("es", CASES[2][1], "Andreas Leknessund se coloca líder de la general con veintiocho "
                        "segundos sobre Evenepoel."),
], ids=["it", "es"])
def test_the_top_of_the_general_classification(lang, stage, sentence):
    test_the_new_leader_of_the_race(lang, stage, sentence)


def test_a_hypothesis_of_the_lead_is_none():
    text = (f" date 2023-05 \nGiro\n\n{CASES[1][1]}\n\nDomani Remco Evenepoel potrebbe "
            "tornare in testa alla classifica generale.\n")
    assert extract(parse_report(text.encode(), "x.txt")).jerseys == []
