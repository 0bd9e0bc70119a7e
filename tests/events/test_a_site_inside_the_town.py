"""A telling of an event's own kind placed only at a site inside a town that the gazetteer lacks ("On Sunday afternoon
a bomb hidden in a parked van exploded beside crowded Bab Salem junction" after "car bomb attacks on the port city of
Aden") tells that event at its finer site: one incident, and the site is then in that town, so an earlier event the
report sets there ("On May 12, 2019, a truck bomb had killed 60 people near Bab Salem junction") is drawn near the
town (the rule of 14971dc). A
telling of another kind there, or one at a village, is another event. Reports written for these tests about Yemen,
Afghanistan and Nigeria."""

from __future__ import annotations

from geomap import extract
from geomap.events import VIOLENT_TYPES

ADEN = """Car bombs kill at least 40 in Aden

Wreckage of a car bomb blast on the port road in Aden, Yemen, March 3, 2024. REUTERS/Staff
The car bomb attacks on the port city of Aden killed at least 40 people, the governor told reporters on Monday.
On Sunday afternoon a bomb hidden in a parked van exploded beside crowded Bab Salem junction.
On May 12, 2019, a truck bomb had killed 60 people near Bab Salem junction.
On Sunday a drone also struck a pickup near Kud Mahrab market, killing two men.
"""

KABUL = """Suicide bombing kills 20 in Kabul

A suicide bombing killed 20 people in Kabul on Thursday, the interior ministry said.
On Thursday evening a suicide bomber detonated his vest among worshippers near the Pul-e-Sokhta junction, witnesses said.
"""

BORNO = """Jihadists attack Maiduguri outskirts

Jihadists shelled the outskirts of Maiduguri on Tuesday, killing three people, residents said.
On Tuesday jihadists also shelled the village of Dalwa Kura, killing two farmers.
"""


def _violent(text):
    return [i for i in extract(text).incidents if i.event_type in VIOLENT_TYPES]


def _told(incident, words):
    return any(words in source.sentence for source in incident.sources)


def test_a_bombing_told_at_a_junction_the_gazetteer_lacks_is_the_bombing_told_in_its_town():
    bombings = [i for i in _violent(ADEN) if not i.background and i.event_type == "bombing"]
    assert len(bombings) == 1
    assert _told(bombings[0], "beside crowded Bab Salem junction") and bombings[0].date.start == "2024-03-03"
    [bombing] = [i for i in _violent(KABUL)]
    assert _told(bombing, "Pul-e-Sokhta junction") and bombing.places[0].surface == "Kabul"


def test_an_earlier_event_at_that_site_is_drawn_near_the_town():
    [earlier] = [i for i in _violent(ADEN) if i.background]
    assert earlier.date.start == "2019-05-12"
    assert [(m.place.name, m.precision) for m in earlier.places if m.place is not None] == [("Aden", 2)]


def test_another_kind_at_a_site_and_a_village_are_other_events():
    [strike] = [i for i in _violent(ADEN) if i.event_type == "air_drone_strike"]
    assert _told(strike, "Kud Mahrab market") and not _told(strike, "Bab Salem")
    assert len(_violent(BORNO)) == 2
