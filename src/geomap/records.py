"""Plain, frozen records passed between pipeline stages.

Each stage takes records and returns records, so the same functions map over
partitions of a corpus (for instance with Dask) as well as over one file.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Optional


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer entry."""

    place_id: str
    name: str
    lat: float
    lon: float
    country_code: str
    feature_class: str  # GeoNames class: P populated place, A administrative area, L area
    feature_code: str  # GeoNames code: PPLA, PPLC, ADM1, ADM2, PCLI, RGN ...
    population: int = 0
    admin1: str = ""
    source: str = "geonames"

    @property
    def feature(self) -> str:
        """A readable kind: city, town, district, region, country, area."""
        from geomap.gazetteer.kinds import feature_kind

        return feature_kind(self.feature_class, self.feature_code, self.population)


@dataclass(frozen=True, slots=True)
class Candidate:
    """A place a mention might refer to, with the ranker's score."""

    place: Place
    score: float


@dataclass(frozen=True, slots=True)
class Mention:
    """A place name found in a text: the span is evidence, `text[start:end] == surface`.

    `place` is None when no gazetteer entry could be chosen: such mentions are kept
    and shown as unresolved, never dropped.
    """

    start: int
    end: int
    surface: str
    place: Optional[Place]
    precision: int  # UCDP where_prec, see geomap.precision
    confidence: float
    role: str = "place"  # "place" or "demonym"
    runners_up: tuple[Candidate, ...] = ()

    def to_json(self) -> dict:
        """The stable JSON shape of `geomap geocode`: extend only by adding keys."""
        p = self.place
        return {
            "start": self.start,
            "end": self.end,
            "text": self.surface,
            "place_id": p.place_id if p else None,
            "name": p.name if p else None,
            "lat": p.lat if p else None,
            "lon": p.lon if p else None,
            "country_code": p.country_code if p else None,
            "feature": p.feature if p else None,
            "precision": self.precision if p else None,
            "confidence": round(self.confidence, 3),
            "role": self.role,
            "runners_up": [
                {"place_id": c.place.place_id, "name": c.place.name, "country_code": c.place.country_code,
                 "lat": c.place.lat, "lon": c.place.lon, "score": round(c.score, 3)}
                for c in self.runners_up
            ],
        }


@dataclass(frozen=True, slots=True)
class Report:
    """One news report as read from disk or a batch, body text kept verbatim.

    `text` is what spans point into (title line included, boilerplate kept but
    marked by `body_start`/`body_end` when detected).
    """

    report_id: str  # file name as ingested, or the id within a batch
    text: str
    title: str = ""
    publisher: str = ""
    url: str = ""
    published: Optional[str] = None  # ISO date YYYY-MM-DD
    published_evidence: str = ""  # the words the date was read from
    published_confidence: float = 0.0
    source_path: str = ""
    content_hash: str = ""  # sha256 of the normalised body: idempotent ingest and duplicate detection


@dataclass(frozen=True, slots=True)
class IngestProblem:
    """A report that could not be taken in, and why: shown in the ingest summary."""

    path: str
    reason: str


@dataclass(frozen=True, slots=True)
class EventDate:
    """An event's date range with UCDP date_prec (1 day ... 5 year) and the words it came from."""

    start: Optional[str]  # ISO date
    end: Optional[str]
    precision: Optional[int]
    evidence: str = ""


@dataclass(frozen=True, slots=True)
class SourceRef:
    """One report telling an incident: where and in which words."""

    report_id: str
    publisher: str
    published: Optional[str]
    sentence: str
    start: int  # span of the sentence in the report text
    end: int
    killed_low: Optional[int] = None
    killed_high: Optional[int] = None
    wounded_low: Optional[int] = None
    wounded_high: Optional[int] = None
    casualty_reporter: str = ""
    mention_spans: tuple[tuple[int, int], ...] = ()  # place-name spans inside the report
    claimant: str = ""  # who this source says makes the claim ("" when the source narrates it itself)
    is_claim: bool = True
    civilians_killed_low: Optional[int] = None
    civilians_killed_high: Optional[int] = None
    syndication_group: str = ""  # reports that are copies of one story share a group (see geomap.merge)


@dataclass(frozen=True, slots=True)
class Incident:
    """What happened where and when, who says so, and every report that tells it."""

    incident_id: str
    event_type: str  # geomap taxonomy, see geomap.events.EVENT_TYPES
    acled_event_type: str
    date: EventDate
    places: tuple[Mention, ...]
    killed_low: Optional[int] = None
    killed_high: Optional[int] = None
    wounded_low: Optional[int] = None
    wounded_high: Optional[int] = None
    claimant: str = ""
    is_claim: bool = True  # reported speech stays a claim, never established fact
    denied_by: tuple[str, ...] = ()
    counter_claims: tuple[str, ...] = ()
    verification: str = ""
    sources: tuple[SourceRef, ...] = ()
    corroboration: int = 1  # independent sources (syndicated copies count once)
    casualty_reporter: str = ""  # who gave the killed/wounded figures ("the Azeri Prosecutor General's Office")
    civilians_killed_low: Optional[int] = None  # "286 deaths ..., including 46 civilians"
    civilians_killed_high: Optional[int] = None


def as_dict(record) -> dict:
    """A record as a plain dict (for JSON and the store)."""
    return asdict(record)


__all__ = ["Place", "Candidate", "Mention", "Report", "IngestProblem", "EventDate", "SourceRef", "Incident", "as_dict"]
