"""GeoJSON (RFC 7946) of incidents, claims or places: a plain dict first, the file a thin layer on it.

RFC 7946: WGS84 longitude/latitude order, no `crs` member, polygons wound
right-handed (exterior rings counter-clockwise). Geometry choices are in
`geomap.io.features`. Nested values (places, sources with their quoted
sentences, denials) stay nested: GeoJSON carries them losslessly.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Optional, Sequence

from geomap.io.features import claim_records, incident_records, place_records
from geomap.records import Incident

#: What one feature stands for: `incident` (default), `claim` or `place`.
FEATURE_KINDS = ("incident", "claim", "place")



def _feature(properties: dict, geometry: Optional[dict], feature_id) -> dict:
    feature = {"type": "Feature", "geometry": geometry, "properties": properties}
    if feature_id is not None:
        feature["id"] = feature_id
    return feature


def _records(incidents: Sequence[Incident], per: str, mentions: Optional[list[dict]]):
    if per == "incident":
        return [(p, g, p.get("id")) for p, g in incident_records(incidents)]
    if per == "claim":
        # no Feature "id": GDAL would add it as a second field beside claim_id
        return [(p, g, None) for p, g in claim_records(incidents)]
    if per == "place":
        return [(p, g, None) for p, g in place_records(incidents, mentions)]
    raise ValueError(f"per must be one of {', '.join(FEATURE_KINDS)}, not {per!r}")


def incidents_to_geojson(incidents: Sequence[Incident], *, per: str = "incident", mentions: Optional[list[dict]] = None) -> dict:
    """A FeatureCollection: one feature per incident (or per claim, or per place), every field a property."""
    features = [_feature(p, g, fid) for p, g, fid in _records(list(incidents), per, mentions)]
    return {"type": "FeatureCollection", "features": features}


def _ring_ccw(ring: list) -> list:
    area2 = sum(x0 * y1 - x1 * y0 for (x0, y0, *_), (x1, y1, *_) in zip(ring, ring[1:]))
    return ring if area2 >= 0 else ring[::-1]


def _ring_cw(ring: list) -> list:
    return _ring_ccw(ring)[::-1]


def right_hand_polygon(geometry: dict) -> dict:
    """A Polygon/MultiPolygon wound as RFC 7946 asks: exterior rings counter-clockwise, holes clockwise."""
    def wind(rings):
        return [_ring_ccw(rings[0])] + [_ring_cw(r) for r in rings[1:]]

    if geometry["type"] == "Polygon":
        return {"type": "Polygon", "coordinates": wind(geometry["coordinates"])}
    if geometry["type"] == "MultiPolygon":
        return {"type": "MultiPolygon", "coordinates": [wind(p) for p in geometry["coordinates"]]}
    return geometry


def region_to_geojson(path: Optional[Path] = None) -> dict:
    """The outlines the conflict profiles name (the map's "regions" layer; or the file at `path`) as an
    RFC 7946 FeatureCollection (display only, see their properties)."""
    if path is None:
        from geomap.conflicts import outline_geojson

        data = outline_geojson()
    else:
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            from geomap.exc import ExportError

            raise ExportError(f"cannot read the region outline {path}: {exc}; check the file") from exc
    features = [dict(f, geometry=right_hand_polygon(f["geometry"])) for f in data.get("features", [])]
    return {"type": "FeatureCollection", "features": features}


def feature_collection_schema() -> dict:
    """The official GeoJSON FeatureCollection JSON Schema (geojson/schema, npm `geojson-schema` 1.0.5)."""
    text = resources.files("geomap.io").joinpath("schema", "FeatureCollection.json").read_text(encoding="utf-8")
    return json.loads(text)


def dumps(collection: dict) -> str:
    """Compact UTF-8 JSON text of a GeoJSON dict (non-ASCII names such as Gəncə kept readable)."""
    return json.dumps(collection, ensure_ascii=False, separators=(",", ":"))


def write_geojson(incidents: Sequence[Incident], path: Path, *, per: str = "incident", mentions: Optional[list[dict]] = None) -> None:
    """Write `incidents_to_geojson(...)` to `path` (no overwrite checks here: see `export_incidents`)."""
    Path(path).write_text(dumps(incidents_to_geojson(incidents, per=per, mentions=mentions)), encoding="utf-8")


__all__ = ["FEATURE_KINDS", "incidents_to_geojson", "region_to_geojson", "right_hand_polygon",
           "feature_collection_schema", "dumps", "write_geojson"]
