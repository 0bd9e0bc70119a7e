"""KML export for Google Earth, written by GDAL's LIBKML driver through pyogrio (KML driver as fallback).

Each incident is a Placemark named "<type>, <places>, <date>" whose description (HTML, report
text escaped) holds the claimant, casualties and the quoted source sentences; every other field is in
ExtendedData, made inert like every export field (`geomap.io.features.inert`: Google Earth shows
ExtendedData as HTML too); `begin`/`end` (the event dates) become a TimeSpan for Google
Earth's time slider. Placemarks of incidents with no resolved place have no geometry.
"""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import Sequence

import pandas as pd
import pyogrio

from geomap.exc import ExportError
from geomap.io.features import INCIDENT_KEYS, incident_records, inert_text
from geomap.io.frame import records_frame
from geomap.precision import count_range_label
from geomap.records import Incident


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


def placemark_name(incident: Incident) -> str:
    """A short label: type, place names, date."""
    places = ", ".join(p["name"] or "?" for p in incident.to_json()["places"]) or "unlocated"
    return inert_text(f"{incident.event_type or 'incident'}, {places}, {incident.date.start or 'undated'}")


def placemark_description(incident: Incident) -> str:
    """HTML for the Placemark balloon: every piece of report text escaped, lines joined with <br>.

    Google Earth renders `<description>` as HTML once the XML is parsed (GDAL's XML escaping is undone
    by then), and balloons can run script, so no markup from a report may pass through as markup.
    """
    def text(value) -> str:
        return html.escape(str(value))

    lines = []
    if incident.claimant:
        lines.append(f"Claimed by: {text(incident.claimant)}")
    if incident.denied_by:
        lines.append(f"Denied by: {'; '.join(text(d) for d in incident.denied_by)}")
    figures = ", ".join(x for x in (_casualties(incident.killed_low, incident.killed_high, "killed"),
                                    _casualties(incident.wounded_low, incident.wounded_high, "wounded")) if x)
    if figures:
        lines.append(text(figures))
    if incident.verification:
        lines.append(f"Verification: {text(incident.verification)}")
    review = incident.review
    if review is not None:
        lines.append(f"Review: {text(review.status)}{' (changed since: look again)' if review.recheck else ''}, "
                     f"{text(review.by)}, {text(review.at)}: {text(review.note)}")
        for key, value in review.original_json().items():
            lines.append(f"Extracted {text(key)}: {text(json.dumps(value, ensure_ascii=False))}")
    for source in incident.sources:
        also = f"; also carried by {text(', '.join(source.reprinted_by))}" if source.reprinted_by else ""
        lines.append(f"\u201c{text(source.sentence)}\u201d "
                     f"({text(source.publisher or source.report_id)}, {text(source.published or 'n.d.')}{also})")
    return "<br>".join(lines)


def kml_typed(frame: pd.DataFrame) -> pd.DataFrame:
    """Booleans as 0/1 and counts as 32-bit integers: KML's `int` is what every GDAL reads back as a number. GDAL
    writes a boolean as "true"/"false" in a `bool` field, which GDAL 3.6 (ogrinfo, many QGIS installs) reads as
    integer 0, so a claim read back as none; and LIBKML writes 64-bit integers as text."""
    return frame.astype({name: "Int32" for name, kind in frame.dtypes.items() if str(kind) in ("boolean", "Int64")})


def write_kml(incidents: Sequence[Incident], path: Path) -> None:
    """Write one Placemark per incident to a new KML file at `path`."""
    records = [(dict(props, name=placemark_name(incident), description=placemark_description(incident),
                     begin=incident.date.start, end=incident.date.end), geometry)
               for incident, (props, geometry) in zip(incidents, incident_records(incidents))]
    frame = kml_typed(records_frame(records, columns=INCIDENT_KEYS + ("name", "description", "begin", "end")))
    for column in ("begin", "end"):  # LIBKML turns these into a TimeSpan: Google Earth's time slider
        frame[column] = pd.to_datetime(frame[column], errors="coerce")
    pyogrio.write_dataframe(frame, path, layer="incidents", driver=kml_driver())


__all__ = ["kml_driver", "kml_typed", "placemark_name", "placemark_description", "write_kml"]
