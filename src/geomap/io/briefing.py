"""The briefing pack: a standalone HTML page that opens offline, and a PNG and PDF of the same map.

The map is a Plotly `Scattermap` on the blank "white-bg" style with Natural Earth
country boundaries (and any outline a conflict profile names) as GeoJSON
layers, so nothing is fetched from the network; map text labels are avoided
because they would fetch glyphs. The PNG and PDF are rendered by kaleido driving
the system Chromium (`BROWSER_PATH`, else `chromium` on PATH), with MathJax off and the installed plotly.js,
so no render fetches anything.

The map itself is the dashboard's (`geomap.figures.map_figure`), fitted to the
incidents and dressed for a slide by `briefing_map_figure`.
"""

from __future__ import annotations

import html
import os
import shutil
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Optional, Sequence

import plotly.graph_objects as go

from geomap.conflicts import outlines_near
from geomap.exc import ExportError
from geomap.io.export import check_target, write_atomically
from geomap.figures import (BRIEFING_TITLE, CREDITS, UNKNOWN_COLOUR, boundary_geojson, outline_label, type_colours,
                             type_label)
from geomap.geometry import TILE_PX, fit_view, km_between, view_bounds
from geomap.io.csv import place_country
from geomap.io.features import inert, is_claim
from geomap.io.sites import Site, group_sites
from geomap.precision import DATE_PRECISION_LABEL, WherePrecision, count_range_label
from geomap.records import Incident

CREDIT = CREDITS
DEFAULT_TITLE = BRIEFING_TITLE
DEFAULT_SIZE = (1920, 1080)
COUNTRY_PRECISION = WherePrecision.COUNTRY


# Slide margins in pixels: room for the title, the date window and filters and the colour key above, the caption below.
_MARGIN = {"l": 24, "r": 24, "t": 150, "b": 64}
# A slide frames its places more tightly than the dashboard, never closer than half a degree
# (2 ** 0.35: the margin the briefing has always left), and shows no more than one region.
SLIDE_FRAMING = {"padding": 2 ** 0.35, "min_span_deg": 0.5, "min_zoom": 1.0, "max_zoom": 8.0 - 0.35}


def parse_size(text: str) -> tuple[int, int]:
    """'1920x1080' -> (1920, 1080); a clear error otherwise."""
    try:
        width, height = (int(part) for part in text.lower().split("x"))
    except ValueError:
        raise ExportError(f"size {text!r} is not WIDTHxHEIGHT in pixels, e.g. 1920x1080") from None
    if not (200 <= width <= 8000 and 200 <= height <= 8000):
        raise ExportError(f"size {text!r} is out of range: each side between 200 and 8000 pixels")
    return width, height


def date_range(incidents: Sequence[Incident]) -> tuple[Optional[str], Optional[str]]:
    """The earliest start and latest end date among the incidents (None when none is dated)."""
    starts = [i.date.start for i in incidents if i.date.start]
    ends = [i.date.end or i.date.start for i in incidents if i.date.end or i.date.start]
    return (min(starts) if starts else None, max(ends) if ends else None)


def current_incidents(incidents: Sequence[Incident]) -> list[Incident]:
    """The incidents that are not history a report recalls (`Incident.background`), or all when every one is:
    a ceasefire decades before would stretch a briefing's window over years in which none of its events
    happened (the dashboard's slider leaves history out of its bounds the same way, `queries.catalog`)."""
    current = [i for i in incidents if not i.background]
    return current or list(incidents)


def main_cluster(rows: list[dict], *, floor_km: float = 300.0) -> list[dict]:
    """The places a briefing map should frame: those near the median of all places.

    A front-line map is about where most events are; a meeting in Moscow or a statement in
    Ankara would zoom it out to a continent. Places farther from the median place than three
    times the median distance (and at least `floor_km`) stay drawn but do not steer the view;
    the caption names them. The median keeps this robust while outliers are under half the places.
    """
    if len(rows) < 4:
        return rows
    lats = sorted(r["lat"] for r in rows)
    lons = sorted(r["lon"] for r in rows)
    mid_lat, mid_lon = lats[len(lats) // 2], lons[len(lons) // 2]

    def km(r: dict) -> float:
        return float(km_between(mid_lat, mid_lon, r["lat"], r["lon"]))

    distances = sorted(km(r) for r in rows)
    reach = max(floor_km, 3 * distances[len(distances) // 2])
    return [r for r in rows if km(r) <= reach]


def basemap_countries(bounds: tuple[float, float, float, float], *, pad: float = 1.5, tolerance: float = 0.0) -> dict:
    """Natural Earth countries clipped to `bounds` grown by `pad` times its size each way, simplified to
    `tolerance` degrees (a fraction of a pixel at the slide's zoom).

    Clipping and simplifying keep the standalone page small (the world file is 1.8 MB, and a map carries it
    twice: land and borders) while leaving room to pan and zoom out in the interactive map.
    """
    import shapely
    from shapely.geometry import mapping, shape

    west, south, east, north = bounds
    dx, dy = (east - west) * pad, (north - south) * pad
    box = (max(west - dx, -180.0), max(south - dy, -85.0), min(east + dx, 180.0), min(north + dy, 85.0))
    features = []

    for feature in boundary_geojson("countries")["features"]:
        geometry = shapely.clip_by_rect(shape(feature["geometry"]), *box)
        if tolerance:
            geometry = shapely.set_precision(geometry.simplify(tolerance), tolerance / 4)
        if not geometry.is_empty:
            features.append({"type": "Feature", "properties": feature["properties"], "geometry": mapping(geometry)})
    return {"type": "FeatureCollection", "features": features}


def map_rows(incidents: Sequence[Incident]) -> list[dict]:
    """Incidents as the "map rows" `geomap.figures.map_figure` draws: one per resolved place of each incident."""
    rows = []
    for incident in incidents:
        start, end, precision = incident.date.start, incident.date.end, incident.date.precision
        label = (start or "date unknown") + (f" – {end}" if end and end != start else "")
        if (precision or 1) > 1 and start:
            label += f" (approximate: {DATE_PRECISION_LABEL.get(precision, precision)})"
        killed_low, killed_high = incident.killed_low, incident.killed_high
        killed_label = count_range_label(killed_low, killed_high)
        for mention in incident.resolved_places:
            rows.append({
                "id": incident.incident_id, "type": incident.event_type, "date_start": start, "date_end": end,
                "time_precision": precision,
                "killed": killed_high if killed_high is not None else killed_low, "killed_label": killed_label,
                "wounded": incident.wounded_high, "is_claim": is_claim(incident),
                "denied": bool(incident.denied_by), "claimant": incident.claimant or None,
                "place": mention.place.name, "lat": float(mention.place.lat), "lon": float(mention.place.lon),
                "precision": mention.precision, "country_code": mention.place.country_code, "date_label": label})
    return inert(rows)  # plotly reads hover text as HTML


SLIDE_TABLE_SHARE = 0.38  # of the slide's width: the table of numbered sites beside the map
SITES_EXPLAINED = "Numbered sites: nearby places grouped; disc area grows with incidents; colour: the most frequent type"
_TABLE_ROW, _TABLE_HEADER = 27, 34  # pixels: the least height of a row of the table, and its header
_TABLE_FONT = 15  # pixels: the cells' type (the header's one larger); a short table gets taller rows, not larger type


@dataclass
class BriefingView:
    """What a briefing shows, worked out once for the slide (PNG, PDF) and the page (HTML)."""

    incidents: list
    title: str
    subtitle: str  # the date window and the filters
    centre: dict
    zoom: float
    map_size: tuple[int, int]  # the map's pixels on the slide
    sites: list[Site]
    unplaced: list  # incidents with no resolved place: the table's last row, not on the map
    countries: dict  # Natural Earth countries clipped (and simplified) around the view
    colours: dict  # event type -> colour, as the dashboard draws them
    region: bool = True
    outlines: Optional[dict] = None  # the profiles' outlines its incidents lie in or near (`conflicts.outlines_near`)

    def drawn_outlines(self) -> dict:
        """The outlines the slide draws: those its incidents lie in or near, none when `region` is off."""
        features = (self.outlines or {}).get("features", []) if self.region else []
        return {"type": "FeatureCollection", "features": list(features)}

    def badge_colour(self, site: Site) -> str:
        """The colour of the site's most frequent type."""
        return self.colours.get(site.top_types()[0][0], UNKNOWN_COLOUR)

    def caption(self) -> str:
        """The line under the map: the counts and what the numbers mean (the data credit goes under it)."""
        n = len(self.incidents)
        undated = sum(1 for i in self.incidents if not i.date.start)
        text = f"{n} incident{'s' if n != 1 else ''}"
        if undated:
            text += f" ({undated} undated)"
        drawn = [s for s in self.sites if s.in_view]
        text += f" at {len(drawn)} numbered site{'s' if len(drawn) != 1 else ''} (nearby places grouped"
        text += "; an incident at several places counts at each)"
        off = [s for s in self.sites if not s.in_view]
        if off:
            text += f" · {len(off)} site{'s' if len(off) != 1 else ''} outside the view (number in brackets)"
        if self.unplaced:
            text += f" · {len(self.unplaced)} with no resolved place, listed, not mapped"
        return text


def _window_text(incidents: Sequence[Incident], view_filter) -> str:
    """'31 Dec 2022 to 06 Jan 2023': the filter's dates when it has them, else the current incidents' own
    (`current_incidents`), with how many earlier events the reports recall."""
    current = current_incidents(incidents)
    start, end = date_range(current)
    if view_filter is not None and (view_filter.date_from or view_filter.date_to):
        start, end = view_filter.date_from or start, view_filter.date_to or end
    if not start:
        return "no dated incident"
    text = _day(start) if not end or end == start else f"{_day(start)} to {_day(end)}"
    recalled = sum(1 for i in incidents if i.background and i.date.start and i.date.start < start)
    if recalled and len(current) < len(incidents):
        text += f" (and {recalled} earlier event{'s' if recalled != 1 else ''} the reports recall)"
    return text


def _day(iso: str) -> str:
    return date.fromisoformat(iso).strftime("%d %b %Y")


def briefing_subtitle(incidents: Sequence[Incident], view_filter=None) -> str:
    """The date window and the filters the briefing was made with, for the line under its title."""
    conditions = view_filter.describe() if view_filter is not None else ""
    return f"Events {_window_text(incidents, view_filter)} · " + (f"Filters: {conditions}" if conditions
                                                                   else "no filter: every incident in the store")


def briefing_view(incidents: Sequence[Incident], *, title: str = DEFAULT_TITLE, size: tuple[int, int] = DEFAULT_SIZE,
                  view_filter=None, region: bool = True) -> BriefingView:
    """Frame the incidents on a slide of `size` and group their places into numbered sites that fit the table."""
    width, height = size
    incidents = list(incidents)
    rows = map_rows(incidents)
    # Country-level places (a country's centroid) do not steer the view when anything finer exists:
    # they would zoom a front-line map out to a continent. They stay drawn, and the table lists them.
    focus = main_cluster([r for r in rows if (r.get("precision") or 1) < COUNTRY_PRECISION] or rows)
    map_width = int((width - _MARGIN["l"] - _MARGIN["r"]) * (1 - SLIDE_TABLE_SHARE))
    map_height = height - _MARGIN["t"] - _MARGIN["b"]
    centre, zoom = fit_view([r["lat"] for r in focus], [r["lon"] for r in focus], width=map_width,
                            height=map_height, **SLIDE_FRAMING)
    unplaced = [i for i in incidents if not i.resolved_places]
    room = max(1, (map_height - _TABLE_HEADER) // _TABLE_ROW - (1 if unplaced else 0))
    sites = group_sites(rows, centre=centre, zoom=zoom, width=map_width, height=map_height, max_sites=room)
    degrees_per_pixel = 360.0 / (TILE_PX * 2 ** zoom)
    bounds = view_bounds(centre, zoom, map_width, map_height)
    countries = basemap_countries(bounds, pad=0.6, tolerance=degrees_per_pixel / 2)
    colours = type_colours(r.get("type") for r in rows)
    return BriefingView(incidents, title, briefing_subtitle(incidents, view_filter), centre, zoom,
                        (map_width, map_height), sites, unplaced, countries, colours, region,
                        outlines_near([r["lat"] for r in rows], [r["lon"] for r in rows]) if region else None)


def _text_colour(fill: str) -> str:
    """Black or white, whichever reads better on the badge's colour (WCAG relative luminance)."""
    red, green, blue = (int(fill[k:k + 2], 16) / 255 for k in (1, 3, 5))

    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    luminance = 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)
    return "#000000" if luminance > 0.22 else "#ffffff"


def _site_hover(site: Site) -> str:
    lines = [f"<b>{site.number}</b>: {html.escape(_joined(site.names(), 60, more=True))} · {site.count} incident"
             f"{'s' if site.count != 1 else ''}"]
    for row in site.rows[:10]:
        killed = f" · killed: {row['killed_label']}" if row.get("killed_label") else ""
        lines.append(f"{type_label(row.get('type'))} · {row.get('date_label')} · {row.get('place')}{killed}")
    if len(site.rows) > 10:
        lines.append(f"… and {len(site.rows) - 10} more")
    return "<br>".join(lines)


def _site_traces(view: BriefingView) -> list[dict]:
    """The numbered badges: a disc per site in the colour of its most frequent type, on a white rim so
    neighbours stay apart; one legend entry per colour."""
    by_kind: dict[str, list[Site]] = {}
    for site in view.sites:
        by_kind.setdefault(site.top_types()[0][0], []).append(site)
    traces = []
    for kind in sorted(by_kind):
        members = by_kind[kind]
        common = {"type": "scattermap", "lat": [s.lat for s in members], "lon": [s.lon for s in members],
                  "customdata": [s.number for s in members], "mode": "markers", "meta": {"layer": "sites"}}
        traces.append(dict(common, name="rim", showlegend=False, hoverinfo="skip",
                           marker={"size": [s.diameter + 5 for s in members], "color": "white", "opacity": 1.0}))
        traces.append(dict(common, name=type_label(kind) or "Unknown", legendgroup=kind,
                           marker={"size": [s.diameter for s in members], "color": view.colours.get(kind, UNKNOWN_COLOUR),
                                   "opacity": 1.0},
                           hovertext=[_site_hover(s) for s in members], hoverinfo="text"))
    return traces


def _base_map(view: BriefingView) -> dict:
    """The dashboard's map (`geomap.figures.map_figure_dict`) with no points (boundaries and outlines), and the
    numbered sites; layout.meta carries the sites for the page's script."""
    from geomap.figures import DEFAULT_LAYERS, inline_boundaries, map_figure_dict

    outlines = view.drawn_outlines()

    def boundaries(name: str) -> dict:
        return {"countries": view.countries, "regions": outlines}.get(name) or inline_boundaries(name)

    layers = [layer for layer in DEFAULT_LAYERS if (outlines["features"] or layer != "regions") and layer != "halos"]
    figure = map_figure_dict([], layers=layers, center=view.centre, zoom=view.zoom, boundaries=boundaries,
                             legend_at=None, labels=False)
    # The countries drawn once, their borders as the fill's outline: the dashboard's separate border layer
    # would carry the same GeoJSON a second time, doubling the page.
    map_layers = figure["layout"]["map"]["layers"]
    borders = next(layer for layer in map_layers if layer["source"] is view.countries and layer["type"] == "line")
    land = next(layer for layer in map_layers if layer["source"] is view.countries and layer["type"] == "fill")
    land["fill"] = {"outlinecolor": borders["color"]}
    map_layers.remove(borders)
    figure["data"] += _site_traces(view)
    figure["layout"]["meta"] = {"sites": [{"number": s.number, "lat": s.lat, "lon": s.lon,
                                           "colour": _text_colour(view.badge_colour(s))} for s in view.sites]}
    return figure


# The table's columns: name, share of its width, alignment. On the slide each cell is cut to one line.
# The badge's colour tells each site's most frequent type; the HTML page's table also lists them all.
TABLE_COLUMNS = (("#", 0.06, "right"), ("Where", 0.37, "left"), ("Incidents", 0.14, "right"),
                 ("Claims", 0.10, "right"), ("Killed", 0.13, "right"), ("Dates", 0.20, "left"))
_NUMBERS = ("#", "Incidents", "Claims", "Killed")  # never cut
_CHAR_EM = 0.66  # the mean width of a DejaVu Sans character, in ems
_CELL_PADDING = 16  # pixels a table cell keeps free, left and right together


def site_table(view: BriefingView, *, width: Optional[int] = None, font: int = _TABLE_FONT) -> dict[str, list[str]]:
    """The table of sites, a column each: the number, where (busiest places first, the country), how many
    incidents and claims, the reported dead, the types, the dates; sites off the map and incidents with no
    place last. Claims are the incidents known only from what someone said. With `width` (pixels) each cell is cut to fit one line of that table, and there is no
    column of types (the badges' colours say them)."""
    budget = {name: int((share * width - _CELL_PADDING) / (_CHAR_EM * font)) if width else 10 ** 6
              for name, share, _ in TABLE_COLUMNS}
    start, end = date_range(current_incidents(view.incidents))
    long_span = bool(start and end) and (date.fromisoformat(end) - date.fromisoformat(start)).days > 300
    years = frozenset(d[:4] for d in (start, end) if d)
    names = [name for name, _, _ in TABLE_COLUMNS]
    columns: dict[str, list[str]] = {name: [] for name in names[:-1] + ([] if width else ["Types"]) + names[-1:]}

    def add(number: str, where: str, incidents: Sequence[Incident]) -> None:
        claims = sum(1 for i in incidents if is_claim(i))
        lows = [i.killed_low for i in incidents if i.killed_low is not None]
        highs = [i.killed_high for i in incidents if i.killed_high is not None or i.killed_low is not None]
        highs = None if None in highs else highs  # one figure with no upper bound leaves the sum open
        kinds = sorted(Counter(i.event_type or "" for i in incidents).items(), key=lambda kv: (-kv[1], kv[0]))
        cells = {"#": number, "Where": where,
                 "Incidents": str(len(incidents)), "Claims": str(claims),
                 "Killed": count_range_label(sum(lows) if lows else None, sum(highs) if highs else None,
                                             compact=True) or "–",
                 "Types": ", ".join(f"{type_label(k).lower()} {n}" for k, n in kinds),
                 "Dates": _site_dates(incidents, "%b %Y" if long_span else "%d %b", years)}
        for name in columns:
            text = cells[name]
            fits = len(text) <= budget.get(name, len(text)) or name in _NUMBERS
            columns[name].append(text if fits else text[:budget[name] - 1] + "…")

    by_id = {i.incident_id: i for i in view.incidents}
    for site in view.sites:
        busiest = site.busiest_row()
        country = place_country(busiest["lat"], busiest["lon"], country_code=busiest.get("country_code") or "",
                                precision=busiest.get("precision"))
        suffix = f" ({country})" if country else ""
        add(str(site.number) if site.in_view else f"({site.number})", _joined(site.names(), budget["Where"] - len(suffix), more=True) + suffix,
            [by_id[i] for i in site.incident_ids if i in by_id])
    if view.unplaced:
        add("–", "No place found: not mapped", view.unplaced)
    return columns


def _joined(items: Sequence[str], chars: int, *, more: bool = False) -> str:
    """As many items as fit in `chars`, comma separated, then "+N" (`more`) or "…" for the rest."""
    text = ""
    for k, item in enumerate(items):
        rest = len(items) - k - 1
        tail = (f" +{rest}" if more else " …") if rest else ""
        candidate = f"{text}, {item}" if text else item
        if text and len(candidate) + len(tail) > chars:
            return text + ((f" +{len(items) - k}" if more else " …"))
        text = candidate
    return text


def _site_dates(incidents: Sequence[Incident], day_format: str, years: frozenset = frozenset()) -> str:
    """The site's first and last day in `day_format`; months and years when they fall outside `years` (the
    briefing window's): a truce of years before, which reports recall, is not written as a day of this one."""
    start, end = date_range(incidents)
    undated = sum(1 for i in incidents if not i.date.start)
    if not start:
        return "date unknown"
    if {start[:4], (end or start)[:4]} - years:
        day_format = "%b %Y"
    first, last = date.fromisoformat(start).strftime(day_format), date.fromisoformat(end or start).strftime(day_format)
    if first != last and first[2:] == last[2:] and day_format.startswith("%d"):  # "02–06 Jan"
        first = first[:2]
    return (first if first == last else f"{first}–{last}") + (f", {undated} undated" if undated else "")


def briefing_map_figure(incidents: Sequence[Incident], *, title: str = DEFAULT_TITLE, size: tuple[int, int] = DEFAULT_SIZE,
                        region: bool = True, view_filter=None, view: Optional[BriefingView] = None) -> go.Figure:
    """The slide: the map with numbered sites on the left, the table of sites on the right, the title with
    the date window and filters above, counts and the data credit below."""
    view = view or briefing_view(incidents, title=title, size=size, view_filter=view_filter, region=region)
    width, height = size
    figure = _base_map(view)
    share = 1 - SLIDE_TABLE_SHARE
    plot_width = width - _MARGIN["l"] - _MARGIN["r"]
    figure["layout"]["map"]["domain"] = {"x": [0, share], "y": [0, 1]}
    table_share = 1 - share - 0.015
    map_width, map_height = view.map_size
    rows = len(view.sites) + (1 if view.unplaced else 0)
    row_height = max(_TABLE_ROW, min(36, (map_height - _TABLE_HEADER) // max(rows, 1)))
    font = max(11, round(_TABLE_FONT * min(1.0, width / DEFAULT_SIZE[0])))  # a smaller slide, smaller type
    columns = site_table(view, width=int(plot_width * table_share), font=font)
    figure["data"].append({
        "type": "table", "domain": {"x": [share + 0.015, 1], "y": [0, 1]},
        "columnwidth": [width_share for _, width_share, _ in TABLE_COLUMNS],
        "header": {"values": [f"<b>{html.escape(k)}</b>" for k in columns], "height": _TABLE_HEADER,
                   "align": "left", "fill": {"color": "#e9e6df"}, "font": {"size": font + 1, "color": "#222222"}},
        "cells": {"values": [[html.escape(v) for v in values] for values in columns.values()],
                  "height": row_height, "align": [align for _, _, align in TABLE_COLUMNS],
                  "fill": {"color": [["white", "#f6f5f2"] * (len(columns["#"]) // 2 + 1)]},
                  "font": {"size": font, "color": "#222222"}},
    })
    numbers = [{"text": f"<b>{s.number}</b>", "xref": "paper", "yref": "paper", "showarrow": False,
                "x": s.x / plot_width, "y": 1 - s.y / map_height, "xanchor": "center", "yanchor": "middle",
                "font": {"size": 15 if s.number < 100 else 12, "color": _text_colour(view.badge_colour(s))}}
               for s in view.sites if s.in_view]
    figure["layout"].update({
        "title": {"text": html.escape(view.title), "x": 0, "xref": "paper", "xanchor": "left", "y": 1,
                  "yref": "container", "yanchor": "top", "pad": {"t": 18}, "font": {"size": 30}},
        "margin": dict(_MARGIN), "width": width, "height": height, "showlegend": False,
        "font": {"family": "DejaVu Sans, Arial, sans-serif", "size": 16, "color": "#222222"},
        "annotations": numbers + [
            {"text": html.escape(view.subtitle), "xref": "paper", "yref": "paper", "x": 0, "y": 1,
             "yshift": 70, "xanchor": "left", "yanchor": "bottom", "showarrow": False,
             "font": {"size": 18, "color": "#444444"}},
            {"text": html.escape(SITES_EXPLAINED) + _outline_note(view), "xref": "paper", "yref": "paper", "x": 0,
             "y": 1, "yshift": 36, "xanchor": "left", "yanchor": "bottom", "showarrow": False,
             "font": {"size": 16, "color": "#222222"}},
            {"text": _colour_key(view), "xref": "paper", "yref": "paper", "x": 0, "y": 1, "yshift": 8,
             "xanchor": "left", "yanchor": "bottom", "showarrow": False, "font": {"size": 16, "color": "#222222"}},
            {"text": html.escape(view.caption()), "xref": "paper", "yref": "paper", "x": 0, "y": 0,
             "yshift": -30, "xanchor": "left", "yanchor": "bottom", "showarrow": False,
             "font": {"size": 15, "color": "#444444"}},
            {"text": html.escape(CREDIT), "xref": "paper", "yref": "paper", "x": 0, "y": 0,
             "yshift": -_MARGIN["b"] + 6, "xanchor": "left", "yanchor": "bottom", "showarrow": False,
             "font": {"size": 15, "color": "#444444"}}],
    })
    return go.Figure(figure)


def _sources_html(incidents: Sequence[Incident]) -> str:
    items = []
    for incident in incidents:
        where = ", ".join(p["name"] or "?" for p in incident.to_json()["places"]) or "no resolved place"
        head = (f"<b>{html.escape(incident.event_type or 'incident')}</b>, {html.escape(where)}, "
                f"{html.escape(incident.date.start or 'undated')}")
        if incident.claimant:
            head += f" — claimed by {html.escape(incident.claimant)}"
        if incident.denied_by:
            head += f"; denied by {html.escape('; '.join(incident.denied_by))}"
        quotes = "".join(
            f"<li><q>{html.escape(s.sentence or '')}</q> "
            f"<span class=src>{html.escape(s.publisher or '')}, {html.escape(s.published or 'n.d.')}"
            f" ({html.escape(s.report_id or '')})"
            + (f"; also carried by {html.escape(', '.join(s.reprinted_by))}" if s.reprinted_by else "")
            + "</span></li>"
            for s in incident.sources)
        items.append(f"<li id=\"{html.escape(incident.incident_id)}\">{head}<ul>{quotes}</ul></li>")
    return "<ol class=sources>" + "".join(items) + "</ol>"


# Opened from disk (file://), Chromium refuses the MapLibre worker plotly.js starts from a blob:
# URL (an opaque origin is cross-origin even to itself), and the map stays blank. Before plotly.js
# loads, this reads such a worker script synchronously (following the one-line `import "blob:..."`
# wrapper MapLibre uses for cross-origin workers) and starts it from a data: URL, which Chromium
# allows. Over http(s) it does nothing.
_FILE_WORKER_SHIM = """<script>(function(){
if (location.protocol !== "file:" || !window.Worker) return;
var NativeWorker = window.Worker;
function read(url) { var x = new XMLHttpRequest(); x.open("GET", url, false); x.send(); return x.responseText; }
window.Worker = function (url, options) {
  url = String(url);
  if (url.indexOf("blob:") === 0) {
    var text = read(url), wrapper = /^import\\s*("blob:[^"]+")\\s*;?\\s*$/.exec(text);
    if (wrapper) text = read(JSON.parse(wrapper[1]));
    url = "data:text/javascript;base64," + btoa(unescape(encodeURIComponent(text)));
  }
  return new NativeWorker(url, options);
};
window.Worker.prototype = NativeWorker.prototype;
})();</script>"""

# The numbers on the badges of the interactive map, drawn as HTML over it (MapLibre text would fetch glyphs from
# the network) and moved with the map; the sites come from the figure's layout.meta.sites.
_SITE_NUMBERS = """<script>(function(){
var gd = document.getElementById("briefing-map"), box = gd.parentElement, layer = document.createElement("div");
layer.className = "site-numbers"; box.appendChild(layer);
function draw(map) {
  var canvas = map.getCanvas().getBoundingClientRect(), outer = box.getBoundingClientRect();
  layer.textContent = "";
  ((gd.layout.meta || {}).sites || []).forEach(function (site) {
    var p = map.project([site.lon, site.lat]);
    if (p.x < 0 || p.y < 0 || p.x > canvas.width || p.y > canvas.height) return;
    var span = document.createElement("span");
    span.textContent = String(site.number);
    span.style.left = (p.x + canvas.left - outer.left) + "px";
    span.style.top = (p.y + canvas.top - outer.top) + "px";
    span.style.color = site.colour;
    layer.appendChild(span);
  });
}
var wait = setInterval(function () {
  var sub = gd._fullLayout && gd._fullLayout.map && gd._fullLayout.map._subplot;
  if (!sub || !sub.map) return;
  clearInterval(wait);
  var map = sub.map, redraw = function () { draw(map); };
  map.on("move", redraw); map.on("resize", redraw); map.on("load", redraw); redraw();
}, 100);
})();</script>"""

_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title}</title>
{shim}
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{{font-family:"DejaVu Sans",Arial,sans-serif;margin:1.5rem 2rem;color:#222}}
h1{{margin:0 0 .3rem;font-size:1.8rem}} .meta{{color:#555;margin:0 0 .6rem}} .key{{margin:0 0 .6rem}}
.map-box{{position:relative}} .site-numbers{{position:absolute;left:0;top:0;right:0;bottom:0;pointer-events:none}}
.site-numbers span{{position:absolute;transform:translate(-50%,-50%);font-weight:700;font-size:14px}}
table.sites{{border-collapse:collapse;margin:1rem 0}} .sites th,.sites td{{padding:.2rem .6rem;text-align:left}}
.sites th{{background:#e9e6df}} .sites tr:nth-child(even) td{{background:#f6f5f2}} .sites td.n{{text-align:right}}
.sources li{{margin:.4rem 0}} .sources ul{{margin:.2rem 0}} q{{font-style:italic}} .src{{color:#555}}
footer{{margin-top:2rem;color:#555;font-size:.9rem;border-top:1px solid #ddd;padding-top:.5rem}}
</style></head><body>
<h1>{title}</h1>
<p class=meta>{subtitle}</p>
<p class=key>{explained}{outline}<br>{key}</p>
<div class=map-box>{figure}</div>
{numbers}
<p class=meta>{caption}</p>
<h2>Sites</h2>
{table}
<h2>Sources</h2>
{sources}
<footer>{credit}. Reported claims are shown as claims, attributed to who makes them.</footer>
</body></html>
"""


def _colour_key(view: BriefingView) -> str:
    """The badge colours in use, each beside its type, as HTML."""
    kinds = sorted({s.top_types()[0][0] for s in view.sites if s.in_view})
    return " · ".join(f"<span style='color:{view.colours.get(k, UNKNOWN_COLOUR)}'>●</span> "
                      f"{html.escape(type_label(k))}" for k in kinds) or "no site on the map"


def _outline_note(view: BriefingView) -> str:
    """' · dashed: <the outline's name>' when the map draws a conflict profile's outline."""
    outline = outline_label(view.drawn_outlines())
    return f" · dashed: {html.escape(outline)}" if outline else ""


def _table_html(view: BriefingView) -> str:
    columns = site_table(view)
    numeric = {"#", "Incidents", "Killed"}
    head = "".join(f"<th>{html.escape(name)}</th>" for name in columns)
    body = "".join("<tr>" + "".join(f"<td{' class=n' if name in numeric else ''}>{html.escape(values[k])}</td>"
                                    for name, values in columns.items()) + "</tr>"
                   for k in range(len(columns["#"])))
    return f"<table class=sites><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def briefing_html(incidents: Sequence[Incident], *, title: str = DEFAULT_TITLE,
                  view: Optional[BriefingView] = None) -> str:
    """A standalone page: plotly.js inlined, so it opens with no network; the map with its numbered sites, the
    table of sites and every source sentence; report text escaped."""
    view = view or briefing_view(incidents, title=title)
    interactive = go.Figure(_base_map(view))
    interactive.update_layout(margin={"l": 0, "r": 0, "t": 0, "b": 0})
    # The slide's zoom and the slide map's height: badges keep the size and spacing they were grouped for, so
    # none overlap; a narrower window shows less of the sides (the table lists every site).
    div = interactive.to_html(full_html=False, include_plotlyjs=True, default_width="100%",
                              default_height=f"{view.map_size[1]}px",
                              div_id="briefing-map", config={"displaylogo": False, "scrollZoom": True,
                                                             "displayModeBar": False, "responsive": True})
    return _PAGE.format(shim=_FILE_WORKER_SHIM, title=html.escape(view.title), subtitle=html.escape(view.subtitle),
                        explained=html.escape(SITES_EXPLAINED), outline=_outline_note(view), key=_colour_key(view), figure=div, numbers=_SITE_NUMBERS, caption=html.escape(view.caption()),
                        table=_table_html(view), sources=_sources_html(view.incidents), credit=html.escape(CREDIT))


def _browser_path() -> Optional[str]:
    return os.environ.get("BROWSER_PATH") or shutil.which("chromium") or shutil.which("chromium-browser") \
        or shutil.which("google-chrome")


def _kaleido_options(browser: str) -> dict:
    """kaleido settings that keep a render off the network: no MathJax (its default is a CDN script),
    plotly.js from the installed plotly package, and the browser given here rather than by environment."""
    import plotly

    plotly_js = Path(plotly.__file__).resolve().parent / "package_data" / "plotly.min.js"
    if not plotly_js.is_file():
        raise ExportError(f"plotly.js is missing from the plotly package ({plotly_js}); reinstall plotly")
    return {"plotlyjs": plotly_js.as_uri(), "mathjax": False, "path": browser}


def _render_static(figure: go.Figure, paths: dict[str, Path], *, size: tuple[int, int], browser: str) -> None:
    """PNG and PDF in one kaleido session (one Chromium start), each moved into place only when done.

    kaleido is called directly, not through `plotly.io.write_images`: plotly passes kaleido no way to turn
    MathJax off, and kaleido's page fetches it from a CDN unless told not to.
    """
    import kaleido

    width, height = size
    temporary = {kind: path.with_name(f".{path.stem}.tmp{path.suffix}") for kind, path in paths.items()}
    figure_dict = figure.to_dict()
    specs = [{"fig": figure_dict, "path": temporary[kind],
              "opts": {"format": kind, "width": width, "height": height, "scale": 1}} for kind in paths]
    try:
        kaleido.write_fig_from_object_sync(specs, kopts=_kaleido_options(browser))
        for kind, path in paths.items():
            os.replace(temporary[kind], path)
    except ExportError:
        raise
    except Exception as exc:  # kaleido and Chromium failures: say what to check
        raise ExportError(f"cannot render {', '.join(str(p) for p in paths.values())} with kaleido and Chromium "
                          f"({browser}): {exc}") from exc
    finally:
        for path in temporary.values():
            path.unlink(missing_ok=True)


BRIEFING_FORMATS = ("html", "png", "pdf")


def briefing_title(title: Optional[str], *, as_of: Optional[str] = None) -> str:
    """The title a briefing carries: the given one (else the default), saying so when it is the map as known on
    a day (geomap.review.known_on)."""
    title = title or DEFAULT_TITLE
    return f"{title} (as known on {as_of})" if as_of else title


def write_briefing(incidents: Sequence[Incident], out_prefix, *, title: str = DEFAULT_TITLE,
                   size: tuple[int, int] = DEFAULT_SIZE, force: bool = False,
                   formats: Sequence[str] = BRIEFING_FORMATS, view_filter=None) -> dict[str, Path]:
    """Write OUT_PREFIX.html, .png and .pdf for exactly these incidents; returns {"html", "png", "pdf"} paths.

    `view_filter` (a geomap.filters.IncidentFilter) is the filter that chose them: the title line says it.

    `formats` picks some of them (the HTML alone needs no Chromium and takes well under a second).
    Nothing is written when any of them exists and `force` is false.
    """
    unknown = [kind for kind in formats if kind not in BRIEFING_FORMATS]
    if unknown or not formats:
        raise ExportError(f"briefing formats must be some of {', '.join(BRIEFING_FORMATS)}, not {list(formats)}")
    prefix = Path(out_prefix)
    paths = {kind: prefix.with_name(prefix.name + "." + kind) for kind in BRIEFING_FORMATS if kind in formats}
    for path in paths.values():
        check_target(path, force=force)
    view = briefing_view(incidents, title=title, size=size, view_filter=view_filter)
    figure = briefing_map_figure(incidents, size=size, view=view)
    if "html" in paths:
        page = briefing_html(incidents, view=view)
        write_atomically(paths["html"], lambda p: p.write_text(page, encoding="utf-8"))
    static = {kind: paths[kind] for kind in ("png", "pdf") if kind in paths}
    if not static:
        return paths

    browser = _browser_path()
    if browser is None:
        raise ExportError("no Chromium found for the PNG and PDF: install chromium (apt-get install chromium) "
                          "or set BROWSER_PATH")
    _render_static(figure, static, size=size, browser=browser)
    return paths


__all__ = ["briefing_title", "CREDIT", "DEFAULT_SIZE", "DEFAULT_TITLE", "parse_size", "map_rows", "basemap_countries", "date_range", "current_incidents",
           "briefing_view", "briefing_subtitle", "site_table", "BriefingView", "briefing_map_figure", "briefing_html", "write_briefing", "BRIEFING_FORMATS"]
