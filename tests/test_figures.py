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
