"""CSV with ACLED-like columns, one row per incident at its primary (first resolved) place.

Mapping (ACLED codebook names where they fit):
- `event_id_cnty`: geomap's incident id (stable across re-ingests), not an ACLED number.
- `event_date` = `date_start`, `year` from it; `time_precision` ACLED 1 day, 2 week, 3 month or
  coarser (from UCDP `date_prec`, kept as `date_prec`).
- `event_type` = ACLED event type; `sub_event_type` = geomap's finer type (e.g. shelling).
- `actor1`: empty, as geomap does not extract perpetrators: its `claimant` is who *says* it
  happened and has its own column, never put in actor1.
- `country` from the primary place's coordinates in Natural Earth polygons (de facto borders as
  Natural Earth draws them); `admin1` empty (the gazetteer keeps GeoNames admin1 codes, not
  names); `location` the place name.
- `geo_precision` ACLED 1-3 (from UCDP `where_prec`, kept as `where_prec`); likewise
  `time_precision` from UCDP `date_prec`.
- `source`: every outlet that carried the incident's reports, reprints included (`Incident.outlets`),
  '; '-joined; `notes`: the first source's quoted sentence.
- `fatalities` = the **low** figure, as ACLED keeps one conservative number; `fatalities_low`,
  `fatalities_high`, `wounded_low`, `wounded_high` keep the range. Unknown is empty, never 0.
- Review (geomap.review): `review_status` (unreviewed, confirmed, corrected, rejected), `review_recheck`
  (changed by new reports since), the latest `review_note`, `reviewed_by`, `reviewed_at`; beside each
  column an analyst corrected, `original_<column>` holds what the extraction said (empty when uncorrected).
- Text that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR first) is written with a
  leading `'`, as OWASP advises, and `<` `>` as entities (`geomap.io.features.inert`); the frame from
  `incidents_to_frame` keeps the text as reported.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Optional, Sequence

import pandas as pd

from geomap.io.features import claim_status, inert, is_claim, primary_place
from geomap.precision import WherePrecision
from geomap.records import Incident
from geomap.resources import boundary_path

ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "date_prec", "event_type", "sub_event_type",
    "actor1", "claimant", "claim_status", "denied_by", "verification", "country", "admin1", "location",
    "latitude", "longitude", "geo_precision", "where_prec", "source", "source_count", "corroboration",
    "notes", "fatalities", "fatalities_low", "fatalities_high", "wounded_low", "wounded_high",
    "review_status", "review_recheck", "review_note", "reviewed_by", "reviewed_at",
    "original_event_date", "original_sub_event_type", "original_location",
    "original_latitude", "original_longitude", "original_fatalities_low", "original_fatalities_high",
    "original_wounded_low", "original_wounded_high",
)


@functools.lru_cache(maxsize=1)
def _country_index():
    import shapely
    from shapely.geometry import shape

    features = json.loads(boundary_path("countries").read_text(encoding="utf-8"))["features"]
    geometries = [shape(f["geometry"]) for f in features]
    names = [f["properties"].get("name") for f in features]
    return shapely.STRtree(geometries), geometries, names


def country_of(lat: float, lon: float) -> Optional[str]:
    """The Natural Earth country containing the point, or the nearest within ~10 km (simplified coasts)."""
    from shapely.geometry import Point

    tree, geometries, names = _country_index()
    point = Point(lon, lat)
    hits = tree.query(point, predicate="intersects")
    if len(hits):
        return names[int(hits[0])]
    nearest = tree.query_nearest(point, max_distance=0.1)
    return names[int(nearest[0])] if len(nearest) else None


def place_country(lat: float, lon: float, *, country_code: str = "", precision: Optional[int] = None) -> Optional[str]:
    """The country a place is in (`country_of` its point), or None for an area no one country holds: a
    larger or vague area (precision 5, "the Sahel", "the Horn of Africa") with no country code, whose
    point is only an approximate centre and would name whichever country it falls in."""
    if not country_code and (precision or 0) >= WherePrecision.VAGUE_AREA:
        return None
    return country_of(lat, lon)


def _year(date: Optional[str]) -> Optional[int]:
    return int(date[:4]) if date and date[:4].isdigit() else None


def _original_columns(incident: Incident) -> dict:
    """What the extraction said of the columns an analyst corrected, as `original_<column>`."""
    review = incident.review
    columns = {name: None for name in ACLED_COLUMNS if name.startswith("original_")}
    if review is None:
        return columns
    if review.original_date is not None:
        columns["original_event_date"] = review.original_date.start
    if review.original_type is not None:
        columns["original_sub_event_type"] = review.original_type
    if review.original_places is not None:
        first = next((m.place for m in review.original_places if m.place), None)
        columns.update(original_location=first.name if first else None, original_latitude=first.lat if first else None,
                       original_longitude=first.lon if first else None)
    if review.original_killed is not None:
        columns["original_fatalities_low"], columns["original_fatalities_high"] = review.original_killed
    if review.original_wounded is not None:
        columns["original_wounded_low"], columns["original_wounded_high"] = review.original_wounded
    return columns


def acled_row(incident: Incident) -> dict:
    """One incident as a row of ACLED-like columns (see the module docstring)."""
    mention = primary_place(incident)
    place = mention.place if mention else None
    sources = incident.sources
    lat, lon = (place.lat, place.lon) if place else (None, None)
    review = incident.review
    return {
        "event_id_cnty": incident.incident_id,
        "event_date": incident.date.start,
        "year": _year(incident.date.start),
        "time_precision": incident.acled_time_precision,
        "date_prec": incident.date.precision,
        "event_type": incident.acled_event_type or None,
        "sub_event_type": incident.event_type,
        "actor1": "",
        "claimant": incident.claimant,
        "claim_status": claim_status(incident) if is_claim(incident) else "",
        "denied_by": "; ".join(incident.denied_by),
        "verification": incident.verification,
        "country": place_country(lat, lon, country_code=place.country_code, precision=mention.precision) if place else None,
        "admin1": "",
        "location": place.name if place else None,
        "latitude": lat,
        "longitude": lon,
        "geo_precision": incident.acled_geo_precision,
        "where_prec": incident.geo_precision,
        "source": "; ".join(incident.outlets),
        "source_count": len(sources),
        "corroboration": incident.corroboration,
        "notes": sources[0].sentence if sources else "",
        "fatalities": incident.killed_low,
        "fatalities_low": incident.killed_low,
        "fatalities_high": incident.killed_high,
        "wounded_low": incident.wounded_low,
        "wounded_high": incident.wounded_high,
        "review_status": incident.review_status,
        "review_recheck": bool(review and review.recheck),
        "review_note": review.note if review else None,
        "reviewed_by": review.by if review else None,
        "reviewed_at": review.at if review else None,
        **_original_columns(incident),
    }


def incidents_to_frame(incidents: Sequence[Incident]) -> pd.DataFrame:
    """The ACLED-like table of the incidents, columns in `ACLED_COLUMNS` order, counts as nullable integers."""
    frame = pd.DataFrame([acled_row(i) for i in incidents], columns=list(ACLED_COLUMNS))
    for column in ("year", "time_precision", "date_prec", "geo_precision", "where_prec", "source_count",
                   "corroboration", "fatalities", "fatalities_low", "fatalities_high", "wounded_low", "wounded_high",
                   "original_fatalities_low", "original_fatalities_high", "original_wounded_low",
                   "original_wounded_high"):
        frame[column] = pd.array(frame[column].astype(object).where(frame[column].notna(), None), dtype="Int64")
    return frame


#: A cell starting with one of these is run as a formula by Excel and LibreOffice (OWASP "CSV injection").
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def inert_cell(value):
    """`value` with a leading `'` when it is text a spreadsheet would run as a formula; anything else unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def write_csv(incidents: Sequence[Incident], path: Path) -> None:
    """Write the ACLED-like table as UTF-8 CSV (comma-separated, header row, empty cell for unknown).

    Text cells that would run as spreadsheet formulas get a leading `'`; numbers (negative coordinates
    included) and ISO dates are written as they are.
    """
    frame = incidents_to_frame(incidents)
    for column in frame.columns:
        if not pd.api.types.is_numeric_dtype(frame[column]):  # counts and coordinates are never text
            frame[column] = frame[column].map(lambda value: inert_cell(inert(value)))
    frame.to_csv(path, index=False, encoding="utf-8")


__all__ = ["ACLED_COLUMNS", "FORMULA_TRIGGERS", "acled_row", "country_of", "place_country", "incidents_to_frame", "inert_cell",
           "write_csv"]
