"""The same story and the same incident across reports.

Syndication: two reports are copies of one story when their word 5-gram shingle sets
overlap by Jaccard >= 0.5 or one contains >= 60 % of the other's shingles (a copy with a
paragraph added or cut). Candidate pairs come from an inverted index over shingles, so
the cost grows with shared text, not with the square of the corpus.

Incidents: two extracted incidents are one when they have the same event type, dates that
overlap, and either share a specific place (a town, district or region) and are told in
similar words (rapidfuzz token ratio >= 80) or are both dated to the same day, or, with
no specific place, are told in nearly the same words (>= 90) by copies of one story.
A merged incident is shown as its best-dated, best-counted telling (the primary) but keeps
the smallest member id, whichever telling is primary, so links to it survive new reports.
A merged incident keeps every source with its own figures; its killed/wounded low..high
span all of them (one outlet's 14 and another's 21 give 14..21), never one picked.
Corroboration counts syndication groups: copies of one story count once.

Publication dates across reports (`harmonise_publication_dates`): a report dated with
confidence below 0.5 (only by the weekday it names, or the latest date it mentions; see
geomap.dates) borrows the date of a better-dated report of the same news event. Two
reports tell the same event when they are copies of one story (syndication, above) or
share at least two separate verbatim passages of eight words or more that are mostly inside
quotation marks in the borrowing report: the same quotes. Shared narration does not count,
because agencies reuse background paragraphs for weeks (seed 001 shares six passages of
Anadolu's background with a Reuters story a week later, and none of its quotes). The borrowed date must agree with
the borrowing report's own cues: it falls on a weekday the story names, and not before a
day the story states as past ("Fighting began on Sept. 27"). A report with no such cue
borrows only from a copy of its own story. Donors are reports dated with confidence >= 0.5
by their own evidence; the best-dated one wins (then the one sharing most text, then the
report id), and the borrowed confidence is the donor's minus 0.05. A date is only ever
replaced by a more confident one, so a well-dated report never changes; a borrowed date is
decided again on every call, so the result does not depend on the order reports arrive in.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from dataclasses import replace
from datetime import date
from typing import Hashable, Iterable, Optional, Sequence

from rapidfuzz import fuzz

from geomap.precision import WherePrecision
from geomap.dates import story_date_cues
from geomap.records import Incident, Mention, Report, SourceRef

SHINGLE_SIZE = 5
JACCARD_THRESHOLD = 0.5
CONTAINMENT_THRESHOLD = 0.6
MIN_SHINGLES = 15  # shorter texts are too short to call copies of each other
_COMMON_SHINGLE_SHARE = 50  # shingles in more reports than this are boilerplate: not used to find candidates
SIMILAR_WORDS = 80
SAME_WORDS = 90

BORROW_BELOW = 0.5  # publication dates less confident than this may be borrowed from the same event
PASSAGE_WORDS = 8  # a shared verbatim passage is at least this many words
SAME_EVENT_PASSAGES = 2  # separate shared passages that make two reports one news event
BORROWED_DISCOUNT = 0.05  # a borrowed date is trusted a little less than its source
BORROWED_EVIDENCE = "same event as "  # how a borrowed date's evidence begins


class _DisjointSets:
    """Union-find over 0..n-1, for grouping copies of a story and tellings of one incident."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        parent = self.parent
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def join(self, a: int, b: int) -> None:
        self.parent[self.find(a)] = self.find(b)

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
    groups = _DisjointSets(len(sets))

    for (a, b), n in shared.items():
        if n < 3:
            continue
        small = min(len(sets[a]), len(sets[b]))
        if small < MIN_SHINGLES:
            continue
        overlap = len(sets[a] & sets[b])
        union = len(sets[a]) + len(sets[b]) - overlap
        if overlap / union >= JACCARD_THRESHOLD or overlap / small >= CONTAINMENT_THRESHOLD:
            groups.join(a, b)
    members: dict[int, list[int]] = defaultdict(list)
    for i in range(len(sets)):
        members[groups.find(i)].append(i)
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
    groups = _DisjointSets(len(incidents))

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
                if groups.find(i) != groups.find(j) and same_incident(incidents[i], incidents[j]):
                    groups.join(i, j)
    clusters: dict[int, list[Incident]] = defaultdict(list)
    for i, inc in enumerate(incidents):
        clusters[groups.find(i)].append(inc)
    merged = [combine(cluster) if len(cluster) > 1 else _counted(cluster[0]) for cluster in clusters.values()]
    return sorted(merged, key=lambda inc: (inc.date.start or "9999", inc.incident_id))


def _counted(incident: Incident) -> Incident:
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
    # The id must not move when a report joins (shared ?incident= links), so it is not the
    # primary's: it is the smallest member id, each a hash of report content and sentence offset.
    return Incident(
        min(inc.incident_id for inc in cluster), primary.event_type, primary.acled_event_type, primary.date,
        tuple(places.values()),
        killed_low=killed[0], killed_high=killed[1], wounded_low=wounded[0], wounded_high=wounded[1],
        claimant=joined(i.claimant for i in ordered), is_claim=all(i.is_claim for i in cluster),
        denied_by=tuple(dict.fromkeys(d for i in ordered for d in i.denied_by)),
        counter_claims=tuple(dict.fromkeys(c for i in ordered for c in i.counter_claims)),
        verification=joined(i.verification for i in ordered), sources=tuple(all_sources),
        corroboration=len({_group(s) for s in all_sources}),
        casualty_reporter=joined(i.casualty_reporter for i in ordered),
        civilians_killed_low=civilians[0], civilians_killed_high=civilians[1])


# --- publication dates across reports -------------------------------------------------------------------


def _words_with_spans(text: str) -> list[tuple[str, int, int]]:
    return [(m.group(0).lower(), m.start(), m.end()) for m in re.finditer(r"\w+", text)]


def _grams(words: Sequence[tuple[str, int, int]], size: int) -> list[tuple[str, ...]]:
    return [tuple(w for w, _, _ in words[i:i + size]) for i in range(max(0, len(words) - size + 1))]


def _shared_runs(text: str, other: str, *, size: int) -> list[tuple[int, int]]:
    words = _words_with_spans(text)
    theirs = set(_grams(_words_with_spans(other), size))
    runs: list[list[int]] = []
    for i, gram in enumerate(_grams(words, size)):
        if gram not in theirs:
            continue
        if runs and i == runs[-1][1] + 1:
            runs[-1][1] = i
        else:
            runs.append([i, i])
    return [(words[first][1], words[last + size - 1][2]) for first, last in runs]


def shared_passages(text: str, other: str, *, size: int = PASSAGE_WORDS) -> list[str]:
    """Passages of `text`, as written there, whose words (case and punctuation aside) `other` also has in a row.

    Each is a maximal run of word `size`-grams the two texts share, so a long shared quote is one passage.
    """
    return [text[start:end] for start, end in _shared_runs(text, other, size=size)]


_QUOTATION_RE = re.compile(r'“[^”]{1,3000}”|"[^"]{1,3000}"|«[^»]{1,3000}»')


def _quoted_passages(text: str, other: str, *, size: int = PASSAGE_WORDS) -> list[str]:
    """The shared passages of `text` that are mostly words inside quotation marks there: what someone said."""
    quotes = [m.span() for m in _QUOTATION_RE.finditer(text)]
    found = []
    for start, end in _shared_runs(text, other, size=size):
        words = [(a, b) for _, a, b in _words_with_spans(text[start:end])]
        inside = sum(1 for a, b in words if any(q0 <= start + a and start + b <= q1 for q0, q1 in quotes))
        if inside * 2 > len(words):
            found.append(text[start:end])
    return found


def _is_borrowed(report: Report) -> bool:
    return report.published_evidence.startswith(BORROWED_EVIDENCE)


def _quoted(passage: str, *, limit: int = 90) -> str:
    passage = " ".join(passage.split())
    return f'"{passage}"' if len(passage) <= limit else f'"{passage[:limit].rsplit(" ", 1)[0]} ..."'


def harmonise_publication_dates(reports: Sequence[Report]) -> list[Report]:
    """The reports, in order, with low-confidence publication dates borrowed from the same news event.

    The method is in the module docstring; a borrowed date's evidence names the donor report,
    a passage the two share and the donor's own evidence.
    """
    reports = list(reports)
    borrowers = [i for i, r in enumerate(reports) if r.text and (r.published_confidence < BORROW_BELOW
                                                                  or _is_borrowed(r))]
    donors = [i for i, r in enumerate(reports) if r.text and r.published and not _is_borrowed(r)
              and r.published_confidence >= BORROW_BELOW]
    if not borrowers or not donors:
        return reports

    # Candidate pairs from an inverted index over the borrowers' word 8-grams: cost grows with the corpus, not its square.
    index: dict[tuple[str, ...], set[int]] = defaultdict(set)
    for i in borrowers:
        for gram in _grams(_words_with_spans(reports[i].text), PASSAGE_WORDS):
            index[gram].add(i)
    shared: dict[tuple[int, int], int] = defaultdict(int)
    for j in donors:
        for gram in set(_grams(_words_with_spans(reports[j].text), PASSAGE_WORDS)):
            for i in index.get(gram, ()):
                if i != j:
                    shared[(i, j)] += 1
    candidates: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for (i, j), n in shared.items():
        candidates[i].append((j, n))
    involved = sorted({i for i in candidates} | {j for pairs in candidates.values() for j, _ in pairs})
    groups = syndication_groups([(k, reports[k].text) for k in involved])

    result = list(reports)
    for i, pairs in candidates.items():
        report = reports[i]
        cues = story_date_cues(report.text)
        has_cues = bool(cues.weekdays) or cues.floor is not None
        baseline = 0.0 if _is_borrowed(report) else report.published_confidence
        choices = []
        for j, n in pairs:
            donor = reports[j]
            copy = groups[i] == groups[j]
            passages = _quoted_passages(report.text, donor.text)
            if not (copy or (has_cues and len(passages) >= SAME_EVENT_PASSAGES)):
                continue
            day = date.fromisoformat(donor.published)
            confidence = round(donor.published_confidence - BORROWED_DISCOUNT, 2)
            if confidence <= baseline or not cues.allows(day):
                continue
            choices.append((-confidence, -n, donor.report_id, donor.content_hash, j, passages, copy))
        if not choices:
            continue
        minus_confidence, _, _, _, j, passages, copy = min(choices)
        donor = reports[j]
        how = ("a copy of the same story" if copy else
               f"{len(passages)} quoted passages shared, e.g. {_quoted(max(passages, key=len))}")
        checks = []
        if cues.weekdays:
            checks.append(f"a {date.fromisoformat(donor.published).strftime('%A')} as this story says")
        if cues.floor is not None:
            checks.append(f"not before {cues.floor_words}")
        evidence = (f"{BORROWED_EVIDENCE}{donor.report_id} ({how}), dated from {donor.published_evidence}"
                    + (f"; {', '.join(checks)}" if checks else ""))
        result[i] = replace(report, published=donor.published, published_evidence=evidence,
                            published_confidence=-minus_confidence)
    return result


__all__ = ["shingles", "syndication_groups", "same_incident", "merge_incidents", "combine", "shared_passages",
           "harmonise_publication_dates"]
