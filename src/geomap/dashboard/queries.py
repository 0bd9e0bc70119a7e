"""Every read the dashboard makes from the incident store: the only dashboard module that touches it.

Which incidents a view shows is decided by `geomap.filters.IncidentFilter`, the SQL the command
line and the exports use too, over a read-only connection per thread. Reads return small
things: counts, at most `POINT_CAP` map rows (beyond that, grid clusters), a page of table
rows, per-day timeline counts. Nothing here keeps state between calls but caches.
"""

from __future__ import annotations

import atexit
import json
import math
import shlex
import shutil
import sqlite3
import tempfile
import threading
from collections import Counter, OrderedDict
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Optional, Sequence

import numpy as np

from geomap.filters import IncidentFilter
from geomap.precision import DATE_PRECISION_LABEL, count_range_label
from geomap.records import Incident
from geomap.speakers import canonical_claimant, claimant_choices, register_sql, told_as_claim
from geomap.store import SCHEMA_VERSION, read_incidents, store_generation

POINT_CAP = 1500  # incident-place rows drawn one by one; more become grid clusters
TABLE_LIMIT = 500  # table rows sent to the browser at most
SIDE_LIST_LIMIT = 50
PART_CACHE = 32  # filter parts (a date window, a type choice, a search term) whose snapshot masks are kept

_local = threading.local()


@dataclass
class MapView:
    """What the map and the header show for one set of filters."""

    total: int  # incidents in the store
    shown: int  # incidents that pass the filters
    undated: int = 0  # of those, how many have no date
    rows: list[dict] = field(default_factory=list)  # one per incident and resolved place, when few enough
    clusters: list[dict] = field(default_factory=list)  # grid cells, when too many to draw one by one
    places_shown: list[str] = field(default_factory=list)  # distinct place names on the map


def store_key(path) -> str:
    """The one name a store goes by in this module's caches (connections, snapshots): its resolved path."""
    return str(Path(path).resolve())


def connect(path) -> sqlite3.Connection:
    """A read-only connection to the store at `path`, one per thread and path (sqlite connections are not shared).

    The dashboard never writes: a path with no geomap store behind it (missing, empty, or another
    kind of file) is read as an empty store, and read for real once an ingest has made it one.
    """
    path = store_key(path)
    cache = getattr(_local, "connections", None)
    if cache is None:
        cache = _local.connections = {}
    conn, real = cache.get(path, (None, False))
    if conn is None or (not real and store_problem(path) is None):
        real = store_problem(path) is None
        # as_uri escapes what a URI would misread in a folder name (`?`, `#`, `%`)
        target = Path(path) if real else _empty_store()
        conn = register_sql(sqlite3.connect(target.as_uri() + "?mode=ro", uri=True, check_same_thread=False))
        conn.row_factory = sqlite3.Row
        cache[path] = (conn, real)
    return conn


AS_OF_CACHE = 4  # days whose map as known then is kept (each an in-memory copy of the incidents)
_as_of: OrderedDict = OrderedDict()
_as_of_lock = threading.Lock()


def reader(path, as_of: Optional[str] = None) -> tuple[sqlite3.Connection, str]:
    """(connection, cache name) the views read for the store at `path`: the store itself, or with `as_of` the
    incidents as known on that day (geomap.review.known_on) over the store opened read-only, its other tables
    (reports, mentions, places) read from the store. Kept per store generation and day."""
    conn = connect(path)
    if not as_of or store_problem(path) is not None:
        return conn, store_key(path)
    from geomap.store import IncidentStore

    key = (store_key(path), as_of, store_generation(conn))
    with _as_of_lock:
        found = _as_of.get(key)
        if found is None:
            with IncidentStore(path, read_only=True) as store:
                view = store.reader(as_of)
            view.execute("ATTACH DATABASE ? AS store", (Path(store_key(path)).as_uri() + "?mode=ro",))
            found = _as_of[key] = (view, f"{store_key(path)}#as-of={as_of}")
            while len(_as_of) > AS_OF_CACHE:
                _, (old, name) = _as_of.popitem(last=False)
                _snapshots.pop(name, None)
        _as_of.move_to_end(key)
        return found


def store_problem(path) -> Optional[str]:
    """Why `path` cannot be read as a geomap store (None when it can), in words for the page."""
    path = Path(path)
    if not path.exists():
        return f"there is no store at {path}"
    if not path.is_file():
        return f"{path} is not a file"
    try:
        probe = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
        try:
            probe.execute("SELECT 1 FROM incidents LIMIT 0").fetchall()
            row = probe.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        finally:
            probe.close()
    except sqlite3.DatabaseError:
        return f"{path} is not a geomap store"
    if row is None or int(row[0]) < SCHEMA_VERSION:
        # the dashboard only reads; any command that opens the store for writing brings it up to date
        return (f"{path} was written by an older geomap; bring it up to date once with "
                f"`geomap incidents --store {shlex.quote(str(path))} --limit 0`, then reload")
    return None


@lru_cache(maxsize=1)
def _empty_store() -> Path:
    """An empty store of this process's own, in a temporary folder: stands in for a path with no store."""
    from geomap.store import IncidentStore

    folder = Path(tempfile.mkdtemp(prefix="geomap-empty-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    with IncidentStore(folder / "empty.db"):
        pass
    return folder / "empty.db"


# --- what the page needs once --------------------------------------------------------------------------------


def catalog(conn: sqlite3.Connection) -> dict:
    """Choices for the filters and the date bounds: read once per page load.

    The bounds come from current incidents: history a report tells as context (a ceasefire decades
    ago) would stretch the slider over years in which nothing on the map happens.
    """
    first, last = conn.execute(
        "SELECT MIN(date_start), MAX(date_end) FROM incidents"
        " WHERE NOT coalesce(json_extract(payload, '$.background'), 0)").fetchone()
    if first is None:  # only history in the store: its own span
        first, last = conn.execute("SELECT MIN(date_start), MAX(date_end) FROM incidents").fetchone()
    types = [r[0] for r in conn.execute("SELECT DISTINCT event_type FROM incidents ORDER BY 1")]
    claimants = claimant_choices(dict(conn.execute(
        "SELECT claimant, COUNT(*) FROM incidents WHERE claimant IS NOT NULL GROUP BY claimant").fetchall()))
    publishers = [r[0] for r in conn.execute(
        "SELECT DISTINCT publisher FROM sources WHERE publisher IS NOT NULL ORDER BY 1")]
    total = conn.execute("SELECT COUNT(*) FROM incidents").fetchone()[0]
    return {"date_min": first, "date_max": last, "types": types, "claimants": claimants,
            "publishers": publishers, "total": total}


# --- the map: a columnar snapshot of the store, filtered by cached SQL masks ------------------------------------
#
# The map, the counts and the timeline need a few columns of every incident that passes the
# filters. Those columns are read once per store version into numpy arrays (the snapshot). Which
# incidents pass is asked of SQL through `IncidentFilter`, one condition at a time, and each
# condition's answer is kept as a mask over the snapshot: moving the date slider asks only for the
# new window (the (date_start, date_end) index answers it alone), the other conditions come from
# the cache. The snapshot is a cache keyed by the store's generation (bumped by every ingest, which
# may re-merge: rewrite every incident under rowids that restart, same count, same highest rowid)
# and, for writers that bypass ingest, the incident count and highest rowid; it holds no UI state.


@dataclass
class Snapshot:
    """The store's incidents as columns (sorted by date_start, undated last) and their placements."""

    key: tuple
    ids: np.ndarray  # object: incident id
    rowid: np.ndarray  # int64: sqlite rowid (SQL answers map back through it)
    kind: np.ndarray  # int32: index into kinds
    kinds: list
    start: np.ndarray  # int32 day number, NO_DAY when undated
    end: np.ndarray
    time_precision: np.ndarray  # int8, 0 unknown
    is_claim: np.ndarray  # bool
    denied: np.ndarray  # bool
    killed: np.ndarray  # float, NaN unknown
    killed_low: np.ndarray
    killed_high: np.ndarray  # float, NaN: no upper bound ("at least 14") or unknown
    wounded: np.ndarray
    claimant: np.ndarray  # int32 index into claimants, -1 none
    claimants: list
    place_incident: np.ndarray  # int32: incident index of each placement
    place_lat: np.ndarray
    place_lon: np.ndarray
    place_precision: np.ndarray
    place_name: np.ndarray  # object: the gazetteer's name
    place_label: np.ndarray  # object: the name as the reports write it, the gazetteer's beside when it differs
    placed: np.ndarray  # bool per incident: has a resolved place
    review: np.ndarray  # object: review status (geomap.records.REVIEW_STATUSES)
    index_of_rowid: np.ndarray  # int32 per rowid: the incident's index here, -1 for none
    masks: OrderedDict = field(default_factory=OrderedDict)  # filter part -> mask, the recent ones
    mask_lock: threading.Lock = field(default_factory=threading.Lock, repr=False)  # callbacks run in threads
    extent: Optional[tuple] = None  # placement_extent, computed once
    outlines: Optional[dict] = None  # store_outlines, computed once


NO_DAY = np.iinfo(np.int32).max
_EPOCH = date(1970, 1, 1)
_snapshots: dict[str, Snapshot] = {}
_snapshot_lock = threading.Lock()


def _day(iso: Optional[str]) -> int:
    return (date.fromisoformat(iso) - _EPOCH).days if iso else NO_DAY


def _iso(day: int) -> Optional[str]:
    return None if day == NO_DAY else (_EPOCH + timedelta(days=int(day))).isoformat()


def _store_version(conn: sqlite3.Connection) -> tuple:
    return (store_generation(conn), *conn.execute("SELECT COUNT(*), MAX(rowid) FROM incidents").fetchone())


def snapshot(conn: sqlite3.Connection, path) -> Snapshot:
    """The columnar snapshot of the store at `path`, rebuilt when the store changed."""
    name = store_key(path)
    key = _store_version(conn)
    cached = _snapshots.get(name)
    if cached is not None and cached.key == key:
        return cached
    with _snapshot_lock:
        cached = _snapshots.get(name)
        if cached is not None and cached.key == key:
            return cached
        snap = _build_snapshot(conn, key)
        _snapshots[name] = snap
        return snap


def _build_snapshot(conn: sqlite3.Connection, key: tuple) -> Snapshot:
    rows = conn.execute(
        "SELECT rowid, id, event_type, date_start, date_end, time_precision, is_claim, denied_by, "
        "killed_low, killed_high, wounded_high, claimant, review_status FROM incidents "
        "ORDER BY date_start IS NULL, date_start, id").fetchall()
    n = len(rows)
    kinds = sorted({r[2] for r in rows})
    kind_code = {k: i for i, k in enumerate(kinds)}
    said_by = {r[11]: canonical_claimant(r[11]) for r in rows}  # geomap.speakers: one name per speaker
    claimants = sorted({c for c in said_by.values() if c})
    claimant_code = {c: i for i, c in enumerate(claimants)}
    index_of = {r[1]: i for i, r in enumerate(rows)}
    rowid = np.array([r[0] for r in rows], dtype=np.int64)
    index_of_rowid = np.full(int(rowid.max()) + 1 if n else 0, -1, dtype=np.int32)
    index_of_rowid[rowid] = np.arange(n, dtype=np.int32)
    places = conn.execute("SELECT incident_id, lat, lon, precision, name, place_id FROM incident_places "
                          "WHERE lat IS NOT NULL AND lon IS NOT NULL ORDER BY incident_id, seq").fetchall()
    spelled = report_spellings(conn)
    place_incident = np.fromiter((index_of.get(p[0], -1) for p in places), dtype=np.int32, count=len(places))
    keep = place_incident >= 0
    placed = np.zeros(n, dtype=bool)
    placed[place_incident[keep]] = True

    def floats(values):
        return np.array([np.nan if v is None else float(v) for v in values], dtype=float)

    return Snapshot(
        key=key, ids=np.array([r[1] for r in rows], dtype=object), rowid=rowid,
        kind=np.array([kind_code[r[2]] for r in rows], dtype=np.int32), kinds=kinds,
        start=np.array([_day(r[3]) for r in rows], dtype=np.int32),
        end=np.array([_day(r[4] or r[3]) for r in rows], dtype=np.int32),
        time_precision=np.array([r[5] or 0 for r in rows], dtype=np.int8),
        is_claim=np.array([told_as_claim(r[6], r[11]) for r in rows], dtype=bool),
        denied=np.array([r[7] not in (None, "", "[]") for r in rows], dtype=bool),
        killed=floats(r[9] if r[9] is not None else r[8] for r in rows), killed_low=floats(r[8] for r in rows),
        killed_high=floats(r[9] for r in rows),
        wounded=floats(r[10] for r in rows),
        claimant=np.array([claimant_code.get(said_by[r[11]], -1) for r in rows], dtype=np.int32), claimants=claimants,
        place_incident=place_incident[keep], place_lat=floats(p[1] for p in places)[keep],
        place_lon=floats(p[2] for p in places)[keep],
        place_precision=np.array([p[3] or 0 for p in places], dtype=np.int8)[keep],
        place_name=np.array([p[4] for p in places], dtype=object)[keep], placed=placed,
        place_label=np.array([place_label(p[4], spelled.get(p[5])) for p in places], dtype=object)[keep],
        index_of_rowid=index_of_rowid, review=np.array([r[12] for r in rows], dtype=object))


def report_spellings(conn: sqlite3.Connection) -> dict[str, str]:
    """place_id -> the spelling the store's reports use most for that place (as places, not demonyms)."""
    best: dict[str, tuple[int, str]] = {}
    for place_id, surface, count in conn.execute(
            "SELECT place_id, surface, COUNT(*) FROM mentions WHERE place_id IS NOT NULL AND role = 'place' "
            "GROUP BY place_id, surface"):
        if count > best.get(place_id, (0, ""))[0]:
            best[place_id] = (count, surface)
    return {place_id: surface for place_id, (_, surface) in best.items()}


def place_label(name: Optional[str], spelling: Optional[str]) -> Optional[str]:
    """'Kyiv (Kiev)': the reports' spelling, the gazetteer's name beside when they differ."""
    from geomap.normalize import fold_name

    if not spelling or not name or fold_name(spelling) == fold_name(name):
        return name or spelling
    return f"{spelling} ({name})"


def incident_mask(conn: sqlite3.Connection, snap: Snapshot, filters: IncidentFilter) -> np.ndarray:
    """Which snapshot incidents `filters` keeps: the conjunction of its parts, each asked of SQL once and cached."""
    mask = np.ones(len(snap.ids), dtype=bool)
    for part in filters.parts():
        mask &= _part_mask(conn, snap, part)
    return mask


def _part_mask(conn: sqlite3.Connection, snap: Snapshot, part: IncidentFilter) -> np.ndarray:
    """The snapshot mask of one filter part, from a small LRU cache shared by the callback threads."""
    with snap.mask_lock:
        found = snap.masks.get(part)
        if found is not None:
            snap.masks.move_to_end(part)
            return found
    where, params = part.where()
    # one text of ids parsed by numpy: ten times cheaper than a Python object per row at 100k rows
    (listed,) = conn.execute(f"SELECT group_concat(rowid) FROM incidents WHERE {where}", params).fetchone()
    rowids = np.fromstring(listed, dtype=np.int64, sep=",") if listed else np.zeros(0, dtype=np.int64)
    rowids = rowids[rowids < len(snap.index_of_rowid)]  # rows written after the snapshot was taken
    indexes = snap.index_of_rowid[rowids]
    found = np.zeros(len(snap.ids), dtype=bool)
    found[indexes[indexes >= 0]] = True
    with snap.mask_lock:
        snap.masks[part] = found
        while len(snap.masks) > PART_CACHE:
            snap.masks.popitem(last=False)
    return found


def _date_label(start: Optional[str], end: Optional[str], precision: Optional[int]) -> str:
    if not start:
        return "date unknown"
    if not end or end == start:
        text = start
    else:
        text = f"{start} – {end}"
    if precision and precision > 1:
        text += f" (approximate: {DATE_PRECISION_LABEL.get(precision, precision)})"
    return text


def _number(value) -> Optional[float]:
    return None if value is None or (isinstance(value, float) and math.isnan(value)) else int(value)


def map_view(conn: sqlite3.Connection, filters: IncidentFilter, *, cap: int = POINT_CAP, zoom: float = 6.6,
             path=None) -> MapView:
    """Incidents on the map for `filters`: single points when at most `cap` placements, else grid clusters."""
    snap = snapshot(conn, path or _path_of(conn))
    mask = incident_mask(conn, snap, filters)
    view = MapView(total=len(snap.ids), shown=int(mask.sum()), undated=int((mask & (snap.start == NO_DAY)).sum()))
    if view.shown == 0:
        return view
    on_map = mask[snap.place_incident]
    lat, lon = snap.place_lat[on_map], snap.place_lon[on_map]
    incident = snap.place_incident[on_map]
    if len(incident) <= cap:
        names, labels = snap.place_name[on_map], snap.place_label[on_map]
        precision = snap.place_precision[on_map]
        for k, i in enumerate(incident.tolist()):
            start, end, tp = _iso(snap.start[i]), _iso(snap.end[i]), int(snap.time_precision[i]) or None
            killed, low, high = _number(snap.killed[i]), _number(snap.killed_low[i]), _number(snap.killed_high[i])
            view.rows.append({
                "id": snap.ids[i], "type": snap.kinds[snap.kind[i]], "date_start": start, "date_end": end,
                "start_day": None if start is None else int(snap.start[i]),
                "end_day": None if start is None else int(snap.end[i]),
                "time_precision": tp, "killed": killed, "killed_label": count_range_label(low, high),
                "wounded": _number(snap.wounded[i]), "is_claim": bool(snap.is_claim[i]),
                "denied": bool(snap.denied[i]), "review": snap.review[i],
                "claimant": snap.claimants[snap.claimant[i]] if snap.claimant[i] >= 0 else None,
                "place": names[k], "place_label": labels[k], "lat": float(lat[k]), "lon": float(lon[k]), "precision": int(precision[k]) or None,
                "date_label": _date_label(start, end, tp)})
        view.places_shown = sorted({r["place_label"] for r in view.rows if r["place_label"]})
        return view
    # Too many to draw: grid cells about 40 screen pixels wide at this zoom.
    cell = max(0.01, 40 * 360.0 / (512.0 * 2 ** zoom))
    gy = np.round(lat / cell).astype(np.int64)
    gx = np.round(lon / cell).astype(np.int64)
    cell_key = (gy << 32) + (gx & 0xFFFFFFFF)
    keys, inverse, counts = np.unique(cell_key, return_inverse=True, return_counts=True)
    lat_mean = np.bincount(inverse, weights=lat) / counts
    lon_mean = np.bincount(inverse, weights=lon) / counts
    claims = np.bincount(inverse, weights=snap.is_claim[incident].astype(float))
    kinds = snap.kind[incident]
    per_kind = np.zeros((len(keys), len(snap.kinds)), dtype=np.int64)
    np.add.at(per_kind, (inverse, kinds), 1)
    top = per_kind.argmax(axis=1)
    for c in np.argsort(-counts, kind="stable"):
        view.clusters.append({"lat": float(lat_mean[c]), "lon": float(lon_mean[c]), "count": int(counts[c]),
                              "claims": int(claims[c]), "top_type": snap.kinds[top[c]]})
    return view


def unplaced_days(conn: sqlite3.Connection, filters: IncidentFilter) -> dict:
    """First and last day (days since 1970-01-01) of each dated incident `filters` keeps that has no place:
    counted, not drawn, by a page that cuts its date window itself."""
    snap = snapshot(conn, _path_of(conn))
    chosen = incident_mask(conn, snap, filters) & ~snap.placed & (snap.start != NO_DAY)
    return {"start": snap.start[chosen].tolist(), "end": snap.end[chosen].tolist()}


def placement_extent(conn: sqlite3.Connection, path=None) -> tuple[list[float], list[float]]:
    """Corners of where most of the store's incidents are (`core_extent`), computed once per store state."""
    snap = snapshot(conn, path or _path_of(conn))
    if snap.extent is None:
        snap.extent = core_extent(snap.place_lat, snap.place_lon)
    return snap.extent


def store_outlines(conn: sqlite3.Connection, path=None) -> dict:
    """The conflict profiles' outlines that the store's placed incidents lie in or near (`outlines_near`): what the
    map's "regions" layer draws and the legend names, so a store of other wars never shows a war's outline."""
    from geomap.conflicts import outlines_near

    snap = snapshot(conn, path or _path_of(conn))
    if snap.outlines is None:
        snap.outlines = outlines_near(snap.place_lat, snap.place_lon)
    return snap.outlines


CORE_SHARE = 0.5  # of the placements, near their median: then the rest are far mentions, not the store's places


AREA_DEGREES = (4.0, 5.0)  # (lat, lon): "a few degrees", the size of one war's area


def _in_company(lats: np.ndarray, lons: np.ndarray) -> np.ndarray:
    """Which placements have another place (other coordinates) within about AREA_DEGREES: a second war's towns do,
    a capital named in statements does not, however often it is named."""
    places = np.unique(np.column_stack([lats, lons]), axis=0)
    cells = np.floor(places / AREA_DEGREES).astype(np.int64)
    counts = Counter(map(tuple, cells))
    crowded = {cell for cell in counts
               if sum(counts.get((cell[0] + dy, cell[1] + dx), 0) for dy in (-1, 0, 1) for dx in (-1, 0, 1)) >= 2}
    own = np.floor(np.column_stack([lats, lons]) / AREA_DEGREES).astype(np.int64)
    return np.fromiter((tuple(c) in crowded for c in own), dtype=bool, count=len(own))


def core_extent(lats: np.ndarray, lons: np.ndarray) -> tuple[list[float], list[float]]:
    """([south, north], [west, east]) of where most placements are: when more than `CORE_SHARE` of them lie within a
    few degrees of their median (one war), the 5th to 95th percentile of those, so capitals named in statements
    (Ankara, Moscow) do not zoom the map out to a continent, widened to take in the places far from it that have
    other places near them (another war's towns); otherwise (a store of several wars) all of them."""
    lats, lons = np.asarray(lats, dtype=float), np.asarray(lons, dtype=float)
    if len(lats) == 0:
        return [], []
    near = (np.abs(lats - np.median(lats)) < AREA_DEGREES[0]) & (np.abs(lons - np.median(lons)) < AREA_DEGREES[1])
    if near.sum() > CORE_SHARE * len(lats):
        south, north = np.percentile(lats[near], [5, 95]).tolist()
        west, east = np.percentile(lons[near], [5, 95]).tolist()
        far = ~near
        if far.any():
            other_wars = np.flatnonzero(far)[_in_company(lats[far], lons[far])]
            if len(other_wars):
                south, north = min(south, float(lats[other_wars].min())), max(north, float(lats[other_wars].max()))
                west, east = min(west, float(lons[other_wars].min())), max(east, float(lons[other_wars].max()))
        return [south, north], [west, east]
    return [float(lats.min()), float(lats.max())], [float(lons.min()), float(lons.max())]


def _path_of(conn: sqlite3.Connection) -> str:
    for view, name in list(_as_of.values()):
        if view is conn:
            return name
    return conn.execute("PRAGMA database_list").fetchone()[2]


def mentioned_places(conn: sqlite3.Connection) -> list[dict]:
    """Resolved place mentions grouped by place, for the "mentioned places" layer."""
    rows = conn.execute(
        "SELECT p.place_id, p.name, p.lat, p.lon, COUNT(*) FROM mentions m JOIN places p ON p.place_id = m.place_id "
        "WHERE p.lat IS NOT NULL GROUP BY p.place_id ORDER BY COUNT(*) DESC LIMIT 2000").fetchall()
    return [{"place_id": r[0], "name": r[1], "lat": r[2], "lon": r[3], "count": r[4]} for r in rows]


def unmapped_incidents(conn: sqlite3.Connection, filters: IncidentFilter, *, limit: int = SIDE_LIST_LIMIT) -> dict:
    """Incidents the map cannot draw: no resolved place (the date filter applies) or no date (it cannot)."""
    snap = snapshot(conn, _path_of(conn))
    unplaced = np.flatnonzero(incident_mask(conn, snap, filters) & ~snap.placed)
    undated = np.flatnonzero(incident_mask(conn, snap, filters.without_dates()) & (snap.start == NO_DAY))

    def listing(indexes: np.ndarray) -> list[dict]:
        chosen = [snap.ids[i] for i in indexes[:limit]]
        if not chosen:
            return []
        rows = {r[0]: r for r in conn.execute(
            "SELECT i.id, i.event_type, i.date_start, i.date_end, i.time_precision, i.claimant, "
            "(SELECT group_concat(name, ', ') FROM incident_places p WHERE p.incident_id = i.id) "
            f"FROM incidents i WHERE i.id IN ({','.join('?' * len(chosen))})", chosen)}
        return [{"id": r[0], "type": r[1], "date_label": _date_label(r[2], r[3], r[4]),
                 "claimant": canonical_claimant(r[5]),
                 "place": r[6]} for r in (rows[c] for c in chosen if c in rows)]

    return {"unplaced": listing(unplaced), "unplaced_count": len(unplaced), "undated": listing(undated),
            "undated_count": len(undated)}


# --- table, timeline, details --------------------------------------------------------------------------------


def table_rows(conn: sqlite3.Connection, filters: IncidentFilter, *, limit: int = TABLE_LIMIT) -> list[dict]:
    """The first `limit` filtered incidents by date, flat for the table."""
    snap = snapshot(conn, _path_of(conn))
    chosen = [snap.ids[i] for i in np.flatnonzero(incident_mask(conn, snap, filters))[:limit]]
    if not chosen:
        return []
    rows = {r[0]: r for r in conn.execute(
        "SELECT i.id, i.event_type, i.date_start, i.date_end, i.time_precision, i.killed_low, i.killed_high, "
        "i.wounded_low, i.wounded_high, i.claimant, i.is_claim, i.denied_by, i.verification, i.corroboration, "
        "i.geo_precision, (SELECT group_concat(name, ', ') FROM incident_places p WHERE p.incident_id = i.id), "
        "(SELECT COUNT(*) FROM sources s WHERE s.incident_id = i.id), "
        "(SELECT lat FROM incident_places p WHERE p.incident_id = i.id AND lat IS NOT NULL ORDER BY seq LIMIT 1), "
        "(SELECT lon FROM incident_places p WHERE p.incident_id = i.id AND lat IS NOT NULL ORDER BY seq LIMIT 1) "
        f"FROM incidents i WHERE i.id IN ({','.join('?' * len(chosen))})", chosen)}
    out = []
    for r in (rows[c] for c in chosen if c in rows):
        denied = json.loads(r[11]) if r[11] else []
        # numbers stay numbers (the grid sorts them as such); the labels are what a person reads
        out.append({
            "id": r[0], "type": r[1], "date_start": r[2], "date": _date_label(r[2], r[3], r[4]),
            "killed": r[6] if r[6] is not None else r[5], "killed_label": count_range_label(r[5], r[6], compact=True) or "",
            "wounded": r[8] if r[8] is not None else r[7], "wounded_label": count_range_label(r[7], r[8], compact=True) or "",
            "claimant": canonical_claimant(r[9]), "claim": "claim" if told_as_claim(r[10], r[9]) else "",
            "denied": ", ".join(denied), "verification": r[12] or ("corroborated" if (r[13] or 0) >= 2 else ""),
            "sources": r[16], "places": r[15] or "(no place)", "lat": r[17], "lon": r[18],
            "geo_precision": r[14],
        })
    return out


def timeline_counts(conn: sqlite3.Connection, filters: IncidentFilter) -> list[dict]:
    """Incidents per day and type over the whole date range (the slider's window is shaded, not cut).

    An incident dated to a week or month counts 1/n on each of its n days, marked approximate.
    """
    snap = snapshot(conn, _path_of(conn))
    mask = incident_mask(conn, snap, filters.without_dates()) & (snap.start != NO_DAY)
    start, end, kind = snap.start[mask].astype(np.int64), snap.end[mask].astype(np.int64), snap.kind[mask]
    end = np.maximum(end, start)
    out = []
    exact = end == start
    if exact.any():
        key = start[exact] * 1024 + kind[exact]
        keys, counts = np.unique(key, return_counts=True)
        out += [{"day": _iso(int(k // 1024)), "type": snap.kinds[int(k % 1024)], "approximate": False, "n": int(n)}
                for k, n in zip(keys, counts)]
    if (~exact).any():
        spans, counts = np.unique(np.stack([start[~exact], end[~exact]], axis=1), axis=0, return_counts=True)
        spread: dict[int, float] = {}
        for (first, last), n in zip(spans.tolist(), counts.tolist()):
            days = min(400, last - first + 1)
            for d in range(first, first + days):
                spread[d] = spread.get(d, 0.0) + n / (last - first + 1)
        out += [{"day": _iso(d), "type": "", "approximate": True, "n": v} for d, v in sorted(spread.items())]
    return out


def incident_detail(conn: sqlite3.Connection, incident_id: str) -> Optional[Incident]:
    """One incident record, with every source and its mention spans (None when the store has no such id)."""
    found = read_incidents(conn, "SELECT ?", (incident_id,))
    return found[0] if found else None


# --- exports: the filtered view in full ---------------------------------------------------------------------


def filtered_incidents(conn: sqlite3.Connection, filters: IncidentFilter) -> list[Incident]:
    """Every incident the map, count and table show for `filters`, as `IncidentStore.incidents` returns
    them (ordered by date_start then id), for exports."""
    snap = snapshot(conn, _path_of(conn))
    chosen = json.dumps([str(snap.ids[i]) for i in np.flatnonzero(incident_mask(conn, snap, filters))])
    # One JSON parameter instead of one `?` per id: a view may hold more ids than SQLite binds.
    return read_incidents(conn, "SELECT value FROM json_each(?)", (chosen,))


def report_mentions(conn: sqlite3.Connection, reports: Sequence[str]) -> list[dict]:
    """The place mentions of these reports, as `IncidentStore.mentions` gives them (the GeoPackage places layer)."""
    from geomap.store import mentions_in_reports

    return mentions_in_reports(conn, reports)


def report_provenance(conn: sqlite3.Connection, report_ids: Sequence[str]) -> dict[str, dict]:
    """Each report's title, publisher, date, article URL and whole text, by report id (for the details panel)."""
    chosen = json.dumps(sorted({r for r in report_ids if isinstance(r, str)}))
    return {r[0]: {"title": r[1], "publisher": r[2], "url": r[3], "published": r[4], "text": r[5]}
            for r in conn.execute("SELECT report_id, title, publisher, url, published, text FROM reports "
                                  "WHERE report_id IN (SELECT value FROM json_each(?)) ORDER BY id", (chosen,))}


def zoom_for_cells(zoom: Optional[float]) -> float:
    """Cluster cells follow the map zoom, in steps so a small pan does not redraw."""
    return 6.6 if zoom is None or not math.isfinite(zoom) else round(zoom)


__all__ = ["unplaced_days", "MapView", "connect", "store_problem", "catalog", "map_view",
           "mentioned_places", "unmapped_incidents", "snapshot", "store_key", "incident_mask", "placement_extent", "store_outlines", "table_rows", "timeline_counts", "incident_detail",
           "filtered_incidents", "report_mentions",
           "POINT_CAP", "TABLE_LIMIT", "report_spellings", "place_label",
           "report_provenance"]
