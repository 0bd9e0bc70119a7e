"""Victims listed in one noun phrase add up, whichever side of the verb the list stands ("shot dead two aid workers
and a journalist" 3, "three soldiers and two civilians were killed" 5), and the civilians among them are the counts
that name civilians. Counts with a verb or a place of their own are not one list ("killed four and wounded nine",
"two in one town and one in another"), nor is who tells it ("..., two officials said"). Sentences written for these
tests about Tanzania and Kenya."""

from __future__ import annotations

import pytest

from geomap.events import VIOLENT_TYPES, find_casualties


@pytest.mark.parametrize(("words", "killed", "civilians"), [
    ("Gunmen shot dead two aid workers and a journalist outside Mtwara on Sunday.", (3, 3), (3, 3)),
    ("The insurgents killed two soldiers and a civilian at the ferry crossing.", (3, 3), (1, 1)),
    ("The raid killed four policemen, a teacher and two farmers.", (7, 7), (3, 3)),
    ("Three soldiers and two civilians were killed when the convoy was ambushed.", (5, 5), (2, 2)),
    ("A soldier and two villagers were killed near Mocimboa.", (3, 3), (2, 2)),
    ("Gunmen killed two police officers and a child at a checkpoint outside Tabora.", (3, 3), (1, 1)),
    ("The ambush killed three family members and a driver on the Dodoma road.", (4, 4), (4, 4)),
    ("Bandits killed two drivers and a trader on the Lindi road.", (3, 3), (1, 1)),
])
def test_a_list_of_victims_adds_up_and_keeps_its_civilians(words, killed, civilians):
    casualties = find_casualties(words)
    assert (casualties.killed, casualties.civilians_killed) == (killed, civilians)


def test_a_list_of_civilians_alone_is_the_civilians_dead():
    assert find_casualties("Gunmen shot dead two aid workers and a journalist in Lamu.").killed_side == "civilians"
    assert find_casualties("The strike killed two children and a woman in Garissa.").killed_side == "civilians"


@pytest.mark.parametrize(("words", "killed", "wounded"), [
    ("The bomb killed four and wounded nine in Mandera.", (4, 4), (9, 9)),
    ("Two people were killed in Tanga and one in Moshi, police said.", (2, 2), None),
    ("The attack on the depot killed six policemen, two officials said.", (6, 6), None),
    ("Gunmen killed two soldiers, and a police officer said the attackers fled into the forest.", (2, 2), None),
    ("The attack on the camp killed six policemen and wounded four, a police officer said.", (6, 6), (4, 4)),
])
def test_counts_with_a_verb_a_place_or_a_speaker_of_their_own_are_not_added(words, killed, wounded):
    casualties = find_casualties(words)
    assert (casualties.killed, casualties.wounded) == (killed, wounded)


def test_civilians_glossed_as_a_militia_are_no_civilians():
    glossed = find_casualties("The rebels ambushed the patrol, killing nine soldiers and three civilian volunteers "
                              "(militia) near the bridge.")
    assert glossed.killed == (12, 12) and glossed.civilians_killed is None
    plain = find_casualties("The rebels ambushed the bus, killing nine soldiers and three civilian passengers.")
    assert plain.civilians_killed == (3, 3)


AID_WORKERS_AMBUSHED = """Aid workers killed in ambush near Mtwara

MTWARA, Tanzania (Newswire) - Gunmen shot dead two aid workers and a journalist on the road to Mtwara on Sunday,
police said.
"""


def test_the_incident_counts_every_victim_the_list_names(read):
    [attack] = [i for i in read(AID_WORKERS_AMBUSHED, "2023-05-15") if i.event_type in VIOLENT_TYPES]
    assert (attack.killed_low, attack.killed_high, attack.civilians_killed_low) == (3, 3, 3)
