"""geomap: news reports to a trustworthy conflict map, offline.

The Python API (see README "Python API"): `geoparse(text)` for place mentions, `extract(text)`
for mentions and incidents, `open_store(path)` for the incident store (ingest, filtered incidents,
exports, briefings); `IncidentFilter` says which incidents a view shows. Importing geomap reads
no file and loads no gazetteer. (Importing a subpackage binds its name on its parent package, so
the subpackage geomap.geoparse is imported here before the function takes the name.)
"""

from geomap import geoparse as _subpackage  # bound first, so that the function below is `geomap.geoparse`
from geomap.api import Workbench, extract, geoparse, open_store
from geomap.exc import GeomapError
from geomap.filters import IncidentFilter
from geomap.records import Candidate, EventDate, Incident, IngestProblem, Mention, Place, Report, SourceRef

__all__ = [
    "geoparse", "extract", "open_store", "Workbench", "IncidentFilter",
    "GeomapError", "Candidate", "EventDate", "Incident", "IngestProblem", "Mention", "Place", "Report", "SourceRef",
]
__version__ = "0.1.0"
del _subpackage
