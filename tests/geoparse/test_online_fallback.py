"""The optional online fallback against a fake Nominatim on loopback: off by default, rate-limited,
cached on disk, and offline (refused connection, a server that never answers) it leaves names
unresolved quickly instead of failing or hanging."""

import json
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

import pytest

from geomap.geoparse import geoparse
from geomap.geoparse.online import OnlineGeocoder

REPORT = "Gunmen raided the village of Tawakkulat in Sudan's Khartoum state overnight, residents said."
ANSWER = [{"lat": "15.70", "lon": "32.41", "name": "Tawakkulat", "display_name": "Tawakkulat, Khartoum, Sudan",
           "osm_type": "node", "osm_id": 42, "class": "place", "type": "village", "address": {"country_code": "sd"}}]


class FakeNominatim(BaseHTTPRequestHandler):
    requests: list = []
    delay = 0.0

    def do_GET(self):  # noqa: N802 (http.server's name)
        url = urlparse(self.path)
        type(self).requests.append((time.monotonic(), url.path, parse_qs(url.query)))
        time.sleep(type(self).delay)
        query = parse_qs(url.query).get("q", [""])[0]
        body = json.dumps(ANSWER if query == "Tawakkulat" else []).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def fake_server():
    FakeNominatim.requests = []
    FakeNominatim.delay = 0.0
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeNominatim)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def geocoder(domain, tmp_path, **options):
    return OnlineGeocoder(domain=domain, scheme="http", cache_path=tmp_path / "cache.sqlite", **options)


def test_offline_by_default_the_village_stays_unresolved(parse):
    (m,) = [m for m in parse(REPORT) if m.surface == "Tawakkulat"]
    assert m.place is None


def test_the_fallback_resolves_an_unknown_village_within_the_reports_country(gazetteer, fake_server, tmp_path):
    online = geocoder(fake_server, tmp_path, min_delay_seconds=0.0)
    (m,) = [m for m in geoparse(REPORT, gazetteer, online=online) if m.surface == "Tawakkulat"]
    assert m.place.country_code == "SD" and (m.place.lat, m.place.lon) == (15.70, 32.41)
    assert m.place.place_id == "osm:node/42" and m.precision == 1 and m.confidence < 0.9
    (_, path, query), = FakeNominatim.requests
    assert path == "/search" and query["countrycodes"] == ["sd"]


def test_answers_are_cached_on_disk_and_not_asked_again(gazetteer, fake_server, tmp_path):
    geoparse(REPORT, gazetteer, online=geocoder(fake_server, tmp_path, min_delay_seconds=0.0))
    again = geocoder(fake_server, tmp_path, min_delay_seconds=0.0)  # a new run, the same cache file
    (m,) = [m for m in geoparse(REPORT, gazetteer, online=again) if m.surface == "Tawakkulat"]
    assert m.place is not None and len(FakeNominatim.requests) == 1 and again.requests == 0


def test_requests_are_spaced_by_the_rate_limit(fake_server, tmp_path):
    online = geocoder(fake_server, tmp_path, min_delay_seconds=0.3)
    started = time.monotonic()
    for name in ("Tawakkulat", "Nowhere One", "Nowhere Two"):
        online.lookup(name, country_codes=frozenset({"SD"}))
    # Arrival times at the server jitter on a loaded machine; the client's own waits do not:
    # three requests 0.3 s apart take at least 0.6 s (without the limit, a few milliseconds).
    assert len(FakeNominatim.requests) == 3 and time.monotonic() - started >= 0.6


def test_a_refused_connection_leaves_names_unresolved_without_error(gazetteer, tmp_path):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    online = geocoder(f"127.0.0.1:{closed_port}", tmp_path, timeout=2.0)
    (m,) = [m for m in geoparse(REPORT, gazetteer, online=online) if m.surface == "Tawakkulat"]
    assert m.place is None
    assert online.lookup("Another Village") is None and online.requests == 1  # it stops asking after a failure


def test_a_server_that_never_answers_costs_one_timeout_not_a_hang(gazetteer, fake_server, tmp_path):
    FakeNominatim.delay = 3.0
    online = geocoder(fake_server, tmp_path, timeout=0.5)
    started = time.monotonic()
    (m,) = [m for m in geoparse(REPORT + " Later, Tawakkulat was quiet.", gazetteer, online=online)
            if m.surface == "Tawakkulat"][:1]
    assert m.place is None and time.monotonic() - started < 2.5
