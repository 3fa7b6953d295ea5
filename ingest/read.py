"""File -> decoded text, header date, language and content hash.

A file that cannot be a report raises `ReadError` with a reason a user can act
on; the caller records it and goes on with the next file.

Reading is split in two so that the ingest can skip unchanged files cheaply:
`read_bytes` (stat, bounded read: no decoding) and `parse_report` (decoding,
header date, language). `read_report` does both.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
import unicodedata
from pathlib import Path
from typing import Any

from .model import Report

MAX_BYTES = 2_000_000  # a news report is a few kB; 2 MB is a book, not a report
MIN_WORDS = 20
HEADER = re.compile(r"\A\ufeff?[ \t]*date[ \t]+(\d{4})-(\d{2})\b[ \t]*")
SUPPORTED_LANGS = ("en", "nl", "fr", "it", "es", "de", "pt", "da", "pl")
CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")  # category Cc, not \t\n\f\r

# Formats people save by mistake with a .txt name, by their first bytes.
MAGIC = (
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or a .docx/.odt document)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office document"),
    (b"{\\rtf", "an RTF document"),
    (b"SQLite format 3\x00", "an SQLite database"),
)


class ReadError(Exception):
    """The file is not a readable report; str(error) is the reason."""


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_bytes(path: Path) -> bytes:
    """The file's bytes, refusing what cannot be a report before reading it all."""
    try:
        info = os.stat(path)
        if stat.S_ISDIR(info.st_mode):
            raise ReadError("cannot be read: it is a folder, not a file")
        if not stat.S_ISREG(info.st_mode):
            raise ReadError("cannot be read: not a regular file")
        if info.st_size > MAX_BYTES:
            raise ReadError(_too_large(info.st_size))
        with open(path, "rb") as handle:
            data = handle.read(MAX_BYTES + 1)  # bounded even if the file grows meanwhile
    except OSError as error:
        raise ReadError(f"cannot be read: {error.strerror or error}") from error
    if len(data) > MAX_BYTES:
        raise ReadError(_too_large(len(data)))
    return data


def _too_large(size: int) -> str:
    return (f"too large ({size / 1_000_000:.1f} MB; a report is at most "
            f"{MAX_BYTES / 1_000_000:.0f} MB)")


def read_report(path: Path) -> Report:
    return parse_report(read_bytes(path), str(path))


def parse_report(data: bytes, path: str, digest: str | None = None) -> Report:
    """Decode and check a file's bytes; `digest` is their sha256 when already known."""
    text, encoding = decode_text(data)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
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
        sha256=digest or sha256(data),
        lang=detect_language(text),
        encoding=encoding,
    )


def decode_text(data: bytes) -> tuple[str, str]:
    """Text and encoding name, or ReadError for an empty or binary file."""
    if not data.strip():
        raise ReadError("empty file")
    for magic, what in MAGIC:
        if data.startswith(magic):
            raise ReadError(f"binary file ({what}), not text")
    utf16 = _utf16(data)
    if utf16:
        text, encoding = utf16
    elif b"\x00" in data[:8192]:
        raise ReadError("binary file (contains NUL bytes), not text")
    else:
        text, encoding = decode(data)
    if _control_ratio(text) > 0.01:
        raise ReadError("binary file (control characters), not text")
    return text, encoding


def decode(data: bytes) -> tuple[str, str]:
    """UTF-8 (with or without BOM); else Windows-1252, the usual legacy encoding.

    Latin-1 files decode the same as Windows-1252 except for the rarely used
    C1 range, which Windows-1252 maps to curly quotes and dashes; the five bytes
    Windows-1252 leaves undefined fall back to Latin-1.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError:
            data = data[3:]  # a BOM on a legacy file: trust the bytes, not the mark
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


def _utf16(data: bytes) -> tuple[str, str] | None:
    """(text, encoding) of a UTF-16 file: with a BOM, or with every other byte NUL."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            return None
    sample = data[: min(len(data), 2000) // 2 * 2]
    if len(sample) < 40:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.9 * len(odd) and even.count(0) < 0.1 * len(even):
        codec = "utf-16-le"
    elif even.count(0) > 0.9 * len(even) and odd.count(0) < 0.1 * len(odd):
        codec = "utf-16-be"
    else:
        return None
    try:
        return data.decode(codec), codec
    except UnicodeDecodeError:
        return None


def _control_ratio(text: str) -> float:
    """Share of control characters (Unicode category Cc but line ends and tabs)."""
    sample = text[:20000]
    return len(CONTROL.findall(sample)) / max(1, len(sample))


_identifier = None


def detect_language(text: str) -> str:
    """ISO 639-1 code by py3langid (offline), 'und' when it is unsure."""
    global _identifier
    if _identifier is None:
        from py3langid.langid import _load_identifier

        _identifier = _definite(_load_identifier(norm_probs=True))
    lang, prob = _identifier.classify(text[:5000])
    if lang in SUPPORTED_LANGS:
        return lang if prob >= 0.5 else "und"
    return lang if prob >= 0.9 else "und"


# py3langid counts byte n-gram features by walking a DFA over the text, one Python step
# per byte. For its model as released with py3langid 0.4.0 the DFA is 6-definite: after
# any 6 bytes it is in the same state whatever state it started from (checked over every
# state and every byte sequence by subset construction: no set of two or more states
# survives 6 bytes). So the state at each byte depends only on the 6 bytes ending there,
# and numpy can take the 6 steps for all positions at once: the same states, the same
# feature counts in the same order, the same scores. Any other model: py3langid's walk.
DFA_DEFINITE = 6
DFA_FINGERPRINT = (9816576, 104583, 1928071196)  # len(tk_nextmove), states, crc32 of both


def _definite(identifier: Any) -> Any:
    """The identifier, with a vectorised DFA walk when its model is the one checked."""
    try:
        import zlib

        import numpy as np
        from py3langid.langid import RAW_FLOOR, LanguageIdentifier

        nextmove, rows = identifier.tk_nextmove, identifier.tk_row
        crc = zlib.crc32(np.asarray(rows, dtype=np.int64).tobytes(), zlib.crc32(nextmove))
        if (type(identifier) is not LanguageIdentifier or nextmove.itemsize != 4
                or (len(nextmove), len(rows), crc) != DFA_FINGERPRINT):
            return identifier
    except (ImportError, AttributeError, TypeError, ValueError):
        return identifier

    class DefiniteIdentifier(LanguageIdentifier):
        __slots__ = ()

        def _raw_score(self, text: bytes) -> Any:
            visits = _feature_counts(text)
            if visits is None:  # no features: what py3langid's _raw_score answers then
                fill = 0.0 if self._norm_probs else RAW_FLOOR
                return np.full(len(self.nb_classes), fill, dtype=np.float32)
            idx, counts = visits
            # py3langid's _sparse_score, on the same arrays
            return np.log1p(counts) @ self.nb_ptc[idx] + self.nb_pc

    table = np.frombuffer(nextmove, dtype=np.uint32)
    rowbase = np.asarray(identifier._rowbase, dtype=np.int64)
    output = np.asarray(identifier.tk_output, dtype=np.int64)

    def _feature_counts(text: bytes) -> tuple[Any, Any] | None:
        """What py3langid's visit_counts counts: (feature ids in order of first
        occurrence as intp, their counts as float32), or None without features."""
        data = np.frombuffer(text, dtype=np.uint8)
        n = len(data)
        states = np.zeros(n, dtype=np.int64)
        for back in range(min(DFA_DEFINITE, n) - 1, -1, -1):  # oldest byte first
            states[back:] = table[rowbase[states[back:]] + data[: n - back]]
        features = output[states]
        features = features[features >= 0]
        if not features.size:
            return None
        ids, first, counts = np.unique(features, return_index=True, return_counts=True)
        order = np.argsort(first, kind="stable")
        return ids[order].astype(np.intp), counts[order].astype(np.float32)

    identifier.__class__ = DefiniteIdentifier
    # The walk above reads the numpy copies: py3langid's lists of the same numbers (a
    # Python int each, ~10 MB) are not needed any more.
    identifier.tk_row = identifier._rowbase = identifier.tk_output = ()
    return identifier
