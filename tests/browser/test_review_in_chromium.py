"""Analyst review from the dashboard, in headless Chromium, over a store of the seeds served with reviewing on."""

import shutil

from selenium.webdriver.common.keys import Keys

from geomap.dashboard import create_app, ids
from geomap.pipeline import ingest
from geomap.review import claim_ids, review_queue
from geomap.store import IncidentStore

from test_dashboard_in_chromium import DESKTOP_WINDOW, MAP_POINTS, near, wait_for

TARTAR = (40.3418, 46.9298)  # GeoNames 584871
LATER_REPORT = """Tue 13 October 2020:
Twelve people were killed when shells hit Ganja on Sunday, prosecutors said on Tuesday.
"""


def shown_incident(driver):
    found = driver.find_elements("css selector", f"#{ids.DETAILS} .details-body")
    return found[0].get_attribute("data-incident") if found else None


def press(driver, key):
    driver.find_element("tag name", "body").send_keys(key)


def write_note(driver, text):
    note = driver.find_element("id", ids.REVIEW_NOTE)
    note.clear()
    note.send_keys(text)


def points_of(driver, incident_id):
    return [p for p in driver.execute_script(MAP_POINTS) or [] if p["id"] == incident_id]


def test_reject_and_move_from_the_panel_hold_after_a_reload_and_an_ingest(dash_duo, seed_store, tmp_path, gazetteer):
    store = tmp_path / "seeds.db"
    shutil.copy(seed_store, store)
    with IncidentStore(store) as opened:
        queue = [i for i, _ in review_queue(opened.reader())]
        incidents = opened.incidents()
    barda = next(i for i in incidents if i.event_type == "missile_strike"
                 and [m.place.name for m in i.resolved_places] == ["Barda"])
    driver = dash_duo.driver
    driver.set_window_size(*DESKTOP_WINDOW)  # before the page loads: one layout and one first map draw
    dash_duo.start_server(create_app(store, review=True, reviewer="tester"))
    dash_duo.wait_for_element(f"#{ids.MAP} .maplibregl-canvas", timeout=60)
    wait_for(lambda: driver.execute_script(MAP_POINTS), timeout=30)

    # the queue, from the keyboard: most reported first (once the page says how many are left)
    wait_for(lambda: "to review" in driver.find_element("id", ids.REVIEW_QUEUE_LEFT).text, timeout=30)
    press(driver, "n")
    wait_for(lambda: shown_incident(driver) == queue[0], timeout=20)
    press(driver, "n")
    wait_for(lambda: shown_incident(driver) == queue[1], timeout=20)
    press(driver, "p")
    wait_for(lambda: shown_incident(driver) == queue[0], timeout=20)

    # reject the first in the queue
    rejected = queue[0]
    write_note(driver, "a statement, not an event")
    driver.find_element("id", ids.REVIEW_REJECT).click()
    wait_for(lambda: "Rejected" in driver.find_element("id", ids.REVIEW_MESSAGE).text, timeout=30)
    wait_for(lambda: "REJECTED" in driver.find_element("id", ids.REVIEW_SUMMARY).text, timeout=20)
    press(driver, "n")  # a reviewed incident has left the queue: next is the top of what is left
    wait_for(lambda: shown_incident(driver) == queue[1], timeout=20)

    # move the Barda strike to Tartar, found by typing its name
    driver.get(dash_duo.server_url + f"/?incident={barda.incident_id}")
    wait_for(lambda: shown_incident(driver) == barda.incident_id, timeout=30)
    driver.find_element("css selector", f"#{ids.REVIEW_PANEL} details:nth-of-type(1) summary").click()
    driver.find_element("id", ids.REVIEW_PLACE).click()  # opens the dropdown, its search box first
    search = wait_for(lambda: driver.find_element("css selector", ".dash-dropdown-search"), timeout=10)
    search.send_keys("Tartar")

    def tartar():
        return [o for o in driver.find_elements("css selector", ".dash-dropdown-option")
                if o.text.strip() == "Tartar (AZ, town)"]

    wait_for(tartar, timeout=30)[0].click()
    wait_for(lambda: "Tartar (AZ, town)" in driver.find_element("id", ids.REVIEW_PLACE).text, timeout=10)
    write_note(driver, "the strike hit Tartar, by the ministry's map")
    driver.find_element("id", ids.REVIEW_MOVE).click()
    wait_for(lambda: "Moved" in driver.find_element("id", ids.REVIEW_MESSAGE).text, timeout=30)

    def holds():
        points = wait_for(lambda: driver.execute_script(MAP_POINTS), timeout=30)
        moved = [p for p in points if p["id"] in {barda.incident_id}]
        return (rejected not in {p["id"] for p in points} and moved and near(moved, TARTAR, km=5))

    wait_for(holds, timeout=30)
    driver.refresh()
    dash_duo.wait_for_element(f"#{ids.MAP} .maplibregl-canvas", timeout=60)
    wait_for(holds, timeout=30)

    (tmp_path / "later").mkdir()
    (tmp_path / "later" / "ganja.txt").write_text(LATER_REPORT, encoding="utf-8")
    with IncidentStore(store) as opened:
        assert ingest(opened, [tmp_path / "later"], gazetteer=gazetteer).reports_read == 1
        log = opened.reviews()
        assert [(r.action, r.field, r.by) for r in log] == [("reject", "status", "tester"), ("set", "place", "tester")]
        assert opened.incident(barda.incident_id).places[0].place.place_id == "584871"
        assert claim_ids(opened.incident(barda.incident_id)) == claim_ids(barda)
    driver.refresh()
    dash_duo.wait_for_element(f"#{ids.MAP} .maplibregl-canvas", timeout=60)
    wait_for(holds, timeout=30)


def test_without_review_the_page_has_no_review_buttons_and_says_how(dash_duo, seed_store, tmp_path):
    store = tmp_path / "seeds.db"
    shutil.copy(seed_store, store)
    before = store.read_bytes()
    with IncidentStore(store) as opened:
        first = review_queue(opened.reader())[0][0]
    driver = dash_duo.driver
    driver.set_window_size(*DESKTOP_WINDOW)  # before the page loads, which it does once, on the first incident to review
    dash_duo.start_server(create_app(store), navigate=False)
    dash_duo.wait_for_page(f"{dash_duo.server.url}/?incident={first}")
    dash_duo.wait_for_element(f"#{ids.MAP} .maplibregl-canvas", timeout=60)
    wait_for(lambda: shown_incident(driver) == first, timeout=20)
    assert not driver.find_elements("id", ids.REVIEW_QUEUE_LEFT) and not driver.find_elements("id", ids.REVIEW_NEXT)
    wait_for(lambda: "geomap serve --review" in driver.find_element("id", ids.REVIEW_SUMMARY).text, timeout=20)
    assert not driver.find_elements("id", ids.REVIEW_REJECT)
    assert store.read_bytes() == before
