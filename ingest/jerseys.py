"""One key per jersey of a race: a colour is read as its role where ingest/nlp/data/jerseys.yml
says what the colour means in that race (Tour de France `yellow` is `leader`, Giro `blue`
from 2012 `mountains`; a race it does not list: `default`, yellow, pink and red lead). The
extraction stores the key `jersey_key` gives; the evaluation compares annotated and
extracted jerseys through it, whichever key either side uses."""

from __future__ import annotations

import re
from functools import cache

from .nlp.lexicon import _load, races
from .store import name_key

DROP = ""  # jersey_key's answer for another race's jersey
_YEARS = re.compile(r"^(\S+)(?: (\d{4})?-(\d{4})?)?$")
Meanings = dict[str, list[tuple[str, int, int]]]  # colour -> [(role, first year, last year)]


def _meanings(roles: dict, where: str) -> Meanings:
    colours: Meanings = {}
    for role, entries in (roles or {}).items():
        for entry in entries:
            m = _YEARS.match(str(entry).strip())
            if not m:
                raise ValueError(f"jerseys.yml {where} {role}: {entry!r}")
            first = int(m.group(2)) if m.group(2) else 0
            last = int(m.group(3)) if m.group(3) else 9999
            colours.setdefault(m.group(1), []).append((str(role), first, last))
    return colours


@cache
def _data() -> tuple[frozenset[str], Meanings, dict[str, Meanings]]:
    """Roles, the default colours, and per race key its colours."""
    data = _load("jerseys.yml")
    races_ = {name_key(race): _meanings(roles, race)
              for race, roles in (data.get("races") or {}).items()}
    return frozenset(data.get("roles") or []), _meanings(data.get("default"), "default"), races_


@cache
def _race_key(race: str) -> str:
    """A race's name or alias as the name_key of its name in races.yml."""
    key = name_key(race)
    for entry in races():
        if key in (name_key(n) for n in [entry["name"], *entry.get("aliases", [])]):
            return name_key(entry["name"])
    return key


def jersey_key(race: str | None, year: int | None, key: str) -> str:
    """The key to store for a jersey named `key` in a report of `race` in `year`: its role
    where the race's data knows the colour, else `key` itself; DROP for a colour the race
    does not have (another race's jersey: "the pink jersey" in a Tour report)."""
    roles, default, meanings = _data()
    if key in roles:
        return key
    colours = meanings.get(_race_key(race), default) if race else default
    entries = colours.get(key)
    if not entries:
        complete = roles <= {role for e in colours.values() for role, _, _ in e}
        return DROP if colours is not default and (complete or key in default) else key
    if year is None:
        found = {role for role, _, last in entries if last == 9999}
    else:
        found = {role for role, first, last in entries if first <= year <= last}
    return found.pop() if len(found) == 1 else key


def rekey(race: str | None, year: int | None, jerseys: dict[str, str]) -> dict[str, str]:
    """Jerseys (key -> rider) keyed through jersey_key, for a comparison that does not care
    whether a side wrote the colour or the role. A key jersey_key would drop is kept as
    written: an annotation says what the text says."""
    return {jersey_key(race, year, key) or key: rider for key, rider in jerseys.items()}
