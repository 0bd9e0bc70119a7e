"""Exports of an incident view (GeoJSON, GeoPackage, CSV, KML) and the briefing pack (HTML, PNG, PDF).

Every function takes the already filtered incidents (`geomap.records.Incident`, as
`IncidentStore.incidents` returns them), so the dashboard and the command line export
exactly the same view.
Nothing runs at import; the heavy writers are imported when called.
"""

from geomap.io.export import FORMATS, export_incidents
from geomap.io.geojson import incidents_to_geojson, region_to_geojson

__all__ = ["FORMATS", "export_incidents", "incidents_to_geojson", "region_to_geojson", "write_briefing"]


def __getattr__(name: str):
    if name == "write_briefing":  # plotly and kaleido are only imported for a briefing
        from geomap.io.briefing import write_briefing

        return write_briefing
    raise AttributeError(name)
