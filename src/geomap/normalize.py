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

from geomap.resources import data_file

SEPARATOR = " "
CAPITAL_MARK = "\x01"
# Begins an Arabic article or name word folded to one spelling (`fold_transliterations`): it is no
# separator, so no key of a name written without the fold matches inside the folded words.
FOLD_MARK = "\x02"
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
    keys = {normalize_text(v).rstrip(SEPARATOR + CAPITAL_MARK) for v in variants}
    # Arabic articles and name words in one spelling too: a text is folded so where it writes the name so.
    return keys | {fold_transliterations(key)[0] for key in keys}


@lru_cache(maxsize=1 << 16)  # the geoparser folds the same unknown names report after report
def fold_name(name: str) -> str:
    """A plain folded form for comparing names (no capital marks, single spaces)."""
    return " ".join(normalize_text(name).replace(CAPITAL_MARK, SEPARATOR).split())


TRANSLITERATIONS_FILE = ("gazetteer", "transliterations.csv")
_SEPARATORS = SEPARATOR + CAPITAL_MARK
# What joins an article to its word in prose ("al-Balah", "ash-Shaddadi", "ar’Raqqa").
_ATTACHING = frozenset("-‐‑" + _APOSTROPHES)


@lru_cache(maxsize=1)
def _transliterations() -> tuple[object, frozenset[str], dict[str, str]]:
    """data/gazetteer/transliterations.csv as (an automaton of its spellings as a normalised string holds
    them where they may fold, the articles, each name word's spelling -> its canonical one). An
    automaton, not a regular expression: a report is read for them in a tenth of the time."""
    import csv

    import ahocorasick

    articles: set[str] = set()
    words: dict[str, str] = {}
    with data_file(*TRANSLITERATIONS_FILE).open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            spellings = {fold_name(s) for s in row["spellings"].split("|")} - {""}
            if row["kind"] == "article":
                articles |= spellings
            else:
                words.update((s, fold_name(row["canonical"])) for s in spellings)
    automaton = ahocorasick.Automaton()
    # value: (is an article, characters from the match's end back to the token's start, the token's length)
    for article in articles:  # after a word's boundary, before a capitalised word ("al-B", "al 'A")
        for run in (CAPITAL_MARK, SEPARATOR + CAPITAL_MARK):
            for boundary in _SEPARATORS:
                automaton.add_word(boundary + article + run, (True, len(article) + len(run) - 1, len(article)))
    for word in words:  # capitalised, before a boundary
        for boundary in _SEPARATORS:
            automaton.add_word(CAPITAL_MARK + word + boundary, (False, len(word), len(word)))
    automaton.make_automaton()
    return automaton, frozenset(articles), words


def _word_start(norm: str, end: int) -> int:
    """The separator before the word that ends at `end`."""
    i = end - 1
    while i > 0 and norm[i] not in _SEPARATORS:
        i -= 1
    return i


def fold_transliterations(norm: str, text: str | None = None) -> tuple[str, list[int] | None]:
    """A normalised string with the spellings of Arabic articles and name words folded to one, so
    that "Deir el-Balah", "Dayr al Balah" and "Deir al-Balah" are one key; and, when anything was
    folded, the offset in `norm` of each character of the result (else None: the offsets are equal).

    The transliterations of a country's names are many and GeoNames lists a few: the article (al, el,
    ad, ash, ez ...) and the frequent words (deir/dayr, tal/tell, ras/ra's ...) are spelled one way
    here, whatever the place. A name word is folded only next to another word of a name (capitalised,
    or a folded article), so "Tell" and "Ain" alone stay what they were; an article only before a
    capitalised word, and in a report's text (`text` given: `norm` is `normalize_text(text)`) only where
    prose writes it as part of a name: joined by a hyphen or an apostrophe ("al-Balah", "as-Suwayda"),
    or between a name's words ("Deir ez Zor"). "as", "at" and "an" in a sentence stay words, and
    "El Paso" keeps the key it has without the fold (the index holds both)."""
    automaton, articles, words = _transliterations()
    found = sorted((last - back, last - back + length, "article" if article else "word")
                   for last, (article, back, length) in automaton.iter(norm + SEPARATOR))
    if not found:
        return norm, None
    articles_at: dict[int, tuple[int, int]] = {}  # the article's start -> (its region's start, end)
    for start, end, kind in found:
        if kind != "article":
            continue
        mark = norm.index(CAPITAL_MARK, end)  # the capital mark its automaton key ends with
        if text is None or _joined_as_a_name(norm, text, start, end, mark, articles):
            articles_at[start] = (start - 1, mark + 1)
    folded_end = {region[1] for region in articles_at.values()}
    folded_start = {region[0] for region in articles_at.values()}
    regions: list[tuple[int, int, str, list[int]]] = []
    for start, end, kind in found:
        if kind == "article":
            if start in articles_at:
                lo, hi = articles_at[start]
                regions.append((lo, hi, CAPITAL_MARK + FOLD_MARK + CAPITAL_MARK, [lo, start, hi - 1]))
            continue
        if norm[start - 1] != CAPITAL_MARK:
            continue  # a lower-case word ("tell", "um") is not a name's
        after = end < len(norm) and (end in folded_start or (norm[end] == CAPITAL_MARK and norm[end + 1:end + 2].isalnum()))
        before = start in folded_end or (start >= 2 and norm[start - 2].isalnum()
                                         and norm[_word_start(norm, start - 1)] == CAPITAL_MARK
                                         and norm[_word_start(norm, start - 1) + 1:start - 1] not in articles)
        if after or before:
            out = FOLD_MARK + words[norm[start:end].replace(CAPITAL_MARK, SEPARATOR)]
            last = end - 1
            regions.append((start, end, out, [min(start + k, last) for k in range(len(out) - 1)] + [last]))
    if not regions:
        return norm, None
    regions.sort()
    pieces: list[str] = []
    offsets: list[int] = []
    done = 0
    for lo, hi, out, out_offsets in regions:
        if lo < done:
            continue  # "al al-..." : the first fold stands
        pieces.append(norm[done:lo])
        offsets.extend(range(done, lo))
        pieces.append(out)
        offsets.extend(out_offsets)
        done = hi
    pieces.append(norm[done:])
    offsets.extend(range(done, len(norm)))
    return "".join(pieces), offsets


def _joined_as_a_name(norm: str, text: str, start: int, end: int, mark: int, articles: frozenset[str]) -> bool:
    """Whether the article at norm[start:end] is written as part of a name in `text`: joined to the
    next word by a hyphen or an apostrophe, or after a capitalised word and before the next with a
    space on each side. (norm[i] is text[i - 1].)"""
    between = text[end - 1:mark]
    if len(between) <= 2 and any(ch in _ATTACHING for ch in between) and all(ch in _ATTACHING or ch == " " for ch in between):
        return True
    if between != " " or start < 2 or norm[start - 1] != SEPARATOR or not norm[start - 2].isalnum():
        return False
    word_start = _word_start(norm, start - 1)
    return norm[word_start] == CAPITAL_MARK and norm[word_start + 1:start - 1] not in articles
