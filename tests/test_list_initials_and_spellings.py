"""A results list's 'M. ROSSI (Team ...)' is the initial and surname of the rider the
report names in full, never 'Team M. Rossi'; a given name misspelt once ('Vicenzo') is
the rider the report also names as riders.csv knows him; 'conquistou o terceiro lugar na
etapa' is a third place, not a win."""

from text_extraction import extract_text, finishing_order


def test_an_initial_and_a_surname_in_capitals_before_a_team_in_brackets():
    text = ("Vittoria di Marc Hirschi a Chiavari\n"
            "Lo svizzero Marc Hirschi ha vinto in volata davanti a Cristian Rodriguez.\n"
            "Ordine d'arrivo:\n"
            "1) M. HIRSCHI (Uae Team Emirates) 4h51’02”\n"
            "2) C. RODRIGUEZ (Team Arkéa Samsic) a 02″\n"
            "3) L. BERTOLDI (Green Project-Bardiani) a 19″\n")
    order = finishing_order(text, "it")
    assert order[1] == "Marc Hirschi" and order[2] == "Cristian Rodriguez"
    assert order[3] == "L. Bertoldi"


def test_a_given_name_misspelt_once_is_the_known_rider():
    text = ("Le coureur italien Vincenzo Albanese a gagné la deuxième étape du Tour de "
            "l'Avenir à Mâcon. Le maillot jaune revient à Vicenzo Albanese. Vicenzo "
            "Albanese a remporté le sprint devant le Danois Mikkel Frølich Honoré.")
    assert finishing_order(text, "fr")[1] == "Vincenzo Albanese"


def test_a_third_place_on_the_stage_is_no_win():
    text = ("João Almeida conquistou o terceiro lugar na quarta etapa da Volta à Suíça, "
            "nesta quarta-feira.")
    assert 1 not in {r.rank for r in extract_text(text, "pt").results}
