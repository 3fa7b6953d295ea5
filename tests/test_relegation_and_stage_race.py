"""Two distractors told in every language.

A jury's decision told with an infinitive ("de jury besloot X te diskwalificeren", "decided
to relegate X") relegates X like a passive does: the order that puts him first is the one
on the road. French and Polish reports relegate riders too.

A stage race won ("his first stage race", "sa première course par étapes") is the overall,
not the day; a stage of a stage race won is the day's."""

import pytest
from text_extraction import finishing_order


@pytest.mark.parametrize("lang, text", [
    ("nl", "Piet Smit was de snelste in Goes, voor Jan Maes. De jury besloot Smit echter te "
           "diskwalificeren, omdat hij Maes had gehinderd."),
    ("de", "Piet Smit gewann den Sprint in Selb vor Jan Maes. Die Jury entschied aber, Smit "
           "wegen einer Behinderung zu disqualifizieren."),
    ("en", "Piet Smit beat Jan Maes in the sprint in Hamar. The jury later decided to relegate "
           "Smit for an irregular sprint."),
    ("es", "Piet Smit ganó el sprint en Lerma por delante de Jan Maes. El jurado decidió "
           "descalificar a Smit por un cambio de trayectoria."),
    ("it", "Piet Smit ha vinto la volata di Palermo davanti a Jan Maes. La giuria ha deciso di "
           "squalificare Smit per una volata irregolare."),
    ("pt", "Piet Smit venceu o sprint em Évora à frente de Jan Maes. O júri decidiu "
           "desclassificar Smit por um desvio na reta final."),
    ("da", "Piet Smit vandt spurten i Vejle foran Jan Maes. Juryen besluttede at diskvalificere "
           "Smit for en farlig spurt."),
    ("fr", "Piet Smit a devancé Jan Maes au sprint à Limoges. Il a ensuite été déclassé par le "
           "jury. Smit a été déclassé pour un sprint irrégulier."),
    ("pl", "Piet Smit wygrał sprint w Karpaczu przed Janem Maesem. Smit został jednak "
           "zdyskwalifikowany przez sędziów."),
])
def test_relegated_winner_is_no_winner(lang, text):
    assert 1 not in finishing_order(text, lang)


@pytest.mark.parametrize("lang, text", [
    ("en", "Stage ten of the Tour of Norway ended in Hamar. Piet Smit won his first stage race."),
    ("fr", "La dixième étape du Tour du Limousin a fini à Limoges. Piet Smit a remporté sa "
           "première course par étapes."),
    ("it", "La decima tappa del Giro di Sicilia è finita a Palermo. Piet Smit ha vinto la sua "
           "prima corsa a tappe."),
    ("es", "La décima etapa de la Vuelta a Burgos terminó en Lerma. Piet Smit logró su primera "
           "victoria en una prueba por etapas."),
    ("pt", "A décima etapa da Volta ao Alentejo terminou em Évora. Piet Smit conquistou a sua "
           "primeira vitória numa prova de etapas."),
    ("pl", "Dziesiąty etap Tour de Pologne zakończył się w Karpaczu. Piet Smit wygrał swój "
           "pierwszy wyścig etapowy."),
])
def test_a_stage_race_won_is_not_the_day(lang, text):
    assert finishing_order(text, lang) == {}


@pytest.mark.parametrize("lang, text", [
    ("en", "Piet Smit won the third stage of the five-day stage race in Hamar."),
    ("fr", "Piet Smit a remporté la troisième étape de cette course par étapes à Limoges."),
    ("es", "Piet Smit ganó la tercera etapa de la carrera por etapas en Lerma."),
])
def test_a_stage_of_a_stage_race_won_is_the_day(lang, text):
    assert finishing_order(text, lang) == {1: "Piet Smit"}
