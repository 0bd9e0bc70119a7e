"""Distances and map framing shared by the geoparser, the dashboard and the briefing pack."""

from __future__ import annotations

import numpy as np
import pytest

from geomap.geometry import WORLD_VIEW, fit_view, km_between, view_bounds
from geomap.io.briefing import SLIDE_FRAMING

KHARKIV, IZIUM, KUPIANSK = (49.9808, 36.2527), (49.2098, 37.2568), (49.7106, 37.6157)


def test_kharkiv_to_izium_is_about_110_km_and_works_on_arrays():
    assert km_between(*KHARKIV, *IZIUM) == pytest.approx(110, abs=3)
    lats, lons = np.array([IZIUM[0], KUPIANSK[0]]), np.array([IZIUM[1], KUPIANSK[1]])
    assert km_between(*KHARKIV, lats, lons) == pytest.approx([km_between(*KHARKIV, *IZIUM),
                                                             km_between(*KHARKIV, *KUPIANSK)])
    assert km_between(0.0, 179.9, 0.0, -179.9) == pytest.approx(22.2, abs=0.5)  # across the antimeridian


@pytest.mark.parametrize("framing", [{}, SLIDE_FRAMING], ids=["dashboard", "slide"])
def test_the_view_is_fitted_around_every_point(framing):
    points = [KHARKIV, IZIUM, KUPIANSK]
    centre, zoom = fit_view([p[0] for p in points], [p[1] for p in points], width=1880, height=920, **framing)
    west, south, east, north = view_bounds(centre, zoom, 1880, 920)
    assert all(south < lat < north and west < lon < east for lat, lon in points)


def test_one_point_does_not_zoom_in_to_a_street_and_none_shows_the_world():
    _, zoom = fit_view([KHARKIV[0]], [KHARKIV[1]], width=800, height=600)
    assert zoom <= 9.0
    assert fit_view([], [], width=800, height=600) == (WORLD_VIEW[0], WORLD_VIEW[1])
