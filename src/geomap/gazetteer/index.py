"""The shipped gazetteer, loaded fast: place columns and the name automaton.

The index is built once (at setup by `make`, or on first use) from registry packages
and data/gazetteer/curated.csv; see geomap.gazetteer.build.
"""

from __future__ import annotations

import pickle
import sqlite3
import sys
from functools import lru_cache
from pathlib import Path
from typing import Iterator

import numpy as np

from geomap.exc import GazetteerError
from geomap.gazetteer.build import INDEX_FORMAT, build_index
from geomap.gazetteer.spellings import SpellingIndex
from geomap.normalize import fold_name
from geomap.records import Place
from geomap.resources import data_path, gazetteer_index_dir


SIMILAR_NAMES_CACHED = 50_000  # spelling searches remembered, across reports


def default_index_dir() -> Path:
    """Where the index is read and built: see `geomap.resources.gazetteer_index_dir`."""
    return gazetteer_index_dir()


def read_index(index_dir: Path) -> tuple[object, dict]:
    """The automaton and the column dict of the index in `index_dir`, as pickled."""
    path = index_dir / "index.pickle"
    try:
        with open(path, "rb") as fh:
            automaton = pickle.load(fh)
            columns = pickle.load(fh)
    except (OSError, pickle.UnpicklingError, EOFError) as exc:
        raise GazetteerError(f"cannot read the gazetteer index {path}: {exc}; rebuild it with `make gazetteer`") from exc
    if columns.get("format") != INDEX_FORMAT:
        raise GazetteerError(f"{index_dir} holds an index of another format; rebuild it with `make gazetteer`")
    return automaton, columns


class Gazetteer:
    """Places by row, and which rows each automaton key may mean."""

    def __init__(self, automaton, columns: dict, *, index_dir: Path) -> None:
        self.automaton = automaton
        self.index_dir = index_dir
        self.columns = columns
        self.place_ids: list[str] = columns["place_id"]
        self.names: list[str] = columns["name"]
        self.lats = columns["lat"]
        self.lons = columns["lon"]
        self.country_codes: list[str] = columns["country_code"]
        self.feature_classes: list[str] = columns["feature_class"]
        self.feature_codes: list[str] = columns["feature_code"]
        self.populations = columns["population"]
        self.admin1s: list[str] = columns["admin1"]
        self.key_offsets = columns["key_offsets"]
        self.key_lengths = columns["key_lengths"]
        self.key_abbreviation = columns["key_abbreviation"]
        self.key_upper = columns["key_upper"]  # the key's names are all capitals ("DRC"): match only so written
        self.cand_rows = columns["cand_rows"]
        self.cand_kinds = columns["cand_kinds"]
        self.common_words = frozenset(columns["common_words"])
        self.person_names: dict[str, float] = columns["person_names"]
        self.country_table: list[str] = columns["country_table"]
        self.admin1_table: list[str] = columns["admin1_table"]
        # Zero-copy numpy views for the ranker's vector arithmetic.
        self.np_lat = np.frombuffer(self.lats, dtype=np.float64)
        self.np_lon = np.frombuffer(self.lons, dtype=np.float64)
        self.np_population = np.frombuffer(self.populations, dtype=np.int64)
        self.np_country = np.frombuffer(columns["country_index"], dtype=np.uint16)
        self.np_admin1 = np.frombuffer(columns["admin1_index"], dtype=np.uint32)
        self.np_feature = np.frombuffer(columns["feature_index"], dtype=np.uint8)
        self.np_key_offsets = np.frombuffer(self.key_offsets, dtype=np.int32)
        self.np_cand_rows = np.frombuffer(self.cand_rows, dtype=np.int32)
        self.np_cand_kinds = np.frombuffer(self.cand_kinds, dtype=np.int8)
        self._row_of: dict[str, int] | None = None
        self._places: dict[int, Place] = {}
        self._spellings: SpellingIndex | None = None  # read on the first spelling search
        self._similar: dict[tuple[str, frozenset[str], int], tuple[tuple[int, int], ...]] = {}

    @classmethod
    def load(cls, index_dir: Path | None = None, *, build_if_missing: bool = True) -> "Gazetteer":
        index_dir = Path(index_dir) if index_dir else default_index_dir()
        path = index_dir / "index.pickle"
        if not path.exists():
            if not build_if_missing:
                raise GazetteerError(f"no gazetteer index at {path}; run `make gazetteer` to build it")
            print(f"geomap: building the gazetteer index in {index_dir} (once, about a minute)", file=sys.stderr,
                  flush=True)
            build_index(index_dir, curated_path=data_path("gazetteer", "curated.csv"))
        automaton, columns = read_index(index_dir)
        return cls(automaton, columns, index_dir=index_dir)

    def __len__(self) -> int:
        return len(self.place_ids)

    def place(self, row: int) -> Place:
        """The place at a row; records are frozen, so one per row is built and shared."""
        cached = self._places.get(row)
        if cached is None:
            cached = self._places[row] = self._build_place(row)
        return cached

    def _build_place(self, row: int) -> Place:
        return Place(
            place_id=self.place_ids[row], name=self.names[row], lat=self.lats[row], lon=self.lons[row],
            country_code=self.country_codes[row], feature_class=self.feature_classes[row],
            feature_code=self.feature_codes[row], population=self.populations[row], admin1=self.admin1s[row],
        )

    def candidates(self, key_id: int) -> Iterator[tuple[int, int]]:
        """(row, name kind) pairs for an automaton key."""
        lo, hi = self.key_offsets[key_id], self.key_offsets[key_id + 1]
        return zip(self.cand_rows[lo:hi], self.cand_kinds[lo:hi])

    def row_of(self, place_id: str) -> int | None:
        if self._row_of is None:
            self._row_of = dict(zip(self.place_ids, range(len(self.place_ids))))
        return self._row_of.get(place_id)

    def by_id(self, place_id: str) -> Place | None:
        row = self.row_of(place_id)
        return None if row is None else self.place(row)

    def places_named(self, name: str, *, limit: int = 10, prefix: bool = False) -> list[Place]:
        """Places bearing `name` (any of their names, case and accents folded), the most populous first;
        with `prefix`, names that begin with it (a search box)."""
        from geomap.normalize import fold_name

        folded = fold_name(name)
        if not folded:
            return []
        if prefix:  # a range over the folded index: names from `folded` up to its last character's successor
            where, params = "folded >= ? AND folded < ?", (folded, folded[:-1] + chr(ord(folded[-1]) + 1))
        else:
            where, params = "folded = ?", (folded,)
        with sqlite3.connect(f"file:{self.index_dir / 'names.sqlite'}?mode=ro", uri=True) as con:
            ids = {r[0] for r in con.execute(f"SELECT DISTINCT place_id FROM names WHERE {where} LIMIT 5000", params)}
        rows = [row for row in map(self.row_of, ids) if row is not None]
        rows.sort(key=lambda row: (-int(self.populations[row]), self.names[row], self.place_ids[row]))
        return [self.place(row) for row in rows[:limit]]

    def alternate_names(self, place_id: str) -> list[str]:
        """Every name of a place, all scripts, from the names table."""
        with sqlite3.connect(f"file:{self.index_dir / 'names.sqlite'}?mode=ro", uri=True) as con:
            return [r[0] for r in con.execute("SELECT name FROM names WHERE place_id = ? ORDER BY kind DESC, name", (place_id,))]

    def similar_names(self, name: str, *, countries: frozenset[str], max_edits: int = 1) -> list[tuple[int, int]]:
        """Rows whose names are spelled like `name` (at most `max_edits` letters inserted, dropped,
        changed or two swapped; spaces ignored), among the places of `countries`: "Tarhouna" finds
        Tarhuna, "Binish" Binnish. (row, edits) pairs, fewest edits first, then the most populous."""
        from rapidfuzz import process
        from rapidfuzz.distance import OSA

        folded = fold_name(name).replace(" ", "")
        if len(folded) < 4:
            return []
        # The same unknown name comes back report after report ("Tarhouna" in a week of Libya news).
        cached = self._similar.get((folded, countries, max_edits))
        if cached is not None:
            return list(cached)
        if self._spellings is None:
            self._spellings = SpellingIndex.load(self.index_dir, self.place_ids)
        found: dict[int, int] = {}
        for country in sorted(countries):
            keys, rows = self._spellings.names_like(country, folded[0], len(folded), max_edits)
            for _key, edits, i in process.extract(folded, keys, scorer=OSA.distance, score_cutoff=max_edits, limit=5):
                row = int(rows[i])
                found[row] = min(found.get(row, max_edits), int(edits))
        out = sorted(found.items(), key=lambda item: (item[1], -self.populations[item[0]]))
        if len(self._similar) >= SIMILAR_NAMES_CACHED:
            self._similar.clear()
        self._similar[(folded, countries, max_edits)] = tuple(out)
        return out

    def source(self, place_id: str) -> str:
        with sqlite3.connect(f"file:{self.index_dir / 'names.sqlite'}?mode=ro", uri=True) as con:
            row = con.execute("SELECT source FROM sources WHERE place_id = ?", (place_id,)).fetchone()
        return row[0] if row else ""


@lru_cache(maxsize=4)
def shared_gazetteer(index_dir: str | None = None) -> Gazetteer:
    """One loaded gazetteer per process (the CLI, the dashboard and tests share it)."""
    return Gazetteer.load(Path(index_dir) if index_dir else None)
