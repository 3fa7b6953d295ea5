"""teams.yml: the teams of 1995-2025 by the names reports use, and no alias that is a
common word, a town, a region or a rider."""

import pytest

from ingest.nlp import get_nlp
from ingest.nlp.components import SPAN_KEY
from ingest.nlp.lexicon import teams


def teams_in(lang: str, text: str) -> list[str]:
    doc = get_nlp(lang)(text)
    values = doc.user_data["values"]
    return [values[(s.start, s.end, s.label_)] for s in doc.spans[SPAN_KEY] if s.label_ == "TEAM"]


@pytest.mark.parametrize("lang, text, team", [
    ("de", "Zweiter wurde Hans Meier (Team Stölting) vor Karl Huber.", "Team Stölting"),
    ("pl", "Druga była Anna Kowalska (WM3 Energie), trzecia Ewa Nowak.", "WM3 Energie"),
    ("nl", "Tweede werd Piet Jansen (Metec-TKH) op twee seconden.", "Metec-Solarwatt"),
    ("nl", "De renner van Team Katoesja won de etappe.", "Katusha"),
    ("es", "Segundo fue Mario Ruiz (Manzana Postobón), a tres segundos.", "Manzana Postobón"),
    ("pt", "Em segundo ficou Rui Costa (Kelly-Simoldes-UDO).", "Kelly-Simoldes-UDO"),
    ("fr", "Deuxième, Jean Martin (St Michel-Auber 93) a terminé à 5 secondes.",
     "Saint Michel-Auber 93"),
    ("it", "Secondo posto per Marco Rossi (Zalf Euromobil Désirée Fior).", "Zalf Euromobil"),
    ("da", "Anden blev Søren Holm (Riwal Readynez) efter en lang spurt.", "Riwal"),
    ("en", "Second was Anna Smith (Tibco-Silicon Valley Bank), third Kate Jones.",
     "Team Tibco-Silicon Valley Bank"),
    ("en", "Jan Bakker won ahead of Tom Visser (Groupama).", "Groupama-FDJ"),
    ("de", "1. Simone Cadamuro (ITA/Domina Vacanze) 4:14:48 Stunden", "Domina Vacanze"),
])
def test_a_team_of_any_season_is_known(lang, text, team):
    assert team in teams_in(lang, text)


def test_no_alias_is_a_common_word_region_or_first_name():
    aliases = {a for t in teams() for a in [t["name"], *t.get("aliases", [])]}
    # "once" is Spanish for eleven, Euskadi and Andalucía are regions, Gan a town, Alessio a first
    # name, Southeast and Twenty20 English words
    assert not aliases & {"Once", "Euskadi", "Andalucía", "Alessio", "Southeast", "Twenty20",
                          "Fakta", "Scrigno", "Palmans", "De Nardi", "Red Bull", "Bahrain",
                          "Israel", "Lidl", "Soudal", "Mróz", "Miche", "Gan"}


def test_season_names_of_one_lineage_are_one_team():
    from ingest.evaluate import same_team

    assert same_team("Cervélo-Bigla", "Paule Ka")  # team_seasons.csv
    assert same_team("Tibco-SVB", "EF Education-Oatly")
    assert same_team("Corendon-Circus", "Alpecin-Fenix")
    assert not same_team("Paule Ka", "Movistar")
