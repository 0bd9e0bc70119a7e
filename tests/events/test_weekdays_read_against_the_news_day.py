"""A report with no publication date that dates its news once by the calendar ("Wreckage of a car bomb blast on the
port road in Aden, Yemen, March 3, 2024" under a photo; "militants overran the post on 14 May 2021") reads its bare weekdays
and "yesterday" against that day: the latest such day on or before it, precision 1 when it is that day, 2 otherwise.
A date that dates no violence of the news (a photo of soldiers, a visit, a reference back), or a weekday told away
from every one of two news days, dates nothing. Reports written for these tests about Yemen, Chad and Sudan."""

from __future__ import annotations

from datetime import date

from geomap.dates import sentence_date
from geomap.events import VIOLENT_TYPES

ADEN = """Twin car bombs kill dozens in Aden

Wreckage of a car bomb blast on the port road in Aden, Yemen, March 3, 2024. REUTERS/Staff
On Sunday afternoon a bomb hidden in a parked van exploded beside the Bab Salem junction in Aden, officials said.
Two days earlier, on Friday, gunmen attacked a checkpoint in Lahij, killing two guards.
"""

LAKE_CHAD = """Jihadists strike army camps around Lake Chad

Gunmen attacked the market in Ngouri on Tuesday, killing four traders, residents said.
Jihadists attacked the army camp at Bol on 4 March 2020, killing 12 soldiers.
The army said reinforcements had reached the camp.
Officers said the attackers came by boat.
Aid workers said the wounded were flown to the capital.
Gunmen raided the camp at Massakory on 20 March 2020, killing three soldiers.
"""

DARFUR = """Militia shells market in El Fasher

Soldiers stand guard at a checkpoint in El Fasher, Sudan, on 7 June 2024.
Militia fighters shelled the main market in El Fasher on Thursday, killing six people, the army said.
"""


def _violent(incidents):
    return [i for i in incidents if i.event_type in VIOLENT_TYPES]


def test_a_weekday_is_the_latest_such_day_on_or_before_the_day_the_caption_dates_the_news(read):
    dated = {i.places[0].surface: i.date for i in _violent(read(ADEN, None)) if i.places}
    assert (dated["Bab Salem"].start, dated["Bab Salem"].precision) == ("2024-03-03", 1)  # a Sunday
    assert (dated["Lahij"].start, dated["Lahij"].end, dated["Lahij"].precision) == ("2024-03-01", "2024-03-01", 2)
    assert "the day the report gives for its news" in dated["Lahij"].evidence


def test_yesterday_and_a_weekday_read_against_the_news_day():
    found = sentence_date("Gunmen killed nine people yesterday.", published=None, news_day=date(2024, 3, 3))
    assert (found.date.start, found.date.precision) == ("2024-03-02", 2)
    found = sentence_date("Gunmen killed nine people on Sunday.", published=None, news_day=date(2024, 3, 3))
    assert (found.date.start, found.date.precision) == ("2024-03-03", 1)
    assert sentence_date("Gunmen killed nine people on Sunday.", published=None) is None


def test_a_weekday_away_from_both_of_two_news_days_stays_undated(read):
    dated = {i.places[0].surface: i.date.start for i in _violent(read(LAKE_CHAD, None)) if i.places}
    assert {town: dated.get(town, "missing") for town in ("Ngouri", "Bol", "Massakory")} == {"Ngouri": None, "Bol": "2020-03-04", "Massakory": "2020-03-20"}


def test_a_date_that_dates_no_violence_is_no_news_day(read):
    [shelling] = _violent(read(DARFUR, None))
    assert shelling.date.start is None
