"""What a person does with the dashboard, in headless Chromium, with no network beyond 127.0.0.1."""

import re
import time
from urllib.parse import urlparse

import pytest
from selenium.webdriver.common.actions.action_builder import ActionBuilder
from selenium.webdriver.common.keys import Keys

from geomap.dashboard import create_app, ids

from sample_store import make_sample_store  # tests/dashboard is on the path: tests/browser/conftest.py

GANJA = (40.6828, 46.3606)
BARDA = (40.3744, 47.1266)
STEPANAKERT = (39.8153, 46.7519)  # GeoNames "Khankendi"

MAP_POINTS = """
const gd = document.getElementById('map').querySelector('.js-plotly-plot');
if (!gd || !gd._fullData) return null;
const out = [];
for (const t of gd._fullData) {
  if (!t.meta || !['incidents', 'claims'].includes(t.meta.layer) || !t.customdata) continue;
  for (let i = 0; i < t.lat.length; i++) out.push({id: t.customdata[i], lat: t.lat[i], lon: t.lon[i], layer: t.meta.layer});
}
return out;
"""
LAYERS_DRAWN = """
const gd = document.getElementById('map').querySelector('.js-plotly-plot');
return gd._fullData.filter(t => t.meta).map(t => t.meta.layer);
"""


# The desktop layout (every breakpoint of geomap.css is narrower than 1600 px, so the whole toolbar shows) at a
# height that draws a third fewer pixels than 1600x1000 in software WebGL and raster: the dashboard module's
# tests took 40.5-42.3 CPU seconds at 1600x1000 and 35.3 at 1600x720. Tests that check a size set their own.
DESKTOP_WINDOW = (1600, 720)


def start(dash_duo, store, path=""):
    # the window sized before the page loads, and the page loaded once at `path`: one layout and one first map draw
    if not dash_duo.pages.takes(store, path, DESKTOP_WINDOW):  # unless a test that only read it left it open
        dash_duo.driver.set_window_size(*DESKTOP_WINDOW)
        dash_duo.start_server(create_app(store), navigate=False)
        dash_duo.wait_for_page(dash_duo.server.url + path)
    # generous: the machine the tests share may be loaded, and a first MapLibre draw is the slowest step
    dash_duo.wait_for_element(f"#{ids.MAP} .maplibregl-canvas", timeout=60)
    wait_for(lambda: dash_duo.driver.execute_script(MAP_POINTS), timeout=30)
    return dash_duo.driver


def open_filters(driver):
    """The filters column is closed at first (the map takes its room): open it as a person would."""
    driver.find_element("id", ids.FILTERS_TOGGLE).click()
    wait_for(lambda: driver.find_element("id", ids.FILTERS).is_displayed())


def wait_for(condition, timeout=10.0):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            value = condition()
        except Exception:  # the page is redrawing
            value = None
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError("condition not met in time")


def near(points, spot, km=25.0):
    """Points drawn within `km` of a spot (stacked points are spread a few pixels apart)."""
    return [p for p in points if abs(p["lat"] - spot[0]) * 111 < km and abs(p["lon"] - spot[1]) * 85 < km]


def shown_count(driver) -> int:
    text = driver.find_element("id", ids.COUNT).text
    return int(text.split(" of ")[0].replace(",", ""))


def wait_map_idle(driver):
    """Screenshots and clicks taken before MapLibre has drawn see a blank map."""
    wait_for(lambda: driver.execute_script("""
        const m = document.getElementById('map').querySelector('.js-plotly-plot')._fullLayout.map._subplot.map;
        return m.loaded() && !m.isMoving() && m.areTilesLoaded();"""), timeout=15)
    time.sleep(0.5)


@pytest.fixture(scope="module")
def sample_store(tmp_path_factory):
    """The sample store, one for the module (its tests only read it): a page a test leaves open can be the next's."""
    return make_sample_store(tmp_path_factory.mktemp("sample") / "sample.db")


@pytest.mark.reads_page  # the slider test below takes its page
def test_page_loads_offline_and_shows_ganja_barda_and_stepanakert(dash_duo, sample_store, artifacts):
    driver = start(dash_duo, sample_store)
    points = driver.execute_script(MAP_POINTS)
    assert near(points, GANJA) and near(points, BARDA) and near(points, STEPANAKERT)
    places = driver.find_element("id", ids.SHOWN_PLACES).get_attribute("textContent")
    assert "Ganja" in places and "Barda" in places and "Khankendi" in places
    # Nothing the page asked for left the machine.
    requested = driver.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
    assert requested and all(urlparse(u).hostname in ("127.0.0.1", "localhost") for u in requested), requested
    assert "GeoNames (CC BY 4.0)" in driver.find_element("id", ids.CREDITS).text
    wait_map_idle(driver)
    driver.save_screenshot(str(artifacts / "dashboard.png"))
    assert dash_duo.get_logs() == []


def test_moving_the_slider_changes_the_shown_count(dash_duo, sample_store):
    driver = start(dash_duo, sample_store)
    before = shown_count(driver)
    thumb = driver.find_elements("css selector", f"#{ids.DATE_SLIDER} [role=slider]")[0]
    thumb.click()
    for _ in range(8):  # the start moves from 3 Oct to 11 Oct
        thumb.send_keys(Keys.ARROW_RIGHT)
    wait_for(lambda: shown_count(driver) < before)
    assert "2020-10-11 →" in driver.find_element("id", ids.DATE_LABEL).text
    # the URL is one of the server's views, written once the map has drawn the new window: wait for it
    wait_for(lambda: "from=2020-10-11" in driver.current_url)
    assert "from=2020-10-11" in driver.current_url
    assert dash_duo.get_logs() == []


def test_a_search_filter_keeps_only_matching_incidents(dash_duo, sample_store):
    driver = start(dash_duo, sample_store)
    open_filters(driver)
    box = driver.find_element("id", ids.SEARCH)
    box.send_keys("hospital", Keys.ENTER)
    wait_for(lambda: shown_count(driver) == 1)
    # the count and the map are separate outputs: wait for the map's redraw too
    wait_for(lambda: {p["id"] for p in driver.execute_script(MAP_POINTS) or ()} == {"inc-stepanakert-hospital"})
    assert {p["id"] for p in driver.execute_script(MAP_POINTS)} == {"inc-stepanakert-hospital"}
    driver.find_element("css selector", f"#{ids.VERIFICATION} input[value=corroborated]").click()
    wait_for(lambda: shown_count(driver) == 0)
    assert "q=hospital" in driver.current_url and "verified=corroborated" in driver.current_url
    assert dash_duo.get_logs() == []


def _marker_on_screen(driver, lat, lon):
    """Where MapLibre draws (lat, lon), in viewport pixels: the map's own projection plus the canvas's offset."""
    return driver.execute_script("""
        const m = document.getElementById('map').querySelector('.js-plotly-plot')._fullLayout.map._subplot.map;
        const p = m.project([arguments[1], arguments[0]]);
        const box = m.getCanvas().getBoundingClientRect();
        return [Math.round(box.left + p.x), Math.round(box.top + p.y)];""", lat, lon)


def _hover_text(driver):
    return " ".join(e.text for e in driver.find_elements("css selector", f"#{ids.MAP} .hoverlayer .hovertext"))


def test_clicking_a_marker_shows_the_quoted_sentence_with_the_place_marked(dash_duo, sample_store):
    """A real pointer sequence (move, press, release) on the MapLibre canvas, where the map projects the marker.

    The pointer goes to viewport coordinates (`move_to_location`) rather than an element offset:
    selenium 4.2 measures `move_to_element_with_offset` from the element's top-left corner and
    4.3+ from its centre, and mixing the two up is what once made this click land off the marker.
    """
    driver = start(dash_duo, sample_store)
    wait_map_idle(driver)
    beylagan = [p for p in driver.execute_script(MAP_POINTS) if p["id"] == "inc-claim-towns" and p["lon"] > 47.5][0]
    x, y = _marker_on_screen(driver, beylagan["lat"], beylagan["lon"])
    pointer = ActionBuilder(driver)
    pointer.pointer_action.move_to_location(x - 30, y - 30).pause(0.2).move_to_location(x, y).pause(0.4)
    pointer.perform()
    wait_for(lambda: "Beylagan" in _hover_text(driver))  # plotly's own hit-testing saw the pointer on the marker
    pointer = ActionBuilder(driver)
    pointer.pointer_action.click()
    pointer.perform()
    wait_for(lambda: "densely populated" in driver.find_element("id", ids.DETAILS).text)
    details = driver.find_element("id", ids.DETAILS)
    assert "Armenian forces attacked" in details.text and "Denied by\nArmenia" in details.text
    assert [m.text for m in details.find_elements("css selector", "mark")] == ["Ganja", "Barda", "Beylagan"]
    assert "incident=inc-claim-towns" in driver.current_url
    assert dash_duo.get_logs() == []


def test_clicking_a_grid_row_selects_the_point_and_numbers_sort_as_numbers(dash_duo, sample_store):
    driver = start(dash_duo, sample_store)
    grid = f"#{ids.TABLE}"
    wait_for(lambda: driver.find_elements("css selector", f"{grid} .ag-row"))
    label = driver.find_element("css selector", f"{grid} .ag-header-cell[col-id=killed] .ag-header-cell-label")
    label.click()
    wait_for(lambda: driver.find_element("css selector", f"{grid} .ag-header-cell[col-id=killed]")
             .get_attribute("aria-sort") == "ascending")
    label.click()  # descending: the largest tolls first, incidents with no toll last

    def killed_column():  # the high end of each range, top to bottom as shown (rows are placed by row-index)
        rows = driver.find_elements("css selector", f"{grid} .ag-center-cols-container .ag-row")
        texts = [r.find_element("css selector", "[col-id=killed]").text
                 for r in sorted(rows, key=lambda r: int(r.get_attribute("row-index")))]
        return [int(re.findall(r"\d+", t)[-1]) for t in texts if t]

    numbers = wait_for(lambda: (n := killed_column()) == sorted(n, reverse=True) and len(n) > 3 and n, timeout=20)
    assert numbers[:2] == [300, 9]  # as numbers (as text, "9" would come before "300")
    ganja = wait_for(lambda: next(r for r in driver.find_elements("css selector", f"{grid} .ag-center-cols-container .ag-row")
                                  if r.find_element("css selector", "[col-id=places]").text == "Ganja"
                                  and r.find_element("css selector", "[col-id=killed]").text == "9"))
    ganja.find_element("css selector", "[col-id=type]").click()
    wait_for(lambda: "residential area of Ganja" in driver.find_element("id", ids.DETAILS).text, timeout=20)
    assert "could not independently verify" in driver.find_element("id", ids.DETAILS).text
    wait_for(lambda: "selected" in driver.execute_script(LAYERS_DRAWN), timeout=20)
    assert dash_duo.get_logs() == []


def test_switching_the_claims_layer_off_and_on(dash_duo, sample_store):
    driver = start(dash_duo, sample_store)
    assert "claims" in driver.execute_script(LAYERS_DRAWN)
    open_filters(driver)
    toggle = driver.find_element("css selector", f"#{ids.LAYERS} input[value=claims]")
    legend = driver.find_element("id", ids.LEGEND)
    assert "ring: a claim" in legend.text
    toggle.click()
    wait_for(lambda: "claims" not in driver.execute_script(LAYERS_DRAWN))
    assert "incidents" in driver.execute_script(LAYERS_DRAWN)
    # the legend explains what is drawn: no rings, so no entry for them
    wait_for(lambda: "ring: a claim" not in driver.find_element("id", ids.LEGEND).text)
    assert "Shelling" in driver.find_element("id", ids.LEGEND).text
    driver.find_element("css selector", f"#{ids.LAYERS} input[value=claims]").click()
    wait_for(lambda: "claims" in driver.execute_script(LAYERS_DRAWN))
    wait_for(lambda: "ring: a claim" in driver.find_element("id", ids.LEGEND).text)
    assert dash_duo.get_logs() == []


def test_a_shared_url_reopens_the_same_view(dash_duo, sample_store):
    shared = "/?from=2020-10-09&to=2020-10-12&type=shelling&layer=incidents&layer=claims&lat=40.3&lon=46.8&zoom=8"
    driver = start(dash_duo, sample_store, shared)
    wait_for(lambda: shown_count(driver) == 2)  # the Ganja shelling and the Tartar report, both shelling
    assert driver.find_element("id", ids.DATE_LABEL).text == "2020-10-09 → 2020-10-12"
    assert "regions" not in driver.execute_script(LAYERS_DRAWN)
    view = driver.execute_script("""const l = document.getElementById('map').querySelector('.js-plotly-plot')._fullLayout.map;
                                     return [l.center.lat, l.center.lon, l.zoom];""")
    assert view == pytest.approx([40.3, 46.8, 8], abs=0.01)
    assert not driver.find_element("css selector", f"#{ids.LAYERS} input[value=halos]").is_selected()
    assert dash_duo.get_logs() == []


def test_report_text_with_script_img_and_javascript_links_executes_nothing(dash_duo, sample_store):
    driver = start(dash_duo, sample_store, "/?incident=inc-xss")
    details = wait_for(lambda: driver.find_element("id", ids.DETAILS) if "Tartar" in
                       driver.find_element("id", ids.DETAILS).text else None)
    text = details.text
    assert "<script>window.__xss_script = 1</script>" in text
    assert '<img src=x onerror="window.__xss_img = 1">' in text
    assert 'href="javascript:window.__xss_link=1"' in text
    assert details.find_elements("css selector", "script, img, a") == []
    for link in driver.find_elements("css selector", "a"):
        assert not (link.get_attribute("href") or "").startswith("javascript:")
    time.sleep(0.5)
    flags = driver.execute_script("return [window.__xss_script, window.__xss_img, window.__xss_link, "
                                  "window.__xss_note, window.__xss_denied, window.__xss_report]")
    assert flags == [None] * 6
    assert dash_duo.get_logs() == []


# Grid headers whose label is cut (drawn wider than the room its cell leaves it), with each header's text.
HEADERS_CUT = f"""
return Array.from(document.querySelectorAll('#{ids.TABLE} .ag-header-cell')).map(h => {{
  const text = h.querySelector('.ag-header-cell-text'), whole = document.createRange();
  whole.selectNodeContents(text);
  return [text.textContent, whole.getBoundingClientRect().width > text.getBoundingClientRect().width + 0.5
          || text.scrollWidth > text.clientWidth];
}});
"""


@pytest.mark.parametrize("size", [(1600, 900), (1280, 720)])
def test_every_grid_header_is_whole_even_with_its_sort_arrow(dash_duo, sample_store, size):
    driver = start(dash_duo, sample_store)
    driver.set_window_size(*size)
    grid = f"#{ids.TABLE}"
    wait_for(lambda: driver.find_elements("css selector", f"{grid} .ag-row"), timeout=20)
    for column in ("claim", "sources", "wounded"):  # a sorted header holds an arrow too
        cell = driver.find_element("css selector", f"{grid} .ag-header-cell[col-id={column}]")
        driver.execute_script("arguments[0].scrollIntoView({block: 'center', inline: 'center'})", cell)
        cell.find_element("css selector", ".ag-header-cell-label").click()
        wait_for(lambda: driver.find_element("css selector", f"{grid} .ag-header-cell[col-id={column}]")
                 .get_attribute("aria-sort") == "ascending")
        headers = driver.execute_script(HEADERS_CUT)
        assert len(headers) == 10 and [text for text, cut in headers if cut] == [], headers
    assert dash_duo.get_logs() == []
