"""Name spans -> one place each, decided by context: population, feature class, the
countries and regions the same report mentions, nearby places, and qualifiers
("Aliaga, Turkey"). Also decides which spans are not places at all.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

import numpy as np

from geomap.gazetteer.build import NAME_DEMONYM, NAME_MAIN
from geomap.gazetteer.index import Gazetteer
from geomap.gazetteer.kinds import COUNTRY_CODES, where_precision
from geomap.normalize import fold_name
from geomap.geoparse.recognize import CALENDAR_WORDS, NameSpan
from geomap.precision import WherePrecision
from geomap.records import Candidate, Mention

_EARTH_RADIUS_KM = 6371.0088
MAX_CANDIDATES = 64  # the most populous candidates of a name are kept; "Springfield" has 60
_FEATURE_PRIOR = {"PCLI": 2.2, "CONT": 1.5, "ADM1": 0.9, "PPLC": 0.9, "ADM2": 0.0, "RGN": 0.8}


@dataclass(frozen=True, slots=True)
class RankWeights:
    """The ranker's weights in one place, so an evaluation can vary them."""

    population: float = 0.3
    main_name: float = 0.6
    country_context: float = 1.4
    admin1_context: float = 1.6
    qualifier: float = 3.0
    proximity: float = 1.2
    proximity_km: float = 250.0
    accept: float = 0.9  # below this best score a span is judged not a place


def _haversine_km(lat1, lon1, lat2, lon2):
    lat1, lon1, lat2, lon2 = map(np.radians, (lat1, lon1, lat2, lon2))
    a = np.sin((lat2 - lat1) / 2) ** 2 + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    return 2 * _EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.minimum(a, 1.0)))


class _Span:
    """A name span with its candidates and their prior scores (mutable while ranking)."""

    __slots__ = ("span", "rows", "kinds", "prior", "score", "demonym", "common", "folded", "surface")

    def __init__(self, span: NameSpan, gazetteer: Gazetteer, text: str, weights: RankWeights) -> None:
        self.span = span
        self.surface = text[span.start:span.end]
        pairs = list(gazetteer.candidates(span.key_id))
        self.demonym = bool(pairs) and all(kind == NAME_DEMONYM for _, kind in pairs)
        if not self.demonym:
            pairs = [(row, kind) for row, kind in pairs if kind != NAME_DEMONYM]
        pops = gazetteer.populations
        if len(pairs) > MAX_CANDIDATES:
            pairs.sort(key=lambda rk: (gazetteer.feature_classes[rk[0]] != "P", pops[rk[0]]), reverse=True)
            pairs = pairs[:MAX_CANDIDATES]
        self.rows = np.fromiter((r for r, _ in pairs), dtype=np.int64, count=len(pairs))
        self.kinds = [k for _, k in pairs]
        codes = gazetteer.feature_codes
        self.prior = np.array([
            weights.population * math.log10(pops[r] + 10)
            + (weights.main_name if k == NAME_MAIN else 0.0)
            + _FEATURE_PRIOR.get(codes[r], 0.0)
            for r, k in pairs
        ])
        self.score = self.prior.copy()
        self.folded = fold_name(self.surface)
        self.common = self.folded in gazetteer.common_words


def _context_weights(spans: list[_Span], gazetteer: Gazetteer) -> tuple[Counter, Counter]:
    """How strongly the report is about each country and first-level region, from every span's current best."""
    countries: Counter = Counter()
    regions: Counter = Counter()
    for s in spans:
        if len(s.rows) == 0:
            continue
        best = int(s.rows[int(np.argmax(s.score))])
        weight = 1.0 if len(s.rows) == 1 else 0.6
        countries[gazetteer.country_codes[best]] += weight
        code = gazetteer.feature_codes[best]
        if code == "ADM1":
            regions[gazetteer.admin1s[best]] += weight * 1.5
        elif gazetteer.admin1s[best]:
            regions[gazetteer.admin1s[best]] += weight * 0.5
    return countries, regions


def rank_spans(spans: list[NameSpan], text: str, gazetteer: Gazetteer, *,
               weights: RankWeights = RankWeights()) -> list[Mention]:
    """Resolve every span of one report; spans judged not to be places are left out."""
    work = [_Span(s, gazetteer, text, weights) for s in spans]
    work = [w for w in work if len(w.rows)]
    cc = gazetteer.country_codes
    admin1 = gazetteer.admin1s
    lats, lons = gazetteer.lats, gazetteer.lons

    # Qualifiers: "Aliaga, Turkey", "Alexandria, La." -> the next span names the container.
    for i, w in enumerate(work[:-1]):
        nxt = work[i + 1]
        between = text[w.span.end:nxt.span.start]
        if between.strip() in {",", "(", ", "} and len(between) <= 3:
            nxt_rows = nxt.rows
            nxt_cc = {cc[r] for r in nxt_rows if gazetteer.feature_codes[r] in COUNTRY_CODES}
            nxt_admin1 = {admin1[r] for r in nxt_rows if gazetteer.feature_codes[r] == "ADM1"}
            bonus = np.array([
                weights.qualifier if (cc[r] in nxt_cc or (admin1[r] and admin1[r] in nxt_admin1)) else 0.0
                for r in w.rows
            ])
            w.prior = w.prior + bonus
            w.score = w.prior.copy()

    for _round in range(2):
        countries, regions = _context_weights(work, gazetteer)
        total = sum(countries.values()) or 1.0
        anchors = [(lats[int(w.rows[int(np.argmax(w.score))])], lons[int(w.rows[int(np.argmax(w.score))])], id(w))
                   for w in work if not w.demonym]
        for w in work:
            own_best = int(w.rows[int(np.argmax(w.score))])
            own_cc, own_admin1 = cc[own_best], admin1[own_best]
            country_share = np.array([
                (countries[cc[r]] - (0.6 if cc[r] == own_cc else 0.0)) / total for r in w.rows
            ])
            region_share = np.array([
                max(regions[admin1[r]] - (0.5 if admin1[r] == own_admin1 else 0.0), 0.0) / total if admin1[r] else 0.0
                for r in w.rows
            ])
            score = w.prior + weights.country_context * country_share + weights.admin1_context * region_share
            others = [(la, lo) for la, lo, ident in anchors if ident != id(w)]
            if others and len(w.rows) > 1:
                cand_lat = np.array([lats[r] for r in w.rows])
                cand_lon = np.array([lons[r] for r in w.rows])
                olat = np.array([a for a, _ in others])
                olon = np.array([b for _, b in others])
                dist = _haversine_km(cand_lat[:, None], cand_lon[:, None], olat[None, :], olon[None, :])
                score = score + weights.proximity * np.exp(-dist.min(axis=1) / weights.proximity_km)
            w.score = score

    # One sense per discourse: a name that is somebody's name once ("Jens Stoltenberg") is
    # a person wherever else the report writes it alone ("Stoltenberg said").
    person_names = {w.folded for w in work if w.span.person_cue and not _is_major(gazetteer, w)}
    mentions = []
    for w in work:
        order = np.argsort(-w.score)
        best_row = int(w.rows[order[0]])
        best = float(w.score[order[0]])
        second = float(w.score[order[1]]) if len(order) > 1 else best - 3.0
        if w.folded in person_names and not w.span.locative_cue:
            continue
        if not _is_place(w, best_row, best, gazetteer, weights):
            continue
        place = gazetteer.place(best_row)
        margin = 1.0 / (1.0 + math.exp(-(best - second) * 1.5))
        ordinary_word = w.common and not _is_major(gazetteer, w)
        confidence = margin * (0.6 if ordinary_word else 1.0) * (0.7 if w.span.sentence_initial and ordinary_word else 1.0)
        runners = tuple(Candidate(gazetteer.place(int(w.rows[j])), float(w.score[j])) for j in order[1:4])
        if w.demonym:
            mentions.append(Mention(w.span.start, w.span.end, w.surface, place, WherePrecision.COUNTRY,
                                    min(1.0, confidence), role="demonym", runners_up=runners))
        else:
            precision = where_precision(place.feature_class, place.feature_code)
            mentions.append(Mention(w.span.start, w.span.end, w.surface, place, precision,
                                    min(1.0, confidence), role="place", runners_up=runners))
    return mentions


def _is_major(gazetteer: Gazetteer, w: _Span) -> bool:
    """A country or continent among the candidates: names too prominent to be read as a person's."""
    return any(gazetteer.feature_codes[r] in COUNTRY_CODES or gazetteer.feature_codes[r] == "CONT" for r in w.rows)


def _is_place(w: _Span, row: int, score: float, gazetteer: Gazetteer, weights: RankWeights) -> bool:
    """Whether a span names a place here: persons, organisations and ordinary words do not."""
    span = w.span
    code = gazetteer.feature_codes[row]
    major = code in COUNTRY_CODES or code == "CONT"
    region = major or code == "ADM1"
    if w.folded in CALENDAR_WORDS:
        return False
    letters = w.surface.replace(".", "")
    if letters.isupper() and len(letters) <= 5 and not region and not span.sentence_initial:
        return False  # NATO, OSCE: acronyms are bodies, not the town that shares the letters
    if w.demonym:
        return not span.person_cue
    if span.person_cue and not major:
        return False
    if span.hyphen_compound and not region:
        return False
    if span.organisation_cue and not span.locative_cue:
        return False
    if span.capitalised_next and not region and not span.locative_cue:
        return False
    if w.common and not major:
        supported = span.locative_cue or score >= weights.accept + 2.5
        if span.sentence_initial or not supported:
            return False
    return score >= weights.accept or span.locative_cue
