"""`geomap ingest` and `geomap incidents` as a person runs them, including an ingest killed midway."""

from __future__ import annotations

import importlib.util
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from geomap.cli import main

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
BAD_INPUTS = ROOT / "tests" / "data" / "bad_inputs"


def _feed():
    spec = importlib.util.spec_from_file_location("feed", ROOT / "bench" / "feed.py")
    module = sys.modules["feed"] = importlib.util.module_from_spec(spec)  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_ingest_prints_a_summary_and_incidents_prints_json_lines(tmp_path, capsys):
    store = tmp_path / "g.db"
    assert main(["ingest", "--store", str(store), str(SEEDS), str(BAD_INPUTS)]) == 1  # some input was skipped
    out = capsys.readouterr().out
    assert "reports read: 13" in out
    assert "reports skipped: 8" in out and "binary_photo.txt" in out and "report.pdf" in out
    assert "incidents: " in out and "claims: " in out and "unresolved place names: " in out
    assert main(["incidents", "--store", str(store)]) == 0
    lines = capsys.readouterr().out.splitlines()
    incidents = [json.loads(line) for line in lines]
    assert incidents and all({"id", "type", "places", "sources", "corroboration"} <= set(i) for i in incidents)
    assert any(i["killed_low"] == 9 and i["wounded_low"] == 34 for i in incidents)


def test_reingest_reports_already_present(tmp_path, capsys):
    store = tmp_path / "g.db"
    assert main(["ingest", "--store", str(store), str(SEEDS)]) == 0
    capsys.readouterr()
    assert main(["ingest", "--store", str(store), str(SEEDS)]) == 0
    assert "reports read: 0 (5 already in the store, unchanged)" in capsys.readouterr().out


def test_store_defaults_to_the_environment(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("GEOMAP_STORE", str(tmp_path / "env.db"))
    assert main(["ingest", str(SEEDS / "004_69d44303080b5a50.txt")]) == 0
    assert (tmp_path / "env.db").exists()


@pytest.mark.slow
def test_killing_an_ingest_midway_leaves_a_readable_store_with_the_previous_state(tmp_path):
    store = tmp_path / "g.db"
    assert main(["ingest", "--store", str(store), str(SEEDS)]) == 0
    with sqlite3.connect(store) as db:
        before = {t: db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
                  for t in ("reports", "mentions", "claims", "incidents", "sources")}
    folder = tmp_path / "many.jsonl"
    feed = _feed()
    feed.write_feed(feed.generate_feed(400, seed=3), folder)
    process = subprocess.Popen(
        [sys.executable, "-m", "geomap.cli", "ingest", "--store", str(store), "--progress-every", "50", str(folder)],
        stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    line = process.stderr.readline()  # the first progress line: reports are being processed
    assert "/" in line, line
    time.sleep(0.3)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL
    with sqlite3.connect(store) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        after = {t: db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in before}
    assert after == before


@pytest.mark.slow
def test_ingest_on_a_local_dask_cluster_stores_the_serial_incidents_and_leaves_no_process(tmp_path, capsys):
    psutil = pytest.importorskip("psutil")
    serial, parallel = tmp_path / "serial.db", tmp_path / "dask.db"
    assert main(["ingest", "--store", str(serial), str(SEEDS), str(BAD_INPUTS)]) == 1
    before = {p.pid for p in psutil.Process().children(recursive=True)}
    assert main(["ingest", "--dask", "2", "--store", str(parallel), str(SEEDS), str(BAD_INPUTS)]) == 1
    # Python's own multiprocessing resource tracker stays while this process lives and ends with it. Dask's
    # scheduler, nanny and workers are Python processes; a browser that another test of this worker process
    # started (the briefing's PNG through kaleido) is not Dask's to close.
    left = [p for p in psutil.Process().children(recursive=True) if p.pid not in before and p.is_running()
            and p.status() != psutil.STATUS_ZOMBIE and p.name().startswith("python")
            and "resource_tracker" not in " ".join(p.cmdline())]
    assert left == []
    capsys.readouterr()
    outputs = []
    for store in (serial, parallel):
        assert main(["incidents", "--store", str(store)]) == 0
        outputs.append([json.loads(line) for line in capsys.readouterr().out.splitlines()])
    assert outputs[0] and outputs[0] == outputs[1]
