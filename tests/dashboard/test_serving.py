"""Serving: the dashboard reads its store and never writes to it; responses are compressed; `geomap serve`
runs a production WSGI server (waitress) and says how to fill an empty store."""

from __future__ import annotations

import gzip
import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request

from geomap.dashboard import create_app, ids, queries
from geomap.store import IncidentStore
from sample_store import make_sample_store


def _strings(node):
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from _strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from _strings(value)


def _layout(app) -> str:
    """Every string of the page the app serves (ids, text), one per line."""
    response = app.server.test_client().get("/_dash-layout")
    assert response.status_code == 200
    return "\n".join(_strings(response.get_json()))


def test_a_missing_store_is_shown_empty_with_the_ingest_command_and_is_not_created(tmp_path):
    store = tmp_path / "typo" / "mystore.db"
    app = create_app(store)
    layout = _layout(app)
    assert ids.EMPTY_NOTICE in layout and f"geomap ingest --store {store} REPORTS..." in layout
    assert "there is no store at" in layout
    assert not store.exists() and not store.parent.exists()


def test_an_empty_store_is_left_empty_and_a_later_ingest_shows_on_reload(tmp_path):
    store = tmp_path / "empty.db"
    IncidentStore(store).close()
    before = store.read_bytes()
    app = create_app(store)
    assert "holds no incidents" in _layout(app)
    assert store.read_bytes() == before  # nothing was ingested into it, no seeds, no demo data
    assert not store.with_name("empty.db-wal").exists() or store.with_name("empty.db-wal").stat().st_size == 0
    make_sample_store(store)  # the user fills it while the dashboard runs
    assert ids.EMPTY_NOTICE not in _layout(app)
    assert queries.catalog(queries.connect(store))["total"] > 0


def test_a_file_that_is_no_store_is_named_as_such(tmp_path):
    store = tmp_path / "notes.db"
    store.write_text("not a database", encoding="utf-8")
    layout = _layout(create_app(store))
    assert "is not a geomap store" in layout
    assert store.read_text(encoding="utf-8") == "not a database"


def test_responses_are_compressed_when_the_browser_accepts_gzip(sample_store):
    client = create_app(sample_store).server.test_client()
    response = client.get("/_dash-layout", headers={"Accept-Encoding": "gzip"})
    assert response.headers.get("Content-Encoding") == "gzip"
    assert json.loads(gzip.decompress(response.get_data()))["props"]["className"] == "page"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_geomap_serve_runs_waitress_on_a_new_path_and_leaves_it_uncreated(tmp_path):
    store, port = tmp_path / "new.db", _free_port()
    server = subprocess.Popen([sys.executable, "-m", "geomap.cli", "serve", "--store", str(store), "--port", str(port)],
                              stderr=subprocess.PIPE, text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        deadline, page = time.time() + 60, None
        while time.time() < deadline and page is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/_dash-layout", timeout=5) as response:
                    page, served_by = response.read().decode(), response.headers.get("Server")
            except OSError:
                time.sleep(0.3)
        assert page is not None, "geomap serve did not answer"
        assert served_by == "geomap"  # waitress, under the ident geomap gives it (Flask's would say Werkzeug)
        assert "geomap ingest --store" in page
    finally:
        server.terminate()
        _, stderr = server.communicate(timeout=20)
    assert re.search(r"there is no store at .*new\.db.*geomap ingest --store", stderr)
    assert not store.exists()
