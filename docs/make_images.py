"""Make the README's images from the seeds: the dashboard with the Ganja shelling selected (a 1600x900 page, the
size the browser tests check the layout at), and a briefing.

Run: .venv/bin/python docs/make_images.py   (needs Debian chromium + chromium-driver, as `make test` installs)
"""

from __future__ import annotations

import shutil
import socket
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "img"
VIEWPORT = (1600, 900)  # the page's own size (the window's inner size), in CSS pixels
TITLE = "Nagorno-Karabakh, 27 Sep - 12 Oct 2020: incidents and claims in five reports"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(condition, timeout: float = 120.0):  # a loaded machine draws a first map slowly
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            value = condition()
        except Exception:  # the page is still drawing
            value = None
        if value:
            return value
        time.sleep(0.2)
    raise RuntimeError("the page did not get there in time")


def dashboard_image(store: Path, incident_id: str) -> None:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from werkzeug.serving import make_server

    from geomap.dashboard import create_app

    port = free_port()
    server = make_server("127.0.0.1", port, create_app(store).server)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium")
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                 "--disable-background-networking", "--disable-component-update", "--no-first-run"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=options)
    try:
        driver.set_window_size(*VIEWPORT)  # the window's frame, if any, added so that the page is VIEWPORT
        inner = driver.execute_script("return [innerWidth, innerHeight]")
        driver.set_window_size(2 * VIEWPORT[0] - inner[0], 2 * VIEWPORT[1] - inner[1])
        driver.get(f"http://127.0.0.1:{port}/?incident={incident_id}")
        wait_for(lambda: driver.execute_script("""
            const gd = document.querySelector('#map .js-plotly-plot');
            const m = gd && gd._fullLayout && gd._fullLayout.map && gd._fullLayout.map._subplot.map;
            return m && m.loaded() && !m.isMoving() && m.areTilesLoaded();"""))
        wait_for(lambda: "Prosecutor" in driver.find_element("tag name", "body").text)
        time.sleep(1.0)
        assert driver.execute_script("return [innerWidth, innerHeight]") == list(VIEWPORT)
        driver.save_screenshot(str(OUT / "dashboard.png"))
    finally:
        driver.quit()
        server.shutdown()


def main() -> int:
    from geomap.cli import main as geomap
    from geomap.pipeline import ingest
    from geomap.store import IncidentStore

    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        store = Path(tmp) / "seeds.db"
        with IncidentStore(store) as s:
            ingest(s, [ROOT / "seeds"])
            ganja = [i for i in s.incidents() if i.killed_low == 9 and i.wounded_low == 34]
        assert geomap(["brief", "--store", str(store), "--title", TITLE, str(Path(tmp) / "brief")]) == 0
        shutil.copy(Path(tmp) / "brief.png", OUT / "briefing.png")
        dashboard_image(store, ganja[0].incident_id)
    print(f"wrote {OUT / 'dashboard.png'} and {OUT / 'briefing.png'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
