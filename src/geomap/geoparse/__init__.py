"""Geoparsing: find place names in a text and resolve each to one gazetteer place."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from functools import lru_cache

from geomap.gazetteer.index import Gazetteer
from geomap.geoparse.online import OnlineGeocoder
from geomap.geoparse.rank import (NEAR_TOWN_KM, SALIENT_POPULATION, RankWeights, rank_spans, written_by_town,
                                  written_in, written_near_town)
from geomap.geoparse.recognize import COMPASS_WORDS, SITE_WORDS, NameSpan, ReportText, find_name_spans, head_kind
from geomap.geoparse.unknown import (LAND_HEADS, WATER_HEADS, SpanIndex, apply_list_cues, find_name_lists,
                                     find_unknown_place_names, name_heads)
from geomap.gazetteer.kinds import CAPITAL, NAME_DEMONYM, NAME_MAIN, REGION, where_precision
from geomap.geometry import km_between
from geomap.precision import WherePrecision
from geomap.records import Candidate, Mention, Place

SPELLING_VARIANT_CONFIDENCE = 0.5  # a place found under another spelling ("Tarhouna" for Tarhuna)
SPELLING_VARIANT_RADIUS_KM = 100.0  # from another town of the report, for a village found under another spelling
SPELLING_VARIANT_COUNTRY_SHARE = 0.4  # of the report's resolved mentions
_WORD_AFTER = re.compile(r"[ \u00a0]?(\w*)")
ONLINE_CONFIDENCE = 0.5
NEAR_TOWN_CONFIDENCE = 0.5  # of the town's: a site placed at the town it is in or near  # a place the online geocoder found: its first answer, not ranked in context
FAR_FROM_ITS_TOWN_KM = 100.0  # a part or site of a town the gazetteer puts further off (or beyond a told distance) is a namesake elsewhere
BESIDE_ITS_TOWN_KM = 200.0  # a namesake further than this from the town a name is told near (abroad: west of) is elsewhere


def geoparse(text: str, gazetteer: Gazetteer, *, weights: RankWeights = RankWeights(),
             keep_unresolved: bool = True, online: OnlineGeocoder | None = None) -> list[Mention]:
    """Every place and demonym mention in `text`, resolved in the context of the whole text.

    Names the text presents as places ("the village of X", a list of towns) that the gazetteer
    lacks are looked up under other spellings among the places of the report's countries, then
    with `online` (an optional geopy geocoder, off by default) when given, and otherwise come back
    with `place=None`: kept and shown as unresolved, never dropped.
    """
    report = ReportText(text)
    spans = find_name_spans(report, gazetteer)
    common_words, person_names = gazetteer.common_words, gazetteer.person_names
    # Names that are places whatever their surroundings: not an ordinary word, not a person's name.
    strong = {s.key_id for s in spans if not (s.acronym or s.folded in common_words or s.folded in person_names)}
    lists = find_name_lists(report)
    spans = _possessive_cues(apply_list_cues(spans, lists, strong=strong), text, gazetteer.common_words)
    grown = [_grow_name(m, text) for m in rank_spans(spans, text, gazetteer, weights=weights)]
    # a name that grew over its neighbours ("Aden" into "Gulf of Aden") holds them: "Gulf" is no second place
    mentions = _inside_a_longer_dropped(grown, SpanIndex((m.start, m.end) for m in grown))
    mentions = _headline_words_dropped(mentions, spans, report, common_words)
    if keep_unresolved:
        unknown, peoples, persons, streets = find_unknown_place_names(report, spans, lists, strong=strong,
                                                                      common_words=gazetteer.common_words,
                                                                      person_names=gazetteer.person_names,
                                                                      demonyms=_demonym_keys(spans, gazetteer),
                                                                      places=strong | _major_place_keys(spans, gazetteer))
        # A known name inside an unknown longer one ("Yar" in "Yar Katsina village", "South" in
        # "South Ossetian", "David" in "David Burliuk", "Clark" in "Clark Drive") was part of it.
        mentions = _inside_a_longer_dropped(mentions, SpanIndex(unknown + peoples + persons + streets))
        taken = SpanIndex((m.start, m.end) for m in mentions)
        unknown = [(a, b) for a, b in unknown if not taken.overlaps(a, b)]
        home = _home_countries(mentions)
        # Names the ranker left unplaced ("the Bekaa region", whose only namesakes are villages
        # abroad) are looked up under other spellings among first-level regions only (a known name
        # is seldom a misspelt town: "Erie" is not Erin), and keep their candidates when none fits.
        unplaced = {(m.start, m.end): m for m in mentions if m.place is None and m.role == "place"}
        mentions = [m for m in mentions if (m.start, m.end) not in unplaced]
        mentions += _resolve_spelling_variants(unknown, text, home, mentions, gazetteer)
        for m in _resolve_spelling_variants(sorted(unplaced), text, home, mentions, gazetteer, regions_only=True):
            mentions.append(m if m.place is not None else unplaced[(m.start, m.end)])
        # A people's name ("Fulani", "Sinhalese") is a demonym of no country the gazetteer holds.
        mentions += [Mention(a, b, text[a:b], None, WherePrecision.VAGUE_AREA, 0.0, role="demonym")
                     for a, b in peoples if not taken.overlaps(a, b)]
        mentions.sort(key=lambda m: m.start)
        if online is not None:
            mentions = _resolve_online(mentions, home, online)
        mentions = _place_by_the_town_it_is_in(mentions, text)
        mentions = _directions_left_out(mentions)
    return _parts_of_countries(mentions, text)


def _demonym_keys(spans: list[NameSpan], gazetteer: Gazetteer) -> set[int]:
    """Key ids of the names that are a people's ("Palestinian", "American") among their senses."""
    offsets, kinds = gazetteer.np_key_offsets, gazetteer.np_cand_kinds
    return {s.key_id for s in spans if (kinds[offsets[s.key_id]:offsets[s.key_id + 1]] == NAME_DEMONYM).any()}


def _major_place_keys(spans: list[NameSpan], gazetteer: Gazetteer) -> set[int]:
    """Key ids of the names that are the own name of a country, a first-level region or a capital ("England",
    "London"), a place whatever else the name is (a surname)."""
    offsets, rows, kinds, feature = (gazetteer.np_key_offsets, gazetteer.np_cand_rows, gazetteer.np_cand_kinds,
                                     gazetteer.np_feature)
    out = set()
    for key_id in {s.key_id for s in spans}:
        lo, hi = offsets[key_id], offsets[key_id + 1]
        major = (feature[rows[lo:hi]] >= CAPITAL) & (feature[rows[lo:hi]] <= REGION) & (kinds[lo:hi] == NAME_MAIN)
        if major.any():
            out.add(key_id)
    return out


_COMPASS = "|".join(sorted(COMPASS_WORDS))
# Before a country's name, a part of it: "southern Lebanon", "north-eastern Nigeria", "the south of Lebanon".
_PART_BEFORE = re.compile(rf"(?:\b(?:{_COMPASS})(?:[\s-](?:{_COMPASS}))?\s+|\bthe\s+(?:{_COMPASS})\s+of\s+(?:the\s+)?)\Z",
                          re.IGNORECASE)


def _parts_of_countries(mentions: list[Mention], text: str) -> list[Mention]:
    """"Jets struck targets in southern Lebanon": the place is a part of the country, UCDP's precision 5 (a larger
    or vague area, "northern Uganda"), not the whole country; an event told there has a place of its own."""
    return [replace(m, precision=WherePrecision.VAGUE_AREA)
            if (m.role == "place" and m.precision == WherePrecision.COUNTRY and m.place is not None
                and _PART_BEFORE.search(text, max(0, m.start - 30), m.start) is not None) else m
            for m in mentions]


def _directions_left_out(mentions: list[Mention]) -> list[Mention]:
    """"the North-East", "Southwest": a name made of directions is a part of a country the report names or
    of nowhere: not Botswana's North East in a report on Nigeria, and not a place to leave unresolved
    ("Nigeria's North-East", which the gazetteer lacks, marks nothing on a map)."""
    directions = [m.role == "place" and _made_of_directions(m.surface) for m in mentions]
    countries = {m.place.country_code for m, direction in zip(mentions, directions)
                 if m.place is not None and not direction}
    return [m for m, direction in zip(mentions, directions)
            if not direction or (m.place is not None and m.place.country_code in countries)]


@lru_cache(maxsize=1 << 14)  # a name's words are the same in every report
def _made_of_directions(surface: str) -> bool:
    return all(word.lower() in COMPASS_WORDS for word in re.split(r"[\s-]+", surface))


def _place_by_the_town_it_is_in(mentions: list[Mention], text: str) -> list[Mention]:
    """A place the gazetteer lacks that the text puts in or within about 25 km of a town it resolves
    ("the Karama neighbourhood in Kisangani", "Benina airport, 15 km east of central Benghazi") is placed
    at that town with UCDP's precision 2 (near a known point), as UCDP and ACLED code such sites; so is a
    namesake the gazetteer puts far from that town (`_namesake_far_from_its_town`), and one told further
    off ("X, 60 km north of Y") is left unresolved, its namesake kept as a candidate. The span stays the
    site's name. `mentions` in text order."""
    out = list(mentions)
    starts = [m.start for m in mentions]
    for i, m in enumerate(mentions):
        if m.role != "place" or LAND_HEADS.union(WATER_HEADS).intersection(m.surface.split()):
            continue  # a river, a gulf or a valley is not in a town
        told = written_by_town(text, m.start, m.end, mentions, starts)
        if told is None:
            continue
        town, km = mentions[told[0]], told[1]
        if (town.role == "place" and town.place is not None and town.place.feature_class == "P"
                and town.confidence >= NEAR_TOWN_CONFIDENCE  # a town the ranker doubts is no point to be near
                and (m.place is None or _namesake_far_from_its_town(text, m, town, told_km=km))):
            if km <= NEAR_TOWN_KM:
                out[i] = replace(m, place=town.place, precision=WherePrecision.NEAR,
                                 confidence=NEAR_TOWN_CONFIDENCE * town.confidence, runners_up=())
            elif m.place is not None:
                out[i] = _unresolved(m)
    # One sense per discourse: a site placed once ("Taiz's Osayfirah district") is there wherever
    # the report writes it alone ("a school director in Osayfirah"), and a namesake left unresolved once is
    # left so everywhere.
    placed = {m.surface: m for m in out if m.place is not None and m.precision == WherePrecision.NEAR}
    unresolved = {m.surface: mentions[i].place for i, m in enumerate(out) if m.place is None and mentions[i].place is not None}
    return [replace(m, place=placed[m.surface].place, precision=WherePrecision.NEAR,
                    confidence=placed[m.surface].confidence, runners_up=())
            if m.place is None and m.role == "place" and m.surface in placed
            else _unresolved(m) if m.place is not None and unresolved.get(m.surface) == m.place else m for m in out]


def _unresolved(m: Mention) -> Mention:
    """`m` recognised but unresolved, its place kept as the first candidate."""
    return replace(m, place=None, precision=WherePrecision.VAGUE_AREA, confidence=0.0,
                   runners_up=(Candidate(m.place, m.confidence),) + m.runners_up)


def _namesake_far_from_its_town(text: str, m: Mention, town: Mention, *, told_km: float = 0.0) -> bool:
    """The gazetteer's place for a name the text puts in, near or a distance from a town lies far from where
    the text puts it: it is a namesake elsewhere, and the text's own words are the better evidence. Far is
    FAR_FROM_ITS_TOWN_KM beyond the told distance for a part or site said so ("the Karari district of
    Omdurman", "Kisangani's Makiso district") or a told distance ("X, 40 km north of Y"), and
    BESIDE_ITS_TOWN_KM for a town told near or outside another. A town told only as in or in a direction from
    another says nothing of how far ("Kharkiv, east of Kyiv" is 410 km off, "Norilsk in Krasnoyarsk" 1,500): its
    place is a namesake only in another country than that town's and beyond BESIDE_ITS_TOWN_KM (a Springfield
    told north of a Nigerian town is none of the American ones)."""
    if m.place.feature_code.startswith("PCL") or m.place.feature_code == "ADM1":
        return False  # a country or a province is no part of a town
    told = text[m.end:town.start] if town.start >= m.end else text[m.end:m.end + 40]
    km = km_between(m.place.lat, m.place.lon, town.place.lat, town.place.lon)
    if told_km > 0 or any(word.lower() in SITE_WORDS for word in re.findall(r"[^\W\d_]+", told)):
        return km > told_km + FAR_FROM_ITS_TOWN_KM
    if _TOLD_CLOSE.search(told):
        return km > BESIDE_ITS_TOWN_KM
    return m.place.country_code != town.place.country_code and km > BESIDE_ITS_TOWN_KM


_TOLD_CLOSE = re.compile(r"\b(?:near|outside)\b", re.IGNORECASE)  # "X, near Y": close by, whatever the country


def _home_countries(mentions: list[Mention]) -> frozenset[str]:
    """The countries a report is mostly about: across many countries' names, a surname finds a town. Its places
    count, not its demonyms, which name who acts ("Israeli jets struck the Bekaa" is news from Lebanon)."""
    countries = Counter(m.place.country_code for m in mentions
                        if m.place is not None and m.place.country_code and m.role == "place")
    total = sum(countries.values())
    return frozenset(c for c, n in countries.items() if n >= SPELLING_VARIANT_COUNTRY_SHARE * total)


def _resolve_online(mentions: list[Mention], home: frozenset[str], online: OnlineGeocoder) -> list[Mention]:
    out = []
    for m in mentions:
        place = online.lookup(m.surface, country_codes=home) if m.place is None and m.role == "place" else None
        if place is not None:
            m = replace(m, place=place, precision=where_precision(place.feature_class, place.feature_code),
                        confidence=ONLINE_CONFIDENCE)
        out.append(m)
    return out


def _possessive_cues(spans: list[NameSpan], text: str, common_words: frozenset[str]) -> list[NameSpan]:
    """"Iraq's Ramadi", "Helmand's Lashkargah": a place's possessive before a name makes it a place in it.
    Not a body the place owns ("Ethiopia's Air Force") nor an ordinary word ("Ukraine's Interior Ministry")."""
    out = list(spans)
    for i in range(1, len(out)):
        span, owner = out[i], out[i - 1]
        if (span.possessed and text[owner.end:span.start] in ("'s ", "’s ") and not span.locative_cue
                and not span.organisation_cue and span.folded not in common_words):
            out[i] = span._replace(locative_cue=True, cue_carried=True, person_cue=False)
    return out


def _headline_words_dropped(mentions: list[Mention], spans: list[NameSpan], report: ReportText,
                            common_words: frozenset[str]) -> list[Mention]:
    """In a Title Case line every word has its capital, so an ordinary word there ("Big" in "Rebels Seize Key
    Port in Big Win", another name of a Turkish town) is a town's name only when the report writes it as a name
    elsewhere, where its capital says something. A country or a first-level region keeps its name: a headline
    is where "Mali" or "Chad" is said once. The same for such a word the ranker left unplaced."""
    named_elsewhere = {s.folded for s in spans if not s.sentence_initial}
    folded = {(s.start, s.end): s.folded for s in spans}
    return [m for m in mentions
            if not (m.role == "place" and report.in_title_line(m.start)
                    and (m.place is None or not m.place.feature_code.startswith(("PCL", "ADM1")))
                    and (name := folded.get((m.start, m.end), m.surface.lower())) in common_words
                    and name not in named_elsewhere and _headline_of_words(report, m.start, spans))]


def _headline_of_words(report: ReportText, offset: int, spans: list[NameSpan]) -> bool:
    """Whether the line at `offset` capitalises its ordinary words too, not only its names: "Rebels Seize Key
    Port" is a headline, "Rockets hit Kharkiv, Ukraine, and the Donetsk region." a sentence of names."""
    start = report.text.rfind("\n", 0, offset) + 1
    end = report.text.find("\n", offset)
    end = len(report.text) if end < 0 else end
    names = [(s.start, s.end) for s in spans if start <= s.start < end]
    words = [w for w in re.finditer(r"[^\W\d_][\w'’-]{3,}", report.text[start:end])
             if not any(a <= start + w.start() < b for a, b in names)]
    return len(words) >= 3 and all(w.group(0)[0].isupper() for w in words)


def _inside_a_longer_dropped(mentions: list[Mention], longer: SpanIndex) -> list[Mention]:
    """`mentions` but those inside a longer span of `longer`, a name that holds them: "Gulf" in "Gulf of
    Aden", "Yar" in an unknown "Yar Katsina village"."""
    return [m for m in mentions if not any(a <= m.start and m.end <= b and b - a > m.end - m.start
                                           for a, b in longer.overlapping(m.start, m.end))]


def _grow_name(mention: Mention, text: str) -> Mention:
    """"Niger River", "Lake Chad", "Bekaa Valley", "Donetsk People's Republic": the span takes the
    words that belong to the name; a river or lake is not the country or town it is named after."""
    if mention.role != "place":
        return mention
    start, end, head = name_heads(text, mention.start, mention.end)
    if not head:
        # "Red River" is a name of Red River County only as another name: the river is not the county
        rest, _, own_head = mention.surface.rpartition(" ")
        if (rest and mention.place is not None and own_head in WATER_HEADS
                and mention.place.name.rpartition(" ")[2] != own_head):
            return replace(mention, place=None, precision=WherePrecision.VAGUE_AREA, confidence=0.0, runners_up=())
        return mention
    keeps_place = head in LAND_HEADS or head == "Republic"
    return replace(mention, start=start, end=end, surface=text[start:end],
                   place=mention.place if keeps_place else None,
                   precision=mention.precision if keeps_place else WherePrecision.VAGUE_AREA,
                   confidence=mention.confidence if keeps_place else 0.0, runners_up=())


def _resolve_spelling_variants(spans: list[tuple[int, int]], text: str, home: frozenset[str], mentions: list[Mention],
                               gazetteer: Gazetteer, *, regions_only: bool = False) -> list[Mention]:
    """Unknown names looked up under other spellings among the places of the report's countries.

    A near spelling alone is weak evidence: a village under the gazetteer's population floor
    ("Robotyne") is one or two letters from some other village of the same country. A variant
    is taken only when it is one edit away (a letter added, dropped, changed, or two swapped) and
    the place fits the report: a city of SALIENT_POPULATION, or a place near another town the
    report names or in a first-level region it names. Otherwise the name stays unresolved.
    With `regions_only` (names the gazetteer has, left unplaced), or when a place word after the
    name says it is an administrative unit ("the Bekaa region"), only a first-level region is taken."""
    out = []
    countries = [m.place.country_code if m.place is not None and m.place.feature_code.startswith("PCL") else ""
                 for m in mentions]
    # "the Bekaa region ... the Bekaa Valley": a name the text says once is a unit is looked for
    # among first-level regions only, wherever it stands (one sense per discourse).
    units = {text[a:b] for a, b in spans if head_kind(_WORD_AFTER.match(text, b).group(1).lower()) == "admin"}
    in_order = sorted(mentions, key=lambda m: m.start)
    in_order_starts = [m.start for m in in_order]
    starts = [m.start for m in mentions]
    for start, end in spans:
        place = None
        unit_only = regions_only or text[start:end] in units
        # "Taybeh in southern Lebanon": a name the text puts in a country is looked for there only.
        stated = {countries[i] for i in written_in(text, start, end, mentions, starts) if countries[i]}
        where = frozenset(stated) or home
        # "Dmenisi, a village south of Tskhinvali": the town the text puts it near rules out a namesake
        # of another spelling further away (Dmanisi, 110 km off).
        j = written_near_town(text, start, end, in_order, in_order_starts)
        near = in_order[j].place if j is not None and in_order[j].role == "place" else None
        if where:
            for row, _edits in gazetteer.similar_names(text[start:end], countries=where, max_edits=1):
                candidate = gazetteer.place(row)
                if near is not None and km_between(near.lat, near.lon, candidate.lat, candidate.lon) > 2 * NEAR_TOWN_KM:
                    continue
                # A name the text says is a region ("the Bekaa region"), one letter from a first-level
                # region of the country it is in (a country has a few dozen), is that region.
                if candidate.feature_code == "ADM1" if unit_only else _fits_the_report(candidate, mentions):
                    place = candidate
                    break
        if place is None:
            out.append(Mention(start, end, text[start:end], None, WherePrecision.VAGUE_AREA, 0.0, role="place"))
        else:
            out.append(Mention(start, end, text[start:end], place, where_precision(place.feature_class, place.feature_code),
                               SPELLING_VARIANT_CONFIDENCE, role="place"))
    return out


def _fits_the_report(place: Place, mentions: list[Mention]) -> bool:
    """A city the report needs no context for, or a place among the report's other places."""
    if place.feature_class == "P" and place.population >= SALIENT_POPULATION:
        return True
    for m in mentions:
        other = m.place
        if other is None or m.role != "place" or other.country_code != place.country_code:
            continue
        if other.admin1 and other.admin1 == place.admin1:
            return True
        if other.feature_class == "P" and km_between(other.lat, other.lon, place.lat, place.lon) <= SPELLING_VARIANT_RADIUS_KM:
            return True
    return False


__all__ = ["geoparse", "RankWeights"]
