"""A part of a country told by where it lies ("jets struck targets in southern Ghana") is where an event was: a place
of its own, coarser than a town, not the whole country a war is in (an event told only "in Ghana" by a speaker stays a
statement). What drove people from their homes is no event of its own, though a word of leaving may come before
an event that happened. Texts written for these tests."""

from __future__ import annotations

import pytest

from geomap.events import VIOLENT_TYPES
from geomap.events.casualties import find_casualties
from geomap.events.mentions import read_mention
from geomap.precision import WherePrecision


@pytest.mark.parametrize("where", ["southern Ghana", "the south of Ghana", "north-eastern Ghana"])
def test_a_strike_told_in_a_part_of_a_country_is_an_event_there(read, where):
    incidents = read(f"The army said its jets struck targets in {where}.", "2024-03-12")
    assert [i.event_type for i in incidents] == ["air_drone_strike"]
    assert [(m.surface, m.precision) for m in incidents[0].places] == [("Ghana", WherePrecision.VAGUE_AREA)]


def test_a_strike_told_only_in_a_country_by_a_speaker_stays_a_statement(read):
    incidents = read("The army said its jets struck targets in Ghana.", "2024-03-12")
    assert [i.event_type for i in incidents] == ["statement"]


def test_a_town_north_of_another_is_told_by_reference_not_as_a_part(read):
    incidents = read("Jets struck a depot north of Tamale on Monday, killing two guards.", "2024-03-12")
    assert [m.surface for i in incidents if i.event_type in VIOLENT_TYPES for m in i.places] == ["Tamale"]


def test_shelling_that_drove_people_from_their_homes_is_no_event_of_its_own():
    words = "Close to 9,000 villagers in northern Ghana were driven out of their homes because of cross-border shelling."
    mention = read_mention(words, casualties=find_casualties(words), has_place=True)
    assert mention is None or not mention.happened
    words = "Families in Tamale fled from heavy shelling on Monday."
    assert not read_mention(words, casualties=find_casualties(words), has_place=True).happened
    words = "Residents fled after shelling hit Tamale on Monday, killing two."
    assert read_mention(words, casualties=find_casualties(words), has_place=True).happened


@pytest.mark.parametrize("words, event_type", [
    ("Militants who fled from Yendi raided a village near Tamale on Monday.", "attack_on_civilians"),  # whence
    ("Soldiers left their base on Monday and came under fire from rebel mortars.", "shelling"),  # who fired
    ("A truck driven from the border exploded at a checkpoint near Wa, killing five people.", "bombing"),
])
def test_from_after_a_word_of_leaving_that_names_a_place_or_who_fired_tells_an_event_that_happened(words, event_type):
    mention = read_mention(words, casualties=find_casualties(words), has_place=True)
    assert mention.happened and mention.event_type == event_type
