"""Place names the gazetteer lacks, found by how the text presents them, and names it spells otherwise.

A report names a place it needs no gazetteer to name: "the towns of Intezayane, Bakorat and
Woursanat", "Bunagana, a border town", "CARREFOUR-FEUILLES, Haiti —", "Kutum, Kabkabiya and
Tawila" (a list whose known members are places), "the village of X". Such names are kept with
their spans; a name the gazetteer knows under another spelling ("Tarhouna" for Tarhuna, "Binish"
for Binnish) is looked up among the places of the countries the report is about.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right, insort
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Iterator, Mapping, NamedTuple

import ahocorasick

from geomap.gazetteer.english import is_ordinary_word
from geomap.geoparse.recognize import (CALENDAR_WORDS, GOVERNMENT_HEADS, ORGANISATION_HEADS, PEOPLE_BEFORE,
                                       PEOPLE_NOUNS, PERSON_TITLES, PLACE_HEADS, SITE_WORDS, SPEECH_VERBS, STREET_WORDS, PLURAL_PLACE_HEADS, WEAK_LOCATIVE_CUES, NameSpan, ReportText,
                                       head_kind, locative_before, word_after)

_UPPER = "A-ZÀ-ÖØ-Þ"
# A capitalised word; an apostrophe inside it ("O'Donnell") but not a possessive ("Beni's").
_WORD = rf"[{_UPPER}][\w-]*(?:['’](?!s\b)[\w-]+)*"
# A lower-case particle hyphen-joined inside a name ("Jurf al-Sakhar", "Pul-e-Sokhta", "Rostov-on-Don"); not an
# English prefix or link ("pro-Russian", "Kyiv-to-Lviv").
_NOT_PARTICLES = ("pro", "non", "mid", "ex", "sub", "co", "to", "and", "or", "vs")
_PARTICLE = rf"(?!(?:{'|'.join(_NOT_PARTICLES)})-)[a-z]{{1,3}}-"
# One to three capitalised words: "Bunagana", "Nerkin Hand", "Nasarawa Mai Fara", "Tell al-Hawa".
_NAME = rf"{_WORD}(?: (?:{_PARTICLE})?{_WORD}){{0,2}}"
_SEPARATOR = r"(?:,\s+(?:and\s+|or\s+)?|\s+(?:and|or|&)\s+)"
_LIST = re.compile(rf"(?<![\w’'-])({_NAME})((?:{_SEPARATOR}{_NAME})+)")
_MEMBER = re.compile(_NAME)
_DATELINE = re.compile(rf"^[ \t]*([{_UPPER}][{_UPPER}’'-]+(?:[ -][{_UPPER}][{_UPPER}’'-]+){{0,2}})(?=,\s+[{_UPPER}]|\s*\(|\s+[-–—])",
                       re.MULTILINE)
_APPOSITION = re.compile(
    rf"(?<![\w’'-])({_NAME}),\s+(?:a|an)\s+(?:[\w-]+\s+){{0,3}}?"
    r"(?:town|village|city|settlement|neighbourhood|neighborhood|district|suburb|port|community|locality|hamlet|"
    r"commune|municipality|region|province)\b")
_OF_WORDS = ("village", "town", "city", "settlement", "district", "region", "province", "neighbourhood", "neighborhood",
             "localities", "locality", "community", "municipality", "commune")
_OF_HEADS = frozenset(_OF_WORDS)
_OF_PATTERN = re.compile(rf"\b(?:{'|'.join(_OF_WORDS)})\s+of\s+({_NAME})")
_NEAR_WORDS = ("near", "outside")
# Where a name after a cue ends: at a stop or before a word that goes on the sentence, not inside a longer
# capitalised name ("near Al Shifa Medical Complex" gives no "Al Shifa").
_NAME_ENDS = r"(?=\s*[,.;]|\s+(?:and|on|in|at|after|before|where|was|were)\b)"
_NEAR_PATTERN = re.compile(rf"\b(?:{'|'.join(_NEAR_WORDS)})\s+(?:the\s+)?({_NAME}){_NAME_ENDS}")
# "the coastal strip east of X", "12 km north-west of X": a name a distance is measured from is a place.
_COMPASS_WORDS = ("north", "south", "east", "west")
_COMPASS_HEADS = frozenset(_COMPASS_WORDS)
_COMPASS_OF = re.compile(rf"(?:{'|'.join(_COMPASS_WORDS)})\s+of\s+({_NAME}){_NAME_ENDS}")
# "the hospital at X", "a school in X": a name a site stands in is a place.
_SITE_IN = re.compile(rf"(?<![\w-])(?:{'|'.join(sorted(SITE_WORDS))})s?\s+(?:at|in)\s+({_NAME}){_NAME_ENDS}")
# "an army post in Dioura, in Mali's Segou region", "militants struck Inates in northern Niger": a name
# after a locative or attack verb that the text puts in a place is a place.
_PUT_IN_WORDS = ("in", "near", "outside", "struck", "attacked", "shelled", "bombed", "raided", "stormed", "overran")
_PUT_IN = re.compile(rf"\b(?:{'|'.join(_PUT_IN_WORDS)})\s+({_NAME}),?\s+in\s+(?:the\s+)?"
                     rf"(?:(?:north|south|east|west|central|north-?east|north-?west|south-?east|south-?west)(?:ern)?\s+)?"
                     rf"({_WORD})")
# "fighting at Jurf al-Sakhar", "a strike in Deir al-Balah": a name with an Arabic article inside it, right after "at" or
# "in" and ending there, is a place (a person's such name is not written after "at": "at al-Baghdadi's" is a possessive).
_ARTICLE = r"(?:al|el|ad|ar|as|ash|at|az|an|ed|er|es|ez|ul)-"
_AT_WORDS = ("at", "in")
# Not where words were said or printed: "said in Asharq al-Awsat", "an interview in Rai al-Youm" name a newspaper.
_PRINTED_IN = ("published", "quoted", "reported", "appeared", "interview", "article", "column", "editorial",
               *SPEECH_VERBS)
_AT_ARTICLE_NAME = re.compile("".join(rf"(?<!\b{word} )" for word in sorted(_PRINTED_IN))
                              + rf"\b(?:at|in)\s+({_WORD} {_ARTICLE}{_WORD}(?: {_WORD})?){_NAME_ENDS}")
_HEAD_WORDS = ("village", "settlement", "district", "neighbourhood", "neighborhood", "woreda", "woredas", "locality",
               "municipality", "commune", "province", "region", "zone", "junction", "township", "Local Government")
_HEAD_AFTER = re.compile(
    rf"(?<!\b[Aa] )(?<!\b[Aa]n )(?<!\b[Aa]nother )(?<![\w’'-])({_NAME})\s+(?:{'|'.join(_HEAD_WORDS)})\b")
# Where the patterns above can match, found by scans the regex engine runs at C speed (a literal
# first character): a pattern that opens with a lookbehind or a capital is otherwise tried at
# every character of the text, which cost geocode a fifth of its time.
_COMMA_SEPARATOR = re.compile(rf",\s+(?:and\s+|or\s+)?[{_UPPER}]")
_CONJUNCTION = re.compile(rf"(?:and|or|&)\s+[{_UPPER}]")
_APPOSITION_TAIL = re.compile(r",\s+an?\s")
_OF = re.compile(r"of\s")

# Capitalised words that belong to a place's name: "Niger River", "Bekaa Valley", "Lake Chad".
WATER_HEADS = frozenset({"River", "Sea", "Lake", "Gulf", "Strait", "Bay"})
LAND_HEADS = frozenset({"Valley", "Mountains", "Peninsula", "Desert", "Plateau", "Plain", "Hills"})
_NAME_HEAD = re.compile(r" (River|Sea|Valley|Mountains|Peninsula|Desert|Plateau|Plain|Hills|People['’]s Republic|Republic)\b")
_HEAD_BEFORE = re.compile(r"\b(Lake|Gulf of) $")
# The rest of a longer name after a known one: hyphen-joined particles and a capitalised word ("-e-Sokhta
# Junction"), or one or two words ("Salem", "al-Sakhar").
_CONTINUATION = re.compile(rf"(?:-{_PARTICLE})+{_WORD}(?: (?:{_PARTICLE})?{_WORD})?|(?: (?:{_PARTICLE})?{_WORD}){{1,2}}")
# An ampersand between capitalised words joins the names of a firm, not of places ("Stevens & Wilkinson").
_FIRM_AFTER = re.compile(rf"\s*&\s*[{_UPPER}]")
_FIRM_BEFORE = re.compile(rf"[{_UPPER}][\w'’.-]*\s*&\s*\Z")
_STOPWORDS = frozenset("""
the a an in on at of and or but for to from by with as this that these those he she they it we
his her their its our said says according during after before while when where which who
""".split())


@dataclass(frozen=True, slots=True)
class NameList:
    """A coordination of capitalised names ("Dashkasan, Kalbajar and Lachin") and whether the text cues it as places."""

    members: tuple[tuple[int, int], ...]
    cued: bool
    head_kind: str = ""  # what a plural place word after it says its members are ("counties": "admin")


def find_name_lists(report: ReportText) -> list[NameList]:
    """Coordinated capitalised names outside headlines, each with its place cue: a locative word
    before the first ("in", "the towns of") or a plural place word after the last ("... regions")."""
    text = report.text
    lists = []
    for match in _matches_at(_LIST, text, _list_starts(text, report.backwards)):
        if report.in_title_line(match.start()):
            continue
        members = [match.span(1)] + [(match.start(2) + m.start(), match.start(2) + m.end())
                                     for m in _MEMBER.finditer(match.group(2))]
        members = [_trim_leading_stopwords(text, a, b) for a, b in members]
        if any(a >= b for a, b in members):
            continue
        joined = re.search(r"\s(?:and|or|&)\s", text[members[-2][1]:members[-1][0] + 1]) is not None
        if not joined and len(members) < 3:
            continue  # "from Russia, Cavusoglu said": two names and a comma are not a coordination
        after = word_after(report, members[-1][1])
        cued = locative_before(report, members[0][0]) or after in PLURAL_PLACE_HEADS
        lists.append(NameList(tuple(members), cued, head_kind(after) or head_kind(_noun_of(report, members[0][0]))))
    return lists


def _noun_of(report: ReportText, start: int) -> str:
    """"villages" in "the villages of X and Y": the noun before an "of" just before `start`, folded ("" if none)."""
    before, gap = report.word_before(start)
    if gap not in (" ", "\u00a0") or before.lower() != "of":
        return ""
    return report.word_before(start - len(gap) - len(before))[0].lower()


def _trim_leading_stopwords(text: str, start: int, end: int) -> tuple[int, int]:
    """"The Kalbajar" at a sentence start: the article is not part of the name."""
    words = text[start:end].split(" ")
    while words and words[0].lower() in _STOPWORDS:
        start += len(words[0]) + 1
        words = words[1:]
    return (start, end) if words else (end, end)


def apply_list_cues(spans: list[NameSpan], lists: list[NameList], *, strong: set[int]) -> list[NameSpan]:
    """Members of a cued list, or of a list whose members are mostly places the gazetteer knows
    unambiguously (`strong` key ids), are places: the list's cue covers each of them."""
    by_span = {(s.start, s.end): i for i, s in enumerate(spans)}
    out = list(spans)
    for name_list in lists:
        known = [by_span[m] for m in name_list.members if m in by_span]
        if not (name_list.cued or _mostly_places(name_list, known, spans, strong)):
            continue
        for i in known:
            span = out[i]
            if not span.locative_cue:
                span = out[i] = span._replace(locative_cue=True, cue_carried=True, person_cue=False,
                                        capitalised_next=False)
            if name_list.head_kind and not span.head_kind:
                out[i] = span._replace(head_kind=name_list.head_kind)
    return out


def _mostly_places(name_list: NameList, known: list[int], spans: list[NameSpan], strong: set[int]) -> bool:
    places = sum(spans[i].key_id in strong for i in known)
    return places >= 2 and places * 2 >= len(name_list.members)


class SpanIndex:
    """Character spans sorted by start, asked which of them overlap a span: a look at the few that start within
    the longest span's length before it, so a long report costs linear time, not spans x candidates."""

    def __init__(self, spans: Iterable[tuple[int, int]] = ()) -> None:
        self._spans = sorted(spans)
        self._longest = max((b - a for a, b in self._spans), default=0)

    def add(self, span: tuple[int, int]) -> None:
        insort(self._spans, span)
        self._longest = max(self._longest, span[1] - span[0])

    def overlapping(self, start: int, end: int) -> Iterator[tuple[int, int]]:
        i = bisect_left(self._spans, (end,))  # the spans that start before `end`
        while i > 0:
            i -= 1
            a, b = self._spans[i]
            if a < start - self._longest:
                return
            if start < b:
                yield a, b

    def overlaps(self, start: int, end: int) -> bool:
        return next(self.overlapping(start, end), None) is not None


class UnknownNames(NamedTuple):
    """Names no gazetteer name covers, by what the text makes of them: (start, end) spans."""

    places: list[tuple[int, int]]
    peoples: list[tuple[int, int]]
    persons: list[tuple[int, int]]
    streets: list[tuple[int, int]]


def find_unknown_place_names(report: ReportText, spans: list[NameSpan], lists: list[NameList], *, strong: set[int],
                             common_words: frozenset[str], person_names: Mapping[str, float] = {},
                             demonyms: set[int] = frozenset(), places: set[int] | None = None) -> UnknownNames:
    """Spans the text presents as place names that no gazetteer name covers, and apart from them the
    spans of such names that the text elsewhere writes as a people's or a faith's ("Fulani gunmen")
    or a person's ("Officer Eggers")."""
    text = report.text
    taken = [(s.start, s.end) for s in spans]  # in text order, none overlapping
    taken_ends = [b for _a, b in taken]
    found: list[tuple[int, int]] = []
    streets: list[tuple[int, int]] = []
    found_index = SpanIndex()

    def covers_taken(a: int, b: int) -> bool:
        i = bisect_right(taken_ends, a)
        return i < len(taken) and taken[i][0] < b

    def consider(start: int, end: int, *, sentence_start_ok: bool = True) -> None:
        start, end = _trim_leading_stopwords(text, start, end)
        if end - start < 3 or found_index.overlaps(start, end):
            return
        # A known name inside a longer one ("Yar" in "Yar Katsina", "ABU" in "TAWILLAH-ABU") gives way to it.
        i = bisect_right(taken_ends, start)
        while i < len(taken) and taken[i][0] < end:
            a, b = taken[i]
            if not (start <= a and b <= end and (a, b) != (start, end)):
                return
            i += 1
        name = text[start:end]
        words = [w.lower() for w in re.split(r"[\s-]+", name) if w]
        if any(w in CALENDAR_WORDS or w in PERSON_TITLES or w in ORGANISATION_HEADS or w in GOVERNMENT_HEADS
               or w in _STOPWORDS or w in PLACE_HEADS for w in words):
            return
        if words[-1] in STREET_WORDS:  # "south of Oak Street": a street, no town to put on a map, but
            streets.append((start, end))  # "Oak" in it is no town either, nor "Elm", an ordinary word
            found_index.add((start, end))
            return
        if all(w in common_words for w in words):
            return  # "Delay", "Big Win": ordinary words ("Wad Qaddal", "Um Dawanban" have one unordinary word)
        if name.isupper() and len(name) <= 5:
            return  # an acronym
        if _FIRM_AFTER.match(text, end) or _FIRM_BEFORE.search(text, max(0, start - 40), start):
            return  # "Resource Management & Consulting", "McPherson & Jacobsen LLC": a firm's name
        if not sentence_start_ok and report.sentence_initial(start):
            return
        found.append((start, end))
        found_index.add((start, end))

    for name_list in lists:
        if name_list.cued:  # members of a list of mostly known places may still be people ("Olmert, Barak and X")
            for start, end in name_list.members:
                consider(start, end)
    cue_words = _CueWords(text)
    for pattern, starts in ((_OF_PATTERN, _of_starts(text, _OF_HEADS)), (_NEAR_PATTERN, cue_words.starts(_NEAR_WORDS)),
                            (_COMPASS_OF, _of_starts(text, _COMPASS_HEADS)), (_SITE_IN, cue_words.starts(SITE_WORDS)),
                            (_AT_ARTICLE_NAME, cue_words.starts(_AT_WORDS)),
                            (_APPOSITION, _names_before(text, report.backwards, _APPOSITION_TAIL)),
                            (_DATELINE, _line_starts(text))):
        for match in _matches_at(pattern, text, starts):
            consider(*match.span(1))
    for match in _matches_at(_HEAD_AFTER, text, _head_after_starts(text, report.backwards, cue_words)):
        consider(*match.span(1), sentence_start_ok=False)
    for match in _matches_at(_PUT_IN, text, cue_words.starts(_PUT_IN_WORDS)):
        if match.group(2).lower() not in CALENDAR_WORDS:  # "in Dioura in March" says when, not where
            consider(*match.span(1))
    # A known name that is only the first word(s) of a longer written name is not that place: the longer
    # name, which the gazetteer lacks, is ("Pul-e-Sokhta Junction", "at Bab Salem", "in North Darfur").
    places = strong if places is None else places
    known_after = {s.start: s.key_id for s in spans}
    named_in_full: list[tuple[int, int]] = []
    for span in spans:
        run = _CONTINUATION.match(text, span.end)
        if run and _a_persons_full_name(span, run, common_words=common_words, person_names=person_names):
            named_in_full.append((span.start, run.end()))
        elif run and _continues_the_name(span, run, strong=strong, places=places, demonyms=demonyms,
                                         known_after=known_after, common_words=common_words, person_names=person_names):
            consider(span.start, run.end())
    # One sense per discourse: a name the report once presents as a place is one wherever it is
    # written, and one it presents as a people's ("Fulani gunmen") is nowhere a place.
    for name in dict.fromkeys(text[start:end] for start, end in found):  # each name once, in order
        for a, b in _written(name, text):
            if not covers_taken(a, b) and not found_index.overlaps(a, b):
                found.append((a, b))
                found_index.add((a, b))
    peoples = _names_of_peoples(report, found, lists)
    persons = _names_of_persons(report, found, person_names)
    return UnknownNames(places=sorted((a, b) for a, b in found if text[a:b] not in peoples | persons),
                        peoples=sorted((a, b) for a, b in found if text[a:b] in peoples - persons),
                        persons=sorted([(a, b) for a, b in found if text[a:b] in persons]
                                       + [(a, b) for a, b in named_in_full if not found_index.overlaps(a, b)]),
                        streets=sorted(streets))


def _a_persons_full_name(span: NameSpan, run: re.Match, *, common_words: frozenset[str],
                         person_names: Mapping[str, float]) -> bool:
    """Whether a first name after "to" or "from", which precede a person as often as a place, and the
    capitalised words just after it are a person's name in full ("writing to Abraham Lincoln", "according to
    Caroline Johnson", "a delivery from Linda Wasserman"): the name is a person's, not an ordinary word ("in North
    Darfur"), and the next word is none either ("to Paris Regional Medical Center" names Paris)."""
    if (span.folded not in person_names or span.folded in common_words
            or span.preceding_word.lower() not in WEAK_LOCATIVE_CUES or run.group(0)[0] == "-"):
        return False
    first = run.group(0).split()[0].lower()
    return first not in common_words and not is_ordinary_word(first)


def _continues_the_name(span: NameSpan, run: re.Match, *, strong: set[int], places: set[int], demonyms: set[int],
                        known_after: Mapping[int, int], common_words: frozenset[str],
                        person_names: Mapping[str, float]) -> bool:
    """Whether `run`, the capitalised words just after a known name, is the rest of that name as the text
    writes it: joined by a hyphen or through a hyphen-joined particle ("Pul-e-Sokhta", "Tell al-Hawa"), or
    a capitalised word after a name the text puts as a place ("at Bab Salem"). Not a place word, a body or
    a title after it ("Kharkiv Oblast", "Aleppo Governor", caught before: `capitalised_next`), nor, after a
    name that is a place whatever its surroundings, an English word, which makes a thing named after the
    place ("Cairo Stadium", "Donetsk People's Republic"), or a person's first and last names ("envoy to
    Egypt Thomas Harlow"), or a place's name of its own (`places`: "in Los Angeles Verona opened a shop", "in
    North West England"). A people's name (`demonyms`: "Palestinian Hamas") is no first word of a place's."""
    if run.group(0)[0] == "-" or run.group(0)[1].islower():
        return True
    if not (span.locative_cue and span.capitalised_next) or span.key_id in demonyms:
        return False
    if span.key_id not in strong:
        return True  # "in North Darfur": an ordinary word or a person's name that capitalised words continue
    words = run.group(0).split()
    first = words[0].lower()
    return (first not in common_words and not is_ordinary_word(first)
            and not (first in person_names and len(words) > 1) and known_after.get(run.start() + 1) not in places)


def _written(name: str, text: str) -> Iterator[tuple[int, int]]:
    """(start, end) wherever `name` is written in `text` as a word of its own, not inside a longer word or
    a hyphen compound. Found with str.find and a look at the characters around it: a pattern compiled per
    name cost more than the search, for every name a report brings that the last reports did not."""
    i = text.find(name)
    while i >= 0:
        end = i + len(name)
        if (i == 0 or not _glued_before(text[i - 1])) and (end == len(text) or not _glued_after(text[end])):
            yield i, end
            i = text.find(name, end)
        else:
            i = text.find(name, i + 1)


def _glued_before(char: str) -> bool:
    """A character that joins what follows it into one word: a word character (as `\\w` reads one), an
    apostrophe or a hyphen."""
    return char.isalnum() or char in "_’'-"


def _glued_after(char: str) -> bool:
    return char.isalnum() or char in "_-"


def _names_of_peoples(report: ReportText, found: list[tuple[int, int]], lists: list[NameList]) -> set[str]:
    """Names among `found` that the text writes as a people's or a faith's somewhere: before a noun
    for people, itself or as a member of a list before one ("Dogon and Fulani communities"), or
    after "ethnic" or "mainly"."""
    text = report.text
    candidates = {text[a:b] for a, b in found}
    peoples = set()
    for name in candidates:
        for a, b in _written(name, text):
            if word_after(report, b) in PEOPLE_NOUNS or PEOPLE_BEFORE.search(text, max(0, a - 40), a):
                peoples.add(name)
                break
    for name_list in lists:
        if word_after(report, name_list.members[-1][1]) in PEOPLE_NOUNS:
            peoples.update(text[a:b] for a, b in name_list.members)
    return peoples & candidates


# After a name, what makes it a person's: "Eggers said", "Crolley, 42,".
_PERSON_AFTER = re.compile(r"\s+(?:" + "|".join(sorted(SPEECH_VERBS)) + r")\b|,\s+\d{1,3},")
# A thing one person has, owned by the name before it: "Omar al-Rashid's door", "Salim al-Tahir's family".
_PERSONS_THINGS = ("door", "doorstep", "house", "home", "car", "family", "wife", "husband", "son", "sons", "daughter",
                   "daughters", "brother", "sister", "father", "mother", "body", "funeral")
_PERSONS_THING_AFTER = re.compile(rf"['’]s\s+(?:{'|'.join(_PERSONS_THINGS)})\b")
_PERSONS_THING_BEFORE = re.compile(rf"\b(?:{'|'.join(_PERSONS_THINGS)})\s+of\s+$")  # "the door of Omar al-Rashid"


def _names_of_persons(report: ReportText, found: list[tuple[int, int]], person_names: Mapping[str, float]) -> set[str]:
    """Names among `found` that the text writes as a person's somewhere: after a title ("Officer
    Eggers") or a first name ("Gregory Crolley"), before a verb of speech or an age ("Soule said",
    "Crolley, 42,"), or opening with a first name and owning a person's thing ("Omar al-Rashid's door", "the
    house of Omar al-Rashid"). One sense per discourse: such a name is a person wherever it is written."""
    text = report.text
    persons = set()
    for name in {text[a:b] for a, b in found}:
        for a, b in _written(name, text):
            before, gap = report.word_before(a)
            before = before.rstrip(".")
            if gap == " " and before[:1].isupper() and (before.lower() in PERSON_TITLES or before.lower() in person_names):
                persons.add(name)
                break
            if " " not in name and _PERSON_AFTER.match(text, b):  # "South Ossetia said" is its government
                persons.add(name)
                break
            # A name that opens with a person's name and owns a person's thing ("at Omar al-Rashid's door", "the
            # house of Omar al-Rashid") is his, though "at" and "al-" read as a place's ("at Jurf al-Sakhar");
            # "Mosul's house" says nothing.
            if name.split(" ")[0].lower() in person_names and (
                    _PERSONS_THING_AFTER.match(text, b) or _PERSONS_THING_BEFORE.search(text, max(0, a - 20), a)):
                persons.add(name)
                break
    return persons


def _matches_at(pattern: re.Pattern, text: str, starts: Iterable[int]) -> Iterator[re.Match]:
    """The matches `pattern.finditer(text)` yields, tried only at `starts`: a superset of the
    positions where a match can begin."""
    resume = 0
    for start in sorted(set(starts)):
        if start >= resume:
            match = pattern.match(text, start)
            if match is not None:
                resume = match.end()
                yield match


# Up to three runs of word characters joined by single spaces, read backwards from where a name ends.
_LAST_WORDS_REVERSED = re.compile(r"([\w’'-]+)(?: ([\w’'-]+))?(?: ([\w’'-]+))?")


def _name_starts_ending_at(backwards: str, end: int) -> list[int]:
    """Where a name of one to three words that ends at `end` can begin: the starts of the last
    three runs of word characters before `end`, each joined to the next by one space.
    `backwards` is the text reversed, so the runs are read with one forward match."""
    n = len(backwards)
    match = _LAST_WORDS_REVERSED.match(backwards, n - end)
    if match is None:
        return []
    return [n - match.end(k) for k in (1, 2, 3) if match.end(k) >= 0]


def _space_before(text: str, i: int) -> int:
    """The start of the run of whitespace that ends at `i` (`i` itself when there is none)."""
    while i > 0 and text[i - 1].isspace():
        i -= 1
    return i


def _names_before(text: str, backwards: str, tail: re.Pattern) -> Iterator[int]:
    """Where a name followed directly by `tail` (", a border town") can begin."""
    for match in tail.finditer(text):
        yield from _name_starts_ending_at(backwards, match.start())


def _list_starts(text: str, backwards: str) -> Iterator[int]:
    """Where a list can begin: one to three words before a comma or a conjunction that a capital follows."""
    yield from _names_before(text, backwards, _COMMA_SEPARATOR)
    for match in _CONJUNCTION.finditer(text):
        space = _space_before(text, match.start())
        if space < match.start():
            yield from _name_starts_ending_at(backwards, space)


class _CueWords:
    """Where the cue words of the patterns above (_CUE_WORD_LISTS) begin a word of a text: all of them found
    in one pass of an Aho-Corasick automaton, where a str.find scan of the text per word (forty site words)
    cost more than the matching they serve. One inside a longer word ("in" in "killing") is left out: every
    pattern they serve begins at a word boundary or after a space."""

    def __init__(self, text: str) -> None:
        self._starts: dict[str, list[int]] = {}
        for last, word in _cue_word_automaton().iter(text):
            start = last + 1 - len(word)
            if start == 0 or not (text[start - 1].isalnum() or text[start - 1] == "_"):  # not after a \w character
                self._starts.setdefault(word, []).append(start)

    def starts(self, words: Iterable[str]) -> Iterator[int]:
        """Where each of `words` begins a word, every occurrence."""
        for word in words:
            yield from self._starts.get(word, ())


_CUE_WORD_LISTS = (_NEAR_WORDS, SITE_WORDS, _PUT_IN_WORDS, _HEAD_WORDS, _AT_WORDS)


@lru_cache(maxsize=1)
def _cue_word_automaton():
    """Every word of _CUE_WORD_LISTS, each its own value: built once, on the first report."""
    automaton = ahocorasick.Automaton()
    for word in set().union(*_CUE_WORD_LISTS):
        automaton.add_word(word, word)
    automaton.make_automaton()
    return automaton


def _head_after_starts(text: str, backwards: str, cue_words: _CueWords) -> Iterator[int]:
    """Where a name followed by a place word ("Mai Fara village") can begin."""
    for i in cue_words.starts(_HEAD_WORDS):
        space = _space_before(text, i)
        if space < i:
            yield from _name_starts_ending_at(backwards, space)


def _of_starts(text: str, heads: frozenset[str]) -> Iterator[int]:
    """Where "village of", "east of" ... can begin: the word before each "of", when it is one of `heads`
    ("one of", "most of" are most of the text's "of"s)."""
    for match in _OF.finditer(text):
        space = _space_before(text, match.start())
        word = space
        while word > 0 and (text[word - 1].isalnum() or text[word - 1] == "_"):
            word -= 1
        if word < space and text[word:space] in heads:
            yield word


def _line_starts(text: str) -> Iterator[int]:
    yield 0
    i = text.find("\n")
    while i >= 0:
        yield i + 1
        i = text.find("\n", i + 1)


def name_heads(text: str, start: int, end: int) -> tuple[int, int, str]:
    """A place name's span grown by the capitalised words that belong to it ("Niger River",
    "Lake Chad", "Donetsk People's Republic"), and the head word ("" when none)."""
    after = _NAME_HEAD.match(text, end)
    if after:
        return start, after.end(), after.group(1).split()[-1]
    before = _HEAD_BEFORE.search(text, max(0, start - 8), start)
    if before:
        return before.start(1), end, before.group(1).split()[0]
    return start, end, ""
