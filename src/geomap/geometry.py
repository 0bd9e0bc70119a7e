"""Distances and map framing, written once for the geoparser, the dashboard and the briefing pack.

Coordinates are (lat, lon) in degrees; maps are Web Mercator as MapLibre draws them (512 px
world at zoom 0).
"""

from __future__ import annotations

import math
from typing import Sequence

import numpy as np

EARTH_RADIUS_KM = 6371.0088  # the IUGG mean radius
TILE_PX = 512  # MapLibre's world is this many pixels wide at zoom 0
WORLD_VIEW = ({"lat": 20.0, "lon": 0.0}, 1.0)  # what to show when there is nothing to frame


def km_between(lat1, lon1, lat2, lon2):
    """Equirectangular distance in km (floats or numpy arrays): within 1% of the great circle at the
    scales a map frames or a ranker weighs (up to a few hundred km), and cheap over many pairs."""
    mean_lat = np.radians((np.asarray(lat1) + lat2) / 2)
    dlat = np.radians(np.asarray(lat2) - lat1)
    dlon = np.radians((np.asarray(lon2) - lon1 + 180.0) % 360.0 - 180.0) * np.cos(mean_lat)
    return EARTH_RADIUS_KM * np.sqrt(dlat * dlat + dlon * dlon)


def mercator_y(lat: float) -> float:
    """Web Mercator y (radians) of a latitude, clamped to +-85 degrees."""
    lat = max(min(lat, 85.0), -85.0)
    return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


def mercator_lat(y: float) -> float:
    """The latitude of a Web Mercator y: the inverse of `mercator_y`."""
    return math.degrees(2 * math.atan(math.exp(y)) - math.pi / 2)


def framed_bounds(lats: Sequence[float], lons: Sequence[float], *, padding: float = 1.5,
                  min_span_deg: float = 0.05) -> tuple[float, float, float, float]:
    """(west, south, east, north) that frame the points: their extent grown `padding` times (a margin
    round the outermost points, in Mercator y as a map draws it), at least `min_span_deg` wide and high,
    so one point does not zoom in to a street."""
    y0, y1 = mercator_y(min(lats)), mercator_y(max(lats))
    lon_span = max(max(lons) - min(lons), min_span_deg) * padding
    y_span = max(y1 - y0, math.radians(min_span_deg)) * padding
    y_mid, lon_mid = (y0 + y1) / 2, (min(lons) + max(lons)) / 2
    return (lon_mid - lon_span / 2, mercator_lat(y_mid - y_span / 2), lon_mid + lon_span / 2,
            mercator_lat(y_mid + y_span / 2))


def fit_view(lats: Sequence[float], lons: Sequence[float], *, width: int, height: int, padding: float = 1.5,
             min_span_deg: float = 0.05, min_zoom: float = 1.0, max_zoom: float = 9.0) -> tuple[dict, float]:
    """Map centre and zoom that show every point inside a width x height map (`framed_bounds`)."""
    if len(lats) == 0:
        return dict(WORLD_VIEW[0]), WORLD_VIEW[1]
    west, south, east, north = framed_bounds(lats, lons, padding=padding, min_span_deg=min_span_deg)
    y0, y1 = mercator_y(south), mercator_y(north)
    zoom_x = math.log2(width * 360.0 / (TILE_PX * (east - west)))
    zoom_y = math.log2(height * 2 * math.pi / (TILE_PX * (y1 - y0)))
    centre = {"lat": mercator_lat((y0 + y1) / 2), "lon": (west + east) / 2}
    return centre, round(max(min_zoom, min(max_zoom, zoom_x, zoom_y)), 2)


def view_bounds(centre: dict, zoom: float, width: int, height: int) -> tuple[float, float, float, float]:
    """(west, south, east, north) of what a width x height map at this centre and zoom shows."""
    world = TILE_PX * 2 ** zoom
    half_lon = width / world * 180.0
    y = mercator_y(centre["lat"])
    half_y = height / world * math.pi
    return (centre["lon"] - half_lon, mercator_lat(y - half_y), centre["lon"] + half_lon, mercator_lat(y + half_y))


def to_pixels(lats: Sequence[float], lons: Sequence[float], centre: dict, zoom: float, width: int,
              height: int) -> tuple[np.ndarray, np.ndarray]:
    """Where points fall on a width x height map at this centre and zoom, in pixels from its top left corner:
    what a static image needs to put text (a number, a label) on a point."""
    world = TILE_PX * 2 ** zoom
    lats = np.clip(np.asarray(lats, dtype=float), -85.0, 85.0)
    ys = np.log(np.tan(np.pi / 4 + np.radians(lats) / 2))
    x = width / 2 + (np.asarray(lons, dtype=float) - centre["lon"]) / 360.0 * world
    y = height / 2 + (mercator_y(centre["lat"]) - ys) / (2 * math.pi) * world
    return x, y


def from_pixels(x: float, y: float, centre: dict, zoom: float, width: int, height: int) -> tuple[float, float]:
    """(lat, lon) of a pixel of a width x height map at this centre and zoom: the inverse of `to_pixels`."""
    world = TILE_PX * 2 ** zoom
    lon = centre["lon"] + (x - width / 2) / world * 360.0
    return mercator_lat(mercator_y(centre["lat"]) - (y - height / 2) / world * 2 * math.pi), lon


__all__ = ["EARTH_RADIUS_KM", "TILE_PX", "WORLD_VIEW", "fit_view", "from_pixels", "km_between", "mercator_lat", "mercator_y",
           "to_pixels", "view_bounds"]
