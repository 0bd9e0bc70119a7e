"""The dashboard's state as a URL query string, so a shared link reopens the same view.

Only what differs from the defaults is written; repeated keys carry lists (`type=a&type=b`),
and a key with an empty value means "none selected".
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Optional
from urllib.parse import parse_qs, urlencode

from geomap.filters import MAX_SEARCH_CHARS, NOT_REJECTED, REVIEW_CHOICES, UNVERIFIED, VERIFIED, IncidentFilter
from geomap.figures import DEFAULT_LAYERS, LAYERS, ONLINE_TILES

EPOCH = date(1970, 1, 1)
GEO_PRECISION_CODES = ("1", "2", "3", "4", "5", "6", "unknown")
TIME_PRECISION_CODES = ("1", "2", "3", "4", "5", "unknown")
VERIFICATION_CHOICES = ("all", VERIFIED, UNVERIFIED)
TILE_CHOICES = ("off", *ONLINE_TILES)
SEARCH_MAX = 200  # characters of search text kept: enough for any phrase, bounded for the store's LIKE


def day_number(iso: str) -> int:
    """'2020-10-11' -> days since 1970-01-01 (the slider's unit)."""
    return (date.fromisoformat(iso) - EPOCH).days


def day_iso(number: float) -> str:
    """The inverse of `day_number`."""
    return (EPOCH + timedelta(days=int(number))).isoformat()


@dataclass(frozen=True)
class ViewState:
    """Filters, date window, layers, map view and selection: everything a shared URL restores."""

    date_from: Optional[str] = None
    date_to: Optional[str] = None
    types: tuple[str, ...] = ()  # empty: every type
    claimants: tuple[str, ...] = ()
    publishers: tuple[str, ...] = ()
    geo: tuple[str, ...] = GEO_PRECISION_CODES
    timep: tuple[str, ...] = TIME_PRECISION_CODES
    verification: str = "all"
    search: str = ""
    layers: tuple[str, ...] = DEFAULT_LAYERS
    tiles: str = "off"
    lat: Optional[float] = None
    lon: Optional[float] = None
    zoom: Optional[float] = None
    selected: Optional[str] = None
    review: tuple[str, ...] = NOT_REJECTED  # review statuses shown (geomap.filters.REVIEW_CHOICES)
    as_of: Optional[str] = None  # the map as known on this day (None: as known now)

    def filters(self) -> IncidentFilter:
        """The store query this state asks for."""
        return IncidentFilter(
            date_from=self.date_from, date_to=self.date_to,
            event_types=tuple(self.types) or None, claimants=tuple(self.claimants) or None,
            publishers=tuple(self.publishers) or None,
            geo_precisions=None if set(self.geo) >= set(GEO_PRECISION_CODES) else tuple(self.geo),
            time_precisions=None if set(self.timep) >= set(TIME_PRECISION_CODES) else tuple(self.timep),
            verification=None if self.verification in ("all", "", None) else self.verification,
            search=(self.search or "")[:MAX_SEARCH_CHARS],  # a pasted link can't make the filter refuse
            review=tuple(self.review) or NOT_REJECTED, as_of=self.as_of)


_LISTS = {"review": "review", "types": "type", "claimants": "claimant", "publishers": "publisher", "geo": "geo", "timep": "timep",
          "layers": "layer"}
_SCALARS = {"as_of": "asof", "date_from": "from", "date_to": "to", "verification": "verified", "search": "q", "tiles": "tiles",
            "lat": "lat", "lon": "lon", "zoom": "zoom", "selected": "incident"}
_NUMBERS = ("lat", "lon", "zoom")


def to_query(state: ViewState) -> str:
    """'?from=2020-10-01&type=shelling...' holding what differs from the defaults ('' when nothing does)."""
    default = ViewState()
    pairs: list[tuple[str, str]] = []
    for name, key in _SCALARS.items():
        value = getattr(state, name)
        if value is not None and value != getattr(default, name) and value != "":
            pairs.append((key, f"{value:.4f}".rstrip("0").rstrip(".") if name in _NUMBERS else str(value)))
    for name, key in _LISTS.items():
        values = tuple(getattr(state, name))
        if set(values) != set(getattr(default, name)) or len(values) != len(getattr(default, name)):
            pairs += [(key, v) for v in values] if values else [(key, "")]
    return "?" + urlencode(pairs) if pairs else ""


def from_query(search: Optional[str]) -> ViewState:
    """The state a URL query string describes; unknown keys and bad values fall back to defaults.

    A URL is typed or pasted by anyone, so only known codes and finite, in-range numbers get
    through (the same rules as for control values, `clean_state`): the queries behind the map
    and timeline trust the state they are given.
    """
    search = search if isinstance(search, str) else ""
    parsed = parse_qs(search[:QUERY_MAX].lstrip("?"), keep_blank_values=True)
    changes: dict = {}
    for name, key in _SCALARS.items():
        if key in parsed and parsed[key][-1] != "":
            value = _scalar(name, parsed[key][-1])
            if value is not None:
                changes[name] = value
    for name, key in _LISTS.items():
        if key in parsed:
            given = tuple(v for v in parsed[key] if v != "")
            kept = _list(name, given)
            if given and not kept:
                continue  # only unknown codes: as if the key were absent
            changes[name] = kept
    return replace(ViewState(), **changes)


_CHOICES = {"review": REVIEW_CHOICES, "geo": GEO_PRECISION_CODES, "timep": TIME_PRECISION_CODES, "layers": LAYERS,
            "verification": VERIFICATION_CHOICES, "tiles": TILE_CHOICES}
_RANGES = {"lat": (-90.0, 90.0), "lon": (-180.0, 180.0), "zoom": (0.0, 22.0)}
QUERY_MAX = 20_000  # characters of a URL query read at most
NAME_MAX = 300  # characters of one type, claimant, publisher or incident id
LIST_MAX = 200  # values of one list kept at most
DAY_RANGE = (-719_162, 2_932_896)  # day numbers of 0001-01-01 and 9999-12-31


def _scalar(name: str, value):
    """`value` as the value of the scalar `name`, or None when it is not one (any type may come in)."""
    if name in _NUMBERS:
        number = as_number(value)
        if number is None:
            return None
        low, high = _RANGES[name]
        return number if low <= number <= high else None
    if not isinstance(value, str):
        return None
    if name in ("date_from", "date_to", "as_of"):
        try:
            value = date.fromisoformat(value).isoformat()  # one spelling: "20201006" is 2020-10-06
        except ValueError:
            return None
    if name in _CHOICES and value not in _CHOICES[name]:
        return None
    if name == "search":
        return value[:SEARCH_MAX]
    if name == "selected":
        return value if 0 < len(value) <= NAME_MAX else None
    return value


def _list(name: str, values) -> tuple[str, ...]:
    """The strings of `values` a list field `name` accepts: known codes only where the codes are fixed."""
    if isinstance(values, str) or not isinstance(values, (list, tuple)):
        return ()
    known = _CHOICES.get(name)
    kept = [v for v in values[:LIST_MAX * 4] if isinstance(v, str) and 0 < len(v) <= NAME_MAX
            and (known is None or v in known)]
    return tuple(dict.fromkeys(kept))[:LIST_MAX]


def as_number(value) -> Optional[float]:
    """A finite float from a number or a numeric string, else None (True/False are not numbers)."""
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        return None
    try:
        number = float(value[:40] if isinstance(value, str) else value)
    except (ValueError, OverflowError):
        return None
    return number if math.isfinite(number) else None


def as_day_window(value, first: int, last: int) -> Optional[tuple[int, int]]:
    """A slider value as (low, high) day numbers clamped to [first, last], or None when it is not two numbers."""
    if not isinstance(value, (list, tuple)) or len(value) != 2:
        return None
    low, high = (as_number(v) for v in value)
    if low is None or high is None:
        return None
    low, high = sorted((int(max(first, min(last, low))), int(max(first, min(last, high)))))
    return low, high


def clean_state(*, window=None, types=None, claimants=None, publishers=None, geo=None, timep=None,
                verification=None, search=None, layers=None, tiles=None, view=None, selected=None, review=None,
                as_of=None, bounds: tuple[int, int] = DAY_RANGE) -> ViewState:
    """The ViewState that control values of any type describe: what is not valid takes the default.

    Every value a browser sends can be crafted; this is the one place they are checked (`from_query`
    applies the same rules to a URL). `window` is the slider's [low, high] in day numbers, clamped to
    `bounds`; `view` a {"lat", "lon", "zoom"} mapping.
    """
    default = ViewState()
    days = as_day_window(window, *bounds)
    view = view if isinstance(view, dict) else {}
    position = {k: _scalar(k, view.get(k)) for k in _NUMBERS}
    return ViewState(
        date_from=day_iso(days[0]) if days else None, date_to=day_iso(days[1]) if days else None,
        types=_list("types", types), claimants=_list("claimants", claimants),
        publishers=_list("publishers", publishers),
        geo=_list("geo", geo) if geo is not None else default.geo,
        timep=_list("timep", timep) if timep is not None else default.timep,
        verification=_scalar("verification", verification) or default.verification,
        search=_scalar("search", search) or "",
        layers=_list("layers", layers) if layers is not None else default.layers,
        tiles=_scalar("tiles", tiles) or default.tiles,
        selected=_scalar("selected", selected), review=_list("review", review) if review is not None else default.review,
        as_of=_scalar("as_of", as_of.strip()[:10] if isinstance(as_of, str) else as_of) or None, **position)


__all__ = ["ViewState", "to_query", "from_query", "day_number", "day_iso", "GEO_PRECISION_CODES",
           "TIME_PRECISION_CODES", "SEARCH_MAX", "clean_state",
           "as_number", "as_day_window", "NAME_MAX", "DAY_RANGE"]
