"""The same story and the same incident across reports.

Syndication: two reports are copies of one story when their word 5-gram shingle sets
overlap by Jaccard >= 0.5 or one contains >= 60 % of the other's shingles (a copy with a
paragraph added or cut). Candidate pairs come from an inverted index over shingles, so
the cost grows with shared text, not with the square of the corpus.

Incidents: two extracted incidents are one when they have the same event type, dates that
overlap, and either share a specific place (a town, district or region) and are told in
similar words (rapidfuzz token ratio >= 80) or are both dated to the same day, or, with
no specific place, are told in nearly the same words (>= 90) by copies of one story.
A merged incident keeps every source with its own figures; its killed/wounded low..high
span all of them (one outlet's 14 and another's 21 give 14..21), never one picked.
Corroboration counts syndication groups: copies of one story count once.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from typing import Hashable, Iterable, Optional, Sequence

from rapidfuzz import fuzz

from geomap.precision import WherePrecision
from geomap.records import Incident, Mention, SourceRef

SHINGLE_SIZE = 5
JACCARD_THRESHOLD = 0.5
CONTAINMENT_THRESHOLD = 0.6
MIN_SHINGLES = 15  # shorter texts are too short to call copies of each other
_COMMON_SHINGLE_SHARE = 50  # shingles in more reports than this are boilerplate: not used to find candidates
SIMILAR_WORDS = 80
SAME_WORDS = 90


def shingles(text: str, *, size: int = SHINGLE_SIZE) -> frozenset[int]:
    """Hashes of the text's word `size`-grams (lowercased, punctuation and quote styles ignored)."""
    words = re.findall(r"\w+", text.lower())
    return frozenset(hash(tuple(words[i:i + size])) for i in range(max(0, len(words) - size + 1)))


def syndication_groups(texts: Sequence[tuple[Hashable, str]]) -> dict[Hashable, str]:
    """A group name for every key: keys whose texts are copies of one story share it."""
    keys = [key for key, _ in texts]
    sets = [shingles(text) for _, text in texts]
    postings: dict[int, list[int]] = defaultdict(list)
    for i, s in enumerate(sets):
        for h in s:
            postings[h].append(i)
    shared: dict[tuple[int, int], int] = defaultdict(int)
    cap = max(_COMMON_SHINGLE_SHARE, len(sets) // 100)
    for docs in postings.values():
        if 1 < len(docs) <= cap:
            for a in range(len(docs)):
                for b in range(a + 1, len(docs)):
                    shared[(docs[a], docs[b])] += 1
    parent = list(range(len(sets)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for (a, b), n in shared.items():
        if n < 3:
            continue
        small = min(len(sets[a]), len(sets[b]))
        if small < MIN_SHINGLES:
            continue
        overlap = len(sets[a] & sets[b])
        union = len(sets[a]) + len(sets[b]) - overlap
        if overlap / union >= JACCARD_THRESHOLD or overlap / small >= CONTAINMENT_THRESHOLD:
            parent[find(a)] = find(b)
    members: dict[int, list[int]] = defaultdict(list)
    for i in range(len(sets)):
        members[find(i)].append(i)
    groups = {}
    for group in members.values():
        name = "syn-" + hashlib.sha1(min(str(keys[i]) for i in group).encode()).hexdigest()[:12]
        for i in group:
            groups[keys[i]] = name
    return groups


def _group(source: SourceRef) -> str:
    return source.syndication_group or f"report:{source.report_id}"


def _specific_places(incident: Incident) -> set[str]:
    return {m.place.place_id for m in incident.places
            if m.place is not None and m.precision and m.precision <= WherePrecision.REGION}


def _dates_overlap(a: Incident, b: Incident) -> bool:
    if not a.date.start or not b.date.start:
        return not a.date.start and not b.date.start
    return a.date.start <= (b.date.end or b.date.start) and b.date.start <= (a.date.end or a.date.start)


def same_incident(a: Incident, b: Incident) -> bool:
    """True when two extracted incidents tell one event (the rule in the module docstring)."""
    if a.event_type != b.event_type or not _dates_overlap(a, b):
        return False
    words = fuzz.token_sort_ratio(a.sources[0].sentence, b.sources[0].sentence)
    if _specific_places(a) & _specific_places(b):
        same_day = a.date.precision == 1 and b.date.precision == 1 and a.date.start == b.date.start
        return words >= SIMILAR_WORDS or same_day
    return words >= SAME_WORDS


def merge_incidents(incidents: Iterable[Incident]) -> list[Incident]:
    """Incidents from many reports with the same event merged into one with every source."""
    incidents = list(incidents)
    parent = list(range(len(incidents)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    blocks: dict[tuple, list[int]] = defaultdict(list)
    for i, inc in enumerate(incidents):
        for place_id in _specific_places(inc):
            blocks[(inc.event_type, "place", place_id)].append(i)
        blocks[(inc.event_type, "group", _group(inc.sources[0]))].append(i)
        blocks[(inc.event_type, "words", " ".join(re.findall(r"\w+", inc.sources[0].sentence.lower())[:8]))].append(i)
    for members in blocks.values():
        if len(members) < 2:
            continue
        members = sorted(members, key=lambda i: incidents[i].date.start or "")
        for x, i in enumerate(members):
            end_i = incidents[i].date.end or incidents[i].date.start or ""
            for j in members[x + 1:]:
                if (incidents[j].date.start or "") > end_i and incidents[i].date.start:
                    break  # sorted by start: nothing later overlaps
                if find(i) != find(j) and same_incident(incidents[i], incidents[j]):
                    parent[find(i)] = find(j)
    clusters: dict[int, list[Incident]] = defaultdict(list)
    for i, inc in enumerate(incidents):
        clusters[find(i)].append(inc)
    merged = [combine(cluster) if len(cluster) > 1 else _counted(cluster[0]) for cluster in clusters.values()]
    return sorted(merged, key=lambda inc: (inc.date.start or "9999", inc.incident_id))


def _counted(incident: Incident) -> Incident:
    from dataclasses import replace

    return replace(incident, corroboration=len({_group(s) for s in incident.sources}))


def _span(lows: list[Optional[int]], highs: list[Optional[int]]) -> tuple[Optional[int], Optional[int]]:
    lows = [x for x in lows if x is not None]
    highs = [x for x in highs if x is not None]
    return (min(lows) if lows else None), (max(highs) if highs else None)


def combine(cluster: Sequence[Incident]) -> Incident:
    """One incident from several tellings: every source kept, figures as a range, claimants and denials joined."""
    primary = min(cluster, key=lambda inc: (inc.date.precision or 9, inc.killed_low is None,
                                            inc.sources[0].published or "9999", inc.incident_id))
    ordered = [primary] + [inc for inc in cluster if inc is not primary]
    sources: dict[tuple, SourceRef] = {}
    for inc in ordered:
        for s in inc.sources:
            sources.setdefault((s.report_id, s.start, s.end), s)
    all_sources = sorted(sources.values(), key=lambda s: (s.published or "9999", s.report_id, s.start))
    places: dict[str, Mention] = {}
    for inc in ordered:
        for m in inc.places:
            places.setdefault(m.place.place_id if m.place else "?" + m.surface.lower(), m)

    def joined(values: Iterable[str]) -> str:
        return "; ".join(dict.fromkeys(v for v in values if v))

    killed = _span([i.killed_low for i in cluster], [i.killed_high for i in cluster])
    wounded = _span([i.wounded_low for i in cluster], [i.wounded_high for i in cluster])
    civilians = _span([i.civilians_killed_low for i in cluster], [i.civilians_killed_high for i in cluster])
    return Incident(
        primary.incident_id, primary.event_type, primary.acled_event_type, primary.date, tuple(places.values()),
        killed_low=killed[0], killed_high=killed[1], wounded_low=wounded[0], wounded_high=wounded[1],
        claimant=joined(i.claimant for i in ordered), is_claim=all(i.is_claim for i in cluster),
        denied_by=tuple(dict.fromkeys(d for i in ordered for d in i.denied_by)),
        counter_claims=tuple(dict.fromkeys(c for i in ordered for c in i.counter_claims)),
        verification=joined(i.verification for i in ordered), sources=tuple(all_sources),
        corroboration=len({_group(s) for s in all_sources}),
        casualty_reporter=joined(i.casualty_reporter for i in ordered),
        civilians_killed_low=civilians[0], civilians_killed_high=civilians[1])


__all__ = ["shingles", "syndication_groups", "same_incident", "merge_incidents", "combine"]
