"""A finish atop a climb named after the town it climbs into ("Mur de Huy", "côte de
Meudon") is that town's finish; a summit finish named otherwise stays the climb."""

import pytest

from ingest.extract import _town_of_climb
from ingest.model import Evidence, Value
from ingest.nlp.lexicon import lexicon


def _finish(text: str, climb: str) -> Value:
    start = text.index(climb)
    return Value(climb, Evidence(0, len(text), start, start + len(climb)))


def test_a_wall_named_after_its_town_finishes_in_the_town():
    from ingest.gazetteer import town_population

    if town_population("Huy") is None:
        pytest.skip("no gazetteer index")
    text = "Il s'est imposé en haut du Mur de Huy."
    finish = _town_of_climb(_finish(text, "Mur de Huy"), lexicon("fr"))
    assert finish.value == "Huy"
    assert text[finish.evidence.start:finish.evidence.end] == "Huy"


def test_a_summit_finish_stays_the_climb():
    text = "Il a gagné au sommet du Col du Galibier."
    finish = _town_of_climb(_finish(text, "Col du Galibier"), lexicon("fr"))
    assert finish.value == "Col du Galibier"


def test_a_route_from_the_town_up_its_wall_keeps_the_wall():
    text = "143,5 km z Huy do Mur de Huy."
    start = Value("Huy", Evidence(0, len(text), text.index("Huy"), text.index("Huy") + 3))
    finish = _town_of_climb(_finish(text, "Mur de Huy"), lexicon("pl"), start)
    assert finish.value == "Mur de Huy"
