"""German names a rider after his home town's inhabitant word ("der Leipziger Tom
Harlow", "den beiden Kölnern ..."): the word is not part of his name."""

from ingest.extract import extract
from ingest.model import Report


def _order(text: str) -> dict[int, str]:
    report = Report(path="x.txt", source="x.txt", text=text, published=None, sha256="",
                    lang="de")
    return {r.rank: r.rider for r in extract(report).results}


def test_an_inhabitant_word_before_a_given_name_is_no_name():
    order = _order(
        "Jonas Baier gewann die dritte Etappe der Sachsen-Rundfahrt in Chemnitz. Er siegte "
        "vor den beiden Kölnern Tom Harlow und Jan Maes.")
    assert order.get(2) == "Tom Harlow"
    assert order.get(3) == "Jan Maes"

