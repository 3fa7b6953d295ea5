"""jerseys.standings: a standing the text states without naming a jersey ("X leads the general
classification") gives that key; a leader's colour (yellow, ingest/nlp/data/jerseys.yml) is the
same jersey, so it agrees with a standing of the same rider and contradicts another's."""

from dataclasses import replace

import pytest

import ingest.extract as extract_module
from ingest.extract import extract
from ingest.nlp.lexicon import compile_template
from ingest.read import parse_report

STANDING = r"{rider} heads the standings(?= [.,;]|$)"


@pytest.fixture
def with_standing(monkeypatch):
    real = extract_module.lexicon

    def patched(lang):
        lex = real(lang)
        return replace(lex, standings=[("leader", compile_template(STANDING, {}))])

    monkeypatch.setattr(extract_module, "lexicon", patched)


def jerseys(text: str) -> dict[str, str]:
    facts = extract(parse_report(text.encode(), "standings.txt"))
    return {j.jersey: j.rider for j in facts.jerseys}


def test_a_standing_gives_its_key(with_standing):
    text = ("Jonas Vingegaard won the stage ahead of Tadej Pogacar after a long attack on the "
            "last climb of a hard day in the mountains.\n\n"
            "Tadej Pogacar heads the standings.\n")
    assert jerseys(text) == {"leader": "Tadej Pogacar"}


def test_a_standing_of_the_yellow_jersey_adds_nothing(with_standing):
    text = ("Jonas Vingegaard won the stage ahead of Tadej Pogacar after a long attack on the "
            "last climb of a hard day in the mountains.\n\n"
            "Tadej Pogacar kept the yellow jersey. Tadej Pogacar heads the standings.\n")
    assert jerseys(text) == {"leader": "Tadej Pogacar"}  # yellow leads (jerseys.yml default)


def test_a_standing_of_another_rider_contradicts_the_leaders_colour(with_standing):
    text = ("Jonas Vingegaard won the stage ahead of Tadej Pogacar after a long attack on the "
            "last climb of a hard day in the mountains.\n\n"
            "Tadej Pogacar kept the yellow jersey. Jonas Vingegaard heads the standings.\n")
    assert jerseys(text) == {}


def test_a_leaders_colour_that_is_another_role_in_the_race_leaves_the_standing(with_standing):
    # red leads where jerseys.yml does not list the race; at Tirreno-Adriatico it is the points
    # jersey, so naming it tells nothing about the leader
    text = ("Jasper Philipsen won the sixth stage of Tirreno-Adriatico in Osimo ahead of "
            "Jonathan Milan after a fast finish.\n\n"
            "Primoz Roglic heads the standings. Elia Viviani kept the red jersey.\n")
    assert jerseys(text) == {"leader": "Primoz Roglic", "points": "Elia Viviani"}
