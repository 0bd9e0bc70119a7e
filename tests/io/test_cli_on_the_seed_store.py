"""`geomap export` and its filters over a real store holding the ingested seeds."""

from __future__ import annotations

import csv
import json

import pyogrio
import pytest

from geomap.cli import main
from geomap.store import IncidentStore


def filtered_ids(store_path, **filters):
    with IncidentStore(store_path) as store:
        return sorted(i.incident_id for i in store.incidents(**filters))


def test_geojson_export_holds_exactly_the_filtered_view(seed_store, tmp_path, capsys):
    out = tmp_path / "view.geojson"
    code = main(["export", "--store", str(seed_store), "--format", "geojson", "--from", "2020-10-06",
                 "--to", "2020-10-12", "--type", "shelling", str(out)])
    assert code == 0
    expected = filtered_ids(seed_store, date_from="2020-10-06", date_to="2020-10-12", event_types=["shelling"])
    collection = json.loads(out.read_text(encoding="utf-8"))
    assert expected and sorted(f["properties"]["id"] for f in collection["features"]) == expected
    frame = pyogrio.read_dataframe(out)
    assert len(frame) == len(expected)
    ganja = [f for f in collection["features"] if f["properties"]["killed_low"] == 9]
    assert ganja and ganja[0]["geometry"]["coordinates"][0] == pytest.approx([46.36134, 40.68157])
    assert f"{len(expected)} incidents" in capsys.readouterr().out


def test_claimant_filter_and_every_format_read_back(seed_store, tmp_path):
    expected = filtered_ids(seed_store, claimants=["Hikmet Hajiyev, aide to President Aliyev"])
    assert len(expected) == 3  # his claim of strikes on Ganja, Barda and Beylagan: one incident per town
    for fmt in ("geojson", "gpkg", "csv", "kml"):
        out = tmp_path / f"claim.{fmt}"
        assert main(["export", "--store", str(seed_store), "--format", fmt,
                     "--claimant", "Hikmet Hajiyev, aide to President Aliyev", str(out)]) == 0
        if fmt == "csv":
            rows = list(csv.DictReader(out.open(encoding="utf-8")))
            assert len(rows) == 3 and any("Ganja" in row["location"] + row["notes"] for row in rows)
        else:
            layer = "incidents" if fmt == "gpkg" else None
            assert len(pyogrio.read_dataframe(out, layer=layer)) == 3


def test_an_existing_file_and_a_bad_format_exit_2_with_the_reason(seed_store, tmp_path, capsys):
    out = tmp_path / "view.csv"
    out.write_text("old", encoding="utf-8")
    assert main(["export", "--store", str(seed_store), "--format", "csv", str(out)]) == 2
    assert "ExportError" in capsys.readouterr().err and out.read_text(encoding="utf-8") == "old"
    assert main(["export", "--store", str(seed_store), "--format", "csv", "--force", str(out)]) == 0
    assert out.read_text(encoding="utf-8").startswith("event_id_cnty")
    assert main(["export", "--store", str(seed_store), "--format", "xls", str(tmp_path / "x.xls")]) == 2
    assert "unknown export format 'xls'" in capsys.readouterr().err


class MentionCountingStore(IncidentStore):
    """The real store, noting which mention queries the command makes."""

    calls: list = []

    def mentions(self, **filters):
        MentionCountingStore.calls.append(("mentions", filters))
        return super().mentions(**filters)

    def mentions_in_reports(self, report_ids):
        report_ids = sorted(report_ids)
        MentionCountingStore.calls.append(("mentions_in_reports", report_ids))
        return super().mentions_in_reports(report_ids)


def test_mentions_are_read_only_for_a_geopackage_and_only_from_the_exported_reports(seed_store, tmp_path,
                                                                                      monkeypatch):
    import geomap.io.briefing
    import geomap.store

    monkeypatch.setattr(geomap.store, "IncidentStore", MentionCountingStore)
    monkeypatch.setattr(geomap.io.briefing, "write_briefing", lambda *args, **kwargs: {})
    claimant = ["--claimant", "Hikmet Hajiyev, aide to President Aliyev"]
    for command in (["export", "--format", "csv", str(tmp_path / "v.csv")],
                    ["export", "--format", "kml", str(tmp_path / "v.kml")],
                    ["brief", str(tmp_path / "pack")]):
        MentionCountingStore.calls = []
        assert main([*command, "--store", str(seed_store), *claimant]) == 0
        assert MentionCountingStore.calls == [], command  # no view but the GeoPackage uses mentions

    MentionCountingStore.calls = []
    assert main(["export", "--format", "gpkg", "--store", str(seed_store), *claimant, str(tmp_path / "v.gpkg")]) == 0
    with IncidentStore(seed_store) as store:
        incidents = store.incidents(claimants=claimant[1:])
    reports = sorted({s.report_id for incident in incidents for s in incident.sources})
    assert MentionCountingStore.calls == [("mentions_in_reports", reports)]
    places = pyogrio.read_dataframe(tmp_path / "v.gpkg", layer="places")
    assert len(places) and set(places["report"]) == set(reports)


def test_a_300_character_output_name_is_refused_before_anything_is_written(seed_store, tmp_path, capsys):
    out = tmp_path / ("incidents-" + "x" * 290 + ".geojson")
    assert main(["export", "--store", str(seed_store), "--format", "geojson", str(out)]) == 2
    err = capsys.readouterr().err
    assert "choose a shorter name" in err and "Traceback" not in err
    assert list(tmp_path.iterdir()) == []
    assert main(["brief", "--store", str(seed_store), str(tmp_path / ("pack" + "y" * 296))]) == 2
    assert "choose a shorter name" in capsys.readouterr().err
    fits = tmp_path / ("incidents-" + "x" * 200 + ".geojson")  # long, but with room for the temporary file
    assert main(["export", "--store", str(seed_store), "--format", "geojson", str(fits)]) == 0
    assert json.loads(fits.read_text(encoding="utf-8"))["features"]
