"""The toolbar's downloads, called as the callbacks call them: exactly the filtered view, in every format."""

import base64
import io
import json
import shutil
import zipfile
from pathlib import Path

import jsonschema
import pyogrio
import pytest
from dash import no_update

from geomap.dashboard import callbacks, queries
from geomap.dashboard.state import ViewState
from geomap.filters import IncidentFilter, NO_CLAIMANT, UNVERIFIED
from geomap.io.briefing import CREDIT, DEFAULT_TITLE
from geomap.io.geojson import feature_collection_schema
from geomap.store import IncidentStore

WEEK = dict(date_from="2020-10-05", date_to="2020-10-12")
ID_COLUMN = {"geojson": "id", "gpkg": "id", "csv": "event_id_cnty", "kml": "id"}


def content(data: dict) -> bytes:
    assert data["base64"] is True
    return base64.b64decode(data["content"])


def saved(data: dict, folder: Path) -> Path:
    """The download as the browser would save it."""
    path = folder / data["filename"]
    path.write_bytes(content(data))
    return path


def shown_ids(store, state: ViewState) -> list[str]:
    """The incidents the page shows for this state: the count's number and the table's rows."""
    conn = queries.connect(store)
    shown = queries.map_view(conn, state.filters()).shown
    table = [r["id"] for r in queries.table_rows(conn, state.filters())]
    assert len(table) == shown
    return table


@pytest.mark.parametrize("state", [
    ViewState(**WEEK, types=("shelling",)),
    ViewState(search="barda"),
    ViewState(**WEEK, verification=UNVERIFIED),
    ViewState(claimants=(NO_CLAIMANT,)),
    ViewState(geo=("1",), timep=("1",)),
    ViewState(),
], ids=["week-of-shelling", "search", "unverified", "no-claimant", "exact-only", "everything"])
def test_the_geojson_download_holds_exactly_the_filtered_view(sample_store, tmp_path, state):
    data, status = callbacks.export_download(sample_store, state, "geojson")
    collection = json.loads(content(data))
    jsonschema.Draft7Validator(feature_collection_schema()).validate(collection)
    expected = [i.incident_id for i in queries.filtered_incidents(queries.connect(sample_store), state.filters())]
    assert sorted(f["properties"]["id"] for f in collection["features"]) == sorted(shown_ids(sample_store, state))
    assert [f["properties"]["id"] for f in collection["features"]] == expected
    frame = pyogrio.read_dataframe(saved(data, tmp_path))
    assert list(frame["id"]) == expected
    assert status.startswith(f"{len(expected)} incident")


def test_a_week_of_shelling_is_ganja_and_tartar_in_a_file_named_for_the_week(sample_store):
    data, status = callbacks.export_download(sample_store, ViewState(**WEEK, types=("shelling",)), "geojson")
    assert data["filename"] == "geomap_2020-10-05_2020-10-12.geojson"
    assert data["type"] == "application/geo+json"
    ids = [f["id"] for f in json.loads(content(data))["features"]]
    assert ids == ["inc-xss", "inc-ganja-shelling"]
    assert status == "2 incidents → geomap_2020-10-05_2020-10-12.geojson"


@pytest.mark.parametrize("fmt, suffix", [("gpkg", ".gpkg"), ("csv", ".csv"), ("kml", ".kml")])
def test_every_format_reads_back_as_the_same_view(sample_store, tmp_path, fmt, suffix):
    state = ViewState(**WEEK, types=("shelling", "battle"))
    data, _ = callbacks.export_download(sample_store, state, fmt)
    assert data["filename"] == f"geomap_2020-10-05_2020-10-12{suffix}"
    path = saved(data, tmp_path)
    frame = pyogrio.read_dataframe(path, layer="incidents") if fmt == "gpkg" else pyogrio.read_dataframe(path)
    assert sorted(frame[ID_COLUMN[fmt]]) == sorted(shown_ids(sample_store, state))
    if fmt == "gpkg":
        assert {"incidents", "claims", "places"} <= {name for name, _ in pyogrio.list_layers(path)}


def test_the_export_view_is_the_store_s_own_incident_records(sample_store):
    with IncidentStore(sample_store) as store:
        everything = store.incidents()
        shelling = store.incidents(event_types=["shelling"], **WEEK)
    conn = queries.connect(sample_store)
    assert queries.filtered_incidents(conn, IncidentFilter()) == everything
    assert queries.filtered_incidents(conn, ViewState(**WEEK, types=("shelling",)).filters()) == shelling


def test_an_empty_view_downloads_a_valid_empty_collection(sample_store):
    data, status = callbacks.export_download(sample_store, ViewState(search="no such words anywhere"), "geojson")
    collection = json.loads(content(data))
    jsonschema.Draft7Validator(feature_collection_schema()).validate(collection)
    assert collection["features"] == [] and status.startswith("0 incidents")


def test_a_failed_export_says_why_and_downloads_nothing(sample_store):
    data, status = callbacks.export_download(sample_store, ViewState(), "shapefile")
    assert data is no_update
    assert status.startswith("Export failed: unknown export format 'shapefile'")


def test_the_file_name_says_all_dates_when_the_view_has_no_window():
    assert callbacks.download_name(ViewState(), ".csv") == "geomap_all-dates.csv"
    assert callbacks.download_name(ViewState(**WEEK), "", stem="geomap_briefing") == \
        "geomap_briefing_2020-10-05_2020-10-12"


def test_downloads_are_written_outside_the_repository(sample_store, monkeypatch, tmp_path):
    folders = []
    real = callbacks.tempfile.TemporaryDirectory

    def recording(*args, **kwargs):
        folder = real(*args, **kwargs)
        folders.append(Path(folder.name))
        return folder

    monkeypatch.setattr(callbacks.tempfile, "TemporaryDirectory", recording)
    callbacks.export_download(sample_store, ViewState(), "csv")
    repo = Path(callbacks.__file__).resolve().parents[3]
    assert folders and all(repo not in f.parents for f in folders)
    assert not any(f.exists() for f in folders)  # cleaned up once the bytes are sent


def test_the_briefing_is_a_standalone_html_page_with_the_typed_title(sample_store):
    data, status = callbacks.briefing_download(sample_store, ViewState(**WEEK, types=("shelling",)),
                                               "  Shelling, week of 5 October  ")
    assert data["filename"] == "geomap_briefing_2020-10-05_2020-10-12.html"
    page = content(data).decode("utf-8")
    assert "<title>Shelling, week of 5 October</title>" in page
    assert CREDIT in page and "Ganja" in page
    assert "<script src=" not in page.replace('<script src="data:', "")  # nothing to fetch: it opens offline
    assert status == "2 incidents → geomap_briefing_2020-10-05_2020-10-12.html"


def test_a_blank_title_gives_the_default_briefing_title(sample_store):
    data, _ = callbacks.briefing_download(sample_store, ViewState(), "   ")
    assert f"<title>{DEFAULT_TITLE}</title>" in content(data).decode("utf-8")


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("chromium") is None, reason="needs the system chromium for kaleido")
def test_the_briefing_with_png_and_pdf_is_one_zip_of_the_three(sample_store):
    pytest.importorskip("kaleido")
    data, status = callbacks.briefing_download(sample_store, ViewState(**WEEK), "Week", static=True)
    assert data["filename"] == "geomap_briefing_2020-10-05_2020-10-12.zip"
    with zipfile.ZipFile(io.BytesIO(content(data))) as archive:
        names = sorted(archive.namelist())
        assert names == [f"geomap_briefing_2020-10-05_2020-10-12.{k}" for k in ("html", "pdf", "png")]
        assert archive.read(names[2])[:8] == b"\x89PNG\r\n\x1a\n"
        assert archive.read(names[1])[:5] == b"%PDF-"
    assert status.endswith(".zip")


def test_under_all_dates_the_download_holds_the_undated_incidents_the_map_shows(sample_store, tmp_path):
    catalog = queries.catalog(queries.connect(sample_store))
    whole = ViewState(date_from=catalog["date_min"], date_to=catalog["date_max"])  # the slider at its full span
    data, _ = callbacks.export_download(sample_store, whole, "csv", catalog=catalog)
    assert data["filename"] == f"geomap_{catalog['date_min']}_{catalog['date_max']}.csv"  # named by the window
    ids = list(pyogrio.read_dataframe(saved(data, tmp_path))["event_id_cnty"])
    on_screen = {r["id"] for r in callbacks.render_table(sample_store, whole, catalog)[0]}
    assert set(ids) == on_screen and "inc-no-date" in ids
    narrower = ViewState(date_from=catalog["date_min"], date_to="2020-10-11")
    data, _ = callbacks.export_download(sample_store, narrower, "csv", catalog=catalog)
    assert "inc-no-date" not in set(pyogrio.read_dataframe(saved(data, tmp_path))["event_id_cnty"])
    page, _ = callbacks.briefing_download(sample_store, whole, "All", catalog=catalog)
    assert "inc-no-date" in content(page).decode("utf-8")
