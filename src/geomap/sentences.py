"""Sentences with their character spans, so every incident can quote its words and point at them.

A small rule-based splitter, enough for news prose: a line break always ends a sentence
(headlines, datelines and paragraphs are lines); inside a line a sentence ends at `.`, `!`
or `?` (and any closing quotes or brackets) followed by a space and a capital, digit or
opening quote, unless the dot ends a known abbreviation ("Sept.", "Gen.", "U.S."), an
initial ("J. Stoltenberg") or falls inside an open quotation ("“Clashes cannot go on
forever. The sooner the better,” Aliyev said" stays one sentence).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache, wraps
from typing import Callable, TypeVar

# Words whose trailing dot is not a full stop.
ABBREVIATIONS = frozenset("""
jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun
mr mrs ms dr prof gen lt col maj capt sgt cpl adm cmdr gov sen rep pres st mt ft no nos vol
vs etc inc ltd co corp dept est approx jr sr rev hon amb
""".split())

MAX_SENTENCE_CHARS = 1500  # a longer "sentence" (a run-on line with no full stops) is cut at a space: keeps every stage linear
SENTENCES_REMEMBERED = 1 << 13  # distinct sentences whose reading `read_once_per_sentence` keeps, per reader
_OPENING_QUOTES = "“‘«"
_CLOSING_QUOTES = "”’»"
_BOUNDARY = re.compile(r"[.!?]+[\"'”’»)\]]*(?=\s+[\"'“‘«(\[]?[A-Z0-9])")


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of a text: `text[start:end] == sentence.text`; `line` counts lines from 0."""

    start: int
    end: int
    text: str
    line: int


_Reading = TypeVar("_Reading")
_REMEMBERED: list = []  # every `read_once_per_sentence` reader's memory, for `forget_sentence_readings`


def read_once_per_sentence(reader: Callable[..., _Reading]) -> Callable[..., _Reading]:
    """`reader` (a pure function of a sentence's words and hashable options, returning immutable records) remembered
    for the last `SENTENCES_REMEMBERED` sentences it read. Wire copies of one story print the same sentences under
    other headlines, datelines and dates, and what a sentence's own words tell is the same in each copy: read once,
    it is shared by all, whatever the report. Offsets in what it returns are into the words, so hold in any copy;
    what depends on the page (its date) is an option and so part of the key. Texts longer than a sentence are read
    afresh: memory stays bounded whatever the corpus."""
    remembered = lru_cache(maxsize=SENTENCES_REMEMBERED)(reader)

    @wraps(reader)
    def read(words: str, **options) -> _Reading:
        return remembered(words, **options) if len(words) <= MAX_SENTENCE_CHARS else reader(words, **options)

    read.cache_info = remembered.cache_info  # type: ignore[attr-defined]
    _REMEMBERED.append(remembered)
    return read


def forget_sentence_readings() -> None:
    """Empty every `read_once_per_sentence` reader's memory: the next report is read as if it were the first."""
    for remembered in _REMEMBERED:
        remembered.cache_clear()


def split_sentences(text: str) -> list[Sentence]:
    """The sentences of `text` in order, stripped of surrounding whitespace, with their spans."""
    sentences: list[Sentence] = []
    offset = 0
    for number, line in enumerate(text.split("\n")):
        for start, end in _line_sentences(line):
            sentences.append(Sentence(offset + start, offset + end, line[start:end], number))
        offset += len(line) + 1
    return sentences


def _line_sentences(line: str) -> list[tuple[int, int]]:
    spans = []
    start = 0
    quotes = _QuoteState()
    for match in _BOUNDARY.finditer(line):
        end = match.end()
        quotes.advance(line, end)  # the closing quotes the boundary takes in are counted
        if _is_abbreviation(line, match.start()) or quotes.open:
            continue
        spans.append((start, end))
        start = end
        quotes = _QuoteState(start)
    spans.append((start, len(line)))
    out = []
    for a, b in spans:
        piece = line[a:b]
        stripped = piece.strip()
        if stripped:
            lead = len(piece) - len(piece.lstrip())
            out.extend(_bounded(line, a + lead, a + lead + len(stripped)))
    return out


class _QuoteState:
    """Whether a quotation opened since `start` is still open, read incrementally (linear in the line)."""

    def __init__(self, start: int = 0) -> None:
        self.position, self.depth, self.straight = start, 0, 0

    def advance(self, line: str, to: int) -> None:
        for ch in line[self.position:to]:
            if ch in "“«":
                self.depth += 1
            elif ch in "”»":
                self.depth = max(0, self.depth - 1)
            elif ch == '"':
                self.straight += 1
        self.position = max(self.position, to)

    @property
    def open(self) -> bool:
        return self.depth > 0 or self.straight % 2 == 1


def _bounded(line: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) cut into pieces of at most MAX_SENTENCE_CHARS, at spaces where there are any."""
    pieces = []
    while end - start > MAX_SENTENCE_CHARS:
        cut = line.rfind(" ", start + MAX_SENTENCE_CHARS // 2, start + MAX_SENTENCE_CHARS)
        cut = cut if cut > start else start + MAX_SENTENCE_CHARS
        pieces.append((start, cut))
        start = cut
        while start < end and line[start].isspace():
            start += 1
    if start < end:
        pieces.append((start, end))
    return pieces


def _is_abbreviation(line: str, dot: int) -> bool:
    if line[dot] != ".":
        return False
    word = re.search(r"([A-Za-z.]+)$", line[max(0, dot - 24):dot])
    if not word:
        return False
    token = word.group(1)
    if "." in token:  # U.S., U.N., a.m.
        return True
    if len(token) == 1 and token.isupper():  # an initial
        return True
    return token.lower() in ABBREVIATIONS


def split_clauses(sentence: Sentence) -> list[Sentence]:
    """The sentence cut at semicolons outside quotations: each clause can tell its own event."""
    pieces, start, depth = [], 0, 0
    text = sentence.text
    for i, ch in enumerate(text):
        if ch in "“«":
            depth += 1
        elif ch in "”»":
            depth = max(0, depth - 1)
        elif ch == ";" and depth == 0 and text[:i].count('"') % 2 == 0:
            pieces.append((start, i + 1))
            start = i + 1
    pieces.append((start, len(text)))
    out = []
    for a, b in pieces:
        piece = text[a:b]
        lead = len(piece) - len(piece.lstrip())
        stripped = piece.strip()
        if stripped:
            begin = sentence.start + a + lead
            out.append(Sentence(begin, begin + len(stripped), stripped, sentence.line))
    return out or [sentence]


# --- what a line is -------------------------------------------------------------------------------------------

# A dateline opening a story: "BAMAKO –", "GOMA, Congo (AP) —", "KABUL:", "Baghdad:", "(AFP) —", "GHAZNI- ",
# "ALEPPO, Syria, March 3, 2016 -" (a place, its country and a day with its year).
_UPPER = "A-ZÀ-ÖØ-Þ"
_LOWER = "a-zß-öø-ÿ"
_DATELINE = re.compile(
    rf"^\s*(?:(?:[{_UPPER}][{_UPPER}'’.]+(?:[ -][{_UPPER}][{_UPPER}'’.]+){{0,3}}"
    rf"(?:,\s*[{_UPPER}][\w.'’ -]{{1,30}}?){{0,2}}(?:,\s*\d{{4}})?(?:\s*\([{_UPPER}][\w .,-]{{0,30}}\))?"
    rf"|\([{_UPPER}][\w .,-]{{0,30}}\))"
    rf"\s*(?:—|–|-{{1,2}}|:)\s*"  # "BAMAKO –", "GHAZNI- ", "GOMA, Congo (AP) —", "(AFP) —"
    rf"|[{_UPPER}][{_LOWER}]+(?: [{_UPPER}][{_LOWER}]+)?(?:,\s*[{_UPPER}][{_LOWER}]+)?(?:\s*\([{_UPPER}][\w .,-]{{0,30}}\))?"
    rf"(?:\s+(?:—|–|-{{1,2}})\s+|:\s*))"  # "Baghdad: ", "Bamba, Mali - ": title case needs a colon or a spaced dash
    rf"(?=\S)")
_CREDIT = re.compile(r"\[[^\]]{0,80}(?:/|photo|images|credit)[^\]]{0,80}\]|\((?:photo|file photo|image|"
                     r"picture)\b[^)]{0,80}\)|^(?:photo|file photo|in this file photo|a still (?:taken|from)|pictured|"
                     r"image)\b", re.IGNORECASE)
# The verb of a caption, not a noun spelt like one: "their patrol was ambushed", "the guards" are no pictures.
_PHOTO_VERB = re.compile(r"^(?:[\w’'-]+\s+){0,7}?(?<!\bthe )(?<!\ba )(?<!\ban )(?<!\btheir )(?<!\bits )(?<!\bhis )(?<!\bher )"
                         r"(?<!\bour )(?:rises|rise|passes|pass|walks?|stands?|looks?|examines?|inspects?"
                         r"|carries|carry|gathers?|sits?|is seen|are seen|waits?|mourns?|rides?|holds?|checks?|clears?"
                         r"|attends?|pray|prays|hugs?|cries|weeps?|patrols?|guards?)\b")
_TRAILING_DATE = re.compile(r"\b(?:19|20)\d\d\.?\s*$")


def dateline_end(line: str) -> int:
    """Where a dateline opening `line` ends ("BAMAKO – At least ..." -> 9), else 0."""
    match = _DATELINE.match(line)
    return match.end() if match else 0


def is_caption(line: str) -> bool:
    """True for a photo caption: a photo credit, or one sentence in the present tense of pictures."""
    text = line.strip()
    if _CREDIT.search(text):
        return True
    one_sentence = len(_line_sentences(text)) == 1
    return one_sentence and bool(_PHOTO_VERB.match(text)) and (text.endswith(".") or bool(_TRAILING_DATE.search(text))
                                                               or not text[-1:] in ".!?")


def is_heading(text: str, *, max_words: int = 12) -> bool:
    """True for a title or section heading: a short line with no full stop at its end."""
    stripped = text.strip()
    return 0 < len(stripped.split()) <= max_words and not re.search(r"[.!?”\"’]\s*$", stripped)


__all__ = ["ABBREVIATIONS", "MAX_SENTENCE_CHARS", "SENTENCES_REMEMBERED", "Sentence", "dateline_end",
           "forget_sentence_readings", "is_caption", "is_heading", "read_once_per_sentence", "split_clauses",
           "split_sentences"]
