"""The review panel's pieces called directly: what a button writes, what it refuses, the queue, crafted values."""

from __future__ import annotations

import shutil

import dash
import pytest

from geomap.dashboard import callbacks, ids
from geomap.dashboard.review_panel import (clicked_place, perform_review, place_options, queue_step, review_options,
                                           searched_places, split_options)
from geomap.records import REJECTED
from geomap.review import review_queue
from geomap.store import IncidentStore


@pytest.fixture
def store(seed_store, tmp_path):
    path = tmp_path / "seeds.db"
    shutil.copy(seed_store, path)
    return path


def strike_at(path, town):
    with IncidentStore(path) as opened:
        return next(i for i in opened.incidents() if i.event_type == "missile_strike"
                    and [m.place.name for m in i.resolved_places] == [town])


def test_a_button_writes_one_review_with_its_note_and_refuses_without_one(store):
    barda = strike_at(store, "Barda")
    before = store.read_bytes()
    message, chosen, written = perform_review(store, ids.REVIEW_REJECT, barda.incident_id, {"note": "  "}, by="t")
    assert not written and "note" in message and store.read_bytes() == before
    message, chosen, written = perform_review(store, ids.REVIEW_REJECT, barda.incident_id,
                                              {"note": "not this war"}, by="t")
    assert written and chosen == barda.incident_id and message.startswith("Rejected")
    with IncidentStore(store) as opened:
        assert opened.incident(barda.incident_id).review_status == REJECTED
        assert [(r.action, r.note, r.by) for r in opened.reviews()] == [("reject", "not this war", "t")]


def test_only_changed_fields_are_corrections_and_bad_values_say_why(store):
    barda = strike_at(store, "Barda")
    same = {"type": barda.event_type, "day": barda.date.start, "killed": None, "wounded": ""}
    assert review_options("set", barda, same) == {}
    message, _, written = perform_review(store, ids.REVIEW_SET, barda.incident_id, {**same, "note": "n"}, by="t")
    assert not written and "Nothing to correct" in message
    message, _, written = perform_review(store, ids.REVIEW_SET, barda.incident_id,
                                         {**same, "killed": -4, "note": "n"}, by="t")
    assert not written and "out of range" in message
    message, _, written = perform_review(store, ids.REVIEW_SET, barda.incident_id,
                                         {**same, "killed": 3, "day": "2020-10-02", "note": "ministry"}, by="t")
    assert written
    with IncidentStore(store) as opened:
        shown = opened.incident(barda.incident_id)
        assert (shown.killed_low, shown.date.start) == (3, "2020-10-02")
        assert sorted(r.field for r in opened.reviews()) == ["date", "killed"]


def test_places_offered_are_the_incident_s_runners_up_then_the_gazetteer_s(store, gazetteer):
    barda = strike_at(store, "Barda")
    offered = place_options(barda)
    assert offered[0]["value"] == barda.places[0].place.place_id
    assert {o["value"] for o in offered} >= {c.place.place_id for c in barda.places[0].runners_up}
    found = searched_places(gazetteer, "Tartar", offered)
    assert found[:len(offered)] == offered and "584871" in [o["value"] for o in found]
    assert clicked_place(gazetteer, {"points": [{"customdata": "place:584871"}]})["value"] == "584871"
    assert clicked_place(gazetteer, {"points": [{"customdata": barda.incident_id}]}) is None


def test_split_offers_one_choice_per_report(store):
    with IncidentStore(store) as opened:
        told = next(i for i in opened.incidents() if len({s.report_id for s in i.sources}) == 3)
    options = split_options(told)
    assert len(options) == 3 and all(1 <= o["value"] <= len(told.sources) for o in options)


def test_the_queue_steps_forward_and_back_and_restarts_after_a_review(store):
    with IncidentStore(store) as opened:
        queue = [i for i, _ in review_queue(opened.reader())]
    assert queue_step(store, None, 1) == queue[0]
    assert queue_step(store, queue[0], 1) == queue[1] and queue_step(store, queue[1], -1) == queue[0]
    perform_review(store, ids.REVIEW_CONFIRM, queue[0], {"note": "ok"}, by="t")
    assert queue_step(store, queue[0], 1) == queue[1]


def test_without_review_there_is_no_write_callback_and_crafted_values_never_raise(store):
    read_only = callbacks.register_callbacks(dash.Dash(__name__), store)
    assert "write_review" not in read_only and "step_queue" not in read_only and "show_review" in read_only
    writing = callbacks.register_callbacks(dash.Dash(__name__), store, review=True, reviewer="t")
    before = store.read_bytes()
    for name in ("write_review", "show_review", "search_place", "place_from_map", "step_queue", "count_queue"):
        function, arity = writing[name]
        for value in (None, "x" * 60_000, 10**30, [None], {"points": [{"customdata": "place:" + "9" * 400}]}):
            try:
                function(*[value] * arity)
            except dash.exceptions.PreventUpdate:
                pass
    assert store.read_bytes() == before  # outside a button's click nothing is written


def test_the_review_filter_and_the_as_of_day_choose_what_every_view_holds(store):
    from geomap.dashboard.callbacks import export_download, filter_state, render_map, render_table
    from geomap.dashboard.state import from_query, to_query

    state = from_query("?asof=20201006&review=rejected&review=bogus")
    assert (state.as_of, state.review) == ("2020-10-06", ("rejected",))
    assert to_query(state) == "?asof=2020-10-06&review=rejected"
    everything = ["unreviewed", "reviewed"]

    def views(review, as_of=""):
        chosen = filter_state([None, None], [], [], [], None, None, "all", "", review, as_of)
        return render_map(store, chosen, {})["shown"], [r["id"] for r in render_table(store, chosen)[0]]

    now, now_ids = views(everything)
    then, then_ids = views(everything, "2020-10-06")
    with IncidentStore(store) as opened:
        assert now == len(opened.incidents()) and then == len(opened.incidents(as_of="2020-10-06")) < now
    assert views(["rejected"]) == (0, [])
    perform_review(store, ids.REVIEW_REJECT, now_ids[0], {"note": "not an event"}, by="t")
    assert views(["rejected"]) == (1, [now_ids[0]]) and now_ids[0] not in views(everything)[1]
    data, status = export_download(store, filter_state([None, None], [], [], [], None, None, "all", "",
                                                       everything, "2020-10-06"), "geojson")
    assert status.startswith(f"{then:,} incidents")


def test_reviewed_incidents_look_different_on_the_map(store):
    from geomap.dashboard.callbacks import filter_state, render_map

    barda = strike_at(store, "Barda")
    ganja = strike_at(store, "Ganja")
    perform_review(store, ids.REVIEW_CONFIRM, barda.incident_id, {"note": "as reported"}, by="t")
    perform_review(store, ids.REVIEW_REJECT, ganja.incident_id, {"note": "a duplicate"}, by="t")
    chosen = filter_state([None, None], [], [], [], None, None, "all", "", ["unreviewed", "reviewed", "rejected"], "")
    figure = render_map(store, chosen, {})["figure"]
    dots = [t for t in figure["data"] if t.get("meta", {}).get("layer") == "reviewed"]
    assert [list(t["customdata"]) for t in dots] == [[barda.incident_id]]
    faded = {i: o for t in figure["data"] if t.get("meta", {}).get("layer") in ("incidents", "claims")
             and isinstance(t["marker"].get("opacity"), list) for i, o in zip(t["customdata"], t["marker"]["opacity"])}
    assert faded[ganja.incident_id] == 0.25 and faded[barda.incident_id] > 0.5
    legend = [t["name"] for t in figure["data"] if t.get("meta", {}).get("layer") == "legend"]
    assert "white dot: reviewed by an analyst" in legend and "very faint: rejected by an analyst" in legend


def _ids_and_text(node):
    """Every component id and text string in a layout tree."""
    found, text = set(), []
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            text.append(item)
        elif isinstance(item, (list, tuple)):
            stack.extend(item)
        elif item is not None:
            if getattr(item, "id", None):
                found.add(item.id)
            stack.append(getattr(item, "children", None))
    return found, " ".join(text)


def test_the_review_queue_is_on_the_page_only_when_reviewing_is_on(store):
    from geomap.dashboard.layout import serve_layout
    from geomap.dashboard.queries import catalog, connect

    choices = catalog(connect(store))
    read_only, _ = _ids_and_text(serve_layout(choices, store_path=str(store)))
    assert ids.REVIEW_SUMMARY in read_only
    assert not {ids.REVIEW_NEXT, ids.REVIEW_PREV, ids.REVIEW_QUEUE_LEFT} & read_only
    reviewing, _ = _ids_and_text(serve_layout(choices, store_path=str(store), review=True))
    assert {ids.REVIEW_NEXT, ids.REVIEW_PREV, ids.REVIEW_QUEUE_LEFT} <= reviewing


def test_the_empty_store_notice_says_what_the_page_writes(tmp_path):
    from geomap.dashboard.layout import serve_layout

    empty = {"total": 0}
    _, read_only = _ids_and_text(serve_layout(empty, store_path=str(tmp_path / "new.db")))
    assert "it never adds anything to it" in read_only and "geomap ingest --store" in read_only
    _, reviewing = _ids_and_text(serve_layout(empty, store_path=str(tmp_path / "new.db"), review=True))
    assert "never adds anything" not in reviewing and "writes only the reviews made on it" in reviewing
