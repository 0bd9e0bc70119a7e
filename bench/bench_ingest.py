"""Ingest at scale on the generated feed (bench/feed.py): speed, memory, the cost of adding reports, merge quality.

    .venv/bin/python bench/bench_ingest.py [--sizes 1000 5000 20000] [--budget-at 3000] [--dask-at 20000] [--seed 0]
                                           [--dask-only]

For each size, in a fresh process each (so peak memory is that ingest's): reports/s and CPU seconds per report
into an empty store, peak memory, the CPU cost of adding 20 more reports to that store against adding the
same 20 to an empty store, and pairwise precision/recall/F1 of the incidents against the generator's answer
(with the largest incident against the largest true event). Then 1,000 wire copies of one weakly dated
report, in seconds and as ratios to two anchors measured in the same process, so that the figure does not move
with the hour's machine speed (reading the same copies, and one copy's extraction alone x 1,000: below 1 where
copies share the readings of their sentences), the cost of the per-report time budget (a serial ingest of
`--budget-at` reports with its forked budget worker against the same ingest in one process without one), and serial against `--dask 2` at
`--dask-at` reports (the same incidents checked; the speed-up as CPU time on the critical path, the client's
own plus one worker's share, and as wall time, which on a shared machine also measures the neighbours). Ratios are measured in one run, so a loaded machine loads both sides.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from feed import generate_feed, pairwise_scores, write_feed  # noqa: E402

ADDED = 20


def _cpu(who: int = resource.RUSAGE_SELF) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def _cpu_with_children() -> float:
    """This process's CPU time and its reaped children's: a serial ingest extracts in forked workers (geomap.budget)."""
    return _cpu() + _cpu(resource.RUSAGE_CHILDREN)


def _peak_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def _timed(store, paths, **options) -> tuple[float, float]:
    from geomap.pipeline import ingest

    cpu, wall = _cpu_with_children(), time.perf_counter()
    ingest(store, paths, **options)
    return _cpu_with_children() - cpu, time.perf_counter() - wall


def measure_size(n: int, *, seed: int, folder: Path) -> dict:
    """One size: ingest n reports, then 20 more, then the same 20 into an empty store."""
    from geomap.gazetteer import shared_gazetteer
    from geomap.store import IncidentStore

    feed = generate_feed(n + ADDED, seed=seed)
    main, extra = folder / f"feed{n}.jsonl", folder / f"extra{n}.jsonl"
    answer_path = write_feed(feed[:n], main)
    write_feed(feed[n:], extra)
    gazetteer = shared_gazetteer()
    with IncidentStore(folder / f"store{n}.db") as store:
        cpu, wall = _timed(store, [main], gazetteer=gazetteer)
        incidents = store.incidents()
        add_cpu, _ = _timed(store, [extra], gazetteer=gazetteer)
    with IncidentStore(folder / f"empty{n}.db") as store:
        empty_cpu, _ = _timed(store, [extra], gazetteer=gazetteer)
    scores = pairwise_scores(json.loads(answer_path.read_text()), incidents)
    return {"reports": n, "cpu": cpu, "wall": wall, "peak_mb": _peak_mb(), "add_cpu": add_cpu,
            "add_empty_cpu": empty_cpu, "incidents": len(incidents), **scores}


def measure_wire_copies(*, folder: Path, copies: int = 1000) -> dict:
    """1,000 reprints of one story with no date stamp, one in ten with it: all one story, dated."""
    from geomap.gazetteer import shared_gazetteer
    from geomap.store import IncidentStore

    story = generate_feed(1, seed=7)[0]
    body = story.text.split("\n")
    path = folder / "wire.jsonl"
    with open(path, "w", encoding="utf-8") as out:
        for k in range(copies):
            lines = [body[0], "", f"Reprinted by outlet {k} from {story.source}", *body[4:]]
            if k % 10 == 0:
                lines.insert(2, body[2])  # the date stamp
            out.write(json.dumps({"id": f"copy{k:04d}", "title": body[0], "text": "\n".join(lines),
                                  "source": f"Outlet {k}", "published": ""}) + "\n")
    gazetteer = shared_gazetteer()
    with IncidentStore(folder / "wire.db") as store:
        cpu, wall = _timed(store, [path], gazetteer=gazetteer)
        reports = store.reports()
        incidents = store.incidents()
    read_cpu, one_copy_cpu = _wire_anchors(path, gazetteer)
    return {"copies": copies, "cpu": cpu, "wall": wall, "stories": len({r["syndication_group"] for r in reports}),
            "undated": sum(1 for r in reports if not r["published"]),
            "largest_incident": max(len(i.sources) for i in incidents), "read_cpu": read_cpu,
            "one_copy_cpu": one_copy_cpu}


ANCHOR_EXTRACTIONS = 100  # times one copy is extracted alone for the anchor


def _wire_anchors(path: Path, gazetteer) -> tuple[float, float]:
    """Two anchors measured in the same process as the wire ingest, so its figure can be read as a ratio that does
    not depend on the hour's machine speed: CPU seconds to read the same copies (`geomap.reports.read_reports`:
    titles, publishers, dates), and one copy's extraction alone (every sentence read afresh), per extraction."""
    from geomap.pipeline import extract_report
    from geomap.reports import read_reports
    from geomap.sentences import forget_sentence_readings

    cpu = _cpu()
    reports, _ = read_reports([path])
    read_cpu = _cpu() - cpu
    extract_report(reports[0], gazetteer)  # warm: lazy imports and compiled patterns are not the anchor
    spent = 0.0
    for _ in range(ANCHOR_EXTRACTIONS):
        forget_sentence_readings()
        cpu = _cpu()
        extract_report(reports[0], gazetteer)
        spent += _cpu() - cpu
    return read_cpu, spent / ANCHOR_EXTRACTIONS


def measure_budget_cost(n: int, *, seed: int, folder: Path, budget: bool) -> dict:
    """A serial ingest of n reports with each report's stages in the forked budget worker (geomap.budget), or,
    as the anchor, in this process with no budget: CPU time, this process's and its reaped children's."""
    import geomap.budget
    from geomap.gazetteer import shared_gazetteer
    from geomap.store import IncidentStore

    geomap.budget.FORK_AVAILABLE = budget  # False: the way map_with_budget runs where it cannot fork
    path = folder / f"budget{n}.jsonl"
    write_feed(generate_feed(n, seed=seed), path)
    gazetteer = shared_gazetteer()
    with IncidentStore(folder / "budget.db") as store:
        cpu, _ = _timed(store, [path], gazetteer=gazetteer)
    return {"reports": n, "cpu": cpu, "load": os.getloadavg()[0]}


def measure_dask(n: int, *, seed: int, folder: Path, workers: int = 2) -> dict:
    """Serial against a local cluster of `workers` processes on the same n reports: wall time, same incidents."""
    from geomap.gazetteer import shared_gazetteer
    from geomap.pipeline import DaskOptions
    from geomap.store import IncidentStore

    path = folder / f"dask{n}.jsonl"
    write_feed(generate_feed(n, seed=seed), path)
    gazetteer = shared_gazetteer()
    with IncidentStore(folder / "serial.db") as store:
        serial_cpu, serial_wall = _timed(store, [path], gazetteer=gazetteer)
        serial = store.incidents()
    children, client = _cpu(resource.RUSAGE_CHILDREN), _cpu()
    with IncidentStore(folder / "dask.db") as store:
        _, dask_wall = _timed(store, [path], dask=DaskOptions(workers=workers))
        same = store.incidents() == serial
    client_cpu = _cpu() - client
    workers_cpu = _cpu(resource.RUSAGE_CHILDREN) - children  # the workers, reaped when the cluster closed
    # On a loaded machine wall time measures the neighbours; with a core each, the ingest would take the
    # client's own CPU time (reading, stories, dates, linking, writing) plus one worker's share of extraction.
    critical_cpu = client_cpu + workers_cpu / workers
    return {"reports": n, "workers": workers, "serial_wall": serial_wall, "dask_wall": dask_wall,
            "serial_cpu": serial_cpu, "client_cpu": client_cpu, "workers_cpu": workers_cpu,
            "speedup_cpu": serial_cpu / critical_cpu, "speedup": serial_wall / dask_wall, "same_incidents": same,
            "load": os.getloadavg()[0]}


def _in_fresh_process(kind: str, value: int, seed: int) -> dict:
    out = subprocess.run([sys.executable, __file__, "--measure", kind, str(value), "--seed", str(seed)],
                         check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 20000])
    parser.add_argument("--dask-at", type=int, default=20000, help="reports for serial against --dask 2 (0: skip)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--budget-at", type=int, default=3000,
                        help="reports for the cost of the per-report time budget: serial ingest CPU with the forked "
                             "budget worker against the same ingest in one process, no budget (0: skip)")
    parser.add_argument("--dask-only", action="store_true", help="only serial against --dask 2 at --dask-at")
    parser.add_argument("--measure", nargs=2, metavar=("KIND", "N"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.measure:
        kind, value = args.measure[0], int(args.measure[1])
        with tempfile.TemporaryDirectory() as tmp:
            if kind == "size":
                result = measure_size(value, seed=args.seed, folder=Path(tmp))
            elif kind == "wire":
                result = measure_wire_copies(folder=Path(tmp), copies=value)
            elif kind in ("budget", "nobudget"):
                result = measure_budget_cost(value, seed=args.seed, folder=Path(tmp), budget=kind == "budget")
            else:
                result = measure_dask(value, seed=args.seed, folder=Path(tmp))
        print(json.dumps(result))
        return 0

    if not args.dask_only:
        print("== ingest of the generated feed (bench/feed.py), CPU seconds, each size in a fresh process")
        print(f"{'reports':>8} {'reports/s':>10} {'ms/report':>10} {'peak MB':>8} {'+20 into it':>12} "
              f"{'+20 empty':>10} {'ratio':>6} {'precision':>9} {'recall':>7} {'F1':>6} {'largest':>12}")
        rows = []
        for n in args.sizes:
            r = _in_fresh_process("size", n, args.seed)
            rows.append(r)
            print(f"{n:>8} {n / r['cpu']:>10.0f} {1000 * r['cpu'] / n:>10.2f} {r['peak_mb']:>8.0f} "
                  f"{r['add_cpu']:>11.2f}s {r['add_empty_cpu']:>9.2f}s {r['add_cpu'] / r['add_empty_cpu']:>6.2f} "
                  f"{r['precision']:>9.3f} {r['recall']:>7.3f} {r['f1']:>6.3f} "
                  f"{r['largest_incident']:>5} of {r['largest_event']:<4}")
        if len(rows) > 1:
            first, last = rows[0], rows[-1]
            per_first, per_last = first["cpu"] / first["reports"], last["cpu"] / last["reports"]
            print(f"time per report at {last['reports']} / at {first['reports']}: {per_last / per_first:.2f}x "
                  "(target <= 1.3x)")
            for r in rows:
                budget = 2 * r["add_empty_cpu"] + 1
                print(f"+20 reports into {r['reports']}: {r['add_cpu']:.2f}s against "
                      f"2 x {r['add_empty_cpu']:.2f}s + 1 s = {budget:.2f}s: "
                      f"{'met' if r['add_cpu'] <= budget else 'NOT met'}")
        w = _in_fresh_process("wire", 1000, args.seed)
        print(f"== 1,000 wire copies of one weakly dated report: {w['cpu']:.1f} s CPU ({w['wall']:.1f} s wall), "
              f"{w['stories']} story, {w['undated']} left undated, "
              f"largest incident {w['largest_incident']} sources "
              "(target <= 10 s)")
        print(f"   against anchors in the same run: {w['cpu'] / w['read_cpu']:.1f}x reading the same copies "
              f"({w['read_cpu']:.2f} s), {w['cpu'] / (w['copies'] * w['one_copy_cpu']):.2f}x one copy's extraction "
              f"alone x {w['copies']:,} ({w['one_copy_cpu'] * 1000:.1f} ms a copy)")
    if args.budget_at and not args.dask_only:
        with_budget = _in_fresh_process("budget", args.budget_at, args.seed)
        without = _in_fresh_process("nobudget", args.budget_at, args.seed)
        print(f"== the per-report time budget at {args.budget_at} reports, serial, CPU: {with_budget['cpu']:.1f} s "
              f"in the forked budget worker against {without['cpu']:.1f} s in one process without a budget = "
              f"{with_budget['cpu'] / without['cpu']:.2f}x (load average {with_budget['load']:.1f} and "
              f"{without['load']:.1f})")
    if args.dask_at:
        d = _in_fresh_process("dask", args.dask_at, args.seed)
        print(f"== serial against --dask {d['workers']} at {d['reports']} reports, same incidents: {d['same_incidents']}")
        print(f"   CPU: serial {d['serial_cpu']:.0f} s against the client's {d['client_cpu']:.0f} s + "
              f"{d['workers_cpu']:.0f} s over {d['workers']} workers = {d['speedup_cpu']:.2f}x (target >= 1.3x)")
        print(f"   wall: {d['serial_wall']:.0f} s against {d['dask_wall']:.0f} s = {d['speedup']:.2f}x "
              f"(load average {d['load']:.1f} on {os.cpu_count()} cores: the neighbours' share is in it)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
