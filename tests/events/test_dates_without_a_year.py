"""Reports a feed gives without a publication date: the day an event is written with ("in the early hours of
April 14", "on Tuesday, 9 July") is its date when the report itself bounds the year (its address, a copyright
line), and stays undated when nothing does. Texts written for these tests."""

from __future__ import annotations

import pytest

from geomap.dates import publication_date, sentence_date
from geomap.events import VIOLENT_TYPES
from geomap.reports import report_from_text

SUDAN = """RSF shells market in El Fasher

Paramilitary fighters shelled the main market of El Fasher in the early hours of April 14, residents said.
Medics at the town's only working hospital said they had received dozens of wounded.
"""

YEMEN = """Houthi drones hit port in Mokha

Drones launched by Houthi forces struck fuel tanks in the port of Mokha on Tuesday, 9 July, port officials said.
Firefighters fought the blaze through the night.

Copyright © 2019 Coastal Wire Ltd. All rights reserved.
"""

MYANMAR = """Army raid on village in Sagaing

Soldiers torched homes in the village of Kani on Sunday June 6, residents said.
"""


def _markers(report, gazetteer):
    from geomap.pipeline import extract_report

    return [i for i in extract_report(report, gazetteer).incidents if i.event_type in VIOLENT_TYPES and i.places]


def test_an_address_filed_by_day_is_the_publication_date():
    day, evidence, confidence = publication_date("Gunmen attacked a convoy on Thursday.",
                                                 url="https://news.example.org/world/2015/01/22/convoy-attack/")
    assert (day, confidence) == ("2015-01-22", 0.9) and "2015/01/22" in evidence
    assert publication_date("Gunmen attacked a convoy.", url="https://news.example.org/2015-01-22-convoy")[0] \
        == "2015-01-22"
    assert publication_date("Gunmen attacked a convoy.", url="https://news.example.org/2015/13/40/x")[0] is None


def test_an_address_filed_by_month_gives_a_written_month_day_its_year():
    url = "https://news.example.org/2024/04/rsf-shells-el-fasher-market.html"
    assert publication_date(SUDAN, url=url)[0] == "2024-04-14"
    assert publication_date(SUDAN)[0] is None  # no address: nothing bounds the year
    # a month after the address's belongs to the year before
    assert publication_date("The siege began on December 30.", url="https://x.example/2024/01/a.html")[0] == "2023-12-30"


def test_the_event_of_a_report_whose_address_gives_its_month_is_dated_to_the_day_it_writes(gazetteer):
    report = report_from_text(SUDAN, report_id="s.txt", url="https://news.example.org/2024/04/el-fasher.html")
    [shelling] = _markers(report, gazetteer)
    assert [m.surface for m in shelling.places] == ["El Fasher"]
    assert (shelling.date.start, shelling.date.end) == ("2024-04-14", "2024-04-14")


def test_a_weekday_and_month_day_in_the_year_of_the_copyright_line_date_the_event(gazetteer):
    assert publication_date(YEMEN)[0] == "2019-07-09"  # 9 July 2019 was a Tuesday
    [strike] = _markers(report_from_text(YEMEN, report_id="y.txt"), gazetteer)
    assert strike.date.start == "2019-07-09"
    # the same month-day on a weekday it does not fall on in that year (or the next) is given no year
    assert publication_date(YEMEN.replace("Tuesday", "Sunday"))[0] is None


def test_a_weekday_and_month_day_in_a_report_that_names_no_year_stay_undated(gazetteer):
    assert publication_date(MYANMAR)[0] is None
    incidents = _markers(report_from_text(MYANMAR, report_id="m.txt"), gazetteer)
    assert incidents and all(i.date.start is None for i in incidents)


@pytest.mark.parametrize("guessed, day", [("2021-03-24", "2021-03-26"), ("2021-01-05", "2020-12-30")])
def test_a_guessed_publication_date_gives_a_written_month_day_the_nearest_year(guessed, day):
    from datetime import date

    words = "Insurgents attacked the post on March 26." if day.endswith("03-26") else "Insurgents attacked on December 30."
    found = sentence_date(words, published=None, guessed=date.fromisoformat(guessed))
    assert found is not None and found.date.start == day
    # a weekday says nothing without a publication date that is more than a guess
    assert sentence_date("Insurgents attacked the post on Friday.", published=None,
                         guessed=date.fromisoformat(guessed)) is None
