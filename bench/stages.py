"""Where one report's time goes: the ingest's stages timed apart, in one process.

    python bench/stages.py [--reports 1000] [--keep DIR] [--seed S]

Writes a corpus with bench/corpus.py (or reuses DIR/corpus-N), runs `ingest_paths` on it
with one process (workers=1) and times each stage by wrapping the functions the ingest
calls: reading and hashing, decoding and language detection, spaCy's tokenizer, each of
our pipeline components, extract_doc, the cycling-report check, identification, the
writes, consolidation. The pipelines and the language model are loaded before timing.
Figures are ms per report; the stages run inside one another where noted.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import shutil
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
sys.path[:] = [str(REPO), *(p for p in sys.path if Path(p or ".").resolve() != BENCH)]

import ingest.consolidate as consolidate_module  # noqa: E402
import ingest.extract as extract_module  # noqa: E402
import ingest.identify as identify_module  # noqa: E402
import ingest.pipeline as pipeline  # noqa: E402
import ingest.read as read  # noqa: E402
from ingest.nlp import get_nlp, pipeline_lang  # noqa: E402
from ingest.nlp.lexicon import lexicon  # noqa: E402

TIMES: dict[str, float] = defaultdict(float)


def timed(name: str, function: Callable) -> Callable:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            TIMES[name] += time.perf_counter() - started
    return wrapper


def extract(report: Any) -> Any:
    """extract.extract, with the tokenizer, each component and extract_doc timed apart."""
    nlp = get_nlp(report.lang)
    started = time.perf_counter()
    doc = nlp.make_doc(report.text)
    now = time.perf_counter()
    TIMES["spaCy tokenizer (the baseline)"] += now - started
    for name, component in nlp.pipeline:
        doc = component(doc)
        TIMES[f"component {name}"] += time.perf_counter() - now
        now = time.perf_counter()
    facts = extract_module.extract_doc(doc, lexicon(pipeline_lang(report.lang)), report)
    TIMES["extract_doc (ingest/extract.py)"] += time.perf_counter() - now
    return facts


def instrument() -> None:
    pipeline.read_bytes = timed("read and sha256", pipeline.read_bytes)
    pipeline.sha256 = timed("read and sha256", pipeline.sha256)
    pipeline.parse_report = timed("decode, header, language", pipeline.parse_report)
    read.detect_language = timed("  of which language (py3langid)", read.detect_language)
    extract_module.extract = extract
    pipeline.race_report_problem = timed("cycling-report check", pipeline.race_report_problem)
    pipeline.Writer.replace = timed("store: identify, geocode, SQLite", pipeline.Writer.replace)
    identify_module.identify = timed("  of which identify", identify_module.identify)
    consolidate_module.consolidate = timed("consolidate (once)", consolidate_module.consolidate)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reports", type=int, default=1000)
    parser.add_argument("--keep", type=Path, default=None)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    root = args.keep or Path(tempfile.mkdtemp(prefix="musette-stages-"))
    folder = root / f"corpus-{args.reports}"
    try:
        if not folder.is_dir():
            spec = importlib.util.spec_from_file_location("musette_corpus", BENCH / "corpus.py")
            corpus = importlib.util.module_from_spec(spec)
            sys.modules[spec.name] = corpus
            spec.loader.exec_module(corpus)
            corpus.write_corpus(folder, args.reports, args.seed)
        paths = sorted(folder.rglob("*.txt"))
        for path in paths[:100]:  # load every pipeline and the language model untimed
            try:
                extract_module.extract(read.read_report(path))
            except read.ReadError:
                pass
        instrument()
        db = root / "stages.db"
        started, cpu = time.perf_counter(), time.process_time()
        summary = pipeline.ingest_paths([folder], str(db), workers=1, echo=lambda *_: None)
        wall, cpu = time.perf_counter() - started, time.process_time() - cpu
        n = max(1, summary.ingested)
        load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
        print(f"{summary.describe().splitlines()[0]}\nload average {load}; one process: "
              f"{wall / n * 1000:.2f} ms per report ({cpu / n * 1000:.2f} ms CPU), "
              f"{summary.words / wall:,.0f} words/s")
        print("| stage | ms per report | share |\n| --- | --- | --- |")
        order = ["read and sha256", "decode, header, language",
                 "  of which language (py3langid)", "spaCy tokenizer (the baseline)"]
        order += [k for k in TIMES if k.startswith("component ")]
        order += ["extract_doc (ingest/extract.py)", "cycling-report check",
                  "store: identify, geocode, SQLite", "  of which identify", "consolidate (once)"]
        for name in order:
            seconds = TIMES.get(name, 0.0)
            print(f"| {name} | {seconds / n * 1000:.2f} | {seconds / wall:.0%} |")
        print(f"| total | {wall / n * 1000:.2f} | |")
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
    finally:
        if args.keep is None:
            shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
