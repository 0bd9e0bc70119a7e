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
from pathlib import Path
from typing import Optional, Sequence

import plotly.graph_objects as go

from geomap.exc import ExportError
from geomap.io.export import check_target, write_atomically
from geomap.io.features import inert, is_claim
from geomap.figures import BRIEFING_TITLE, CREDITS
from geomap.geometry import fit_view, km_between, view_bounds
from geomap.precision import DATE_PRECISION_LABEL, WherePrecision, count_range_label
from geomap.records import Incident

CREDIT = CREDITS
DEFAULT_TITLE = BRIEFING_TITLE
DEFAULT_SIZE = (1920, 1080)
MARKER_SCALE = 1.7
COUNTRY_PRECISION = WherePrecision.COUNTRY


# Map margins in pixels: room for the title above and the caption below.
_MARGIN = {"l": 20, "r": 20, "t": 90, "b": 70}
_LEGEND_COLUMN = 500  # the legend's column right of the map, so it hides no marker (at most 30% of the width)
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


def basemap_countries(bounds: tuple[float, float, float, float], *, pad: float = 1.5) -> dict:
    """Natural Earth countries clipped to `bounds` grown by `pad` times its size each way.

    Clipping keeps the standalone page small (the world file is 1.8 MB) while leaving
    room to pan and zoom out in the interactive map.
    """
    import shapely
    from shapely.geometry import mapping, shape

    west, south, east, north = bounds
    dx, dy = (east - west) * pad, (north - south) * pad
    box = (max(west - dx, -180.0), max(south - dy, -85.0), min(east + dx, 180.0), min(north + dy, 85.0))
    features = []
    from geomap.figures import boundary_geojson

    for feature in boundary_geojson("countries")["features"]:
        geometry = shapely.clip_by_rect(shape(feature["geometry"]), *box)
        if not geometry.is_empty:
            features.append({"type": "Feature", "properties": feature["properties"], "geometry": mapping(geometry)})
    return {"type": "FeatureCollection", "features": features}


def briefing_caption(incidents: Sequence[Incident], *, outside: int = 0, outside_names: tuple[str, ...] = ()) -> str:
    """Date range, counts and the data credit: the line under the map."""
    start, end = date_range(incidents)
    span = f"{start} to {end}" if start and end and start != end else (start or "undated")
    unmapped = sum(1 for i in incidents if not i.resolved_places)
    count = f"{len(incidents)} incident{'s' if len(incidents) != 1 else ''}"
    if unmapped:
        count += f" ({unmapped} with no resolved place, listed but not mapped)"
    if outside:
        named = f" ({', '.join(outside_names)})" if outside_names else ""
        count += f" · {outside} place{'s' if outside != 1 else ''} outside the view{named}"
    return f"Events {span} · {count} · {CREDIT}"


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
                "precision": mention.precision, "date_label": label})
    return inert(rows)  # plotly reads hover text as HTML


def briefing_map_figure(incidents: Sequence[Incident], *, title: str = DEFAULT_TITLE, size: tuple[int, int] = DEFAULT_SIZE,
                        region: bool = True) -> go.Figure:
    """The dashboard's map (`geomap.figures.map_figure`) fitted to the incidents and dressed for a slide.

    Adds a larger title and legend, and the caption (date range, counts, credit) under the map;
    the countries are clipped to well beyond the view so the standalone page stays small.
    """
    from geomap.figures import DEFAULT_LAYERS, inline_boundaries, map_figure

    width, height = size
    rows = map_rows(incidents)
    # Country-level places (a country's centroid) do not steer the view when anything finer exists:
    # they would zoom a front-line map out to a continent. They stay drawn, and the caption counts them.
    focus = main_cluster([r for r in rows if (r.get("precision") or 1) < COUNTRY_PRECISION] or rows)
    margin = dict(_MARGIN, r=_MARGIN["r"] + min(_LEGEND_COLUMN, int(width * 0.3)))
    map_width, map_height = width - margin["l"] - margin["r"], height - margin["t"] - margin["b"]
    centre, zoom = fit_view([r["lat"] for r in focus], [r["lon"] for r in focus], width=map_width, height=map_height,
                            **SLIDE_FRAMING)
    west, south, east, north = view_bounds(centre, zoom, map_width, map_height)
    outside_rows = [r for r in rows if not (west <= r["lon"] <= east and south <= r["lat"] <= north)]
    outside = len({(r["lat"], r["lon"]) for r in outside_rows})
    outside_names = tuple(sorted({r["place"] for r in outside_rows
                                  if r.get("place") and (r.get("precision") or 1) < COUNTRY_PRECISION}))
    countries = basemap_countries(view_bounds(centre, zoom, width, height))

    def boundaries(name: str) -> dict:
        return countries if name == "countries" else inline_boundaries(name)

    layers = [layer for layer in DEFAULT_LAYERS if region or layer != "regions"]
    figure = map_figure(rows, layers=layers, center=centre, zoom=zoom, boundaries=boundaries, title=title,
                        legend_at="right")
    # sized for a slide seen from the back of the room: the dashboard's markers scaled up
    for trace in figure.data:
        size = trace.marker.size if trace.marker is not None else None
        if size is not None and trace.lat and trace.lat[0] is not None:
            trace.marker.size = [v * MARKER_SCALE for v in size] if isinstance(size, (list, tuple)) else size * MARKER_SCALE
    figure.update_layout(
        title={"text": html.escape(title), "x": 0.01, "xanchor": "left", "font": {"size": 30}},
        margin=margin, font={"family": "DejaVu Sans, Arial, sans-serif", "size": 16, "color": "#222222"},
        legend={"font": {"size": 18}, "title": {"text": "Incidents and claims"}, "itemsizing": "constant"},
        annotations=[{"text": html.escape(briefing_caption(incidents, outside=outside, outside_names=outside_names)), "xref": "paper", "yref": "paper",
                      "x": 0, "y": 0, "yshift": -margin["b"] + 12, "xanchor": "left", "yanchor": "bottom",
                      "showarrow": False, "font": {"size": 15, "color": "#444444"}}],
    )
    return figure


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
            f" ({html.escape(s.report_id or '')})</span></li>"
            for s in incident.sources)
        items.append(f"<li>{head}<ul>{quotes}</ul></li>")
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

_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title}</title>
{shim}
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{{font-family:"DejaVu Sans",Arial,sans-serif;margin:1.5rem 2rem;color:#222}}
h1{{margin:0 0 .3rem;font-size:1.8rem}} .meta{{color:#555;margin:0 0 1rem}}
.sources li{{margin:.4rem 0}} .sources ul{{margin:.2rem 0}} q{{font-style:italic}} .src{{color:#555}}
footer{{margin-top:2rem;color:#555;font-size:.9rem;border-top:1px solid #ddd;padding-top:.5rem}}
</style></head><body>
<h1>{title}</h1>
<p class=meta>Events {span} · {count} · generated by geomap</p>
{figure}
<h2>Sources</h2>
{sources}
<footer>{credit}. Reported claims are shown as claims, attributed to who makes them.</footer>
</body></html>
"""


def briefing_html(incidents: Sequence[Incident], figure: go.Figure, *, title: str) -> str:
    """A standalone page: plotly.js inlined, so it opens with no network; report text escaped."""
    start, end = date_range(incidents)
    span = f"{start} to {end}" if start and end and start != end else (start or "undated")
    interactive = go.Figure(figure)
    interactive.update_layout(title=None, margin={"l": 0, "r": 0, "t": 0, "b": 40})
    div = interactive.to_html(full_html=False, include_plotlyjs=True, default_width="100%", default_height="75vh",
                              div_id="briefing-map", config={"displaylogo": False, "scrollZoom": True})
    return _PAGE.format(shim=_FILE_WORKER_SHIM, title=html.escape(title), span=html.escape(span),
                        count=html.escape(f"{len(incidents)} incidents"), figure=div,
                        sources=_sources_html(incidents), credit=html.escape(CREDIT))


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
                   formats: Sequence[str] = BRIEFING_FORMATS) -> dict[str, Path]:
    """Write OUT_PREFIX.html, .png and .pdf for exactly these incidents; returns {"html", "png", "pdf"} paths.

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
    incidents = list(incidents)
    figure = briefing_map_figure(incidents, title=title, size=size)
    if "html" in paths:
        page = briefing_html(incidents, figure, title=title)
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


__all__ = ["briefing_title", "CREDIT", "DEFAULT_SIZE", "DEFAULT_TITLE", "parse_size", "map_rows", "basemap_countries", "date_range",
           "briefing_caption", "briefing_map_figure", "briefing_html", "write_briefing", "BRIEFING_FORMATS"]
