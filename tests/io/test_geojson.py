"""GeoJSON exports follow RFC 7946, validate against the official schema, and read back in GDAL as the view."""

from __future__ import annotations

import json

import jsonschema
import pyogrio
import pytest
import shapely
from shapely.geometry import shape

from geomap.io import export_incidents, incidents_to_geojson, region_to_geojson
from geomap.io.features import INCIDENT_KEYS
from geomap.io.geojson import feature_collection_schema

SCHEMA = feature_collection_schema()


def validate(collection: dict) -> None:
    jsonschema.Draft7Validator(SCHEMA).validate(collection)


def read_back(path):
    return pyogrio.read_dataframe(path)


def test_every_incident_is_one_feature_and_an_unlocated_one_keeps_a_null_geometry(incidents):
    collection = incidents_to_geojson(incidents)
    validate(collection)
    assert [f["id"] for f in collection["features"]] == [i.incident_id for i in incidents]
    unlocated = next(f for f in collection["features"] if f["id"] == "inc-unlocated-2020-10-06")
    assert unlocated["geometry"] is None
    assert "crs" not in collection


def test_ganja_is_written_longitude_first(incidents):
    ganja = incidents_to_geojson(incidents)["features"][0]
    assert ganja["geometry"] == {"type": "MultiPoint", "coordinates": [[46.36134, 40.68157]]}


def test_a_claim_naming_three_towns_is_one_multipoint_in_their_order(incidents):
    feature = incidents_to_geojson(incidents)["features"][1]
    assert feature["properties"]["claimant"] == "Hikmet Hajiyev"
    assert feature["geometry"]["coordinates"] == [[46.36134, 40.68157], [47.12619, 40.37577], [47.61861, 39.77556]]


def test_every_field_is_a_property_and_sources_keep_their_verbatim_sentences(incidents):
    props = incidents_to_geojson(incidents)["features"][0]["properties"]
    assert list(props)[:len(INCIDENT_KEYS)] == list(INCIDENT_KEYS)
    assert (props["killed_low"], props["wounded_low"], props["date_start"]) == (9, 34, "2020-10-11")
    assert props["verification"].startswith("Reuters could not independently verify")
    source = props["sources"][0]
    text = (pytest.importorskip("pathlib").Path(__file__).resolve().parents[2] / "seeds" / source["report"]).read_text(
        encoding="utf-8")
    assert text[source["start"]:source["end"]] == source["sentence"]


def test_filtered_geojson_export_validates_and_reads_back_as_the_view(filtered, tmp_path):
    path = export_incidents(filtered, tmp_path / "view.geojson", fmt="geojson")
    collection = json.loads(path.read_text(encoding="utf-8"))
    validate(collection)
    frame = read_back(path)
    assert len(frame) == len(filtered) == 2
    expected = list(collection["features"][0]["properties"])
    assert [c for c in frame.columns if c != "geometry"] == expected
    assert set(filtered[0].to_json()) <= set(expected)
    assert list(frame["id"]) == [i.incident_id for i in filtered]


@pytest.mark.parametrize("per, count", [("claim", 3), ("place", 7)])
def test_per_claim_and_per_place_collections_validate_and_read_back(incidents, tmp_path, per, count):
    collection = incidents_to_geojson(incidents, per=per)
    validate(collection)
    path = tmp_path / f"{per}.geojson"
    path.write_text(json.dumps(collection), encoding="utf-8")
    frame = read_back(path)
    assert len(frame) == count
    assert [c for c in frame.columns if c != "geometry"] == list(collection["features"][0]["properties"])


def test_denied_claim_is_marked_denied(incidents):
    claims = {f["properties"]["incident_id"]: f["properties"] for f in incidents_to_geojson(incidents, per="claim")["features"]}
    assert claims["inc-ganja-barda-beylagan-2020-10-05"]["status"] == "denied"
    assert claims["inc-ganja-barda-beylagan-2020-10-05"]["denied_by"] == ["Armenia"]
    assert "inc-ankara-meeting-2020-10-05" not in claims  # not someone's assertion


def test_an_empty_view_is_a_valid_empty_collection(tmp_path):
    path = export_incidents([], tmp_path / "none.geojson")
    validate(json.loads(path.read_text(encoding="utf-8")))


def test_the_profiles_outlines_are_wound_right_handed():
    collection = region_to_geojson()
    validate(collection)
    polygon = shape(collection["features"][0]["geometry"])
    assert polygon.exterior.is_ccw
    assert all(not ring.is_ccw for ring in polygon.interiors)
    assert shapely.is_valid(polygon)
