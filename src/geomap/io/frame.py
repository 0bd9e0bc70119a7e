"""Export records as a GeoDataFrame for the GDAL writers (GeoPackage, KML), with honest column types."""

from __future__ import annotations

from typing import Optional

import geopandas as gpd
import pandas as pd
from shapely.geometry import shape

from geomap.io.features import flat_row

WGS84 = "EPSG:4326"


# The type of each known column, whatever the data: inferred from values alone, a column with no value
# in one export (no civilian toll, no wounded claim) would be written as text, and the same field would
# change type between two GeoPackages of one store. Columns not named here are typed by their values.
_INTEGER = ("time_precision", "geo_precision", "acled_time_precision", "acled_geo_precision", "killed_low",
            "killed_high", "wounded_low", "wounded_high", "civilians_killed_low", "civilians_killed_high",
            "corroboration", "source_count", "precision", "start", "end")
_REAL = ("lat", "lon", "confidence")
_BOOLEAN = ("is_claim", "review_recheck", "background")
COLUMN_TYPES = {**dict.fromkeys(_INTEGER, "Int64"), **dict.fromkeys(_REAL, "Float64"),
                **dict.fromkeys(_BOOLEAN, "boolean")}


def _is_integer(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_real(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


_FITS = {"Int64": _is_integer, "Float64": _is_real, "boolean": lambda v: isinstance(v, bool)}


def _typed(column: pd.Series) -> pd.Series:
    """The column as its declared type (`COLUMN_TYPES`), else as the type all its values share; nulls stay null."""
    values = [v for v in column if v is not None and not (isinstance(v, float) and pd.isna(v))]
    declared = COLUMN_TYPES.get(column.name)
    if declared is not None and all(_FITS[declared](v) for v in values):
        return column.astype(declared)
    for kind in ("boolean", "Int64", "Float64"):  # counts stay integers with nulls, not floats
        if values and all(_FITS[kind](v) for v in values):
            return column.astype(kind)
    return column


def records_frame(records: list[tuple[dict, Optional[dict]]], *, columns: tuple[str, ...]) -> gpd.GeoDataFrame:
    """One row per (properties, geometry) record, nested values flattened by `flat_row`.

    `columns` names the properties an empty layer still gets, so an empty export keeps its schema.
    """
    if records:
        rows = [flat_row(props) for props, _ in records]
    else:
        rows = []
    names = list(rows[0]) if rows else list(flat_row({key: None for key in columns}))
    frame = pd.DataFrame(rows, columns=names, dtype=object)  # keep ints as ints, None as None
    for name in names:
        frame[name] = _typed(frame[name])
    geometry = [shape(g) if g else None for _, g in records]
    return gpd.GeoDataFrame(frame, geometry=gpd.GeoSeries(geometry, crs=WGS84), crs=WGS84)


__all__ = ["COLUMN_TYPES", "WGS84", "records_frame"]
