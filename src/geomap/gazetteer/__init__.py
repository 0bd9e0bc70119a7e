"""The shipped gazetteer: GeoNames places, derived regions and the curated conflict-zone rows."""

from geomap.gazetteer.index import Gazetteer, default_index_dir, shared_gazetteer

__all__ = ["Gazetteer", "default_index_dir", "shared_gazetteer"]
