"""Plain data passed from one stage of the pipeline to the next.

Data flows one way: read.py makes a `Report`, extract.py makes an `Extraction`
(facts, each with the `Evidence` it came from), store.py writes both.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Evidence:
    """Where a fact was read: character offsets into the report's text."""

    sentence_start: int
    sentence_end: int
    start: int
    end: int


@dataclass
class Report:
    """A report file as read from disk, before any extraction."""

    path: str
    source: str  # the file's name
    text: str  # the body, without the ` date YYYY-MM ` header
    published: str | None  # "YYYY-MM" from the header, when there is one
    sha256: str
    lang: str = "und"  # ISO 639-1, or "und" when undetermined
    encoding: str = "utf-8"


@dataclass
class Value:
    """A single fact (race, year, stage, town, distance) with its evidence."""

    value: object
    evidence: Evidence


@dataclass
class Result:
    rank: int
    rider: str
    evidence: Evidence
    team: str | None = None
    gap_seconds: int | None = None


@dataclass
class Climb:
    name: str
    evidence: Evidence
    length_km: float | None = None
    gradient_pct: float | None = None
    km_marker: float | None = None
    category: str | None = None


@dataclass
class Breakaway:
    riders: list[str]
    evidence: Evidence
    max_gap_seconds: int | None = None
    caught_km_to_go: float | None = None


@dataclass
class Sprint:
    place: str
    evidence: Evidence
    rider: str | None = None
    km_marker: float | None = None


@dataclass
class Jersey:
    jersey: str  # a role (leader, points, mountains, youth) or a colour (yellow, ...): jerseys.yml
    rider: str
    evidence: Evidence


@dataclass
class Quote:
    text: str
    evidence: Evidence
    speaker: str | None = None


@dataclass
class Mention:
    """A span of the text recognised as a rider, team, place, race, gap ..."""

    kind: str
    text: str
    value: str | None
    evidence: Evidence


@dataclass
class Extraction:
    race: Value | None = None
    year: Value | None = None
    stage: Value | None = None  # int; 0 is a prologue
    one_day: bool = False
    start: Value | None = None
    finish: Value | None = None
    distance_km: Value | None = None
    results: list[Result] = field(default_factory=list)
    climbs: list[Climb] = field(default_factory=list)
    breakaways: list[Breakaway] = field(default_factory=list)
    sprints: list[Sprint] = field(default_factory=list)
    jerseys: list[Jersey] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    riders: dict[str, str] = field(default_factory=dict)  # rider name -> team, where known
