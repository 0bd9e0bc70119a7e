"""Geoparser scoring (`geomap eval`): recognition by span, resolution within 161 km, on a gold written here."""

from __future__ import annotations

import pytest

from geomap.evaluate import GoldDocument, GoldToponym, score
from geomap.exc import EvalError
from geomap.records import Mention, Place

TEXT = "Shelling hit Kharkiv and Izium on Monday, officials in Kyiv said."
KHARKIV = Place("706483", "Kharkiv", 49.98, 36.25, "UA", "P", "PPLA")
KHARKIV_ELSEWHERE = Place("x1", "Kharkiv", 10.0, 10.0, "XX", "P", "PPL")
GOLD = GoldDocument("d1", TEXT, (GoldToponym(13, 20, "Kharkiv", 49.99, 36.23), GoldToponym(25, 30, "Izium", 49.21, 37.26),
                                 GoldToponym(55, 59, "Kyiv", 50.45, 30.52)))


def mention(start: int, end: int, place) -> Mention:
    return Mention(start, end, TEXT[start:end], place, 1, 0.9)


def test_a_found_and_resolved_toponym_counts_and_a_missed_one_lowers_recall():
    figures = score([GOLD], lambda text: [mention(13, 20, KHARKIV)])
    assert (figures["precision"], figures["recall"], figures["acc_at_161km"]) == (1.0, pytest.approx(1 / 3, abs=1e-4), 1.0)
    assert figures["median_error_km"] < 5


def test_a_place_resolved_to_the_wrong_continent_is_found_but_not_accurate():
    figures = score([GOLD], lambda text: [mention(13, 20, KHARKIV_ELSEWHERE), mention(55, 59, None)])
    assert figures["precision"] == 1.0 and figures["acc_at_161km"] == 0.0


def test_a_span_that_only_overlaps_counts_for_overlap_f1_alone():
    figures = score([GOLD], lambda text: [mention(13, 24, KHARKIV)])  # "Kharkiv and"
    assert figures["f1"] == 0.0 and figures["overlap_f1"] > 0.0


def test_an_unknown_demonym_mode_is_a_clear_error():
    with pytest.raises(EvalError, match="demonyms must be one of"):
        score([GOLD], lambda text: [], demonyms="sometimes")

