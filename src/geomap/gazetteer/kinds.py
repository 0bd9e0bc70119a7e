"""Feature kinds and the location precision each implies (UCDP where_prec)."""

from geomap.precision import WherePrecision

COUNTRY_CODES = frozenset({"PCLI", "PCLD", "PCLF", "PCLS", "PCLIX", "PCL", "TERR"})


def feature_kind(feature_class: str, feature_code: str, population: int = 0) -> str:
    """A readable kind for people and the JSON output."""
    if feature_code in COUNTRY_CODES:
        return "country"
    if feature_code == "ADM1":
        return "region"
    if feature_code.startswith("ADM"):
        return "district"
    if feature_code == "CONT":
        return "continent"
    if feature_class == "L" or feature_code in {"RGN", "AREA"}:
        return "area"
    if feature_class == "P":
        return "city" if population >= 100_000 or feature_code in {"PPLC", "PPLA"} else "town"
    return "place"


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
