"""A briefing of about 150 incidents from a generated feed of ten conflicts: numbered sites that can be read,
a table beside them, and a page that opens with no network."""

from __future__ import annotations

import importlib.util
import math
import shutil
import sys
import time
from pathlib import Path

import pytest

from geomap.cli import main
from geomap.io.briefing import (CREDIT, TABLE_COLUMNS, _CELL_PADDING, _CHAR_EM, _MARGIN, _TABLE_FONT,
                                briefing_map_figure, briefing_view)
from geomap.store import IncidentStore

from offline_browser import offline_chromium
from pngread import read_png

ROOT = Path(__file__).resolve().parents[2]
SIZE = (1920, 1080)

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(shutil.which("chromium") is None, reason="needs the system chromium")]


def _feed():
    spec = importlib.util.spec_from_file_location("feed", ROOT / "bench" / "feed.py")
    module = sys.modules["feed"] = importlib.util.module_from_spec(spec)  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def briefing(tmp_path_factory):
    """One `geomap ingest` of 400 generated reports (about 150 incidents in ten conflicts) and one `geomap brief`."""
    folder = tmp_path_factory.mktemp("brief150")
    feed = _feed()
    batch = folder / "feed.jsonl"
    feed.write_feed(feed.generate_feed(400, seed=3), batch)
    store = folder / "store.db"
    assert main(["ingest", "--store", str(store), str(batch)]) == 0
    assert main(["brief", "--store", str(store), str(folder / "pack")]) == 0
    with IncidentStore(store) as opened:
        incidents = list(opened.incidents())
    view = briefing_view(incidents, size=SIZE)
    return {"incidents": incidents, "view": view, "figure": briefing_map_figure(incidents, size=SIZE, view=view),
            "png": folder / "pack.png", "html": folder / "pack.html"}


def test_the_feed_makes_about_150_incidents_in_several_conflicts(briefing):
    assert 140 <= len(briefing["incidents"]) <= 170
    table = next(t for t in briefing["figure"].data if t.type == "table")
    countries = {text.rsplit("(", 1)[-1] for text in table.cells.values[1] if "(" in text}
    assert len(countries) >= 6


def test_every_incident_is_in_one_table_row_at_least_and_the_numbers_run_from_one(briefing):
    view = briefing["view"]
    numbered = {i for site in view.sites for i in site.incident_ids}
    unplaced = {i.incident_id for i in view.unplaced}
    assert numbered | unplaced == {i.incident_id for i in briefing["incidents"]}
    assert [s.number for s in view.sites] == list(range(1, len(view.sites) + 1))


def test_badges_do_not_touch_and_each_has_its_number_on_it(briefing):
    view, figure = briefing["view"], briefing["figure"]
    drawn = [s for s in view.sites if s.in_view]
    assert 8 <= len(drawn) <= 40
    for k, a in enumerate(drawn):
        for b in drawn[k + 1:]:
            assert math.hypot(a.x - b.x, a.y - b.y) >= (a.diameter + b.diameter) / 2, (a.number, b.number)
    numbers = [a for a in figure.layout.annotations if a.text.startswith("<b>")]
    assert sorted(int(a.text[3:-4]) for a in numbers) == sorted(s.number for s in drawn)


def test_the_table_beside_the_map_has_a_row_per_site_and_one_line_per_cell(briefing):
    view, figure = briefing["view"], briefing["figure"]
    table = [t for t in figure.data if t.type == "table"]
    assert len(table) == 1
    header = [h.replace("<b>", "").replace("</b>", "") for h in table[0].header.values]
    assert header == [name for name, _, _ in TABLE_COLUMNS]
    rows = len(view.sites) + (1 if view.unplaced else 0)
    assert all(len(column) == rows for column in table[0].cells.values)
    assert rows * table[0].cells.height + table[0].header.height <= view.map_size[1]  # the table fits the slide
    width = (SIZE[0] - _MARGIN["l"] - _MARGIN["r"]) * (table[0].domain.x[1] - table[0].domain.x[0])
    for (name, share, _), column in zip(TABLE_COLUMNS, table[0].cells.values):
        room = (share * width - _CELL_PADDING) / (_CHAR_EM * _TABLE_FONT)
        assert max(len(cell) for cell in column) <= room, name


def test_the_title_says_the_date_window_and_the_caption_credits_geonames(briefing):
    texts = [a.text for a in briefing["figure"].layout.annotations]
    assert any(t.startswith("Events ") and " to " in t and "no filter" in t for t in texts)
    assert any(CREDIT in t and "GeoNames (CC BY 4.0)" in t for t in texts)


def test_the_png_draws_each_badge_in_its_colour_where_the_table_says(briefing):
    view = briefing["view"]
    width, height, rows = read_png(briefing["png"])
    assert (width, height) == SIZE
    channels = len(rows[0]) // width
    for site in (s for s in view.sites if s.in_view and 0 < s.y - s.diameter / 3 and s.x < view.map_size[0]):
        x, y = int(_MARGIN["l"] + site.x), int(_MARGIN["t"] + site.y - site.diameter / 3)  # inside the disc, above the digits
        pixel = tuple(rows[y][x * channels:x * channels + 3])
        expected = tuple(int(view.badge_colour(site)[k:k + 2], 16) for k in (1, 3, 5))
        assert max(abs(p - e) for p, e in zip(pixel, expected)) < 40, (site.number, pixel, expected)


@pytest.mark.browser
def test_the_page_opens_offline_with_the_numbers_on_the_map_and_the_table(briefing):
    with offline_chromium("1600,900") as driver:
        driver.get(briefing["html"].as_uri())
        numbers, deadline = [], time.time() + 40
        while time.time() < deadline and not numbers:
            numbers = driver.execute_script(
                "return [...document.querySelectorAll('.site-numbers span')].map(s => s.textContent)")
            time.sleep(0.25)
        view = briefing["view"]
        assert numbers and set(numbers) <= {str(s.number) for s in view.sites}
        rows = driver.execute_script("return [...document.querySelectorAll('table.sites tbody tr')]"
                                     ".map(r => r.cells[0].textContent)")
        assert rows == [str(s.number) for s in view.sites] + (["–"] if view.unplaced else [])
        requests = driver.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
        assert [r for r in requests if r.startswith("http")] == []
