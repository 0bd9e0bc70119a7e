"""The date slider and Play as a person sees them, in headless Chromium: the same measure on any version.

    .venv/bin/python bench/time_in_chromium.py [--store STORE] [--incidents 1000] [--steps 8] [--play-seconds 8]

Serves the store with this checkout's `geomap serve` on loopback (a generated store of `--incidents`
incidents, `synthetic.fill_store`, when none is given) and opens it at 1600x900. Step: a key press on the
slider's upper thumb -> the map's point traces hold other points -> MapLibre's next "idle" (all drawn) and the
page's next animation frame after it (the drawn frame on screen).
Play at 4 days/s: every frame whose points change is recorded with the date label shown beside it;
days/s is the days the window's end advanced over the seconds, and skipped days are days that no drawn
window held (a window starting after the day after the last one's end). Both are wall-clock figures: the load average is printed beside each.
Beside them, the CPU seconds the browser's processes (and the server's) spent over the steps, per step: the
figure that does not move with the machine's load. `--play-seconds 0` measures the steps alone.
Needs Debian's chromium and chromium-driver (`make setup-test`); WebGL runs on SwiftShader.
"""

from __future__ import annotations

import argparse
import datetime
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import psutil
from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.common.keys import Keys

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import fill_store  # noqa: E402

PROBE = r"""
window.__gm = window.__gm || {};
const gm = window.__gm;
gm.graph = () => document.querySelector('#map .js-plotly-plot');
gm.print = () => { const gd = gm.graph(); if (!gd || !gd.data) return '';
  let n = 0, s = 0; for (const t of gd.data) { if (t.type !== 'scattermap' || !t.lat) continue;
    for (const v of t.lat) { if (v !== null) { n++; s += v; } } } return n + ':' + s.toFixed(6); };
gm.map = () => { const gd = gm.graph(); const f = gd && gd._fullLayout; return f && f.map && f.map._subplot && f.map._subplot.map; };
gm.label = () => (document.getElementById('date-label') || {}).textContent || '';
gm.armStep = () => {
  gm.step = null; const before = gm.print();
  const onKey = () => {
    document.removeEventListener('keydown', onKey, true);
    const t0 = performance.now();
    const look = () => {
      if (performance.now() - t0 > 20000) { gm.step = {timeout: true}; return; }
      if (gm.print() === before) { requestAnimationFrame(look); return; }
      const seen = performance.now(), m = gm.map();
      // the frame MapLibre painted at idle is on screen once the page reaches its next animation frame
      // (on software WebGL the canvas is read back before that frame can start)
      const done = () => requestAnimationFrame(() => {
        gm.step = {data: seen - t0, drawn: performance.now() - t0, label: gm.label()}; });
      if (m && !m.loaded()) m.once('idle', done); else if (m) { m.once('idle', done); m.triggerRepaint(); } else done();
    };
    requestAnimationFrame(look);
  };
  document.addEventListener('keydown', onKey, true);
};
gm.record = () => { gm.frames = []; gm.recording = true; let last = gm.print();
  const look = () => { if (!gm.recording) return; const p = gm.print();
    if (p !== last) { last = p; gm.frames.push([performance.now(), gm.label()]); }
    requestAnimationFrame(look); };
  requestAnimationFrame(look); };
"""


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait(cond, timeout=60.0):
    end = time.time() + timeout
    while time.time() < end:
        v = cond()
        if v:
            return v
        time.sleep(0.1)
    raise TimeoutError


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path)
    parser.add_argument("--incidents", type=int, default=1000)
    parser.add_argument("--steps", type=int, default=8)
    parser.add_argument("--play-seconds", type=float, default=8.0)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="geomap-time-") as tmp:
        store = args.store
        if store is None:
            store = Path(tmp) / "generated.db"
            fill_store(store, args.incidents, seed=1)
        return measure(store, steps=args.steps, play_seconds=args.play_seconds)


def served(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2):
            return True
    except OSError:
        return False


def cpu_seconds(pids) -> float:
    """User and system CPU seconds of these processes and all their children, those alive now."""
    total = 0.0
    for pid in pids:
        try:
            root = psutil.Process(pid)
            tree = [root, *root.children(recursive=True)]
        except psutil.NoSuchProcess:
            continue
        for proc in tree:
            try:
                times = proc.cpu_times()
            except psutil.NoSuchProcess:
                continue
            total += times.user + times.system
    return total


def measure(store: Path, *, steps: int, play_seconds: float) -> int:
    port = free_port()
    geomap = Path(sys.executable).parent / "geomap"
    server = subprocess.Popen([str(geomap), "serve", "--store", str(store), "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    options = Options()
    for flag in ("--headless", "--no-sandbox", "--disable-dev-shm-usage", "--enable-unsafe-swiftshader",
                 "--proxy-server=http://127.0.0.1:9"):  # nothing beyond loopback
        options.add_argument(flag)
    driver = None
    try:
        wait(lambda: served(port), 120)
        driver = webdriver.Chrome(options=options)
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                               {"width": 1600, "height": 900, "deviceScaleFactor": 1, "mobile": False})
        driver.get(f"http://127.0.0.1:{port}/")
        driver.execute_script(PROBE)
        wait(lambda: driver.execute_script("return window.__gm.print().split(':')[0] > 0 && !!window.__gm.map()"), 120)
        time.sleep(2)
        thumbs = driver.find_elements("css selector", "#date-slider [role=slider]")
        high = thumbs[1]
        first, last = int(thumbs[0].get_attribute("aria-valuenow")), int(high.get_attribute("aria-valuenow"))
        high.click()
        for _ in range(last - first - 6):  # a week's window at the start
            high.send_keys(Keys.ARROW_LEFT)
        wait(lambda: int(high.get_attribute("aria-valuenow")) == first + 6, 60)
        time.sleep(8)  # what the narrowing fired settles
        drawn, seen = [], []
        browser, served_by = [driver.service.process.pid], [server.pid]
        cpu0 = (cpu_seconds(browser), cpu_seconds(served_by))
        for _ in range(steps):
            driver.execute_script("window.__gm.armStep()")
            high.send_keys(Keys.ARROW_RIGHT)
            step = wait(lambda: driver.execute_script("return window.__gm.step"), 30)
            if step.get("timeout"):
                print("a step showed no other points in 20 s")
                continue
            drawn.append(step["drawn"])
            seen.append(step["data"])
            time.sleep(1.0)
        cpu = ((cpu_seconds(browser) - cpu0[0]) / steps, (cpu_seconds(served_by) - cpu0[1]) / steps)
        print(f"one-day slider step, key -> map drawn: median {statistics.median(drawn):.0f} ms, max {max(drawn):.0f} "
              f"ms ({', '.join(f'{s:.0f}' for s in drawn)}); key -> points in the graph: median "
              f"{statistics.median(seen):.0f} ms; load average {os.getloadavg()[0]:.1f}")
        print(f"CPU per step (the step and the second after it): browser {cpu[0] * 1000:.0f} ms, "
              f"server {cpu[1] * 1000:.0f} ms")
        if play_seconds <= 0:
            return 0
        thumbs[0].click()
        driver.find_element("css selector", "#play-speed").click()
        option = wait(lambda: [e for e in driver.find_elements("css selector", ".dash-dropdown-option")
                               if e.text.strip() == "4 days / s"])
        option[-1].click()
        time.sleep(2)
        driver.execute_script("window.__gm.record()")
        driver.find_element("id", "play").click()
        time.sleep(play_seconds)
        driver.find_element("id", "play").click()
        driver.execute_script("window.__gm.recording = false")
        frames = []  # (time, first day, last day) of each window drawn
        for t, label in driver.execute_script("return window.__gm.frames"):
            try:
                low, high = (datetime.date.fromisoformat(d).toordinal() for d in label.split(" → "))
            except ValueError:
                continue
            if not frames or frames[-1][2] != high:
                frames.append((t, low, high))
        if len(frames) < 2:
            print("Play: fewer than two windows drawn")
            return 1
        days, seconds = frames[-1][2] - frames[0][2], (frames[-1][0] - frames[0][0]) / 1000
        # a day is skipped when no drawn window holds it: one window starts after the day after the last one's end
        skipped = sum(max(0, b[1] - a[2] - 1) for a, b in zip(frames, frames[1:]))
        print(f"Play at 4 days/s: {days} days in {seconds:.1f} s = {days / seconds:.2f} days/s, {len(frames)} windows "
              f"drawn, {skipped} days skipped; load average {os.getloadavg()[0]:.1f}")
        return 0
    finally:
        if driver is not None:
            driver.quit()
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    sys.exit(main())
