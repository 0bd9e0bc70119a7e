"""What `export_incidents` and `geomap export` refuse, and how they say it."""

from __future__ import annotations

import json

import pytest

import geomap.store
from geomap.cli import main
from geomap.exc import ExportError
from geomap.io import export_incidents


def test_an_existing_file_is_not_overwritten_without_force(filtered, tmp_path):
    path = tmp_path / "view.geojson"
    path.write_text("keep me", encoding="utf-8")
    with pytest.raises(ExportError, match="exists; pass --force"):
        export_incidents(filtered, path)
    assert path.read_text(encoding="utf-8") == "keep me"
    export_incidents(filtered, path, force=True)
    assert len(json.loads(path.read_text(encoding="utf-8"))["features"]) == 2


def test_force_replaces_an_existing_geopackage_rather_than_appending(filtered, incidents, tmp_path):
    import pyogrio

    path = export_incidents(incidents, tmp_path / "view.gpkg")
    export_incidents(filtered, path, force=True)
    assert len(pyogrio.read_dataframe(path, layer="incidents")) == 2


@pytest.mark.parametrize("name, fmt, message", [
    ("view.shp", "shapefile", "unknown export format 'shapefile'"),
    ("view.csv", "gpkg", "has the suffix of a csv file"),
    ("view.out", None, "cannot tell the format"),
    ("missing/view.geojson", "geojson", "does not exist; create it first"),
])
def test_bad_format_or_path_is_a_clear_export_error(filtered, tmp_path, name, fmt, message):
    with pytest.raises(ExportError, match=message):
        export_incidents(filtered, tmp_path / name, fmt=fmt)
    assert not (tmp_path / name).exists()


def test_a_folder_is_not_an_output_file(filtered, tmp_path):
    with pytest.raises(ExportError, match="is a folder"):
        export_incidents(filtered, tmp_path, fmt="geojson")


class FakeStore:
    """Stands in for IncidentStore: hands out the fixture incidents and records the filters asked for."""

    calls: list = []
    view: list = []

    def __init__(self, path=None):
        self.path = path

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return None

    def incidents(self, **filters):
        FakeStore.calls.append(filters)
        return FakeStore.view

    def mentions(self, **_):
        return []


@pytest.fixture
def fake_store(monkeypatch, tmp_path, filtered):
    monkeypatch.setattr(geomap.store, "IncidentStore", FakeStore)
    FakeStore.calls, FakeStore.view = [], filtered
    store = tmp_path / "store.db"
    store.write_bytes(b"")
    return store


def test_cli_export_passes_the_filters_to_the_store_and_writes_the_view(fake_store, tmp_path, capsys):
    out = tmp_path / "view.geojson"
    code = main(["export", "--store", str(fake_store), "--format", "geojson", "--from", "2020-10-01",
                 "--to", "2020-10-12", "--type", "shelling", "--type", "missile strike", "--claimant", "Hikmet Hajiyev",
                 str(out)])
    assert code == 0
    assert FakeStore.calls == [{"date_from": "2020-10-01", "date_to": "2020-10-12",
                                "event_types": ["shelling", "missile strike"], "claimants": ["Hikmet Hajiyev"]}]
    assert len(json.loads(out.read_text(encoding="utf-8"))["features"]) == 2
    assert "2 incidents" in capsys.readouterr().out


def test_cli_export_refuses_an_existing_file_and_a_bad_format_with_exit_code_2(fake_store, tmp_path, capsys):
    out = tmp_path / "view.csv"
    out.write_text("old", encoding="utf-8")
    assert main(["export", "--store", str(fake_store), "--format", "csv", str(out)]) == 2
    assert "ExportError" in capsys.readouterr().err and out.read_text(encoding="utf-8") == "old"
    assert main(["export", "--store", str(fake_store), "--format", "csv", "--force", str(out)]) == 0
    assert main(["export", "--store", str(fake_store), "--format", "xls", str(tmp_path / "x.xls")]) == 2
    assert "unknown export format 'xls'" in capsys.readouterr().err


def test_cli_export_names_a_missing_store_and_a_bad_date(tmp_path, capsys):
    assert main(["export", "--store", str(tmp_path / "none.db"), str(tmp_path / "x.geojson")]) == 2
    assert "no incident store" in capsys.readouterr().err
    (tmp_path / "s.db").write_bytes(b"")
    assert main(["export", "--store", str(tmp_path / "s.db"), "--from", "11/10/2020", str(tmp_path / "x.geojson")]) == 2
    assert "not an ISO date" in capsys.readouterr().err
