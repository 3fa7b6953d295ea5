"""German names a rider after his home town's inhabitant word ("der Leipziger Tom
Harlow", "den beiden Kölnern ..."): the word is not part of his name."""

from text_extraction import finishing_order


def test_an_inhabitant_word_before_a_given_name_is_no_name():
    order = finishing_order(
        "Jonas Baier gewann die dritte Etappe der Sachsen-Rundfahrt in Chemnitz. Er siegte "
        "vor den beiden Kölnern Tom Harlow und Jan Maes.", "de")
    assert order.get(2) == "Tom Harlow"
    assert order.get(3) == "Jan Maes"

