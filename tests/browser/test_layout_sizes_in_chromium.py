"""The map comes first at every window size a person uses: measured in Chromium on the drawn MapLibre canvas."""

from geomap.dashboard import create_app, ids

from test_dashboard_in_chromium import MAP_POINTS, wait_for, wait_map_idle

MEASURE = """
const canvas = document.querySelector('#map .maplibregl-canvas').getBoundingClientRect();
const visible = Math.max(0, Math.min(canvas.right, innerWidth) - Math.max(canvas.left, 0))
              * Math.max(0, Math.min(canvas.bottom, innerHeight) - Math.max(canvas.top, 0));
// anything of the page's own (not the map's) drawn over the canvas's middle
const over = document.elementFromPoint(canvas.left + canvas.width / 2, canvas.top + canvas.height / 2);
return {fraction: visible / (innerWidth * innerHeight), width: canvas.width, height: canvas.height,
        scroll_width: document.documentElement.scrollWidth, inner: [innerWidth, innerHeight],
        covered: !document.getElementById('map').contains(over)};
"""
# The count's own words ('12 of 12 incidents, 1 undated') in full: not clipped by the header.
COUNT_CLIPPED = """
const main = document.querySelector('#%s .count-main');
return !main || main.scrollWidth > main.clientWidth + 1
       || main.getBoundingClientRect().right > main.parentElement.getBoundingClientRect().right + 1;
""" % ids.COUNT

# Pairs of the date slider's visible mark labels whose boxes overlap (a phone's slider keeps its two ends).
MARKS_OVERLAPPING = """
const boxes = Array.from(document.querySelectorAll('#%s .dash-slider-mark'))
  .filter(m => getComputedStyle(m).visibility === 'visible').map(m => [m.textContent, m.getBoundingClientRect()]);
const out = [];
for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
  const a = boxes[i][1], b = boxes[j][1];
  if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom) out.push([boxes[i][0], boxes[j][0]]);
}
return {visible: boxes.length, overlapping: out};
""" % ids.DATE_SLIDER


def _viewport(driver, width, height):
    driver.set_window_size(width, height)
    inner = driver.execute_script("return [innerWidth, innerHeight]")
    driver.set_window_size(2 * width - inner[0], 2 * height - inner[1])
    wait_for(lambda: driver.execute_script("return [innerWidth, innerHeight]") == [width, height])


SIZES = ((1600, 900, 0.60), (1280, 720, 0.50), (1024, 768, 0.50), (390, 844, 0.35))


def test_the_map_takes_most_of_the_window_and_nothing_covers_it(dash_duo, sample_store, artifacts):
    """At least 60% of a 1600x900 window and 50% of 1280x720; on a 390 px phone no sideways scroll, a map
    as wide as the screen. One page, resized as a person would (the map follows its box)."""
    dash_duo.start_server(create_app(sample_store))
    driver = dash_duo.driver
    dash_duo.wait_for_element(f"#{ids.MAP} .maplibregl-canvas", timeout=20)
    wait_for(lambda: driver.execute_script(MAP_POINTS), timeout=20)
    for width, height, least in SIZES:
        _viewport(driver, width, height)
        wait_map_idle(driver)
        measured = wait_for(lambda: (m := driver.execute_script(MEASURE))["fraction"] >= least and m, timeout=10)
        assert measured["inner"] == [width, height]
        assert not measured["covered"]
        assert measured["scroll_width"] <= width, f"the page scrolls sideways at {width} px"
        assert measured["width"] >= min(width - 20, 360) and measured["height"] >= 300  # usable on a phone too
        assert not driver.execute_script(COUNT_CLIPPED), f"the header cuts the count at {width} px"
        driver.save_screenshot(str(artifacts / f"dashboard_{width}x{height}.png"))
    assert dash_duo.get_logs() == []


# Reports of another war, in the shape wire and monitor reports take (written for this test).
OTHER_WAR = {
    "fasher.txt": "Shelling kills civilians in El Fasher\n\nSudan Monitor | 14 June 2024\n\nAt least 12 civilians "
                  "were killed on Thursday when artillery shells struck a crowded market in El Fasher, the capital "
                  "of North Darfur, a local resistance committee said.\n",
    "omdurman.txt": "Drone strike hits power station near Omdurman\n\nNile Wire | 2 July 2024\n\nA drone struck a "
                    "power station north of Omdurman early on Tuesday, cutting electricity to large parts of the "
                    "city, the energy ministry said.\n",
    "madani.txt": "Clashes reported near Wad Madani\n\nSudan Monitor | 20 July 2024\n\nFighting broke out between "
                  "the army and the Rapid Support Forces on the outskirts of Wad Madani on Saturday, witnesses "
                  "said. Four fighters were killed in the clashes, according to a medical source in Gezira state.\n",
    "nyala.txt": "Air strike on Nyala market kills 8\n\nDarfur Today | 28 July 2024\n\nAn air strike on a livestock "
                 "market in Nyala, South Darfur, killed eight people on Sunday, the Darfur Bar Association said.\n",
}
IN_VIEW = """
const gd = document.querySelector('#map .js-plotly-plot'), map = gd._fullLayout.map._subplot.map, b = map.getBounds();
const labels = Array.from(document.querySelectorAll('.map-labels .map-label')).map(e => e.textContent);
return {inside: arguments[0].map(p => b.contains([p[1], p[0]])), labels: labels};
"""


def test_a_store_of_another_war_opens_over_its_places_at_any_window_size(dash_duo, tmp_path, gazetteer, artifacts):
    """No region is built in: the first view frames the store's incidents at the map's real size, on a
    phone too (the server's centre and zoom are a guess for a desktop window), with their places labelled."""
    from geomap.pipeline import ingest
    from geomap.store import IncidentStore

    for name, text in OTHER_WAR.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    store = tmp_path / "other.db"
    with IncidentStore(store) as writing:
        ingest(writing, [tmp_path / name for name in OTHER_WAR], gazetteer=gazetteer)
    driver = dash_duo.driver
    _viewport(driver, 390, 844)
    dash_duo.start_server(create_app(store), navigate=False)
    dash_duo.wait_for_page(dash_duo.server.url)
    dash_duo.wait_for_element(f"#{ids.MAP} .maplibregl-canvas", timeout=60)
    spots = wait_for(lambda: driver.execute_script(MAP_POINTS), timeout=30)
    spots = [[p["lat"], p["lon"]] for p in spots]
    assert len(spots) >= 4 and all(5 < lat < 20 and 20 < lon < 40 for lat, lon in spots)  # placed in Sudan
    for width, height in ((390, 844), (1280, 720)):
        _viewport(driver, width, height)
        wait_map_idle(driver)
        seen = wait_for(lambda: (v := driver.execute_script(IN_VIEW, spots)) and all(v["inside"]) and v, timeout=15)
        assert {"El Fasher", "Nyala"} <= {label.split(" (")[0] for label in seen["labels"]}, seen["labels"]
        marks = driver.execute_script(MARKS_OVERLAPPING)
        assert marks["visible"] >= 2 and marks["overlapping"] == [], marks
        driver.save_screenshot(str(artifacts / f"dashboard_other_war_{width}x{height}.png"))
    assert dash_duo.get_logs() == []
