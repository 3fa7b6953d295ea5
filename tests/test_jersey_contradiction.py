"""A jersey given to two riders is left out, however many more sentences name it."""

from ingest.extract import extract
from ingest.read import parse_report

TEXT = """Tadej Pogacar vandt etapen foran Jonas Vingegaard efter et langt angreb i bjergene.

Tadej Pogacar beholder den gule trøje efter etapen.

Jonas Vingegaard beholder den gule trøje efter etapen.

Tadej Pogacar beholder den gule trøje efter etapen.
"""


def test_a_third_claim_after_a_contradiction():
    facts = extract(parse_report(TEXT.encode(), "jerseys.txt"))
    assert facts.jerseys == []
