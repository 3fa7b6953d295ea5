"""A text written in a test, extracted as a report of the given language (no file, no
language detection: short texts would not pass the reader's checks)."""

from ingest.extract import extract
from ingest.model import Extraction, Report


def report_of(text: str, lang: str) -> Report:
    return Report(path="x.txt", source="x.txt", text=text, published=None, sha256="",
                  lang=lang)


def extract_text(text: str, lang: str) -> Extraction:
    return extract(report_of(text, lang))


def finishing_order(text: str, lang: str) -> dict[int, str]:
    """rank -> rider, as extracted."""
    return {r.rank: r.rider for r in extract_text(text, lang).results}
