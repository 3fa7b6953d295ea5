"""jerseys.lists: a numbered list under a title naming a classification ("CLASSIFICA
GENERALE", "Points classification") gives its first rider that jersey; a list under another
title, or under a title of another moment ("before the stage"), gives none."""

from ingest.extract import extract
from ingest.read import parse_report

GIRO = "\n\n".join([
    " date 2020-10 \nGiro d'Italia, Ganna vince la cronometro di Valdobbiadene",
    "Filippo Ganna ha vinto la quattordicesima tappa del Giro d'Italia, la cronometro da "
    "Conegliano a Valdobbiadene di 34,1 km, davanti a Rohan Dennis e Brandon McNulty.",
    "ORDINE D'ARRIVO",
    "1 – Filippo Ganna (Team Ineos Grenadiers) in 42'40\"",
    "2 – Rohan Dennis (Team Ineos Grenadiers) a 26\"",
    "CLASSIFICA GENERALE",
    "1 – João Almeida (Deceuninck – Quick-Step)",
    "2 – Wilco Kelderman (Team Sunweb) a 56\"",
    "CLASSIFICA A PUNTI",
    "1 – Arnaud Démare (Groupama – FDJ)",
    "2 – Peter Sagan (Bora – Hansgrohe)",
]) + "\n"

TOUR = "\n\n".join([
    " date 2023-07 \nWoods wins on the Puy de Dôme",
    "Michael Woods won the ninth stage of the Tour de France on the Puy de Dôme, ahead of "
    "Pierre Latour and Matej Mohoric, while Tadej Pogacar took eight seconds from Jonas "
    "Vingegaard.",
    "General classification before the stage",
    "1. Jonas Vingegaard (Jumbo-Visma)",
    "2. Tadej Pogacar (UAE Team Emirates) +0:17",
    "Points classification",
    "1. Jasper Philipsen (Alpecin-Deceuninck)",
    "2. Mads Pedersen (Lidl-Trek)",
]) + "\n"


def jerseys(text: str) -> dict[str, str]:
    return {j.jersey: j.rider for j in extract(parse_report(text.encode(), "lists.txt")).jerseys}


def test_a_titled_standings_list_gives_its_first_rider():
    # the stage result above it is no standings list
    got = jerseys(GIRO)
    assert set(got) == {"leader", "points"}
    assert got["leader"] == "João Almeida" and got["points"] == "Arnaud Démare"


def test_a_list_before_the_stage_gives_nothing():
    assert jerseys(TOUR) == {"points": "Jasper Philipsen"}
