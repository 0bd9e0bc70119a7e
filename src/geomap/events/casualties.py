"""Casualty figures in a sentence: killed, wounded and missing kept apart, as low..high ranges.

How a figure reads (`figure_range`): an exact number is low = high; "nearly N" is 5N/6 .. N-1
(nearly 300 -> 250..299); "about/some N" is N +- 10 %; "at least N" is N .. unknown, "more than N"
N+1 .. unknown; "up to N" 0..N; "between 10 and 15" and "10 to 15" are ranges; "dozens" 24..99,
"scores" 40..99, "hundreds" 200..999, "thousands" 2000..9999.

Where a figure is (`find_casualties`): a count and a casualty word with up to five words of
description between them, whatever they are ("Twelve Ukrainian soldiers were killed", "90
Palestinians were killed", "11 soldiers and three militia fighters were reportedly killed"),
or a killing verb and its count after it ("killing 12 Sudanese civilians", "left at least 16
soldiers dead", "claimed the lives of 9"), or a toll ("the death toll rose to 30"). Counts
joined by "and" or commas in one list of victims add up, before the verb or after it (15 + 4 = 19; "shot dead two
aid workers and a journalist" 3), and the civilians are the counts that name them ("three soldiers and two civilians":
2); a count with a verb, a place or a speaker of its own is apart ("killed 3 and wounded 5", "two in X and one in Y",
"..., two officials said"). "including 46 civilians"
is a part, kept as the civilian figure; so is an aside on who the counted were ("30 people, six of them
children, died": 30) and "five children were among the dead" (no toll of its own). Counts that are not people (ages, "15-year-old",
times, distances, vehicles, rockets) and figures in a clause about an earlier year ("the
1990s, when some 30,000 people were killed") are left out.

A sentence that says nobody was hurt gives 0, which is a figure, not its absence: "no one
was killed" or "no deaths were reported" 0 killed; "no casualties", "nobody was hurt", "the
attack caused no reported casualties", "neither the crew nor the passengers suffered any
harm" 0 killed and 0 wounded. Only when the sentence gives no count of its own.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Optional

from geomap.events.claimants import SPEECH_VERB
from geomap.sentences import read_once_per_sentence

Range = tuple[int, Optional[int]]

_UNITS = {w: n for n, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen".split())}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
         "ninety": 90}
_WORD_NUMBERS = {**_UNITS, **_TENS, "a dozen": 12, "dozen": 12, "a hundred": 100, "one hundred": 100,
                 "a thousand": 1000, "one thousand": 1000, "a single": 1, "a": 1, "an": 1}
# Vague amounts: (low, high).
VAGUE_AMOUNTS = {"dozens": (24, 99), "scores": (40, 99), "hundreds": (200, 999), "thousands": (2000, 9999),
                 "tens of thousands": (20000, 99999), "hundreds of thousands": (200000, 999999),
                 "several": (3, 9), "a few": (2, 5), "a number of": (2, 9)}

_TENS_RE = "|".join(_TENS)
_UNITS_RE = "|".join(sorted(_UNITS, key=len, reverse=True))
_NUMBER = (rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?(?:\s+(?:million|thousand))?"
           rf"|tens of thousands|hundreds of thousands|dozens|scores|hundreds|thousands|several|a few|a number of"
           rf"|a dozen|(?:a|one) hundred|(?:a|one) thousand|a single"
           rf"|(?:{_TENS_RE})(?:[- ](?:{_UNITS_RE}))?|{_UNITS_RE})")
_QUALIFIER = (r"(?:(?P<q>nearly|almost|close to|just under|about|around|approximately|roughly|some|an estimated"
              r"|at least|more than|over|upwards of|up to|as many as|a total of|total of|another|a further"
              r"|fewer than|less than)\s+)?")
_COUNT = rf"{_QUALIFIER}(?P<n>{_NUMBER})(?:\s*(?:-|to|and|or)\s*(?P<n2>{_NUMBER}))?(?:\s+of)?"
_BETWEEN = rf"between\s+(?P<b1>{_NUMBER})\s+and\s+(?P<b2>{_NUMBER})"

# "hacked to death 12 villagers", "stabbed two aid workers to death": killings told by how they were done.
_KILLED_BY = r"(?:hack|stabb|beat|burn|bludgeon|clubb|ston)(?:ed|ing|en|t)?"
_TO_DEATH = rf"{_KILLED_BY}\s+to\s+death"
# The casualty word after a count, and the killing verb before one.
_DEAD_AFTER = (r"(?:killed|dead\b(?!\s+(?:person|body|man|woman|people|soldier|child))|died|deaths?|lives|fatalities"
               r"|perished|bodies|lost their lives|were slain|slain|shot dead|executed|massacred|murdered"
               rf"|killed|casualties|(?:were\s+|was\s+)?{_TO_DEATH})")
_WOUNDED_AFTER = r"(?:wounded|injured|hurt|injuries|casualties(?= (?:were|are) (?:wounded|injured)))"
_MISSING_AFTER = r"(?:missing|unaccounted for|kidnapped|abducted|taken hostage)"
_KILL_BEFORE = (r"(?:killing|killed|kills|kill|left|leaving|leaves|claimed the lives of|claiming the lives of"
                r"|claimed|claiming|shot dead|shooting dead|shot and killed|lost|massacred|executed|murdered"
                rf"|slaughtered|took the lives of|taking the lives of|{_TO_DEATH})")
_WOUND_BEFORE = r"(?:wounding|wounded|injuring|injured|wounds|injures|hurting|hurt)"
_CASUALTY_WORD = (r"(?:killed|kill|killing|dead|died|deaths?|wounded|wounding|injured|injuring|hurt|missing|kidnapped"
                  r"|abducted|and|or|to|of|in|on|at|by|from|with|since|after|when)")
# Up to five words of whatever describes the victims between a count and its verb ("Ukrainian soldiers were
# reportedly"), but never another count or casualty word, so "nine killed and 34 wounded" keeps its two figures.
_DESC_WORD = rf"(?!(?:{_CASUALTY_WORD}|{_NUMBER})\b)[\w’'-]+"
# Inside a count's description "and" joins kinds of victims ("10 soldiers and civilians were killed").
_VICTIM_WORD = rf"(?:(?:and|or)\s+)?{_DESC_WORD}"
_DESCRIPTION = rf"(?:{_VICTIM_WORD},?\s+){{0,5}}?"
_NOT_PEOPLE = re.compile(  # whole words: "villages" is not people, "villagers" are
    r"^\s*(?:%|\$|:\d|(?:per ?cent|percent|km|kilomet\w*|miles?|metres?|meters?|kg|tons?|tonnes?|years?|year-old"
    r"|-year\w*|months?|weeks?|days?|hours?|minutes?|a\.m|p\.m|am|pm|o'clock|vehicles?|trucks?|cars?|rockets?"
    r"|missiles?|shells?|drones?|tanks?|homes?|houses?|buildings?|villages?|towns?|districts?|provinces?"
    r"|million\s+(?:dollars|euros)|times|rounds?|aircraft|planes?|jets?|boats?|dollars|euros)(?![\w-]))",
    re.IGNORECASE)
# An aside between commas that says who some or all of the counted were ("Fifty-two people, five of them children,
# died", "four civilians, including three children, were killed", "Four people, members of one family, died"): read past, so its count is neither added nor taken for the toll.
_ASIDE_ON_THE_COUNTED = re.compile(
    rf",\s+(?:(?:{_QUALIFIER}){_NUMBER}\s+(?:of them|of whom)|including\s+{_NUMBER}|(?:most|many|all|some|half|none) of (?:them|whom)"
    rf"|among them|members of (?:one|a|a single|the same) (?:family|household))\b[^,.;:]{{0,60}},", re.IGNORECASE)
# "18 members of two families died", "Eleven people from one village were killed": the count before "of" or "from"
# is the dead, the one after it the groups they came from.
_GROUPED_BEFORE = re.compile(rf"(?<![\w.,-]){_QUALIFIER}(?P<n>{_NUMBER})\s+(?:[\w’'-]+\s+){{1,2}}?(?:of|from)\s+$",
                             re.IGNORECASE)
# "Four children were among the dead": a part of a toll told before, not a toll.
_AMONG_THE = re.compile(r"\bamong\s+(?:the|those)\s*$", re.IGNORECASE)

_NOT_AFTER_NO = r"(?<![Nn]o )"  # "no one was killed" is nobody, not one
# "Two suicide bombers killed 20 people": a count before an active verb is the killers, not the dead.
_KILLERS = rf"(?!\s+(?:(?:at least|more than|nearly|about|some|over|another|up to|as many as)\s+)?{_NUMBER}\b)"
_DEAD_FIRST = re.compile(rf"{_NOT_AFTER_NO}(?<![\w.,-]){_COUNT}\s+(?P<desc>{_DESCRIPTION})(?P<verb>{_DEAD_AFTER})\b{_KILLERS}",
                         re.IGNORECASE)
# The words for people a killing verb's count may end on: "killing 12 workers", "shot dead two police officers".
_PEOPLE_COUNTED = (r"people|persons|civilians|soldiers|servicemen|troops|fighters|militants|men|women|children|villagers"
                   r"|residents|others|officers|policemen|police|members|workers|personnel|worshippers|passengers|students"
                   r"|peacekeepers|journalists|doctors|nurses|medics|teachers|patients|relatives|guests|mourners|shoppers"
                   r"|protesters|demonstrators|fishermen|bystanders|pedestrians|refugees|migrants|detainees|prisoners"
                   r"|inmates|traders|vendors|shopkeepers|merchants|drivers|passers-by"
                   r"|labou?rers|employees|staff|tourists|cadets|conscripts|sailors|crew|rescuers|paramedics|firefighters"
                   r"|boys|girls|teenagers|youths|infants|babies|volunteers|officials"
                   r"|insurgents|rebels|terrorists|militiamen|guards|gendarmes|recruits|pilgrims|miners|farmers|herders"
                   r"|family|families|suspects|gunmen|assailants|attackers|bandits|jihadists|extremists|kidnappers|hostages")
# Two such words make one noun ("police officers", "family members"): the count ends on the second, so a person
# joined after it ("two police officers and a child") is read as part of the list.
_DEAD_VERB_FIRST = re.compile(
    rf"\b{_KILL_BEFORE}\s+(?:(?:only|just|another)\s+)?{_COUNT}(?P<desc>\s+(?:{_DESC_WORD}\s+){{0,4}}?)"
    rf"(?:(?:(?:{_PEOPLE_COUNTED})(?:\s+(?:{_PEOPLE_COUNTED}))?"
    rf"|(?-i:[A-Z][\w’'-]+)(?:\s+(?!(?:this|was|has|his|its|thus|plus)\b)(?-i:[a-z][\w’'-]+s))?)\b"
    rf"(?:\s+dead)?)", re.IGNORECASE)  # "two Indian peacekeepers": a capitalised word and the plural it describes
# A bare count after a killing verb: "killed two and injured 12", "killing nine".
_BARE_END = r"(?=\s*(?:$|[.,;:]|\s+(?:and|in|on|at|when|as|during|while|after|including|near|inside|across)\b))"
_DEAD_VERB_BARE = re.compile(rf"\b(?:killing|killed|kills|kill|shot dead|shooting dead|massacred|executed)\s+{_COUNT}{_BARE_END}",
                             re.IGNORECASE)
_DEAD_TO_DEATH = re.compile(rf"\b{_KILLED_BY}\s+{_COUNT}\s+"
                            rf"(?P<desc>(?:[\w’'-]+\s+){{0,3}}?)to\s+death\b", re.IGNORECASE)
_WOUNDED_VERB_BARE = re.compile(rf"\b{_WOUND_BEFORE}\s+(?:another\s+)?{_COUNT}{_BARE_END}", re.IGNORECASE)
_WOUNDED_FIRST = re.compile(rf"{_NOT_AFTER_NO}(?<![\w.,-]){_COUNT}\s+(?P<desc>{_DESCRIPTION})(?P<verb>{_WOUNDED_AFTER})\b",
                            re.IGNORECASE)
_WOUNDED_VERB_FIRST = re.compile(rf"\b{_WOUND_BEFORE}\s+(?:another\s+)?{_COUNT}\s+(?:[\w’'-]+\s+){{0,3}}?"
                                 rf"(?:people|persons|civilians|soldiers|others|[a-z]+s)\b", re.IGNORECASE)
_MISSING_FIRST = re.compile(rf"{_NOT_AFTER_NO}(?<![\w.,-]){_COUNT}\s+(?P<desc>{_DESCRIPTION})(?:(?:are|were|remain|remained|"
                            rf"still|reported|have been|had been)\s+)*(?P<verb>{_MISSING_AFTER})\b", re.IGNORECASE)
_TOLL = re.compile(rf"\b(?:death toll|toll|number of (?:people |those )?(?:killed|dead|deaths|fatalities)|fatalities)"
                   rf"(?:,?\s+[\w’'-]+){{0,20}}?,?\s+(?:rose|rises|risen|climbed|climbs|reached|reaches|stands|stood|stand|is|was"
                   rf"|jumped|increased|grew|hit|at)\s+(?:to\s+|at\s+)?{_COUNT}\b", re.IGNORECASE)
# One person told with "a"/"an", which counts only before a word for a person: "an elderly man was killed", "a
# soldier died", "killing a child" (never "a car bomb killed", "a strike killed the commander").
_PERSON = (r"(?:man|woman|boy|girl|child|baby|infant|toddler|teenager|youth|person|civilian|soldier|serviceman|policeman"
           r"|policewoman|police officer|officer|gendarme|guard|fighter|militant|rebel|insurgent|commander|farmer|herder"
           r"|shepherd|fisherman|resident|villager|journalist|reporter|photographer|doctor|nurse|medic|paramedic|worker"
           r"|student|teacher|driver|trader|vendor|shopkeeper|merchant|monk|priest|imam|pilgrim|pedestrian|bystander"
           r"|passer-by|mother|father|son|daughter"
           r"|volunteer|neighbou?r|wife|husband|brother|sister|uncle|aunt|cousin|nephew|niece|grandson|granddaughter"
           r"|grandmother|grandfather)")
# "a" or a possessive before the person: "killing her neighbour and his two sons" is three.
_A_PERSON = rf"(?<![\w.,-])(?:an?|his|her|their)\s+(?:(?!{_CASUALTY_WORD}\b)[\w’'-]+\s+){{0,2}}?{_PERSON}"
_ONE_DEAD = re.compile(rf"{_A_PERSON}\s+(?:(?:was|has\s+been|had\s+been)\s+(?:killed|shot dead|slain|executed|murdered)"
                       rf"|died|was\s+dead)\b"
                       rf"|\b(?:killing|killed|shot dead|shooting dead)\s+{_A_PERSON}(?![\w-])", re.IGNORECASE)
_MORE_DEAD = re.compile(rf"\s*,?\s+and\s+(?:her|his|their|its)?\s*{_COUNT}\s+[\w’'-]+", re.IGNORECASE)
_BETWEEN_DEAD = re.compile(rf"\b{_BETWEEN}\s+(?:[\w’'-]+\s+){{0,4}}?(?:{_DEAD_AFTER})\b", re.IGNORECASE)
_PART = re.compile(rf"\b(?:including|among them|of them|of whom)\s+{_COUNT}\s+(?P<who>[\w’'-]+)", re.IGNORECASE)
# Civilians by what they are or do, in any war: the one list that tells a civilian's death (here) and a civilian
# target (`geomap.events.mentions.CIVILIAN_TARGETS`). Doctors, aid workers and journalists are civilians, as in
# ACLED and the laws of war, wherever they die.
CIVILIAN_PEOPLE = (r"civilians?|villagers?|residents?|worshippers?|passengers?|pilgrims?|students?|children|women"
                   r"|families|family|farmers?|herders?|displaced|refugees?|doctors?|nurses?|medics?|paramedics?"
                   r"|(?:health|healthcare|aid|humanitarian|relief|medical|rescue) workers?|journalists?|reporters?"
                   r"|teachers?|patients?|child|traders?|vendors?|shopkeepers?|merchants?")
_CIVILIAN_WORDS = re.compile(rf"\b(?:{CIVILIAN_PEOPLE})\b", re.IGNORECASE)

# Whose dead a figure counts, when it names them: a state's forces, the armed groups they fight, or civilians. Figures
# of two sides told in two sentences are two parts of the event's toll (`geomap.events.extract`); two figures of one
# side are two tellings of one part.
SIDES: tuple[tuple[str, re.Pattern], ...] = tuple((side, re.compile(pattern, re.IGNORECASE)) for side, pattern in (
    ("forces", r"\b(?:soldiers?|troops|servicem[ae]n|service members|police(?:m[ae]n|\s+officers)?|gendarmes?|guards(?:men)?"
               r"|security (?:forces|personnel|members)|army|military personnel|personnel|officers?|conscripts|recruits)\b"),
    ("armed groups", r"\b(?:militants?|insurgents?|rebels?|fighters|jihadists?|attackers|assailants|gunmen|militiam[ae]n|vigilantes?"
                     r"|militia (?:members|fighters)|terrorists?|bandits?|extremists?|gang members|raiders|suspects)\b"),
    ("civilians", _CIVILIAN_WORDS.pattern),
))
# Armed, whichever side: a count that names any of them is not of civilians alone ("four civilian volunteers
# (militia)" are a militia's dead).
ARMED_PEOPLE = re.compile("|".join(pattern.pattern for side, pattern in SIDES if side != "civilians")
                          + r"|\b(?:fighter|guard|commanders?|combatants|militias?)\b", re.IGNORECASE)
_PAST_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)s?\b")


def figure_range(number: str, qualifier: str = "") -> Optional[Range]:
    """(low, high) for a figure as written: "nine" -> (9, 9), "nearly 300" -> (250, 299), "hundreds" -> (200, 999).

    None for high means no upper bound was given ("at least 5").
    """
    word = " ".join(number.lower().split())
    if word in VAGUE_AMOUNTS:
        return VAGUE_AMOUNTS[word]
    n = number_value(word)
    if n is None:
        return None
    q = " ".join((qualifier or "").lower().split())
    if q in ("nearly", "almost", "close to", "just under", "fewer than", "less than"):
        return math.ceil(n * 5 / 6), max(n - 1, 0)
    if q in ("about", "around", "approximately", "roughly", "some", "an estimated"):
        return math.floor(n * 0.9), math.ceil(n * 1.1)
    if q == "at least":
        return n, None
    if q in ("more than", "over", "upwards of"):
        return n + 1, None
    if q in ("up to", "as many as"):
        return 0, n
    return n, n


def number_value(word: str) -> Optional[int]:
    """The number a count is written as ("12", "1,200", "two", "a", "forty-one", "3 million"), or None ("several")."""
    word = word.replace(",", "")
    scale = 1
    for name, factor in (("million", 1_000_000), ("thousand", 1000)):
        if word.endswith(" " + name):
            word, scale = word[: -len(name) - 1].strip(), factor
    try:
        return int(float(word) * scale)
    except ValueError:
        pass
    if word in _WORD_NUMBERS:
        return _WORD_NUMBERS[word] * scale
    parts = re.split(r"[- ]", word)
    if len(parts) == 2 and parts[0] in _TENS and parts[1] in _UNITS:
        return (_TENS[parts[0]] + _UNITS[parts[1]]) * scale
    return None


@dataclass(frozen=True, slots=True)
class Casualties:
    """Killed, wounded and missing figures read from one sentence, with the civilians among the killed."""

    killed: Optional[Range] = None
    wounded: Optional[Range] = None
    civilians_killed: Optional[Range] = None
    missing: Optional[Range] = None
    killed_side: str = ""  # whose dead the killed figure counts (`SIDES`): "" when it does not say, or counts several

    def __bool__(self) -> bool:
        return bool(self.killed or self.wounded)


def _count(match: re.Match, *, first: str = "n", second: str = "n2") -> Optional[Range]:
    low = figure_range(match[first], match.groupdict().get("q") or "")
    if low is None:
        return None
    if match.groupdict().get(second):
        high = figure_range(match[second])
        if high is not None and high[0] > low[0]:
            return low[0], high[1]
    return low


def _add(a: Range, b: Range) -> Range:
    high = None if a[1] is None or b[1] is None else a[1] + b[1]
    return a[0] + b[0], high


def _is_people(sentence: str, end: int) -> bool:
    """False when the count is followed by a unit or object that is not people ("15 km", "three rockets")."""
    return not _NOT_PEOPLE.match(sentence[end:end + 24])


_JOINED_BEFORE = re.compile(rf"(?<![\w.,-]){_QUALIFIER}(?P<n>{_NUMBER})(?:\s+{_DESC_WORD}){{0,3}}?"
                            rf"(?P<link>\s*,\s*(?:and\s+)?|\s+and\s+)$", re.IGNORECASE)
_JOINED_AFTER = re.compile(rf"^\s*(?:,\s*(?:and\s+)?|and\s+){_QUALIFIER}(?P<n>{_NUMBER})\s+(?P<desc>(?:{_DESC_WORD}\s*){{1,3}})",
                           re.IGNORECASE)

# A count with a casualty verb of its own after its description, or the object of a verb before it, is a figure apart.
_OWN_VERB = re.compile(rf"(?:\s+{_DESC_WORD}){{0,5}}?\s+(?:(?:were|was|are|is|have been|had been|been)\s+)?"
                       rf"(?:{_DEAD_AFTER}|{_WOUNDED_AFTER}|{_MISSING_AFTER})\b", re.IGNORECASE)
_VERB_ENDS = re.compile(rf"\b(?:{_KILL_BEFORE}|{_WOUND_BEFORE})\s+(?:{_QUALIFIER})?$", re.IGNORECASE)


# One person joined to a count with "a"/"an": in the words between the count and its verb ("three soldiers and a
# civilian were killed" is four), before the count ("a soldier and two civilians were killed" is three), or after
# a killing verb's count ("shot dead two aid workers and a journalist" is three).
_ONE_JOINED_INSIDE = re.compile(rf"(?:\s+and|,)\s+{_A_PERSON}\b", re.IGNORECASE)
_ONE_JOINED_BEFORE = re.compile(rf"{_A_PERSON}(?P<link>\s*,\s*(?:and\s+)?|\s+and\s+)(?:(?:her|his|their)\s+)?$",
                                re.IGNORECASE)
_ONE_JOINED_AFTER = re.compile(rf"^(?:\s*,\s*(?:and\s+)?|\s+and\s+){_A_PERSON}\b", re.IGNORECASE)

Part = tuple[Range, str]  # one count of a sum and the words that say who it counts
# A count or person after a list is its speaker when a verb of speech follows: "killed six policemen, two officials
# said", "killed two soldiers, and a police officer said ...".
_SPEAKER = re.compile(rf"(?:\s+[\w’'-]+){{0,3}}?\s+(?:(?:also|later|had|has)\s+)?{SPEECH_VERB}\b", re.IGNORECASE)
_GLOSS = re.compile(r"\s*\([^()]{1,40}\)")  # "and four civilian volunteers (militia)": who the count's words mean


def _summed(sentence: str, match: re.Match, figure: Range) -> tuple[Range, list[Part]]:
    """A figure with the counts joined to it in one list of victims, and each count with its words (whose dead they
    are): "11 soldiers and three militia fighters were killed" is 14, "killing 12 workers, six police officers and a
    family" 18, "three soldiers and a civilian were killed" 4, "shot dead two aid workers and a journalist" 3. A count
    with a verb or a place of its own is not joined ("killed nine and wounded 34", "two in X and one in Y")."""
    total = figure
    if "verb" in match.re.groupindex:  # count first: joined counts stand before it, a lone person among its words
        inside = list(_ONE_JOINED_INSIDE.finditer(match["desc"] or ""))
        parts = [(figure, _ONE_JOINED_INSIDE.sub(" ", match.group(0)))] + [((1, 1), one.group(0)) for one in inside]
        base = max(0, match.start() - 200)
        before = sentence[base:match.start()]
        while ((joined := _JOINED_BEFORE.search(before)) and _is_people(before, joined.end("n"))) \
                or (joined := _ONE_JOINED_BEFORE.search(before)):
            if "and" not in joined["link"] and before[:joined.start()].strip():
                break  # a comma alone lists counts only where they open the line: "15 soldiers, four militiamen killed"
            if _VERB_ENDS.search(before[:joined.start()]):
                break  # "killing two officers, and 11 others were wounded": that count is another verb's
            extra = figure_range(joined["n"], joined["q"] or "") if "n" in joined.re.groupindex else (1, 1)
            if extra is None:
                break
            parts.append((extra, joined.group(0)))
            before = before[:joined.start()]
    else:  # verb first: joined counts follow it
        parts = [(figure, match.group(0))]
        after = sentence[match.end():match.end() + 200]
        while True:
            if (joined := _JOINED_AFTER.match(after)) and _is_people(after, joined.end("n")):
                if re.match(rf"\s*{_CASUALTY_WORD}\b", after[joined.end("n"):], re.IGNORECASE) \
                        or _OWN_VERB.match(after, joined.end("n")) or _SPEAKER.match(after, joined.end("n")):
                    break  # "killed nine and wounded 34", "killing two, and 11 others were wounded": another kind
                extra = figure_range(joined["n"], joined["q"] or "")
            elif joined := _ONE_JOINED_AFTER.match(after):
                if _OWN_VERB.match(after, joined.end()) or _SPEAKER.match(after, joined.end()):
                    break  # "killing two soldiers, and a civilian was wounded"
                extra = (1, 1)
            else:
                break
            if extra is None:
                break
            gloss = _GLOSS.match(after, joined.end())
            parts.append((extra, joined.group(0) + (gloss.group(0) if gloss else "")))
            after = after[joined.end():]
    for extra, _ in parts[1:]:
        total = _add(total, extra)
    return total, parts


def _civilians_among(killed: Range, parts: list[Part]) -> Optional[Range]:
    """The civilians among the dead a sum counts: all of them when the count the verb tells names civilians and no
    count names an armed side ("three villagers and a child"), else the counts that name civilians and no armed side
    ("three soldiers and two civilians" 2, "killed two soldiers and a civilian" 1); None when none does."""
    def civilian(words: str) -> bool:
        return bool(_CIVILIAN_WORDS.search(words)) and not ARMED_PEOPLE.search(words)
    if civilian(parts[0][1]) and not any(ARMED_PEOPLE.search(words) for _, words in parts):
        return killed
    civilians = None
    for figure, words in parts:
        if civilian(words):
            civilians = figure if civilians is None else _add(civilians, figure)
    return civilians


def _historic(sentence: str, position: int, published_year: Optional[int]) -> bool:
    if published_year is None:
        return False
    clause_start = max(sentence.rfind(",", 0, position), sentence.rfind(";", 0, position), 0)
    window = sentence[max(0, clause_start - 60):position + 40]
    return any(int(m.group(1)) < published_year for m in _PAST_YEAR.finditer(window))


def _first(sentence: str, patterns, *, published_year: Optional[int], summed: bool = True
           ) -> tuple[Optional[Range], Optional[re.Match], list[Part]]:
    """The first figure the patterns find, the match, and every count summed into it with its words."""
    candidates = sorted((m for pattern in patterns for m in pattern.finditer(sentence)), key=lambda m: m.start())
    for match in candidates:
        number_end = match.end("n2") if match.groupdict().get("n2") else match.end("n") if "n" in match.re.groupindex \
            else match.end("b2")
        grouped = _GROUPED_BEFORE.search(sentence[max(0, match.start() - 60):match.start()])
        if grouped and "verb" in match.re.groupindex and _is_people(grouped.string, grouped.end("n")) \
                and not _historic(sentence, match.start(), published_year):
            figure = figure_range(grouped["n"], grouped["q"] or "")  # the groups' own count may be villages
            if figure:
                return figure, match, [(figure, grouped.group(0) + match.group(0))]
        if not _is_people(sentence, number_end) or _historic(sentence, match.start(), published_year):
            continue
        if re.search(r"\b(?:including|among them|of them|of whom)\s*$", sentence[max(0, match.start() - 16):
                                                                                  match.start()], re.IGNORECASE):
            continue  # a part of a figure given before
        if "verb" in match.re.groupindex and _AMONG_THE.search(sentence[max(0, match.start("verb") - 16):
                                                                         match.start("verb")]):
            continue
        if "b1" in match.re.groupindex:
            low, high = figure_range(match["b1"]), figure_range(match["b2"])
            if low and high:
                return (low[0], high[1]), match, [((low[0], high[1]), match.group(0))]
            continue
        figure = _count(match)
        if figure is None:
            continue
        if not summed:
            return figure, match, [(figure, match.group(0))]
        total, parts = _summed(sentence, match, figure)
        return total, match, parts
    return None, None, []


_HARM = r"(?:harm(?:ed)?|hurt|injur\w*|casualt\w+|wounded)"
_NOBODY_WAS = r"no(?:\s+one|body)\s+(?:was\s+|were\s+|has\s+been\s+|had\s+been\s+)?"  # "no one was", "nobody has been"
_NOBODY_HURT = re.compile(
    rf"\b(?:{_NOBODY_WAS}(?:reported\s+)?{_HARM}"
    rf"|(?:caused|causing|suffered|suffering|sustained|reported|left|with|were)\s+no\s+(?:reported\s+)?{_HARM}"
    rf"|without\s+(?:causing\s+)?(?:any\s+)?{_HARM}|^\s*no\s+(?:reported\s+)?{_HARM}"
    rf"|\bneither\b[^.;]{{1,120}}?\b(?:suffered|sustained|was|were)\s+(?:any\s+)?{_HARM})", re.IGNORECASE)
_NOBODY_DEAD = re.compile(
    rf"\b(?:{_NOBODY_WAS}(?:killed|died|dead)"
    r"|no\s+(?:deaths|fatalities|lives\s+lost)\b)", re.IGNORECASE)


def _side(words: str) -> str:
    """The one side (`SIDES`) whose dead `words` count, or "" (none named, or more than one)."""
    named = [side for side, pattern in SIDES if pattern.search(words)]
    return named[0] if len(named) == 1 else ""


@read_once_per_sentence
def find_casualties(sentence: str, *, published_year: Optional[int] = None) -> Casualties:
    """The killed, wounded and missing figures of a sentence (the rules in the module docstring)."""
    told = _ASIDE_ON_THE_COUNTED.sub(lambda m: " " * len(m.group(0)), sentence)
    killed, match, parts = _first(told, (_DEAD_FIRST, _DEAD_VERB_FIRST, _DEAD_VERB_BARE, _DEAD_TO_DEATH, _TOLL,
                                               _BETWEEN_DEAD), published_year=published_year)
    civilians = _civilians_among(killed, parts) if killed else None
    side = ""
    if killed and match is not None and "n" in match.re.groupindex:
        # a sum is one side's when every count names it ("two aid workers and a journalist"), no one side's when the
        # counts name two ("11 soldiers and three militiamen") or one names none ("three soldiers and two others")
        sides = {_side(words) for _, words in parts}
        side = "civilians" if civilians == killed else sides.pop() if len(sides) == 1 else ""
    part = _PART.search(sentence)
    if killed and part and _CIVILIAN_WORDS.search(part["who"]):
        civilians = figure_range(part["n"], part["q"] or "")
    wounded, _, _ = _first(told, (_WOUNDED_FIRST, _WOUNDED_VERB_FIRST, _WOUNDED_VERB_BARE),
                        published_year=published_year)
    missing, _, _ = _first(told, (_MISSING_FIRST,), published_year=published_year)
    if killed is None:
        one = _ONE_DEAD.search(sentence)
        if one is not None and not _historic(sentence, one.start(), published_year):
            killed, side = (1, 1), _side(one.group(0))
            civilians = None if ARMED_PEOPLE.search(one.group(0)) else (1, 1)  # "killing a commander": no civilian
            more = _MORE_DEAD.match(sentence, one.end())  # "killing a farmer and his three sons"
            if more is not None and _is_people(sentence, more.end("n")) and figure_range(more["n"], more["q"] or ""):
                killed, side = _add(killed, figure_range(more["n"], more["q"] or "")), ""
                civilians = killed if civilians else None
            side = "civilians" if civilians else side  # "an elderly man": no side's word, but a civilian's death
    if killed is None and wounded is None:
        if _NOBODY_HURT.search(sentence):
            killed, wounded = (0, 0), (0, 0)
        elif _NOBODY_DEAD.search(sentence):
            killed = (0, 0)
    return Casualties(killed, wounded, civilians, missing, side if killed else "")


__all__ = ["ARMED_PEOPLE", "CIVILIAN_PEOPLE", "Casualties", "SIDES", "VAGUE_AMOUNTS", "figure_range", "find_casualties", "number_value"]
