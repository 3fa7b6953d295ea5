"""Score extracted facts against facts a person wrote down for the same report.

An annotated report is `NAME.txt` with `NAME.yml` beside it, in the format of
tests/reports/README.md. Each fact the .yml lists (a key that is present) is scored:

- correct: extracted, and equal to the annotation;
- wrong: extracted, but the annotation says otherwise (or says the text does not state it);
- missed: the annotation states it, nothing was extracted.

Precision is correct / (correct + wrong), recall is correct / (correct + wrong + missed)
over the facts the annotation states. Riders match on their full name or on a surname
(the annotation may give "Pogačar" where the text never names him in full); teams match
across sponsor names of one lineage.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml

from .jerseys import rekey
from .model import Extraction
from .store import name_key, team_lineages

EVENT_FIELDS = ("race", "year", "stage", "start", "finish", "distance_km")


@dataclass
class Outcome:
    """One scored fact: its kind ("winner", "rank", "team", ...), verdict and a description."""

    kind: str
    verdict: str  # correct, wrong, missed
    detail: str


@dataclass
class Score:
    outcomes: list[Outcome] = field(default_factory=list)

    def add(self, kind: str, got, want, same) -> None:
        if got is None and want is None:
            return
        if got is None:
            verdict = "missed"
        elif want is not None and same(got, want):
            verdict = "correct"
        else:
            verdict = "wrong"
        self.outcomes.append(Outcome(kind, verdict, f"got {got!r}, want {want!r}"))

    def counts(self, kinds: set[str] | None = None) -> Counter:
        return Counter(o.verdict for o in self.outcomes if kinds is None or o.kind in kinds)


def load_annotation(report_path: Path) -> dict:
    with report_path.with_suffix(".yml").open(encoding="utf-8") as handle:
        return yaml.safe_load(handle) or {}


def same_rider(a: str, b: str) -> bool:
    """'Tadej Pogačar' is 'Pogacar', 'Wout van Aert' is 'Van Aert'; Simon is not Adam Yates.
    Also one name written two ways: surname first ('Thomas Geraint'), a middle name left
    out ('Tobias Johannessen'), a short given name ('Chris Froome')."""
    ka, kb = name_key(a).split(), name_key(b).split()
    if ka == kb:
        return True
    short, long = sorted((ka, kb), key=len)
    if bool(short) and long[-len(short):] == short and len(short) < len(long):
        return True
    if len(ka) == len(kb) == 2 and ka == kb[::-1]:
        return True
    if len(short) < 2 or short[-1] != long[-1]:
        return False
    given = short[0] == long[0] or (len(short[0]) >= 3 and long[0].startswith(short[0]))
    middle = short[1:-1] == long[1:-1] or len(short) == 2  # the same, or left out
    return given and middle


def same_team(a: str, b: str) -> bool:
    """One team across its sponsor names ('Lidl-Trek' is 'Trek-Segafredo'), or a short form."""
    ka, kb = name_key(a), name_key(b)
    if ka == kb or (ka and kb and (ka in kb or kb in ka)):
        return True
    lineages = team_lineages()
    line_a, line_b = lineages.get(ka), lineages.get(kb)
    return line_a is not None and line_b is not None and line_a[0] == line_b[0]


def _plain(got, want) -> bool:
    return got == want


def _names(got, want) -> bool:
    return name_key(str(got)) == name_key(str(want))


def _km(got, want) -> bool:
    return abs(float(got) - float(want)) < 0.05


def same_race(got, want) -> bool:
    """One race under any of its names in races.yml ('Boels Ladies Tour' is the
    'Simac Ladies Tour' of later years)."""
    canonical = _race_names()
    key_got, key_want = name_key(str(got)), name_key(str(want))
    return canonical.get(key_got, key_got) == canonical.get(key_want, key_want)


@cache
def _race_names() -> dict[str, str]:
    from .nlp.lexicon import races

    return {name_key(alias): name_key(race["name"])
            for race in races() for alias in [race["name"], *race.get("aliases", [])]}


def score(facts: Extraction, annotation: dict, published: str | None = None) -> Score:
    """`published` ("YYYY-MM", the report's date) tells which jersey a colour was in a year
    the annotation does not state."""
    result = Score()
    same_of = {"race": same_race, "start": _names, "finish": _names, "distance_km": _km}
    for name in EVENT_FIELDS:
        if name in annotation:
            value = getattr(facts, name)
            result.add(name, None if value is None else value.value, annotation[name],
                       same_of.get(name, _plain))
    if "results" in annotation:
        _score_results(result, facts, annotation["results"] or {})
    if "jerseys" in annotation:
        race, year = jersey_context(facts, annotation, published)
        got = rekey(race, year, {j.jersey: j.rider for j in facts.jerseys})
        want = rekey(race, year, annotation["jerseys"] or {})
        for jersey in sorted(set(got) | set(want)):
            before = len(result.outcomes)
            result.add("jersey", got.get(jersey), want.get(jersey), same_rider)
            for outcome in result.outcomes[before:]:
                outcome.detail = f"{jersey}: {outcome.detail}"
    return result


def jersey_context(facts: Extraction, annotation: dict,
                   published: str | None) -> tuple[str | None, int | None]:
    """The race and year a report's jerseys are of: the annotation's, else the extracted,
    else (the year) the report's date. A colour and a role are one jersey where
    ingest/nlp/data/jerseys.yml says so for that race and year."""
    race = annotation.get("race") or (facts.race and str(facts.race.value))
    year = annotation.get("year") or (facts.year and facts.year.value)
    if year is None and published and published[:4].isdigit():
        year = int(published[:4])
    return race, None if year is None else int(year)


def _score_results(result: Score, facts: Extraction, want: dict) -> None:
    got = {r.rank: r for r in facts.results}
    for rank in sorted(set(got) | set(want)):
        spec = want.get(rank)
        spec = {"rider": spec} if isinstance(spec, str) else spec
        extracted = got.get(rank)
        kind = "winner" if rank == 1 else "rank"
        result.add(kind, extracted and extracted.rider, spec and spec["rider"], same_rider)
        if extracted is None or spec is None or not same_rider(extracted.rider, spec["rider"]):
            if spec and spec.get("team") and extracted is None:
                result.add("team", None, spec["team"], same_team)
            continue
        # Team and gap are scored only for a rider in the right place.
        result.add("team", extracted.team, spec.get("team"), same_team)
        want_gap = spec.get("gap_seconds")
        got_gap = extracted.gap_seconds if rank != 1 else None
        result.add("gap", got_gap, want_gap, _plain)
