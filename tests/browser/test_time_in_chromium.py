"""Time in the browser, in headless Chromium: a slider step and Play are drawn in the page from the points the
server sent once (assets/time.js), with no server round trip, every day reaching the map.

`pytest -s` prints the figures the README gives: slider step from key press to map drawn, and Play's rate.
"""

import math
import statistics
from datetime import datetime, timedelta
import sys
import time
from pathlib import Path

import psutil
import pytest
from selenium.webdriver.common.keys import Keys

from geomap import figures
from geomap.dashboard import callbacks, create_app, ids, queries
from geomap.dashboard.state import ViewState, day_iso, day_number
from geomap.records import EventDate, Incident, Mention, Place, SourceRef
from geomap.store import IncidentStore

from test_dashboard_in_chromium import start, wait_for

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

from synthetic import fill_store  # noqa: E402
from test_dashboard_views import text_of  # noqa: E402  (tests/dashboard is on the path: conftest)
from sample_store import make_sample_store, write_incidents  # noqa: E402

# Records, in the page, each key press, each window the map reports drawn, and each callback request.
RECORD = """
window.__events = [];
performance.clearResourceTimings();  // the default buffer keeps 250 entries: later requests would go uncounted
performance.setResourceTimingBufferSize(100000);
const gd = document.querySelector('#map .js-plotly-plot');
document.addEventListener('keydown', () => window.__events.push(['key', performance.now()]), true);
const shaded = () => { const t = document.querySelector('#timeline .js-plotly-plot');
  const w = t && t.layout && (t.layout.shapes || []).find(s => s.name === 'window');
  const path = w && t.querySelector('.shapelayer path[data-index="' + t.layout.shapes.indexOf(w) + '"]');
  // the drawn rectangle's left edge, as a date on the timeline's axis
  return path ? t._fullLayout.xaxis.p2d(Number(path.getAttribute('d').slice(1).split(',')[0]) - t._fullLayout.xaxis._offset) : null; };
const canvas = () => { const c = gd._fullLayout.map._subplot.map.getCanvas(); return [c.width, c.clientWidth]; };
new MutationObserver(() => window.__events.push(['drawn', performance.now(), gd.getAttribute('data-drawn-window'), shaded(),
                                                 canvas()]))
  .observe(gd, {attributes: true, attributeFilter: ['data-drawn-window']});
window.__requests = () => performance.getEntriesByType('resource')
  .filter(e => e.name.includes('_dash-update-component')).map(e => e.startTime);
"""


# Each drawn marker of the window's incident and claim traces (not a claim's white centre or denied dot).
WINDOW_MARKERS = """
const gd = document.querySelector('#map .js-plotly-plot'), out = [];
for (const t of gd._fullData) {
  const name = t.meta && t.meta.window;
  if (name !== 'incidents' && name !== 'claims') continue;
  for (let i = 0; i < t.lat.length; i++) out.push({id: t.customdata[i], lat: t.lat[i], lon: t.lon[i], layer: name});
}
return out;
"""


# Waits in the page (no round trip to the test between looks, so the CPU counted ends with the draw) until the
# map has drawn the window `low:high`, 15 s at most (under the webdriver's script timeout, 20-30 s).
WAIT_DRAWN = """
const done = arguments[arguments.length - 1], wanted = arguments[0], t0 = performance.now();
const look = () => document.querySelector('#map .js-plotly-plot').getAttribute('data-drawn-window') === wanted
  ? done(true) : performance.now() - t0 > 15000 ? done(false) : setTimeout(look, 5);
look();
"""
# What a slider step may cost Chromium's processes, key press to map drawn: the median of the test's six steps (one
# step took 0.61 s, three times the others, in a whole `make test` at load average 11: Chromium's own background work
# lands in some step).
STEP_CPU_SECONDS = 0.35


def chromium_cpu_seconds(pids) -> float:
    """User and system CPU seconds of these processes and all their children alive now (Chromium below its
    chromedriver)."""
    total = 0.0
    for pid in pids:
        try:
            tree = [psutil.Process(pid), *psutil.Process(pid).children(recursive=True)]
        except psutil.NoSuchProcess:
            continue
        for process in tree:
            try:
                times = process.cpu_times()
            except psutil.NoSuchProcess:
                continue
            total += times.user + times.system
    return total


def drawn_window(driver):
    return driver.execute_script(
        "return document.querySelector('#map .js-plotly-plot').getAttribute('data-drawn-window')")


def slider_window(driver):
    return [int(v) for v in (drawn_window(driver) or "0:0").split(":")]


def open_drawn(dash_duo, store, path=""):
    """The page on `store` at 1600x900, loaded once at `path` (or left open by a test that only read it), once the
    map has drawn its first window."""
    if not dash_duo.pages.takes(store, path, (1600, 900)):
        dash_duo.driver.set_window_size(1600, 900)  # before the page loads: one layout and one first map draw
        dash_duo.start_server(create_app(store), navigate=False)
        dash_duo.wait_for_page(dash_duo.server.url + path)
    wait_for(lambda: drawn_window(dash_duo.driver), timeout=90)
    return dash_duo.driver


def wait_quiet(driver, *, seconds=1.0, timeout=60):
    """Once the page has asked for nothing for `seconds` and MapLibre has drawn what it was given."""
    deadline, last, since = time.monotonic() + timeout, None, time.monotonic()
    while time.monotonic() < deadline:
        asked = driver.execute_script("""
            const m = document.querySelector('#map .js-plotly-plot')._fullLayout.map._subplot.map;
            return m.loaded() && !m.isMoving() ? performance.getEntriesByType('resource').length : -1;""")
        if asked != last or asked < 0:
            last, since = asked, time.monotonic()
        elif time.monotonic() - since >= seconds:
            return
        time.sleep(0.1)
    raise AssertionError(f"the page still asks or draws after {timeout} s")


@pytest.fixture(scope="module")
def sample_store(tmp_path_factory):
    """The sample store, one for the module (its tests only read it): a page a test leaves open can be the next's."""
    return make_sample_store(tmp_path_factory.mktemp("sample") / "sample.db")


@pytest.fixture(scope="module")
def six_day_store(tmp_path_factory):
    return six_day_war_with_history(tmp_path_factory.mktemp("six-days") / "six-days.db")


@pytest.fixture(scope="module")
def decade_store(tmp_path_factory):
    return a_decade_of_shellings(tmp_path_factory.mktemp("decade") / "decade.db")


@pytest.fixture(scope="module")
def store_of_1000(tmp_path_factory):
    path = tmp_path_factory.mktemp("thousand") / "thousand.db"
    fill_store(path, 1000, seed=1)
    return path


@pytest.mark.reads_page  # the halo test below takes its page
def test_the_page_spreads_stacked_points_as_the_figures_module_does(dash_duo, sample_store):
    driver = start(dash_duo, sample_store)
    wait_for(lambda: drawn_window(driver), timeout=30)
    low, high = slider_window(driver)
    zoom = driver.execute_script(
        "return document.querySelector('#map .js-plotly-plot')._fullLayout.map._subplot.map.getZoom()")
    drawn = sorted((p["id"], p["layer"], round(p["lat"], 9), round(p["lon"], 9))
                   for p in driver.execute_script(WINDOW_MARKERS))
    conn = queries.connect(sample_store)
    catalog = queries.catalog(conn)
    assert (day_iso(low), day_iso(high)) == (catalog["date_min"], catalog["date_max"])  # the first view: all dates
    rows = queries.map_view(conn, ViewState().filters()).rows  # all dates: the undated incident too
    spread = figures.spread_stacked(rows, zoom=zoom)
    assert any(r["stacked"] > 1 for r in spread)  # the sample store has incidents that share a spot
    # an incident with two places is drawn at both: compared as (id, layer, spot) lists, not by id alone
    expected = sorted((r["id"], "claims" if r["is_claim"] else "incidents", round(r["lat"], 9), round(r["lon"], 9))
                      for r in spread)
    assert [d[:2] for d in drawn] == [e[:2] for e in expected]
    for got, want in zip(drawn, expected):
        assert got[2:] == pytest.approx(want[2:], abs=1e-8), got[0]
    assert "inc-no-date" in {d[0] for d in drawn}  # undated, shown under all dates (with its grey rim)
    # the page writes the count in the words the server's count_text uses (components.COUNT_WORDS)
    served = callbacks.render_map(sample_store, ViewState(date_from=catalog["date_min"],
                                                          date_to=catalog["date_max"]), catalog)["count"]
    page = driver.find_element("id", ids.COUNT).text.replace("\n", " ")
    assert page == " ".join(text_of(part) for part in served) and ", 1 undated" in page
    assert dash_duo.get_logs() == []


# Per precision, how many halo circles the page's halo sources hold, with the map's zoom.
HALOS_DRAWN = """
const gd = document.querySelector('#map .js-plotly-plot'), out = {};
for (const [precision, index] of gd.layout.meta.halo_layers) {
  const features = gd.layout.map.layers[index].source.features || [];
  out[precision] = features.length ? features[0].geometry.coordinates.length : 0;
}
return {zoom: gd._fullLayout.map._subplot.map.getZoom(), counts: out};
"""


def halos_wider_than_a_marker(points, zoom):
    """Per precision, the halos of all dates' points whose radius on screen at `zoom` exceeds the smallest
    marker's (MapLibre's 512 px tiles: 40,075 km round the equator at zoom 0)."""
    counts = {}
    for h in sorted({h for h in points["halo"] if h >= 0}):
        lat, _, precision = points["halo_spots"][h]
        metres_per_pixel = 40075016.686 / (512 * 2 ** zoom) * math.cos(math.radians(lat))
        if figures.HALO_RADIUS_KM[precision] * 1000 / metres_per_pixel > figures.HALO_MIN_PIXELS:
            counts[str(precision)] = counts.get(str(precision), 0) + 1
    return counts


def test_a_halo_hidden_under_its_marker_is_left_out_until_a_zoom_shows_it(dash_duo, sample_store):
    driver = start(dash_duo, sample_store)
    wait_for(lambda: drawn_window(driver), timeout=30)
    catalog = queries.catalog(queries.connect(sample_store))
    points = callbacks.render_map_data(sample_store, ViewState(date_from=catalog["date_min"],
                                                               date_to=catalog["date_max"]), catalog)["points"]
    first = driver.execute_script(HALOS_DRAWN)
    assert {k: v for k, v in first["counts"].items() if v} == halos_wider_than_a_marker(points, first["zoom"])
    seen = {}
    for zoom in (6, 12):  # a town's 2 km circle: 2 px at zoom 6, 140 px at 12 (as a person zooms: MapLibre's camera)
        driver.execute_script("document.querySelector('#map .js-plotly-plot')._fullLayout.map._subplot.map"
                              ".jumpTo({zoom: %d, center: [46.3606, 40.6828]})" % zoom)
        wanted = halos_wider_than_a_marker(points, zoom)
        # the page redraws the window at the new zoom once the zoom has ended
        seen[zoom] = wait_for(lambda: (lambda got: got if abs(got["zoom"] - zoom) < 0.01 and {
            k: v for k, v in got["counts"].items() if v} == wanted else None)(driver.execute_script(HALOS_DRAWN)),
            timeout=30)
    assert seen[6]["counts"].get("1", 0) == 0 < seen[12]["counts"]["1"]
    assert dash_duo.get_logs() == []


@pytest.mark.slow
def test_a_one_day_slider_step_is_drawn_in_the_page_without_a_server_round_trip(dash_duo, store_of_1000):
    first_day = queries.catalog(queries.connect(store_of_1000))["date_min"]
    first = day_number(first_day)
    # the page opened on the store's first week, as a shared link opens it (stepping the window's end back there
    # from the last day took hundreds of key presses, each drawn)
    driver = open_drawn(dash_duo, store_of_1000, f"/?from={first_day}&to={day_iso(first + 6)}")
    thumb = driver.find_elements("css selector", f"#{ids.DATE_SLIDER} [role=slider]")[1]
    thumb.click()
    wait_for(lambda: slider_window(driver) == [first, first + 6], timeout=60)
    wait_quiet(driver)  # the first load's server views drawn: the steps are timed on a settled page
    driver.execute_script(RECORD)
    requests_before = len(driver.execute_script("return window.__requests()"))
    browser = [driver.service.process.pid]  # chromedriver, and below it every process of Chromium
    steps, widths, cpu = [], [], []  # the map canvas's drawn and shown widths at each step; Chromium's CPU
    for k in range(1, 7):
        before = chromium_cpu_seconds(browser)
        thumb.send_keys(Keys.ARROW_RIGHT)
        assert driver.execute_async_script(WAIT_DRAWN, f"{first}:{first + 6 + k}"), "a step was not drawn in 15 s"
        cpu.append(chromium_cpu_seconds(browser) - before)
        events = driver.execute_script("return window.__events")
        pressed = [e[1] for e in events if e[0] == "key"][-1]
        shown = next(e for e in events if e[0] == "drawn" and e[1] >= pressed and e[2] == f"{first}:{first + 6 + k}")
        steps.append(shown[1] - pressed)
        widths.append(shown[4])
    print(f"\none-day slider step over 1,000 incidents, key to map drawn: median {statistics.median(steps):.0f} ms, "
          f"max {max(steps):.0f} ms ({', '.join(f'{s:.0f}' for s in steps)}); Chromium's CPU: median "
          f"{statistics.median(cpu) * 1000:.0f} ms, max {max(cpu) * 1000:.0f} ms")
    # the map was drawn in the page, at the cost of a frame, measured in Chromium's CPU, which a loaded machine does
    # not stretch as it stretches the wall clock (a 2,000 ms wall-clock bound failed under load): median 165-190 ms
    # a step here. Drawn whole at each step instead (time.js with its in-place path turned off, tried once): median
    # 485 ms, at 225 ms of wall clock, which the old bound let pass. The window's server views (table, timeline,
    # URL) ask afterwards, once the window has rested (assets/time.js, SETTLE_REST_MS).
    assert statistics.median(cpu) < STEP_CPU_SECONDS, cpu
    wait_for(lambda: len(driver.execute_script("return window.__requests()")) > requests_before, timeout=30)
    # on software WebGL (headless Chromium's SwiftShader) a moving window is drawn at fewer pixels, and the map
    # is sharp again once it rests
    assert all(drawn < shown for drawn, shown in widths), widths
    wait_quiet(driver)
    assert driver.execute_script(
        "const c = document.querySelector('#map .js-plotly-plot')._fullLayout.map._subplot.map.getCanvas();"
        "return c.width === Math.round(c.clientWidth * window.devicePixelRatio)")
    assert dash_duo.get_logs() == []


@pytest.mark.slow
def test_play_draws_every_day_in_turn_and_asks_the_server_nothing(dash_duo, store_of_1000):
    driver = open_drawn(dash_duo, store_of_1000)
    dash_duo.select_dcc_dropdown(f"#{ids.SPEED}", value="4 days / s")
    time.sleep(1.5)  # the ticker takes the new interval
    driver.execute_script(RECORD)
    requests_before = len(driver.execute_script("return window.__requests()"))
    driver.find_element("id", ids.PLAY).click()
    time.sleep(6.0)
    requests_playing = len(driver.execute_script("return window.__requests()"))
    driver.find_element("id", ids.PLAY).click()
    events = [e for e in driver.execute_script("return window.__events") if e[0] == "drawn"]
    drawn = [(e[1], e[2]) for e in events]
    windows = [tuple(int(d) for d in w.split(":")) for _, w in drawn]
    assert len({w[1] for w in windows}) >= 3, drawn
    # every day was on the map: each window starts no later than the day after the one before it ends
    out_of_turn = [(a, b) for a, b in zip(windows, windows[1:]) if not (b[0] <= a[1] + 1 and b[1] >= a[1])]
    assert not out_of_turn, (out_of_turn, windows)  # the pairs first: the whole list is cut short in the report
    seconds = (drawn[-1][0] - drawn[0][0]) / 1000
    days = windows[-1][1] - windows[0][1]
    print(f"\nPlay at 4 days/s over 1,000 incidents: {days} days in {seconds:.1f} s ({days / seconds:.2f} days/s), "
          f"{len(set(windows))} windows drawn, none skipped")
    assert days / seconds >= 3.0  # on the wall clock: a slow frame is a frame skipped, not a slower Play
    assert requests_playing == requests_before  # Play asked the server nothing
    # the timeline's shaded window moved with each day, in the page: at least as far as the map had drawn
    nearest_day = lambda x0: (datetime.fromisoformat(x0[:19]) + timedelta(hours=12)).date().isoformat()  # a pixel's rounding
    assert all(x0 and nearest_day(x0) >= day_iso(int(w.split(":")[0])) for _, _, w, x0, _ in events[1:]), events
    wait_for(lambda: len(driver.execute_script("return window.__requests()")) > requests_playing, timeout=30)
    assert dash_duo.get_logs() == []


# Each drawn label's side of its own place's point: "right", "left", "above" or "below".
LABEL_SIDES = """
const gd = document.querySelector('#map .js-plotly-plot'), map = gd._fullLayout.map._subplot.map;
const canvas = map.getCanvas().getBoundingClientRect(), out = {};
for (const span of document.querySelectorAll('.map-labels .map-label')) {
  const label = gd.layout.meta.labels.find(l => l.text === span.textContent), p = map.project([label.lon, label.lat]);
  const box = span.getBoundingClientRect(), x = box.left + box.width / 2 - canvas.left, y = box.top + box.height / 2 - canvas.top;
  out[span.textContent] = Math.abs(x - p.x) > Math.abs(y - p.y) ? (x > p.x ? 'right' : 'left') : (y < p.y ? 'above' : 'below');
}
return {sides: out, order: gd.layout.meta.labels.map(l => l.text)};
"""


def two_villages_trading_ranks(path):
    """Two invented villages a kilometre apart (their markers touch at any zoom that shows both), whose counts
    trade the lead each day: on the 1st Velmora has 3 incidents and Ostrakan 1, on the 2nd Ostrakan 5 more, on the
    3rd Velmora 5 more."""
    villages = {"Velmora": Place("test:velmora", "Velmora", 45.1, 20.3, "XX", "P", "PPL"),
                "Ostrakan": Place("test:ostrakan", "Ostrakan", 45.1, 20.313, "XX", "P", "PPL")}
    days = [("2031-04-01", "Velmora", 3), ("2031-04-01", "Ostrakan", 1), ("2031-04-02", "Ostrakan", 5),
            ("2031-04-03", "Velmora", 5)]
    incidents = []
    for day, name, count in days:
        for k in range(count):
            sentence = f"Shells hit {name} on the morning of {day}, the district office said."
            start = sentence.index(name)
            mention = Mention(start, start + len(name), name, villages[name], 1, 0.9)
            source = SourceRef(f"villages-{day}-{name}-{k}", "Invented Wire", day, sentence, 0, len(sentence),
                               mention_spans=((start, start + len(name)),))
            incidents.append(Incident(f"v-{day}-{name}-{k}", "shelling", "Explosions/Remote violence",
                                      EventDate(day, day, 1), (mention,), is_claim=False, sources=(source,)))
    with IncidentStore(path) as store:
        write_incidents(store, incidents)
    return path


def test_two_touching_places_keep_their_label_sides_as_their_ranks_trade(dash_duo, tmp_path):
    store = two_villages_trading_ranks(tmp_path / "villages.db")
    first = day_number("2031-04-01")
    driver = open_drawn(dash_duo, store, "/?from=2031-04-01&to=2031-04-01")
    thumb = driver.find_elements("css selector", f"#{ids.DATE_SLIDER} [role=slider]")[1]
    thumb.click()
    seen = []
    for k in range(3):
        if k:
            thumb.send_keys(Keys.ARROW_RIGHT)
        wait_for(lambda: slider_window(driver) == [first, first + k], timeout=30)
        seen.append(wait_for(lambda: (lambda got: got if len(got["sides"]) == 2 else None)(
            driver.execute_script(LABEL_SIDES)), timeout=30))
    # the lead traded at each step (what made the labels swap sides) ...
    assert [s["order"][0] for s in seen] == ["Velmora", "Ostrakan", "Velmora"], seen
    # ... and each place kept its side, beside the other's
    assert all(s["sides"] == seen[0]["sides"] for s in seen), seen
    assert len(set(seen[0]["sides"].values())) == 2, seen
    assert dash_duo.get_logs() == []


def six_day_war_with_history(path):
    """A store of an invented six-day war (one shelling a day, 2031-04-01 to 04-06, at Harskel or Tovan) whose
    reports also recall two events of 2001: a siege of Harskel (placed) and a truce (no place). History stays out
    of the slider's bounds (queries.catalog), so the slider spans the six days."""
    places = {"Harskel": Place("test:harskel", "Harskel", 44.62, 21.08, "XX", "P", "PPL"),
              "Tovan": Place("test:tovan", "Tovan", 44.81, 21.35, "XX", "P", "PPL")}

    def told(key, sentence, name, day, when, *, kind="shelling", background=False):
        start = sentence.index(name) if name else 0
        mentions = (Mention(start, start + len(name), name, places[name], 1, 0.9),) if name else ()
        source = SourceRef(f"war-{key}", "Invented Wire", day, sentence, 0, len(sentence),
                           mention_spans=((start, start + len(name)),) if name else ())
        return Incident(f"w-{key}", kind, "Explosions/Remote violence", EventDate(*when), mentions, is_claim=False,
                        sources=(source,), background=background)

    incidents = [told(f"day{k}", f"Shells fell on {name} on day {k} of the fighting, the district office said.", name,
                      f"2031-04-0{k}", (f"2031-04-0{k}", f"2031-04-0{k}", 1))
                 for k, name in zip(range(1, 7), ["Harskel", "Tovan"] * 3)]
    incidents.append(told("siege", "Harskel was besieged in May 2001, the district office recalled.", "Harskel",
                          "2031-04-06", ("2001-05-01", "2001-05-31", 4), kind="armed_clash", background=True))
    incidents.append(told("truce", "A truce was signed in 2001.", "", "2031-04-06", ("2001-01-01", "2001-12-31", 5),
                          kind="ceasefire", background=True))
    with IncidentStore(path) as store:
        write_incidents(store, incidents)
    return path


@pytest.mark.reads_page  # the Play test below takes its page
def test_all_dates_shows_history_outside_the_slider_as_the_table_does(dash_duo, six_day_store):
    """The slider spans the war's six days; "all dates" has no date condition, so the recalled events of 2001 are
    counted (and the placed one drawn) in the page's own drawing of the window, as the server counts them for the
    table and the "not on the map" list. The timeline counts whole incidents."""
    driver = open_drawn(dash_duo, six_day_store)
    assert driver.find_element("id", ids.DATE_LABEL).text == "all dates"
    wait_for(lambda: driver.find_element("id", ids.COUNT).text.startswith("8 of 8 incidents"), timeout=30)
    drawn = {p["id"] for p in driver.execute_script(WINDOW_MARKERS)}
    assert drawn == {f"w-day{k}" for k in range(1, 7)} | {"w-siege"}
    rows = wait_for(lambda: len(driver.find_elements("css selector", f"#{ids.TABLE} .ag-center-cols-container .ag-row"))
                    == 8, timeout=30)
    assert rows
    # the truce's date range is whole in its cell, its last character left of the cell's right edge
    range_shown = driver.execute_script(f"""
        const cell = Array.from(document.querySelectorAll('#{ids.TABLE} .ag-cell[col-id=date_start]'))
          .find(c => c.textContent.startsWith('2001-01-01 – 2001-12-31'));
        const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT), text = walker.nextNode(), r = document.createRange();
        r.setStart(text, 0); r.setEnd(text, '2001-01-01 – 2001-12-31'.length);
        const box = (cell.querySelector('.ag-cell-value') || cell).getBoundingClientRect();
        return r.getBoundingClientRect().right <= box.right;""")
    assert range_shown
    # one incident a day: the timeline's count axis reads 0, 1 (its labels once said "0 0 0 1 1", ticks 0.2 apart)
    ticks = wait_for(lambda: driver.execute_script(
        f"return Array.from(document.querySelectorAll('#{ids.TIMELINE} .ytick text')).map(t => t.textContent)"))
    assert ticks == ["0", "1"], ticks
    assert dash_duo.get_logs() == []


def test_play_moves_through_a_war_shorter_than_a_week_a_day_at_a_time(dash_duo, six_day_store):
    """A week-wide window would hold the whole six days at once and Play would have nothing to move: on a range
    under two weeks Play shows one day at a time, every day in turn."""
    driver = open_drawn(dash_duo, six_day_store)
    dash_duo.select_dcc_dropdown(f"#{ids.SPEED}", value="4 days / s")
    time.sleep(1.5)  # the ticker takes the new interval
    driver.execute_script(RECORD)
    driver.find_element("id", ids.PLAY).click()
    first = day_number("2031-04-01")

    def drawn_windows():
        return [tuple(int(d) for d in e[2].split(":")) for e in driver.execute_script("return window.__events")
                if e[0] == "drawn"]

    # until Play has drawn the last day (a skipped frame makes the window after it two days wide, never a day lost)
    wait_for(lambda: any(w[1] == first + 5 for w in drawn_windows()), timeout=30)
    windows = drawn_windows()
    # Play moved: several windows, none holding the whole six days (a week-wide one would have)
    assert len(set(windows)) >= 3 and all(b - a < 5 for a, b in windows), windows
    # every day was on the map: each window starts no later than the day after the one before it ends
    assert all(b[0] <= a[1] + 1 and b[1] >= a[1] for a, b in zip(windows, windows[1:])), windows
    wait_for(lambda: driver.find_element("id", ids.PLAY).text == "▶ Play", timeout=10)
    assert dash_duo.get_logs() == []


def test_a_hover_label_leaves_with_its_marker_when_the_window_moves_on(dash_duo, sample_store):
    """Play and slider steps write the window's points into the map in place, with no pointer event: plotly's hover
    label of a marker the window no longer holds must not stay over the later frames. The label is shown as a
    resting pointer leaves it (plotly's Fx.hover; a pointer that does not move sends no event to clear it)."""
    driver = open_drawn(dash_duo, sample_store, "/?from=2020-10-03&to=2020-10-07")
    wait_for(lambda: slider_window(driver) == [day_number("2020-10-03"), day_number("2020-10-07")], timeout=30)
    shown = driver.execute_script("""
        const gd = document.querySelector('#map .js-plotly-plot');
        const i = gd._fullData.findIndex(t => t.meta && t.meta.window === 'claims'), k = gd._fullData[i].customdata.indexOf('inc-claim-towns');
        window.Plotly.Fx.hover(gd, [{curveNumber: i, pointNumber: k}], 'map');
        return Array.from(document.querySelectorAll('#map .hoverlayer .hovertext')).map(e => e.textContent).join(' ');""")
    assert "Hikmet Hajiyev" in shown
    # the window moves on as a Play tick moves it: 4 October is left behind
    later = [day_number("2020-10-08"), day_number("2020-10-14")]
    driver.execute_script(f"window.dash_clientside.set_props('{ids.DATE_SLIDER}', {{value: arguments[0]}})", later)
    wait_for(lambda: slider_window(driver) == later, timeout=30)
    assert "inc-claim-towns" not in {p["id"] for p in driver.execute_script(WINDOW_MARKERS)}
    wait_for(lambda: not driver.find_elements("css selector", f"#{ids.MAP} .hoverlayer .hovertext"), timeout=5)
    # a label whose marker stays in the window stays too
    driver.execute_script("""
        const gd = document.querySelector('#map .js-plotly-plot');
        const i = gd._fullData.findIndex(t => t.meta && t.meta.window === 'claims'), k = gd._fullData[i].customdata.indexOf('inc-ganja-shelling');
        window.Plotly.Fx.hover(gd, [{curveNumber: i, pointNumber: k}], 'map');""")
    wider = [day_number("2020-10-09"), day_number("2020-10-15")]
    driver.execute_script(f"window.dash_clientside.set_props('{ids.DATE_SLIDER}', {{value: arguments[0]}})", wider)
    wait_for(lambda: slider_window(driver) == wider, timeout=30)
    time.sleep(0.5)
    assert "Ganja" in " ".join(e.text for e in driver.find_elements("css selector", f"#{ids.MAP} .hoverlayer .hovertext"))
    assert dash_duo.get_logs() == []


# Where the slider and the timeline put days on screen: each visible slider mark and timeline tick label as
# (text with no leading zero, centre x), and each thumb's centre with the timeline's x of its day's noon.
DAYS_ON_SCREEN = """
const gd = document.querySelector('#timeline .js-plotly-plot'), xa = gd._fullLayout.xaxis;
const plot = gd.getBoundingClientRect().left + xa._offset, centre = r => r.left + r.width / 2;
const text = e => e.textContent.trim();
const noon = day => plot + xa.l2p(day * 86400000 + 43200000), dayOf = arguments[0];
const visible = Array.from(document.querySelectorAll('#date-slider .dash-slider-mark'))
  .filter(m => getComputedStyle(m).visibility === 'visible');
return {
  marks: visible.slice(1, -1).map(m => [text(m), centre(m.getBoundingClientRect()), noon(dayOf[m.textContent])]),
  ticks: Array.from(gd.querySelectorAll('.xtick text')).map(t => [text(t), centre(t.getBoundingClientRect())]),
  thumbs: Array.from(document.querySelectorAll('#date-slider [role=slider]')).map(t => [
    centre(t.getBoundingClientRect()), noon(Number(t.getAttribute('aria-valuenow')))]),
};
"""


def a_decade_of_shellings(path):
    """One invented shelling at Velmora each 1 March and 1 September, 2014 to 2024: a slider of years."""
    velmora = Place("test:velmora", "Velmora", 46.1, 25.3, "XX", "P", "PPL")
    incidents = []
    for year in range(2014, 2025):
        for day in (f"{year}-03-01", f"{year}-09-01"):
            sentence = f"Shells fell on Velmora on {day}, the town hall said."
            start = sentence.index("Velmora")
            incidents.append(Incident(f"v-{day}", "shelling", "Explosions/Remote violence", EventDate(day, day, 1),
                                      (Mention(start, start + 7, "Velmora", velmora, 1, 0.9),), is_claim=False,
                                      sources=(SourceRef(f"velmora-{day}", "Invented Wire", day, sentence, 0,
                                                         len(sentence)),)))
    with IncidentStore(path) as store:
        write_incidents(store, incidents)
    return path


@pytest.mark.reads_page  # it puts the window's size back: the decade's Play test below takes its page
@pytest.mark.parametrize("store_of", ["sample", "decade"])
def test_the_slider_puts_each_day_over_the_timelines_day(dash_duo, sample_store, decade_store, store_of):
    """The slider sits over the timeline: its thumbs over their days' bars and each of its date marks over the
    timeline's label of that date, at the two common window sizes, on days of a war and on years of a decade."""
    from geomap.dashboard.components import day_marks

    store = sample_store if store_of == "sample" else decade_store
    catalog = queries.catalog(queries.connect(store))
    day_of = {mark["label"]: day for day, mark in day_marks(day_number(catalog["date_min"]),
                                                            day_number(catalog["date_max"]), day_iso).items()}
    driver = open_drawn(dash_duo, store, "/?from=2020-10-05&to=2020-10-09" if store_of == "sample" else "")
    # and back to the size the page was loaded at, where the next test may take it (reads_page), settled
    for width, height in ((1600, 900), (1280, 720), (1600, 900)):
        driver.set_window_size(width, height)

        def aligned():
            seen = driver.execute_script(DAYS_ON_SCREEN, day_of)
            ticks = dict(seen["ticks"])
            # each mark over its day on the timeline's axis, and over the timeline's label of that date if it has one
            return (seen["marks"] and all(abs(x - day_x) <= 2 for _, x, day_x in seen["marks"])
                    and all(abs(x - ticks[label]) <= 2 for label, x, _ in seen["marks"] if label in ticks)
                    and all(abs(a - b) <= 2 for a, b in seen["thumbs"]) and seen)

        try:
            seen = wait_for(aligned, timeout=10)
        except AssertionError:
            raise AssertionError(driver.execute_script(DAYS_ON_SCREEN, day_of))
        assert len(seen["thumbs"]) == 2
    wait_quiet(driver)
    assert dash_duo.get_logs() == []


def test_play_goes_through_a_decade_at_months_a_second(dash_duo, decade_store):
    """Opened on ten years, Play starts at 3 months a second (a day a second would take an hour): half a year of
    windows within a few seconds, each window the three months one second passes (a week-wide one would flash each
    incident for a tenth of a second), every day still on the map in turn."""
    driver = open_drawn(dash_duo, decade_store)
    assert "3 months / s" in driver.find_element("id", ids.SPEED).text
    driver.execute_script(RECORD)
    first = day_number("2014-03-01")
    driver.find_element("id", ids.PLAY).click()

    def drawn_windows():
        return [tuple(int(d) for d in e[2].split(":")) for e in driver.execute_script("return window.__events")
                if e[0] == "drawn"]

    wait_for(lambda: any(w[1] >= first + 183 for w in drawn_windows()), timeout=12)
    windows = drawn_windows()
    assert all(b[0] <= a[1] + 1 for a, b in zip(windows, windows[1:])), windows  # no day left out
    assert all(b - a + 1 >= 91 for a, b in windows if a > first), windows
    driver.find_element("id", ids.PLAY).click()  # pause
    wait_for(lambda: driver.find_element("id", ids.PLAY).text == "▶ Play", timeout=10)
    assert dash_duo.get_logs() == []
