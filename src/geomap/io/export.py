"""One entry point for every export format, with the output-path rules the CLI and dashboard share."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Callable, Optional, Sequence

from geomap.exc import ExportError
from geomap.records import Incident

#: Format name -> the file suffix it is written with.
FORMATS = {"geojson": ".geojson", "gpkg": ".gpkg", "csv": ".csv", "kml": ".kml"}

_SUFFIX_FORMAT = {".geojson": "geojson", ".json": "geojson", ".gpkg": "gpkg", ".csv": "csv", ".kml": "kml"}


def format_for(path: Path, fmt: Optional[str] = None) -> str:
    """The export format: `fmt` when given (checked against the suffix), else read from the suffix."""
    suffix_fmt = _SUFFIX_FORMAT.get(Path(path).suffix.lower())
    if fmt is None:
        if suffix_fmt is None:
            raise ExportError(f"cannot tell the format of {path}: give --format ({'|'.join(FORMATS)}) "
                              f"or a suffix such as .geojson")
        return suffix_fmt
    fmt = fmt.lower()
    if fmt not in FORMATS:
        raise ExportError(f"unknown export format {fmt!r}: choose one of {', '.join(FORMATS)}")
    if suffix_fmt is not None and suffix_fmt != fmt:
        raise ExportError(f"{path} has the suffix of a {suffix_fmt} file but the format is {fmt}; "
                          f"rename it to end in {FORMATS[fmt]}")
    return fmt


#: Bytes a temporary or side file beside an output may add to its name (".NAME.XXXXXXXX.gpkg-journal").
_SIDE_FILE_BYTES = 24


def check_target(path: Path, *, force: bool = False) -> Path:
    """The output path if it can be written: a name the file system takes, its folder exists, it is not a
    folder, and it is new or `force`."""
    path = Path(path)
    _check_name_length(path)
    if path.is_dir():
        raise ExportError(f"{path} is a folder; give a file name such as {path / 'incidents.geojson'}")
    if not path.parent.is_dir():
        raise ExportError(f"the folder {path.parent} does not exist; create it first")
    if not os.access(path.parent, os.W_OK):
        raise ExportError(f"the folder {path.parent} is not writable")
    if path.exists() and not force:
        raise ExportError(f"{path} exists; pass --force (force=True) to overwrite it")
    return path


def _check_name_length(path: Path) -> None:
    """A name too long for the file system is an error that says so, before anything is written."""
    folder = path.parent if str(path.parent) else Path(".")
    try:
        name_max = os.pathconf(folder, "PC_NAME_MAX") if folder.is_dir() else 255
    except (OSError, ValueError, AttributeError):  # no pathconf (Windows), or the folder can't tell
        name_max = 255
    length = len(os.fsencode(path.name))
    if length + _SIDE_FILE_BYTES > name_max:
        raise ExportError(f"the file name {path.name[:40]}... is {length} bytes long; this file system takes names of "
                          f"at most {name_max} bytes (geomap needs {_SIDE_FILE_BYTES} of them for temporary files): "
                          "choose a shorter name")


def write_atomically(path: Path, write: Callable[[Path], None]) -> None:
    """Run `write` on a temporary file beside `path`, then move it into place.

    A failed export leaves no half-written file and never destroys the previous one
    (GDAL writers also refuse to write into an existing file, so they always get a new one).
    """
    path = Path(path)
    handle, tmp_name = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=path.suffix, dir=path.parent)
    os.close(handle)
    tmp = Path(tmp_name)
    tmp.unlink()
    try:
        write(tmp)
        os.replace(tmp, path)
    except ExportError:
        raise
    except Exception as exc:  # GDAL, OS and encoding errors all mean the same thing to the user
        raise ExportError(f"cannot write {path}: {exc}") from exc
    finally:
        if tmp.exists():
            tmp.unlink()


def export_incidents(incidents: Sequence[Incident], out_path, *, fmt: Optional[str] = None, force: bool = False,
                     places: Optional[list[dict]] = None) -> Path:
    """Write exactly `incidents` (an already filtered view) to `out_path` as geojson, gpkg, csv or kml.

    `places` are mentions from `store.mentions()` for the GeoPackage `places` layer; without
    them that layer holds the places of the incidents. Returns the path written.
    """
    from geomap.io.csv import write_csv
    from geomap.io.geojson import write_geojson
    from geomap.io.gpkg import write_gpkg
    from geomap.io.kml import write_kml

    path = Path(out_path)
    fmt = format_for(path, fmt)
    check_target(path, force=force)
    incidents = list(incidents)
    writers = {
        "geojson": lambda p: write_geojson(incidents, p),
        "gpkg": lambda p: write_gpkg(incidents, p, mentions=places),
        "csv": lambda p: write_csv(incidents, p),
        "kml": lambda p: write_kml(incidents, p),
    }
    write_atomically(path, writers[fmt])
    return path


__all__ = ["FORMATS", "format_for", "check_target", "write_atomically", "export_incidents"]
