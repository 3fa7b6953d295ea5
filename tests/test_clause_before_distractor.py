"""A distractor late in a sentence ("... and now leads the general classification") does
not hide the winner its first words tell: the words before the last comma with no
distractor before it are read, when they tell a winner. Words that tell only a lower place are not
(a place told before ", in the general classification" may be the standings')."""

import pytest
from text_extraction import extract_text, finishing_order


@pytest.mark.parametrize("lang, text", [
    ("es", "La neerlandesa Lotte Brink (Team Nova) se ha llevado el viernes la etapa 4 de la "
           "Vuelta a Andalucía, disputada entre Lucena y Baena sobre 141 kilómetros, y se "
           "coloca ya como líder de la general tras un ataque que nadie pudo seguir."),
    ("en", "Lotte Brink (Team Nova) won the fourth stage of the Tour of Norway on Friday, "
           "141km from Lillehammer to Hamar, to take the overall lead of the race."),
])
def test_winner_before_a_late_distractor(lang, text):
    assert finishing_order(text, lang) == {1: "Lotte Brink"}


def test_a_lower_place_before_a_late_distractor_is_not_read():
    facts = extract_text(
        "The fourth stage of the Tour of Norway ended in Hamar. Piet Smit was second, at ten "
        "seconds, in the general classification after the day.", "en")
    assert [r for r in facts.results if r.rider == "Piet Smit"] == []


def test_nothing_before_the_distractor_gives_nothing():
    facts = extract_text(
        "In the general classification, Lotte Brink won by ten seconds ahead of Piet Smit.",
        "en")
    assert facts.results == []


def test_two_word_name_is_the_longer_name_it_opens():
    # "Marta Ruiz" after "Marta Ruiz Soler": one rider, not two winners that cancel out
    text = ("Marta Ruiz Soler (Team Nova) won the third stage of the Tour of Norway in Hamar. "
            "Marta Ruiz crossed the line first, in the jersey of Spanish champion she won in "
            "June.")
    assert finishing_order(text, "en") == {1: "Marta Ruiz Soler"}


def test_a_clause_about_bonus_seconds_after_the_winner_keeps_the_sentence_out():
    # the strongest at an intermediate sprint: the tail tells of bonus seconds
    facts = extract_text(
        "A última etapa da Volta ao Alentejo acabou em Évora. Em Borba houve luta e aí Rui "
        "Lopes foi o mais forte, só que Piet Smit e Jan Maes estavam atentos e também "
        "bonificaram.", "pt")
    assert [r for r in facts.results if r.rank == 1] == []


def test_a_capitalised_word_of_three_hyphenated_parts_does_not_stop_the_reading():
    # "Meyrignac-l'Église": one written word, three words to the name key (it crashed the
    # two-word form's lookup)
    order = finishing_order("Piet Smit a gagné la septième étape du Tour du Limousin à "
                            "Meyrignac-l'Église devant Jan Maes.", "fr")
    assert order[1] == "Piet Smit"
