"""The shipped gazetteer: GeoNames places, derived regions and the curated conflict-zone rows."""

from geomap.gazetteer.index import Gazetteer, default_index_dir, shared_gazetteer
from geomap.gazetteer.kinds import NAME_ALTERNATE, NAME_DEMONYM, NAME_MAIN

__all__ = ["Gazetteer", "default_index_dir", "shared_gazetteer", "NAME_ALTERNATE", "NAME_DEMONYM", "NAME_MAIN"]
