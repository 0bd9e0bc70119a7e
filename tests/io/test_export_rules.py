"""What `export_incidents` and `geomap export` refuse, and how they say it."""

from __future__ import annotations

import json

import pytest

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


def test_cli_export_names_a_missing_store_and_a_bad_date(tmp_path, capsys):
    assert main(["export", "--store", str(tmp_path / "none.db"), str(tmp_path / "x.geojson")]) == 2
    assert "no incident store" in capsys.readouterr().err
    (tmp_path / "s.db").write_bytes(b"")
    assert main(["export", "--store", str(tmp_path / "s.db"), "--from", "11/10/2020", str(tmp_path / "x.geojson")]) == 2
    assert "not an ISO date" in capsys.readouterr().err
