"""Ingest files: read -> extract -> identify -> geocode -> store, one report at a time.

Each report is written in one transaction: it goes in whole or not at all, so an
interrupted ingest leaves a consistent database and the next run finishes the job.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import sqlite_utils

from . import store
from .extract import extract
from .identify import Identification, identify
from .model import Extraction, Report
from .read import ReadError, read_report


@dataclass
class Summary:
    read: int = 0
    ingested: int = 0
    unchanged: int = 0
    duplicates: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)
    unlinked: list[str] = field(default_factory=list)
    languages: Counter = field(default_factory=Counter)

    def describe(self) -> str:
        lines = [
            f"{self.read} files read: {self.ingested} ingested, {self.unchanged} unchanged, "
            f"{self.duplicates} duplicates, {len(self.skipped)} skipped"
        ]
        if self.languages:
            langs = ", ".join(f"{lang} {n}" for lang, n in self.languages.most_common())
            lines.append(f"languages: {langs}")
        if self.unlinked:
            lines.append(f"{len(self.unlinked)} reports could not be linked to a stage "
                         "(see reports where stage_id is null)")
        for path, reason in self.skipped:
            lines.append(f"skipped {path}: {reason}")
        return "\n".join(lines)


def report_files(paths: Iterable[Path]) -> Iterator[Path]:
    """Files as given, and every *.txt below a folder, in a stable order."""
    for path in paths:
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*.txt") if p.is_file())
        else:
            yield path


def ingest_paths(paths: Iterable[Path], db_path: str, geocoder: str = "embedded",
                 user_agent: str | None = None, progress: bool = False,
                 echo: Callable[[str], None] = print) -> Summary:
    from .geocode import get_geocoder

    db = store.open_db(str(db_path))
    coder = get_geocoder(geocoder, user_agent=user_agent)
    files = list(report_files(Path(p) for p in paths))
    summary = Summary()
    bar = _progress(files, progress)
    for path in bar:
        summary.read += 1
        try:
            outcome = ingest_file(db, coder, path)
        except ReadError as error:
            reason = str(error)
            store.record_error(db, str(path), reason)
            summary.skipped.append((str(path), reason))
            continue
        except Exception as error:  # noqa: BLE001 - one bad report must not stop the rest
            reason = f"internal error: {type(error).__name__}: {error}"
            store.record_error(db, str(path), reason)
            summary.skipped.append((str(path), reason))
            continue
        if outcome == "unchanged":
            summary.unchanged += 1
        elif outcome == "duplicate":
            summary.duplicates += 1
        else:
            summary.ingested += 1
            lang, linked = outcome
            summary.languages[lang] += 1
            if not linked:
                summary.unlinked.append(str(path))
    db.conn.close()
    return summary


def _progress(files: list[Path], enabled: bool):
    from tqdm import tqdm

    return tqdm(files, disable=not enabled, unit="report", desc="ingest", smoothing=0.1)


def ingest_file(db: sqlite_utils.Database, geocoder, path: Path):
    """Ingest one file. Returns 'unchanged', 'duplicate' or (lang, linked)."""
    report = read_report(path)
    if store.known_hash(db, str(path)) == report.sha256:
        return "unchanged"
    other = db.execute(
        "SELECT path FROM reports WHERE sha256 = ? AND path != ?", [report.sha256, str(path)]
    ).fetchone()
    if other:
        return "duplicate"
    facts = extract(report)
    locate = _locator(geocoder)
    found = identify(report, facts, locate)
    with db.conn:
        store.delete_report(db, str(path))
        linked = save(db, geocoder, report, facts, found)
    return report.lang, linked


def _locator(geocoder):
    cache: dict[tuple[str, str | None], tuple[float, float] | None] = {}

    def locate(name: str, country: str | None) -> tuple[float, float] | None:
        key = (name, country)
        if key not in cache:
            loc = geocoder.geocode(name, country_bias=country)
            cache[key] = None if loc is None else (loc.latitude, loc.longitude)
        return cache[key]

    return locate


def save(db: sqlite_utils.Database, geocoder, report: Report, facts: Extraction,
         found: Identification | None) -> bool:
    """Write the report and its facts. Must run inside a transaction."""
    from .geocode import place_for

    country = found.country if found else None
    stage_id = None
    race_id = None
    finish_point = None
    if found is not None:
        start_id = place_for(db, geocoder, found.start, country) if found.start else None
        finish_id = place_for(db, geocoder, found.finish, country) if found.finish else None
        finish_point = _point(db, finish_id)
        stage_id = store.stage_id(db, store.StageRecord(
            race=found.race, year=found.year, stage=found.stage, one_day=found.one_day,
            date=found.date, start_place_id=start_id, finish_place_id=finish_id,
            distance_km=found.distance_km, identified_by=found.identified_by,
        ))
        race_id = db["stages"].get(stage_id)["race_id"]
    elif facts.race is not None:
        race_id = None  # race known but not which edition/stage: unlinked
    row = store.report_row(report, facts)
    row.update(stage_id=stage_id, race_id=race_id)
    report_id = db["reports"].insert(row).last_pk
    evidence = store.EvidenceWriter(db, report_id, report.text)

    for mention in facts.mentions:
        evidence.add(mention.kind, mention.value, mention.evidence)
    for name in ("race", "year", "stage", "start", "finish", "distance_km"):
        value = getattr(facts, name)
        if value is not None:
            evidence.add("distance" if name == "distance_km" else name, value.value,
                         value.evidence)
    for result in facts.results:
        eid, sentence = evidence.add("ranking", result.rank, result.evidence)
        db["report_results"].insert({
            "report_id": report_id, "rank": result.rank,
            "rider_id": store.rider_id(db, result.rider),
            "team_id": store.team_id(db, result.team) if result.team else None,
            "gap_seconds": result.gap_seconds, "evidence": sentence, "evidence_id": eid,
        })
    for climb in facts.climbs:
        eid, sentence = evidence.add("climb", climb.name, climb.evidence)
        db["report_climbs"].insert({
            "report_id": report_id, "name": climb.name,
            "place_id": place_for(db, geocoder, climb.name, country, near=finish_point,
                                  kind_hint="climb"),
            "length_km": climb.length_km, "gradient_pct": climb.gradient_pct,
            "km_marker": climb.km_marker, "category": climb.category,
            "evidence": sentence, "evidence_id": eid,
        })
    for breakaway in facts.breakaways:
        eid, sentence = evidence.add("breakaway", ", ".join(breakaway.riders), breakaway.evidence)
        for rider in breakaway.riders:
            db["report_breakaways"].insert({
                "report_id": report_id, "rider_id": store.rider_id(db, rider),
                "max_gap_seconds": breakaway.max_gap_seconds,
                "caught_km_to_go": breakaway.caught_km_to_go,
                "evidence": sentence, "evidence_id": eid,
            })
    for sprint in facts.sprints:
        eid, sentence = evidence.add("sprint", sprint.place, sprint.evidence)
        db["report_sprints"].insert({
            "report_id": report_id, "place": sprint.place,
            "place_id": place_for(db, geocoder, sprint.place, country, near=finish_point),
            "rider_id": store.rider_id(db, sprint.rider) if sprint.rider else None,
            "km_marker": sprint.km_marker, "evidence": sentence, "evidence_id": eid,
        })
    for jersey in facts.jerseys:
        eid, sentence = evidence.add("jersey", jersey.jersey, jersey.evidence)
        db["report_jerseys"].insert({
            "report_id": report_id, "jersey": jersey.jersey,
            "rider_id": store.rider_id(db, jersey.rider), "evidence": sentence,
            "evidence_id": eid,
        })
    for quote in facts.quotes:
        eid, _ = evidence.add("quote", quote.speaker, quote.evidence)
        db["report_quotes"].insert({
            "report_id": report_id, "quote": quote.text, "evidence_id": eid,
            "speaker_id": store.rider_id(db, quote.speaker) if quote.speaker else None,
        })
    for conflict in (found.conflicts if found else []):
        eid, sentence = (evidence.add(conflict.field, conflict.stated, conflict.evidence)
                         if conflict.evidence else (None, None))
        db["report_conflicts"].insert({
            "report_id": report_id, "field": conflict.field, "stated": conflict.stated,
            "reference": conflict.reference, "reference_source": "calendar",
            "evidence": sentence, "evidence_id": eid,
        })
    return stage_id is not None


def _point(db: sqlite_utils.Database, place_id: int | None) -> tuple[float, float] | None:
    if place_id is None:
        return None
    row = db.execute("SELECT latitude, longitude FROM places WHERE id = ?", [place_id]).fetchone()
    return (row[0], row[1]) if row and row[0] is not None else None
