""""The attack" refers back to the event the story told last, not to the one it first told last; and "air traffic was
halted after the drone strike" tells what the strike did, no call. Reports written for these tests, in the shapes agency
copy takes."""

from __future__ import annotations

from geomap.events import VIOLENT_TYPES
from geomap.events.mentions import read_mention


def _by_place(incidents):
    return {m.surface: i for i in incidents if i.event_type in VIOLENT_TYPES for m in i.places[:1]}


def test_something_halted_after_a_strike_is_the_strike_told_again_and_a_halt_urged_is_a_call():
    halted = read_mention("Air traffic was halted for hours after the drone strike, the official said.")
    assert halted.happened and halted.refers_back and halted.event_type == "air_drone_strike"
    urged = read_mention("The envoy urged a halt to the drone strikes, the ministry said.")
    assert not urged.happened


SUDAN = """Drone hits Port Sudan airport

A drone struck the airport in Port Sudan on Sunday, an airport official said.
Troops and rebels also fought near Kosti on Sunday, the army said.
Air traffic was halted for hours after the drone strike, the official said.
The attack caused no casualties.
"""


def test_sudan_the_attack_told_right_after_the_drone_strike_is_told_again_is_the_strike_not_the_battle(read):
    by_place = _by_place(read(SUDAN, "2025-03-04"))
    strike, battle = by_place["Port Sudan"], by_place["Kosti"]
    assert (strike.killed_low, strike.killed_high) == (0, 0)
    assert [s.sentence for s in strike.sources][-2:] == ["Air traffic was halted for hours after the drone strike, the official said.",
                                                         "The attack caused no casualties."]
    assert [s.sentence for s in battle.sources] == ["Troops and rebels also fought near Kosti on Sunday, the army said."]


UKRAINE = """Missiles hit Odesa port

Russian missiles hit grain silos at the port of Odesa on Tuesday, the regional governor said.
Separately, heavy fighting raged near Pokrovsk on Tuesday, the general staff said.
Port operations were halted after the missile strike, the governor said.
The attack left no one injured, he added.
"""


def test_ukraine_the_attack_after_the_missile_strike_is_told_again_is_the_strike_not_the_fighting(read):
    by_place = _by_place(read(UKRAINE, "2025-03-05"))
    strike, fighting = by_place["Odesa"], by_place["Pokrovsk"]
    assert strike.event_type == "missile_strike"
    assert any(s.sentence.startswith("The attack left no one") for s in strike.sources)
    assert not any(s.sentence.startswith("The attack") for s in fighting.sources)
