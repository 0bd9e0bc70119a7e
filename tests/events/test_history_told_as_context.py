"""History a report recalls to give context (a war of another decade, a war named by its years) is not violence of
the report's day: it keeps the years it names and is background, off the current map. Reports written for these
tests, in the shapes wire copy takes, about Bosnia, Georgia and Chechnya."""

from __future__ import annotations

from datetime import date

from geomap.dates import sentence_date
from geomap.events import VIOLENT_TYPES

BOSNIA = """Shelling resumes near Bihac

BIHAC, June 6 - Mortar rounds hit a market in Bihac on Wednesday, killing two people, police said.
Serb forces shelled the town of Gorazde during the 1992-95 war.
"""

GEORGIA = """Drone strike on border post in Zugdidi

A drone struck a border post in Zugdidi on Monday, wounding three guards, the interior ministry said.
Zugdidi was also bombed in the 2008 war that killed hundreds of people.
Artillery pounded Sukhumi throughout the war of the early 1990s.
"""


def _violent(incidents):
    return [i for i in incidents if i.event_type in VIOLENT_TYPES]


def test_a_shelling_set_in_a_war_of_named_years_is_history_with_those_years(read):
    today, history = sorted(_violent(read(BOSNIA, "2024-06-06")), key=lambda i: i.date.start, reverse=True)
    assert (today.date.start, today.background, today.killed_low) == ("2024-06-05", False, 2)
    assert history.background and (history.date.start, history.date.end) == ("1992-01-01", "1995-12-31")
    assert [m.surface for m in history.places] == ["Gorazde"]


def test_a_war_named_by_its_year_or_decade_dates_what_it_sets_there_and_keeps_it_off_the_day(read):
    incidents = _violent(read(GEORGIA, "2024-03-12"))
    current = [i for i in incidents if not i.background]
    assert [(i.event_type, i.date.start) for i in current] == [("air_drone_strike", "2024-03-11")]
    spans = sorted((i.date.start, i.date.end) for i in incidents if i.background)
    assert spans == [("1990-01-01", "1993-12-31"), ("2008-01-01", "2008-12-31")]


def test_a_war_compared_with_is_no_date_of_the_event():
    published = date(2024, 3, 12)
    found = sentence_date("Rebels shelled Grozny, the worst attack since the 1994-96 war.", published=published)
    assert found is None
    found = sentence_date("Rebels shelled Grozny on Monday, as in the 1990s.", published=published)
    assert found is not None and found.date.start == "2024-03-11"


def test_a_war_of_named_years_dates_a_sentence_without_a_publication_date():
    found = sentence_date("Grozny was flattened during the 1994-96 war.", published=None)
    assert found is not None and (found.date.start, found.date.end) == ("1994-01-01", "1996-12-31")


def test_a_war_named_beside_the_events_own_day_leaves_it_that_day():
    published = date(2024, 5, 10)
    found = sentence_date("As part of the 2024 offensive, troops shelled Vovchansk on Tuesday, killing two.",
                          published=published)
    assert found is not None and found.date.start == found.date.end == "2024-05-07"
