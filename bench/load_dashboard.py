"""Load test: many browser sessions acting on `geomap serve` at once, on loopback only.

    .venv/bin/python bench/load_dashboard.py [--store STORE] [--sessions 50] [--seconds 20]

Starts `geomap serve` (waitress) on a free port of 127.0.0.1 over a store of the seeds (the
`make run` demo store when it exists, else the seeds ingested into a temporary store), then runs
`--sessions` simulated sessions for `--seconds`. Each session loads the page as a browser does
(the page, its layout and callback graph, the callbacks a first render fires) and then acts once
a second, cycling through what an analyst does: step the date window by a day, select an
incident, filter by a type, search, clear the filters. An action sends exactly the server
callbacks the page's callback graph (`/_dash-dependencies`) fires for that change; callbacks the
page runs in the browser send nothing. It prints the request count, errors and latency
percentiles, and whether the server logged a traceback; it exits 1 unless there were no errors,
no traceback and a p95 within --budget-ms (500 ms). Every request has a timeout and the run a
hard end, so it always stops by itself.
"""

from __future__ import annotations

import argparse
import gzip
import http.client
import json
import os
import random
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEMO_STORE = ROOT / "build" / "demo" / "seeds.db"
HOST = "127.0.0.1"  # loopback only, by design
REQUEST_TIMEOUT = 10.0
# What the page's clientside callbacks pass on unchanged to server ones: the slider's window, once Play is not
# running, becomes the settled window the table, timeline, URL and lists follow (assets/time.js, settleWindow).
RELAYS = {"date-slider.value": "settled-window.data"}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def seeds_store(folder: Path) -> Path:
    if DEMO_STORE.is_file():
        return DEMO_STORE
    store = folder / "seeds.db"
    subprocess.run([sys.executable, "-m", "geomap.cli", "ingest", "--store", str(store), str(ROOT / "seeds")],
                   check=True, stdout=subprocess.DEVNULL)
    return store


class Page:
    """What one browser session holds: the component props and the server callbacks of the page."""

    def __init__(self, layout: dict, dependencies: list[dict]) -> None:
        self.props: dict[tuple[str, str], object] = {}
        self._collect(layout)
        self.callbacks = [c for c in dependencies if not c.get("clientside_function")
                          and all(isinstance(i["id"], str) for i in c["inputs"] + c["state"])
                          and not c["output"].startswith("{")]

    def _collect(self, node) -> None:
        if isinstance(node, list):
            for child in node:
                self._collect(child)
        elif isinstance(node, dict) and "props" in node:
            props = node["props"]
            if isinstance(props.get("id"), str):
                for name, value in props.items():
                    if name != "children":
                        self.props[(props["id"], name)] = value
            self._collect(props.get("children"))

    @staticmethod
    def outputs(spec: str):
        parts = spec[2:-2].split("...") if spec.startswith("..") else [spec]
        pairs = [dict(zip(("id", "property"), part.split(".", 1))) for part in parts]
        return pairs if spec.startswith("..") else pairs[0]

    def requests_for(self, changed: list[str], *, initial: bool = False) -> list[dict]:
        """The update-component bodies the renderer sends when the props `changed` change."""
        bodies = []
        for callback in self.callbacks:
            inputs = [f"{i['id']}.{i['property']}" for i in callback["inputs"]]
            fired = [c for c in changed if c in inputs]
            if initial:
                if callback.get("prevent_initial_call"):
                    continue
            elif not fired:
                continue
            bodies.append({
                "output": callback["output"], "outputs": self.outputs(callback["output"]),
                "inputs": [dict(i, value=self.props.get((i["id"], i["property"]))) for i in callback["inputs"]],
                "state": [dict(s, value=self.props.get((s["id"], s["property"]))) for s in callback["state"]],
                "changedPropIds": fired or inputs[:1]})
        return bodies

    def absorb(self, body: dict, answer: dict) -> list[str]:
        """Keep what the server answered (new props), so the next action starts from it; returns the
        "id.prop" names that changed (the renderer then fires the callbacks they are inputs of)."""
        changed = []
        for component, props in (answer.get("response") or {}).items():
            for name, value in props.items():
                self.props[(component, name)] = value
                changed.append(f"{component}.{name}")
        return changed


class Session(threading.Thread):
    def __init__(self, port: int, seconds: float, results: list, lock: threading.Lock, number: int) -> None:
        super().__init__(daemon=True)
        self.port, self.seconds, self.results, self.lock = port, seconds, results, lock
        self.random = random.Random(number)

    def request(self, method: str, path: str, body: dict | None = None):
        started = time.perf_counter()
        status, data, error = None, b"", None
        try:
            conn = http.client.HTTPConnection(HOST, self.port, timeout=REQUEST_TIMEOUT)
            headers = {"Accept-Encoding": "gzip", "Content-Type": "application/json"}
            conn.request(method, path, body=json.dumps(body) if body is not None else None, headers=headers)
            response = conn.getresponse()
            status, data = response.status, response.read()
            if response.getheader("Content-Encoding") == "gzip":
                data = gzip.decompress(data)
            conn.close()
        except Exception as exc:  # a refused or timed-out request is an error of the run
            error = f"{type(exc).__name__}: {exc}"
        elapsed = (time.perf_counter() - started) * 1000
        with self.lock:
            self.results.append((path, status, elapsed, error))
        return status, data

    def fire(self, page: Page, changed: list[str], *, initial: bool = False, depth: int = 0) -> None:
        """Send the callbacks `changed` fires, then those their answers fire, as the renderer does (bounded)."""
        changed = changed + [RELAYS[c] for c in changed if c in RELAYS]
        following: list[str] = []
        for body in page.requests_for(changed, initial=initial):
            status, data = self.request("POST", "/_dash-update-component", body)
            if status == 200 and data:
                following += page.absorb(body, json.loads(data))
        if following and depth < 3:
            self.fire(page, sorted(set(following)), depth=depth + 1)

    def run(self) -> None:
        end = time.monotonic() + self.seconds
        self.request("GET", "/")
        _, layout = self.request("GET", "/_dash-layout")
        _, deps = self.request("GET", "/_dash-dependencies")
        try:
            page = Page(json.loads(layout), json.loads(deps))
        except (ValueError, TypeError):
            return  # the failed requests are counted already
        self.fire(page, [], initial=True, depth=3)  # the renderer orders the first callbacks: each fires once
        low, high = page.props.get(("date-slider", "min")), page.props.get(("date-slider", "max"))
        types = [o["value"] for o in page.props.get(("filter-event-types", "options")) or []]
        step = 0
        next_at = time.monotonic() + self.random.random()  # sessions do not act in lockstep
        while True:
            now = time.monotonic()
            if next_at > end:
                break
            time.sleep(max(0.0, next_at - now))
            action = step % 5
            if action == 0 and low is not None:  # the date window moves a day
                day = low + (step // 5) % max(1, high - low)
                page.props[("date-slider", "value")] = [day, min(high, day + 3)]
                page.props[("settled-window", "data")] = [day, min(high, day + 3)]
                self.fire(page, ["date-slider.value"])
            elif action == 1:  # a click on a table row
                rows = page.props.get(("incident-table", "rowData")) or []
                if rows:
                    page.props[("incident-table", "selectedRows")] = [self.random.choice(rows)]
                    self.fire(page, ["incident-table.selectedRows"])
            elif action == 2 and types:  # one event type
                page.props[("filter-event-types", "value")] = [self.random.choice(types)]
                self.fire(page, ["filter-event-types.value"])
            elif action == 3:  # a search
                page.props[("filter-search", "value")] = self.random.choice(["shell", "killed", "said", "town"])
                self.fire(page, ["filter-search.value"])
            else:  # filters cleared
                page.props[("filter-event-types", "value")] = []
                page.props[("filter-search", "value")] = ""
                self.fire(page, ["filter-event-types.value", "filter-search.value"])
            step += 1
            next_at += 1.0


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q / 100 * (len(ordered) - 1))))] if ordered else float("nan")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, default=None, help="store to serve (default: the seeds)")
    parser.add_argument("--sessions", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--budget-ms", type=float, default=500.0)
    args = parser.parse_args(argv)
    if not (1 <= args.sessions <= 200 and 1 <= args.seconds <= 120):
        parser.error("--sessions 1-200 and --seconds 1-120: a bounded test")
    with tempfile.TemporaryDirectory(prefix="geomap-load-") as tmp:
        store = args.store or seeds_store(Path(tmp))
        port = free_port()
        log_path = Path(tmp) / "server.log"
        with open(log_path, "w") as log:
            server = subprocess.Popen([sys.executable, "-m", "geomap.cli", "serve", "--store", str(store),
                                       "--host", HOST, "--port", str(port)], stdout=log, stderr=subprocess.STDOUT,
                                      env={**os.environ, "PYTHONUNBUFFERED": "1"})
            try:
                deadline = time.monotonic() + 120
                while time.monotonic() < deadline:
                    try:
                        socket.create_connection((HOST, port), timeout=1).close()
                        break
                    except OSError:
                        time.sleep(0.3)
                results: list = []
                lock = threading.Lock()
                sessions = [Session(port, args.seconds, results, lock, n) for n in range(args.sessions)]
                cpu0, started = time.process_time(), time.monotonic()
                for session in sessions:
                    session.start()
                for session in sessions:
                    session.join(timeout=args.seconds + 4 * REQUEST_TIMEOUT)
                wall = time.monotonic() - started
            finally:
                server.terminate()
                try:
                    server.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    server.kill()
        server_log = log_path.read_text(errors="replace")
    errors = [r for r in results if r[3] is not None or r[1] is None or r[1] >= 400]
    callbacks = [r[2] for r in results if r[0] == "/_dash-update-component"]
    every = [r[2] for r in results]
    traceback = "Traceback" in server_log
    print(f"{args.sessions} sessions x {args.seconds:.0f} s on {store.name}: {len(results)} requests "
          f"({len(callbacks)} callbacks) in {wall:.1f} s")
    print(f"errors: {len(errors)}" + (f" (first: {errors[0]})" if errors else ""))
    print(f"latency, all requests: p50 {percentile(every, 50):.0f} ms, p95 {percentile(every, 95):.0f} ms, "
          f"max {max(every, default=float('nan')):.0f} ms")
    print(f"latency, callbacks:    p50 {percentile(callbacks, 50):.0f} ms, p95 {percentile(callbacks, 95):.0f} ms")
    print(f"server log traceback: {'yes' if traceback else 'no'}")
    ok = not errors and not traceback and percentile(every, 95) <= args.budget_ms
    print(f"{'OK' if ok else 'NOT MET'}: 0 errors, no traceback, p95 <= {args.budget_ms:.0f} ms")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
