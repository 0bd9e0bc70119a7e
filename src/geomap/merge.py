"""The same story and the same event across reports: syndication, publication dates, incidents.

Three questions, each answered from a small neighbourhood of every new report, never from all pairs,
so the cost of adding a report does not grow with the store (`geomap.pipeline` finds the
neighbourhood through indexes the store keeps):

**Copies of one story (syndication).** Candidates are reports that share passage fingerprints
(`passage_fingerprints`: winnowed hashes of word 8-grams, so any shared run of 11 words or more is
always seen). Two reports are copies when their word 5-gram shingle sets overlap by Jaccard >= 0.5
or one contains >= 60 % of the other's (a copy with a paragraph added or cut). A group is named after
its smallest member name (`report_group_name`), so the name does not depend on arrival order.
Copies count once towards an incident's corroboration.

**Publication dates** (`harmonise_publication_dates`): a report dated with confidence below 0.5 (only
by the weekday it names, or the latest date it mentions; see geomap.dates) borrows the date of a
better-dated report of the same news event: a copy of its own story, or a report sharing at least two
separate verbatim passages of eight words or more that are mostly inside quotation marks in the
borrowing report: the same quotes. Shared narration does not count, because agencies reuse background
paragraphs for weeks (seed 001 shares six passages of Anadolu's background with a Reuters story a week
later, and none of its quotes). The borrowed date must agree with the borrowing report's own cues: it
falls on a weekday the story names, and not before a day the story states as past ("Fighting began on
Sept. 27"). A report with no such cue borrows only from a copy of its own story. Donors are reports
dated with confidence >= 0.5 by their own evidence; the best-dated one wins (then the one sharing most
text, then the report id), and the borrowed confidence is the donor's minus 0.05. A date is only ever
replaced by a more confident one; a borrowed date is decided again whenever the neighbourhood changes,
so the result does not depend on the order reports arrive in. Copies are handled per story (the best
donor of the story), quotes per pair of stories, so a thousand wire copies cost a thousand look-ups.

**Incidents: blocking, linking, clustering under a constraint.**
- *Blocking* (`block_keys`, `probe_keys`): an extracted incident (a claim) is filed under its area
  (a grid cell of about 28 km for a town or district, its first-level region for a region or a district,
  its country for a country; a town or district also as held by its region and its country) crossed with
  each day of its date range and the months that hold them (a range longer than `MAX_BLOCK_DAYS`: its
  months), under its area for any day, and under its story (syndication group). A new claim probes every
  cell within reach of its place (`SAME_AREA_KM`, `DISTRICT_KM` for a district), the regions and countries
  that may hold it, and the days around its own (a long range: the claims its months hold), so a recap
  dated "in August" and the day's report find each other in either order. An undated claim
  (a report with no publication date) probes its area for any day, and a dated claim its area's undated
  claims, the latest `UNDATED_REACH` claims there in either case, so no probe grows with the store.
- *Linking* (`link_claims`): evidence for and against two claims being one event, each item named in
  words: the same place (or a village, a neighbourhood both name that the gazetteer lacks or holds only as the
  town near it), only near the same town (one claim's village near a town against the town itself, or another
  village near it), an area named like the town it holds (a province and its capital, "X Rayon" and X), or different
  places; the same day, or about it (a day against one told as the report's, give or take a few days; the day a report
  with no publication date names without a year, "late on June 14", against a telling of that day);
  the same type, two kinds of remote violence (shelling told as drone strikes), fire exchanged across a front
  (shelling told by the other side as fighting: neither for nor against), or a different kind of violence (a
  clash against a strike or a bomb: the same town and day are not enough then); the same site named
  (the hotel, the station, the market); agreeing or clashing figures (an open "at least ten" below another
  figure neither agrees nor clashes); shared wording; copies of one
  story. With a date unknown, the place and the site alone link nothing (a site is hit again a month
  later): the rest must add `UNDATED_EVENT_EVIDENCE`, a same type or agreeing figures. A link needs
  `LINK_SCORE`; of two links that score alike, one that knows both dates wins.
- *Report context* (`SAME_STORY_PLACES`): when a new report and another story tell events at another
  same place too, both dated and compatible (found among the candidates the report's claims already
  met in their blocks, so nothing scans the store), they tell one day's story, and each of their
  same-place links gains a little. A same place is a town both place an event at, or a first-level region
  both place one at no finer (three outlets telling one day's fighting in a region). Only a pair at one
  such place gains: a neighbouring town, a town in the region, or another region links nothing.
- *Compatibility* (`compatible`), a hard constraint: compatible event types (any two violent tellings, a
  toll of one, a town's fall and the fighting for it: outlets tell one assault as fighting, shelling or a
  strike), date ranges within a day of each other (overlapping when either is coarser than a day; an
  unknown date contradicts nothing, but an undated report's "on Saturday" must fit the other's day, give
  or take one), places within `SAME_AREA_KM` (or one inside the other's district,
  region or country), and never two claims of one report (the extractor already decided what one report
  tells as one event).
- *Clustering* (`cluster_claims`): claims are taken in arrival order, a report's claims together; each joins
  the cluster it links to best among those whose every member it is compatible with (complete linkage), else
  starts its own. Since a report's claims are never one incident, when two of them link to one cluster the
  better link takes it, whichever the report tells first (a raid on a town, then its fall, against another
  outlet's fall of the town: the fall joins it).
  Incidents are merged afterwards too, so that arrival order does not keep one event two (its first telling
  arrived alone, the next two joined each other, and the third links to the first as well): when a claim joins
  an incident, that incident is tested against the other incidents of the claim's blocks (no others, so the
  cost stays the report's), and the two merge when every pair across them is compatible and their best link
  across reaches `LINK_SCORE` and knows both dates (an undated telling fits any day); the link is written
  in the joining claim's evidence.
  So two towns 100 km apart, or two strikes on one town five days apart, stay two incidents however many
  reports sit between them: there are no chains.

A merged incident (`combine`) is shown as its best-dated, best-counted telling (the primary) and keeps
the smallest member id, so the id depends on the members, not on arrival order. Every source keeps its
own figures and the evidence that linked it (`SourceRef.link`); the incident's killed/wounded
low..high span all of them (one outlet's 14 and another's 21 give 14..21), never one picked.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import lru_cache
from itertools import islice
from typing import Callable, Hashable, Iterable, Iterator, Mapping, Optional, Sequence

from rapidfuzz import fuzz

from geomap.dates import named_month_days, named_weekdays, story_date_cues
from geomap.events.casualties import VAGUE_AMOUNTS
from geomap.events.taxonomy import REMOTE_VIOLENCE, VIOLENT_TYPES
from geomap.gazetteer.build import bare_admin_name
from geomap.precision import DatePrecision, WherePrecision
from geomap.records import Incident, Mention, Report, SourceLink, SourceRef

SHINGLE_SIZE = 5
JACCARD_THRESHOLD = 0.5
CONTAINMENT_THRESHOLD = 0.6
MIN_SHINGLES = 15  # shorter texts are too short to call copies of each other
MIN_SHARED_FINGERPRINTS = 2  # candidates for copies or shared quotes share at least this many fingerprints
COMMON_FINGERPRINT = 32  # a fingerprint in more stories than this is boilerplate: it finds no candidates
WINNOW_WINDOW = 4  # a shared run of PASSAGE_WORDS + WINNOW_WINDOW - 1 words always shares a fingerprint

BORROW_BELOW = 0.5  # publication dates less confident than this may be borrowed from the same event
PASSAGE_WORDS = 8  # a shared verbatim passage is at least this many words
SAME_EVENT_PASSAGES = 2  # separate shared passages that make two reports one news event
BORROWED_DISCOUNT = 0.05  # a borrowed date is trusted a little less than its source
BORROWED_EVIDENCE = "same event as "  # how a borrowed date's evidence begins

CELL_DEGREES = 0.25  # blocking grid: about 28 km of latitude; neighbouring cells are probed too
SAME_AREA_KM = 30.0  # places further apart than this are different events' places
DISTRICT_KM = 50.0  # a district holds the places of its region up to this far from its point
MAX_BLOCK_DAYS = 8  # a date range longer than this is filed by month
LINK_SCORE = 3.0  # evidence needed to link two claims
UNDATED_EVENT_EVIDENCE = 1.0  # with a date unknown, evidence besides the place and site needed to link (a same type)
SAME_STORY_PLACES = 0.5  # two reports telling events at another same place on the same days: one story told twice
ANY_DAY = "*"  # the block of an area for any day, where undated claims look
UNDATED = "undated"  # the day block of undated claims, where dated claims look for them
UNDATED_REACH = 200  # a probe meets at most this many of the latest claims of an area's wide block
_MONTH = "m"  # a block of claims dated by a month or longer
_HELD = "in"  # a block of claims dated within a month, for the long ranges that hold them


# --- text fingerprints and copies of one story ----------------------------------------------------------------


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def shingles(text: str, *, size: int = SHINGLE_SIZE) -> frozenset[int]:
    """Hashes of the text's word `size`-grams (lowercased, punctuation and quote styles ignored).

    The same in every process (the built-in hash() of a str is salted per process), so shingles
    made in Dask workers compare with the driver's.
    """
    words = _words(text)
    return frozenset(_stable_hash(" ".join(words[i:i + size])) for i in range(max(0, len(words) - size + 1)))


def _stable_hash(text: str) -> int:
    return int.from_bytes(hashlib.blake2b(text.encode(), digest_size=8).digest(), "little")


@lru_cache(maxsize=200_000)
def _word_hash(word: str) -> int:
    return _stable_hash(word)


_MASK = (1 << 63) - 1
_BASE = 1_000_003


def passage_fingerprints(text: str, *, size: int = PASSAGE_WORDS, window: int = WINNOW_WINDOW) -> frozenset[int]:
    """Stable hashes (the same in every process) of the text's word `size`-grams, winnowed: the smallest of every
    `window` consecutive ones (Schleimer et al. 2003), so two texts sharing a run of `size + window - 1` words
    always share a fingerprint while about 2/(window+1) of the grams are kept."""
    words = _words(text)
    if len(words) < size:
        return frozenset()
    top = pow(_BASE, size - 1, 1 << 63)
    hashes = [_word_hash(w) & _MASK for w in words]
    grams = []
    h = 0
    for i, w in enumerate(hashes):
        if i >= size:
            h = (h - hashes[i - size] * top) & _MASK
        h = (h * _BASE + w) & _MASK
        if i >= size - 1:
            grams.append(h)
    if len(grams) <= window:
        return frozenset([min(grams)])
    return frozenset(min(grams[i:i + window]) for i in range(len(grams) - window + 1))


def are_copies(a: frozenset[int], b: frozenset[int]) -> bool:
    """True when two shingle sets (`shingles`) are copies of one story: Jaccard or containment over the thresholds."""
    small = min(len(a), len(b))
    if small < MIN_SHINGLES:
        return False
    overlap = len(a & b)
    return overlap / (len(a) + len(b) - overlap) >= JACCARD_THRESHOLD or overlap / small >= CONTAINMENT_THRESHOLD


def report_group_name(content_hash: str) -> str:
    """The syndication group a report forms on its own; a group of copies takes its smallest member's name."""
    return "syn-" + hashlib.sha1(content_hash.encode()).hexdigest()[:12]


class _DisjointSets:
    """Union-find over 0..n-1."""

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


def syndication_groups(texts: Sequence[tuple[Hashable, str]]) -> dict[Hashable, str]:
    """A group name for every key: keys whose texts are copies of one story share it (all in memory)."""
    keys = [str(key) for key, _ in texts]
    fingerprints = [passage_fingerprints(text) for _, text in texts]
    sets = [shingles(text) for _, text in texts]
    postings: dict[int, list[int]] = defaultdict(list)
    groups = _DisjointSets(len(texts))
    for i, prints in enumerate(fingerprints):
        shared: dict[int, int] = defaultdict(int)
        for h in prints:
            for j in postings[h]:
                shared[j] += 1
            postings[h].append(i)
        for j, n in shared.items():
            if n >= MIN_SHARED_FINGERPRINTS and groups.find(i) != groups.find(j) and are_copies(sets[i], sets[j]):
                groups.join(i, j)
    members: dict[int, list[int]] = defaultdict(list)
    for i in range(len(texts)):
        members[groups.find(i)].append(i)
    names: dict[Hashable, str] = {}
    for group in members.values():
        name = min(report_group_name(keys[i]) for i in group)
        for i in group:
            names[texts[i][0]] = name
    return names


# --- publication dates across reports -------------------------------------------------------------------


def _words_with_spans(text: str) -> list[tuple[str, int, int]]:
    return [(m.group(0).lower(), m.start(), m.end()) for m in re.finditer(r"\w+", text)]


def _grams(words: Sequence[tuple[str, int, int]], size: int) -> list[tuple[str, ...]]:
    """Every run of `size` consecutive words, in order (zipped from shifted copies: no loop per word in Python)."""
    plain = [w for w, _, _ in words]
    return list(zip(*(plain[k:] for k in range(size))))


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


def is_borrowed(report: Report) -> bool:
    """True when the report's publication date was borrowed from another report."""
    return report.published_evidence.startswith(BORROWED_EVIDENCE)


def can_borrow(report: Report) -> bool:
    """True when the report's publication date may be replaced by a better one from the same event."""
    return bool(report.text) and (report.published_confidence < BORROW_BELOW or is_borrowed(report))


def can_lend(report: Report) -> bool:
    """True when the report is dated well enough, by its own evidence, to lend its date."""
    return bool(report.text and report.published) and not is_borrowed(report) \
        and report.published_confidence >= BORROW_BELOW


def _quoted(passage: str, *, limit: int = 90) -> str:
    passage = " ".join(passage.split())
    return f'"{passage}"' if len(passage) <= limit else f'"{passage[:limit].rsplit(" ", 1)[0]} ..."'


_DONORS_PER_STORY = 3  # the best-dated copies of a donor story tried for each borrower


def harmonise_publication_dates(reports: Sequence[Report], *, groups: Optional[Mapping[str, str]] = None,
                                fingerprints: Mapping[str, frozenset[int]] = {}) -> list[Report]:
    """The reports, in order, with low-confidence publication dates borrowed from the same news event.

    The method is in the module docstring; `groups` maps content hashes to syndication groups (computed
    here when not given), `fingerprints` content hashes to `passage_fingerprints` already computed (the
    others are computed here). A borrowed date's evidence names the donor report, a passage the two share
    and the donor's own evidence.
    """
    reports = list(reports)
    borrowers = [i for i, r in enumerate(reports) if can_borrow(r)]
    donors = [i for i, r in enumerate(reports) if can_lend(r)]
    if not borrowers or not donors:
        return reports
    if groups is None:
        groups = syndication_groups([(r.content_hash or str(i), r.text) for i, r in enumerate(reports)])
    group = [groups.get(r.content_hash or str(i), f"#{i}") for i, r in enumerate(reports)]

    def prints(i: int) -> frozenset[int]:
        known = fingerprints.get(reports[i].content_hash) if reports[i].content_hash else None
        return passage_fingerprints(reports[i].text) if known is None else known

    # Donor stories: their best-dated copies first.
    donor_stories: dict[str, list[int]] = defaultdict(list)
    for j in sorted(donors, key=lambda j: (-reports[j].published_confidence, reports[j].report_id)):
        donor_stories[group[j]].append(j)
    # Stories sharing quotes: one borrowing copy per story against the donor stories' fingerprints.
    index: dict[int, set[str]] = defaultdict(set)
    for story, members in donor_stories.items():
        for h in prints(members[0]):
            index[h].add(story)
    borrower_stories: dict[str, list[int]] = defaultdict(list)
    for i in borrowers:
        borrower_stories[group[i]].append(i)
    related: dict[str, list[tuple[str, int]]] = {}
    for story, members in borrower_stories.items():
        shared: dict[str, int] = defaultdict(int)
        for h in prints(members[0]):
            others = index.get(h, ())
            if len(others) > COMMON_FINGERPRINT:
                continue  # boilerplate ("could not independently verify the report"), not a quote
            for other in others:
                if other != story:
                    shared[other] += 1
        related[story] = [(other, n) for other, n in shared.items() if n >= MIN_SHARED_FINGERPRINTS]

    result = list(reports)
    passages_of: dict[tuple[int, int], list[str]] = {}
    for story, members in borrower_stories.items():
        for i in members:
            report = reports[i]
            cues = story_date_cues(report.text)
            has_cues = bool(cues.weekdays) or cues.floor is not None
            baseline = 0.0 if is_borrowed(report) else report.published_confidence
            choices = []
            tries = [(j, True, len(reports[j].text)) for j in donor_stories.get(story, ())[:_DONORS_PER_STORY]]
            if has_cues:
                tries += [(j, False, n) for other, n in related[story]
                          for j in donor_stories[other][:_DONORS_PER_STORY]]
            for j, copy, n in tries:
                if j == i:
                    continue
                donor = reports[j]
                day = date.fromisoformat(donor.published)
                confidence = round(donor.published_confidence - BORROWED_DISCOUNT, 2)
                # A copy is the same story, so the day it names may be the day before its page's;
                # it must still not precede what it states as past.
                allowed = (cues.floor is None or day >= cues.floor) if copy else cues.allows(day)
                if confidence <= baseline or not allowed:
                    continue
                passages: list[str] = []
                if not copy:
                    key = (members[0], j)  # the copies of one story quote alike: found once per story
                    if key not in passages_of:
                        passages_of[key] = _quoted_passages(reports[members[0]].text, donor.text)
                    passages = passages_of[key]
                    if len(passages) < SAME_EVENT_PASSAGES:
                        continue
                choices.append((-confidence, -n, donor.report_id, donor.content_hash, j, passages, copy))
            if not choices:
                continue
            minus_confidence, _, _, _, j, passages, copy = min(choices)
            donor = reports[j]
            how = ("a copy of the same story" if copy else
                   f"{len(passages)} quoted passages shared, e.g. {_quoted(max(passages, key=len))}")
            checks = []
            if cues.weekdays and not copy:
                checks.append(f"a {date.fromisoformat(donor.published).strftime('%A')} as this story says")
            if cues.floor is not None:
                checks.append(f"not before {cues.floor_words}")
            evidence = (f"{BORROWED_EVIDENCE}{donor.report_id} ({how}), dated from {donor.published_evidence}"
                        + (f"; {', '.join(checks)}" if checks else ""))
            result[i] = replace(report, published=donor.published, published_evidence=evidence,
                                published_confidence=-minus_confidence)
    return result


# --- incidents: blocking -----------------------------------------------------------------------------------


def _located(incident: Incident) -> list[Mention]:
    return [m for m in incident.places if m.place is not None and m.precision]


def _fine(m: Mention) -> bool:
    return m.precision <= WherePrecision.DISTRICT


def _cell(lat: float, lon: float) -> tuple[int, int]:
    return math.floor(lat / CELL_DEGREES), math.floor(lon / CELL_DEGREES)


def _areas(incident: Incident, *, probe: bool) -> frozenset[str]:
    """The area keys a claim is filed under (`probe`: the keys to look in, neighbouring cells included)."""
    return _area_keys(tuple((m.place.lat, m.place.lon, m.place.country_code, m.place.admin1, m.precision)
                            for m in _located(incident)), probe)


@lru_cache(maxsize=100_000)
def _area_keys(located: tuple, probe: bool) -> frozenset[str]:
    """Cells (`c`) for places, regions (`a`) and countries (`n`) for areas; a place is also filed as held
    (`h`) by its region and its country, where a claim that names only the region or country finds it."""
    keys: set[str] = set()
    for lat, lon, country, admin1, precision in located:
        if precision <= WherePrecision.DISTRICT:
            if probe:  # every cell within reach; a region or a country named by another report holds this place
                keys.update(_cells_within(lat, lon, DISTRICT_KM if precision == WherePrecision.DISTRICT
                                          else SAME_AREA_KM))
                keys.update({f"a{country}:{admin1}", f"n{country}"})
            else:
                y, x = _cell(lat, lon)
                keys.update({f"c{y}:{x}", f"h{country}:{admin1}", f"h{country}"})
                if precision == WherePrecision.DISTRICT:  # the places of its region look for it there
                    keys.add(f"a{country}:{admin1}")
        elif precision <= WherePrecision.REGION:
            keys.add(f"a{country}:{admin1}")
            keys.add(f"h{country}:{admin1}" if probe else f"h{country}")
            if probe:
                keys.add(f"n{country}")
        else:
            keys.add(f"n{country}")
            if probe:
                keys.add(f"h{country}")
    return frozenset(keys)


_KM_PER_DEGREE = 111.2


def _cells_within(lat: float, lon: float, km: float) -> set[str]:
    """The grid cells that hold a point up to `km` from (lat, lon)."""
    dlat = km / _KM_PER_DEGREE
    dlon = km / (_KM_PER_DEGREE * max(math.cos(math.radians(lat)), 0.05))
    y0, x0 = _cell(lat - dlat, lon - dlon)
    y1, x1 = _cell(lat + dlat, lon + dlon)
    return {f"c{y}:{x}" for y in range(y0, y1 + 1) for x in range(x0, x1 + 1)}


def _days(incident: Incident, *, slack: int) -> tuple[str, ...]:
    return _day_keys(incident.date.start, incident.date.end or incident.date.start, slack)


def _months(first: date, last: date) -> list[str]:
    months, y, m = [], first.year, first.month
    while (y, m) <= (last.year, last.month):
        months.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return months


@lru_cache(maxsize=100_000)
def _day_keys(start: Optional[str], end: Optional[str], slack: int) -> tuple[str, ...]:
    """Filed (`slack` 0): each day of a short range and, as held by them, its months (`_HELD`); a long range
    under its months (`_MONTH`). Probed (`slack` 1): the days around a short range and the long ranges of its
    months; for a long range, its months and the short ranges they hold, and those of the months its slack
    reaches (a quarter ending on 29 February meets 1 March and March), so the two find each other in either
    order."""
    if not start:
        return (UNDATED,)
    first, last = date.fromisoformat(start), date.fromisoformat(end)
    if (last - first).days >= MAX_BLOCK_DAYS:
        months = _months(first - timedelta(days=slack), last + timedelta(days=slack))
        return tuple(f"{_MONTH}{m}" for m in months) + (tuple(f"{_HELD}{m}" for m in months) if slack else ())
    first, last = first - timedelta(days=slack), last + timedelta(days=slack)
    days = [(first + timedelta(days=k)).isoformat() for k in range((last - first).days + 1)]
    return tuple(days) + tuple(f"{_MONTH if slack else _HELD}{m}" for m in sorted({d[:7] for d in days}))


def is_wide_block(key: str) -> bool:
    """An area's block for any day, or of its undated claims: no day bounds them, so they grow with the store,
    and a probe meets only their latest `UNDATED_REACH` claims (the cost of a claim stays bounded)."""
    return key.endswith(("|" + ANY_DAY, "|" + UNDATED))


def story_block_key(story: str) -> str:
    """The block every claim of a story (a syndication group) is filed under."""
    return f"s{story}"


def block_keys(incident: Incident, *, story: str = "") -> set[str]:
    """The blocks a claim is filed under: its area crossed with its days, its area for any day, and its story."""
    areas = _areas(incident, probe=False)
    keys = {f"{area}|{day}" for area in areas for day in _days(incident, slack=0)}
    keys.update(f"{area}|{ANY_DAY}" for area in areas)
    if story:
        keys.add(story_block_key(story))
    return keys


def probe_keys(incident: Incident, *, story: str = "") -> set[str]:
    """The blocks a new claim looks in: every claim it could be compatible with is filed under one of them.

    An undated claim looks at its area for any day, a dated one at its area's undated claims too (of each, the
    latest `UNDATED_REACH`: `is_wide_block`); a claim with no place may be compatible with any place, so it looks
    in its story only."""
    days = _days(incident, slack=1) if incident.date.start else (ANY_DAY,)
    keys = {f"{area}|{day}" for area in _areas(incident, probe=True) for day in days}
    if incident.date.start:
        keys.update(f"{area}|{UNDATED}" for area in _areas(incident, probe=True))
    if story:
        keys.add(story_block_key(story))
    return keys


# --- incidents: linking ---------------------------------------------------------------------------------------


# Outlets tell one assault as fighting, shelling or a strike, and a town's fall with the fighting for it: any
# two violent tellings may be one event (the one rule of geomap.events.taxonomy); a different kind of violence
# is weak evidence against (`_KIND_CLASH`), an attack on civilians or a toll is said of any kind. Fire exchanged
# across a front is told as shelling by one side's ministry and as fighting by the other's, so shelling against a
# clash is no evidence either way (`_GROUND_FIRE`); a strike from the air, a missile or a bomb against a clash is
# another act in the same battle more often than the same one.
_VIOLENT = VIOLENT_TYPES | {"casualty_toll"}
_CAPTURE = frozenset({"territory_change", "armed_clash"})  # a town taken, and the fighting that took it
_GROUND_FIRE = frozenset({"shelling", "armed_clash"})
_TOLD_OF_ANY = frozenset({"attack_on_civilians", "casualty_toll"})
_KIND_CLASH = -1.5
_PLACE_ONLY = -1.5  # a date unknown and the place (town, site) nearly all that agrees
_VAGUE_AMOUNTS = frozenset(VAGUE_AMOUNTS.values())  # "several", "dozens": no count another outlet's agrees with


def _types_compatible(a: str, b: str) -> bool:
    """Same type; two violent tellings, or a toll of one; a town changing hands and the fighting for it."""
    return a == b or (a in _VIOLENT and b in _VIOLENT) or {a, b} == _CAPTURE


def _same_kind(a: str, b: str) -> bool:
    """Whether two compatible types tell the same kind of violence: two strikes, one said of any kind, or a
    town's fall and the fighting for it."""
    return (a == b or a in _TOLD_OF_ANY or b in _TOLD_OF_ANY or {a, b} == _CAPTURE
            or (a in REMOTE_VIOLENCE and b in REMOTE_VIOLENCE))


def _km(a: Mention, b: Mention) -> float:
    p, q = a.place, b.place
    r = math.pi / 180
    h = (math.sin((q.lat - p.lat) * r / 2) ** 2
         + math.cos(p.lat * r) * math.cos(q.lat * r) * math.sin((q.lon - p.lon) * r / 2) ** 2)
    return 12742.0 * math.asin(min(1.0, math.sqrt(h)))


def _inside(small: Mention, large: Mention) -> bool:
    """True when the place `small` lies in the district, region or country `large` names.

    A district holds the places of its first-level region up to `DISTRICT_KM` from its point (no borders
    are shipped); a region those of its first-level region; a country or a vague area its country's."""
    s, big = small.place, large.place
    if big.country_code != s.country_code:
        return False
    if large.precision >= WherePrecision.VAGUE_AREA:
        return True
    if not big.admin1 or big.admin1 != s.admin1:
        return False
    return large.precision >= WherePrecision.REGION or _km(small, large) <= DISTRICT_KM


def _point(m: Mention) -> bool:
    """A town or a spot (finer than a district): two of them further apart than SAME_AREA_KM are two places."""
    return m.precision < WherePrecision.DISTRICT


def _place_relation(x: Mention, y: Mention) -> str:
    """"same" (one place, or two points within SAME_AREA_KM), "named" (an area named like the town it holds:
    the province and its capital), "inside" (one lies in the other's area), or "" (different places)."""
    if x.place.place_id == y.place.place_id:
        return "same"
    if (_point(x) and _point(y)) or x.precision == y.precision == WherePrecision.DISTRICT:
        return "same" if _km(x, y) <= SAME_AREA_KM else ""
    small, large = (x, y) if x.precision <= y.precision else (y, x)
    if not _inside(small, large):
        return ""
    return "named" if _point(small) and _name_key(small) == _area_name_key(large) else "inside"


def _name_key(m: Mention) -> str:
    return " ".join(_words(m.place.name))


def _area_name_key(m: Mention) -> str:
    """An area's name without its administrative word ("Swift County" -> "swift"): the name of the town
    it holds when it is named like it."""
    return " ".join(_words(bare_admin_name(m.place.name) or m.place.name))


def _places_agree(a: Incident, b: Incident) -> bool:
    pa, pb = _located(a), _located(b)
    if not pa or not pb:
        return True
    return any(_place_relation(x, y) for x in pa for y in pb)


def _day_gap(a: Incident, b: Incident) -> Optional[int]:
    """Days between two date ranges (0 when they overlap), None when either is undated."""
    if not a.date.start or not b.date.start:
        return None
    a0, a1 = date.fromisoformat(a.date.start), date.fromisoformat(a.date.end or a.date.start)
    b0, b1 = date.fromisoformat(b.date.start), date.fromisoformat(b.date.end or b.date.start)
    return max(0, (b0 - a1).days, (a0 - b1).days)


def _is_day(incident: Incident) -> bool:
    return incident.date.precision == DatePrecision.DAY


def _dates_agree(a: Incident, b: Incident) -> bool:
    gap = _day_gap(a, b)
    if gap is None:  # an unknown date contradicts nothing; the evidence must do without it
        return True
    return gap == 0 or (gap == 1 and _is_day(a) and _is_day(b))  # "Sunday night" and "Monday morning"


def _undated_weekdays(incident: Incident) -> frozenset[int]:
    """The weekdays an undated claim's own sentences name: a report without a year to anchor "on Sunday June 6"
    still says which weekday its event fell on."""
    if incident.date.start:
        return frozenset()
    return named_weekdays(" ".join(dict.fromkeys(s.sentence for s in incident.sources)))


def _undated_month_days(incident: Incident) -> frozenset[tuple[int, int]]:
    """The days an undated claim's own sentences name by month and day ("late on June 14"), or its report's dateline
    does (its date's evidence): a report without a publication date has no year for them, but they still say which
    day its event fell on."""
    if incident.date.start:
        return frozenset()
    return named_month_days(" ".join([*dict.fromkeys(s.sentence for s in incident.sources), incident.date.evidence]))


def _told_day_gap(a: Incident, b: Incident) -> Optional[tuple[int, tuple[int, int]]]:
    """(days apart, the day named) between a day an undated claim names without a year and the other claim's
    dates (in the other's year), or the days both undated claims name; None when neither names one, or the
    other's dates span too long to tell a day."""
    mine, theirs = _undated_month_days(a), _undated_month_days(b)
    if mine and theirs:
        return min((abs((date(2000, *x) - date(2000, *y)).days), x) for x in mine for y in theirs)
    named, dated = (mine, b) if mine else (theirs, a)
    if not named or not dated.date.start:
        return None
    first = date.fromisoformat(dated.date.start)
    last = date.fromisoformat(dated.date.end or dated.date.start)
    if (last - first).days >= MAX_BLOCK_DAYS:
        return None
    gaps = []
    for month, day in named:
        for year in {first.year, last.year}:
            try:
                told = date(year, month, day)
            except ValueError:  # 29 February in another year
                continue
            gaps.append((max(0, (first - told).days, (told - last).days), (month, day)))
    return min(gaps, default=None)


def _near_weekdays(days: frozenset[int]) -> frozenset[int]:
    return frozenset((d + k) % 7 for d in days for k in (-1, 0, 1))  # "Sunday night" is Monday's news


def _weekdays_agree(a: Incident, b: Incident) -> bool:
    """An undated claim that names weekdays is one event only with a claim that can fall on one of them (give or
    take a day): dated within a week on such a day, or undated naming such a day."""
    mine, theirs = _undated_weekdays(a), _undated_weekdays(b)
    if not mine and not theirs:
        return True
    if mine and theirs:
        return bool(_near_weekdays(mine) & theirs)
    dated, named = (b, mine) if mine else (a, theirs)
    if not dated.date.start:
        return True
    first = date.fromisoformat(dated.date.start)
    span = (date.fromisoformat(dated.date.end or dated.date.start) - first).days
    return span >= 6 or any((first + timedelta(days=k)).weekday() in _near_weekdays(named) for k in range(span + 1))


def _report(incident: Incident) -> str:
    return incident.sources[0].report_id


def compatible(a: Incident, b: Incident) -> bool:
    """The hard constraint every pair in one incident meets: type, dates (and the weekdays an undated claim names),
    places, and two different reports."""
    return (_report(a) != _report(b) and _types_compatible(a.event_type, b.event_type)
            and _dates_agree(a, b) and _weekdays_agree(a, b) and _places_agree(a, b))


def _story(incident: Incident) -> str:
    return incident.sources[0].syndication_group or f"report:{_report(incident)}"


def _figures_clash(a: tuple[Optional[int], Optional[int]], b: tuple[Optional[int], Optional[int]]) -> Optional[bool]:
    """None when either is unknown, or when the lower is open ("at least 10" against 40: neither agreeing nor
    clashing); False when the ranges are within reach of each other; True when far apart."""
    if a[0] is None or b[0] is None:
        return None
    lo_a, hi_a = a[0], a[1] if a[1] is not None else a[0]
    lo_b, hi_b = b[0], b[1] if b[1] is not None else b[0]
    if lo_a <= hi_b and lo_b <= hi_a:
        return False
    (low, open_low), high = ((hi_a, a[1] is None), lo_b) if hi_a < lo_b else ((hi_b, b[1] is None), lo_a)
    if high <= 3 * low + 5:
        return False  # one outlet's 14 and another's 21 agree enough; 3 and 40 do not
    return None if open_low else True


@dataclass(frozen=True, slots=True)
class Link:
    """Evidence that two claims tell one event: the total and each item in words."""

    score: float
    evidence: tuple[str, ...]


def _sentence_words(incident: Incident) -> str:
    return " ".join(_words(incident.sources[0].sentence))


# What was hit, when a report names it: outlets that word an attack differently still name the hotel, the station
# or the market. Generic words only (no place or outlet), singular stems; a shared one is evidence of one event.
# Lower case only, so that no name counts (Port-au-Prince, Camp Lemonnier) and no headline's Title Case either.
_SITE_RE = re.compile(
    r"\b(hotel|market|marketplace|mosque|church|cathedral|temple|shrine|hospital|clinic|school|university|college"
    r"|kindergarten|station|airport|airbase|bridge|dam|prison|jail|stadium"
    r"|courthouse|barracks|checkpoint|convoy|bus|train|ferry|boat|wedding|funeral|restaurant|cafe|bakery"
    r"|mall|supermarket|refinery|pipeline|power plant|power station|substation|apartment block|apartment building"
    r"|tower block|camp|base|compound)(?:e?s)?\b")


def _sites(incident: Incident) -> frozenset[str]:
    """The sites a claim's sentences say were hit or attacked (hotel, station, market ...)."""
    return frozenset(m for s in incident.sources for m in _SITE_RE.findall(s.sentence))


def _local_names(incident: Incident) -> dict[str, str]:
    """The names a claim writes for places the gazetteer lacks, or holds only as the town near them (a village,
    a neighbourhood, a valley): their words -> the name as written."""
    names: dict[str, str] = {}
    for m in incident.places:
        if m.place is not None and m.precision != WherePrecision.NEAR:
            continue
        key = " ".join(_words(m.surface))
        if key and (m.place is None or key != _name_key(m)):
            names.setdefault(key, m.surface)
    return names


def _writes(incident: Incident, key: str) -> bool:
    """Whether the claim's sentences write the name (its words in a row, the first capitalised)."""
    pattern = r"(?<!\w)" + r"\W+".join(re.escape(w) for w in key.split()) + r"(?!\w)"
    return any(m.group(0)[0].isupper() for s in incident.sources
               for m in re.finditer(pattern, s.sentence, flags=re.IGNORECASE))


def _named_in_both(a: Incident, b: Incident) -> dict[str, str]:
    """Local names (`_local_names`) both claims give: the same small place named. A name counts when the other
    claim has it as a local name too, or writes it whole while having part of it as one ("Yar Katsina village"
    read as "Yar"): a capitalised common word that only one claim took for a place is no such name."""
    found: dict[str, str] = {}
    for mine, other in ((a, b), (b, a)):
        theirs = _local_names(other)
        for key, surface in _local_names(mine).items():
            if key in theirs or (any(f" {part} " in f" {key} " for part in theirs) and _writes(other, key)):
                found.setdefault(key, surface)
    return found


def _stand_in_only(incident: Incident, place_ids: set[str], named: Mapping[str, str]) -> bool:
    """True when the claim reaches these places only through stand-ins: the town near a village it names, which
    the other claim does not name (one report's village near a town against the town itself, or another
    village near it)."""
    return all(m.precision == WherePrecision.NEAR and " ".join(_words(m.surface)) != _name_key(m)
               and " ".join(_words(m.surface)) not in named
               for m in _located(incident) if m.place.place_id in place_ids)


def link_claims(a: Incident, b: Incident) -> Link:
    """The evidence for and against two compatible claims being one event (see the module docstring)."""
    score, where, evidence = 0.0, 0.0, []

    def add(points: float, words: str) -> None:
        nonlocal score
        score += points
        evidence.append(f"{words} ({points:+g})")

    def add_where(points: float, words: str) -> None:
        nonlocal where
        where += points
        add(points, words)

    if _story(a) == _story(b):
        add(3.0, "copies of one story")
    shared = {m.place.place_id for m in _located(a)} & {m.place.place_id for m in _located(b)}
    fine_a, fine_b = [m for m in _located(a) if _fine(m)], [m for m in _located(b) if _fine(m)]
    relations = {(_place_relation(x, y), x.place.name) for x in _located(a) for y in _located(b)}
    named = _named_in_both(a, b)
    if shared:
        names = ", ".join(sorted({m.place.name for m in _located(a) if m.place.place_id in shared}))
        if _stand_in_only(a, shared, named) or _stand_in_only(b, shared, named):
            add_where(1.0, "near the same town " + names)
        else:
            add_where(2.0 if any(_fine(m) for m in _located(a) if m.place.place_id in shared) else 1.0,
                "same place " + names)
    elif named:
        add_where(2.0, "same place named " + ", ".join(sorted(named.values())))
    elif any(how == "named" for how, _ in relations):
        add_where(1.5, "an area named like the town it holds, "
                  + min(name for how, name in relations if how == "named"))
    elif fine_a and fine_b and not any(how == "inside" for how, _ in relations):
        add_where(-1.5, f"different places {fine_a[0].place.name} / {fine_b[0].place.name}")
        return Link(round(score, 2), tuple(evidence))  # alike words about two towns are one template, not one event
    elif _located(a) and _located(b):
        add_where(0.5, "one place inside the other's area")
    if a.event_type == b.event_type:
        add(1.0, f"same type {a.event_type}")
    elif a.event_type in REMOTE_VIOLENCE and b.event_type in REMOTE_VIOLENCE:
        add(0.5, f"both remote violence {a.event_type} / {b.event_type}")
    elif {a.event_type, b.event_type} == _GROUND_FIRE:
        add(0.0, f"fire told as {a.event_type} / {b.event_type}")
    elif not _same_kind(a.event_type, b.event_type):
        add(_KIND_CLASH, f"different kinds {a.event_type} / {b.event_type}")
    sites = _sites(a) & _sites(b)
    if sites:
        add_where(1.0, "same site " + min(sites))
    gap = _day_gap(a, b)
    told = _told_day_gap(a, b) if gap is None else None
    undated = False
    if told is not None and told[0] <= 1:  # "on June 14" in an undated report: the day, the year unknown
        day = date(2000, *told[1])
        exact = told[0] == 0 and (not a.date.start or _is_day(a)) and (not b.date.start or _is_day(b))
        add(1.5 if exact else 0.75, f"the day told without a year, {day:%B} {day.day}, "
            + ("the other's" if told[0] == 0 else "a day from the other's"))
    elif gap is None:
        add(0.0, "a date unknown")
        undated = True
    elif _is_day(a) and _is_day(b):
        add(1.5 if gap == 0 else 0.75, f"same day {a.date.start}" if gap == 0 else "a day apart")
    elif sorted((a.date.precision or DatePrecision.YEAR, b.date.precision or DatePrecision.YEAR)) == [
            DatePrecision.DAY, DatePrecision.DAYS]:  # a day, and "the report's day, give or take a few days" with it
        add(0.75, "a day within a few days")
    else:
        add(0.25, "overlapping dates")
    for label, fa, fb in (("killed", (a.killed_low, a.killed_high), (b.killed_low, b.killed_high)),
                          ("wounded", (a.wounded_low, a.wounded_high), (b.wounded_low, b.wounded_high))):
        clash = _figures_clash(fa, fb)
        if clash is False and (_VAGUE_AMOUNTS.isdisjoint({fa, fb}) or fa == fb):  # "several" agrees with no count
            add(1.0 if fa == fb else 0.5, f"{label} {fa[0]} and {fb[0]} agree" if fa != fb else f"same {label} {fa[0]}")
        elif clash:
            add(-1.5, f"{label} {fa[0]} and {fb[0]} far apart")
    if undated and score - where < UNDATED_EVENT_EVIDENCE:  # a site is hit again months later: the event must agree
        add(_PLACE_ONLY, "a date unknown and little but the place agrees")
    # Wording can only add 2: compared when it can decide, and between copies, where it tells which
    # sentence of one copy is which of the other.
    if score < LINK_SCORE <= score + 2.0 or _story(a) == _story(b):
        words = fuzz.token_sort_ratio(_sentence_words(a), _sentence_words(b))
        if words >= 60:
            add(round((min(words, 100) - 60) / 20, 2), f"shared wording {words:.0f}")
    return Link(round(score, 2), tuple(evidence))


# --- incidents: clustering under a constraint -------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ClaimLink:
    """How a claim joined its incident: the member it linked to best and the evidence, and the other incidents
    its joining merged into that one (`merged`: their ids before; the store renames their claims)."""

    claim_id: str
    incident_id: str
    linked_to: str  # the member claim's id ("" for the first claim of an incident)
    score: float
    evidence: tuple[str, ...]
    merged: tuple[str, ...] = ()


def _signature(incident: Incident) -> tuple:
    """What `compatible` and `link_claims` read, less the report: copies of one story share it."""
    return (incident.event_type, incident.date, tuple((m.place.place_id, m.precision) if m.place else None
                                                     for m in incident.places),
            incident.killed_low, incident.killed_high, incident.wounded_low, incident.wounded_high,
            _story(incident), tuple(dict.fromkeys(s.sentence for s in incident.sources)), _undated_weekdays(incident))


_ALIKE_AT = frozenset({WherePrecision.EXACT, WherePrecision.REGION})


def _places_alike(a: Incident, b: Incident) -> dict[str, str]:
    """The places (place id -> name) both claims place their event at themselves: a town (not through a town
    near it), or a first-level region both tell no finer. A town and its region are not alike."""
    mine = {(m.place.place_id, m.precision) for m in _located(a) if m.precision in _ALIKE_AT}
    return {m.place.place_id: m.place.name for m in _located(b) if (m.place.place_id, m.precision) in mine}


def _with_story_context(link: Link, claim: Incident, other: Incident, context: Mapping[str, Mapping[str, str]]) -> Link:
    """The link, plus `SAME_STORY_PLACES` when the claim's report and the other's story tell events at another
    place too on compatible dates: two reports telling the same day at several of the same places tell one
    story, so each of their same-place pairs (`_places_alike`) is likelier one event. Only such a pair gains:
    other places link nothing."""
    here = _places_alike(claim, other)
    if not here or not claim.date.start or not other.date.start:
        return link
    elsewhere = sorted(name for place_id, name in context.get(_story(other), {}).items() if place_id not in here)
    if not elsewhere:
        return link
    return Link(round(link.score + SAME_STORY_PLACES, 2), link.evidence + (
        f"both reports tell {', '.join(elsewhere)} too that day ({SAME_STORY_PLACES:+g})",))


def cluster_claims(new: Sequence[Incident], *, members: Mapping[str, Sequence[Incident]] = {},
                   stored: Callable[[Incident], Iterable[tuple[str, Incident]]] = lambda claim: ()
                   ) -> list[ClaimLink]:
    """The incident each new claim joins, in order: complete linkage under `compatible`, best link by `link_claims`,
    a report's claims (consecutive in `new`) decided together, best links first.

    `stored(claim)` gives the stored (incident id, claim) pairs in the claim's probe blocks; `members`
    holds every claim of the stored incidents those reach (incident id -> claims). Claims earlier in
    `new` are found through blocks kept here. A claim that joins nothing starts an incident named by its
    own id (the store names an incident by its smallest member, see `combine`). Claims that tell alike
    (copies of one story: the same `_signature`) are compared once, so a thousand wire copies cost a
    thousand look-ups, not a million comparisons.
    """
    signature: dict[str, tuple] = {}

    def sig(claim: Incident) -> tuple:
        if claim.incident_id not in signature:
            signature[claim.incident_id] = _signature(claim)
        return signature[claim.incident_id]

    # an incident as the distinct tellings of its members, and the reports it already holds
    tellings: dict[str, dict[tuple, Incident]] = defaultdict(dict)
    reports: dict[str, set[str]] = defaultdict(set)

    def file(incident_id: str, claim: Incident) -> None:
        tellings[incident_id].setdefault(sig(claim), claim)
        reports[incident_id].add(_report(claim))

    for incident_id, claims in members.items():
        for claim in claims:
            file(incident_id, claim)
    blocks: dict[str, dict[tuple, Incident]] = defaultdict(dict)
    decided: dict[str, str] = {}  # new claim id -> incident id
    absorbed: dict[str, str] = {}  # incident id -> the incident it was merged into (`merge_clusters`)
    links: list[ClaimLink] = []
    compatible_cache: dict[tuple, bool] = {}
    link_cache: dict[tuple, Link] = {}

    def resolve(incident_id: str) -> str:
        while incident_id in absorbed:
            incident_id = absorbed[incident_id]
        return incident_id

    def is_compatible(a: Incident, b: Incident) -> bool:
        key = (sig(a), sig(b))
        if key not in compatible_cache:
            compatible_cache[key] = compatible(a, b)
        return compatible_cache[key]

    def linked(a: Incident, b: Incident) -> Link:
        key = (sig(a), sig(b))
        if key not in link_cache:
            link_cache[key] = link_claims(a, b)
        return link_cache[key]

    def candidates(claim: Incident) -> dict[str, dict[tuple, Incident]]:
        """The incidents the claim may join (every member compatible with it) -> their tellings in its blocks."""
        story = _story(claim)
        by_incident: dict[str, dict[tuple, Incident]] = defaultdict(dict)
        for incident_id, other in stored(claim):
            by_incident[resolve(incident_id)].setdefault(sig(other), other)
        for key in probe_keys(claim, story=story):
            found = blocks.get(key, {}).items()
            if is_wide_block(key):
                found = islice(reversed(found), UNDATED_REACH)
            for telling, other in found:
                by_incident[resolve(decided[other.incident_id])].setdefault(telling, other)
        found = {}
        for incident_id, linked in by_incident.items():
            if _report(claim) in reports[incident_id]:
                continue  # one report's claims are never one incident: its extraction decided that
            if all(is_compatible(claim, member) for member in tellings[incident_id].values()):
                found[incident_id] = linked
        return found

    def told_alike(claim: Incident, found: Mapping[str, Mapping[tuple, Incident]]) -> Iterator[tuple[str, dict]]:
        """(the other's story, the places both tell an event at: `_places_alike`) for each candidate telling of
        compatible dates."""
        for tells in found.values():
            for other in tells.values():
                if claim.date.start and other.date.start:
                    places = _places_alike(claim, other)
                    if places:
                        yield _story(other), places

    def joinable(claim: Incident, found: Mapping[str, Mapping[tuple, Incident]],
                 context: Mapping[str, Mapping[str, str]]) -> list[tuple]:
        """(rank, incident id, the member linked to, the link) for every incident the claim may join; `context`:
        story -> the places the claim's report and that story both tell events at on compatible dates."""
        options = []
        for incident_id, tells in found.items():
            scored = [(_with_story_context(linked(claim, other), claim, other, context), other)
                      for other in tells.values()]
            top, other = min(scored, key=lambda x: (-x[0].score, x[1].incident_id))
            if top.score < LINK_SCORE:
                continue
            mean = sum(s.score for s, _ in scored) / len(scored)
            # ties: a link that knows both dates, then the smallest claim id
            rank = (-(top.score + mean), _day_gap(claim, other) is None, min(c.incident_id for c in tells.values()))
            options.append((rank, incident_id, other, top))
        return options

    def cross_link(claim: Incident, home: str, other_id: str,
                   context: Mapping[str, Mapping[str, str]]) -> Optional[tuple[Link, Incident, Incident]]:
        """The best link between the tellings of two incidents when they may be one (no report in both, every
        cross pair compatible, the best link over `LINK_SCORE`): (link, home's telling, the other's), else None.
        Only a link that knows both dates counts: an undated telling fits any day, and a dated link wins over an
        undated one when a claim joins an incident too. The claim that just joined `home` links with the story
        context it joined with."""
        if reports[home] & reports[other_id]:
            return None
        theirs = tellings[other_id].values()
        if not all(is_compatible(mine, other) for mine in tellings[home].values() for other in theirs):
            return None
        best = None
        for mine in tellings[home].values():
            for other in theirs:
                if _day_gap(mine, other) is None:
                    continue
                link = linked(mine, other)
                if sig(mine) == sig(claim):
                    link = _with_story_context(link, claim, other, context)
                if best is None or (link.score, best[2].incident_id) > (best[0].score, other.incident_id):
                    best = (link, mine, other)
        return best if best is not None and best[0].score >= LINK_SCORE else None

    def merge_clusters(claim: Incident, home: str, reached: Iterable[str],
                       context: Mapping[str, Mapping[str, str]]) -> tuple[list[str], list[str]]:
        """The incidents of the claim's blocks merged into the one it joined (`home`), best link first: a later
        telling may link the first telling of an event and another that came between (which joined each other,
        or nothing), and arrival order alone must not keep them two. Each merge keeps complete linkage (every
        cross pair compatible) and needs a link over `LINK_SCORE`. Returns (their ids, the evidence in words)."""
        options = []
        for other_id in {resolve(i) for i in reached} - {home}:
            found = cross_link(claim, home, other_id, context)
            if found is not None:
                options.append((-found[0].score, other_id))
        merged, words = [], []
        for _, other_id in sorted(options):
            found = cross_link(claim, home, other_id, context)  # again: home has grown since
            if found is None:
                continue
            link, mine, other = found
            for telling, member in tellings.pop(other_id).items():
                tellings[home].setdefault(telling, member)
            reports[home] |= reports.pop(other_id)
            absorbed[other_id] = home
            merged.append(other_id)
            words.append(f"incident {other_id} joined too, every pair compatible: {mine.incident_id} and "
                         f"{other.incident_id} link at {link.score:g} ({'; '.join(link.evidence)})")
        return merged, words

    # One report's claims are decided together: none joins another's incident, so when two of them link to one
    # incident, the better link takes it (a raid on a town and its capture, told by one report, against another
    # report's capture: the capture joins it) whichever the report tells first.
    new = list(new)
    first = 0
    while first < len(new):
        last = first + 1
        while last < len(new) and _report(new[last]) == _report(new[first]):
            last += 1
        run = new[first:last]
        found = [candidates(claim) for claim in run]
        context: dict[str, dict[str, str]] = defaultdict(dict)
        for claim, options in zip(run, found):
            for story, places in told_alike(claim, options):
                context[story].update(places)
        choices = sorted((option[0], position, option) for position, claim in enumerate(run)
                         for option in joinable(claim, found[position], context))
        chosen: dict[int, tuple] = {}
        taken: set[str] = set()
        for _, position, option in choices:
            if position not in chosen and option[1] not in taken:
                chosen[position] = option
                taken.add(option[1])
        for position, claim in enumerate(run):
            if position not in chosen:
                incident_id = claim.incident_id
                links.append(ClaimLink(claim.incident_id, incident_id, "", 0.0, ()))
            else:
                _, incident_id, other, top = chosen[position]
                links.append(ClaimLink(claim.incident_id, incident_id, other.incident_id, top.score, top.evidence))
            file(incident_id, claim)
            decided[claim.incident_id] = incident_id
            for key in block_keys(claim, story=_story(claim)):
                blocks[key].setdefault(sig(claim), claim)
        for position in sorted(chosen):  # the run is filed: an incident it joined may now take in another
            home = resolve(chosen[position][1])
            merged, words = merge_clusters(run[position], home, found[position], context)
            if merged:
                at = len(links) - len(run) + position
                links[at] = replace(links[at], evidence=links[at].evidence + tuple(words), merged=tuple(merged))
        first = last
    return [replace(link, incident_id=resolve(link.incident_id)) if link.incident_id in absorbed else link
            for link in links]


def merge_incidents(incidents: Iterable[Incident]) -> list[Incident]:
    """Claims from many reports, the same event merged into one incident with every source (all in memory)."""
    incidents = list(incidents)
    clusters: dict[str, list[Incident]] = defaultdict(list)
    for claim, link in zip(incidents, cluster_claims(incidents)):
        clusters[link.incident_id].append(with_link(claim, link))
    merged = [combine(cluster) for cluster in clusters.values()]
    return sorted(merged, key=lambda inc: (inc.date.start or "9999", inc.incident_id))


def with_link(claim: Incident, link: ClaimLink) -> Incident:
    """The claim with how it joined its incident written on its source (`SourceRef.link`)."""
    words = SourceLink(link.linked_to, link.score, link.evidence) if link.linked_to else None
    return replace(claim, sources=tuple(replace(s, link=words) for s in claim.sources))


# --- incidents: one record per cluster ---------------------------------------------------------------------


def _span(lows: list[Optional[int]], highs: list[Optional[int]]) -> tuple[Optional[int], Optional[int]]:
    """The range the members' figures cover: one figure with no upper bound ("at least 14") leaves it open, so
    "at least 14" and "2" are 2 or more, not 2 to 2; one with no lower bound ("up to 300") still gives its top."""
    known_lows = [low for low in lows if low is not None]
    known_highs = [high for high in highs if high is not None]
    open_ended = any(low is not None and high is None for low, high in zip(lows, highs))
    return (min(known_lows) if known_lows else None), (None if open_ended or not known_highs else max(known_highs))


def combine(cluster: Sequence[Incident]) -> Incident:
    """One incident from its claims: every source kept, figures as a range, claimants and denials joined."""
    if len(cluster) == 1:
        [only] = cluster
        return replace(only, corroboration=len({_story_of(s) for s in only.sources}))
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
    # The id is the smallest member id (each a hash of report content and sentence offset): it depends
    # on the members, not on which arrived first or which is the primary shown.
    return Incident(
        min(inc.incident_id for inc in cluster), primary.event_type, primary.acled_event_type, primary.date,
        tuple(places.values()),
        killed_low=killed[0], killed_high=killed[1], wounded_low=wounded[0], wounded_high=wounded[1],
        claimant=joined(i.claimant for i in ordered), is_claim=all(i.is_claim for i in cluster),
        denied_by=tuple(dict.fromkeys(d for i in ordered for d in i.denied_by)),
        counter_claims=tuple(dict.fromkeys(c for i in ordered for c in i.counter_claims)),
        verification=joined(i.verification for i in ordered), sources=tuple(all_sources),
        corroboration=len({_story_of(s) for s in all_sources}),
        casualty_reporter=joined(i.casualty_reporter for i in ordered),
        civilians_killed_low=civilians[0], civilians_killed_high=civilians[1],
        background=all(i.background for i in cluster))


def _story_of(source: SourceRef) -> str:
    return source.syndication_group or f"report:{source.report_id}"


__all__ = ["ClaimLink", "Link", "are_copies", "block_keys", "can_borrow", "can_lend", "cluster_claims", "combine",
           "compatible", "harmonise_publication_dates", "is_borrowed", "link_claims", "merge_incidents",
           "passage_fingerprints", "probe_keys", "report_group_name", "shared_passages", "shingles",
           "story_block_key", "is_wide_block", "ANY_DAY", "UNDATED", "UNDATED_REACH", "syndication_groups", "with_link"]
