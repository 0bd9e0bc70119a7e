"""Incidents from one report: event mentions read sentence by sentence, joined into one incident per event.

The steps, each a function:

1. `read_tellings`: every sentence of the story (page chrome, linked headlines and section
   headings left out; the headline and photo captions marked as such; a clause that tells a second
   event, `second_event_apart`, or history, `history_apart`, read apart) read for its claimant,
   casualty figures, event mention (`geomap.events.mentions`), event places
   (`geomap.events.places`) and date (`geomap.dates.sentence_date`).
2. `join_tellings`: the tellings of one event joined into one (coreference). A telling joins
   an earlier event of a compatible type (`geomap.events.taxonomy.compatible`) when their dates
   do not disagree and it names the same place (or a region or country that contains it), or
   names none and refers back ("the attack": the event told last, not the one first told last), names only a site
   inside its town that the gazetteer lacks and tells the event's own kind ("a bomb exploded beside crowded X
   junction", `_site_in_its_town`), only adds
   figures ("At least 16 soldiers were killed"), or continues the sentence before. A telling that names another place, another day,
   or says "separately" / "another strike" starts a new event. A caption only ever joins. One episode of fire
   told in two kinds is one event (`_episode`): a fight told with no place of its own as what followed the acts
   told at the story's scene ("Fighting broke out as troops rushed to halt the raids") joins the violence told
   there that day, and shelling told at the places of such a fight joins that fight.
   Statements, tolls, ceasefires and talks are records of their own, never joined to violence.
3. `build_incident`: one Incident per event: the type it is first told as, the finest places, the
   strongest date, the highest figure of the report, every telling as a source with its own
   figures and place spans, the claimant and whoever denies it.

Dates: an event takes the strongest date any of its tellings gives (a calendar date, then a
weekday, then "the ninth day", then "overnight"/"today", then the day it was said), so "on
Saturday" in the headline or lede dates the whole event. A violent event no telling dates
happened on the report's day when every violent event the report does date falls on one
recent day (`report_day`); otherwise it is put on the publication day with precision 2 ("within a
few days of it": news tells the last day's violence), not spread over a window that no timeline can
place; with no publication date it is undated, never a made-up week. Such a report's weekdays are read
against the full date it gives its news by, if it gives one (`news_days`). An event dated
more than `HISTORY_DAYS` before publication, or told as decades past, is background; so is one its sentence sets
before the report's news (`_recalled`: "a market that jets had also bombed last week", "a week earlier", "In 2019,
militants overran ..."): an event of its own with its own date, never joined to the news (`_of_its_time`), drawn
where the report puts it (`place_recalled`).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Callable, Optional, Sequence

from geomap.conflicts import ConflictProfile
from geomap.dates import (DAY_COUNT, FULL_DATE, MONTH_NAMES, RELATIVE, SPEECH_DAY, WEEKDAY_NAMES, DatedPhrase, ToldDays,
                          event_times, fighting_start, sentence_date, names_a_time, span_precision, told_days,
                          weekday_dates, yearless_dateline)
from geomap.events.casualties import Casualties, Range, find_casualties, number_value
from geomap.events.claimants import (COUNTER_CLAIM, INLINE_DENIAL, PRONOUN, SPEAKER_LOOKBACK_CHARS, VERIFICATION,
                                     denial_in, find_claimant, find_denier, speaker_meant)
from geomap.events.mentions import (ATTACKERS, EVENT_WORDS, FACILITY_NOUNS, GENERIC_TRIGGERS, PLACE_ANAPHORA, SINCE_WHEN,
                                    EventMention, civilians_hit, mentions_aircraft, read_mention, told_in_battle)
from geomap.events.places import EventPlaces, event_places, finest, place_key
from geomap.events.taxonomy import EVENT_TYPES, REMOTE_VIOLENCE, TYPE_PRIORITY, VIOLENT_TYPES, compatible
from geomap.geometry import km_between
from geomap.geoparse.recognize import SETTLEMENT_HEADS
from geomap.precision import COUNTRY_CODES, DatePrecision, WherePrecision
from geomap.records import EventDate, Incident, Mention, Report, SourceRef
from geomap.sentences import Sentence, dateline_end, is_caption, is_heading, split_clauses, split_sentences

UNDATED_DAYS = 3  # the days up to publication a story's undated violence may share a dated event's day
HISTORY_DAYS = 90  # an event dated this long before publication is background
SPLIT_LISTS = True  # one incident per town of a list, as ACLED codes one event per location
CONTINUATION_GAP = 1  # a placeless telling with no reference words joins the event told this many sentences before
_HEADLINE_MAX_WORDS = 30
_FIGHTING_KINDS = VIOLENT_TYPES | {"territory_change"}
_OWN_RECORDS = frozenset({"casualty_toll", "ceasefire", "talks", "blockade", "statement"})
_STATEMENT_REASONS = frozenset({"call", "a call for a ceasefire", "future or hypothetical", "fear or risk",
                                "a general accusation", "an interception, not a strike", ""})


@dataclass
class Telling:
    """One sentence of a report and what it says about an event."""

    index: int
    sentence: Sentence
    kind: str  # "headline", "caption" or "body"
    mention: Optional[EventMention]
    places: EventPlaces
    date: Optional[DatedPhrase]
    casualties: Casualties
    claimant: str = ""
    claimant_inherited: bool = False
    # where and when the story is when this sentence names no place (`_scene`)
    scene: tuple[EventPlaces, Optional[DatedPhrase]] = (EventPlaces((), ()), None)
    told: ToldDays = ToldDays()  # the days it names, in a report with no publication date (dated by them or not)
    clause_of: Optional[int] = None  # a history clause (`history_apart`): the index of the sentence it was cut from


class _Places:
    """The places of an event's tellings, kept as they are added: each place name's first mention, and the finest
    of them (`geomap.events.places.finest`) recomputed only when a place is new, so joining the tellings of a
    report costs time in proportion to its length, not its square (a 5 MB report told as one event)."""

    def __init__(self) -> None:
        self._first: dict[str, Mention] = {}
        self._finest: list[Mention] = []
        self.listed: frozenset[str] = frozenset()

    def add(self, mentions: Sequence[Mention], *, listed: frozenset[str] = frozenset()) -> None:
        changed = not listed <= self.listed
        self.listed |= listed
        for m in mentions:
            key = _key(m)
            if key not in self._first or m.start < self._first[key].start:
                self._first[key] = m
                changed = True
        if changed:
            self._finest = finest(list(self._first.values()), listed=self.listed)

    @property
    def finest(self) -> list[Mention]:
        return self._finest


class Event:
    """The tellings of one event in one report, and what qualifies it. Tellings join through `add`, which keeps
    the event's places, date and types up to date as it goes."""

    def __init__(self, tellings: Sequence[Telling]) -> None:
        self.tellings: list[Telling] = []
        self.denied_by: list[str] = []
        self.counter_claims: list[str] = []
        self.verification: list[str] = []
        self._places, self._references = _Places(), _Places()
        self._date: Optional[tuple[int, int, DatedPhrase]] = None
        self._generic_kind = ""  # the most specific type the tellings that only say "attack" or count the dead give
        self._first_kind: Optional[tuple[bool, int, str]] = None  # (a headline's, index, type) of the first told kind
        self._deaths_told = False  # a later telling gives deaths in violence: a capture "after fighting" is a battle
        self.answer = False  # told against an event before it ("answered the assault with a drone strike")
        self.follow_on = False  # a fight told at the story's scene as what followed acts told there (`_follows_on`)
        self.told = ToldDays()  # the days its tellings name, in a report with no publication date
        self.add(*tellings)

    def add(self, *tellings: Telling) -> None:
        """Join tellings to the event, in text order."""
        out_of_order = bool(self.tellings) and any(t.index < self.tellings[-1].index for t in tellings)
        self.tellings.extend(tellings)
        if out_of_order:
            self.tellings.sort(key=lambda t: t.index)
        for t in tellings:
            self.told |= t.told
            self._places.add(t.places.places, listed=t.places.listed)
            self._references.add(t.places.references)
            if t.date and (self._date is None or (t.date.strength, t.index) < self._date[:2]):
                self._date = (t.date.strength, t.index, t.date)
            if t.mention:
                self._deaths_told |= bool(t.casualties.killed) and t.mention.event_type in VIOLENT_TYPES
                kind = t.mention.event_type
                if _generic(t.mention):
                    known = self._generic_kind
                    self._generic_kind = min(known, kind, key=TYPE_PRIORITY.index) if known else kind
                elif self._first_kind is None or (t.kind == "headline", t.index) < self._first_kind[:2]:
                    self._first_kind = (t.kind == "headline", t.index, kind)

    def place_near(self, mentions: Sequence[Mention]) -> None:
        """Add places the event lies at or near that none of its tellings names (`place_unknown`)."""
        self._places.add(mentions)

    @property
    def lead(self) -> Telling:
        """The telling the story opens the event with: its first sentence below the headline (a headline says
        "Bombs fall on Gori" of what the lede tells as an air raid), the headline when nothing else tells it."""
        return next((t for t in self.tellings if t.kind != "headline"), self.tellings[0])

    @property
    def event_type(self) -> str:
        """The type the story first tells the event as, unless that telling only said "attack" or counted the dead:
        then the first kind a later sentence names (the headline's only when no sentence below it names one; "The
        bombing came after ... gun battles and air strikes" does not make the bombing an air strike), else the
        most specific of "attack" and the counted dead."""
        first = self.lead.mention
        if self.fought_for and self._deaths_told:
            return "armed_clash"  # "seized the compound after heavy fighting" ... "the fighting killed 10 policemen"
        if not _generic(first):
            return first.event_type
        return self._first_kind[2] if self._first_kind else self._generic_kind

    @property
    def specific(self) -> bool:
        """Whether some telling names the kind of event (an air strike, shelling), not only "an attack"."""
        return self._first_kind is not None

    @property
    def fought_for(self) -> bool:
        """Whether the event is a capture told with the fighting as its circumstance."""
        first = self.lead.mention
        return first is not None and first.event_type == "territory_change" and first.fought

    @property
    def last(self) -> int:
        return self.tellings[-1].index

    @property
    def places(self) -> list[Mention]:
        return self._places.finest

    @property
    def references(self) -> list[Mention]:
        return self._references.finest

    @property
    def listed_regions(self) -> frozenset[str]:
        """The regions its sentences name as items of a list beside towns (`geomap.events.places.finest`)."""
        return self._places.listed

    @property
    def date(self) -> Optional[DatedPhrase]:
        return self._date[2] if self._date else None

    @property
    def background(self) -> bool:
        """Whether the event is told as one before the report's news (`_recalled`, history): its own incident."""
        return any(t.mention is not None and t.mention.background for t in self.tellings)

    @property
    def claimant(self) -> str:
        tellings = sorted(self.tellings, key=lambda t: t.kind == "headline")  # the story's words before the headline's
        return next((t.claimant for t in tellings if t.claimant), "")




def _generic(mention: Optional[EventMention]) -> bool:
    return mention is None or mention.casualties_only or bool(GENERIC_TRIGGERS.match(mention.trigger))


# --- 1. tellings ------------------------------------------------------------------------------------------------


HEADLINE_PROSE_WORDS = 16  # a first line longer than this that ends a sentence is the lede, not a headline


def _reads_as_prose(line: str) -> bool:
    """Whether a report's first line is its lede rather than a headline: a bare text file's title is its first line
    (`geomap.reports.detect_title`), and when that line is a long sentence ended by a full stop ("Militia drones hit
    a fuel depot beside the port of Mokha overnight, killing three dock workers, officials told the agency.") the
    story starts there, as when a feed gives the headline apart."""
    return bool(re.search(r"[.!?][\"”’']?$", line)) and len(line.split()) > HEADLINE_PROSE_WORDS


def _line_kinds(report: Report, lines: list[str]) -> list[str]:
    """"headline", "caption", "chrome", "heading" or "body" for every line of the report."""
    from geomap.reports import is_page_chrome

    kinds, seen_headline = [], False
    for line in lines:
        stripped = line.strip()
        if not stripped:
            kinds.append("blank")
            continue
        if is_page_chrome(stripped):
            kinds.append("chrome")
        elif not seen_headline and ((stripped == report.title.strip() and not _reads_as_prose(stripped)) or
                                    (len(stripped.split()) <= _HEADLINE_MAX_WORDS and not stripped.endswith("."))):
            kinds.append("headline")
        elif is_heading(stripped):
            kinds.append("heading")
        elif is_caption(stripped):
            kinds.append("caption")
        else:
            kinds.append("body")
        seen_headline = seen_headline or kinds[-1] in ("headline", "body")
    return kinds


def _mentions_by_sentence(sentences: Sequence[Sentence], mentions: Sequence[Mention]) -> list[list[Mention]]:
    by_sentence: list[list[Mention]] = [[] for _ in sentences]
    k = 0
    for m in sorted(mentions, key=lambda m: m.start):
        while k < len(sentences) and sentences[k].end <= m.start:
            k += 1
        if k < len(sentences) and sentences[k].start <= m.start:
            by_sentence[k].append(m)
    return by_sentence


# a parenthesis opens an aside, not one that holds a single name ("the Southern Front (SF)")
_CLAUSE_BREAK = re.compile(r"[;:]|\((?![\w.-]+\))|,\s*(?:with|and|but|as)\b|\b(?:which|when|while|since|after|before|where|who)\b")


def _same_clause(sentence: str, a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Whether two spans of a sentence sit in one clause (nothing like ", which" or "since" between them)."""
    first, second = sorted((a, b))
    return second[0] <= first[1] or not _CLAUSE_BREAK.search(sentence[first[1]:second[0]])


# "In May 2019, a year into its campaign, the movement took the town": a date that opens the sentence, set off by
# a comma, frames its main clause, past one aside between commas.
_FRONTED_ASIDE = re.compile(r"\s*,(?:[^,;:]{1,100},)?\s*")


def _opens_its_clause(sentence: str, when: DatedPhrase, mention: EventMention) -> bool:
    """Whether the date opens the sentence and its event word sits in the main clause that follows (above)."""
    if sentence[:when.position].strip(" \"“'"):
        return False
    aside = _FRONTED_ASIDE.match(sentence, when.position + len(when.date.evidence))
    return aside is not None and aside.end() <= mention.start \
        and not _CLAUSE_BREAK.search(sentence, aside.end(), mention.start)


_BEGAN = re.compile(r"\b(?:began|erupted|broke out|started|flared)\b", re.IGNORECASE)


def _with_war_start(words: str, when: Optional[DatedPhrase], mention: Optional[EventMention], *,
                    published: Optional[date], start: Optional[date]) -> Optional[DatedPhrase]:
    """A toll counted from the day fighting began spans to publication; an undated "the fighting began when ..."
    is the day the report says it began."""
    if mention is None or published is None or not _BEGAN.search(words):
        return when
    if mention.event_type == "casualty_toll" and when is not None and when.date.start and \
            when.date.start == when.date.end and when.date.start < published.isoformat():
        day = date.fromisoformat(when.date.start)
        return replace(when, date=EventDate(when.date.start, published.isoformat(),
                                            int(DatePrecision.MONTH if (published - day).days > 7 else DatePrecision.DAYS),
                                            when.date.evidence))
    if when is None and start is not None and mention.event_type in VIOLENT_TYPES:
        return DatedPhrase(EventDate(start.isoformat(), start.isoformat(), int(DatePrecision.DAY),
                                     "the day the report says the fighting began"), RELATIVE)
    return when


_RELATIVE_OPENING = re.compile(r"(?:where|in which|the scene of)\b", re.IGNORECASE)  # a clause apart (`_history_apart`)
_FACILITY_ANAPHORA = re.compile(rf"\b(?:the|this|that) ({FACILITY_NOUNS})\b", re.IGNORECASE)
_FACILITY_NOUN = re.compile(rf"\b({FACILITY_NOUNS})\b", re.IGNORECASE)


def _with_antecedent(words: str, places: EventPlaces, antecedent: Optional[Mention],
                     facilities: Optional[dict[str, Mention]] = None) -> tuple[EventPlaces, Optional[Mention]]:
    """(the sentence's places, the antecedent for the sentences after it). A sentence that says "the city", "the
    town", "in the area" is about the last town or village named before it when it names none of its own, or only a
    region or country around it ("a missile hit a shrine outside the city, said an official of Kurdistan's ...").
    "The compound", "the camp", "the market" is the town of the last sentence that named that compound, camp or
    market with one (`facilities`: noun -> that town, kept up to date here), else the last town."""
    referred = {m.start for m in places.references}  # a town the event is near (`event_places`) is not named as its own
    own = [m for m in places.places if m.start not in referred]
    towns = [m for m in own if m.place is None or m.precision <= WherePrecision.DISTRICT]
    if towns:
        if facilities is not None:
            facilities.update((noun.lower(), towns[-1]) for noun in _FACILITY_NOUN.findall(words))
        return places, towns[-1]
    anaphora = PLACE_ANAPHORA.search(words) or _RELATIVE_OPENING.match(words)
    if antecedent is None or not anaphora:
        return places, antecedent
    facility = _FACILITY_ANAPHORA.search(words)
    if facility and facilities:
        antecedent = facilities.get(facility.group(1).lower(), antecedent)
    return EventPlaces((antecedent, *own), places.references), antecedent


# "a hamlet in the hills south of the capital", "a village 30 km from the capital": a place the gazetteer lacks
# told against the capital without naming it.
_FROM_THE_CAPITAL = re.compile(r"\b(?:(?:north|south|east|west|northeast|northwest|southeast|southwest|north-east|north-west"
                               r"|south-east|south-west)(?:ern)?\s+of|\d[\d,.]*\s*(?:km|kilomet\w+|miles?)\s+(?:\w+\s+)?"
                               r"(?:from|of|outside))\s+the\s+capital\b(?!\s*,?\s*(?-i:[A-Z]))", re.IGNORECASE)


def _near_the_capital(words: str, places: EventPlaces, capital: Optional[Mention], *, offset: int) -> EventPlaces:
    """A sentence whose event places are only names the gazetteer lacks, told against "the capital" ("Tell Mardikhan, some
    30 km south of the capital"), is near the one capital the report names elsewhere (Damascus), at precision 2, as a
    village told "north of Damascus" is. The words "the capital" stand for it (their span, `offset` being where
    `words` start in the report), so the site is its own, not another village drawn near the same city."""
    told = _FROM_THE_CAPITAL.search(words)
    if capital is None or told is None or not places.places or any(
            m.place is not None and m.precision <= WherePrecision.DISTRICT for m in places.places):
        return places
    start = offset + told.end() - len("the capital")
    near = replace(capital, precision=WherePrecision.NEAR, surface="the capital", start=start, end=offset + told.end())
    return replace(places, places=(*places.places, near))


def _the_capital(mentions: Sequence[Mention]) -> Optional[Mention]:
    """The one national capital a report names (GeoNames PPLC), else None."""
    capitals = {m.place.place_id: m for m in mentions if m.place is not None and m.place.feature_code == "PPLC"}
    return next(iter(capitals.values())) if len(capitals) == 1 else None


# A clause that opens the sentence with the circumstance of its event: "As Iraqi forces push to drive the militants out
# of Mosul, militants on Friday launched an attack on Kirkuk".
_CIRCUMSTANCE_OPENING = re.compile(r"(?:As|While|Amid|With)\s[^,;]{5,200},\s*")


def _main_clause_places(words: str, places: EventPlaces, *, sentence_start: int) -> EventPlaces:
    """The places of the sentence's main clause when it opens with its circumstance ("As forces push to drive the
    militants out of Mosul, militants attacked Kirkuk") and the main clause names some: the circumstance is where
    something else goes on."""
    opening = _CIRCUMSTANCE_OPENING.match(words)
    if opening is None:
        return places
    main = tuple(m for m in places.places if m.start >= sentence_start + opening.end())
    return EventPlaces(main, places.references) if main and len(main) < len(places.places) else places


# A relative clause that tells of an earlier event: "at Kora junction, where a huge bombing in 2015 killed more than 300
# people", "near the market that was shelled last week", "the site of the June 3, 2016, car bombing".
_RELATIVE = re.compile(r"(?:,\s*|\s)(?=(?:where|in which|which|that|when|whose)\s)|\s(?=the scene of\s)", re.IGNORECASE)
# Words that set an event before the report's news: "last week", "a week earlier", "earlier this month", "last March",
# "two years ago". "This week", "in recent days" and weekdays tell the news itself.
_HOW_MANY = r"(?:a|an|one|two|three|four|five|six|several|a few|many|\d+)"
_LOOKS_BACK = re.compile(rf"\b(?:last|previous)\s+(?:week|month|year|(?-i:{MONTH_NAMES}))\b"
                         rf"|\b{_HOW_MANY}\s+(?:weeks?|months?|years?)\s+(?:ago|earlier|before)\b"
                         r"|\bearlier\s+(?:this|in\s+the)\s+(?:month|year)\b", re.IGNORECASE)
# What a relative clause of history tells by: words that look back (`_LOOKS_BACK`), a year ("in 2015", "the June 3,
# 2016, car bombing"), or days ago, which a clause about a place told beside the news sets before it ("the market
# shelled three days ago"), though as an event's own date they may be the news itself.
_EARLIER = re.compile(rf"\b(?:in|of|since)\s+(?:\w+\s+){{0,3}}?(?:19|20)\d\d\b|\b(?:19|20)\d\d,|{_LOOKS_BACK.pattern}"
                      rf"|\b{_HOW_MANY}\s+days?\s+ago\b", re.IGNORECASE)


_CLAUSE_GOES_ON = re.compile(r"(?<!\d),\s|[;:]")  # the relative clause ends before the sentence does ("3, 2016," does not)
_COMPLEMENT = re.compile(r"\b(?:said|says|say|reported|reports|added|told \w+|announced|claimed|stated|confirmed|noted"
                         r"|warned|believed?|believes|knew|know|showed|shows)\s*$", re.IGNORECASE)  # "said that": no relative


HISTORY_CLAUSE_CHARS = 300  # a relative clause of history ends the sentence and is short: only its end is read


# A subject with a relative clause of history before the sentence's own verb: "Jihadists who overran Djibo in 2019
# attack army post near Kaya", "Rebels that seized the port last year now threaten the capital".
_SUBJECT_RELATIVE = re.compile(r"^[^,;:]{1,60}?\s(?:who|that|which)\s", re.IGNORECASE)
_MAIN_VERB_OPENS = re.compile(r"^\s*(?:(?:now|again|also|then|have|has|had|are|is|were|was)\s+)?[a-z]")


def _subject_history_apart(sentence: Sentence) -> Optional[tuple[Sentence, Sentence]]:
    """(the relative clause of history with its subject, the rest) when the sentence's subject carries one that ends
    with the time it looks back to (`_EARLIER`) and the rest tells violence of its own; else None."""
    text = sentence.text
    relative = _SUBJECT_RELATIVE.match(text)
    earlier = _EARLIER.search(text, relative.end()) if relative else None
    if earlier is None or _CLAUSE_GOES_ON.search(text, relative.end(), earlier.start()):
        return None
    rest = text[earlier.end():]
    told = read_mention(text[:earlier.end()])
    if told is None or not (told.violent or (told.happened and told.event_type == "territory_change")) \
            or not _MAIN_VERB_OPENS.match(rest) or _told_violence(rest) is None:
        return None
    cut = earlier.end() + len(rest) - len(rest.lstrip())
    return (Sentence(sentence.start, sentence.start + earlier.end(), text[:earlier.end()], sentence.line),
            Sentence(sentence.start + cut, sentence.end, text[cut:], sentence.line))


def history_apart(sentence: Sentence) -> tuple[Sentence, Optional[Sentence]]:
    """(the sentence, None), or (its head, a relative clause that tells of an earlier event, `_RELATIVE`): that event
    is history with its own date at the place the clause points back to ("where": `_with_antecedent`; "a market
    that jets had also bombed last week": the place of the head's event, `place_recalled`), an event of its own
    (`read_tellings`), not more of the event the sentence tells. The clause may go on past its event ("that jets had
    bombed last week, and which traders said the militia kept fuel in"), not into another event of the sentence's own."""
    text = sentence.text
    for cut in _RELATIVE.finditer(text, max(0, len(text) - HISTORY_CLAUSE_CHARS)):
        clause = text[cut.end():]
        if _COMPLEMENT.search(text[:cut.start()]):
            continue  # "reported that gunmen ..."
        goes_on = _CLAUSE_GOES_ON.search(clause)
        told = clause[:goes_on.start()] if goes_on else clause  # "that jets had bombed last week, and which ..."
        if goes_on and _told_violence(clause[goes_on.start():]) is not None:
            continue  # "the militia that was routed in 2019, shelled the town on Monday": the sentence's own event
        mention = read_mention(told)
        if cut.end() > 0 and mention is not None and ((_EARLIER.search(told) and mention.violent) or mention.held):
            head = text[:cut.start()].rstrip(" ,")
            return (Sentence(sentence.start, sentence.start + len(head), head, sentence.line),
                    Sentence(sentence.start + cut.end(), sentence.end, clause, sentence.line))
    return sentence, None


# Where a sentence goes on with a clause of its own: ", and rebels reported clashes", ", while security forces hit back".
_COORDINATION = re.compile(r",\s+(?:and|while|whereas)\s+|\s+while\s+(?=[a-z])", re.IGNORECASE)
# A clause that opens with a verb, a count or "others" goes on with the head's subject or event ("and wounded 15",
# "and 20 others were wounded", "while fleeing"): no subject of its own.
_NO_SUBJECT = re.compile(r"(?:\w+(?:ed|ing)|was|were|is|are|has|have|had|did|left|hit|struck|fled|took|fought|then|also"
                         r"|others?|another|many|most|some|at least|more than|dozens|scores|hundreds|\d[\d,]*"
                         r"|(?:one|two|three|four|five|six|seven|eight|nine|ten|twelve|twenty|thirty|forty|fifty)(?!\w)"
                         r"|it|they|he|she|we|its|their|his|her|this|that|these|those|there|the same)\b", re.IGNORECASE)
COORDINATED_SENTENCE_CHARS = 600  # only a sentence of ordinary length is read for a second event: each cut reads both sides


def _told_violence(words: str) -> Optional[EventMention]:
    mention = read_mention(words, casualties=find_casualties(words))
    return mention if mention is not None and mention.violent else None


def _told_toll(words: str) -> bool:
    """Whether a clause counts the dead over a period ("the toll from two weeks of clashes rose to 130"): a record
    of its own, so a strike told after it in the sentence is an event apart."""
    mention = read_mention(words, casualties=find_casualties(words))
    return mention is not None and mention.event_type == "casualty_toll"


def second_event_apart(sentence: Sentence) -> list[Sentence]:
    """The sentence, or its head and a coordinated clause with a subject of its own that tells another event: "Warplanes
    struck Tripoli overnight, state TV said, and rebels reported clashes near Ajdabiya on Tuesday" tells an air strike
    and a clash; "gunmen shot dead 14 people, while security forces hit back in operations that killed four suspects"
    a shooting and a battle (`_fighters_dead`). The clause is another event when its kind differs from the head's
    (neither only "an attack", `_generic`), or it counts fighters dead (in "raids", or with no event word) after an
    attack on civilians; more of the head's
    event ("and 20 others were wounded", "and troops returned fire" after a clash) stays in the sentence."""
    text = sentence.text
    if len(text) > COORDINATED_SENTENCE_CHARS:
        return [sentence]
    whole = None
    for cut in _COORDINATION.finditer(text):
        clause, head = text[cut.end():], text[:cut.start()]
        if _NO_SUBJECT.match(clause) or head.count('"') % 2 or head.count("“") > head.count("”"):
            continue
        whole = whole or _told_violence(text)  # read whole, as the sentence is read when not cut
        first = whole if whole is not None and whole.end <= cut.start() else _told_violence(head)
        second = _told_violence(clause)
        toll_first = first is None and second is not None and _told_toll(head)
        if (first is None and not toll_first) or second is None:
            continue
        other_kind = toll_first or (not _generic(first) and not _generic(second)
                                    and _family(first.event_type) != _family(second.event_type))
        fighters_dead = first is not None and first.event_type == "attack_on_civilians" \
            and second.event_type == "armed_clash" and (second.casualties_only or _generic(second)) \
            and find_casualties(clause).killed is not None
        if other_kind or fighters_dead:
            return [Sentence(sentence.start, sentence.start + len(head), head, sentence.line),
                    *second_event_apart(Sentence(sentence.start + cut.end(), sentence.end, clause, sentence.line))]
    return [sentence]


# Where a sentence goes on with another predicate: "took Kora in 2018 and seized Bandi in October last year".
_AND_PREDICATE = re.compile(r",?\s+and\s+(?=[a-z])")


def _event_at_its_time(words: str) -> Optional[list[str]]:
    """The time phrases of `words` when they also tell violence or a capture that happened, else None."""
    times = event_times(words)
    if not times:
        return None
    mention = read_mention(words, casualties=find_casualties(words))
    if mention is None or not mention.happened or not (mention.violent or mention.event_type == "territory_change"):
        return None
    return times


def dated_predicates_apart(sentence: Sentence) -> list[Sentence]:
    """The sentence, or its head and the predicates joined to it by "and" when each tells an event at a time of its
    own: "Troops took Kora in 2018 and seized Bandi in October last year" tells two captures, each on its own
    date, where read whole both had the first date. Not "killed two on Monday and wounded five" (no time of its own),
    nor "shelled X on Monday and again on Tuesday" (no event of its own)."""
    text = sentence.text
    if len(text) > COORDINATED_SENTENCE_CHARS:
        return [sentence]
    for cut in _AND_PREDICATE.finditer(text):
        head, clause = text[:cut.start()], text[cut.end():]
        if head.count('"') % 2 or head.count("“") > head.count("”"):
            continue
        head_times = _event_at_its_time(head)
        clause_times = _event_at_its_time(clause) if head_times else None
        if clause_times and {t.lower() for t in clause_times}.isdisjoint(t.lower() for t in head_times):
            return [Sentence(sentence.start, sentence.start + len(head), head, sentence.line),
                    *dated_predicates_apart(Sentence(sentence.start + cut.end(), sentence.end, clause, sentence.line))]
    return [sentence]


# "The raid came two days after shells had fallen on the market at X": what it came after is another event, days
# before it, at its own place.
_SEQUEL = re.compile(r"\b(?:came|comes|happened|took place|occurred|followed|was launched|was carried out)\s+"
                     r"(?P<amount>(?:just |only |barely )?(?:a|an|one|two|three|four|five|six|several|a few|\d+))\s+"
                     r"(?P<unit>days?|hours?|weeks?)\s+(?:after|since)\s+", re.IGNORECASE)


def sequel_apart(sentence: Sentence) -> tuple[Sentence, Optional[tuple[Sentence, Optional[int]]]]:
    """(the sentence, None), or (its head, (the clause of what its event came after, the days between them)) when
    that clause tells of violence: "The ambush happened a day after drones had struck a fuel depot at X" tells of a
    strike on X a day before the ambush, an event of its own. The days are None when the sentence says
    "several" days or weeks."""
    cut = _SEQUEL.search(sentence.text)
    if cut is None or _told_violence(sentence.text[cut.end():]) is None:
        return sentence, None
    amount = cut["amount"].split()[-1].lower()
    unit = cut["unit"].lower()
    days = 0 if unit.startswith("hour") else number_value(amount)
    if days is not None and unit.startswith("week"):
        days *= 7
    head = sentence.text[:cut.end()].rstrip()
    return (Sentence(sentence.start, sentence.start + len(head), head, sentence.line),
            (Sentence(sentence.start + cut.end(), sentence.end, sentence.text[cut.end():], sentence.line), days))


LEDE_SENTENCES = 3  # the story's scene is set by a place named in its first few sentences


def _scene_places(telling: Telling) -> EventPlaces:
    """The places a sentence names that can set a scene: finer than a country (a country is where the war is), and
    named in it, not pointed back to ("the area"); with the regions it lists beside its towns ("in the A, B and C
    directions": each an item, `geomap.events.places.EventPlaces.listed`)."""
    span = telling.sentence
    places = tuple(m for m in telling.places.places if (m.place is None or not _of_a_country(m))
                   and span.start <= m.start < span.end)
    return EventPlaces(places, (), telling.places.listed if places else frozenset())


SCENE_SENTENCES = 3  # how far back a sentence that names no place looks for where the story is


def _scene(tellings: Sequence[Telling], lede: Sequence[Telling]) -> tuple[EventPlaces, Optional[DatedPhrase]]:
    """(where the story is, and when) at a sentence that names no place: the places of the nearest of the
    `SCENE_SENTENCES` sentences before it that names one ("To recap, on the night of September 13, ... provocations in
    the A and B directions. [...] Clashes followed"), else those of the lede, the first of the story's first
    `LEDE_SENTENCES` sentences (`lede`) that names one; the day of the nearest of them that gives one."""
    recent = tellings[-SCENE_SENTENCES:]
    nowhere = EventPlaces((), ())
    places = next((_scene_places(t) for t in reversed(recent) if _scene_places(t).places), nowhere)
    when = next((t.date for t in reversed(recent) if t.date and t.date.strength != SPEECH_DAY
                 and (t.date.date.precision or 0) <= DatePrecision.DAYS), None)
    if not places.places:
        places = next((_scene_places(t) for t in lede if _scene_places(t).places), nowhere)
    return places, when


def _days_before(tellings: Sequence[Telling], days: Optional[int]) -> Optional[DatedPhrase]:
    """The day `days` before the last event day the story gave (`sequel_apart`), or None."""
    told = next((t.date for t in reversed(tellings) if t.mention is not None and t.date is not None
                 and t.date.strength != SPEECH_DAY and t.date.date.start
                 and t.date.date.start == t.date.date.end), None)
    if told is None or days is None:
        return None
    day = (date.fromisoformat(told.date.start) - timedelta(days=days)).isoformat()
    return DatedPhrase(EventDate(day, day, int(DatePrecision.DAY), f"{days} day(s) before the event of "
                                 f"{told.date.start}, which came after it"), RELATIVE)


# A day told relative to something the story told before ("The day before Austin and the president met, a car bomb
# ...", "Two days after the talks in Doha, gunmen ...").
_DAYS_FROM_TOLD = re.compile(r"^\W*(?:on\s+)?(?:the\s+day|(?P<n>two|three|four|five|[2-9])\s+days)\s+(?P<dir>before|after)"
                             r"\s+(?P<clause>[^,;]{5,160}),", re.IGNORECASE)
_NOT_NAMES = frozenset({"The", "A", "An", "On", "In", "At", "Two", "Three", "Four", "Five"})


_SINCE = re.compile(r"\s*since\b", re.IGNORECASE)
_TOLD_TO_GO_ON = re.compile(r"\b(?:still|continu\w*|going on|ongoing|ever since)\b", re.IGNORECASE)


def _recalled(said: str, when: Optional[DatedPhrase], mention: EventMention, *, published: Optional[date],
              written: Optional[date]) -> bool:
    """Whether a sentence tells its event as one before the report's news, which makes it background, an event of its
    own: its date looks back (`_LOOKS_BACK`: "a market that jets had also bombed last week") to days before the
    report's last `UNDATED_DAYS` (on the 4th, "earlier this month" is the news's own days), or is a month or a year that
    ended before the report's last `UNDATED_DAYS` days ("In 2019 militants overran ...", "In August, ..."), or more than
    `HISTORY_DAYS` before it was `written` (the publication date, or a guess of it). In a report without a publication
    date, which dates no "last week": a month or a year alone ("In 2019, air strikes killed 40 people in the province"),
    else the words, in the clause of the event. Not fighting told to go on ("clashes first reported two weeks ago are
    continuing")."""
    if not mention.happened or mention.event_type in _OWN_RECORDS or _TOLD_TO_GO_ON.search(said):
        return False
    if when is not None and when.strength not in (SPEECH_DAY, DAY_COUNT) and when.date.end and written is not None:
        start, end = date.fromisoformat(when.date.start or when.date.end), date.fromisoformat(when.date.end)
        news_days = written - timedelta(days=UNDATED_DAYS)
        return (bool(_LOOKS_BACK.search(when.date.evidence)) and start < news_days) \
            or end < written - timedelta(days=HISTORY_DAYS) \
            or ((when.date.precision or 0) >= DatePrecision.MONTH and end < news_days)
    if when is not None and written is None:  # news dates its events by the day: a year or a month alone recalls
        return (when.date.precision or 0) >= DatePrecision.MONTH and not _SINCE.match(when.date.evidence)
    if when is None and published is None and mention.trigger:
        back = _LOOKS_BACK.search(said)
        return back is not None and _same_clause(said, back.span(), (mention.start, mention.end))
    return False


def _taken_by(said: str, mention: EventMention, dated: Callable[[str], Optional[DatedPhrase]]) -> Optional[DatedPhrase]:
    """When a place held "since March 2013" was taken: the time "since" names, at its own precision (`dated` reads
    it); unknown for one held "for more than a year" (`geomap.events.mentions.HELD_PLACE`)."""
    since = SINCE_WHEN.search(said, mention.start, mention.end)
    own = dated(since.group(1)) if since else None
    return replace(own, position=own.position + since.start(1)) if own else None


# "the 2018 massacre", "the March 2016 car bombing in X": a year in the event's own noun phrase dates the event, whatever
# day the sentence gives ("Survivors of the 2018 massacre gathered on Sunday": Sunday is the gathering's).
_YEAR_OF_THE_EVENT = re.compile(rf"\b(?:the|a|its|their|this|that)\s+(?P<when>(?:(?-i:{MONTH_NAMES})\s+)?(?:19|20)\d\d)"
                                rf"\s+(?:[\w’'-]+\s+){{0,2}}$", re.IGNORECASE)


# "Five years after the Djibo massacre, ...", "the anniversary of the attack", "A year since the siege, ...": the
# event is history, whatever day the sentence gives the remembering; undated unless its noun phrase gives a year. The
# time opens its clause: "the strike came a month after a bomb destroyed the theatre" relates two events instead.
_TIME_SINCE_THE_EVENT = re.compile(rf"(?:\banniversary\s+of|(?:^|[,;:“\"]\s*)(?:(?:almost|nearly|about|more than|over|"
                                   rf"just|some)\s+)?(?:{_HOW_MANY}|\d+)\s+(?:years?|months?|weeks?)\s+"
                                   rf"(?:after|since|on\s+from))\s+(?:the|an?|that|this)\s+(?:[\w’'-]+\s+){{0,2}}$",
                                   re.IGNORECASE)


def _year_of_its_noun(said: str, mention: EventMention,
                      dated: Callable[[str], Optional[DatedPhrase]]) -> Optional[DatedPhrase]:
    """The date a year written in the event's own noun phrase gives it (`_YEAR_OF_THE_EVENT`), or None."""
    found = _YEAR_OF_THE_EVENT.search(said, max(0, mention.start - 60), mention.start)
    own = dated(f"in {found['when']}") if found else None
    return replace(own, position=found.start("when")) if own else None


# "survivors of a massacre in Djibo five years ago gathered on Sunday": how long ago, right after the event's noun
# and its place, sets the event before the news whatever day the sentence gives another act; only a noun inside a
# prepositional phrase, since after a verb's object the time is the verb's ("ordered the offensive last week").
_NOUN_AFTER_PREPOSITION = re.compile(r"\b(?:of|on|in|after|since|from|to|for|about|by)\s+(?:the|an?|that|this)\s+"
                                     r"(?:[\w’'-]+\s+){0,2}$", re.IGNORECASE)
_LOOKS_BACK_AFTER_ITS_NOUN = re.compile(
    rf"(?:\s+(?:in|at|near|on|of)\s+(?:the\s+)?(?:[\w’'-]+\s+){{0,2}}?[\w’'-]+)?\s+(?P<when>{_LOOKS_BACK.pattern}"
    rf"|{_HOW_MANY}\s+(?:weeks?|months?|years?)\s+ago\b)", re.IGNORECASE)


def _looks_back_after_its_noun(said: str, mention: EventMention) -> Optional[re.Match]:
    """The look-back time right after the event's noun phrase (`_LOOKS_BACK_AFTER_ITS_NOUN`), or None."""
    if not _NOUN_AFTER_PREPOSITION.search(said, max(0, mention.start - 60), mention.start):
        return None
    return _LOOKS_BACK_AFTER_ITS_NOUN.match(said, mention.end)


def _act_of_its_own_after(said: str, mention: EventMention) -> bool:
    """Whether the words after an event's noun tell a violent act of their own, named by its word ("Two weeks after the
    attack on X, gunmen stormed a market in Y on Sunday"): then the sentence's day and places are that act's, and the
    readings of an event recalled in a noun phrase (`_YEAR_OF_THE_EVENT`, `_TIME_SINCE_THE_EVENT`,
    `_LOOKS_BACK_AFTER_ITS_NOUN`) would take them from it."""
    told = _told_violence(said[mention.end:])
    return told is not None and bool(told.trigger)


def _one_dated_event(said: str, mention: Optional[EventMention], when: Optional[DatedPhrase], *, has_place: bool,
                     air_war: bool) -> Optional[EventMention]:
    """A toll told of one named event on one calendar day is that event ("over 1,000 traders died in a truck bombing
    at the market on May 28, 2014" is a bombing): a count in thousands sums up a campaign (`geomap.events.mentions`)
    only when no single day is given."""
    if mention is None or mention.event_type != "casualty_toll" or not mention.trigger or when is None \
            or when.strength != FULL_DATE or when.date.start != when.date.end:
        return mention
    told = read_mention(said, has_place=has_place, air_war=air_war)  # the event word, without the count
    return replace(mention, event_type=told.event_type, reason="") if told is not None and told.violent else mention


def _clause_around(words: str, position: int) -> tuple[int, int]:
    """The span of the clause of `words` that holds `position`, cut where `_same_clause` cuts clauses."""
    start, end = 0, len(words)
    for cut in _CLAUSE_BREAK.finditer(words):
        if cut.start() > position:
            end = cut.start()
            break
        start = cut.end() if cut.end() <= position else cut.start()  # "since 2011" opens its own clause
    return start, end


def _event_of_dated_clause(said: str, when: DatedPhrase, mention: EventMention, places: EventPlaces, *, offset: int,
                           casualties: Casualties, has_place: bool, air_war: bool
                           ) -> tuple[Optional[DatedPhrase], EventMention]:
    """(date, mention) of a sentence whose month or year sits in another clause than its event word: (None, the
    mention) as a rule, the date being another clause's; but when every place of the sentence is in the date's clause
    and none in the event word's ("Troops had repelled the rebels, but in March the rebels recaptured several towns
    and pushed on into X"), the placed event is that clause's, on that date. `offset` is where `said` starts in the
    report."""
    start, end = _clause_around(said, when.position)
    spans = [(m.start - offset, m.end - offset) for m in places.located]
    if spans and all(start <= a and b <= end for a, b in spans) and not start <= mention.start < end:
        told = read_mention(said[start:end], casualties=casualties, has_place=has_place, air_war=air_war)
        if told is not None and told.happened:
            return when, replace(told, start=told.start + start, end=told.end + start)
    return None, mention


# Where a sentence goes on with a clause of its own subject: ", but Russian troops remained around X on Wednesday".
# Not ", and": it also ends a list ("in the A, B, and C directions").
_JOINT = re.compile(r",\s+(?:but|while|whereas|yet)\s+|;\s+", re.IGNORECASE)


def _clause_of_event(said: str, mention: EventMention) -> tuple[int, int]:
    """The span of the coordinated clause of `said` that holds the event word: cut where a clause with a subject of
    its own goes on (`_JOINT`, not "and wounded 15", `_NO_SUBJECT`)."""
    start, end = 0, len(said)
    for joint in _JOINT.finditer(said):
        if _NO_SUBJECT.match(said, joint.end()):
            continue
        if joint.start() >= mention.end:
            return start, joint.start()
        if joint.end() <= mention.start:
            start = joint.end()
    return start, end


def _in_its_clause(said: str, when: Optional[DatedPhrase], mention: EventMention, places: EventPlaces, *,
                   offset: int, dated: Callable[[str], Optional[DatedPhrase]]) -> tuple[Optional[DatedPhrase], EventPlaces]:
    """(date, places) of a sentence's event when its words go on into a clause of another subject ("A ceasefire was
    announced late on Tuesday, but troops remained around X on Wednesday"): the day its own clause gives (`dated`:
    `sentence_date` of those words), not the other clause's; and, for a record of its own (a ceasefire, talks, a
    statement, a toll), only the places of its own clause, not where the other clause's subject was. `offset` is where
    `said` starts in the report."""
    start, end = _clause_of_event(said, mention)
    if (start, end) == (0, len(said)):
        return when, places
    if when is not None and not start <= when.position < end:
        own = dated(said[start:end])
        if own is not None:
            when = replace(own, position=own.position + start)
    if mention.event_type in _OWN_RECORDS:
        kept = tuple(m for m in places.places if start <= m.start - offset < end)
        if len(kept) < len(places.places):
            places = EventPlaces(kept, places.references, places.listed if kept else frozenset())
    return when, places


def _day_from_told(said: str, tellings: Sequence[Telling]) -> Optional[DatedPhrase]:
    """The day of an event told as "the day before" or "two days after" something the story told earlier on a day of
    its own: the nearest earlier sentence that names the same people or places (two of them, or the one there is)
    gives the day, and the count of days moves it. None when no such sentence has a day."""
    told = _DAYS_FROM_TOLD.match(said)
    if told is None:
        return None
    names = set(re.findall(r"\b[A-Z][\w’'-]+", told["clause"])) - _NOT_NAMES
    if not names:
        return None
    days = {"two": 2, "three": 3, "four": 4, "five": 5}.get((told["n"] or "").lower()) or int(told["n"] or 1)
    days = -days if told["dir"].lower() == "before" else days
    for t in reversed(tellings):
        when = t.date
        if when is None or when.strength == SPEECH_DAY or not when.date.start or when.date.start != when.date.end:
            continue
        if sum(name in t.sentence.text for name in names) >= min(2, len(names)):
            day = (date.fromisoformat(when.date.start) + timedelta(days=days)).isoformat()
            return DatedPhrase(EventDate(day, day, int(DatePrecision.DAY),
                                         f"{told.group(0).strip(' ,')}: {when.date.start} {days:+d} day(s)"), RELATIVE)
    return None


# "Suicide bombers have since struck two towns": violence told in the present perfect since an event the story told.
_HAVE_SINCE = re.compile(r"\b(?:have|has)\s+(?:\w+\s+)?since\b", re.IGNORECASE)


def _since_the_last_told(said: str, mention: EventMention, tellings: Sequence[Telling], *,
                         published: Optional[date]) -> Optional[DatedPhrase]:
    """The date of violence told to have happened "since" with no time of its own (`_HAVE_SINCE`, in the clause of its
    event word): the span from the start of the last event the story dated before it to publication, not the
    report's day. None without either, or for a count told since ("officials have since given a toll of 60")."""
    told = _HAVE_SINCE.search(said)
    if told is None or published is None or not mention.trigger or mention.casualties_only \
            or not _same_clause(said, told.span(), (mention.start, mention.end)):
        return None
    last = next((t.date.date for t in reversed(tellings) if t.date is not None and t.date.date.start
                 and t.date.strength != SPEECH_DAY and t.mention is not None and t.mention.happened), None)
    if last is None or date.fromisoformat(last.start) > published:
        return None
    start = date.fromisoformat(last.start)
    return DatedPhrase(EventDate(start.isoformat(), published.isoformat(), span_precision(start, published),
                                 f"told as since the event of {last.start}: from then to the report's day"),
                       RELATIVE, told.start())


# The wounded of an event told before who died later: the place the sentence names is where they were treated, not
# where the event was ("Two more soldiers died of their wounds in hospital in X").
_DIED_OF_WOUNDS = re.compile(r"\b(?:died|dying|dies)\s+(?:later\s+)?(?:of|from)\s+(?:(?:his|her|their)\s+)?(?:wounds|injuries)\b"
                             r"|\bsuccumb(?:ed|s)?\s+to\s+(?:(?:his|her|their)\s+)?(?:wounds|injuries)\b"
                             r"|\b(?:later\s+)?died\s+in\s+(?:a\s+|the\s+)?hospital\b", re.IGNORECASE)


def read_tellings(report: Report, mentions: Sequence[Mention], sentences: Sequence[Sentence], *,
                  published: Optional[date], start: Optional[date], history: frozenset[int] = frozenset(),
                  coordinated: frozenset[int] = frozenset(), guessed: Optional[date] = None,
                  sequels: Optional[dict[int, Optional[int]]] = None, weekdays: Optional[dict[int, date]] = None,
                  news: Sequence[tuple[int, date]] = ()) -> tuple[list[Telling], list[tuple[int, str, str]]]:
    """Every story sentence read for its event, and the qualifiers (verification notes and denials) in order.
    `guessed`: the publication date when it is only a guess, which gives a month-day its year (`sentence_date`);
    `weekdays`: the days the report writes with their weekday, which date a bare weekday when it has no publication
    date (`geomap.dates.weekday_dates`); `news`: the days the report's news is dated by when it has no publication
    date (`news_days`), against which its other weekdays and "yesterday" are read (`news_day_at`).
    `history`: the starts of the clauses `history_apart` set apart, each an earlier event of its own; `coordinated`:
    those `second_event_apart` set apart, each another event at the places and day of the clause before unless it
    names its own; `sequels`: the starts of the clauses `sequel_apart` set apart, each another event at its own places,
    and how many days before the event of its sentence it came (it is dated that many days before that event's day,
    when the story gives one).

    A qualifier is (sentence index, kind, words): "verification" with the sentence's words; "denial", "denial of harm
    to civilians", "denial of " an event type, and "inline denial" with the denier's name; "counter" with "name: words".
    """
    text = report.text
    lines = text.split("\n")
    kinds = _line_kinds(report, lines)
    by_sentence = _mentions_by_sentence(sentences, mentions)
    tellings: list[Telling] = []
    qualifiers: list[tuple[int, str, str]] = []
    last_claimant = ""
    antecedent: Optional[Mention] = None  # the last town or village an event sentence named
    facilities: dict[str, Mention] = {}  # "compound" -> the town of the last sentence that named a compound with one
    air_war = False  # the story has told of aircraft: its bare "bombed" is an air strike
    lede: list[Telling] = []  # the story's first `LEDE_SENTENCES` sentences, for `_scene`
    capital = _the_capital(mentions)  # "south of the capital" (`_near_the_capital`)
    year = published.year if published else None
    for index, sentence in enumerate(sentences):
        kind = kinds[sentence.line]
        if kind in ("chrome", "heading", "blank"):
            continue
        words = sentence.text
        opening = dateline_end(words)  # "KHARTOUM, May 12 (Newswire) -": neither speaker, place nor day of the event
        said = words[opening:]
        found = find_claimant(said)
        name, inherited = (found.name if found else ""), False
        if found and PRONOUN.match(name) and last_claimant:
            earlier = text[max(0, sentence.start - SPEAKER_LOOKBACK_CHARS):sentence.start]
            name, inherited = speaker_meant(name, last_claimant, earlier), True
        elif found is None and said.lstrip()[:1] in "“\"" and last_claimant:
            name, inherited = last_claimant, True  # a quotation following "X said" is still X's
        if name and not inherited:
            last_claimant = name
        if VERIFICATION.search(said):
            qualifiers.append((index, "verification", words))
            continue
        denier = find_denier(said) or name if denial_in(said) else ""
        if denier:
            # the kinds a denial can name ("denied shelling the market"): remote violence
            denied = next((name for name, pattern in EVENT_WORDS if name in REMOTE_VIOLENCE and pattern.search(said)), "")
            kind = f"denial of {denied}" if denied else "denial of harm to civilians" if civilians_hit(said) else "denial"
            qualifiers.append((index, kind, denier))
            continue
        if COUNTER_CLAIM.search(said) and name:
            qualifiers.append((index, "counter", f"{name}: {words}"))
        inline = INLINE_DENIAL.search(said)
        if inline:
            qualifiers.append((index, "inline denial", inline["who"]))
        excluded = [(sentence.start + opening + found.start, sentence.start + opening + found.end)] if found else []
        if opening:
            excluded.append((sentence.start, sentence.start + opening))
        told_from = _DAYS_FROM_TOLD.match(said)
        if told_from:  # "Two days after the Djibo ambush, militants raided ...": Djibo is the other event's place
            excluded.append((sentence.start + opening + told_from.start("clause"),
                             sentence.start + opening + told_from.end("clause")))
        places = event_places(text, by_sentence[index], sentence_start=sentence.start, excluded=excluded)
        places = _main_clause_places(said, places, sentence_start=sentence.start + opening)
        if _DIED_OF_WOUNDS.search(said):
            places = EventPlaces((), ())  # "died of their wounds in hospital in X": where they were treated
        places, antecedent = _with_antecedent(said, places, antecedent, facilities)
        places = _near_the_capital(said, places, capital, offset=sentence.start + opening)
        casualties = find_casualties(said, published_year=year)
        specific = any(m.place is not None and m.precision <= WherePrecision.REGION for m in places.places)
        mention = read_mention(said, casualties=casualties, has_place=specific, air_war=air_war)
        air_war = air_war or mentions_aircraft(said)
        if mention is not None and mention.reaction:
            places = EventPlaces((), places.references)  # where the attack was condemned, not where it happened
        if mention is not None and sentence.start in history:
            mention = replace(mention, new_event=True, refers_back=False, background=True)
            if not places.located and tellings and tellings[-1].places.located:
                places = tellings[-1].places  # "the factory complex in Mekelle, which was bombed last week"
        if mention is not None and mention.held and not places.located:
            mention = None  # "have held it for a year": no place told, no capture to draw
        when = sentence_date(said, published=published, start=start, guessed=guessed, weekdays=weekdays,
                             news_day=news_day_at(index, news))
        if mention is not None and mention.held:
            when = _taken_by(said, mention, lambda clause: sentence_date(clause, published=published, start=start,
                                                                         guessed=guessed, weekdays=weekdays))
        when = _with_war_start(said, when, mention, published=published, start=start)
        when = when or _day_from_told(said, tellings)
        if when is None and mention is not None and mention.violent:
            when = _since_the_last_told(said, mention, tellings, published=published)
        if mention is not None and sequels and sentence.start in sequels:
            mention = replace(mention, new_event=True, refers_back=False)  # what the event told before came after
            when = when or _days_before(tellings, sequels[sentence.start])
        if mention is not None and sentence.start in coordinated and tellings:
            mention = replace(mention, new_event=True)  # "..., while police hit back in raids that killed three"
            places = places if places.located else tellings[-1].places
            when = when or tellings[-1].date
        if mention is not None and mention.trigger:
            when, places = _in_its_clause(said, when, mention, places, offset=sentence.start + opening, dated=lambda
                                          clause: sentence_date(clause, published=published, start=start, guessed=guessed,
                                                                weekdays=weekdays, news_day=news_day_at(index, news)))
        if when and mention and mention.trigger and when.date.precision and when.date.precision >= DatePrecision.MONTH \
                and not _same_clause(said, (when.position, when.position + len(when.date.evidence)),
                                     (mention.start, mention.end)) and not _opens_its_clause(said, when, mention):
            # "launched an airstrike ..., the country's worst crisis since 2011": another clause's year, unless that
            # clause is where the sentence's places are ("... repelled the rebels, but in March the rebels recaptured X")
            when, mention = _event_of_dated_clause(said, when, mention, places, offset=sentence.start + opening,
                                                   casualties=casualties, has_place=specific, air_war=air_war)
        if when is not None and mention is not None and mention.reaction:
            when = replace(when, strength=SPEECH_DAY)  # "condemned the attack on Monday": the day of the reaction
        if mention is not None and mention.trigger and mention.violent and not _act_of_its_own_after(said, mention):
            when = _year_of_its_noun(said, mention, lambda clause: sentence_date(
                clause, published=published, start=start, guessed=guessed, weekdays=weekdays)) or when
            if _TIME_SINCE_THE_EVENT.search(said, max(0, mention.start - 60), mention.start):
                if not _YEAR_OF_THE_EVENT.search(said, max(0, mention.start - 60), mention.start):
                    when = None
                mention = replace(mention, background=True)
            back = _looks_back_after_its_noun(said, mention)
            if back is not None:
                own = sentence_date(back["when"], published=published, start=start, guessed=guessed)
                when = replace(own, position=back.start("when")) if own else None
                if own is None:  # "five years ago", or "last week" of an unknown day: before the news all the same
                    mention = replace(mention, background=True)
                # its places are the noun phrase's ("the attack on X two weeks ago"), not the other act's
                inside = sentence.start + opening + mention.start, sentence.start + opening + back.end()
                own_places = tuple(m for m in places.places if inside[0] <= m.start < inside[1])
                places = replace(places, places=own_places) if own_places else places
        mention = _one_dated_event(said, mention, when, has_place=specific, air_war=air_war)
        if mention is not None and not mention.background and _recalled(said, when, mention, published=published,
                                                                  written=published or guessed):
            mention = replace(mention, background=True)
        if mention is not None and mention.background and year is not None:
            casualties = find_casualties(said)  # its own toll, though told in a year before the report's
        told = told_days(said) if published is None else ToldDays()
        if mention is not None and sentence.start in coordinated and tellings:
            told = told or tellings[-1].told
        scene = _scene(tellings, lede) if not places.located and mention is not None else (EventPlaces((), ()), None)
        clause_of = tellings[-1].index if sentence.start in history and tellings and tellings[-1].index == index - 1 \
            else None
        tellings.append(Telling(index, sentence, kind, mention, places, when, casualties, name, inherited, scene, told,
                                clause_of))
        if kind == "body" and len(lede) < LEDE_SENTENCES:
            lede.append(tellings[-1])
    return tellings, qualifiers


def news_days(tellings: Sequence[Telling]) -> tuple[tuple[int, date], ...]:
    """(sentence index, day) of each sentence that dates violence of the report's news by a full calendar date
    ("Wreckage of a car bomb blast on the port road in Aden, Yemen, March 3, 2024" under a photo; "jihadists overran
    the post on 14 May 2021"): in a report with no publication date, the days its weekdays can be read against. Not history, a reference
    back ("troops were sent on Saturday, 6 July, after the attack"), nor what was not violence ("the governor visited
    on 3 April 2023")."""
    return tuple((t.index, date.fromisoformat(t.date.date.start)) for t in tellings
                 if t.mention is not None and t.mention.violent and not t.mention.background
                 and not t.mention.refers_back and t.date is not None and t.date.strength == FULL_DATE
                 and t.date.date.start and t.date.date.start == t.date.date.end)


def news_day_at(index: int, news: Sequence[tuple[int, date]]) -> Optional[date]:
    """The day a weekday told in sentence `index` is read against (`news_days`): the report's one news day; when it
    dates its news on more than one day, the day of the nearest of the `SCENE_SENTENCES` sentences up to this one
    that gives one (the scene's), else None: a weekday is not read against another event's day."""
    days = {day for _, day in news}
    if len(days) == 1:
        return next(iter(days))
    return next((day for i, day in reversed(news) if index - SCENE_SENTENCES <= i <= index), None)


# --- 2. joining the tellings of one event ----------------------------------------------------------------------


AREA_REACH_KM = 250.0  # an area of no first-level region holds the places of its country this near its point


def _contains(coarse: Mention, fine: Mention) -> bool:
    """Whether a region or country mention contains a finer place (same country, and same region if a region).
    An area that is no first-level region, without one of its own (the Donbas spans two, Darfur five), holds
    its country's places within AREA_REACH_KM of its point: "Shelling hits Donbas towns" over the lede's towns."""
    a, b = coarse.place, fine.place
    if a is None or b is None or a.country_code != b.country_code or coarse.precision <= fine.precision \
            or coarse.precision < WherePrecision.DISTRICT:  # a site near a town (precision 2) holds no other town
        return False
    if _of_a_country(coarse) or a.admin1:
        return _of_a_country(coarse) or a.admin1 == b.admin1
    return bool(a.country_code) and float(km_between(a.lat, a.lon, b.lat, b.lon)) <= AREA_REACH_KM


def _of_a_country(m: Mention) -> bool:
    """A country's mention, whole or a part told by where it lies ("southern Lebanon", precision 5): it sets no
    scene and holds any place of the country, though a part is a place of an event's own (`_anchored`)."""
    return m.place is not None and m.place.feature_code in COUNTRY_CODES


_key = place_key


def _site_key(m: Mention) -> str:
    """A place's key for telling events apart: a site the gazetteer lacks, drawn near a town (precision 2), is its own
    place, not the town it is drawn at ("the village of Ndah near Bria" ... "ambushed on the road back to Bria")."""
    return _key(m) + "~" + m.surface.lower() if m.place is not None and m.precision == WherePrecision.NEAR else _key(m)


def place_relation(telling: Telling, event: Event) -> str:
    """"same", "none" (the telling names no place of its own) or "different"."""
    mine = list(telling.places.located)
    if not mine:
        return "none"
    theirs = event.places or event.references  # an event placed only "15 km from Batroun" is there
    if not theirs:
        return "none"
    if {_site_key(m) for m in mine} & {_site_key(m) for m in theirs}:
        return "same"
    if all(any(_contains(m, t) or _contains(t, m) for t in theirs) for m in mine):
        return "same"
    return "different"


NEARBY_KM = 10.0  # a place this close to an event's town (a quarter, a suburb) may be where "the attack" happened


def _near(a: Mention, b: Mention) -> bool:
    """Whether two resolved places lie within `NEARBY_KM` of each other."""
    return float(km_between(a.place.lat, a.place.lon, b.place.lat, b.place.lon)) <= NEARBY_KM


def _nearby(telling: Telling, event: Event) -> bool:
    """Whether every town the telling names lies within `NEARBY_KM` of a town of the event."""
    theirs = [m for m in event.places if m.place is not None and m.precision <= WherePrecision.DISTRICT]
    return bool(theirs) and all(m.place is not None and any(_near(m, t) for t in theirs) for m in telling.places.places)


def dates_agree(a: Optional[DatedPhrase], b: Optional[DatedPhrase]) -> bool:
    """False when two tellings give days that cannot both be the event's (the day something was said aside)."""
    if a is None or b is None or a.strength == SPEECH_DAY or b.strength == SPEECH_DAY:
        return True
    return a.date.start <= (b.date.end or b.date.start) and b.date.start <= (a.date.end or a.date.start)


def _days_agree(a: Telling | Event, b: Event) -> bool:
    """Whether a telling (or an event) and an event can be of one day: their dates agree, and so do the days they
    name that a report without a publication date cannot date ("on Tuesday" and "on Friday" do not; nor does a new
    event told "On November 11" with one told "on Tuesday", `geomap.dates.ToldDays.named_otherwise`)."""
    if not dates_agree(a.date, b.date) or a.told.apart_from(b.told):
        return False
    # a caption dates its photo by the calendar whatever the story says ("an attack on Oct 21" under "on Friday")
    told_anew = isinstance(a, Telling) and a.kind != "caption" and a.mention is not None and not a.mention.refers_back
    return not (told_anew and a.told.named_otherwise(b.told))


def _target(telling: Telling, events: list[Event]) -> Optional[Event]:
    """The earlier event this telling tells again, or None (the rules in the module docstring)."""
    mention = telling.mention
    deaths_in_it = bool(telling.casualties.killed) and mention.event_type in VIOLENT_TYPES \
        and (mention.refers_back or mention.casualties_only)
    # "Insurgents seized the town ... The police confirmed the attack": a bare reference to an attack may be the capture
    capture_told = mention.refers_back and _generic(mention) and not telling.casualties.killed
    fighting = [e for e in events if e.event_type in _FIGHTING_KINDS and _days_agree(telling, e)
                and _of_its_time(telling, e)
                and (compatible(e.event_type, mention.event_type) or (deaths_in_it and e.fought_for)
                     or (capture_told and e.event_type == "territory_change"))
                and (not e.answer or (not _generic(mention) and _family(mention.event_type) == _family(e.event_type)))]
    if not fighting:
        return None
    fighting.sort(key=lambda e: e.last)  # the latest is the event told last, not the one first told last
    fighting = _fighters_toll_last(telling, fighting)
    starts_anew = mention.new_event and not mention.refers_back
    by_place = [e for e in fighting if place_relation(telling, e) == "same" and _same_kind(mention, e)]
    if by_place and not starts_anew:
        return by_place[-1]
    latest = fighting[-1]
    if starts_anew:
        return None
    named = _named_back(telling, fighting)
    if named is not None:
        return named
    if _facility_again(telling, latest):
        return latest
    if place_relation(telling, latest) == "different":
        # "Rebels opened a new offensive on ... Goma" ... "Officers said the assault on Munigi had stalled":
        # the assault told again at a village on the town's edge
        # "the bomb landed in Hay al-Matar, a residential quarter": a site the gazetteer lacks, of the event told before;
        # not "the attack in X, a village 80 km away", a settlement of its own
        unknown = all(m.place is None and not _told_as_a_settlement(telling, m) for m in telling.places.located)
        if unknown and _site_in_its_town(telling, latest):
            return latest
        return latest if mention.refers_back and not mention.casualties_only and (_nearby(telling, latest) or unknown) \
            else None
    # "a suicide bomber struck ... after forces spent hours trying to drive the militants out": a telling of another kind
    # that refers back only to who took part is another event they took part in
    other_kind_by_participants = mention.participants_only and not _same_kind(mention, latest)
    if (telling.kind == "caption" or mention.refers_back or mention.casualties_only
            or (mention.place_anaphora and not telling.places.places)) and not other_kind_by_participants:
        return latest
    adjacent = telling.index - latest.last <= CONTINUATION_GAP
    headline_and_lede = latest.tellings[0].kind == "headline" and len(latest.tellings) == 1
    if (adjacent or headline_and_lede) and _same_kind(mention, latest) \
            and (not telling.places.places or not latest.places):
        return latest
    return None


# Sites that stand inside a town: "beside crowded Bab Salem junction", "in the Hodan quarter", "at Suq Bakara market".
# A name told as a village or town of its own: "X, a village 80 km away", "the village of X".
_SETTLEMENTS = "|".join(sorted(SETTLEMENT_HEADS))
_SETTLEMENT_AFTER = re.compile(rf",\s+(?:an?|the)\s+(?:[\w-]+\s+){{0,2}}?(?:{_SETTLEMENTS})\b", re.IGNORECASE)
_SETTLEMENT_BEFORE = re.compile(rf"\b(?:{_SETTLEMENTS})\s+of\s+(?:the\s+)?$", re.IGNORECASE)


def _told_as_a_settlement(telling: Telling, m: Mention) -> bool:
    """Whether the sentence tells the place `m` as a village or town of its own, not a site inside another."""
    text, start = telling.sentence.text, telling.sentence.start
    return bool(_SETTLEMENT_AFTER.match(text, m.end - start)
                or _SETTLEMENT_BEFORE.search(text[max(0, m.start - start - 40):m.start - start]))


_TOWN_SITE_AFTER = re.compile(r"\s+(?:junction|roundabout|crossroads|neighbou?rhood|quarter|suburb|market|street|square"
                              r"|avenue)\b", re.IGNORECASE)


def _site_in_its_town(telling: Telling, event: Event) -> bool:
    """Whether a telling of an event's own kind, placed only at a site inside a town that the gazetteer lacks ("On
    Sunday a bomb hidden in a parked van exploded beside crowded Bab Salem junction" after "car bomb attacks on Aden"),
    tells that event at its finer site: the event is at one town, and nothing marks the telling as another event."""
    mention = telling.mention
    towns = {_key(m) for m in event.places if m.place is not None and m.precision <= WherePrecision.DISTRICT}
    if len(towns) != 1 or _generic(mention) or not event.specific or mention.background \
            or _family(mention.event_type) != _family(event.event_type):
        return False
    text, start = telling.sentence.text, telling.sentence.start
    return bool(telling.places.located) and all(
        m.place is None and _TOWN_SITE_AFTER.match(text, m.end - start) for m in telling.places.located)


def _of_its_time(telling: Telling, event: Event) -> bool:
    """Whether a telling may tell the event again, as far as their times go: a telling of an event before the report's
    news (background, `_recalled`) tells only such an event, and a telling of the news an earlier event only right after
    it (`CONTINUATION_GAP`) and with no day of its own ("In May gunmen raided a village near X. They burned its
    granaries"), so that "In 2019, militants overran the outposts of A and B" is never folded into the ambush the report
    tells of."""
    if telling.mention is not None and telling.mention.background:
        return event.background
    # a day of its own: dated, or a weekday or date a report without a publication date names ("on Friday, ...")
    own_day = telling.date is not None or telling.told.day
    return not event.background or (telling.index - event.last <= CONTINUATION_GAP and not own_day)


def _fighters_toll_last(telling: Telling, fighting: list[Event]) -> list[Event]:
    """The candidate events of a toll of fighters told alone ("89 fighters had been killed"), the battles last, so
    that it is more of the latest battle, not of an air strike told after it with a toll of its own ("jets struck
    Idlib, killing 12 people")."""
    if not (telling.mention.casualties_only and telling.casualties.killed_side in ("forces", "armed groups")):
        return fighting
    battles = [e for e in fighting if e.event_type == "armed_clash"]
    if not battles or fighting[-1] in battles or not any(t.casualties.killed for t in fighting[-1].tellings):
        return fighting
    return [e for e in fighting if e not in battles] + battles


def _named_back(telling: Telling, fighting: Sequence[Event]) -> Optional[Event]:
    """The event a reference back names by its kind, when that is not the latest event: "Rebel websites said dozens
    of troops had died in the ambush" after an ambush and then an air strike is the ambush. None when the reference
    only says "the attack", when the telling tells a new event against it (`_answers`), or names another place."""
    mention = telling.mention
    if not mention.refers_back or mention.answers or _generic(mention) or not mention.trigger:
        return None
    if not re.search(r"\b(?:the|this|that)\s+(?:[\w-]+\s+){0,2}?" + re.escape(mention.trigger) + r"\b",
                     telling.sentence.text, re.IGNORECASE):
        return None  # the event word is not the reference ("the attackers fired rockets")
    kind = [e for e in fighting if e.specific and _family(e.event_type) == _family(mention.event_type)
            and place_relation(telling, e) != "different"]
    return kind[-1] if kind and kind[-1] is not fighting[-1] else None


_FACILITY_OPENING = re.compile(r"^\W*(?:the|this|that) (?:[\w-]+ )?(camp|market|hospital|clinic|school|mosque|church"
                               r"|compound|base|building|pagoda|temple|shelter)\b", re.IGNORECASE)


def _facility_again(telling: Telling, event: Event) -> bool:
    """Whether a telling opens with the site the event was told to have hit and says where it is: "Shells struck a
    makeshift hospital in the north ... The hospital at X, east of Y, was hit twice" is that strike, at a finer place
    than the story gave it (a place the gazetteer lacks, or one inside the event's), not another event at X."""
    site = _FACILITY_OPENING.match(telling.sentence.text)
    if site is None or not _generic(telling.mention):
        return False
    noun = re.compile(rf"\b{site.group(1)}s?\b", re.IGNORECASE)
    told = any(noun.search(t.sentence.text) for t in event.tellings)
    inside = all(m.place is None or any(_contains(e, m) or _key(e) == _key(m) for e in event.places)
                 for m in telling.places.located)
    return told and inside


def _same_kind(mention: EventMention, event: Event) -> bool:
    return _generic(mention) or not event.specific or _family(mention.event_type) == _family(event.event_type)


def _anchored(telling: Telling) -> bool:
    """Whether a telling says enough to be an event of its own: a place finer than a country, a day, or a toll.
    "the president said the rebels are dragging the region into war by attacking the country" is none of these."""
    fine_place = any(m.place is None or m.precision < WherePrecision.COUNTRY for m in telling.places.places)
    dated = (telling.date is not None and telling.date.strength != SPEECH_DAY) \
        or telling.told.day \
        or (telling.clause_of is not None and bool(_LOOKS_BACK.search(telling.sentence.text)))
    # a day a report without a publication date cannot place: "exchanged fire on Thursday", or how long before the
    # news a history clause's event was ("a factory that was bombed last week"): an event of its own, undated
    return fine_place or dated or bool(telling.casualties)


_AGO = re.compile(r"\bago\b", re.IGNORECASE)  # "erupted almost a year ago": history told without a date
_UNNAMED_PLACES = re.compile(r"\b(?:several|many|multiple|various|other|some) (?:\w+ )?(?:cities|towns|villages|provinces"
                             r"|regions|districts|areas|places|fronts|parts)\b", re.IGNORECASE)


def _participants(telling: Telling) -> bool:
    """Whether a telling tells only of what the participants of an event told before did next, no event of its own:
    "The attackers have put up barricades on the roads into the town" (it joins that event, or nothing)."""
    mention = telling.mention
    return mention.refers_back and not telling.casualties and bool(ATTACKERS.fullmatch(mention.trigger))


def _told_at_scene(telling: Telling) -> bool:
    """Whether a telling of violence names no place and tells of an event where the story is, on its day (`_scene`):
    "Heavy fighting ensued", "Fighting broke out as troops rushed to halt them, the army said". Not
    when it says it is another event ("separately", "a week earlier", `NEW_EVENT`), history ("broke out almost a year
    ago", or a month or more), a reaction, or that it happened in places it does not name ("in several cities")."""
    mention = telling.mention
    return bool(telling.scene[0].places) and not telling.places.located and mention.event_type in VIOLENT_TYPES \
        and not (mention.new_event or mention.background or mention.reaction) \
        and not _UNNAMED_PLACES.search(telling.sentence.text) and not _AGO.search(telling.sentence.text) \
        and not (telling.date is not None and (telling.date.date.precision or 0) > DatePrecision.DAYS)


def _told_there(telling: Telling, events: Sequence[Event]) -> list[Event]:
    """The events of fighting the story already tells at a telling's scene (`_scene`), on its day."""
    there = replace(telling, places=telling.scene[0])
    return [e for e in events if e.event_type in _FIGHTING_KINDS and place_relation(there, e) == "same"
            and _days_agree(telling, e)]


def _set_in_scene(telling: Telling, events: Sequence[Event]) -> bool:
    """Whether a telling of violence that joins no event and names no place is an event of its own where the story is,
    on its day (`_told_at_scene`): not when the story already tells of an event there that day (the telling says more
    of it, `_episode`)."""
    return _told_at_scene(telling) and not _told_there(telling, events)


# Words that tell a fight as what answered or followed acts told before: "Fighting broke out as units rushed to halt
# the raids", "Heavy fighting followed", "In response, troops returned fire", "the fighting that ensued".
_FOLLOWS_ON = re.compile(r"\b(?:followed|ensued|in response|in retaliation|retaliat\w*|responded|hit back|returned fire"
                         r"|fired back)\b|\b(?:moved|tried|sought|attempted|rushed)\b[^.;]{0,40}?\b(?:stop|halt|repel"
                         r"|repulse|push\w*(?: \w+)? back|drive\w*(?: \w+)? back|prevent|thwart|counter|block)\b",
                         re.IGNORECASE)


def _follows_on(telling: Telling) -> bool:
    """Whether a telling is a fight told at the story's scene (`_told_at_scene`) as what answered or followed the acts
    the story told there (`_FOLLOWS_ON`): the other side of one episode of fire, not a new incident at each place the
    scene names."""
    return telling.mention.event_type == "armed_clash" and _told_at_scene(telling) \
        and bool(_FOLLOWS_ON.search(telling.sentence.text))


def _episode(telling: Telling, events: Sequence[Event]) -> Optional[Event]:
    """The event a telling that joins no event by its kind is part of, as one episode of fire between two sides told
    in two kinds (the merge reads shelling and a clash alike, `geomap.merge`): a fight that followed the acts told
    at the story's scene (`_follows_on`: "Rebels fired mortars at posts in A, B and C." ... "Fighting broke out as
    troops rushed to halt the raids.") is the violence told there that day, its evidence; and shelling told at the
    places of such a fight, on its day, is that fight's episode, not a second incident at each ("Fighting broke out
    as troops rushed to halt the rebels." ... "Rebel units fired mortars at posts in A, B and C."); and civilians told
    killed in a fight with no place of their own ("Two paramedics were killed carrying the injured out of the combat area")
    died in the fight told where the story is that day, which ACLED codes as the battle. A telling that says it is
    another event (`NEW_EVENT`), or names a place or a day of its own elsewhere, is not."""
    mention = telling.mention
    if telling.kind != "body" or not mention.violent or mention.new_event or mention.background:
        return None
    if _follows_on(telling):
        return next((e for e in reversed(_told_there(telling, events))
                     if e.event_type in VIOLENT_TYPES and not e.background), None)
    if _family(mention.event_type) == "shelling" and telling.places.places:
        return next((e for e in reversed(events) if e.follow_on and place_relation(telling, e) == "same"
                     and _days_agree(telling, e)), None)
    if mention.event_type == "attack_on_civilians" and telling.casualties.civilians_killed \
            and not telling.places.located and told_in_battle(telling.sentence.text):
        # "Two paramedics were killed carrying the injured out of the combat area": the deaths of the battle told there
        return next((e for e in reversed(_told_there(telling, events))
                     if e.event_type == "armed_clash" and not e.background), None)
    return None


def _family(event_type: str) -> str:
    """Tellings of different kinds are different events unless one refers back to the other or only says
    "attack". The kinds follow ACLED's sub-events: rockets, missiles and shelling are one kind (shelling/artillery/
    missile attack); air and drone strikes, bombs, fighting and attacks on civilians are each their own."""
    return "shelling" if event_type == "missile_strike" else event_type


def whereabouts(tellings: Sequence[Telling]) -> dict[str, list[Mention]]:
    """Where the report puts each place the gazetteer lacks: the resolved places, finer than a country, that a
    sentence names beside it as where its event was ("The outpost lies in the Kayes region, near the border" after
    "gunmen overran a police outpost at Sobara"). Keyed by `place_key`."""
    out: dict[str, list[Mention]] = {}
    for telling in tellings:
        known = [m for m in telling.places.places if m.place is not None and not _of_a_country(m)]
        for m in telling.places.places:
            if m.place is None and known:
                out.setdefault(_key(m), []).extend(k for k in known if k not in out.get(_key(m), ()))
    return out


def place_unknown(events: Sequence[Event], where: dict[str, list[Mention]]) -> None:
    """An event placed only at names the gazetteer lacks is drawn at the places the report puts them in
    (`whereabouts`), a town beside it at precision 2 (near it), a region at its own, as ACLED codes an event at an
    unknown village at the nearest place the report names, at a coarser precision, rather than dropping it."""
    for event in events:
        places = event.places or event.references
        if not places or any(m.place is not None for m in places):
            continue
        found = [m for u in places for m in where.get(_key(u), ())]
        near = [replace(m, precision=max(m.precision, WherePrecision.NEAR)) for m in found]
        if near:
            event.place_near(finest(near))


def report_area(tellings: Sequence[Telling], mentions: Sequence[Mention]) -> Optional[Mention]:
    """The country a report's news happens in, as the report names it (`mentions`, even as an actor: "Yemen's port
    authority"): the one country of every resolved place finer than a country that its sentences of news name as
    where events were, else the one country they name so (their towns all lacking from the gazetteer); None when
    they lie in more than one, or the report never names that country."""
    news = [t for t in tellings if t.mention is not None and not t.mention.background]
    countries = {m.place.country_code for t in news for m in t.places.places
                 if m.place is not None and m.precision < WherePrecision.COUNTRY} \
        or {m.place.country_code for t in news for m in t.places.places
            if m.place is not None and m.precision == WherePrecision.COUNTRY}
    if len(countries) != 1:
        return None
    code = next(iter(countries))
    return next((m for m in mentions if m.place is not None and m.precision == WherePrecision.COUNTRY
                 and m.place.country_code == code), None)


# "the outposts of Kaltoumi and Birgadou", "in Bir Salem": a name told as a place that the gazetteer may lack.
_NAMED_PLACE = re.compile(r"\b(?:in|at|near|outside|of)\s+(?:the\s+)?(?:(?:town|village|city|hamlets?|posts?|camps?"
                          r"|bases?|districts?|provinces?|regions?|areas?)\s+of\s+)?"
                          rf"(?!(?:{MONTH_NAMES}|{WEEKDAY_NAMES})\b)(?-i:[A-Z][a-z]{{2,}})", re.IGNORECASE)


def _towns_beside(events: Sequence[Event]) -> dict[str, list[Mention]]:
    """Where the report's news puts the places the gazetteer lacks: the one town an event of the news is at beside
    them ("two car bombs went off in Aden" ... "the two bombs exploded at Bab Salem junction"), keyed by
    `place_key`."""
    out: dict[str, list[Mention]] = {}
    for event in events:
        if event.background:
            continue
        towns = [m for m in event.places if m.place is not None and m.precision <= WherePrecision.DISTRICT]
        if len({_key(m) for m in towns}) == 1:
            for m in event.places:
                if m.place is None:
                    out.setdefault(_key(m), [towns[0]])
    return out


def place_recalled(events: Sequence[Event], tellings: Sequence[Telling], mentions: Sequence[Mention]) -> None:
    """An event told as before the report's news (`_recalled`, history) is drawn where the report puts it. At a place
    the gazetteer lacks: near the town an event of the news names beside that place (`_towns_beside`). At none: where
    its sentence points back to, a relative clause ("a market that jets had also bombed last week") at the places of
    the event its head tells of; else the report's area (`report_area`), at a country's precision, as the report gives
    no finer place. Not when the sentence names a place the geoparser did not find ("the outposts of Kaltoumi and
    Birgadou"): the area would draw it far from there."""
    event_of = {t.index: e for e in events for t in e.tellings}
    area = report_area(tellings, mentions)
    beside = _towns_beside(events)
    for event in events:
        if not event.background or event.event_type not in VIOLENT_TYPES:
            continue
        unknown = [m for m in event.places or event.references if m.place is None]
        if unknown and len(unknown) == len(event.places or event.references):
            towns = [t for m in unknown for t in beside.get(_key(m), ())]
            if towns:  # "where a truck bomb killed 70 recruits in 2016": at the junction the news drew in its town
                event.place_near([replace(t, precision=max(t.precision, WherePrecision.NEAR)) for t in towns])
            continue
        if event.places or event.references:
            continue
        lead = event.tellings[0]
        head = event_of.get(lead.clause_of) if lead.clause_of is not None else None
        if head is not None and head.places and not head.background:  # drawn only where the head's event is
            event.place_near(head.places)
        elif area is not None and not any(_NAMED_PLACE.search(t.sentence.text) for t in event.tellings):
            event.place_near([area])


def join_tellings(tellings: Sequence[Telling]) -> list[Event]:
    """The events of a report, each with the tellings that tell it (coreference within the report)."""
    events: list[Event] = []
    waiting: list[Telling] = []  # captions, and references to an event the story tells next
    headlines: list[Telling] = []  # the headline's tellings of violence, joined to the story's events last
    for telling in tellings:
        mention = telling.mention
        if mention is None:
            continue
        if not mention.happened:
            if telling.claimant and mention.reason in _STATEMENT_REASONS:
                events.append(Event([telling]))
            continue
        if mention.event_type in _OWN_RECORDS:
            events.append(Event([telling]))
            continue
        if telling.kind == "headline":
            headlines.append(telling)
            continue
        target = _target(telling, events)
        if target is not None and (_answers(telling, target) or _fighters_dead(telling, target)):
            events.append(_answer(telling, target))
        elif target is not None:
            target.add(telling)
        elif (version := _sides_own_version(telling, events)) is not None:
            version.counter_claims.append(f"{telling.claimant}: {telling.sentence.text}")
        elif (episode := _episode(telling, events)) is not None:
            episode.add(telling)
        elif telling.kind == "caption" or (mention.refers_back and not _anchored(telling)) or _participants(telling):
            waiting.append(telling)
        elif _set_in_scene(telling, events):
            places, when = telling.scene
            events.append(Event([replace(telling, places=places, date=telling.date or when)]))
            events[-1].follow_on = _follows_on(telling)
        elif _anchored(telling):
            events.append(Event([telling]))
        elif telling.claimant:
            events.append(Event([_as_statement(telling)]))
    place_unknown(events, whereabouts(tellings))  # before the headline is matched to an event by its place
    for telling in waiting:
        after = [e for e in events if e.tellings[0].index > telling.index]
        target = _target(telling, after or events)  # a caption or a reference tells of an event near it
        if target is not None:
            target.add(telling)
    told_alone: list[Event] = []
    for telling in headlines:
        target = _headline_target(telling, events) or _target(telling, told_alone)
        if target is not None and _fighters_dead(telling, target):
            told_alone.append(_answer(telling, target))  # a first line read as the headline tells both
        elif target is not None:
            target.add(telling)
        elif _anchored(telling):
            told_alone.append(Event([telling]))
    return _summaries_joined(told_alone + events)


# "its forces had fought army units": a side telling what its own forces did.
_OWN_FORCES = re.compile(r"\b(?:its|their|our)\s+(?:own\s+)?(?:forces|fighters|troops|units|men|soldiers|positions)\b",
                         re.IGNORECASE)


def _sides_own_version(telling: Telling, events: Sequence[Event]) -> Optional[Event]:
    """The event a side's own account tells otherwise ("The Front said its forces had fought army units outside X",
    after the report told the Front's attack on X that day): the same fight as that side tells it, a counter-claim of
    that event, not a second one. The latest violent event of another claimant at the account's place whose day the
    account agrees with; None for an account that is not a side's own, or that names no place of such an event."""
    mention = telling.mention
    if not telling.claimant or not mention.violent or not _OWN_FORCES.search(telling.sentence.text):
        return None
    told = [e for e in events if e.event_type in VIOLENT_TYPES and not e.background and e.claimant != telling.claimant
            and place_relation(telling, e) == "same" and _days_agree(telling, e)]
    return told[-1] if told else None


def _answers(telling: Telling, event: Event) -> bool:
    """Whether a telling that refers back to an event tells another one against it, of a kind of its own: "US forces
    answered the assault with a drone strike" after a ground assault, "after the shelling, gunmen raided the
    village" (`geomap.events.mentions`). A telling of the event's own kind says more of that event."""
    mention = telling.mention
    return mention.answers and not _generic(mention) and telling.kind != "caption" \
        and _family(mention.event_type) != _family(event.event_type)


def _fighters_dead(telling: Telling, event: Event) -> bool:
    """Whether a telling counts fighters killed after an attack on civilians, with no event word of its own: "At least
    19 people were killed when gunmen started shooting ... Four suspects were killed by security forces" tells of the
    forces fighting the gunmen, a battle of its own (ACLED codes it apart from the attack), at its place and day."""
    mention = telling.mention
    return mention.casualties_only and mention.event_type == "armed_clash" and event.event_type == "attack_on_civilians"


def _answer(telling: Telling, answered: Event) -> Event:
    """The event a telling tells against `answered`: at its own places and day, else where and when the answered
    event happened (the drone strike that answered the assault on a town struck that town, that day)."""
    places = telling.places if telling.places.places else EventPlaces(tuple(answered.places), telling.places.references)
    event = Event([replace(telling, places=places, date=telling.date or answered.date)])
    event.answer = True
    return event


def _headline_target(telling: Telling, events: Sequence[Event]) -> Optional[Event]:
    """The story's event a headline tells of, or None when it tells of none of them.

    A headline restates the story's event in words of its own ("Bombs fall on Gori" over "aircraft bombed the
    town of Gori"), so any violent event of the story may be it, whatever kind the story gives: the first one
    at its place (or at a place inside the region or country it names, or a quarter of its town), else, when
    it names no town, the story's first event not placed elsewhere; of either, the first of the headline's own
    kind when there is one (two kinds of remote violence are told alike), so a headline of a capture over a raid
    on the town and then its capture tells the capture. A headline naming a town no event of the story is at or
    near is its own.
    """
    story = [e for e in events if e.event_type in _FIGHTING_KINDS and _days_agree(telling, e)]
    # a headline tells the news, an earlier event only alone, unless it tells an earlier event itself ("Jihadists who
    # overran Djibo in 2019 ...", its clause of history set apart)
    earlier = telling.mention.background
    story = [e for e in story if e.background == earlier] or story
    relations = [(e, place_relation(telling, e)) for e in story]

    def first_of_its_kind(candidates: list[Event]) -> Optional[Event]:
        """The first of `candidates` of the headline's own kind, else the first of them."""
        kind = telling.mention.event_type
        own = [] if _generic(telling.mention) else \
            [e for e in candidates if _family(e.event_type) == _family(kind)
             or {e.event_type, kind} <= REMOTE_VIOLENCE]  # "strikes hit ..." over a missile strike: told alike
        return next(iter(own or candidates), None)

    same = first_of_its_kind([e for e, relation in relations if relation == "same"]) \
        or next((e for e, relation in relations if relation == "different" and _nearby(telling, e)), None)
    if same is not None:
        return same
    town = any(m.place is None or m.precision <= WherePrecision.DISTRICT for m in telling.places.places)
    return first_of_its_kind([e for e, relation in relations if relation == "none" and (not town or not e.places)])


def _coarse(event: Event) -> bool:
    """Whether an event is placed no finer than a region ("two villages in central Mali")."""
    return bool(event.places) and all(m.place is not None and m.precision > WherePrecision.DISTRICT
                                      for m in event.places)


def _brief(when: Optional[DatedPhrase]) -> bool:
    """Whether a date is at most a few days: a campaign "since September 23" sums up no single event."""
    if when is None or not when.date.start:
        return True
    span = date.fromisoformat(when.date.end or when.date.start) - date.fromisoformat(when.date.start)
    return span.days < UNDATED_DAYS


def _summaries_joined(events: list[Event]) -> list[Event]:
    """An event told only at a region or country joins the first event of the report at a place inside it, of a
    compatible kind and day: "Gunmen kill 41 in central Mali" sums up the raid on the village the story tells of,
    so the map draws the village, not a second marker on the country."""
    out: list[Event] = []
    for event in events:
        if event.event_type in _FIGHTING_KINDS and _coarse(event) and _brief(event.date):
            target = next((other for other in events if other is not event and other.event_type in _FIGHTING_KINDS
                           and not _coarse(other) and other.places and other.background == event.background
                           and compatible(other.event_type, event.event_type)
                           and _same_kind(event.lead.mention, other) and _days_agree(event, other)
                           and all(m.place is None or any(_contains(c, m) or _key(c) == _key(m) for c in event.places)
                                   for m in other.places)
                           and any(m.place is not None for m in other.places)), None)
            if target is not None:
                target.add(*event.tellings)
                continue
        out.append(event)
    return out


def _as_statement(telling: Telling) -> Telling:
    mention = telling.mention
    return replace(telling, mention=replace(mention, event_type="statement", happened=False,
                                            reason="no place, day or toll of its own"))


def _harmed_civilians(event: Event) -> bool:
    """Whether the event's tellings say it struck civilians: its type, or civilians among its dead."""
    return event.event_type == "attack_on_civilians" or any(t.casualties.civilians_killed for t in event.tellings)


def attach_qualifiers(events: list[Event], qualifiers: Sequence[tuple[int, str, str]]) -> None:
    """A verification note to the event told in the sentences just before it; a denial to the claim just before it
    made by someone else; a counter-claim likewise."""
    owner = {t.index: e for e in events for t in e.tellings}
    for index, kind, words in qualifiers:
        if kind == "inline denial":
            if index in owner and words not in owner[index].denied_by:
                owner[index].denied_by.append(words)  # "Moscow said it took the village, a claim Kyiv denied."
            continue
        before = sorted((i for i in owner if i < index), reverse=True)
        if kind == "verification":
            nearest = next((owner[i] for i in before if index - i <= 3
                            and owner[i].event_type not in ("statement", "talks")), None)
            if nearest is not None:
                nearest.verification.append(words)
            continue
        name = words.split(":", 1)[0]
        civilians = kind == "denial of harm to civilians"
        denied = kind[len("denial of "):] if kind.startswith("denial of ") and not civilians else ""
        kind = "denial" if kind.startswith("denial") else kind
        reach = 4 if kind == "denial" else 2
        near = [owner[i] for i in before if index - i <= reach and owner[i].claimant != name
                and owner[i].event_type != "statement"]
        # "It denied targeting civilians": the claim of an event that harmed civilians, not the nearest claim
        harmed = [event for event in near if civilians and event.event_type in VIOLENT_TYPES and _harmed_civilians(event)]
        # "The militia denied shelling the market": the claim of a shelling, not the nearest claim of another kind
        named = [event for event in near if denied and _family(event.event_type) == _family(denied)]
        claim = next((event for event in named + harmed + near if event.claimant), None)
        if claim is None and kind == "denial":
            # "Russian aircraft bombed Gori ... Moscow denied targeting civilians": the story tells the event
            # itself and the denial answers it
            claim = next((event for event in near if event.event_type in _FIGHTING_KINDS), None)
        if claim is None and kind == "denial":
            claim = _claim_denied_from_afar([owner[i] for i in before], name, denied=denied, civilians=civilians)
        if claim is not None:
            (claim.denied_by if kind == "denial" else claim.counter_claims).append(words)


def _claim_denied_from_afar(earlier: Sequence[Event], denier: str, *, denied: str, civilians: bool) -> Optional[Event]:
    """The claim a denial told further on than a few sentences answers ("The military denied shelling the market",
    a paragraph after the rebels' claim): the nearest claim of violence by someone else of the kind it names, or
    that harmed civilians when it denies harming them, or the report's only such claim; None when that is unclear."""
    claims = list(dict.fromkeys(event for event in earlier if event.claimant and event.claimant != denier
                                and event.event_type in VIOLENT_TYPES))
    named = [event for event in claims if denied and _family(event.event_type) == _family(denied)]
    harmed = [event for event in claims if civilians and _harmed_civilians(event)]
    return next(iter(named + harmed + (claims if len(claims) == 1 else [])), None)


# --- 3. incidents -------------------------------------------------------------------------------------------------


def _highest(figures: Sequence[Optional[Range]]) -> Optional[Range]:
    given = [f for f in figures if f is not None]
    return max(given, key=lambda f: (f[0], f[1] if f[1] is not None else f[0])) if given else None


def _told_figure(tellings: Sequence[Telling], figure: str, *, kind: str = "") -> Optional[Range]:
    """The highest figure the story's sentences give, else the headline's: a headline's "Strikes across the
    country kill 12" may sum up several of the story's events. The dead of two sides told apart add up ("Three
    soldiers were killed." ... "Twelve militants died in the fighting.": 15, `_sides_summed`; `kind` the event's type)."""
    story = _highest([getattr(t.casualties, figure) for t in tellings if t.kind != "headline"])
    if figure == "killed" and story is not None:
        story = _sides_summed([t.casualties for t in tellings if t.kind != "headline"], story,
                              battle=kind == "armed_clash")
    return story or _highest([getattr(t.casualties, figure) for t in tellings])


def _sides_summed(figures: Sequence[Casualties], highest: Range, *, battle: bool) -> Range:
    """The event's dead when its sentences count the dead of more than one side (`geomap.events.casualties.SIDES`):
    the sum of each side's highest figure (two figures for one side are two tellings of it), unless a figure that
    names no one side (a total, "16 people") is as high. Outside a battle the attackers killed in an attack on others
    ("five villagers were killed ... two of the gunmen also died") are not its victims and are left out."""
    by_side: dict[str, Range] = {}
    for c in figures:
        if c.killed is not None and c.killed_side:
            by_side[c.killed_side] = _highest([by_side.get(c.killed_side), c.killed])
    if not battle and len(by_side) > 1 and by_side.pop("armed groups", None) is not None:
        # nor is their figure the event's highest ("three villagers" ... "ten of the gunmen": 3, not 10)
        highest = _highest([c.killed for c in figures if c.killed_side != "armed groups"]) or highest
    if len(by_side) < 2:
        return highest
    total = (0, 0)
    for part in by_side.values():
        total = (total[0] + part[0], None if total[1] is None or part[1] is None else total[1] + part[1])
    return _highest([total, highest])


def _event_date(event: Event, *, published: Optional[date], written: Optional[date],
                report_day: Optional[EventDate] = None, place_day: Optional[EventDate] = None,
                dateline: str = "") -> tuple[EventDate, bool]:
    """(the event's date, whether it is background history). `written` is the publication date even when it is
    only a guess: good enough to tell history from news, never to date an event. `report_day` is the one day every
    dated violent event of the report gives (`report_day`), the day of an event told without one; `place_day` the day
    of the report's events at its place (`place_day`), before it; `dateline` a dateline's month and day without its
    year (`geomap.dates.yearless_dateline`), named in the evidence of news told without a day of its own."""
    background = event.background
    found = event.date
    if found is not None:
        when = found.date
        if written is not None and when.end and when.end < (written - timedelta(days=HISTORY_DAYS)).isoformat():
            background = True
        return when, background
    if published is None and report_day is not None and event.event_type in VIOLENT_TYPES and not background \
            and not any(names_a_time(t.sentence.text) for t in event.tellings):
        return report_day, background  # no publication date, but the report dates its violence, all on one day
    if published is None and dateline and event.event_type in VIOLENT_TYPES and not background \
            and not any(names_a_time(t.sentence.text) for t in event.tellings):
        # "GANJA, October 4. ...": no year to date it by, but the day still tells it from another's (`geomap.merge`)
        return EventDate(None, None, None, f'the day of its dateline, "{dateline}", whose year the report does not '
                                           f'give'), background
    if published is None or background:
        return EventDate(None, None, None, "no date in the report's words"), background
    if place_day is not None and event.event_type in _FIGHTING_KINDS:
        return place_day, background
    if report_day is not None and event.event_type in VIOLENT_TYPES:
        return report_day, background
    return EventDate(published.isoformat(), published.isoformat(), int(DatePrecision.DAYS),
                     f"told without a day in a report of {published.isoformat()}: the report's day, give or take a "
                     f"few days (precision 2)"), background


def _source(report: Report, telling: Telling, event_places: Sequence[Mention], *, with_figures: bool = True) -> SourceRef:
    keys = {_key(m) for m in event_places}
    spans = tuple((m.start, m.end) for m in (*telling.places.places, *telling.places.references) if _key(m) in keys)
    c = telling.casualties if with_figures else Casualties()
    killed, wounded, civilians = c.killed, c.wounded, c.civilians_killed
    return SourceRef(
        report.report_id, report.publisher, report.published, telling.sentence.text, telling.sentence.start,
        telling.sentence.end, killed[0] if killed else None, killed[1] if killed else None,
        wounded[0] if wounded else None, wounded[1] if wounded else None,
        telling.claimant if (killed or wounded) else "", spans, claimant=telling.claimant,
        is_claim=bool(telling.claimant), civilians_killed_low=civilians[0] if civilians else None,
        civilians_killed_high=civilians[1] if civilians else None)


_AREA_NOUN = re.compile(r"^\s*(?:local government(?! areas)(?: area)?|LGA\b|district\b|province\b|county\b"
                        r"|municipality\b|region\b|state\b|governorate\b|department\b|prefecture\b|township\b"
                        r"|commune\b|zone\b|oblast\b|raion\b|administrative post\b|sub-?county\b|territory\b)",
                        re.IGNORECASE)
_INSIDE = re.compile(r"(?:,|\bin|\bof)\s+(?:the\s+)?(?:[\w-]+[’']s\s+)?$", re.IGNORECASE)


def _enclosures(event: Event) -> set[str]:
    """The places an event's sentences name to say where another lies, not as items of a list: Tsafe in
    "Nasarawa Mai Fara in Tsafe local government", Bungudu in "Yar Katsina village, Bungudu district"."""
    out: set[str] = set()
    for telling in event.tellings:
        start, text = telling.sentence.start, telling.sentence.text
        named = sorted(telling.places.located, key=lambda m: m.start)
        for a, b in zip(named, named[1:]):
            between = text[a.end - start:b.start - start]
            if len(between) <= 30 and _INSIDE.search(between) and _AREA_NOUN.match(text[b.end - start:b.end - start + 30]):
                out.add(_key(b))
    return out


def _split_by_place(event: Event) -> list[tuple[Optional[Mention], list[Mention], list[Telling]]]:
    """(place, places, tellings) for each incident of an event: one per town or district it names in a list
    ("strikes on Khiyam, Majdal and Taybeh" are three strikes, as ACLED codes an event per location), each
    with the tellings that name only that place or none; otherwise one, with every place and telling. A town
    named to say where another lies is no item of a list: "Nasarawa in Tsafe district" is one place, and
    neither is a place within `NEARBY_KM` of a town named before it (Pétionville after Port-au-Prince)."""
    places = event.places or event.references
    enclosures = _enclosures(event)
    listed = event.listed_regions
    towns: list[Mention] = []
    for m in places:  # a quarter of a town named before is that town's place, not an item of a list
        if m.place is not None and (m.precision <= WherePrecision.DISTRICT or _key(m) in listed) \
                and _key(m) not in enclosures \
                and not any(_near(m, town) for town in towns):
            towns.append(m)
    if len(towns) < 2 or not SPLIT_LISTS:
        return [(None, places, event.tellings)]
    out = []
    for town in towns:
        own = [t for t in event.tellings if not t.places.located or {_key(m) for m in t.places.located} <= {_key(town)}
               or _key(town) in {_key(m) for m in t.places.located}]
        extra = [m for m in places if m.place is None or m not in towns] if town is towns[0] else []
        out.append((town, [town, *extra], own or event.tellings))
    return out


def _dates_its_day(event: Event, kinds: frozenset[str]) -> bool:
    """Whether an event of one of `kinds` has a day of its own that can date the report's events told without one:
    not the day something was said, not a count of the war's days, not history."""
    return event.event_type in kinds and event.date is not None and event.date.strength not in (SPEECH_DAY, DAY_COUNT) \
        and not event.background


def _recalls_recent(events: Sequence[Event], *, published: date) -> bool:
    """Whether the report also tells of violence of the weeks before its news ("In August, missile strikes killed
    seven people in Izium"), not of history (`HISTORY_DAYS`): its violence is of more than one time, so a day it does
    not give is not known to be its news day."""
    recent = (published - timedelta(days=HISTORY_DAYS)).isoformat()
    return any(e.background and e.event_type in VIOLENT_TYPES and e.date is not None and e.date.date.end
               and e.date.strength not in (SPEECH_DAY, DAY_COUNT) and e.date.date.end >= recent for e in events)


def report_day(events: Sequence[Event], *, published: Optional[date], guessed: Optional[date] = None
               ) -> Optional[EventDate]:
    """The day of the report's violence: when every violent event it dates falls on one day in the last
    `UNDATED_DAYS` days up to publication ("Positions near X came under shelling" after "at 00:05 on September 13,
    artillery opened fire"), an event it tells without a day happened on that day too. Without a publication date, the
    `guessed` one (the latest day the report writes) stands for it: "The raids happened on Sunday, 12 March 2023"
    dates the raids told after it, though only those that name no time of their own (`_event_date`). None when
    the dated events disagree, when none is dated, when the report also tells of violence of recent weeks
    (`_recalls_recent`), or when there is no date to count from. "The fighting entered its
    ninth day" dates the war, not an event, and the day something was said is not the day it happened: neither
    counts."""
    published = published or guessed
    if published is None:
        return None
    days = {e.date.date.start for e in events if _dates_its_day(e, VIOLENT_TYPES)}
    dated = [e.date.date for e in events if e.event_type in VIOLENT_TYPES and e.date is not None
             and e.date.date.start in days]
    if len(days) != 1 or not all(d.start == d.end for d in dated) or _recalls_recent(events, published=published):
        return None
    day = date.fromisoformat(next(iter(days)))
    if not published - timedelta(days=UNDATED_DAYS - 1) <= day <= published:
        return None
    return EventDate(day.isoformat(), day.isoformat(), int(DatePrecision.DAY),
                     f"told without a day in a report whose dated violence is all on {day.isoformat()}")


def place_day(event: Event, events: Sequence[Event]) -> Optional[EventDate]:
    """The day of an event told without one at a place where the report's other dated events all happened on one
    day: "At least 26 people were killed when gunmen entered the hospital in the town" after "rebels overran
    Malakal on Tuesday" is Tuesday's. None when the event has a day, no place, or the place's days disagree."""
    if event.date is not None:
        return None
    keys = {_key(m) for m in (event.places or event.references) if m.place is not None}
    dated = [e.date for e in events if e is not event and _dates_its_day(e, _FIGHTING_KINDS)
             and keys & {_key(m) for m in (e.places or e.references) if m.place is not None}]
    days = {(d.date.start, d.date.end) for d in dated}
    if len(days) != 1:
        return None
    start, end = next(iter(days))
    if not start or start != end:
        return None
    return EventDate(start, end, int(DatePrecision.DAY),
                     f"told without a day at the place of the report's event of {start}")


def build_incidents(report: Report, event: Event, *, published: Optional[date],
                    day: Optional[EventDate] = None, at_place: Optional[EventDate] = None,
                    dateline: str = "") -> list[Incident]:
    """The Incidents for one event of the report (step 3 in the module docstring); `published` is None when
    the report's publication date is unknown or only guessed; `day` the report's day (`report_day`), `at_place` the
    day of its events at this event's place (`place_day`), `dateline` its dateline's day without a year."""
    written = date.fromisoformat(report.published) if report.published else None
    kind = event.event_type
    when, background = _event_date(event, published=published, written=written, report_day=day, place_day=at_place,
                                   dateline=dateline)
    first = event.tellings[0]
    incidents = []
    parts = _split_by_place(event)
    listed_keys = {_key(town) for town, _, _ in parts if town is not None}
    first_town = parts[0][0]
    for town, places, tellings in parts:
        listed = town is not None
        # a town's own figures; those told of the whole list ("50 servicemen were killed as a result", "shelling hit
        # X, Y and Z, killing two") stay on the first town's incident, so that the figures on the map add up to the
        # report's, but "nobody was hurt" in the attacks is each town's 0
        figures = [t for t in tellings if not listed
                   or {_key(m) for m in t.places.located} & listed_keys == {_key(town)}
                   or (len({_key(m) for m in t.places.located} & listed_keys) > 1 and town is first_town)
                   or (not {_key(m) for m in t.places.located} & listed_keys
                       and (town is first_town or t.casualties.killed == (0, 0)))]
        if any(t.casualties.killed and t.casualties.killed[0] > 0 for t in figures):
            # "nobody was hurt" beside a count of the dead is of something else the event's sentences tell
            figures = [t for t in figures if t.casualties.killed != (0, 0)]
        killed = _told_figure(figures, "killed", kind=kind)
        wounded = _told_figure(figures, "wounded")
        civilians = _told_figure(figures, "civilians_killed")
        reporter = next((t.claimant for t in figures if t.casualties.killed == killed and killed and t.claimant), "") \
            or next((t.claimant for t in figures if (t.casualties.killed or t.casualties.wounded) and t.claimant), "")
        sources = tuple(_source(report, t, places, with_figures=t in figures) for t in tellings)
        seed = f"{report.content_hash or report.report_id}:{first.sentence.start}"
        if listed and town is not event.places[0]:
            seed += f":{_key(town)}"
        digest = hashlib.sha1(seed.encode()).hexdigest()[:12]
        incidents.append(Incident(
            f"inc-{digest}", kind, EVENT_TYPES[kind].acled_event_type or "", when, tuple(places),
            killed_low=killed[0] if killed else None, killed_high=killed[1] if killed else None,
            wounded_low=wounded[0] if wounded else None, wounded_high=wounded[1] if wounded else None,
            claimant=event.claimant, is_claim=all(t.claimant for t in tellings),
            denied_by=tuple(dict.fromkeys(event.denied_by)), counter_claims=tuple(dict.fromkeys(event.counter_claims)),
            verification=" ".join(dict.fromkeys(event.verification)), sources=sources, corroboration=1,
            casualty_reporter=reporter, civilians_killed_low=civilians[0] if civilians else None,
            civilians_killed_high=civilians[1] if civilians else None, background=background))
    return incidents


GUESSED_BELOW = 0.4  # a publication date this weakly evidenced ("the first Monday after ...") dates no event


def _guessed(report: Report) -> bool:
    """True when the report's publication date is a guess: no anchor for "on Saturday" or "yesterday"."""
    return 0 < report.published_confidence < GUESSED_BELOW


def extract_incidents(report: Report, mentions: Sequence[Mention], *, sentences: Optional[Sequence[Sentence]] = None,
                      conflicts: Optional[Sequence[ConflictProfile]] = None) -> list[Incident]:
    """The incidents, claims and statements told in one report, one per event, each with every sentence telling it."""
    sentences = list(sentences) if sentences is not None else split_sentences(report.text)
    sequels: dict[int, Optional[int]] = {}
    split = []
    for sentence in sentences:
        for clause in split_clauses(sentence):
            head, sequel = sequel_apart(clause)
            split.append(head)
            if sequel is not None:
                split.append(sequel[0])
                sequels[sequel[0].start] = sequel[1]
    clauses = [[part for told in second_event_apart(clause) for part in dated_predicates_apart(told)]
               for clause in split]
    coordinated = frozenset(part.start for told in clauses for part in told[1:])
    parts = [history_apart(part) for told in clauses for part in told]
    # a subject's clause of history comes before the rest of its sentence, the other history clauses after their head
    fronted = [_subject_history_apart(head) if clause is None else None for head, clause in parts]
    parts = [(rest, earlier) if split else pair for pair, split in zip(parts, fronted)
             for earlier, rest in [split or (None, None)]]
    sentences = sorted((part for pair in parts for part in pair if part is not None), key=lambda part: part.start)
    history = frozenset(clause.start for _, clause in parts if clause is not None)
    published = date.fromisoformat(report.published) if report.published and not _guessed(report) else None
    start = fighting_start(report.text, published, conflicts=conflicts)
    guessed = date.fromisoformat(report.published) if report.published and _guessed(report) else None
    weekdays = weekday_dates(report.text, guessed=guessed) if published is None else None
    tellings, qualifiers = read_tellings(report, mentions, sentences, published=published, start=start,
                                         history=history, coordinated=coordinated, guessed=guessed, sequels=sequels,
                                         weekdays=weekdays)
    news = news_days(tellings) if published is None else ()
    if news:  # read again, its weekdays against the days its news is dated by
        tellings, qualifiers = read_tellings(report, mentions, sentences, published=published, start=start,
                                             history=history, coordinated=coordinated, guessed=guessed,
                                             sequels=sequels, weekdays=weekdays, news=news)
    events = join_tellings(tellings)
    place_recalled(events, tellings, mentions)
    attach_qualifiers(events, qualifiers)
    day = report_day(events, published=published, guessed=guessed)
    dateline = yearless_dateline(report.text) if published is None else ""
    return [incident for event in events
            for incident in build_incidents(report, event, published=published, day=day,
                                            at_place=place_day(event, events), dateline=dateline)]


__all__ = ["Event", "HISTORY_DAYS", "Telling", "UNDATED_DAYS", "attach_qualifiers", "build_incidents", "dates_agree",
           "extract_incidents", "history_apart", "join_tellings", "place_day", "place_recalled", "place_relation",
           "read_tellings", "report_area", "report_day", "second_event_apart", "dated_predicates_apart", "sequel_apart", "place_unknown",
           "whereabouts"]
