"""One spaCy pipeline per language: spacy.blank(lang) plus our own components."""

from __future__ import annotations

import gc
from contextlib import ExitStack
from functools import cache

import spacy
from spacy.language import Language

from . import components  # noqa: F401  (registers the components)
from .lexicon import FALLBACK_LANG, has_language

SPACY_LANGS = {"en", "nl", "fr", "it", "es", "de", "pt", "ca", "da", "no", "nb", "sv", "pl",
               "cs", "sk", "sl", "hr", "ro", "hu", "fi", "eu", "lb", "ru", "uk", "tr"}


def pipeline_lang(lang: str) -> str:
    """The cue language for a report's language: its own file, or language-independent."""
    return lang if has_language(lang) else FALLBACK_LANG


@cache
def get_nlp(lang: str) -> Language:
    cue_lang = pipeline_lang(lang)
    nlp = spacy.blank(lang if lang in SPACY_LANGS else "xx")
    nlp.max_length = 3_000_000
    nlp.add_pipe("musette_merge_joined")
    nlp.add_pipe("musette_sentences", config={"lang": cue_lang})
    nlp.add_pipe("musette_entities", config={"lang": cue_lang})
    # A pipeline is ~10^5 long-lived objects: out of the garbage collector's way, or every
    # full collection walks them all again (and, in a forked helper, copies their pages).
    gc.freeze()
    return nlp


class VocabularyZones:
    """spaCy memory zones over the pipelines, renewed every `reports` reports.

    Every new word a Doc brings stays in its pipeline's vocabulary and tokenizer cache for
    the life of the process, so an ingest of a large archive would keep growing. Inside a
    zone the new words are dropped when the zone closes. A zone per report would drop the
    common words every time too (a third more CPU); one per few hundred reports costs
    about a tenth.

    For the ingest's analysis only: a Doc made inside a zone must not be used once the
    zone is renewed or closed (the facts extracted from it are plain Python values).
    """

    def __init__(self, reports: int = 256) -> None:
        self.reports = reports
        self._stack = ExitStack()
        self._open: set[str] = set()
        self._count = 0

    def enter(self, lang: str) -> None:
        """Call before making a Doc with get_nlp(lang)."""
        if self._count >= self.reports:
            self.close()
        if lang not in self._open:
            self._stack.enter_context(get_nlp(lang).memory_zone())
            self._open.add(lang)
        self._count += 1

    def close(self) -> None:
        self._stack.close()
        self._stack = ExitStack()
        self._open.clear()
        self._count = 0
