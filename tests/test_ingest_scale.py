"""Ingest at scale: bad input of every kind, re-runs, changed files, a killed ingest.

Not timed: speed and memory are measured by bench/ingest.py.
"""

from __future__ import annotations

import importlib.util
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ingest import pipeline
from ingest.pipeline import NOT_A_RACE, ingest_paths
from ingest.store import table_counts

ROOT = Path(__file__).resolve().parent.parent
GENERATED = 300  # reports in the generated folder (enough to start worker processes)
BAD = {  # the 3 bad files hidden in the generated folder
    "0000/0000042_empty.txt": b"",
    "0000/0000137_binary.txt": b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8,
    "0000/0000250_recipe.txt": None,  # RECIPE, filled in below
}

NO_RESULT = """ date 2022-07 Rain and nerves before the cobbles

The riders of the Tour de France face the cobbles of the north tomorrow, and the peloton
spent the rest day worrying about the weather. Forecasters expect heavy rain on the eleven
sectors between Lille and Arenberg, and several team directors have already changed their
plans. The climbers fear the day more than any mountain stage: a crash or a puncture on the
pavé can end a race in a few seconds. Mechanics fitted wider tyres and lower pressures, and
most teams rode the last sectors in the morning to know every corner. Nobody wants to lose
the Tour on a farm track in the rain.
"""

RECIPE = """Classic ratatouille for six people. Preheat the oven to 180 degrees. Cut two
aubergines, three courgettes, two red peppers and four ripe tomatoes into cubes of about two
centimetres. Warm four spoons of olive oil in a large pan, add two sliced onions and three
cloves of garlic, and cook them gently for ten minutes without letting them brown. Add the
peppers, then the aubergines and the courgettes, season with salt, pepper, thyme and a bay
leaf, and leave everything to simmer for forty minutes. Serve warm with fresh basil.
"""

FOOTBALL = """Arsenal beat Chelsea 2-1 at the Emirates Stadium on Saturday afternoon. Bukayo
Saka opened the scoring after 12 minutes with a curling shot into the far corner, before Cole
Palmer equalised from the penalty spot just before half-time. Martin Odegaard headed the
winner ten minutes from the end of a tense London derby in front of 60,000 supporters. "We
showed great character after the break," said manager Mikel Arteta, whose side moves up to
second in the table, three points behind Liverpool with a game in hand.
"""

VOETBAL = """Ajax heeft de Klassieker tegen Feyenoord met 3-1 gewonnen. Brian Brobbey opende na
een kwartier de score, Santiago Gimenez maakte vlak voor rust gelijk. In de tweede helft
zorgden Steven Berghuis en Kenneth Taylor voor de beslissing. Trainer Francesco Farioli was
na afloop tevreden over de inzet van zijn ploeg, die nu twee punten achter PSV staat.
"""

FRENCH = """ date 2019-07 Victoire de Julian Alaphilippe à Épernay

Julian Alaphilippe (Deceuninck-Quick-Step) a remporté la troisième étape du Tour de France,
215 km entre Binche et Épernay, devant Michael Matthews et Jasper Stuyven. Le Français a
attaqué dans la côte de Mutigny, à seize kilomètres de l'arrivée, et il a résisté au retour
du peloton. Il s'empare du maillot jaune. « C'était un rêve d'enfant », a déclaré le coureur
après l'arrivée, très ému devant les caméras à Épernay, au cœur de la Champagne.
"""

CURLY = """ date 2022-07 Wout van Aert wins in Calais

Wout van Aert (Jumbo-Visma) won stage 4 of the Tour de France in Calais – alone, after an
attack on the Cap Blanc-Nez – ahead of Jasper Philipsen and Christophe Laporte. “I didn’t
want to take the risk of losing anymore,” said Van Aert, who paid €50 for a coffee after the
finish. The peloton was eight seconds behind at the line, and the Belgian keeps the yellow
jersey for another day.
"""


def load_corpus():
    spec = importlib.util.spec_from_file_location("musette_bench_corpus",
                                                  ROOT / "bench" / "corpus.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module




def query(db: Path, sql: str, params: list | tuple = ()) -> list[tuple]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def write_generated(folder: Path, n: int = GENERATED) -> None:
    corpus = load_corpus()
    corpus.write_corpus(folder, n, seed=7)
    for name, data in BAD.items():
        (folder / name).write_bytes(RECIPE.encode() if data is None else data)


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> tuple[Path, Path, dict[str, int]]:
    """300 generated reports and 3 bad files, ingested once with worker processes.

    Returns (folder, database, row counts). Tests must not change either: copy them.
    """
    root = tmp_path_factory.mktemp("generated")
    folder = root / "reports"
    write_generated(folder)
    db = root / "clean.db"
    summary = ingest_paths([folder], str(db), workers=2)
    assert summary.workers == 2
    assert summary.ingested == GENERATED, summary.describe()
    assert len(summary.skipped) == 3, summary.describe()
    return folder, db, table_counts(db)


# --------------------------------------------------------------- bad input


@pytest.fixture
def mixed(tmp_path) -> Path:
    """One folder with every kind of bad input next to good reports."""
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "good_fr_latin1.txt").write_bytes(FRENCH.replace("œ", "oe").encode("latin-1"))
    (folder / "good_en_cp1252.txt").write_bytes(CURLY.encode("cp1252"))
    (folder / "good_en_bom.txt").write_bytes(b"\xef\xbb\xbf" + CURLY.encode("utf-8"))
    (folder / "good_fr_crlf.txt").write_bytes(FRENCH.replace("\n", "\r\n").encode("utf-8"))
    (folder / "no_result.txt").write_text(NO_RESULT, encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02\x03" * 1000)
    (folder / "scan.txt").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n" * 20)
    with (folder / "huge.txt").open("wb") as handle:
        handle.truncate(100_000_000)  # sparse: 100 MB without using the disk
    (folder / "gone.txt").symlink_to(folder / "deleted-long-ago.txt")
    (folder / "not_a_file.txt").mkdir()
    (folder / "recipe.txt").write_text(RECIPE, encoding="utf-8")
    (folder / "football.txt").write_text(FOOTBALL, encoding="utf-8")
    (folder / "voetbal.txt").write_text(VOETBAL, encoding="utf-8")
    return folder


EXPECTED_SKIPS = {
    "empty.txt": "empty file",
    "binary.txt": "binary file",
    "scan.txt": "binary file (a PDF document)",
    "huge.txt": "too large",
    "gone.txt": "cannot be read",
    "not_a_file.txt": "cannot be read: it is a folder",
    "recipe.txt": NOT_A_RACE,
    "football.txt": NOT_A_RACE,
    "voetbal.txt": NOT_A_RACE,
}


def test_every_bad_file_is_reported_recorded_and_skipped(mixed, tmp_path):
    db = tmp_path / "m.db"
    summary = ingest_paths([mixed], str(db))
    skipped = {Path(p).name: reason for p, reason in summary.skipped}
    assert set(skipped) == set(EXPECTED_SKIPS), summary.describe()
    for name, reason in EXPECTED_SKIPS.items():
        assert reason in skipped[name], (name, skipped[name])
    errors = query(db, "SELECT path, reason, time FROM ingest_errors")
    assert {Path(p).name for p, _, _ in errors} == set(EXPECTED_SKIPS)
    assert all(reason and time.startswith("20") for _, reason, time in errors)
    described = summary.describe()
    for name in EXPECTED_SKIPS:
        assert f"{mixed / name}: " in described
    assert summary.ingested == 5
    assert query(db, "SELECT count(*) FROM reports")[0][0] == 5


def test_legacy_encodings_bom_and_crlf_are_decoded(mixed, tmp_path):
    db = tmp_path / "m.db"
    ingest_paths([mixed], str(db))
    rows = dict(query(db, "SELECT source, text FROM reports"))
    encodings = dict(query(db, "SELECT source, encoding FROM reports"))
    assert "à Épernay" in rows["good_fr_latin1.txt"]
    assert "« C'était un rêve d'enfant »" in rows["good_fr_latin1.txt"]
    assert "Calais – alone" in rows["good_en_cp1252.txt"]
    assert "“I didn’t" in rows["good_en_cp1252.txt"] and "€50" in rows["good_en_cp1252.txt"]
    assert encodings["good_en_cp1252.txt"] == "cp1252"
    assert encodings["good_fr_latin1.txt"] in ("cp1252", "latin-1")
    assert encodings["good_en_bom.txt"] == "utf-8-sig"
    assert rows["good_en_bom.txt"].startswith("Wout van Aert wins")
    assert "\r" not in rows["good_fr_crlf.txt"]
    winners = dict(query(db, "SELECT reports.source, riders.name FROM report_results "
                             "JOIN reports ON reports.id = report_id "
                             "JOIN riders ON riders.id = rider_id WHERE rank = 1"))
    assert winners.get("good_en_cp1252.txt") == "Wout van Aert"


def test_a_cycling_report_without_result_is_ingested_and_listed(mixed, tmp_path):
    db = tmp_path / "m.db"
    summary = ingest_paths([mixed], str(db))
    assert str(mixed / "no_result.txt") in summary.no_result
    assert "no recognisable result" in summary.describe()
    (rid,) = query(db, "SELECT id FROM reports WHERE source = 'no_result.txt'")[0]
    assert query(db, "SELECT count(*) FROM report_results WHERE report_id = ?", [rid])[0][0] == 0
    found = query(db, "SELECT rowid FROM reports_fts WHERE reports_fts MATCH 'cobbles'")
    assert (rid,) in found  # its text is searchable
    assert not query(db, "SELECT 1 FROM ingest_errors WHERE path LIKE '%no_result.txt'")


def test_cli_exit_status_and_quiet_progress(mixed, tmp_path):
    from click.testing import CliRunner

    from ingest.cli import cli

    result = CliRunner().invoke(cli, ["ingest", str(mixed), "--db", str(tmp_path / "m.db")])
    assert result.exit_code == 1
    assert f"skipped {mixed / 'recipe.txt'}: {NOT_A_RACE}" in result.stdout
    assert "report/s" not in result.stderr  # no progress bar when not on a terminal


def test_progress_bar_shows_rate_and_remaining(mixed, tmp_path, capsys):
    ingest_paths([mixed], str(tmp_path / "m.db"), progress=True, echo=print)
    err = capsys.readouterr().err
    assert "report/s" in err and "14/14" in err and "<" in err  # rate, count, time left


def test_a_refused_file_is_not_analysed_again_until_it_changes(mixed, tmp_path, monkeypatch):
    db = tmp_path / "m.db"
    recipe = mixed / "recipe.txt"
    past = time.time() - 3600
    os.utime(recipe, (past, past))
    ingest_paths([recipe], str(db))
    before = query(db, "SELECT path, reason, time FROM ingest_errors")

    def no_nlp(jobs):
        raise AssertionError("analysed again")

    monkeypatch.setattr(pipeline, "analyse_chunk", no_nlp)
    summary = ingest_paths([recipe], str(db))
    assert summary.skipped == [(str(recipe), NOT_A_RACE)]
    assert query(db, "SELECT path, reason, time FROM ingest_errors") == before
    monkeypatch.undo()
    recipe.write_text(NO_RESULT, encoding="utf-8")  # fixed: now a cycling report
    summary = ingest_paths([recipe], str(db))
    assert summary.ingested == 1
    assert query(db, "SELECT count(*) FROM ingest_errors")[0][0] == 0


# ------------------------------------------------------- a generated folder


def test_a_folder_of_generated_reports_with_three_bad_ones(generated):
    folder, db, counts = generated
    assert counts["reports"] == GENERATED
    assert counts["ingest_errors"] == 3
    errors = dict(query(db, "SELECT path, reason FROM ingest_errors"))
    assert {str(folder / name) for name in BAD} == set(errors)
    assert query(db, "SELECT count(DISTINCT lang) FROM reports")[0][0] >= 7
    orphans = query(db, "SELECT count(*) FROM reports WHERE id NOT IN "
                        "(SELECT report_id FROM evidence)")
    assert orphans[0][0] == 0


def test_reingesting_changes_nothing(generated, tmp_path):
    folder, clean, counts = generated
    db = tmp_path / "again.db"
    db.write_bytes(clean.read_bytes())
    errors_before = query(db, "SELECT * FROM ingest_errors ORDER BY id")
    summary = ingest_paths([folder], str(db), workers=2)
    assert (summary.ingested, summary.unchanged, len(summary.skipped)) == (0, GENERATED, 3)
    assert table_counts(db) == counts
    assert query(db, "SELECT * FROM ingest_errors ORDER BY id") == errors_before


def test_a_changed_file_replaces_its_earlier_version(generated, tmp_path):
    folder, clean, counts = generated
    db = tmp_path / "changed.db"
    db.write_bytes(clean.read_bytes())
    (rid, name, winner) = query(db, "SELECT reports.id, path, riders.name FROM reports "
                                    "JOIN report_results ON report_id = reports.id "
                                    "JOIN riders ON riders.id = rider_id "
                                    "WHERE lang = 'en' AND rank = 1 ORDER BY path LIMIT 1")[0]
    path = Path(name)
    original = path.read_text(encoding="utf-8")
    try:
        path.write_text(original.replace(winner, "Zacharias Quennell"), encoding="utf-8")
        summary = ingest_paths([folder], str(db), workers=1)
    finally:
        path.write_text(original, encoding="utf-8")
    assert (summary.ingested, summary.unchanged) == (1, GENERATED - 1)
    assert table_counts(db)["reports"] == counts["reports"]
    rows = query(db, "SELECT reports.id, text FROM reports WHERE path = ?", [str(path)])
    assert len(rows) == 1 and "Zacharias Quennell" in rows[0][1] and winner not in rows[0][1]
    new_id = rows[0][0]
    assert not query(db, "SELECT 1 FROM evidence WHERE report_id = ?", [rid]) or new_id == rid
    first = query(db, "SELECT riders.name FROM report_results JOIN riders ON riders.id = "
                      "rider_id WHERE report_id = ? AND rank = 1", [new_id])
    assert first == [("Zacharias Quennell",)]
    spans = [s for (s,) in query(db, "SELECT span FROM evidence WHERE report_id = ?", [new_id])]
    assert winner not in spans


def test_a_copy_under_another_name_is_a_duplicate(generated, tmp_path):
    folder, clean, counts = generated
    db = tmp_path / "copy.db"
    db.write_bytes(clean.read_bytes())
    source = next(folder.rglob("*_de_*.txt"))
    copy = tmp_path / "copy_of_a_report.txt"
    copy.write_bytes(source.read_bytes())
    summary = ingest_paths([copy], str(db))
    assert summary.duplicates == 1 and summary.ingested == 0
    assert table_counts(db) == counts


# --------------------------------------------------------------- killed


def _children(pid: int) -> list[int]:
    kids = []
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        try:
            kids += [int(k) for k in task.read_text().split()]
        except OSError:
            pass
    return kids


def _alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="needs Linux /proc")
def test_a_killed_ingest_leaves_whole_reports_and_the_next_run_finishes(generated, tmp_path):
    folder, clean, counts = generated
    db = tmp_path / "killed.db"
    musette = Path(sys.executable).with_name("musette")
    command = [str(musette), "ingest", str(folder), "--db", str(db), "--no-progress"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               env={**os.environ, "MUSETTE_WORKERS": "2"})
    stored = 0
    deadline = time.monotonic() + 300  # a loaded machine starts the pipelines slowly
    try:
        while stored < 40 and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.1)
            if db.exists():
                try:
                    stored = query(db, "SELECT count(*) FROM reports")[0][0]
                except sqlite3.OperationalError:
                    pass  # the schema is being created
        workers = _children(process.pid)
        assert process.poll() is None, "the ingest finished before it could be killed"
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=10)
    finally:
        if process.poll() is None:
            process.kill()
    assert 40 <= stored < GENERATED
    gone = time.monotonic() + 30  # an upper bound: a loaded machine reaps slowly
    while any(_alive(w) for w in workers) and time.monotonic() < gone:
        time.sleep(0.1)
    assert not any(_alive(w) for w in workers), "worker processes outlived the ingest"

    assert query(db, "PRAGMA integrity_check") == [("ok",)]
    assert query(db, "PRAGMA foreign_key_check") == []
    partial = query(db, "SELECT count(*) FROM reports")[0][0]
    assert 0 < partial < GENERATED
    # Every stored report is whole: the same evidence and results as in a clean ingest.
    per_report = ("SELECT path, (SELECT count(*) FROM evidence WHERE report_id = reports.id), "
                  "(SELECT count(*) FROM report_results WHERE report_id = reports.id), "
                  "(SELECT count(*) FROM report_climbs WHERE report_id = reports.id) "
                  "FROM reports")
    clean_rows = {row[0]: row[1:] for row in query(clean, per_report)}
    for path, *facts in query(db, per_report):
        assert tuple(facts) == clean_rows[path], path

    summary = ingest_paths([folder], str(db), workers=2)
    assert summary.ingested == GENERATED - partial
    assert table_counts(db) == counts


_REAL_ANALYSE = pipeline.analyse_chunk
_PARENT = os.getpid()


def _dies_in_helpers(jobs):
    """analyse_chunk, except that a helper process dies as if the kernel had killed it."""
    if os.getpid() != _PARENT:
        os._exit(1)
    return _REAL_ANALYSE(jobs)


def test_a_dead_helper_process_does_not_stop_the_ingest(generated, tmp_path, monkeypatch):
    folder, clean, _ = generated
    small = tmp_path / "small"
    small.mkdir()
    for path in sorted(folder.rglob("*.txt"))[:20]:
        (small / path.name).write_bytes(path.read_bytes())
    monkeypatch.setattr(pipeline, "WORKERS_FROM", 1)
    monkeypatch.setattr(pipeline, "analyse_chunk", _dies_in_helpers)
    summary = ingest_paths([small], str(tmp_path / "s.db"), workers=2)
    assert summary.workers == 2
    assert summary.ingested == 20, summary.describe()
