"""Extraction accuracy: precision and recall of the facts of annotated reports.

    python bench/accuracy.py DIR [DIR ...] [--show wrong|missed|all]

Every NAME.txt under the folders that has a NAME.yml beside it (format:
tests/reports/README.md) is read and extracted like `musette ingest` does, and each fact
the .yml states is scored correct, wrong or missed (ingest/evaluate.py). Prints a table per
language and in total, and the winners right, wrong and missed. Use it on reports you
annotated yourself to see how far the extraction can be trusted on your sources.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ingest.evaluate import Score, load_annotation, score  # noqa: E402
from ingest.extract import extract  # noqa: E402
from ingest.read import read_report  # noqa: E402

KINDS = ("winner", "rank", "team", "gap", "race", "year", "stage", "start", "finish",
         "distance_km", "jersey")


def annotated_reports(folders: list[Path]) -> list[Path]:
    found = []
    for folder in folders:
        paths = [folder] if folder.is_file() else sorted(folder.rglob("*.txt"))
        found += [p for p in paths if p.with_suffix(".yml").exists()]
    return found


def percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:5.1f}%" if whole else "    -"


def row(label: str, counts: Counter) -> str:
    correct, wrong, missed = counts["correct"], counts["wrong"], counts["missed"]
    precision = percent(correct, correct + wrong)
    recall = percent(correct, correct + wrong + missed)
    return f"{label:<12} {correct:>7} {wrong:>6} {missed:>7}  {precision:>9} {recall:>7}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="+", type=Path)
    parser.add_argument("--show", choices=("wrong", "missed", "all"),
                        help="list the facts scored wrong, missed, or both, per report")
    args = parser.parse_args()

    paths = annotated_reports(args.folders)
    if not paths:
        print("no NAME.txt with a NAME.yml beside it", file=sys.stderr)
        return 1
    by_lang: dict[str, list[Score]] = defaultdict(list)
    for path in paths:
        annotation = load_annotation(path)
        report = read_report(path)
        result = score(extract(report), annotation, report.published)
        by_lang[annotation.get("lang", report.lang)].append(result)
        shown = [o for o in result.outcomes if o.verdict != "correct"
                 and args.show in (o.verdict, "all")]
        for outcome in shown:
            print(f"{path}: {outcome.verdict:<6} {outcome.kind}: {outcome.detail}")
    if args.show:
        print()

    header = f"{'':<12} {'correct':>7} {'wrong':>6} {'missed':>7}  {'precision':>9} {'recall':>7}"
    print(f"{len(paths)} annotated reports\n\nAll facts, per language\n{header}")
    total: Counter = Counter()
    for lang in sorted(by_lang):
        counts = sum((s.counts() for s in by_lang[lang]), Counter())
        total += counts
        print(row(f"{lang} ({len(by_lang[lang])})", counts))
    print(row("all", total))
    print(f"\nPer kind of fact\n{header}")
    everything = [s for scores in by_lang.values() for s in scores]
    for kind in KINDS:
        counts = sum((s.counts({kind}) for s in everything), Counter())
        if counts:
            print(row(kind, counts))
    return 0


if __name__ == "__main__":
    sys.exit(main())
