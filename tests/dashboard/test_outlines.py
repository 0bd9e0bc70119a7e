"""The dashboard's "regions" layer and legend: only the conflict outlines the store's incidents meet, so a store
about one war never shows or names another war's outline; the outline follows the store as it changes."""

from __future__ import annotations

from geomap.dashboard import create_app, ids, url_boundaries
from geomap.store import IncidentStore
from sample_store import write_incidents

REGIONS = url_boundaries("regions")


def store_of(path, incidents):
    with IncidentStore(path) as store:
        write_incidents(store, incidents)
    return path


def outline_names(client) -> list:
    response = client.get(REGIONS)
    assert response.status_code == 200 and response.mimetype == "application/geo+json"
    return [f["properties"]["name"] for f in response.get_json()["features"]]


def legend_outline(app) -> list:
    """The text of the legend's outline entry, [] when it has none."""
    def find(node):
        if isinstance(node, dict):
            if node.get("props", {}).get("id") == ids.LEGEND_OUTLINE:
                yield node["props"]["children"][1]["props"]["children"]
            for value in node.values():
                yield from find(value)
        elif isinstance(node, list):
            for value in node:
                yield from find(value)

    return list(find(app.server.test_client().get("/_dash-layout").get_json()))


def test_a_store_inside_an_outline_serves_and_names_that_outline_alone(tmp_path, delta_profile, shellings_at):
    app = create_app(store_of(tmp_path / "delta.db", shellings_at("Qarvel", 10.5, 30.4)))
    assert outline_names(app.server.test_client()) == ["Delta front (rough)"]
    assert legend_outline(app) == ["dashed: Delta front (rough)"]


def test_a_store_far_from_every_outline_serves_and_names_none(tmp_path, delta_profile, shellings_at):
    app = create_app(store_of(tmp_path / "elsewhere.db", shellings_at("Ostrel", 48.2, 8.9)))
    assert outline_names(app.server.test_client()) == []
    assert legend_outline(app) == []


def test_a_store_of_two_other_wars_framing_an_outline_names_none(tmp_path, delta_profile, shellings_at):
    app = create_app(store_of(tmp_path / "two.db", shellings_at("Ostrel", 4.0, 24.0)
                              + shellings_at("Varna Nova", 16.0, 36.0, days=("2031-05-02", "2031-05-03"))))
    assert outline_names(app.server.test_client()) == []
    assert legend_outline(app) == []


def test_the_outlines_follow_the_store_under_a_running_server(tmp_path, delta_profile, shellings_at):
    store = store_of(tmp_path / "growing.db", shellings_at("Ostrel", 48.2, 8.9))
    client = create_app(store).server.test_client()
    first = client.get(REGIONS)
    assert first.headers["Cache-Control"] == "no-cache" and first.get_json()["features"] == []
    etag = first.headers["ETag"]
    assert client.get(REGIONS, headers={"If-None-Match": etag}).status_code == 304  # unchanged: no body again
    store_of(store, shellings_at("Qarvel", 10.5, 30.4))  # now most of its incidents are at Qarvel
    store_of(store, shellings_at("Qarvel", 10.6, 30.5, days=("2031-04-05", "2031-04-06")))
    changed = client.get(REGIONS, headers={"If-None-Match": etag})
    assert changed.status_code == 200 and changed.headers["ETag"] != etag
    assert [f["properties"]["name"] for f in changed.get_json()["features"]] == ["Delta front (rough)"]


def test_the_legend_names_the_outline_only_while_its_layer_is_on(tmp_path, delta_profile, shellings_at):
    from geomap.dashboard.callbacks import render_legend
    from test_dashboard_views import text_of

    store = store_of(tmp_path / "delta.db", shellings_at("Qarvel", 10.5, 30.4))
    catalog = {"types": ["shelling"]}
    assert "dashed: Delta front (rough)" in text_of(render_legend(store, ["incidents", "regions"], catalog))
    assert "dashed:" not in text_of(render_legend(store, ["incidents", "claims", "halos"], catalog))
