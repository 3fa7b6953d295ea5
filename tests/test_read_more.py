"""Reading files: the less common encodings and the clear reasons for what is not text."""

from __future__ import annotations

import pytest

from ingest.pipeline import NOT_A_RACE, race_report_problem, report_files
from ingest.read import MAX_BYTES, ReadError, parse_report, read_bytes, read_report

BODY = ("Démare won the third stage of the Tour de France in Épernay ahead of Matthews and "
        "Stuyven after a long day in the Champagne vineyards, with a fast finish uphill.")


def write(tmp_path, data: bytes, name: str = "r.txt"):
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_or_without_bom(tmp_path, encoding):
    report = read_report(write(tmp_path, BODY.encode(encoding)))
    assert report.text == BODY
    assert report.encoding.startswith("utf-16")


def test_old_mac_line_ends_and_mixed_line_ends(tmp_path):
    report = read_report(write(tmp_path, BODY.replace(" after", "\rafter").replace(
        " with", "\r\nwith").encode()))
    assert "\r" not in report.text and report.text.count("\n") == 2


def test_bom_on_a_windows_1252_file_is_ignored(tmp_path):
    report = read_report(write(tmp_path, b"\xef\xbb\xbf" + BODY.encode("cp1252")))
    assert report.text == BODY


def test_header_date_after_a_bom(tmp_path):
    report = read_report(write(tmp_path, b"\xef\xbb\xbf date 2019-07 " + BODY.encode()))
    assert report.published == "2019-07" and report.text == BODY


@pytest.mark.parametrize("data, what", [
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n" + BODY.encode(), "a PDF document"),
    (b"PK\x03\x04" + BODY.encode(), "ZIP"),
    (b"\x1f\x8b\x08\x00" + BODY.encode(), "gzip"),
    (b"\xff\xd8\xff\xe0" + BODY.encode(), "JPEG"),
    (b"{\\rtf1\\ansi " + BODY.encode(), "RTF"),
    (b"SQLite format 3\x00" + bytes(200), "SQLite"),
])
def test_binary_formats_are_named(tmp_path, data, what):
    with pytest.raises(ReadError, match=what):
        read_report(write(tmp_path, data))


def test_control_characters_mean_binary(tmp_path):
    with pytest.raises(ReadError, match="binary file"):
        read_report(write(tmp_path, bytes(range(1, 32)) * 40))


def test_size_limit_is_exact_and_reading_is_bounded(tmp_path):
    unit = (BODY + " ").encode()
    ok = write(tmp_path, unit * (MAX_BYTES // len(unit)), "ok.txt")
    assert len(read_bytes(ok)) <= MAX_BYTES
    too_big = write(tmp_path, b"a " * (MAX_BYTES // 2 + 1), "big.txt")
    with pytest.raises(ReadError, match="too large"):
        read_bytes(too_big)


def test_a_folder_named_like_a_report(tmp_path):
    (tmp_path / "x.txt").mkdir()
    with pytest.raises(ReadError, match="it is a folder"):
        read_report(tmp_path / "x.txt")


def test_folder_walk_lists_broken_entries_too(tmp_path):
    (tmp_path / "a.txt").write_text(BODY)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text(BODY)
    (tmp_path / "sub" / "notes.md").write_text(BODY)
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    (tmp_path / "folder.txt").mkdir()
    (tmp_path / "loop").symlink_to(tmp_path)  # not followed
    names = [p.relative_to(tmp_path).as_posix() for p in report_files([tmp_path])]
    assert names == ["a.txt", "dangling.txt", "folder.txt", "sub/b.txt"]


def test_sha256_is_of_the_bytes_as_read(tmp_path):
    import hashlib

    data = b"\xef\xbb\xbf" + BODY.encode()
    assert read_report(write(tmp_path, data)).sha256 == hashlib.sha256(data).hexdigest()
    assert parse_report(data, "x.txt", "given").sha256 == "given"


class _Facts:
    def __init__(self, race=None, results=(), mentions=()):
        self.race, self.results, self.mentions = race, list(results), list(mentions)


class _Mention:
    def __init__(self, kind):
        self.kind = kind


def _report(text):
    return parse_report(text.encode(), "r.txt")


@pytest.mark.parametrize("text, facts, verdict", [
    # a named race is enough
    ("A quiet day in the Alps for everybody concerned, with nothing of note at all to "
     "report from the valley roads or the villages today.", _Facts(race="Tour de France"),
     None),
    # two cycling words in any supported language
    ("Der Ausreißer wurde kurz vor dem Ziel vom Hauptfeld gestellt, nachdem er den ganzen "
     "Tag allein an der Spitze gefahren war und alles gegeben hatte.", _Facts(), None),
    # one cycling word and a climb
    ("It was a long day for the small village, whose narrow main street welcomed the "
     "cyclists under a warm sun and a big blue sky over the hills.",
     _Facts(mentions=[_Mention("climb")]), None),
    # one cycling word alone is not enough
    ("The company reached a new stage of its growth this year, hiring more people and "
     "opening offices in three more cities across the whole country.", _Facts(), NOT_A_RACE),
    ("Preheat the oven to 180 degrees and bake the cake for forty minutes until golden, "
     "then let it cool on a rack before you cut it into slices.", _Facts(), NOT_A_RACE),
])
def test_what_counts_as_a_cycling_race_report(text, facts, verdict):
    assert race_report_problem(_report(text), facts) == verdict


def test_language_scores_are_py3langid_s_own():
    """The vectorised DFA walk (read._definite) gives py3langid's exact scores."""
    import random
    from pathlib import Path

    from py3langid.langid import _load_identifier

    import ingest.read as read

    read.detect_language("warm up")
    fast, plain = read._identifier, _load_identifier(norm_probs=True)
    assert type(fast) is not type(plain)  # the model is the one checked: the fast walk is on
    reports = sorted(Path(__file__).parent.joinpath("reports").rglob("*.txt"))
    texts = [read_report(p).text[:5000] for p in reports[::3]]
    rng = random.Random(7)
    alphabet = "abcdefghij klmnoé ü ç ß ø 0123456789 .,;:!?\"'«»-\n ЖЩ 中文 ☃ \u0301"
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 300)))
              for _ in range(200)]
    texts += [bytes(rng.randrange(256) for _ in range(rng.randint(0, 64))) for _ in range(100)]
    texts += ["", "a", "x" * 7, "ZZZ", BODY, BODY.upper()]
    for text in texts:
        assert fast.classify(text) == plain.classify(text), text
        assert fast.rank(text) == plain.rank(text), text
