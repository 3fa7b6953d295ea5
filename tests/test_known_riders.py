"""The riders list (ingest/nlp/data/riders.csv): surname-only riders and nationalities."""

from __future__ import annotations

import pytest

from ingest.extract import extract
from ingest.model import Extraction, Report
from ingest.nlp.riders import demonym_nations, known_riders


def facts(text: str, lang: str = "en") -> Extraction:
    return extract(Report("r.txt", "r.txt", text, None, "0" * 64, lang))


def ranks(x: Extraction) -> dict[int, str]:
    return {r.rank: r.rider for r in x.results}


def kinds(x: Extraction, text: str) -> set[str]:
    return {m.kind for m in x.mentions if m.text == text}


def test_the_list_loads_with_a_country_for_every_rider():
    riders = known_riders()
    assert riders.nation("Tadej Pogacar") == "SLO"  # accents do not matter
    assert riders.is_surname("Van der Poel") and riders.is_surname("van Aert")
    assert not riders.is_surname("Tadej")  # a first name is not a surname
    assert demonym_nations()["belge"] == "BEL" and demonym_nations()["deen"] == "DEN"


def test_a_surname_never_written_in_full_is_a_rider_not_a_place():
    x = facts("Pogačar beat Vingegaard on the final climb.")
    assert ranks(x) == {1: "Pogačar", 2: "Vingegaard"}


def test_the_surname_is_kept_as_written_never_expanded_to_a_guessed_full_name():
    # Two riders are called Yates: the text does not say which one, neither do we.
    x = facts("Yates beat Vingegaard on the final climb.")
    assert ranks(x)[1] == "Yates"


@pytest.mark.parametrize("text, place", [
    ("The race left from Bilbao in the rain.", "Bilbao"),
    ("L'étape est partie depuis Bilbao sous la pluie.", "Bilbao"),
])
def test_after_a_preposition_a_riders_surname_is_still_a_town(text, place):
    lang = "fr" if text.startswith("L'") else "en"
    assert "rider" not in kinds(facts(text, lang), place)


@pytest.mark.parametrize("text, lang, rider", [
    ("Jonas Vingegaard lost 25 seconds to Pogačar on the last climb.", "en", "Pogačar"),
    ("El líder aventaja en 25 segundos a Pogačar en la general.", "es", "Pogačar"),
    ("Hij heeft nu 25 seconden voorsprong op Vingegaard.", "nl", "Vingegaard"),
    ("Nella volata è stato battuto da Evenepoel.", "it", "Evenepoel"),
])
def test_after_a_preposition_a_surname_no_town_bears_is_a_rider(text, lang, rider):
    assert "rider" in kinds(facts(text, lang), rider)


def test_a_particle_opening_a_sentence_is_capitalised_and_the_surname_still_a_rider():
    x = facts("Van der Breggen beat Amanda Spratt in the sprint.")
    assert ranks(x) == {1: "Van der Breggen", 2: "Amanda Spratt"}


def test_a_sentences_first_word_must_be_written_as_the_list_writes_it():
    # "Más" (Spanish "more") folds to the key of Enric Mas; only "Mas" is the rider.
    x = facts("Más de cien corredores llegaron juntos a Sevilla.", "es")
    assert "rider" not in kinds(x, "Más")


def test_a_demonym_is_not_resolved_to_a_rider_known_to_be_of_another_country():
    x = facts("Belgian sprinter wins in Tours\n\n"
              "Jonas Vingegaard lost time in the crosswinds on the road to Tours.\n"
              "The Belgian beat Fabio Jakobsen in the final sprint.")
    assert 1 not in ranks(x)


def test_a_demonym_picks_the_one_rider_of_that_country():
    x = facts("Tadej Pogačar and Jonas Vingegaard attacked on the Col de la Loze.\n"
              "The Slovenian beat Richard Carapaz in the sprint for the line.")
    assert ranks(x)[1] == "Tadej Pogačar"


# Countries riders.csv may name that demonyms.yml has no demonyms for (IOC codes).
OTHER_NATIONS = {
    "ALG", "ARG", "BLR", "BRA", "BUL", "CHI", "CRC", "CRO", "CUB", "ETH", "FIN", "GRE",
    "HUN", "IRI", "ISR", "JPN", "LTU", "MAR", "MAS", "MEX", "MRI", "NAM", "PAN", "ROU",
    "RWA", "SRB", "SWE", "THA", "TUR", "URU", "UZB", "VEN",
}


def test_the_list_names_each_rider_once_with_a_known_country_code():
    import csv
    import re
    from collections import Counter

    from ingest.gazetteer import name_key
    from ingest.nlp.lexicon import DATA

    with (DATA / "riders.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    keys = Counter(name_key(row["name"]) for row in rows)
    assert not {key for key, n in keys.items() if n > 1}  # one row per person
    nations = set(demonym_nations().values()) | OTHER_NATIONS
    bad = {(row["name"], row["nation"]) for row in rows
           if not re.fullmatch(r"[A-Z]{3}", row["nation"]) or row["nation"] not in nations}
    assert not bad
    names = [row["name"] for row in rows]
    assert names == sorted(names)  # kept sorted


def test_no_rider_left_out_in_riders_excluded_md_is_back_in_the_list():
    from ingest.gazetteer import name_key
    from ingest.nlp.lexicon import DATA

    lines = (DATA / "riders_excluded.md").read_text(encoding="utf-8").splitlines()
    left_out = {name_key(line[2:].split(":")[0]) for line in lines if line.startswith("- ")}
    assert len(left_out) > 100
    assert not left_out & set(known_riders().nations)
    assert not known_riders().is_surname("Koch")  # German "cook": Jonas Koch is left out


def test_demonyms_are_keyed_as_the_extraction_compares_them():
    from ingest.extract import _plain_word

    assert demonym_nations()[_plain_word("norte-americano")] == "USA"
    assert demonym_nations()[_plain_word("l’Érythréen")] == "ERI"


def test_a_full_name_the_list_knows_is_a_rider_even_with_a_climb_word():
    # "Cima" opens climbs' names (Cima Coppi); "Damiano Cima" is a rider riders.csv names.
    x = facts("Damiano Cima beat Pascal Ackermann in the sprint.")
    assert ranks(x) == {1: "Damiano Cima", 2: "Pascal Ackermann"}


def test_a_demonym_is_the_one_rider_of_that_country_named_earlier_in_the_report():
    # The sentence before names only an Italian: the Dane is the one Dane named before.
    x = facts("Mads Pedersen won in Arles\n\n"
              "Mads Pedersen and Marco Frigo were in the front group.\n"
              "Marco Frigo attacked 20 km from the line.\n"
              "The group caught Frigo with a kilometre to go.\n"
              "The Dane beat Arnaud De Lie in the sprint.")
    assert ranks(x) == {1: "Mads Pedersen", 2: "Arnaud De Lie"}


def test_a_demonym_is_nobody_when_an_earlier_rider_has_no_known_country():
    # John Fieldhouse is in no list and the text gives no nationality: he may be a Dane.
    # (A headline stating the winner would give him when the body places nobody.)
    x = facts("Sprint in Arles\n\n"
              "Mads Pedersen and John Fieldhouse were in the front group.\n"
              "Marco Frigo attacked 20 km from the line.\n"
              "The group caught Frigo with a kilometre to go.\n"
              "The Dane beat Arnaud De Lie in the sprint.")
    assert 1 not in ranks(x)


def test_a_demonym_is_nobody_when_the_report_gives_it_to_a_name_read_as_a_climb():
    # "The Italian Mario Monte": an apposition, and an Italian we cannot tell from Ganna.
    x = facts("Ganna and Pogačar\n\n"
              "The Italian Mario Monte attacked on the climb.\n"
              "Filippo Ganna and Tadej Pogačar followed him.\n"
              "Tadej Pogačar was dropped on the descent.\n"
              "The Italian beat Arnaud De Lie in the sprint.")
    assert 1 not in ranks(x)


def test_a_team_reference_is_the_one_rider_the_report_gives_that_team():
    x = facts("Van Vleuten gana en Le Markstein\n\n"
              "Annemiek van Vleuten (Movistar) y Demi Vollering (SD Worx) atacaron en el "
              "Platzerwasel.\nElisa Longo Borghini y Juliette Labous perdieron contacto.\n"
              "La corredora del Movistar ganó la etapa por delante de Vollering.", "es")
    assert ranks(x) == {1: "Annemiek van Vleuten", 2: "Demi Vollering"}


def test_a_title_reference_holds_the_title_it_names():
    from ingest.nlp.lexicon import reference_pattern

    pattern = reference_pattern(["the {title}"], [], None, ["world champion"])
    m = pattern.match("the world champion beat <p0> in the sprint .")
    assert m and m.group("tit0") == "world champion"
    assert not pattern.match("the world champion <p0> beat <p1> .")  # an apposition


def test_the_world_champion_is_nobody_when_the_report_gives_no_rider_that_title():
    # (A headline stating the winner would give him when the body places nobody.)
    x = facts("Sprint in Lecce\n\nMads Pedersen and Tadej Pogačar were in the front "
              "group.\nJonas Vingegaard attacked 20 km from the line.\n"
              "The world champion beat Arnaud De Lie in the sprint.")
    assert 1 not in ranks(x)


def test_of_two_riders_of_the_demonyms_country_it_is_the_one_the_sentence_is_about():
    # Jakobsen and Van der Poel are both Dutch: the headline is about Jakobsen.
    x = facts("Fabio Jakobsen takes the last stage, Mathieu van der Poel the overall\n\n"
              "The Dutchman beat Jasper Philipsen and Thibau Nys in the sprint.")
    assert ranks(x) == {1: "Fabio Jakobsen", 2: "Jasper Philipsen", 3: "Thibau Nys"}
    # "A and B were the strongest": neither is the subject alone (en coref_02_ambiguous)
    x = facts("Fabio Jakobsen and Dylan Groenewegen were the fastest men all week.\n"
              "The Dutchman beat Jasper Philipsen in the sprint.")
    assert 1 not in ranks(x)


def test_the_list_knows_each_riders_sex_and_a_surname_only_when_it_is_unambiguous():
    known = known_riders()
    assert known.sex("Lorena Wiebes") == "F" and known.sex("Wiebes") == "F"
    assert known.sex("Tadej Pogačar") == "M"
    assert known.sex("Thomas") is None  # Geraint Thomas and Leah Thomas
    assert known.sex("Jan Novak") is None  # unknown: never guessed
    assert 300 < len(known.women) < len(known.nations)


def test_a_former_title_names_no_one_now():
    x = facts("Pedersen wins in Lecce\n\nFormer world champion Philippe Gilbert and Tadej "
              "Pogačar were in the front group.\nJonas Vingegaard attacked 20 km from the "
              "line.\nThe world champion beat Arnaud De Lie in the sprint.")
    assert 1 not in ranks(x)
    x = facts("Pedersen wins in Lecce\n\nMads Pedersen, the world champion, and Tadej "
              "Pogačar were in the front group.\nJonas Vingegaard attacked 20 km from the "
              "line.\nThe world champion beat Arnaud De Lie in the sprint.")
    assert ranks(x)[1] == "Mads Pedersen"  # the title set off after his name


@pytest.mark.parametrize("text, word, kind", [
    ("Hun vandt etapen til norske Norefjell sidste år.", "Norefjell", "place"),
    ("Han vandt i franske Briançon.", "Briançon", "place"),
    ("Han slog hollandske Kooij i spurten.", "Kooij", "rider"),
])
def test_a_danish_demonym_adjective_before_a_town_does_not_make_it_a_rider(text, word, kind):
    assert kinds(facts(text, "da"), word) == {kind}


def test_a_title_nobody_is_given_names_the_one_rider_named_before():
    # r8 refs: "the world champion" in a report that has named only one rider is him
    x = facts("Cold finish in Mons\n\nMads Pedersen stayed near the front all day.\n"
              "The world champion beat Arnaud De Lie in the sprint.")
    assert ranks(x) == {1: "Mads Pedersen", 2: "Arnaud De Lie"}
    # two riders named before: nobody (the title holder may be either, or another)
    x = facts("Cold finish in Mons\n\nMads Pedersen and Tadej Pogačar rode in front.\n"
              "The world champion beat Arnaud De Lie in the sprint.")
    assert 1 not in ranks(x)
