"""Every callback takes whatever a browser can send (issue 12): wrong types, 60,000-character strings,
extreme numbers, NaN. Called as functions (Hypothesis), they never raise; over HTTP, 1,000 crafted
requests across every callback get no 5xx and leave no traceback in the server log."""

from __future__ import annotations

import json
import logging
import math
import random

import dash
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geomap.dashboard import callbacks, create_app, ids, queries
from geomap.dashboard.state import from_query

LONG = "x" * 60_000
EXTREMES = [None, True, False, 0, -1, 2**63, -2**63, 10**30, 1e308, -1e308, math.nan, math.inf, -math.inf,
            "", LONG, "1e999", "nan", "2020-99-99", "<script>alert(1)</script>", "%", "'; DROP TABLE incidents; --",
            [], {}, [None], [LONG] * 3, {"points": [{"customdata": LONG}]}, {"map.zoom": "NaN"},
            {"map.center": {"lat": "x", "lon": math.inf}}, [math.nan, math.inf], [1e308, -1e308], ["a", "b"],
            [{"id": 5}], "?q=" + "a" * 50_000]

# JSON values: what a crafted request body can hold (NaN and infinities included, as Python's json accepts them).
json_values = st.recursive(
    st.none() | st.booleans() | st.integers(min_value=-2**70, max_value=2**70)
    | st.floats(allow_nan=True, allow_infinity=True) | st.text(max_size=40) | st.sampled_from(EXTREMES),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4),
    max_leaves=12)

SLOW_CALLBACKS = {"download_view", "download_briefing"}  # they write files; covered over HTTP below


@pytest.fixture(scope="module")
def bodies(tmp_path_factory):
    from sample_store import make_sample_store

    store = make_sample_store(tmp_path_factory.mktemp("crafted") / "sample.db")
    return callbacks.register_callbacks(dash.Dash(__name__), store)


def test_every_callback_is_reachable_for_the_fuzz(bodies):
    assert {"update_map", "update_timeline", "update_table", "select_incident", "update_details", "restore_view",
            "write_url", "remember_view", "update_unmapped", "set_speed"} <= set(bodies)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                   HealthCheck.too_slow])
@given(data=st.data())
def test_no_callback_raises_on_crafted_values(bodies, data):
    for name, (function, arity) in sorted(bodies.items()):
        if name in SLOW_CALLBACKS:
            continue
        values = data.draw(st.lists(json_values, min_size=arity, max_size=arity), label=name)
        try:
            function(*values)
        except dash.exceptions.PreventUpdate:
            pass


def test_a_shared_link_with_a_50000_character_search_still_draws(bodies, tmp_path):
    state = from_query("?q=" + "a" * 50_000)
    assert len(state.search) <= 200
    function, _ = bodies["update_map"]
    control_values = callbacks.controls_from_query("?q=" + "shelling " * 6000, {})
    data = function(*control_values[:len(callbacks.CONTROLS)], None, {}, None, {})[0]
    assert data["figure"]["data"] is not None


@pytest.mark.slow
def test_a_thousand_crafted_requests_get_no_5xx_and_no_traceback(tmp_path, caplog):
    from sample_store import make_sample_store

    store = make_sample_store(tmp_path / "sample.db")
    app = create_app(store)
    client = app.server.test_client()
    dependencies = client.get("/_dash-dependencies").get_json()
    server_callbacks = [c for c in dependencies if not c.get("clientside_function")]
    # Every callback gets crafted requests; the download callbacks (each writes a whole export or
    # briefing, seconds apiece) get 5 each, the rest share the remainder of the 1,000.
    writes = [c for c in server_callbacks if "download" in c["output"]]
    others = [c for c in server_callbacks if c not in writes]
    plan = [c for c in writes for _ in range(5)]
    plan += [others[k % len(others)] for k in range(1000 - len(plan))]
    chooser = random.Random(12)
    statuses = []
    with caplog.at_level(logging.INFO):
        for callback in plan:

            def crafted(dependency):
                return dict(dependency, value=chooser.choice(EXTREMES))
            outputs = callback["output"]
            body = {"output": outputs,
                    "outputs": [dict(zip(("id", "property"), o.split(".", 1))) for o in outputs.strip(".").split("...")]
                    if outputs.startswith("..") else dict(zip(("id", "property"), outputs.split(".", 1))),
                    "inputs": [crafted(i) for i in callback["inputs"]],
                    "state": [crafted(s) for s in callback["state"]],
                    "changedPropIds": [f"{callback['inputs'][0]['id']}.{callback['inputs'][0]['property']}"
                                       if isinstance(callback["inputs"][0]["id"], str) else
                                       json.dumps(callback["inputs"][0]["id"]) + "." + callback["inputs"][0]["property"]]}
            response = client.post("/_dash-update-component", data=json.dumps(body),
                                   content_type="application/json")
            statuses.append(response.status_code)
    assert len(statuses) == 1000
    assert not [s for s in statuses if s >= 500]
    assert "Traceback" not in caplog.text
    assert not [r for r in caplog.records if r.exc_info]
