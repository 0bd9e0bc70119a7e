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

# Words whose trailing dot is not a full stop.
ABBREVIATIONS = frozenset("""
jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun
mr mrs ms dr prof gen lt col maj capt sgt cpl adm cmdr gov sen rep pres st mt ft no nos vol
vs etc inc ltd co corp dept est approx jr sr rev hon amb
""".split())

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
    for match in _BOUNDARY.finditer(line):
        end = match.end()
        if _is_abbreviation(line, match.start()) or _inside_quote(line[start:match.start()]):
            continue
        spans.append((start, end))
        start = end
    spans.append((start, len(line)))
    out = []
    for a, b in spans:
        piece = line[a:b]
        stripped = piece.strip()
        if stripped:
            lead = len(piece) - len(piece.lstrip())
            out.append((a + lead, a + lead + len(stripped)))
    return out


def _is_abbreviation(line: str, dot: int) -> bool:
    if line[dot] != ".":
        return False
    word = re.search(r"([A-Za-z.]+)$", line[:dot])
    if not word:
        return False
    token = word.group(1)
    if "." in token:  # U.S., U.N., a.m.
        return True
    if len(token) == 1 and token.isupper():  # an initial
        return True
    return token.lower() in ABBREVIATIONS


def _inside_quote(piece: str) -> bool:
    """True when a quotation opened in `piece` is still open at its end."""
    depth = 0
    for ch in piece:
        if ch == "“" or ch == "«":
            depth += 1
        elif ch == "”" or ch == "»":
            depth = max(0, depth - 1)
    if depth:
        return True
    return piece.count('"') % 2 == 1


__all__ = ["Sentence", "split_sentences", "ABBREVIATIONS"]
