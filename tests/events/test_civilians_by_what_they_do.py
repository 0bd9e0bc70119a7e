"""Doctors, nurses, medics, aid workers and journalists are civilians, in any war: their deaths count among the
civilians killed (`geomap.events.casualties.CIVILIAN_PEOPLE`, the one list of civilians by what they are or do).
Killed in a fight the story tells where it is, with no place of their own, they died in that battle, which ACLED
codes as the battle: the fight's incident holds their deaths, not a second, placeless attack. Reporters who are
told something ("the minister told reporters") were not hit. Reports written for these tests about Yemen."""

from __future__ import annotations

import pytest

from geomap.events import VIOLENT_TYPES, find_casualties, read_mention
from geomap.events.mentions import civilians_hit


@pytest.mark.parametrize(("words", "killed"), [
    ("Two nurses were killed while moving the injured to safety, the health ministry said.", (2, 2)),
    ("Three aid workers were killed when their convoy was ambushed.", (3, 3)),
    ("The strike killed four journalists covering the funeral.", (4, 4)),
    ("Five medics died when the ambulance was hit.", (5, 5)),
    ("Four traders were killed when the shell landed on the fish market.", (4, 4)),
    ("The strike killed six vendors and a shopkeeper beside the bus station.", (7, 7)),
])
def test_the_dead_counted_by_their_work_are_civilians(words, killed):
    casualties = find_casualties(words)
    assert casualties.killed == killed and casualties.civilians_killed == killed


def test_soldiers_counted_beside_them_are_not_civilians():
    casualties = find_casualties("Three soldiers and two medics were killed in the ambush.")
    assert casualties.killed == (5, 5) and casualties.civilians_killed == (2, 2)


def test_reporters_who_are_told_of_a_strike_were_not_hit():
    assert civilians_hit("The strike hit an army depot, the minister told reporters.") is None
    assert civilians_hit("The strike killed two reporters near the depot.")


NURSES_KILLED_IN_THE_FIGHTING = """Fighting rages near Marib

Government troops and rebel fighters clashed near Marib on Tuesday, local officials said.

Thousands of families have fled the fighting in recent days, aid groups said.

Two paramedics were killed as they carried injured men out of the combat area, health officials said.
"""


def test_civilians_killed_in_the_fight_told_there_are_that_fights_dead(read):
    violent = [i for i in read(NURSES_KILLED_IN_THE_FIGHTING, "2022-03-16") if i.event_type in VIOLENT_TYPES]
    [fight] = violent
    assert fight.event_type == "armed_clash" and [m.surface for m in fight.places] == ["Marib"]
    assert (fight.killed_low, fight.civilians_killed_low, fight.civilians_killed_high) == (2, 2, 2)
    assert fight.sources[-1].sentence.startswith("Two paramedics were killed")


@pytest.mark.parametrize("words", [
    "Heavy fighting in Sanaa's old city on Friday killed six civilians.",
    "Clashes near the port of Mokha left four residents dead on Sunday.",
])
def test_a_fight_that_names_no_side_stays_a_fight_whoever_died_in_it(words):
    assert read_mention(words, casualties=find_casualties(words), has_place=True).event_type == "armed_clash"


@pytest.mark.parametrize("words", [
    # a side named: who was hit decides
    "Gunmen fought their way into the village of Bajil and shot dead six villagers.",
    "They began shooting at worshippers; the village vigilantes fought back, and four worshippers died.",
])
def test_a_fight_word_beside_a_side_that_hit_civilians_is_still_an_attack_on_them(words):
    assert read_mention(words, casualties=find_casualties(words), has_place=True).event_type == "attack_on_civilians"
