"""A rider's team stated around him (`team_patterns`) or joined to a word for him
(`team_compound_heads`): data in the language files, read by the engine."""

from collections import defaultdict
from dataclasses import replace

import pytest

from ingest.extract import abstract_sentences, fold_team_links
from ingest.nlp import get_nlp
from ingest.nlp.components import SPAN_KEY, EntityFinder, merge_joined_component
from ingest.nlp.lexicon import lexicon, reference_pattern, team_pattern


def test_a_team_pattern_names_its_groups():
    m = team_pattern("{team} 's {rider}").search("won by <t0> 's <p1> today")
    assert (m["team"], m["rider"]) == ("<t0>", "<p1>")
    assert team_pattern("{team} 's {rider}").search("<t10> 's <p1>")["team"] == "<t10>"
    with pytest.raises(ValueError):
        team_pattern("{team} rider")


def teams_of(lang: str, text: str, patterns: list[str]) -> dict[str, str]:
    lex = replace(lexicon(lang), team_patterns=tuple(team_pattern(p) for p in patterns))
    sentences = abstract_sentences(get_nlp(lang)(text))
    before = [s.abstract for s in sentences]
    fold_team_links(sentences, lex)
    assert [s.abstract for s in sentences] == before  # the words stay for the templates
    return {str(s.entity(p).value): team for s in sentences for p, team in s.teams.items()}


def test_a_team_pattern_gives_the_rider_his_team_and_leaves_the_sentence():
    text = "Lorena Wiebes, who rides for Movistar, beat Marianne Vos in the sprint."
    assert teams_of("en", text, ["{rider} , who rides for {team}"]) == {
        "Lorena Wiebes": "Movistar"}
    assert teams_of("en", text, []) == {}


def test_a_compound_of_a_listed_team_and_a_head_word_is_the_team():
    nlp = get_nlp("de")
    lex = replace(lexicon("de"), team_compound_heads=frozenset({"profi"}))
    finder = EntityFinder(nlp, lex)

    def teams(text: str) -> list[tuple[str, str]]:
        doc = merge_joined_component(nlp.make_doc(text))
        doc = finder(nlp.get_pipe("musette_sentences")(doc))
        values = doc.user_data["values"]
        return [(s.text, values[(s.start, s.end, s.label_)]) for s in doc.spans[SPAN_KEY]
                if s.label_ == "TEAM"]

    assert teams("Der Movistar-Profi Enric Mas gewann.") == [("Movistar-Profi", "Movistar")]
    assert teams("Der Movistar-Teamchef lachte.") == []  # not a head word
    assert teams("Der Ex-Movistar-Profi gewann.") == []  # "Ex-Movistar" is no team


def test_a_reference_that_names_a_team_gives_the_rider_that_team():
    from ingest.extract import resolve_references

    def teams(text: str, phrases: list[str]) -> dict[str, str]:
        lex = replace(lexicon("en"), references=reference_pattern(
            ["he", *(p.replace("{team}", r"<t\d+>") for p in phrases)], []))
        sentences = abstract_sentences(get_nlp("en")(text))
        resolve_references(sentences, lex)
        return {str(s.entity(p).value): t for s in sentences for p, t in s.teams.items()}

    text = "Elia Rossetti won the stage in Harrogate. The Cofidis rider attacked with 2 km to go."
    assert teams(text, ["the {team} rider"]) == {"Elia Rossetti": "Cofidis"}
    assert teams(text, []) == {}
    # the report gives him another team: the phrase is about someone else
    other = "Elia Rossetti (Movistar) won the stage. The Cofidis rider attacked with 2 km to go."
    assert teams(other, ["the {team} rider"]) == {"Elia Rossetti": "Movistar"}


def test_a_team_in_capitals_is_the_team():
    doc = get_nlp("en")("2. Zdenek STYBAR, QUICK-STEP FLOORS, at :00; 3. Jan BAKER, EF, at :05")
    values = doc.user_data["values"]
    assert [values[(s.start, s.end, s.label_)] for s in doc.spans[SPAN_KEY]
            if s.label_ == "TEAM"] == ["Quick-Step", "EF Education-EasyPost"]


@pytest.mark.parametrize("lang,abstract", [
    ("fr", "<p0> , le coureur de <t1> , <p2> et <p3> se sont disputé la victoire ."),
    ("it", "<p0> , il portacolori della <t1> , <p2> e <p3> hanno lottato ."),
])
def test_an_apposition_to_one_rider_gives_no_team_to_the_next(lang, abstract):
    # the team is <p0>'s, set off by commas: never the rider after the second comma
    hits = [(m["rider"], m["team"]) for p in lexicon(lang).team_patterns
            for m in p.finditer(abstract)]
    assert ("<p2>", "<t1>") not in hits


def test_a_team_written_with_spaced_dashes_is_the_team():
    doc = get_nlp("it")("11 NIZZOLO Giacomo Israel – Premier Tech ,, 12 FIORELLI Filippo")
    values = doc.user_data["values"]
    assert [values[(s.start, s.end, s.label_)] for s in doc.spans[SPAN_KEY]
            if s.label_ == "TEAM"] == ["Israel-Premier Tech"]


@pytest.mark.parametrize("lang", ["en", "nl", "fr", "it", "es", "pt", "de", "da", "pl"])
def test_no_alias_names_two_teams(lang):
    """With the language file's additions: an alias of two teams would give a rider
    whichever team the matcher happened to list last."""
    owners: dict[str, set[str]] = defaultdict(set)
    for team in lexicon(lang).teams:
        for alias in [team["name"], *team.get("aliases", [])]:
            owners[alias].add(team["name"])
    assert not {alias: sorted(names) for alias, names in owners.items() if len(names) > 1}


def test_a_team_link_opened_by_a_comma_takes_its_closing_comma_with_it():
    # "X, der kører for Y, blev nummer to": the rider and his rank stay one clause
    sentences = abstract_sentences(get_nlp("da")(
        "Jasper Philipsen, der kører for Alpecin-Deceuninck, blev nummer to i spurten."))
    fold_team_links(sentences, lexicon("da"))
    assert sentences[0].abstract.startswith("<p0> blev nummer to")
    assert list(sentences[0].teams.values()) == ["Alpecin-Deceuninck"]


def test_team_joined_to_a_demonym_is_the_riders_team():
    # "Astana-spanieren Ion Izagirre": the team's Spaniard, like "Astana-rytteren"
    from text_extraction import extract_text
    facts = extract_text("Tredje etape af Baskerlandet Rundt endte op ad en stigning. Sejren "
                         "gik til Astana-spanieren Ion Izagirre, der angreb på den sidste "
                         "stigning.", "da")
    winner = next(r for r in facts.results if r.rank == 1)
    assert (winner.rider, winner.team) == ("Ion Izagirre", "Astana Qazaqstan")


@pytest.mark.parametrize("lang, text", [
    ("da", "Tredje etape af Danmark Rundt endte i Vejle. Her var Jumbo-Vismas unge sprinter "
           "Olav Kooij hurtigst."),
    ("de", "Jumbo-Vismas junger Sprinter Olav Kooij gewann die dritte Etappe der Deutschland "
           "Tour."),
    ("nl", "Jumbo-Visma's jonge sprinter Olav Kooij won de derde etappe van de Ronde van "
           "Denemarken."),
    ("en", "Jumbo-Visma's young sprinter Olav Kooij won the third stage of the Tour of Denmark."),
])
def test_team_genitive_then_a_word_for_its_rider(lang, text):
    from text_extraction import extract_text
    winner = next(r for r in extract_text(text, lang).results if r.rank == 1)
    assert (winner.rider, winner.team) == ("Olav Kooij", "Jumbo-Visma")
