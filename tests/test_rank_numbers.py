"""A rank written as a bare number in prose ("en el puesto 21", "posição 42"): the
`{num}` template placeholder (ingest/nlp/data/README.md)."""

from pathlib import Path

from ingest.extract import extract
from ingest.nlp.lexicon import compile_template
from ingest.read import parse_report


def test_num_placeholder_is_a_rank_group():
    template = compile_template("{r} terminó en el puesto {num}", {"segundo": 2})
    m = template.regex.search("<p0> terminó en el puesto 21 .")
    assert m and m.group("rr") == "<p0>" and m.group("ord") == "21"
    assert template.regex.search("<p0> terminó en el puesto segundo .") is None


def test_bare_number_rank_in_a_spanish_report():
    text = (" date 2024-08 El danés Jonas Vingegaard ganó la segunda etapa tras una caída "
            "en el descenso final. Entre los colombianos, Harold Tejada finalizó en el puesto 21, "
            "a 2 segundos, y Esteban Chaves terminó en la casilla 51.")
    result = extract(parse_report(text.encode(), str(Path("x.txt"))))
    ranks = {r.rank: r.rider for r in result.results}
    assert ranks.get(21) == "Harold Tejada" and ranks.get(51) == "Esteban Chaves"
    # the general classification is no stage result
    text = (" date 2024-08 El danés Jonas Vingegaard ganó la segunda etapa tras una caída "
            "en el descenso final. En la general, Harold Tejada terminó en el puesto 21.")
    result = extract(parse_report(text.encode(), str(Path("x.txt"))))
    assert all(r.rider != "Harold Tejada" for r in result.results)
