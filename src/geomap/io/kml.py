"""KML export for Google Earth, written by GDAL's LIBKML driver through pyogrio (KML driver as fallback).

Each incident is a Placemark named "<type>, <places>, <date>" whose description (HTML, report
text escaped) holds the claimant, casualties and the quoted source sentences; every other field is in
ExtendedData; `begin`/`end` (the event dates) become a TimeSpan for Google
Earth's time slider. Placemarks of incidents with no resolved place have no geometry.
"""

from __future__ import annotations

import html
from pathlib import Path

import pandas as pd
import pyogrio

from geomap.exc import ExportError
from geomap.io.features import INCIDENT_KEYS, incident_records
from geomap.io.frame import records_frame
from geomap.precision import count_range_label


def kml_driver() -> str:
    """LIBKML when this GDAL can write it (richer ExtendedData), else the plain KML driver."""
    drivers = pyogrio.list_drivers(write=True)
    for name in ("LIBKML", "KML"):
        if name in drivers:
            return name
    raise ExportError("this GDAL build writes neither LIBKML nor KML; install a GDAL with KML support")


def _casualties(low, high, word: str) -> str:
    label = count_range_label(low, high)
    return f"{label} {word}" if label else ""


def placemark_name(props: dict) -> str:
    """A short label: type, place names, date."""
    places = ", ".join(p.get("name") or "?" for p in props.get("places") or []) or "unlocated"
    return f"{props.get('type') or 'incident'}, {places}, {props.get('date_start') or 'undated'}"


def placemark_description(props: dict) -> str:
    """HTML for the Placemark balloon: every piece of report text escaped, lines joined with <br>.

    Google Earth renders `<description>` as HTML once the XML is parsed (GDAL's XML escaping is undone
    by then), and balloons can run script, so no markup from a report may pass through as markup.
    """
    def text(value) -> str:
        return html.escape(str(value))

    lines = []
    if props.get("claimant"):
        lines.append(f"Claimed by: {text(props['claimant'])}")
    if props.get("denied_by"):
        lines.append(f"Denied by: {'; '.join(text(d) for d in props['denied_by'])}")
    figures = ", ".join(x for x in (_casualties(props.get("killed_low"), props.get("killed_high"), "killed"),
                                    _casualties(props.get("wounded_low"), props.get("wounded_high"), "wounded")) if x)
    if figures:
        lines.append(text(figures))
    if props.get("verification"):
        lines.append(f"Verification: {text(props['verification'])}")
    for source in props.get("sources") or []:
        lines.append(f"\u201c{text(source.get('sentence', ''))}\u201d "
                     f"({text(source.get('publisher') or source.get('report'))}, {text(source.get('published') or 'n.d.')})")
    return "<br>".join(lines)


def write_kml(incidents: list[dict], path: Path) -> None:
    """Write one Placemark per incident to a new KML file at `path`."""
    records = [(dict(props, name=placemark_name(props), description=placemark_description(props),
                     begin=props.get("date_start"), end=props.get("date_end")), geometry)
               for props, geometry in incident_records(incidents)]
    frame = records_frame(records, columns=INCIDENT_KEYS + ("name", "description", "begin", "end"))
    for column in ("begin", "end"):  # LIBKML turns these into a TimeSpan: Google Earth's time slider
        frame[column] = pd.to_datetime(frame[column], errors="coerce")
    pyogrio.write_dataframe(frame, path, layer="incidents", driver=kml_driver())


__all__ = ["kml_driver", "placemark_name", "placemark_description", "write_kml"]
