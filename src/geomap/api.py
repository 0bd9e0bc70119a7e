"""geomap as a library: the same objects the command line uses, three calls deep.

    >>> import geomap
    >>> geomap.geoparse("Shelling hit Kharkiv on Monday.")[0].place.name
    'Kharkiv'

`geoparse` finds and resolves place names, `extract` reads one report into mentions and
incidents, `open_store` opens the SQLite incident store (ingest, filtered incidents, exports
and briefings). The shipped gazetteer is loaded once per process (and built at first use
when geomap was installed from a wheel).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Optional, Sequence, Union

from geomap.filters import IncidentFilter
from geomap.records import Incident, Mention, Report

if TYPE_CHECKING:
    from geomap.gazetteer import Gazetteer
    from geomap.pipeline import IngestSummary, ReportExtraction


def _gazetteer(gazetteer: Optional["Gazetteer"]) -> "Gazetteer":
    if gazetteer is not None:
        return gazetteer
    from geomap.gazetteer import shared_gazetteer

    return shared_gazetteer()


def geoparse(text: str, *, gazetteer: Optional["Gazetteer"] = None) -> list[Mention]:
    """Every place and demonym mention in `text`, in order: its span (`text[m.start:m.end] == m.surface`),
    the place it resolves to in the context of the whole text (`m.place`, None when the gazetteer lacks a
    name the text presents as a place), UCDP location precision and a confidence."""
    from geomap.geoparse import geoparse as geoparse_text

    return geoparse_text(text, _gazetteer(gazetteer))


def extract(text_or_report: Union[str, Report], *, gazetteer: Optional["Gazetteer"] = None,
            report_id: str = "text", published: Optional[str] = None, publisher: str = "") -> "ReportExtraction":
    """One report's place mentions and its incidents and claims (`.mentions`, `.incidents`, `.sentences`).

    Plain text becomes a Report named `report_id`; `published` (an ISO date) anchors relative
    dates such as "on Monday" (detected from the text when not given).
    """
    from geomap.pipeline import extract_report
    from geomap.reports import report_from_text

    report = text_or_report
    if isinstance(report, str):
        report = report_from_text(report, report_id=report_id, published=published, publisher=publisher)
    return extract_report(report, _gazetteer(gazetteer))


class Workbench:
    """An incident store with the pipeline that fills it and the views that read it: what `open_store` gives.

    `ingest` runs geomap.pipeline.ingest into the store; `incidents` and `count` ask it with an
    IncidentFilter (or its fields as keywords); `export` and `brief` write what a filter keeps.
    The command line does the same through the same calls.
    """

    def __init__(self, path: Union[str, os.PathLike, None] = None) -> None:
        from geomap.store import IncidentStore

        self.store = IncidentStore(Path(path) if path is not None else None)

    @property
    def path(self) -> Path:
        return self.store.path

    def ingest(self, paths, **options) -> "IngestSummary":
        """Read, extract, merge and store the reports under `paths` in one transaction (see geomap.pipeline.ingest)."""
        from geomap.pipeline import ingest

        return ingest(self.store, paths, **options)

    def incidents(self, filter: Optional[IncidentFilter] = None, /, *, limit: Optional[int] = None,
                  **conditions) -> list[Incident]:
        """The incidents `filter` keeps, by date then id (see IncidentStore.incidents)."""
        return self.store.incidents(filter, limit=limit, **conditions)

    def count(self, filter: Optional[IncidentFilter] = None) -> int:
        """How many incidents `filter` keeps (all without one)."""
        return self.store.count(filter)

    def export(self, out: Union[str, os.PathLike], *, filter: Optional[IncidentFilter] = None,
               fmt: Optional[str] = None, force: bool = False) -> Path:
        """Write the incidents `filter` keeps (all without one) to `out` as geojson, gpkg, csv or kml
        (`fmt`, else from the suffix); a GeoPackage also gets the place mentions of their reports.
        An existing file is kept unless `force`. Returns the path written (see geomap.io.export)."""
        from geomap.io.export import export_incidents, format_for

        fmt = format_for(Path(out), fmt)  # a bad format or suffix is refused before the store is read
        incidents = self.incidents(filter)
        mentions = self.store.mentions_in_reports({s.report_id for i in incidents for s in i.sources}) \
            if fmt == "gpkg" else None
        return export_incidents(incidents, out, fmt=fmt, force=force, places=mentions)

    def brief(self, out_prefix: Union[str, os.PathLike], *, filter: Optional[IncidentFilter] = None,
              title: Optional[str] = None, size: Optional[tuple[int, int]] = None, force: bool = False,
              formats: Optional[Sequence[str]] = None) -> dict[str, Path]:
        """Write the briefing pack of the incidents `filter` keeps: OUT_PREFIX.html, .png and .pdf (or some
        of `formats`); returns their paths (see geomap.io.briefing.write_briefing). A briefing of the map as
        known on a day (`filter.as_of`) says so in its title."""
        from geomap.io import briefing

        title = briefing.briefing_title(title, as_of=filter.as_of if filter is not None else None)
        options = {"title": title, "size": size or briefing.DEFAULT_SIZE, "force": force,
                   "formats": tuple(formats) if formats else briefing.BRIEFING_FORMATS, "view_filter": filter}
        return briefing.write_briefing(self.incidents(filter), out_prefix, **options)

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> "Workbench":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def open_store(path: Union[str, os.PathLike, None] = None) -> Workbench:
    """The incident store at `path` ($GEOMAP_STORE, else ./geomap.db), created when missing, with ingest,
    incidents, count, export and brief; use it in a `with` block or close it."""
    return Workbench(path)


__all__ = ["Workbench", "extract", "geoparse", "open_store"]
