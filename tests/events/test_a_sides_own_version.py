"""A side's own account of the fight a report tells ("The militia said its fighters had fought soldiers massing
outside X"), with no day of its own, at the place of the attack the report told that day, is that side's version of
the same fight: a counter-claim of the attack, not a second clash on the map. An account of its own forces at
another place, or on another day, is an event of its own. Reports written for these tests about South Sudan."""

from __future__ import annotations

ATTACK = """Dozens killed as militia shells village near Bor

Militia fighters shelled the village of Pariak near Bor on Sunday, killing at least 30 people, most of them women and children, a local official said.

The official said the fighters then drove in on motorbikes and burned huts.

The militia said in a statement that its fighters had fought soldiers massing at two camps outside Pariak, and did not mention civilians.
"""


def test_a_sides_account_of_its_own_forces_at_the_attacks_place_is_a_counter_claim_of_it(read):
    incidents = [i for i in read(ATTACK, "2024-03-12") if any(m.surface == "Pariak" for m in i.places)]
    assert [i.event_type for i in incidents] == ["shelling"]
    assert [claim.split(":")[0] for claim in incidents[0].counter_claims] == ["The militia"]


def test_a_sides_account_of_its_own_forces_elsewhere_is_an_event_of_its_own(read):
    text = ATTACK.replace("massing at two camps outside Pariak", "at two camps outside Malakal")
    incidents = read(text, "2024-03-12")
    assert any(m.surface == "Malakal" for i in incidents if i.event_type == "armed_clash" for m in i.places)
    assert not [i for i in incidents if i.counter_claims]
