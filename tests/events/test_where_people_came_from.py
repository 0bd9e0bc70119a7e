"""Where the people an event hit came from is not where it happened: "a school that housed families from X", "people
who had fled from X" (the `origin` role of `geomap.events.places`). Reports written for these tests about several
conflicts, in the shapes agency copy takes."""

from __future__ import annotations

from geomap.events import VIOLENT_TYPES
from geomap.events.places import event_places, place_role


def _violent(incidents):
    return [i for i in incidents if i.event_type in VIOLENT_TYPES and i.places]


def _surfaces(incident):
    return [m.surface for m in incident.places]


SUDAN = """Drone hits school sheltering displaced in Kosti

A drone struck a school in Kosti that housed some 300 families from Khartoum on Sunday, killing six people, officials said.
Shells hit a market in Khartoum on Sunday, killing three people, medics said.
"""


def test_sudan_families_from_the_capital_sheltering_in_a_school_put_the_strike_in_kosti_alone(read):
    by_place = {tuple(_surfaces(i)): i for i in _violent(read(SUDAN, "2025-03-10"))}
    assert set(by_place) == {("Kosti",), ("Khartoum",)}
    assert by_place[("Kosti",)].killed_low == 6 and by_place[("Khartoum",)].killed_low == 3
    # the shelling of Khartoum is an event of its own, not joined by the families' origin
    assert not any("Kosti" in s.sentence for s in by_place[("Khartoum",)].sources)


UKRAINE = """Missile hits dormitory in Lviv

A Russian missile hit a dormitory in Lviv housing displaced people from Kharkiv on Tuesday, the mayor said.
"""


def test_ukraine_a_dormitory_housing_displaced_people_is_where_it_stands_not_where_they_fled(read):
    [strike] = _violent(read(UKRAINE, "2025-03-12"))
    assert _surfaces(strike) == ["Lviv"]


GAZA = """Strike on school in Khan Younis

An air strike hit a school in Khan Younis where people who had fled from Gaza City were sheltering, medics said on Monday.
"""


def test_gaza_people_who_fled_from_a_city_are_no_event_there(read):
    [strike] = _violent(read(GAZA, "2025-03-10"))
    assert _surfaces(strike) == ["Khan Younis"]


def test_people_from_a_village_told_with_no_flight_or_shelter_are_where_the_killing_was(parse):
    text = "Gunmen killed 12 people from Kaura on Sunday, police said."
    mentions = [m for m in parse(text) if m.role == "place"]
    assert [m.surface for m in mentions] == ["Kaura"]
    assert place_role(text, mentions[0], sentence_start=0) == "event"
    assert [m.surface for m in event_places(text, mentions, sentence_start=0).places] == ["Kaura"]
    sheltered = "Gunmen attacked a camp sheltering villagers from Kaura on Sunday, police said."
    [kaura] = [m for m in parse(sheltered) if m.role == "place"]
    assert place_role(sheltered, kaura, sentence_start=0) == "origin"


SHELTER = """Shelling hits school sheltering displaced families

Artillery shelled a school in Kupiansk, where hundreds of displaced people had taken shelter, on Monday, killing four, the regional governor said.
"""


def test_a_town_where_people_had_taken_shelter_is_where_the_shelling_was_not_where_they_left(read):
    # "where ... had taken shelter" is no list of names that people fled ("Families in X and Y fled")
    [shelling] = _violent(read(SHELTER, "2023-05-09"))
    assert _surfaces(shelling) == ["Kupiansk"] and shelling.killed_low == 4
