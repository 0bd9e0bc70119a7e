"""geomap: news reports to a trustworthy conflict map, offline."""

from geomap.exc import GeomapError
from geomap.records import Candidate, EventDate, Incident, IngestProblem, Mention, Place, Report, SourceRef

__all__ = [
    "GeomapError", "Candidate", "EventDate", "Incident", "IngestProblem", "Mention", "Place", "Report", "SourceRef",
]
__version__ = "0.1.0"
