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



def test_a_country_counts_in_the_area_figure_when_the_gold_point_lies_inside_it():
    text = "Drones struck Sudan and Chad, officials in Kyiv said."
    sudan = Place("366755", "Sudan", 15.0, 30.0, "SD", "A", "PCLI")  # 500 km from the gold's point, inside Sudan
    chad = Place("2434508", "Chad", 15.0, 19.0, "TD", "A", "PCLI")
    kyiv_far = Place("x2", "Kyiv", 10.0, 10.0, "XX", "P", "PPL")
    gold = GoldDocument("d2", text, (GoldToponym(14, 19, "Sudan", 12.0, 26.5), GoldToponym(24, 28, "Chad", 12.0, 26.5),
                                     GoldToponym(43, 47, "Kyiv", 50.45, 30.52)))
    parse = lambda t: [Mention(14, 19, "Sudan", sudan, 6, 0.9), Mention(24, 28, "Chad", chad, 6, 0.9),
                       Mention(43, 47, "Kyiv", kyiv_far, 1, 0.9)]
    figures = score([gold], parse)
    # Sudan holds the gold point; Chad does not; a town 161 km off is wrong in both figures.
    assert figures["acc_at_161km"] == 0.0 and figures["acc_at_161km_or_country"] == pytest.approx(1 / 3, abs=1e-4)
