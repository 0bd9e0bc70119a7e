"""Analyst review: corrections kept beside the extraction, applied again after every ingest; the map as known on a day.

**The log.** Every change an analyst makes is a `geomap.records.Review` appended to the store's review
log, never an edit of what was extracted: confirm, reject, set a field (type, day, place, killed,
wounded), merge incidents, split a source out. A review is anchored to the claims the incident was made
of when it was reviewed (a claim is one report's telling; its id hashes the report's content and the
sentence's offset, see geomap.events), so it survives a re-merge that renames or regroups incidents.

**Applying it** (`apply_reviews`, a pure function): the incidents as merged by the machine (clusters of
claims) are regrouped by the merge and split reviews, in log order (a merge joins the groups holding its
claims; a split takes its claim out of a group that still holds another claim the split was made on);
each group is combined (`geomap.merge.combine`), then every confirm, reject and set review is attached to
the one group holding most of its claims and applied in log order: the latest value of a field wins,
reject hides the incident until a later confirm, and the extracted value of each corrected field is kept
beside it (`IncidentReview.original_*`). A reviewed incident holding a claim that none of its reviews
saw (a new report told it since) is flagged for another look (`recheck`).

The pipeline applies the log to the incidents an ingest touched (`shown_incidents`), and a review to the
incidents it names, so the `incidents` rows are always the incidents as shown.

**As known on a day** (`known_on`): what reports published up to that day (a report with no publication
date: ingested up to it) and reviews made up to it (UTC) told. Each incident is recombined from the
claims of those reports only, so its figures, places and dates are what those reports said; which claims
are one event is today's grouping (a grouping of compatible claims stays compatible when some are left
out), then the reviews of that time are applied. An incident is named by its smallest claim id, as after
any merge, so an id can differ from today's; `diff` follows incidents by their claims.
"""

from __future__ import annotations

import getpass
import json
import os
import re
import sqlite3
from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import date, datetime, timezone
from typing import Callable, Iterable, Mapping, Optional, Sequence

from geomap.exc import ReviewError
from geomap.merge import combine
from geomap.precision import DatePrecision
from geomap.records import (CONFIRMED, CORRECTED, REJECTED, UNREVIEWED, EventDate, Incident, IncidentReview, Mention,
                            Place, Review, as_dict, from_dict)

CONFIRM, REJECT, SET, MERGE, SPLIT = "confirm", "reject", "set", "merge", "split"
ACTIONS = (CONFIRM, REJECT, SET, MERGE, SPLIT)
GROUPING = (MERGE, SPLIT)  # reviews that change which claims are one incident
STATUS = "status"  # the field of confirm and reject reviews
NOTE_LIMIT = 2000  # characters in a note
NAME_LIMIT = 100  # characters in a reviewer's name
COUNT_LIMIT = 10_000_000  # killed or wounded at most
SET_EVIDENCE = "set by review"  # the evidence of a day an analyst set


# --- the fields an analyst corrects: how each is shown in the log, applied, and kept as extracted -------------


def _date_text(when: EventDate) -> Optional[str]:
    """A date range as ISO 8601 text: one day, or START/END."""
    if not when.start:
        return None
    return when.start if not when.end or when.end == when.start else f"{when.start}/{when.end}"


def _places_shown(incident: Incident) -> list[dict]:
    return [{"place_id": m.place.place_id, "name": m.place.name} for m in incident.resolved_places]


def _placed(incident: Incident, place: dict) -> Incident:
    """The incident at one place an analyst chose; the name the report used stays the mention's text."""
    from geomap.gazetteer.kinds import where_precision

    chosen = from_dict(Place, place)
    first = incident.places[0] if incident.places else None
    mention = Mention(first.start if first else 0, first.end if first else 0, first.surface if first else chosen.name,
                      chosen, where_precision(chosen.feature_class, chosen.feature_code), 1.0)
    return replace(incident, places=(mention,))


def _typed(incident: Incident, event_type: str) -> Incident:
    from geomap.events import EVENT_TYPES

    return replace(incident, event_type=event_type, acled_event_type=EVENT_TYPES[event_type].acled_event_type or "")


@dataclass(frozen=True)
class Correctable:
    """A field a `set` review corrects: its value as the log shows it, how a value is applied, and which
    `IncidentReview` field keeps the extracted value."""

    shown: Callable[[Incident], object]
    apply: Callable[[Incident, object], Incident]
    original: Callable[[Incident], dict]


FIELDS: dict[str, Correctable] = {
    "type": Correctable(lambda i: i.event_type, _typed, lambda i: {"original_type": i.event_type}),
    "date": Correctable(lambda i: _date_text(i.date),
                        lambda i, day: replace(i, date=EventDate(day, day, DatePrecision.DAY, SET_EVIDENCE)),
                        lambda i: {"original_date": i.date}),
    "place": Correctable(_places_shown, _placed, lambda i: {"original_places": i.places}),
    "killed": Correctable(lambda i: [i.killed_low, i.killed_high],
                          lambda i, v: replace(i, killed_low=v[0], killed_high=v[1]),
                          lambda i: {"original_killed": (i.killed_low, i.killed_high)}),
    "wounded": Correctable(lambda i: [i.wounded_low, i.wounded_high],
                           lambda i, v: replace(i, wounded_low=v[0], wounded_high=v[1]),
                           lambda i: {"original_wounded": (i.wounded_low, i.wounded_high)}),
}


# --- applying the log: a pure function -----------------------------------------------------------------------


def _with_claim_ids(claim: Incident) -> Incident:
    """A claim whose sources name it (`SourceRef.claim_id`), so the incident it joins knows its claims."""
    if all(s.claim_id == claim.incident_id for s in claim.sources):
        return claim
    return replace(claim, sources=tuple(replace(s, claim_id=claim.incident_id) for s in claim.sources))


def claim_ids(incident: Incident) -> tuple[str, ...]:
    """The claims an incident as shown is made of, in source order (what a review of it is anchored to)."""
    return tuple(dict.fromkeys(s.claim_id for s in incident.sources if s.claim_id))


def apply_reviews(clusters: Mapping[str, Sequence[Incident]], reviews: Sequence[Review]) -> list[Incident]:
    """The incidents as shown: `clusters` (incident id -> its claims, as the machine merged them) regrouped by the
    merge and split reviews, combined, then confirmed, corrected or rejected (see the module docstring).

    Claims are named by their own id (`Incident.incident_id` of a claim); reviews apply in log order
    (`review_id`) and those whose claims are all absent change nothing.
    """
    claims: dict[str, Incident] = {}
    position: dict[str, int] = {}
    group_of: dict[str, int] = {}
    groups: list[set[str]] = []
    for cluster in clusters.values():
        groups.append(set())
        for claim in cluster:
            name = claim.incident_id
            claims[name] = claim
            position.setdefault(name, len(position))
            group_of[name] = len(groups) - 1
            groups[-1].add(name)
    log = sorted(reviews, key=lambda r: r.review_id)
    for review in log:
        if review.action == MERGE:
            targets = sorted({group_of[c] for c in review.claims if c in group_of})
            for g in targets[1:]:
                for name in groups[g]:
                    group_of[name] = targets[0]
                groups[targets[0]] |= groups[g]
                groups[g] = set()
        elif review.action == SPLIT and review.target in group_of:
            g = group_of[review.target]
            if groups[g] & (set(review.claims) - {review.target}):
                groups[g].discard(review.target)
                groups.append({review.target})
                group_of[review.target] = len(groups) - 1
    attached: dict[int, list[Review]] = defaultdict(list)
    seen: dict[int, set[str]] = defaultdict(set)  # claims some review of the group was made on
    for review in log:
        overlap: dict[int, list[str]] = defaultdict(list)
        for name in review.claims:
            if name in group_of:
                overlap[group_of[name]].append(name)
        if not overlap:
            continue
        if review.action in GROUPING:
            for g in overlap:
                seen[g].update(review.claims)
            continue
        g = min(overlap, key=lambda k: (-len(overlap[k]), min(overlap[k])))
        attached[g].append(review)
        seen[g].update(review.claims)
    shown = []
    for g, members in enumerate(groups):
        if not members:
            continue
        incident = combine([_with_claim_ids(claims[name]) for name in sorted(members, key=position.__getitem__)])
        if attached[g]:
            incident = _reviewed(incident, attached[g], recheck=bool(members - seen[g]))
        shown.append(incident)
    return shown


def _reviewed(incident: Incident, reviews: Sequence[Review], *, recheck: bool) -> Incident:
    """One incident with its confirm, reject and set reviews applied in order."""
    rejected = False
    originals: dict = {}
    extracted = incident
    for review in reviews:
        if review.action == REJECT:
            rejected = True
        elif review.action == CONFIRM:
            rejected = False
        elif review.action == SET and review.field in FIELDS:
            field = FIELDS[review.field]
            originals.update(field.original(extracted))
            incident = field.apply(incident, review.after)
    status = REJECTED if rejected else CORRECTED if originals else CONFIRMED
    last = reviews[-1]
    return replace(incident, review=IncidentReview(status, last.note, last.by, last.at, recheck, **originals))


# --- the incidents a change touches, with every review that bears on them -------------------------------------


def review_closure(store, clusters: Mapping[str, Sequence[Incident]]) -> tuple[dict[str, list[Incident]], list[Review]]:
    """These merged incidents, every merged incident a review of their claims also names, and those reviews.

    A merge review made on claims of two incidents brings in the other; so does any review whose claims are
    now split over several incidents (it is attached to the one holding most of them).
    """
    clusters = {key: list(value) for key, value in clusters.items()}
    known = {c.incident_id for cluster in clusters.values() for c in cluster}
    reviews: dict[int, Review] = {}
    frontier = set(known)
    while frontier:
        found = [r for r in store.reviews(claim_ids=frontier) if r.review_id not in reviews]
        reviews.update((r.review_id, r) for r in found)
        wanted = {c for r in found for c in r.claims} - known
        more = store.claims_of_incidents(store.merged_incidents_of_claims(wanted) - clusters.keys()) if wanted else {}
        clusters.update(more)
        frontier = {c.incident_id for cluster in more.values() for c in cluster} - known
        known |= frontier
    return clusters, sorted(reviews.values(), key=lambda r: r.review_id)


def shown_incidents(store, clusters: Mapping[str, Sequence[Incident]],
                    merged: Mapping[str, Incident] = {}) -> tuple[set[str], list[Incident]]:
    """The incidents as shown for these merged ones (id -> claims; `merged` may hold them combined already):
    the ids of the `incidents` rows they replace, and the incidents. For the pipeline, after a merge."""
    everything, reviews = review_closure(store, clusters)
    claimed = {c for r in reviews for c in r.claims}
    reviewed = {key: cluster for key, cluster in everything.items() if any(c.incident_id in claimed for c in cluster)}
    shown = apply_reviews(reviewed, reviews) if reviewed else []
    shown += [merged.get(key) or combine([_with_claim_ids(c) for c in cluster])
              for key, cluster in everything.items() if key not in reviewed]
    names = {c.incident_id for cluster in everything.values() for c in cluster}
    return set(everything) | store.shown_incidents_of_claims(names), shown


# --- making a review -----------------------------------------------------------------------------------------


def now_utc() -> str:
    """The time a review is made: UTC, ISO 8601 to the second."""
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def reviewer_name(by: Optional[str] = None) -> str:
    """Who reviews: `by` when given, else the system user name."""
    if by is None:
        try:
            by = getpass.getuser()
        except (KeyError, OSError):  # no name for this uid (a bare container)
            by = os.environ.get("USER") or "unknown"
    return _text(by, "--by", limit=NAME_LIMIT, lines=False)


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _text(value: Optional[str], option: str, *, limit: int, lines: bool = True) -> str:
    text = (value or "").strip()
    if not text:
        raise ReviewError(f"{option} is empty: say in a few words why (it is kept in the review log)")
    if len(text) > limit:
        raise ReviewError(f"{option} is {len(text)} characters long; keep it under {limit}")
    if _CONTROL.search(text) or (not lines and re.search(r"[\t\n\r]", text)):
        raise ReviewError(f"{option} holds control characters; write plain text")
    return text


def parse_count(value, option: str) -> list[int]:
    """A casualty figure an analyst sets, as a [low, high] range of one number."""
    try:
        number = int(str(value).strip())
    except ValueError:
        raise ReviewError(f"{option}: {value!r} is not a whole number such as 10") from None
    if not 0 <= number <= COUNT_LIMIT:
        raise ReviewError(f"{option}: {number} is out of range (0 to {COUNT_LIMIT:,})")
    return [number, number]


def parse_day(value, option: str = "--date") -> str:
    """A day an analyst sets: ISO 8601, not after today (UTC)."""
    text = str(value).strip()
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise ReviewError(f"{option}: {text!r} is not a day such as 2020-10-11 (YYYY-MM-DD)") from None
    if day > datetime.now(timezone.utc).date():
        raise ReviewError(f"{option}: {text} is after today; an incident cannot have happened yet")
    if day.year < 1900:
        raise ReviewError(f"{option}: {text} is before 1900; check the year")
    return day.isoformat()


def parse_type(value: str) -> str:
    """An event type an analyst sets: one of geomap's types."""
    from geomap.events import EVENT_TYPES

    if value not in EVENT_TYPES:
        raise ReviewError(f"--type: {value!r} is not an event type; use one of {', '.join(EVENT_TYPES)}")
    return value


def resolve_place(value: str, incident: Incident, gazetteer) -> Place:
    """The place an analyst names, by gazetteer id or name: the geoparser's runners-up for the incident's
    places first, then the gazetteer; a name several places bear is an error that lists them with their ids."""
    from geomap.normalize import fold_name

    text = str(value).strip()
    if not text:
        raise ReviewError("--place is empty: give a place name or a GeoNames id")
    own = [m.place for m in incident.places if m.place]
    runners_up = [c.place for m in incident.places for c in m.runners_up]
    for place in own + runners_up:
        if place.place_id == text:
            return place
    found = gazetteer.by_id(text)
    if found is not None:
        return found
    folded = fold_name(text)
    among: list[Place] = []
    for offered in (own, runners_up):  # the incident's own places, then the geoparser's runners-up
        among = list({p.place_id: p for p in offered if fold_name(p.name) == folded}.values())
        if len(among) == 1:
            return among[0]
        if among:
            break
    named = among or gazetteer.places_named(text, limit=6)
    if len(named) == 1:
        return named[0]
    if not named:
        raise ReviewError(f"--place: no place named {text!r} in the gazetteer; give its GeoNames id, or add it "
                          "to the gazetteer")
    listed = "; ".join(f"{p.place_id} {p.name} ({p.country_code}, {p.feature}, pop. {p.population:,})"
                       for p in named[:5])
    raise ReviewError(f"--place: {len(named)}{'+' if len(named) > 5 else ''} places are named {text!r}: {listed}; "
                      "give the id of the one you mean")


def _incident(store, incident_id: str) -> Incident:
    found = store.incident(str(incident_id).strip())
    if found is None:
        raise ReviewError(f"no incident {incident_id!r} in {store.path}; `geomap incidents --include-rejected` "
                          "lists them with their ids")
    if not claim_ids(found):
        raise ReviewError(f"incident {incident_id} has no claims to anchor a review to (written without ingest?)")
    return found


def _drafts(action: str, incidents: Sequence[Incident], *, note: str, by: str, at: str,
            changes: Mapping[str, object], source: Optional[int]) -> list[Review]:
    first = incidents[0]
    anchor = tuple(dict.fromkeys(c for i in incidents for c in claim_ids(i)))
    base = dict(incident_id=first.incident_id, claims=anchor, note=note, by=by, at=at)
    if action in (CONFIRM, REJECT):
        return [Review(action, field=STATUS, before=first.review_status, **base)]
    if action == SET:
        return [Review(SET, field=name, before=FIELDS[name].shown(first), after=value, **base)
                for name, value in changes.items()]
    if action == MERGE:
        return [Review(MERGE, field="incidents", before=[i.incident_id for i in incidents],
                       **dict(base, incident_id=",".join(i.incident_id for i in incidents)))]
    sources = first.sources
    if source is None or not 1 <= source <= len(sources):
        raise ReviewError(f"--source: {source} is not a source of {first.incident_id}; it has {len(sources)} "
                          f"(numbered 1 to {len(sources)} as listed)")
    target = sources[source - 1].claim_id
    if len(anchor) < 2:
        raise ReviewError(f"{first.incident_id} is one report's telling; there is nothing to split it from")
    return [Review(SPLIT, field="source", before=first.incident_id, target=target, **base)]


def review(store, action: str, incident_ids: Sequence[str], *, note: str, by: Optional[str] = None,
           at: Optional[str] = None, place: Optional[str] = None, day: Optional[str] = None,
           event_type: Optional[str] = None, killed=None, wounded=None, source: Optional[int] = None,
           gazetteer=None) -> list[Review]:
    """Record one analyst decision on the incidents named (ids as shown, or ids an as-of view gave) and show
    its effect: the reviews are appended to the log and the incidents they touch recomputed, in one
    transaction. Returns the reviews as logged, `after` filled with what the incident shows now."""
    if action not in ACTIONS:
        raise ReviewError(f"{action!r} is not a review action; use one of {', '.join(ACTIONS)}")
    note = _text(note, "--note", limit=NOTE_LIMIT)
    by = reviewer_name(by)
    at = at or now_utc()
    ids = list(dict.fromkeys(str(i).strip() for i in incident_ids))
    if action == MERGE and len(ids) < 2:
        raise ReviewError("merge needs two incident ids or more")
    if action != MERGE and len(ids) != 1:
        raise ReviewError(f"{action} takes one incident id")
    if action != SPLIT and source is not None:
        raise ReviewError("--source is for split only")
    changes: dict[str, object] = {}
    if event_type is not None:
        changes["type"] = parse_type(event_type)
    if day is not None:
        changes["date"] = parse_day(day)
    if killed is not None:
        changes["killed"] = parse_count(killed, "--killed")
    if wounded is not None:
        changes["wounded"] = parse_count(wounded, "--wounded")
    if action != SET and (changes or place is not None):
        raise ReviewError(f"--place, --date, --type, --killed and --wounded are for set, not {action}")
    if action == SET and not changes and place is None:
        raise ReviewError("set needs something to set: --place, --date, --type, --killed or --wounded")
    with store.transaction():
        incidents = [_incident(store, i) for i in ids]
        if action == MERGE and len({i.incident_id for i in incidents}) < 2:
            raise ReviewError(f"{', '.join(ids)} are one incident already")
        if place is not None:
            if gazetteer is None:
                from geomap.gazetteer import shared_gazetteer

                gazetteer = shared_gazetteer()
            changes = {"place": as_dict(resolve_place(place, incidents[0], gazetteer)), **changes}
        drafts = _drafts(action, incidents, note=note, by=by, at=at, changes=changes, source=source)
        anchor = {c for d in drafts for c in d.claims}
        clusters, logged = review_closure(store, store.claims_of_incidents(store.merged_incidents_of_claims(anchor)))
        top = max((r.review_id for r in logged), default=0)
        numbered = [replace(d, review_id=top + n + 1) for n, d in enumerate(drafts)]
        shown = apply_reviews(clusters, logged + numbered)
        stored = store.add_reviews([_after(d, shown) for d in numbered])
        names = {c.incident_id for cluster in clusters.values() for c in cluster}
        store.replace_incidents(set(clusters) | store.shown_incidents_of_claims(names), shown)
    return stored


def _after(draft: Review, shown: Sequence[Incident]) -> Review:
    """A review with `after` filled from the incidents as they show once it is applied."""
    def showing(claim: str) -> Optional[Incident]:
        return next((i for i in shown if claim in claim_ids(i)), None)

    if draft.action == SET:
        return draft
    if draft.action == SPLIT:
        return replace(draft, after=showing(draft.target).incident_id)
    incident = showing(draft.claims[0])
    return replace(draft, after=incident.review_status if draft.action in (CONFIRM, REJECT) else incident.incident_id)


# --- the log as text -----------------------------------------------------------------------------------------


def value_text(field: str, value) -> str:
    """A logged value as a reader wants it: figures as ranges, places by name and id."""
    if value is None:
        return "-"
    if field in ("killed", "wounded") and isinstance(value, list):
        low, high = value
        return "-" if low is None else str(low) if high in (None, low) else f"{low}-{high}"
    if field == "place" and isinstance(value, dict):
        return f"{value.get('name')} ({value.get('place_id')})"
    if field == "place" and isinstance(value, list):
        return "; ".join(f"{p.get('name')} ({p.get('place_id')})" for p in value) or "-"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def log_line(entry: Review) -> str:
    """One review as a line of `geomap review log`."""
    return (f"{entry.at}  {entry.by}  {entry.action} {entry.incident_id}  {entry.field}: "
            f"{value_text(entry.field, entry.before)} -> {value_text(entry.field, entry.after)}  "
            f"note: {json.dumps(entry.note, ensure_ascii=False)}")


# --- the map as known on a day, and what changed between two days ---------------------------------------------


def known_on(store, day: str) -> sqlite3.Connection:
    """The incidents as known on `day` (see the module docstring), as an in-memory store of their rows that the
    filters' SQL reads like the store itself. Only incidents with a later report or review are recomputed."""
    late = store.claims_published_after(day)
    later_reviews = [r for r in store.reviews() if r.at[:10] > day]
    touched = set(late.values()) | store.merged_incidents_of_claims({c for r in later_reviews for c in r.claims})
    clusters, reviews = review_closure(store, store.claims_of_incidents(touched))
    names = {c.incident_id for cluster in clusters.values() for c in cluster}
    known = {key: [c for c in cluster if c.incident_id not in late] for key, cluster in clusters.items()}
    shown = apply_reviews({key: cluster for key, cluster in known.items() if cluster},
                          [r for r in reviews if r.at[:10] <= day])
    return store.view(without=set(clusters) | store.shown_incidents_of_claims(names), add=shown)


# --- the review queue -------------------------------------------------------------------------------------------


def review_queue(db: sqlite3.Connection, *, limit: Optional[int] = None) -> list[tuple[str, int]]:
    """The incidents still to look at, most reported first: (id, reports) of those nobody reviewed and of those
    a new report changed since their review (`review_recheck`); rejected ones only when flagged. Over any
    connection holding the store's tables (the store, an as-of view, a read-only one)."""
    rows = db.execute(
        "SELECT i.id, COUNT(DISTINCT s.report_id) AS reports FROM incidents i JOIN sources s ON s.incident_id = i.id "
        "WHERE i.review_status = ? OR i.review_recheck = 1 "
        "GROUP BY i.id ORDER BY reports DESC, i.date_start IS NULL, i.date_start, i.id"
        + (" LIMIT ?" if limit is not None else ""), (UNREVIEWED,) + ((int(limit),) if limit is not None else ()))
    return [(row[0], row[1]) for row in rows]


@dataclass(frozen=True)
class Change:
    """How an incident changed between two days: `new`, `changed` (with each field before and after) or `withdrawn`."""

    change: str
    incident: Incident  # as on the later day (withdrawn: as on the earlier one)
    earlier: tuple[Incident, ...] = ()  # as on the earlier day (more than one: merged since)
    fields: tuple[tuple[str, object, object], ...] = ()  # (field, before, after)

    def to_json(self) -> dict:
        return {"change": self.change, "id": self.incident.incident_id,
                "earlier_ids": [i.incident_id for i in self.earlier] or None,
                "fields": {name: {"before": before, "after": after} for name, before, after in self.fields},
                "incident": self.incident.to_json()}


DIFF_FIELDS = ("type", "date", "place", "killed", "wounded")  # what `diff` compares, shown as the log shows them


def diff_incidents(before: Sequence[Incident], after: Sequence[Incident]) -> list[Change]:
    """New, changed and withdrawn incidents from one view to another, incidents followed by their claims."""
    owner = {c: i for i in before for c in claim_ids(i)}
    matched: set[str] = set()
    changes = []
    for incident in after:
        earlier = list({id(i): i for c in claim_ids(incident) if (i := owner.get(c)) is not None}.values())
        matched.update(i.incident_id for i in earlier)
        if not earlier:
            changes.append(Change("new", incident))
            continue
        fields = [(name, FIELDS[name].shown(earlier[0]), FIELDS[name].shown(incident)) for name in DIFF_FIELDS]
        fields = [f for f in fields if f[1] != f[2]]
        reports_then = len({s.report_id for i in earlier for s in i.sources})
        reports_now = len({s.report_id for s in incident.sources})
        if reports_now != reports_then:  # a report tells an event in one sentence or several: count reports
            fields.append(("reports", reports_then, reports_now))
        if len(earlier) > 1:
            fields.append(("incidents", [i.incident_id for i in earlier], incident.incident_id))
        if fields:
            changes.append(Change("changed", incident, tuple(earlier), tuple(fields)))
    changes += [Change("withdrawn", i) for i in before if i.incident_id not in matched]
    order = {"new": 0, "changed": 1, "withdrawn": 2}
    return sorted(changes, key=lambda c: (order[c.change], c.incident.date.start or "9999", c.incident.incident_id))


def change_line(change: Change) -> str:
    """One change as a line of `geomap diff`."""
    incident = change.incident
    where = ", ".join(m.place.name for m in incident.resolved_places) or "no place"
    head = f"{change.change:<9} {incident.incident_id}  {incident.event_type}, {where}, " \
           f"{_date_text(incident.date) or 'undated'}"
    if change.change != "changed":
        return head
    return head + "  " + "; ".join(f"{name}: {value_text(name, before)} -> {value_text(name, after)}"
                                   for name, before, after in change.fields)


__all__ = ["ACTIONS", "CONFIRM", "REJECT", "SET", "MERGE", "SPLIT", "FIELDS", "Change", "Correctable",
           "apply_reviews", "change_line", "claim_ids", "diff_incidents", "known_on", "log_line", "now_utc",
           "parse_count", "parse_day", "parse_type", "resolve_place", "review", "review_closure", "review_queue",
           "reviewer_name",
           "shown_incidents", "value_text"]
