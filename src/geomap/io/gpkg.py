"""GeoPackage export: layers `incidents`, `claims` and `places`, written by GDAL through pyogrio (opens in QGIS)."""

from __future__ import annotations

from pathlib import Path
from typing import Optional, Sequence

import pyogrio

from geomap.io.features import CLAIM_KEYS, INCIDENT_KEYS, PLACE_KEYS, claim_records, incident_records, place_records
from geomap.io.frame import records_frame
from geomap.records import Incident

#: Layer name -> (GDAL geometry type, property names an empty layer still gets).
LAYERS = {
    "incidents": ("MultiPoint", INCIDENT_KEYS),
    "claims": ("MultiPoint", CLAIM_KEYS),
    "places": ("Point", PLACE_KEYS),
}


def write_gpkg(incidents: Sequence[Incident], path: Path, *, mentions: Optional[list[dict]] = None) -> None:
    """Write the three layers to a new GeoPackage at `path` (nested fields flattened, see `flat_row`)."""
    layers = {
        "incidents": incident_records(incidents),
        "claims": claim_records(incidents),
        "places": place_records(incidents, mentions),
    }
    for number, (name, records) in enumerate(layers.items()):
        geometry_type, columns = LAYERS[name]
        frame = records_frame(records, columns=columns)
        # GeoPackage 1.2: GDAL >= 3.11 writes 1.4 by default, which older QGIS/GDAL open with a warning.
        options = {"dataset_options": {"VERSION": "1.2"}} if number == 0 else {}
        pyogrio.write_dataframe(frame, path, layer=name, driver="GPKG", geometry_type=geometry_type,
                                promote_to_multi=geometry_type.startswith("Multi"), **options)


__all__ = ["LAYERS", "write_gpkg"]
