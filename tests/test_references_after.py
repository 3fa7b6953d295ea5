"""`reference_openers`: in a verb-second language a reference may follow the verb
("Lørdag vandt danskeren etapen"), not only open a sentence or a clause."""

from ingest.nlp.lexicon import reference_pattern


def test_reference_after_a_listed_verb():
    pattern = reference_pattern(["{demonym}"], ["danskeren"], ["vandt", "blev"])
    assert [m.group() for m in pattern.finditer("lørdag vandt danskeren etapen")] == ["danskeren"]
    assert [m.group() for m in pattern.finditer("så blev danskeren nummer to")] == ["danskeren"]
    assert pattern.search("genvandt danskeren etapen") is None  # a whole word only
    assert pattern.search("lørdag vandt danskeren <p0> etapen") is None  # an apposition


def test_without_the_list_only_at_the_start_of_a_sentence_or_clause():
    pattern = reference_pattern(["{demonym}"], ["danskeren"])
    assert pattern.search("lørdag vandt danskeren etapen") is None
    assert pattern.search("danskeren vandt etapen")
    assert pattern.search("og , danskeren vandt")
