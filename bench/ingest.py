"""Ingest benchmark: throughput, peak memory and re-ingest speed, next to a bare tokenizer.

    python bench/ingest.py [--reports 1000 10000] [--workers N] [--keep DIR] [--seed S]

For each corpus size it writes a corpus (bench/corpus.py, not timed), then measures
in the same run:

* the bare tokenizer: ``spacy.blank(lang)`` over the same texts, one process
  (``nlp.pipe``), the baseline the full ingest is compared with; and, for reference,
  the same through ``nlp.pipe(n_process=2)``, which is slower than one process for a
  bare tokenizer (each Doc is pickled back to the parent), so it is not the baseline:
  the strictest honest baseline is the fastest tokenizer;
* the full ingest: ``musette ingest DIR --db DB`` as a subprocess (reading,
  language detection, extraction, geocoding, database writes; worker processes);
  words and reports per second, CPU seconds, and peak memory of the whole process
  tree (the sum of RSS of the process and its children, sampled every 50 ms, and
  the sum of PSS, which counts pages shared between processes once);
* the re-ingest of the same, unchanged files (the goal: at least 20 times faster).

Figures are printed; nothing is asserted. The machine's load average is printed
too: other work on the machine slows every figure but the ratios less.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
# This file is bench/ingest.py: keep `import ingest` for the package, not for this script.
sys.path[:] = [str(REPO), *(p for p in sys.path if Path(p or ".").resolve() != BENCH)]

from ingest.read import ReadError, read_report  # noqa: E402
from ingest.store import table_counts  # noqa: E402


def _load_corpus() -> ModuleType:
    spec = importlib.util.spec_from_file_location("musette_bench_corpus", BENCH / "corpus.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


corpus = _load_corpus()

GOAL_RATIO = 0.5  # full ingest at least half as fast as the bare tokenizer
GOAL_MB = 500
GOAL_REINGEST = 20


# ------------------------------------------------------------------ memory


def _children(pid: int) -> list[int]:
    kids = []
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        try:
            kids += [int(k) for k in task.read_text().split()]
        except OSError:
            pass
    return kids


def process_tree(pid: int) -> list[int]:
    tree, todo = [], [pid]
    while todo:
        current = todo.pop()
        tree.append(current)
        todo += _children(current)
    return tree


def _kb(path: str, field: str) -> int:
    try:
        for line in Path(path).read_text().splitlines():
            if line.startswith(field):
                return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return 0


class MemorySampler:
    """Peak summed RSS and PSS (MB) of a process and its descendants."""

    def __init__(self, pid: int, every: float = 0.05):
        self.pid, self.every = pid, every
        self.peak_rss = self.peak_pss = 0.0
        self.peak_processes = 0
        self.peak_by_pid: dict[int, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> MemorySampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._stop.is_set():
            pids = process_tree(self.pid)
            each = {p: _kb(f"/proc/{p}/status", "VmRSS:") / 1024 for p in pids}
            for p, mb in each.items():
                self.peak_by_pid[p] = max(self.peak_by_pid.get(p, 0.0), mb)
            rss = sum(each.values())
            pss = sum(_kb(f"/proc/{p}/smaps_rollup", "Pss:") for p in pids) / 1024
            self.peak_rss = max(self.peak_rss, rss)
            self.peak_pss = max(self.peak_pss, pss)
            self.peak_processes = max(self.peak_processes, len(pids))
            self._stop.wait(self.every)


# ---------------------------------------------------------------- measures


@dataclass
class Run:
    seconds: float
    cpu_seconds: float
    peak_rss_mb: float
    peak_pss_mb: float
    processes: int
    peaks: str  # each process's own peak RSS, the main process first
    summary: str
    exit_code: int


def run_ingest(folder: Path, db: Path, workers: int | None) -> Run:
    """`musette ingest folder --db db` in a subprocess, timed and sampled."""
    musette = Path(sys.executable).with_name("musette")
    command = [str(musette), "ingest", str(folder), "--db", str(db), "--no-progress"]
    env = dict(os.environ)
    if workers is not None:
        env["MUSETTE_WORKERS"] = str(workers)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True, env=env)
    with MemorySampler(process.pid) as sampler:
        out, err = process.communicate()
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if process.returncode not in (0, 1):
        sys.stderr.write(err)
        raise SystemExit(f"musette ingest failed with status {process.returncode}")
    peaks = " + ".join(f"{mb:.0f}" for mb in sampler.peak_by_pid.values())
    return Run(seconds, cpu, sampler.peak_rss, sampler.peak_pss, sampler.peak_processes, peaks,
               out.strip().splitlines()[0] if out.strip() else "", process.returncode)


def read_texts(paths: list[Path]) -> dict[str, list[str]]:
    """The reports' texts by detected language, decoded as the ingest decodes them."""
    texts: dict[str, list[str]] = defaultdict(list)
    for path in paths:
        try:
            report = read_report(path)
        except ReadError:
            continue
        texts[report.lang].append(report.text)
    return texts


def bare_tokenizer(texts: dict[str, list[str]], n_process: int = 1) -> tuple[float, int]:
    """(seconds, words) of spacy.blank(lang) over the texts, pipelines built untimed."""
    import spacy

    nlps = {lang: spacy.blank(lang if lang in SPACY_LANGS else "xx") for lang in texts}
    words = sum(len(t.split()) for group in texts.values() for t in group)
    started = time.perf_counter()
    for lang, group in texts.items():
        for _ in nlps[lang].pipe(group, batch_size=256, n_process=n_process):
            pass
    return time.perf_counter() - started, words


SPACY_LANGS = {"en", "nl", "fr", "it", "es", "de", "pt"}




# ------------------------------------------------------------------ report


def bench_size(n: int, root: Path, workers: int | None, seed: int) -> dict[str, float]:
    folder, db = root / f"corpus-{n}", root / f"musette-{n}.db"
    if not folder.is_dir():
        t = time.perf_counter()
        corpus.write_corpus(folder, n, seed)
        print(f"  corpus: {n} reports written in {time.perf_counter() - t:.1f} s "
              f"({'real Tour stages' if corpus.SHARED_STAGES.is_file() else 'built-in events'})")
    paths = sorted(folder.rglob("*.txt"))
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)

    texts = read_texts(paths)
    tok_seconds, words = bare_tokenizer(texts)
    pipe2_seconds, _ = bare_tokenizer(texts, n_process=2)
    del texts
    first = run_ingest(folder, db, workers)
    again = run_ingest(folder, db, workers)
    counts = table_counts(db)

    tok_wps = words / tok_seconds
    wps = words / first.seconds
    lines = [
        f"  bare tokenizer (spacy.blank, 1 process): {tok_wps:,.0f} words/s "
        f"({len(paths) / tok_seconds:,.0f} reports/s): the baseline of the goal",
        f"  bare tokenizer through spaCy's nlp.pipe(n_process=2): {words / pipe2_seconds:,.0f} "
        f"words/s (every Doc is pickled back to the parent: not the baseline)",
        f"  full ingest: {first.seconds:.1f} s, {wps:,.0f} words/s, "
        f"{len(paths) / first.seconds:,.1f} reports/s, {first.cpu_seconds:.0f} CPU s "
        f"({first.cpu_seconds * 1000 / len(paths):.1f} ms per report)",
        f"    = {wps / tok_wps:.3f} of the bare tokenizer (goal >= {GOAL_RATIO})",
        f"    peak memory: {first.peak_rss_mb:.0f} MB RSS summed over {first.processes} "
        f"processes, {first.peak_pss_mb:.0f} MB PSS (goal < {GOAL_MB} MB); each "
        f"process's peak: {first.peaks} MB",
        f"    {first.summary}",
        f"  re-ingest, unchanged: {again.seconds:.2f} s, {len(paths) / again.seconds:,.0f} "
        f"reports/s: {first.seconds / again.seconds:.0f}x faster (goal >= {GOAL_REINGEST}x); "
        f"peak {again.peak_rss_mb:.0f} MB RSS",
        f"    {again.summary}",
        "  rows: " + ", ".join(f"{k} {v}" for k, v in counts.items() if v),
    ]
    print("\n".join(lines), flush=True)
    return {"words": words, "tok_wps": tok_wps, "wps": wps, "rss": first.peak_rss_mb,
            "reingest_x": first.seconds / again.seconds}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reports", type=int, nargs="+", default=[1000, 10000],
                        help="corpus sizes (default: 1000 10000)")
    parser.add_argument("--workers", type=int, default=None,
                        help="analysis processes (default: the ingest's own choice)")
    parser.add_argument("--keep", type=Path, default=None,
                        help="keep corpora and databases here (reused on the next run)")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)

    root = args.keep or Path(tempfile.mkdtemp(prefix="musette-bench-"))
    root.mkdir(parents=True, exist_ok=True)
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"musette ingest benchmark, {time.strftime('%Y-%m-%d %H:%M')}, {os.cpu_count()} "
          f"cores, load average {load}, workers={args.workers or 'default'}")
    try:
        for n in args.reports:
            print(f"{n} reports:", flush=True)
            bench_size(n, root, args.workers, args.seed)
    finally:
        if args.keep is None:
            shutil.rmtree(root, ignore_errors=True)
        else:
            print(f"kept in {root}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

