"""The optional online fallback: a geopy geocoder (Nominatim) for names the offline gazetteer lacks.

Off by default (`geomap geocode --online`). Rate-limited (geopy's RateLimiter, one request a second
by default, as Nominatim's usage policy asks), answers cached on disk (a SQLite file; misses are
cached too, so a name is asked once), and safe offline: a refused connection, a timeout or an error
answer leaves the name unresolved, and after the first network failure the fallback stops asking
for the rest of the run, so a machine without network pays one timeout at most, never a hang.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
from pathlib import Path

from geomap.records import Place

DEFAULT_DOMAIN = "nominatim.openstreetmap.org"
USER_AGENT = "geomap (offline conflict-map workbench; online fallback)"
SOURCE = "OpenStreetMap Nominatim via geopy (online fallback; ODbL)"


def default_cache_path() -> Path:
    cache = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache"))
    return cache / "geomap" / "online_geocoder.sqlite"


class OnlineGeocoder:
    """Looks a place name up with a geopy geocoder, within the report's countries, once per name."""

    def __init__(self, *, domain: str = DEFAULT_DOMAIN, scheme: str = "https", timeout: float = 5.0,
                 min_delay_seconds: float = 1.0, cache_path: Path | None = None, user_agent: str = USER_AGENT) -> None:
        from geopy.extra.rate_limiter import RateLimiter
        from geopy.geocoders import Nominatim

        self._geocoder = Nominatim(domain=domain, scheme=scheme, timeout=timeout, user_agent=user_agent)
        self._failed = threading.Event()
        self._geocode = RateLimiter(self._geocoder.geocode, min_delay_seconds=min_delay_seconds, max_retries=0,
                                    swallow_exceptions=False)
        self.cache_path = Path(cache_path) if cache_path else default_cache_path()
        self.cache_path.parent.mkdir(parents=True, exist_ok=True)
        with self._connect() as con:
            con.execute("CREATE TABLE IF NOT EXISTS answers (query TEXT PRIMARY KEY, answer TEXT)")
        self.requests = 0

    def _connect(self) -> sqlite3.Connection:
        return sqlite3.connect(self.cache_path, timeout=10)

    def lookup(self, name: str, *, country_codes: frozenset[str] = frozenset()) -> Place | None:
        """The place `name` most likely is, or None (not found, offline, or the service failed)."""
        query = json.dumps([name.strip(), sorted(c.lower() for c in country_codes if c)])
        with self._connect() as con:
            cached = con.execute("SELECT answer FROM answers WHERE query = ?", (query,)).fetchone()
        if cached is not None:
            return _place(json.loads(cached[0])) if cached[0] != "null" else None
        if self._failed.is_set():
            return None
        from geopy.exc import GeopyError

        self.requests += 1
        try:
            location = self._geocode(name.strip(), exactly_one=True, addressdetails=True,
                                     country_codes=sorted(c.lower() for c in country_codes if c) or None)
        except (GeopyError, OSError, ValueError):
            self._failed.set()  # offline or refused: stop asking for the rest of the run
            return None
        raw = location.raw if location is not None else None
        with self._connect() as con:
            con.execute("INSERT OR REPLACE INTO answers VALUES (?, ?)", (query, json.dumps(raw)))
        return _place(raw) if raw else None


_SETTLEMENT_TYPES = {"city", "town", "village", "hamlet", "suburb", "neighbourhood", "quarter", "locality",
                     "isolated_dwelling", "municipality"}


def _place(raw: dict) -> Place | None:
    try:
        lat, lon = float(raw["lat"]), float(raw["lon"])
    except (KeyError, TypeError, ValueError):
        return None
    kind, subtype = raw.get("class", ""), raw.get("type", "")
    if kind == "place" and subtype in _SETTLEMENT_TYPES:
        feature_class, feature_code = "P", "PPL"
    elif kind == "boundary" and subtype == "administrative":
        feature_class, feature_code = "A", "ADM2"
    elif kind in ("natural", "waterway", "water"):
        feature_class, feature_code = "H", "STM"
    else:
        feature_class, feature_code = "L", "AREA"
    address = raw.get("address") or {}
    name = raw.get("name") or str(raw.get("display_name", "")).split(",")[0]
    return Place(place_id=f"osm:{raw.get('osm_type', '')}/{raw.get('osm_id', '')}", name=name, lat=lat, lon=lon,
                 country_code=str(address.get("country_code", "")).upper(), feature_class=feature_class,
                 feature_code=feature_code, source=SOURCE)
