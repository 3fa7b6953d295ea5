"""Loads the data files of ingest/nlp/data and compiles their templates."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml

DATA = Path(__file__).parent / "data"
FALLBACK_LANG = "xx"  # any language without a cue file: language-independent cues only

# Placeholders of the abstracted sentence (see data/README.md).
ANY_WORDS = r"(?:(?!<p)\S+ ){0,8}?"
PLACEHOLDER = {
    "rider": r"<p\d+>",
    "riders": r"<p\d+>(?: (?:,|and|en|et|e|y|und|&) <p\d+>)+",  # and_words added per language
    "gap": r"<g\d+>",
    "dist": r"<d\d+>",
    "jersey": r"<j\d+>",
    "team": r"<t\d+>",
    "climb": r"<c\d+>",
    "place": r"<l\d+>",
    "pair": r"<l\d+>",  # one place token naming a route, "Foligno-Arezzo" (find_route splits it)
    "race": r"<x\d+>",
}


@dataclass
class Template:
    source: str
    regex: re.Pattern | Prefiltered


@dataclass
class Lexicon:
    lang: str
    stop_caps: frozenset[str]
    particles: frozenset[str]
    place_starters: frozenset[str]
    climb_words: frozenset[str]
    not_climb_words: frozenset[str]
    # Words after which a climb word in lower case is an adjective, not a climb ("o ponto
    # mais alto de Portugal", "el puerto más alto de España").
    climb_not_after: frozenset[str]
    town_climbs: re.Pattern  # "Mur de Huy" -> Huy (common.yml town_climbs)
    weak_particles: frozenset[str]
    town_connectors: frozenset[str]
    place_prepositions: frozenset[str]
    race_titles: frozenset[str]
    women_cues: re.Pattern
    # A stage, a time trial or a day, in any language (common.yml `stage_words`).
    stage_words: CuePattern
    bonus_before: re.Pattern  # a bonus word right before a time: "abb. 6\"" is no gap
    # The first letters of every bonus word ("bonif", "abbuo"): a clause about bonus
    # seconds ("... e também bonificaram")
    bonus_stems: tuple[str, ...]
    unknown_race: re.Pattern
    season_jerseys: re.Pattern
    leader_jerseys: frozenset[str]
    possessives: frozenset[str]
    stop_cap_suffixes: re.Pattern
    # Endings that make a town's inhabitant ("der Erfurter", "den Kölnern", "des
    # Nürtingers"): such a word before a given name is not part of the rider's name.
    town_demonym_endings: tuple[str, ...]
    ordinal_dot: bool
    nation_codes: frozenset[str]
    ordinals: dict[str, int]
    number_words: dict[str, int]
    gap_phrases: dict[str, int]
    stage: list[tuple[re.Pattern | Prefiltered, int | None]]
    stage_distractors: CuePattern
    other_day: CuePattern
    edition_win: CuePattern
    clause_break: re.Pattern
    asides: re.Pattern
    demonyms: frozenset[str]
    references: re.Pattern
    # "ahead of the Belgian", "devant l'Américain": a reference after a word that makes it
    # an object (object_references); it names the one rider who fits, never by nearness.
    object_references: re.Pattern
    # The same phrases right before the rider's own name, an apposition ("der Brite
    # Matthew Brennan", "the 22-year-old X"): they describe him. Not the object phrases:
    # their first word may be a preposition merged with the article ("au", "del") that the
    # templates read.
    appositions: re.Pattern
    # "the latter", "laatstgenoemde", "quest'ultimo" (latter_references): the last of two or
    # more riders named just before.
    latter_references: re.Pattern
    team_link: re.Pattern
    # "Marcio May, da Memorial Santos, ...": a name set off by commas after a team link is
    # the rider's team, one we do not know, unless it is a known rider's name.
    name_team_link: re.Pattern
    team_patterns: tuple[re.Pattern, ...]
    team_compound_heads: frozenset[str]
    one_day_cues: list[str]
    result_distractors: CuePattern
    # "<g1> behind <p2>", "1:47 behind <p2>" (gap_behind): the gap is told to that rider
    gap_behind: re.Pattern
    results: list[Template]
    results_index: TemplateIndex
    route: list[Template]
    start: list[Template]
    finish: list[Template]
    distance: list[Template]
    jersey_names: dict[str, str]
    jerseys: list[Template]
    jersey_boxes: list[Template]  # "Maillot jaune : X": read on a body line without a full stop too
    standings: list[tuple[str, Template]]  # (jersey key, template with {rider} only)
    # "Points: X" in a results box: a standing read on a line without a full stop too
    standing_boxes: list[tuple[str, Template]]
    breakaway_members: list[Template]
    breakaway_max_gap: list[Template]
    breakaway_caught: list[Template]
    speech_verbs: frozenset[str]
    km_units: list[str]
    second_units: list[str]
    minute_units: list[str]
    and_words: tuple[str, ...] = ()
    # A rider, the words of a first predicate, and the "and" before his second one ("X won
    # the bunch sprint and finished fourth"): `rest` is what follows the "and".
    second_predicate: re.Pattern | None = None
    dash_quotes: bool = False
    # Languages whose genitive adds -s to a name ("Philipsens landsmand", "Vingegaards
    # Sieg"): such a name is the rider the report names without it.
    genitive_s: bool = False
    mile_units: list[str] = field(default_factory=list)
    speed_after: list[str] = field(default_factory=list)  # "43,3 km orari": a speed
    # Languages that decline names (Polish "Niballego", "Wouta van Aerta"): the endings a
    # case adds to a name, and the letters it replaces at the end of the base form.
    case_endings: tuple[str, ...] = ()
    stem_endings: tuple[str, ...] = ()
    # Endings no base form has ("Eugenię", "Elisą"): replaced when no base form is found.
    sure_endings: dict[str, str] = field(default_factory=dict)
    # A case ending that changes the stem's last consonant ("Majce", "Dominice": Majka,
    # Dominika): the ending -> what the base form ends with.
    stem_alternations: dict[str, str] = field(default_factory=dict)
    # A demonym in an oblique case before a rider ("wyprzedził Brytyjczyka Lukasa
    # Nerurkara"): the demonym (lower case) -> the case ending of the rider's words.
    oblique_demonyms: dict[str, str] = field(default_factory=dict)
    # Words after which a bare "1.10" or "4:20" is a time gap of minutes and seconds
    # (Polish "ze stratą 1.10"); elsewhere it is a decimal number, a score, a clock time.
    clock_gap_cues: tuple[str, ...] = ()
    # The word before a gap on a results list line written with no unit ("a 06",
    # "a 1.13"): seconds, or minutes and seconds.
    list_gap_cues: tuple[str, ...] = ()
    # Verbs that close a clause after what was won, in languages that put them last
    # ("heeft de Ronde van Zwitserland gewonnen"): a stage race before one was won overall.
    final_win_verbs: frozenset[str] = frozenset()
    # ... only with one of these articles right before the race ("de", "die"), itself not
    # after a link that makes the race a stage's ("de etappe van de Ronde van Zwitserland").
    final_win_articles: frozenset[str] = frozenset()
    final_win_links: frozenset[str] = frozenset()
    # Words that may stand between the race and such a verb ("heeft de Ronde van België
    # op zijn naam geschreven"), lower case.
    final_win_tails: tuple[str, ...] = ()
    # The title line above the day's results list ("Clasificación de la etapa:",
    # "Ordine d'arrivo"): under it a list may open at 2 (the winner told in prose) or be
    # written with dashes for numbers, in finishing order.
    results_titles: CuePattern | None = None
    # A print report of the day before ("X won yesterday's stage"): the words that name
    # the report's own day so (a cue over the abstract, and the words put in its place),
    # and the words for today that rule such a report out.
    yesterday: tuple[tuple[CuePattern, str], ...] = ()
    today: CuePattern | None = None
    # "X was relegated": templates with {rider} for a rider the jury took his place from.
    relegations: list[Template] = field(default_factory=list)
    # "Among the women, X won": a result told for the other category of the report
    category_cues: CuePattern | None = None
    # A national championships' time trial and road race ("Zeitfahren", "Straßenrennen"):
    # a plain championships name in a lead that tells only the time trial is of that race
    # (a language without them matches nothing)
    time_trial_cues: CuePattern = field(default_factory=lambda: cue_pattern(None))
    road_race_cues: CuePattern = field(default_factory=lambda: cue_pattern(None))
    # common.yml `weekdays`: one regex, a group per day ("d0" Monday ... "d6" Sunday)
    weekdays: re.Pattern = re.compile("(?!)")
    # `continuations`: what opens a sentence that goes on with the sentence before it
    # ("Dabei ...", "Ce jour-là ...", "Det var X, der ..."): it is of that sentence's day.
    continuations: CuePattern | None = None
    # `months`: the language's month names as written (group m1 January ... m12 December)
    # and the words after which one names no time of its own ("since March").
    months: re.Pattern = re.compile("(?!)")
    month_not_after: frozenset[str] = frozenset()
    month_phrases: CuePattern | None = None  # "last month", "in the spring": another time
    month_subordinate: frozenset[str] = frozenset()  # "after", "nachdem": not the news
    races: list[dict] = field(default_factory=list)
    teams: list[dict] = field(default_factory=list)
    # A title the report gives one rider ("world champion Mads Pedersen"), written in
    # lower case as the abstract has it -> its key (world, olympic ...): "the world
    # champion" in a `references` phrase ({title}) names that rider.
    titles: dict[str, str] = field(default_factory=dict)
    # A date with its year ("26 juillet 1997", "14.07.2023"): common.yml's `months`.
    full_date: re.Pattern = re.compile("(?!)")
    # `women_cues` and the language's `women_words` (feminine nouns: "die Siegerin").
    women_words: CuePattern | None = None
    # jerseys.lists: a numbered list under a title naming a classification ("Classifica
    # generale", "Points classification"): its first rider holds that jersey key.
    jersey_lists: list[tuple[str, CuePattern]] = field(default_factory=list)
    jersey_list_not: CuePattern | None = None  # a title of another moment: "before the stage"
    # A jersey worn for its leader by another rider ("by proxy", Polish "wicelider"): the
    # sentence names no holder.
    jersey_proxy: CuePattern | None = None
    edition_words: frozenset[str] = frozenset()
    # A word numbering an edition right before a race's name ("the 115th", "97.", "la 54/a").
    edition_ordinal: re.Pattern = re.compile("(?!)")
    edition_not_after: frozenset[str] = frozenset()  # "un 3e Tour" counts, as "sa 3e"
    # An edition word beside a year ("the 2021 edition", "l'édition 2021", "2021-udgaven").
    edition_year: re.Pattern = re.compile("(?!)")
    # Any year in the text, but one of a unit ("2019 m") or after a copyright mark.
    plain_year: re.Pattern = re.compile("(?!)")
    # A date right after one of common.yml's `dateline_words` ("Stand: 28.05.2023").
    dated: re.Pattern = re.compile("(?!)")
    updated: re.Pattern = re.compile("(?!)")  # after `update_words`: "Mis à jour le ..."
    # After `approximate_words` a distance is rounded ("casi 127 kilómetros"): not stated.
    approximate: re.Pattern = re.compile("(?!)")
    # Words that open a relative clause after a comma (common.yml `relative_words`).
    relative_words: frozenset[str] = frozenset()


class _DataLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml's parser: faster
    """YAML where only true/false are booleans: the words No, On, Yes, Y, N stay words
    (Portuguese "No" and English "On" are stop words, not False and True)."""


_DataLoader.yaml_implicit_resolvers = {
    first: [(tag, regex) for tag, regex in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_DataLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
    list("tTfF"),
)


def _load(name: str) -> dict:
    path = DATA / name
    if not path.exists():
        return {}
    with path.open(encoding="utf-8") as handle:
        return yaml.load(handle, Loader=_DataLoader) or {}


def _town_climbs(common: dict) -> re.Pattern:
    """A climb named after the town it climbs into: group 1 is the town ("Mur de Huy")."""
    words = "|".join(re.escape(w) for w in common.get("town_climbs") or []) or "(?!)"
    links = "|".join(re.escape(w) for w in common.get("town_climb_links") or []) or "(?!)"
    return re.compile(rf"^(?:{words}) (?:{links}) ?(\S.*)$", re.IGNORECASE)


def _suffix_pattern(suffixes: list[str] | None) -> re.Pattern:
    """Capitalised words ending so are nouns (at least three letters before the suffix)."""
    if not suffixes:
        return re.compile("(?!)")
    alternatives = "|".join(re.escape(s.lower()) for s in suffixes)
    return re.compile(rf"^[\w-]{{3,}}(?:{alternatives})$", re.IGNORECASE)


def cue_pattern(cues: list[str] | None) -> CuePattern:
    """One regex for a list of cue words: whole words, or `re:` followed by a regex."""
    parts, words, regexes = [], [], []
    for cue in cues or []:
        cue = str(cue)
        if cue.startswith("re:"):
            parts.append(f"(?:{cue[3:]})")
            regexes.append(f"(?:{cue[3:]})")
        else:
            parts.append(rf"(?<!\w){re.escape(cue.lower())}(?!\w)")
            words.append(cue.lower())
    return CuePattern(re.compile("|".join(parts) or "(?!)"), QuickCues(words, regexes))


class QuickCues:
    """Whether a string holds a cue, quickly: the cue words as one trie, then each `re:`
    cue on its own, prefiltered (`prefiltered`: one that needs a literal the string lacks
    is not searched). A match when one is found, not necessarily the cue regex's: only
    whether there is one is used. The `re:` cues are searched as one regex when one of
    them refers to a group by number that an earlier one would renumber."""

    __slots__ = ("words", "regexes")

    def __init__(self, words: list[str], regexes: list[str]):
        self.words = re.compile(rf"(?<!\w){_trie(words)}(?!\w)") if words else None
        compiled = [re.compile(r) for r in regexes]
        before = 0  # capturing groups of the cues before this one
        for source, regex in zip(regexes, compiled, strict=True):
            if before and re.search(r"\\[1-9]", source):
                self.regexes = [re.compile("|".join(regexes))]
                break
            before += regex.groups
        else:
            self.regexes = [prefiltered(r) for r in compiled]

    def search(self, string: str) -> re.Match | None:
        if self.words is not None and (m := self.words.search(string)) is not None:
            return m
        for regex in self.regexes:
            if (m := regex.search(string)) is not None:
                return m
        return None

    def finditer(self, string: str) -> Iterator[re.Match]:
        """Every match of every cue, each pattern's in turn (not in string order)."""
        for regex in ([self.words] if self.words is not None else []) + list(self.regexes):
            yield from regex.finditer(string)

    def first(self, string: str) -> int | None:
        """The first place where a cue matches, or None: where the cue regex's own match
        starts (it matches wherever a cue word or an `re:` cue does; searched from there,
        its lookbehinds still see the text before)."""
        at = None
        if self.words is not None and (m := self.words.search(string)) is not None:
            at = m.start()
        for regex in self.regexes:
            if (m := regex.search(string)) is not None and (at is None or m.start() < at):
                at = m.start()
        return at


def _trie(words: list[str]) -> str:
    """A regex matching exactly these words, as a trie ("next(?: year)?|t(?:oday|...)"):
    Python's re tries the alternatives of `a|b|c` one by one at every position."""
    root: dict = {}
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}  # the end of a word

    def expand(node: dict) -> str:
        ends = "" in node
        branches = [re.escape(char) + expand(child)
                    for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 and not ends else f"(?:{'|'.join(branches)})"
        return f"{body}?" if ends else body

    return f"(?:{expand(root)})"


class CuePattern:
    """A cue regex that answers "no match" quickly: most sentences hold no cue.

    `quick` (QuickCues) matches the same texts as `regex` but not necessarily at the same
    place; only when it finds something is `regex` searched, so every result is
    `regex`'s own. The latest answers are kept:
    extraction searches the same sentence for the same cues several times.
    """

    __slots__ = ("regex", "quick", "_answers")
    MEMO = 256  # a report has a few dozen sentences

    def __init__(self, regex: re.Pattern, quick: QuickCues):
        self.regex, self.quick = regex, quick
        self._answers: dict[str, re.Match | None] = {}

    @property
    def pattern(self) -> str:
        return self.regex.pattern

    def search(self, string: str, *args: int) -> re.Match | None:
        if args:
            return self.regex.search(string, *args)
        answers = self._answers
        if string in answers:
            return answers[string]
        # from the first place a cue matches: the regex's own match, without trying its
        # hundreds of alternatives at every place before it
        at = self.quick.first(string)
        found = None if at is None else self.regex.search(string, at)
        if len(answers) >= self.MEMO:
            answers.clear()
        answers[string] = found
        return found

    def finditer(self, string: str, *args: int) -> Iterator[re.Match]:
        """The regex's own matches, searched from the first place a cue matches."""
        if args:
            return self.regex.finditer(string, *args)
        at = self.quick.first(string)
        return iter(()) if at is None else self.regex.finditer(string, at)

    def __getattr__(self, name: str):  # match, fullmatch, ...: the regex's own
        return getattr(self.regex, name)


def _words_alternation(words: list[str] | None, lower: bool = False) -> str:
    """A regex alternation of the words, longest first, or one that never matches."""
    texts = (str(w).lower() if lower else str(w) for w in words or [])
    return "|".join(re.escape(w) for w in sorted(texts, key=len, reverse=True)) or "(?!)"


def reference_pattern(phrases: list[str] | None, demonyms: list[str] | None,
                      openers: list[str] | None = None,
                      titles: list[str] | None = None, anchored: bool = True) -> re.Pattern:
    """Phrases that name a rider without his name ("the Belgian", "de 25-jarige", "he"),
    at the start of a sentence or a clause, never right before the rider's own name
    ("the Belgian Wout van Aert" is an apposition, and so is "the Italian Mario Monte",
    a name read as a climb). `{demonym}` is any word of `demonyms`.
    `openers` (reference_openers in the language file) are verbs after which the subject
    stands in a language that inverts it: German "Am Freitag gewann der Belgier ...".
    `{title}` is any phrase of `titles` ("world champion"), in a group tit0, tit1 ...
    Not `anchored`: a phrase may stand anywhere (`object_references`, which say with a
    lookbehind what comes before them: "(?<=ahead of )the {demonym}")."""
    if not phrases:
        return re.compile("(?!)")
    demonym, title = _words_alternation(demonyms, lower=True), _words_alternation(titles)
    alternatives = "|".join(  # one named group per phrase: dem0, dem1, ..., tit0, ...
        "(?:" + p.replace("{demonym}", f"(?P<dem{i}>{demonym})").replace(
            "{title}", f"(?P<tit{i}>{title})") + ")"
        for i, p in enumerate(phrases))
    after = "".join(f"|(?<= {re.escape(str(w).lower())} )" for w in openers or [])
    start = rf"(?:^|(?<=, ){after})" if anchored else r"(?<![^ ])"
    return re.compile(rf"{start}(?:{alternatives})(?= )(?! <[pc]\d+>)(?! ['’]s\b)")


def apposition_pattern(phrases: list[str], demonyms: list[str] | None,
                       titles: list[str], extra: list[str] | None = None) -> re.Pattern:
    """The reference phrases that describe a rider (by a demonym, a title or an age, not a
    pronoun nor a team) where they stand right before his name ("der Brite Matthew
    Brennan"), and the language's `appositions` (descriptions that are no reference by
    themselves: "sa compatriote", "dem Niederländer"): the words are part of how he is
    named."""
    kept = [p for p in phrases if "{team}" not in p
            and ("{demonym}" in p or "{title}" in p or "\\d" in p)]
    kept += [str(p) for p in extra or []]
    if not kept:
        return re.compile("(?!)")
    demonym, title = _words_alternation(demonyms, lower=True), _words_alternation(titles)
    alternatives = "|".join(
        "(?:" + p.replace("{demonym}", f"(?:{demonym})").replace("{title}", f"(?:{title})") + ")"
        for p in kept)
    # a title set off by commas before the name: "Zwyciężyła aktualna mistrzyni świata, X, ..."
    set_off = rf"|(?:{title}) , (?=<p\d+> [,.;])" if titles else ""
    return re.compile(rf"(?<![^ ])(?:(?:{alternatives}) (?=<p\d+>){set_off})")


WORD_FIRST = re.compile(r"(?:\(\?:)*[^\W\d_]")  # a letter first, maybe inside groups


def compile_template(source: str, ordinals: dict[str, int],
                     and_words: tuple[str, ...] = ()) -> Template:
    """Expands {1}, {r}, {ord}, {num}, {gap:2}, {start} ... into a regex with named groups.
    `and_words` are a language's own words for "and" in a list of riders ({riders})."""
    ord_words = sorted(ordinals, key=len, reverse=True)
    ord_alt = "|".join(re.escape(w) for w in ord_words) or "(?!)"
    seen: dict[str, int] = {}

    def group(name: str, pattern: str) -> str:
        seen[name] = seen.get(name, 0) + 1
        suffix = "" if seen[name] == 1 else f"_{seen[name]}"
        return f"(?P<{name}{suffix}>{pattern})"

    def expand(match: re.Match) -> str:
        key = match.group(1)
        if key.isdigit():
            return group(f"r{key}", r"<p\d+>")
        if key == "r":
            return group("rr", r"<p\d+>")
        if key == "ord":
            return group("ord", ord_alt)
        if key == "num":  # a rank written as a bare number: "en el puesto 21"
            return group("ord", r"\d{1,3}")
        if key.startswith("gap:"):
            return group(f"gap_{key[4:]}", r"<g\d+>")
        if key in ("start", "finish"):
            return group(key, r"<[lc]\d+>")  # a town, or a summit finish
        if key == "riders" and and_words:
            links = "|".join(re.escape(w) for w in and_words)
            return group(key, rf"<p\d+>(?: (?:,|and|en|et|e|y|und|&|{links}) <p\d+>)+")
        if key in PLACEHOLDER:
            return group(key, PLACEHOLDER[key])
        raise ValueError(f"unknown placeholder {{{key}}} in template {source!r}")

    # A placeholder stands where a word may: "\d{4}" stays a regex quantifier.
    pattern = re.sub(r"(?<![\w\\\]])\{([a-z0-9:]+)\}", expand, source).replace("…", ANY_WORDS)
    if WORD_FIRST.match(source):
        # A template that opens with a word starts at a word's start: "o vencedor , X" must
        # not match the o of "o último vencedor , X" (regexes search the whole sentence).
        pattern = r"(?<!\w)" + pattern
    return Template(source, prefiltered(re.compile(pattern)))


# --- template regexes, prefiltered ---------------------------------------------
#
# Extraction searches every template of a field in every sentence: some 850 searches a
# report, nearly all of which fail. Most templates need a word no sentence but a few
# contains ("outsprinted", "(?:won|wins) the stage"); looking for that word first (`in`,
# in C) is cheaper than letting the regex engine try the pattern at every position.


def prefiltered(regex: re.Pattern) -> re.Pattern | Prefiltered:
    """The regex, or a Prefiltered regex when it needs a telling literal."""
    try:
        needles = _telling_literals(regex)
    except Exception:  # noqa: BLE001 - an unknown regex construct: search as it is
        return regex
    return Prefiltered(regex, needles) if needles else regex


class TemplateIndex:
    """The templates of a field that can match a string, in their order: those with no
    needle, and those one of whose needles the string contains. One regex finds every
    needle the string contains: the needles as a trie, tried at every position, match the
    longest needle that starts there, and the other needles that start there are its
    prefixes (`_hits`). One search replaces one `in` per distinct needle (the results field
    has 80-190 of them, a Python loop of 60 µs a sentence; the search takes 10)."""

    __slots__ = ("templates", "plain", "by_needle", "regexes", "_plain_regexes", "_finder",
                 "_hits")

    def __init__(self, templates: list[Template]):
        self.templates = templates
        self.plain: list[int] = []
        self.by_needle: dict[str, list[int]] = {}
        for i, template in enumerate(templates):
            if isinstance(template.regex, Prefiltered):
                for needle in template.regex.needles:
                    self.by_needle.setdefault(needle, []).append(i)
            else:
                self.plain.append(i)
        self.regexes = [_plain_regex(t.regex) for t in templates]
        self._plain_regexes = [self.regexes[i] for i in self.plain]
        needles = sorted(self.by_needle)
        self._hits = {needle: {i for other in needles if needle.startswith(other)
                               for i in self.by_needle[other]} for needle in needles}
        self._finder = re.compile(f"(?=({_trie(needles)}))") if needles else None

    def candidates(self, string: str) -> list[re.Pattern]:
        """The regexes to run on `string`: exactly the templates that may match it."""
        found = set(self._finder.findall(string)) if self._finder is not None else ()
        if not found:
            return list(self._plain_regexes)
        chosen = set(self.plain)
        for needle in found:
            chosen |= self._hits[needle]
        regexes = self.regexes
        return [regexes[i] for i in sorted(chosen)]


def _plain_regex(regex: re.Pattern | Prefiltered) -> re.Pattern:
    return regex.regex if isinstance(regex, Prefiltered) else regex


class Prefiltered:
    """A regex that is only run on strings containing one of `needles`.

    Every match of the regex contains one of the needles (`_required_literals` reads
    them off the parsed pattern), so a string without any cannot match: `search` and
    `finditer` return exactly what the regex's own would.
    """

    __slots__ = ("regex", "needles", "search", "finditer")

    def __init__(self, regex: re.Pattern, needles: tuple[str, ...]):
        self.regex, self.needles = regex, needles
        regex_search, regex_finditer = regex.search, regex.finditer
        # One closure call a search (these run some 850 times a report).
        if len(needles) == 1:
            (needle,) = needles

            def search(string: str, *args: int) -> re.Match | None:
                return regex_search(string, *args) if needle in string else None

            def finditer(string: str, *args: int) -> Iterator[re.Match]:
                return regex_finditer(string, *args) if needle in string else iter(())
        else:
            def search(string: str, *args: int) -> re.Match | None:
                for needle in needles:
                    if needle in string:
                        return regex_search(string, *args)
                return None

            def finditer(string: str, *args: int) -> Iterator[re.Match]:
                for needle in needles:
                    if needle in string:
                        return regex_finditer(string, *args)
                return iter(())
        self.search, self.finditer = search, finditer

    @property
    def pattern(self) -> str:
        return self.regex.pattern

    def __getattr__(self, name: str):  # match, fullmatch, groupindex ...: the regex's own
        return getattr(self.regex, name)


def _telling_literals(regex: re.Pattern) -> tuple[str, ...]:
    """Literals of which every match contains one, when they are worth looking for:
    the required literal (or set of alternatives) with the fewest letters in its
    shortest member, fewer alternatives breaking ties; () when nothing is telling."""
    best, best_score = (), 2.0  # a word of at least three letters
    for needles in _required_literals(regex):
        score = (min(sum(c.isalpha() for c in n) for n in needles)
                 - 0.5 * (len(needles) - 1) ** 0.5)
        if score > best_score:
            best, best_score = needles, score
    return best


def _required_literals(regex: re.Pattern) -> list[tuple[str, ...]]:
    """Sets of strings such that every match of `regex` contains one of each set."""
    from re import _constants as sre
    from re import _parser

    if regex.flags & (re.IGNORECASE | re.LOCALE):
        return []

    def atoms(items: list) -> list:
        """What every match of this sequence contains: strings (literal runs) and
        ('or', [atoms of each alternative])."""
        out: list = []
        run: list[str] = []

        def flush() -> None:
            if run:
                out.append("".join(run))
                run.clear()

        for op, av in items:
            if op is sre.LITERAL:
                run.append(chr(av))
            elif op is sre.SUBPATTERN:
                _, add_flags, _, inner = av
                if add_flags & (re.IGNORECASE | re.LOCALE):
                    flush()
                elif inner.data and all(o is sre.LITERAL for o, _ in inner.data):
                    run.extend(chr(c) for _, c in inner.data)
                else:
                    flush()
                    out.extend(atoms(inner.data))
            elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
                flush()
                if av[0] >= 1:  # matched at least once
                    out.extend(atoms(av[2].data))
            elif op is sre.BRANCH:
                flush()
                out.append(("or", [atoms(alt.data) for alt in av[1]]))
            elif op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
                pass  # zero width: the literals on either side are matched side by side
            else:  # a class, any character, a backreference ...: ends the literal run
                flush()
        flush()
        return out

    found: list[tuple[str, ...]] = []
    for atom in atoms(_parser.parse(regex.pattern, regex.flags).data):
        if isinstance(atom, str):
            if atom.strip():
                found.append((atom,))
            continue
        # one of the alternatives: each contributes its longest required string
        members = []
        for alternative in atom[1]:
            strings = [a for a in alternative if isinstance(a, str) and a.strip()]
            if not strings:
                break
            members.append(max(strings, key=len))
        else:
            shortest_first = sorted(set(members), key=len)
            kept: list[str] = []
            for member in shortest_first:  # "beat" covers "beats": a string with one
                if not any(k in member for k in kept):  # contains the other
                    kept.append(member)
            found.append(tuple(kept))
    return found


def team_pattern(template: str) -> re.Pattern:
    """'{team} 's {rider}', '{rider} , who rides for {team}': a rider's team stated around
    him, as a regex over the abstract with the groups `rider` and `team`."""
    regex = (template.replace("{rider}", r"(?P<rider><p\d+>)")
             .replace("{team}", r"(?P<team><t\d+>)"))
    if "(?P<rider>" not in regex or "(?P<team>" not in regex:
        raise ValueError(f"team pattern without {{rider}} and {{team}}: {template}")
    return re.compile(r"(?<!\S)" + regex + r"(?!\S)")


@cache
def lexicon(lang: str) -> Lexicon:
    common = _load("common.yml")
    data = _load(f"{lang}.yml") if lang != FALLBACK_LANG else {}
    ordinals = {str(k).lower(): int(v) for k, v in (data.get("ordinals") or {}).items()}
    numbers = {str(k).lower(): int(v) for k, v in (data.get("number_words") or {}).items()}

    and_words = tuple(str(w).lower() for w in data.get("and_words") or [])
    final_win = data.get("final_win") or {}

    def templates(items) -> list[Template]:
        return [compile_template(t, {**ordinals, **numbers}, and_words) for t in (items or [])]

    def units(key: str) -> list[str]:  # common.yml's, and the language's own
        return [*(common.get(key) or []), *(data.get(key) or [])]

    stage_patterns = []  # prefiltered: every sentence is searched for every one
    for item in data.get("stage") or []:
        if isinstance(item, str):
            stage_patterns.append((prefiltered(re.compile(item)), None))
        else:
            stage_patterns.append((prefiltered(re.compile(item["pattern"])), item.get("value")))
    jerseys = data.get("jerseys") or {}
    breakaway = data.get("breakaway") or {}
    titles = {str(phrase).lower(): str(key) for key, phrases in (data.get("titles") or {}).items()
              for phrase in phrases}
    return Lexicon(
        lang=lang,
        stop_caps=frozenset(data.get("stop_caps") or []),
        particles=frozenset([*common.get("name_particles", []), *data.get("name_particles", [])]),
        place_starters=frozenset([*common.get("place_starters", []),
                                  *data.get("place_starters", [])]),
        climb_words=frozenset(w.lower() for w in [*common.get("climb_words", []),
                                                  *data.get("climb_words", [])]),
        not_climb_words=frozenset(data.get("not_climb_words") or []),
        climb_not_after=frozenset(w.lower() for w in [*common.get("climb_not_after", []),
                                                      *data.get("climb_not_after", [])]),
        town_climbs=_town_climbs(common),
        possessives=frozenset(w.lower() for w in common.get("possessives", [])),
        weak_particles=frozenset([*common.get("weak_particles", []),
                                  *data.get("weak_particles", [])]),
        women_cues=cue_pattern([*common.get("women_cues", []), *data.get("women_cues", [])]),
        stage_words=cue_pattern(common.get("stage_words")),
        bonus_before=re.compile(r"(?<!\w)(?:" + "|".join(
            re.escape(str(w).lower()) for w in common.get("bonus_words") or [])
            + r")\s*(?:(?:di|de|of|von|van|do|z)\s+)?[:(]?\s*$" if common.get("bonus_words")
            else "(?!)", re.IGNORECASE),
        bonus_stems=tuple(sorted({str(w).lower().rstrip('.')[:5] for w in
                                  common.get("bonus_words") or [] if len(str(w)) >= 5})),
        season_jerseys=cue_pattern(common.get("season_jerseys")),
        leader_jerseys=frozenset(common.get("leader_jerseys") or []),
        unknown_race=re.compile("|".join(str(p) for p in common.get("race_names") or [])
                                or "(?!)"),
        town_connectors=_word_set(common.get("town_connectors"), lower=False),
        place_prepositions=_word_set(common.get("place_prepositions"),
                                     data.get("place_prepositions"), lower=False),
        race_titles=_word_set(common.get("race_titles")),
        edition_words=_word_set(common.get("edition_words")),
        edition_ordinal=re.compile(str(common.get("edition_ordinal") or "(?!)")),
        edition_not_after=_word_set(common.get("edition_not_after")),
        edition_year=_edition_year(common.get("edition_words") or [],
                                   common.get("edition_year_links") or []),
        plain_year=_plain_year(common.get("not_year_before") or [],
                               common.get("not_year_after") or []),
        dated=_words_before(common.get("dateline_words")),
        updated=_words_before(common.get("update_words")),
        approximate=_words_before(common.get("approximate_words")),
        relative_words=_word_set(common.get("relative_words"), data.get("relative_words")),
        full_date=_full_date(common.get("months") or []),
        women_words=cue_pattern([*common.get("women_cues", []), *data.get("women_cues", []),
                                 *data.get("women_words", [])]),
        stop_cap_suffixes=_suffix_pattern(data.get("stop_cap_suffixes")),
        town_demonym_endings=tuple(sorted((str(e) for e in data.get("town_demonym_endings") or []),
                                          key=len, reverse=True)),
        ordinal_dot=bool(data.get("ordinal_dot", False)),
        nation_codes=frozenset(common.get("nation_codes") or []),
        ordinals=ordinals,
        number_words=numbers,
        gap_phrases={str(k).lower(): int(v) for k, v in (data.get("gap_phrases") or {}).items()},
        stage=stage_patterns,
        stage_distractors=cue_pattern(data.get("stage_distractors")),
        other_day=cue_pattern(data.get("other_day")),
        edition_win=cue_pattern(data.get("edition_win")),
        demonyms=_word_set(data.get("demonyms")),
        # the team phrases first: "den 24-årige Sunweb-rytter" is the team's rider, not
        # only "den 24-årige" (an alternation takes the first phrase that matches)
        references=reference_pattern(
            [*(str(t).replace("{team}", r"<t\d+>") for t in data.get("team_references") or []),
             *(data.get("references") or [])],
            data.get("demonyms"), data.get("reference_openers"), list(titles)),
        latter_references=reference_pattern(
            data.get("latter_references"), None, None, None, anchored=False),
        object_references=reference_pattern(
            [str(t).replace("{team}", r"<t\d+>") for t in data.get("object_references") or []],
            data.get("demonyms"), None, list(titles), anchored=False),
        appositions=apposition_pattern(data.get("references") or [], data.get("demonyms"),
                                       list(titles), data.get("appositions")),
        team_link=re.compile(r"(<p\d+>) (?:" + "|".join(
            re.escape(str(w)) for w in data.get("team_links") or []) + r") (<t\d+>)")
        if data.get("team_links") else re.compile("(?!)"),
        gap_behind=re.compile(r"(?:<g\d+>|\d+(?:[:'.’]\d\d)+['’\"”]*) (?:" + "|".join(
            re.escape(str(w)) for w in data.get("gap_behind") or []) + r") (<p\d+>)")
        if data.get("gap_behind") else re.compile("(?!)"),
        name_team_link=re.compile(r"(<p\d+>) , (?:" + "|".join(
            re.escape(str(w)) for w in data.get("team_links") or [] if not str(w).startswith(","))
            + r") (<p\d+>)(?= ,)")
        if data.get("team_links") else re.compile("(?!)"),
        team_patterns=tuple(team_pattern(t) for t in data.get("team_patterns") or []),
        team_compound_heads=_word_set(data.get("team_compound_heads")),
        clause_break=clause_break_pattern([*common.get("clause_breaks", []),
                                           *data.get("clause_breaks", [])]),
        asides=re.compile("|".join(f"(?:{a})" for a in data.get("asides") or []) or "(?!)"),
        one_day_cues=[s.lower() for s in data.get("one_day_cues") or []],
        result_distractors=cue_pattern([*data.get("result_distractors", []),
                                        *data.get("category_cues", [])]),
        results=(results := templates(data.get("results"))),
        results_index=TemplateIndex(results),
        route=templates(data.get("route")),
        start=templates(data.get("start")),
        finish=templates(data.get("finish")),
        distance=templates(data.get("distance")),
        jersey_names={str(k).lower(): v for k, v in (jerseys.get("names") or {}).items()},
        jerseys=templates(jerseys.get("templates")),
        jersey_boxes=templates(jerseys.get("boxes")),
        standings=[(str(key), t) for key, items in (jerseys.get("standings") or {}).items()
                   for t in templates(items)],
        standing_boxes=[(str(key), t)
                        for key, items in (jerseys.get("standing_boxes") or {}).items()
                        for t in templates(items)],
        jersey_lists=[(str(key), cue_pattern(cues))
                      for key, cues in (jerseys.get("lists") or {}).items()],
        jersey_list_not=cue_pattern(jerseys.get("list_not")),
        jersey_proxy=cue_pattern(jerseys.get("proxy")),
        breakaway_members=templates(breakaway.get("members")),
        breakaway_max_gap=templates(breakaway.get("max_gap")),
        breakaway_caught=templates(breakaway.get("caught")),
        speech_verbs=frozenset(data.get("speech_verbs") or []),
        km_units=units("km_units"),
        second_units=units("second_units"),
        minute_units=units("minute_units"),
        and_words=and_words,
        second_predicate=second_predicate_pattern(data.get("predicate_and")),
        dash_quotes=bool(data.get("dash_quotes", False)),
        genitive_s=bool(data.get("genitive_s", False)),
        mile_units=units("mile_units"),
        speed_after=units("speed_after"),
        case_endings=tuple(sorted({str(e) for e in data.get("case_endings") or []},
                                  key=len, reverse=True)),
        stem_endings=tuple(str(e) for e in data.get("stem_endings") or []),
        sure_endings={str(k): str(v) for k, v in (data.get("sure_endings") or {}).items()},
        stem_alternations={str(k): str(v)
                           for k, v in (data.get("stem_alternations") or {}).items()},
        oblique_demonyms={str(w).lower(): str(ending) for ending, words
                          in (data.get("oblique_demonyms") or {}).items() for w in words},
        clock_gap_cues=tuple(str(w) for w in data.get("clock_gap_cues") or []),
        list_gap_cues=tuple(str(w) for w in data.get("list_gap_cues") or []),
        final_win_verbs=_word_set(final_win.get("verbs"), lower=False),
        final_win_articles=_word_set(final_win.get("articles"), lower=False),
        final_win_links=_word_set(final_win.get("links"), lower=False),
        final_win_tails=tuple(str(w) for w in final_win.get("tails") or []),
        results_titles=cue_pattern(data.get("results_titles")),
        yesterday=tuple((cue_pattern([str(cue)]), str(instead or "")) for cue, instead
                        in (data.get("yesterday") or {}).items()),
        today=cue_pattern(data.get("today")),
        relegations=templates(data.get("relegations")),
        category_cues=cue_pattern(data.get("category_cues")),
        time_trial_cues=cue_pattern(data.get("time_trial_cues")),
        road_race_cues=cue_pattern(data.get("road_race_cues")),
        weekdays=_weekdays(common.get("weekdays")),
        continuations=cue_pattern(data.get("continuations")),
        months=_months((data.get("months") or {}).get("names")),
        month_not_after=_word_set((data.get("months") or {}).get("not_after")),
        month_phrases=cue_pattern((data.get("months") or {}).get("phrases")),
        month_subordinate=_word_set((data.get("months") or {}).get("subordinate")),
        races=_with_aliases(races(), data.get("race_aliases")),
        teams=_with_aliases(teams(), data.get("team_aliases")),
        titles=titles,
    )


def _word_set(*lists: list | None, lower: bool = True) -> frozenset[str]:
    """The words of a language file's lists (missing lists are empty), lower-cased unless
    the list is matched as written."""
    return frozenset(str(w).lower() if lower else str(w) for items in lists for w in items or [])


def _weekdays(days: list[list[str]] | None) -> re.Pattern:
    """'thursday', "thursday's", 'donnerstags', 'torsdagens': a day of the week, in group
    d0 (Monday) ... d6 (Sunday)."""
    if not days:
        return re.compile("(?!)")
    groups = "|".join(f"(?P<d{i}>" + "|".join(re.escape(str(w).lower()) for w in words) + ")"
                      for i, words in enumerate(days))
    return re.compile(rf"(?<!\w)(?:{groups})(?:['’]s|s|ens?)?(?!\w)")


def _months(names: list[list[str]] | None) -> re.Pattern:
    """'March', 'marts', 'marca': a month's name as the language writes it (case and all),
    in group m1 (January) ... m12 (December)."""
    if not names:
        return re.compile("(?!)")
    groups = "|".join(f"(?P<m{i + 1}>" + "|".join(re.escape(str(w)) for w in words) + ")"
                      for i, words in enumerate(names))
    return re.compile(rf"(?<!\w)(?:{groups})(?!\w)")


def _words_before(words: list[str] | None) -> re.Pattern:
    """One of the words ending a text, a colon after it or not ("Stand:", "Publié le")."""
    if not words:
        return re.compile("(?!)")
    alternatives = "|".join(re.escape(str(w)) for w in words)
    return re.compile(rf"(?<!\w)(?:{alternatives})\s*:?\s*$", re.IGNORECASE)


def _edition_year(words: list[str], links: list[str]) -> re.Pattern:
    """'the 2021 edition', "l'édition 2021", 'la edición de 2021', '2021-udgaven': the
    year (group `year`, or `year2` before the edition word)."""
    if not words:
        return re.compile("(?!)")
    names = "|".join(sorted((re.escape(str(w)) for w in words), key=len, reverse=True))
    link = "|".join(re.escape(str(w)) for w in links)
    link = rf"(?:(?:{link})\s+)?" if link else ""
    return re.compile(rf"\b(?:{names})\s+{link}(?P<year>(?:19|20)\d\d)\b(?![.,/-]\d)"
                      rf"|(?<![\d.,/-])\b(?P<year2>(?:19|20)\d\d)(?:['’]s\s+|\s+|-)(?:{names})\b",
                      re.IGNORECASE)


def second_predicate_pattern(links: list[str] | None) -> re.Pattern | None:
    if not links:
        return None
    alternatives = "|".join(re.escape(str(w)) for w in links)
    return re.compile(rf"(?P<rider><p\d+>(?: \( <t\d+> \))?) (?:(?!<)[^\s,]+ ){{1,8}}?"
                      rf"(?:{alternatives}) (?P<rest>(?!<)\S.*)")


def clause_break_pattern(breaks: list[str]) -> re.Pattern:
    """Where a trailing clause starts: a comma and one of the words ("X won, while Y
    leads"), or a `re:` entry as written, comma and all ("re: while(?= )": "X won the stage
    while Y kept the lead")."""
    words = [re.escape(str(w)) for w in breaks if not str(w).startswith("re:")]
    parts = [r" ?, (?:" + "|".join(words) + r")\b"] if words else []
    parts += [str(w)[3:] for w in breaks if str(w).startswith("re:")]
    return re.compile("|".join(f"(?:{p})" for p in parts)) if parts else re.compile("(?!)")


def _plain_year(before: list[str], after: list[str]) -> re.Pattern:
    """A year (group `year`) not part of a longer number or date, not right after one of
    `before` ("©") nor before one of `after` (a unit: "2019 m")."""
    not_before = "".join(rf"(?<!{re.escape(str(w))} )(?<!{re.escape(str(w))})" for w in before)
    units = "|".join(re.escape(str(w)) for w in after) or "(?!)"
    return re.compile(rf"{not_before}(?<![\d.,/-])\b(?P<year>19\d\d|20[0-4]\d)\b"
                      rf"(?![.,/-]\d)(?!\s*(?:{units})(?!\w))", re.IGNORECASE)


def _full_date(months: list[str]) -> re.Pattern:
    """'14.07.2023', '11/06/2023', '26 juillet 1997', '24. April 2005', '3 de mayo de 2019',
    '14th July 2019', 'October 13, 1999': a day, a month and the year (group `year`, `year2`
    after a month's name, `year3` after a day that follows the month; `date_year` reads
    any)."""
    names = "|".join(sorted((re.escape(str(m)) for m in months), key=len, reverse=True))
    numeric = r"\b\d{1,2}[./-]\d{1,2}[./-](?P<year>(?:19|20)\d\d)\b"
    words = (rf"\b\d{{1,2}}\.?(?:º|er|st|nd|rd|th)? (?:de |of )?(?:{names or '(?!)'}) (?:de )?"
             r"(?P<year2>(?:19|20)\d\d)\b")
    month_first = (rf"\b(?:{names or '(?!)'}) \d{{1,2}}(?:st|nd|rd|th)?,? "
                   r"(?P<year3>(?:19|20)\d\d)\b")
    return re.compile(f"{numeric}|{words}|{month_first}", re.IGNORECASE)


def date_year(m: re.Match) -> tuple[int, int]:
    """The year a `full_date` or `edition_year` match gives, and where it stands."""
    group = next(g for g in ("year", "year2", "year3") if g in m.re.groupindex and m.group(g))
    return int(m.group(group)), m.start(group)


def _with_aliases(entries: list[dict], extra: dict | None) -> list[dict]:
    """A language file may add aliases: `race_aliases: {Tour de France: [...]}`."""
    if not extra:
        return entries
    unknown = set(extra) - {e["name"] for e in entries}
    if unknown:
        raise ValueError(f"aliases for unknown names: {sorted(unknown)}")
    return [
        {**e, "aliases": [*e.get("aliases", []), *extra.get(e["name"], [])]} for e in entries
    ]


@cache
def races() -> list[dict]:
    return _load("races.yml") or []


@cache
def _races_by_name() -> dict[str, dict]:
    return {r["name"]: r for r in races()}


def race_info(name: str) -> dict:
    """A race's entry in races.yml by its name; {} for a name it does not list."""
    return _races_by_name().get(name, {})


@cache
def teams() -> list[dict]:
    return _load("teams.yml") or []


def has_language(lang: str) -> bool:
    return (DATA / f"{lang}.yml").exists()
