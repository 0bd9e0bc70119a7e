"""Deaths by accident are no political violence, which is all ACLED codes: a stampede, a road crash, a boat that
capsized, a fuel tanker that exploded tell no incident, unless the sentence also says someone struck. A shell or a
mine a war left behind, set off by chance, is the one accident ACLED codes: a remote explosive (`bombing`).
Sentences and a report written for these tests about Myanmar."""

from __future__ import annotations

import pytest

from geomap.events import VIOLENT_TYPES, find_casualties, read_mention


def _mention(words):
    return read_mention(words, casualties=find_casualties(words), has_place=True)


@pytest.mark.parametrize("words", [
    "A stampede at a rice distribution in Sittwe on Friday left at least 11 people dead.",
    "Seven people were killed when a bus collided with a lorry near Lashio on Friday.",
    "A fuel tanker exploded on the highway outside Lashio, killing 14 people.",
    "Nine people drowned when their ferry capsized on the river near Sittwe.",
    "An old gold mine collapsed near Lashio, killing 12 miners.",  # a pit, no leftover mine
])
def test_an_accident_is_no_incident(words):
    mention = _mention(words)
    assert mention is None or not mention.happened


@pytest.mark.parametrize("words", [
    "Two children were killed when an unexploded shell they found in a paddy field went off near Lashio.",
    "A farmer died when he struck leftover ordnance while ploughing outside Sittwe.",
])
def test_a_leftover_explosive_set_off_is_a_remote_explosive(words):
    assert _mention(words).event_type == "bombing"


@pytest.mark.parametrize(("words", "kind"), [
    ("Twelve people died in a stampede after soldiers opened fire on the market in Sittwe.", VIOLENT_TYPES),
    ("A roadside bomb hit a bus near Lashio, killing seven passengers.", {"bombing"}),
    ("Deminers cleared unexploded ordnance after the shelling of Lashio killed five.", {"shelling"}),
    # a weapon beside an accident's words is a strike told in them
    ("A missile crashed into a block of flats in Lashio on Sunday, killing five people.", {"missile_strike"}),
    ("A bomb hidden in a gas cylinder went off at a market in Sittwe, killing nine people.", {"bombing"}),
])
def test_a_strike_told_beside_an_accident_is_still_the_strike(words, kind):
    assert _mention(words).event_type in kind


STRIKE_AND_CRASH = """Air strike hits village near Lashio

An air strike hit the village of Nawnghkio near Lashio on Tuesday, killing six villagers, residents said.

Separately, nine people were killed when a bus collided with a lorry on the road to Mandalay on Tuesday night.
"""


def test_a_report_of_a_strike_and_a_road_crash_maps_the_strike_alone(read):
    incidents = [i for i in read(STRIKE_AND_CRASH, "2023-05-10") if i.event_type in VIOLENT_TYPES]
    assert [i.event_type for i in incidents] == ["air_drone_strike"]
    assert incidents[0].killed_low == 6
