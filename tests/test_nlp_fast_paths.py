"""The lexicon's fast paths answer exactly what the plain regexes answer.

Cue patterns (CuePattern) test a trie of their cue words before the regex; templates
(Prefiltered) look for a literal every match contains. Both must give the regex's own
matches, on real sentences and on strings made to nearly match.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from ingest.extract import abstract_sentences
from ingest.nlp import get_nlp, pipeline_lang
from ingest.nlp.lexicon import (
    CuePattern,
    Prefiltered,
    _required_literals,
    _trie,
    lexicon,
    prefiltered,
)
from ingest.read import read_report

LANGS = ["en", "nl", "fr", "it", "es", "de", "pt"]
TEMPLATE_FIELDS = ("results", "route", "start", "finish", "distance", "jerseys",
                   "breakaway_members", "breakaway_max_gap", "breakaway_caught")
REPORTS = Path(__file__).parent / "reports"


@pytest.fixture(scope="module")
def sentences() -> dict[str, list[tuple[str, str]]]:
    """(text, abstract) of every sentence of the test reports, by cue language."""
    out: dict[str, list[tuple[str, str]]] = {}
    for path in sorted(REPORTS.rglob("*.txt")):
        report = read_report(path)
        doc = get_nlp(report.lang)(report.text)
        out.setdefault(pipeline_lang(report.lang), []).extend(
            (s.text, s.abstract) for s in abstract_sentences(doc))
    return out


def _same(a: re.Match | None, b: re.Match | None) -> bool:
    if a is None or b is None:
        return a is b
    return a.span() == b.span() and a.groupdict() == b.groupdict() and a.groups() == b.groups()


def _near_misses(regex: re.Pattern, needles: tuple[str, ...], rng: random.Random) -> list[str]:
    """Strings holding the needles and placeholders in random order."""
    words = [*needles, "<p0>", "<p1>", "<p2>", "<g3>", "<d4>", "<l5>", "<c6>", "<j7>", "<t8>",
             "<x9>", ",", ".", "the", "de", "la", "and", "e", "2019", "behind"]
    return [" ".join(rng.choice(words) for _ in range(rng.randint(1, 14))) for _ in range(60)]


@pytest.mark.parametrize("lang", LANGS)
def test_templates_match_as_their_regexes(lang, sentences):
    lex = lexicon(lang)
    rng = random.Random(lang)
    abstracts = [a for _, a in sentences.get(lang, [])]
    prefiltered_count = 0
    for field in TEMPLATE_FIELDS:
        for template in getattr(lex, field):
            fast = template.regex
            if not isinstance(fast, Prefiltered):
                continue
            prefiltered_count += 1
            plain = fast.regex
            for text in abstracts + _near_misses(plain, fast.needles, rng):
                assert _same(fast.search(text), plain.search(text)), (template.source, text)
                assert [m.span() for m in fast.finditer(text)] == \
                    [m.span() for m in plain.finditer(text)], (template.source, text)
    assert prefiltered_count > 10


@pytest.mark.parametrize("lang", [*LANGS, "da", "pl"])
def test_the_results_index_offers_every_template_that_matches(lang, sentences):
    lex = lexicon(lang)
    rng = random.Random(lang)
    plain = [t.regex.regex if isinstance(t.regex, Prefiltered) else t.regex
             for t in lex.results]
    texts = [a for _, a in sentences.get(lang, [])]
    for template in lex.results[:40]:
        if isinstance(template.regex, Prefiltered):
            texts += _near_misses(template.regex.regex, template.regex.needles, rng)[:5]
    for text in texts:
        offered = lex.results_index.candidates(text)
        matching = [r for r in plain if r.search(text)]
        assert [r for r in offered if r in matching] == matching, text  # none left out
        assert offered == sorted(offered, key=plain.index)  # in the templates' order


@pytest.mark.parametrize("lang", LANGS)
def test_cue_patterns_match_as_their_regexes(lang, sentences):
    lex = lexicon(lang)
    texts = [t for t, _ in sentences.get(lang, [])]
    texts += [t.lower() for t in texts]
    for name in ("stage_distractors", "other_day", "result_distractors"):
        cues = getattr(lex, name)
        assert isinstance(cues, CuePattern)
        for text in texts:
            assert bool(cues.quick.search(text)) == bool(cues.regex.search(text)), (name, text)
            assert _same(cues.search(text), cues.regex.search(text)), (name, text)
            assert _same(cues.search(text), cues.regex.search(text))  # remembered


def test_trie_matches_exactly_its_words():
    words = ["next", "next year", "tomorrow", "tomorrow's", "kom", "kom sprint", "gc", "a.b"]
    trie = re.compile(rf"^{_trie(words)}$")
    for word in words:
        assert trie.match(word)
    for other in ["nex", "next yea", "tomorrows", "ko", "g", "gcc", "axb", "kom  sprint", ""]:
        assert not trie.match(other)


@pytest.mark.parametrize("pattern, required", [
    (r"abc", [("abc",)]),
    (r"ab(?:cd)?ef", [("ab",), ("ef",)]),
    (r"(?:won|takes) the stage", [("won", "takes"), (" the stage",)]),
    (r"(?:won|wins) x", [("w",), ("on", "ins"), (" x",)]),  # the parser takes out "w"
    (r"(?:beat|beats|beaten) x", [("beat",), (" x",)]),
    (r"(?:a|bcd|)xyz", [("xyz",)]),  # an empty alternative: the branch requires nothing
    (r"(?i)abc", []),
    (r"ab(?i:cd)ef", [("ab",), ("ef",)]),
    (r"ab\bcd", [("abcd",)]),
    (r"(?<!x)ab(?!y)cd", [("abcd",)]),
    (r"(?:xy)+z", [("xy",), ("z",)]),
    (r"(?:xy)*z", [("z",)]),
    (r"a.b[cd]e", [("a",), ("b",), ("e",)]),
])
def test_required_literals(pattern, required):
    found = _required_literals(re.compile(pattern))
    assert [tuple(sorted(f)) for f in found if any(s.strip() for s in f)] == \
        [tuple(sorted(r)) for r in required]
    regex = prefiltered(re.compile(pattern))
    for text in ["abcdef", "won the stage", "xyz", "beats x", "ABC", "abcd", "xyxyz", "z",
                 "axbde", "wins the stage!"]:
        plain = re.compile(pattern)
        assert _same(regex.search(text), plain.search(text)), (pattern, text)


def test_data_files_load_as_with_the_python_yaml_parser():
    """The data files are read with libyaml's parser when there is one: same data."""
    import yaml

    from ingest.nlp import lexicon as lexicon_module

    class PythonLoader(yaml.SafeLoader):
        yaml_implicit_resolvers = lexicon_module._DataLoader.yaml_implicit_resolvers

    for path in sorted(lexicon_module.DATA.glob("*.yml")):
        text = path.read_text(encoding="utf-8")
        fast = yaml.load(text, Loader=lexicon_module._DataLoader)  # noqa: S506 - safe loaders
        plain = yaml.load(text, Loader=PythonLoader)  # noqa: S506
        assert fast == plain and repr(fast) == repr(plain), path.name


def _needle_scan(index, text: str) -> list[re.Pattern]:
    """What the index must offer: its templates without a needle, and those with a needle
    the text contains, in their order (one `in` a needle)."""
    chosen = set(index.plain)
    for needle, ids in index.by_needle.items():
        if needle in text:
            chosen.update(ids)
    return [index.regexes[i] for i in sorted(chosen)]


@pytest.mark.parametrize("lang", [*LANGS, "da", "pl"])
def test_the_results_index_finds_overlapping_and_nested_needles(lang, sentences):
    index = lexicon(lang).results_index
    needles = sorted(index.by_needle)
    rng = random.Random(lang + "needles")
    texts = [a for _, a in sentences.get(lang, [])] + needles
    for _ in range(400):
        a, b = rng.choice(needles), rng.choice(needles)
        # b starting inside a, b right after a, a inside a longer word
        overlap = next((k for k in range(min(len(a), len(b)) - 1, 0, -1)
                        if a.endswith(b[:k])), 0)
        texts += [a + b[overlap:], a + b, "x" + a[1:] + " " + b, a[:-1] + " <p0> " + b]
    for text in texts:
        assert index.candidates(text) == _needle_scan(index, text), text


def test_the_results_index_reads_needles_that_start_at_one_place():
    from ingest.nlp.lexicon import Template, TemplateIndex
    templates = [Template(source, prefiltered(re.compile(source)))
                 for source in ["won the stage", "won", "won the", "stage win", "ge w"]]
    index = TemplateIndex(templates)
    assert all(isinstance(t.regex, Prefiltered) for t in templates)
    for text in ["<p0> won the stage", "<p0> won", "a stage win", "stage won", "nothing"]:
        assert index.candidates(text) == _needle_scan(index, text), text


# A repeated group whose words may hold spaces ("(?:(?!<p)[^,]+ ){1,8}?") splits a clause
# into words in every possible way before it gives up: one French results template took
# 2 ms on each sentence it did not match, more than all the other templates of a report.
NESTED_WORDS = re.compile(r"\[\^(?:(?!\\s)[^\]\s])*\][+*]\??(?: |\\s)\)(?:\{\d*,?\d*\}|[*+])")


def _patterns(value, depth: int = 0):
    """Every regex pattern string in a lexicon field (templates, cues, lists of them)."""
    if isinstance(value, str) or depth > 3:
        return
    pattern = getattr(value, "pattern", None)
    if isinstance(pattern, str):
        yield pattern
    elif hasattr(value, "regex"):
        yield from _patterns(value.regex, depth + 1)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _patterns(item, depth + 1)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _patterns(item, depth + 1)


@pytest.mark.parametrize("lang", [*LANGS, "da", "pl"])
def test_no_pattern_repeats_a_group_of_words_that_may_hold_spaces(lang):
    lex = lexicon(lang)
    checked = 0
    for name in vars(lex):
        for pattern in _patterns(getattr(lex, name)):
            checked += 1
            assert not NESTED_WORDS.search(pattern), (name, pattern[:120])
    assert checked > 100


def test_the_nested_words_check_finds_the_slow_form():
    assert NESTED_WORDS.search(r"<p1> (?:(?!<p)[^,]+ ){1,8}?, won")
    assert NESTED_WORDS.search(r"(?:[^<]+ )*x")
    assert not NESTED_WORDS.search(r"<p1> (?!<p)[^,]+ , won")
    assert not NESTED_WORDS.search(r"(?:(?!<p)[^\s,]+ ){0,5}?x")
    assert not NESTED_WORDS.search(r"(?:(?!<p)\S+ ){1,8}?x")


def test_quick_cues_answer_as_the_cue_regex():
    from ingest.nlp.lexicon import QuickCues, cue_pattern
    cues = ["next year", "tomorrow", r"re:\bon (monday|friday)\b[^.]*\bagain on (?!\1)\w+day",
            r"re:(?:^|, )(?:back )?in (?:19|20)\d\d\b", r"re:\bwill (?:race|ride)\b"]
    numbered = cue_pattern(["re:(a|b)x", r"re:(c)y\1"])  # joined, \1 is the first cue's group
    assert len(numbered.quick.regexes) == 1  # searched as one regex, groups as numbered
    plain = cue_pattern(cues)
    assert isinstance(plain.quick, QuickCues) and len(plain.quick.regexes) == 3
    texts = ["he races tomorrow", "on monday it rained, again on friday it did", "on monday "
             "and again on monday", "in 2019 he won", "back in 1998, he won", "he will ride",
             "he will not", "", "tomorrowland", "cyc", "ccy", "axe", "ax"]
    for pattern in (plain, numbered):
        for text in texts:
            assert bool(pattern.quick.search(text)) == bool(pattern.regex.search(text)), text
            assert _same(pattern.search(text), pattern.regex.search(text)), text


def test_a_cue_list_is_searched_from_its_first_cue():
    from ingest.nlp.lexicon import cue_pattern
    cues = cue_pattern(["stage", r"re:(?<=the )final (?:stage|day)", r"re:^(?:so|then) ,",
                        r"re:\bday\b"])
    for text, first in [("on the final stage", 7), ("a final stage", 8), ("then , the stage", 0),
                        ("he said so , then day two", 18), ("nothing here", None)]:
        assert cues.quick.first(text) == first, text
        found = cues.search(text)
        assert _same(found, cues.regex.search(text)), text
        assert (found and found.start()) == first


@pytest.mark.parametrize("lang", [*LANGS, "da", "pl"])
def test_stage_patterns_and_stage_words_find_what_their_regexes_find(lang, sentences):
    lex = lexicon(lang)
    rng = random.Random(lang + "stage")
    texts = [t.lower() for t, _ in sentences.get(lang, [])]
    prefiltered_count = 0
    for pattern, _ in lex.stage:
        if not isinstance(pattern, Prefiltered):
            continue
        prefiltered_count += 1
        for text in texts + _near_misses(pattern.regex, pattern.needles, rng):
            assert _same(pattern.search(text), pattern.regex.search(text)), text
            assert [m.span() for m in pattern.finditer(text)] == \
                [m.span() for m in pattern.regex.finditer(text)], text
    assert prefiltered_count or not lex.stage
    for text in texts:
        assert [m.span() for m in lex.stage_words.finditer(text)] == \
            [m.span() for m in lex.stage_words.regex.finditer(text)], text


def test_a_quote_opens_with_one_of_the_quote_openers():
    from ingest.extract import QUOTE, QUOTE_OPENERS, _has_quote_opener
    texts = [path.read_text(encoding="utf-8", errors="replace")
             for path in sorted(REPORTS.rglob("*.txt"))]
    texts += ["He said: “It was a hard day for the whole team out there.”",
              "»Das war ein schwerer Tag für die ganze Mannschaft«, sagte er.",
              "« C'était une journée difficile pour toute l'équipe », a-t-il dit.",
              "„Es war ein harter Tag für uns alle im Team heute“, sagte er."]
    found = 0
    for text in texts:
        for m in QUOTE.finditer(text):
            found += 1
            assert text[m.start()] in QUOTE_OPENERS
            assert _has_quote_opener(text)
    assert found > 20
    assert not _has_quote_opener("He won the stage, ahead of X and Y. It's his 3rd win.")
