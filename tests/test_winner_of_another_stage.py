"""'The winner of the first stage' names a title, another day than the report's, in
Spanish, Portuguese and Polish too; 'was the winner of the second stage' is the day's, and
'the winner of the stage' (no number) too."""

import pytest
from text_extraction import extract_text


@pytest.mark.parametrize("lang, text", [
    ("es", "En la llegada a Lerma faltó el ganador de la primera etapa, Jan Maes."),
    ("pt", "Na chegada a Évora faltou o vencedor da primeira etapa, Jan Maes."),
    ("pl", "Na mecie w Opolu zabrakło triumfatora pierwszego etapu Jana Maesa."),
])
def test_winner_of_a_numbered_stage_as_a_title_is_another_day(lang, text):
    assert extract_text(text, lang).stage is None


@pytest.mark.parametrize("lang, text", [
    ("es", "Jan Maes fue el ganador de la segunda etapa de la Vuelta a Asturias."),
    ("pt", "Jan Maes foi o vencedor da segunda etapa da Volta ao Alentejo."),
    ("pl", "Jan Maes został zwycięzcą drugiego etapu Tour de Pologne."),
])
def test_was_the_winner_of_a_numbered_stage_is_the_day(lang, text):
    stage = extract_text(text, lang).stage
    assert stage is not None and stage.value == 2


@pytest.mark.parametrize("lang, text", [
    ("es", "El ganador de la quinta etapa de la Vuelta a Burgos fue Jan Maes."),
    ("pt", "A vencedora da quinta etapa da Volta ao Alentejo foi Ana Maes."),
])
def test_the_winner_of_a_numbered_stage_opening_the_sentence_is_the_day(lang, text):
    stage = extract_text(text, lang).stage
    assert stage is not None and stage.value == 5
