"""A holder's verb after a modal ("could", "podría", "poderia", "kan", "könnte") is a
hypothesis, not the jersey after the stage: it yields nothing."""

import pytest

from ingest.extract import extract
from ingest.read import parse_report

STAGES = {
    "en": "Jasper Philipsen won the fourth stage of the Tour de France in Nogaro ahead of Caleb "
          "Ewan and Phil Bauhaus after a flat day through the Landes.",
    "es": "Jasper Philipsen ganó la cuarta etapa del Tour de Francia en Nogaro por delante de "
          "Caleb Ewan y Phil Bauhaus tras una jornada llana por las Landas.",
    "pt": "Jasper Philipsen venceu a quarta etapa da Volta a França em Nogaro à frente de Caleb "
          "Ewan e Phil Bauhaus, depois de um dia plano nas Landes.",
    "da": "Jasper Philipsen vandt fjerde etape af Tour de France i Nogaro foran Caleb Ewan og Phil "
          "Bauhaus efter en flad dag gennem Landes.",
    "de": "Jasper Philipsen gewann die vierte Etappe der Tour de France in Nogaro vor Caleb Ewan "
          "und Phil Bauhaus nach einem flachen Tag durch die Landes.",
}
CASES = [
    ("en", "Tadej Pogacar could wear the yellow jersey in the Pyrenees."),
    ("es", "Tadej Pogacar podría enfundarse el maillot amarillo en los Pirineos."),
    ("pt", "Tadej Pogacar poderia vestir a camisola amarela nos Pirenéus."),
    ("da", "Tadej Pogacar kan overtage den gule trøje i Pyrenæerne."),
    ("de", "Tadej Pogacar könnte das Gelbe Trikot in den Pyrenäen übernehmen."),
]


@pytest.mark.parametrize("lang, sentence", CASES, ids=[c[0] for c in CASES])
def test_a_modal_holder_is_none(lang, sentence):
    text = f" date 2022-07 \nTour\n\n{STAGES[lang]}\n\n{sentence}\n"
    report = parse_report(text.encode(), "modal.txt")
    assert report.lang == lang
    assert extract(report).jerseys == []
