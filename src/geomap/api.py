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
from typing import TYPE_CHECKING, Optional, Union

from geomap.records import Mention, Report

if TYPE_CHECKING:
    from geomap.gazetteer import Gazetteer
    from geomap.pipeline import ReportExtraction
    from geomap.store import IncidentStore


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


def open_store(path: Union[str, os.PathLike, None] = None) -> "IncidentStore":
    """The incident store at `path` ($GEOMAP_STORE, else ./geomap.db), created when missing; use it in a
    `with` block or close it. See IncidentStore: ingest, incidents, export, brief."""
    from geomap.store import IncidentStore

    return IncidentStore(Path(path) if path is not None else None)


__all__ = ["extract", "geoparse", "open_store"]
