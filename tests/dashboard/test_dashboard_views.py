"""The dashboard's pure pieces, called directly: queries, URL state, figures, callback bodies, components."""

import json
from dataclasses import replace
from pathlib import Path

import pytest
from dash import html
from plotly.utils import PlotlyJSONEncoder

from geomap import figures
from geomap.dashboard import callbacks, ids, queries
from geomap.dashboard.components import day_marks, highlighted_sentence, incident_details
from geomap.dashboard.state import ViewState, day_iso, day_number, from_query, to_query
from geomap.filters import IncidentFilter, NO_CLAIMANT, UNVERIFIED, VERIFIED
from geomap.pipeline import ingest, ingest_reports
from geomap.store import IncidentStore
from sample_store import make_sample_store, seedlike_incidents, write_incidents


@pytest.fixture
def conn(sample_store):
    return queries.connect(sample_store)


@pytest.fixture
def catalog(conn):
    return queries.catalog(conn)


def ids_of(view):
    return {r["id"] for r in view.rows}


def test_the_catalog_lists_types_claimants_publishers_and_the_date_bounds(catalog):
    assert catalog["date_min"] == "2020-10-03" and catalog["date_max"] == "2020-10-18"
    assert {"shelling", "missile_strike", "battle"} <= set(catalog["types"])
    assert "Reuters" in catalog["publishers"] and "Hikmet Hajiyev" in catalog["claimants"]


def test_history_told_as_context_does_not_stretch_the_slider(seed_store):
    # the seeds recall a ceasefire of 1994 as background; the slider spans the reports' own weeks
    with queries.connect(seed_store) as seeds:
        assert seeds.execute("SELECT COUNT(*) FROM incidents WHERE date_start < '2000-01-01'").fetchone()[0] > 0
        bounds = queries.catalog(seeds)
    assert "2020-09-01" <= bounds["date_min"] <= bounds["date_max"] <= "2020-12-31"


def test_a_week_precision_incident_is_shown_on_any_day_of_its_week(conn):
    view = queries.map_view(conn, IncidentFilter(date_from="2020-10-08", date_to="2020-10-08"))
    assert "inc-week-fighting" in ids_of(view)
    row = next(r for r in view.rows if r["id"] == "inc-week-fighting")
    assert row["time_precision"] == 3 and "approximate: week" in row["date_label"]


def test_the_date_window_narrows_what_the_map_shows(conn):
    everything = queries.map_view(conn, IncidentFilter(date_from="2020-10-03", date_to="2020-10-18"))
    one_day = queries.map_view(conn, IncidentFilter(date_from="2020-10-11", date_to="2020-10-11"))
    assert one_day.shown < everything.shown
    assert ids_of(one_day) == {"inc-ganja-shelling", "inc-week-fighting"}


def test_an_incident_at_three_towns_is_drawn_at_each(conn):
    view = queries.map_view(conn, IncidentFilter(search="densely populated"))
    assert sorted(r["place"] for r in view.rows) == ["Barda", "Beylagan", "Ganja"]
    assert view.shown == 1


@pytest.mark.parametrize("filters, expected", [
    (IncidentFilter(event_types=("missile_strike",)), {"inc-stepanakert-hospital"}),
    (IncidentFilter(claimants=("Hikmet Hajiyev",)), {"inc-claim-towns"}),
    (IncidentFilter(publishers=("TRT World",)), {"inc-ganja-shelling"}),
    (IncidentFilter(geo_precisions=("4",)), {"inc-week-fighting"}),
    (IncidentFilter(time_precisions=("3",)), {"inc-week-fighting"}),
    (IncidentFilter(verification=VERIFIED), set()),
    (IncidentFilter(search="HOSPITAL"), {"inc-stepanakert-hospital"}),
    (IncidentFilter(search="100%_"), set()),
])
def test_each_filter_keeps_just_the_matching_incidents(conn, filters, expected):
    assert ids_of(queries.map_view(conn, filters)) == expected


def test_a_filter_asked_a_part_at_a_time_keeps_what_the_whole_filter_keeps(conn, sample_store):
    snap = queries.snapshot(conn, sample_store)
    for filters in [IncidentFilter(date_from="2020-10-05", date_to="2020-10-12"),
                    IncidentFilter(claimants=(NO_CLAIMANT,)),
                    IncidentFilter(verification=UNVERIFIED, geo_precisions=("1", "unknown")),
                    IncidentFilter(publishers=("AFP", "Reuters"), search="shell", date_from="2020-10-09")]:
        where, params = filters.where()
        whole = {r[0] for r in conn.execute(f"SELECT id FROM incidents WHERE {where}", params)}
        assert whole == set(snap.ids[queries.incident_mask(conn, snap, filters)]), filters


def test_incidents_with_no_place_or_no_date_are_listed_not_lost(conn):
    unmapped = queries.unmapped_incidents(conn, IncidentFilter(date_from="2020-10-03", date_to="2020-10-18"))
    assert [r["id"] for r in unmapped["unplaced"]] == ["inc-no-place"]
    assert [r["id"] for r in unmapped["undated"]] == ["inc-no-date"]


def test_many_incidents_become_clusters_with_a_count(conn):
    view = queries.map_view(conn, IncidentFilter(), cap=3)
    assert view.rows == [] and view.clusters
    assert sum(c["count"] for c in view.clusters) == sum(1 for _ in conn.execute(
        "SELECT 1 FROM incident_places WHERE lat IS NOT NULL"))


def test_the_snapshot_follows_a_new_ingest(tmp_path):
    path = make_sample_store(tmp_path / "s.db")
    conn = queries.connect(path)
    before = queries.map_view(conn, IncidentFilter()).total
    extra = replace(seedlike_incidents()[2], incident_id="inc-new")
    with IncidentStore(path) as store:
        write_incidents(store, [extra])
    assert queries.map_view(conn, IncidentFilter()).total == before + 1


def test_a_url_round_trips_the_whole_view():
    state = ViewState(date_from="2020-10-05", date_to="2020-10-09", types=("shelling", "battle"),
                      claimants=("Armenia's defence ministry, press office",), geo=("1", "2"), verification="corroborated",
                      search="Ganja & Barda", layers=("incidents",), tiles="osm", lat=40.1, lon=46.9, zoom=8.25,
                      selected="inc-ganja-shelling")
    assert from_query(to_query(state)) == state
    assert to_query(ViewState()) == ""
    assert from_query("?layer=")  .layers == ()  # every layer switched off stays off
    assert from_query("?from=not-a-date&zoom=x").date_from is None


def test_day_numbers_are_days_since_1970():
    assert day_number("1970-01-02") == 1 and day_iso(day_number("2020-10-11")) == "2020-10-11"


def test_controls_and_url_agree(catalog):
    values = callbacks.controls_from_query("?from=2020-10-09&type=shelling&incident=inc-xss", catalog)
    slider, types, *_rest, view, selected = values
    assert slider == [day_number("2020-10-09"), day_number("2020-10-18")] and types == ["shelling"]
    assert selected == "inc-xss"
    query = callbacks.query_from_controls(catalog, *values[:len(callbacks.CONTROLS)], view, selected)
    assert query == "?from=2020-10-09&incident=inc-xss&type=shelling"


def test_the_slider_callback_returns_a_map_count_and_places(sample_store, catalog):
    out = callbacks.render_map(sample_store, ViewState(date_from="2020-10-11", date_to="2020-10-11"), catalog)
    assert out["shown"] == 2
    assert [li.children for li in out["places"]] == ["Ganja", "Nagorno-Karabakh"]
    json.dumps(out["figure"], cls=PlotlyJSONEncoder)  # what Dash sends


def test_layers_switch_traces_and_map_layers_off(sample_store, catalog):
    def layers_of(state):
        figure = callbacks.render_map(sample_store, state, catalog)["figure"]
        return ({t["meta"]["layer"] for t in figure["data"]},
                {layer.get("name") for layer in figure["layout"]["map"]["layers"]})
    traces, map_layers = layers_of(ViewState())
    assert {"incidents", "claims", "regions", "halos"} <= traces and {"regions", "halos"} <= map_layers
    traces, map_layers = layers_of(ViewState(layers=("incidents",)))
    assert "claims" not in traces and "regions" not in map_layers and "halos" not in map_layers


def test_online_tiles_are_off_by_default_and_a_raster_layer_when_on(sample_store, catalog):
    figure = callbacks.render_map(sample_store, ViewState(), catalog)["figure"]
    assert figure["layout"]["map"]["style"] == "white-bg"
    assert not any(layer.get("sourcetype") == "raster" for layer in figure["layout"]["map"]["layers"])
    figure = callbacks.render_map(sample_store, ViewState(tiles="osm"), catalog)["figure"]
    assert figure["layout"]["map"]["layers"][0]["sourcetype"] == "raster"


def test_the_map_uses_no_text_labels():
    figure = figures.map_figure_dict([{"id": "a", "type": "shelling", "lat": 40.0, "lon": 46.0, "precision": 1}])
    assert all("text" not in (t.get("mode") or "") for t in figure["data"])
    assert all(layer.get("type") != "symbol" for layer in figure["layout"]["map"]["layers"])


def test_stacked_incidents_are_spread_deterministically_and_keep_their_true_spot():
    rows = [{"id": f"b{k}", "lat": 40.3744, "lon": 47.1266} for k in range(5)]
    spread = figures.spread_stacked(rows)
    assert len({(r["lat"], r["lon"]) for r in spread}) == 5
    assert all(r["true_lat"] == 40.3744 and r["stacked"] == 5 for r in spread)
    assert figures.spread_stacked(list(reversed(rows))) == spread


def test_precision_halos_grow_with_uncertainty():
    def radius_km(precision):
        ring = figures.halo_geojson([{"lat": 40.0, "lon": 46.0, "precision": precision}])["features"][0]
        lats = [lat for _, lat in ring["geometry"]["coordinates"][0]]
        return (max(lats) - min(lats)) / 2 * 111.32
    assert radius_km(1) == pytest.approx(2, rel=0.05)
    assert radius_km(2) == pytest.approx(25, rel=0.05)
    assert radius_km(1) < radius_km(2) < radius_km(3) < radius_km(4)


def test_a_grid_row_selects_the_incident_and_a_map_click_selects_and_scrolls_to_its_row():
    rows = [{"id": "a"}, {"id": "b"}]
    assert callbacks.selection_from_event(ids.TABLE, None, [rows[1]], None) == ("b", {"ids": ["b"]}, {"rowId": "b"})
    click = {"points": [{"customdata": "c"}]}
    assert callbacks.selection_from_event(ids.MAP, click, [], "b") == ("c", {"ids": ["c"]}, {"rowId": "c"})
    cluster = {"points": [{"customdata": "cluster:40.1:46.2"}]}
    assert callbacks.selection_from_event(ids.MAP, cluster, [], "b")[0] == "b"


def test_the_grid_keeps_numbers_as_numbers_so_they_sort_as_numbers(sample_store):
    rows, _ = callbacks.render_table(sample_store, ViewState())
    ganja = next(r for r in rows if "Ganja" in r["places"] and r["killed"] == 9)
    assert ganja["killed_label"] == "9" and isinstance(ganja["sources"], int)
    killed = sorted((r for r in rows if r["killed"] is not None), key=lambda r: r["killed"])
    assert [r["killed"] for r in killed] == sorted(r["killed"] for r in killed)  # 9 < 250 < 299, not "250" < "9"
    assert all(isinstance(r["killed"], (int, float)) for r in killed)
    assert ganja["lat"] == pytest.approx(40.68, abs=0.01)  # where the map goes when the row is picked


def test_the_map_data_holds_every_date_so_the_page_can_draw_any_window(sample_store, catalog):
    one_day = ViewState(date_from="2020-10-11", date_to="2020-10-11")
    data = callbacks.render_map_data(sample_store, one_day, catalog)
    assert data["mode"] == "points"
    points = data["points"]
    assert len({len(column) for name, column in points.items() if isinstance(column, list)
                and name not in ("colours", "labels", "halo_spots")}) == 1  # one value per point in every column
    drawn_that_day = {t for t in callbacks.render_map(sample_store, one_day, catalog)["figure"]["data"]
                      if (t.get("meta") or {}).get("layer") in ("incidents", "claims") for t in t["customdata"]}
    assert drawn_that_day < set(points["id"])  # the whole range, not the slider's window
    day = day_number("2020-10-11")
    in_window = {i for i, s, e in zip(points["id"], points["start"], points["end"]) if s is not None and s <= day <= e}
    assert in_window == drawn_that_day  # the page's cut of a window keeps what the server would draw
    first, last = day_number(catalog["date_min"]), day_number(catalog["date_max"])
    assert all(first <= s <= e <= last for s, e in zip(points["start"], points["end"]) if s is not None)
    names = [t["meta"]["window"] for t in data["figure"]["data"] if "window" in (t.get("meta") or {})]
    assert names == list(figures.WINDOW_TRACES)
    halo_layers = data["figure"]["layout"]["meta"]["halo_layers"]
    assert {precision for precision, _ in halo_layers} == {spot[2] for spot in points["halo_spots"]}
    assert all(precision < figures.COUNTRY_PRECISION for precision, _ in halo_layers)
    assert data["figure"]["layout"]["meta"]["key"] == data["key"]


def test_the_map_data_does_not_change_with_the_window_or_the_view(sample_store, catalog):
    week = callbacks.render_map_data(sample_store, ViewState(date_from="2020-10-05", date_to="2020-10-11"), catalog)
    day = callbacks.render_map_data(sample_store, ViewState(date_from="2020-10-11", date_to="2020-10-11", lat=40.0,
                                                            lon=46.0, zoom=8.0), catalog)
    assert week["key"] == day["key"] and week["points"] == day["points"]
    shelling = callbacks.render_map_data(sample_store, ViewState(types=("shelling",)), catalog)
    assert shelling["key"] != week["key"] and set(shelling["points"]["id"]) < set(week["points"]["id"])


def test_a_view_too_large_to_send_comes_drawn_per_window(sample_store, catalog, monkeypatch):
    monkeypatch.setattr(callbacks, "WINDOW_POINT_CAP", 2)
    data = callbacks.render_map_data(sample_store, ViewState(date_from="2020-10-03", date_to="2020-10-18"), catalog)
    assert data["mode"] == "figure" and "points" not in data
    drawn = callbacks.render_map(sample_store, ViewState(date_from="2020-10-03", date_to="2020-10-18"), catalog)
    assert data["shown"] == drawn["shown"] and data["places"] == drawn["place_names"]
    assert data["figure"]["layout"]["meta"]["key"] == data["key"]
    other = callbacks.render_map_data(sample_store, ViewState(date_from="2020-10-03", date_to="2020-10-10"), catalog)
    assert other["key"] != data["key"]


def test_the_view_follows_pans_and_zooms_only():
    view = callbacks.view_from_relayout({"map.center": {"lat": 40.123456, "lon": 46.5}, "map.zoom": 7.333}, {})
    assert view == {"lat": 40.1235, "lon": 46.5, "zoom": 7.33}
    assert callbacks.view_from_relayout({"autosize": True}, view) == view


def test_the_details_show_every_source_with_the_place_marked(sample_store):
    panel = callbacks.render_details(sample_store, "inc-ganja-shelling")
    text = json.dumps(panel.to_plotly_json(), cls=PlotlyJSONEncoder)
    assert text.count("residential area of ") == 2 and "Reuters could not independently verify" in text
    assert "Armenia's defence ministry" in text and "9 killed, 34 wounded" in text


def test_the_place_name_is_wrapped_in_a_mark_element():
    pieces = highlighted_sentence("Shells hit Barda today.", [[11, 16]])
    assert pieces[0] == "Shells hit " and isinstance(pieces[1], html.Mark) and pieces[1].children == "Barda"
    assert highlighted_sentence("Shells hit Barda.", [], ["barda"])[1].children == "Barda"


def test_report_text_stays_text_in_the_details_panel(sample_store):
    panel = callbacks.render_details(sample_store, "inc-xss")

    def walk(node):
        yield node
        children = getattr(node, "children", None)
        for child in (children if isinstance(children, list) else [children]):
            if child is not None and not isinstance(child, (str, int, float)):
                yield from walk(child)
    kinds = {type(n).__name__ for n in walk(panel)}
    assert not kinds & {"Script", "Img", "A", "Iframe", "Markdown"}
    assert "<script>" in json.dumps(panel.to_plotly_json(), cls=PlotlyJSONEncoder)


def test_the_empty_details_panel_says_what_to_do():
    assert "Click a point" in json.dumps(incident_details(None).to_plotly_json(), cls=PlotlyJSONEncoder)


def test_the_timeline_spreads_a_week_over_its_days(conn):
    counts = queries.timeline_counts(conn, IncidentFilter())
    approximate = [c for c in counts if c["approximate"]]
    assert len(approximate) == 7 and sum(c["n"] for c in approximate) == pytest.approx(1.0)
    figure = figures.timeline_figure(counts, selected=("2020-10-05", "2020-10-11"))
    assert figure.layout.barmode == "stack"


def test_the_app_builds_with_a_layout_function_and_the_credits(sample_store):
    from geomap.dashboard import create_app

    app = create_app(sample_store)
    assert callable(app.layout)
    page = json.dumps(app.layout().to_plotly_json(), cls=PlotlyJSONEncoder)
    assert "GeoNames (CC BY 4.0)" in page and "Natural Earth (public domain)" in page
    assert ids.EXPORT_TOOLBAR in page
    client = app.server.test_client()
    assert client.get("/geomap/boundaries/regions.geojson").status_code == 200
    assert client.get("/geomap/boundaries/regions.geojson").mimetype == "application/geo+json"
    # Other names are not files: the path falls through to Dash's page, never to the disk.
    assert client.get("/geomap/boundaries/..%2fsecret.geojson").mimetype != "application/geo+json"


def _distance_from_land(colour):
    return sum(abs(int(colour[k:k + 2], 16) - int(figures.LAND_COLOUR[k:k + 2], 16)) for k in (1, 3, 5))


def test_halos_fade_with_uncertainty_and_a_country_level_place_has_none():
    rows = [{"id": str(p), "type": "shelling", "lat": 40.0 + p, "lon": 46.0, "precision": p} for p in (1, 2, 4, 5, 6)]
    figure = figures.map_figure_dict(rows)
    fills = {layer["source"]["features"][0]["properties"]["precision"]: _distance_from_land(layer["color"])
             for layer in figure["layout"]["map"]["layers"] if layer.get("name") == "halos" and layer["type"] == "fill"}
    assert sorted(fills) == [1, 2, 4, 5]
    assert fills[1] > fills[2] > fills[4] > fills[5] > 0
    assert figures.COUNTRY_LEVEL_LABEL in [t["name"] for t in figure["data"] if t.get("showlegend", True)]


def test_overlapping_halos_are_merged_so_they_do_not_darken():
    rows = [{"id": str(k), "type": "shelling", "lat": 40.0, "lon": 46.0 + 0.3 * k, "precision": 2} for k in range(4)]
    halos = figures.halo_layers(rows)
    assert [layer["type"] for layer in halos] == ["line", "fill"]  # the fill hides the edges inside the union
    assert halos[1]["source"]["features"][0]["geometry"]["type"] == "Polygon"
    assert halos[1]["opacity"] == 1  # opaque: the circles the page draws unmerged do not darken where they meet


def test_halos_lie_on_the_land_under_borders_and_outlines_and_let_online_tiles_show():
    rows = [{"id": "a", "type": "shelling", "lat": 40.0, "lon": 46.0, "precision": 2}]
    offline = figures.map_figure_dict(rows)["layout"]["map"]["layers"]
    assert [(layer["type"], layer.get("name")) for layer in offline[:4]] == [
        ("fill", None), ("line", "halos"), ("fill", "halos"), ("line", None)]  # land, halo, borders
    online = figures.map_figure_dict(rows, tiles="osm")["layout"]["map"]["layers"]
    fill = next(layer for layer in online if layer.get("name") == "halos" and layer["type"] == "fill")
    assert online[0]["sourcetype"] == "raster" and fill["opacity"] < 0.2
    window = figures.window_map_figure({"halo_spots": [[40.0, 46.0, 2], [41.0, 46.0, 4]]})
    layers, where = window["layout"]["map"]["layers"], window["layout"]["meta"]["halo_layers"]
    assert [precision for precision, _ in where] == [4, 2]  # the coarser under the finer
    assert all(layers[k]["name"] == layers[k + 1]["name"] == "halos" for _, k in where)
    assert layers[where[-1][1] + 2]["type"] == "line" and layers[where[-1][1] + 2].get("name") is None  # borders over


@pytest.mark.parametrize("where", ["below", "right"])
def test_the_legend_sits_outside_the_map(where):
    legend = figures.map_figure_dict([{"id": "a", "type": "shelling", "lat": 40.0, "lon": 46.0}],
                                     legend_at=where)["layout"]["legend"]
    assert legend["y"] < 0 or legend["x"] > 1


# --- the snapshot cache, the URL and the table page: review findings -----------------------------------------

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def test_the_snapshot_follows_a_re_merge_that_keeps_the_count_and_the_highest_rowid(tmp_path, gazetteer):
    from geomap.reports import read_reports

    path = tmp_path / "seeds.db"
    with IncidentStore(path) as store:
        ingest(store, [SEEDS / "000_85a7f8ab5cef56bc.txt", SEEDS / "004_69d44303080b5a50.txt"], gazetteer=gazetteer)
    conn = queries.connect(path)
    before = queries.snapshot(conn, path)
    version = conn.execute("SELECT COUNT(*), MAX(rowid) FROM incidents").fetchone()[:]
    # The Reuters story again, as another wire ran it: it merges into the stored incidents.
    (report,), _ = read_reports([SEEDS / "000_85a7f8ab5cef56bc.txt"])
    copy = replace(report, report_id="000-copy.txt", publisher="Copy Wire", content_hash="copy-" + report.content_hash)
    with IncidentStore(path) as store:
        ingest_reports(store, [copy], gazetteer=gazetteer)
    assert conn.execute("SELECT COUNT(*) FROM incidents").fetchone()[0] == version[0]  # the same incidents, rewritten
    assert queries.snapshot(conn, path) is not before
    assert queries.map_view(conn, IncidentFilter(publishers=("Copy Wire",))).shown > 0


def test_a_store_named_relatively_and_absolutely_is_snapshotted_once(tmp_path, monkeypatch, catalog):
    make_sample_store(tmp_path / "rel.db")
    monkeypatch.chdir(tmp_path)
    built = []
    build = queries._build_snapshot
    monkeypatch.setattr(queries, "_build_snapshot", lambda conn, key: built.append(key) or build(conn, key))
    callbacks.render_map("rel.db", ViewState(), catalog)
    callbacks.render_table("rel.db", ViewState())
    callbacks.render_timeline(str(tmp_path / "rel.db"), ViewState(), catalog)
    assert len(built) == 1


@pytest.mark.parametrize("query", ["?geo=x", "?timep=x", "?geo=1&geo=%27)--&timep=week", "?lat=nan&lon=inf&zoom=1e999",
                                   "?lat=91&lon=-200&zoom=-3", "?verified=maybe&tiles=http://evil&layer=bogus"])
def test_a_crafted_url_falls_back_to_defaults_and_draws(sample_store, catalog, query):
    state = from_query(query)
    default = ViewState()
    assert set(state.geo) <= set(default.geo) and set(state.timep) <= set(default.timep) and state.geo
    assert (state.lat, state.lon, state.zoom) == (None, None, None)
    assert (state.verification, state.tiles, state.layers) == (default.verification, default.tiles, default.layers)
    controls = callbacks.controls_from_query(query, catalog)
    n = len(callbacks.CONTROLS)
    drawn = callbacks.state_from_controls(*controls[:n], view=controls[n], selected=controls[n + 1])
    assert callbacks.render_map(sample_store, drawn, catalog)["shown"] > 0
    assert callbacks.render_timeline(sample_store, drawn, catalog)


def test_known_codes_in_a_url_are_kept_and_unknown_ones_dropped():
    assert from_query("?geo=x&geo=2").geo == ("2",)
    assert from_query("?geo=").geo == ()  # "none selected" stays expressible
    assert from_query("?zoom=7.5&lat=40.1&lon=46.9&verified=corroborated&tiles=osm") == ViewState(
        zoom=7.5, lat=40.1, lon=46.9, verification="corroborated", tiles="osm")


def test_filter_masks_are_cached_safely_across_threads(conn, sample_store):
    import sys
    import threading

    snap = queries.snapshot(conn, sample_store)
    errors = []

    def search(offset):
        own = queries.connect(sample_store)
        try:
            for k in range(3000):
                queries.incident_mask(own, snap, IncidentFilter(search=f"term {offset} {k}"))
        except Exception as error:  # noqa: BLE001 - any failure in a thread is the finding
            errors.append(error)

    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        threads = [threading.Thread(target=search, args=(t,)) for t in range(16)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    finally:
        sys.setswitchinterval(interval)
    assert errors == [] and len(snap.masks) <= queries.PART_CACHE


def test_a_store_in_a_folder_named_with_uri_characters_opens(tmp_path):
    path = make_sample_store(tmp_path / "ops?week=41#b 100%" / "s.db")
    conn = queries.connect(path)
    assert queries.catalog(conn)["total"] == len(seedlike_incidents())
    assert queries.map_view(conn, IncidentFilter()).total == len(seedlike_incidents())


def test_places_with_incidents_are_labelled_busiest_first_and_the_labels_travel_with_the_figure():
    rows = [{"id": "a", "lat": 40.68, "lon": 46.36, "place": "Ganja"}, {"id": "b", "lat": 40.68, "lon": 46.36,
            "place": "Ganja"}, {"id": "c", "lat": 40.37, "lon": 47.13, "place": "Barda"},
            {"id": "d", "lat": 39.82, "lon": 46.75, "place": "Khankendi", "place_label": "Stepanakert (Khankendi)"}]
    labels = figures.place_labels(rows)
    assert [label["text"] for label in labels] == ["Ganja", "Barda", "Stepanakert (Khankendi)"]
    assert [label["rank"] for label in labels] == [0, 1, 2]
    figure = figures.map_figure_dict(rows, center={"lat": 40, "lon": 46.5}, zoom=7)
    assert {label["text"] for label in figure["layout"]["meta"]["labels"]} == {label["text"] for label in labels}
    assert all(trace.get("mode") != "text" and "text" not in (trace.get("mode") or "") for trace in figure["data"])


def test_a_place_is_labelled_as_the_reports_write_it_with_the_gazetteer_name_beside():
    assert queries.place_label("Khankendi", "Stepanakert") == "Stepanakert (Khankendi)"
    assert queries.place_label("Ganja", "GANJA") == "Ganja"  # the same name, written otherwise
    assert queries.place_label("Barda", None) == "Barda"


def test_the_whole_report_is_shown_with_the_evidence_sentence_marked_and_its_place_names_within():
    from geomap.dashboard.components import report_with_evidence

    text = "Officials spoke on Monday. Shells hit Ganja at night, the ministry said. Nobody else confirmed it."
    start = text.index("Shells")
    end = text.index(" Nobody")
    pieces = report_with_evidence(text, start, end, [(text.index("Ganja"), text.index("Ganja") + 5)])
    assert pieces[0] == "Officials spoke on Monday. " and pieces[-1] == " Nobody else confirmed it."
    evidence = pieces[1]
    assert isinstance(evidence, html.Mark) and evidence.className == "evidence"
    marks = [p for p in evidence.children if isinstance(p, html.Mark)]
    assert [m.children for m in marks] == ["Ganja"]
    assert report_with_evidence("<script>x</script>", 0, 0) == ["<script>x</script>"]  # text, never markup


def text_of(children) -> str:
    """The text a reader sees in Dash components (children nested any depth)."""
    if children is None:
        return ""
    if isinstance(children, (str, int, float)):
        return str(children)
    if isinstance(children, (list, tuple)):
        return "".join(text_of(c) for c in children)
    return text_of(getattr(children, "children", None))


UNDATED_REPORTS = {
    "kupiansk.txt": "Shelling kills three in Kupiansk\n\nArtillery shells hit a residential street in Kupiansk, killing "
                    "three civilians and wounding five, the regional governor said.\n\nRescue teams were still "
                    "clearing rubble from two houses.\n",
    "sumy.txt": "Drone strike on Sumy\n\nA drone struck an apartment block in Sumy, killing two people, local "
                "officials said. The strike damaged the roof and shattered windows nearby.\n",
}


@pytest.fixture(scope="module")
def undated_store(tmp_path_factory):
    """Two reports with no date anywhere (no dateline, no weekday, no page date), ingested."""
    folder = tmp_path_factory.mktemp("undated")
    for name, text in UNDATED_REPORTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    path = folder / "store.db"
    with IncidentStore(path) as store:
        ingest(store, [folder / name for name in UNDATED_REPORTS])
    return path


def test_undated_incidents_are_on_the_map_in_their_own_style_and_counted_as_undated(undated_store):
    from geomap.dashboard.layout import serve_layout

    conn = queries.connect(undated_store)
    catalog = queries.catalog(conn)
    assert catalog["total"] == 2 and catalog["date_min"] is None
    values = callbacks.controls_from_query("", catalog)
    state = callbacks.state_from_controls(*values[:len(callbacks.CONTROLS)], view=values[-2], selected=values[-1])
    out = callbacks.render_map(undated_store, state, catalog)
    assert out["shown"] == 2 and out["drawn"] == 2
    count = text_of(out["count"])
    assert count.startswith("2 of 2 incidents, 2 undated")
    rims = [t for t in out["figure"]["data"] if t.get("meta", {}).get("layer") == "undated"]
    assert len(rims) == 1 and len(rims[0]["lat"]) == 2
    assert out["date_label"] == "no incident has a date"
    rows, _ = callbacks.render_table(undated_store, state, catalog)
    assert len(rows) == 2  # the table lists them too
    timeline = callbacks.render_timeline(undated_store, state, catalog)
    assert not [t for t in timeline["data"] if t.get("y") and sum(t["y"])]  # kept off the timeline
    page = str(serve_layout(catalog, store_path=str(undated_store)))
    assert "No incident has a date yet" in page and "disabled=True" in page  # no slider over a made-up week


def test_a_date_window_leaves_undated_incidents_out_and_says_so(sample_store, catalog):
    state = ViewState(date_from="2020-10-11", date_to="2020-10-11")
    out = callbacks.render_map(sample_store, state, catalog)
    count = text_of(out["count"])
    assert "1 undated: in no date window" in count
    whole = callbacks.render_map(sample_store, ViewState(date_from=catalog["date_min"], date_to=catalog["date_max"]),
                                 catalog)
    count = text_of(whole["count"])
    assert ", 1 undated" in count and "in no date window" not in count
    rows, _ = callbacks.render_table(sample_store, ViewState(date_from=catalog["date_min"],
                                                             date_to=catalog["date_max"]), catalog)
    assert "inc-no-date" in {r["id"] for r in rows}


def test_the_map_data_tells_the_page_which_window_is_all_dates_and_how_many_are_undated(sample_store, catalog,
                                                                                        undated_store):
    from geomap.dashboard.components import COUNT_WORDS

    data = callbacks.render_map_data(sample_store, ViewState(date_from="2020-10-11", date_to="2020-10-11"), catalog)
    assert data["span"] == [day_number(catalog["date_min"]), day_number(catalog["date_max"])]
    assert data["undated"] == 1 and data["count_words"] == COUNT_WORDS
    undated = data["points"]["id"].index("inc-no-date")
    assert data["points"]["start"][undated] is None  # sent, drawn by the page under all dates only
    none_dated = callbacks.render_map_data(undated_store, ViewState(), queries.catalog(queries.connect(undated_store)))
    assert none_dated["span"] is None and none_dated["undated"] == 2  # every window is all dates


def test_slider_marks_keep_clear_of_the_dated_ends_over_decades_and_weeks():
    from datetime import date

    for first_day, last_day in (("1999-10-21", "2020-10-20"), ("2018-01-05", "2020-10-20"), ("2020-03-01", "2020-06-28"),
                                ("2020-10-01", "2020-10-20")):
        first, last = date.fromisoformat(first_day).toordinal(), date.fromisoformat(last_day).toordinal()
        marks = day_marks(first, last, lambda n: date.fromordinal(n).isoformat())
        assert marks[first]["label"] == date.fromisoformat(first_day).strftime("%-d %b %Y")
        inner = sorted(set(marks) - {first, last})
        assert inner, "the range between the ends is marked too"
        assert len(inner) <= 10, "about ten marks fit a narrow slider"
        # no inner mark within 8% of the range of an end, where the end's label is drawn
        assert min(inner) - first >= 0.08 * (last - first) and last - max(inner) >= 0.08 * (last - first)


def test_the_first_view_frames_one_war_without_far_capitals_and_several_wars_whole():
    """One war's incidents and a few capitals named in statements: the war's area. A store of several wars
    (Bosnia, Libya, Sri Lanka, Colombia, each a few towns): all of them, not the war nearest the median."""
    war = [(40.68, 46.36), (40.38, 47.12), (39.82, 46.75), (39.76, 46.75), (40.0, 46.9), (39.9, 46.8)]
    capitals = [(39.93, 32.86), (55.75, 37.62)]  # Ankara, Moscow, in statements
    lats, lons = zip(*(war + capitals))
    (south, north), (west, east) = queries.core_extent(lats, lons)
    assert 39 < south < north < 41 and 46 < west < east < 48
    wars = [(43.85, 18.41), (43.67, 17.76), (30.75, 20.22), (32.38, 15.09), (32.89, 13.19),
            (9.27, 80.81), (7.88, 79.85), (7.89, -72.5), (1.8, -78.76)]
    lats, lons = zip(*wars)
    (south, north), (west, east) = queries.core_extent(lats, lons)
    assert (south, north, west, east) == (1.8, 43.85, -78.76, 80.81)
    # One war and a smaller second one far away (two towns near each other): both, while a capital named over and
    # over in statements is still left out.
    second = [(5.84, 9.86), (5.96, 10.16)]  # two towns of another war
    lats, lons = zip(*(war * 2 + capitals + capitals[1:] * 2 + second))
    (south, north), (west, east) = queries.core_extent(lats, lons)
    assert south <= 5.84 and east < 48 and west <= 9.86 and north < 41


def test_a_layer_switched_off_takes_its_legend_entries_with_it(sample_store, catalog):
    everything = text_of(callbacks.render_legend(sample_store, ["incidents", "claims", "halos", "mentions"], catalog))
    for entry in ("Shelling", "ring: a claim", "dark centre: the claim is denied", "shaded circle",
                  "mentioned place"):
        assert entry in everything
    incidents_only = text_of(callbacks.render_legend(sample_store, ["incidents"], catalog))
    assert "Shelling" in incidents_only and "size: casualties" in incidents_only
    for entry in ("ring: a claim", "dark centre", "shaded circle", "mentioned place"):
        assert entry not in incidents_only
    no_points = text_of(callbacks.render_legend(sample_store, ["halos"], catalog))
    assert "shaded circle" in no_points and "Shelling" not in no_points and "size: casualties" not in no_points
    assert "No map layer is on" in text_of(callbacks.render_legend(sample_store, [], catalog))


def test_play_opens_at_a_day_a_second_for_weeks_and_at_months_a_second_for_a_decade():
    from geomap.dashboard.layout import SPEEDS, play_speed

    first = day_number("2031-04-01")
    assert play_speed(first, first + 15) == SPEEDS["1 day / s"]  # a war of two weeks: 16 s
    assert play_speed(first, first + 365) == SPEEDS["4 days / s"]  # a year: 92 s, where 2 days a second took 183
    decade = play_speed(day_number("2014-03-01"), day_number("2024-09-01"))
    assert decade == SPEEDS["3 months / s"]  # 3,837 days in 42 s; a month a second would take 126 s
    assert play_speed(first, first + 200_000) == SPEEDS["1 year / s"]  # nothing plays it in two minutes: the fastest


def test_the_speed_dropdown_opens_at_the_speed_for_the_stores_span(tmp_path):
    from geomap.dashboard.layout import SPEEDS, serve_layout

    def speed_of(layout):
        return next(c for c in _walk(layout) if getattr(c, "id", None) == ids.SPEED).value

    assert speed_of(serve_layout({"date_min": "2014-03-01", "date_max": "2024-09-01", "total": 22})) \
        == SPEEDS["3 months / s"]
    assert speed_of(serve_layout({"date_min": "2020-09-27", "date_max": "2020-10-12", "total": 5})) \
        == SPEEDS["1 day / s"]


def _walk(component):
    yield component
    children = getattr(component, "children", None)
    for child in children if isinstance(children, (list, tuple)) else [children] if children is not None else []:
        if not isinstance(child, (str, int, float)):
            yield from _walk(child)


def test_the_timeline_is_drawn_for_its_84_px_and_counts_whole_incidents(sample_store, catalog):
    layout = callbacks.render_timeline(sample_store, ViewState(), catalog)["layout"]
    assert layout["height"] == callbacks.TIMELINE_HEIGHT_PX == 84
    assert (layout["yaxis"]["tick0"], layout["yaxis"]["dtick"]) == (0, 1)  # a day holds one or two incidents


def test_slider_marks_say_a_date_as_the_timeline_under_them_does():
    from datetime import date

    iso = lambda n: date.fromordinal(n).isoformat()  # noqa: E731
    for first_day, last_day, inner_label in (("2021-02-10", "2021-09-20", "Jun 2021"), ("2020-10-01", "2020-10-30", "12 Oct"),
                                             ("1999-10-21", "2020-10-20", "2010")):
        first, last = date.fromisoformat(first_day).toordinal(), date.fromisoformat(last_day).toordinal()
        labels = [m["label"] for day, m in day_marks(first, last, iso).items() if day not in (first, last)]
        assert inner_label in labels, labels
        tick_format = figures.date_tick_format(first_day, last_day)
        assert all(date.fromordinal(day).strftime(tick_format).strip() == m["label"]
                   for day, m in day_marks(first, last, iso).items() if day not in (first, last))
