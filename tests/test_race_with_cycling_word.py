"""'Vuelta Ciclista a X', 'Tour Cycliste de X': a race word, a word for cycling, then a
place is another race than the grand tour the race word alone names."""

from text_extraction import extract_text


def test_vuelta_ciclista_a_a_place_we_do_not_list_is_no_vuelta_a_espana():
    facts = extract_text("Juan Pérez se impuso en la etapa 3 de la Vuelta Ciclista a Chiriquí, "
                         "con llegada en David.", "es")
    assert facts.race is None


def test_vuelta_ciclista_a_a_listed_race():
    facts = extract_text("En Cartago se impuso Juan Pérez en la etapa 3 de la Vuelta Ciclista a "
                         "Costa Rica.", "es")
    assert facts.race is not None and facts.race.value == "Vuelta a Costa Rica"
