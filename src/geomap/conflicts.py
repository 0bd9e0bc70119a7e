"""Conflict profiles: what geomap knows about a particular war, kept as data a user can extend.

A profile is one JSON file (data/conflicts/README.md documents the fields): the conflict's
names as reports write them, its countries, its start and end dates, a map window and an
optional outline. Code never names a conflict; it asks which profiles a report is about.

A profile applies to a report only when the report names the conflict (one of
`names_in_text`, as a whole word) and, when the report's publication date is known, that
date falls inside the conflict's period or within `AFTERMATH_DAYS` after it. So "the ninth
day" of fighting in one war is never counted from the start of another that happened in the
same season, and a story written years later about the same region is not dated from an
earlier war there.

Profiles come from the folder that ships with geomap (data/conflicts/) and from every
folder or file listed in `$GEOMAP_CONFLICTS` (separated like PATH); `conflict_profiles(paths)`
reads other ones, and functions that use profiles take `conflicts=` to override them.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Optional, Sequence, Union

from geomap.exc import ConflictTableError
from geomap.resources import data_path

CONFLICTS_ENV = "GEOMAP_CONFLICTS"
CONFLICTS_DIR = data_path("conflicts")  # data/conflicts in a checkout, packaged with geomap
AFTERMATH_DAYS = 30  # a report this long after a conflict's end still counts its days from the start

_REQUIRED = ("name", "names_in_text", "start", "source")


@dataclass(frozen=True, slots=True)
class ConflictProfile:
    """One conflict: its names in text, area, period, map window (west, south, east, north) and outline."""

    name: str
    names_in_text: tuple[str, ...]
    start: date
    end: Optional[date] = None  # None: still under way
    countries: tuple[str, ...] = ()  # ISO 3166-1 alpha-2 codes of the area
    map_window: Optional[tuple[float, float, float, float]] = None
    outline: Optional[str] = None  # a GeoJSON file name beside the profile or in data/boundaries/
    source: str = ""
    path: str = ""

    def named_in(self, text: str) -> bool:
        """True when `text` names the conflict (a whole word, case aside)."""
        return _names_pattern(self.names_in_text).search(text) is not None

    def under_way(self, day: date) -> bool:
        """True when `day` falls between the start and `AFTERMATH_DAYS` after the end."""
        return self.start <= day and (self.end is None or day <= self.end + timedelta(days=AFTERMATH_DAYS))

    def applies_to(self, text: str, published: Optional[date]) -> bool:
        """True when a report with this text and publication date is about this conflict."""
        return self.named_in(text) and (published is None or self.under_way(published))


@lru_cache(maxsize=256)
def _names_pattern(names: tuple[str, ...]) -> re.Pattern:
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


def _profile_files(paths: Iterable[Union[str, os.PathLike]]) -> list[Path]:
    files = []
    for path in map(Path, paths):
        if path.is_dir():
            files.extend(sorted(path.glob("*.json")))
        else:
            files.append(path)
    return files


def read_profile(path: Union[str, os.PathLike]) -> ConflictProfile:
    """One profile file; a `ConflictTableError` that names the file and the fix when it is malformed."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise ConflictTableError(f"{path} cannot be read ({error.strerror or error}); check the path, or restore "
                                 "the shipped profiles from the repository") from error
    except ValueError as error:
        raise ConflictTableError(f"{path} is not UTF-8 JSON ({error}); see data/conflicts/README.md") from error
    if not isinstance(data, dict) or any(not data.get(key) for key in _REQUIRED):
        raise ConflictTableError(f"{path}: a conflict profile needs {', '.join(_REQUIRED)} "
                                 "(see data/conflicts/README.md)")
    names = data["names_in_text"]
    if isinstance(names, str) or not all(isinstance(n, str) and n.strip() for n in names):
        raise ConflictTableError(f"{path}: names_in_text must be a list of names, e.g. [\"Tigray\"]")
    try:
        start = date.fromisoformat(data["start"])
        end = date.fromisoformat(data["end"]) if data.get("end") else None
    except (TypeError, ValueError):
        raise ConflictTableError(f"{path}: start and end must be ISO dates (YYYY-MM-DD), got "
                                 f"{data.get('start')!r} and {data.get('end')!r}") from None
    if end is not None and end < start:
        raise ConflictTableError(f"{path}: end {end} is before start {start}")
    window = data.get("map_window")
    if window is not None:
        if (not isinstance(window, list) or len(window) != 4
                or not all(isinstance(v, (int, float)) for v in window)
                or not (-180 <= window[0] < window[2] <= 180 and -90 <= window[1] < window[3] <= 90)):
            raise ConflictTableError(f"{path}: map_window must be [west, south, east, north] in degrees, "
                                     f"west < east and south < north, got {window!r}")
        window = tuple(float(v) for v in window)
    countries = data.get("countries") or []
    if not all(isinstance(c, str) and re.fullmatch(r"[A-Z]{2}", c) for c in countries):
        raise ConflictTableError(f"{path}: countries must be ISO 3166-1 alpha-2 codes such as \"ET\", got {countries!r}")
    return ConflictProfile(str(data["name"]).strip(), tuple(n.strip() for n in names), start, end, tuple(countries),
                           window, data.get("outline") or None, str(data["source"]).strip(), str(path))


def conflict_profiles(paths: Optional[Sequence[Union[str, os.PathLike]]] = None) -> tuple[ConflictProfile, ...]:
    """The profiles in `paths` (folders of *.json, or files); by default the shipped ones and `$GEOMAP_CONFLICTS`."""
    if paths is None:
        extra = tuple(p for p in os.environ.get(CONFLICTS_ENV, "").split(os.pathsep) if p)
        return _cached_profiles((str(CONFLICTS_DIR), *extra))
    return tuple(read_profile(f) for f in _profile_files(paths))


def outline_path(profile: ConflictProfile) -> Optional[Path]:
    """The file of a profile's `outline`: beside the profile, else in data/boundaries/; None when it names none."""
    if not profile.outline:
        return None
    beside = Path(profile.path).parent / profile.outline
    return beside if beside.is_file() else data_path("boundaries", profile.outline)


def outline_geojson(conflicts: Optional[Iterable[ConflictProfile]] = None) -> dict:
    """Every outline the profiles name (each file once), as one FeatureCollection for a map's "regions" layer.

    Each feature keeps its own properties and gains `conflicts`, the names of the profiles that use it.
    A file that cannot be read stops with a `ConflictTableError` naming the profile to fix.
    """
    return _outline_collection(tuple(conflict_profiles() if conflicts is None else conflicts))


OUTLINE_REACH_DEGREES = 1.0  # how far beyond a war's rough outline its reported places still belong to it


def outlines_near(lats: Sequence[float], lons: Sequence[float], *, within_degrees: float = OUTLINE_REACH_DEGREES,
                  conflicts: Optional[Iterable[ConflictProfile]] = None) -> dict:
    """The profiles' outlines (`outline_geojson`) that some of these places lie in or within `within_degrees` of:
    the only ones a map of them draws and names. Not every outline in the frame: a map of two wars frames a
    continent, and a third war's outline inside that frame is no part of it."""
    import numpy as np
    import shapely
    from shapely.geometry import shape

    places = np.unique(np.column_stack([np.asarray(lons, dtype=float), np.asarray(lats, dtype=float)]), axis=0)
    places = places[np.isfinite(places).all(axis=1)]  # a place without coordinates (None, NaN) lies near nothing
    if not len(places):
        return {"type": "FeatureCollection", "features": []}
    points = shapely.points(places)
    return {"type": "FeatureCollection",
            "features": [f for f in outline_geojson(conflicts)["features"]
                         if shapely.dwithin(shape(f["geometry"]), points, within_degrees).any()]}


@lru_cache(maxsize=8)
def _outline_collection(conflicts: tuple[ConflictProfile, ...]) -> dict:
    by_file: dict[Path, list[ConflictProfile]] = {}
    for profile in conflicts:
        path = outline_path(profile)
        if path is not None:
            by_file.setdefault(path, []).append(profile)
    features = []
    for path, profiles in by_file.items():
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
            found = data["features"] if data.get("type") == "FeatureCollection" else [data]
        except (OSError, ValueError, AttributeError, KeyError) as error:
            raise ConflictTableError(f"{profiles[0].path}: its outline {path} is not a readable GeoJSON file "
                                     f"({error}); fix the file or the profile's \"outline\"") from error
        for feature in found:
            if isinstance(feature, dict) and isinstance(feature.get("geometry"), dict):
                properties = dict(feature.get("properties") or {}, conflicts=[p.name for p in profiles])
                features.append({"type": "Feature", "properties": properties, "geometry": feature["geometry"]})
    return {"type": "FeatureCollection", "features": features}


@lru_cache(maxsize=8)
def _cached_profiles(paths: tuple[str, ...]) -> tuple[ConflictProfile, ...]:
    return tuple(read_profile(f) for f in _profile_files(paths))


def profiles_for(text: str, published: Optional[date], *,
                 conflicts: Optional[Iterable[ConflictProfile]] = None) -> list[ConflictProfile]:
    """The profiles a report is about (see `ConflictProfile.applies_to`), in file order."""
    conflicts = conflict_profiles() if conflicts is None else conflicts
    return [c for c in conflicts if c.applies_to(text, published)]


__all__ = ["AFTERMATH_DAYS", "CONFLICTS_DIR", "CONFLICTS_ENV", "ConflictProfile", "conflict_profiles", "outline_geojson",
           "outlines_near", "outline_path", "profiles_for", "read_profile"]
