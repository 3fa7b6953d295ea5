"""Known riders (data/riders.csv) and the countries demonyms name (data/demonyms.yml).

Two things a report often leaves to the reader's knowledge:

* a rider called by the surname alone ("Pogačar attacked"), never named in full: without
  this list a single capitalised word is read as a place;
* a rider's nationality ("Vingegaard lost time. The Belgian won"): the Belgian cannot
  be Vingegaard, a Dane.

The list is a gazetteer like races.yml, not a source of facts: a surname it knows makes
a word a rider's mention, written as the text writes it (several riders share most
surnames, so the full name is never guessed from it).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from functools import cache

import yaml

from ..store import name_key
from .lexicon import DATA


@dataclass(frozen=True)
class KnownRiders:
    surname_keys: frozenset[str]  # name_key of every trailing part of a known name
    surnames: frozenset[str]  # the same parts as written, accents and capitals kept
    nations: dict[str, str]  # name_key(full name) -> country
    names: tuple[str, ...] = ()  # every full name, as the list writes it
    women: frozenset[str] = frozenset()  # name_key of every woman's full name (sex F)
    surname_sexes: dict[str, str] = field(default_factory=dict)  # surname key -> "F"/"M"
    given_keys: frozenset[str] = frozenset()  # name_key of every first word of a known name

    def is_surname(self, text: str, exact: bool = False) -> bool:
        """`exact`: written as the list writes it (a sentence's first word: "Más" is
        Spanish for "more", "Mas" is Enric Mas)."""
        return text in self.surnames if exact else name_key(text) in self.surname_keys

    def nation(self, name: str) -> str | None:
        return self.nations.get(name_key(name))

    def sex(self, name: str) -> str | None:
        """"F" or "M" for a rider the list knows by this name, else None. A surname
        alone ("Wiebes") only when every rider the list knows by it is of one sex
        ("Thomas" is Geraint and Leah): an unknown name says nothing."""
        key = name_key(name)
        if key in self.nations:
            return "F" if key in self.women else "M"
        return self.surname_sexes.get(key)


@cache
def known_riders() -> KnownRiders:
    surname_keys: set[str] = set()
    surnames: set[str] = set()
    given: set[str] = set()
    nations: dict[str, str] = {}
    names: list[str] = []
    women: set[str] = set()
    sexes: dict[str, set[str]] = {}
    with (DATA / "riders.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            name, nation = row["name"].strip(), row["nation"].strip()
            nations[name_key(name)] = nation
            sex = "F" if (row.get("sex") or "").strip() == "F" else "M"
            if sex == "F":
                women.add(name_key(name))
            names.append(name)
            words = name.split()
            if len(words) > 1:
                given.add(name_key(words[0]))
            for i in range(1, len(words)):
                part = " ".join(words[i:])
                surnames.add(part)
                surname_keys.add(name_key(part))
                sexes.setdefault(name_key(part), set()).add(sex)
    return KnownRiders(frozenset(surname_keys), frozenset(surnames), nations, tuple(names),
                       women=frozenset(women),
                       surname_sexes={key: next(iter(s)) for key, s in sexes.items()
                                      if len(s) == 1},
                       given_keys=frozenset(given))


@cache
def demonym_nations() -> dict[str, str]:
    """name_key(demonym) -> country ("belge" -> BEL)."""
    with (DATA / "demonyms.yml").open(encoding="utf-8") as handle:
        data = yaml.safe_load(handle) or {}
    return {name_key(str(word)): country for country, words in data.items() for word in words}
