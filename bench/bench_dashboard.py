"""How long the dashboard's map callback takes server-side with 1k, 10k and 100k incidents.

With at most `callbacks.WINDOW_POINT_CAP` placements over all dates ("points" mode) the server sends them
once per filter change and the page draws every slider window itself (tests/browser/test_time_in_chromium.py
measures that in Chromium); larger views ("figure" mode) are drawn here for each window, as clusters.

    .venv/bin/python bench/bench_dashboard.py [--sizes 1000 10000 100000] [--repeat 7]

For each size it fills a fresh store with synthetic incidents (bench/synthetic.py), then times the
work behind one slider move (queries + map figure + JSON encoding of the callback's output)
for a few windows (the search is timed as the slider moves with a search term already typed): the whole range, a week, a day, and a week with a type filter. The budget
is 150 ms at 100k.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from plotly.utils import PlotlyJSONEncoder

from geomap.dashboard import callbacks, queries, url_boundaries
from geomap.dashboard.state import ViewState
from synthetic import fill_store

BUDGET_MS = 150.0


def fill(path: Path, n: int) -> None:
    fill_store(path, n, seed=1)


def slider_callback(path: Path, state: ViewState, catalog: dict) -> tuple[int, str]:
    """What update_map does for a view it has not sent before (its cache cleared): the map data with its JSON
    encoding. Returns the JSON's size and the mode: "points" (every date sent once; the page draws each
    window, so a slider step costs the server nothing) or "figure" (drawn here again for each window)."""
    callbacks._map_data.clear()
    out = callbacks.render_map_data(path, state, catalog, boundaries=url_boundaries)
    return len(json.dumps(out, cls=PlotlyJSONEncoder)), out["mode"]


def forget_date_windows(path: Path) -> None:
    """Drop the cached masks of date windows (other filter parts stay cached, as while dragging the slider)."""
    snap = queries.snapshot(queries.connect(path), path)
    for part in [p for p in snap.masks if p.date_from or p.date_to]:
        snap.masks.pop(part, None)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args(argv)
    worst = 0.0
    print(f"{'incidents':>10} {'window':<22} {'shown':>8} {'median ms':>10} {'max ms':>8} {'JSON KB':>8} mode")
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            path = Path(tmp) / f"bench-{n}.db"
            started = time.perf_counter()
            fill(path, n)
            fill_s = time.perf_counter() - started
            catalog = queries.catalog(queries.connect(path))
            t0 = time.perf_counter()
            queries.snapshot(queries.connect(path), path)
            snapshot_ms = (time.perf_counter() - t0) * 1000
            first, last = catalog["date_min"], catalog["date_max"]
            base = ViewState(date_from=first, date_to=last)
            windows = {
                "whole range": base,
                "one week": replace(base, date_from="2020-10-05", date_to="2020-10-11"),
                "one day": replace(base, date_from="2020-10-11", date_to="2020-10-11"),
                "week, one type": replace(base, date_from="2020-10-05", date_to="2020-10-11",
                                          types=(catalog["types"][0],)),
                "day, search 'ganja'": replace(base, date_from="2020-10-11", date_to="2020-10-11", search="ganja"),
            }
            for label, state in windows.items():
                slider_callback(path, state, catalog)  # warm the connection and page cache
                times, size, mode = [], 0, ""
                for _ in range(args.repeat):
                    forget_date_windows(path)  # each move is a window the dashboard has not seen
                    t0 = time.perf_counter()
                    size, mode = slider_callback(path, state, catalog)
                    times.append((time.perf_counter() - t0) * 1000)
                shown = queries.map_view(queries.connect(path), state.filters()).shown
                worst = max(worst, statistics.median(times)) if n >= 100000 else worst
                print(f"{n:>10,} {label:<22} {shown:>8,} {statistics.median(times):>10.1f} {max(times):>8.1f} "
                      f"{size / 1024:>8.1f} {mode}")
            print(f"{'':>10} (store filled in {fill_s:.1f} s; columnar snapshot read once per store change in "
                  f"{snapshot_ms:.0f} ms)")
    if 100000 in args.sizes:
        print(f"worst median at 100k: {worst:.1f} ms (budget {BUDGET_MS:.0f} ms): "
              f"{'OK' if worst <= BUDGET_MS else 'OVER BUDGET'}")
    return 0 if worst <= BUDGET_MS else 1


if __name__ == "__main__":
    sys.exit(main())
