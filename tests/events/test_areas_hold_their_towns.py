"""A headline that tells an event at an area no first-level region is (Darfur, the Donbas) and a lede that
tells it at towns of that area are one event at those towns, not one more at the area. Texts written for
these tests."""

import pytest

from geomap.events import VIOLENT_TYPES


@pytest.mark.parametrize("text, towns", [
    ("Shelling hits Darfur towns\n\nParamilitary artillery shelled Nyala and Zalingei on Tuesday, local officials "
     "said.\nNine people were killed and 14 wounded, they said.\n", ["Nyala", "Zalingei"]),
    ("Shelling hits Donbas towns\n\nRussian guns shelled Bakhmut and Lysychansk on Friday, the regional governor "
     "said.\nThree people were killed, he said.\n", ["Bakhmut", "Lysychansk"]),
])
def test_an_area_in_the_headline_holds_the_towns_of_the_lede(read, text, towns):
    violent = [i for i in read(text, "2024-03-12") if i.event_type in VIOLENT_TYPES and i.places]
    assert sorted(m.surface for i in violent for m in i.places) == towns, violent


def test_an_area_holds_no_town_of_its_country_far_beyond_it(read):
    text = ("Shelling hits Darfur\n\nArtillery shelled Port Sudan on Tuesday, officials said.\n"
            "Nine people were killed, they said.\n")
    places = sorted(m.surface for i in read(text, "2024-03-12") if i.event_type in VIOLENT_TYPES for m in i.places)
    assert places == ["Darfur", "Port Sudan"]
