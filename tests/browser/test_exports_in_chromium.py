"""Downloading the filtered view from the toolbar, in headless Chromium (downloads land in dash_duo's folder)."""

import json
import time
from pathlib import Path

import jsonschema
import pyogrio
from selenium.webdriver.common.keys import Keys

from geomap.dashboard import create_app, ids, queries
from geomap.filters import IncidentFilter
from geomap.io.geojson import feature_collection_schema

from test_dashboard_in_chromium import DESKTOP_WINDOW


def wait_for(condition, timeout=15.0):
    deadline = time.time() + timeout
    while time.time() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError("condition not met in time")


def shown_count(driver) -> int:
    return int(driver.find_element("id", ids.COUNT).text.split(" of ")[0].replace(",", ""))


def open_filters(driver) -> None:
    driver.find_element("id", ids.FILTERS_TOGGLE).click()
    wait_for(lambda: driver.find_element("id", ids.FILTERS).is_displayed())


def downloaded(folder: str, suffix: str) -> Path:
    """The finished download ending in `suffix` (Chromium writes `.crdownload` until it is done)."""
    def ready():
        files = [p for p in Path(folder).glob(f"*{suffix}") if p.stat().st_size > 0]
        return files[0] if files and not list(Path(folder).glob("*.crdownload")) else None
    return wait_for(ready, timeout=90.0)  # a briefing takes a few seconds; more on a loaded machine


def start(dash_duo, store):
    dash_duo.driver.set_window_size(*DESKTOP_WINDOW)  # before the page loads: one layout and one first map draw
    dash_duo.start_server(create_app(store))
    dash_duo.wait_for_element(f"#{ids.MAP} .maplibregl-canvas", timeout=60)  # a first MapLibre draw on a loaded machine
    wait_for(lambda: dash_duo.find_element(f"#{ids.COUNT}").text)
    return dash_duo.driver


def search(driver, words: str) -> None:
    before = shown_count(driver)
    open_filters(driver)
    driver.find_element("id", ids.SEARCH).send_keys(words, Keys.ENTER)
    wait_for(lambda: shown_count(driver) < before)


def test_the_geojson_button_downloads_just_the_searched_incidents(dash_duo, sample_store, artifacts):
    driver = start(dash_duo, sample_store)
    search(driver, "barda")
    shown = shown_count(driver)
    dash_duo.find_element(f"#{ids.EXPORT_BUTTONS['geojson']}").click()

    path = downloaded(dash_duo.download_path, ".geojson")
    catalog = queries.catalog(queries.connect(sample_store))
    assert path.name == f"geomap_{catalog['date_min']}_{catalog['date_max']}.geojson"
    collection = json.loads(path.read_text(encoding="utf-8"))
    jsonschema.Draft7Validator(feature_collection_schema()).validate(collection)
    # Under all dates the file holds what the map shows: the undated ceasefire in Barda too (grey rim, counted).
    expected = [i.incident_id for i in queries.filtered_incidents(queries.connect(sample_store),
                                                                  IncidentFilter(search="barda"))]
    assert len(collection["features"]) == shown == len(expected) == 7  # the claim, five shellings, the ceasefire
    frame = pyogrio.read_dataframe(path)
    assert list(frame["id"]) == expected
    assert "inc-no-date" in expected and "inc-ganja-shelling" not in expected  # undated but shown; outside the search
    wait_for(lambda: f"{shown} incidents" in dash_duo.find_element(f"#{ids.EXPORT_STATUS}").text)
    dash_duo.find_element(f"#{ids.HEADER}").screenshot(str(artifacts / "export_toolbar.png"))
    assert dash_duo.get_logs() == []


def test_the_briefing_button_downloads_an_offline_page_with_the_typed_title(dash_duo, sample_store):
    driver = start(dash_duo, sample_store)
    search(driver, "ganja")
    driver.find_element("id", ids.BRIEFING_TITLE).send_keys("Ganja, October 2020")
    dash_duo.find_element(f"#{ids.BRIEFING}").click()

    path = downloaded(dash_duo.download_path, ".html")
    assert path.name.startswith("geomap_briefing_")
    page = path.read_text(encoding="utf-8")
    assert "<title>Ganja, October 2020</title>" in page and "inc-ganja-shelling" in page
    assert dash_duo.get_logs() == []
