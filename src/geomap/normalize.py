"""Span-preserving name normalisation shared by the gazetteer keys and the texts.

Every character maps to exactly one character, so an offset in the normalised text
is the same offset in the original. Case and diacritics fold ("Ménaka" -> "menaka"),
every non-word character becomes a separator, and a separator that precedes a
capital letter becomes CAPITAL_MARK. Keys are built by the same function, so a key
like "\\x01bandar\\x01abbas" matches "Bandar-Abbas", "Bandar Abbas" and
"BANDAR-ABBAS" but not the lower-case words "hope" or "reading": ordinary
words only reach the resolver when they are capitalised.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import numpy as np

SEPARATOR = " "
CAPITAL_MARK = "\x01"
_TABLE_SIZE = 0x3000  # Latin, Greek, Cyrillic and the other alphabets up to Indic: beyond it, characters pass through

# Letters whose Unicode decomposition has no ASCII base but which transliterate to one.
_SPECIAL_FOLDS = {
    "ə": "e", "Ə": "e", "ǝ": "e", "ı": "i", "ø": "o", "Ø": "o", "ł": "l", "Ł": "l", "đ": "d", "Đ": "d",
    "ß": "s", "æ": "a", "Æ": "a", "œ": "o", "Œ": "o", "þ": "t", "Þ": "t", "ð": "d", "ħ": "h", "Ħ": "h",
}
# Apostrophe-like letters (modifier letters count as \w in Unicode) separate words.
_APOSTROPHES = "'’‘`´ʼʻʹʽ"
_LEADING_MARKS = _APOSTROPHES + "\"“”«»-–—(.,;: "
_INNER_APOSTROPHE = re.compile(f"(?<=[^\\W\\d_])[{_APOSTROPHES}](?=[^\\W\\d_])")


def _fold_char(ch: str) -> str:
    if ch in _SPECIAL_FOLDS:
        return _SPECIAL_FOLDS[ch]
    if ch in _APOSTROPHES or not ch.isalnum():
        return SEPARATOR
    lowered = ch.lower()
    if len(lowered) != 1:
        lowered = ch
    base = "".join(c for c in unicodedata.normalize("NFD", lowered) if not unicodedata.combining(c))
    return base[0] if base else SEPARATOR


@lru_cache(maxsize=1)
def _tables() -> tuple[np.ndarray, np.ndarray]:
    fold = np.arange(_TABLE_SIZE, dtype=np.uint32)
    upper = np.zeros(_TABLE_SIZE, dtype=bool)
    for cp in range(_TABLE_SIZE):
        if 0xD800 <= cp < 0xE000:
            continue
        ch = chr(cp)
        fold[cp] = ord(_fold_char(ch))
        upper[cp] = ch.isupper() or ch.istitle()
    fold[ord(CAPITAL_MARK)] = ord(CAPITAL_MARK)
    return fold, upper


def normalize_text(text: str) -> str:
    """The text folded for matching, one leading separator added: offset i here is i - 1 in `text`."""
    fold, upper = _tables()
    codes = np.frombuffer((SEPARATOR + text).encode("utf-32-le"), dtype=np.uint32)
    clipped = np.minimum(codes, _TABLE_SIZE - 1)
    in_table = codes < _TABLE_SIZE
    folded = np.where(in_table, fold[clipped], codes)
    capital_follows = (folded[:-1] == ord(SEPARATOR)) & upper[clipped[1:]] & in_table[1:]
    folded[:-1][capital_follows] = ord(CAPITAL_MARK)
    return folded.astype(np.uint32).tobytes().decode("utf-32-le")


def name_keys(name: str) -> set[str]:
    """Automaton keys for a gazetteer name: as written and with its first letter capitalised.

    An all-caps text matches a single-word name, and a multi-word name whose words are
    all capitalised ("GUINEA-BISSAU"); "ISLE OF MAN" would need a third variant per
    name, which costs ~40% more automaton memory for a rare case.
    """
    # "‘Irāq", "'Afula": a leading apostrophe or mark is not part of how a text writes the name, and
    # keeping it would make the key demand a character before the name ("Kirkuk, Iraq" -> " Iraq").
    name = name.strip().lstrip(_LEADING_MARKS)
    if not name:
        return set()
    variants = {name, name[0].upper() + name[1:]}
    # Romanisations mark ejectives and soft signs with apostrophes ("Ts’khinvali", "Kam'yans'ke", "Ma'rib")
    # that English prose leaves out ("Tskhinvali", "Marib"): the name is also keyed without them.
    bare = _INNER_APOSTROPHE.sub("", name)
    if bare != name:
        variants |= {bare, bare[0].upper() + bare[1:]}
    return {normalize_text(v).rstrip(SEPARATOR + CAPITAL_MARK) for v in variants}


@lru_cache(maxsize=1 << 16)  # the geoparser folds the same unknown names report after report
def fold_name(name: str) -> str:
    """A plain folded form for comparing names (no capital marks, single spaces)."""
    return " ".join(normalize_text(name).replace(CAPITAL_MARK, SEPARATOR).split())
