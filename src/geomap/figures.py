"""Pure figure builders: rows in, a plotly figure out. Shared by the dashboard and the briefing pack.

The map is a MapLibre `go.Scattermap` on the offline "white-bg" style with Natural Earth
boundaries as GeoJSON layers, so it renders with no network. It never draws map text
labels (those fetch glyphs from a remote host): place labels travel in `layout.meta.labels`
and the dashboard draws them as HTML (assets/labels.js). Rows are plain dicts as `geomap.dashboard.queries`
returns them ("map rows"): id, type, lat, lon, precision, killed, wounded, is_claim, denied,
time_precision, date_label, place, claimant.
"""

from __future__ import annotations

import json
import math
from collections import defaultdict
from datetime import date, timedelta
from functools import lru_cache
from typing import Callable, Iterable, Mapping, Optional, Sequence, Union

import plotly.graph_objects as go

from geomap.geometry import fit_view
from geomap.precision import DATE_PRECISION_LABEL, WHERE_PRECISION_LABEL, WherePrecision
from geomap.records import CONFIRMED, CORRECTED, REJECTED
from geomap.resources import boundary_path

CREDITS = "Place data: GeoNames (CC BY 4.0) · Boundaries: Natural Earth (public domain)"
BRIEFING_TITLE = "Incidents reported"  # a briefing's title when the user gives none (dashboard and CLI)
REGION_LABEL = "Conflict outlines (approximate)"  # the legend entry when profiles give several outlines
REGION_FILL, REGION_LINE = "#d9c9a3", "#8a6d3b"  # a conflict outline's fill and its dashed line, wherever drawn

# Map layers the user switches on and off; "tiles" is the optional online basemap, off by default.
LAYERS = ("incidents", "claims", "mentions", "regions", "halos")
DEFAULT_LAYERS = ("incidents", "claims", "regions", "halos")
LAYER_LABELS = {
    "incidents": "Incidents",
    "claims": "Claims (reported speech)",
    "mentions": "Mentioned places",
    "regions": "Conflict outlines (from profiles)",
    "halos": "Location precision halos",
}
ONLINE_TILES = {
    "osm": ("https://tile.openstreetmap.org/{z}/{x}/{y}.png", "© OpenStreetMap contributors"),
    "carto": ("https://basemaps.cartocdn.com/light_all/{z}/{x}/{y}.png",
              "© OpenStreetMap contributors © CARTO"),
}

# Radius of the precision halo per UCDP where_prec: how far the true spot may be from the point.
HALO_RADIUS_KM = {1: 2.0, 2: 25.0, 3: 40.0, 4: 75.0, 5: 120.0, 6: 200.0}
# Halos fade as they grow, so a vague area reads as a faint hint and never hides the map under it.
# Country-level places (6) get none: a circle the size of a country says nothing; the legend says
# where such a point sits instead.
HALO_FILL_OPACITY = {1: 0.12, 2: 0.09, 3: 0.06, 4: 0.04, 5: 0.025}
HALO_COLOUR = "#5d6d7e"
HALO_LAYERS_AT = 1  # halos go on the map's layers right above the land (or the tiles), under borders and outlines
COUNTRY_PRECISION = WherePrecision.COUNTRY
COUNTRY_LEVEL_LABEL = "country-level: placed at the country's centre"
UNDATED_COLOUR = "#4d4d4d"  # the rim round an incident whose date is unknown
UNDATED_LABEL = "grey rim: date unknown (shown under all dates, not on the timeline)"
UNDATED_RIM = 7.0  # px wider than the marker: the grey rim of an undated incident

# Colours by event type from the Okabe-Ito palette (Okabe & Ito 2008), which stays distinguishable with
# the common colour-vision deficiencies; families share a hue direction (remote violence warm, direct
# violence dark, politics blue-green, words grey); bombings, changes of control and blockades take three of
# Paul Tol's "muted" colours. Every type of the taxonomy has its own, so a type keeps its colour whatever else a
# store holds; types a profile adds take the rest of Tol's set.
TYPE_COLOURS = {
    "shelling": "#E69F00", "missile_strike": "#D55E00", "air_drone_strike": "#CC79A7",
    "armed_clash": "#0072B2", "attack_on_civilians": "#000000", "casualty_toll": "#882255",
    "ceasefire": "#009E73", "talks": "#56B4E9", "statement": "#999999",
    "bombing": "#CC6677", "territory_change": "#117733", "blockade": "#AA4499",
}
FALLBACK_PALETTE = ("#332288", "#44AA99", "#999933", "#DDCC77", "#88CCEE")
UNKNOWN_COLOUR = "#7a7a7a"
MENTION_COLOUR = "#34495e"  # a place a report names where no incident is placed ("mentions" layer)
LAND_COLOUR = "#eceae4"

# The legend sits outside the map (plotly grows the margin to fit it), so no marker is ever under it.
LEGEND_PLACES = {
    "below": {"orientation": "h", "x": 0, "xanchor": "left", "y": -0.01, "yanchor": "top"},
    "right": {"orientation": "v", "x": 1.01, "xanchor": "left", "y": 1, "yanchor": "top"},
}

SPREAD_PIXELS = 11.0  # the sunflower step of `spread_stacked`, in screen pixels

# With nothing placed to fit, the map shows the whole world: no region is the default.
DEFAULT_CENTER = {"lat": 20.0, "lon": 0.0}
DEFAULT_ZOOM = 1.0


def type_colours(types: Iterable[str]) -> dict[str, str]:
    """A stable colour for each event type: named ones keep theirs, others take the palette in sorted order."""
    colours, spare = {}, iter(FALLBACK_PALETTE * 3)
    for kind in sorted(set(t for t in types if t)):
        colours[kind] = TYPE_COLOURS.get(kind.lower()) or next(spare, UNKNOWN_COLOUR)
    return colours


def type_label(kind: Optional[str]) -> str:
    """'violence_against_civilians' -> 'Violence against civilians'."""
    if not kind:
        return "Unknown"
    text = kind.replace("_", " ")
    return text[:1].upper() + text[1:]


def boundary_geojson(name: str) -> dict:
    """A boundary layer as a GeoJSON dict: a shipped file (countries), or "regions", the outlines the
    conflict profiles name (data, see data/conflicts/README.md)."""
    if name == "regions":
        from geomap.conflicts import outline_geojson

        return outline_geojson()
    return _shipped_boundaries(name)


@lru_cache(maxsize=None)
def _shipped_boundaries(name: str) -> dict:
    with open(boundary_path(name), encoding="utf-8") as handle:
        return json.load(handle)


def outline_label(outlines: Mapping) -> Optional[str]:
    """The legend entry of the "regions" layer: the one outline's own name, a general name for several, None for none."""
    features = outlines.get("features") or [] if isinstance(outlines, Mapping) else []
    if not features:
        return None
    names = {str((f.get("properties") or {}).get("name") or "") for f in features}
    return next(iter(names)) if len(names) == 1 and "" not in names else REGION_LABEL


BoundarySource = Callable[[str], Union[dict, str]]


def inline_boundaries(name: str) -> dict:
    """Boundaries embedded in the figure: for standalone HTML and static images."""
    return boundary_geojson(name)


def marker_size(killed: Optional[float], wounded: Optional[float] = None) -> float:
    """Marker diameter in pixels grows with the square root of casualties, so area tracks the count."""
    casualties = (killed or 0) + 0.3 * (wounded or 0)
    return 13.0 + min(26.0, 3.2 * math.sqrt(casualties))


def marker_opacity(row: Mapping) -> float:
    """Faint for an incident an analyst rejected, faded for a date known only to the week or month."""
    return 0.25 if row.get("review") == REJECTED else 0.55 if (row.get("time_precision") or 1) > 1 else 0.92


CLAIM_CENTRE_INSET = 5.5  # px: a claim's ring is its disc with a white disc this much smaller on it
# A halo whose radius on screen is no more than the smallest marker's is hidden under its marker: the page leaves
# it out at that zoom (assets/time.js) and draws it again when zoomed in far enough to show.
HALO_MIN_PIXELS = marker_size(None) / 2


def circle_polygon(lat: float, lon: float, radius_km: float, *, vertices: int = 28) -> list[list[float]]:
    """A geodesic-enough circle as a closed GeoJSON ring, longitude first."""
    ring = []
    lat_scale = radius_km / 111.32
    lon_scale = radius_km / (111.32 * max(0.05, math.cos(math.radians(lat))))
    for k in range(vertices):
        angle = 2 * math.pi * k / vertices
        ring.append([round(lon + lon_scale * math.cos(angle), 4), round(lat + lat_scale * math.sin(angle), 4)])
    ring.append(ring[0])
    return ring


def _halo_key(row: Mapping) -> Optional[tuple]:
    """Which halo a row's true spot has (a spread point's halo is around where the place is, not where its
    marker was moved to): halos closer than a third of their radius look the same, so they share one."""
    lat, lon, prec = row.get("true_lat", row.get("lat")), row.get("true_lon", row.get("lon")), row.get("precision")
    if lat is None or lon is None:
        return None
    grid = HALO_RADIUS_KM.get(int(prec or 1), HALO_RADIUS_KM[6]) / 3 / 111.32
    return round(lat / grid), round(lon / grid), prec or 1


def halo_centres(rows: Iterable[Mapping], *, limit: int = 600) -> list[tuple[float, float, int]]:
    """The distinct (lat, lon, precision) of the rows' halos (`_halo_key`), at most `limit`."""
    seen, centres = set(), []
    for row in rows:
        key = _halo_key(row)
        if key is None or key in seen:
            continue
        seen.add(key)
        centres.append((row.get("true_lat", row.get("lat")), row.get("true_lon", row.get("lon")), row.get("precision")))
        if len(centres) >= limit:
            break
    return centres


def halo_geojson(rows: Iterable[Mapping], *, limit: int = 600) -> dict:
    """One translucent circle per distinct (place, precision): its radius is the location's uncertainty."""
    return {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"precision": prec},
         "geometry": {"type": "Polygon",
                      "coordinates": [circle_polygon(lat, lon, HALO_RADIUS_KM.get(int(prec or 1), HALO_RADIUS_KM[6]))]}}
        for lat, lon, prec in halo_centres(rows, limit=limit)]}


def _circles(centres: Sequence[tuple[float, float]], radius_km: float, *, vertices: int = 28):
    """The circles of `circle_polygon` for many centres at once, as shapely polygons (numpy, no Python loop)."""
    import numpy as np
    import shapely

    lat, lon = np.asarray(centres, dtype=float).T[:, :, None]
    angles = 2 * np.pi * np.arange(vertices + 1) / vertices  # the last vertex closes the ring
    xs = lon + radius_km / (111.32 * np.maximum(0.05, np.cos(np.radians(lat)))) * np.cos(angles)
    ys = lat + radius_km / 111.32 * np.sin(angles)
    return shapely.polygons(np.round(np.stack([xs, ys], axis=-1), 4))


def halo_layers(rows: Iterable[Mapping], *, tiles: bool = False) -> list[dict]:
    """Map layers for the precision halos: per precision level, one merged area, an outline and a fill that
    fades as the radius grows (`_halo_pair`); none for country-level places."""
    import shapely
    from shapely.geometry import mapping

    by_precision: dict[int, list] = defaultdict(list)
    for lat, lon, prec in halo_centres([r for r in rows if int(r.get("precision") or 1) < COUNTRY_PRECISION]):
        by_precision[int(prec or 1)].append((lat, lon))
    merged = {precision: shapely.set_precision(shapely.union_all(_circles(centres, HALO_RADIUS_KM[precision])), 1e-4)
              for precision, centres in by_precision.items()}
    layers = []
    for precision in sorted(by_precision, reverse=True):  # the largest first, under the finer ones
        area = {"type": "Feature", "properties": {"precision": precision}, "geometry": mapping(merged[precision])}
        layers += _halo_pair(precision, {"type": "FeatureCollection", "features": [area]}, tiles=tiles)
    return layers


def _blend(colour: str, under: str, opacity: float) -> str:
    """The colour `colour` at `opacity` shows over `under` (both #rrggbb)."""
    top, bottom = (tuple(int(c[k:k + 2], 16) for k in (1, 3, 5)) for c in (colour, under))
    return "#" + "".join(f"{round(t * opacity + b * (1 - opacity)):02x}" for t, b in zip(top, bottom))


def _halo_pair(precision: int, source: dict, *, tiles: bool = False) -> list[dict]:
    """The outline and the fill of one precision level's halos, in drawing order; the fill fades as the radius grows.

    On the offline base map the fill is opaque, in the colour the translucent halo would have over land, and
    drawn over its own outline, just above the land (under borders, outlines and markers): circles that
    overlap neither darken nor cross-hatch, since only the edge of their union shows. The page draws each
    date window's circles unmerged (assets/time.js), so this is what keeps a town of many points readable,
    and it paints fewer blended pixels. Over online tiles the fill stays translucent so the tiles show.
    """
    opacity = HALO_FILL_OPACITY.get(precision, 0.025)
    line = {"width": 1.4}  # half of it is under the fill
    if precision >= 4:  # a region or a vague area: a hint of where, not a shape
        line["dash"] = [4, 3]
    fill_colour = HALO_COLOUR if tiles else _blend(HALO_COLOUR, LAND_COLOUR, opacity)
    return [{"sourcetype": "geojson", "source": source, "type": "line", "below": "traces",
             "color": HALO_COLOUR, "opacity": 0.35, "line": line, "name": "halos"},
            {"sourcetype": "geojson", "source": source, "type": "fill", "below": "traces",
             "color": fill_colour, "opacity": opacity if tiles else 1.0,
             "fill": {"outlinecolor": fill_colour}, "name": "halos"}]


def dashboard_view(lats: Sequence[float], lons: Sequence[float]) -> tuple[dict, float]:
    """Center and zoom of the dashboard's map (about 880 x 500 px) that show every point with a margin:
    the view when the URL has none."""
    if len(lats) == 0:
        return dict(DEFAULT_CENTER), DEFAULT_ZOOM
    return fit_view(lats, lons, width=880, height=500, min_zoom=2.0)


def spread_stacked(rows: Sequence[Mapping], *, zoom: float = DEFAULT_ZOOM, pixels: float = SPREAD_PIXELS) -> list[dict]:
    """Place incidents that share one spot on a small sunflower around it, deterministically.

    The dashboard spreads the points of its date window in the page by this same rule (assets/time.js,
    `spread`); tests/browser/test_time_in_chromium.py checks the two agree.

    The offset is a few screen pixels at `zoom`, the true spot is kept in true_lat/true_lon
    (drawn as a leg back to it), and the order is by id so the same data always spreads alike.
    """
    groups: dict[tuple, list[Mapping]] = defaultdict(list)
    for row in rows:
        groups[(round(row["lat"], 4), round(row["lon"], 4))].append(row)
    degrees_per_pixel = 360.0 / (512.0 * 2 ** zoom)
    golden = math.pi * (3 - math.sqrt(5))
    out = []
    for (lat, lon), members in groups.items():
        members = sorted(members, key=lambda r: str(r["id"]))
        for k, row in enumerate(members):
            spread = dict(row, true_lat=row["lat"], true_lon=row["lon"], stacked=len(members))
            if len(members) > 1:
                radius = pixels * math.sqrt(k + 0.6) * degrees_per_pixel
                angle = k * golden
                spread["lat"] = lat + radius * math.sin(angle)
                spread["lon"] = lon + radius * math.cos(angle) / max(0.2, math.cos(math.radians(lat)))
            out.append(spread)
    return out


def place_labels(rows: Iterable[Mapping], *, limit: int = 400) -> list[dict]:
    """Labels for the places that have incidents, the busiest first: [{lat, lon, text, rank}].

    The page draws them as HTML where they fit (assets/labels.js), so they need no map glyphs.
    A row's `place_label` (the name as the reports write it, with the gazetteer's beside when they
    differ) is used when present, else its `place`.
    """
    counts: dict[tuple, list] = {}
    for row in rows:
        key = _label_key(row)
        if key is not None:
            counts.setdefault(key, [0, row.get("true_lat", row.get("lat")), row.get("true_lon", row.get("lon"))])[0] += 1
    ordered = sorted(counts.items(), key=lambda item: (-item[1][0], item[0][2]))[:limit]
    return [{"lat": lat, "lon": lon, "text": str(text)[:80], "rank": rank}
            for rank, ((_, _, text), (_, lat, lon)) in enumerate(ordered)]


def _label_key(row: Mapping) -> Optional[tuple]:
    """The label a row's place takes: one per spot and name."""
    lat, lon = row.get("true_lat", row.get("lat")), row.get("true_lon", row.get("lon"))
    text = row.get("place_label") or row.get("place")
    if lat is None or lon is None or not text:
        return None
    return round(lat, 4), round(lon, 4), text


def _scatter(**trace) -> dict:
    """A scattermap trace as a plain dict: building go objects validates and deep-copies every array."""
    return {"type": "scattermap", **trace}


def speaker_label(is_claim: bool) -> str:
    """What the map's hover and the details panel call an incident's speakers: those of a claim claim it; an
    incident reported as fact (another telling said it as such) was also said by them, not claimed."""
    return "claimed by" if is_claim else "said by"


def _hover(row: Mapping) -> str:
    # Hover text goes through plotly's own escaping of text; keep it plain.
    parts = [f"{type_label(row.get('type'))}", f"{row.get('date_label') or 'date unknown'}",
             f"{row.get('place_label') or row.get('place') or 'no place'} · location: {WHERE_PRECISION_LABEL.get(row.get('precision'), 'unknown')}"]
    killed = row.get("killed")
    if killed is not None:
        parts.append(f"killed: {row.get('killed_label') or killed}")
    if row.get("claimant"):
        parts.append(f"{speaker_label(bool(row.get('is_claim')))}: {row['claimant']}")
    if row.get("denied"):
        parts.append("DENIED")
    if (row.get("stacked") or 1) > 1:
        parts.append(f"one of {row['stacked']} at this spot (spread apart)")
    if row.get("review") in REVIEWED_STATUSES + (REJECTED,):
        parts.append(f"review: {row['review']}")
    return "<br>".join(_plain(p) for p in parts)


REVIEWED_STATUSES = (CONFIRMED, CORRECTED)  # drawn with a white centre dot; rejected ones faded


def _reviewed_dots(rows: Sequence[Mapping]) -> list:
    """A small white dot at the centre of each incident an analyst confirmed or corrected."""
    reviewed = [r for r in rows if r.get("review") in REVIEWED_STATUSES]
    if not reviewed:
        return []
    return [_scatter(lat=[r["lat"] for r in reviewed], lon=[r["lon"] for r in reviewed],
                     customdata=[r["id"] for r in reviewed], mode="markers", name="reviewed", showlegend=False,
                     marker={"size": 5, "color": "white", "opacity": 1.0}, hoverinfo="skip",
                     meta={"layer": "reviewed"})]


def _plain(text: str) -> str:
    """Hover text is rendered by plotly as a tiny HTML subset: neutralise angle brackets from report data."""
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _point_traces(rows: Sequence[Mapping], colours: Mapping[str, str], *, claims: bool,
                  selected_id: Optional[str]) -> list:
    traces = []
    by_type: dict[str, list[Mapping]] = defaultdict(list)
    for row in rows:
        by_type[row.get("type") or ""].append(row)
    group = "claims" if claims else "incidents"
    undated = [r for r in rows if not r.get("date_start")]
    if undated:  # a dark rim under the marker: no window can hold these, so they are told apart
        traces.append(_scatter(lat=[r["lat"] for r in undated], lon=[r["lon"] for r in undated],
                               customdata=[r["id"] for r in undated], mode="markers", name="date unknown",
                               showlegend=False, hoverinfo="skip", meta={"layer": "undated"},
                               marker={"size": [marker_size(r.get("killed"), r.get("wounded")) + UNDATED_RIM
                                                for r in undated],
                                       "color": UNDATED_COLOUR, "opacity": 0.9}))
    for kind in sorted(by_type):
        members = by_type[kind]
        colour = colours.get(kind, UNKNOWN_COLOUR)
        sizes = [marker_size(r.get("killed"), r.get("wounded")) for r in members]
        opacity = [marker_opacity(r) for r in members]
        name = f"{type_label(kind)}{' · claim' if claims else ''}"
        common = dict(lat=[r["lat"] for r in members], lon=[r["lon"] for r in members],
                      customdata=[r["id"] for r in members], legendgroup=f"{group}:{kind}")
        if claims:
            # A claim is a ring: a coloured disc under a white one (scattermap has no marker outline).
            traces.append(_scatter(**common, mode="markers", name=name, showlegend=False,
                                        marker={"size": sizes, "color": colour, "opacity": opacity},
                                        hovertext=[_hover(r) for r in members], hoverinfo="text",
                                        meta={"layer": "claims"}))
            traces.append(_scatter(**common, mode="markers", name=name, showlegend=False,
                                        marker={"size": [s - CLAIM_CENTRE_INSET for s in sizes], "color": "white",
                                                "opacity": 1.0},
                                        hoverinfo="skip",
                                        meta={"layer": "claims"}))
            denied = [r for r in members if r.get("denied")]
            if denied:
                traces.append(_scatter(
                    lat=[r["lat"] for r in denied], lon=[r["lon"] for r in denied],
                    customdata=[r["id"] for r in denied], mode="markers", name="denied", showlegend=False,
                    legendgroup=f"{group}:{kind}", marker={"size": 4, "color": "#1b1b1b"},
                    hoverinfo="skip", meta={"layer": "claims"}))
        else:
            traces.append(_scatter(**common, mode="markers", name=name, showlegend=False,
                                        marker={"size": sizes, "color": colour, "opacity": opacity},
                                        hovertext=[_hover(r) for r in members], hoverinfo="text",
                                        meta={"layer": "incidents"}))
    return traces


def _legend(rows: Sequence[Mapping], colours: Mapping[str, str], layers: set) -> list:
    """One legend entry per event type shown, then how claims and denials are drawn (the sidebar switches layers)."""
    shown = [r for r in rows if ("claims" in layers if r.get("is_claim") else "incidents" in layers)]
    entries = [(type_label(kind), colours.get(kind, UNKNOWN_COLOUR))
               for kind in sorted({r.get("type") or "" for r in shown})]
    if any(r.get("is_claim") for r in shown):
        entries.append(("○ ring: a claim (reported speech)", "rgba(0,0,0,0)"))
    if any(r.get("denied") for r in shown):
        entries.append(("dark centre: the claim is denied", "#1b1b1b"))
    if any((r.get("time_precision") or 1) > 1 for r in shown):
        entries.append(("faded: date known to a week or month", "rgba(127,140,141,0.45)"))
    if any(not r.get("date_start") for r in shown):
        entries.append((UNDATED_LABEL, UNDATED_COLOUR))
    if any(r.get("review") in REVIEWED_STATUSES for r in shown):
        entries.append(("white dot: reviewed by an analyst", "white"))
    if any(r.get("review") == REJECTED for r in shown):
        entries.append(("very faint: rejected by an analyst", "rgba(127,140,141,0.2)"))
    if any(int(r.get("precision") or 1) >= COUNTRY_PRECISION for r in shown):
        entries.append((COUNTRY_LEVEL_LABEL, "rgba(0,0,0,0)"))
    return [_scatter(lat=[None], lon=[None], mode="markers", name=name, marker={"size": 10, "color": colour},
                     hoverinfo="skip", meta={"layer": "legend"}) for name, colour in entries]


def _legs(rows: Sequence[Mapping]) -> Optional[go.Scattermap]:
    lat, lon = [], []
    for row in rows:
        if (row.get("stacked") or 1) > 1:
            lat += [row["true_lat"], row["lat"], None]
            lon += [row["true_lon"], row["lon"], None]
    if not lat:
        return None
    return _scatter(lat=lat, lon=lon, mode="lines", line={"width": 1, "color": "rgba(60,60,60,0.45)"},
                         hoverinfo="skip", showlegend=False, name="spread", meta={"layer": "legs"})


def _cluster_trace(clusters: Sequence[Mapping], colours: Mapping[str, str]) -> list:
    """Grid clusters for big views: one bubble per cell, coloured by its most frequent type."""
    if not clusters:
        return []
    sizes = [10 + min(34, 4.5 * math.log2(1 + c["count"])) for c in clusters]
    hover = [_plain(f"{c['count']:,} incidents here" + (f" ({c['claims']:,} claims)" if c.get("claims") else "")
                    + f"<br>mostly {type_label(c.get('top_type'))}<br>zoom in or narrow the filters")
             .replace("&lt;br&gt;", "<br>") for c in clusters]
    return [_scatter(lat=[c["lat"] for c in clusters], lon=[c["lon"] for c in clusters], mode="markers",
                          name="Clusters (count)", customdata=[f"cluster:{c['lat']:.4f}:{c['lon']:.4f}" for c in clusters],
                          marker={"size": sizes, "color": [colours.get(c.get("top_type"), UNKNOWN_COLOUR) for c in clusters],
                                  "opacity": 0.75},
                          hovertext=hover, hoverinfo="text", meta={"layer": "clusters"})]


def map_figure(rows: Sequence[Mapping] = (), **options) -> go.Figure:
    """The conflict map as a plotly Figure (see `map_figure_dict` for the options)."""
    return go.Figure(map_figure_dict(rows, **options))


def map_figure_dict(rows: Sequence[Mapping] = (), *, clusters: Sequence[Mapping] = (), mentions: Sequence[Mapping] = (),
               layers: Iterable[str] = DEFAULT_LAYERS, colours: Optional[Mapping[str, str]] = None,
               center: Optional[Mapping[str, float]] = None, zoom: Optional[float] = None,
               tiles: Optional[str] = None, selected_id: Optional[str] = None,
               boundaries: BoundarySource = inline_boundaries, uirevision: str = "geomap",
               title: Optional[str] = None, height: Optional[int] = None, legend_at: Optional[str] = "below",
               labels: bool = True) -> dict:
    """The conflict map as a plain figure dict (fast to build and send): boundaries, optional tiles, precision halos, mentioned places, incidents and claims.

    `rows` are single incidents (spread apart where they share a spot), `clusters` grid cells for
    views too large to draw one by one. `boundaries` maps a layer name to GeoJSON (a dict, or a URL
    the browser fetches from the app). `tiles` ("osm" or "carto") adds an online raster basemap.
    `legend_at` puts the legend outside the map so it never hides a marker: "below" (rows under
    it) or "right" (a column beside it, for a wide slide); None draws none (the dashboard has its own).
    `labels` puts place labels in `layout.meta.labels` for the page to draw (see `place_labels`).
    """
    layers = set(layers)
    if zoom is None and center is None and (rows or clusters):
        placed = [r for r in list(rows) + list(clusters) if r.get("lat") is not None]
        center, zoom = dashboard_view([r["lat"] for r in placed], [r["lon"] for r in placed])
    zoom = DEFAULT_ZOOM if zoom is None else zoom
    colours = dict(colours or type_colours(r.get("type") for r in list(rows) + list(clusters)))
    spread = spread_stacked([r for r in rows if r.get("lat") is not None and r.get("lon") is not None], zoom=zoom)

    map_layers: list[dict] = []
    if tiles in ONLINE_TILES:
        url, attribution = ONLINE_TILES[tiles]
        map_layers.append({"sourcetype": "raster", "source": [url], "sourceattribution": attribution,
                           "below": "traces", "opacity": 0.85})
    else:
        # Fills get an outline of their own colour: plotly's default outline (#444) would draw every
        # polygon edge twice as dark where neighbours meet; the borders are a line layer of their own.
        map_layers += [
            {"sourcetype": "geojson", "source": boundaries("countries"), "type": "fill", "below": "traces",
             "color": LAND_COLOUR, "fill": {"outlinecolor": LAND_COLOUR}},
            {"sourcetype": "geojson", "source": boundaries("countries"), "type": "line", "below": "traces",
             "color": "#a19c90", "line": {"width": 0.9}},
        ]
    if "regions" in layers:
        map_layers += [
            {"sourcetype": "geojson", "source": boundaries("regions"), "type": "fill", "below": "traces",
             "color": REGION_FILL, "opacity": 0.35, "fill": {"outlinecolor": REGION_FILL}, "name": "regions"},
            {"sourcetype": "geojson", "source": boundaries("regions"), "type": "line", "below": "traces",
             "color": REGION_LINE, "line": {"width": 1.4, "dash": [3, 2]}, "name": "regions"},
        ]
    halos = halo_layers([r for r in spread if ("claims" in layers if r.get("is_claim") else "incidents" in layers)],
                        tiles=tiles in ONLINE_TILES) if "halos" in layers else []
    map_layers[HALO_LAYERS_AT:HALO_LAYERS_AT] = halos

    traces: list = []
    drawn = boundaries("regions") if "regions" in layers else None  # a dict, or a URL the page fetches
    region_label = outline_label(drawn if isinstance(drawn, Mapping) else boundary_geojson("regions")) if drawn else None
    if region_label:
        # A legend entry for the outline (map text labels would need remote glyphs).
        traces.append(_scatter(lat=[None], lon=[None], mode="markers", name=region_label,
                                    marker={"size": 12, "color": REGION_FILL}, hoverinfo="skip",
                                    meta={"layer": "regions"}))
    if "halos" in layers:  # the switch shows as a layer even when no halo is drawn
        traces.append(_scatter(lat=[None], lon=[None], mode="markers", showlegend=bool(halos), name="shaded circle: location uncertainty",
                                    marker={"size": 14, "color": "rgba(93,109,126,0.22)"}, hoverinfo="skip",
                                    meta={"layer": "halos"}))
    if "mentions" in layers and mentions:
        traces.append(_scatter(
            lat=[m["lat"] for m in mentions], lon=[m["lon"] for m in mentions], mode="markers",
            name="Mentioned places", customdata=[f"place:{m.get('place_id')}" for m in mentions],
            marker={"size": [6 + min(10, 2 * math.sqrt(m.get("count", 1))) for m in mentions], "color": MENTION_COLOUR,
                    "opacity": 0.55},
            hovertext=[_plain(f"{m.get('name')}: mentioned {m.get('count', 1)}×") for m in mentions],
            hoverinfo="text", meta={"layer": "mentions"}))
    visible_rows = [r for r in spread if ("claims" in layers if r.get("is_claim") else "incidents" in layers)]
    legs = _legs(visible_rows)
    if legs is not None:
        traces.append(legs)
    if "incidents" in layers:
        traces += _point_traces([r for r in spread if not r.get("is_claim")], colours, claims=False,
                                selected_id=selected_id)
    if "claims" in layers:
        traces += _point_traces([r for r in spread if r.get("is_claim")], colours, claims=True,
                                selected_id=selected_id)
    traces += _reviewed_dots(visible_rows)
    traces += _legend(spread, colours, layers)
    if clusters and ({"incidents", "claims"} & layers):
        traces += _cluster_trace(clusters, colours)
    if selected_id:
        chosen = [r for r in spread if r["id"] == selected_id]
        if chosen:
            r = chosen[0]
            traces.append(_scatter(lat=[r["lat"]], lon=[r["lon"]], mode="markers", name="selected",
                                        showlegend=False, customdata=[r["id"]], hoverinfo="skip",
                                        marker={"size": marker_size(r.get("killed"), r.get("wounded")) + 12,
                                                "color": "rgba(241,196,15,0.45)"},
                                        meta={"layer": "selected"}))

    layout = {
        "map": {"style": "white-bg", "center": dict(center or DEFAULT_CENTER), "zoom": zoom, "layers": map_layers},
        "margin": {"l": 0, "r": 0, "t": 36 if title else 0, "b": 0}, "uirevision": uirevision,
        "showlegend": legend_at is not None,
        "legend": {**LEGEND_PLACES.get(legend_at or "below"), "traceorder": "normal", "bgcolor": "rgba(255,255,255,0.9)", "font": {"size": 11},
                   "itemsizing": "constant", "itemclick": False, "itemdoubleclick": False},
        "paper_bgcolor": "white", "font": {"family": "Inter, 'Helvetica Neue', Arial, sans-serif"},
        "hoverlabel": {"bgcolor": "white", "font": {"size": 12}}, "clickmode": "event",
        "meta": {"labels": place_labels(spread) if labels else []},
    }
    if title:
        layout["title"] = {"text": _plain(title), "x": 0.01, "font": {"size": 16}}
    if height:
        layout["height"] = height
    return {"data": traces, "layout": layout}


# The dashboard draws the incidents of its date window in the browser (assets/time.js), from every
# placement the filters keep over all dates (`window_points`): these are the traces it fills, in drawing order.
WINDOW_TRACES = ("legs", "undated", "incidents", "claims", "claim-centres", "denied", "reviewed", "selected")
_WINDOW_TRACE_STYLE = {
    "legs": {"mode": "lines", "line": {"width": 1, "color": "rgba(60,60,60,0.45)"}, "hoverinfo": "skip",
             "meta": {"layer": "legs"}},
    "undated": {"mode": "markers", "marker": {"color": UNDATED_COLOUR, "opacity": 0.9}, "hoverinfo": "skip",
                "meta": {"layer": "undated"}},
    "incidents": {"mode": "markers", "hoverinfo": "text", "meta": {"layer": "incidents"}},
    "claims": {"mode": "markers", "hoverinfo": "text", "meta": {"layer": "claims"}},
    "claim-centres": {"mode": "markers", "marker": {"color": "white", "opacity": 1.0}, "hoverinfo": "skip",
                      "meta": {"layer": "claims"}},
    "denied": {"mode": "markers", "marker": {"size": 4, "color": "#1b1b1b"}, "hoverinfo": "skip",
               "meta": {"layer": "claims"}},
    "reviewed": {"mode": "markers", "marker": {"size": 5, "color": "white", "opacity": 1.0}, "hoverinfo": "skip",
                 "meta": {"layer": "reviewed"}},
    "selected": {"mode": "markers", "marker": {"color": "rgba(241,196,15,0.45)"}, "hoverinfo": "skip",
                 "meta": {"layer": "selected"}},
}
SELECTED_RING = 12.0  # px wider than the selected incident's marker


def _day_number(iso: Optional[str]) -> Optional[int]:
    return (date.fromisoformat(iso) - _EPOCH).days if iso else None


_EPOCH = date(1970, 1, 1)


def window_points(rows: Sequence[Mapping], *, colours: Mapping[str, str], layers: Iterable[str] = DEFAULT_LAYERS) -> dict:
    """Every placement `rows` hold, over all dates, as compact columns for a page that draws the ones of
    its date window itself (assets/time.js): no server round trip per slider step or Play frame.

    Rows are map rows (true spots, not spread) with date_start and date_end (or their day numbers, start_day
    and end_day, as `geomap.dashboard.queries.map_view` gives them). Each point has its first
    and last day (days since 1970-01-01; null when undated, never in a window), the style the server
    would draw it with (`marker_size`, `marker_opacity`, colour), its hover text, and the index of its
    place label and of its precision halo (-1 for none). The page spreads stacked points (`spread_stacked`)
    at the zoom it shows, ranks labels by the points in view and draws the halos of the points shown.
    """
    layers = set(layers)
    shown = sorted((r for r in rows if r.get("lat") is not None and r.get("lon") is not None
                    and ("claims" in layers if r.get("is_claim") else "incidents" in layers)),
                   key=lambda r: (r.get("type") or "", str(r["id"])))
    palette: dict[str, int] = {}
    labels: dict[tuple, int] = {}
    halos: dict[tuple, int] = {}
    halo_spots: list[list] = []
    columns: dict[str, list] = {name: [] for name in ("id", "lat", "lon", "start", "end", "colour", "size", "opacity",
                                                      "claim", "denied", "reviewed", "hover", "label", "halo")}
    for row in shown:
        colour = colours.get(row.get("type"), UNKNOWN_COLOUR)
        label, halo = _label_key(row), _halo_key(row) if "halos" in layers else None
        if halo is not None and int(row.get("precision") or 1) >= COUNTRY_PRECISION:
            halo = None  # a circle the size of a country says nothing
        if halo is not None and halo not in halos:
            halos[halo] = len(halo_spots)
            halo_spots.append([round(row["lat"], 5), round(row["lon"], 5), int(row.get("precision") or 1)])
        start = row["start_day"] if "start_day" in row else _day_number(row.get("date_start"))
        end = row["end_day"] if "end_day" in row else _day_number(row.get("date_end") or row.get("date_start"))
        for name, value in (
                ("id", str(row["id"])), ("lat", round(row["lat"], 5)), ("lon", round(row["lon"], 5)),
                ("start", start), ("end", end if start is not None else None),
                ("colour", palette.setdefault(colour, len(palette))),
                ("size", round(marker_size(row.get("killed"), row.get("wounded")), 2)),
                ("opacity", marker_opacity(row)), ("claim", int(bool(row.get("is_claim")))),
                ("denied", int(bool(row.get("denied")))),
                ("reviewed", int(row.get("review") in REVIEWED_STATUSES)), ("hover", _hover(row)),
                ("label", labels.setdefault(label, len(labels)) if label else -1),
                ("halo", halos[halo] if halo is not None else -1)):
            columns[name].append(value)
    return {**columns, "colours": list(palette), "labels": [[lat, lon, str(text)[:80]] for lat, lon, text in labels],
            "halo_spots": halo_spots, "halo_km": {str(k): v for k, v in HALO_RADIUS_KM.items()},
            "halo_min_pixels": HALO_MIN_PIXELS,
            "claim_inset": CLAIM_CENTRE_INSET, "selected_ring": SELECTED_RING, "spread_pixels": SPREAD_PIXELS,
            "undated_rim": UNDATED_RIM}


def window_map_figure(points: Mapping, **options) -> dict:
    """The map a page fills with the points of its date window (`window_points`): boundaries, outlines and
    mentioned places as `map_figure_dict` draws them, one empty halo layer pair per precision the points
    have (`layout.meta.halo_layers`: precision and the fill layer's index; the outline follows it), and the
    empty traces of WINDOW_TRACES. `options` are `map_figure_dict`'s, less rows and legend."""
    figure = map_figure_dict((), legend_at=None, labels=False, **options)
    map_layers = figure["layout"]["map"]["layers"]
    halo_layers, pairs = [], []
    for precision in sorted({spot[2] for spot in points.get("halo_spots", [])}, reverse=True):
        halo_layers.append([precision, HALO_LAYERS_AT + len(pairs)])
        pairs += _halo_pair(precision, {"type": "FeatureCollection", "features": []},
                            tiles=options.get("tiles") in ONLINE_TILES)
    map_layers[HALO_LAYERS_AT:HALO_LAYERS_AT] = pairs
    layers = set(options.get("layers", DEFAULT_LAYERS))
    for name in WINDOW_TRACES:
        style = _WINDOW_TRACE_STYLE[name]
        if style["meta"]["layer"] in ("incidents", "claims") and style["meta"]["layer"] not in layers:
            continue  # a layer switched off draws no trace of its own
        figure["data"].append(_scatter(lat=[], lon=[], name=name, showlegend=False, customdata=[],
                                       **{**style, "meta": {**style["meta"], "window": name}}))
    figure["layout"]["meta"].update(halo_layers=halo_layers, window=True)
    return figure


def date_scale(span_days: int) -> str:
    """How finely a date range of `span_days` is read, on the timeline and the slider alike: 'days' over a few
    months, 'months' over a few years, 'years' beyond ('01 Jan' five times says nothing of a decade)."""
    return "days" if span_days <= 120 else "months" if span_days <= 1200 else "years"


def _span_days(first: Optional[str], last: Optional[str]) -> int:
    return (date.fromisoformat(last[:10]) - date.fromisoformat(first[:10])).days if first and last else 0


def date_tick_format(first: str, last: str) -> str:
    """How a date axis from `first` to `last` (ISO days) labels its ticks (`date_scale`): the timeline's ticks and
    the date slider's marks over it alike ('5 Oct' on both; %e pads the day with a space, which text drops, and
    plotly's period labels do not read the unpadded %-d), in strftime and d3-time-format alike."""
    return {"days": "%e %b", "months": "%b %Y", "years": "%Y"}[date_scale(_span_days(first, last))]


def _timeline_bins(first: Optional[str], last: Optional[str]):
    """(day -> the bar it counts in, the bar's hover label, the bar's length in days): a bar a day, a week (from
    its Monday) or a month by `date_scale`, so that a day's bar over decades is not narrower than a pixel."""
    scale = date_scale(_span_days(first, last))
    if scale == "days":
        return (lambda day: day), "%{x|%d %b %Y}", 1.0
    if scale == "months":
        return (lambda day: (date.fromisoformat(day[:10]) - timedelta(days=date.fromisoformat(day[:10]).weekday()))
                .isoformat()), "week of %{x|%d %b %Y}", 7.0
    return (lambda day: day[:7] + "-01"), "%{x|%b %Y}", 30.44


TIMELINE_BAR_SHARE = 0.85  # of its bin a bar covers, the rest a gap between neighbours


def timeline_figure(counts: Sequence[Mapping], **options) -> go.Figure:
    """The timeline as a plotly Figure (see `timeline_figure_dict` for the options)."""
    return go.Figure(timeline_figure_dict(counts, **options))


TIMELINE_TICK_PX = 18  # the least room between two of the timeline's count labels (11 px text)


def count_tick_step(tallest: float, *, room_px: float) -> int:
    """The step between the timeline's count ticks: a whole number of incidents (plotly's own steps of 0.2 or 0.5
    for bars a few incidents tall were labelled "0 0 0 1 1" as integers), 1, 2 or 5 times a power of ten, the
    smallest that leaves TIMELINE_TICK_PX between labels on an axis `room_px` tall (labels 11 px apart on the
    dashboard's 54 px touched)."""
    labels = max(2, int(room_px // TIMELINE_TICK_PX))  # 0 and at least one more
    need = max(tallest, 1.0) / (labels - 1)
    power = 1
    while True:
        for step in (power, 2 * power, 5 * power):
            if step >= need:
                return step
        power *= 10
TIMELINE_WINDOW = "window"  # the name of the timeline's shaded date window (assets/time.js moves it while playing)


def timeline_figure_dict(counts: Sequence[Mapping], *, colours: Optional[Mapping[str, str]] = None,
                         selected: Optional[tuple[str, str]] = None, extent: Optional[tuple[str, str]] = None,
                         height: int = 150) -> dict:
    """Incidents per day (per week or month over years), stacked by type, as a plain figure dict (building
    go objects validates every array: twenty times the cost on a busy server); approximate dates are
    spread over their range and hatched.

    `counts` rows: {"day": ISO date, "type": str, "n": float, "approximate": bool}.
    `selected` shades the date window on screen (a shape named TIMELINE_WINDOW); `extent` (the slider's
    first and last day) is the axis, so that history told as context, decades back, does not squeeze the
    current weeks flat.
    """
    colours = dict(colours or type_colours(c["type"] for c in counts))
    days = [c["day"] for c in counts if c.get("day")]
    first, last = (extent[0], extent[1]) if extent and extent[0] and extent[1] else \
        ((min(days), max(days)) if days else (None, None))
    bin_of, when, bin_days = _timeline_bins(first, last)
    # A bar is as wide as its bin and starts where it does: left to plotly, two bars years apart would each be
    # drawn years wide, centred on their bin's first day.
    width = bin_days * 86_400_000 * TIMELINE_BAR_SHARE
    exact: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    approx: dict[str, float] = defaultdict(float)
    heights: dict[str, float] = defaultdict(float)  # each bar's stacked height
    for c in counts:
        heights[bin_of(c["day"])] += c["n"]
        if c.get("approximate"):
            approx[bin_of(c["day"])] += c["n"]
        else:
            exact[c["type"]][bin_of(c["day"])] += c["n"]
    traces = []
    for kind in sorted(exact):
        bins = sorted(exact[kind])
        traces.append({"type": "bar", "x": bins, "y": [exact[kind][d] for d in bins], "width": width, "offset": 0,
                       "name": type_label(kind),
                       "marker": {"color": colours.get(kind, UNKNOWN_COLOUR)},
                       "hovertemplate": when + ": %{y} " + _plain(type_label(kind)) + "<extra></extra>"})
    if approx:
        bins = sorted(approx)
        traces.append({"type": "bar", "x": bins, "y": [round(approx[d], 2) for d in bins], "width": width, "offset": 0,
                       "name": "approximate date (spread)",
                       "marker": {"color": "rgba(127,140,141,0.35)", "pattern": {"shape": "/", "fgcolor": "#7f8c8d"}},
                       "hovertemplate": when + ": %{y:.1f} incidents with week/month dates<extra></extra>"})
    xaxis = {"type": "date", "showgrid": False, "tickformat": date_tick_format(first, last) if first and last else "%e %b",
             "fixedrange": True}
    if bin_days == 1:  # a day's label under the middle of its bar, where the date slider puts that day
        xaxis["ticklabelmode"] = "period"
    if extent and extent[0] and extent[1]:
        xaxis["range"] = [extent[0] + "T00:00:00", extent[1] + "T23:59:59"]
    shapes = []
    shaded = selected if selected and selected[0] and selected[1] else (first, last)
    if shaded[0] and shaded[1]:  # all of it under all dates
        shapes.append({"type": "rect", "name": TIMELINE_WINDOW, "xref": "x",
                       "yref": "paper", "x0": shaded[0], "x1": shaded[1] + "T23:59:59", "y0": 0, "y1": 1,
                       "fillcolor": "rgba(241,196,15,0.18)", "line": {"width": 0}, "layer": "below"})
    margin = {"l": 36, "r": 8, "t": 6, "b": 24}
    yaxis = {"gridcolor": "#eeeeee", "fixedrange": True, "title": None, "rangemode": "tozero", "tickformat": ",d",
             "tick0": 0, "dtick": count_tick_step(max(heights.values(), default=0.0),
                                                  room_px=height - margin["t"] - margin["b"])}
    layout = {"barmode": "stack", "height": height, "margin": margin, "bargap": 0.15,
              "showlegend": False, "plot_bgcolor": "white", "paper_bgcolor": "white", "uirevision": "timeline",
              "xaxis": xaxis, "shapes": shapes, "yaxis": yaxis,
              "font": {"family": "Inter, 'Helvetica Neue', Arial, sans-serif", "size": 11}}
    return {"data": traces, "layout": layout}


def date_precision_label(precision: Optional[int]) -> str:
    """'day', 'week' ... for a UCDP date_prec."""
    return DATE_PRECISION_LABEL.get(precision, "unknown") if precision else "unknown"


__all__ = ["map_figure", "map_figure_dict", "window_points", "window_map_figure", "WINDOW_TRACES", "marker_opacity", "dashboard_view", "timeline_figure", "timeline_figure_dict", "TIMELINE_WINDOW", "count_tick_step", "speaker_label", "date_scale", "date_tick_format", "type_colours", "type_label", "halo_geojson", "halo_centres", "spread_stacked",
           "marker_size", "circle_polygon", "place_labels", "boundary_geojson", "inline_boundaries", "outline_label", "REGION_FILL", "REGION_LINE", "CREDITS", "LAYERS",
           "DEFAULT_LAYERS", "LAYER_LABELS", "MENTION_COLOUR", "HALO_RADIUS_KM", "ONLINE_TILES", "REGION_LABEL",
           "date_precision_label"]
