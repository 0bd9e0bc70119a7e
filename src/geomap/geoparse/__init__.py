"""Geoparsing: find place names in a text and resolve each to one gazetteer place."""

from __future__ import annotations

from geomap.gazetteer.index import Gazetteer
from geomap.geoparse.rank import RankWeights, rank_spans
from geomap.geoparse.recognize import find_name_spans
from geomap.records import Mention


def geoparse(text: str, gazetteer: Gazetteer, *, weights: RankWeights = RankWeights()) -> list[Mention]:
    """Every place and demonym mention in `text`, resolved in the context of the whole text."""
    return rank_spans(find_name_spans(text, gazetteer), text, gazetteer, weights=weights)


__all__ = ["geoparse", "RankWeights"]
