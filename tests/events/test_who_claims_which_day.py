"""Who claims an event, which day and where its own clause puts it, and what kind of fire it was: officials named
after a clause of shelling are its speakers; "a truce brokered by X was announced" names the broker, not a speaker;
a clause of another subject ("but troops remained around X on Wednesday") gives the event neither its day nor its
place; rocket launchers firing beside artillery are a shelling. Reports written for these tests about Transnistria
(1992), Sudan and the Central African Republic."""

from __future__ import annotations

from geomap.events.casualties import find_casualties
from geomap.events.mentions import read_mention


def _type(words: str) -> str:
    return read_mention(words, casualties=find_casualties(words)).event_type


def test_rockets_fired_beside_guns_are_shelling_and_a_missile_strike_stays_one():
    assert _type("Moldovan artillery and rocket launchers shelled Bender overnight") == "shelling"
    assert _type("Grad rockets and mortar rounds hit the suburb of Begoua") == "shelling"
    assert _type("Militia fighters fired rockets and then shelled the barracks at Kosti") == "shelling"
    assert _type("A ballistic missile struck the port of Mukalla") == "missile_strike"
    assert _type("Missiles and artillery pounded the town of Bambari") == "missile_strike"
    assert _type("Rebels fired rockets at the airport in Bangui") == "missile_strike"
