"""Casualty figures as people read them: a figure with no upper bound says so."""

from __future__ import annotations

import pytest

from geomap.precision import count_range_label


@pytest.mark.parametrize("low, high, full, compact", [
    (9, 9, "9", "9"),
    (250, 299, "250–299", "250–299"),
    (None, 300, "up to 300", "up to 300"),
    (14, None, "at least 14", "14+"),  # "at least 14", "more than 13": no upper bound
    (None, None, None, None),
])
def test_a_figure_reads_as_told(low, high, full, compact):
    assert count_range_label(low, high) == full
    assert count_range_label(low, high, compact=True) == compact
