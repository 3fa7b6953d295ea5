"""A rank written as a bare number in prose ("en el puesto 21", "posição 42"): the
`{num}` template placeholder (ingest/nlp/data/README.md)."""

from ingest.nlp.lexicon import compile_template


def test_num_placeholder_is_a_rank_group():
    template = compile_template("{r} terminó en el puesto {num}", {"segundo": 2})
    m = template.regex.search("<p0> terminó en el puesto 21 .")
    assert m and m.group("rr") == "<p0>" and m.group("ord") == "21"
    assert template.regex.search("<p0> terminó en el puesto segundo .") is None

