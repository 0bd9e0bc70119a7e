"""Predicates joined by "and", each with a time of its own, tell an event each on its own date: "took Menaka from the
army in 2019 and seized Ansongo and Bourem in March last year" is a capture of Menaka in 2019 and captures of Ansongo
and Bourem in March of the year before publication, not three captures in 2019. A predicate with no time of its own
("and wounded five") or no event of its own ("and again on Tuesday") stays with the sentence. "Took X from" a side is
a capture. Reports written for these tests about Mali."""

from __future__ import annotations

from geomap.events import read_mention
from geomap.events.casualties import find_casualties


def _dates_by_place(incidents, kind):
    return {m.surface: (i.date.start, i.date.end) for i in incidents if i.event_type == kind for m in i.places}


TWO_CAPTURES = """Gunmen attack army post near Gao

Gunmen attacked an army post outside Gao on Monday, killing four soldiers, the army said.

Jihadist fighters took Menaka from the army in 2019 and seized Ansongo and Bourem in March last year.
"""


def test_captures_joined_by_and_take_each_its_own_date(read):
    captures = _dates_by_place(read(TWO_CAPTURES, "2022-06-10"), "territory_change")
    assert captures == {"Menaka": ("2019-01-01", "2019-12-31"), "Ansongo": ("2021-03-01", "2021-03-31"),
                        "Bourem": ("2021-03-01", "2021-03-31")}


def test_a_predicate_without_a_time_or_an_event_of_its_own_stays_with_the_sentence(read):
    text = ("Mortar fire hit the camp at Tessalit on Monday and wounded five soldiers, the army said. "
            "Drones struck Kidal on Monday and again on Tuesday.")
    incidents = read(text, "2022-06-10")
    assert len([i for i in incidents if any(m.surface == "Tessalit" for m in i.places)]) == 1
    assert len([i for i in incidents if any(m.surface == "Kidal" for m in i.places)]) == 1


def test_a_named_town_taken_from_a_side_is_a_capture_and_a_person_taken_from_home_is_not():
    words = "The rebels took Menaka from government forces."
    assert read_mention(words, casualties=find_casualties(words)).event_type == "territory_change"
    words = "Gunmen took Imam Traore from his home in Gao."
    mention = read_mention(words, casualties=find_casualties(words))
    assert mention is None or mention.event_type != "territory_change"
