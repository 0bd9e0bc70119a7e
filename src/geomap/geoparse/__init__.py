"""Geoparsing: find place names in a text and resolve each to one gazetteer place."""

from __future__ import annotations

from geomap.gazetteer.index import Gazetteer
from geomap.geoparse.rank import RankWeights, rank_spans
from geomap.geoparse.recognize import find_name_spans, find_unknown_place_names
from geomap.precision import WherePrecision
from geomap.records import Mention


def geoparse(text: str, gazetteer: Gazetteer, *, weights: RankWeights = RankWeights(),
             keep_unresolved: bool = True) -> list[Mention]:
    """Every place and demonym mention in `text`, resolved in the context of the whole text.

    Names the text presents as places ("the village of X") that the gazetteer lacks come
    back with `place=None`: kept and shown as unresolved, never dropped.
    """
    spans = find_name_spans(text, gazetteer)
    mentions = rank_spans(spans, text, gazetteer, weights=weights)
    if keep_unresolved:
        mentions += [
            Mention(start, end, text[start:end], None, WherePrecision.VAGUE_AREA, 0.0, role="place")
            for start, end in find_unknown_place_names(text, spans, common_words=gazetteer.common_words)
        ]
        mentions.sort(key=lambda m: m.start)
    return mentions


__all__ = ["geoparse", "RankWeights"]
