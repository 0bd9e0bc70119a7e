"""Feature kinds, the location precision each implies (UCDP where_prec), and the kinds of a place's names.

This is the gazetteer's public vocabulary: the builder writes these codes, the geoparser reads them.
"""

from geomap.precision import COUNTRY_CODES, WherePrecision, feature_kind

# How a name belongs to its place (the index's name kinds).
NAME_ALTERNATE, NAME_MAIN, NAME_DEMONYM = 1, 2, 3


def where_precision(feature_class: str, feature_code: str) -> int:
    """How exactly a point of this kind locates an event."""
    if feature_code in COUNTRY_CODES:
        return WherePrecision.COUNTRY
    if feature_code == "ADM1":
        return WherePrecision.REGION
    if feature_code.startswith("ADM"):
        return WherePrecision.DISTRICT
    if feature_class == "P":
        return WherePrecision.EXACT
    return WherePrecision.VAGUE_AREA


__all__ = ["COUNTRY_CODES", "feature_kind", "where_precision", "feature_category", "NAME_ALTERNATE", "NAME_MAIN",
           "NAME_DEMONYM", "SETTLEMENT", "CAPITAL", "COUNTRY", "REGION", "DISTRICT", "CONTINENT", "AREA"]

# Small integer categories the ranker computes with (index into per-category weights).
SETTLEMENT, CAPITAL, COUNTRY, REGION, DISTRICT, CONTINENT, AREA = range(7)


def feature_category(feature_class: str, feature_code: str) -> int:
    if feature_code in COUNTRY_CODES:
        return COUNTRY
    if feature_code == "ADM1":
        return REGION
    if feature_code.startswith("ADM"):
        return DISTRICT
    if feature_code == "CONT":
        return CONTINENT
    if feature_class == "P":
        return CAPITAL if feature_code == "PPLC" else SETTLEMENT
    return AREA
