"""A stage number in a rider's title set off by commas ("X, Sieger der ersten Etappe, ...")
or in "the first stage on Spanish soil" does not number the report's stage; "X is the
winner of the fourth stage" does."""

from text_extraction import extract_text


def _stage(text: str, lang: str):
    stage = extract_text(text, lang).stage
    return None if stage is None else stage.value


def test_a_title_between_commas_is_another_riders_stage():
    assert _stage(
        "Jonas Baier gewinnt die Königsetappe der Deutschland Tour in Winterberg vor Tom "
        "Harlow. In der Gesamtwertung führt weiter der Belgier Piet Smit, Sieger der "
        "ersten Etappe am Donnerstag, mit elf Sekunden Vorsprung.", "de") is None


def test_a_french_title_between_commas_is_another_riders_stage():
    assert _stage(
        "Jan Maes a remporté dimanche à Laval la dernière étape des Boucles de la Mayenne. "
        "Piet Smit, vainqueur de la 1re étape, s'adjuge le classement final.", "fr") is None


def test_the_winner_of_the_stage_as_predicate_numbers_it():
    assert _stage(
        "Marco Rossi è il vincitore della quarta tappa del Tour du Limousin, davanti a Jan "
        "Maes e Piet Smit, dopo 170 chilometri.", "it") == 4


def test_the_first_stage_on_a_countrys_soil_is_no_stage_number():
    assert _stage(
        "De eerste rit op Spaanse bodem in de Vuelta is gewonnen door Jan Maes. Hij was in "
        "de sprint sneller dan Piet Smit en Marco Rossi.", "nl") is None
