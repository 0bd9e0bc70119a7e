"""A toll of fighters told alone ("89 fighters had been killed") is more of the latest battle, not of an air or
missile strike told after it with a toll of its own; rescuers are who tell of what they dug out. Reports written for
these tests about Syria and Ukraine."""

from __future__ import annotations

from geomap.events import VIOLENT_TYPES

ALEPPO = """Rebels launch offensive near Aleppo

Syrian rebels launched a major offensive against government forces west of Aleppo on Thursday, a war monitor said.
Russian jets struck rebel-held Idlib in response, killing 12 people, rescuers said.
The monitor said 89 fighters had been killed.
"""

DONBAS = """Assault repelled near Avdiivka

Ukrainian troops repelled a Russian assault near Avdiivka on Friday, the army said.
Russian missiles struck Kramatorsk, killing three people, rescuers said.
Forty Russian soldiers were killed, Ukraine's general staff said.
"""


def _tolls(incidents):
    return {i.places[0].surface: (i.event_type, i.killed_low) for i in incidents
            if i.event_type in VIOLENT_TYPES and i.places}


def test_a_toll_of_fighters_told_after_a_strike_with_its_own_toll_is_the_battles():
    from geomap import extract

    assert _tolls(extract(ALEPPO, published="2024-11-28").incidents) == {
        "Aleppo": ("armed_clash", 89), "Idlib": ("air_drone_strike", 12)}
    assert _tolls(extract(DONBAS, published="2024-02-10").incidents) == {
        "Avdiivka": ("armed_clash", 40), "Kramatorsk": ("missile_strike", 3)}


def test_rescuers_are_who_say_it(read):
    strike = next(i for i in read(ALEPPO, "2024-11-28") if i.event_type == "air_drone_strike")
    assert strike.claimant == "rescuers"


def test_dead_counted_as_an_armed_side_tell_of_a_fight_though_civilians_helped_kill_them():
    # no event word: who died decides, though civilian self-defence groups are named beside the police (Honduras)
    from geomap.events import find_casualties, read_mention

    words = ("Fourteen suspected gang members were left dead after police and civilian self-defence groups swept two "
             "Tegucigalpa slums overnight, officials said.")
    assert read_mention(words, casualties=find_casualties(words), has_place=True).event_type == "armed_clash"
