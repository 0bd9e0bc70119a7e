"""Where geomap finds its data, in a source checkout and in an installed wheel alike.

The files a user reads and edits live in the checkout's `data/` folder (the conflict profiles, the
offline boundaries, data/gazetteer/curated.csv); the build installs that folder as the
package `geomap.data`, so code reaches them through `importlib.resources` and never through
its own file's location. The gazetteer index is built from them, not shipped: in a checkout
`make gazetteer` builds it next to curated.csv, and an installed geomap builds it at first use
in the user's cache folder (`gazetteer_index_dir`).
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from geomap.exc import GeomapError

if TYPE_CHECKING:
    from importlib.abc import Traversable

DATA_PACKAGE = "geomap.data"
INDEX_DIR_ENV = "GEOMAP_GAZETTEER_DIR"


def data_file(*parts: str) -> Traversable:
    """A file or folder of the data package, e.g. `data_file("boundaries", "countries.geojson")`."""
    return resources.files(DATA_PACKAGE).joinpath(*parts)


def data_path(*parts: str) -> Path:
    """`data_file(...)` as a path on the file system (for readers that take a path: GDAL, Flask)."""
    found = data_file(*parts)
    if not isinstance(found, Path):
        raise GeomapError(f"geomap's data is not on the file system ({found}); install geomap from a wheel "
                          "or a checkout, not from a zip archive")
    return found


#: The offline boundary layers under data/boundaries (see its README), by layer name. Outlines of a
#: particular conflict are not among them: a conflict profile names its own (geomap.conflicts.outline_geojson).
BOUNDARY_FILES = {
    "countries": "countries.geojson",  # Natural Earth 1:50m, the world
}


def boundary_path(name: str) -> Path:
    """The GeoJSON file of the boundary layer `name` (a key of BOUNDARY_FILES)."""
    return data_path("boundaries", BOUNDARY_FILES[name])


def is_source_checkout() -> bool:
    """True when the data package is a checkout's data/ folder (it carries the build scripts a wheel leaves out)."""
    return data_file("gazetteer", "scripts").is_dir()


def user_cache_dir() -> Path:
    """geomap's folder in the user's cache ($XDG_CACHE_HOME/geomap on Linux)."""
    import platformdirs

    return Path(platformdirs.user_cache_dir("geomap", appauthor=False))


def gazetteer_index_dir() -> Path:
    """The one place the gazetteer index is read from and written to.

    `$GEOMAP_GAZETTEER_DIR` when set; in a source checkout, data/gazetteer/build (beside the
    curated.csv it is built from, by `make gazetteer`); in an installed geomap, a folder of the
    user cache named for this version, where the first use builds it.
    """
    if os.environ.get(INDEX_DIR_ENV):
        return Path(os.environ[INDEX_DIR_ENV])
    if is_source_checkout():
        return data_path("gazetteer") / "build"
    from geomap import __version__

    return user_cache_dir() / "gazetteer" / __version__


__all__ = ["BOUNDARY_FILES", "DATA_PACKAGE", "INDEX_DIR_ENV", "boundary_path", "data_file", "data_path", "gazetteer_index_dir", "is_source_checkout",
           "user_cache_dir"]
