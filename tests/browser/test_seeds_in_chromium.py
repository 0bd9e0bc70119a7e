"""The dashboard over the store `geomap ingest seeds/` makes, in headless Chromium with no network."""

import shutil

from geomap.dashboard import create_app, ids

from test_dashboard_in_chromium import BARDA, DESKTOP_WINDOW, GANJA, MAP_POINTS, STEPANAKERT, near, shown_count, wait_for, wait_map_idle

# The markers whose centres lie under a place label: [label, marker's hover text] for each.
MARKERS_UNDER_LABELS = """
const gd = document.querySelector('#map .js-plotly-plot'), map = gd._fullLayout.map._subplot.map;
const canvas = map.getCanvas().getBoundingClientRect(), out = [];
const boxes = Array.from(document.querySelectorAll('.map-label')).map(e => [e.textContent, e.getBoundingClientRect()]);
for (const t of gd._fullData) {
  if (t.type !== 'scattermap' || t.visible !== true || !t.lat || !/markers/.test(t.mode || '')) continue;
  for (let i = 0; i < t.lat.length; i++) {
    if (t.lat[i] === null || t.lat[i] === undefined) continue;
    const p = map.project([t.lon[i], t.lat[i]]), x = canvas.left + p.x, y = canvas.top + p.y;
    for (const [text, b] of boxes) {
      if (x > b.left + 1 && x < b.right - 1 && y > b.top + 1 && y < b.bottom - 1) out.push([text, String((t.hovertext || [])[i] || t.name)]);
    }
  }
}
return out;
"""

OUTSIDE_FETCH = """
const done = arguments[arguments.length - 1];
fetch('https://tile.openstreetmap.org/0/0/0.png', {mode: 'no-cors'})
  .then(() => done('reached'), () => done('blocked'));
"""


def test_the_seed_incidents_are_drawn_at_ganja_barda_and_stepanakert_offline(dash_duo, seed_store, tmp_path, artifacts):
    store = tmp_path / "seeds.db"
    shutil.copy(seed_store, store)
    driver = dash_duo.driver
    driver.set_window_size(*DESKTOP_WINDOW)  # before the page loads: one layout and one first map draw
    dash_duo.start_server(create_app(store))
    # generous, as `start` is: a first MapLibre draw took over 20 s at load average 15
    dash_duo.wait_for_element(f"#{ids.MAP} .maplibregl-canvas", timeout=60)
    points = wait_for(lambda: driver.execute_script(MAP_POINTS), timeout=30)
    for spot in (GANJA, BARDA, STEPANAKERT):
        assert near(points, spot), f"no incident drawn near {spot}"
    assert shown_count(driver) >= 40  # the seeds' incidents: one per event in a report, merged across reports
    wait_map_idle(driver)
    # place names are drawn beside their points as page text (no map glyphs to fetch), wherever they fit
    labels = wait_for(lambda: {e.text for e in driver.find_elements("css selector", ".map-label")} or None)
    assert {"Ganja", "Barda", "Stepanakert (Khankendi)"} <= labels  # as the reports spell it, GeoNames beside
    assert driver.execute_script(MARKERS_UNDER_LABELS) == []  # a label goes beside the markers, never on one
    driver.save_screenshot(str(artifacts / "dashboard_on_seeds.png"))
    assert dash_duo.get_logs() == []  # no request failed, so none left the machine


def test_the_test_browser_cannot_reach_the_internet(dash_duo):
    """From the origin every test's page comes from, here serving no app: the fetch is the test's own, so no page
    load is needed to ask it (the page's own requests are the other tests' `get_logs() == []`)."""
    driver = dash_duo.driver
    driver.get(dash_duo.server.url)
    driver.set_script_timeout(20)
    assert driver.execute_async_script(OUTSIDE_FETCH) == "blocked"
