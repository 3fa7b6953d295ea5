"""Ingest files: probe -> analyse -> write, on every core, safe to kill and to re-run.

probe (in the writer process, cheap)
    stat the file, read its bytes (at most read.MAX_BYTES) and hash them. A file
    whose path and sha256 are already stored is *unchanged*; a file with the
    content of another stored report is a *duplicate*. Either stops here: no
    decoding, no NLP. All known (path, sha256) come from one SELECT at the start.
    Then decode and detect the language (here: the language model is big, so
    only one process holds it).
analyse (on every core: forked helper processes, and this process between writes;
    see `Analyser`, `WORKERS_FROM`)
    extract the facts, and decide whether the text is about a cycling race at all
    (`race_report_problem`).
write (the single writer: this process)
    identify the stage, geocode, store. Each report goes in its own SAVEPOINT
    inside a transaction committed about twice a second: a report is stored whole
    or not at all, a killed ingest loses at most the last half second of work,
    and the next run finishes the job.

What is skipped (reported by path with its reason, recorded in `ingest_errors`,
nothing else stored): files that cannot be read, are empty, binary, too large or
too short, and texts that are not about a cycling race (no race named and
hardly any cycling vocabulary). A file that was stored before and is now broken
keeps its stored version.

What is ingested but listed in the summary: cycling reports in which no finishing
order could be recognised. Their text is searchable and their race, route and
story facts are stored; they have no `report_results` rows.

`ingest_errors` holds the current problem of each file: a re-run that meets the
same problem keeps the row as it is; once the file is ingested, its rows go.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import signal
import sys
import threading
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sqlite_utils

from . import store
from .model import Extraction, Report
from .read import ReadError, parse_report, read_bytes, sha256

if TYPE_CHECKING:
    from .nlp import VocabularyZones

WORKERS_FROM = 200  # fewer files than this: analyse in-process (helpers load spaCy again)
CHUNK = 8  # files per task sent to a helper process
IN_FLIGHT_PER_WORKER = 3  # tasks queued per helper: bounds memory, keeps helpers busy
COMMIT_SECONDS = 0.5
LOCATE_CACHE_MAX = 50_000
EVIDENCE_COLUMNS = ("id", "report_id", "kind", "value", "span", "start", "end", "sentence",
                    "sentence_start", "sentence_end")
NOT_A_RACE = "not a cycling race report (no race named, no cycling vocabulary, no result)"

# Words that only a cycling report uses much, in the supported languages (matched
# whole, ignoring case). Two different ones, or one and a result, a climb or a jersey,
# make a text a cycling report even when its race is not one Musette knows.
CYCLING_WORDS = {
    "en": "stage, stages, peloton, breakaway, escapees, sprinters, rider, riders, cyclist, "
          "cyclists, cycling, climb, jersey, prologue, descent, time trial, bunch sprint, "
          "km to go, kilometres to go, kilometers to go, finish line, polka dot, "
          "general classification",
    "nl": "etappe, rit, renner, renners, peloton, vluchters, kopgroep, klim, helling, trui, "
          "wielrenner, wielrennen, koers, tijdrit, proloog, streep, ingerekend, demarreerde, "
          "leiderstrui, bergtrui, algemeen klassement",
    "fr": "étape, étapes, peloton, échappée, échappés, fuyards, coureur, coureurs, cycliste, "
          "cyclistes, sprinteurs, maillot, côte, contre-la-montre, prologue, grimpeur, "
          "ravitaillement, ligne d'arrivée, classement général",
    "it": "tappa, tappe, fuggitivi, corridore, corridori, ciclista, ciclisti, ciclismo, "
          "volata, velocisti, maglia, cronometro, prologo, traguardo, gregario, "
          "classifica generale, maglia rosa",
    "es": "etapa, etapas, pelotón, escapados, corredor, corredores, ciclista, ciclistas, "
          "ciclismo, velocistas, puerto, maillot, contrarreloj, prólogo, avituallamiento, "
          "clasificación general",
    "de": "etappe, etappen, peloton, hauptfeld, ausreißer, fluchtgruppe, radprofi, radsport, "
          "radrennen, sprinter, anstieg, trikot, zeitfahren, prolog, ziellinie, bergwertung, "
          "gesamtwertung, verpflegungszone, rundfahrt",
    "pt": "etapa, pelotão, fugitivos, ciclista, ciclistas, ciclismo, camisola, contrarrelógio, "
          "prólogo, abastecimento, classificação geral",
    "da": "etape, etaper, etapesejr, feltet, udbrud, udbryderne, rytter, ryttere, cykelrytter, "
          "cykelløb, cykelsport, massespurt, stigning, trøje, førertrøje, bjergtrøje, "
          "enkeltstart, målstregen, samlede klassement",
    "pl": "etap, etapu, etapie, peleton, peletonu, ucieczka, ucieczki, ucieczce, kolarz, "
          "kolarze, kolarka, kolarki, kolarski, kolarskiego, kolarstwo, finisz, finiszu, "
          "koszulka, koszulkę, koszulki, premia górska, jazda na czas, jeździe na czas, "
          "prolog, klasyfikacji generalnej, klasyfikacja generalna",
}
_CUES = sorted({cue.strip() for cues in CYCLING_WORDS.values() for cue in cues.split(",")},
               key=len, reverse=True)
CYCLING_CUE = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(c) for c in _CUES) + r")(?!\w)",
                         re.IGNORECASE)
STORY_MENTIONS = {"climb", "jersey", "race"}


# ------------------------------------------------------------------ summary


@dataclass
class Summary:
    """What an ingest did; `describe()` is what `musette ingest` prints."""

    read: int = 0
    ingested: int = 0
    unchanged: int = 0
    duplicates: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)
    unlinked: list[str] = field(default_factory=list)
    no_result: list[str] = field(default_factory=list)
    languages: Counter = field(default_factory=Counter)
    words: int = 0  # words of the reports ingested
    seconds: float = 0.0
    workers: int = 1

    def describe(self) -> str:
        rate = self.read / self.seconds if self.seconds > 0 else 0.0
        lines = [
            f"{self.read} files read: {self.ingested} ingested, {self.unchanged} unchanged, "
            f"{self.duplicates} duplicates, {len(self.skipped)} skipped "
            f"({self.seconds:.1f} s, {rate:.0f} files/s)"
        ]
        if self.languages:
            langs = ", ".join(f"{lang} {n}" for lang, n in self.languages.most_common())
            lines.append(f"languages: {langs}")
        if self.unlinked:
            lines.append(f"{len(self.unlinked)} reports could not be linked to a stage "
                         "(see reports where stage_id is null)")
        if self.no_result:
            lines.append(f"{len(self.no_result)} cycling reports with no recognisable result "
                         "were ingested without one (their text is searchable):")
            lines += [f"  no result: {path}" for path in self.no_result[:20]]
            if len(self.no_result) > 20:
                lines.append(f"  ... and {len(self.no_result) - 20} more (reports with no "
                             "report_results rows)")
        for path, reason in self.skipped:
            lines.append(f"skipped {path}: {reason}")
        return "\n".join(lines)


# -------------------------------------------------------------------- files


def report_files(paths: Iterable[Path]) -> Iterator[Path]:
    """Files as given, and every *.txt below a folder, in a stable order.

    Entries named *.txt that are not readable files (a dangling link, a folder)
    are yielded too, so that they are reported instead of silently passed over.
    Symbolic links to folders are not followed (no loops). Paths are normalised
    ("./a//b.txt" is "a/b.txt"): a path is how a report is known on the next run.
    """
    for path in paths:
        if not path.is_dir():
            yield Path(os.path.normpath(path))
            continue
        for root, dirs, files in os.walk(path):
            dirs.sort()
            names = sorted([*files, *(d for d in dirs if d.endswith(".txt"))])
            for name in names:
                if name.endswith(".txt"):
                    yield Path(os.path.normpath(os.path.join(root, name)))


# ----------------------------------------------------------------- analysis


@dataclass(frozen=True, slots=True)
class Job:
    """A new or changed file, decoded and its language detected, to be analysed."""

    report: Report


@dataclass(slots=True)
class Analysed:
    facts: Extraction  # of the job's report (not sent back: the writer has it)


@dataclass(slots=True)
class Rejected:
    reason: str


def analyse(job: Job) -> Analysed | Rejected:
    """Extract the facts and check it is a race report; never raises (runs in helpers)."""
    from .extract import extract

    try:
        _vocabulary_zones().enter(job.report.lang)
        facts = extract(job.report)
    except Exception as error:  # noqa: BLE001 - one bad report must not stop the rest
        return Rejected(f"internal error: {type(error).__name__}: {error}")
    problem = race_report_problem(job.report, facts)
    return Rejected(problem) if problem else Analysed(facts)


@cache
def _vocabulary_zones() -> VocabularyZones:
    """This process's zones (each helper has its own after the fork)."""
    from .nlp import VocabularyZones

    return VocabularyZones()


def analyse_chunk(jobs: list[Job]) -> list[Analysed | Rejected]:
    return [analyse(job) for job in jobs]


def race_report_problem(report: Report, facts: Extraction) -> str | None:
    """NOT_A_RACE when nothing says the text is about a cycling race, else None.

    A race named is enough; otherwise two different cycling words, or one with a
    result, a climb or a jersey. A recipe or a football report has none of them.
    """
    if facts.race is not None:
        return None
    cues = {m.group().lower() for m in CYCLING_CUE.finditer(report.text)}
    story = any(m.kind in STORY_MENTIONS for m in facts.mentions)
    if len(cues) >= 2 or (cues and (facts.results or story)):
        return None
    return NOT_A_RACE


def _worker_init() -> None:
    """In each worker: leave Ctrl-C to the parent, and exit when the parent dies."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(0)  # the ingest was killed: nothing left to do

    threading.Thread(target=watch, daemon=True).start()


class Analyser:
    """Runs `analyse` on `workers` processes: this one and workers - 1 forked helpers.

    Chunks go to the helpers while they have fewer than IN_FLIGHT_PER_WORKER
    chunks waiting each; otherwise this process analyses the chunk itself, between
    its writes. So both cores are busy, and there is one process fewer (each holds
    spaCy and its pipelines: ~150 MB) than with a helper per core plus a writer.

    `submit(job)` and `drain()` yield (job, outcome) pairs in submission order as
    they are done. At most a few chunks are in flight, so memory stays flat
    whatever the number of files.
    """

    def __init__(self, workers: int):
        self.workers = max(1, workers)
        self.helpers = self.workers - 1
        self._pool: ProcessPoolExecutor | None = None
        self._chunk: list[Job] = []
        self._window: deque[tuple[list[Job], Future]] = deque()
        self._chunk_size = CHUNK if self.helpers else 1
        self._queued_max = self.helpers * IN_FLIGHT_PER_WORKER

    def submit(self, job: Job) -> Iterator[tuple[Job, Analysed | Rejected]]:
        self._chunk.append(job)
        if len(self._chunk) >= self._chunk_size:
            self._send()
        while self._window and (self._window[0][1].done()
                                or len(self._window) > 2 * self._queued_max + 1):
            yield from self._pop()

    def drain(self) -> Iterator[tuple[Job, Analysed | Rejected]]:
        self._send()
        while self._window:
            yield from self._pop()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
        if _vocabulary_zones.cache_info().currsize:  # this process analysed some
            _vocabulary_zones().close()  # its Docs are gone: no zone outlives the ingest

    def start(self) -> None:
        """Start the helper processes (before opening databases: see _mp_context)."""
        if self.helpers:
            self._executor()

    def _send(self) -> None:
        if not self._chunk:
            return
        chunk, self._chunk = self._chunk, []
        queued = sum(1 for _, future in self._window if not future.done())
        if self.helpers and queued < self._queued_max:
            try:
                self._window.append((chunk, self._executor().submit(analyse_chunk, chunk)))
                return
            except BrokenProcessPool:  # a helper died before this chunk was sent
                self.helpers, self._queued_max = 0, 0
        done: Future = Future()
        done.set_result(analyse_chunk(chunk))
        self._window.append((chunk, done))

    def _pop(self) -> Iterator[tuple[Job, Analysed | Rejected]]:
        chunk, pending = self._window.popleft()
        try:
            outcomes = pending.result()
        except BrokenProcessPool:  # a helper died (killed, out of memory): go on alone
            self.helpers, self._queued_max = 0, 0
            outcomes = analyse_chunk(chunk)
        yield from zip(chunk, outcomes, strict=True)

    def _executor(self) -> ProcessPoolExecutor:
        if self._pool is None:
            self._pool = ProcessPoolExecutor(self.helpers, mp_context=_mp_context(),
                                             initializer=_worker_init)
            self._pool.submit(int).result()  # fork the helpers now (see _mp_context)
        return self._pool


def _mp_context() -> Any:
    """fork on Linux, done before the ingest opens its database or starts threads.

    Forked workers start in milliseconds and need no `if __name__ == "__main__"`
    guard in the caller's script; spawn (elsewhere) costs seconds per worker.
    """
    import multiprocessing

    method = "fork" if sys.platform.startswith("linux") else "spawn"
    return multiprocessing.get_context(method)


def worker_count(requested: int | None, files: int) -> int:
    """Processes analysing reports, this one included: MUSETTE_WORKERS or the CPU count.

    1 (this process alone) for fewer than WORKERS_FROM files.
    """
    if requested is None:
        env = os.environ.get("MUSETTE_WORKERS", "").strip()
        requested = int(env) if env.isdigit() else (os.cpu_count() or 1)
    if files < WORKERS_FROM:
        return 1
    return max(1, requested)


# ------------------------------------------------------------------- writer


class Writer:
    """The single writer: every database change of an ingest goes through here.

    Reports are written in savepoints inside a batch transaction committed every
    COMMIT_SECONDS. Rider and team ids are cached; ids made inside a savepoint
    that is rolled back are forgotten.
    """

    def __init__(self, db: sqlite_utils.Database, geocoder: Any):
        """`geocoder`: a geocoder, or a function making one when a report is first written
        (a re-ingest of unchanged files needs none: loading one costs more than it)."""
        self.db, self.conn = db, db.conn
        self._geocoder = geocoder
        self.batch_started: float | None = None
        self.ids: dict[tuple[str, str], int] = {}
        self._new_ids: list[tuple[str, str]] = []
        self._located: dict[tuple[str, str | None], tuple[float, float] | None] = {}
        self._sql: dict[tuple[str, tuple[str, ...]], str] = {}
        self._rows: dict[str, list[tuple]] = {}
        self._evidence_rows: list[tuple] = []
        self._next_evidence_id = 0
        self._marked = False
        self.errors = self._load_errors()

    def _load_errors(self) -> dict[str, tuple[str, str]]:
        """path -> (reason, time) of its latest recorded problem."""
        rows = self.conn.execute("SELECT path, reason, max(time) FROM ingest_errors "
                                 "GROUP BY path, reason ORDER BY max(time)")
        return {path: (reason, when) for path, reason, when in rows}

    @property
    def geocoder(self) -> Any:
        if isinstance(self._geocoder, GeocoderFactory):
            self._geocoder = self._geocoder()
        return self._geocoder

    # -- transactions

    def begin(self) -> None:
        if self.batch_started is None:
            self.conn.execute("BEGIN")
            self.batch_started = time.monotonic()
            self._marked = False

    def _mark_changed(self) -> None:
        """The reports change in this transaction: they need consolidating again (set in
        the same transaction, so it holds however the ingest ends)."""
        if not self._marked:
            self.conn.execute("PRAGMA user_version = 0")
            self._marked = True

    def maybe_commit(self) -> None:
        if self.batch_started is not None and (
                time.monotonic() - self.batch_started >= COMMIT_SECONDS):
            self.commit()

    def commit(self) -> None:
        if self.batch_started is not None:
            self.conn.commit()
            self.batch_started = None

    def _savepoint(self, work: Callable[[], Any]) -> Any:
        self.begin()
        self._mark_changed()
        self.conn.execute("SAVEPOINT report")
        self._new_ids = []
        try:
            result = work()
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK TO report")
                self.conn.execute("RELEASE report")
            else:  # the error ended the whole transaction (SQLite does for some)
                self.batch_started = None
            for key in self._new_ids:
                self.ids.pop(key, None)
            raise
        self.conn.execute("RELEASE report")
        return result

    # -- errors

    def record_error(self, path: str, reason: str) -> None:
        """Keep one row per (path, reason): a re-run meeting it again changes nothing."""
        if self.errors.get(path, (None,))[0] == reason:
            return
        self.begin()
        self.conn.execute("DELETE FROM ingest_errors WHERE path = ?", [path])
        when = _now()
        self.conn.execute("INSERT INTO ingest_errors (path, reason, time) VALUES (?, ?, ?)",
                          [path, reason, when])
        self.errors[path] = (reason, when)

    def clear_errors(self, path: str) -> None:
        if path in self.errors:
            self.begin()
            self.conn.execute("DELETE FROM ingest_errors WHERE path = ?", [path])
            del self.errors[path]

    def judged_unchanged(self, path: str, mtime: float) -> str | None:
        """The reason a file was refused, when it has not changed since (no NLP again)."""
        known = self.errors.get(path)
        if known is None or known[0] != NOT_A_RACE:
            return None
        try:
            refused = dt.datetime.fromisoformat(known[1]).timestamp()
        except ValueError:
            return None
        return known[0] if mtime < refused - 1 else None

    # -- reports

    def replace(self, report: Report, facts: Extraction) -> bool:
        """Store a report (replacing any earlier version of its path); True when linked."""
        return self._savepoint(lambda: self._replace(report, facts))

    def forget(self, path: str) -> None:
        """Delete the stored version of a path (its content is now a copy of another)."""
        self._savepoint(lambda: store.delete_report(self.db, path))

    def _replace(self, report: Report, facts: Extraction) -> bool:
        from .identify import identify

        found = identify(report, facts, self.locate)
        store.delete_report(self.db, report.path)
        return self._save(report, facts, found)

    def locate(self, name: str, country: str | None) -> tuple[float, float] | None:
        key = (name, country)
        if key not in self._located:
            if len(self._located) >= LOCATE_CACHE_MAX:
                self._located.clear()
            loc = self.geocoder.geocode(name, country_bias=country)
            self._located[key] = None if loc is None else (loc.latitude, loc.longitude)
        return self._located[key]

    def _id(self, table: str, name: str) -> int:
        key = (table, store.name_key(name))
        if key not in self.ids:
            maker = store.rider_id if table == "riders" else store.team_id
            self.ids[key] = maker(self.db, name)
            self._new_ids.append(key)
        return self.ids[key]

    def _insert_sql(self, table: str, columns: Iterable[str]) -> str:
        key = (table, tuple(columns))
        sql = self._sql.get(key)
        if sql is None:
            names = ", ".join(f"[{c}]" for c in key[1])
            marks = ", ".join("?" for _ in key[1])
            sql = self._sql[key] = f"INSERT INTO [{table}] ({names}) VALUES ({marks})"
        return sql

    def _insert(self, table: str, row: dict[str, Any]) -> int:
        cursor = self.conn.execute(self._insert_sql(table, row), list(row.values()))
        return cursor.lastrowid

    def _add(self, table: str, row: dict[str, Any]) -> None:
        """Insert a row of a report's facts with the others of its table (`_flush`)."""
        self._rows.setdefault(self._insert_sql(table, row), []).append(tuple(row.values()))

    def _flush(self) -> None:
        """The report's evidence rows, then its fact rows, one executemany per table.

        Each table's rows go in the order they were added, so they get the ids one
        INSERT each would have given them."""
        rows, self._rows = self._rows, {}
        for sql, values in rows.items():
            self.conn.executemany(sql, values)

    def _evidence(self, report_id: int, text: str, kind: str, value: object,
                  ev: Any) -> tuple[int, str]:
        sentence = text[ev.sentence_start : ev.sentence_end]
        # The id SQLite would give the row (the largest id so far plus one), given here
        # so that the rows can be inserted together; the fact rows refer to it.
        eid = self._next_evidence_id
        self._next_evidence_id += 1
        self._evidence_rows.append((  # EVIDENCE_COLUMNS
            eid, report_id, kind, None if value is None else str(value),
            text[ev.start : ev.end], ev.start, ev.end, sentence, ev.sentence_start,
            ev.sentence_end,
        ))
        return eid, sentence

    def _place(self, name: str, country: str | None, **hints: Any) -> int:
        from .geocode import place_for

        return place_for(self.db, self.geocoder, name, country, **hints)

    def _stage(self, found: Any) -> tuple[int, int, tuple[float, float] | None]:
        """(stage id, race id, finish point) for an identified stage."""
        country = found.country
        start_id = self._place(found.start, country) if found.start else None
        # The finish is looked up near the start: a stage's ends are never farther apart
        # than its distance, so "Valence" after "Montélimar" is the Drôme's.
        near = _point(self.conn, start_id)
        finish_id = self._place(found.finish, country, near=near) if found.finish else None
        stage_id = store.stage_id(self.db, store.StageRecord(
            race=found.race, year=found.year, stage=found.stage, one_day=found.one_day,
            date=found.date, start_place_id=start_id, finish_place_id=finish_id,
            distance_km=found.distance_km, identified_by=found.identified_by,
        ))
        race_id = self.conn.execute("SELECT race_id FROM stages WHERE id = ?",
                                    [stage_id]).fetchone()[0]
        return stage_id, race_id, _point(self.conn, finish_id)

    def _save(self, report: Report, facts: Extraction, found: Any) -> bool:
        """Write the report and its facts (inside the report's savepoint)."""
        stage_id = race_id = finish_point = None
        country = found.country if found else None
        if found is not None:
            stage_id, race_id, finish_point = self._stage(found)
        row = store.report_row(report, facts)
        row.update(stage_id=stage_id, race_id=race_id)
        rid = self._insert("reports", row)
        text = report.text
        self._evidence_rows = []
        # evidence first in _flush: the fact rows refer to it
        self._rows = {self._insert_sql("evidence", EVIDENCE_COLUMNS): self._evidence_rows}
        self._next_evidence_id = 1 + (self.conn.execute("SELECT max(id) FROM evidence")
                                      .fetchone()[0] or 0)

        def evidence(kind: str, value: object, ev: Any) -> tuple[int, str]:
            return self._evidence(rid, text, kind, value, ev)

        for mention in facts.mentions:
            evidence(mention.kind, mention.value, mention.evidence)
        for name in ("race", "year", "stage", "start", "finish", "distance_km"):
            value = getattr(facts, name)
            if value is not None:
                evidence("distance" if name == "distance_km" else name, value.value,
                         value.evidence)
        for result in facts.results:
            eid, sentence = evidence("ranking", result.rank, result.evidence)
            self._add("report_results", {
                "report_id": rid, "rank": result.rank,
                "rider_id": self._id("riders", result.rider),
                "team_id": self._id("teams", result.team) if result.team else None,
                "gap_seconds": result.gap_seconds, "evidence": sentence, "evidence_id": eid,
            })
        for climb in facts.climbs:
            eid, sentence = evidence("climb", climb.name, climb.evidence)
            self._add("report_climbs", {
                "report_id": rid, "name": climb.name,
                "place_id": self._place(climb.name, country, near=finish_point,
                                        kind_hint="climb"),
                "length_km": climb.length_km, "gradient_pct": climb.gradient_pct,
                "km_marker": climb.km_marker, "category": climb.category,
                "evidence": sentence, "evidence_id": eid,
            })
        for breakaway in facts.breakaways:
            eid, sentence = evidence("breakaway", ", ".join(breakaway.riders), breakaway.evidence)
            for rider in breakaway.riders:
                self._add("report_breakaways", {
                    "report_id": rid, "rider_id": self._id("riders", rider),
                    "max_gap_seconds": breakaway.max_gap_seconds,
                    "caught_km_to_go": breakaway.caught_km_to_go,
                    "evidence": sentence, "evidence_id": eid,
                })
        for sprint in facts.sprints:
            eid, sentence = evidence("sprint", sprint.place, sprint.evidence)
            self._add("report_sprints", {
                "report_id": rid, "place": sprint.place,
                "place_id": self._place(sprint.place, country, near=finish_point),
                "rider_id": self._id("riders", sprint.rider) if sprint.rider else None,
                "km_marker": sprint.km_marker, "evidence": sentence, "evidence_id": eid,
            })
        for jersey in facts.jerseys:
            eid, sentence = evidence("jersey", jersey.jersey, jersey.evidence)
            self._add("report_jerseys", {
                "report_id": rid, "jersey": jersey.jersey,
                "rider_id": self._id("riders", jersey.rider), "evidence": sentence,
                "evidence_id": eid,
            })
        for quote in facts.quotes:
            eid, _ = evidence("quote", quote.speaker, quote.evidence)
            self._add("report_quotes", {
                "report_id": rid, "quote": quote.text, "evidence_id": eid,
                "speaker_id": self._id("riders", quote.speaker) if quote.speaker else None,
            })
        for conflict in (found.conflicts if found else []):
            eid, sentence = (evidence(conflict.field, conflict.stated, conflict.evidence)
                             if conflict.evidence else (None, None))
            self._add("report_conflicts", {
                "report_id": rid, "field": conflict.field, "stated": conflict.stated,
                "reference": conflict.reference, "reference_source": "calendar",
                "evidence": sentence, "evidence_id": eid,
            })
        self._flush()
        return stage_id is not None


def _point(conn: Any, place_id: int | None) -> tuple[float, float] | None:
    if place_id is None:
        return None
    row = conn.execute("SELECT latitude, longitude FROM places WHERE id = ?",
                       [place_id]).fetchone()
    return (row[0], row[1]) if row and row[0] is not None else None


# ------------------------------------------------------------------- ingest


class Known:
    """Every stored (path, sha256), read with one SELECT at the start."""

    def __init__(self, conn: Any):
        self.by_path: dict[str, str] = {}
        self.by_digest: dict[str, str] = {}
        for path, digest in conn.execute("SELECT path, sha256 FROM reports"):
            self.by_path[path] = digest
            self.by_digest.setdefault(digest, path)

    def copy_of(self, path: str, digest: str) -> str | None:
        """The other stored path with this content, if any."""
        other = self.by_digest.get(digest)
        return other if other is not None and other != path else None

    def add(self, path: str, digest: str) -> None:
        old = self.by_path.get(path)
        if old is not None and self.by_digest.get(old) == path:
            del self.by_digest[old]
        self.by_path[path] = digest
        self.by_digest.setdefault(digest, path)

    def remove(self, path: str) -> None:
        old = self.by_path.pop(path, None)
        if old is not None and self.by_digest.get(old) == path:
            del self.by_digest[old]


class Ingest:
    """One run of `ingest_paths`: probe each file, analyse the new ones, write."""

    def __init__(self, db: sqlite_utils.Database, geocoder: Any, summary: Summary,
                 bar: Any):
        self.writer = Writer(db, geocoder)
        self.known = Known(db.conn)
        self.summary = summary
        self.bar = bar

    def run(self, files: list[Path], analyser: Analyser) -> None:
        try:
            for job in self._probe_all(files):
                for done in analyser.submit(job):
                    self._write(*done)
            for done in analyser.drain():
                self._write(*done)
        finally:
            self.writer.commit()

    def _probe_all(self, files: list[Path]) -> Iterator[Job]:
        for path in files:
            job = self._probe(path)
            if job is not None:
                yield job
            self.writer.maybe_commit()

    def _probe(self, path: Path) -> Job | None:
        """A Job for a new or changed file; anything else is settled here."""
        name = str(path)
        self.summary.read += 1
        try:
            data = read_bytes(path)
        except ReadError as error:
            self._skip(name, str(error))
            return None
        digest = sha256(data)
        if self.known.by_path.get(name) == digest:
            self.summary.unchanged += 1
            self._tick()
            return None
        if self.known.copy_of(name, digest):
            self._duplicate(name)
            return None
        refused = self.writer.judged_unchanged(name, _mtime(path))
        if refused:
            self._skip(name, refused)
            return None
        try:
            report = parse_report(data, name, digest)
        except ReadError as error:
            self._skip(name, str(error))
            return None
        return Job(report)

    def _write(self, job: Job, outcome: Analysed | Rejected) -> None:
        path, digest = job.report.path, job.report.sha256
        if isinstance(outcome, Rejected):
            self._skip(path, outcome.reason)
            return
        if self.known.copy_of(path, digest):  # a copy of a file stored in this run
            self._duplicate(path)
            return
        report, facts = job.report, outcome.facts
        self.writer.geocoder  # noqa: B018 - made here, so that failing to make one stops the ingest
        try:
            linked = self.writer.replace(report, facts)
        except Exception as error:  # noqa: BLE001 - one bad report must not stop the rest
            self._skip(path, f"internal error: {type(error).__name__}: {error}")
            return
        self.writer.clear_errors(path)
        self.known.add(path, digest)
        summary = self.summary
        summary.ingested += 1
        summary.words += len(report.text.split())
        summary.languages[report.lang] += 1
        if not linked:
            summary.unlinked.append(path)
        if not facts.results:
            summary.no_result.append(path)
        self._tick()

    def _duplicate(self, path: str) -> None:
        if path in self.known.by_path:  # its earlier content is stored: drop it
            self.writer.forget(path)
            self.known.remove(path)
        self.writer.clear_errors(path)
        self.summary.duplicates += 1
        self._tick()

    def _skip(self, path: str, reason: str) -> None:
        self.writer.record_error(path, reason)
        self.summary.skipped.append((path, reason))
        self.bar.set_postfix_str(f"{len(self.summary.skipped)} skipped", refresh=False)
        self._tick()

    def _tick(self) -> None:
        self.bar.update(1)
        self.writer.maybe_commit()


def _now() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return float("inf")


def progress_bar(total: int, enabled: bool, desc: str = "ingest", unit: str = "report") -> Any:
    """A tqdm bar on stderr (rate and time remaining), or a silent stand-in."""
    from tqdm import tqdm

    return tqdm(total=total, disable=not enabled, unit=unit, desc=desc, smoothing=0.05,
                file=sys.stderr, dynamic_ncols=True, mininterval=0.25)


def open_for_ingest(db_path: str) -> sqlite_utils.Database:
    """The database, tuned for one long writer (WAL; no fsync per commit)."""
    db = store.open_db(str(db_path))
    # NORMAL in WAL mode: a killed process loses nothing committed and never corrupts;
    # only a power cut can lose the last commits. FULL would fsync every commit.
    db.conn.execute("PRAGMA synchronous=NORMAL")
    return db


class GeocoderFactory:
    """Makes the embedded geocoder when it is first needed."""

    def __init__(self, make: Callable[[], Any]):
        self.make = make

    def __call__(self) -> Any:
        return self.make()


def make_geocoder(name: str, user_agent: str | None) -> Any:
    """An online geocoder at once (its settings are checked before any work); the embedded
    one, which only reads a local index, when a report is first written."""
    def make() -> Any:
        from .geocode import get_geocoder  # imports geopy: a tenth of a second

        return get_geocoder(name, user_agent=user_agent)

    if (name or "embedded").strip().lower() == "embedded":  # geocode.EMBEDDED
        return GeocoderFactory(make)
    return make()


def ingest_paths(paths: Iterable[Path], db_path: str, geocoder: str = "embedded",
                 user_agent: str | None = None, progress: bool = False,
                 echo: Callable[[str], None] = print, workers: int | None = None) -> Summary:
    """Ingest files and folders into db_path; see the module docstring.

    `workers`: processes analysing reports (default MUSETTE_WORKERS, else the
    CPU count); small jobs are analysed in-process whatever it says.
    """
    from .consolidate import consolidate, is_consolidated

    started = time.perf_counter()
    files = list(report_files(Path(p) for p in paths))
    summary = Summary()
    analyser = Analyser(worker_count(workers, len(files)))
    summary.workers = analyser.workers
    analyser.start()  # first: workers fork before the database is opened
    try:
        coder = make_geocoder(geocoder, user_agent)
        db = open_for_ingest(str(db_path))
        bar = progress_bar(len(files), progress)
        try:
            Ingest(db, coder, summary, bar).run(files, analyser)
            analyser.close()  # free the helpers' memory before consolidating
            if not is_consolidated(db):  # nothing changed since the last time: skipped
                consolidate(db)  # one rider per person, one result per stage (issue 7)
        finally:
            bar.close()
            db.conn.close()
    finally:
        analyser.close()
        summary.seconds = time.perf_counter() - started
    if progress and summary.read:
        echo(f"{summary.ingested} reports ingested, {summary.words / summary.seconds:,.0f} "
             f"words/s, {summary.workers} process(es) analysing")
    return summary
