"""Numbered sites for a static map: nearby incident places grouped so that every number can be read.

A slide of 150 incidents drawn one marker each is a blob, and text on a MapLibre map would fetch
glyphs from the network. So a briefing groups the places whose badges would touch at the slide's
zoom into one numbered site (a badge sized by its incidents), and a table beside the map says what
each number holds. Grouping is in screen pixels, so it adapts to any region and any zoom.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from typing import Mapping, Optional, Sequence

import numpy as np

from geomap.geometry import from_pixels, to_pixels


def badge_diameter(incidents: int) -> float:
    """A site's badge in pixels: room for a two-digit number, its area growing with the incidents there."""
    return min(56.0, 28.0 + 4.0 * math.sqrt(max(incidents, 1) - 1))


@dataclass
class Site:
    """Map rows (one incident at one place each) drawn as one numbered badge."""

    rows: list[dict]
    x: float  # pixels from the map's left edge
    y: float  # pixels from the map's top edge
    number: int = 0
    in_view: bool = True
    lat: float = 0.0  # where the badge is drawn: the centre of the site's incidents on screen
    lon: float = 0.0
    places: Counter = field(default_factory=Counter)  # place name -> incidents there

    @property
    def incident_ids(self) -> list[str]:
        return list(dict.fromkeys(r["id"] for r in self.rows))

    @property
    def count(self) -> int:
        return len(self.incident_ids)

    @property
    def diameter(self) -> float:
        return badge_diameter(self.count)

    def top_types(self) -> list[tuple[str, int]]:
        """Event types by how many of the site's incidents have them, most first; a tie goes to the type that
        killed more (a shelling that killed nine before a strike with no toll), then by name."""
        incidents = {r["id"]: r for r in self.rows}.values()
        kinds = Counter(r.get("type") or "" for r in incidents)
        killed = Counter()
        for r in incidents:
            killed[r.get("type") or ""] += r.get("killed") or 0
        return sorted(kinds.items(), key=lambda item: (-item[1], -killed[item[0]], item[0]))


    def names(self) -> list[str]:
        """The site's place names, the busiest first (ties by name)."""
        return [name for name, _ in sorted(self.places.items(), key=lambda item: (-item[1], item[0]))]

    def busiest_row(self) -> dict:
        """A map row of the place with the most incidents: the place to ask which country the site is in (the
        centre of a grouped site may fall across a border)."""
        name = self.names()[0]
        return next(r for r in self.rows if (r.get("place") or "?") == name)


def _merge(a: Site, b: Site) -> Site:
    weight_a, weight_b = len(a.rows), len(b.rows)
    total = weight_a + weight_b
    return Site(a.rows + b.rows, (a.x * weight_a + b.x * weight_b) / total, (a.y * weight_a + b.y * weight_b) / total,
                places=a.places + b.places)


def group_sites(rows: Sequence[Mapping], *, centre: dict, zoom: float, width: int, height: int,
                max_sites: int, gap: float = 4.0) -> list[Site]:
    """The rows grouped into numbered sites for a width x height map at `centre` and `zoom`.

    Each place starts as a site; the two whose badges are nearest to touching are merged (at the
    centre of their incidents) while any two badges would be closer than `gap` pixels, or while
    there are more than `max_sites` (the rows the table beside the map has room for). Sites are
    numbered by incidents, most first; those whose badge falls off the map come last, `in_view` false.
    """
    by_place: dict[tuple, list[dict]] = {}
    for row in rows:
        by_place.setdefault((round(row["lat"], 4), round(row["lon"], 4)), []).append(dict(row))
    if not by_place:
        return []
    keys = list(by_place)
    xs, ys = to_pixels([k[0] for k in keys], [k[1] for k in keys], centre, zoom, width, height)
    sites = [Site(by_place[k], float(x), float(y), places=Counter(r.get("place") or "?" for r in by_place[k]))
             for k, x, y in zip(keys, xs, ys)]
    while len(sites) > 1:
        x = np.array([s.x for s in sites])
        y = np.array([s.y for s in sites])
        radius = np.array([s.diameter / 2 for s in sites])
        clearance = np.hypot(x[:, None] - x[None, :], y[:, None] - y[None, :]) - radius[:, None] - radius[None, :]
        np.fill_diagonal(clearance, np.inf)
        i, j = np.unravel_index(int(np.argmin(clearance)), clearance.shape)
        if clearance[i, j] >= gap and len(sites) <= max_sites:
            break
        merged = _merge(sites[i], sites[j])
        sites = [s for k, s in enumerate(sites) if k not in (i, j)] + [merged]
    for site in sites:
        site.in_view = 0 <= site.x <= width and 0 <= site.y <= height
        site.lat, site.lon = from_pixels(site.x, site.y, centre, zoom, width, height)
    sites.sort(key=lambda s: (not s.in_view, -s.count, s.places.most_common(1)[0][0]))
    for number, site in enumerate(sites, start=1):
        site.number = number
    return sites


__all__ = ["Site", "badge_diameter", "group_sites"]
