"""Callbacks: thin wiring. Each `render_*`/`*_from_*` function is pure (store path and values in, props out)
and unit-tested by calling it; `register_callbacks` only connects them to component ids."""

from __future__ import annotations

import io
import tempfile
import zipfile
from dataclasses import replace
from pathlib import Path
from typing import Optional, Sequence

from dash import ALL, Input, Output, State, ctx, dcc, no_update

from geomap import figures
from geomap.dashboard import components, ids, queries
from geomap.dashboard.state import (GEO_PRECISION_CODES, SEARCH_MAX, TIME_PRECISION_CODES, ViewState, day_iso, day_number,
                                    from_query, to_query)
from geomap.exc import ExportError
from geomap.io import FORMATS, export_incidents

# The controls whose values make a ViewState, in the order the callbacks pass them.
CONTROLS = (
    (ids.DATE_SLIDER, "value"), (ids.EVENT_TYPES, "value"), (ids.CLAIMANTS, "value"), (ids.PUBLISHERS, "value"),
    (ids.GEO_PRECISION, "value"), (ids.TIME_PRECISION, "value"), (ids.VERIFICATION, "value"), (ids.SEARCH, "value"),
    (ids.LAYERS, "value"), (ids.TILES, "value"),
)


def state_from_controls(slider, types, claimants, publishers, geo, timep, verification, search, layers, tiles,
                        view: Optional[dict] = None, selected: Optional[str] = None) -> ViewState:
    """The ViewState the controls show (slider values are day numbers)."""
    view = view or {}
    low, high = (slider or [None, None])[:2]
    return ViewState(
        date_from=day_iso(low) if low is not None else None, date_to=day_iso(high) if high is not None else None,
        types=tuple(types or ()), claimants=tuple(claimants or ()), publishers=tuple(publishers or ()),
        geo=tuple(geo if geo is not None else GEO_PRECISION_CODES),
        timep=tuple(timep if timep is not None else TIME_PRECISION_CODES),
        verification=verification or "all", search=(search or "")[:SEARCH_MAX], layers=tuple(layers or ()), tiles=tiles or "off",
        lat=view.get("lat"), lon=view.get("lon"), zoom=view.get("zoom"), selected=selected)


def controls_from_query(search: Optional[str], catalog: dict) -> tuple:
    """Control values (CONTROLS order), map view and selection for a URL query string."""
    from geomap.dashboard.layout import slider_bounds

    state = from_query(search)
    first, last = slider_bounds(catalog)
    low = max(first, min(last, day_number(state.date_from))) if state.date_from else first
    high = max(low, min(last, day_number(state.date_to))) if state.date_to else last
    view = {k: getattr(state, k) for k in ("lat", "lon", "zoom") if getattr(state, k) is not None}
    return ([low, high], list(state.types), list(state.claimants), list(state.publishers), list(state.geo),
            list(state.timep), state.verification, state.search, list(state.layers), state.tiles, view,
            state.selected)


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


def render_map(store_path, state: ViewState, catalog: dict, *, boundaries=figures.inline_boundaries) -> dict:
    """Everything that follows the date slider and filters: map figure, count, places shown, unmapped list."""
    conn = queries.connect(store_path)
    center = {"lat": state.lat, "lon": state.lon} if state.lat is not None and state.lon is not None else None
    zoom_to = state.zoom
    if center is None or zoom_to is None:  # no view in the URL: frame where the store's incidents are
        center, zoom_to = figures.dashboard_view(*queries.placement_extent(conn, store_path))
    view = queries.map_view(conn, state.filters(), zoom=queries.zoom_for_cells(zoom_to), path=store_path)
    mentions = queries.mentioned_places(conn) if "mentions" in state.layers else []
    colours = figures.type_colours(catalog.get("types") or [r["type"] for r in view.rows])
    figure = figures.map_figure_dict(view.rows, clusters=view.clusters, mentions=mentions, layers=state.layers,
                                colours=colours, center=center, zoom=zoom_to,
                                tiles=None if state.tiles == "off" else state.tiles, selected_id=state.selected,
                                boundaries=boundaries, legend_at=None)
    unmapped = queries.unmapped_incidents(conn, state.filters())
    distinct = len({r["id"] for r in view.rows})
    return {
        "figure": figure,
        "count": components.count_text(view.shown, view.total, clustered=bool(view.clusters), points=len(view.rows)),
        "places": components.shown_places(view.places_shown),
        "unmapped": components.unmapped_list(unmapped),
        "date_label": _date_label(state),
        "shown": view.shown, "drawn": distinct,
    }


def _date_label(state: ViewState) -> str:
    if state.date_from and state.date_to:
        return f"{state.date_from} → {state.date_to}"
    return "all dates"


def render_timeline(store_path, state: ViewState, catalog: dict):
    """Per-day counts over the whole range with the chosen window shaded."""
    conn = queries.connect(store_path)
    counts = queries.timeline_counts(conn, state.filters())
    colours = figures.type_colours(catalog.get("types") or [c["type"] for c in counts])
    return figures.timeline_figure(counts, colours=colours, selected=(state.date_from, state.date_to))


def render_table(store_path, state: ViewState) -> tuple[list[dict], str]:
    """Table rows for the filters and a note when the table is cut."""
    conn = queries.connect(store_path)
    rows = queries.table_rows(conn, state.filters())
    for row in rows:
        row["type"] = figures.type_label(row["type"])
    note = (f"first {len(rows):,} incidents by date; narrow the filters to see the rest"
            if len(rows) >= queries.TABLE_LIMIT else "")
    return rows, note


def render_details(store_path, incident_id: Optional[str]):
    """The details panel for the selected incident."""
    if not incident_id:
        return components.incident_details(None)
    return components.incident_details(queries.incident_detail(queries.connect(store_path), incident_id))


def selection_from_event(trigger, click_data: Optional[dict], selected_rows: Optional[Sequence[int]],
                         table_data: Sequence[dict], current: Optional[str], page_size: int = 10,
                         virtual_indices: Optional[Sequence[int]] = None):
    """(selected id, table selected_rows, table page) after a map click, a row selection or a list click.

    `selected_rows` index `table_data`; pages follow the order the table shows after the user sorts it,
    `virtual_indices` (its derived_virtual_indices: data indices in display order).
    """
    incident_id = current
    if trigger == ids.MAP and click_data and click_data.get("points"):
        custom = click_data["points"][0].get("customdata")
        if isinstance(custom, list):
            custom = custom[0] if custom else None
        if custom and not str(custom).startswith(("cluster:", "place:")):
            incident_id = str(custom)
    elif trigger == ids.TABLE and selected_rows:
        index = selected_rows[0]
        if 0 <= index < len(table_data):
            incident_id = table_data[index]["id"]
    elif isinstance(trigger, dict) and trigger.get("type") == ids.UNMAPPED_ITEM:
        incident_id = trigger.get("id")
    rows = [i for i, row in enumerate(table_data) if row.get("id") == incident_id]
    shown = list(virtual_indices) if virtual_indices is not None else list(range(len(table_data)))
    page = shown.index(rows[0]) // page_size if rows and rows[0] in shown else no_update
    return incident_id, rows[:1], page


def view_from_relayout(relayout: Optional[dict], view: Optional[dict]) -> dict:
    """The map view after a pan or zoom (other relayout events keep it)."""
    view = dict(view or {})
    if not relayout:
        return view
    center = relayout.get("map.center")
    if isinstance(center, dict):
        view["lat"], view["lon"] = round(center.get("lat", 0), 4), round(center.get("lon", 0), 4)
    if "map.zoom" in relayout:
        view["zoom"] = round(float(relayout["map.zoom"]), 2)
    return view


def next_window(value: Sequence[int], first: int, last: int, step: int = 1) -> tuple[list[int], bool]:
    """The slider window one play step later and whether playing should stop (the window hit the end)."""
    low, high = value
    if low <= first and high >= last:  # the whole range cannot move: play a week at a time
        return [first, min(last, first + 6)], False
    width = high - low
    if high + step > last:
        return [last - width, last], True
    return [low + step, high + step], high + step >= last


MIME_TYPES = {"geojson": "application/geo+json", "gpkg": "application/geopackage+sqlite3", "csv": "text/csv",
              "kml": "application/vnd.google-earth.kml+xml"}


def download_name(state: ViewState, suffix: str, *, stem: str = "geomap") -> str:
    """'geomap_2020-10-05_2020-10-12.geojson': the view's date window names the file."""
    window = "_".join(d for d in (state.date_from, state.date_to) if d) or "all-dates"
    return f"{stem}_{window}{suffix}"


def _view_size(incidents: list) -> str:
    return f"{len(incidents):,} incident{'' if len(incidents) == 1 else 's'}"


def export_download(store_path, state: ViewState, fmt: str) -> tuple:
    """(dcc.Download data, status text) for the filtered view written as `fmt` in a temporary folder.

    The incidents are exactly those the map, count and table show (`queries.filtered_incidents`);
    an export that fails leaves the download untouched and says why.
    """
    conn = queries.connect(store_path)
    incidents = queries.filtered_incidents(conn, state.filters())
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


def briefing_download(store_path, state: ViewState, title: Optional[str], *, static: bool = False) -> tuple:
    """(dcc.Download data, status text) for the briefing pack of the filtered view.

    The standalone HTML alone by default; with `static`, a zip of the HTML, PNG and PDF
    (kaleido driving Chromium: a few seconds).
    """
    from geomap.io.briefing import DEFAULT_TITLE, write_briefing

    incidents = queries.filtered_incidents(queries.connect(store_path), state.filters())
    stem = download_name(state, "", stem="geomap_briefing")
    formats = ("html", "png", "pdf") if static else ("html",)
    try:
        with tempfile.TemporaryDirectory(prefix="geomap-briefing-") as folder:
            paths = write_briefing(incidents, Path(folder) / stem, title=(title or "").strip() or DEFAULT_TITLE,
                                   formats=formats)
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


def register_callbacks(app, store_path, *, boundaries=figures.inline_boundaries) -> None:
    """Connect the pure functions above to the page's components."""
    control_states = [State(i, p) for i, p in CONTROLS]
    control_outputs = [Output(i, p, allow_duplicate=(i == ids.DATE_SLIDER)) for i, p in CONTROLS]

    @app.callback(*control_outputs, Output(ids.MAP_VIEW, "data"), Output(ids.SELECTED, "data"),
                  Input(ids.BOOT, "data"), State(ids.URL, "search"), State(ids.CATALOG, "data"),
                  prevent_initial_call="initial_duplicate")
    def restore_view(_boot, search, catalog):
        return controls_from_query(search, catalog or {})

    @app.callback(*[Output(i, p, allow_duplicate=True) for i, p in CONTROLS[1:8]],
                  Input(ids.RESET, "n_clicks"), prevent_initial_call=True)
    def reset_filters(_clicks):
        d = ViewState()
        return [], [], [], list(d.geo), list(d.timep), d.verification, ""

    @app.callback(Output(ids.URL, "search"), *[Input(i, p) for i, p in CONTROLS], Input(ids.MAP_VIEW, "data"),
                  Input(ids.SELECTED, "data"), State(ids.CATALOG, "data"), prevent_initial_call=True)
    def write_url(*values):
        *controls, view, selected, catalog = values
        return query_from_controls(catalog or {}, *controls, view, selected)

    @app.callback(Output(ids.MAP_VIEW, "data", allow_duplicate=True), Input(ids.MAP, "relayoutData"),
                  State(ids.MAP_VIEW, "data"), prevent_initial_call=True)
    def remember_view(relayout, view):
        new = view_from_relayout(relayout, view)
        return new if new != (view or {}) else no_update

    @app.callback(Output(ids.MAP, "figure"), Output(ids.COUNT, "children"), Output(ids.SHOWN_PLACES, "children"),
                  Output(ids.UNMAPPED, "children"), Output(ids.DATE_LABEL, "children"),
                  Output(ids.RENDERED_ZOOM, "data"),
                  *[Input(i, p) for i, p in CONTROLS], Input(ids.SELECTED, "data"), Input(ids.MAP_VIEW, "data"),
                  State(ids.RENDERED_ZOOM, "data"), State(ids.CATALOG, "data"))
    def update_map(*values):
        *controls, selected, view, rendered_zoom, catalog = values
        zoom_level = queries.zoom_for_cells((view or {}).get("zoom"))
        if ctx.triggered_id == ids.MAP_VIEW and rendered_zoom == zoom_level:
            return (no_update,) * 6  # a pan: the drawing does not change
        state = state_from_controls(*controls, view=view, selected=selected)
        out = render_map(store_path, state, catalog or {}, boundaries=boundaries)
        return out["figure"], out["count"], out["places"], out["unmapped"], out["date_label"], zoom_level

    @app.callback(Output(ids.TIMELINE, "figure"), *[Input(i, p) for i, p in CONTROLS[:8]],
                  State(ids.CATALOG, "data"))
    def update_timeline(*values):
        *controls, catalog = values
        state = state_from_controls(*controls, None, None)
        return render_timeline(store_path, state, catalog or {})

    @app.callback(Output(ids.TABLE, "data"), Output(ids.TABLE_NOTE, "children"),
                  *[Input(i, p) for i, p in CONTROLS[:8]])
    def update_table(*controls):
        return render_table(store_path, state_from_controls(*controls, None, None))

    @app.callback(Output(ids.SELECTED, "data", allow_duplicate=True), Output(ids.TABLE, "selected_rows"),
                  Output(ids.TABLE, "page_current"),
                  Input(ids.MAP, "clickData"), Input(ids.TABLE, "selected_rows"),
                  Input({"type": ids.UNMAPPED_ITEM, "id": ALL}, "n_clicks"),
                  State(ids.TABLE, "data"), State(ids.SELECTED, "data"), State(ids.TABLE, "derived_virtual_indices"),
                  State(ids.TABLE, "page_size"), prevent_initial_call=True)
    def select_incident(click_data, selected_rows, item_clicks, table_data, current, virtual_indices, page_size):
        trigger = ctx.triggered_id
        if isinstance(trigger, dict) and not any(item_clicks or []):
            return no_update, no_update, no_update  # the list was redrawn, nothing was clicked
        incident_id, rows, page = selection_from_event(trigger, click_data, selected_rows, table_data or [],
                                                       current, page_size or 10, virtual_indices)
        return (incident_id if incident_id != current else no_update), rows, page

    @app.callback(Output(ids.TABLE, "selected_rows", allow_duplicate=True), Input(ids.TABLE, "data"),
                  State(ids.SELECTED, "data"), prevent_initial_call=True)
    def keep_row_selected(table_data, current):
        return [i for i, row in enumerate(table_data or []) if row.get("id") == current][:1]

    @app.callback(Output(ids.DETAILS, "children"), Input(ids.SELECTED, "data"))
    def update_details(incident_id):
        return render_details(store_path, incident_id)

    # While a file is written the buttons are disabled and a spinner stands in the toolbar (dcc.Loading).
    busy = [(Output(b, "disabled"), True, False) for b in (*ids.EXPORT_BUTTONS.values(), ids.BRIEFING)]

    @app.callback(Output(ids.EXPORT_DOWNLOAD, "data"), Output(ids.EXPORT_STATUS, "children"),
                  *[Input(b, "n_clicks") for b in ids.EXPORT_BUTTONS.values()],
                  *[State(i, p) for i, p in CONTROLS[:8]], prevent_initial_call=True, running=busy)
    def download_view(*values):
        controls = values[len(ids.EXPORT_BUTTONS):]
        fmt = next(f for f, button in ids.EXPORT_BUTTONS.items() if button == ctx.triggered_id)
        return export_download(store_path, state_from_controls(*controls, None, None), fmt)

    @app.callback(Output(ids.BRIEFING_DOWNLOAD, "data"), Output(ids.EXPORT_STATUS, "children", allow_duplicate=True),
                  Input(ids.BRIEFING, "n_clicks"), State(ids.BRIEFING_TITLE, "value"),
                  State(ids.BRIEFING_STATIC, "value"), *[State(i, p) for i, p in CONTROLS[:8]],
                  prevent_initial_call=True, running=busy)
    def download_briefing(_clicks, title, static, *controls):
        return briefing_download(store_path, state_from_controls(*controls, None, None), title,
                                 static="static" in (static or ()))

    # Showing the filters is page furniture, not view state: it stays in the browser.
    app.clientside_callback(
        """function (clicks, current) {
            const base = (current || "workspace").replace(/\\s*filters-open/g, "");
            return clicks % 2 ? base + " filters-open" : base;
        }""",
        Output(ids.WORKSPACE, "className"), Input(ids.FILTERS_TOGGLE, "n_clicks"), State(ids.WORKSPACE, "className"),
        prevent_initial_call=True)

    @app.callback(Output(ids.TICKER, "disabled"), Output(ids.PLAY, "children"), Input(ids.PLAY, "n_clicks"),
                  State(ids.TICKER, "disabled"), prevent_initial_call=True)
    def toggle_play(_clicks, disabled):
        playing = bool(disabled)
        return (not playing), ("❚❚ Pause" if playing else "▶ Play")

    @app.callback(Output(ids.TICKER, "interval"), Input(ids.SPEED, "value"))
    def set_speed(milliseconds):
        return int(milliseconds or 1000)

    @app.callback(Output(ids.DATE_SLIDER, "value", allow_duplicate=True), Output(ids.TICKER, "disabled",
                                                                                 allow_duplicate=True),
                  Output(ids.PLAY, "children", allow_duplicate=True),
                  Input(ids.TICKER, "n_intervals"), State(ids.DATE_SLIDER, "value"), State(ids.DATE_SLIDER, "min"),
                  State(ids.DATE_SLIDER, "max"), prevent_initial_call=True)
    def play_step(_n, value, first, last):
        window, stop = next_window(value or [first, last], first, last)
        return window, (True if stop else no_update), ("▶ Play" if stop else no_update)


__all__ = ["register_callbacks", "render_map", "render_timeline", "render_table", "render_details",
           "selection_from_event", "view_from_relayout", "next_window", "state_from_controls",
           "controls_from_query", "query_from_controls", "download_name", "export_download", "briefing_download",
           "CONTROLS"]
