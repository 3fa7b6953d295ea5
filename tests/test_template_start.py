"""A template that opens with a word matches from a word's start only."""

from ingest.nlp.lexicon import compile_template


def _search(source: str, abstract: str) -> bool:
    return compile_template(source, {}).regex.search(abstract) is not None


def test_a_template_opening_with_a_word_does_not_match_inside_another():
    template = "(?:do|o|ao) vencedor , {1}"
    assert _search(template, "e o vencedor , <p0> .")
    assert not _search(template, "enquanto o último vencedor , <p0> , fazia o 59.º tempo")


def test_a_template_opening_with_its_own_boundary_is_left_as_written():
    template = "(?:^|\\s)(?:è|e['’]) {1} a vincere"
    assert _search(template, "con una volata finale è <p0> a vincere")
