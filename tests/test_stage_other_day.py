"""A stage number told about another day is not the report's stage: a report that says
only "won the stage" and later names the stage a rider had already won, or counts his wins
("wygrał już trzeci etap"), states no stage number (r5 event)."""

import pytest

from ingest.extract import extract
from ingest.read import Report

CASES = [
    ("en", "Tadej Pogačar won the stage of the Tour de France in Pau. "
           "After winning stage 3 on Tuesday, he now has two wins."),
    ("en", "Tadej Pogačar won the stage of the Tour de France in Pau. "
           "He had crashed during stage 3 on Tuesday."),
    ("fr", "Tadej Pogačar a gagné l'étape du Tour de France à Pau. "
           "Il avait déjà gagné la 3e étape mardi."),
    ("it", "Tadej Pogačar ha vinto la tappa del Tour de France a Pau. "
           "Aveva già vinto la terza tappa martedì."),
    ("es", "Tadej Pogačar ganó la etapa del Tour de Francia en Pau. "
           "Ya había ganado la tercera etapa el martes."),
    ("nl", "Tadej Pogačar won de etappe van de Tour de France in Pau. "
           "Hij won dinsdag al de derde etappe."),
    ("pl", "Tadej Pogačar wygrał etap Tour de France w Pau. "
           "Wygrał już trzeci etap w tym wyścigu."),
    ("en", "Jonas Vingegaard won the stage of the Critérium du Dauphiné. "
           "He had hurt his left leg in a crash in March."),
]


@pytest.mark.parametrize(("lang", "text"), CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_another_days_stage_is_not_the_reports(lang, text):
    """(and "his left leg" names no stage)"""
    facts = extract(Report("t.txt", "t", text + "\n", None, "0", lang))
    assert facts.stage is None


@pytest.mark.parametrize(("lang", "text", "stage"), [
    ("en", "Tadej Pogačar won stage 5 of the Tour de France in Pau, his second win.", 5),
    ("fr", "Tadej Pogačar a remporté la 5e étape du Tour de France à Pau.", 5),
    ("es", "Remco Evenepoel ganó la décimo octava etapa de la Vuelta a España.", 18),
    ("es", "Remco Evenepoel conquistó la 18va etapa de la Vuelta a España.", 18),
    ("pl", "Tadej Pogačar wygrał 5. etap Tour de France w Pau.", 5),
    ("en", "Tadej Pogačar held on until the line to win stage 5 of the Tour de France.", 5),
    ("en", "Jonas Vingegaard prevailed on the seventh leg of the Critérium du Dauphiné.", 7),
    ("en", "Mark Cavendish won leg 4 of the Tour of Britain in Kendal.", 4),
    # the genitive ("am Ende des 20. Teilstücks")
    ("de", "Am Ende des 20. Teilstücks des Giro d'Italia triumphierte Michael Rogers.", 20),
    # "the previous leader" is today's loser of the jersey, not another day
    ("en", "Tadej Pogačar won stage 5 of the Tour de France, six seconds ahead of the "
           "previous leader Jonas Vingegaard.", 5),
    ("nl", "Tom Dumoulin won de vijfde etappe van de Vuelta, zes seconden voor de vorige "
           "leider Esteban Chaves.", 5),
    ("es", "Tom Dumoulin ganó la quinta etapa de la Vuelta, seis segundos por delante del "
           "anterior líder Esteban Chaves.", 5),
    ("it", "Tom Dumoulin ha vinto la quinta tappa della Vuelta, sei secondi davanti al "
           "precedente leader Esteban Chaves.", 5),
    ("pt", "Tom Dumoulin venceu a quinta etapa da Vuelta, seis segundos à frente do "
           "anterior líder Esteban Chaves.", 5),
    ("pl", "Tom Dumoulin wygrał piąty etap Vuelta a España przed Estebanem Chavesem, "
           "który był tam poprzedni lider.", 5),
])
def test_the_days_stage_is_still_read(lang, text, stage):
    facts = extract(Report("t.txt", "t", text + "\n", None, "0", lang))
    assert facts.stage is not None and facts.stage.value == stage
