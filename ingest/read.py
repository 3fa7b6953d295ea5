"""File -> decoded text, header date, language and content hash.

A file that cannot be a report raises `ReadError` with a reason a user can act
on; the caller records it and goes on with the next file.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from pathlib import Path

from .model import Report

MAX_BYTES = 2_000_000  # a news report is a few kB; 2 MB is a book, not a report
MIN_WORDS = 20
HEADER = re.compile(r"\A\ufeff?[ \t]*date[ \t]+(\d{4})-(\d{2})\b[ \t]*")
SUPPORTED_LANGS = ("en", "nl", "fr", "it", "es", "de", "pt")


class ReadError(Exception):
    """The file is not a readable report; str(error) is the reason."""


def read_report(path: Path) -> Report:
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise ReadError(
                f"too large ({size / 1_000_000:.1f} MB; a report is at most "
                f"{MAX_BYTES / 1_000_000:.0f} MB)"
            )
        data = path.read_bytes()
    except OSError as error:
        raise ReadError(f"cannot be read: {error.strerror or error}") from error
    return parse_report(data, str(path))


def parse_report(data: bytes, path: str) -> Report:
    if not data.strip():
        raise ReadError("empty file")
    if b"\x00" in data[:8192]:
        raise ReadError("binary file (contains NUL bytes), not text")
    raw_text, encoding = decode(data)
    if _control_ratio(raw_text) > 0.01:
        raise ReadError("binary file (control characters), not text")
    text = raw_text.replace("\r\n", "\n").replace("\r", "\n")
    text = unicodedata.normalize("NFC", text)
    published = None
    header = HEADER.match(text)
    if header:
        year, month = int(header.group(1)), int(header.group(2))
        if 1 <= month <= 12:
            published = f"{year:04d}-{month:02d}"
            text = text[header.end():]
    text = text.strip()
    if len(text.split()) < MIN_WORDS:
        raise ReadError(f"too short to be a report (fewer than {MIN_WORDS} words)")
    return Report(
        path=path,
        source=Path(path).name,
        text=text,
        published=published,
        sha256=hashlib.sha256(data).hexdigest(),
        lang=detect_language(text),
        encoding=encoding,
    )


def decode(data: bytes) -> tuple[str, str]:
    """UTF-8 (with or without BOM); else Windows-1252, the usual legacy encoding.

    Latin-1 files decode the same as Windows-1252 except for the rarely used
    C1 range, which Windows-1252 maps to curly quotes and dashes.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


def _control_ratio(text: str) -> float:
    sample = text[:20000]
    bad = sum(1 for c in sample if unicodedata.category(c) == "Cc" and c not in "\n\r\t\f")
    return bad / max(1, len(sample))


_identifier = None


def detect_language(text: str) -> str:
    """ISO 639-1 code by py3langid (offline), 'und' when it is unsure."""
    global _identifier
    if _identifier is None:
        from py3langid.langid import _load_identifier

        _identifier = _load_identifier(norm_probs=True)
    lang, prob = _identifier.classify(text[:5000])
    if lang in SUPPORTED_LANGS:
        return lang if prob >= 0.5 else "und"
    return lang if prob >= 0.9 else "und"
