"""Violence told in words the event lexicon missed, and events a report without a publication date told apart by
the days it names. Texts written for these tests, about invented events in several wars."""

from __future__ import annotations

import pytest

from geomap.events import VIOLENT_TYPES
from geomap.events.casualties import find_casualties
from geomap.events.mentions import read_mention


def _violent(incidents):
    return [i for i in incidents if i.event_type in VIOLENT_TYPES]


def _surfaces(incident):
    return [m.surface for m in incident.places]


KORDOFAN = """Army says RSF mined supply roads in Kordofan

The Sudanese army said RSF fighters had conducted "large-scale sabotage" overnight in the direction of Bara and Umm Ruwaba, laying mines on the supply roads, and that its units suffered losses.
"""

BELGOROD = """Border raids reported near Belgorod

Russia's defence ministry said Ukrainian units carried out sabotage operations near Shebekino and Graivoron overnight, and that two of the saboteurs were detained.
"""


@pytest.mark.parametrize("text, places", [(KORDOFAN, {"Bara", "Umm Ruwaba"}), (BELGOROD, {"Shebekino", "Graivoron"})])
def test_sabotage_done_by_armed_men_is_an_event_at_each_place_it_names(read, text, places):
    violent = _violent(read(text, "2024-03-11"))
    assert {p for i in violent for p in _surfaces(i)} >= places
    assert all(i.event_type == "armed_clash" for i in violent if set(_surfaces(i)) & places)


@pytest.mark.parametrize("words", [
    "The spokesman denounced the delay as sabotage of the effort to restore peace.",
    "The rebels accused the government of trying to sabotage the talks in Doha.",
    "Opposition leaders said the ruling party had committed sabotage against the peace process.",
])
def test_sabotage_of_talks_or_peace_is_no_violence(words):
    mention = read_mention(words, casualties=find_casualties(words), has_place=True)
    assert mention is None or not mention.violent
