"""A rider who "won with 81 points ahead of Y (71)" tops a points standings: that order
is not the day's finishing order."""

from ingest.extract import extract
from ingest.model import Report


def _order(text: str, lang: str) -> dict[int, str]:
    report = Report(path="x.txt", source="x.txt", text=text, published=None, sha256="",
                    lang=lang)
    return {r.rank: r.rider for r in extract(report).results}


def test_german_points_win():
    order = _order(
        "Jonas Baier gewinnt die Kriteriumsserie in Süddeutschland. Der Sprinter siegte mit "
        "81 Punkten vor den beiden Kölnern Tom Harlow (71) und Piet Smit (64).", "de")
    assert 2 not in order and 3 not in order


def test_english_points_win():
    order = _order(
        "Tom Reed took the points competition of the Tour of Utah. He won with 95 points "
        "ahead of Jan Vos and Piet Smit, who were level on 80.", "en")
    assert order.get(2) != "Jan Vos"
