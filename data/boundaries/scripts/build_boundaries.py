#!/usr/bin/env python3
"""Build the offline basemap GeoJSON files in ``data/boundaries/``.

Source: the npm package ``world-atlas`` 2.x (Natural Earth 4.1 as TopoJSON).

Usage (from the repository root)::

    python data/boundaries/scripts/build_boundaries.py            # installs world-atlas@2 into a temp dir
    python data/boundaries/scripts/build_boundaries.py --world-atlas /path/to/node_modules/world-atlas

Outputs (RFC 7946 GeoJSON: lon/lat WGS84, no ``crs`` member, CCW exterior
rings, coordinates rounded to 4 decimals):

* ``countries.geojson``     -- world countries from ``countries-50m.json``,
  antimeridian-repaired and lightly simplified (properties: name, iso_n3).

``nagorno_karabakh_approx.geojson`` is hand-drawn and NOT produced here; run
with ``--check`` to re-verify it (inside/outside points, area).
"""
from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import geopandas as gpd
import numpy as np
import pyogrio
import shapely
from shapely import affinity
from shapely.geometry import MultiPolygon, Polygon, box

OUT_DIR = Path(__file__).resolve().parents[1]
WORLD_ATLAS_SPEC = "world-atlas@2"

#: Douglas-Peucker-style tolerance (degrees) for the world layer; ~1 km.
WORLD_SIMPLIFY_DEG = 0.01
PRECISION = 4
GRID = 10.0 ** -PRECISION


# --------------------------------------------------------------------------
# source
# --------------------------------------------------------------------------
def fetch_world_atlas(tmp: Path) -> Path:
    npm = shutil.which("npm")
    if npm is None:
        sys.exit("npm not found; pass --world-atlas /path/to/world-atlas")
    subprocess.run(
        [npm, "install", "--no-save", "--no-audit", "--no-fund", "--prefix", str(tmp), WORLD_ATLAS_SPEC],
        check=True,
    )
    return tmp / "node_modules" / "world-atlas"


def read_topojson(path: Path) -> gpd.GeoDataFrame:
    df = pyogrio.read_dataframe(path, layer="countries")
    # The TopoJSON carries no CRS; it is plain lon/lat.
    df = df.set_crs("EPSG:4326", allow_override=True)
    df = df.rename(columns={"id": "iso_n3"})[["name", "iso_n3", "geometry"]]
    df["iso_n3"] = df["iso_n3"].where(df["iso_n3"].notna(), None)
    return df


# --------------------------------------------------------------------------
# antimeridian repair
# --------------------------------------------------------------------------
# world-atlas stores Russia, Fiji and Antarctica on the sphere; read as planar
# lon/lat, their rings jump from +180 to -180 and back, which draws
# screen-wide triangles. For every ring with such jumps we "unwrap" the
# longitudes into a continuous range, rebuild the polygon there, and cut it
# back into [-180, 180] with boxes shifted by multiples of 360 degrees.

def _jumps(xs: np.ndarray) -> np.ndarray:
    return np.flatnonzero(np.abs(np.diff(xs)) > 180.0)


def _unwrap(coords: np.ndarray) -> np.ndarray:
    c = coords.copy()
    d = np.diff(c[:, 0])
    shift = np.concatenate([[0.0], np.cumsum(-360.0 * np.round(d / 360.0) * (np.abs(d) > 180.0))])
    c[:, 0] += shift
    return c


def _split_into_world(geom):
    """Cut a geometry with unwrapped longitudes back into [-180, 180]."""
    parts = []
    for k in (-2, -1, 0, 1, 2):
        win = box(-180.0 + 360.0 * k, -90.0, 180.0 + 360.0 * k, 90.0)
        piece = shapely.intersection(geom, win)
        if not piece.is_empty:
            parts.append(affinity.translate(piece, xoff=-360.0 * k))
    return shapely.make_valid(shapely.union_all(parts))


def _fix_polygon(poly: Polygon):
    rings = [np.asarray(poly.exterior.coords)] + [np.asarray(r.coords) for r in poly.interiors]
    njumps = [len(_jumps(r[:, 0])) for r in rings]
    if not any(njumps):
        return shapely.make_valid(poly)

    if all(n % 2 == 0 for n in njumps):
        # Ordinary polygon straddling the antimeridian (Russia, Fiji).
        shell = _unwrap(rings[0])
        cx = shell[:, 0].mean()
        holes = []
        for r in rings[1:]:
            h = _unwrap(r)
            h[:, 0] += 360.0 * np.round((cx - h[:, 0].mean()) / 360.0)
            holes.append(h)
        fixed = shapely.make_valid(Polygon(shell, holes))
        return _split_into_world(fixed)

    # A ring with an odd number of jumps goes round a pole (Antarctica). In
    # world-atlas the coast comes back as a hole of a degenerate ring lying on
    # lat -89.999; rebuild each pole-encircling ring as a polygon closed via
    # the pole and drop the degenerate ones.
    pieces = []
    for r, n in zip(rings, njumps):
        if n % 2 == 0:
            continue
        if np.all(np.abs(r[:, 1]) > 89.9):
            continue  # degenerate sliver at the pole
        u = _unwrap(r)[:-1]  # drop the (now 360-shifted) closing point
        pole = -90.0 if u[:, 1].mean() < 0 else 90.0
        x0, x1 = u[0, 0], u[-1, 0]
        y0 = u[0, 1]
        closed = np.vstack([u, [[x0 + np.sign(x1 - x0) * 360.0, y0], [x0 + np.sign(x1 - x0) * 360.0, pole], [x0, pole]]])
        pieces.append(shapely.make_valid(Polygon(closed)))
    for r, n in zip(rings, njumps):
        if n % 2 == 0 and n > 0:
            pieces.append(shapely.make_valid(Polygon(_unwrap(r))))
    if not pieces:
        return Polygon()
    return _split_into_world(shapely.union_all(pieces))


def _polygons_only(geom):
    """Keep only the areal parts of a (possibly mixed) geometry."""
    if geom is None or geom.is_empty:
        return MultiPolygon()
    polys = [g for g in shapely.get_parts(geom) if g.geom_type in ("Polygon", "MultiPolygon")]
    flat = []
    for g in polys:
        flat.extend(shapely.get_parts(g))
    flat = [p for p in flat if p.area > 0]
    if not flat:
        return MultiPolygon()
    return flat[0] if len(flat) == 1 else MultiPolygon(flat)


def fix_antimeridian(geom):
    parts = [_fix_polygon(p) for p in shapely.get_parts(geom)]
    return _polygons_only(shapely.make_valid(shapely.union_all(parts)))


# --------------------------------------------------------------------------
# finishing and checks
# --------------------------------------------------------------------------
def finish(df: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Snap to the 4-decimal grid (keeps validity), orient, drop empties."""
    geoms = shapely.set_precision(df.geometry.values, GRID)
    geoms = [_polygons_only(shapely.make_valid(g)) for g in geoms]
    # RFC 7946 right-hand rule: exterior rings counter-clockwise (GDAL's
    # RFC7946=YES writer enforces this too).
    geoms = shapely.orient_polygons(geoms, exterior_cw=False)
    out = df.copy()
    out["geometry"] = geoms
    out = out[~out.geometry.is_empty].reset_index(drop=True)
    return out


def max_part_width(df: gpd.GeoDataFrame, polar_caps: bool = False) -> float:
    """Widest polygon part in degrees of longitude.

    A polygon closed via a pole (Antarctica) legitimately spans -180..180;
    such "polar caps" (parts touching lat +-90) are skipped unless
    ``polar_caps`` is true. Any other part wider than ~300 degrees is an
    antimeridian artefact.
    """
    parts = shapely.get_parts(df.geometry.values)
    b = shapely.bounds(parts)
    if not polar_caps:
        keep = (b[:, 1] > -89.99) & (b[:, 3] < 89.99)
        b = b[keep]
    return float(np.max(b[:, 2] - b[:, 0])) if len(b) else 0.0


def check_frame(df: gpd.GeoDataFrame, label: str) -> None:
    bad = df[~df.geometry.is_valid]
    if len(bad):
        raise SystemExit(f"{label}: invalid geometries: {bad['name'].tolist()}")
    w = max_part_width(df)
    if w > 300:
        raise SystemExit(f"{label}: a polygon spans {w:.1f} degrees of longitude (antimeridian artefact)")
    minx, miny, maxx, maxy = df.total_bounds
    if minx < -180 or maxx > 180 or miny < -90 or maxy > 90:
        raise SystemExit(f"{label}: bounds out of range {df.total_bounds}")


def write_geojson(df: gpd.GeoDataFrame, path: Path) -> None:
    if path.exists():
        path.unlink()
    pyogrio.write_dataframe(
        df,
        path,
        driver="GeoJSON",
        layer_options={"RFC7946": "YES", "COORDINATE_PRECISION": str(PRECISION), "WRITE_NAME": "NO"},
    )
    # Re-serialise compactly, one feature per line (small, diff-friendly);
    # drop GDAL's foreign members. RFC 7946 forbids a "crs" member.
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert "crs" not in doc, path
    lines = [json.dumps(f, separators=(",", ":"), ensure_ascii=False) for f in doc["features"]]
    path.write_text(
        '{"type":"FeatureCollection","features":[\n' + ",\n".join(lines) + "\n]}\n",
        encoding="utf-8",
    )


# --------------------------------------------------------------------------
# builds
# --------------------------------------------------------------------------
def build_world(src: Path) -> gpd.GeoDataFrame:
    df = read_topojson(src / "countries-50m.json")
    df["geometry"] = [fix_antimeridian(g) for g in df.geometry.values]
    check_frame(df, "countries (repaired)")
    # Coverage simplification keeps shared borders shared (no slivers/gaps).
    simplified = None
    if hasattr(shapely, "coverage_simplify"):
        try:
            simplified = shapely.coverage_simplify(df.geometry.values, WORLD_SIMPLIFY_DEG)
        except Exception as exc:  # pragma: no cover - GEOS < 3.12 or bad coverage
            print(f"coverage_simplify failed ({exc}); falling back to per-feature simplify", file=sys.stderr)
    if simplified is None:
        simplified = shapely.simplify(df.geometry.values, WORLD_SIMPLIFY_DEG, preserve_topology=True)
    df["geometry"] = simplified
    df = finish(df)
    check_frame(df, "countries")
    return df


# --------------------------------------------------------------------------
# Nagorno-Karabakh outline check (the outline itself is hand-drawn)
# --------------------------------------------------------------------------
NK_INSIDE = {"Stepanakert": (46.75, 39.82), "Shusha": (46.75, 39.76), "Hadrut": (47.03, 39.52), "Martakert": (46.82, 40.21)}
NK_OUTSIDE = {"Ganja": (46.36, 40.68), "Barda": (47.13, 40.38), "Aghdam": (46.93, 39.99), "Lachin": (46.55, 39.64)}


def check_nk(path: Path) -> None:
    df = pyogrio.read_dataframe(path)
    assert len(df) == 1, "expected one feature"
    poly = df.geometry.iloc[0]
    assert poly.is_valid and poly.geom_type == "Polygon"
    ring = list(poly.exterior.coords)
    assert 15 <= len(ring) - 1 <= 30, f"{len(ring) - 1} vertices"
    assert shapely.LinearRing(ring).is_ccw, "exterior ring must be counter-clockwise"
    for name, (x, y) in NK_INSIDE.items():
        assert poly.contains(shapely.Point(x, y)), f"{name} should be inside"
    for name, (x, y) in NK_OUTSIDE.items():
        assert not poly.contains(shapely.Point(x, y)), f"{name} should be outside"
    km2 = float(df.set_crs("EPSG:4326", allow_override=True).to_crs("EPSG:6933").area.iloc[0]) / 1e6
    assert 3500 <= km2 <= 5500, f"area {km2:.0f} km2"
    print(f"{path.name}: OK, {len(ring) - 1} vertices, {km2:.0f} km2")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--world-atlas", type=Path, help="path to an installed world-atlas 2.x package folder")
    ap.add_argument("--out-dir", type=Path, default=OUT_DIR)
    ap.add_argument("--check", action="store_true", help="only verify the existing outputs")
    args = ap.parse_args(argv)
    out = args.out_dir

    if not args.check:
        with tempfile.TemporaryDirectory(prefix="world-atlas-") as tmp:
            src = args.world_atlas or fetch_world_atlas(Path(tmp))
            version = json.loads((src / "package.json").read_text())["version"]
            if not version.startswith("2."):
                raise SystemExit(f"need world-atlas 2.x, found {version}")
            print(f"world-atlas {version} from {src}", flush=True)
            write_geojson(build_world(src), out / "countries.geojson")

    for name in ("countries.geojson",):
        p = out / name
        df = pyogrio.read_dataframe(p)
        check_frame(df, name)
        print(
            f"{name}: {len(df)} features, {p.stat().st_size / 1e6:.2f} MB, valid, "
            f"max part width {max_part_width(df):.1f} deg (polar caps excluded)"
        )
    nk = out / "nagorno_karabakh_approx.geojson"
    if nk.exists():
        check_nk(nk)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
