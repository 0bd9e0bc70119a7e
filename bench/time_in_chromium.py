"""The date slider and Play as a person sees them, in headless Chromium: the same measure on any version.

    .venv/bin/python bench/time_in_chromium.py [--store STORE] [--incidents 1000] [--sizes 1600x900 1280x720]
                                               [--steps 8] [--speeds 1 4 8] [--play-seconds 6]

Serves the store with this checkout's `geomap serve` on loopback (a generated store of `--incidents`
incidents, `synthetic.fill_store`, when none is given) and opens it at each window size. Step: a key press on
the slider's upper thumb -> the map's point traces hold other points -> MapLibre's next "idle" (all drawn) and
the page's next animation frame after it (the drawn frame on screen): the page's own time, wall clock.
Beside it, the CPU the browser's processes spent from the key press to that frame (psutil, summed over
Chromium's processes, split by process type: the renderer runs the page, the GPU process SwiftShader's WebGL):
the figure that does not move with the machine's load. The grid, timeline and lists the server redraws after a
step are not in it (they ask only once the map has drawn); "CPU per step with the second after it" has them.
Play at N days/s: every frame whose points change is recorded with the date label shown beside it; days/s
is the days the window's end advanced over the seconds, and skipped days are days that no drawn window held (a
window starting after the day after the last one's end); the CPU per window drawn is the browser's CPU over the
play over the windows drawn (with the page's CPU at rest, printed first, in it). `--play-seconds 0` measures the steps alone.
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
    parser.add_argument("--sizes", nargs="+", default=["1600x900", "1280x720"], help="window sizes, WIDTHxHEIGHT")
    parser.add_argument("--steps", type=int, default=8)
    parser.add_argument("--speeds", type=int, nargs="+", default=[4], help="Play speeds, days/s (dropdown labels)")
    parser.add_argument("--play-seconds", type=float, default=6.0)
    args = parser.parse_args(argv)
    sizes = [tuple(int(v) for v in size.lower().split("x")) for size in args.sizes]
    with tempfile.TemporaryDirectory(prefix="geomap-time-") as tmp:
        store = args.store
        if store is None:
            store = Path(tmp) / "generated.db"
            fill_store(store, args.incidents, seed=1)
        return max(measure(store, size=size, steps=args.steps, speeds=args.speeds, play_seconds=args.play_seconds)
                   for size in sizes)


def served(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2):
            return True
    except OSError:
        return False


def cpu_seconds(pids) -> dict[str, float]:
    """User and system CPU seconds of these processes and all their children alive now, by Chromium's process
    type (`--type=renderer`, `gpu-process`, ...; "browser" for Chromium's main process, "driver" for chromedriver,
    "server" for anything else)."""
    total: dict[str, float] = {}
    for pid in pids:
        try:
            root = psutil.Process(pid)
            tree = [root, *root.children(recursive=True)]
        except psutil.NoSuchProcess:
            continue
        for proc in tree:
            try:
                times, cmdline, name = proc.cpu_times(), proc.cmdline(), proc.name()
            except psutil.NoSuchProcess:
                continue
            kind = next((a.split("=", 1)[1] for a in cmdline if a.startswith("--type=")), None)
            if kind is None:
                kind = "driver" if "chromedriver" in name else "browser" if "chrom" in name else "server"
            total[kind] = total.get(kind, 0.0) + times.user + times.system
    return total


def cpu_since(before: dict, after: dict) -> dict[str, float]:
    return {k: after.get(k, 0.0) - before.get(k, 0.0) for k in after}


def cpu_text(per: dict, n: int) -> str:
    """'412 ms (renderer 250, gpu-process 140, ...)': CPU milliseconds per step, by process type."""
    parts = sorted(((k, v / n * 1000) for k, v in per.items() if v > 0), key=lambda kv: -kv[1])
    return (f"{sum(per.values()) / n * 1000:.0f} ms (" + ", ".join(f"{k} {v:.0f}" for k, v in parts if v >= 1) + ")")


WAIT_STEP = """const done = arguments[arguments.length - 1], t0 = performance.now();
const look = () => window.__gm.step ? done(window.__gm.step)
  : performance.now() - t0 > 25000 ? done({timeout: true}) : setTimeout(look, 5);
look();"""


def measure(store: Path, *, size: tuple[int, int], steps: int, speeds, play_seconds: float) -> int:
    port = free_port()
    geomap = Path(sys.executable).parent / "geomap"
    server = subprocess.Popen([str(geomap), "serve", "--store", str(store), "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    options = Options()
    for flag in ("--headless", "--no-sandbox", "--disable-dev-shm-usage", "--enable-unsafe-swiftshader",
                 "--proxy-server=http://127.0.0.1:9"):  # nothing beyond loopback
        options.add_argument(flag)
    driver = None
    width, height = size
    failed = 0
    try:
        wait(lambda: served(port), 120)
        driver = webdriver.Chrome(options=options)
        driver.set_script_timeout(60)
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                               {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})
        driver.get(f"http://127.0.0.1:{port}/")
        driver.execute_script(PROBE)
        wait(lambda: driver.execute_script("return window.__gm.print().split(':')[0] > 0 && !!window.__gm.map()"), 120)
        time.sleep(2)
        canvas = driver.execute_script("const c = window.__gm.map().getCanvas(); return [c.clientWidth, c.clientHeight]")
        print(f"{width}x{height}: map canvas {canvas[0]}x{canvas[1]} px")
        thumbs = driver.find_elements("css selector", "#date-slider [role=slider]")
        high = thumbs[1]
        first, last = int(thumbs[0].get_attribute("aria-valuenow")), int(high.get_attribute("aria-valuenow"))
        high.click()
        for _ in range(last - first - 6):  # a week's window at the start
            high.send_keys(Keys.ARROW_LEFT)
        wait(lambda: int(high.get_attribute("aria-valuenow")) == first + 6, 60)
        time.sleep(8)  # what the narrowing fired settles
        drawn, seen, step_cpu = [], [], {}
        watched = [driver.service.process.pid, server.pid]
        cpu0 = cpu_seconds(watched)
        time.sleep(4)
        print(f"CPU per second with the page at rest: {cpu_text(cpu_since(cpu0, cpu_seconds(watched)), 4)}")
        cpu0 = cpu_seconds(watched)
        for _ in range(steps):
            driver.execute_script("window.__gm.armStep()")
            before = cpu_seconds(watched)
            high.send_keys(Keys.ARROW_RIGHT)
            step = driver.execute_async_script(WAIT_STEP)
            for k, v in cpu_since(before, cpu_seconds(watched)).items():
                step_cpu[k] = step_cpu.get(k, 0.0) + v
            if step.get("timeout"):
                print("a step showed no other points in 25 s")
                failed = 1
                continue
            drawn.append(step["drawn"])
            seen.append(step["data"])
            time.sleep(1.0)
        whole = cpu_since(cpu0, cpu_seconds(watched))
        print(f"one-day slider step, key -> map drawn (page's clock): median {statistics.median(drawn):.0f} ms, "
              f"max {max(drawn):.0f} ms ({', '.join(f'{s:.0f}' for s in drawn)}); key -> points in the graph: median "
              f"{statistics.median(seen):.0f} ms; load average {os.getloadavg()[0]:.1f}")
        print(f"CPU per step, key -> map drawn: {cpu_text(step_cpu, steps)}")
        print(f"CPU per step with the second after it (the server's views redrawn): {cpu_text(whole, steps)}")
        for speed in speeds if play_seconds > 0 else []:
            # each speed from the first week, on a page opened there as a shared link opens it
            week = (datetime.date(1970, 1, 1) + datetime.timedelta(days=first), )
            week += (week[0] + datetime.timedelta(days=6),)
            driver.get(f"http://127.0.0.1:{port}/?from={week[0]}&to={week[1]}")
            driver.execute_script(PROBE)
            wait(lambda: driver.execute_script("return window.__gm.print().split(':')[0] > 0 && !!window.__gm.map()"),
                 120)
            time.sleep(6)
            failed |= play(driver, speed, play_seconds, watched)
        return failed
    finally:
        if driver is not None:
            driver.quit()
        server.terminate()
        server.wait(timeout=30)


def play(driver, speed: int, play_seconds: float, watched) -> int:
    """Play at `speed` days/s from the slider's present window for `play_seconds`; prints its rate and skips."""
    label = f"{speed} days / s" if speed > 1 else "1 day / s"
    driver.find_element("css selector", "#play-speed").click()
    option = wait(lambda: [e for e in driver.find_elements("css selector", ".dash-dropdown-option")
                           if e.text.strip() == label])
    option[-1].click()
    time.sleep(2)
    driver.execute_script("window.__gm.record()")
    cpu0 = cpu_seconds(watched)
    driver.find_element("id", "play").click()
    time.sleep(play_seconds)
    driver.execute_script("window.__gm.recording = false")
    cpu = cpu_since(cpu0, cpu_seconds(watched))
    if driver.find_element("id", "play").text.strip().endswith("Pause"):
        driver.find_element("id", "play").click()
    frames = []  # (time, first day, last day) of each window drawn
    for t, text in driver.execute_script("return window.__gm.frames"):
        try:
            low, high = (datetime.date.fromisoformat(d).toordinal() for d in text.split(" → "))
        except ValueError:
            continue
        if not frames or frames[-1][2] != high:
            frames.append((t, low, high))
    if len(frames) < 2:
        print(f"Play at {label}: fewer than two windows drawn")
        return 1
    days, seconds = frames[-1][2] - frames[0][2], (frames[-1][0] - frames[0][0]) / 1000
    # a day is skipped when no drawn window holds it: one window starts after the day after the last one's end
    skipped = sum(max(0, b[1] - a[2] - 1) for a, b in zip(frames, frames[1:]))
    widths = sorted({b - a + 1 for _, a, b in frames})
    print(f"Play at {label}: {days} days in {seconds:.2f} s = {days / seconds:.2f} days/s, {len(frames)} windows drawn "
          f"(widths {widths} days), {skipped} days skipped; CPU per window drawn {cpu_text(cpu, len(frames))}, "
          f"per second {sum(cpu.values()) / play_seconds * 1000:.0f} ms; "
          f"load average {os.getloadavg()[0]:.1f}")
    return 0 if skipped == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
