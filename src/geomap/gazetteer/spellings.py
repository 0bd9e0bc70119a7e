"""Every Latin-script name of the gazetteer, blocked by country, initial and length, in memory.

A name the gazetteer lacks is looked up under other spellings among a country's names of the same
initial and about the same length ("Tarhouna" for Tarhuna). Asking the names table for each such
block cost more than the rest of the geoparser (a few ms a query: a large country has thousands of
names per letter); the blocks are read from it once, kept beside it in `spellings.pickle` (a few MB,
loaded in milliseconds on first use) and rebuilt whenever the names table changes.
"""

from __future__ import annotations

import os
import pickle
import sqlite3
import tempfile
from pathlib import Path
from typing import Iterable

import numpy as np

from geomap.gazetteer.kinds import NAME_DEMONYM

SPELLINGS_FILE = "spellings.pickle"
_FORMAT = 2


def _block(country: str, initial: str, length: int) -> str:
    return f"{country} {initial} {length}"


def _names_table_fingerprint(names_db: Path) -> tuple[int, int]:
    stat = names_db.stat()
    return stat.st_size, stat.st_mtime_ns


def _block_country(block: str) -> str:
    return block.rsplit(" ", 2)[0]


def _read_entries(con: sqlite3.Connection, row_of: dict[str, int], *, country: str | None = None) -> list[tuple]:
    """(country, initial, length, order, key, row) of each name a spelling search can find, sorted: Latin
    letters only, three or more, of a place with a row; `order` is the name's place in the names table's order
    (of one country's names when `country` is given)."""
    where, parameters = ("kind != ?", (NAME_DEMONYM,)) if country is None else \
        ("kind != ? AND country_code = ?", (NAME_DEMONYM, country))
    query = f"SELECT place_id, folded, country_code FROM names WHERE {where} ORDER BY country_code, folded, rowid"
    entries = []
    for order, (place_id, folded, code) in enumerate(con.execute(query, parameters)):
        key = folded.replace(" ", "")
        row = row_of.get(place_id)
        if row is not None and len(key) >= 3 and key.isascii() and key.isalpha():
            entries.append((code, key[0], len(key), order, key, row))
    entries.sort()
    return entries


def _arrays(entries: list[tuple], *, offset: int) -> tuple[str, np.ndarray, np.ndarray, np.ndarray, dict]:
    """Sorted entries as the index holds them: their keys each followed by "\n", each key's length with it, rows,
    orders, and each block's first << 32 | end, counted from `offset`."""
    blocks: dict[str, int] = {}
    for i, (country, initial, length, *_rest) in enumerate(entries, start=offset):
        block = _block(country, initial, length)
        blocks[block] = (blocks.get(block, i << 32) >> 32) << 32 | (i + 1)
    keys = [e[4] for e in entries]
    return ("".join(k + "\n" for k in keys), np.array([len(k) + 1 for k in keys], dtype=np.int64),
            np.array([e[5] for e in entries], dtype=np.int32), np.array([e[3] for e in entries], dtype=np.int32), blocks)


class SpellingIndex:
    """A country's names of one initial and a range of lengths, folded without spaces, with their rows.

    Within a block the names come in the names table's order (by folded name, then insertion), so a
    search over them ranks ties as a query on the table would."""

    def __init__(self, state: dict) -> None:
        self._keys: str = state["keys"]  # every name, each followed by "\n"
        self._key_starts = state["key_starts"]  # offset of name i in `_keys`; one more at the end
        self._rows = state["rows"]
        self._order = state["order"]  # the name's position in the names table's order
        # "country initial length" -> first << 32 | end: plain strings and integers unpickle fast
        self._blocks: dict[str, int] = state["blocks"]

    @classmethod
    def build(cls, names_db: Path, place_ids: list[str]) -> "SpellingIndex":
        """Read the blocks from the names table; names of places without a row are left out."""
        row_of = {pid: row for row, pid in enumerate(place_ids)}
        with sqlite3.connect(f"file:{names_db}?mode=ro", uri=True) as con:
            keys, lengths, rows, order, blocks = _arrays(_read_entries(con, row_of), offset=0)
        return cls({"format": _FORMAT, "fingerprint": _names_table_fingerprint(names_db), "keys": keys,
                    "key_starts": np.concatenate(([0], np.cumsum(lengths))).astype(np.int32),
                    "rows": rows, "order": order, "blocks": blocks})

    def with_countries_read_again(self, names_db: Path, place_ids: list[str],
                                  countries: Iterable[str]) -> "SpellingIndex":
        """This index with the blocks of `countries` read again from the names table and every other block kept:
        what `build` gives after names were added in those countries only (`gazetteer add`), for the cost of
        their names instead of the whole table's. A name's order is only compared within its country's blocks,
        so the countries read again count theirs from 0."""
        row_of = {pid: row for row, pid in enumerate(place_ids)}
        index = self
        with sqlite3.connect(f"file:{names_db}?mode=ro", uri=True) as con:
            for country in sorted(set(countries)):
                index = index._with_country(country, _read_entries(con, row_of, country=country))
        return index

    def _with_country(self, country: str, entries: list[tuple]) -> "SpellingIndex":
        """This index with `country`'s entries (sorted, as `_read_entries` gives them) in place of its own."""
        spans = [span for block, span in self._blocks.items() if _block_country(block) == country]
        if spans:  # a country's entries are contiguous: the index is sorted by country first
            start, end = min(s >> 32 for s in spans), max(s & 0xFFFFFFFF for s in spans)
        else:  # a country new to the index goes before the first that sorts after it
            later = [s >> 32 for block, s in self._blocks.items() if _block_country(block) > country]
            start = end = min(later, default=len(self._rows))
        keys, lengths, rows, order, blocks = _arrays(entries, offset=start)
        shift = len(entries) - (end - start)
        for block, span in self._blocks.items():
            if _block_country(block) != country:
                later = span >> 32 >= end
                blocks[block] = ((span >> 32) + shift) << 32 | ((span & 0xFFFFFFFF) + shift) if later else span
        first, last = int(self._key_starts[start]), int(self._key_starts[end])
        all_lengths = np.concatenate((np.diff(self._key_starts)[:start], lengths, np.diff(self._key_starts)[end:]))
        return SpellingIndex({
            "keys": self._keys[:first] + keys + self._keys[last:],
            "key_starts": np.concatenate(([0], np.cumsum(all_lengths))).astype(np.int32),
            "rows": np.concatenate((self._rows[:start], rows, self._rows[end:])).astype(np.int32),
            "order": np.concatenate((self._order[:start], order, self._order[end:])).astype(np.int32),
            "blocks": blocks,
        })

    @classmethod
    def load(cls, index_dir: Path, place_ids: list[str]) -> "SpellingIndex":
        """The blocks of the index in `index_dir`: read from `spellings.pickle` when it matches the
        names table, else built from the table and saved there (when the folder is writable)."""
        names_db = index_dir / "names.sqlite"
        path = index_dir / SPELLINGS_FILE
        try:
            with open(path, "rb") as fh:
                state = pickle.load(fh)
            if state.get("format") == _FORMAT and state.get("fingerprint") == _names_table_fingerprint(names_db):
                return cls(state)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError):
            pass
        index = cls.build(names_db, place_ids)
        index.save(index_dir)
        return index

    def save(self, index_dir: Path) -> None:
        """Write the blocks beside the names table (atomically; skipped where the folder is read-only)."""
        state = {"format": _FORMAT, "fingerprint": None, "keys": self._keys, "key_starts": self._key_starts,
                 "rows": self._rows, "order": self._order, "blocks": self._blocks}
        try:
            state["fingerprint"] = _names_table_fingerprint(index_dir / "names.sqlite")
            fd, tmp = tempfile.mkstemp(dir=index_dir, prefix=SPELLINGS_FILE, suffix=".tmp")
            with os.fdopen(fd, "wb") as fh:
                pickle.dump(state, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.chmod(tmp, 0o644)  # readable as the index beside it is
            os.replace(tmp, index_dir / SPELLINGS_FILE)
        except OSError:
            pass

    def names_like(self, country: str, initial: str, length: int, max_edits: int) -> tuple[list[str], np.ndarray]:
        """A country's names that begin with `initial` and are within `max_edits` letters of `length`
        long, and their rows, in the names table's order."""
        spans = [self._blocks.get(_block(country, initial, n)) for n in range(length - max_edits, length + max_edits + 1)]
        spans = [s for s in spans if s is not None]
        if not spans:
            return [], np.zeros(0, dtype=np.int32)
        lo, hi = min(s >> 32 for s in spans), max(s & 0xFFFFFFFF for s in spans)  # lengths are contiguous
        keys = self._keys[self._key_starts[lo]:self._key_starts[hi] - 1].split("\n")
        order = np.argsort(self._order[lo:hi], kind="stable")
        return [keys[i] for i in order.tolist()], self._rows[lo:hi][order]
