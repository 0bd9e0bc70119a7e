"""GeoPackage, CSV and KML exports: written by real writers, read back with pyogrio and pandas."""

from __future__ import annotations

import re
import shutil
import subprocess

import pandas as pd
import pyogrio
import pytest

from geomap.io import export_incidents
from geomap.io.csv import ACLED_COLUMNS


def test_geopackage_has_incidents_claims_and_places_layers_that_read_back(filtered, tmp_path):
    path = export_incidents(filtered, tmp_path / "view.gpkg", fmt="gpkg")
    layers = {name: kind for name, kind in pyogrio.list_layers(path)}
    assert layers == {"incidents": "MultiPoint", "claims": "MultiPoint", "places": "Point"}
    incidents = pyogrio.read_dataframe(path, layer="incidents")
    assert list(incidents["id"]) == [i.incident_id for i in filtered]
    assert {"sources_json", "source_sentence", "source_publisher", "places_json", "killed_low", "denied_by"} <= set(
        incidents.columns)
    assert incidents.loc[0, "source_sentence"].startswith("The Azeri Prosecutor General")
    assert incidents.loc[1, "denied_by"] == "Armenia"
    assert pyogrio.read_info(path, layer="incidents")["fields"].tolist()[:6] == [
        "id", "type", "acled_event_type", "date_start", "date_end", "time_precision"]
    assert len(pyogrio.read_dataframe(path, layer="claims")) == 2
    places = pyogrio.read_dataframe(path, layer="places")
    assert sorted(places["name"]) == ["Barda", "Beylagan", "Ganja", "Ganja"]


def test_geopackage_places_layer_holds_mentions_when_given(filtered, tmp_path):
    mentions = [{"report": "004_69d44303080b5a50.txt", "start": 743, "end": 748, "text": "Ganja", "place_id": "586523",
                 "name": "Ganja", "lat": 40.68157, "lon": 46.36134, "precision": 1, "role": "place"},
                {"report": "004_69d44303080b5a50.txt", "start": 10, "end": 15, "text": "Xyzzy", "place_id": None,
                 "name": None, "lat": None, "lon": None, "precision": None, "role": "place"}]
    path = export_incidents(filtered, tmp_path / "view.gpkg", places=mentions)
    places = pyogrio.read_dataframe(path, layer="places")
    assert list(places["text"]) == ["Ganja", "Xyzzy"]
    assert places.geometry.isna().tolist() == [False, True]  # an unresolved mention is kept


def test_an_empty_view_still_writes_three_layers(tmp_path):
    path = export_incidents([], tmp_path / "none.gpkg")
    assert [name for name, _ in pyogrio.list_layers(path)] == ["incidents", "claims", "places"]
    assert len(pyogrio.read_dataframe(path, layer="incidents")) == 0


def test_csv_has_acled_like_columns_with_fatalities_as_the_low_figure(incidents, tmp_path):
    path = export_incidents(incidents, tmp_path / "view.csv", fmt="csv")
    table = pd.read_csv(path)
    assert list(table.columns) == list(ACLED_COLUMNS)
    assert len(table) == len(incidents)
    ganja = table.set_index("event_id_cnty").loc["inc-ganja-2020-10-11"]
    assert (ganja["event_date"], ganja["year"], ganja["country"], ganja["location"]) == (
        "2020-10-11", 2020, "Azerbaijan", "Ganja")
    assert (ganja["latitude"], ganja["longitude"]) == (40.68157, 46.36134)
    assert (ganja["fatalities"], ganja["fatalities_low"], ganja["fatalities_high"]) == (9, 9, 9)
    assert ganja["time_precision"] == 1 and ganja["geo_precision"] == 1
    assert ganja["notes"].startswith("The Azeri Prosecutor General")
    toll = table.set_index("event_id_cnty").loc["inc-nk-toll-2020-10-06"]
    assert (toll["fatalities"], toll["fatalities_high"], toll["geo_precision"], toll["time_precision"]) == (
        270, 300, 3, 2)
    unlocated = table.set_index("event_id_cnty").loc["inc-unlocated-2020-10-06"]
    assert pd.isna(unlocated["latitude"]) and pd.isna(unlocated["fatalities"])  # unknown is empty, never 0


def test_csv_reads_back_with_pyogrio_too(filtered, tmp_path):
    path = export_incidents(filtered, tmp_path / "view.csv")
    frame = pyogrio.read_dataframe(path)
    assert len(frame) == 2 and list(frame.columns)[: len(ACLED_COLUMNS)] == list(ACLED_COLUMNS)


def test_kml_reads_back_with_one_placemark_per_incident(incidents, tmp_path):
    path = export_incidents(incidents, tmp_path / "view.kml", fmt="kml")
    frame = pyogrio.read_dataframe(path)
    assert list(frame["id"]) == [i.incident_id for i in incidents]
    assert frame.geometry.isna().sum() == 1  # the unlocated incident is still a placemark
    names = list(frame["Name"] if "Name" in frame else frame["name"])
    assert names[0] == "shelling, Ganja, 2020-10-11"
    assert "34 wounded" in frame.loc[0, "description"]
    text = path.read_text(encoding="utf-8")
    assert "<TimeSpan>" in text and "<begin>2020-10-11" in text


def _field_types(path, layer):
    info = pyogrio.read_info(path, layer=layer)
    return dict(zip(info["fields"].tolist(), info["dtypes"].tolist()))


def test_geopackage_columns_keep_their_types_whatever_the_data(tmp_path):
    """Two exports, one whose claims give no wounded figure and no civilian toll: the same columns, the same types;
    counts are integers, coordinates reals, never text (as inferred from values they were)."""
    from geomap.records import EventDate, Incident, Mention, Place, SourceRef

    town = Place("test:qarvel", "Qarvel", 10.5, 30.4, "XX", "P", "PPL")

    def shelling(day, **figures):
        sentence = f"Shells hit Qarvel on {day}, the district office said."
        source = SourceRef(f"wire-{day}", "Invented Wire", day, sentence, 0, len(sentence), mention_spans=((11, 17),))
        return Incident(f"inc-qarvel-{day}", "shelling", "Explosions/Remote violence", EventDate(day, day, 1),
                        (Mention(11, 17, "Qarvel", town, 1, 0.9),), sources=(source,), claimant="the district office",
                        **figures)

    bare = export_incidents([shelling("2031-04-02")], tmp_path / "bare.gpkg")
    told = export_incidents([shelling("2031-04-03", killed_low=2, killed_high=3, wounded_low=5, wounded_high=5,
                                      civilians_killed_low=2, civilians_killed_high=2)], tmp_path / "told.gpkg")
    for layer in ("incidents", "claims", "places"):
        assert _field_types(bare, layer) == _field_types(told, layer), layer
    incidents, claims, places = (_field_types(bare, layer) for layer in ("incidents", "claims", "places"))
    assert {incidents[k] for k in ("killed_low", "wounded_high", "civilians_killed_high", "corroboration")} == {"int64"}
    assert claims["wounded_low"] == claims["killed_high"] == "int64"
    assert places["lat"] == places["lon"] == "float64"
    assert incidents["is_claim"] == "bool"


def _claim_and_fact(shellings_at):
    """Two shellings at an invented town: one a district office claims, one a fact; only the claim has a toll."""
    from dataclasses import replace

    first, second = shellings_at("Qarvel", 10.5, 30.4, days=("2031-04-02", "2031-04-03"))
    return [replace(first, claimant="the district office", is_claim=True, killed_low=4, killed_high=4),
            replace(second, is_claim=False)]


def test_kml_claims_and_counts_read_back_as_numbers_through_gdal(shellings_at, tmp_path):
    """KML holds a claim as 1 and a fact as 0 in an integer field, and counts as integers: GDAL reads a boolean
    field's "true" back as integer 0 in some versions (so a claim read back as a fact) and 64-bit integers as text."""
    path = export_incidents(_claim_and_fact(shellings_at), tmp_path / "view.kml", fmt="kml")
    types = _field_types(path, "incidents")
    assert types["is_claim"] == types["killed_low"] == types["review_recheck"] == "int32"
    frame = pyogrio.read_dataframe(path)
    assert list(frame["is_claim"]) == [1, 0] and frame.loc[0, "killed_low"] == 4 and pd.isna(frame.loc[1, "killed_low"])


@pytest.mark.skipif(shutil.which("ogrinfo") is None, reason="no GDAL command-line tools here")
def test_kml_claims_read_back_as_claims_with_the_system_ogrinfo(shellings_at, tmp_path):
    path = export_incidents(_claim_and_fact(shellings_at), tmp_path / "view.kml", fmt="kml")
    out = subprocess.run(["ogrinfo", "-ro", "-al", "-q", str(path)], capture_output=True, text=True, check=True)
    assert re.findall(r"is_claim \((\w+)\) = (\S+)", out.stdout) == [("Integer", "1"), ("Integer", "0")]
    assert "parsed incompletely" not in out.stderr


def test_geopackage_claims_read_back_as_booleans(shellings_at, tmp_path):
    path = export_incidents(_claim_and_fact(shellings_at), tmp_path / "view.gpkg", fmt="gpkg")
    assert _field_types(path, "incidents")["is_claim"] == "bool"
    assert list(pyogrio.read_dataframe(path, layer="incidents")["is_claim"]) == [True, False]
