"""Serving benchmark: latency of the main pages under 20 concurrent clients on loopback.

    python bench/serve.py --db musette.db [--clients 20] [--seconds 30]
    python bench/serve.py --reports 10000 [--keep DIR]   # build the database first

Serves the database the way `musette serve` does (``datasette serve -i DB -m
metadata.yml --plugins-dir plugins --template-dir templates``, immutable, on
127.0.0.1 and a free port), then runs `--clients` concurrent clients (httpx,
asyncio) for `--seconds`, each requesting in turn:

* a table page (``/musette/stages``);
* the map's JSON (``/musette/stage_locations.json``);
* a report page (``/-/report/<id>``, random ids) and a stage page
  (``/-/stage/<id>``), the routes of plugins/report_page.py and stage_page.py;
* canned queries of metadata.yml (``rider_results`` for a rider's name and
  ``search`` for a word), when the metadata has them.

It prints the median and 99th-percentile latency per page, requests per second
and every error (any status other than 200, or a failed request). Each page is
requested once before the load: a page that fails then is reported and left out.
Requests are bounded in number (--max-requests) and in time (10 s each).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import shutil
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

import httpx
import yaml

REPO = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"  # loopback only


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def serve_command(db: Path, port: int, settings: list[list[str]]) -> list[str]:
    datasette = Path(sys.executable).with_name("datasette")
    command = [str(datasette), "serve", "-i", str(db), "-m", str(REPO / "metadata.yml"),
               "--plugins-dir", str(REPO / "plugins"), "-h", HOST, "-p", str(port)]
    if (REPO / "templates").is_dir():
        command += ["--template-dir", str(REPO / "templates")]
    for name, value in settings:
        command += ["--setting", name, value]
    return command


def wait_until_up(base: str, process: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"datasette exited with status {process.returncode}")
        try:
            if httpx.get(f"{base}/-/versions.json", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise SystemExit("datasette did not start within a minute")


def canned_queries() -> set[str]:
    try:
        meta = yaml.safe_load((REPO / "metadata.yml").read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError):
        return set()
    return set(((meta.get("databases") or {}).get("musette") or {}).get("queries") or {})


def sample_ids(db: Path) -> tuple[list[int], list[int], list[str]]:
    """Report ids, stage ids and rider surnames to request."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        reports = [r[0] for r in conn.execute("SELECT id FROM reports ORDER BY random() LIMIT 500")]
        stages = [r[0] for r in conn.execute("SELECT id FROM stages ORDER BY random() LIMIT 500")]
        riders = [r[0].split()[-1] for r in conn.execute(
            "SELECT name FROM riders ORDER BY random() LIMIT 200")]
    finally:
        conn.close()
    return reports, stages, riders


def page_makers(db: Path) -> dict[str, object]:
    """Page name -> function returning a path to request."""
    reports, stages, riders = sample_ids(db)
    words = ["sprint", "peloton", "étape", "tappa", "etappe", "breakaway", "Etappe", "subida"]
    pages: dict[str, object] = {
        "table /musette/stages": lambda: "/musette/stages",
        "map JSON /musette/stage_locations.json": lambda: "/musette/stage_locations.json",
    }
    if reports:
        pages["report page /-/report/<id>"] = lambda: f"/-/report/{random.choice(reports)}"
    if stages:
        pages["stage page /-/stage/<id>"] = lambda: f"/-/stage/{random.choice(stages)}"
    queries = canned_queries()
    if "rider_results" in queries and riders:
        pages["canned query rider_results"] = (
            lambda: f"/musette/rider_results?rider={random.choice(riders)}")
    if "search" in queries:
        pages["canned query search"] = lambda: f"/musette/search?q={random.choice(words)}"
    return pages


async def load(base: str, pages: dict[str, object], clients: int, seconds: float,
               max_requests: int) -> tuple[dict[str, list[float]], Counter, float]:
    latencies: dict[str, list[float]] = defaultdict(list)
    errors: Counter = Counter()
    names = list(pages)
    budget = {"left": max_requests}
    deadline = time.monotonic() + seconds
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)

    async with httpx.AsyncClient(base_url=base, timeout=10, limits=limits) as client:
        async def one_client(index: int) -> None:
            turn = index
            while time.monotonic() < deadline and budget["left"] > 0:
                budget["left"] -= 1
                name = names[turn % len(names)]
                turn += 1
                path = pages[name]()
                started = time.perf_counter()
                try:
                    response = await client.get(path)
                    await response.aread()
                    if response.status_code != 200:
                        errors[f"{name}: HTTP {response.status_code}"] += 1
                        continue
                except httpx.HTTPError as error:
                    errors[f"{name}: {type(error).__name__}"] += 1
                    continue
                latencies[name].append(time.perf_counter() - started)

        started = time.monotonic()
        await asyncio.gather(*(one_client(i) for i in range(clients)))
        elapsed = time.monotonic() - started
    return latencies, errors, elapsed


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def check_pages(base: str, pages: dict[str, object]) -> dict[str, object]:
    """The pages that answer 200 once; the others are reported."""
    working = {}
    for name, make in pages.items():
        path = make()
        try:
            status = httpx.get(base + path, timeout=30).status_code
        except httpx.HTTPError as error:
            status = type(error).__name__
        if status == 200:
            working[name] = make
        else:
            print(f"  left out: {name} ({path}) answered {status} before the load")
    return working


def build_database(reports: int, root: Path) -> Path:
    """A corpus of `reports` reports ingested with `musette ingest` (bench/corpus.py)."""
    folder, db = root / f"corpus-{reports}", root / f"musette-{reports}.db"
    if db.exists():
        return db
    subprocess.run([sys.executable, str(REPO / "bench" / "corpus.py"), str(folder),
                    "--reports", str(reports)], check=True)
    musette = Path(sys.executable).with_name("musette")
    status = subprocess.run([str(musette), "ingest", str(folder), "--db", str(db)]).returncode
    if status not in (0, 1):
        raise SystemExit(f"musette ingest failed with status {status}")
    return db


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, help="the database to serve")
    parser.add_argument("--reports", type=int, default=10000,
                        help="without --db: build a database of this many reports")
    parser.add_argument("--keep", type=Path, help="where to build and keep it")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--max-requests", type=int, default=200_000)
    parser.add_argument("--setting", nargs=2, action="append", default=None,
                        metavar=("NAME", "VALUE"),
                        help="a Datasette setting (default: suggest_facets off, as musette serve)")
    args = parser.parse_args(argv)
    if args.setting is None:
        args.setting = [["suggest_facets", "off"]]  # as `musette serve` runs Datasette

    work = Path(tempfile.mkdtemp(prefix="musette-serve-"))
    try:
        source = args.db or build_database(args.reports, args.keep or work)
        # Datasette names a database after its file: serve it as musette.db.
        db = work / "musette.db"
        db.symlink_to(Path(source).resolve())
        return run(db, args)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def run(db: Path, args: argparse.Namespace) -> int:
    port = free_port()
    base = f"http://{HOST}:{port}"
    server = subprocess.Popen(serve_command(db, port, args.setting), stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE, text=True)
    try:
        wait_until_up(base, server)
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        reports = conn.execute("SELECT count(*) FROM reports").fetchone()[0]
        conn.close()
        load_avg = ", ".join(f"{x:.1f}" for x in os.getloadavg())
        print(f"musette serve benchmark, {time.strftime('%Y-%m-%d %H:%M')}, {os.cpu_count()} "
              f"cores, load average {load_avg}: {reports} reports, {args.clients} clients, "
              f"{args.seconds:.0f} s on {HOST}; settings: "
              f"{' '.join(' '.join(pair) for pair in args.setting) or 'defaults'}")
        pages = check_pages(base, page_makers(db))
        latencies, errors, elapsed = asyncio.run(
            load(base, pages, args.clients, args.seconds, args.max_requests))
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
    total = sum(len(v) for v in latencies.values())
    print(f"  {total + sum(errors.values())} requests in {elapsed:.1f} s "
          f"({total / elapsed:.0f}/s), {sum(errors.values())} errors")
    print(f"  {'page':45} {'requests':>9} {'median ms':>10} {'p99 ms':>9}")
    for name in pages:
        values = latencies.get(name, [])
        if values:
            print(f"  {name:45} {len(values):>9} {statistics.median(values) * 1000:>10.1f} "
                  f"{percentile(values, 0.99) * 1000:>9.1f}")
    for what, n in errors.most_common():
        print(f"  error: {what} x{n}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
