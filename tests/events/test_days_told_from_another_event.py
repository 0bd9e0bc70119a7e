"""A day told from something the story told earlier ("The day before the envoys met in Doha, a roadside bomb ...")
is that day moved by the days it says, when an earlier sentence naming the same people or places gives it a day.
Reports written for these tests about Afghanistan and Colombia."""

from __future__ import annotations

from geomap.events import VIOLENT_TYPES

GHAZNI = """Envoys meet in Doha as violence goes on

Taliban and government envoys met in Doha on Tuesday to discuss a prisoner exchange, officials said.
The day before the envoys met in Doha, a roadside bomb killed six police officers in Ghazni, the governor said.
"""

CAUCA = """Petro visits Cali; police station attacked

President Gustavo Petro visited Cali on Friday to open a hospital.
Two days after Petro visited Cali, gunmen attacked the police station in Jamundí, wounding three officers.
"""

ELECTIONS = """Bomb before the vote

The day before the elections, a bomb exploded at a market in Kandahar, killing four people.
"""


def _violent(incidents):
    return [i for i in incidents if i.event_type in VIOLENT_TYPES]


def test_the_day_before_a_meeting_told_earlier_is_the_day_before_its_day(read):
    [bombing] = _violent(read(GHAZNI, "2020-09-10"))  # a Thursday: the talks were on Tuesday the 8th
    assert (bombing.date.start, bombing.date.end, bombing.killed_low) == ("2020-09-07", "2020-09-07", 6)


def test_days_after_a_visit_told_earlier_count_from_its_day(read):
    [attack] = _violent(read(CAUCA, "2023-05-09"))  # a Tuesday: the visit was on Friday the 5th
    assert attack.date.start == attack.date.end == "2023-05-07"


def test_a_day_told_from_something_the_story_does_not_date_is_not_made_up(read):
    [bombing] = _violent(read(ELECTIONS, "2019-09-29"))
    assert bombing.date.start != "2019-09-27" and bombing.date.precision != 1


SAHEL = """Jihadists kill 20 soldiers in ambush

Suspected jihadists killed 20 soldiers in an ambush near Djibo on Friday, 9 August 2024, security sources said.
Two days after the Djibo ambush, militants raided the village of Barsalogho, killing dozens.
"""


def test_the_place_of_the_event_a_day_is_told_from_is_not_this_events_place(read):
    [bombing] = _violent(read(GHAZNI, "2020-09-10"))
    assert [m.surface for m in bombing.places] == ["Ghazni"]
    raid = next(i for i in _violent(read(SAHEL, None)) if i.date.start == "2024-08-11")
    assert [m.surface for m in raid.places] == ["Barsalogho"]  # a village the gazetteer lacks: listed, not drawn at Djibo
