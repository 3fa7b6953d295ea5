"""Our own spaCy components: no statistical model, only rules and data files.

After the pipeline, ``doc.spans["musette"]`` holds every recognised entity with a
label: RACE, TEAM, JERSEY, GAP, DIST, KMMARK, PCT, CLIMB, PERSON, PLACE. Each span
carries its normalised value in ``doc.user_data["values"][(start, end, label)]``.
"""

from __future__ import annotations

import operator
import re
from functools import cache
from itertools import accumulate, product

import numpy as np
from spacy.attrs import IDX, IS_DIGIT, ORTH, SENT_START, SPACY
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc, Span
from spacy.util import filter_spans
from spacy.vocab import Vocab

from ..store import name_key
from .lexicon import Lexicon, lexicon
from .riders import known_riders

SPAN_KEY = "musette"
# Words of race names that make a hyphenated compound a title ("Tour-Favorit").
RACE_WORDS = {"Tour", "Giro", "Vuelta", "Ronde", "Rundfahrt", "Classic", "Klassiker",
              "Touren", "Giroen", "Vueltaen"}  # Danish definite forms: "World Touren"
# An alias opening with an article is also matched with it in lower case: "il Lombardia".
LOWERCASE_ARTICLES = {"il", "la", "le", "les", "el", "de", "het", "der", "die", "o", "a", "lo"}
SENTENCE_END = {".", "!", "?", "…"}
TOWN_CONNECTOR_HOPS = 3  # "Maccagno con Pino e Veddasca", "Saint-Martin de la Porte"
OPENERS = {":", ";", "(", "\"", "“", "«", "„", "–", "—", "-"}
JOINERS = {"-", "‐", "–", "'", "’"}
ELIDED = re.compile(r"^[a-zA-Z]{1,2}['’][A-ZÀ-ÖØ-Þ]")
LABEL_PRIORITY = {"RACE": 0, "TEAM": 1, "JERSEY": 2, "GAP": 3, "DIST": 3, "KMMARK": 3,
                  "PCT": 3, "CLIMB": 4, "PERSON": 5, "PLACE": 6}


def token_columns(doc: Doc, *attrs: int) -> tuple[list[str], list[str], list[list[int]]]:
    """Each token's text and trailing whitespace ("" or " "), and any other attributes
    (spaCy ids), read in one pass: iterating a Doc builds a Token object per token."""
    if not len(doc):
        return [], [], [[] for _ in attrs]
    strings = doc.vocab.strings
    columns = doc.to_array([ORTH, SPACY, *attrs]).T.tolist()
    texts = [strings[orth] for orth in columns[0]]
    spaces = [" " if spacy else "" for spacy in columns[1]]
    return texts, spaces, columns[2:]


# The token texts and spaces, handed from one of our components to the next in
# doc.user_data (the entity finder, last, removes them): reading them costs as much as
# a component's own work.
TOKENS_KEY = "musette_tokens"


def _tokens(doc: Doc) -> tuple[list[str], list[str]]:
    """Token texts and spaces: as the previous component left them, or read afresh."""
    handed = doc.user_data.get(TOKENS_KEY)
    if handed is not None and len(handed[0]) == len(doc):
        return handed
    texts, spaces, _ = token_columns(doc)
    return texts, spaces


@Language.component("musette_merge_joined")
def merge_joined_component(doc: Doc) -> Doc:
    merged = merge_joined(doc)
    doc.user_data[TOKENS_KEY] = merged if merged is not None else token_columns(doc)[:2]
    return doc


# A bracket written against a word ("Marijn van den Berg(EF Education-EasyPost)", "Jordi
# Meeus(BORA-hansgrohe)"): it opens the team, it is no part of the name. The tokenizer
# keeps "Berg(EF" whole; compiling its rules again with this pattern cost 8 MB a process.
BRACKET_AGAINST = re.compile(r"(?<=[^\W\d_]{2})\((?=[^\W\d_]|$)")


def split_brackets(doc: Doc, texts: list[str]) -> bool:
    """Split each token with a bracket written against its word; whether one was."""
    found = [(i, m.start()) for i, text in enumerate(texts)
             if "(" in text and len(text) > 1 and (m := BRACKET_AGAINST.search(text))]
    if not found:
        return False
    with doc.retokenize() as retokenizer:
        for i, at in found:
            token = doc[i]
            parts = [p for p in (texts[i][:at], "(", texts[i][at + 1:]) if p]
            retokenizer.split(token, parts, heads=[(token, 0)] * len(parts))
    return True


def merge_joined(doc: Doc) -> tuple[list[str], list[str]] | None:
    """Merge words joined by a hyphen or apostrophe: Six-Fours-les-Plages, l’Éspigoulier.

    Returns the token texts and spaces when nothing was merged (None otherwise)."""
    runs: list[tuple[int, int]] = []
    texts, spaces, _ = token_columns(doc)
    if split_brackets(doc, texts):
        texts, spaces, _ = token_columns(doc)
    n = len(texts)
    # Token j joins token j + 2 through the joiner j + 1, written without spaces.
    links = {
        k - 1 for k in range(1, n - 1)
        if texts[k] in JOINERS and not spaces[k - 1] and not spaces[k]
        and texts[k - 1][-1:].isalpha() and texts[k + 1][:1].isalpha()
    }
    after = 0  # the first token not yet in a run
    for i in sorted(links):
        if i < after:
            continue
        j = i
        while j in links:
            j += 2
        runs.append((i, j + 1))
        after = j + 1
    if not runs:
        return texts, spaces
    with doc.retokenize() as retokenizer:
        for start, end in runs:
            retokenizer.merge(doc[start:end])
    return None


@Language.factory("musette_sentences", default_config={"lang": "xx"})
def make_sentences(nlp: Language, name: str, lang: str) -> SentenceSplitter:
    return SentenceSplitter(lexicon(lang).ordinal_dot)


class SentenceSplitter:
    def __init__(self, ordinal_dot: bool):
        self.ordinal_dot = ordinal_dot

    def __call__(self, doc: Doc) -> Doc:
        return split_sentences(doc, self.ordinal_dot)


ORDINAL = re.compile(r"^\d{1,3}\.$")


CLOSING_QUOTES = {"\"", "”", "»", "’"}
SHORT_WORDS = {"st", "nr", "ca", "vs", "cat", "kat"}  # "km." ends sentences: "… 142 km. Then"


def split_sentences(doc: Doc, ordinal_dot: bool = False) -> Doc:
    """Sentences end at . ! ? and at every line break (headlines have no full stop).

    With `ordinal_dot` (German), "die 6. Etappe" does not end at "6.".
    """
    texts, spaces = _tokens(doc)
    digits = doc.to_array(IS_DIGIT).tolist() if len(doc) else []

    def line_start(k: int) -> bool:
        """Token k opens a line (or the document)."""
        return k == 0 or "\n" in spaces[k - 1] or texts[k - 1].isspace()

    flags = [1] * len(texts)  # SENT_START: 1 starts a sentence, -1 does not
    for i in range(1, len(texts)):
        prev = texts[i - 1]
        starts = "\n" in spaces[i - 1] or (prev.strip() == "" and "\n" in prev)
        if prev in SENTENCE_END or (prev.endswith((".", "!", "?")) and len(prev) > 1):
            initial = len(prev) == 2 and prev[0].isupper()  # "W." of "W. van Aert"
            abbreviation = (prev.lower().rstrip(".") in SHORT_WORDS and len(prev) > 1) or (
                prev == "." and i >= 2 and texts[i - 2].lower() in SHORT_WORDS)
            # "1. Mathieu van der Poel": the number of a results list, not a sentence end
            listed = i >= 2 and digits[i - 2] and line_start(i - 2)
            numbered = prev[:-1].isdigit() and line_start(i - 1)
            number = i - 1 if ORDINAL.match(prev) else i - 2  # the token of "6" in "6."
            ordinal = ordinal_dot and "\n" not in spaces[i - 1] and (
                bool(ORDINAL.match(prev)) or (prev == "." and i >= 2 and digits[i - 2])
            ) and not (  # "ze stratą 5.44. W ...": the end of a decimal number, not an ordinal
                number >= 2 and texts[number - 1] == "." and not spaces[number - 1]
                and not spaces[number - 2] and texts[number - 2][-1:].isdigit())
            # „…Glück.“ the closing quote belongs to the sentence it closes (»…uger.« too)
            closing_quote = texts[i][:1] in "\"“”»«'’" and not spaces[i - 1]
            # "4:11.33" split by a tokenizer into "4:11." and "33": a decimal point
            glued_number = digits[i] and not spaces[i - 1] and (prev[:1].isdigit() or (
                prev == "." and i >= 2 and not spaces[i - 2] and texts[i - 2][-1:].isdigit()))
            next_char = texts[i][:1]
            starts = starts or (
                not (initial or abbreviation or listed or numbered or ordinal or closing_quote
                     or glued_number)
                and (next_char.isupper() or next_char in "\"“‘'«(" or digits[i])
            )
        elif prev in CLOSING_QUOTES and i >= 2 and spaces[i - 1] and not spaces[i - 2] and (
                texts[i - 2] in SENTENCE_END or texts[i - 2].endswith((".", "!", "?"))):
            # '"... nosso objetivo." O vencedor da etapa foi X': the closing quote ends the
            # quoted sentence, and a capital after it opens the next one
            starts = starts or texts[i][:1].isupper()
        flags[i] = 1 if starts else -1
    if flags:
        # One write for the whole Doc: setting Token.is_sent_start checks the whole Doc
        # for a parse each time (quadratic in the length of the report).
        if doc.has_annotation("DEP"):
            raise ValueError("musette_sentences: the Doc is already parsed")
        doc.from_array([SENT_START], np.array(flags, dtype=np.int64).astype(np.uint64))
    return doc


@Language.factory("musette_entities", default_config={"lang": "xx"})
def make_entities(nlp: Language, name: str, lang: str) -> EntityFinder:
    return EntityFinder(nlp, lexicon(lang))


@cache
def shared_phrases() -> PhraseMatcher:
    """One matcher of race and team names for every language's pipeline in this process.

    Each pipeline tokenizes the names its language knows and adds them under keys ending
    in '|<spaCy language>'; a match is kept only for the Doc's own pipeline language, so
    every pipeline finds exactly what a matcher of its own would. The token trie is
    shared: most names are written alike in every language, and nine separate tries cost
    about 4 MB each per process. A PhraseMatcher compares token hashes, which are the
    same in every Vocab; its own Vocab holds only the keys.
    """
    return PhraseMatcher(Vocab(), attr="ORTH")


def pattern_tokenizer(nlp: Language) -> Tokenizer:
    """A copy of the pipeline's tokenizer writing into a Vocab of its own.

    The thousands of name variants are tokenized once, for the matcher's token hashes
    (the same in every Vocab); through the pipeline's own tokenizer every word of them
    would stay in its Vocab and tokenizer cache for the life of the process, in each of
    the nine pipelines. The copy and its Vocab are dropped once the names are added.
    """
    tokenizer = nlp.tokenizer
    return Tokenizer(
        Vocab(strings=[]), rules=tokenizer.rules, prefix_search=tokenizer.prefix_search,
        suffix_search=tokenizer.suffix_search, infix_finditer=tokenizer.infix_finditer,
        token_match=tokenizer.token_match, url_match=tokenizer.url_match,
        faster_heuristics=tokenizer.faster_heuristics)


class EntityFinder:
    """Races, teams and jerseys from data; gaps and distances by pattern; names by shape."""

    def __init__(self, nlp: Language, lex: Lexicon):
        self.lex = lex
        self.lang = nlp.lang  # the tokenizer's: it decides how the names split
        self.phrases = shared_phrases()
        self.lower_phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.canonical: dict[tuple[str, str], str] = {}
        make_doc = pattern_tokenizer(nlp)
        for race in lex.races:
            self._add("RACE", race["name"], [race["name"], *race.get("aliases", [])], make_doc)
        self.team_by_alias: dict[str, str] = {}
        for team in lex.teams:
            self._add("TEAM", team["name"], [team["name"], *team.get("aliases", [])], make_doc)
            for alias in [team["name"], *team.get("aliases", [])]:
                self.team_by_alias.setdefault(alias, team["name"])
        jerseys = sorted(lex.jersey_names.items())
        for phrase, jersey in jerseys:
            self.lower_phrases.add(f"JERSEY|{jersey}", [nlp.make_doc(phrase)])
        self.gap_regex, self.dist_regex = quantity_patterns(lex)
        cues = "|".join(re.escape(w) for w in sorted(lex.clock_gap_cues, key=len, reverse=True))
        self.clock_regex = re.compile(
            rf"(?<!\w)(?:{cues}) (?:do \S+ )?(?P<m>\d{{1,2}})[.:](?P<s>[0-5]\d)(?!\d|[.,:]\d)",
            re.IGNORECASE) if cues else None
        self.kmmark_regex = re.compile(r"\bkm\.? ?(\d{1,3}(?:[.,]\d{1,2})?)\b", re.IGNORECASE)
        self.names = NameFinder(lex)
        self.pct_regex = re.compile(r"(\d{1,2}(?:[.,]\d{1,2})?) ?%")

    def _team_compounds(self, doc: Doc, texts: list[str], found: list[Span],
                        values: dict) -> None:
        """'Sky-Teamkollegen', 'Milram-Team', 'Trek-Segafredo-stjernen': a word joining a
        team we list to a word for its rider or team (`team_compound_heads`, or a demonym:
        'Astana-spanieren') is the team."""
        for i, word in enumerate(texts):
            if "-" not in word:
                continue
            prefix, _, head = word.rpartition("-")
            # "Astana-spanieren Ion Izagirre": the team's Spaniard, like its rider
            if head.lower() not in self.lex.team_compound_heads and (
                    head.lower() not in self.lex.demonyms):
                continue
            self._add_team_at(doc, texts, i, prefix, found, values)

    def _team_genitives(self, doc: Doc, texts: list[str], found: list[Span],
                        values: dict) -> None:
        """'Jumbo-Vismas jungen Sprinter', "Team Sky's kopman": a listed team's genitive (the
        languages of `genitive_s`) is the team."""
        for i, word in enumerate(texts):
            if len(word) < 4 or not word[:1].isupper():
                continue
            if word.endswith(("'s", "’s")):
                stem = word[:-2]
            elif word.endswith(("'", "’")) or word.endswith("s"):
                stem = word[:-1]
            else:
                continue
            self._add_team_at(doc, texts, i, stem, found, values)

    def _add_team_at(self, doc: Doc, texts: list[str], i: int, name: str, found: list[Span],
                     values: dict) -> None:
        """Token i, written `name` without what joins it to a word ("-rytteren", "'s"), as
        the listed team of that name, or of the token before and that name: "Quick
        Step-mandskabet", "Team Sky's"."""
        team, first = self.team_by_alias.get(name), i
        if team is None and i > 0 and doc[i - 1].whitespace_:
            team, first = self.team_by_alias.get(f"{texts[i - 1]} {name}"), i - 1
        if team is None or (first, i + 1, "TEAM") in values:
            return
        found.append(Span(doc, first, i + 1, label="TEAM"))
        values[(first, i + 1, "TEAM")] = team

    def _ends_another_name(self, doc: Doc, start: int, end: int) -> bool:
        return _ends_another_name_doc(doc, start, end, self.lex.stop_caps)

    def _add(self, label: str, name: str, aliases: list[str], make_doc: Tokenizer) -> None:
        key = f"{label}|{name}"
        variants = [*aliases, *(a[0].lower() + a[1:] for a in aliases if a and " " in a
                                and a.split()[0].lower() in LOWERCASE_ARTICLES)]
        if label == "TEAM":  # results sheets write "BORA - hansgrohe", "Israel – Premier
            # Tech", "QUICK-STEP FLOORS", "Jumbo–Visma"
            variants += [a.replace("-", dash) for a in variants if "-" in a
                         for dash in (" - ", " – ", "–")]
            variants += [a.upper() for a in variants if sum(c.isalpha() for c in a) >= 4]
        if label == "RACE":  # "París – Niza", "Parigi - Roubaix", "Paris-roubaix"
            joined = [a for a in variants if RACE_JOIN.search(a)]
            variants += [RACE_JOIN.sub(dash, a) for a in joined for dash in (" - ", " – ")]
            variants += [RACE_JOIN_LETTER.sub(lambda m: "-" + m.group(1).lower(), a)
                         for a in joined]
            variants += [a.replace(" ", "-") for a in aliases if len(a.split()) == 2
                         and "-" not in a]  # German "Eneco-Tour"
        patterns = [_merged(make_doc(a)) for a in dict.fromkeys(variants) if a]
        self.phrases.add(f"{key}|{self.lang}", patterns)

    def __call__(self, doc: Doc) -> Doc:
        texts, spaces = _tokens(doc)
        doc.user_data.pop(TOKENS_KEY, None)
        # Each token's offset: the length of the tokens and spaces before it.
        idx = list(accumulate(map(operator.add, map(len, texts), map(len, spaces)),
                              initial=0))[:-1]
        columns = texts, spaces, [idx]
        # doc.text, joined once (doc.text rebuilds it from Token objects on each use)
        text = doc.user_data["text"] = "".join(map(operator.add, columns[0], columns[1]))
        values: dict[tuple[int, int, str], object] = {}
        found: list[Span] = []
        for matcher in (self.phrases, self.lower_phrases):
            for match_id, start, end in matcher(doc):
                label, value = matcher.vocab.strings[match_id].split("|", 1)
                if matcher is self.phrases:
                    value, _, lang = value.rpartition("|")
                    if lang != self.lang:
                        continue
                if label == "RACE" and (_names_another_race(doc, start, end)
                                        or self._ends_another_name(doc, start, end)):
                    continue
                if label == "TEAM" and _agency_code(texts, start, end):
                    continue
                if label == "TEAM" and _in_longer_name(texts, spaces, start, end, value,
                                                       self.lex.stop_caps):
                    value = "".join(map(operator.add, texts[start:end - 1],
                                        spaces[start:end - 1])) + texts[end - 1]
                span = Span(doc, start, end, label=label)
                found.append(span)
                values[(start, end, label)] = value
        for label, regex, parse in (
            ("GAP", self.gap_regex, lambda m: gap_seconds(m, self.lex)),
            ("DIST", self.dist_regex, lambda m: distance_km(m, self.lex)),
            ("KMMARK", self.kmmark_regex, lambda m: to_float(m.group(1), self.lex)),
            ("PCT", self.pct_regex, lambda m: to_float(m.group(1), self.lex)),
        ):
            for m in regex.finditer(text):
                value = parse(m)
                span = doc.char_span(m.start(), m.end(), label=label, alignment_mode="expand")
                if span is not None and value is not None:
                    found.append(span)
                    values[(span.start, span.end, label)] = value
        if self.lex.team_compound_heads:
            self._team_compounds(doc, texts, found, values)
        if self.lex.genitive_s:
            self._team_genitives(doc, texts, found, values)
        if self.clock_regex is not None:  # "ze stratą 1.10", "przewaga sięgnęła 4:20"
            for m in self.clock_regex.finditer(text):
                span = doc.char_span(m.start("m"), m.end("s"), label="GAP",
                                     alignment_mode="expand")
                if span is not None:
                    found.append(span)
                    values[(span.start, span.end, "GAP")] = int(m["m"]) * 60 + int(m["s"])
        taken = filter_spans(sorted(found, key=lambda s: LABEL_PRIORITY[s.label_]))
        kept = {(s.start_char, s.end_char, s.label) for s in taken}  # what Span == compares
        found = [s for s in found if (s.start_char, s.end_char, s.label) in kept]
        blocked = {i for s in found for i in range(s.start, s.end)}
        found += self.names.find(doc, blocked, values, columns)
        doc.spans[SPAN_KEY] = sorted(found, key=lambda s: (s.start, LABEL_PRIORITY[s.label_]))
        doc.user_data["values"] = values
        return doc


AGENCY_CODE = re.compile(r"[A-Z]{2,4}")
DASHES = {"-", "–", "—"}


def _in_longer_name(texts: list[str], spaces: list[str], start: int, end: int, team: str,
                    stop_caps: frozenset) -> bool:
    """A listed team's alias inside a longer name we do not list ("Lotto Mobistar",
    "HP BTP - Auber 93"): another season's team, so the alias is kept as written rather
    than read as the team of that name today ("Lotto" is not Lotto-Soudal). Not a word of
    the team's own name ("Bardiani Csf Faizanè"), a rider's given name ("Astanas Mikkel
    Bendtsen") or a word joined by a dash after it ("Bora-Kapitän": a compound)."""
    own = set(name_key(team).split())

    def name_word(i: int) -> bool:
        word = texts[i] if 0 <= i < len(texts) else ""
        return (word[:1].isupper() and word[:1].isalpha() and word not in stop_caps
                and name_key(word) not in own)

    if spaces[end - 1] and name_word(end) and (
            name_key(texts[end]) not in known_riders().given_keys):
        return True
    before = start - 1
    return before >= 1 and texts[before] in DASHES and name_word(before - 1)


def _agency_code(texts: list[str], start: int, end: int) -> bool:
    """'(ESP/AST)', '(COL/MOV)': the three letters an agency's results sheet gives a team
    after the rider's country; its own letters, not the team's UCI code of that season
    ("AST" was Astana's code in some seasons, not in others), so no team we can name."""
    return (end - start == 1 and AGENCY_CODE.fullmatch(texts[start]) is not None
            and start >= 2 and texts[start - 1] == "/"
            and AGENCY_CODE.fullmatch(texts[start - 2]) is not None)


def _ends_another_name_doc(doc: Doc, start: int, end: int, stop_caps: frozenset) -> bool:
    """'UCI World Tour', 'Deutschland Tour', 'i tre Grand Tour': a one-word alias that is
    a race word (Tour, Giro) right after a capitalised word ends another name, unless that
    word opens the sentence and is never a name ("Il Giro", "Le Tour"); right before a
    capitalised word that is no stop word it starts one ("Giro Next Gen")."""
    if end - start != 1 or doc[start].text not in RACE_WORDS:
        return False
    after = doc[end].text if end < len(doc) and doc[start].whitespace_ else ""
    if after[:1].isupper() and after not in stop_caps:
        return True  # "Giro Next Gen", "Tour Colombia": the start of a name we do not know
    if start == 0:
        return False
    before = doc[start - 1].text
    if not before[:1].isupper():
        return False
    opens = (start == 1 or doc[start - 2].text in SENTENCE_END or doc[start - 2].text in OPENERS
             or "\n" in doc[start - 2].whitespace_)
    return not (opens and before in stop_caps)


# The dash joining the places of a race's name ("Paris-Roubaix", "Paris–Nice"), with the
# first letter after it.
RACE_JOIN = re.compile(r"(?<=[^\W\d_])[-–](?=[^\W\d_])")
RACE_JOIN_LETTER = re.compile(r"(?<=[^\W\d_])[-–]([^\W\d_])")


def _merged(doc: Doc) -> Doc:
    merge_joined(doc)
    return doc


RACE_LINKS = {"a", "al", "ao", "à", "de", "di", "del", "della", "delle", "dei", "degli", "do",
              "da", "du", "of", "van"}
# Elided links, written against the name: "Giro dell'Emilia", "Giro d'Abruzzo".
ELIDED_RACE_LINKS = {"dell'", "dell’", "d'", "d’"}


# An article between the link and the name: "Tour of the Alps", "Tour de l'Avenir".
RACE_LINK_ARTICLES = {"the", "la", "le", "les", "l'", "l’"}


# "Vuelta Ciclista a Costa Rica": a word for cycling between the race word and its place
CYCLING_ADJECTIVES = frozenset({"ciclista", "ciclística", "ciclistica", "ciclístico",
                                "ciclistico", "cycliste"})


def _names_another_race(doc: Doc, start: int, end: int) -> bool:
    """'la Vuelta a Burgos', 'Giro di Sicilia', "Giro dell'Emilia", 'Tour of the Alps': an
    alias that is only a race word ('Vuelta', 'La Vuelta', 'Giro', 'Tour') followed by
    'a Place' is the start of another race's name, which we do not know. A fuller alias
    is whole: 'il Giro d'Italia a Roma', 'la Bretagne Classic à Plouay'."""
    words = [t.text for t in doc[start:end] if t.text.lower() not in LOWERCASE_ARTICLES]
    if len(words) != 1 or words[0] not in RACE_WORDS:
        return False
    if end + 1 < len(doc) and doc[end].text.lower() in CYCLING_ADJECTIVES:
        end += 1  # "Vuelta Ciclista a Asturias", "Tour Cycliste de ..."
    name = end + 1
    if name + 1 < len(doc) and doc[name].text.lower() in RACE_LINK_ARTICLES:
        name += 1
    if name >= len(doc) or not doc[name].text[:1].isupper():
        return False
    link = doc[end].text.lower()
    return (link in RACE_LINKS and not doc[end].whitespace_ == "") or link in ELIDED_RACE_LINKS


def quantity_patterns(lex: Lexicon) -> tuple[re.Pattern, re.Pattern]:
    words = sorted({*lex.number_words, *lex.gap_phrases}, key=len, reverse=True)
    number = r"\d{1,3}|" + "|".join(re.escape(w) for w in words if w in lex.number_words)
    sec = "|".join(re.escape(u) for u in sorted(lex.second_units, key=len, reverse=True))
    mins = "|".join(re.escape(u) for u in sorted(lex.minute_units, key=len, reverse=True))
    phrases = "|".join(re.escape(w) for w in words if w in lex.gap_phrases) or "(?!)"
    links = "".join(f"{re.escape(w)} |" for w in lex.and_words)  # "1 minut og 48 sekunder"
    gap = re.compile(
        r"(?<![\w.,:])(?:"
        rf"(?P<phrase>{phrases})|"
        r"(?P<hh>\d{1,2})h ?(?P<hm>\d{2})['’′:] ?(?P<hs>\d{2})(?:''|’’|[\"”″])?"
        r"|(?P<ch>\d{1,2}):(?P<cm>\d{2}):(?P<cs>\d{2})"
        r"|\+ ?(?P<pm>\d{1,3})[:'’′](?P<ps>\d{2})(?:''|’’|[\"”″])?"
        r"|(?P<mm>\d{1,3}) ?['’′] ?(?P<ms>\d{1,2}) ?(?:''|’’|[\"”″]|(?![\d'’′]))"
        r"|(?P<ss>\d{1,3}) ?(?:''|’’|[\"”″]|[′’'][‘′])"  # 58′‘: two marks, seconds
        r"|(?P<om>\d{1,3}) ?['’′](?![\w'’′])"
        rf"|(?P<nm>{number}) (?:{mins})"
        rf"(?: (?:{links}and |en |et |e |y |und )?(?P<nms>{number}) (?:{sec}))?"
        rf"|(?P<ns>{number}) (?:{sec})"
        r"|(?P<um>\d{1,2}) ?m ?(?P<us>\d{1,2}) ?s"
        rf"|(?P<km>\d{{1,2}})[:.](?P<ks>\d{{2}}) ?(?:{mins})"
        r"|(?P<ds>\d{1,3}) ?(?:secs?|s)"
        r")(?![\w])",
        re.IGNORECASE,
    )
    units = "|".join(re.escape(u) for u in sorted(lex.km_units, key=len, reverse=True))
    miles = "|".join(re.escape(u) for u in sorted(lex.mile_units, key=len, reverse=True))
    # "180 flade kilometer", "167 welligen Kilometern": one lower-case word may stand between
    # the number and a unit written out in full (never before "km"); distance_km checks case.
    words = "|".join(re.escape(u) for u in sorted(lex.km_units, key=len, reverse=True)
                     if len(u) >= 6)
    speed = "|".join(re.escape(u) for u in sorted(lex.speed_after, key=len, reverse=True))
    # "182'1 kilómetros": an apostrophe may be the decimal mark (Spanish, Catalan, Swiss)
    dist = re.compile(
        rf"(?<![\w.,'’])(?P<n>\d{{1,3}}(?:[.,'’]\d{{1,2}})?) ?-?(?:{units}"
        rf"|(?P<mi>{miles or '(?!)'})|(?<= )(?P<adj>[^\W\d_]{{4,14}}) (?:{words or '(?!)'}))"
        rf"\b(?! ?/ ?h)(?! (?:{speed or '(?!)'})(?!\w))",
        re.IGNORECASE,
    )
    return gap, dist


KM_PER_MILE = 1.609344


def distance_km(m: re.Match, lex: Lexicon) -> float | None:
    """A distance in km; one in miles ("the 136-mile stage", in US and British reports)
    is converted and rounded to 0.1 km."""
    if m.group("adj") and not (m.group("adj").islower() and m.group("adj") not in lex.number_words):
        return None  # "180 flade kilometer"; not "15 Kilometer" after a capitalised word
    value = to_float(m.group("n"), lex)
    if value is not None and m.group("mi"):
        value = round(value * KM_PER_MILE, 1)
    return value


def to_float(text: str, lex: Lexicon) -> float | None:
    text = text.lower()
    if text in lex.number_words:
        return float(lex.number_words[text])
    try:
        return float(text.replace(",", ".").replace("'", ".").replace("’", "."))
    except ValueError:
        return None


def gap_seconds(m: re.Match, lex: Lexicon) -> int | None:
    g = m.groupdict()

    def num(key: str) -> int:
        value = to_float(g[key], lex) if g.get(key) else 0
        return int(value or 0)

    if g["hh"]:
        return num("hh") * 3600 + num("hm") * 60 + num("hs")
    if g["ch"]:
        return num("ch") * 3600 + num("cm") * 60 + num("cs")
    if g["pm"]:
        return num("pm") * 60 + num("ps")
    if g["mm"]:
        return num("mm") * 60 + num("ms")
    if g["ss"]:
        return num("ss")
    if g["om"]:
        return num("om") * 60
    if g["nm"]:
        return num("nm") * 60 + num("nms")
    if g["ns"]:
        return num("ns")
    if g["km"]:
        return num("km") * 60 + num("ks")
    if g["um"]:
        return num("um") * 60 + num("us")
    if g["ds"]:
        return num("ds")
    if g["phrase"]:
        return lex.gap_phrases.get(g["phrase"].lower())
    return None


class NameFinder:
    """Capitalised runs of words: riders, places and climbs, told apart by shape and context.

    A run of two or more name words is a rider (John Smith, Wout van Aert) unless it
    starts like a place or a climb. A single word is a rider only when it is the
    surname of a rider named in full elsewhere in the report; otherwise it is a place.
    """

    def __init__(self, lex: Lexicon):
        self.lex = lex
        self._name_words: dict[str, bool] = {}
        self._opens: dict[str, bool] = {}

    def is_name_word(self, text: str) -> bool:
        known = self._name_words.get(text)
        if known is None:
            known = self._name_words[text] = self._is_name_word(text)
        return known

    def _is_name_word(self, text: str) -> bool:
        if text in self.lex.stop_caps or not text[:1].isalpha():
            return False
        if self.lex.stop_cap_suffixes.search(text):
            return False  # "Rozetruidrager", "Vorjahressieger": a noun, not a name
        if "-" in text and any(part in self.lex.stop_caps or part in RACE_WORDS
                               or (part.isupper() and len(part) > 1) for part in text.split("-")):
            return False  # "Tour-Favorit", "WM-Dritter", "Giro-Sieger": a title, not a name
        if ELIDED.match(text):
            return True
        return text[0].isupper() and any(c.islower() for c in text) and not any(
            c.isdigit() for c in text
        )

    def _caps_surname(self, i: int, start: int) -> int:
        """'Elia VIVIANI', 'Greg VAN AVERMAET', 'Nairo Alexander QUINTANA ROJAS': a results
        list's surname in capitals from `start`, after given names the first of which
        riders.csv knows. The end of the surname, or 0. A code of three capitals ("SVK",
        "TNK") is a nation's or a team's, not a name's."""
        texts = self.texts
        if name_key(texts[i]) not in known_riders().given_keys:
            return 0
        j = start
        while (j < len(texts) and "\n" not in self.spaces[j - 1] and texts[j].isupper()
               and texts[j].replace("'", "").replace("’", "").replace("-", "").isalpha()
               and (len(texts[j]) > 3 or self.is_particle(texts[j]))
               and texts[j].title() not in self.lex.stop_caps):
            j += 1
        while j > start and self.is_particle(texts[j - 1]):
            j -= 1  # a particle ends no name
        letters = sum(len(t) for t in texts[start:j])
        return j if letters >= 4 else 0

    def is_particle(self, text: str) -> bool:
        return text.lower() in self.lex.particles

    def _may_open(self, text: str) -> bool:
        """A name word, a climb word, or a capitalised particle ("Van Aert")."""
        lex = self.lex
        return bool(self.is_name_word(text)
                    or (text.lower() in lex.climb_words and text not in lex.not_climb_words)
                    or (text[:1].isupper() and self.is_particle(text)))

    def find(self, doc: Doc, blocked: set[int], values: dict,
             columns: tuple[list[str], list[str], list[list[int]]] | None = None) -> list[Span]:
        """`columns`: token_columns(doc, IDX), when the caller has them."""
        # Plain lists: indexing a Doc builds a Token object each time.
        self.texts, self.spaces, (self.idx,) = columns or token_columns(doc, IDX)
        self.text = doc.user_data.get("text") or doc.text
        self.sent_starts = {s.start for s in doc.sents}
        texts = self.texts
        # Where a run may start: the first test of _run_at, remembered for each text.
        opens = self._opens
        known = [opens.get(t) for t in texts]
        for k, flag in enumerate(known):
            if flag is None:
                known[k] = opens[texts[k]] = self._may_open(texts[k])
        runs = []
        after = 0  # the first token not yet in a run
        for i, flag in enumerate(known):
            if not flag or i < after or i in blocked:
                continue
            run = self._run_at(doc, i, blocked)
            if run is None:
                continue
            run = self._town_continued(doc, *self._without_opening_noun(doc, *run), blocked)
            runs.extend(self._town_then_name(*run))
            after = run[1]
        runs = [part for run in runs for part in self._name_then_town(*run)]
        classified = [self._classify(doc, s, e) for s, e in runs]
        # "Jakob Fuglsang" in the text, "Jakob Diemer Fuglsang" in the results list:
        # one rider, called as the text calls him.
        short_forms: dict[tuple[str, str], set[str]] = {}
        # "Cecilie Uttrup Ludwig", then "Cecilie Uttrup": the two first words of one longer
        # name are that rider, called by the longer name.
        long_forms: dict[str, set[str]] = {}
        for start, end, label in classified:
            if label == "PERSON":
                name = self._text(start, end)
                words = name_key(name).split()
                if len(words) == 2:
                    short_forms.setdefault((words[0], words[1]), set()).add(name)
                elif (len(words) > 2 and len(parts := name.split()) > 2
                      and not self.is_particle(parts[1])
                      and name_key(" ".join(parts[:2])) == " ".join(words[:2])):
                    # not "a Caleb Ewan-Fernando Gaviria clash": two riders joined by a
                    # hyphen, whose first two words are a name only with the hyphen cut
                    long_forms.setdefault(" ".join(words[:2]), set()).add(name)
        long_forms = {k: v for k, v in long_forms.items()
                      if len({name_key(n) for n in v}) == 1}
        # A declined full name ("Wouta van Aerta") as the report or the list of known
        # riders writes it in the base form ("Wout van Aert").
        bases = self._base_names(classified) if self.lex.case_endings else {}
        full_names: dict[str, set[str]] = {}
        spans: list[tuple[int, int, str]] = []
        for start, end, label in classified:
            spans.append((start, end, label))
            if label == "PERSON":
                name = bases.get((start, end)) or _short_form(self._text(start, end), short_forms)
                name = _long_form(name, long_forms)
                for key in surname_keys(name, self.lex):
                    full_names.setdefault(key, set()).add(name)
        result = []
        for start, end, label in spans:
            text = self._text(start, end)
            if label == "SINGLE":
                owners = full_names.get(name_key(text), set())
                owners = {o for o in owners if name_key(o) != name_key(text)}
                if not owners and self.lex.genitive_s and text.endswith("s"):
                    owners = full_names.get(name_key(text[:-1]), set())  # "Philipsens"
                if not owners and self.lex.case_endings:  # "Niballego": Nibali's genitive
                    owners = {o for base in base_forms(text, self.lex)
                              for o in full_names.get(name_key(base), ())}
                owners = _one_rider(owners)
                if len(owners) == 1:
                    label, text = "PERSON", next(iter(owners))
                elif owners:
                    continue  # two riders share this surname: leave it out
                elif (start and self.texts[start - 1].lower() in self.lex.demonyms
                      and not (start >= 2 and self.texts[start - 2].lower()
                               in self.lex.place_prepositions)
                      and not (is_town(text) and not known_riders().is_surname(text))):
                    # "the Dutchman Kooij", "il francese Godon"; not Danish "i franske
                    # Briançon", "til norske Norefjell" (an adjective before a town)
                    label = "PERSON"
                elif self._known_surname(start, text):
                    label = "PERSON"  # "Pogačar attacked": a rider the report never names in full
                elif self.lex.case_endings and (known_base := self._known_declined(start, text)):
                    label, text = "PERSON", known_base
                else:
                    label = "PLACE"
            elif label == "PERSON" and (start, end) in bases:
                text = bases[(start, end)]
            elif label == "PERSON" and self.lex.genitive_s:
                text = _without_genitive(text, full_names)
            if label == "PLACE" and self.lex.case_endings and start not in self.sent_starts:
                text = place_base(text, self.lex)  # "w Bolonii" -> Bolonia
            span = Span(doc, start, end, label=label)
            if label == "PERSON":
                text = self._canonical(_long_form(_short_form(text, short_forms), long_forms),
                                       full_names)
                text = " ".join(w.title() if w.isupper() and len(w) > 1 else w
                                for w in text.split(" "))  # "Elia VIVIANI" -> "Elia Viviani"
                text = _given_name_first(text)
            values[(start, end, label)] = text
            result.append(span)
        return result

    def _known_surname(self, start: int, text: str) -> bool:
        """A known rider's surname (riders.csv), unless a preposition makes it a town
        ("in Bilbao"): after one, only a surname the gazetteer knows as no town ("a 25
        segundos a Pogačar", "voorsprong op Vingegaard"). A sentence's first word only as
        the list writes it, a particle capitalised ("Van der Breggen")."""
        riders = known_riders()
        if start and self.texts[start - 1].lower() in self.lex.place_prepositions:
            return riders.is_surname(text) and not is_town(text)
        if start in self.sent_starts:
            return riders.is_surname(text, exact=True) or (
                self.is_particle(self.texts[start])
                and riders.is_surname(text[:1].lower() + text[1:], exact=True))
        return riders.is_surname(text)

    def _known_declined(self, start: int, text: str) -> str | None:
        """A known rider's surname in another case ("Pogacara"): the surname as listed."""
        if start and self.texts[start - 1].lower() in self.lex.place_prepositions:
            return None
        listed = _listed_surnames()
        for base in base_forms(text, self.lex):
            if name_key(base) in listed:
                return listed[name_key(base)]
        return None

    def _base_names(self, spans: list[tuple[int, int, str]]) -> dict[tuple[int, int], str]:
        """Full names written in another case than the nominative, and their base form: a
        full name the report writes elsewhere ("Simona Yatesa" -> "Simon Yates") or, when
        it never does, a rider of riders.csv ("Dylanem Teunsem" -> "Dylan Teuns")."""
        names = {(s, e): self._text(s, e) for s, e, label in spans if label == "PERSON"}
        written = set(names.values())
        out = {}
        for span, name in names.items():
            words = name.split()
            # a form with an ending no base form has ("Rui Costę") is never the base of
            # another ("Rui Costa" in the results list)
            candidates = [o for o in written if o != name and declines(words, o.split(), self.lex)
                          and _sure_base(o.split()[-1], self.lex) == o.split()[-1]]
            if not candidates:
                candidates = [o for o in _listed_by_last_word().get(
                    (len(words), name_key(words[-1])[:3]), ())
                    if name_key(o) != name_key(name) and declines(words, o.split(), self.lex)]
            if len(candidates) == 1:
                out[span] = candidates[0]
                continue
            if candidates:
                continue
            before = self.texts[span[0] - 1].lower() if span[0] else ""
            ending = self.lex.oblique_demonyms.get(before)
            if ending:  # "Brytyjczyka Lukasa Nerurkara": the rider is in the same case
                plain = [w[: -len(ending)] if w.endswith(ending) and len(w) - len(ending) >= 3
                         and not self.is_particle(w) else w for w in words]
            else:
                plain = [_sure_base(w, self.lex) for w in words]
            if plain != words:
                out[span] = " ".join(plain)
        return out

    def _text(self, start: int, end: int) -> str:
        """doc[start:end].text, from the report's text (a Span joins its tokens)."""
        last = end - 1
        return self.text[self.idx[start] : self.idx[last] + len(self.texts[last])]

    def _canonical(self, text: str, full_names: dict[str, set[str]]) -> str:
        """The longest form of this rider's name in the report."""
        owners = full_names.get(name_key(text), set())
        candidates = [o for o in owners if len(o) >= len(text)]
        return max(candidates, key=len) if len(candidates) == 1 else text

    def _without_opening_noun(self, doc: Doc, start: int, end: int) -> tuple[int, int]:
        """'Rozetruidrager Remco Evenepoel' at a sentence start: a capitalised noun, then
        a rider named that way elsewhere in the report. 'Juan Pedro López' stays whole."""
        words = [t for t in self.texts[start:end] if not self.is_particle(t)]
        if len(words) < 3 or start not in self.sent_starts:
            return start, end
        if known_riders().nation(self._text(start, end)) is not None:
            return start, end  # "Søren Kragh Andersen", "Kragh Andersen" after: one rider
        rest = self._text(start + 1, end)
        text = self.text
        if text.count(rest) > 1 and text.count(self._text(start, end)) == 1:
            return start + 1, end
        return start, end

    def _town_then_name(self, start: int, end: int) -> list[tuple[int, int]]:
        """'in Parijs André Greipel': a town after a place preposition, then a rider's
        full name (one riders.csv knows, or the report writes again), are two names."""
        texts = self.texts
        if not (start and texts[start - 1].lower() in self.lex.place_prepositions
                and end - start >= 3 and self.is_name_word(texts[start])
                and self.is_name_word(texts[start + 1]) and self._is_town_word(texts[start])
                and not is_town(self._text(start, end))):
            return [(start, end)]
        rest = self._text(start + 1, end)
        if known_riders().nation(rest) is None and self.text.count(rest) < 2:
            return [(start, end)]
        return [(start, start + 1), (start + 1, end)]

    def _name_then_town(self, start: int, end: int) -> list[tuple[int, int]]:
        """'1. Roy Pieters Zwanenburg 2. Jeff Vermeulen Exloo': on a results line, a rider's
        name then his home town, a town the gazetteer knows and no rider's surname."""
        texts = self.texts
        if not (end - start >= 3 and start >= 2 and texts[start - 1] == "."
                and texts[start - 2].isdigit()):
            return [(start, end)]
        town = texts[end - 1]
        # the town closes the rider's entry: the next rank's number, or the line's end
        # ("3. Juan Pablo Rendón (COL/...)" is a name whose last word is a town's)
        closes = end >= len(texts) or texts[end].isdigit() or "\n" in self.spaces[end - 1]
        if (not closes or not is_town(town) or known_riders().is_surname(town)
                or self.is_particle(texts[end - 2])):
            return [(start, end)]
        return [(start, end - 1), (end - 1, end)]

    def _is_town_word(self, word: str) -> bool:
        """A town's name, or in a language with cases a town's declined form ("w
        Bukowinie": Bukowina)."""
        return is_town(word) or bool(self.lex.case_endings) and is_town(place_base(word, self.lex))

    def _town_continued(self, doc: Doc, start: int, end: int,
                        blocked: set[int]) -> tuple[int, int]:
        """'Francavilla' + 'al Mare': one town when the gazetteer knows the whole name
        ('Maccagno' + 'con Pino' + 'e Veddasca': parts need not be towns on their own)."""
        texts = self.texts
        j = end
        for _ in range(TOWN_CONNECTOR_HOPS):
            if not (j + 1 < len(texts) and texts[j] in self.lex.town_connectors
                    and j not in blocked and j + 1 not in blocked
                    and self.is_name_word(texts[j + 1]) and "\n" not in self.spaces[j - 1]):
                break
            k = j + 2
            while k < len(texts) and k not in blocked and self.is_name_word(texts[k]):
                k += 1
            j = k
            if is_town(doc[start:k].text):
                end = k
        return start, end

    def _run_at(self, doc: Doc, i: int, blocked: set[int]) -> tuple[int, int] | None:
        if i in blocked:
            return None
        texts = self.texts
        token = texts[i]
        if self._town_inhabitant(i):
            return None
        climb_start = (token.lower() in self.lex.climb_words
                       and token not in self.lex.not_climb_words
                       and not (token.islower() and i
                                and texts[i - 1].lower() in self.lex.climb_not_after))
        if not (self.is_name_word(token) or climb_start):
            # A capitalised particle may open a surname: "Van Aert", "De Gendt".
            if not (token[:1].isupper() and self.is_particle(token)):
                return None
        j = i + 1
        while j < len(texts) and j not in blocked and "\n" not in self.spaces[j - 1]:
            if self.is_name_word(texts[j]):
                j += 1
                continue
            caps_end = self._caps_surname(i, j)
            if caps_end:
                j = caps_end
                break  # "Alexey LUTSENKO (Kaz, Astana)": the surname ends the name
            k = j
            while k < len(texts) and k not in blocked and (
                (self.is_particle(texts[k]) and (
                    climb_start or texts[k].lower() not in self.lex.weak_particles
                    or self.is_particle(texts[k - 1])))
                or ((climb_start or texts[j - 1].lower() in self.lex.climb_words)
                    and texts[k] in ("des", "les"))  # "La Planche des Belles Filles"
            ):
                k += 1
            if (k > j and k < len(texts) and k not in blocked and self.is_name_word(texts[k])
                    and not self._rider_named_at(k, blocked)):
                j = k + 1
                continue
            break
        words = [t for t in texts[i:j] if not self.is_particle(t)]
        if not words or (len(words) == 1 and words[0] == token and not self.is_name_word(token)):
            return None
        return i, j

    def _town_inhabitant(self, i: int) -> bool:
        """'dem Berliner Mike Kluge': the word at i names a town's inhabitant (a town the
        gazetteer knows, with one of `town_demonym_endings`) and a given name riders.csv
        knows follows it; 'Bo Hamburger' keeps his surname (it follows the given name)."""
        texts = self.texts
        word = texts[i]
        if (not self.lex.town_demonym_endings or i + 1 >= len(texts)
                or name_key(texts[i + 1]) not in known_riders().given_keys
                or known_riders().is_surname(word, exact=True)):
            return False
        for ending in self.lex.town_demonym_endings:
            if word.endswith(ending) and len(word) > len(ending) + 2:
                stem = word[: -len(ending)]
                return is_town(stem) or is_town(stem + "en")
        return False

    def _rider_named_at(self, k: int, blocked: set[int]) -> bool:
        """A rider riders.csv names in full opens at token k: "col de la Madeleine de
        Pauline Ferrand-Prévot", "à Tours de Christophe Laporte" end before the particle."""
        end = k + 1
        while (end < len(self.texts) and end - k < 5 and end not in blocked
               and "\n" not in self.spaces[end - 1] and not self.is_particle(self.texts[end])
               and self.texts[end] not in (",", ".", "(", ")")):
            end += 1
            if known_riders().nation(self._text(k, end)) is not None:
                return True
        return False

    def _classify(self, doc: Doc, start: int, end: int) -> tuple[int, int, str]:
        tokens = self.texts[start:end]
        if start and self.texts[start - 1].lower() in TEAM_NOUNS:
            return start, end, "TEAM"  # "vom Team Klein Constantia": a team we do not list
        if len(tokens) >= 2 and tokens[0] == "Team":
            return start, end, "TEAM"  # "fra Team Waoo": a name opened by "Team" is a team's
        if len(tokens) >= 2 and known_riders().nation(self._text(start, end)) is not None:
            return start, end, "PERSON"  # "Damiano Cima": a rider riders.csv names in full
        if any(t.lower() in self.lex.climb_words and t not in self.lex.not_climb_words
               for t in tokens):
            # "montée du Mur de Huy": the name starts at the capitalised climb word
            later = [k for k, t in enumerate(tokens) if k and t[:1].isupper()
                     and t.lower() in self.lex.climb_words]
            if tokens[0][:1].islower() and later:
                return start + later[0], end, "CLIMB"
            return start, end, "CLIMB"
        if tokens[0] in self.lex.place_starters:
            return start, end, "PLACE"
        names = [t for t in tokens if not self.is_particle(t)]
        if len(names) >= 2 and not self.is_particle(tokens[0]):
            text = self._text(start, end)
            if is_town(text) and known_riders().nation(text) is None:
                return start, end, "PLACE"  # "entre Alba y Limone Piemonte"; not "José Gonçalves"
            if (self.lex.case_endings and len(tokens) == 2 and start
                    and self.texts[start - 1].lower() in self.lex.place_prepositions
                    and place_base(text, self.lex) != text):
                return start, end, "PLACE"  # "do Zduńskiej Woli": Zduńska Wola's genitive
            return start, end, "PERSON"
        return start, end, "SINGLE"


def _given_name_first(name: str) -> str:
    """'Philipsen Jasper' (a results sheet, surname first): the rider riders.csv knows as
    'Jasper Philipsen', when it knows no rider by the name as written."""
    words = name.split()
    if len(words) != 2 or known_riders().nation(name):
        return name
    return _listed_full_names().get(name_key(f"{words[1]} {words[0]}"), name)


@cache
def _listed_full_names() -> dict[str, str]:
    return {name_key(n): n for n in known_riders().names}


def _short_form(name: str, short_forms: dict[tuple[str, str], set[str]]) -> str:
    """The report's two-word form of a longer name with the same first and last word."""
    words = name_key(name).split()
    if len(words) < 3:
        return name
    forms = short_forms.get((words[0], words[-1]), set())
    return next(iter(forms)) if len(forms) == 1 else name


def _long_form(name: str, long_forms: dict[str, set[str]]) -> str:
    """The report's one longer name that opens with this two-word name."""
    forms = long_forms.get(name_key(name), set())
    return next(iter(forms)) if forms and len(name_key(name).split()) == 2 else name


def _without_genitive(name: str, full_names: dict[str, set[str]]) -> str:
    """'Emma Norsgaards' (a genitive) as the report names the rider elsewhere: 'Emma
    Norsgaard'. A name whose form without the final s the report does not name stays."""
    if not name.endswith("s") or len(name.split(" ")[-1]) < 3:
        return name
    base = name[:-1]
    return base if name_key(base) in full_names else name


def _one_rider(names: set[str]) -> set[str]:
    """'Jakob Fuglsang' and 'Jakob Diemer Fuglsang' (a results list gives the middle name):
    one rider, named by the shortest form. 'Simon Yates' and 'Adam Yates' stay two."""
    if len(names) < 2:
        return names
    words = {n: name_key(n).split() for n in names}
    longest = max(words.values(), key=len)
    if all(w[0] == longest[0] and w[-1] == longest[-1] and set(w) <= set(longest)
           for w in words.values()):
        return {min(names, key=lambda n: (len(words[n]), n))}
    return names


# A capitalised name right after one of these words is a team's, not a rider's.
TEAM_NOUNS = {"team", "équipe", "equipe", "squadra", "equipo", "equipa", "ploeg", "formatie",
              "mannschaft", "rennstall", "formation", "formazione",
              "ekipa", "ekipy", "ekipie", "drużyna", "drużyny", "zespołu", "teamu"}  # Polish
TOWN_POPULATION = 1000


def is_town(text: str) -> bool:
    """A name the gazetteer knows as a town of some size, not a rider's."""
    from ..gazetteer import town_population

    population = town_population(text)
    return population is not None and population >= TOWN_POPULATION


def base_forms(word: str, lex: Lexicon) -> list[str]:
    """What a declined name word may be in the nominative: 'Niballego' -> 'Nibal',
    'Nibali', 'Nibala' ...; "Alaphilippe'a" -> 'Alaphilippe'. Empty for a word no case
    ending of the language ends (lex.case_endings, lex.stem_endings)."""
    out = []
    for ending in lex.case_endings:
        if len(word) >= len(ending) + 3 and word.endswith(ending):
            stem = word[: -len(ending)]
            if stem[-1] in "'’":
                out.append(stem[:-1])
                continue
            out.append(stem)
            out += [stem + letter for letter in lex.stem_endings]
    out += [word[: -len(ending)] + base for ending, base in lex.stem_alternations.items()
            if len(word) >= len(ending) + 2 and word.endswith(ending)]
    return out


def _sure_base(word: str, lex: Lexicon) -> str:
    for ending, base in lex.sure_endings.items():
        if len(word) > len(ending) + 2 and word.endswith(ending):
            return word[: -len(ending)] + base
    return word


def place_base(text: str, lex: Lexicon) -> str:
    """A declined town's name in the nominative, as the gazetteer knows it: 'Bolonii' ->
    'Bolonia', 'Bielsku-Białej' -> 'Bielsko-Biała', 'Wadowic' -> 'Wadowice'. A name the
    gazetteer knows as written stays so, unless a base form is the same town ('Lublina',
    an alternate name of Lublin) or the written one is a hamlet of known size and a base
    form a town ten times larger ('z Wieliczki': Wieliczka, not the village Wieliczki);
    a place of unknown size stays ('Velje', not a case of Velja)."""
    from ..gazetteer import (
        RANK_ALTERNATE_NO_ARTICLE,
        RANK_NAME,
        RANK_SHORT_NO_ARTICLE,
        town_name_rank,
        town_population,
    )

    written = town_population(text)
    parts = re.split(r"([- ])", text)
    if len(parts) > 5:
        return text
    options = [[p] if p in "- " else [p, *base_forms(p, lex), *(p + e for e in lex.stem_endings)]
               for p in parts]
    towns = {"".join(combo) for combo in product(*options)}
    sized = [(town_population(t) or 0, -(town_name_rank(t) or 0), _shared_prefix(t, text),
              -len(t), t) for t in sorted(towns) if is_town(t)]
    if (written is not None
            and town_name_rank(text) in (RANK_SHORT_NO_ARTICLE, RANK_ALTERNATE_NO_ARTICLE)
            and any(s[1] == -RANK_NAME for s in sized)):
        # a name known only with an article cut off ("Zor" of Deir ez-Zor) gives way to
        # a base form that is a town's own name ("z Żor" -> Żory)
        sized = [s for s in sized if s[1] == -RANK_NAME]
    elif written is not None and 0 < written < TOWN_POPULATION and any(
            s[0] >= 10 * written for s in sized):
        # a hamlet of known size is not the town a report names when a base form is a
        # town ten times its size ("z Wieliczki": Wieliczka, not the village Wieliczki)
        sized = [s for s in sized if s[0] >= 10 * written]
    elif written is not None:
        sized = [s for s in sized if s[0] == written]
    # The largest town; of its names its own ("Polkowice", not "Polkowicy"), then the one
    # closest to the text ("Bolonia", not "Bolona"), then the shortest.
    return max(sized)[4] if sized else text


def _shared_prefix(a: str, b: str) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return n


def declines(words: list[str], base: list[str], lex: Lexicon) -> bool:
    """Each word of `words` is the word of `base` or a case of it ("Wouta van Aerta" of
    "Wout van Aert")."""
    if len(words) != len(base):
        return False
    for word, base_word in zip(words, base, strict=True):
        key = name_key(base_word)
        if name_key(word) != key and key not in {name_key(b) for b in base_forms(word, lex)}:
            return False
    return True


@cache
def _listed_surnames() -> dict[str, str]:
    """name_key -> the surname (any trailing part of a name) as riders.csv writes it."""
    return {name_key(s): s for s in sorted(known_riders().surnames)}


@cache
def _listed_by_last_word() -> dict[tuple[int, str], list[str]]:
    """riders.csv's full names by their number of words and first letters of the last."""
    index: dict[tuple[int, str], list[str]] = {}
    for name in known_riders().names:
        words = name.split()
        index.setdefault((len(words), name_key(words[-1])[:3]), []).append(name)
    return index


def surname_keys(full_name: str, lex: Lexicon) -> list[str]:
    """Keys under which a surname-only mention of this rider may appear."""
    words = full_name.split()
    keys = [name_key(full_name)]
    for i in range(1, len(words)):
        keys.append(name_key(" ".join(words[i:])))
    return keys
