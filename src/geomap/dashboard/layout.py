"""The page: a function of the store's catalog, called on every page load (`app.layout = serve_layout`)."""

from __future__ import annotations

from datetime import date
import math
import shlex
from typing import Mapping, Optional

import dash_ag_grid as dag
from dash import dcc, html

from geomap.dashboard import ids
from geomap.dashboard.components import (day_marks, export_toolbar, filter_block, incident_details, map_legend,
                                          panel)
from geomap.dashboard.review_panel import review_panel
from geomap.events import EVENT_TYPES
from geomap.dashboard.state import (GEO_PRECISION_CODES, SEARCH_MAX, TIME_PRECISION_CODES, ViewState, day_iso,
                                    day_number)
from geomap.figures import BRIEFING_TITLE, CREDITS, LAYER_LABELS, LAYERS, type_label
from geomap.filters import NO_CLAIMANT, RECHECK, REVIEW_CHOICES, REVIEWED, UNVERIFIED, VERIFIED
from geomap.records import REJECTED, UNREVIEWED
from geomap.precision import DATE_PRECISION_LABEL, WHERE_PRECISION_LABEL

REVIEW_FILTER_LABELS = {UNREVIEWED: "not reviewed", REVIEWED: "reviewed (confirmed or corrected)",
                        REJECTED: "rejected", RECHECK: "changed since review"}
NO_DATES_NOTE = ("No incident has a date yet, so there is no time to slide through: the map and the table show "
                 "every incident, the undated ones with a grey rim.")
# Play's speeds, in milliseconds per day of the slider: days a second for a war of weeks, months or a year a second
# for a span of years (a decade at 8 days a second would take nine minutes).
SPEEDS = {"1 day / 2 s": 2000, "1 day / s": 1000, "2 days / s": 500, "4 days / s": 250, "8 days / s": 125,
          "1 month / s": round(1000 / 30.44, 3), "3 months / s": round(1000 / 91.31, 3),
          "1 year / s": round(1000 / 365.25, 3)}
PLAY_SECONDS = 120  # the speed a page opens with plays the slider's whole span in about this long, or less


def play_speed(first: int, last: int) -> float:
    """The speed Play starts at for a slider from day `first` to `last`: a day a second when that plays the whole
    span within PLAY_SECONDS, else the slowest speed that does (the fastest when none does)."""
    days = last - first + 1
    fitting = [ms for ms in SPEEDS.values() if days * ms <= PLAY_SECONDS * 1000]
    if SPEEDS["1 day / s"] in fitting:
        return SPEEDS["1 day / s"]
    return max(fitting) if fitting else min(SPEEDS.values())
# A grid header holds its label, its sort arrow and its filter button: a column is never narrower than that,
# so no header is cut ("Cl…" for "Claim?" at 1600x900 once). A narrow window scrolls the grid sideways instead.
# Per character: the widest of the labels' 13 px letters ("Wounded"); the rest: two 10 px paddings (geomap.css)
# and the two 16 px icons with their gaps.
HEADER_CHAR_PX, HEADER_CHROME_PX = 8.5, 60


def grid_column(field: str, header: str, **options) -> dict:
    """One grid column, at least as wide as its whole header (and as `minWidth` asks)."""
    least = math.ceil(len(header) * HEADER_CHAR_PX) + HEADER_CHROME_PX
    return {"field": field, "headerName": header, **options, "minWidth": max(least, options.get("minWidth", 0))}


_NUMBER = {"type": "numericColumn", "filter": "agNumberColumnFilter"}
# The grid's columns: numbers are numbers (sorted and filtered as such), shown with their range labels; a text
# cut at the column's edge shows whole on hover.
TABLE_COLUMNS = [
    # a range ("2020-09-27 – 2020-10-06") whole, beside its icons; its precision may be cut, and shows on hover
    grid_column("date_start", "Date", valueFormatter={"function": "params.data.date"}, sort="asc", minWidth=250,
                tooltipField="date"),
    grid_column("type", "Type", minWidth=150, tooltipField="type"),  # "Attack on civilians" whole
    grid_column("places", "Places", minWidth=140, tooltipField="places"),
    grid_column("killed", "Killed", **_NUMBER, valueFormatter={"function": "params.data.killed_label"}),
    grid_column("wounded", "Wounded", **_NUMBER, valueFormatter={"function": "params.data.wounded_label"}),
    grid_column("claimant", "Claimant", tooltipField="claimant"),
    grid_column("claim", "Claim?"),
    grid_column("denied", "Denied by", tooltipField="denied"),
    grid_column("verification", "Verification", tooltipField="verification"),
    grid_column("sources", "Sources", **_NUMBER),
]


def slider_bounds(catalog: Mapping) -> tuple[int, int]:
    """The slider's first and last day numbers (today's week when the store is empty)."""
    if catalog.get("date_min") and catalog.get("date_max"):
        return day_number(catalog["date_min"]), day_number(catalog["date_max"])
    today = day_number(date.today().isoformat())
    return today - 7, today


def _options(values, label=lambda v: v):
    return [{"label": label(v), "value": v} for v in values]


def serve_layout(catalog: Mapping, *, store_path: Optional[str] = None, problem: Optional[str] = None,
                 review: bool = False, outline: Optional[str] = None) -> html.Div:
    """The whole page for a store whose filter choices and date bounds are `catalog`; `outline` names the
    conflict outline its map draws (the legend says so), None when it draws none.

    The map takes what the window has left after the header, the time strip and the details
    column; the filters open as a column of their own (the map narrows, nothing is drawn over it).
    """
    default = ViewState()
    first, last = slider_bounds(catalog)
    geo_labels = {**{str(int(k)): f"{int(k)} · {v}" for k, v in WHERE_PRECISION_LABEL.items()}, "unknown": "unknown"}
    time_labels = {**{str(int(k)): f"{int(k)} · {v}" for k, v in DATE_PRECISION_LABEL.items()}, "unknown": "unknown"}

    header = html.Header([
        html.Div([html.Span("geomap", className="brand"),
                  html.Span("conflict incidents, claims and sources", className="tagline")], className="brand-box"),
        html.Button("☰ Filters", id=ids.FILTERS_TOGGLE, n_clicks=0, className="button toolbar-button filters-toggle",
                    title="show or hide the filters and map layers", **{"aria-controls": ids.FILTERS}),
        html.Div(id=ids.COUNT, className="count", role="status"),
        html.Div(export_toolbar(default_title=BRIEFING_TITLE), id=ids.EXPORT_TOOLBAR, className="export-toolbar"),
    ], id=ids.HEADER, className="topbar")

    filters = html.Aside([
        filter_block("Search sources", dcc.Input(id=ids.SEARCH, type="search", debounce=True, value=default.search,
                                                 placeholder="words in a sentence, claimant, place…",
                                                 maxLength=SEARCH_MAX, className="search")),
        filter_block("Event type", dcc.Dropdown(id=ids.EVENT_TYPES, multi=True, placeholder="all types",
                                                options=_options(catalog.get("types", []), type_label), value=[])),
        filter_block("Claimant", dcc.Dropdown(id=ids.CLAIMANTS, multi=True, placeholder="anyone",
                                              options=_options(list(catalog.get("claimants", [])) + [NO_CLAIMANT]),
                                              value=[])),
        filter_block("Publisher", dcc.Dropdown(id=ids.PUBLISHERS, multi=True, placeholder="any publisher",
                                               options=_options(catalog.get("publishers", [])), value=[])),
        filter_block("Verification", dcc.RadioItems(
            id=ids.VERIFICATION, value=default.verification, className="radio",
            options=[{"label": "all", "value": "all"},
                     {"label": "corroborated (2+ independent sources, no doubt noted)", "value": VERIFIED},
                     {"label": "unverified (single source or doubt noted)", "value": UNVERIFIED}])),
        filter_block("Review", dcc.Checklist(
            id=ids.REVIEW_FILTER, value=list(default.review), className="checks",
            options=[{"label": REVIEW_FILTER_LABELS[c], "value": c} for c in REVIEW_CHOICES])),
        filter_block("Map as known on", dcc.Input(
            id=ids.AS_OF, type="text", debounce=True, value="", maxLength=10, placeholder="YYYY-MM-DD (blank: now)",
            className="search"),
            hint="Only what reports published, and reviews made, up to that day told."),
        filter_block("Location precision", dcc.Checklist(
            id=ids.GEO_PRECISION, value=list(default.geo), className="checks",
            options=[{"label": geo_labels[c], "value": c} for c in GEO_PRECISION_CODES])),
        filter_block("Date precision", dcc.Checklist(
            id=ids.TIME_PRECISION, value=list(default.timep), className="checks",
            options=[{"label": time_labels[c], "value": c} for c in TIME_PRECISION_CODES])),
        html.Button("Reset filters", id=ids.RESET, className="button secondary", n_clicks=0),
        html.Hr(),
        filter_block("Map layers", dcc.Checklist(
            id=ids.LAYERS, value=list(default.layers), className="checks layers",
            options=[{"label": LAYER_LABELS[k], "value": k} for k in LAYERS])),
        filter_block("Online basemap", dcc.RadioItems(
            id=ids.TILES, value=default.tiles, className="radio",
            options=[{"label": "off (offline boundaries)", "value": "off"},
                     {"label": "OpenStreetMap", "value": "osm"}, {"label": "Carto light", "value": "carto"}]),
            hint="Needs a network; the offline boundaries stay when it is off."),
    ], id=ids.FILTERS, className="sidebar", **{"aria-label": "filters and map layers"})

    map_panel = html.Div([
        dcc.Graph(id=ids.MAP, className="map", responsive=True,
                  config={"displaylogo": False, "scrollZoom": True,
                          "modeBarButtonsToRemove": ["select2d", "lasso2d", "toImage"]},
                  style={"height": "100%", "width": "100%"}),
        *([empty_store_notice(store_path, problem, review=review)] if not catalog.get("total") else []),
        html.Ul(id=ids.SHOWN_PLACES, className="visually-hidden", **{"aria-label": "places on the map"}),
    ], className="map-box")

    dated = bool(catalog.get("date_min"))  # with no dated incident the slider has no days: it is off, and says so
    time_panel = html.Div([
        html.Div([
            html.Button("▶ Play", id=ids.PLAY, n_clicks=0, className="button play", disabled=not dated),
            dcc.Dropdown(id=ids.SPEED, options=[{"label": k, "value": v} for k, v in SPEEDS.items()],
                         value=play_speed(first, last),
                         clearable=False, searchable=False, className="speed"),
            html.Div(id=ids.DATE_LABEL, className="date-label"),
        ], className="time-controls"),
        html.Div([dcc.RangeSlider(id=ids.DATE_SLIDER, min=first, max=last, step=1, value=[first, last],
                        marks=day_marks(first, last, day_iso) if dated else {}, allowCross=False,
                        updatemode="mouseup", allow_direct_input=False, disabled=not dated,
                        tooltip={"placement": "bottom", "always_visible": False,
                                 "transform": "geomapDayToDate"},
                        className="date-slider" if dated else "date-slider no-dates"),
                  *([] if dated else [html.P(NO_DATES_NOTE, id=ids.NO_DATES, className="muted small")])],
                 className="slider-box"),
        dcc.Graph(id=ids.TIMELINE, className="timeline", config={"displayModeBar": False}),
        dcc.Interval(id=ids.TICKER, interval=1000, disabled=True),
    ], className="time-panel")

    side = html.Aside([
        panel("Legend", [html.Div(map_legend(catalog.get("types") or [], outline=outline), id=ids.LEGEND)], class_name="legend"),
        panel("Details", [html.Div(incident_details(None), id=ids.DETAILS)], class_name="details"),
        panel("Review", [html.Div(review_panel(enabled=review, event_types=list(EVENT_TYPES)), id=ids.REVIEW_PANEL)],
              class_name="review"),
        html.Details([html.Summary("Not on the map", className="panel-title"), html.Div(id=ids.UNMAPPED)],
                     className="panel unmapped"),
    ], className="rightbar")

    table = panel("Incidents", [
        html.Div(id=ids.TABLE_NOTE, className="muted small"),
        dag.AgGrid(id=ids.TABLE, columnDefs=TABLE_COLUMNS, rowData=[], getRowId="params.data.id",
                   defaultColDef={"sortable": True, "resizable": True, "filter": True},
                   dashGridOptions={"rowSelection": {"mode": "singleRow", "checkboxes": False,
                                                     "enableClickSelection": True},
                                    "animateRows": False, "suppressCellFocus": True, "tooltipShowDelay": 400},
                   columnSize="responsiveSizeToFit", className="ag-theme-quartz incident-grid",
                   style={"height": "380px", "width": "100%"}),
    ], class_name="table-panel")

    return html.Div([
        dcc.Location(id=ids.URL, refresh=False),
        dcc.Store(id=ids.BOOT, data=1),
        dcc.Store(id=ids.CATALOG, data=dict(catalog)),
        dcc.Store(id=ids.MAP_VIEW, data={}),
        dcc.Store(id=ids.MAP_DATA, data=None),
        dcc.Store(id=ids.MAP_DRAWN, data=None),
        dcc.Store(id=ids.SETTLED_WINDOW, data=None),
        dcc.Store(id=ids.SELECTED, data=None),
        dcc.Store(id=ids.VIEW_FOLLOW, data=None),
        dcc.Store(id=ids.REVIEW_STAMP, data=0),
        header,
        html.Main([filters, html.Div([map_panel, time_panel], className="center"), side],
                  id=ids.WORKSPACE, className="workspace"),
        table,
        html.Footer([html.Span(CREDITS, id=ids.CREDITS)], className="credits"),
    ], className="page")


def empty_store_notice(store_path: Optional[str], problem: Optional[str], *, review: bool = False) -> html.Div:
    """What an empty map says: why nothing is shown, the command that fills the store, and what the page writes
    (nothing, or only reviews under `serve --review`)."""
    where = store_path or "geomap.db"
    return html.Div([
        html.H2("No incidents to show yet"),
        html.P(problem or f"The store {where} holds no incidents."),
        html.P("Add reports (.txt, .html, .jsonl or .csv files, or folders of them), then reload this page:"),
        html.Pre(f"geomap ingest --store {shlex.quote(where)} REPORTS...", className="command"),
        html.P("This dashboard (serve --review) writes only the reviews made on it; reports and incidents come "
               "from geomap ingest." if review else
               "The dashboard only reads the store; it never adds anything to it.", className="muted small"),
    ], id=ids.EMPTY_NOTICE, className="empty-notice", role="status")


__all__ = ["serve_layout", "empty_store_notice", "slider_bounds", "grid_column", "play_speed", "SPEEDS",
           "TABLE_COLUMNS"]
