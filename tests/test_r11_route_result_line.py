"""The first line of a results box gives the winner's distance: "1 – Surname Given (Team)
the 143.6 km in 3h58'07''", whatever stands between the rank and the distance."""
import pytest

from ingest.nlp.lexicon import lexicon

LINES = {
    "fr": "1 – martinez <l0> ( <t1> ) les <d2> en <g3>",
    "es": "1 . <p0> ( <t1> ) , los <d2> en <g3>",
    "it": "1 ) <p0> ( <t1> ) i <d2> in <g3>",
    "pt": "1 – <p0> ( <t1> ) os <d2> em <g3>",
    "en": "1 . <p0> ( <l1> / <t2> ) the <d3> in <g4>",
    "nl": "1 . <p0> ( <t1> ) de <d2> in <g3>",
    "de": "1 . <p0> ( <t1> ) die <d2> in <g3>",
}


@pytest.mark.parametrize("lang", sorted(LINES))
def test_first_results_line_gives_distance(lang):
    abstract = LINES[lang]
    found = [m for t in lexicon(lang).distance if (m := t.regex.search(abstract))]
    assert found and found[0].group("dist") == next(w for w in abstract.split()
                                                     if w.startswith("<d"))


@pytest.mark.parametrize("lang", sorted(LINES))
def test_a_later_rank_gives_none(lang):
    abstract = LINES[lang].replace("1", "2", 1)
    assert not any(t.regex.search(abstract) for t in lexicon(lang).distance)
