"""Text -> candidate place-name spans, found by the gazetteer automaton.

Recognition only finds names the gazetteer knows, with spans into the original text;
whether a span is a place (not a person, an organisation or an ordinary word) is
judged from its surroundings here, and which place it is, in geomap.geoparse.rank.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from geomap.gazetteer.index import Gazetteer
from geomap.normalize import CAPITAL_MARK, SEPARATOR, normalize_text

_BOUNDARY = (SEPARATOR, CAPITAL_MARK)

# Words before a capitalised name that make it a person's name, not a place.
PERSON_TITLES = frozenset("""
mr mrs ms miss dr sir lord lady president minister secretary general gen sen senator rep representative
gov governor mayor sheriff judge justice officer deputy det detective sgt sergeant capt captain lt lieutenant
col colonel maj major chief coach pastor rev reverend prof professor father sister brother aunt uncle
king queen prince princess pope bishop ambassador chairman chairwoman spokesman spokeswoman commissioner
councilman councilwoman trooper agent attorney superintendent principal dean
""".split())
# Words before a name that say a place follows.
LOCATIVE_CUES = frozenset("""
in at near from to into outside inside across around toward towards through via between
northwest northeast southwest southeast north south east west
hit struck strike strikes shelled shelling bombed bombing attacked targeted targeting captured
liberated seized retook entered reached visited evacuated besieged encircled
""".split())
# Words after a name that say the name is part of an organisation or a thing, not the place itself.
ORGANISATION_HEADS = frozenset("""
group agency university college school academy company corp corporation inc ltd club team conventions
convention accord accords protocol treaty times post herald tribune journal news gazette daily press
police department dept office ministry council committee commission bank hotel restaurant church
hospital center centre institute foundation association federation union party airlines airways
""".split())
# Words after a name that keep it a place ("Rapides Parish", "Ganja city").
PLACE_HEADS = frozenset("""
county parish city town village district province region state oblast rayon raion governorate river
valley lake mountains mountain island islands bay sea coast airport area
""".split())

# Names of days, months and feasts are places somewhere (Thursday, March, Christmas) but not in news prose.
CALENDAR_WORDS = frozenset("""
monday tuesday wednesday thursday friday saturday sunday january february march april may june july
august september october november december christmas easter thanksgiving halloween
jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun
""".split())

# Verbs of speech after a bare name make it a person ("Moore said"), unless it is a country.
SPEECH_VERBS = frozenset("said says told added wrote explained noted stated asked replied testified".split())

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


@dataclass(frozen=True, slots=True)
class NameSpan:
    """A gazetteer name found in the text, before resolution."""

    start: int
    end: int
    key_id: int
    surface: str  # text[start:end]
    folded: str  # the name as matched, case and diacritics folded, single spaces
    sentence_initial: bool  # or in a Title Case line: its capital says nothing
    preceding_word: str  # as written
    following_word: str
    locative_cue: bool
    cue_carried: bool  # the locative cue came from the list it stands in ("in Ganja, Barda"), not its own word
    person_cue: bool  # a title or another capitalised word glued before it: part of a person's or body's name
    organisation_cue: bool
    capitalised_next: bool  # "David Smith", "Fairfield Inn": a capitalised word glued after it
    place_head_next: bool  # "Jabrayil town", "Rapides Parish": a place word follows
    hyphen_compound: bool  # "Wal-Mart": hyphen-joined to a capitalised word that is not part of the name
    acronym: bool  # "NATO", "OSCE": five capitals or fewer
    speech_next: bool  # "Moore said"


def _word_before(text: str, start: int) -> tuple[str, str]:
    """The word just before `start` and the characters between it and `start`."""
    i = start
    gap_chars = []
    while i > 0 and not text[i - 1].isalnum():
        i -= 1
        gap_chars.append(text[i])
        if len(gap_chars) > 3:
            break
    j = i
    while j > 0 and (text[j - 1].isalnum() or text[j - 1] in "'’."):
        j -= 1
    return text[j:i], "".join(reversed(gap_chars))


def _word_after(text: str, end: int) -> tuple[str, str]:
    i = end
    gap = []
    while i < len(text) and not text[i].isalnum():
        gap.append(text[i])
        i += 1
        if len(gap) > 3:
            break
    match = _WORD.match(text, i)
    return (match.group(0) if match else ""), "".join(gap)


def _is_sentence_initial(text: str, start: int) -> bool:
    i = start - 1
    while i >= 0 and text[i] in " \t\"'“‘(«[":
        i -= 1
    return i < 0 or text[i] in ".!?:\n\r|•—–-" and (i == 0 or not text[i - 1].isupper() or text[i] != ".")


def find_name_spans(text: str, gazetteer: Gazetteer) -> list[NameSpan]:
    """Every longest gazetteer-name match that starts and ends on word boundaries."""
    norm = normalize_text(text)
    automaton = gazetteer.automaton
    key_lengths = gazetteer.key_lengths
    spans: list[NameSpan] = []
    n = len(norm)
    title_lines = _title_case_lines(text)
    for last, key_id in automaton.iter_long(norm):
        end = last + 1
        begin = end - key_lengths[key_id]
        if end < n and norm[end] not in _BOUNDARY:
            # "New Yorker": fall back to the longest shorter key that ends on a boundary.
            key_id = -1
            for cut in range(end - 1, begin + 1, -1):
                if norm[cut] in _BOUNDARY:
                    shorter = automaton.get(norm[begin:cut], -1)
                    if shorter >= 0:
                        key_id, end = shorter, cut
                        break
            if key_id < 0:
                continue
        start, stop = begin, end - 1  # norm has one leading separator: norm[i] is text[i - 1]
        if gazetteer.key_abbreviation[key_id] and text[stop:stop + 1] == ".":
            stop += 1  # "Ind.", "U.S.": the period belongs to the abbreviation
        in_title = any(lo <= start < hi for lo, hi in title_lines)
        folded = " ".join(norm[begin:end].replace(CAPITAL_MARK, SEPARATOR).split())
        spans.append(_describe(text, start, stop, key_id, folded, in_title_line=in_title))
    return spans


def _is_acronym(surface: str) -> bool:
    letters = surface.replace(".", "")
    return letters.isupper() and len(letters) <= 5


_LONGEST_HEADLINE = 200  # characters: a longer line is prose, whatever its capitals


def _title_case_lines(text: str) -> list[tuple[int, int]]:
    """Lines written in Title Case (headlines), where capitals say nothing about names."""
    out = []
    offset = 0
    for line in text.splitlines(keepends=True):
        if len(line) > _LONGEST_HEADLINE:
            offset += len(line)
            continue
        words = [w for w in _WORD.findall(line) if len(w) > 3]
        if len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.8 * len(words):
            out.append((offset, offset + len(line)))
        offset += len(line)
    return out


def _describe(text: str, start: int, end: int, key_id: int, folded: str, *, in_title_line: bool) -> NameSpan:
    before, gap_before = _word_before(text, start)
    after, gap_after = _word_after(text, end)
    before_folded = before.lower().rstrip(".")
    after_folded = after.lower()
    sentence_initial = in_title_line or _is_sentence_initial(text, start)
    adjacent_before = gap_before in (" ", "\u00a0")
    adjacent_after = gap_after in (" ", "\u00a0")
    person_cue = adjacent_before and before_folded in PERSON_TITLES
    # "Chiquita Raquel Henry", "OSCE Minsk Group": a capitalised word glued before the name
    # that is not how a sentence starts makes the name part of a person's or a body's name.
    if (adjacent_before and before[:1].isupper() and not sentence_initial and not in_title_line
            and before_folded not in LOCATIVE_CUES):
        if not _is_sentence_initial(text, start - len(gap_before) - len(before)) or before.isupper():
            person_cue = True
    organisation_cue = adjacent_after and (after_folded in ORGANISATION_HEADS)
    capitalised_next = (adjacent_after and after[:1].isupper() and not in_title_line
                        and after_folded not in PLACE_HEADS and after_folded not in ORGANISATION_HEADS)
    hyphen_compound = (text[end:end + 1] == "-" and text[end + 1:end + 2].isupper()) or (
        start > 1 and text[start - 1] == "-" and text[start - 2].isalpha())
    return NameSpan(
        start=start, end=end, key_id=key_id, surface=text[start:end], folded=folded, sentence_initial=sentence_initial,
        preceding_word=before, following_word=after,
        locative_cue=adjacent_before and before_folded in LOCATIVE_CUES, cue_carried=False,
        person_cue=person_cue, organisation_cue=organisation_cue,
        capitalised_next=capitalised_next, hyphen_compound=hyphen_compound,
        place_head_next=adjacent_after and after_folded in PLACE_HEADS,
        acronym=_is_acronym(text[start:end]),
        speech_next=adjacent_after and after_folded in SPEECH_VERBS,
    )


# "in Kelleyland", "the village of Talish", "Sugovushan village": the report says a place is
# named here even when the gazetteer does not know it. Such names are kept, unresolved.
_CAPITALISED_RUN = r"([A-Z][^\W\d_]+(?:[- ](?:[A-Z][^\W\d_]+)){0,2})"
_UNKNOWN_PLACE_PATTERNS = (
    re.compile(r"\b(?:village|town|city|settlement|district|region|province)\s+of\s+" + _CAPITALISED_RUN),
    re.compile(r"\b(?:near|outside)\s+(?:the\s+)?" + _CAPITALISED_RUN + r"(?=\s*[,.;]|\s+(?:and|on|in|at|after|before|where)\b)"),
    re.compile(_CAPITALISED_RUN + r"\s+(?:village|settlement|district)\b"),
)


_UNKNOWN_PLACE_TRIGGERS = ("village", "town", "city", "settlement", "district", "region", "province", "near", "outside")


def find_unknown_place_names(text: str, known: list[NameSpan], *, common_words: frozenset[str]) -> list[tuple[int, int]]:
    """Spans the text presents as place names that no gazetteer name covers."""
    if not any(word in text for word in _UNKNOWN_PLACE_TRIGGERS):
        return []  # most texts have none of the words the patterns hinge on: skip three regex passes
    taken = [(s.start, s.end) for s in known]
    found: list[tuple[int, int]] = []
    for pattern in _UNKNOWN_PLACE_PATTERNS:
        for match in pattern.finditer(text):
            start, end = match.span(1)
            words = match.group(1).replace("-", " ").split()
            folded = [w.lower() for w in words]
            if any(w in CALENDAR_WORDS or w in common_words or w in PERSON_TITLES or w in ORGANISATION_HEADS
                   for w in folded):
                continue
            if match.group(1).isupper() or _is_sentence_initial(text, start) and pattern is _UNKNOWN_PLACE_PATTERNS[2]:
                continue
            if any(a < end and start < b for a, b in taken + found):
                continue
            found.append((start, end))
    return sorted(found)
