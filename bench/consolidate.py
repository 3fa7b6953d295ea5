"""What consolidation (one rider per person, one result per stage) adds to an ingest.

    python bench/consolidate.py [--reports 10000] [--keep DIR]

Writes a corpus with bench/corpus.py, ingests it (which consolidates once at the end),
then times consolidation alone on the same database, and prints both and their ratio.
Goal: consolidation adds less than 10% to the ingest time of 10,000 reports.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from ingest import store  # noqa: E402
from ingest.consolidate import consolidate  # noqa: E402
from ingest.pipeline import ingest_paths  # noqa: E402


def load_corpus_module():
    spec = importlib.util.spec_from_file_location("corpus", REPO / "bench" / "corpus.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["corpus"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reports", type=int, default=10_000)
    parser.add_argument("--keep", type=Path, help="folder to keep the corpus and database in")
    args = parser.parse_args(argv)
    work = args.keep or Path(tempfile.mkdtemp(prefix="musette-consolidate-"))
    work.mkdir(parents=True, exist_ok=True)
    reports, db_path = work / "reports", work / "musette.db"
    if not reports.exists():
        load_corpus_module().write_corpus(reports, args.reports)
    if db_path.exists():
        db_path.unlink()

    started = time.perf_counter()
    summary = ingest_paths([reports], str(db_path))
    ingest_seconds = time.perf_counter() - started

    db = store.open_db(str(db_path))
    runs = []
    for _ in range(3):
        started = time.perf_counter()
        consolidate(db)
        runs.append(time.perf_counter() - started)
    consolidate_seconds = min(runs)
    counts = {t: db[t].count for t in ("reports", "stages", "riders", "results")}
    db.conn.close()

    print(f"reports ingested:        {summary.ingested} ({counts})")
    print(f"ingest (with one consolidation): {ingest_seconds:8.1f} s")
    print(f"consolidation alone:     {consolidate_seconds:8.2f} s (best of 3)")
    share = consolidate_seconds / max(ingest_seconds - consolidate_seconds, 1e-9)
    print(f"consolidation adds:      {share:8.1%} to the ingest time (goal: < 10%)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
