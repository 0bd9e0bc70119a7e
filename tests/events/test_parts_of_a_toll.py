"""Who among the counted a report names is a part of its toll, never a second toll nor one to add: "Thirty people,
six of them children, died", "Five children were among the dead". Sentences written for these tests."""

from __future__ import annotations

import pytest

from geomap.events.casualties import find_casualties


@pytest.mark.parametrize("sentence, killed", [
    # an aside between commas on who the counted were is read past, its count neither added nor taken
    ("Thirty people, six of them children, have died since the shelling of the depot in Korvan, officials said.",
     (30, 30)),
    ("Three more people, members of one family, died when a shell hit their home in Ustrel.", (3, 3)),
    ("Eleven civilians, including four women, were killed when the convoy was ambushed near Balun.", (11, 11)),
    ("At least 14 people, most of them traders, were killed in the market.", (14, None)),
])
def test_an_aside_on_who_the_counted_were_is_part_of_the_count(sentence, killed):
    assert find_casualties(sentence, published_year=2024).killed == killed


def test_children_among_the_dead_are_no_toll_of_their_own():
    figures = find_casualties("Five children were among the dead, a nurse at the Ostrava clinic said.",
                              published_year=2024)
    assert figures.killed is None


def test_a_toll_that_climbed_is_read_past_a_long_description_of_its_event():
    sentence = ("The death toll from Sunday's shelling of a bus station in Dorvik, a river port in the far north of "
                "the province, has risen to 27, among them nine children, the monitor said.")
    figures = find_casualties(sentence, published_year=2024)
    assert figures.killed == (27, 27) and figures.civilians_killed == (9, 9)


@pytest.mark.parametrize("sentence, killed", [
    # the count before "of" or "from" is the dead; the one after it, the families or villages they came from
    ("At least 19 members of three families were killed when shells hit a shelter in Korvan on Monday.", (19, None)),
    ("Eleven members of one family were killed in the strike on Ustrel, medics said.", (11, 11)),
    ("Nine people from two families were killed in the raid on Balun.", (9, 9)),
    ("Eleven people from three villages near Balun were killed in the raid.", (11, 11)),
    ("Twelve fighters of two rival militias were killed in clashes near Dorvik.", (12, 12)),
    ("Shells fell 10 km from two villages, killing 4 people.", (4, 4)),  # kilometres are nobody
])
def test_the_dead_are_counted_before_the_groups_they_came_from(sentence, killed):
    assert find_casualties(sentence, published_year=2024).killed == killed
