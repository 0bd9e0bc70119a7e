"""Pure figure builders: map rows in, a figure out, the same for the dashboard and the briefing."""

from __future__ import annotations

from geomap import figures
from geomap.io.briefing import map_rows
from geomap.records import EventDate, Incident, Mention, Place

KHARKIV = Place("706483", "Kharkiv", 49.9808, 36.2527, "UA", "P", "PPLA")
IZIUM = Place("707292", "Izium", 49.2098, 37.2568, "UA", "P", "PPLA2")


def incident(incident_id: str, kind: str, place: Place, *, claimant: str = "", killed=None) -> Incident:
    return Incident(incident_id, kind, "", EventDate("2022-09-12", "2022-09-12", 1),
                    (Mention(0, len(place.name), place.name, place, 1, 0.9),), killed_low=killed, killed_high=killed,
                    claimant=claimant, is_claim=bool(claimant))


def test_each_type_keeps_its_colour_whatever_else_is_shown():
    alone = figures.type_colours(["shelling", "looting"])
    more = figures.type_colours(["airlift", "looting", "shelling", "mutiny"])
    assert alone["shelling"] == more["shelling"] and alone["looting"] != alone["shelling"]
    assert figures.type_label("violence_against_civilians") == "Violence against civilians"


def test_every_type_of_the_taxonomy_has_a_colour_of_its_own_on_any_map():
    from geomap.events.taxonomy import EVENT_TYPES

    alone = {kind: figures.type_colours([kind])[kind] for kind in EVENT_TYPES}
    together = figures.type_colours(["looting", *EVENT_TYPES])
    assert alone == {kind: together[kind] for kind in EVENT_TYPES}  # a blockade is one colour whatever else is drawn
    assert len(set(alone.values())) == len(alone) and together["looting"] not in alone.values()


def test_claims_and_incidents_are_separate_layers_of_one_map():
    rows = map_rows([incident("a", "shelling", KHARKIV, killed=3), incident("b", "shelling", IZIUM, claimant="the army")])
    assert [(r["id"], r["is_claim"], r["killed"]) for r in rows] == [("a", False, 3), ("b", True, None)]
    both = figures.map_figure_dict(rows, boundaries=lambda name: {"type": "FeatureCollection", "features": []})
    only_incidents = figures.map_figure_dict(rows, layers=("incidents",),
                                             boundaries=lambda name: {"type": "FeatureCollection", "features": []})
    drawn = lambda figure: sorted({i for t in figure["data"] for i in (t.get("customdata") or []) if isinstance(i, str)})
    assert drawn(both) == ["a", "b"] and drawn(only_incidents) == ["a"]


def test_the_timeline_stacks_one_bar_per_type_and_day():
    counts = [{"day": "2022-09-12", "type": "shelling", "n": 2, "approximate": False},
              {"day": "2022-09-13", "type": "battle", "n": 1, "approximate": False}]
    figure = figures.timeline_figure(counts)
    assert figure.layout.barmode == "stack"
    assert {t.name for t in figure.data} >= {figures.type_label("shelling"), figures.type_label("battle")}


def test_the_timeline_spans_the_slider_not_the_history_a_report_recalls():
    counts = [{"day": "1994-05-12", "type": "ceasefire", "n": 1, "approximate": False},
              {"day": "2022-09-12", "type": "shelling", "n": 2, "approximate": False}]
    figure = figures.timeline_figure(counts, extent=("2022-09-01", "2022-09-30"))
    assert figure.layout.xaxis.range == ("2022-09-01T00:00:00", "2022-09-30T23:59:59")
    assert figures.timeline_figure(counts).layout.xaxis.range is None  # no extent: plotly fits the data


def test_the_timeline_labels_its_ticks_with_years_when_it_spans_years():
    counts = [{"day": "2022-09-12", "type": "shelling", "n": 2, "approximate": False}]
    tick = lambda extent: figures.timeline_figure(counts, extent=extent).layout.xaxis.tickformat
    assert tick(("2022-09-01", "2022-09-30")) == "%e %b"
    assert tick(("2021-03-01", "2022-09-30")) == "%b %Y"
    assert tick(("1999-10-21", "2022-09-30")) == "%Y"
    assert figures.timeline_figure(counts).layout.xaxis.tickformat == "%e %b"  # no extent: the data's days


def test_over_years_the_timeline_counts_per_month_so_its_bars_can_be_seen():
    counts = [{"day": "2022-09-12", "type": "shelling", "n": 2, "approximate": False},
              {"day": "2022-09-20", "type": "shelling", "n": 1, "approximate": False},
              {"day": "2022-09-21", "type": "shelling", "n": 1, "approximate": True}]
    [exact, approx] = figures.timeline_figure(counts, extent=("1999-10-21", "2022-09-30")).data
    assert list(exact.x) == ["2022-09-01"] and list(exact.y) == [3] and list(approx.x) == ["2022-09-01"]
    [weekly, _] = figures.timeline_figure(counts, extent=("2021-03-01", "2022-09-30")).data
    assert list(weekly.x) == ["2022-09-12", "2022-09-19"] and list(weekly.y) == [2, 1]
    [daily, _] = figures.timeline_figure(counts, extent=("2022-09-01", "2022-09-30")).data
    assert list(daily.x) == ["2022-09-12", "2022-09-20"]


def test_a_bar_is_as_wide_as_its_bin_however_far_apart_the_bars_are():
    # two days ten years apart: plotly alone would draw each bar years wide, as if the war went on all along
    counts = [{"day": "2008-08-09", "type": "shelling", "n": 3, "approximate": False},
              {"day": "2018-10-09", "type": "shelling", "n": 2, "approximate": False}]
    [bars] = figures.timeline_figure_dict(counts)["data"]
    day_ms = 86_400_000
    assert 25 * day_ms < bars["width"] < 31 * day_ms  # a month's bar over a decade
    [bars] = figures.timeline_figure_dict(counts[:1])["data"]
    assert bars["width"] < day_ms  # a day's bar over days


def _profile(folder, name: str, outline=None) -> None:
    import json

    folder.mkdir(exist_ok=True)
    profile = {"name": name, "names_in_text": [name], "start": "2023-04-15", "source": "written for this test"}
    if outline is not None:
        profile["outline"] = outline
    (folder / f"{name.lower()}.json").write_text(json.dumps(profile), encoding="utf-8")


def test_the_regions_layer_is_the_outlines_the_profiles_name(tmp_path):
    from geomap.conflicts import conflict_profiles, outline_geojson

    square = {"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"name": "Delta front (rough)"},
              "geometry": {"type": "Polygon", "coordinates": [[[30, 10], [31, 10], [31, 11], [30, 11], [30, 10]]]}}]}
    (tmp_path / "profiles").mkdir()
    (tmp_path / "profiles" / "delta.geojson").write_text(__import__("json").dumps(square), encoding="utf-8")
    _profile(tmp_path / "profiles", "Delta", "delta.geojson")
    _profile(tmp_path / "profiles", "Deltawar", "delta.geojson")  # two profiles, one outline: drawn once
    _profile(tmp_path / "bare", "Plain")
    outlined = outline_geojson(conflict_profiles([tmp_path / "profiles"]))
    assert [f["properties"]["conflicts"] for f in outlined["features"]] == [["Delta", "Deltawar"]]
    assert figures.outline_label(outlined) == "Delta front (rough)"
    assert outline_geojson(conflict_profiles([tmp_path / "bare"])) == {"type": "FeatureCollection", "features": []}
    assert figures.outline_label({"type": "FeatureCollection", "features": []}) is None


def test_an_unreadable_outline_names_the_profile_to_fix(tmp_path):
    import pytest

    from geomap.conflicts import conflict_profiles, outline_geojson
    from geomap.exc import ConflictTableError

    _profile(tmp_path, "Broken", "missing.geojson")
    with pytest.raises(ConflictTableError, match="broken.json.*outline"):
        outline_geojson(conflict_profiles([tmp_path]))


def test_the_timelines_count_ticks_are_whole_and_never_touch():
    # the dashboard's 84 px timeline has 54 px of axis: three labels at most, 18 px apart
    assert figures.count_tick_step(20, room_px=54) == 10  # 0 10 20, where plotly's 0 5 10 15 20 stood 11 px apart
    assert figures.count_tick_step(8, room_px=54) == 5
    assert figures.count_tick_step(1, room_px=54) == 1  # one incident a day reads 0, 1
    assert figures.count_tick_step(0.4, room_px=54) == 1  # a week's incident spread over its days: still whole
    assert figures.count_tick_step(8, room_px=120) == 2  # a taller timeline: 0 2 4 6 8
    layout = figures.timeline_figure_dict([{"day": "2031-04-01", "type": "shelling", "n": 20}], height=84)["layout"]
    assert (layout["yaxis"]["tick0"], layout["yaxis"]["dtick"], layout["yaxis"]["tickformat"]) == (0, 10, ",d")
