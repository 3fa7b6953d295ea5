"""Engine support for languages that decline names (Polish): a declined rider's or town's
name is taken for its base form. The endings come from the language file
(case_endings, stem_endings, sure_endings); these tests give them by hand."""

from dataclasses import replace

from text_extraction import finishing_order

from ingest.nlp.components import (
    _sure_base,
    base_forms,
    declines,
    gap_seconds,
    place_base,
    quantity_patterns,
)
from ingest.nlp.lexicon import lexicon

ENDINGS = ("iego", "ego", "owi", "iem", "em", "ii", "ie", "ej", "a", "u", "e", "ę", "ą", "y", "i")
LEX = replace(lexicon("en"), case_endings=ENDINGS, stem_endings=("a", "i", "y", "o", "e"),
              sure_endings={"ę": "a", "ą": "a"})


def test_base_forms_of_declined_surnames():
    assert "Nibali" in base_forms("Nibalego", LEX)
    assert "Kwiatkowski" in base_forms("Kwiatkowskiego", LEX)
    assert "Vingegaard" in base_forms("Vingegaarda", LEX)
    assert "Alaphilippe" in base_forms("Alaphilippe'a", LEX)
    assert base_forms("Nibali", replace(LEX, case_endings=())) == []


def test_a_declined_full_name_declines_its_base_form_only():
    assert declines(["Wouta", "van", "Aerta"], ["Wout", "van", "Aert"], LEX)
    assert declines(["Dylanem", "Teunsem"], ["Dylan", "Teuns"], LEX)
    assert not declines(["Wout", "van", "Aert"], ["Wouta", "van", "Aerta"], LEX)
    assert not declines(["Simona", "Yatesa"], ["Adam", "Yates"], LEX)


def test_sure_endings():
    assert _sure_base("Eugenię", LEX) == "Eugenia"
    assert _sure_base("Bujak", LEX) == "Bujak"


def test_declined_towns_in_the_base_form_the_gazetteer_knows():
    assert place_base("Bolonii", LEX) == "Bolonia"
    assert place_base("Bielsku-Białej", LEX) == "Bielsko-Biała"
    assert place_base("Wadowic", LEX) == "Wadowice"
    assert place_base("Colmar", LEX) == "Colmar"
    assert place_base("Liège", LEX) == "Liège"  # not its alternate "Liego"
    assert place_base("Polkowic", LEX) == "Polkowice"  # its own name, not an alternate


def test_a_declined_town_that_is_also_a_hamlet_is_the_town():
    # "z Wieliczki": the genitive of Wieliczka; the gazetteer also knows a village of
    # that name, too small to be the town a report starts from
    assert place_base("Wieliczki", LEX) == "Wieliczka"
    assert place_base("Wieliczka", LEX) == "Wieliczka"


def test_minutes_and_seconds_written_with_a_dot():
    gap, _ = quantity_patterns(LEX)
    m = gap.search("ze stratą 1.45 min")
    assert m and gap_seconds(m, LEX) == 105


def test_bare_minutes_and_seconds_after_a_cue_word():
    from spacy.lang.pl import Polish

    from ingest.nlp.components import EntityFinder, split_sentences

    nlp = Polish()
    finder = EntityFinder(nlp, replace(LEX, clock_gap_cues=("stratą", "tracąc", "sięgnęła")))
    text = ("Trzecia, ze stratą 1.10, finiszowała Vos, tracąc do zwycięzcy 2.48. Było 1.10 m. "
            "Przewaga sięgnęła 4:20. Wygrał 4:2.")
    doc = finder(split_sentences(nlp(text)))
    gaps = [doc.user_data["values"][(s.start, s.end, "GAP")]
            for s in doc.spans["musette"] if s.label_ == "GAP"]
    assert gaps == [70, 168, 260]


def test_a_town_the_gazetteer_knows_is_kept_as_written():
    assert place_base("Velje", LEX) == "Velje"  # a hamlet of that name, not Velja's case
    assert place_base("Lublina", LEX) == "Lublin"  # an alternate name of the same town
    # "z Żor": "Zor" is known only as Deir ez-Zor's name with its article cut off; the
    # base form Żory is a town's own name
    assert place_base("Żor", LEX) == "Żory"


def test_a_decimal_point_glued_to_a_number_does_not_end_a_sentence():
    from spacy.lang.pl import Polish

    from ingest.nlp.components import split_sentences

    doc = split_sentences(Polish()("1. Jonas Vingegaard (Visma) 4:11.33\n2. Tadej Pogacar"))
    assert [s.text.strip() for s in doc.sents] == ["1. Jonas Vingegaard (Visma) 4:11.33",
                                                  "2. Tadej Pogacar"]


def test_a_decimal_number_before_a_full_stop_is_not_an_ordinal():
    from spacy.lang.pl import Polish

    from ingest.nlp.components import split_sentences

    doc = split_sentences(Polish()("Majka dojechał ze stratą 5.44. W generalce jest 13. Dalej."),
                          ordinal_dot=True)
    assert [s.text.strip() for s in doc.sents] == [
        "Majka dojechał ze stratą 5.44.", "W generalce jest 13. Dalej."]


def test_polish_team_nouns_and_sentence_openers():
    from ingest.nlp import get_nlp

    text = ("Wygrał Patryk Stosz z teamu Felt Felbermayr. Zaraz za nim był Jan Kowalski. "
            "Etap wiódł do Zduńskiej Woli.")
    doc = get_nlp("pl")(text)
    labels = {s.text: s.label_ for s in doc.spans["musette"]}
    values = doc.user_data["values"]
    assert labels["Felt Felbermayr"] == "TEAM"
    assert labels["Zduńskiej Woli"] == "PLACE"  # two words: a declined town, not a rider
    # a capitalised word opening a sentence is not taken for a declined town ("Zaraza")
    assert all(v != "Zaraza" for v in values.values())


def test_a_language_file_adds_women_cues_to_the_common_ones():
    assert lexicon("pl").women_cues.search("wyścig kolarek w holandii")
    assert lexicon("pl").women_cues.search("tour de france femmes")  # common.yml's
    assert not lexicon("en").women_cues.search("wyścig kolarek w holandii")


def test_a_rider_after_an_oblique_demonym_is_in_its_case():
    from ingest.nlp import get_nlp

    text = ("Wygrał Thibau Nys. Wyprzedził o trzy sekundy Brytyjczyka Lukasa Nerurkara, "
            "a z Belgiem Jensenem Plowrightem walczył do końca.")
    doc = get_nlp("pl")(text)
    people = {doc.user_data["values"][(s.start, s.end, "PERSON")]
              for s in doc.spans["musette"] if s.label_ == "PERSON"}
    assert {"Lukas Nerurkar", "Jensen Plowright"} <= people


def test_a_case_ending_that_changes_the_stems_last_consonant():
    lex = replace(LEX, stem_alternations={"ce": "ka", "dze": "ga", "rze": "ra"})
    assert "Majka" in base_forms("Majce", lex)
    assert "Dominika" in base_forms("Dominice", lex)
    assert "Olga" in base_forms("Oldze", lex)
    assert "Paweł" in base_forms("Pawła", replace(lex, stem_alternations={"ła": "eł"}))
    assert "Majka" not in base_forms("Majce", LEX)


def test_a_form_with_a_sure_ending_is_never_the_base_of_another():
    """'Rui Costę' in the prose and 'Rui Costa' in the results list: the list keeps the
    nominative, and the prose's accusative is read as it."""
    text = ("Adam Nowicki wyprzedził na mecie Rui Costę (Lampre-Merida).\n"
            "Wyniki:\n"
            "1. Adam Nowicki (Polska/CCC) 4:51.02\n"
            "2. Rui Costa (Portugalia/Lampre-Merida) strata 4 s\n"
            "3. Jan Wrona (Polska/CCC) strata 9 s\n")
    assert finishing_order(text, "pl")[2] == "Rui Costa"
