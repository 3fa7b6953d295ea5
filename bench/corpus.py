"""Write any number of realistic race reports, for benchmarks and scale tests.

    python bench/corpus.py OUT_DIR --reports 10000 [--seed 0] [--stages CSV]

Reports are news-style texts of about 200-400 words in every language Musette reads
(en, nl, fr, it, es, de, pt), about stage races and one-day races. The events are
real when ``../shared/data/tdf_stages.csv`` (every Tour de France stage 1903-2017,
see /work/shared/data/README.md) is present next to the repository; without it a
small built-in list is used. The CSV is read in place, never copied.

The texts come from our own templates, several phrasings per language, with the
sentences that make extraction hard: last year's winner, the overall standings, a
crash, tomorrow's stage, a quote, sometimes a results list. A few files are
written the way other sources write them: Windows-1252, a UTF-8 BOM, CRLF line ends.
Everything is deterministic for a given seed.
"""

from __future__ import annotations

import argparse
import csv
import random
import re
import sys
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED_STAGES = REPO.parent / "shared" / "data" / "tdf_stages.csv"
LANGS = ("en", "nl", "fr", "it", "es", "de", "pt")
FILES_PER_FOLDER = 500


@dataclass(frozen=True)
class Event:
    """One race day to write a report about."""

    race: str  # the canonical name, as in ingest/nlp/data/races.yml
    year: int
    date: str  # YYYY-MM-DD
    stage: int | None  # None: a one-day race; 0: a prologue
    start: str
    finish: str
    distance: float
    kind: str  # flat | hilly | mountain | itt
    winner: str | None  # the real winner when known


# --------------------------------------------------------------------- real data


FOOTNOTE = re.compile(r"\[[^\]]*\]")
TTT = "team time trial"


def clean_name(raw: str) -> str:
    """'Lance Armstrong[n 1]' -> 'Lance Armstrong'; co-winners -> the first."""
    first = FOOTNOTE.sub("", raw).split("\u00a0")[0]
    return " ".join(first.split())


def stage_kind(label: str) -> str:
    label = label.lower()
    if "time trial" in label:
        return "itt"
    if "mountain" in label:
        return "mountain"
    if "hilly" in label or "medium" in label:
        return "hilly"
    return "flat"


def stage_number(label: str) -> int | None:
    """'P' -> 0 (prologue), '17b' -> 17, anything else unreadable -> None."""
    label = label.strip().upper()
    if label == "P":
        return 0
    digits = re.match(r"\d+", label)
    return int(digits.group()) if digits else None


def plausible_name(name: str | None) -> bool:
    """A rider's name: letters, no digits, no broken characters (U+FFFD in the CSV)."""
    return bool(name) and any(c.isalpha() for c in name) and not any(
        c.isdigit() or c == "\ufffd" for c in name)


def load_tdf_stages(path: Path = SHARED_STAGES) -> list[Event]:
    """Tour de France stages from the shared CSV; [] when it is absent.

    Quirks handled: 'P' and '1a'/'1b' stage labels, footnote marks and no-break
    spaces in winners, trailing spaces in towns, team time trials (a team won).
    """
    if not path.is_file():
        return []
    events = []
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            number = stage_number(row.get("Stage") or "")
            kind_label = row.get("Type") or ""
            if number is None or TTT in kind_label.lower():
                continue
            try:
                distance = float(row["Distance"])
                year = int(row["Date"][:4])
            except (KeyError, ValueError):
                continue
            start = (row.get("Origin") or "").strip()
            finish = (row.get("Destination") or "").strip()
            if not start or not finish:
                continue
            events.append(Event("Tour de France", year, row["Date"], number, start, finish,
                                distance, stage_kind(kind_label),
                                clean_name(row.get("Winner") or "") or None))
    return events


def load_riders(path: Path = SHARED_STAGES) -> dict[int, list[str]]:
    """Stage winners by year from the shared CSV: real riders of each era."""
    riders: dict[int, list[str]] = {}
    for event in load_tdf_stages(path):
        if plausible_name(event.winner):
            names = riders.setdefault(event.year, [])
            if event.winner not in names:
                names.append(event.winner)
    return riders


# ------------------------------------------------------------- built-in data

BUILTIN_STAGES = [  # race, year, date, stage, start, finish, km, kind
    ("Tour de France", 2017, "2017-07-04", 4, "Mondorf-les-Bains", "Vittel", 207.5, "flat"),
    ("Tour de France", 2016, "2016-07-14", 12, "Montpellier", "Mont Ventoux", 178.0, "mountain"),
    ("Tour de France", 2015, "2015-07-09", 6, "Abbeville", "Le Havre", 191.5, "flat"),
    ("Tour de France", 2014, "2014-07-09", 5, "Ypres", "Arenberg", 152.5, "flat"),
    ("Tour de France", 2013, "2013-07-18", 18, "Gap", "Alpe d'Huez", 172.5, "mountain"),
    ("Tour de France", 2012, "2012-07-07", 7, "Tomblaine", "La Planche des Belles Filles",
     199.0, "mountain"),
    ("Tour de France", 2011, "2011-07-21", 18, "Pinerolo", "Galibier Serre-Chevalier",
     200.5, "mountain"),
    ("Tour de France", 2010, "2010-07-06", 3, "Wanze", "Arenberg", 213.0, "flat"),
    ("Giro d'Italia", 2019, "2019-05-22", 11, "Carpi", "Novi Ligure", 221.0, "flat"),
    ("Giro d'Italia", 2018, "2018-05-19", 14, "San Vito al Tagliamento", "Monte Zoncolan",
     186.0, "mountain"),
    ("Giro d'Italia", 2016, "2016-05-11", 5, "Praia a Mare", "Benevento", 233.0, "hilly"),
    ("Giro d'Italia", 2015, "2015-05-16", 8, "Fiuggi", "Campitello Matese", 186.0, "mountain"),
    ("Vuelta a España", 2019, "2019-09-01", 9, "Andorra la Vella", "Cortals d'Encamp",
     94.4, "mountain"),
    ("Vuelta a España", 2017, "2017-09-09", 20, "Corvera de Asturias", "Alto de l'Angliru",
     117.5, "mountain"),
    ("Vuelta a España", 2016, "2016-08-27", 8, "Villalpando", "La Camperona", 181.5, "mountain"),
    ("Vuelta a España", 2018, "2018-08-29", 5, "Granada", "Roquetas de Mar", 188.7, "flat"),
    ("Paris-Nice", 2019, "2019-03-12", 3, "Cepoy", "Moulins", 200.0, "flat"),
    ("Tirreno-Adriatico", 2019, "2019-03-16", 4, "Foligno", "Fossombrone", 221.0, "hilly"),
    ("Critérium du Dauphiné", 2019, "2019-06-13", 6, "Saint-Vulbas", "Saint-Michel-de-Maurienne",
     228.5, "hilly"),
    ("Volta ao Algarve", 2019, "2019-02-21", 2, "Almodôvar", "Fóia", 187.4, "mountain"),
]

ONE_DAY = [  # race, start, finish, typical km, kind, month-day
    ("Milan-San Remo", "Milano", "Sanremo", 294.0, "flat", "03-20"),
    ("Tour of Flanders", "Antwerpen", "Oudenaarde", 270.0, "hilly", "04-03"),
    ("Paris-Roubaix", "Compiègne", "Roubaix", 257.0, "flat", "04-10"),
    ("Liège-Bastogne-Liège", "Liège", "Liège", 256.0, "hilly", "04-24"),
    ("Il Lombardia", "Como", "Bergamo", 243.0, "hilly", "10-08"),
    ("Amstel Gold Race", "Maastricht", "Berg en Terblijt", 254.0, "hilly", "04-17"),
    ("La Flèche Wallonne", "Charleroi", "Huy", 202.0, "hilly", "04-20"),
    ("Gent-Wevelgem", "Ieper", "Wevelgem", 249.0, "flat", "03-27"),
    ("Strade Bianche", "Siena", "Siena", 184.0, "hilly", "03-05"),
    ("Paris-Tours", "Chartres", "Tours", 213.0, "flat", "10-09"),
    ("Clásica San Sebastián", "San Sebastián", "San Sebastián", 224.0, "hilly", "07-30"),
    ("Eschborn-Frankfurt", "Eschborn", "Frankfurt", 185.0, "hilly", "05-01"),
]

BUILTIN_RIDERS = [
    "Wout van Aert", "Mathieu van der Poel", "Tadej Pogačar", "Jonas Vingegaard",
    "Primož Roglič", "Julian Alaphilippe", "Peter Sagan", "Remco Evenepoel",
    "Jasper Philipsen", "Fabio Jakobsen", "Caleb Ewan", "Arnaud Démare", "Mads Pedersen",
    "Tom Pidcock", "Egan Bernal", "Richard Carapaz", "Geraint Thomas", "Adam Yates",
    "Simon Yates", "Michael Matthews", "Alejandro Valverde", "Vincenzo Nibali",
    "Thibaut Pinot", "Romain Bardet", "Greg Van Avermaet", "Philippe Gilbert",
    "Magnus Cort", "Biniam Girmay", "Dylan Groenewegen", "Elia Viviani", "Sam Bennett",
    "Marc Hirschi", "Tim Wellens", "Michał Kwiatkowski", "Jakob Fuglsang",
    "Enric Mas", "Mikel Landa", "João Almeida", "Rui Costa", "Giulio Ciccone",
]

MODERN_TEAMS = [
    "Jumbo-Visma", "UAE Team Emirates", "Ineos Grenadiers", "Groupama-FDJ", "AG2R Citroën",
    "Cofidis", "EF Education-EasyPost", "Lotto-Soudal", "Alpecin-Deceuninck", "Trek-Segafredo",
    "Bora-Hansgrohe", "Movistar", "Bahrain Victorious", "Astana Qazaqstan", "Team DSM",
    "Israel-Premier Tech", "Intermarché-Wanty", "BikeExchange-Jayco", "TotalEnergies",
    "Quick-Step",
]
OLD_TEAMS = [
    "Peugeot", "Molteni", "Faema", "Renault-Elf", "TI-Raleigh", "Bianchi", "Mercier",
    "Flandria", "Kas", "Panasonic", "La Vie Claire", "Système U", "PDM", "Reynolds",
    "Carrera", "Gis Gelati", "Saint-Raphaël", "Ford France", "Salvarani", "Alcyon",
]

CLIMBS = {
    "FR": [("Col du Tourmalet", 17.1, 7.3), ("Col d'Aubisque", 16.4, 7.1),
           ("Col du Galibier", 17.7, 6.9), ("Col de la Madeleine", 19.2, 8.0),
           ("Col du Glandon", 21.7, 5.1), ("Col d'Izoard", 14.1, 7.3),
           ("Col de la Croix de Fer", 22.4, 5.2), ("Col du Grand Colombier", 17.4, 7.1)],
    "IT": [("Passo dello Stelvio", 24.3, 7.4), ("Passo Gavia", 16.5, 7.9),
           ("Colle delle Finestre", 18.5, 9.2), ("Passo Pordoi", 11.8, 6.8),
           ("Passo Giau", 9.9, 9.3), ("Poggio", 3.7, 3.7), ("Cipressa", 5.6, 4.1)],
    "ES": [("Alto de l'Angliru", 12.5, 10.1), ("Lagos de Covadonga", 12.2, 7.2),
           ("Alto del Naranco", 5.7, 6.0), ("Puerto de Navacerrada", 9.2, 6.6)],
    "BE": [("Oude Kwaremont", 2.2, 4.0), ("Paterberg", 0.4, 12.5), ("Koppenberg", 0.6, 11.6),
           ("Mur de Huy", 1.3, 9.6), ("Côte de La Redoute", 2.0, 8.9), ("Kemmelberg", 0.7, 9.9)],
    "NL": [("Cauberg", 0.8, 5.8), ("Keutenberg", 1.2, 5.6)],
    "PT": [("Alto da Fóia", 7.5, 6.3), ("Alto do Malhão", 2.5, 9.4)],
    "DE": [("Mammolshainer Berg", 2.8, 8.2), ("Feldberg", 10.6, 4.5)],
}
RACE_COUNTRY = {
    "Tour de France": "FR", "Giro d'Italia": "IT", "Vuelta a España": "ES", "Paris-Nice": "FR",
    "Tirreno-Adriatico": "IT", "Critérium du Dauphiné": "FR", "Volta ao Algarve": "PT",
    "Milan-San Remo": "IT", "Tour of Flanders": "BE", "Paris-Roubaix": "FR",
    "Liège-Bastogne-Liège": "BE", "Il Lombardia": "IT", "Amstel Gold Race": "NL",
    "La Flèche Wallonne": "BE", "Gent-Wevelgem": "BE", "Strade Bianche": "IT",
    "Paris-Tours": "FR", "Clásica San Sebastián": "ES", "Eschborn-Frankfurt": "DE",
}

# How each language names a race (all of them aliases in ingest/nlp/data/races.yml).
RACE_NAMES: dict[str, dict[str, list[str]]] = {
    "Tour de France": {"nl": ["Tour de France", "Ronde van Frankrijk"],
                       "fr": ["Tour de France", "Grande Boucle"],
                       "pt": ["Tour de France", "Volta a França"]},
    "Giro d'Italia": {"en": ["Giro d'Italia", "Tour of Italy"], "nl": ["Giro d'Italia"],
                      "fr": ["Giro d'Italia", "Tour d'Italie"], "pt": ["Giro d'Italia"]},
    "Vuelta a España": {"en": ["Vuelta a España", "Tour of Spain"],
                        "nl": ["Vuelta a España", "Ronde van Spanje"],
                        "fr": ["Vuelta a España", "Tour d'Espagne"],
                        "es": ["Vuelta a España", "La Vuelta"],
                        "pt": ["Vuelta a España", "Volta a Espanha"]},
    "Paris-Nice": {"nl": ["Parijs-Nice"], "it": ["Parigi-Nizza"], "es": ["París-Niza"]},
    "Milan-San Remo": {"nl": ["Milaan-San Remo"], "it": ["Milano-Sanremo"],
                       "es": ["Milán-San Remo"], "de": ["Mailand-Sanremo"],
                       "pt": ["Milão-Sanremo"], "fr": ["Milan-San Remo"]},
    "Tour of Flanders": {"nl": ["Ronde van Vlaanderen"], "fr": ["Tour des Flandres"],
                         "it": ["Giro delle Fiandre"], "es": ["Tour de Flandes"],
                         "de": ["Flandern-Rundfahrt"], "pt": ["Volta à Flandres"]},
    "Paris-Roubaix": {"nl": ["Parijs-Roubaix"], "it": ["Parigi-Roubaix"],
                      "es": ["París-Roubaix"]},
    "Liège-Bastogne-Liège": {"nl": ["Luik-Bastenaken-Luik"], "it": ["Liegi-Bastogne-Liegi"],
                             "es": ["Lieja-Bastoña-Lieja"], "de": ["Lüttich-Bastogne-Lüttich"]},
    "Il Lombardia": {"en": ["Il Lombardia", "Tour of Lombardy"],
                     "nl": ["Ronde van Lombardije"], "fr": ["Tour de Lombardie"],
                     "es": ["Giro de Lombardía"], "de": ["Lombardei-Rundfahrt"],
                     "pt": ["Volta à Lombardia"]},
    "La Flèche Wallonne": {"nl": ["Waalse Pijl"], "it": ["Freccia Vallone"],
                           "es": ["Flecha Valona"], "de": ["Wallonischer Pfeil"]},
    "Gent-Wevelgem": {"en": ["Ghent-Wevelgem"], "fr": ["Gand-Wevelgem"],
                      "it": ["Gand-Wevelgem"], "es": ["Gante-Wevelgem"]},
    "Paris-Tours": {"nl": ["Parijs-Tours"], "it": ["Parigi-Tours"]},
}

JERSEY = {  # the race leader's jersey, by race then language
    "Tour de France": {"en": "yellow jersey", "nl": "gele trui", "fr": "maillot jaune",
                       "it": "maglia gialla", "es": "maillot amarillo", "de": "Gelbe Trikot",
                       "pt": "camisola amarela"},
    "Giro d'Italia": {"en": "pink jersey", "nl": "roze trui", "fr": "maillot rose",
                      "it": "maglia rosa", "es": "maglia rosa", "de": "Rosa Trikot",
                      "pt": "camisola rosa"},
    "Vuelta a España": {"en": "red jersey", "nl": "rode trui", "fr": "maillot rouge",
                        "it": "maglia rossa", "es": "maillot rojo", "de": "Rote Trikot",
                        "pt": "camisola vermelha"},
    "": {"en": "leader's jersey", "nl": "leiderstrui", "fr": "maillot de leader",
         "it": "maglia di leader", "es": "maillot de líder", "de": "Leadertrikot",
         "pt": "camisola de líder"},
}

MONTHS = {
    "en": "January February March April May June July August September October November "
          "December",
    "nl": "januari februari maart april mei juni juli augustus september oktober november "
          "december",
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre "
          "décembre",
    "it": "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre "
          "novembre dicembre",
    "es": "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre "
          "diciembre",
    "de": "Januar Februar März April Mai Juni Juli August September Oktober November Dezember",
    "pt": "janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro "
          "dezembro",
}

# ------------------------------------------------------------------ templates
# Each section is a list of phrasings; {names} are filled from `context()`.
# "stage"/"oneday" sections are for one kind of race only.

T: dict[str, dict[str, list[str]]] = {}

T["en"] = {
    "headline": ["{winner} wins in {finish}", "{winner} takes {stage_np} at the {race}",
                 "Victory for {winner} in {finish}", "{winner} too strong for {second}"],
    "lead_stage": [
        "{winner} ({w_team}) won {stage_np} of the {year} {race}, {dist} from {start} to "
        "{finish}, ahead of {second} and {third}.",
        "{winner} of {w_team} claimed {stage_np} of the {race} in {finish} on {date_text}, "
        "beating {second} and {third} to the line.",
        "It was {winner}'s day at the {race}: the {w_team} rider won {stage_np} in {finish}, "
        "with {second} second and {third} third.",
    ],
    "lead_oneday": [
        "{winner} ({w_team}) won the {year} {race} on {date_text}, beating {second} and "
        "{third} after {dist} of racing from {start} to {finish}.",
        "{winner} of {w_team} is the winner of the {race} {year}. He crossed the line in "
        "{finish} ahead of {second} and {third}.",
    ],
    "route": [
        "{riders_count} riders took the start in {start} under a grey sky, with {dist} to "
        "cover before the finish in {finish}.",
        "The day began in {start}, where {riders_count} riders signed on for a {profile} "
        "course of {dist}.",
    ],
    "breakaway": [
        "The early break was formed by {b1}, {b2} and {b3}, who built a maximum lead of "
        "{maxgap} before the sprinters' teams took control.",
        "{b1}, {b2} and {b3} attacked from the gun and were allowed to go; their advantage "
        "peaked at {maxgap} after {km_break} km.",
    ],
    "climb": [
        "On the {climb} ({climb_len} km at {climb_pct}%) the pace went up and the peloton "
        "split into several groups.",
        "The hardest part of the day was the {climb}, {climb_len} km at {climb_pct}%, where "
        "{winner} followed every move of his rivals.",
    ],
    "catch": [
        "The escapees were caught with {caught_km} km to go.",
        "The peloton reeled the breakaway in with {caught_km} kilometres remaining, and the "
        "fight for position began.",
    ],
    "finale": [
        "{winner} launched his sprint 200 metres from the line and held off {second}, who "
        "finished {gap2} behind; {third} was third at {gap3}.",
        "{winner} attacked on the final rise and went solo to win by {gap2} over {second}. "
        "{third} completed the podium, {gap3} down.",
    ],
    "filler": [
        "{team_x} set the pace for most of the day, and the crosswinds near the coast caused "
        "a few nervous moments without splitting the bunch.",
        "The roads were narrow and wet after a morning shower, and several riders lost "
        "contact on the descents before coming back in the valley.",
        "Spectators lined the last kilometres, and the noise was deafening as the favourites "
        "entered the town for the final time.",
    ],
    "distractor": [
        "Last year {prev_winner} won in {finish}, ahead of {prev_second}.",
        "{crash_rider} crashed in the feed zone and had to abandon the race.",
        "The temperature reached {temp} degrees and the riders took bottles at every "
        "opportunity.",
        "{transfer_rider} will leave {transfer_team} at the end of the season, his manager "
        "confirmed before the start.",
    ],
    "distractor_stage": [
        "{leader} keeps the {jersey} in the general classification, {gc_gap} ahead of "
        "{gc_second}.",
        "Tomorrow's stage to {next_finish} should suit the sprinters again.",
    ],
    "quote": [
        "\"It was a very hard day, but the team rode perfectly and I could finish it off,\" "
        "said {winner}.",
        "\"I felt good on the last climb and I knew I had the legs today,\" {winner} said "
        "after the finish.",
        "\"This victory is for my family and for everyone who believed in me,\" {winner} told "
        "reporters in {finish}.",
    ],
    "results_title": ["Result", "Top ten"],
}

T["nl"] = {
    "headline": ["{winner} wint in {finish}", "Zege voor {winner} in {finish}",
                 "{winner} te sterk voor {second}"],
    "lead_stage": [
        "{winner} ({w_team}) heeft {stage_np} van de {race} gewonnen. In {finish} was hij "
        "na {dist} sneller dan {second} en {third}.",
        "{winner} won {stage_np} van de {race} van {year}. De renner van {w_team} klopte in "
        "{finish} {second} en {third}.",
    ],
    "lead_oneday": [
        "{winner} ({w_team}) heeft de {race} van {year} gewonnen. Na {dist} van {start} naar "
        "{finish} was hij sneller dan {second} en {third}.",
        "{winner} is de winnaar van de {race}. De renner van {w_team} hield in {finish} "
        "{second} en {third} achter zich.",
    ],
    "route": [
        "In {start} stonden {riders_count} renners aan de start van een {profile} rit van "
        "{dist}.",
        "Het peloton vertrok met {riders_count} renners uit {start}, met {dist} voor de boeg "
        "richting {finish}.",
    ],
    "breakaway": [
        "De vroege vlucht werd gevormd door {b1}, {b2} en {b3}. Het drietal kreeg een "
        "maximale voorsprong van {maxgap}.",
        "{b1}, {b2} en {b3} trokken meteen na de start in de aanval en liepen uit tot "
        "{maxgap}.",
    ],
    "climb": [
        "Op de {climb} ({climb_len} km aan {climb_pct}%) ging het tempo omhoog en brak het "
        "peloton in stukken.",
        "De {climb}, {climb_len} kilometer aan {climb_pct} procent, was het zwaarste stuk "
        "van de dag.",
    ],
    "catch": [
        "Op {caught_km} kilometer van de streep werden de vluchters ingerekend.",
        "Met nog {caught_km} kilometer te gaan was het liedje van de vluchters uit.",
    ],
    "finale": [
        "{winner} ging op tweehonderd meter aan en hield {second} af, die op {gap2} "
        "eindigde. {third} werd derde op {gap3}.",
        "{winner} demarreerde op de laatste helling en won solo met {gap2} voorsprong op "
        "{second}. {third} kwam als derde binnen op {gap3}.",
    ],
    "filler": [
        "De ploeg van {team_x} controleerde lange tijd de koers, en de wind aan de kust "
        "zorgde voor enkele nerveuze momenten.",
        "De wegen waren smal en nat na een regenbui, en in de afdalingen moesten verschillende "
        "renners lossen.",
        "Langs de laatste kilometers stonden duizenden toeschouwers, en het lawaai was "
        "oorverdovend toen de favorieten de stad binnenreden.",
    ],
    "distractor": [
        "Vorig jaar won {prev_winner} in {finish}, voor {prev_second}.",
        "{crash_rider} kwam ten val in de bevoorrading en moest opgeven.",
        "Het werd {temp} graden en de renners pakten bij elke gelegenheid bidons aan.",
        "{transfer_rider} verlaat {transfer_team} aan het einde van het seizoen, zo "
        "bevestigde zijn manager voor de start.",
    ],
    "distractor_stage": [
        "{leader} blijft in de {jersey} in het algemeen klassement, met {gc_gap} voorsprong "
        "op {gc_second}.",
        "Morgen staat een rit naar {next_finish} op het programma, opnieuw een kans voor de "
        "sprinters.",
    ],
    "quote": [
        "\"Het was een zware dag, maar de ploeg heeft perfect gereden en ik kon het "
        "afmaken\", zei {winner}.",
        "\"Ik voelde me goed op de laatste klim en ik wist dat ik de benen had\", vertelde "
        "{winner} na de finish.",
    ],
    "results_title": ["Uitslag", "Top tien"],
}

T["fr"] = {
    "headline": ["{winner} s'impose à {finish}", "Victoire de {winner} à {finish}",
                 "{winner} plus fort que {second}"],
    "lead_stage": [
        "{winner} ({w_team}) a remporté {stage_np} du {race} {year}, {dist} entre {start} "
        "et {finish}, devant {second} et {third}.",
        "{winner} a gagné {stage_np} du {race} à {finish}, le {date_text}. Le coureur de "
        "{w_team} a devancé {second} et {third}.",
    ],
    "lead_oneday": [
        "{winner} ({w_team}) a remporté le {race} {year}, le {date_text}, devant {second} et "
        "{third}, après {dist} de course entre {start} et {finish}.",
        "{winner} a gagné le {race}. Le coureur de {w_team} a franchi la ligne à {finish} "
        "devant {second} et {third}.",
    ],
    "route": [
        "{riders_count} coureurs ont pris le départ à {start} pour un parcours {profile} de "
        "{dist}.",
        "Le peloton a quitté {start} avec {riders_count} coureurs et {dist} à parcourir "
        "jusqu'à {finish}.",
    ],
    "breakaway": [
        "L'échappée du jour était composée de {b1}, {b2} et {b3}, qui ont compté jusqu'à "
        "{maxgap} d'avance.",
        "{b1}, {b2} et {b3} sont partis dès le kilomètre zéro et leur avance a atteint "
        "{maxgap} au kilomètre {km_break}.",
    ],
    "climb": [
        "Dans le {climb} ({climb_len} km à {climb_pct}%), le rythme s'est accéléré et le "
        "peloton a explosé.",
        "Le {climb}, {climb_len} km à {climb_pct}%, était la principale difficulté de la "
        "journée.",
    ],
    "catch": [
        "Les échappés ont été repris à {caught_km} km de l'arrivée.",
        "Le peloton a rattrapé les fuyards à {caught_km} kilomètres du but.",
    ],
    "finale": [
        "{winner} a lancé le sprint à deux cents mètres de la ligne et a résisté à {second}, "
        "deuxième à {gap2}. {third} a pris la troisième place à {gap3}.",
        "{winner} a attaqué dans la dernière montée et s'est imposé en solitaire avec {gap2} "
        "d'avance sur {second}. {third} complète le podium à {gap3}.",
    ],
    "filler": [
        "L'équipe {team_x} a contrôlé la course pendant une grande partie de la journée, et "
        "le vent a provoqué quelques moments de tension.",
        "Les routes étaient étroites et mouillées après une averse, et plusieurs coureurs ont "
        "perdu le contact dans les descentes.",
        "Le public était massé dans les derniers kilomètres, et le bruit était assourdissant "
        "à l'entrée des favoris dans la ville.",
    ],
    "distractor": [
        "L'an dernier, {prev_winner} s'était imposé à {finish} devant {prev_second}.",
        "{crash_rider} a chuté dans la zone de ravitaillement et a dû abandonner.",
        "Il faisait {temp} degrés et les coureurs ont pris des bidons à chaque occasion.",
        "{transfer_rider} quittera {transfer_team} à la fin de la saison, a confirmé son "
        "manager avant le départ.",
    ],
    "distractor_stage": [
        "{leader} conserve le {jersey} au classement général, avec {gc_gap} d'avance sur "
        "{gc_second}.",
        "Demain, l'étape vers {next_finish} devrait de nouveau sourire aux sprinteurs.",
    ],
    "quote": [
        "« C'était une journée très dure, mais l'équipe a été parfaite et j'ai pu finir le "
        "travail », a déclaré {winner}.",
        "« Je me sentais bien dans la dernière montée et je savais que j'avais les jambes », "
        "a expliqué {winner} après l'arrivée.",
    ],
    "results_title": ["Classement", "Le top 10"],
}

T["it"] = {
    "headline": ["{winner} vince a {finish}", "Vittoria di {winner} a {finish}",
                 "{winner} batte {second}"],
    "lead_stage": [
        "{winner} ({w_team}) ha vinto {stage_np} del {race} {year}, {dist} da {start} a "
        "{finish}, davanti a {second} e {third}.",
        "{winner} ha conquistato {stage_np} del {race} a {finish}, il {date_text}. Il "
        "corridore della {w_team} ha battuto {second} e {third}.",
    ],
    "lead_oneday": [
        "{winner} ({w_team}) ha vinto la {race} {year}, il {date_text}, davanti a {second} e "
        "{third} dopo {dist} di corsa da {start} a {finish}.",
        "{winner} è il vincitore della {race}. Il corridore della {w_team} ha tagliato il "
        "traguardo di {finish} davanti a {second} e {third}.",
    ],
    "route": [
        "{riders_count} corridori hanno preso il via da {start} per un percorso {profile} di "
        "{dist}.",
        "Il gruppo è partito da {start} con {riders_count} corridori e {dist} da percorrere "
        "fino a {finish}.",
    ],
    "breakaway": [
        "La fuga di giornata era composta da {b1}, {b2} e {b3}, che hanno raggiunto un "
        "vantaggio massimo di {maxgap}.",
        "{b1}, {b2} e {b3} sono scattati subito dopo il via e il loro vantaggio è arrivato a "
        "{maxgap} al chilometro {km_break}.",
    ],
    "climb": [
        "Sul {climb} ({climb_len} km al {climb_pct}%) il ritmo è salito e il gruppo si è "
        "frantumato.",
        "Il {climb}, {climb_len} km al {climb_pct}%, era la principale difficoltà di "
        "giornata.",
    ],
    "catch": [
        "I fuggitivi sono stati ripresi a {caught_km} km dall'arrivo.",
        "Il gruppo ha chiuso sulla fuga a {caught_km} chilometri dal traguardo.",
    ],
    "finale": [
        "{winner} ha lanciato la volata ai duecento metri e ha resistito a {second}, secondo "
        "a {gap2}. {third} è terzo a {gap3}.",
        "{winner} è scattato sull'ultima salita e ha vinto in solitaria con {gap2} su "
        "{second}. {third} completa il podio a {gap3}.",
    ],
    "filler": [
        "La {team_x} ha controllato la corsa per gran parte della giornata, e il vento ha "
        "creato qualche momento di tensione.",
        "Le strade erano strette e bagnate dopo un acquazzone, e diversi corridori si sono "
        "staccati in discesa.",
        "Il pubblico era numeroso negli ultimi chilometri, e il rumore era assordante "
        "all'ingresso dei favoriti in città.",
    ],
    "distractor": [
        "L'anno scorso {prev_winner} aveva vinto a {finish} davanti a {prev_second}.",
        "{crash_rider} è caduto nella zona di rifornimento ed è stato costretto al ritiro.",
        "La temperatura ha raggiunto i {temp} gradi e i corridori hanno preso borracce a "
        "ogni occasione.",
        "{transfer_rider} lascerà la {transfer_team} a fine stagione, ha confermato il suo "
        "procuratore prima del via.",
    ],
    "distractor_stage": [
        "{leader} conserva la {jersey} in classifica generale, con {gc_gap} su {gc_second}.",
        "Domani la tappa verso {next_finish} dovrebbe favorire di nuovo i velocisti.",
    ],
    "quote": [
        "\"È stata una giornata durissima, ma la squadra è stata perfetta e ho potuto "
        "concludere\", ha detto {winner}.",
        "\"Mi sentivo bene sull'ultima salita e sapevo di avere le gambe\", ha spiegato "
        "{winner} dopo l'arrivo.",
    ],
    "results_title": ["Ordine d'arrivo", "Top 10"],
}

T["es"] = {
    "headline": ["{winner} gana en {finish}", "Victoria de {winner} en {finish}",
                 "{winner} supera a {second}"],
    "lead_stage": [
        "{winner} ({w_team}) ganó {stage_np} de la {race} {year}, {dist} entre {start} y "
        "{finish}, por delante de {second} y {third}.",
        "{winner} se impuso en {stage_np} de la {race} en {finish}, el {date_text}. El "
        "corredor del {w_team} batió a {second} y {third}.",
    ],
    "lead_oneday": [
        "{winner} ({w_team}) ganó la {race} {year}, el {date_text}, por delante de {second} "
        "y {third} tras {dist} de carrera entre {start} y {finish}.",
        "{winner} es el ganador de la {race}. El corredor del {w_team} cruzó la meta de "
        "{finish} por delante de {second} y {third}.",
    ],
    "route": [
        "{riders_count} corredores tomaron la salida en {start} para un recorrido {profile} "
        "de {dist}.",
        "El pelotón salió de {start} con {riders_count} corredores y {dist} por delante "
        "hasta {finish}.",
    ],
    "breakaway": [
        "La fuga del día la formaron {b1}, {b2} y {b3}, que llegaron a tener una ventaja "
        "máxima de {maxgap}.",
        "{b1}, {b2} y {b3} atacaron desde el kilómetro cero y su ventaja llegó a {maxgap} en "
        "el kilómetro {km_break}.",
    ],
    "climb": [
        "En el {climb} ({climb_len} km al {climb_pct}%) el ritmo subió y el pelotón se "
        "rompió en varios grupos.",
        "El {climb}, {climb_len} km al {climb_pct}%, fue la gran dificultad de la jornada.",
    ],
    "catch": [
        "Los escapados fueron neutralizados a {caught_km} km de la meta.",
        "El pelotón dio caza a la fuga a {caught_km} kilómetros del final.",
    ],
    "finale": [
        "{winner} lanzó el sprint a doscientos metros de la línea y aguantó a {second}, "
        "segundo a {gap2}. {third} fue tercero a {gap3}.",
        "{winner} atacó en la última subida y ganó en solitario con {gap2} sobre {second}. "
        "{third} completó el podio a {gap3}.",
    ],
    "filler": [
        "El {team_x} controló la carrera durante buena parte del día, y el viento provocó "
        "algunos momentos de nervios.",
        "Las carreteras eran estrechas y estaban mojadas tras un chaparrón, y varios "
        "corredores perdieron contacto en los descensos.",
        "El público llenaba los últimos kilómetros, y el ruido era ensordecedor cuando los "
        "favoritos entraron en la ciudad.",
    ],
    "distractor": [
        "El año pasado {prev_winner} ganó en {finish}, por delante de {prev_second}.",
        "{crash_rider} se cayó en la zona de avituallamiento y tuvo que abandonar.",
        "La temperatura alcanzó los {temp} grados y los corredores cogieron bidones en cada "
        "ocasión.",
        "{transfer_rider} dejará el {transfer_team} al final de la temporada, confirmó su "
        "representante antes de la salida.",
    ],
    "distractor_stage": [
        "{leader} mantiene el {jersey} en la general, con {gc_gap} sobre {gc_second}.",
        "Mañana la etapa hacia {next_finish} debería favorecer de nuevo a los velocistas.",
    ],
    "quote": [
        "\"Ha sido un día muy duro, pero el equipo ha estado perfecto y he podido "
        "rematarlo\", dijo {winner}.",
        "\"Me sentía bien en la última subida y sabía que tenía piernas\", explicó {winner} "
        "tras la llegada.",
    ],
    "results_title": ["Clasificación", "Top 10"],
}

T["de"] = {
    "headline": ["{winner} gewinnt in {finish}", "Sieg für {winner} in {finish}",
                 "{winner} schlägt {second}"],
    "lead_stage": [
        "{winner} ({w_team}) hat {stage_np} der {race} {year} gewonnen. Nach {dist} von "
        "{start} nach {finish} setzte er sich vor {second} und {third} durch.",
        "{winner} gewann am {date_text} {stage_np} der {race} in {finish}. Der Fahrer von "
        "{w_team} schlug {second} und {third}.",
    ],
    "lead_oneday": [
        "{winner} ({w_team}) hat {race} {year} gewonnen. Nach {dist} von {start} nach "
        "{finish} lag er vor {second} und {third}.",
        "{winner} ist der Sieger von {race}. Der Fahrer von {w_team} überquerte die Ziellinie "
        "in {finish} vor {second} und {third}.",
    ],
    "route": [
        "{riders_count} Fahrer gingen in {start} auf eine {profile} Strecke über {dist}.",
        "Das Feld verließ {start} mit {riders_count} Fahrern und {dist} bis {finish}.",
    ],
    "breakaway": [
        "Die Fluchtgruppe des Tages bildeten {b1}, {b2} und {b3}, die einen maximalen "
        "Vorsprung von {maxgap} herausfuhren.",
        "{b1}, {b2} und {b3} griffen direkt nach dem Start an, ihr Vorsprung wuchs bis "
        "Kilometer {km_break} auf {maxgap}.",
    ],
    "climb": [
        "Am {climb} ({climb_len} km mit {climb_pct}%) wurde das Tempo erhöht und das Feld "
        "zerfiel in mehrere Gruppen.",
        "Der {climb}, {climb_len} km mit {climb_pct}%, war die größte Schwierigkeit des "
        "Tages.",
    ],
    "catch": [
        "Die Ausreißer wurden {caught_km} km vor dem Ziel gestellt.",
        "Das Feld holte die Spitzengruppe {caught_km} Kilometer vor dem Ziel ein.",
    ],
    "finale": [
        "{winner} eröffnete den Sprint 200 Meter vor der Linie und hielt {second} in Schach, "
        "der {gap2} zurück Zweiter wurde. {third} wurde Dritter mit {gap3} Rückstand.",
        "{winner} griff am letzten Anstieg an und gewann solo mit {gap2} Vorsprung auf "
        "{second}. {third} komplettierte das Podium mit {gap3} Rückstand.",
    ],
    "filler": [
        "{team_x} kontrollierte das Rennen über weite Strecken, und der Seitenwind sorgte "
        "für einige nervöse Momente.",
        "Die Straßen waren nach einem Schauer schmal und nass, und in den Abfahrten verloren "
        "mehrere Fahrer den Anschluss.",
        "Tausende Zuschauer säumten die letzten Kilometer, und der Lärm war ohrenbetäubend, "
        "als die Favoriten in die Stadt kamen.",
    ],
    "distractor": [
        "Im vergangenen Jahr hatte {prev_winner} in {finish} vor {prev_second} gewonnen.",
        "{crash_rider} stürzte in der Verpflegungszone und musste aufgeben.",
        "Es wurde {temp} Grad warm, und die Fahrer nahmen bei jeder Gelegenheit Flaschen.",
        "{transfer_rider} verlässt {transfer_team} am Saisonende, bestätigte sein Manager "
        "vor dem Start.",
    ],
    "distractor_stage": [
        "{leader} behält das {jersey} in der Gesamtwertung, mit {gc_gap} Vorsprung auf "
        "{gc_second}.",
        "Morgen führt die Etappe nach {next_finish}, wieder eine Chance für die Sprinter.",
    ],
    "quote": [
        "\"Es war ein sehr harter Tag, aber das Team ist perfekt gefahren und ich konnte es "
        "zu Ende bringen\", sagte {winner}.",
        "\"Ich habe mich am letzten Anstieg gut gefühlt und wusste, dass ich die Beine "
        "habe\", erklärte {winner} im Ziel.",
    ],
    "results_title": ["Ergebnis", "Top 10"],
}

T["pt"] = {
    "headline": ["{winner} vence em {finish}", "Vitória de {winner} em {finish}",
                 "{winner} bate {second}"],
    "lead_stage": [
        "{winner} ({w_team}) venceu {stage_np} da {race} {year}, {dist} entre {start} e "
        "{finish}, à frente de {second} e {third}.",
        "{winner} ganhou {stage_np} da {race} em {finish}, a {date_text}. O ciclista da "
        "{w_team} bateu {second} e {third}.",
    ],
    "lead_oneday": [
        "{winner} ({w_team}) venceu a {race} {year}, a {date_text}, à frente de {second} e "
        "{third}, depois de {dist} de corrida entre {start} e {finish}.",
        "{winner} é o vencedor da {race}. O ciclista da {w_team} cortou a meta em {finish} à "
        "frente de {second} e {third}.",
    ],
    "route": [
        "{riders_count} ciclistas partiram de {start} para um percurso {profile} de {dist}.",
        "O pelotão saiu de {start} com {riders_count} ciclistas e {dist} pela frente até "
        "{finish}.",
    ],
    "breakaway": [
        "A fuga do dia foi formada por {b1}, {b2} e {b3}, que chegaram a ter uma vantagem "
        "máxima de {maxgap}.",
        "{b1}, {b2} e {b3} atacaram logo após a partida e a vantagem chegou a {maxgap} ao "
        "quilómetro {km_break}.",
    ],
    "climb": [
        "Na subida ao {climb} ({climb_len} km a {climb_pct}%) o ritmo aumentou e o pelotão "
        "partiu-se.",
        "O {climb}, {climb_len} km a {climb_pct}%, foi a grande dificuldade do dia.",
    ],
    "catch": [
        "Os fugitivos foram apanhados a {caught_km} km da meta.",
        "O pelotão anulou a fuga a {caught_km} quilómetros do fim.",
    ],
    "finale": [
        "{winner} lançou o sprint a duzentos metros da linha e resistiu a {second}, segundo "
        "a {gap2}. {third} foi terceiro a {gap3}.",
        "{winner} atacou na última subida e venceu isolado com {gap2} de vantagem sobre "
        "{second}. {third} completou o pódio a {gap3}.",
    ],
    "filler": [
        "A {team_x} controlou a corrida durante grande parte do dia, e o vento provocou "
        "alguns momentos de nervosismo.",
        "As estradas eram estreitas e estavam molhadas depois de um aguaceiro, e vários "
        "ciclistas perderam contacto nas descidas.",
        "O público encheu os últimos quilómetros, e o barulho era ensurdecedor quando os "
        "favoritos entraram na cidade.",
    ],
    "distractor": [
        "No ano passado, {prev_winner} venceu em {finish}, à frente de {prev_second}.",
        "{crash_rider} caiu na zona de abastecimento e teve de abandonar.",
        "A temperatura chegou aos {temp} graus e os ciclistas pegaram em bidões a cada "
        "oportunidade.",
        "{transfer_rider} vai deixar a {transfer_team} no fim da temporada, confirmou o seu "
        "empresário antes da partida.",
    ],
    "distractor_stage": [
        "{leader} mantém a {jersey} na geral, com {gc_gap} de vantagem sobre {gc_second}.",
        "Amanhã, a etapa até {next_finish} deverá voltar a favorecer os sprinters.",
    ],
    "quote": [
        "\"Foi um dia muito duro, mas a equipa esteve perfeita e eu consegui finalizar\", "
        "disse {winner}.",
        "\"Senti-me bem na última subida e sabia que tinha pernas\", explicou {winner} depois "
        "da chegada.",
    ],
    "results_title": ["Classificação", "Top 10"],
}

PROFILE = {  # kind -> adjective, by language
    "en": {"flat": "flat", "hilly": "hilly", "mountain": "mountainous", "itt": "solo"},
    "nl": {"flat": "vlakke", "hilly": "heuvelachtige", "mountain": "bergachtige",
           "itt": "individuele"},
    "fr": {"flat": "plat", "hilly": "vallonné", "mountain": "montagneux", "itt": "individuel"},
    "it": {"flat": "pianeggiante", "hilly": "mosso", "mountain": "montuoso", "itt": "a cronometro"},
    "es": {"flat": "llano", "hilly": "ondulado", "mountain": "montañoso", "itt": "contrarreloj"},
    "de": {"flat": "flache", "hilly": "hügelige", "mountain": "bergige", "itt": "flache"},
    "pt": {"flat": "plano", "hilly": "acidentado", "mountain": "montanhoso", "itt": "individual"},
}


# ------------------------------------------------------------------- wording


def fmt_number(value: float, lang: str) -> str:
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return text if lang == "en" else text.replace(".", ",")


def fmt_distance(km: float, lang: str) -> str:
    unit = {"nl": "kilometer", "es": "kilómetros", "de": "Kilometer"}.get(lang, "km")
    return f"{fmt_number(km, lang)} {unit}"


def fmt_gap(seconds: int, lang: str) -> str:
    """A time gap the way a reporter of that language writes it."""
    if seconds < 60:
        unit = {"en": "seconds", "nl": "seconden", "fr": "secondes", "it": "secondi",
                "es": "segundos", "de": "Sekunden", "pt": "segundos"}[lang]
        return f"{seconds} {unit}"
    minutes, rest = divmod(seconds, 60)
    if lang == "de":
        return f"{minutes}:{rest:02d} Minuten"
    return f"{minutes}'{rest:02d}\""


def stage_phrase(stage: int, lang: str) -> str:
    """The stage as the object of 'won', with its article where the language has one."""
    if stage == 0:
        return {"en": "the prologue", "nl": "de proloog", "fr": "le prologue",
                "it": "il prologo", "es": "el prólogo", "de": "den Prolog",
                "pt": "o prólogo"}[lang]
    return {
        "en": f"stage {stage}",
        "nl": f"de {stage}e etappe",
        "fr": f"la {stage}e étape",
        "it": f"la {stage}ª tappa",
        "es": f"la {stage}ª etapa",
        "de": f"die {stage}. Etappe",
        "pt": f"a {stage}.ª etapa",
    }[lang]


def date_text(date: str, lang: str) -> str:
    month = MONTHS[lang].split()[int(date[5:7]) - 1]
    day = int(date[8:10])
    if lang == "de":
        return f"{day}. {month}"
    if lang in ("es", "pt"):
        return f"{day} de {month}"
    return f"{day} {month}"


def race_name(race: str, lang: str, rng: random.Random) -> str:
    return rng.choice(RACE_NAMES.get(race, {}).get(lang) or [race])


# ------------------------------------------------------------------ reports


class Corpus:
    """Events, riders and teams to draw from; `report(i)` is the i-th report."""

    def __init__(self, seed: int = 0, stages_csv: Path | None = SHARED_STAGES):
        self.seed = seed
        real = load_tdf_stages(stages_csv) if stages_csv else []
        self.real_data = bool(real)
        builtin = [Event(r, y, d, s, a, b, km, k, None) for r, y, d, s, a, b, km, k
                   in BUILTIN_STAGES]
        self.stages = real or builtin
        self.other_stages = builtin  # other stage races than the Tour, always
        riders = load_riders(stages_csv) if stages_csv else {}
        self.riders_by_year = riders
        self.years = sorted(riders)

    def riders_near(self, year: int, rng: random.Random, k: int,
                    exclude: set[str]) -> list[str]:
        """k distinct real riders who won stages within a few years of `year`."""
        pool = [r for y in self.years if abs(y - year) <= 4 for r in self.riders_by_year[y]]
        if len(pool) < 3 * k or year >= 2015:
            pool += BUILTIN_RIDERS  # recent years, or no real data
        pool = [r for r in dict.fromkeys(pool) if r not in exclude]
        if len(pool) < k:
            pool += [f"Rider {n}" for n in range(k)]
        return rng.sample(pool, k)

    def event(self, rng: random.Random) -> Event:
        roll = rng.random()
        if roll < 0.55:
            return rng.choice(self.stages)
        if roll < 0.7:
            return rng.choice(self.other_stages)
        race, start, finish, km, kind, month_day = rng.choice(ONE_DAY)
        year = rng.randint(1995, 2018)
        return Event(race, year, f"{year}-{month_day}", None, start, finish,
                     km + rng.choice([-3, 0, 0, 2, 5]), kind, None)

    def report(self, index: int) -> tuple[str, str, str]:
        """(relative file name, language, text) of the index-th report."""
        rng = random.Random(f"{self.seed}:{index}")
        event = self.event(rng)
        lang = LANGS[index % len(LANGS)]
        text = write_report(event, lang, rng, self)
        stage = "oneday" if event.stage is None else f"s{event.stage:02d}"
        slug = re.sub(r"[^a-z0-9]+", "-", ascii_fold(event.race).lower()).strip("-")
        name = f"{index // FILES_PER_FOLDER:04d}/{index:07d}_{lang}_{slug}_{event.year}_{stage}.txt"
        return name, lang, text


def ascii_fold(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def team_of(rider: str, year: int) -> str:
    """The same rider rides for the same team within an era (deterministic)."""
    teams = MODERN_TEAMS if year >= 1990 else OLD_TEAMS
    return teams[random.Random(f"{rider}:{year // 4}").randrange(len(teams))]


def context(event: Event, lang: str, rng: random.Random, corpus: Corpus) -> dict[str, str]:
    first = event.winner if plausible_name(event.winner) else ""
    riders = corpus.riders_near(event.year, rng, 18, {first})
    winner = first or riders.pop()
    (second, third, b1, b2, b3, leader, gc_second, prev_winner, prev_second,
     crash_rider, transfer_rider, *rest) = riders
    country = RACE_COUNTRY.get(event.race, "FR")
    climbs = CLIMBS.get(country, CLIMBS["FR"])
    climb, climb_len, climb_pct = rng.choice(climbs)
    next_event = rng.choice(corpus.stages)
    jersey = JERSEY.get(event.race, JERSEY[""])[lang]
    gap2 = rng.choice([2, 4, 8, 12, 25, 41, 75, 130])
    return {
        "race": race_name(event.race, lang, rng), "year": str(event.year),
        "date_text": date_text(event.date, lang),
        "stage_np": "" if event.stage is None else stage_phrase(event.stage, lang),
        "start": event.start, "finish": event.finish,
        "dist": fmt_distance(event.distance, lang), "profile": PROFILE[lang][event.kind],
        "winner": winner, "w_team": team_of(winner, event.year),
        "second": second, "third": third,
        "gap2": fmt_gap(gap2, lang), "gap3": fmt_gap(gap2 + rng.choice([3, 6, 14, 30, 52]), lang),
        "b1": b1, "b2": b2, "b3": b3,
        "maxgap": fmt_gap(rng.randint(150, 600), lang), "km_break": str(rng.randint(20, 90)),
        "climb": climb, "climb_len": fmt_number(climb_len, lang),
        "climb_pct": fmt_number(climb_pct, lang),
        "caught_km": str(rng.randint(3, 40)), "riders_count": str(rng.randint(140, 198)),
        "team_x": team_of(rest[0], event.year), "leader": leader, "gc_second": gc_second,
        "gc_gap": fmt_gap(rng.randint(5, 300), lang), "jersey": jersey,
        "prev_winner": prev_winner, "prev_second": prev_second, "crash_rider": crash_rider,
        "temp": str(rng.randint(8, 38)), "transfer_rider": transfer_rider,
        "transfer_team": team_of(transfer_rider, event.year), "next_finish": next_event.finish,
        "results": "\n".join(results_lines(winner, [second, third, *rest[1:8]], event.year,
                                           event.distance, rng)),
    }


def results_lines(winner: str, others: list[str], year: int, distance: float,
                  rng: random.Random) -> list[str]:
    """'1. Rider (Team) 4:12:33' then gaps: the list at the end of many reports."""
    total = int(distance / rng.uniform(38, 46) * 3600)
    hours, rest = divmod(total, 3600)
    lines = [f"1. {winner} ({team_of(winner, year)}) {hours}:{rest // 60:02d}:{rest % 60:02d}"]
    gap = 0
    for rank, rider in enumerate(others, start=2):
        gap += rng.choice([0, 0, 2, 4, 9])
        shown = "s.t." if gap == 0 else f"+{gap // 60}:{gap % 60:02d}"
        lines.append(f"{rank}. {rider} ({team_of(rider, year)}) {shown}")
    return lines


def write_report(event: Event, lang: str, rng: random.Random, corpus: Corpus) -> str:
    """A report of about 200-400 words: headline, lead, story, distractors, quote."""
    t = T[lang]
    ctx = context(event, lang, rng, corpus)
    kind = "oneday" if event.stage is None else "stage"

    def pick(section: str) -> str:
        return rng.choice(t[section]).format_map(ctx)

    headlines = [h for h in t["headline"] if kind == "stage" or "{stage_np}" not in h]
    paragraphs = [rng.choice(headlines).format_map(ctx),
                  pick(f"lead_{kind}") + " " + pick("route")]
    story = [pick("breakaway")]
    if event.kind in ("hilly", "mountain") or rng.random() < 0.3:
        story.append(pick("climb"))
    story.append(pick("catch"))
    paragraphs.append(" ".join(story))
    paragraphs.append(" ".join(f.format_map(ctx) for f in rng.sample(t["filler"], 3)))
    paragraphs.append(pick("finale"))
    distractors = list(t["distractor"]) + (t["distractor_stage"] if kind == "stage" else [])
    paragraphs.append(" ".join(d.format_map(ctx) for d in rng.sample(distractors, 3)))
    paragraphs.append(pick("quote"))
    if rng.random() < 0.4:
        paragraphs.append(rng.choice(t["results_title"]) + "\n" + ctx["results"])
    header = f" date {event.date[:7]} " if rng.random() < 0.8 else ""
    return header + "\n" + "\n\n".join(paragraphs) + "\n"


def encode(text: str, index: int) -> bytes:
    """Most files UTF-8; a few as other sources write them (cp1252, BOM, CRLF)."""
    kind = index % 50
    if kind == 7:
        try:
            return text.encode("cp1252")
        except UnicodeEncodeError:
            pass
    if kind == 19:
        return b"\xef\xbb\xbf" + text.encode("utf-8")
    if kind in (23, 41):
        return text.replace("\n", "\r\n").encode("utf-8")
    return text.encode("utf-8")


def generate(n: int, seed: int = 0, stages_csv: Path | None = SHARED_STAGES,
             start: int = 0) -> Iterator[tuple[str, bytes]]:
    """(relative path, file content) of reports start .. start+n-1."""
    corpus = Corpus(seed, stages_csv)
    for index in range(start, start + n):
        name, _, text = corpus.report(index)
        yield name, encode(text, index)


def write_corpus(out: Path, n: int, seed: int = 0,
                 stages_csv: Path | None = SHARED_STAGES) -> list[Path]:
    """Write n reports under out/ (500 per sub-folder); returns their paths."""
    paths = []
    for name, data in generate(n, seed, stages_csv):
        path = out / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="folder to write the reports to")
    parser.add_argument("--reports", type=int, default=1000, help="how many (default 1000)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--stages", type=Path, default=SHARED_STAGES,
                        help="tdf_stages.csv (default ../shared/data/; skipped when absent)")
    args = parser.parse_args(argv)
    corpus_note = "real Tour stages" if args.stages.is_file() else "built-in events only"
    paths = write_corpus(args.out, args.reports, args.seed, args.stages)
    words = sum(len(p.read_bytes().split()) for p in paths)
    print(f"{len(paths)} reports, {words} words ({words / max(1, len(paths)):.0f} per report, "
          f"{corpus_note}) written to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
