"""jerseys.boxes: a results box line ("Yellow jersey: X") is read in the body even where it has
no full stop and so is shaped like a headline; the title itself is not read."""

from dataclasses import replace

import pytest

import ingest.extract as extract_module
from ingest.extract import extract
from ingest.nlp.lexicon import compile_template
from ingest.read import parse_report

BOX = r"^{jersey} : {rider}(?= [.,;]|\s*$)"
STAGE = ("Jonas Vingegaard won the stage ahead of Tadej Pogacar after a long attack on the "
         "last climb of a hard day in the mountains.\n\n")


@pytest.fixture
def with_box(monkeypatch):
    real = extract_module.lexicon

    def patched(lang):
        lex = real(lang)
        return replace(lex, jerseys=[], jersey_boxes=[compile_template(BOX, {})])

    monkeypatch.setattr(extract_module, "lexicon", patched)


def jerseys(text: str) -> dict[str, str]:
    facts = extract(parse_report(text.encode(), "boxes.txt"))
    return {j.jersey: j.rider for j in facts.jerseys}


def test_a_box_line_without_a_full_stop_is_read(with_box):
    text = STAGE + "Yellow jersey: Tadej Pogacar\n\nGreen jersey: Jasper Philipsen\n"
    assert jerseys(text) == {"leader": "Tadej Pogacar", "green": "Jasper Philipsen"}


def test_the_title_is_not_a_box(with_box):
    text = "Yellow jersey: Tadej Pogacar\n\n" + STAGE
    assert jerseys(text) == {}


@pytest.fixture
def with_standing_box(monkeypatch):
    real = extract_module.lexicon

    def patched(lang):
        lex = real(lang)
        box = compile_template(r"^mountains : {rider}(?= [.,;]|\s*$)", {})
        return replace(lex, jerseys=[], jersey_boxes=[], standing_boxes=[("mountains", box)])

    monkeypatch.setattr(extract_module, "lexicon", patched)


def test_a_standing_box_line_without_a_full_stop_is_read(with_standing_box):
    # jerseys.standing_boxes: a line naming a role, not a jersey ("Mountains: X")
    text = STAGE + "Mountains: Jonas Abrahamsen\n"
    assert jerseys(text) == {"mountains": "Jonas Abrahamsen"}


def test_the_title_is_not_a_standing_box(with_standing_box):
    text = "Mountains: Jonas Abrahamsen\n\n" + STAGE
    assert jerseys(text) == {}
