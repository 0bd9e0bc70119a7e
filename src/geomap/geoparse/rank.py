"""Name spans -> one place each, decided by context: population, feature class, the
countries and regions the same report mentions, nearby places, and qualifiers
("Aliaga, Turkey"). Also decides which spans are not places at all.

One sense per discourse: every occurrence of a name in a report means the same place,
so each distinct name is scored once, with vector arithmetic over all its candidates.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain

import numpy as np

from geomap.gazetteer import NAME_DEMONYM, NAME_MAIN, Gazetteer
from geomap.gazetteer.kinds import (AREA, CAPITAL, CONTINENT, COUNTRY, DISTRICT, REGION, SETTLEMENT,
                                    where_precision)
from geomap.geometry import EARTH_RADIUS_KM, km_between
from geomap.geoparse.recognize import (ADMIN_HEADS, CALENDAR_WORDS, LIST_GOES_ON, SETTLEMENT_HEADS, SITE_WORDS,
                                        STREET_WORDS, UNIT_DESCRIPTIONS, WEAK_LOCATIVE_CUES, NameSpan, head_kind)
from geomap.precision import WherePrecision
from geomap.records import Candidate, Mention

# Regions and areas rarely carry a population in GeoNames; zero would rank Darfur
# below a hamlet, so an area without a figure counts as a mid-sized place.
AREA_POPULATION = 100_000
SALIENT_POPULATION = 100_000  # a city this size needs no extra support once no cue speaks against it
CAPITAL_POPULATION = 1_000_000  # a national capital this size is the capital even when its name is also a word
WORLD_CITY_POPULATION = 500_000
NAMESAKE_DWARFED = 10  # a town this many times smaller than its name's likeliest place is a namesake of it
HOME_MIN_NAMES = 2  # distinct names in one country before a report counts as being about it
FAR_NAMESAKE_KM = 1500.0  # from every other place of the report: a town that far needs a reason
NAMED_AREA_KM = 150.0  # the same, outside the area the report names and all its other places lie in
_DEGREES_PER_KM = 180.0 / (math.pi * EARTH_RADIUS_KM)  # of latitude
MAX_CANDIDATES = 64  # the most prominent candidates of a name are kept; "Springfield" has 60


@dataclass(frozen=True, slots=True)
class RankWeights:
    """The ranker's weights in one place, so an evaluation can vary them.

    Calibrated by coordinate descent on the even-numbered documents of the LGL development
    set and checked on the odd-numbered ones (held-out F1 0.67 -> 0.70, accuracy@161 km
    0.81 -> 0.83); see the README, "Quality". Only these global weights were fitted, no names.
    """

    population: float = 0.2  # per decade of population
    main_name: float = 0.3  # the place's own name rather than an alternate
    alternate_of_namesake: float = 1.0  # held against a town that bears the name only as another name of its own
    country_context: float = 0.8
    admin1_context: float = 2.4
    qualifier: float = 3.0  # "Aliaga, Turkey"
    proximity: float = 0.6
    proximity_km: float = 100.0
    saturation: float = 1.5  # context weight at which a country or region counts fully
    accept: float = 2.8  # below this best score a span is judged not a place (refit with untelling_vote, even docs)
    common_word_support: float = 3.5  # what an ordinary word ("Hope") must score above `accept` to count unaided
    region_prior: float = 0.9
    person_name_support: float = -0.5  # what a common first name or surname ("Moore") must score above `accept`
    country_name_town: float = 2.5  # held against a town that bears a country's name
    head_kind: float = 1.5  # for the kind of place a place word after the name names
    outside_home: float = 1.5  # held against a town or region abroad when the report is about one country
    home_share: float = 0.5  # of a report's distinct names that make a country its home
    untelling_vote: float = 0.3  # a vote's weight from a name that is a word or a person's name, uncued
    neighbour: float = 1.0  # per other name with a likely candidate beside this one (a town in a county the report names)
    neighbour_cap: float = 1.5  # the most that names beside a candidate add
    neighbour_km: float = 40.0
    neighbour_margin: float = 1.5  # how far below its name's best prior a candidate still supports another

    def feature_priors(self) -> np.ndarray:
        """Prior by feature category (geomap.gazetteer.kinds)."""
        prior = np.zeros(7)
        prior[CAPITAL], prior[COUNTRY], prior[REGION], prior[CONTINENT], prior[AREA] = 0.9, 2.2, self.region_prior, 1.5, 0.8
        prior[SETTLEMENT] = prior[DISTRICT] = 0.0
        return prior


_MAJOR = (COUNTRY, CONTINENT)
_QUALIFIER_GAPS = frozenset({",", ", ", " (", "("})




def _names_a_unit(folded: str) -> bool:
    """"edgar county", "helmand province": a name of two words or more whose last word is an administrative unit's."""
    head = folded.rpartition(" ")[2]
    return head != folded and head_kind(head) == "admin"


class _Names:
    """The distinct names of one report and all their candidates, concatenated for vector work."""

    def __init__(self, spans: list[NameSpan], gazetteer: Gazetteer) -> None:
        self.key_ids: list[int] = []
        self.occurrences: list[list[NameSpan]] = []
        position: dict[int, int] = {}
        for span in spans:
            g = position.setdefault(span.key_id, len(self.key_ids))
            if g == len(self.key_ids):
                self.key_ids.append(span.key_id)
                self.occurrences.append([])
            self.occurrences[g].append(span)
        self.group_of_span = [position[s.key_id] for s in spans]
        offsets, cand_rows, cand_kinds = gazetteer.np_key_offsets, gazetteer.np_cand_rows, gazetteer.np_cand_kinds
        keys = np.array(self.key_ids, dtype=np.int64)
        lo, hi = offsets[keys].astype(np.int64), offsets[keys + 1].astype(np.int64)
        sizes = hi - lo
        group = np.repeat(np.arange(len(keys)), sizes)
        index = np.arange(int(sizes.sum())) - np.repeat(np.cumsum(sizes) - sizes - lo, sizes)
        rows, kinds = cand_rows[index].astype(np.int64), cand_kinds[index]
        is_demonym = kinds == NAME_DEMONYM
        # What each occurrence's cues say, counted per name in one pass. (np.fromiter over the flattened
        # rows: np.array reading a list of tuples inspects every one of them, at twice the cost.)
        common_words, person_names = gazetteer.common_words, gazetteer.person_names
        cues = np.fromiter(chain.from_iterable((
            s.locative_cue and not s.cue_carried,
            # cued, or neither an ordinary word nor a person's name, or a unit's name ("Garrard County"), which
            # says where a report is even inside a body's ("the Garrard County Community Foundation")
            s.locative_cue or not (s.acronym or s.person_cue or s.organisation_cue or s.folded in common_words
                                   or s.folded in person_names) or _names_a_unit(s.folded),
            # cued as a place by more than "to" or "from", which as often precede a body ("talks to Hamas")
            s.place_head_next or (s.locative_cue and (s.cue_carried or s.preceding_word.lower() not in WEAK_LOCATIVE_CUES)),
            s.person_cue or s.organisation_cue,
            (s.person_cue and not s.locative_cue) or s.folded in CALENDAR_WORDS,
            s.head_kind == "admin",
            s.head_kind == "settlement",
        ) for s in spans), dtype=np.int64, count=7 * len(spans)).reshape(len(spans), 7)
        per_name = np.zeros((len(keys), 7), dtype=np.int64)
        np.add.at(per_name, np.array(self.group_of_span, dtype=np.int64), cues)
        written = np.array([len(o) for o in self.occurrences], dtype=np.int64)
        # A demonym that is also a village's name is read as the demonym unless a cue of its own says place; one
        # that names no place stays the demonym after any cue ("envoys shuttled between Georgian and Abkhaz
        # negotiators").
        own_cue = per_name[:, 0] > 0
        names_a_place = np.bincount(group, weights=~is_demonym, minlength=len(keys)) > 0
        demonym = (np.bincount(group, weights=is_demonym, minlength=len(keys)) > 0) & ~(own_cue & names_a_place)
        keep = np.where(demonym[group], is_demonym, ~is_demonym)
        rows, kinds, group = rows[keep], kinds[keep], group[keep]
        self.demonym = demonym.tolist()
        # Names that say something about where a report is: cued, or neither an ordinary word nor a person's name.
        self.telling = per_name[:, 1] > 0
        # Mostly cued as a place.
        self.place_cued = (2 * per_name[:, 2] >= written).tolist()
        self.person_or_body = per_name[:, 3] > 0
        # A person's name wherever it is written ("alias Antonio García"), or a day's or a month's ("Thursday":
        # Thursday Island), says nothing about where a report is.
        self.never_place = per_name[:, 4] == written
        # A place word says which kind of place is meant: "admin" for "Douglas and Sarpy counties", "Helmand
        # province" (the unit, not the town of its name); "settlement" for "the villages of Tiwa and
        # Kossa" (not a region that bears the name).
        self.wants_unit, self.wants_settlement = per_name[:, 5] > 0, per_name[:, 6] > 0
        self._home_counts: dict[tuple[int, int], int] = {}
        self.sizes = np.bincount(group, minlength=len(keys)).astype(np.int64)
        if (self.sizes > MAX_CANDIDATES).any():
            rows, kinds, group = self._most_prominent(rows, kinds, group, gazetteer)
            self.sizes = np.bincount(group, minlength=len(keys)).astype(np.int64)
        self.rows, self.kinds = rows, kinds
        self.group = np.repeat(np.arange(len(self.key_ids)), self.sizes)
        self.starts = np.concatenate(([0], np.cumsum(self.sizes)[:-1])) if len(self.sizes) else self.sizes

    def _most_prominent(self, rows, kinds, group, gazetteer: Gazetteer):
        """Keep a name's MAX_CANDIDATES most prominent candidates (regions first, then population)."""
        keep = np.ones(len(rows), dtype=bool)
        sizes = np.bincount(group, minlength=len(self.key_ids))
        for g in np.flatnonzero(sizes > MAX_CANDIDATES):
            members = np.flatnonzero(group == g)
            prominence = gazetteer.np_population[rows[members]] + (gazetteer.np_feature[rows[members]] > CAPITAL) * 10**12
            keep[members[np.argsort(-prominence, kind="stable")[MAX_CANDIDATES:]]] = False
        return rows[keep], kinds[keep], group[keep]

    def home_count(self, g: int, home: int, gazetteer: Gazetteer) -> int:
        """How many of name `g`'s candidates lie in country `home`, a region that bears the name of a
        town there aside (Timbuktu and its region are one answer to where)."""
        count = self._home_counts.get((g, home))
        if count is None:
            lo = self.starts[g]
            rows = self.rows[lo:lo + self.sizes[g]]
            at_home = gazetteer.np_country[rows] == home
            towns = int((at_home & (gazetteer.np_feature[rows] <= CAPITAL)).sum())
            count = self._home_counts[(g, home)] = towns if towns else int(at_home.sum())
        return count

    def best(self, score: np.ndarray) -> np.ndarray:
        """Index (into the concatenated candidates) of each name's best candidate."""
        top = np.maximum.reduceat(score, self.starts)
        first = np.flatnonzero(score >= top[self.group])
        # Candidates are contiguous by name and every name has one: the first top candidate of each.
        return first[np.searchsorted(self.group[first], np.arange(len(self.starts)))]


def rank_spans(spans: list[NameSpan], text: str, gazetteer: Gazetteer, *,
               weights: RankWeights = RankWeights()) -> list[Mention]:
    """Resolve every span of one report; spans judged not to be places are left out."""
    names = _Names(spans, gazetteer)
    nonempty = names.sizes > 0
    if not nonempty.any():
        return []
    if not nonempty.all():  # names whose only candidates were filtered away
        spans = [s for s, g in zip(spans, names.group_of_span) if nonempty[g]]
        names = _Names(spans, gazetteer)
    rows = names.rows
    country = gazetteer.np_country[rows].astype(np.int64)
    admin1 = gazetteer.np_admin1[rows].astype(np.int64)
    feature = gazetteer.np_feature[rows]
    population = gazetteer.np_population[rows]
    lat, lon = gazetteer.np_lat[rows], gazetteer.np_lon[rows]
    effective_population = np.where((population == 0) & (feature > CAPITAL), AREA_POPULATION, population)
    prior = (weights.population * np.log10(effective_population + 10.0)
             + weights.main_name * (names.kinds == NAME_MAIN)
             + weights.feature_priors()[feature])
    alternate = _alternate_of_a_namesake(names, feature, population)
    prior -= weights.alternate_of_namesake * alternate
    bonus, uncontained = _qualifier_bonus(spans, names, text, gazetteer, country, admin1, feature, weights)
    prior += bonus
    wants_unit, wants_settlement = names.wants_unit, names.wants_settlement
    is_unit = (feature == REGION) | (feature == DISTRICT)
    prior += weights.head_kind * (wants_unit[names.group] & is_unit)
    prior -= weights.head_kind * (wants_settlement[names.group] & is_unit)
    # A country's name means the country: a town that shares it ("Iraq" for Arak, "Jordan, Minn.")
    # needs a qualifier or its own region in the report to win.
    names_country = np.bincount(names.group, weights=(feature == COUNTRY), minlength=len(names.key_ids)) > 0
    prior -= weights.country_name_town * (names_country[names.group] & (feature <= CAPITAL))
    prior -= _region_named_after_its_city(names, text, country, admin1, feature, population, weights)
    prior += np.minimum(weights.neighbour * _neighbour_support(names, prior, country, admin1, feature, population, lat, lon,
                                                            alternate, weights),
                        weights.neighbour_cap)

    group = names.group
    multi = names.sizes[group] > 1
    no_country = 0 if gazetteer.country_table[0] == "" else -1  # the index of "no country"
    # Each distinct name votes once: repeating a name is not new evidence, and counting
    # repetitions lets two misread names in one obscure region reinforce each other.
    # A word or a person's name with no place cue ("Lt. Mark Ferris": Mark, Ill.) says little about where
    # a report is, unless it names a country or a first-level region ("a Georgia pastor").
    major_name = np.bincount(names.group, weights=(feature == COUNTRY) | (feature == REGION),
                             minlength=len(names.key_ids)) > 0
    votes = (np.where(names.sizes == 1, 1.0, 0.6) * ~names.never_place
             * np.where(names.telling | major_name, 1.0, weights.untelling_vote))
    demonym = np.array(names.demonym, dtype=bool)
    score = prior
    for _round in range(2):
        best = names.best(score)
        best_country, best_admin1, best_feature = country[best], admin1[best], feature[best]
        # Presence, saturating: one clear mention of Illinois is strong evidence for Paris, Ill.;
        # ten mentions are not ten times stronger. A name's own votes are left out.
        country_votes = np.bincount(best_country, weights=votes, minlength=len(gazetteer.country_table))
        region_weight = votes * np.where(best_feature == REGION, 1.5, 0.5) * (best_admin1 != 0)
        region_votes = np.bincount(best_admin1, weights=region_weight, minlength=len(gazetteer.admin1_table))
        own_country = np.where(country == best_country[group], votes[group], 0.0)
        own_region = np.where(admin1 == best_admin1[group], region_weight[group], 0.0)
        country_share = np.clip((country_votes[country] - own_country) / weights.saturation, 0.0, 1.0)
        region_share = np.clip((region_votes[admin1] - own_region) / weights.saturation, 0.0, 1.0) * (admin1 != 0)
        score = prior + weights.country_context * country_share + weights.admin1_context * region_share
        # A region's prior is for a region of a country the report is in: the Gaza of Mozambique is
        # no region of a report that names only Israel and Egypt.
        score -= weights.region_prior * ((feature == REGION) & (country_share == 0))
        # So is a place word's call for a unit, when the name has a candidate in a country the report
        # names as a place ("El Carmen municipality" in a report on Colombia is not a Mexican
        # municipality of that name; a demonym names who acts, not where).
        naming = names.telling & ~demonym & ~names.never_place
        named = np.bincount(best_country[naming], minlength=len(gazetteer.country_table))
        in_named = (named[country] - ((country == best_country[group]) & naming[group])) > 0
        some_in_named = np.maximum.reduceat(in_named, names.starts)[group]
        score -= weights.head_kind * (wants_unit[group] & is_unit & ~in_named & some_in_named)
        # Continents and world regions have no country: they say nothing about a home country.
        # A country's name read as the country tells where a report is, even when it is also a word ("Mali", "Chad").
        telling = names.telling | ((best_feature == COUNTRY) & ~names.person_or_body)
        home = _home_country(best_country[telling & (best_country != no_country)], weights)
        abroad = _outside_home_area(country, feature, population, bonus, home)
        # Across the border from the report's own towns is not far abroad: "rockets from Gaza at
        # Ashkelon" in a report on Israel.
        home_anchors = best[(best_feature <= CAPITAL) & (best_country == home) & ~demonym]
        if abroad.any() and len(home_anchors):
            # A candidate further north or south than proximity_km from every anchor is near none of
            # them: only the others are measured.
            rows = np.flatnonzero(abroad)
            reach = weights.proximity_km * _DEGREES_PER_KM * (1 + 1e-9)
            rows = rows[(np.abs(lat[rows][:, None] - lat[home_anchors][None, :]) <= reach).any(axis=1)]
            if len(rows):
                near = km_between(lat[rows][:, None], lon[rows][:, None], lat[home_anchors][None, :],
                                  lon[home_anchors][None, :]).min(axis=1) <= weights.proximity_km
                abroad[rows[near]] = False
        score -= weights.outside_home * abroad
        score -= weights.feature_priors()[CAPITAL] * _capital_abroad_with_home_city(names, country, feature,
                                                                                   population, home)
        # Only settlements anchor proximity: a country's or region's point is not a location.
        anchor_groups = np.flatnonzero((best_feature <= CAPITAL) & ~demonym & ~names.never_place)
        if len(anchor_groups) and multi.any():
            # Proximity adds at most `weights.proximity`: a candidate further than that below its
            # name's best cannot win, so distances are computed only for the ones that can.
            contenders = multi & (score >= np.maximum.reduceat(score, names.starts)[group] - weights.proximity)
            anchors = best[anchor_groups]
            dist = km_between(lat[contenders][:, None], lon[contenders][:, None],
                                       lat[anchors][None, :], lon[anchors][None, :])
            dist[group[contenders][:, None] == anchor_groups[None, :]] = np.inf
            nearest = dist.min(axis=1)
            score[contenders] += weights.proximity * np.exp(-nearest / weights.proximity_km)

    best = names.best(score)
    if names_country.any() and home >= 0:
        score = score + weights.country_name_town * _home_place_of_a_country_name(names, best, country, admin1, feature,
                                                                                lat, lon, names_country, telling, home,
                                                                                weights)
        best = names.best(score)
    # A town abroad that only wins because the report's own country lacks the name ("Palma" in a
    # report on Cabo Delgado whose Palma the gazetteer lacks) is left unresolved, not sent to Spain.
    # "the Bekaa region" whose best namesake is a village abroad, or a village that bears the name
    # only as another name of its own: the unit is one the gazetteer lacks under that spelling.
    village_for_unit = wants_unit & (feature[best] <= CAPITAL) & (abroad[best] | ((names.kinds[best] != NAME_MAIN)
                                                                                 & (population[best] < SALIENT_POPULATION)))
    far = _far_namesake(names, best, country, feature, population, lat, lon, bonus, telling, area_feature=COUNTRY)
    far |= _far_namesake(names, best, admin1, feature, population, lat, lon, bonus, telling, area_feature=REGION,
                         no_area=0, among=None if home < 0 else country[best] == home, within=country)
    unplaced = (abroad[best] & (score[best] < weights.accept)) | village_for_unit | uncontained | far
    runner_score = score.copy()
    runner_score[best] = -np.inf
    second = np.maximum.reduceat(runner_score, names.starts)
    alias = _unsupported_alias(names, country[best], votes, unplaced) & (feature[best] != COUNTRY) & (feature[best] != CONTINENT)
    alias |= _ordinary_word_alias(names, feature[best], gazetteer.common_words, qualified=bonus[best] > 0)
    return _mentions(spans, names, best, score, second, gazetteer, weights, unplaced=unplaced, home=home, alias=alias,
                     qualified=((bonus[best] > 0) | uncontained).tolist())


def _neighbour_support(names: _Names, prior, country, admin1, feature, population, lat, lon, alternate,
                       weights: RankWeights) -> np.ndarray:
    """Per candidate, how many of the report's other names have a likely candidate beside it: a town or
    county within `neighbour_km`, or a first-level region it lies in (or, for a region, a town in it).
    Two ambiguous names support each other where their places meet ("Richmond" and "Madison County" are
    in Kentucky together, though each alone would be Virginia's and Alabama's), which a vote from each
    name's best place alone cannot see. Each name counts as much as its likeliest candidate there is
    likely, exp(prior - its name's best prior): a small namesake abroad of a big city ("Los Angeles" in
    Spain) hardly counts. Only telling names give support (a person's name or a word says nothing of
    where); demonyms, names never a place here, countries and continents neither give nor take it, nor
    does a town that bears the name only as another name of its own (`alternate`: Korolev, once
    Kaliningrad, is near Moscow, but "Kaliningrad" beside "Moscow" is still the city that bears it)."""
    group = names.group
    support_from = ~np.array(names.demonym, dtype=bool) & ~names.never_place
    likeliness = np.exp(prior - np.maximum.reduceat(prior, names.starts)[group])
    point = (feature <= CAPITAL) | (feature == DISTRICT)
    takes = support_from[group] & (point | (feature == REGION)) & ~alternate
    gives = takes & (likeliness >= math.exp(-weights.neighbour_margin)) & names.telling[group]
    takers_of, givers_of = [], []  # pairs of candidates: one beside (or inside) the other, of two names
    # Points near points: candidates sorted by latitude, each compared with those in its band only.
    takers, givers = np.flatnonzero(takes & point), np.flatnonzero(gives & point)
    if len(takers) and len(givers):
        givers = givers[np.argsort(lat[givers], kind="stable")]
        band = weights.neighbour_km * _DEGREES_PER_KM * (1 + 1e-9)
        lo = np.searchsorted(lat[givers], lat[takers] - band, "left")
        hi = np.searchsorted(lat[givers], lat[takers] + band, "right")
        counts = hi - lo
        total = int(counts.sum())
        if total:
            taker = np.repeat(takers, counts)
            giver = givers[np.arange(total) - np.repeat(np.cumsum(counts) - counts, counts) + np.repeat(lo, counts)]
            other = group[giver] != group[taker]
            taker, giver = taker[other], giver[other]
            near = km_between(lat[taker], lon[taker], lat[giver], lon[giver]) <= weights.neighbour_km
            takers_of.append(taker[near])
            givers_of.append(giver[near])
    # Points in regions and regions around points, by their first-level region's code.
    regions = np.flatnonzero(takes & (feature == REGION) & (admin1 != 0))
    if len(regions):
        # (Codes read as Python ints, a list at a time: a numpy scalar per candidate cost more than the rest.)
        regions_in: dict[int, list[int]] = {}
        giving = regions[gives[regions]]
        for r, code in zip(giving.tolist(), admin1[giving].tolist()):
            regions_in.setdefault(code, []).append(r)
        region_codes = set(admin1[regions].tolist())
        towns_in: dict[int, list[int]] = {}  # only the regions' codes are looked up
        for c, code in zip(givers.tolist(), admin1[givers].tolist()):
            if code in region_codes:
                towns_in.setdefault(code, []).append(c)
        points = np.flatnonzero(takes & point & (admin1 != 0))
        inside = [(c, r) for c, code in zip(points.tolist(), admin1[points].tolist()) for r in regions_in.get(code, ())]
        inside += [(r, c) for r, code in zip(regions.tolist(), admin1[regions].tolist()) for c in towns_in.get(code, ())]
        if inside:
            pairs = np.array(inside, dtype=np.int64)
            takers_of.append(pairs[:, 0])
            givers_of.append(pairs[:, 1])
    support = np.zeros(len(names.rows))
    if takers_of:
        taker, giver = np.concatenate(takers_of), np.concatenate(givers_of)
        # Two names whose likeliest places already lie together ("Cambridge" and "Oxford" in England)
        # support those and need no other meeting place (both towns of Maryland).
        best = names.best(prior)
        best_region = admin1[best]
        g, h = group[taker], group[giver]
        together = ((best_region[g] == best_region[h]) & (best_region[g] != 0)) | (km_between(
            lat[best[g]], lon[best[g]], lat[best[h]], lon[best[h]]) <= weights.proximity_km)
        # A name that is a national capital's or a city's of half a million means that city: only such cities
        # of its name, and its likeliest place, are its senses. It is taken to a namesake beside the report's
        # other towns (a district of Khartoum for "Riyadh", a suburb of Sydney for "Alexandria") by no
        # support, but to one in or beside a county the report names, which tells where its news is ("the
        # Athens Police Department" and "Henderson County" are Texas's, "Paris" and "Henry County" Tennessee's);
        # and its namesakes do not draw a name whose likeliest place is a town of SALIENT_POPULATION
        # ("Sydney" does not take "Florence" to Nova Scotia), while a county of a common name beside one is
        # news from there.
        city = (feature == CAPITAL) | ((feature <= CAPITAL) & (population >= WORLD_CITY_POPULATION))
        names_a_city = np.bincount(group, weights=city, minlength=len(names.key_ids)) > 0
        likeliest = np.arange(len(group)) == best[group]
        its_sense = ~names_a_city[group] | city | likeliest
        salient = (feature[best] <= CAPITAL) & (population[best] >= SALIENT_POPULATION)
        # Nor do two small namesakes of towns abroad ten times their size lend each other support: their
        # lying together is chance ("Hebron" and "Florence" are not the Kentucky villages, "Belfast" and
        # "Sheffield" not Pennsylvania's), where namesakes of towns in their own country meet in its news.
        namesake_abroad = ((feature[best][group] <= CAPITAL) & (country != country[best][group])
                           & (population[best][group] >= NAMESAKE_DWARFED * np.maximum(population, 1000)))
        other = ((g != h) & (~together | (taker == best[g])) & (its_sense[taker] | (feature[giver] == DISTRICT))
                 & (its_sense[giver] | likeliest[taker] | ~salient[g])
                 & ~(namesake_abroad[taker] & namesake_abroad[giver]))
        taker, giver = taker[other], giver[other]
        # Per candidate and other name, that name's likeliest candidate beside it.
        key = taker * len(names.key_ids) + group[giver]
        order = np.lexsort((-likeliness[giver], key))
        first = order[np.concatenate(([True], key[order][1:] != key[order][:-1]))] if len(order) else order
        np.add.at(support, taker[first], likeliness[giver[first]])
    return support


def _alternate_of_a_namesake(names: _Names, feature, population) -> np.ndarray:
    """Towns that bear the name only as another name of their own (a former or local name: "Kaliningrad" of
    Korolev) while a town at least as populous bears it as its own name: a
    report means the place the name is the name of. The largest bearer of a name keeps it under any of its
    names ("Saida" for Sidon, "Petersburg" for Saint Petersburg). Also counties and districts that bear a
    first-level region's own name as their short name ("Ohio" of Ohio County, Kentucky): "Ohio's
    legislature" is the state's. (A county that shares only a town's name is left alone: "Madison" alone is as
    often Madison County as a town of that name.)"""
    town = feature <= CAPITAL
    main = (names.kinds == NAME_MAIN) & town
    largest_main = np.full(len(names.key_ids), -1.0)
    np.maximum.at(largest_main, names.group[main], population[main])
    region_main = np.bincount(names.group, weights=(names.kinds == NAME_MAIN) & (feature == REGION),
                              minlength=len(names.key_ids)) > 0
    district = (feature == DISTRICT) & region_main[names.group]
    return ((town & (population <= largest_main[names.group])) | district) & (names.kinds != NAME_MAIN)


def _home_place_of_a_country_name(names: _Names, best, country, admin1, feature, lat, lon, names_country, telling,
                                  home: int, weights: RankWeights) -> np.ndarray:
    """Candidates that a country's name means in a report on its home country when nothing else in the
    report is in that foreign country: a first-level region of home that a town or county the report names
    lies in ("ATLANTA -- ... a Georgia man"), or a home town of that name within `proximity_km` of another
    town or county the report names ("Lebanon" beside Zionsville, Ind.; "a Mexico woman" beside Audrain
    County, Mo.). Each wins back the weight held against a town that bears a country's name."""
    lift = np.zeros(len(names.rows), dtype=bool)
    best_country, best_feature = country[best], feature[best]
    towns = np.flatnonzero(((best_feature <= CAPITAL) | (best_feature == DISTRICT)) & (best_country == home)
                           & ~np.array(names.demonym) & ~names.never_place)
    if not len(towns):
        return lift
    support = Counter(best_country[telling].tolist())
    for g in np.flatnonzero(names_country & (best_feature == COUNTRY) & (best_country != home)).tolist():
        if support[int(best_country[g])] - bool(telling[g]) > 0:
            continue  # another name of the report lies in that country
        lo = names.starts[g]
        at_home = lo + np.flatnonzero(country[lo:lo + names.sizes[g]] == home)
        others = best[towns[towns != g]]
        if not len(at_home) or not len(others):
            continue
        town_regions = set(admin1[others].tolist())
        regions = [j for j in at_home[feature[at_home] == REGION].tolist() if admin1[j] in town_regions]
        near_towns = at_home[(feature[at_home] <= CAPITAL) & (names.kinds[at_home] == NAME_MAIN)]
        if len(near_towns):
            km = km_between(lat[near_towns][:, None], lon[near_towns][:, None], lat[others][None, :], lon[others][None, :])
            near_towns = near_towns[km.min(axis=1) <= weights.proximity_km]
        lift[regions] = True
        lift[near_towns] = True
    return lift


def _namesakes_in_areas(names: _Names, g: int, best: int, area, within) -> int:
    """In how many areas name `g` has a place (of its best place's country, `within` the country array): with
    one, the report's other places say nothing against it (Timbuktu is in Tombouctou region, whatever regions
    the report names besides)."""
    rows = slice(names.starts[g], names.starts[g] + names.sizes[g])
    areas = area[rows] if within is None else area[rows][within[rows] == within[best]]
    return len(set(areas.tolist()))


def _far_namesake(names: _Names, best, area, feature, population, lat, lon, qualified, telling, *,
                  area_feature: int, no_area: int | None = None, among: np.ndarray | None = None,
                  within: np.ndarray | None = None) -> np.ndarray:
    """Per name, whether its best place is a town that nothing in the report leads to, in an `area` (a country,
    or a first-level region) of its own: below SALIENT_POPULATION, unqualified, in an area none of the report's
    other telling names is in, while those names agree on an area of theirs (HOME_MIN_NAMES of them and half),
    and far from every place they resolve to: FAR_NAMESAKE_KM, or NAMED_AREA_KM when the report names that area
    itself (a place of `area_feature` there), which puts the report there as a qualifier puts a town. A village
    the gazetteer lacks is then left unresolved rather than sent to a namesake on another continent ("the
    villages of Tiwa and Kossa" in a report on Mali are not in Honduras), or in another state ("Brandon" in
    a report on a Minnesota county is not the Florida town; a village in a report on the Michoacan police's
    towns is not its namesake in Guerrero). `no_area`: the area code of places in none (a country's point has no
    first-level region), which take no part; nor do names outside `among` (regions are compared within the
    report's own country: names abroad neither agree on one nor are lone in one)."""
    far = np.zeros(len(names.key_ids), dtype=bool)
    town = (feature[best] <= CAPITAL) & (population[best] < SALIENT_POPULATION) & (qualified[best] == 0)
    best_area = area[best]
    takes_part = np.ones(len(best), dtype=bool) if among is None else among
    if no_area is not None:
        takes_part = takes_part & (best_area != no_area)
    town &= takes_part
    others = np.flatnonzero(telling & takes_part)
    if not town.any() or len(others) <= HOME_MIN_NAMES:
        return far
    # Python lists from here: read once per name, a numpy scalar each time cost more than the arithmetic.
    best_area, best_feature, tells = best_area.tolist(), feature[best].tolist(), telling.tolist()
    names_in = Counter(best_area[g] for g in others.tolist())  # per area, how many telling names lie there
    (first, most), (second_area, second) = (names_in.most_common(2) + [(-1, 0)])[:2]
    named = {best_area[g] for g in others.tolist() if best_feature[g] == area_feature}
    lone, bound = [], []  # towns in an area none of the other telling names is in, while most of those agree on one
    for g in np.flatnonzero(town).tolist():
        own = best_area[g]
        inside = tells[g]
        if names_in[own] - inside > 0:
            continue
        agreed_area, agreed = (second_area, second) if own == first else (first, most)
        if agreed >= HOME_MIN_NAMES and 2 * agreed >= len(others) - inside:
            lone.append(g)
            bound.append(NAMED_AREA_KM if agreed_area in named and _namesakes_in_areas(names, g, best[g], area, within) > 1
                         else FAR_NAMESAKE_KM)
    if lone:
        km = km_between(lat[best[lone]][:, None], lon[best[lone]][:, None], lat[best[others]][None, :],
                        lon[best[others]][None, :])
        km[np.array(lone)[:, None] == others[None, :]] = np.inf  # a name's own place is no other place
        far[lone] = km.min(axis=1) > np.array(bound)
    return far


def _ordinary_word_alias(names: _Names, best_feature, common_words: frozenset[str], *, qualified) -> np.ndarray:
    """Ordinary words known only as another name of their places ("Glacier" of Glacier County, Mont.; "Passover"
    of a Georgia town) are no place even where a word before them calls them one ("rescuers reached Glacier"):
    only the report naming one a place by kind ("the village of Glacier") or a qualifier ("Glacier, Mont.")
    keeps it. A country keeps all its names."""
    has_main_name = np.bincount(names.group, weights=(names.kinds == NAME_MAIN), minlength=len(names.key_ids)) > 0
    word = np.array([o[0].folded in common_words for o in names.occurrences], dtype=bool)
    by_kind = np.array([any(s.head_kind or s.place_head_next for s in o) for o in names.occurrences], dtype=bool)
    major = (best_feature == COUNTRY) | (best_feature == CONTINENT)
    return ~has_main_name & ~np.array(names.demonym, dtype=bool) & word & ~major & ~by_kind & ~qualified


def _unsupported_alias(names: _Names, best_country, votes, unplaced) -> np.ndarray:
    """Names that are no place here: known only as another name of their places ("Hamas" of Hamm),
    countries aside ("U.S."),
    not mostly cued as a place, and either left unplaced or put in a country no other name of the
    report is in. An organisation or a person that shares a foreign alias is commoner than the town; an alias that
    says it is a city ("Gaza City", another name of Gaza) is the city, even in a report on another war."""
    has_main_name = np.bincount(names.group, weights=(names.kinds == NAME_MAIN), minlength=len(names.key_ids)) > 0
    country_votes = np.bincount(best_country, weights=votes)
    alone = country_votes[best_country] - votes <= 0
    a_city_by_name = np.array([o[0].folded.endswith(" city") for o in names.occurrences], dtype=bool)
    return ~has_main_name & ~np.array(names.place_cued, dtype=bool) & (alone | unplaced) & ~np.array(names.demonym) \
        & ~a_city_by_name


def _home_country(best_country, weights: RankWeights) -> int:
    """The country a report is clearly about (-1 when none): most of its telling names, and at
    least HOME_MIN_NAMES of them, lie there, and more than in any other country (a report on a
    strike from one country into another is about both)."""
    if len(best_country) == 0:
        return -1
    names_in = np.bincount(best_country)
    home = int(np.argmax(names_in))
    if names_in[home] < HOME_MIN_NAMES or names_in[home] < weights.home_share * len(best_country):
        return -1
    if (names_in == names_in[home]).sum() > 1:
        return -1
    return home


def _outside_home_area(country, feature, population, qualified, home: int) -> np.ndarray:
    """Candidates outside the report's home country. Countries, continents, capitals, cities of
    half a million (Montreal in a US paper) and places a qualifier names ("Aliaga, Turkey") are exempt."""
    if home < 0:
        return np.zeros(len(country), dtype=bool)
    known_abroad = (feature <= CAPITAL) & (population >= WORLD_CITY_POPULATION)
    return ((country != home) & (feature != COUNTRY) & (feature != CONTINENT) & (feature != CAPITAL)
            & ~known_abroad & (qualified == 0))


def _capital_abroad_with_home_city(names: _Names, country, feature, population, home: int) -> np.ndarray:
    """A national capital abroad whose name a city of SALIENT_POPULATION in the report's home
    country also bears ("Tripoli" in a report on Lebanon): the capital's prior is not the
    reader's first thought there, so it is withdrawn."""
    if home < 0:
        return np.zeros(len(country), dtype=bool)
    home_city = (country == home) & (feature <= CAPITAL) & (population >= SALIENT_POPULATION)
    has_home_city = np.bincount(names.group, weights=home_city, minlength=len(names.key_ids)) > 0
    return (feature == CAPITAL) & (country != home) & has_home_city[names.group]


# "Majdal and Taybeh in southern Lebanon", "Bamba, in the northern Gao region": what a name is said to lie in.
_DIRECTION = r"(?:(?:north|south|east|west|central|north-?east|north-?west|south-?east|south-?west)(?:ern)?\s+)"
_NAME_IN_LIST = r"[A-Z][\w'’-]*(?:\s[A-Z][\w'’-]*){0,2}"
_LIST_SEPARATOR = r"(?:,\s+(?:and\s+|or\s+)?|\s+(?:and|or)\s+)"
# (Its one literal word, "in", is looked for in a gap first: most gaps between two names have none.)
_IN_AREA = rf"in\s+(?:the\s+)?(?:{_DIRECTION}(?:of\s+)?)?\Z"  # "in northeastern ", "in the north of "
_IN_CONTAINER_GAP = re.compile(rf"(?:\s[A-Z][\w'’-]*){{0,2}}(?:{_LIST_SEPARATOR}{_NAME_IN_LIST})*(?:,\s+|\s+)(?:all\s+(?:of\s+them\s+)?)?"
                               + _IN_AREA)
# One name said to be a place of a kind in an area: "X, a farming village in northeastern ", "the X army post in the ".
_PLACE_KINDS = "|".join(sorted(SETTLEMENT_HEADS | SITE_WORDS | ADMIN_HEADS | {"port", "community", "commune"}))
_KIND_IN_AREA_GAP = re.compile(rf"(?:,\s+(?:an?|the)\s+(?:[\w-]+\s+){{0,3}}?|(?:\s+[a-z][\w-]*)?\s+)(?:{_PLACE_KINDS})"
                               rf"\s+(?:(?:located|situated|lying)\s+)?" + _IN_AREA)
# Between two known members of a list: the rest of one name, unknown members, the start of the next name.
_LIST_GAP = re.compile(rf"(?:\s[A-Z][\w'’-]*){{0,2}}(?:{_LIST_SEPARATOR}{_NAME_IN_LIST})*{_LIST_SEPARATOR}(?:[A-Z][\w'’-]*\s){{0,2}}\Z")
_POSSESSIVE_GAPS = frozenset({"'s ", "’s "})


def _described_by_kind(folded: str) -> bool:
    """"north-west", "upper east", "central": a name made of words that tell a unit by where it lies or what it
    is, which many countries give a region in their own language."""
    return all(word in UNIT_DESCRIPTIONS for word in re.split(r"[\s-]+", folded))


def _MAJOR_FEATURES(feature: np.ndarray) -> np.ndarray:
    return (feature == COUNTRY) | (feature == CONTINENT)


QUALIFIER, OWNER, STATED_IN = "qualifier", "owner", "in"


def stated_containers(spans: list[NameSpan], text: str) -> list[tuple[int, int, str]]:
    """(i, h, how) for each span i the text writes as lying in span h: a QUALIFIER ("Aliaga,
    Turkey"), an OWNER ("Nigeria's North-East"), or STATED_IN after the name or its list ("Khiyam
    and Majdal in southern Lebanon")."""
    out = []
    for i in range(len(spans) - 1):
        gap = text[spans[i].end:spans[i + 1].start]
        if gap in _QUALIFIER_GAPS:
            out.append((i, i + 1, QUALIFIER))
        elif gap in _POSSESSIVE_GAPS:
            out.append((i + 1, i, OWNER))
        elif "in" in gap and text[spans[i + 1].end:spans[i + 1].end + 2] not in ("'s", "’s"):
            if _IN_CONTAINER_GAP.match(gap):
                out.append((i, i + 1, STATED_IN))
                j = i
                while j > 0 and _LIST_GAP.match(text[spans[j - 1].end:spans[j].start]):
                    j -= 1
                    out.append((j, i + 1, STATED_IN))
            elif _KIND_IN_AREA_GAP.match(gap):  # of the one name before it, not of a list
                out.append((i, i + 1, STATED_IN))
    return out


def written_in(text: str, start: int, end: int, mentions: list, starts: list[int]) -> list[int]:
    """Indexes of the `mentions` (in text order) the name at start:end is written as lying in:
    "X, Y and Z in southern Lebanon" (the first mention after it), "Lebanon's X" (the one just before).
    `starts`: the mentions' starts, computed once per report (a long report has thousands)."""
    after = bisect_left(starts, end)
    out = []
    if (after < len(mentions) and "in" in (gap := text[end:mentions[after].start])
            and (_IN_CONTAINER_GAP.match(gap) or _KIND_IN_AREA_GAP.match(gap))):
        out.append(after)
    if after > 0 and text[mentions[after - 1].end:start] in _POSSESSIVE_GAPS:
        out.append(after - 1)
    return out


# Between a place the gazetteer lacks and a town it lies in or near: "the Karama neighbourhood in
# Kisangani", "Afgoye junction in Baidoa", "Bel-Air, a district of northern Cap-Haitien",
# "Benina airport, 15 km east of central Benghazi", "Tal Afar, to the west of Mosul".
_SITE_WORDS = "|".join(sorted(SITE_WORDS))
_SITE_AFTER = rf"\s+(?:{_SITE_WORDS})"  # "Zobe junction"
_SITE_APPOSITION = rf",?\s+(?:an?|the)\s+(?:[\w-]+\s+){{0,3}}?(?:{_SITE_WORDS}|town)"  # ", a neighbourhood"
_NEAR_TOWN_GAP = re.compile(
    rf"(?:(?:{_SITE_AFTER})?(?:{_SITE_APPOSITION})?(?:,?\s+(?:in|near|outside)\s+"
    r"|,?\s+(?:(?:which|that)\s+(?:lies|is)\s+|located\s+|situated\s+)?(?:some\s+|about\s+|around\s+|roughly\s+"
    r"|nearly\s+|just\s+|only\s+)?(?P<number>\d{1,3})\s*(?P<unit>km|kilometres|kilometers|miles)\b[^,.;]{0,30}?\s(?:of|from)\s+"
    rf"|,?\s+(?:just\s+|to\s+the\s+)?{_DIRECTION}of\s+)"
    rf"|(?:{_SITE_AFTER}(?:{_SITE_APPOSITION})?|{_SITE_APPOSITION})\s+of\s+)"  # "the X district of Y", not "Acme, of Y"
    r"(?:the\s+)?(?:(?:city|town)\s+of\s+)?(?:central\s+|downtown\s+)?"
    rf"(?:{_DIRECTION})?\Z")
_NAME_GOES_ON = re.compile(r"[ -][A-Z]")
_SITE_NAMED = re.compile(rf"{_SITE_AFTER}\b|,?\s+(?:an?\s+)?(?:{_SITE_WORDS})\b")
NEAR_TOWN_KM = 25.0  # UCDP's where_prec 2: within about 25 km of a known point
_KM_PER_MILE = 1.609


def written_by_town(text: str, start: int, end: int, mentions: list, starts: list[int]) -> tuple[int, float] | None:
    """(index, km) of the mention of a town (in text order) that the name at start:end is written as lying in,
    near or a told distance from, and that distance (0 for "in", "near", "west of"): the first mention after
    it, when the words between say so; or the one just before it when it is that town's possessive
    ("Kisangani's Karama"). None otherwise."""
    after = bisect_left(starts, end)
    if (after < len(mentions) and mentions[after].start - end <= 80
            and not _NAME_GOES_ON.match(text, mentions[after].end)):  # "near Spencer Street" is no town
        gap = _NEAR_TOWN_GAP.match(text[end:mentions[after].start])
        if gap is not None and "\n" not in gap.group(0):
            number = gap.group("number")
            return after, float(number) * (_KM_PER_MILE if gap.group("unit") == "miles" else 1.0) if number else 0.0
    # "Kisangani's Makiso district", "Kisangani's Karama, a neighbourhood": not "Watertown's Taylor Neaton".
    before = bisect_left(starts, start) - 1
    if (before >= 0 and text[mentions[before].end:start] in _POSSESSIVE_GAPS
            and _SITE_NAMED.match(text, end) is not None):
        return before, 0.0
    return None


def written_near_town(text: str, start: int, end: int, mentions: list, starts: list[int]) -> int | None:
    """Index of the mention of a town that the name at start:end is written as lying in or within
    NEAR_TOWN_KM of (`written_by_town`), or None."""
    told = written_by_town(text, start, end, mentions, starts)
    return told[0] if told is not None and told[1] <= NEAR_TOWN_KM else None


def _qualifier_bonus(spans, names: _Names, text: str, gazetteer: Gazetteer, country, admin1, feature, weights: RankWeights
                     ) -> tuple[np.ndarray, np.ndarray]:
    """"Aliaga, Turkey", "Alexandria, La.", "Iraq's Ramadi": the name written as the container lifts
    the candidates inside it. Also which names the text puts "in" a country or region where the
    gazetteer has no place of that name, or a country owns ("Nigeria's North-East", not "Moscow's
    Domodedovo", which lies in the region around Moscow): those are places it lacks, left unresolved."""
    bonus = np.zeros(len(names.rows))
    key_abbreviation = gazetteer.key_abbreviation
    large_town = np.bincount(names.group, weights=(feature <= CAPITAL) & (gazetteer.np_population[names.rows] >= SALIENT_POPULATION),
                             minlength=len(names.key_ids)) > 0
    uncontained = np.zeros(len(names.key_ids), dtype=bool)
    for i, h_span, how in stated_containers(spans, text):
        g, h = names.group_of_span[i], names.group_of_span[h_span]
        if g == h or names.demonym[g] or names.demonym[h]:
            continue
        mine = slice(names.starts[g], names.starts[g] + names.sizes[g])
        theirs = slice(names.starts[h], names.starts[h] + names.sizes[h])
        containers_country = set(country[theirs][feature[theirs] == COUNTRY].tolist())
        containers_region = set(admin1[theirs][feature[theirs] == REGION].tolist()) - {0}
        if not containers_country and not containers_region or _MAJOR_FEATURES(feature[mine]).any():
            continue
        inside = np.array([c in containers_country or a in containers_region
                           for c, a in zip(country[mine].tolist(), admin1[mine].tolist())], dtype=bool)
        if containers_region and inside.any():
            # A place coded in the region but lying far beyond all its other places is coded wrongly.
            region_rows = names.rows[theirs][feature[theirs] == REGION].tolist()
            for k in np.flatnonzero(inside).tolist():
                row = int(names.rows[mine][k])
                inside[k] = not any(gazetteer.np_admin1[r] == gazetteer.np_admin1[row] and _strays_from_region(gazetteer, r, row)
                                    for r in region_rows)
        bonus[mine][inside] = weights.qualifier
        if inside.any():
            continue
        # A region named by where it lies ("North-West") only in other countries than the name's places is one
        # the gazetteer knows by another name there ("Bamenda, North-West" is Cameroon's Nord-Ouest).
        elsewhere = (not containers_country and _described_by_kind(spans[h_span].folded)
                     and not set(country[mine].tolist()) & set(country[theirs][feature[theirs] == REGION].tolist()))
        stated = how == STATED_IN or (how == OWNER and not containers_region)
        telling = names.telling[h] or spans[h_span].head_kind == "admin"  # "in the Kurgan region", a word's name
        if stated and telling and not key_abbreviation[names.key_ids[h]] and not elsewhere:
            uncontained[g] = True
        elif (how == QUALIFIER and containers_region and not (feature[mine] == REGION).any() and not elsewhere
              # "Kan." is Kansas, not Ganzhou; "(Donetsk region)" is the region, not the city
              and (not large_town[h] or key_abbreviation[names.key_ids[h]] or spans[h_span].head_kind == "admin")
              and LIST_GOES_ON.match(text, spans[h_span].end) is None):
            # "Orient, Ohio", "Greenwood, W. Va.", "Bamba (Gao region)": a town the qualifier puts in a region
            # where the gazetteer has none of that name is one it lacks, not the namesake of another region.
            # Not a list ("Izium, Donetsk and Luhansk"), nor a qualifier that is also a city's name (the
            # Donetsk of "Izium, Donetsk").
            uncontained[g] = True
    return bonus, uncontained


STRAY_FACTOR, STRAY_MARGIN_KM = 1.5, 50.0  # beyond this multiple of a region's reach (plus the margin) a place is no part of it
STRAY_MIN_PLACES = 3  # a region with fewer other places has no reach to measure
STRAY_NEIGHBOUR_RATIO = 4.0  # a stray's nearest town of another region of its country is this many times nearer


@lru_cache(maxsize=1 << 12)
def _strays_from_region(gazetteer: Gazetteer, region_row: int, row: int) -> bool:
    """Whether the place at `row`, coded in the first-level region at `region_row`, lies inside another region
    of its country rather than in its own: further from the region's point than STRAY_FACTOR times the furthest
    of the region's other settlements (plus STRAY_MARGIN_KM), and with a town of another region of the country
    STRAY_NEIGHBOUR_RATIO times nearer than any of its own region's. A stale or mistaken code (GeoNames codes a
    town of southern Mali in the Gao region, 960 km from Gao's other towns) says nothing of where the text puts
    the name; a remote island of the region (Easter Island in Valparaiso) is far from every other town alike."""
    furthest, second, others = _region_reach(gazetteer, region_row)
    lat, lon = gazetteer.np_lat, gazetteer.np_lon
    km = float(km_between(lat[region_row], lon[region_row], lat[row], lon[row]))
    reach = second if km >= furthest else furthest  # the place itself is no measure of its region
    if others - 1 < STRAY_MIN_PLACES or km <= STRAY_FACTOR * reach + STRAY_MARGIN_KM:
        return False
    towns = np.flatnonzero((gazetteer.np_country == gazetteer.np_country[row]) & (gazetteer.np_feature <= CAPITAL))
    towns = towns[towns != row]
    near = km_between(lat[row], lon[row], lat[towns], lon[towns])
    own = gazetteer.np_admin1[towns] == gazetteer.np_admin1[row]
    return bool(own.any() and (~own).any() and STRAY_NEIGHBOUR_RATIO * near[~own].min() < near[own].min())


@lru_cache(maxsize=1 << 12)
def _region_reach(gazetteer: Gazetteer, region_row: int) -> tuple[float, float, int]:
    """The distances of the two settlements furthest from a first-level region's point among those coded in it, and
    how many there are (once per region and gazetteer: a region is named in many reports)."""
    rows = np.flatnonzero((gazetteer.np_admin1 == gazetteer.np_admin1[region_row]) & (gazetteer.np_feature <= CAPITAL))
    if len(rows) < 2:
        return 0.0, 0.0, len(rows)
    km = np.sort(km_between(gazetteer.np_lat[region_row], gazetteer.np_lon[region_row], gazetteer.np_lat[rows],
                            gazetteer.np_lon[rows]))
    return float(km[-1]), float(km[-2]), len(rows)


# Words before a name that say where something happened, which is a town more often than the
# province that shares its name ("a fuel depot in Idlib"): ACLED codes the town unless the text
# says province or region.
TOWN_CUES = frozenset("""
in at near outside inside hit struck shelled bombed attacked targeted captured seized retook entered besieged
""".split())


# Before a name, a distance from it: "12 km north of Donetsk", "15 kilometres (nine miles) from Batroun".
_MEASURED_FROM = re.compile(r"\d\s*(?:km|kilometres|kilometers|miles)\b[^,.;]{0,30}?\s(?:of|from)\s+(?:central\s+)?\Z")
# Before a name, parts of it: "the residential districts of Misrata", "the outskirts of Idlib" are in a town.
_PARTS_OF = re.compile(r"\b(?:districts|neighbou?rhoods|suburbs|outskirts|quarters|parts|streets)\s+of\s+\Z")


def _region_named_after_its_city(names: _Names, text: str, country, admin1, feature, population,
                                 weights: RankWeights) -> np.ndarray:
    """Moscow, Lima, Ankara are also the regions around them: the name in a report means the
    city when a settlement in the region bears it as its own name and is the country's capital
    or holds most of the region's people (New York City does not: "New York" is the state); a
    national capital means the capital rather than a region of its country that bears its name
    elsewhere ("Washington"); and the city when the report puts something in it ("in Idlib",
    "near Jizan") or measures from it ("12 km north of Donetsk"). Never when the text says the unit is meant ("Idlib province", "Washington state")."""
    penalty = np.zeros(len(names.rows))
    # Only a unit whose name a settlement in it, or a capital of its country, also bears can be
    # penalised: the few such candidates are found with vector arithmetic, and only they are looped over.
    units = np.flatnonzero(((feature == REGION) | (feature == DISTRICT)) & (admin1 != 0))
    if not len(units):
        return penalty
    group = names.group.astype(np.int64) << 32
    in_unit_key, country_key = group | admin1, group | country
    towns_in_unit = set(in_unit_key[feature <= CAPITAL].tolist())
    capitals_in_country = set(country_key[feature == CAPITAL].tolist())
    units = np.array([i for i, unit, land in zip(units.tolist(), in_unit_key[units].tolist(), country_key[units].tolist())
                      if unit in towns_in_unit or land in capitals_in_country], dtype=np.int64)
    units = units[~names.wants_unit[names.group[units]]]  # never when the text says the unit is meant
    if not len(units):
        return penalty
    # Each unit against every candidate of its own name, in one array of pairs.
    unit_group = names.group[units]
    sizes = names.sizes[unit_group]
    pair = np.repeat(np.arange(len(units)), sizes)
    other = np.repeat(names.starts[unit_group], sizes) + np.arange(int(sizes.sum())) - np.repeat(np.cumsum(sizes) - sizes, sizes)
    unit = units[pair]
    own_name = names.kinds[other] >= names.kinds[unit]  # as much the city's name as the unit's
    in_unit = own_name & (admin1[other] == admin1[unit]) & (feature[other] <= CAPITAL)
    national_capital = own_name & (feature[other] == CAPITAL) & (country[other] == country[unit])
    holds_most = in_unit & (population[other] >= 0.5 * population[unit])

    def any_of(pairs: np.ndarray) -> np.ndarray:
        return np.bincount(pair, weights=pairs, minlength=len(units)) > 0

    city_first = (feature[units] == REGION) & (any_of(in_unit & (feature[other] == CAPITAL)) | any_of(national_capital)
                                               | any_of(holds_most))
    town_in_it = any_of(in_unit)
    undecided = np.flatnonzero(~city_first & town_in_it)
    cued: dict[int, bool] = {}  # per name: its units share its occurrences, read once
    for k, g in zip(undecided.tolist(), unit_group[undecided].tolist()):
        if g not in cued:
            cued[g] = _town_cued(names.occurrences[g], text)
        city_first[k] = cued[g]
    penalty[units[city_first]] = weights.region_prior + 1.0
    return penalty


def _town_cued(occurrences: list[NameSpan], text: str) -> bool:
    """Something is put in, near or at the place ("in Idlib"), measured from it ("12 km north of Donetsk"),
    or written as having parts ("the residential districts of Misrata")."""
    return any(s.preceding_word.lower() in TOWN_CUES or (s.preceding_word.lower() in ("of", "from")
                                                         and (_MEASURED_FROM.search(text, max(0, s.start - 60), s.start)
                                                              or _PARTS_OF.search(text, max(0, s.start - 20), s.start)))
               for s in occurrences)


def _mentions(spans, names: _Names, best, score, second, gazetteer: Gazetteer, weights: RankWeights, *,
              unplaced, home: int, alias, qualified: list[bool]) -> list[Mention]:
    feature = gazetteer.np_feature
    rows = names.rows
    # One sense per discourse: a name that is somebody's name once ("Jens Stoltenberg") is
    # a person wherever else the report writes it alone ("Stoltenberg said").
    candidate_feature = feature[rows]
    is_major = (candidate_feature == COUNTRY) | (candidate_feature == CONTINENT)
    major_group = (np.bincount(names.group, weights=is_major, minlength=len(names.key_ids)) > 0).tolist()
    # An acronym glued before a name ("SSP MICHOACÁN", "OSCE Minsk Group") makes it part of a body's name
    # there, not a person's name everywhere. A common first name or surname that speaks ("Johnston said")
    # where nothing calls it a place is a person's name everywhere too, as is one an age follows ("Gary Wilson, 54,").
    person_names = {s.folded for s, g in zip(spans, names.group_of_span)
                    if (s.person_cue and not major_group[g] and not s.preceding_word.isupper())
                    or ((s.speech_next or s.age_next) and not s.locative_cue and not major_group[g]
                        and s.folded in gazetteer.person_names)}
    resolved: dict[int, tuple] = {}
    best_rows, best_scores, sizes = rows[best].tolist(), score[best].tolist(), names.sizes.tolist()
    # Each name's candidates from best to worst (stable: ties keep their order), all names in one sort.
    ranked = np.lexsort((-score, names.group))
    ranked_rows, ranked_scores, starts = rows[ranked].tolist(), score[ranked].tolist(), names.starts.tolist()
    verdicts = []
    for span, g in zip(spans, names.group_of_span):
        if span.folded in person_names and not span.locative_cue:
            verdicts.append(_REJECT)
        else:
            verdicts.append(_place_verdict(span, g, best_rows[g], best_scores[g], names, gazetteer, weights, home=home,
                                           qualified=qualified[g]))
    # One sense per discourse, for recognition too: a name the report confirms as a place once
    # ("near Kherson") is a place where it stands unaided ("the regional capital Kherson").
    confirmed = {g for g, verdict in zip(names.group_of_span, verdicts) if verdict == _ACCEPT}
    # An ordinary word needs more: the report calls it a place by kind ("the town of Bor", "Bor county").
    named_as_place = {g for span, g, verdict in zip(spans, names.group_of_span, verdicts)
                      if verdict == _ACCEPT and (span.head_kind or span.place_head_next)}
    mentions = []
    for span, g, verdict in zip(spans, names.group_of_span, verdicts):
        if (verdict == _REJECT or (verdict == _UNSUPPORTED and g not in confirmed)
                or (verdict == _ORDINARY_WORD and g not in named_as_place) or alias[g]):
            continue
        best_row, best_score = best_rows[g], best_scores[g]
        if g not in resolved:
            runners = ()
            if sizes[g] > 1:
                lo = starts[g]
                runners = tuple(Candidate(gazetteer.place(ranked_rows[j]), ranked_scores[j])
                                for j in range(lo + 1, lo + min(sizes[g], 4)))
            runner_up = float(second[g]) if sizes[g] > 1 else best_score - 3.0
            margin = 1.0 / (1.0 + math.exp(-(best_score - runner_up) * 1.5))
            resolved[g] = (gazetteer.place(best_row), margin, runners)
        place, margin, runners = resolved[g]
        ordinary_word = span.folded in gazetteer.common_words and not major_group[g]
        confidence = min(1.0, margin * (0.6 if ordinary_word else 1.0) * (0.7 if ordinary_word and span.sentence_initial else 1.0))
        if names.demonym[g]:
            mentions.append(Mention(span.start, span.end, span.surface, place,
                                    WherePrecision.COUNTRY, confidence, role="demonym", runners_up=runners))
        elif unplaced[g]:  # a place, but not one the gazetteer holds in the report's area: candidates kept
            mentions.append(Mention(span.start, span.end, span.surface, None, WherePrecision.VAGUE_AREA, 0.0,
                                    role="place", runners_up=(Candidate(place, best_score),) + runners))
        else:
            mentions.append(Mention(span.start, span.end, span.surface, place, where_precision(place.feature_class, place.feature_code),
                                    confidence, role="place", runners_up=runners))
    return mentions


_REJECT, _UNSUPPORTED, _ACCEPT, _ORDINARY_WORD = range(4)


def _names_a_unit_by_kind(span: NameSpan) -> bool:
    """"the Soum province": a unit's word after a proper name makes it a unit's name; "the Capital district"
    is a description."""
    return span.head_kind == "admin" and span.folded not in UNIT_DESCRIPTIONS


def _place_verdict(span: NameSpan, g: int, row: int, score: float, names: _Names, gazetteer: Gazetteer,
                   weights: RankWeights, *, home: int = -1, qualified: bool = False) -> int:
    """Whether a span names a place here: _REJECT when a cue says it is a person, a body or an
    ordinary word; _ACCEPT when the evidence carries it; _UNSUPPORTED when nothing speaks
    against it but nothing for it either (it counts if the report confirms the name elsewhere);
    _ORDINARY_WORD for an uncued ordinary word (it counts if the report names it a place by kind elsewhere).
    `qualified`: a qualifier or the text puts the name in an area ("Aliaga, Turkey", "X, in the Y region")."""
    category = int(gazetteer.np_feature[row])  # Python ints: compared a dozen times, numpy scalars cost more
    population = int(gazetteer.np_population[row])
    major = category in _MAJOR
    region = major or category == REGION
    if span.folded in CALENDAR_WORDS:
        return _REJECT
    if span.acronym and not region and not span.sentence_initial:
        return _REJECT  # NATO, OSCE: acronyms are bodies, not the town that shares the letters
    if names.demonym[g]:
        return _REJECT if span.person_cue else _ACCEPT
    if span.person_cue and not major:
        return _REJECT
    if span.hyphen_compound and not region:
        return _REJECT  # "Wal-Mart"
    if span.firm_name and not region and not (category <= CAPITAL and population >= SALIENT_POPULATION):
        return _REJECT  # "Stevens & Wilkinson", even "a contract with Stevens & Wilkinson"; not "Zamfara & Katsina"
    # A unit's name at the head of a body's ("the Garrard County Community Foundation", "the Garrard County Fair
    # Board") names the unit, as "Kirkuk police" names Kirkuk: only a town's or a bare name is the body's there.
    if span.organisation_cue and not span.locative_cue and not _names_a_unit(span.folded):
        return _REJECT
    if span.weapon_next and not major:
        return _REJECT  # "Grad rockets": Grad is a village of Slovenia too
    if span.capitalised_next and not region and not span.locative_cue and not _names_a_unit(span.folded):
        # "the Tralee Arts Council": a body's name, which names the town where
        # the report names it as a place elsewhere; "Ashbourne Street" is a street's, no town's.
        return _REJECT if span.following_word.lower().rstrip(".") in STREET_WORDS else _UNSUPPORTED
    large_settlement = category <= CAPITAL and population >= SALIENT_POPULATION
    cued = span.locative_cue or span.place_head_next
    if span.age_next and not major and not cued:
        return _REJECT  # "Kevin Johnson, 34,"
    if span.speech_next and not major and not cued and not (category == CAPITAL
                                                             and span.folded not in gazetteer.person_names):
        return _REJECT  # "Moore said"; "Tbilisi says" is its government speaking, and a place's name
    if span.folded in gazetteer.common_words and not major:
        if span.numbered:
            return _REJECT  # "Zone 2", "Sector 4": a numbered word is a label
        # An ordinary word is a place when a cue says so, or when it is capitalised mid-sentence
        # and names a large city ("Mobile", "Goma"); at a sentence start its capital says nothing.
        # A national capital of a million people ("Kabul", "Lima") is that capital even at a sentence start.
        major_capital = category == CAPITAL and population >= CAPITAL_POPULATION
        supported = cued or major_capital or score >= weights.accept + weights.common_word_support
        if not supported and span.sentence_initial:
            return _REJECT
        if not supported and not large_settlement:
            # Unsupported here, not refuted: a place where the report names it as one elsewhere ("the town
            # of Bor ... the attack on Bor"), the word where it does not.
            return _ORDINARY_WORD
        # One that names a place only abroad, in a report clearly about another country, is the word
        # ("images from Google" in a report on Libya is not Topeka, whose other name it is; "the Capital
        # district" not Venezuela's), unless a qualifier puts it there ("Nice, France") or a locative word
        # before it or a unit's word after it, here or elsewhere in the report, calls it a place ("the town
        # of Palma", "the Soum province" stay places the gazetteer lacks).
        world_city = category <= CAPITAL and population >= WORLD_CITY_POPULATION
        if (home >= 0 and int(gazetteer.np_country[row]) != home and category != CAPITAL and not world_city
                and not qualified and not span.locative_cue and not _names_a_unit_by_kind(span)):
            return _UNSUPPORTED
    if span.folded in gazetteer.person_names and not region and not cued:
        # A common first name or surname ("Moore", "Kristina") is a place only when the report's
        # context (its state, a qualifier, nearby towns) lifts it well above the bar.
        if score < weights.accept + weights.person_name_support:
            return _UNSUPPORTED
    # A name that is neither a word nor a person's, of a place in the country the report is about
    # ("a blockade on Timbuktu" in a report on Mali), or that the text puts in an area ("X, a village in the
    # Y region", even where the gazetteer has no X there), needs no other support.
    if score >= weights.accept or cued or qualified or category > CAPITAL or large_settlement:
        return _ACCEPT
    at_home = (home >= 0 and int(gazetteer.np_country[row]) == home and bool(names.telling[g])
               and names.home_count(g, home, gazetteer) == 1)  # one place of that name at home: no doubt which
    return _ACCEPT if at_home else _UNSUPPORTED
