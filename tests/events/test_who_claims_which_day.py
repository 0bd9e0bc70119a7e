"""Who claims an event, which day and where its own clause puts it, and what kind of fire it was: officials named
after a clause of shelling are its speakers; "a truce brokered by X was announced" names the broker, not a speaker;
a clause of another subject ("but troops remained around X on Wednesday") gives the event neither its day nor its
place; rocket launchers firing beside artillery are a shelling. Reports written for these tests about Transnistria
(1992), Sudan and the Central African Republic."""

from __future__ import annotations

from geomap.events import VIOLENT_TYPES
from geomap.events.casualties import find_casualties
from geomap.events.claimants import find_claimant
from geomap.events.mentions import read_mention

BENDER = """Night of fire on the Dniester

CHISINAU, June 20 - Moldovan artillery and rocket launchers shelled Bender overnight, Transnistrian officials said at least 9 civilians were killed.
"""

KOSTI = """Fragile pause on the White Nile

A truce brokered by Qatar was announced late on Sunday, but army troops remained around Kosti on Monday.
"""

KOSTI_REVERSED = """Fragile pause on the White Nile

Army troops remained around Kosti on Monday, but a truce brokered by Qatar was announced late on Sunday.
"""


def _type(words: str) -> str:
    return read_mention(words, casualties=find_casualties(words)).event_type


def _claimant(words: str) -> str:
    found = find_claimant(words)
    return found.name if found else ""


def test_artillery_and_rocket_launchers_shelling_a_town_is_a_shelling_with_the_officials_who_tell_it(read):
    violent = [i for i in read(BENDER, "1992-06-20") if i.event_type in VIOLENT_TYPES]
    assert [(i.event_type, i.claimant, i.killed_low) for i in violent] == [("shelling", "Transnistrian officials", 9)]
    assert [m.surface for m in violent[0].places] == ["Bender"]  # the claimant's words no longer hide the town


def test_rockets_fired_beside_guns_are_shelling_and_a_missile_strike_stays_one():
    assert _type("Moldovan artillery and rocket launchers shelled Bender overnight") == "shelling"
    assert _type("Grad rockets and mortar rounds hit the suburb of Begoua") == "shelling"
    assert _type("Militia fighters fired rockets and then shelled the barracks at Kosti") == "shelling"
    assert _type("A ballistic missile struck the port of Mukalla") == "missile_strike"
    assert _type("Missiles and artillery pounded the town of Bambari") == "missile_strike"
    assert _type("Rebels fired rockets at the airport in Bangui") == "missile_strike"


def test_the_speaker_after_a_clause_of_shelling_is_the_claimant_and_named_offices_still_are():
    assert _claimant("Militia guns shelled the market in El Obeid at dawn, state health officials said six people "
                     "died.") == "state health officials"
    assert _claimant("Rebels stormed the base near Bria, the army said.") == "the army"
    assert _claimant("The regional health office in Bambari said 12 people were wounded.") == \
        "The regional health office in Bambari"
    assert _claimant("Fighting around Ndele, which flared up last week, has not stopped, Jean Bako, head of the "
                     "prefecture council, told Radio Ndeke.") == "Jean Bako, head of the prefecture council"


def test_a_broker_or_what_was_announced_is_no_claimant_but_the_agent_of_the_announcement_is():
    assert _claimant("A truce brokered by Qatar was announced late on Sunday.") == ""
    assert _claimant("The truce was announced by the army command on Monday.") == "the army command"
    assert _claimant("Two deaths were reported in Kosti.") == ""


def test_a_ceasefire_takes_the_day_and_places_of_its_own_clause_not_of_the_troops_after_it(read):
    for text in (KOSTI, KOSTI_REVERSED):
        ceasefires = [i for i in read(text, "2024-06-12") if i.event_type == "ceasefire"]  # a Wednesday
        assert [(i.date.start, i.claimant) for i in ceasefires] == [("2024-06-09", "")]  # the Sunday
        assert not any(m.surface == "Kosti" for i in ceasefires for m in i.places)


def test_a_clause_without_a_day_of_its_own_keeps_the_sentence_day(read):
    text = """Market shelled in Kosti

Militia fighters shelled the market in Kosti, but the army said on Tuesday it had driven them back.
"""
    shelling = [i for i in read(text, "2024-06-12") if i.event_type == "shelling"]
    assert [(i.date.start, [m.surface for m in i.places]) for i in shelling] == [("2024-06-11", ["Kosti"])]


def test_an_attack_takes_the_time_of_its_own_clause_not_the_day_of_what_followed(read):
    text = """Stalls reopen in Birao

Gunmen attacked the market in Birao overnight, but on Tuesday traders reopened their stalls.
"""
    attacks = [i for i in read(text, "2024-06-13") if i.event_type in VIOLENT_TYPES]  # a Thursday
    assert [(i.date.start, i.date.evidence) for i in attacks] == [("2024-06-13", "overnight")]
