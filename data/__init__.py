"""geomap's data, installed as the package `geomap.data` (see geomap.resources); nothing to import here."""
