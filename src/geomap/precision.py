"""Precision codes, named once: UCDP GED `where_prec` and `date_prec`, ACLED `geo_precision` and `time_precision`.

UCDP GED codebook: where_prec 1 exact place, 2 within about 25 km, 3 second-order
administrative division (district), 4 first-order division (region), 5 larger or vague
area, 6 country (7 international waters is unused here). date_prec 1 day, 2 two to six
days, 3 week, 4 month, 5 year. ACLED folds location precision into 1-3 and time
precision into 1 day, 2 week, 3 month.
"""

from enum import IntEnum


class WherePrecision(IntEnum):
    EXACT = 1
    NEAR = 2
    DISTRICT = 3
    REGION = 4
    VAGUE_AREA = 5
    COUNTRY = 6


class DatePrecision(IntEnum):
    DAY = 1
    DAYS = 2
    WEEK = 3
    MONTH = 4
    YEAR = 5


WHERE_PRECISION_LABEL = {
    WherePrecision.EXACT: "exact place",
    WherePrecision.NEAR: "near the place (~25 km)",
    WherePrecision.DISTRICT: "district",
    WherePrecision.REGION: "first-level region",
    WherePrecision.VAGUE_AREA: "larger or vague area",
    WherePrecision.COUNTRY: "country",
}

DATE_PRECISION_LABEL = {
    DatePrecision.DAY: "day",
    DatePrecision.DAYS: "2-6 days",
    DatePrecision.WEEK: "week",
    DatePrecision.MONTH: "month",
    DatePrecision.YEAR: "year",
}


# GeoNames feature codes of countries and territories.
COUNTRY_CODES = frozenset({"PCLI", "PCLD", "PCLF", "PCLS", "PCLIX", "PCL", "TERR"})


def feature_kind(feature_class: str, feature_code: str, population: int = 0) -> str:
    """A readable kind of a GeoNames feature, for people and the JSON output: country, region, district,
    continent, area, city, town or place."""
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


def acled_geo_precision(where_prec: int) -> int:
    """ACLED geo_precision: 1 the exact town, 2 near it or a district, 3 a region or larger."""
    if where_prec <= WherePrecision.EXACT:
        return 1
    if where_prec <= WherePrecision.DISTRICT:
        return 2
    return 3


def acled_time_precision(date_prec: int) -> int:
    """ACLED time_precision: 1 the day, 2 the week (or a few days), 3 the month or coarser."""
    if date_prec <= DatePrecision.DAY:
        return 1
    if date_prec <= DatePrecision.WEEK:
        return 2
    return 3


def count_range_label(low, high, *, compact: bool = False) -> "str | None":
    """A casualty figure as people read it: "9", "250–299", "up to 300", "at least 14" (a figure with no upper
    bound, as "at least 14" or "more than 13" is stored; "14+" in a narrow table column); None when unknown."""
    if low is None and high is None:
        return None
    if high is None:
        return f"{low}+" if compact else f"at least {low}"
    if low == high:
        return f"{low}"
    if low is None:
        return f"up to {high}"
    return f"{low}–{high}"
