"""Where an event happened: the place mentions of its sentence that name the event's place.

A place name in an event sentence is not always where the event happened. Each mention is
read against its words around it with a table of (pattern, role); the first that fits gives
its role, and only `event` places locate the event:

| role        | example                                            |
|-------------|----------------------------------------------------|
| dateline    | "KYIV, Jan 15 (Reuters) -", "BAMAKO -"             |
| speaker     | inside the claimant ("Turkey's foreign ministry said") or "Kabul said" |
| actor       | "Moscow-backed", "Tigray forces", "Lebanon's health ministry", "Washington and London carried out" |
| addressee   | "urged Ankara", "called on Kigali", "a visit to Turkey", "drew condemnation from Washington" |
| venue       | "talks in Moscow", "a summit in Brussels", "the funeral of the victims in Sumy", "said in Tampa" |
| origin      | "rockets launched from southern Lebanon", "fighters from Syria", "glide bombs on Kharkiv region from Belgorod", "a school that housed families from Khartoum" |
| vehicle     | "the Timbuktu boat", "the Kigali bus": a boat, bus or train named after a place |
| extent      | "a group that ranges across the zone from Kidal to Gao": where an actor operates, not where the event was |
| interception | "air defences downed 15 drones over the Bryansk and Kursk regions": where drones were stopped, beside a strike told elsewhere; the place when the sentence names no other |
| left        | "residents of villages in X and Y had moved to shelters", "families in X fled": where people left, not where the event was |
| witness     | "residents of X said", "witnesses in X told": people who saw or heard the event where they are; the event's place when the sentence names no other (a claimant of its own, not a speaker far away) |
| reference   | "Omdurman's [Karari district]", "north of Beirut", "15 km from Batroun", "the border with Uganda", "next to the city of X": used only when nothing else locates the event, or near it (precision 2) when the event's own place is one the gazetteer lacks or a country |
| event       | every other place                                  |

Of the event places, the finest kind is kept: towns and districts over regions, regions over
vague areas, those over countries ("Mekelle, capital of the Tigray region, Ethiopia" is
Mekelle). A list names places of one kind, though the gazetteer may know its items at
different levels: in "the Sennar, Kosti and Gedaref areas" (items joined by commas
and an "and" or "or") a region beside a town is kept as an item of its own (`EventPlaces.listed`)
unless the town lies in it ("Mekelle and Tigray" is Mekelle). Demonyms are never places; names
the gazetteer lacks are kept, unresolved.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Sequence

from geomap.dates import WEEKDAY_NAMES
from geomap.geometry import km_between
from geomap.precision import WherePrecision
from geomap.records import Mention

_I = re.IGNORECASE

_ACTOR_NOUNS = (r"government|army|military|forces|troops|police|authorities|officials?|ministry|ministers?|president"
                r"|prime minister|leaders?|embassy|envoy|ambassador|media|television|TV|news|agency|state media|navy"
                r"|air force|air defen[cs]es?|defen[cs]es?|foreign|interior|health|security|intelligence|rebels?|militants?|fighters?"
                r"|separatists?|spokes\w+|council|parliament|court|administration|governor|mayor|regime|side|camp"
                r"|allies|ally|counterpart|delegation|officials|commander|command|authority|legislators?|lawmakers?"
                r"|diplomats?|soldiers|servicemen|militia|guerrillas|insurgents|nationals|cartels?|gangs?"
                r"|prosecutor|foreign ministry|defence ministry|defense ministry|health ministry|information ministry"
                r"|civil protection|red cross|red crescent|office|department|agency's|crisis group")
_FACILITIES = (r"camps?|bases?|posts?|barracks|positions?|checkpoints?|outposts?|garrisons?|headquarters|compound"
               r"|airports?|airbase|stations?|hospitals?|academy|school|prison|depot")
_SPEECH = (r"said|says|told|announced|claimed|denied|denies|accused|accuses|condemned|condemns|urged|urges|warned"
           r"|reported|stated|insisted|has said|has denied|has accused|has warned|has urged|had said|responded"
           r"|retorted|blamed|vowed|pledged|called|calls|demanded|rejected|dismissed|welcomed|confirmed")

# A name joined to the one read by "and" or "or", before the words that give both one role ("Washington and London
# carried out"); not by a comma, which ends a list of targets before its speaker ("shelled X and Y, Z said").
_MORE_NAMES = r"(?:\s+(?:and|or)\s+(?-i:[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*))?"  # names in capitals under IGNORECASE
_PEOPLE = r"families|people|persons|residents|civilians|villagers|households|children|women|men|refugees|evacuees"
_RANGING = r"(?:rang(?:e|es|ed|ing)|stretch\w*|operat(?:e|es|ed|ing)|active|roam\w*|extend\w*|span(?:s|ned|ning)?)"
# (role, side, pattern): `before` patterns are matched against the words up to the name, `after` ones from its end.
PLACE_ROLES: tuple[tuple[str, str, re.Pattern], ...] = tuple((role, side, re.compile(pattern, _I)) for role, side, pattern in (
    ("actor", "after", r"^-(?:backed|based|led|allied|born|aligned|supported|controlled|sponsored|friendly)\b"),
    ("vehicle", "after", r"^[”\"’']?\s+(?:boat|ship|vessel|ferry|barge|steamer|bus|train|flight)\b"),
    ("actor", "after", rf"^(?:[’']s)?\s+(?:{_ACTOR_NOUNS})\b(?!\s+(?:{_FACILITIES}))"),
    ("speaker", "after", rf"^{_MORE_NAMES}\s+(?:{_SPEECH})\b"),
    ("actor", "after", rf"^{_MORE_NAMES}\s+(?:(?:has|had|have|also|then|reportedly)\s+)*(?:carried out|launched|fired|struck"
                       r"|bombed|shelled|attacked|sent|deployed|conducted|dispatched|backed|supports?|supported|armed|funded"
                       r"|invaded)\b"),
    ("actor", "before", r"\b(?:ministry|minister|government|army|armed forces|forces|president|prime minister|embassy"
                        r"|military|navy|air force|police|parliament|people|republic|kingdom|state|authorities|leadership"
                        r"|defen[cs]e|foreign affairs|interior)\s+of\s+(?:the\s+)?(?:Republic\s+of\s+)?$"),
    ("left", "after", r"^(?:(?:\s*,\s*|\s+and\s+|\s+or\s+)(?-i:[A-Z])[\w’'-]*(?:\s+(?-i:[A-Z])[\w’'-]*)*)*\s+(?:had\s+|have\s+|has\s+"
                      r"|were\s+|was\s+)?(?:been\s+)?(?:moved|fled|evacuated|displaced|left their homes|sought (?:shelter|refuge)"
                      r"|taken (?:shelter|refuge)|took (?:shelter|refuge))\b"),
    ("destination", "before", r"\b(?:moved|taken|transferred|evacuated|flown|airlifted|rushed|fled|flee|fleeing|escaped"
                              r"|displaced|relocated|sent|brought|driven)\s+(?:\w+\s+){0,3}?(?:to|into|towards)\s+(?:the\s+)?$"),
    ("addressee", "before", r"\b(?:urged|urging|urges|called on|calling on|asked|asking|told|telling|pressed|pressing|accused"
                            r"|accusing|warned|warning|blamed|blaming|condemned|criticised|criticized|thanked|visited"
                            r"|visiting|visit to|trip to|arrived in|flew to|travell?ed to|returned to|sanctions on|ties with"
                            r"|relations with|ally of|allies of|backed by|supported by|support from|help from|aid from"
                            r"|(?:condemnation|criticism|censure|outrage|protests?|reactions?|condolences|sympathy|calls)"
                            r"\s+from)"
                            r"\s+(?:the\s+)?$"),
    ("venue", "before", rf"\b(?:said|says|announced|stated|told reporters|told journalists|tweeted|wrote)(?:\s+(?:on\s+)?(?:{WEEKDAY_NAMES}"
                        r"|today|yesterday|late|early|later|earlier|again))*\s+(?:in|from|at)\s+(?:the\s+)?$"),
    ("venue", "before", r"\b(?:talks|negotiations|meeting|meetings|summit|conference|mediation|met|meet|news conference"
                        r"|press conference|ceremony|speech|interview|signed|agreed|brokered|reporters|journalists"
                        r"|briefing|statement|speaking|spoke|hosting|hosted|visiting|burial|buried|funerals?|laid to rest"
                        r"|interred|mourned|mourners)\s+(?:[\w.’'-]+\s+){0,7}?(?:in|at)"
                        r"\s+(?:the\s+)?(?:capital\s+|city\s+of\s+)?$"),
    ("origin", "before", r"\b(?:launched|fired|came|coming|sent|dispatched|deployed|flown|infiltrated|crossed|originating"
                         r"|emanating|mercenaries|fighters|recruited|brought|arriving|arrived)\s+(?:[\w-]+\s+){0,8}?from\s+"
                         r"(?:the\s+)?(?:(?:\w+ern|north|south|east|west|neighbou?ring)\s+)?$"),
    # people told by where they came from: "a school that housed families from Khartoum", "civilians who had fled from
    # Khartoum", "displaced people from the Nuba Mountains"; not "killed 12 people from X", often the village hit
    ("origin", "before", rf"(?:\b(?:shelter\w*|hous(?:e|es|ed|ing)|host\w*|t(?:ook|aken|aking) in|displaced|evacuated"
                         rf"|uprooted)\s+(?:[\w-]+\s+){{0,3}}?(?:{_PEOPLE})|\b(?:{_PEOPLE})\s+(?:who|that)\s+(?:had\s+|have\s+"
                         r"|has\s+)?(?:been\s+|were\s+|was\s+)?(?:fled|escaped|displaced|evacuated|moved|driven out|uprooted)"
                         r"|\b(?:refugees|evacuees|displaced))\s+from\s+(?:the\s+)?(?:(?:\w+ern|north|south|east|west)\s+)?$"),
    ("interception", "before", r"\b(?:downed|shot down|intercepted|destroyed|neutrali[sz]ed)\s+(?:[\w-]+\s+){0,6}?"
                               r"over\s+(?:the\s+)?$"),
    ("extent", "before", rf"\b{_RANGING}\b[^.;]{{0,50}}?\bfrom\s+(?:the\s+)?$"),
    ("extent", "before", rf"\b{_RANGING}\b[^.;]{{0,50}}?\bfrom\s+[^.;]{{1,40}}?\s+to\s+(?:the\s+)?$"),
    # "north of Beirut" (not "the south of Lebanon", a part of it)
    ("reference", "before", r"(?<!the )\b(?:north|south|east|west|northeast|northwest|southeast|southwest|north-east|north-west"
                            r"|south-east|south-west)(?:ern)?\s+of\s+(?:the\s+(?:capital|city|town|port)\s+(?:of\s+)?)?$"),
    ("reference", "before", r"\b\d[\d,.]*\s*(?:km|kilomet\w+|miles?)\s+(?:\([^)]{0,30}\)\s+)?(?:\w+\s+){0,2}?"
                            r"(?:from|of|outside|away from)\s+(?:the\s+)?(?:\w+\s+)?$"),
    ("reference", "before", r"\b(?:next to|adjacent to|opposite|across from|across the (?:border|river) from|crossings? into"
                            r"|gateway to)\s+"
                            r"(?:the\s+)?(?:[\w-]+\s+){0,3}?$"),
    # "the southern Gaza city of Rafah", "the Tigray town of Adigrat": the name before "city of" qualifies the town
    ("reference", "after", r"^\s+(?:[\w-]+\s+){0,2}?(?:city|town|village|port|district|enclave|suburb|neighbou?rhood)"
                           r"\s+of\s+(?-i:[A-Z])"),
    ("reference", "before", r"\b(?:border with|borders|bordering|on the border of|frontier with|road to|highway to"
                            r"|road linking|highway linking|route to|routes? between|linking|connects?|between)\s+"
                            r"(?:the\s+)?(?:\w+\s+)?$"),
))


# A place whose name is followed by "'s" and another place's ("Omdurman's Karari district", "Kharkiv's northern
# Saltivka district"): the place that contains the one named next.
_POSSESSOR = re.compile(r"^[’']s\s+(?:(?:northern|southern|eastern|western|central|[\w-]+ern)\s+)?$")
# The roles a place passes to the place named after its "'s" ("from Russia's Belgorod region").
_HANDED_DOWN = frozenset({"origin", "destination", "venue", "addressee", "extent", "interception", "left"})
_INSIDE_IT = re.compile(r"^\s*,?\s*in\s+(?:the\s+)?$")
_COORDINATED = re.compile(r"^\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+|/\s*)$")
_CONJUNCTION = re.compile(r"\b(?:and|or)\b")


def place_key(m: Mention) -> str:
    """What makes two mentions one place: the gazetteer entry, else the name as written."""
    return m.place.place_id if m.place else "?" + m.surface.lower()


@dataclass(frozen=True, slots=True)
class EventPlaces:
    """The places of one event sentence: where it happened, and reference points used when nothing else is."""

    places: tuple[Mention, ...]
    references: tuple[Mention, ...]
    listed: frozenset[str] = frozenset()  # `place_key`s of a list's regions kept beside its towns (module docstring)

    @property
    def located(self) -> tuple[Mention, ...]:
        return self.places or self.references


# Who saw or heard the event where it happened: "Residents of X said", "witnesses in the town of X told".
WITNESS_WORDS = r"residents?|witness(?:es)?|eyewitness(?:es)?|locals|villagers?|inhabitants|survivors"
_WITNESSES = re.compile(rf"\b(?:{WITNESS_WORDS})"
                        r"\s+(?:of|in)\s+(?:the\s+)?(?:(?:town|city|village|area|district|neighbou?rhood)\s+(?:of\s+)?)?$", _I)


def place_role(text: str, mention: Mention, *, sentence_start: int, excluded: Sequence[tuple[int, int]] = ()) -> str:
    """The role of a place mention in its sentence (the table in the module docstring)."""
    before = text[max(sentence_start, mention.start - 80):mention.start]
    if _WITNESSES.search(before):
        return "witness"  # inside the claimant ("Residents of X said"), but where they saw it
    if any(a <= mention.start and mention.end <= b for a, b in excluded):
        return "speaker"
    after = text[mention.end:mention.end + 60]
    for role, side, pattern in PLACE_ROLES:
        if pattern.search(before if side == "before" else after):
            return role
    return "event"


def finest(mentions: Sequence[Mention], *, listed: frozenset[str] = frozenset()) -> list[Mention]:
    """The finest kind of place among `mentions` (towns over regions over areas over countries), unresolved kept,
    one mention per place, in text order; the regions `listed` as items of a list beside its towns are kept too."""
    resolved = [m for m in mentions if m.place is not None]
    unresolved = [m for m in mentions if m.place is None]
    for ceiling in (WherePrecision.DISTRICT, WherePrecision.REGION, WherePrecision.VAGUE_AREA, WherePrecision.COUNTRY):
        chosen = [m for m in resolved if m.precision <= ceiling]
        if chosen:
            resolved = chosen + [m for m in resolved if m.precision > ceiling and place_key(m) in listed]
            break
    seen, out = set(), []
    for m in sorted(resolved + unresolved, key=lambda m: m.start):
        key = place_key(m)
        if key not in seen:
            seen.add(key)
            out.append(m)
    return out


QUARTER_KM = 30.0  # how far a place told as another's ("Kharkiv's Saltivka district") may lie from it


def _inside(place: Mention, town: Mention) -> bool:
    """Whether `place` resolved to another gazetteer entry than `town`, within `QUARTER_KM` of it: a namesake farther
    off says the reading is wrong, and the town stays the place. (Since 444d1eb the geoparser itself puts a part or
    site told over `geomap.geoparse.FAR_FROM_ITS_TOWN_KM` from its town at that town, as it did "Karari" of "Omdurman's
    Karari district", first read as a town in India; this test still decides the namesakes nearer than that.)"""
    if place.place is None or town.place is None or place.place.place_id == town.place.place_id:
        return False
    return float(km_between(place.place.lat, place.place.lon, town.place.lat, town.place.lon)) <= QUARTER_KM


def event_places(text: str, mentions: Sequence[Mention], *, sentence_start: int,
                 excluded: Sequence[tuple[int, int]] = ()) -> EventPlaces:
    """Where the event of a sentence happened, from the sentence's mentions (demonyms are never places)."""
    events, references, witnessed, intercepted = [], [], [], []
    lists: list[tuple[list[Mention], bool]] = []  # runs of event places joined by commas, "and", "or": (items, joined by a word)
    previous: tuple[int, str] = (-1, "")
    ordered = sorted((m for m in mentions if m.role == "place"), key=lambda m: m.start)
    containers = {a.start for a, b in zip(ordered, ordered[1:]) if _POSSESSOR.match(text[a.end:b.start]) and _inside(b, a)}
    for m in ordered:
        between = text[previous[0]:m.start] if previous[0] >= 0 else ""
        coordinated = bool(between) and bool(_COORDINATED.match(between))
        if coordinated or (previous[1] == "extent" and _INSIDE_IT.match(between)):
            role = previous[1]  # "fighters from Syria and Libya": a list shares its first name's role (and "to Gao, in Mali")
        elif previous[1] in _HANDED_DOWN and _POSSESSOR.match(between):
            role = previous[1]  # "launched from Russia's Belgorod region": the region is where Russia's role puts it
        elif m.start in containers:
            role = "reference"  # "Omdurman's Karari district": the town the place named next lies in
        else:
            role = place_role(text, m, sentence_start=sentence_start, excluded=excluded)
        if role == "event" and coordinated and previous[1] == "event" and lists:
            lists[-1] = (lists[-1][0] + [m], lists[-1][1] or bool(_CONJUNCTION.search(between)))
        elif role == "event":
            lists.append(([m], False))
        previous = (m.end, role)
        if role == "event":
            events.append(m)
        elif role == "reference":
            references.append(m)
        elif role == "witness":
            witnessed.append(m)
        elif role == "interception":
            intercepted.append(m)
    events = events or witnessed  # "Residents of X said gunfire ...": X, unless the sentence says where it was
    # "missiles were intercepted over Kursk, but debris damaged two houses": where they were stopped is the place when
    # the sentence names no other (whether anything was hit there is the event's reading, `geomap.events.mentions`)
    events = events or intercepted
    if events and not any(m.place is not None and m.precision <= WherePrecision.DISTRICT for m in events):
        # "Maaysra, a village north of Beirut", "Deir Billa, 15 km from Batroun, a town on Lebanon's coast": where the
        # gazetteer lacks the village (or the sentence names only its country), the town it is told against places the
        # event near it, as ACLED and UCDP code a place known only by its distance from a town
        events += [replace(m, precision=WherePrecision.NEAR) for m in references
                   if m.place is not None and m.precision <= WherePrecision.DISTRICT]  # a town, not "the border with X"
    listed = frozenset(place_key(m) for items, joined in lists if joined for m in _listed_regions(items))
    return EventPlaces(tuple(finest(events, listed=listed)), tuple(finest(references)), listed)


def _listed_regions(items: Sequence[Mention]) -> list[Mention]:
    """The regions of a list that are items beside its towns, not the area a town of it lies in."""
    towns = [m for m in items if m.place is not None and m.precision <= WherePrecision.DISTRICT]
    return [m for m in items if towns and m.place is not None and m.precision == WherePrecision.REGION
            and not any(m.place.admin1 and (town.place.country_code, town.place.admin1)
                        == (m.place.country_code, m.place.admin1) for town in towns)]


__all__ = ["EventPlaces", "PLACE_ROLES", "event_places", "finest", "place_key", "place_role"]
