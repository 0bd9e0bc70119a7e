"""geomap: news reports to a trustworthy conflict map, offline.

The Python API (see README "Python API"): `geoparse(text)` for place mentions, `extract(text)`
for mentions and incidents, `open_store(path)` for the incident store (ingest, filtered incidents,
exports, briefings); `IncidentFilter` says which incidents a view shows. Importing geomap reads
no file and loads no gazetteer.

`geomap.geoparse` is the subpackage geomap.geoparse, made callable as `geomap.geoparse(text, *,
gazetteer=None)`. (It was the function of geomap.api bound over the subpackage's name, and then
`import geomap.geoparse.rank as rank`, which looks `rank` up on whatever `geomap.geoparse` is,
failed: "cannot import name 'rank' from 'geoparse'". The name on its parent is the subpackage's.)
"""

import types

from geomap import geoparse
from geomap.api import Workbench, extract, open_store
from geomap.api import geoparse as _geoparse_text
from geomap.exc import GeomapError
from geomap.filters import IncidentFilter
from geomap.records import Candidate, EventDate, Incident, IngestProblem, Mention, Place, Report, SourceRef

__all__ = [
    "geoparse", "extract", "open_store", "Workbench", "IncidentFilter",
    "GeomapError", "Candidate", "EventDate", "Incident", "IngestProblem", "Mention", "Place", "Report", "SourceRef",
]
__version__ = "0.1.0"


class _CallableGeoparse(types.ModuleType):
    """The geoparse subpackage, which `geomap.geoparse(text)` calls as the one-call API."""

    def __call__(self, text: str, *, gazetteer=None) -> list[Mention]:
        return _geoparse_text(text, gazetteer=gazetteer)


geoparse.__class__ = _CallableGeoparse
