"""Which incidents a view shows: the one definition of the incident filters.

`IncidentFilter` is what the command line (`geomap incidents`, `export`, `brief`), the
Python API (`IncidentStore.incidents`) and the dashboard (map, table, timeline, downloads)
all ask the store with. Each condition is written once, as SQL over the `incidents` table, in
`CONDITIONS`; a filter is the conjunction of its conditions, so a view may also evaluate it a
part at a time (`IncidentFilter.parts`) and cache the parts, as the dashboard does.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date
from typing import Callable, Iterable, Optional, Union

from geomap.exc import FilterError
from geomap.records import CONFIRMED, CORRECTED, REJECTED, UNREVIEWED
from geomap.speakers import SQL_FUNCTION, speaker_keys

NO_CLAIMANT = "(none)"  # as a claimant: incidents nobody claims (told as fact)
UNKNOWN = "unknown"  # as a precision code: incidents whose precision is not known
VERIFIED = "corroborated"  # two or more independent sources and no doubt noted
UNVERIFIED = "unverified"
VERIFICATION_CHOICES = (VERIFIED, UNVERIFIED)
REVIEWED = "reviewed"  # confirmed or corrected by an analyst
RECHECK = "recheck"  # reviewed, then changed by new reports: to look at again
REVIEW_CHOICES = (UNREVIEWED, REVIEWED, REJECTED, RECHECK)
NOT_REJECTED = (UNREVIEWED, REVIEWED)  # what a view shows unless it asks for rejected incidents

DateLike = Union[str, date, None]


#: The longest search a filter takes: a few words, or a quoted sentence. Longer text is refused, not cut.
MAX_SEARCH_CHARS = 500


def _iso(value: DateLike, name: str) -> Optional[str]:
    if value is None or value == "":
        return None
    text = value.isoformat() if isinstance(value, date) else str(value)
    try:
        date.fromisoformat(text)
    except ValueError:
        raise FilterError(f"{name}: {text!r} is not an ISO date such as 2020-10-11") from None
    return text


def _names(values: Optional[Iterable[str]]) -> Optional[tuple[str, ...]]:
    if values is None:
        return None
    if isinstance(values, str):
        values = (values,)
    return tuple(dict.fromkeys(str(v) for v in values))


def _codes(values, name: str, top: int) -> Optional[tuple[Optional[int], ...]]:
    """Precision codes as ints 1..top, with None standing for UNKNOWN."""
    if values is None:
        return None
    if isinstance(values, (str, int)):
        values = (values,)
    codes = []
    for value in values:
        if value is None or value == UNKNOWN:
            codes.append(None)
            continue
        try:
            code = int(value)
        except (TypeError, ValueError):
            code = 0
        if not 1 <= code <= top:
            raise FilterError(f"{name}: {value!r} is not a precision code 1-{top} or {UNKNOWN!r}")
        codes.append(code)
    return tuple(dict.fromkeys(codes))


@dataclass(frozen=True)
class IncidentFilter:
    """What a view shows. None means "no condition"; an empty tuple means "nothing".

    Dates keep the incidents whose [date_start, date_end] overlaps [date_from, date_to]
    (undated ones drop out once a date is given). `event_types` are geomap's types
    (geomap.events.EVENT_TYPES), `acled_event_types` ACLED's; `claimants` may hold
    NO_CLAIMANT; `publishers` keeps incidents told by at least one of them; precisions are
    UCDP codes (where_prec 1-6, date_prec 1-5) or UNKNOWN; `verification` is VERIFIED or
    UNVERIFIED; `search` is a case-insensitive substring of a source sentence, the claimant,
    the casualty reporter or a place name; `review` keeps incidents of any of REVIEW_CHOICES
    (rejected ones are left out unless `review` names REJECTED or `include_rejected` is set).
    Values are checked and normalised on creation.

    `as_of` is not a condition on the stored incidents but which incidents there are: the map as
    known on that day, from the reports published and the reviews made up to it (geomap.review);
    the other conditions then apply to those incidents.
    """

    date_from: DateLike = None
    date_to: DateLike = None
    event_types: Optional[tuple[str, ...]] = None
    acled_event_types: Optional[tuple[str, ...]] = None
    claimants: Optional[tuple[str, ...]] = None
    publishers: Optional[tuple[str, ...]] = None
    geo_precisions: Optional[tuple[Optional[int], ...]] = None
    time_precisions: Optional[tuple[Optional[int], ...]] = None
    verification: Optional[str] = None
    search: str = ""
    review: Optional[tuple[str, ...]] = None
    include_rejected: bool = False
    as_of: DateLike = None

    def __post_init__(self) -> None:
        normal = {
            "date_from": _iso(self.date_from, "date_from"), "date_to": _iso(self.date_to, "date_to"),
            "event_types": _names(self.event_types), "acled_event_types": _names(self.acled_event_types),
            "claimants": _names(self.claimants), "publishers": _names(self.publishers),
            "geo_precisions": _codes(self.geo_precisions, "geo_precisions", 6),
            "time_precisions": _codes(self.time_precisions, "time_precisions", 5),
            "verification": self.verification or None, "search": str(self.search or "").strip(),
            "review": _names(self.review), "include_rejected": bool(self.include_rejected),
            "as_of": _iso(self.as_of, "as_of"),
        }
        if len(normal["search"]) > MAX_SEARCH_CHARS:
            raise FilterError(f"search: {len(normal['search'])} characters is more than the {MAX_SEARCH_CHARS} a "
                              "search may have; search for a few words of the sentence instead")
        if normal["verification"] not in (None, *VERIFICATION_CHOICES):
            raise FilterError(f"verification: {self.verification!r} is not one of {', '.join(VERIFICATION_CHOICES)}")
        for value in normal["review"] or ():
            if value not in REVIEW_CHOICES:
                raise FilterError(f"review: {value!r} is not one of {', '.join(REVIEW_CHOICES)}")
        if normal["review"] is None and not normal["include_rejected"]:
            normal["review"] = NOT_REJECTED
        for name, value in normal.items():
            object.__setattr__(self, name, value)

    def conditions(self) -> dict[str, object]:
        """The fields that set a condition on the incidents, by name (a filter with none shows every incident;
        the default one has one: not rejected)."""
        return {name: getattr(self, name) for name in CONDITIONS if getattr(self, name) not in (None, "")}

    def where(self) -> tuple[str, list]:
        """A condition over the `incidents` table ("1" when there is none) and its parameters."""
        params: list = []
        clauses = [CONDITIONS[name](value, params) for name, value in self.conditions().items()]
        return (" AND ".join(clauses) or "1"), params

    def parts(self) -> tuple["IncidentFilter", ...]:
        """Filters of one condition each (the two dates stay together) whose conjunction is this one."""
        found = self.conditions()
        dates = {k: found.pop(k) for k in ("date_from", "date_to") if k in found}
        return tuple(IncidentFilter(include_rejected=True, **group)
                     for group in ([dates] if dates else []) + [{k: v} for k, v in found.items()])

    def describe(self) -> str:
        """The conditions besides the dates, as a person reads them ("type: shelling; publisher: Reuters"); ""
        when there is none. The default of leaving rejected incidents out is not a condition worth saying."""
        found = {k: v for k, v in self.conditions().items() if k not in ("date_from", "date_to")}
        if found.get("review") == NOT_REJECTED:
            del found["review"]
        parts = []
        for name, value in found.items():
            shown = ", ".join("unknown" if v is None else str(v) for v in value) if isinstance(value, tuple) else value
            parts.append(f'{_DESCRIBED[name]}: "{shown}"' if name == "search" else f"{_DESCRIBED[name]}: {shown}")
        return "; ".join(parts)

    def without_dates(self) -> "IncidentFilter":
        """The same filter over every date (the timeline and the undated list need it)."""
        return dataclasses.replace(self, date_from=None, date_to=None)


def _in(column: str, values, params: list) -> str:
    if not values:
        return "0"
    params.extend(values)
    return f"{column} IN ({','.join('?' * len(values))})"


def _or_null(column: str, values, params: list, *, null) -> str:
    """`column IN values`, or NULL when `null` is among them."""
    known = [v for v in values if v != null]
    parts = [_in(column, known, params)] if known else []
    if null in values:
        parts.append(f"{column} IS NULL")
    return "(" + " OR ".join(parts) + ")" if parts else "0"


def _claimants(values, params: list) -> str:
    """Incidents one of `values` claims, whichever way the reports name them (geomap.speakers); NO_CLAIMANT:
    incidents nobody claims (told as fact, or seen by a witness)."""
    if not values:
        return "0"
    params.append("\n".join(sorted(speaker_keys(None if v == NO_CLAIMANT else v for v in values))))
    return f"{SQL_FUNCTION}(claimant, ?)"


def _date_from(value: str, params: list) -> str:
    params.append(value)
    return "date_end >= ?"


def _date_to(value: str, params: list) -> str:
    params.append(value)
    return "date_start <= ?"


def _publishers(values, params: list) -> str:
    inner: list = []
    clause = _in("publisher", values, inner)
    params.extend(inner)
    return f"id IN (SELECT incident_id FROM sources WHERE {clause})"


def _verification(value: str, params: list) -> str:
    verified = "(corroboration >= 2 AND verification IS NULL)"
    return verified if value == VERIFIED else f"NOT {verified}"


_REVIEW_SQL = {UNREVIEWED: f"review_status = '{UNREVIEWED}'",
               REVIEWED: f"review_status IN ('{CONFIRMED}', '{CORRECTED}')",
               REJECTED: f"review_status = '{REJECTED}'", RECHECK: "review_recheck = 1"}


def _review(values, params: list) -> str:
    if not values:
        return "0"
    return "(" + " OR ".join(_REVIEW_SQL[v] for v in values) + ")"


def _search(term: str, params: list) -> str:
    # instr, not LIKE: no wildcard to escape, and no pattern-length limit ("LIKE or GLOB pattern too complex")
    params.append(term.lower())
    return "instr(search_text, ?) > 0"


#: Field -> its SQL condition over the `incidents` table: (value, params to extend) -> clause.
CONDITIONS: dict[str, Callable[[object, list], str]] = {
    "date_from": _date_from,
    "date_to": _date_to,
    "event_types": lambda values, params: _in("event_type", values, params),
    "acled_event_types": lambda values, params: _in("acled_event_type", values, params),
    "claimants": _claimants,
    "publishers": _publishers,
    "geo_precisions": lambda values, params: _or_null("geo_precision", values, params, null=None),
    "time_precisions": lambda values, params: _or_null("time_precision", values, params, null=None),
    "verification": _verification,
    "search": _search,
    "review": _review,
}

#: Field -> the words `IncidentFilter.describe` uses for it.
_DESCRIBED = {"event_types": "type", "acled_event_types": "ACLED type", "claimants": "claimant",
              "publishers": "publisher", "geo_precisions": "location precision", "time_precisions": "date precision",
              "verification": "verification", "search": "search", "review": "review"}


__all__ = ["IncidentFilter", "CONDITIONS", "NO_CLAIMANT", "UNKNOWN", "VERIFIED", "UNVERIFIED",
           "VERIFICATION_CHOICES", "REVIEWED", "RECHECK", "REVIEW_CHOICES", "NOT_REJECTED", "MAX_SEARCH_CHARS"]
