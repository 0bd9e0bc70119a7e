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


# --- one story carried word for word by several outlets ---------------------------------------------------------

_WIRE_STORY = ("Shelling kills three in Vellmar\n\n"
               "VELLMAR, Germany (Wire Agency) - Artillery shells hit the town of Vellmar on Monday, killing three "
               "civilians and wounding five, the regional governor said.\n"
               "The governor said the shells struck a market near the river.")


def _carried(folder: Path, name: str, outlets: list[tuple[str, str, str]], *, text: str = _WIRE_STORY) -> Path:
    """A batch of the same story as each (row id, outlet, URL) published it."""
    path = folder / name
    path.write_text("".join(json.dumps({"id": row, "title": "Shelling kills three in Vellmar", "text": text,
                                        "source": outlet, "url": url, "published": "2024-05-06"}) + "\n"
                            for row, outlet, url in outlets), encoding="utf-8")
    return path


def test_one_story_carried_word_for_word_by_two_outlets_is_one_report_and_a_reprint(tmp_path, capsys):
    store = tmp_path / "g.db"
    first = _carried(tmp_path, "courier.jsonl", [("c-1", "Daily Courier", "https://courier.example/c-1")])
    second = _carried(tmp_path, "herald.jsonl", [("h-9", "Evening Herald", "https://herald.example/h-9")])
    assert main(["ingest", "--store", str(store), str(first), str(second)]) == 0
    out = capsys.readouterr().out
    assert "reports read: 1\n" in out and "reprints: 1 " in out
    with sqlite3.connect(store) as db:
        assert [db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in ("reports", "reprints")] == [1, 1]

    assert main(["incidents", "--store", str(store)]) == 0
    incidents = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    shelling = next(i for i in incidents if i["type"] == "shelling")
    assert shelling["corroboration"] == 1  # the same words: one story, counted once
    assert shelling["outlets"] == ["Daily Courier", "Evening Herald"]
    assert {(r["report"], r["publisher"], r["url"]) for s in shelling["sources"] for r in s["reprints"]} == {
        ("h-9", "Evening Herald", "https://herald.example/h-9")}

    assert main(["export", "--store", str(store), str(tmp_path / "out.geojson")]) == 0
    features = json.loads((tmp_path / "out.geojson").read_text(encoding="utf-8"))["features"]
    properties = next(f["properties"] for f in features if f["properties"]["id"] == shelling["id"])
    assert properties["outlets"] == ["Daily Courier", "Evening Herald"]

    # Both files again, in either order: the same publications, nothing added.
    capsys.readouterr()
    assert main(["ingest", "--store", str(store), str(second), str(first)]) == 0
    assert "reports read: 0 (2 already in the store, unchanged)" in capsys.readouterr().out
    with sqlite3.connect(store) as db:
        assert [db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in ("reports", "reprints")] == [1, 1]


def test_a_reprint_arriving_later_shows_on_the_stored_incident_in_the_csv_and_the_geopackage(tmp_path, capsys):
    store = tmp_path / "g.db"
    assert main(["ingest", "--store", str(store),
                 str(_carried(tmp_path, "courier.jsonl", [("c-1", "Daily Courier", "")]))]) == 0
    assert main(["ingest", "--store", str(store), str(_carried(
        tmp_path, "others.jsonl", [("h-9", "Evening Herald", ""), ("p-2", "Port Gazette", ""),
                                   ("p-2b", "Port Gazette", "")]))]) == 0  # the Gazette's twice: once
    capsys.readouterr()
    assert main(["export", "--store", str(store), str(tmp_path / "out.csv")]) == 0
    import csv

    rows = list(csv.DictReader((tmp_path / "out.csv").open(encoding="utf-8")))
    assert rows and all(row["source"] == "Daily Courier; Evening Herald; Port Gazette" for row in rows)
    assert all(row["corroboration"] == "1" for row in rows)
    assert main(["export", "--store", str(store), str(tmp_path / "out.gpkg")]) == 0
    import pyogrio

    layer = pyogrio.read_dataframe(tmp_path / "out.gpkg", layer="incidents")
    assert set(layer["outlets"]) == {"Daily Courier; Evening Herald; Port Gazette"}


def test_a_copy_in_other_words_from_another_outlet_is_a_report_of_its_own(tmp_path, capsys):
    store = tmp_path / "g.db"
    retold = ("Three civilians killed in Vellmar shelling\n\nArtillery fire struck a riverside market in Vellmar, "
              "Germany, on Monday, killing three civilians and wounding five, according to the regional governor.")
    assert main(["ingest", "--store", str(store),
                 str(_carried(tmp_path, "courier.jsonl", [("c-1", "Daily Courier", "")])),
                 str(_carried(tmp_path, "herald.jsonl", [("h-9", "Evening Herald", "")], text=retold))]) == 0
    assert "reprints:" not in capsys.readouterr().out
    with sqlite3.connect(store) as db:
        assert [db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in ("reports", "reprints")] == [2, 0]
    assert main(["incidents", "--store", str(store)]) == 0
    incidents = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert all(s["reprints"] == [] for i in incidents for s in i["sources"])
    assert {p for i in incidents for p in i["outlets"]} == {"Daily Courier", "Evening Herald"}
