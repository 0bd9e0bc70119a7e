"""Exports carry the review: status, the reviewer's note, and the extracted value beside the corrected one."""

from __future__ import annotations

import html
import json
import xml.etree.ElementTree as ET

import pandas as pd
import pyogrio
import pytest

from geomap.io import export_incidents
from geomap.records import Review
from geomap.review import apply_reviews

NOTE = 'Prosecutor\'s update <script>alert("note")</script> & <b>10</b> dead'


def inert_note(value: str) -> bool:
    """The note as every export writes untrusted text: `<` and `>` as entities, the words kept."""
    return html.unescape(value) == NOTE and "<" not in value


@pytest.fixture
def reviewed(incidents):
    """The seeds' Ganja shelling corrected to 10 killed and moved a day, the next incident rejected."""
    ganja, other, *rest = incidents
    log = [Review("set", ganja.incident_id, (ganja.incident_id,), NOTE, "=alice", "2026-01-02T10:00:00Z",
                  field="killed", after=[10, 10], review_id=1),
           Review("set", ganja.incident_id, (ganja.incident_id,), NOTE, "=alice", "2026-01-02T10:00:00Z",
                  field="date", after="2020-10-10", review_id=2),
           Review("reject", other.incident_id, (other.incident_id,), "not an event", "bo", "2026-01-02T11:00:00Z",
                  field="status", review_id=3)]
    shown = apply_reviews({i.incident_id: [i] for i in (ganja, other)}, log)
    assert shown[0].killed_low == 10 and ganja.killed_low != 10
    return shown + rest, ganja


def test_geojson_properties_hold_the_review_and_the_extracted_values(reviewed, tmp_path):
    shown, ganja = reviewed
    path = export_incidents(shown, tmp_path / "view.geojson", fmt="geojson")
    first, second = json.loads(path.read_text(encoding="utf-8"))["features"][:2]
    props = first["properties"]
    assert (props["killed_low"], props["date_start"], props["review_status"]) == (10, "2020-10-10", "corrected")
    assert inert_note(props["review_note"]) and props["reviewed_by"] == "=alice"
    assert props["original"] == {"killed_low": ganja.killed_low, "killed_high": ganja.killed_high,
                                 "date_start": ganja.date.start, "date_end": ganja.date.end,
                                 "time_precision": ganja.date.precision}
    assert second["properties"]["review_status"] == "rejected" and second["properties"]["original"] is None


def test_geopackage_fields_put_each_extracted_value_beside_the_corrected_one(reviewed, tmp_path):
    shown, ganja = reviewed
    path = export_incidents(shown, tmp_path / "view.gpkg", fmt="gpkg")
    frame = pyogrio.read_dataframe(path, layer="incidents")
    row = frame.iloc[0]
    assert (row["killed_low"], row["original_killed_low"], row["review_status"]) == (10, ganja.killed_low, "corrected")
    assert (row["date_start"], row["original_date_start"]) == ("2020-10-10", ganja.date.start)
    assert inert_note(row["review_note"]) and pd.isna(row["original_type"])
    assert list(frame["review_status"][1:]) == ["rejected"] + ["unreviewed"] * (len(shown) - 2)


def test_csv_has_review_columns_and_keeps_the_note_inert(reviewed, tmp_path):
    shown, ganja = reviewed
    path = export_incidents(shown, tmp_path / "view.csv", fmt="csv")
    row = pd.read_csv(path, keep_default_na=False, dtype=str).iloc[0]
    assert (row["fatalities"], row["original_fatalities_low"]) == ("10", str(ganja.killed_low))
    assert (row["event_date"], row["original_event_date"]) == ("2020-10-10", ganja.date.start)
    assert row["review_status"] == "corrected" and inert_note(row["review_note"])
    assert row["reviewed_by"] == "'=alice"  # a reviewer's name is untrusted text too
    assert list(pyogrio.read_dataframe(path)["review_status"][:2]) == ["corrected", "rejected"]


def test_kml_data_holds_the_review_and_the_balloon_escapes_the_note(reviewed, tmp_path):
    shown, ganja = reviewed
    path = export_incidents(shown, tmp_path / "view.kml", fmt="kml")
    frame = pyogrio.read_dataframe(path)
    assert frame.loc[0, "review_status"] == "corrected" and inert_note(frame.loc[0, "review_note"])
    assert frame.loc[0, "original_killed_low"] == ganja.killed_low  # a number (pandas reads ints with gaps as floats)
    descriptions = [e.text for e in ET.parse(path).getroot().iter() if e.tag.endswith("description")]
    assert "Review: corrected" in descriptions[0] and "&lt;script&gt;alert" in descriptions[0]
    assert "<script" not in descriptions[0] and "<b>" not in descriptions[0]
    assert "Extracted killed_low: " + str(ganja.killed_low) in descriptions[0]
