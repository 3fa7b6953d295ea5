"""ingest/nlp/data/races.yml: the file is well formed, no alias names two races, and new
races are read from short reports in several languages."""

from __future__ import annotations

import re
from collections import defaultdict

import pytest

from ingest.extract import extract
from ingest.model import Report
from ingest.nlp.lexicon import lexicon, races
from ingest.store import name_key

LANGS = ["en", "nl", "fr", "it", "es", "pt", "de", "da", "pl"]
# Races held in a different country each year: no geocoder preference.
MOVING = re.compile(r"^(World Championships|Olympic|European Championships|Commonwealth Games) ")
WOMEN_CUE = re.compile(r"women|femmes|f[ée]minin|femenin|donne|feminas|ladies|dames", re.IGNORECASE)
# Women's races whose names do not say so.
WOMEN_UNMARKED = {"Classic Lorient Agglomération", "RideLondon Classique", "Lotto Belgium Tour",
                  "Setmana Ciclista Valenciana"}


def test_file_loads_with_every_field():
    entries = races()
    assert len(entries) >= 250
    for entry in entries:
        assert set(entry) <= {"name", "country", "one_day", "women", "aliases"}, entry
        assert isinstance(entry["name"], str) and entry["name"].strip() == entry["name"]
        country = entry["country"]
        if MOVING.match(entry["name"]):
            assert country is None, entry["name"]
        else:
            assert isinstance(country, str) and re.fullmatch(r"[A-Z]{2}", country), entry["name"]
        assert entry.get("one_day", False) in (True, False), entry["name"]
        aliases = entry["aliases"]
        assert aliases and all(isinstance(a, str) and a.strip() == a and a for a in aliases), \
            entry["name"]
        assert len(aliases) == len(set(aliases)), f"{entry['name']}: an alias twice"


def test_names_are_unique():
    names = [entry["name"] for entry in races()]
    assert len(names) == len({name_key(n) for n in names})


@pytest.mark.parametrize("lang", LANGS)
def test_no_alias_names_two_races(lang):
    """Case-, accent- and punctuation-insensitive, with the language file's additions."""
    owners: dict[str, set[str]] = defaultdict(set)
    for entry in lexicon(lang).races:
        for alias in [entry["name"], *entry["aliases"]]:
            owners[name_key(alias)].add(entry["name"])
    shared = {key: sorted(names) for key, names in owners.items() if len(names) > 1}
    assert not shared


def test_no_alias_is_a_lone_generic_word():
    generic = {"tour", "giro", "vuelta", "volta", "ronde", "classic", "race", "course",
               "corsa", "carrera", "grand prix", "gp", "gran premio", "trofeo", "coppa",
               "klassiker", "rundfahrt", "women", "femmes", "ladies", "world championships"}
    for entry in races():
        for alias in entry["aliases"]:
            assert name_key(alias) not in generic, (entry["name"], alias)


def test_women_names_are_womens_races():
    by_name = {entry["name"]: entry for entry in races()}
    targets = {entry["women"] for entry in races() if entry.get("women")}
    for entry in races():
        women = entry.get("women")
        if not women:
            continue
        assert women != entry["name"]
        # Its own entry, so that the race of a women's report is stored with its one_day.
        assert women in by_name, women
        target = by_name[women]
        assert not target.get("women"), f"{women} is a men's race with a women's race"
        assert bool(target.get("one_day")) == bool(entry.get("one_day")) or women in {
            "Tour of Guangxi Women"}, women  # the women's Guangxi is one day
        assert WOMEN_CUE.search(women) or women in WOMEN_UNMARKED, women
    # and no men's race is anyone's women's race
    assert not targets & {e["name"] for e in races() if e.get("women")}


def race_of(text: str, lang: str) -> str | None:
    facts = extract(Report("r.txt", "r.txt", text, None, "0" * 64, lang))
    return facts.race.value if facts.race else None


@pytest.mark.parametrize("lang,text,race", [
    ("it", "Filippo Ganna ha vinto il Giro dell’Emilia davanti a Tadej Pogačar. "
           "La corsa si è decisa sulla salita di San Luca.", "Giro dell'Emilia"),
    ("it", "Matteo Trentin vince la Tre Valli Varesine. Secondo posto per Alberto Bettiol.",
     "Tre Valli Varesine"),
    ("es", "Tadej Pogačar ganó la Vuelta a Suiza. El esloveno atacó en la última etapa.",
     "Tour de Suisse"),
    ("pt", "João Almeida venceu a Volta à Suíça. O português atacou na última etapa.",
     "Tour de Suisse"),
    ("nl", "Wout van Aert wint de Brabantse Pijl. De Belg was de snelste in Overijse.",
     "Brabantse Pijl"),
    ("fr", "Benoît Cosnefroy remporte la Bretagne Classic. Le Français a devancé "
           "Julian Alaphilippe dans le final.", "Bretagne Classic"),
    ("fr", "Tadej Pogačar a remporté le Grand Prix Cycliste de Montréal dimanche.",
     "Grand Prix Cycliste de Montréal"),
    ("de", "Primož Roglič gewinnt die Tour of the Alps. Der Slowene siegte auf der "
           "letzten Etappe.", "Tour of the Alps"),
    ("de", "Die Deutschland Tour endet mit einem Sieg von Pascal Ackermann.",
     "Deutschland Tour"),
    ("da", "Mads Pedersen vandt Danmark Rundt for anden gang.", "Danmark Rundt"),
    ("en", "Elisa Longo Borghini won the Trofeo Alfredo Binda on Sunday.",
     "Trofeo Alfredo Binda"),
    ("en", "Remco Evenepoel won the world championship time trial on Sunday.",
     "World Championships time trial"),
    ("en", "Jasper Philipsen won the Renewi Tour, the race once called the Eneco Tour.",
     "BinckBank Tour"),
    # the same name told apart by a women's cue
    ("en", "Tadej Pogačar won the Tour of Flanders on Sunday. The Slovenian attacked "
           "on the Oude Kwaremont.", "Tour of Flanders"),
    ("en", "Lotte Kopecky won the women's Tour of Flanders on Sunday. The Belgian "
           "attacked on the Paterberg.", "Tour of Flanders Women"),
    ("it", "Demi Vollering vince la Liegi-Bastogne-Liegi femminile davanti a "
           "Elisa Longo Borghini.", "Liège-Bastogne-Liège Femmes"),
    ("nl", "Lotte Kopecky wint de Brabantse Pijl voor vrouwen.", "Brabantse Pijl Women"),
    ("es", "Demi Vollering ganó la Vuelta a Burgos femenina.", "Vuelta a Burgos Feminas"),
    ("de", "Lotte Kopecky gewinnt die Flandern-Rundfahrt der Frauen vor Demi Vollering.",
     "Tour of Flanders Women"),
    ("fr", "Pauline Ferrand-Prévot remporte Paris-Roubaix Femmes après une longue échappée.",
     "Paris-Roubaix Femmes"),
    ("en", "Marianne Vos won the Ladies Tour of Norway for a third time.",
     "Ladies Tour of Norway"),
    ("en", "Alexander Kristoff won the Tour of Norway for a third time.", "Tour of Norway"),
    ("pt", "Rui Costa venceu a Volta ao Alentejo pela segunda vez.", "Volta ao Alentejo"),
    ("de", "Felix Großschartner gewinnt die Österreich-Rundfahrt.", "Tour of Austria"),
    ("pl", "Michał Kwiatkowski wygrał wyścig Mediolan-San Remo.", "Milan-San Remo"),
    ("es", "Juan Ayuso gana el Tour de los Alpes tras la última etapa.", "Tour of the Alps"),
    ("fr", "Tadej Pogačar s'impose au Tour Auvergne-Rhône-Alpes.", "Critérium du Dauphiné"),
    # national championships: the road race and the time trial of each country
    ("fr", "Juliette Labous devient championne de France au terme du championnat de France "
           "sur route.", "French National Road Race Championships"),
    ("fr", "Bruno Armirail remporte le championnat de France du contre-la-montre.",
     "French National Time Trial Championships"),
    ("nl", "Mathieu van der Poel wint het NK op de weg in Drenthe.",
     "Dutch National Road Race Championships"),
    ("nl", "Remco Evenepoel wint het BK tijdrijden voor Wout van Aert.",
     "Belgian National Time Trial Championships"),
    ("it", "Filippo Zana vince il campionato italiano in linea davanti a Lorenzo Rota.",
     "Italian National Road Race Championships"),
    ("it", "Filippo Ganna vince il campionato italiano a cronometro.",
     "Italian National Time Trial Championships"),
    ("es", "Mavi García gana el Campeonato de España en ruta por quinta vez.",
     "Spanish National Road Race Championships"),
    ("de", "Marcus Burghardt gewinnt die Deutsche Straßenmeisterschaft in Einhausen.",
     "German National Road Race Championships"),
    ("de", "Nils Politt gewinnt die Deutsche Meisterschaft im Einzelzeitfahren.",
     "German National Time Trial Championships"),
    ("da", "Mads Pedersen vandt DM i linjeløb søndag.", "Danish National Road Race Championships"),
    ("da", "Danmarksmesterskabet blev afgjort i en spurt, som Michael Mørkøv vandt.",
     "Danish National Road Race Championships"),
    ("de", "Maximilian Schachmann hat die deutsche Straßenrad-Meisterschaft gewonnen.",
     "German National Road Race Championships"),
    ("da", "Kasper Asgreen vandt DM i enkeltstart.", "Danish National Time Trial Championships"),
    ("pl", "Michał Kwiatkowski wygrał mistrzostwa Polski ze startu wspólnego.",
     "Polish National Road Race Championships"),
    ("en", "Pfeiffer Georgi won the British National Road Race Championships in Saltburn.",
     "British National Road Race Championships"),
    # more races; a race under its former name
    ("nl", "Marcel Kittel wint in de Delta Tour Zeeland.", "Delta Tour Zeeland"),
    ("pt", "André Grizante venceu a Volta Internacional de São Paulo.", "Volta de São Paulo"),
    ("de", "Steffen Wesemann gewinnt die Friedensfahrt.", "Peace Race"),
    ("es", "Annemiek van Vleuten ganó la Ceratizit Challenge by La Vuelta.", "La Vuelta Femenina"),
    ("pl", "Katarzyna Niewiadoma wygrała Tour de Pologne kobiet.", "Tour de Pologne Women"),
    # the podium's riders tell the women's race of a race's name from the men's
    ("en", "Lorena Wiebes won the third stage of the Tour de Pologne on Sunday.",
     "Tour de Pologne Women"),
    ("en", "Rafał Majka won the Tour de Pologne on Sunday.", "Tour de Pologne"),
    # a feminine noun says it too ("la vincitrice", "de renster"), not for a championship
    ("it", "La vincitrice del Giro d'Italia, la giovane Maria Rossi, ha tagliato il traguardo "
           "da sola.", "Giro d'Italia Women"),
    ("nl", "De renster Anna Jansen won de Ronde van Vlaanderen na een lange solo.",
     "Tour of Flanders Women"),
    ("pt", "A campeã neerlandesa venceu o Campeonato do Mundo de estrada.",
     "World Championships road race"),
    ("pt", "Tadej Pogačar venceu o campeonato do mundo de ciclismo em Zurique.",
     "World Championships road race"),
    ("es", "Annemiek van Vleuten sentenció el Tour femenino en la séptima etapa.",
     "Tour de France Femmes"),
    ("de", "Von der 68. Österreich-Radrundfahrt gibt es keine Live-Bilder mehr.",
     "Tour of Austria"),
    ("it", "Elisa Balsamo si è aggiudicata il trofeo Alfredo Binda a Cittiglio.",
     "Trofeo Alfredo Binda"),
    ("es", "Tadej Pogačar ganó el Giro de Lombardía por tercera vez.", "Il Lombardia"),
    # an under-23 race is not the elite race whose name it holds
    ("it", "Giulio Pellizzari vince il Giro d'Italia Under 23 davanti a Jonathan Milan.",
     "Giro Next Gen"),
    ("en", "Axel Laurance won the U23 world championship road race on Friday.",
     "World Championships U23 road race"),
    # a full name followed by 'a/à Place' is the race in that town, not another race
    ("it", "Remco Evenepoel vince il Giro d'Italia a Roma davanti a Primož Roglič.",
     "Giro d'Italia"),
    ("fr", "Benoît Cosnefroy remporte la Bretagne Classic à Plouay devant Julian Alaphilippe.",
     "Bretagne Classic"),
    ("de", "Jonas Aarts hat Kuurne-Brüssel-Kuurne gewonnen.", "Kuurne-Brussel-Kuurne"),
    ("fr", "La Course by le Tour a été remportée au sprint par Lieke Bosman.",
     "La Course by Le Tour de France"),
    ("pt", "Ana Ferreira venceu a segunda etapa da Volta a Portugal feminina, em Loures.",
     "Volta a Portugal Feminina"),
])
def test_new_races_are_read(lang, text, race):
    assert race_of(text, lang) == race


@pytest.mark.parametrize("lang, text", [
    ("en", "Lenny Martinez, the 2021 Tour de l'Avenir winner, won stage 5 of the Tour de "
           "France ahead of Tadej Pogačar."),
    ("fr", "Le vainqueur du Tour de l'Avenir 2021, Lenny Martinez, remporte la 5e étape du "
           "Tour de France devant Tadej Pogačar."),
])
def test_a_race_named_as_a_riders_title_is_not_the_reports_race(lang, text):
    assert race_of(text, lang) == "Tour de France"


@pytest.mark.parametrize("lang, text", [
    ("en", "After his wins in Omloop Het Nieuwsblad and E3 Harelbeke, Greg van Avermaet won "
           "the 79th edition of Gent-Wevelgem."),
    ("nl", "Na zijn zeges in de Omloop Het Nieuwsblad en de E3 Harelbeke won Greg van "
           "Avermaet ook de 79ste editie van Gent-Wevelgem."),
])
def test_a_race_named_as_an_edition_in_the_lead_is_the_reports_race(lang, text):
    assert race_of(text, lang) == "Gent-Wevelgem"


def test_two_races_named_alike_give_no_race():
    assert race_of("Tadej Pogačar won the Tour of Flanders. Mathieu van der Poel won "
                   "Paris-Roubaix.", "en") is None
