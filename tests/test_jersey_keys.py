"""ingest/nlp/data/jerseys.yml: a colour is its race's role (Tour yellow = leader), by year where
the colours changed; the extraction stores the role, leaves out another race's jersey, and the
evaluation takes a colour and a role for one jersey, whichever key the annotation writes."""

import pytest

from ingest.evaluate import score
from ingest.extract import extract
from ingest.jerseys import DROP, jersey_key, rekey
from ingest.model import Evidence, Extraction, Jersey, Value
from ingest.nlp.lexicon import _load, races
from ingest.read import parse_report
from ingest.store import name_key

EV = Evidence(0, 10, 0, 5)


@pytest.mark.parametrize("race, year, key, want", [
    ("Tour de France", 2023, "yellow", "leader"),
    ("Tour de France", None, "green", "points"),
    ("Tour de France", 2019, "polka_dot", "mountains"),
    ("Tour de France", 2019, "white", "youth"),
    ("Tour de France Femmes", 2023, "yellow", "leader"),
    ("Women's Tour de France", 2023, "polka_dot", "mountains"),  # an alias of the race
    ("Giro d'Italia", 2022, "pink", "leader"),
    ("Giro d'Italia", 2022, "blue", "mountains"),
    ("Giro d'Italia", 2005, "green", "mountains"),
    ("Giro d'Italia", 2014, "red", "points"),
    ("Giro d'Italia", 2019, "cyclamen", "points"),
    ("Vuelta a España", 2023, "red", "leader"),
    ("Vuelta a España", None, "red", "leader"),  # no year: what it means today
    ("Vuelta a España", 2004, "gold", "leader"),
    ("Vuelta a España", 1995, "yellow", "leader"),
    ("Vuelta a España", 2002, "green", "mountains"),
    ("Vuelta a España", 2015, "green", "points"),
    ("Paris-Nice", 2020, "yellow", "leader"),
    ("Tour of the Alps", 2021, "green", "leader"),  # "la Maglia Verde di leader"
    ("Tour de France", 2023, "leader", "leader"),  # a role stays
])
def test_a_colour_is_its_races_role(race, year, key, want):
    assert jersey_key(race, year, key) == want


def test_a_colour_without_a_meaning_that_year_stays_a_colour():
    assert jersey_key("Giro d'Italia", 2020, "green") == "green"  # blue since 2012
    assert jersey_key("Vuelta a España", 2015, "white") == "white"  # the combination's
    assert jersey_key("Tour of Austria", 2021, "green") == "green"  # race not listed


def test_a_race_not_listed_reads_the_default_leader_colours():
    assert jersey_key("Tour of Austria", 2021, "yellow") == "leader"
    assert jersey_key(None, 2021, "pink") == "leader"
    assert jersey_key("Vuelta a Burgos Feminas", 2021, "red") == "mountains"  # listed: its own


def test_another_races_jersey_is_dropped():
    assert jersey_key("Tour de France", 2023, "pink") == DROP
    assert jersey_key("Giro d'Italia", 2023, "polka_dot") == DROP  # four roles listed
    assert jersey_key("Deutschland Tour", 2021, "yellow") == DROP  # another leader's colour
    assert jersey_key("Bayern Rundfahrt", 2021, "green") == "green"  # may be its own
    assert jersey_key("Tour de Pologne", 2019, "red") == DROP  # its most active rider's
    assert jersey_key("Tirreno-Adriatico", 2021, "pink") == DROP


def test_colours_of_more_races():
    assert jersey_key("Deutschland Tour", 2021, "green") == "points"
    assert jersey_key("Deutschland Tour", 2021, "blue") == "mountains"
    assert jersey_key("Deutschland Tour", 2025, "blue") == "leader"
    assert jersey_key("Tirreno-Adriatico", 2021, "red") == "points"
    assert jersey_key("Tirreno-Adriatico", 2021, "green") == "mountains"
    assert jersey_key("Tour de Pologne", 2019, "pink") == "mountains"
    assert jersey_key("UAE Tour", 2021, "red") == "leader"
    assert jersey_key("Volta ao Algarve", 2025, "blue") == "mountains"


def test_the_data_names_races_of_races_yml_and_known_roles():
    data = _load("jerseys.yml")
    names = {name_key(r["name"]) for r in races()}
    for race, roles in data["races"].items():
        assert name_key(race) in names, race
        assert set(roles) <= set(data["roles"]), race


def test_rekey_keeps_what_it_would_drop():
    assert rekey("Tour de France", 2023, {"yellow": "A", "pink": "B"}) == {"leader": "A",
                                                                          "pink": "B"}


def test_the_evaluation_takes_a_colour_and_a_role_for_one_jersey():
    facts = Extraction(race=Value("Tour de France", EV),
                       jerseys=[Jersey("leader", "Tadej Pogacar", EV),
                                Jersey("green", "Jasper Philipsen", EV)])
    annotation = {"race": "Tour de France",
                  "jerseys": {"yellow": "Pogacar", "points": "Jasper Philipsen"}}
    assert score(facts, annotation, "2023-07").counts({"jersey"}) == {"correct": 2}
    annotation = {"race": "Giro d'Italia", "jerseys": {"green": "Pogacar"}}
    facts = Extraction(race=Value("Giro d'Italia", EV),
                       jerseys=[Jersey("mountains", "Pogacar", EV)])
    assert score(facts, annotation, "2008-05").counts({"jersey"}) == {"correct": 1}
    assert score(facts, annotation, "2020-05").counts({"jersey"}) == {"wrong": 1, "missed": 1}


STAGE = ("Jasper Philipsen won the fourth stage of the Tour de France in Nogaro ahead of "
         "Caleb Ewan and Phil Bauhaus after a flat day through the Landes.\n\n")


def jerseys(text: str, month: str = "2023-07") -> dict[str, str]:
    facts = extract(parse_report((f" date {month} \n" + text).encode(), "keys.txt"))
    return {j.jersey: j.rider for j in facts.jerseys}


def test_the_extraction_stores_the_role():
    text = STAGE + ("Jonas Vingegaard kept the yellow jersey and Jasper Philipsen kept the "
                    "green jersey.\n")
    assert jerseys(text) == {"leader": "Jonas Vingegaard", "points": "Jasper Philipsen"}


def test_the_extraction_leaves_out_another_races_jersey():
    text = STAGE + "Jonas Vingegaard kept the yellow jersey. Primoz Roglic wears the pink jersey.\n"
    assert jerseys(text) == {"leader": "Jonas Vingegaard"}


def test_a_jersey_named_by_its_role_is_that_role_in_any_race():
    giro = ("Milan wins\n\nJonathan Milan won the second stage of the Giro "
            "d'Italia in San Salvo ahead of Mads Pedersen and Fernando Gaviria.\n\n"
            "Davide Bais kept the KOM jersey after another day in the break.\n")
    assert jerseys(giro, "2023-05") == {"mountains": "Davide Bais"}


def test_the_blue_jersey_of_tirreno_is_its_leaders():
    tirreno = ("Philipsen wins\n\nJasper Philipsen won the third stage of "
               "Tirreno-Adriatico in Foligno ahead of Fabio Jakobsen and Mads Pedersen.\n\n"
               "Filippo Ganna kept the blue jersey after a quiet day in the bunch.\n")
    assert jerseys(tirreno, "2023-03") == {"leader": "Filippo Ganna"}
