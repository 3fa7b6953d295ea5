"""One stage, many reports: one rider per person and one result per stage.

Runs after each ingest, over the whole database (it is cheap: a few queries and a
pass over the report results in memory).

- Riders: a report that only writes a surname ("Van Aert") or an initial
  ("W. van Aert") is linked to the one rider whose full name ends that way; when two
  riders share the surname (the Yates brothers) the short form stays apart.
- Results: each rank of a stage goes to the rider most reports put there; `support`
  counts those reports. A tie leaves the rank out (and `disagreements` shows it).
- Stages known only from reports (no calendar row) take the start, finish and
  distance most of their reports state.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict

import sqlite_utils

from .store import name_key

RIDER_TABLES = (("report_results", "rider_id"), ("report_breakaways", "rider_id"),
                ("report_sprints", "rider_id"), ("report_jerseys", "rider_id"),
                ("report_quotes", "speaker_id"), ("results", "rider_id"))
INITIAL = re.compile(r"^([A-Z])\.?$")


# PRAGMA user_version once the reports are consolidated; the ingest sets it to 0 in the
# transaction of its first change to the reports, so a killed ingest leaves it at 0.
CONSOLIDATED = 0x4D75


def consolidate(db: sqlite_utils.Database) -> None:
    with db.conn:
        merge_short_rider_names(db)
        rebuild_results(db)
        consolidate_report_stages(db)
        db.conn.execute(f"PRAGMA user_version = {CONSOLIDATED}")  # in the same transaction


def is_consolidated(db: sqlite_utils.Database) -> bool:
    """True when no report was added, changed or removed since the last consolidation
    (consolidating again would change nothing: it is a function of the reports)."""
    return db.conn.execute("PRAGMA user_version").fetchone()[0] == CONSOLIDATED


def _name_parts(name: str) -> tuple[str | None, str]:
    """(initial or None, surname key) of a short form; ('', key) for a full name."""
    words = name.split()
    if len(words) >= 2 and INITIAL.match(words[0]):
        return words[0][0].upper(), name_key(" ".join(words[1:]))
    return None, name_key(name)


def merge_short_rider_names(db: sqlite_utils.Database) -> None:
    riders = list(db.query("SELECT id, name FROM riders"))
    full = [r for r in riders if _is_full_name(r["name"])]
    by_suffix: dict[str, list[dict]] = defaultdict(list)
    for rider in full:
        words = rider["name"].split()
        for i in range(1, len(words)):
            by_suffix[name_key(" ".join(words[i:]))].append(rider)
    for rider in riders:
        if _is_full_name(rider["name"]):
            continue
        initial, surname = _name_parts(rider["name"])
        candidates = by_suffix.get(surname, [])
        if initial:
            candidates = [c for c in candidates if name_key(c["name"])[:1].upper() == initial]
        if len({c["id"] for c in candidates}) == 1:
            _merge_rider(db, rider, candidates[0]["id"])


def _is_full_name(name: str) -> bool:
    words = [w for w in name.split() if w[:1].isupper() and not INITIAL.match(w)]
    first = name.split()[0]
    return len(words) >= 2 and first[:1].isupper() and not INITIAL.match(first) and (
        first.lower() not in {"van", "de", "di", "da", "le", "del", "von", "du", "la"})


def _merge_rider(db: sqlite_utils.Database, rider: dict, target: int) -> None:
    for table, column in RIDER_TABLES:
        db.execute(f"UPDATE [{table}] SET [{column}] = ? WHERE [{column}] = ?",
                   [target, rider["id"]])
    db.execute("INSERT OR REPLACE INTO rider_aliases (name, rider_id) VALUES (?, ?)",
               [rider["name"], target])
    db.execute("DELETE FROM riders WHERE id = ?", [rider["id"]])


def rebuild_results(db: sqlite_utils.Database) -> None:
    claims: dict[tuple[int, int], Counter] = defaultdict(Counter)
    reports_per_stage: Counter = Counter()
    details: dict[tuple[int, int, int], dict[str, Counter]] = defaultdict(
        lambda: {"team": Counter(), "gap": Counter()})
    for row in db.query("SELECT id, stage_id FROM reports WHERE stage_id IS NOT NULL"):
        reports_per_stage[row["stage_id"]] += 1
    for row in db.query("""
        SELECT reports.stage_id, report_results.rank, report_results.rider_id,
               report_results.team_id, report_results.gap_seconds
        FROM report_results JOIN reports ON reports.id = report_results.report_id
        WHERE reports.stage_id IS NOT NULL"""):
        key = (row["stage_id"], row["rank"])
        claims[key][row["rider_id"]] += 1
        detail = details[(row["stage_id"], row["rank"], row["rider_id"])]
        if row["team_id"] is not None:
            detail["team"][row["team_id"]] += 1
        if row["gap_seconds"] is not None:
            detail["gap"][row["gap_seconds"]] += 1
    rows = []
    placed: set[tuple[int, int]] = set()
    for (stage_id, rank), counter in sorted(claims.items()):
        (rider_id, support), *rest = counter.most_common()
        if rest and rest[0][1] == support:
            continue  # reports split evenly: no result rather than a guess
        if (stage_id, rider_id) in placed:
            continue
        placed.add((stage_id, rider_id))
        detail = details[(stage_id, rank, rider_id)]
        rows.append({
            "stage_id": stage_id, "rank": rank, "rider_id": rider_id,
            "team_id": _majority(detail["team"]), "gap_seconds": _majority(detail["gap"]),
            "support": support, "reports": reports_per_stage[stage_id],
        })
    db.execute("DELETE FROM results")
    if rows:
        db["results"].insert_all(rows)


def _majority(counter: Counter):
    if not counter:
        return None
    (value, n), *rest = counter.most_common()
    return None if rest and rest[0][1] == n else value


def consolidate_report_stages(db: sqlite_utils.Database) -> None:
    """Stages without a calendar row: start, finish, distance by majority of reports."""
    stages = list(db.query("SELECT id FROM stages WHERE identified_by = 'report'"))
    for stage in stages:
        rows = list(db.query(
            "SELECT start_stated, finish_stated, distance_km_stated FROM reports "
            "WHERE stage_id = ?", [stage["id"]]))
        updates = {}
        for column, stated in (("start_place_id", "start_stated"),
                               ("finish_place_id", "finish_stated")):
            names = Counter(r[stated] for r in rows if r[stated])
            winner = _majority(names)
            if winner:
                place = db.execute(
                    "SELECT place_id FROM place_names WHERE query = ? LIMIT 1", [winner]
                ).fetchone()
                if place and place[0] is not None:
                    updates[column] = place[0]
        distance = _majority(Counter(r["distance_km_stated"] for r in rows
                                     if r["distance_km_stated"] is not None))
        if distance is not None:
            updates["distance_km"] = distance
        if updates:
            db["stages"].update(stage["id"], updates)
