"""Export records as a GeoDataFrame for the GDAL writers (GeoPackage, KML), with honest column types."""

from __future__ import annotations

from typing import Optional

import geopandas as gpd
import pandas as pd
from shapely.geometry import shape

from geomap.io.features import flat_row

WGS84 = "EPSG:4326"


def _typed(column: pd.Series) -> pd.Series:
    values = [v for v in column if v is not None and not (isinstance(v, float) and pd.isna(v))]
    if values and all(isinstance(v, bool) for v in values):
        return column.astype("boolean")
    if values and all(isinstance(v, int) and not isinstance(v, bool) for v in values):
        return column.astype("Int64")  # counts stay integers with nulls, not floats
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


__all__ = ["WGS84", "records_frame"]
