"""Shared checks for the extraction test corpus: tests/reports/<lang>/NAME.txt + NAME.yml.

The .yml beside each report lists the facts the report states (see
tests/reports/README.md). A check fails on a missing fact and on any extracted fact
the .yml does not list: precision matters more than recall.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from ingest.evaluate import jersey_context
from ingest.extract import climb_key, extract
from ingest.jerseys import rekey
from ingest.model import Extraction
from ingest.nlp import pipeline_lang
from ingest.nlp.components import base_forms
from ingest.nlp.lexicon import lexicon
from ingest.read import read_report
from ingest.store import name_key, team_lineages

REPORTS = Path(__file__).parent / "reports"


def cases(lang: str) -> list[Path]:
    return sorted((REPORTS / lang).glob("*.txt"))


def expected_for(report_path: Path) -> dict:
    with report_path.with_suffix(".yml").open(encoding="utf-8") as handle:
        return yaml.safe_load(handle) or {}


def same_name(a: str | None, b: str | None) -> bool:
    return (a is None and b is None) or (a is not None and b is not None
                                         and name_key(a) == name_key(b))


def same_team(a: str | None, b: str | None) -> bool:
    """One team across its sponsor names: 'Lidl-Trek' is 'Trek-Segafredo' (team_seasons.csv)."""
    if same_name(a, b):
        return True
    lineages = team_lineages()
    line_a = lineages.get(name_key(a)) if a else None
    line_b = lineages.get(name_key(b)) if b else None
    return line_a is not None and line_b is not None and line_a[0] == line_b[0]


def check_report(report_path: Path) -> None:
    expected = expected_for(report_path)
    report = read_report(report_path)
    if "lang" in expected:
        assert report.lang == expected["lang"], "language"
    if "published" in expected:
        assert report.published == expected["published"], "published"
    facts = extract(report)
    problems = (compare(expected, facts, report.published)
                + evidence_problems(report.text, facts, report.lang))
    assert not problems, f"{report_path.name}:\n" + "\n".join(problems)


def evidence_problems(text: str, facts: Extraction, lang: str) -> list[str]:
    """Every fact points at a span inside its sentence, and a result at its rider (or at
    the phrase that names him there: "The Belgian")."""
    lex = lexicon(pipeline_lang(lang))
    references = lex.references
    problems = []
    evidences = [("result", r.evidence) for r in facts.results]
    evidences += [("climb", c.evidence) for c in facts.climbs]
    evidences += [("jersey", j.evidence) for j in facts.jerseys]
    evidences += [(name, getattr(facts, name).evidence) for name in
                  ("race", "year", "stage", "start", "finish", "distance_km")
                  if getattr(facts, name) is not None]
    for kind, ev in evidences:
        inside = 0 <= ev.sentence_start <= ev.start < ev.end <= ev.sentence_end <= len(text)
        if not inside:
            problems.append(f"{kind} evidence {ev} is not a span inside its sentence")
    for result in facts.results:
        span = text[result.evidence.start:result.evidence.end]
        surname = name_key(result.rider).split()[-1]
        said = span.lower().replace("’", "'")  # "dem Dänen", "español": an object reference
        demonym = any(w.strip("'") in lex.demonyms for w in said.replace("'", "' ").split())
        demonym = demonym or any(title in said for title in lex.titles)  # "dem Titelverteidiger"
        team = result.team and name_key(result.team).split()[0]  # "il corridore della Jumbo-Visma"
        demonym = demonym or bool(team and team in name_key(span))
        demonym = demonym or bool(lex.latter_references.match(said + " ."))  # "laatstgenoemde"
        declined = any(name_key(b) == surname for w in span.split() for b in base_forms(w, lex))
        demonym = demonym or declined  # "Rafałowi Majce": Majka in the dative
        if surname not in name_key(span) and not references.match(said + " .") and not demonym:
            problems.append(f"rank {result.rank} evidence {span!r} does not name {result.rider}")
    return problems


def _value(v):
    return None if v is None else v.value


def compare(expected: dict, facts: Extraction, published: str | None = None) -> list[str]:
    problems: list[str] = []

    def check(name: str, got, want, names: bool = False) -> None:
        ok = same_name(got, want) if names else got == want
        if not ok:
            problems.append(f"{name}: got {got!r}, want {want!r}")

    for field in ("race", "start", "finish"):
        if field in expected:
            check(field, _value(getattr(facts, field)), expected[field], names=True)
    for field in ("year", "stage"):
        if field in expected:
            check(field, _value(getattr(facts, field)), expected[field])
    if "distance_km" in expected:
        got = _value(facts.distance_km)
        check("distance_km", None if got is None else float(got), expected["distance_km"])
    if "one_day" in expected:
        check("one_day", facts.one_day, expected["one_day"])
    if "results" in expected:
        problems += compare_results(expected["results"] or {}, facts)
    if "climbs" in expected:
        problems += compare_climbs(expected["climbs"] or [], facts)
    if "jerseys" in expected:
        # A colour and a role are one jersey where jerseys.yml says so for the race.
        race, year = jersey_context(facts, expected, published)
        got = rekey(race, year, {j.jersey: j.rider for j in facts.jerseys})
        want = rekey(race, year, expected["jerseys"] or {})
        if set(got) != set(want) or any(not same_name(got[k], want[k]) for k in want):
            problems.append(f"jerseys: got {got}, want {want}")
    if "breakaway" in expected:
        got = sorted(name_key(r) for b in facts.breakaways for r in b.riders)
        want = sorted(name_key(r) for r in expected["breakaway"] or [])
        check("breakaway", got, want)
    if "quote_speakers" in expected:
        got = sorted(name_key(q.speaker) for q in facts.quotes if q.speaker)
        want = sorted(name_key(s) for s in expected["quote_speakers"] or [])
        check("quote_speakers", got, want)
    return problems


def compare_results(want: dict, facts: Extraction) -> list[str]:
    problems = []
    got = {r.rank: r for r in facts.results}
    for rank, result in got.items():
        if rank not in want:
            problems.append(f"rank {rank}: extracted {result.rider!r}, which the report "
                            "does not state")
    for rank, spec in want.items():
        spec = {"rider": spec} if isinstance(spec, str) else spec
        result = got.get(rank)
        if result is None:
            problems.append(f"rank {rank}: missing {spec['rider']!r}")
            continue
        if not same_name(result.rider, spec["rider"]):
            problems.append(f"rank {rank}: got {result.rider!r}, want {spec['rider']!r}")
        if not same_team(result.team, spec.get("team")):
            problems.append(f"rank {rank} team: got {result.team!r}, want {spec.get('team')!r}")
        want_gap = spec.get("gap_seconds", 0 if rank == 1 else None)
        if result.gap_seconds != want_gap:
            problems.append(f"rank {rank} gap: got {result.gap_seconds!r}, want {want_gap!r}")
    return problems


def compare_climbs(want: list[dict], facts: Extraction) -> list[str]:
    problems = []
    # "Col du Tourmalet" and "Tourmalet" are the same climb.
    generic = lexicon("xx")
    got = {climb_key(c.name, generic): c for c in facts.climbs}
    wanted = {climb_key(c["name"], generic): c for c in want}
    for key, climb in got.items():
        if key not in wanted:
            problems.append(f"climb {climb.name!r} extracted but not stated as a climb")
    for key, spec in wanted.items():
        climb = got.get(key)
        if climb is None:
            problems.append(f"climb {spec['name']!r} missing")
            continue
        for attr in ("length_km", "gradient_pct", "km_marker", "category"):
            if getattr(climb, attr) != spec.get(attr):
                problems.append(f"climb {spec['name']!r} {attr}: got {getattr(climb, attr)!r}, "
                                f"want {spec.get(attr)!r}")
    return problems
