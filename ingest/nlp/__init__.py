"""One spaCy pipeline per language: spacy.blank(lang) plus our own components."""

from __future__ import annotations

import gc
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
