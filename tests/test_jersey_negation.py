"""A holder's verb negated ("has not retained", "n'a pas conservé", "behielt ... nicht") or
after a modal ("could", "podría", "poderia", "kan", "könnte": a hypothesis) names no
holder: the jersey is left out, in every language, while the plain sentence gives it."""

import pytest

from ingest.extract import extract
from ingest.read import parse_report

STAGES = {
    "en": "Jasper Philipsen won the fourth stage of the Tour de France in Nogaro ahead of Caleb "
          "Ewan and Phil Bauhaus after a flat day through the Landes.",
    "fr": "Jasper Philipsen a remporté la quatrième étape du Tour de France à Nogaro devant Caleb "
          "Ewan et Phil Bauhaus au terme d'une journée de plaine dans les Landes.",
    "it": "Jasper Philipsen ha vinto la quarta tappa del Tour de France a Nogaro davanti a Caleb "
          "Ewan e Phil Bauhaus dopo una giornata piatta nelle Landes.",
    "es": "Jasper Philipsen ganó la cuarta etapa del Tour de Francia en Nogaro por delante de "
          "Caleb Ewan y Phil Bauhaus tras una jornada llana por las Landas.",
    "pt": "Jasper Philipsen venceu a quarta etapa da Volta a França em Nogaro à frente de Caleb "
          "Ewan e Phil Bauhaus, depois de um dia plano nas Landes.",
    "da": "Jasper Philipsen vandt fjerde etape af Tour de France i Nogaro foran Caleb Ewan og Phil "
          "Bauhaus efter en flad dag gennem Landes.",
    "pl": "Jasper Philipsen wygrał czwarty etap Tour de France w Nogaro, wyprzedzając Caleba "
          "Ewana i Phila Bauhausa po płaskim dniu w Landach.",
    "nl": "Jasper Philipsen heeft de vierde etappe van de Tour de France gewonnen in Nogaro, voor "
          "Caleb Ewan en Phil Bauhaus, na een vlakke dag door de Landes.",
    "de": "Jasper Philipsen gewann die vierte Etappe der Tour de France in Nogaro vor Caleb Ewan "
          "und Phil Bauhaus nach einem flachen Tag durch die Landes.",
}
CASES = [  # (language, negated, plain)
    ("en", "Wout van Aert has not retained the yellow jersey after a crash.",
     "Wout van Aert has retained the yellow jersey after a crash."),
    ("en", "Wout van Aert never wore the yellow jersey again.",
     "Wout van Aert wore the yellow jersey again."),
    ("fr", "Wout van Aert n'a pas conservé le maillot jaune après sa chute.",
     "Wout van Aert a conservé le maillot jaune après sa chute."),
    ("it", "Wout van Aert non ha conservato la maglia gialla dopo la caduta.",
     "Wout van Aert ha conservato la maglia gialla dopo la caduta."),
    ("es", "Wout van Aert no pudo conservar el maillot amarillo tras la caída.",
     "Wout van Aert pudo conservar el maillot amarillo tras la caída."),
    ("pt", "Wout van Aert não manteve a camisola amarela depois da queda.",
     "Wout van Aert manteve a camisola amarela depois da queda."),
    ("da", "Wout van Aert beholdt ikke den gule trøje.", "Wout van Aert beholdt den gule trøje."),
    ("pl", "Wout van Aert nie utrzymał żółtej koszulki.", "Wout van Aert utrzymał żółtą koszulkę."),
    ("nl", "Wout van Aert behield de gele trui niet.", "Wout van Aert behield de gele trui."),
    ("de", "Wout van Aert behielt das Gelbe Trikot nicht.",
     "Wout van Aert behielt das Gelbe Trikot."),
]


def jerseys(lang: str, sentence: str) -> dict[str, str]:
    text = f" date 2022-07 \nTour\n\n{STAGES[lang]}\n\n{sentence}\n"
    report = parse_report(text.encode(), "negation.txt")
    assert report.lang == lang
    return {j.jersey: j.rider for j in extract(report).jerseys}


@pytest.mark.parametrize("lang, negated, plain", CASES, ids=[c[0] for c in CASES])
def test_a_negated_holder_is_none(lang, negated, plain):
    assert jerseys(lang, negated) == {}
    assert jerseys(lang, plain) == {"leader": "Wout van Aert"}


MODAL_CASES = [
    ("en", "Tadej Pogacar could wear the yellow jersey in the Pyrenees."),
    ("es", "Tadej Pogacar podría enfundarse el maillot amarillo en los Pirineos."),
    ("pt", "Tadej Pogacar poderia vestir a camisola amarela nos Pirenéus."),
    ("da", "Tadej Pogacar kan overtage den gule trøje i Pyrenæerne."),
    ("de", "Tadej Pogacar könnte das Gelbe Trikot in den Pyrenäen übernehmen."),
]


@pytest.mark.parametrize("lang, sentence", MODAL_CASES, ids=[c[0] for c in MODAL_CASES])
def test_a_modal_holder_is_none(lang, sentence):
    assert jerseys(lang, sentence) == {}
