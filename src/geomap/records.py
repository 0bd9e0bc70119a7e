"""Plain, frozen records passed between pipeline stages.

Each stage takes records and returns records, so the same functions map over
partitions of a corpus (for instance with Dask) as well as over one file.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import operator
import types
import typing
from dataclasses import dataclass
from typing import Callable, Optional, TypeVar, Union

from geomap.precision import acled_geo_precision, acled_time_precision, feature_kind


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

    `text` is what spans point into: the whole report, title line and page chrome included
    (`geomap.reports.story_body` strips the chrome when the story alone is needed).
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
    reading_notes: tuple[str, ...] = ()  # repairs made while reading (mixed encodings, control characters ...)


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
class SourceLink:
    """Why a report's claim joined an incident: the member claim it linked to best and the evidence, in words."""

    linked_to: str  # the member claim's id
    score: float
    evidence: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Reprint:
    """Another publication of a stored report's very words (another outlet, URL or date): the store keeps it so
    that every outlet carrying a story shows, while the story is extracted, and counts towards corroboration, once."""

    report_id: str  # file name as ingested, or the id within a batch
    publisher: str
    url: str = ""
    published: Optional[str] = None  # ISO date as the copy gives it
    source_path: str = ""

    def to_json(self) -> dict:
        """A reprint in the `geomap incidents` shape (`sources[].reprints`)."""
        return {"report": self.report_id, "publisher": self.publisher or None, "url": self.url or None,
                "published": self.published}


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
    link: Optional[SourceLink] = None  # how this source's claim joined the incident (None: the first, or alone)
    claim_id: str = ""  # the claim (one report's telling, see geomap.merge) this source is part of: reviews anchor to it
    reprints: tuple[Reprint, ...] = ()  # the same report as other outlets (or URLs, dates) published it (the store's)

    def to_json(self) -> dict:
        """A source in the `geomap incidents` shape: `mention_spans` relative to the sentence."""
        return {
            "report": self.report_id, "publisher": self.publisher or None, "published": self.published,
            "sentence": self.sentence, "start": self.start, "end": self.end,
            "killed_low": self.killed_low, "killed_high": self.killed_high,
            "wounded_low": self.wounded_low, "wounded_high": self.wounded_high,
            "civilians_killed_low": self.civilians_killed_low, "civilians_killed_high": self.civilians_killed_high,
            "casualty_reporter": self.casualty_reporter or None, "claimant": self.claimant or None,
            "is_claim": self.is_claim, "syndication_group": self.syndication_group or None,
            "mention_spans": [[a - self.start, b - self.start] for a, b in self.mention_spans],
            "link": {"linked_to": self.link.linked_to, "score": self.link.score,
                     "evidence": list(self.link.evidence)} if self.link else None,
            "claim_id": self.claim_id or None,
            "reprints": [r.to_json() for r in self.reprints],
        }

    @property
    def outlets(self) -> tuple[str, ...]:
        """Who published this telling: its own publisher, then its reprints' (a report named by its id when it
        names no publisher), each once."""
        return tuple(dict.fromkeys([self.publisher or self.report_id]
                                   + [r.publisher or r.report_id for r in self.reprints]))

    @property
    def reprinted_by(self) -> tuple[str, ...]:
        """The other outlets that printed this telling word for word (`outlets` after its own publisher)."""
        return self.outlets[1:]


#: An incident's review status (`Incident.review_status`); geomap.review decides it from the review log.
UNREVIEWED, CONFIRMED, CORRECTED, REJECTED = "unreviewed", "confirmed", "corrected", "rejected"
REVIEW_STATUSES = (UNREVIEWED, CONFIRMED, CORRECTED, REJECTED)

Range = tuple[Optional[int], Optional[int]]


@dataclass(frozen=True, slots=True)
class IncidentReview:
    """What analysts decided about an incident (see geomap.review), and what the extraction said of every field
    they corrected (`original_*` stay None for fields nobody corrected)."""

    status: str  # CONFIRMED, CORRECTED or REJECTED
    note: str = ""  # the latest review's note, and who made it when (UTC, ISO 8601)
    by: str = ""
    at: str = ""
    recheck: bool = False  # reports arrived since the last review that changed the incident: look again
    original_type: Optional[str] = None
    original_date: Optional[EventDate] = None
    original_places: Optional[tuple[Mention, ...]] = None
    original_killed: Optional[Range] = None
    original_wounded: Optional[Range] = None

    def original_json(self) -> dict:
        """The extracted values of the corrected fields, keyed as in `Incident.to_json`."""
        found: dict = {}
        if self.original_type is not None:
            found["type"] = self.original_type
        if self.original_date is not None:
            found.update(date_start=self.original_date.start, date_end=self.original_date.end,
                         time_precision=self.original_date.precision)
        if self.original_places is not None:
            found["places"] = [_incident_place_json(m) for m in self.original_places]
        if self.original_killed is not None:
            found.update(killed_low=self.original_killed[0], killed_high=self.original_killed[1])
        if self.original_wounded is not None:
            found.update(wounded_low=self.original_wounded[0], wounded_high=self.original_wounded[1])
        return found


#: The keys `IncidentReview.original_json` may hold, in order: exports give each its own `original_*` column.
ORIGINAL_KEYS = ("type", "date_start", "date_end", "time_precision", "places", "killed_low", "killed_high",
                 "wounded_low", "wounded_high")


@dataclass(frozen=True, slots=True)
class Review:
    """One analyst decision as the review log keeps it (append-only; geomap.review applies the log).

    A review is anchored to claims (`claims`: the ids of the claims the incident was made of when reviewed),
    not only to the incident id, which a re-merge may change: it follows those claims wherever merging puts them.
    """

    action: str  # confirm | reject | set | merge | split (geomap.review.ACTIONS)
    incident_id: str  # the incident as shown when reviewed (merge: every one, comma-joined)
    claims: tuple[str, ...]  # the anchor: claim ids of the incident (merge: of every incident merged)
    note: str
    by: str
    at: str  # when, UTC, ISO 8601 to the second
    field: str = ""  # what changed: status, type, date, place, killed, wounded, incidents (merge), source (split)
    before: object = None  # the value shown before, as JSON
    after: object = None  # the value after, as JSON (set place: the gazetteer place whole)
    target: str = ""  # split: the claim split out
    review_id: int = 0  # its place in the log, numbered by the store

    def to_json(self) -> dict:
        """A line of `geomap review log --json`."""
        return {"review": self.review_id, "incident": self.incident_id, "action": self.action, "field": self.field,
                "before": self.before, "after": self.after, "note": self.note, "who": self.by, "when": self.at,
                "claims": list(self.claims), "target": self.target or None}


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
    casualty_reporter: str = ""  # who gave the killed/wounded figures ("the regional governor's office")
    civilians_killed_low: Optional[int] = None  # "286 deaths ..., including 46 civilians"
    civilians_killed_high: Optional[int] = None
    background: bool = False  # history told as context (an earlier war, a battle years ago), not current violence
    review: Optional[IncidentReview] = None  # None: nobody reviewed it (geomap.review)

    @property
    def review_status(self) -> str:
        """UNREVIEWED, or the status its reviews gave it."""
        return self.review.status if self.review is not None else UNREVIEWED

    @property
    def resolved_places(self) -> tuple[Mention, ...]:
        """The places that resolved to a gazetteer entry, in order (the first is the primary place)."""
        return tuple(m for m in self.places if m.place is not None)

    @property
    def outlets(self) -> tuple[str, ...]:
        """Every outlet that carried the incident's reports, reprints included, each once, in the sources' order."""
        return tuple(dict.fromkeys(outlet for s in self.sources for outlet in s.outlets))

    @property
    def geo_precision(self) -> Optional[int]:
        """The finest UCDP where_prec among the resolved places; None when none resolved."""
        precisions = [m.precision for m in self.places if m.place is not None and m.precision]
        return min(precisions) if precisions else None

    @property
    def acled_geo_precision(self) -> Optional[int]:
        """ACLED geo_precision (1-3) of `geo_precision`."""
        return acled_geo_precision(self.geo_precision) if self.geo_precision else None

    @property
    def acled_time_precision(self) -> Optional[int]:
        """ACLED time_precision (1-3) of the date's UCDP date_prec."""
        return acled_time_precision(self.date.precision) if self.date.precision else None

    def to_json(self) -> dict:
        """The stable JSON shape of `geomap incidents` (and every export's properties): extend only by adding keys."""
        review = self.review
        return {
            "id": self.incident_id, "type": self.event_type, "acled_event_type": self.acled_event_type or None,
            "date_start": self.date.start, "date_end": self.date.end, "time_precision": self.date.precision,
            "places": [_incident_place_json(m) for m in self.places],
            "killed_low": self.killed_low, "killed_high": self.killed_high,
            "wounded_low": self.wounded_low, "wounded_high": self.wounded_high,
            "claimant": self.claimant or None, "denied_by": list(self.denied_by),
            "verification": self.verification or None, "corroboration": self.corroboration,
            "sources": [s.to_json() for s in self.sources],
            # added fields
            "is_claim": self.is_claim, "counter_claims": list(self.counter_claims),
            "casualty_reporter": self.casualty_reporter or None,
            "civilians_killed_low": self.civilians_killed_low, "civilians_killed_high": self.civilians_killed_high,
            "geo_precision": self.geo_precision, "acled_geo_precision": self.acled_geo_precision,
            "acled_time_precision": self.acled_time_precision, "background": self.background,
            "review_status": self.review_status, "review_recheck": bool(review and review.recheck),
            "review_note": review.note if review else None, "reviewed_by": review.by if review else None,
            "reviewed_at": review.at if review else None,
            "original": (review.original_json() or None) if review else None,
            "outlets": list(self.outlets),
        }


def _incident_place_json(mention: Mention) -> dict:
    p = mention.place
    return {"place_id": p.place_id if p else None, "name": p.name if p else mention.surface,
            "lat": p.lat if p else None, "lon": p.lon if p else None, "precision": mention.precision if p else None}


# --- records as plain dicts and back (the store keeps them as JSON) ---------------------------------------

R = TypeVar("R")


def as_dict(record) -> dict:
    """A record as a plain dict of JSON types: nested records as dicts, tuples as lists."""
    return _encode(record)


def as_json(record) -> str:
    """`json.dumps(as_dict(record), ensure_ascii=False)`, a quarter faster: JSON's encoder walks the tuples and
    lists itself and asks `_fields` only of the records it meets (the store writes every claim and incident so)."""
    return json.dumps(record, ensure_ascii=False, default=_fields)


def _encode(value):
    kind = type(value)
    if kind in _PLAIN:
        return value
    if kind is tuple or kind is list:
        return [_encode(v) for v in value]
    if dataclasses.is_dataclass(kind):
        return {name: _encode(getattr(value, name)) for name in _field_names(kind)}
    return value


def _fields(record) -> dict:
    """A record's fields by name, their values as they are (JSON's `default` for a record)."""
    kind = type(record)
    if not dataclasses.is_dataclass(kind):
        raise TypeError(f"{kind.__name__} is not a record and has no JSON form")
    return dict(zip(_field_names(kind), _field_values(kind)(record)))


_PLAIN = frozenset({str, int, float, bool, type(None)})


def from_dict(cls: type[R], data: dict) -> R:
    """The record of type `cls` that `as_dict` gave `data` for, nested records included.

    Driven by the field annotations, so a field added to a record round-trips with no change
    here; keys the record does not know (written by a newer geomap) are ignored, and missing
    ones take the field's default.
    """
    return _record_decoder(cls)(data)


@functools.cache
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(cls))


@functools.cache
def _field_values(cls: type) -> Callable[[object], tuple]:
    getter = operator.attrgetter(*_field_names(cls))
    return getter if len(_field_names(cls)) > 1 else lambda record: (getter(record),)


@functools.cache
def _record_decoder(cls: type) -> Callable[[dict], object]:
    hints = typing.get_type_hints(cls)
    steps = [(name, _decoder(hints[name])) for name in _field_names(cls)]

    def decode(data: dict):
        return cls(**{name: step(data[name]) if step else data[name] for name, step in steps if name in data})

    return decode


@functools.cache
def _decoder(annotation) -> Optional[Callable]:
    """How to turn JSON back into a value of `annotation` (None: it is JSON already)."""
    origin = typing.get_origin(annotation)
    if origin in (Union, types.UnionType):
        return _decoder(next((a for a in typing.get_args(annotation) if a is not type(None)), object))
    if origin is tuple:
        args = typing.get_args(annotation)
        if len(args) == 2 and args[1] is Ellipsis:
            item = _decoder(args[0]) or (lambda v: v)
            return lambda values: None if values is None else tuple(item(v) for v in values)
        items = [_decoder(a) or (lambda v: v) for a in args]
        return lambda values: None if values is None else tuple(step(v) for step, v in zip(items, values))
    if dataclasses.is_dataclass(annotation):
        return lambda data: None if data is None else _record_decoder(annotation)(data)
    return None


__all__ = ["Place", "Candidate", "Mention", "Report", "IngestProblem", "EventDate", "SourceLink", "Reprint", "SourceRef", "Incident",
           "IncidentReview", "Review", "REVIEW_STATUSES", "UNREVIEWED", "CONFIRMED", "CORRECTED", "REJECTED",
           "ORIGINAL_KEYS", "as_dict", "as_json", "from_dict"]
