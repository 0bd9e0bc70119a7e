"""Place names the gazetteer lacks, found by how the text presents them, and names it spells otherwise.

A report names a place it needs no gazetteer to name: "the towns of Intezayane, Bakorat and
Woursanat", "Bunagana, a border town", "CARREFOUR-FEUILLES, Haiti —", "Sotk, Vardenis, Goris and
Artanish" (a list whose known members are places), "the village of X". Such names are kept with
their spans; a name the gazetteer knows under another spelling ("Tarhouna" for Tarhuna, "Gyanja"
for Ganja) is looked up among the places of the countries the report is about.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from geomap.geoparse.recognize import (CALENDAR_WORDS, GOVERNMENT_HEADS, ORGANISATION_HEADS, PERSON_TITLES,
                                       PLACE_HEADS, PLURAL_PLACE_HEADS, NameSpan, head_kind,
                                       is_sentence_initial, locative_before, title_case_lines, word_after)

_UPPER = "A-ZÀ-ÖØ-Þ"
# A capitalised word; an apostrophe inside it ("O'Donnell") but not a possessive ("Beni's").
_WORD = rf"[{_UPPER}][\w-]*(?:['’](?!s\b)[\w-]+)*"
# One to three capitalised words: "Bunagana", "Nerkin Hand", "Nasarawa Mai Fara".
_NAME = rf"{_WORD}(?: {_WORD}){{0,2}}"
_SEPARATOR = r"(?:,\s+(?:and\s+|or\s+)?|\s+(?:and|or|&)\s+)"
_LIST = re.compile(rf"(?<![\w’'-])({_NAME})((?:{_SEPARATOR}{_NAME})+)")
_MEMBER = re.compile(_NAME)
_DATELINE = re.compile(rf"^[ \t]*([{_UPPER}][{_UPPER}’'-]+(?:[ -][{_UPPER}][{_UPPER}’'-]+){{0,2}})(?=,\s+[{_UPPER}]|\s*\(|\s+[-–—])",
                       re.MULTILINE)
_APPOSITION = re.compile(
    rf"(?<![\w’'-])({_NAME}),\s+(?:a|an)\s+(?:[\w-]+\s+){{0,3}}?"
    r"(?:town|village|city|settlement|neighbourhood|neighborhood|district|suburb|port|community|locality|hamlet|"
    r"commune|municipality|region|province)\b")
_OF_PATTERN = re.compile(
    rf"\b(?:village|town|city|settlement|district|region|province|neighbourhood|neighborhood|localities|"
    rf"locality|community|municipality|commune)\s+of\s+({_NAME})")
_NEAR_PATTERN = re.compile(rf"\b(?:near|outside)\s+(?:the\s+)?({_NAME})(?=\s*[,.;]|\s+(?:and|on|in|at|after|before|where)\b)")
_HEAD_AFTER = re.compile(
    rf"(?<!\b[Aa] )(?<!\b[Aa]n )(?<!\b[Aa]nother )(?<![\w’'-])({_NAME})\s+(?:village|settlement|district|neighbourhood|"
    r"neighborhood|woreda|woredas|locality|municipality|commune|province|region|zone|junction|township|"
    r"Local Government)\b")
# Capitalised words that belong to a place's name: "Niger River", "Bekaa Valley", "Lake Chad".
WATER_HEADS = frozenset({"River", "Sea", "Lake", "Gulf", "Strait", "Bay"})
LAND_HEADS = frozenset({"Valley", "Mountains", "Peninsula", "Desert", "Plateau", "Plain", "Hills"})
_NAME_HEAD = re.compile(r" (River|Sea|Valley|Mountains|Peninsula|Desert|Plateau|Plain|Hills|People['’]s Republic|Republic)\b")
_HEAD_BEFORE = re.compile(r"\b(Lake|Gulf of) $")
_CONTINUATION = re.compile(rf"(?: {_WORD}){{1,2}}")
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


def find_name_lists(text: str) -> list[NameList]:
    """Coordinated capitalised names outside headlines, each with its place cue: a locative word
    before the first ("in", "the towns of") or a plural place word after the last ("... regions")."""
    titles = title_case_lines(text)
    lists = []
    for match in _LIST.finditer(text):
        if any(lo <= match.start() < hi for lo, hi in titles):
            continue
        members = [match.span(1)] + [(match.start(2) + m.start(), match.start(2) + m.end())
                                     for m in _MEMBER.finditer(match.group(2))]
        members = [_trim_leading_stopwords(text, a, b) for a, b in members]
        if any(a >= b for a, b in members):
            continue
        joined = re.search(r"\s(?:and|or|&)\s", text[members[-2][1]:members[-1][0] + 1]) is not None
        if not joined and len(members) < 3:
            continue  # "from Russia, Cavusoglu said": two names and a comma are not a coordination
        after = word_after(text, members[-1][1])
        cued = locative_before(text, members[0][0]) or after in PLURAL_PLACE_HEADS
        lists.append(NameList(tuple(members), cued, head_kind(after)))
    return lists


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
                span = out[i] = replace(span, locative_cue=True, cue_carried=True, person_cue=False,
                                        capitalised_next=False)
            if name_list.head_kind and not span.head_kind:
                out[i] = replace(span, head_kind=name_list.head_kind)
    return out


def _mostly_places(name_list: NameList, known: list[int], spans: list[NameSpan], strong: set[int]) -> bool:
    places = sum(spans[i].key_id in strong for i in known)
    return places >= 2 and places * 2 >= len(name_list.members)


def find_unknown_place_names(text: str, spans: list[NameSpan], lists: list[NameList], *, strong: set[int],
                             common_words: frozenset[str]) -> list[tuple[int, int]]:
    """Spans the text presents as place names that no gazetteer name covers."""
    taken = [(s.start, s.end) for s in spans]
    found: list[tuple[int, int]] = []

    def consider(start: int, end: int, *, sentence_start_ok: bool = True) -> None:
        start, end = _trim_leading_stopwords(text, start, end)
        # A known name inside a longer one ("Yar" in "Yar Katsina", "ABU" in "TAWILLAH-ABU") gives way to it.
        if end - start < 3 or any(a < end and start < b and not (start <= a and b <= end and (a, b) != (start, end))
                                  for a, b in taken) or any(a < end and start < b for a, b in found):
            return
        name = text[start:end]
        words = [w.lower() for w in re.split(r"[\s-]+", name) if w]
        if any(w in CALENDAR_WORDS or w in PERSON_TITLES or w in ORGANISATION_HEADS or w in GOVERNMENT_HEADS
               or w in _STOPWORDS or w in PLACE_HEADS for w in words):
            return
        if all(w in common_words for w in words):
            return  # "Delay", "Big Win": ordinary words ("Wad Qaddal", "Um Dawanban" have one unordinary word)
        if name.isupper() and len(name) <= 5:
            return  # an acronym
        if not sentence_start_ok and is_sentence_initial(text, start):
            return
        found.append((start, end))

    for name_list in lists:
        if name_list.cued:  # members of a list of mostly known places may still be people ("Olmert, Barak and X")
            for start, end in name_list.members:
                consider(start, end)
    for pattern in (_OF_PATTERN, _NEAR_PATTERN, _APPOSITION, _DATELINE):
        for match in pattern.finditer(text):
            consider(*match.span(1))
    for match in _HEAD_AFTER.finditer(text):
        consider(*match.span(1), sentence_start_ok=False)
    # "in North Darfur": a cued name that is an ordinary word and that capitalised words continue
    # is the start of a longer name the gazetteer lacks ("in Egypt Dan Kurtzer" is not one).
    for span in spans:
        if span.locative_cue and span.capitalised_next and span.key_id not in strong:
            run = _CONTINUATION.match(text, span.end)
            if run:
                consider(span.start, run.end())
    # One sense per discourse: a name the report once presents as a place is one wherever it is written.
    for start, end in list(found):
        for match in re.finditer(rf"(?<![\w’'-]){re.escape(text[start:end])}(?![\w-])", text):
            a, b = match.span()
            if not any(x < b and a < y for x, y in taken + found):
                found.append((a, b))
    return sorted(found)


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
