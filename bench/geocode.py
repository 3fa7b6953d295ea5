"""Benchmark the embedded geocoder on every Tour de France stage, 1903-2017.

Reads ../shared/data/tdf_stages.csv (relative to the repository; never copied
into it), resolves each stage's start and finish with the race country FR and
prints:

* how many distinct towns and stage ends resolved (goal: >= 98 %);
* how many stages violate the crow-flies rule: a start and finish can never be
  farther apart than the stage's distance (goal: <= 1 %);
* lookups per second without any cache (every lookup goes to SQLite) and with
  the in-process LRU cache (goal: > 10,000/s after the index is built);
* the process's peak memory.

Usage: python bench/geocode.py [path/to/tdf_stages.csv]
"""

from __future__ import annotations

import csv
import resource
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ingest import gazetteer  # noqa: E402
from ingest.geocode import Gazetteer, haversine_km  # noqa: E402

DEFAULT_CSV = ROOT.parent / "shared" / "data" / "tdf_stages.csv"
RACE_COUNTRY = "FR"


def clean(name: str | None) -> str:
    return " ".join((name or "").replace("\u00a0", " ").split())


def load_stages(path: Path) -> list[tuple[str, str, float | None]]:
    """(origin, destination, distance) per stage; the csv module copes with the quirks."""
    stages = []
    with path.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            try:
                distance = float(row["Distance"]) if row["Distance"] else None
            except ValueError:
                distance = None
            stages.append((clean(row["Origin"]), clean(row["Destination"]), distance))
    return stages


def ensure_index() -> Path:
    """Build the index in a child process so that its memory is not counted here."""
    path = gazetteer.index_path()
    if not path.exists():
        print("(building the gazetteer index first, in a separate process)", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "ingest.gazetteer"], cwd=ROOT, check=True)
    return path


def rate(fn, items: list, min_seconds: float = 2.0) -> str:
    """Calls per second of fn over items (wall clock, and per CPU second of this process).

    Both are printed because a shared machine's load lowers the wall-clock rate.
    """
    calls, started, cpu = 0, time.perf_counter(), time.process_time()
    while True:
        for item in items:
            fn(item)
        calls += len(items)
        elapsed = time.perf_counter() - started
        if elapsed >= min_seconds:
            cpu_rate = calls / max(time.process_time() - cpu, 1e-9)
            return f"{calls / elapsed:,.0f} (per CPU second: {cpu_rate:,.0f})"


def resolve_all(gaz: Gazetteer, stages: list[tuple[str, str, float | None]]) -> list[tuple]:
    results = []
    for origin, destination, distance in stages:
        route = gaz.resolve_route(origin, destination, distance, RACE_COUNTRY)
        results.append((origin, destination, distance, route["start"], route["finish"]))
    return results


def report(results: list[tuple], stages: list) -> None:
    names = Counter(n for o, d, _ in stages for n in (o, d) if n)
    resolved: set[str] = set()
    ends = ends_ok = both = violations = violations_5km = 0
    worst = []
    for origin, destination, distance, s, f in results:
        for name, loc in ((origin, s), (destination, f)):
            if name:
                ends += 1
                if loc is not None:
                    ends_ok += 1
                    resolved.add(name)
        if s is not None and f is not None and distance:
            both += 1
            d = haversine_km((s.latitude, s.longitude), (f.latitude, f.longitude))
            if d > distance:
                violations += 1
                worst.append((d - distance, origin, destination, distance, d))
            if d > distance + 5:
                violations_5km += 1
    unresolved = sorted(set(names) - resolved)
    print(f"stages: {len(stages):,}   distinct start/finish names: {len(names):,}")
    print(f"distinct names resolved: {len(resolved):,}/{len(names):,} "
          f"({100 * len(resolved) / len(names):.1f} %)")
    print(f"stage ends resolved: {ends_ok:,}/{ends:,} ({100 * ends_ok / ends:.1f} %)")
    print(f"stages violating crow-flies <= distance: {violations}/{both} "
          f"({100 * violations / max(both, 1):.2f} %); by more than 5 km: {violations_5km}")
    for _excess, o, d, dist, km in sorted(worst, reverse=True)[:10]:
        print(f"    {o} -> {d}: {km:.0f} km apart for a {dist:g} km stage")
    print(f"unresolved ({len(unresolved)}): {', '.join(unresolved)}")


def main(argv: list[str]) -> int:
    path = Path(argv[1]) if len(argv) > 1 else DEFAULT_CSV
    if not path.exists():
        print(f"skipped: {path} is absent (the shared Tour de France data set)")
        return 0
    stages = load_stages(path)
    index = ensure_index()
    names = sorted({n for o, d, _ in stages for n in (o, d) if n})

    gaz = Gazetteer(index)
    started = time.perf_counter()
    results = resolve_all(gaz, stages)
    elapsed = time.perf_counter() - started
    report(results, stages)

    uncached = Gazetteer(index, cache_size=0)
    cold = rate(lambda n: uncached.geocode(n, country_bias=RACE_COUNTRY), names)
    warm = rate(lambda n: gaz.geocode(n, country_bias=RACE_COUNTRY), names)
    routes_cold = rate(lambda s: uncached.resolve_route(s[0], s[1], s[2], RACE_COUNTRY),
                       stages[:400])
    print(f"lookups/s, uncached (SQLite every time): {cold}")
    print(f"lookups/s, with the LRU cache: {warm}")
    print(f"stages/s, start+finish disambiguated, uncached: {routes_cold}; "
          f"first full pass with a cold cache: {len(stages) / elapsed:,.0f}")
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory (max RSS of this process): {peak_mb:.0f} MB; "
          f"index file: {index.stat().st_size / 1e6:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
