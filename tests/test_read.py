"""Reading report files: encodings, header date, and clear reasons for bad input."""

from __future__ import annotations

import pytest

from ingest.read import ReadError, read_report

BODY = ("Tadej Pogačar won the stage in Laruns ahead of Jonas Vingegaard and Jai Hindley "
        "after a hard day in the Pyrenees with three big climbs and a fast descent to the line.")


def write(tmp_path, data: bytes, name: str = "r.txt"):
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_header_date_is_read_and_removed(tmp_path):
    report = read_report(write(tmp_path, f" date 2023-07 {BODY}".encode()))
    assert report.published == "2023-07"
    assert report.text.startswith("Tadej Pogačar won")


def test_no_header_means_no_publication_date(tmp_path):
    report = read_report(write(tmp_path, BODY.encode()))
    assert report.published is None
    assert report.lang == "en"


def test_utf8_bom_and_crlf(tmp_path):
    data = b"\xef\xbb\xbf" + BODY.replace(" after", "\r\nafter").encode()
    report = read_report(write(tmp_path, data))
    assert report.text.startswith("Tadej")
    assert "\r" not in report.text
    assert report.encoding == "utf-8-sig"


@pytest.mark.parametrize("encoding", ["latin-1", "cp1252"])
def test_legacy_encodings_are_decoded(tmp_path, encoding):
    text = BODY.replace("Pogačar", "Pogacar") + " Démare était là, à Besançon – “déçu”."
    if encoding == "latin-1":
        text = text.replace("–", "-").replace("“", '"').replace("”", '"')
    report = read_report(write(tmp_path, text.encode(encoding)))
    assert "Démare était là, à Besançon" in report.text


@pytest.mark.parametrize("data, reason", [
    (b"", "empty"),
    (b"   \n\n  ", "empty"),
    (b"\x00\x01\x02binary\x00" * 100, "binary"),
    (b"Too short.", "too short"),
])
def test_bad_input_has_a_clear_reason(tmp_path, data, reason):
    with pytest.raises(ReadError, match=reason):
        read_report(write(tmp_path, data))


def test_huge_file_is_refused_without_reading_it(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(100_000_000)
    with pytest.raises(ReadError, match="too large"):
        read_report(path)


def test_unreadable_file(tmp_path):
    link = tmp_path / "gone.txt"
    link.symlink_to(tmp_path / "missing.txt")
    with pytest.raises(ReadError, match="cannot be read"):
        read_report(link)
