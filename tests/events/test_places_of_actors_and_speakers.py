"""Capitals named as who struck ("Washington and London carried out strikes on targets near Sanaa") and the place a
speaker spoke from ("the military said in Tampa", "a spokesman said from Muscat") are not where the event was.
Reports written for these tests about Yemen and the Sahel."""

from __future__ import annotations

from geomap.events import VIOLENT_TYPES

RED_SEA = """Houthis fire missile at ship in Red Sea

SANAA, Feb 13 (Wire) - Yemen's Houthis fired a missile from Hodeidah at a cargo ship in the Red Sea on Tuesday, the U.S. military said in Tampa.
Washington and London carried out new air strikes on Houthi targets near Sanaa overnight, a Houthi spokesman said from Muscat.
"""

SAHEL = """Joint air strikes hit militant camps near Menaka

Bamako and Ouagadougou launched joint air strikes on militant camps near Menaka on Sunday, a spokesman told reporters in Niamey.
"""

LIST_THEN_SPEAKER = """Shelling hits two towns

Artillery shelled Kherson and Mykolaiv on Sunday, Ukraine said.
"""


def _places(incidents):
    return sorted(m.surface for i in incidents if i.event_type in VIOLENT_TYPES for m in i.places)


def test_capitals_that_carried_out_strikes_and_where_speakers_spoke_are_no_places_of_the_event(read):
    assert _places(read(RED_SEA, "2024-02-14")) == ["Red Sea", "Sanaa"]
    assert _places(read(SAHEL, "2024-03-12")) == ["Menaka"]


def test_towns_listed_as_struck_before_the_speaker_stay_the_events_places(read):
    assert _places(read(LIST_THEN_SPEAKER, "2024-06-10")) == ["Kherson", "Mykolaiv"]


KRASNODAR = """Drones hit airfield in southern Russia

Ukrainian drones struck an airfield in Russia's Krasnodar region overnight, the Russian defence ministry said, adding that Moscow's air defences downed 15 drones over the Bryansk and Kursk regions.
Russian forces launched 40 glide bombs on the Kharkiv region from Belgorod on Monday, Ukraine's military said.
"""

GALILEE = """Rockets hit northern Israel

Hezbollah fired dozens of rockets at the town of Kiryat Shmona from southern Lebanon on Tuesday, wounding two people, the army said, adding that Israel's air defences intercepted 10 rockets over Haifa.
"""


def test_air_defences_launch_sites_and_where_drones_were_downed_are_no_places_of_the_strike(read):
    assert _places(read(KRASNODAR, "2024-07-02")) == ["Kharkiv", "Krasnodar"]
    assert _places(read(GALILEE, "2024-07-03")) == ["Kiryat Shmona"]


def test_a_district_told_as_its_towns_is_the_place_and_the_town_only_where_it_lies(read):
    for text, day, place in (
            ("Shelling hits Saltivka\n\nRussian shelling hit Kharkiv's Saltivka district on Thursday, killing two.\n",
             "2024-05-10", "Saltivka"),
            ("Car bomb kills six\n\nA car bomb exploded in Baghdad's Sadr City district on Thursday, killing six.\n",
             "2024-05-10", "Sadr City")):
        [event] = [i for i in read(text, day) if i.event_type in VIOLENT_TYPES]
        assert [m.surface for m in event.places] == [place], text


def test_a_cartel_named_after_a_state_is_who_fought_and_officials_where_they_are_are_who_said_it(read):
    text = "Cartel factions clash\n\nSinaloa cartel factions clashed in Culiacan on Monday, authorities in Mexico City said.\n"
    [clash] = [i for i in read(text, "2024-02-20") if i.event_type in VIOLENT_TYPES]
    assert [m.surface for m in clash.places] == ["Culiacan"] and clash.claimant == "authorities in Mexico City"
    text = "Gangs clash\n\nRival gangs clashed in Cite Soleil on Monday, police in Port-au-Prince said.\n"
    [clash] = [i for i in read(text, "2024-03-12") if i.event_type in VIOLENT_TYPES]
    assert clash.claimant == "police in Port-au-Prince"
    assert "Port-au-Prince" not in [m.surface for m in clash.places]


def test_a_place_named_after_a_launch_sites_possessive_is_the_launch_site_too(read):
    text = ("Missiles hit Kharkiv\n\nRussian missiles hit residential buildings in Kharkiv on Monday, wounding 17 people.\n"
            "Ukraine's air force said Russia launched 20 missiles from the Black Sea and from Russia's Belgorod region.\n")
    assert _places(read(text, "2024-01-15")) == ["Kharkiv"]
    text = ("Rockets hit Kiryat Shmona\n\nHezbollah fired rockets at the town of Kiryat Shmona from Lebanon's Nabatieh district "
            "on Tuesday, wounding two people, the army said.\n")
    assert _places(read(text, "2024-07-03")) == ["Kiryat Shmona"]


CONDEMNED = """Bus terminal bombing in Ambon kills six

AMBON, Indonesia — A bomb exploded at the main bus terminal in Ambon on Tuesday, killing six people and wounding 20, police said.

The bombing drew condemnation from Canberra and Tokyo; Jakarta promised an inquiry.
"""


def test_capitals_the_condemnation_came_from_are_no_places_of_the_event(read):
    assert _places(read(CONDEMNED, "2023-05-10")) == ["Ambon"]
