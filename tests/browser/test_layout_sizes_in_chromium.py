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
