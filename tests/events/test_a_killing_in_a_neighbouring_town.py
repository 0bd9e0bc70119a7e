"""A killing told with a town of its own near the event's town ("Israel said it had killed a Hamas commander in Khan
Younis" after an air strike on Rafah) is another event, with its own claimant and denial; only an explicit reference
("the assault on Munigi", a village on Goma's edge) is the event told again at a neighbouring place. Reports
written for these tests about Gaza and the Congo-Rwanda border."""

from __future__ import annotations

from geomap.events import VIOLENT_TYPES

RAFAH = """Israeli strike kills 11 in Rafah, ministry says

An Israeli air strike on a house in Rafah killed 11 people overnight, the Gaza health ministry said.
Israel said it had killed a Hamas commander in Khan Younis, a claim Hamas denied.
"""

GOMA = """Shelling hits Goma

Shelling hit a camp for displaced people in Goma on Friday, killing five people, the army said.
Rwanda's army said it had killed a Congolese soldier in Gisenyi, a claim Kinshasa denied.
"""


def _by_place(incidents):
    return {tuple(m.surface for m in i.places): i for i in incidents if i.event_type in VIOLENT_TYPES}


def test_a_killing_claimed_in_a_town_next_to_the_strike_is_an_event_of_its_own(read):
    events = _by_place(read(RAFAH, "2024-03-04"))
    assert set(events) == {("Rafah",), ("Khan Younis",)}
    assert events[("Rafah",)].killed_low == 11 and events[("Rafah",)].denied_by == ()
    assert events[("Khan Younis",)].denied_by == ("Hamas",)


def test_a_killing_across_the_border_from_the_shelled_town_is_another_event(read):
    events = _by_place(read(GOMA, "2024-02-10"))
    assert set(events) == {("Goma",), ("Gisenyi",)}
    assert events[("Gisenyi",)].claimant == "Rwanda's army" and events[("Goma",)].killed_low == 5
