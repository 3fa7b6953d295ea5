"""A place's or climb's name does not run on over a particle into a rider riders.csv
names in full: "à Plouay de Julian Alaphilippe" is a town and a rider (r7 wc)."""

from ingest.nlp import get_nlp


def _entities(lang: str, text: str) -> list[tuple[str, str]]:
    doc = get_nlp(lang)(text)
    return [(s.text, s.label_) for s in doc.spans["musette"]]


def test_a_town_then_de_and_a_known_rider():
    found = _entities("fr", "Le public a salué la victoire à Plouay de Julian Alaphilippe.")
    assert ("Plouay", "PLACE") in found
    assert ("Julian Alaphilippe", "PERSON") in found


def test_a_climb_then_de_and_a_known_rider():
    found = _entities("fr", "Elle a fêté sa victoire au col de la Madeleine de Pauline "
                            "Ferrand-Prévot, devant une foule immense.")
    assert ("Pauline Ferrand-Prévot", "PERSON") in found
    assert not any("Madeleine de" in text for text, _ in found)


def test_a_particle_inside_a_rider_name_still_joins():
    found = _entities("fr", "Le vainqueur du jour est Mathieu van der Poel, très à l'aise.")
    assert ("Mathieu van der Poel", "PERSON") in found
