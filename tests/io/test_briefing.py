"""The briefing pack: an HTML page that opens offline with its markers, a PNG and a one-page PDF at slide size."""

from __future__ import annotations

import os
import re
import shutil
import time

import pytest

import geomap.store
from geomap.cli import main
from geomap.exc import ExportError
from geomap.figures import TYPE_COLOURS
from geomap.io.briefing import CREDIT, parse_size, write_briefing

from offline_browser import offline_chromium
from pngread import pixel_stats, read_png

pytestmark = pytest.mark.skipif(shutil.which("chromium") is None, reason="needs the system chromium")

SIZE = (1600, 900)
TITLE = "Karabakh front: incidents and claims <in the seeds>"


@pytest.fixture(scope="module")
def pack(tmp_path_factory):
    """`geomap brief` run once over a store holding the seed incidents (written as records, no geoparsing),
    with the pages kaleido builds recorded and no BROWSER_PATH set: each test below asserts on this one
    render, since a kaleido render (a Chromium start, a map drawn in software) is the slowest step here."""
    import kaleido.kaleido
    from seed_incidents import seed_incidents

    pages = []

    class RecordingPageGenerator(kaleido.PageGenerator):
        def generate_index(self):
            pages.append(super().generate_index())
            return pages[-1]

    folder = tmp_path_factory.mktemp("brief")
    store = folder / "store.db"
    with geomap.store.IncidentStore(store) as opened, opened.transaction():
        opened.replace_incidents((), seed_incidents())
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(kaleido.kaleido, "PageGenerator", RecordingPageGenerator)
        patch.delenv("BROWSER_PATH", raising=False)
        code = main(["brief", "--store", str(store), "--title", TITLE, "--size", "x".join(map(str, SIZE)),
                     str(folder / "pack")])
        browser_path_left = os.environ.get("BROWSER_PATH")
    assert code == 0
    return {**{kind: folder / f"pack.{kind}" for kind in ("html", "png", "pdf")},
            "kaleido_pages": pages, "browser_path_left": browser_path_left}


@pytest.mark.slow
def test_png_has_the_requested_size_and_is_not_blank(pack):
    width, height, rows = read_png(pack["png"])
    assert (width, height) == SIZE
    stats = pixel_stats(rows)
    assert stats["distinct"] > 50  # boundaries, markers, text: not a flat image
    assert 0.3 < stats["not_white"] < 0.99  # the land fill covers the map, the margins stay white
    # the Ganja shelling claim is drawn in its type colour (figures.TYPE_COLOURS)
    red, green, blue = (int(TYPE_COLOURS["shelling"][k:k + 2], 16) for k in (1, 3, 5))
    assert any(abs(r - red) < 12 and abs(g - green) < 12 and abs(b - blue) < 12 for r, g, b in stats["colours"])


@pytest.mark.slow
def test_pdf_has_one_page(pack):
    data = pack["pdf"].read_bytes()
    assert data.startswith(b"%PDF")
    assert len(re.findall(rb"/Type\s*/Page(?![s\w])", data)) == 1


@pytest.mark.slow
def test_html_is_standalone_escaped_and_credits_the_data(pack):
    page = pack["html"].read_text(encoding="utf-8")
    assert not re.search(r"<script[^>]+src=[\"']https?:", page)  # plotly.js is inlined
    assert "Karabakh front: incidents and claims &lt;in the seeds&gt;" in page and "<in the seeds>" not in page
    assert CREDIT in page
    assert "Events 27 Sep 2020 to 11 Oct 2020" in page
    assert "The Azeri Prosecutor General’s Office said nine people had been killed and 34 wounded" in page


@pytest.mark.slow
@pytest.mark.browser
def test_html_opens_offline_in_headless_chromium_and_shows_the_markers(pack):
    with offline_chromium("1400,1000") as driver:
        driver.get(pack["html"].as_uri())
        rendered = 0
        deadline = time.time() + 30
        while time.time() < deadline:
            rendered = driver.execute_script("""
                const gd = document.getElementById('briefing-map');
                const sub = gd && gd._fullLayout && gd._fullLayout.map && gd._fullLayout.map._subplot;
                if (!sub || !sub.map || !sub.map.loaded()) return -1;
                return sub.map.queryRenderedFeatures().filter(f => f.layer.type === 'circle').length;""")
            if rendered and rendered > 0:
                break
            time.sleep(0.25)
        assert rendered > 0, "no marker drawn on the map"
        numbers = driver.execute_script(
            "return [...document.querySelectorAll('.site-numbers span')].map(s => s.textContent)")
        assert numbers  # the numbered sites of the table, drawn on the map
        requests = driver.execute_script(
            "return performance.getEntriesByType('resource').map(e => e.name)")
        assert [r for r in requests if r.startswith("http")] == []
        assert "Sources" in driver.find_element("tag name", "body").text


@pytest.mark.slow
def test_png_renders_with_no_script_from_the_network_and_leaves_the_environment_alone(pack):
    """kaleido's page would load MathJax (and could load plotly.js) from a CDN: every script must be a local file."""
    pages = pack["kaleido_pages"]
    assert pages, "kaleido built no page: the check below would prove nothing"
    sources = [src for page in pages for src in re.findall(r"<script[^>]*\ssrc=[\"']?([^\"' >]+)", page)]
    assert sources and all(src.startswith("file:") for src in sources), sources
    assert pack["browser_path_left"] is None  # the browser is passed to kaleido, not through the process environment


@pytest.mark.slow
def test_existing_pack_is_not_overwritten_without_force(pack):
    with pytest.raises(ExportError, match="exists; pass --force"):
        write_briefing([], pack["html"].with_suffix(""))


@pytest.mark.parametrize("text", ["1920", "1920x", "axb", "10x10"])
def test_bad_size_is_refused(text):
    with pytest.raises(ExportError):
        parse_size(text)


def test_the_view_frames_the_main_cluster_and_leaves_distant_places_out():
    from geomap.io.briefing import main_cluster

    front = [{"lat": 40.68, "lon": 46.36}, {"lat": 40.38, "lon": 47.13}, {"lat": 39.82, "lon": 46.75},
             {"lat": 39.75, "lon": 46.75}, {"lat": 40.0, "lon": 46.9}]
    far = [{"lat": 55.75, "lon": 37.62}, {"lat": 39.93, "lon": 32.86}]  # Moscow, Ankara
    assert main_cluster(front + far) == front
    assert main_cluster(far + front[:1]) == far + front[:1]  # too few places to call any an outlier
