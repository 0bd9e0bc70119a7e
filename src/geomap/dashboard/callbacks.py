"""Callbacks: thin wiring. Each `render_*`/`*_from_*` function is pure (store path and values in, props out)
and unit-tested by calling it; `register_callbacks` only connects them to component ids."""

from __future__ import annotations

import io
import logging
import threading
from collections import OrderedDict
from datetime import date
from functools import wraps
import tempfile
import zipfile
from dataclasses import replace
from pathlib import Path
from typing import Optional, Sequence

from dash import ALL, ClientsideFunction, Input, Output, State, ctx, dcc, no_update
from dash.exceptions import MissingCallbackContextException, PreventUpdate

from geomap import figures
from geomap.geometry import framed_bounds
from geomap.dashboard import components, ids, queries
from geomap.dashboard.state import (NAME_MAX, ViewState, as_number, clean_state, day_iso, day_number,
                                    from_query, to_query)
from geomap.exc import ExportError
from geomap.io import FORMATS, export_incidents

# The controls whose values make a ViewState, in the order the callbacks pass them.
CONTROLS = (
    (ids.DATE_SLIDER, "value"), (ids.EVENT_TYPES, "value"), (ids.CLAIMANTS, "value"), (ids.PUBLISHERS, "value"),
    (ids.GEO_PRECISION, "value"), (ids.TIME_PRECISION, "value"), (ids.VERIFICATION, "value"), (ids.SEARCH, "value"),
    (ids.LAYERS, "value"), (ids.TILES, "value"), (ids.REVIEW_FILTER, "value"), (ids.AS_OF, "value"),
)
# The controls that choose which incidents a view holds (the layers and tiles only draw them).
FILTER_CONTROLS = CONTROLS[:8] + CONTROLS[10:]
# What the server's views follow: the controls with the slider's window once Play is not running (a Play
# tick or a slider step is drawn in the page, assets/time.js; the table, timeline and URL catch up after).
SETTLED_CONTROLS = ((ids.SETTLED_WINDOW, "data"),) + CONTROLS[1:]
SETTLED_FILTERS = SETTLED_CONTROLS[:8] + SETTLED_CONTROLS[10:]


def state_from_controls(slider, types, claimants, publishers, geo, timep, verification, search, layers, tiles,
                        review=None, as_of=None, view: Optional[dict] = None,
                        selected: Optional[str] = None) -> ViewState:
    """The ViewState the controls show (slider values are day numbers); crafted values fall back to defaults."""
    return clean_state(window=slider, types=types, claimants=claimants, publishers=publishers, geo=geo, timep=timep,
                       verification=verification, search=search, layers=layers, tiles=tiles, view=view,
                       selected=selected, review=review, as_of=as_of)


def filter_state(*values) -> ViewState:
    """The ViewState of the FILTER_CONTROLS' values."""
    return state_from_controls(*values[:8], None, None, *values[8:10])


def clean_catalog(catalog) -> dict:
    """The catalog a page sends back (a dcc.Store the browser holds): dates and names only, else empty."""
    if not isinstance(catalog, dict):
        return {}
    out = {}
    for key in ("date_min", "date_max"):
        value = catalog.get(key)
        if isinstance(value, str) and len(value) == 10:
            try:
                date.fromisoformat(value)
                out[key] = value
            except ValueError:
                pass
    if len(out) < 2:
        out = {}
    for key in ("types", "claimants", "publishers"):
        values = catalog.get(key)
        if isinstance(values, list):
            out[key] = [v for v in values[:1000] if isinstance(v, str) and len(v) <= NAME_MAX]
    return out


def controls_from_query(search: Optional[str], catalog: dict) -> tuple:
    """Control values (CONTROLS order), map view and selection for a URL query string."""
    from geomap.dashboard.layout import slider_bounds

    state = from_query(search)
    first, last = slider_bounds(catalog)
    low = max(first, min(last, day_number(state.date_from))) if state.date_from else first
    high = max(low, min(last, day_number(state.date_to))) if state.date_to else last
    view = {k: getattr(state, k) for k in ("lat", "lon", "zoom") if getattr(state, k) is not None}
    return ([low, high], list(state.types), list(state.claimants), list(state.publishers), list(state.geo),
            list(state.timep), state.verification, state.search, list(state.layers), state.tiles, list(state.review),
            state.as_of or "", view, state.selected)


def query_from_controls(catalog: dict, *values) -> str:
    """The URL query string for the controls; the full date range is left out so links stay short."""
    from geomap.dashboard.layout import slider_bounds

    state = state_from_controls(*values)
    first, last = slider_bounds(catalog)
    if state.date_from == day_iso(first):
        state = replace(state, date_from=None)
    if state.date_to == day_iso(last):
        state = replace(state, date_to=None)
    return to_query(state)


def all_dates(state: ViewState, catalog: Optional[dict]) -> ViewState:
    """The state with no date window when its window is the slider's whole span, or when no incident has a date:
    "all dates" then keeps the undated incidents too, which no narrower window can hold. Without a catalog (a
    caller that knows no slider) the state is kept as it is."""
    if catalog is None:
        return state
    if not catalog.get("date_min") or (state.date_from, state.date_to) == (catalog.get("date_min"),
                                                                           catalog.get("date_max")):
        return replace(state, date_from=None, date_to=None)
    return state


def render_map(store_path, state: ViewState, catalog: dict, *, boundaries=figures.inline_boundaries) -> dict:
    """Everything that follows the date slider and filters: map figure, count, places shown, unmapped list."""
    state = all_dates(state, catalog)
    conn, name = queries.reader(store_path, state.as_of)
    center = {"lat": state.lat, "lon": state.lon} if state.lat is not None and state.lon is not None else None
    zoom_to = state.zoom
    if center is None or zoom_to is None:  # no view in the URL: frame where the store's incidents are
        center, zoom_to = figures.dashboard_view(*queries.placement_extent(conn, name))
    view = queries.map_view(conn, state.filters(), zoom=queries.zoom_for_cells(zoom_to), path=name)
    mentions = queries.mentioned_places(conn) if "mentions" in state.layers else []
    colours = figures.type_colours(catalog.get("types") or [r["type"] for r in view.rows])
    figure = figures.map_figure_dict(view.rows, clusters=view.clusters, mentions=mentions, layers=state.layers,
                                colours=colours, center=center, zoom=zoom_to,
                                tiles=None if state.tiles == "off" else state.tiles, selected_id=state.selected,
                                boundaries=boundaries, legend_at=None)
    unmapped = queries.unmapped_incidents(conn, state.filters())
    distinct = len({r["id"] for r in view.rows})
    undated_left = unmapped["undated_count"] - view.undated
    count = components.count_text(view.shown, view.total, clustered=bool(view.clusters), points=len(view.rows),
                                  undated_shown=view.undated, undated_left=undated_left)
    unmapped = unmapped_listing(unmapped, state)
    return {
        "figure": figure,
        "count": count,
        "places": components.shown_places(view.places_shown),
        "unmapped": components.unmapped_list(unmapped),
        "date_label": _date_label(state) if catalog.get("date_min") else "no incident has a date",
        "shown": view.shown, "drawn": distinct, "points": len(view.rows), "clustered": bool(view.clusters),
        "place_names": view.places_shown, "undated_shown": view.undated, "undated_left": undated_left,
    }


WINDOW_POINT_CAP = 6000  # placements over all dates sent for the page to draw its windows; more: drawn here


def render_map_data(store_path, state: ViewState, catalog: dict, *, boundaries=figures.inline_boundaries) -> dict:
    """What the map needs for the filters, sent once per filter change.

    Mode "points": every placement the filters keep over all dates (`figures.window_points`), the map they
    go on (`figures.window_map_figure`) and the days of the incidents with no place (they count): the page
    draws each slider window, Play frame and selection itself (assets/time.js). Mode "figure", when there
    are more than WINDOW_POINT_CAP placements: the server's drawing of the state's window (`render_map`,
    clusters), made again for each window. `key` names this data; the figure carries it in layout.meta.
    """
    import hashlib

    conn, name = queries.reader(store_path, state.as_of)
    everything = replace(state, date_from=None, date_to=None, selected=None)
    stamp = f"{name}:{queries.snapshot(conn, name).key}"
    cache_key = (stamp, to_query(everything), boundaries)
    with _map_data_lock:
        cached = _map_data.get(cache_key)
        if cached is not None:
            _map_data.move_to_end(cache_key)
            return cached
    center = {"lat": state.lat, "lon": state.lon} if state.lat is not None and state.lon is not None else None
    zoom_to, fit = state.zoom, None
    if center is None or zoom_to is None:  # no view in the URL: frame where the store's incidents are
        extent = queries.placement_extent(conn, name)
        center, zoom_to = figures.dashboard_view(*extent)
        if len(extent[0]):  # the page fits these to the map's real size (a phone's is not the server's guess)
            west, south, east, north = framed_bounds(*extent)
            fit = [[round(west, 4), round(south, 4)], [round(east, 4), round(north, 4)]]
    view = queries.map_view(conn, everything.filters(), cap=WINDOW_POINT_CAP,
                            zoom=queries.zoom_for_cells(zoom_to), path=name)
    # span: the slider's days (a window that holds them all is "all dates" and shows the undated too; none
    # when no incident has a date); undated: the incidents the filters keep that have no date, placed or not.
    span = [day_number(catalog["date_min"]), day_number(catalog["date_max"])] if catalog.get("date_min") else None
    if view.clusters:
        key = hashlib.sha1(f"{stamp}:{to_query(state)}".encode()).hexdigest()[:16]
        out = render_map(store_path, state, catalog, boundaries=boundaries)
        out["figure"]["layout"]["meta"]["key"] = key
        return {"mode": "figure", "key": key, "figure": out["figure"], "shown": out["shown"], "total": view.total,
                "drawn": out["points"], "clustered": out["clustered"], "places": out["place_names"],
                "undated_shown": out["undated_shown"], "undated_left": out["undated_left"],
                "span": span, "count_words": components.COUNT_WORDS}
    key = hashlib.sha1(f"{stamp}:{to_query(replace(everything, lat=None, lon=None, zoom=None))}".encode()).hexdigest()[:16]
    colours = figures.type_colours(catalog.get("types") or [r["type"] for r in view.rows])
    points = figures.window_points(view.rows, colours=colours, layers=state.layers)
    mentions = queries.mentioned_places(conn) if "mentions" in state.layers else []
    figure = figures.window_map_figure(points, mentions=mentions, layers=state.layers, colours=colours,
                                       center=center, zoom=zoom_to,
                                       tiles=None if state.tiles == "off" else state.tiles, boundaries=boundaries)
    figure["layout"]["meta"]["key"] = key
    data = {"mode": "points", "key": key, "figure": figure, "points": points, "total": view.total,
            "unplaced": queries.unplaced_days(conn, everything.filters()), "span": span,
            "undated": view.undated, "count_words": components.COUNT_WORDS, "fit": fit}
    with _map_data_lock:
        _map_data[cache_key] = data
        while len(_map_data) > MAP_DATA_CACHE:
            _map_data.popitem(last=False)
    return data


# Many sessions look at the same store with the same filters: the map data of the recent ones is kept, keyed
# by the store's state and the view (never changed once made: callers only read it).
MAP_DATA_CACHE = 16
_map_data: "OrderedDict[tuple, dict]" = OrderedDict()
_map_data_lock = threading.Lock()


def unmapped_listing(unmapped: dict, state: ViewState) -> dict:
    """What the "not on the map" list holds for `state` (after `all_dates`): under all dates the undated
    incidents are on the map, or have no place and are listed as such, so they are not listed as undated."""
    if state.date_from is None and state.date_to is None:
        return dict(unmapped, undated=[], undated_count=0)
    return unmapped


def _date_label(state: ViewState) -> str:
    if state.date_from and state.date_to:
        return f"{state.date_from} → {state.date_to}"
    return "all dates"


TIMELINE_HEIGHT_PX = 84  # the timeline's height on the page (geomap.css .timeline): its count ticks fit it
TIMELINE_RIGHT_ROOM = 24  # px right of the timeline's last day: the slider thumb's half and the page's padding


def render_timeline(store_path, state: ViewState, catalog: dict):
    """Per-day counts over the whole range with the chosen window shaded."""
    conn, _ = queries.reader(store_path, state.as_of)
    counts = queries.timeline_counts(conn, state.filters())
    colours = figures.type_colours(catalog.get("types") or [c["type"] for c in counts])
    figure = figures.timeline_figure_dict(counts, colours=colours, selected=(state.date_from, state.date_to),
                                          extent=(catalog.get("date_min"), catalog.get("date_max")),
                                          height=TIMELINE_HEIGHT_PX)
    # the date slider above puts its last day over the timeline's (assets/slider.js): room for its thumb
    figure["layout"]["margin"]["r"] = max(figure["layout"]["margin"].get("r", 0), TIMELINE_RIGHT_ROOM)
    if not catalog.get("date_min"):  # no dated incident: no axis of days that do not exist
        layout = figure["layout"]
        layout["xaxis"]["visible"] = layout["yaxis"]["visible"] = False
        layout["annotations"] = [{"text": "no dated incident to count per day", "showarrow": False, "xref": "paper",
                                  "yref": "paper", "x": 0.5, "y": 0.5, "font": {"color": "#777777"}}]
    return figure


def legend_outline(store_path) -> Optional[str]:
    """The name the legend gives the conflict outline the map draws for this store (None when it draws none)."""
    return figures.outline_label(queries.store_outlines(queries.connect(store_path), store_path))


def render_legend(store_path, layers, catalog: dict) -> list:
    """The legend for the map layers switched on (crafted values fall back to the default layers): what the map
    draws, nothing it does not."""
    return components.map_legend(catalog.get("types") or [], outline=legend_outline(store_path),
                                 layers=clean_state(layers=layers).layers)


def render_table(store_path, state: ViewState, catalog: Optional[dict] = None) -> tuple[list[dict], str]:
    """Table rows for the filters (with the undated incidents when the window is all dates, see `all_dates`) and a
    note when the table is cut."""
    state = all_dates(state, catalog)
    conn, _ = queries.reader(store_path, state.as_of)
    rows = queries.table_rows(conn, state.filters())
    for row in rows:
        row["type"] = figures.type_label(row["type"])
    note = (f"first {len(rows):,} incidents by date; narrow the filters to see the rest"
            if len(rows) >= queries.TABLE_LIMIT else "")
    return rows, note


def render_details(store_path, incident_id: Optional[str]):
    """The details panel for the selected incident."""
    if not isinstance(incident_id, str) or not incident_id or len(incident_id) > NAME_MAX:
        return components.incident_details(None)
    conn = queries.connect(store_path)
    incident = queries.incident_detail(conn, incident_id)
    reports = queries.report_provenance(conn, [s.report_id for s in incident.sources]) if incident else {}
    return components.incident_details(incident, reports)


def selection_from_event(trigger, click_data: Optional[dict], selected_rows, current: Optional[str]) -> tuple:
    """(selected incident id, the grid's selectedRows, the grid's scrollTo) after a map click, a grid row
    click or a click in the "not on the map" list; values of any shape fall back to the current selection.

    `selected_rows` is the grid's selectedRows: the row dicts the person picked.
    """
    current = current if isinstance(current, str) and 0 < len(current) <= NAME_MAX else None
    incident_id = current
    points = click_data.get("points") if isinstance(click_data, dict) else None
    if trigger == ids.MAP and isinstance(points, list) and points and isinstance(points[0], dict):
        custom = points[0].get("customdata")
        if isinstance(custom, list):
            custom = custom[0] if custom else None
        if isinstance(custom, str) and 0 < len(custom) <= NAME_MAX and not custom.startswith(("cluster:", "place:")):
            incident_id = custom
    elif trigger == ids.TABLE and isinstance(selected_rows, list) and selected_rows:
        chosen = selected_rows[0].get("id") if isinstance(selected_rows[0], dict) else None
        incident_id = chosen if isinstance(chosen, str) and 0 < len(chosen) <= NAME_MAX else incident_id
    elif isinstance(trigger, dict) and trigger.get("type") == ids.UNMAPPED_ITEM:
        chosen = trigger.get("id")
        incident_id = chosen if isinstance(chosen, str) and 0 < len(chosen) <= NAME_MAX else incident_id
    if incident_id is None:
        return None, [], no_update
    return incident_id, {"ids": [incident_id]}, {"rowId": incident_id}


def view_from_relayout(relayout: Optional[dict], view: Optional[dict]) -> dict:
    """The map view after a pan or zoom (other relayout events keep it); values out of range are ignored."""
    view = {k: v for k, v in (view if isinstance(view, dict) else {}).items() if k in ("lat", "lon", "zoom")
            and as_number(v) is not None}
    if not isinstance(relayout, dict):
        return view
    center = relayout.get("map.center")
    if isinstance(center, dict):
        lat, lon = as_number(center.get("lat")), as_number(center.get("lon"))
        if lat is not None and lon is not None and -90 <= lat <= 90:
            view["lat"], view["lon"] = round(lat, 4), round((lon + 180) % 360 - 180, 4)
    zoom = as_number(relayout.get("map.zoom"))
    if zoom is not None and 0 <= zoom <= 22:
        view["zoom"] = round(zoom, 2)
    return view


SPEED_RANGE_MS = (100, 10_000)


def play_interval(milliseconds) -> int:
    """The play ticker's interval for a speed choice (ms per day), clamped to a sane range: at months a second a
    tick comes every SPEED_RANGE_MS[0] and moves the window as many days as the clock has passed (assets/play.js)."""
    value = as_number(milliseconds)
    return int(min(SPEED_RANGE_MS[1], max(SPEED_RANGE_MS[0], value if value is not None else 1000)))


TITLE_MAX = 200  # characters of a briefing title
MIME_TYPES = {"geojson": "application/geo+json", "gpkg": "application/geopackage+sqlite3", "csv": "text/csv",
              "kml": "application/vnd.google-earth.kml+xml"}


def download_name(state: ViewState, suffix: str, *, stem: str = "geomap") -> str:
    """'geomap_2020-10-05_2020-10-12.geojson': the view's date window names the file."""
    window = "_".join(d for d in (state.date_from, state.date_to) if d) or "all-dates"
    return f"{stem}_{window}{suffix}"


def _view_size(incidents: list) -> str:
    return f"{len(incidents):,} incident{'' if len(incidents) == 1 else 's'}"


def export_download(store_path, state: ViewState, fmt: str, *, catalog: Optional[dict] = None) -> tuple:
    """(dcc.Download data, status text) for the filtered view written as `fmt` in a temporary folder.

    The incidents are exactly those the map, count and table show (`queries.filtered_incidents` of
    `all_dates`: the undated ones too when the slider spans every date); the slider's window names the file.
    An export that fails leaves the download untouched and says why.
    """
    conn, _ = queries.reader(store_path, state.as_of)
    incidents = queries.filtered_incidents(conn, all_dates(state, catalog).filters())
    places = (queries.report_mentions(conn, [s.report_id for i in incidents for s in i.sources])
              if fmt == "gpkg" else None)
    name = download_name(state, FORMATS.get(fmt, ""))
    try:
        with tempfile.TemporaryDirectory(prefix="geomap-export-") as folder:
            path = export_incidents(incidents, Path(folder) / name, fmt=fmt, places=places)
            data = dcc.send_file(path, filename=name, type=MIME_TYPES.get(fmt))
    except ExportError as error:
        return no_update, f"Export failed: {error}"
    return data, f"{_view_size(incidents)} → {name}"


def briefing_download(store_path, state: ViewState, title: Optional[str], *, static: bool = False,
                      catalog: Optional[dict] = None) -> tuple:
    """(dcc.Download data, status text) for the briefing pack of the filtered view (the incidents of
    `export_download`, named the same way).

    The standalone HTML alone by default; with `static`, a zip of the HTML, PNG and PDF
    (kaleido driving Chromium: a few seconds).
    """
    from geomap.io.briefing import briefing_title, write_briefing

    view = all_dates(state, catalog)
    incidents = queries.filtered_incidents(queries.reader(store_path, state.as_of)[0], view.filters())
    stem = download_name(state, "", stem="geomap_briefing")
    formats = ("html", "png", "pdf") if static else ("html",)
    try:
        with tempfile.TemporaryDirectory(prefix="geomap-briefing-") as folder:
            title = briefing_title(title.strip()[:TITLE_MAX] if isinstance(title, str) else "", as_of=state.as_of)
            paths = write_briefing(incidents, Path(folder) / stem, title=title, formats=formats,
                                   view_filter=view.filters())
            if not static:
                name = paths["html"].name
                data = dcc.send_file(paths["html"], filename=name, type="text/html")
            else:
                name = f"{stem}.zip"
                packed = io.BytesIO()
                with zipfile.ZipFile(packed, "w", compression=zipfile.ZIP_DEFLATED) as archive:
                    for path in paths.values():
                        archive.write(path, arcname=path.name)
                data = dcc.send_bytes(packed.getvalue(), filename=name, type="application/zip")
    except ExportError as error:
        return no_update, f"Briefing failed: {error}"
    return data, f"{_view_size(incidents)} → {name}"


log = logging.getLogger("geomap.dashboard")


def guarded(callback):
    """A last resort behind the input checks: a callback that still fails answers "no change" (HTTP 204)
    and logs one line, never a 500 with a traceback. The tests call the functions above unguarded."""
    @wraps(callback)
    def run(*values):
        try:
            return callback(*values)
        except PreventUpdate:
            raise
        except Exception as error:  # noqa: BLE001 - the one place a callback's failure is contained
            log.warning("callback %s failed on its input (%s: %s)", callback.__name__, type(error).__name__,
                        str(error)[:200])
            raise PreventUpdate from None
    return run


def _triggered_props() -> list[str]:
    """"id.prop" of every input that fired the running callback (none when called outside one, as tests do)."""
    try:
        return list(ctx.triggered_prop_ids)
    except MissingCallbackContextException:
        return []


def triggered_id():
    """The id of the input that fired the running callback (None when called outside one, as tests do)."""
    try:
        return ctx.triggered_id
    except MissingCallbackContextException:
        return None


def register_callbacks(app, store_path, *, boundaries=figures.inline_boundaries, review: bool = False,
                       reviewer: Optional[str] = None) -> dict:
    """Connect the pure functions above to the page's components (every callback `guarded`), and the review
    panel's (geomap.dashboard.review_panel; its write callback only with `review`, as `reviewer`).

    Returns the callback bodies by name, unguarded, with the number of values each takes:
    {name: (function, arity)}, so tests can call them with whatever a browser could send.
    """
    bodies: dict = {}

    def callback(*dependencies, **options):
        def register(function):
            arity = sum(1 for d in dependencies if isinstance(d, (Input, State)))
            bodies[function.__name__] = (function, arity)
            return app.callback(*dependencies, **options)(guarded(function))
        return register

    control_states = [State(i, p) for i, p in CONTROLS]
    control_outputs = [Output(i, p, allow_duplicate=(i == ids.DATE_SLIDER)) for i, p in CONTROLS]

    @callback(*control_outputs, Output(ids.MAP_VIEW, "data"), Output(ids.SELECTED, "data"),
              Output(ids.SETTLED_WINDOW, "data", allow_duplicate=True),
              Input(ids.BOOT, "data"), State(ids.URL, "search"), State(ids.CATALOG, "data"),
              prevent_initial_call="initial_duplicate")
    def restore_view(_boot, search, catalog):
        values = controls_from_query(search if isinstance(search, str) else "", clean_catalog(catalog))
        return (*values, values[0])  # the window the server's views start from

    @callback(*[Output(i, p, allow_duplicate=True) for i, p in FILTER_CONTROLS[1:]],
                  Input(ids.RESET, "n_clicks"), prevent_initial_call=True)
    def reset_filters(_clicks):
        d = ViewState()
        return [], [], [], list(d.geo), list(d.timep), d.verification, "", list(d.review), ""

    @callback(Output(ids.URL, "search"), *[Input(i, p) for i, p in SETTLED_CONTROLS], Input(ids.MAP_VIEW, "data"),
                  Input(ids.SELECTED, "data"), State(ids.CATALOG, "data"), prevent_initial_call=True)
    def write_url(*values):
        *controls, view, selected, catalog = values
        return query_from_controls(clean_catalog(catalog), *controls, view, selected)

    @callback(Output(ids.MAP_VIEW, "data", allow_duplicate=True), Input(ids.MAP, "relayoutData"),
                  State(ids.MAP_VIEW, "data"), prevent_initial_call=True)
    def remember_view(relayout, view):
        new = view_from_relayout(relayout, view)
        return new if new != view else no_update

    # The map's data follows the filters; each window, Play frame and selection is drawn in the page
    # (assets/time.js, drawWindow) unless the view is too large to send ("figure" mode: drawn here per window).
    @callback(Output(ids.MAP_DATA, "data"), Output(ids.MAP_DRAWN, "data"),
              *[Input(i, p) for i, p in SETTLED_CONTROLS], Input(ids.SELECTED, "data"), Input(ids.MAP_VIEW, "data"),
              State(ids.MAP_DRAWN, "data"), State(ids.CATALOG, "data"), Input(ids.REVIEW_STAMP, "data"))
    def update_map(*values):
        # the review stamp comes last (a review written from this page redraws the map)
        *controls, selected, view, drawn, catalog = values[:len(CONTROLS) + 4]
        state = state_from_controls(*controls, view=view, selected=selected)
        zoom_level = queries.zoom_for_cells(state.zoom)
        drawn = drawn if isinstance(drawn, dict) else {}
        changed = set(_triggered_props())
        page_draws = {f"{ids.SETTLED_WINDOW}.data", f"{ids.SELECTED}.data", f"{ids.MAP_VIEW}.data"}
        if changed and changed <= page_draws and drawn.get("mode") == "points":
            return no_update, no_update  # the page has every date's points: it draws this itself
        if changed == {f"{ids.MAP_VIEW}.data"} and drawn.get("zoom") == zoom_level:
            return no_update, no_update  # a pan: the drawing does not change
        data = render_map_data(store_path, state, clean_catalog(catalog), boundaries=boundaries)
        return data, {"mode": data["mode"], "zoom": zoom_level}

    app.clientside_callback(
        ClientsideFunction("geomap", "drawWindow"),
        Output(ids.MAP, "figure"),
        Input(ids.MAP_DATA, "data"), Input(ids.DATE_SLIDER, "value"), Input(ids.SELECTED, "data"))

    @callback(Output(ids.UNMAPPED, "children"), *[Input(i, p) for i, p in SETTLED_FILTERS],
              Input(ids.REVIEW_STAMP, "data"), State(ids.CATALOG, "data"))
    def update_unmapped(*values):
        *controls, _reviewed, catalog = values
        state = all_dates(filter_state(*controls), clean_catalog(catalog))
        conn, _ = queries.reader(store_path, state.as_of)
        return components.unmapped_list(unmapped_listing(queries.unmapped_incidents(conn, state.filters()), state))

    @callback(Output(ids.TIMELINE, "figure"), *[Input(i, p) for i, p in SETTLED_FILTERS],
                  State(ids.CATALOG, "data"))
    def update_timeline(*values):
        *controls, catalog = values
        state = filter_state(*controls)
        return render_timeline(store_path, state, clean_catalog(catalog))

    @callback(Output(ids.LEGEND, "children"), Input(ids.LAYERS, "value"), State(ids.CATALOG, "data"))
    def update_legend(layers, catalog):
        return render_legend(store_path, layers, clean_catalog(catalog))

    @callback(Output(ids.TABLE, "rowData"), Output(ids.TABLE_NOTE, "children"),
              *[Input(i, p) for i, p in SETTLED_FILTERS], Input(ids.REVIEW_STAMP, "data"), State(ids.CATALOG, "data"))
    def update_table(*values):
        *controls, _reviewed, catalog = values
        return render_table(store_path, filter_state(*controls), clean_catalog(catalog))

    @callback(Output(ids.SELECTED, "data", allow_duplicate=True), Output(ids.TABLE, "selectedRows"),
              Output(ids.TABLE, "scrollTo"),
              Input(ids.MAP, "clickData"), Input(ids.TABLE, "selectedRows"),
              Input({"type": ids.UNMAPPED_ITEM, "id": ALL}, "n_clicks"), State(ids.SELECTED, "data"),
              prevent_initial_call=True)
    def select_incident(click_data, selected_rows, item_clicks, current):
        trigger = triggered_id()
        if isinstance(trigger, dict) and not (isinstance(item_clicks, list) and any(item_clicks)):
            return no_update, no_update, no_update  # the list was redrawn, nothing was clicked
        incident_id, rows, scroll = selection_from_event(trigger, click_data, selected_rows, current)
        if incident_id == current:
            return no_update, (no_update if trigger == ids.TABLE else rows), no_update
        return incident_id, (no_update if trigger == ids.TABLE else rows), scroll

    # A row picked in the grid brings its incident into view: the map eases there when it is off screen
    # (in the browser; the map's own move then updates the view in the URL).
    app.clientside_callback(
        """function (rows) {
            const row = rows && rows[0];
            const gd = document.querySelector('#map .js-plotly-plot');
            const map = gd && gd._fullLayout && gd._fullLayout.map && gd._fullLayout.map._subplot.map;
            if (!row || !map || typeof row.lat !== 'number' || typeof row.lon !== 'number') {
                return window.dash_clientside.no_update;
            }
            if (!map.getBounds().contains([row.lon, row.lat])) {
                map.easeTo({center: [row.lon, row.lat], zoom: Math.max(map.getZoom(), 6), duration: 400});
            }
            return row.id;
        }""",
        Output(ids.VIEW_FOLLOW, "data"), Input(ids.TABLE, "selectedRows"), prevent_initial_call=True)

    @callback(Output(ids.DETAILS, "children"), Input(ids.SELECTED, "data"), Input(ids.REVIEW_STAMP, "data"))
    def update_details(incident_id, _reviewed=None):
        return render_details(store_path, incident_id)

    # While a file is written the buttons are disabled and a spinner stands in the toolbar (dcc.Loading).
    busy = [(Output(b, "disabled"), True, False) for b in (*ids.EXPORT_BUTTONS.values(), ids.BRIEFING)]

    @callback(Output(ids.EXPORT_DOWNLOAD, "data"), Output(ids.EXPORT_STATUS, "children"),
                  *[Input(b, "n_clicks") for b in ids.EXPORT_BUTTONS.values()],
                  *[State(i, p) for i, p in FILTER_CONTROLS], State(ids.CATALOG, "data"), prevent_initial_call=True,
                  running=busy)
    def download_view(*values):
        *controls, catalog = values[len(ids.EXPORT_BUTTONS):]
        fmt = next((f for f, button in ids.EXPORT_BUTTONS.items() if button == triggered_id()), None)
        if fmt is None:
            return no_update, no_update
        return export_download(store_path, filter_state(*controls), fmt, catalog=clean_catalog(catalog))

    @callback(Output(ids.BRIEFING_DOWNLOAD, "data"), Output(ids.EXPORT_STATUS, "children", allow_duplicate=True),
                  Input(ids.BRIEFING, "n_clicks"), State(ids.BRIEFING_TITLE, "value"),
                  State(ids.BRIEFING_STATIC, "value"), *[State(i, p) for i, p in FILTER_CONTROLS],
                  State(ids.CATALOG, "data"), prevent_initial_call=True, running=busy)
    def download_briefing(_clicks, title, static, *values):
        *controls, catalog = values
        return briefing_download(store_path, filter_state(*controls), title, catalog=clean_catalog(catalog),
                                 static=isinstance(static, list) and "static" in static)

    # Showing the filters is page furniture, not view state: it stays in the browser.
    app.clientside_callback(
        """function (clicks, current) {
            const base = (current || "workspace").replace(/\\s*filters-open/g, "");
            return clicks % 2 ? base + " filters-open" : base;
        }""",
        Output(ids.WORKSPACE, "className"), Input(ids.FILTERS_TOGGLE, "n_clicks"), State(ids.WORKSPACE, "className"),
        prevent_initial_call=True)

    # Play runs in the page on the wall clock: a tick moves the window to the day the speed has reached
    # (assets/play.js) and the page draws it; the server's views follow the settled window once Play stops.
    app.clientside_callback(
        ClientsideFunction("geomap", "togglePlay"),
        Output(ids.TICKER, "disabled"), Output(ids.PLAY, "children"), Input(ids.PLAY, "n_clicks"),
        State(ids.TICKER, "disabled"), prevent_initial_call=True)

    @callback(Output(ids.TICKER, "interval"), Input(ids.SPEED, "value"))
    def set_speed(milliseconds):
        return play_interval(milliseconds)

    app.clientside_callback(
        ClientsideFunction("geomap", "playStep"),
        Output(ids.DATE_SLIDER, "value", allow_duplicate=True),
        Output(ids.TICKER, "disabled", allow_duplicate=True), Output(ids.PLAY, "children", allow_duplicate=True),
        Input(ids.TICKER, "n_intervals"), State(ids.DATE_SLIDER, "value"), State(ids.DATE_SLIDER, "min"),
        State(ids.DATE_SLIDER, "max"), State(ids.SPEED, "value"), prevent_initial_call=True)

    app.clientside_callback(
        ClientsideFunction("geomap", "settleWindow"),
        Output(ids.SETTLED_WINDOW, "data", allow_duplicate=True),
        Input(ids.DATE_SLIDER, "value"), Input(ids.TICKER, "disabled"), State(ids.SETTLED_WINDOW, "data"),
        prevent_initial_call=True)

    from geomap.dashboard.review_panel import register_review_callbacks

    register_review_callbacks(app, store_path, callback=callback, enabled=review, by=reviewer)
    return bodies

__all__ = ["register_callbacks", "render_map", "render_timeline", "render_table", "render_legend", "legend_outline", "render_details",
           "selection_from_event", "view_from_relayout", "play_interval", "clean_catalog", "render_map_data",
           "guarded", "state_from_controls",
           "controls_from_query", "query_from_controls", "download_name", "export_download", "briefing_download",
           "CONTROLS", "FILTER_CONTROLS", "SETTLED_CONTROLS", "SETTLED_FILTERS", "filter_state", "WINDOW_POINT_CAP"]
