"""A report with no publication date to count "on Tuesday" back from may still write that weekday with its day
elsewhere ("on Tuesday, 14 May 2024"): a bare "on Tuesday" then means that day. Any other weekday stays undated.
Reports written for these tests about Sudan, Colombia and Nigeria."""

from __future__ import annotations

from datetime import date

from geomap.dates import weekday_dates
from geomap.events import VIOLENT_TYPES

KOSTI = """Drones hit fuel depot in Kosti

Drones struck a fuel depot in Kosti on Tuesday night, killing four guards, the army said.
Aid convoys to the region were halted on Tuesday, 14 May 2024, the United Nations said.
"""

CAUCA = """Guerrillas attack police station in Cauca

Guerrillas attacked the police station in Suárez on Saturday, killing two officers, the governor said.
Troops were sent to the area on Saturday, 6 July, after the attack, and schools stayed shut.
Another attack, on a patrol near Morales on Friday, wounded three soldiers.

Copyright 2019 Andes Wire
"""

PLATEAU = """Gunmen kill 12 in raid on Plateau village

Gunmen killed 12 people in a raid on the village of Bokkos on Sunday night, police said.
The state governor visited the village on Monday, 3 April 2023, and promised more troops.
"""


def _violent(incidents):
    return [i for i in incidents if i.event_type in VIOLENT_TYPES]


def test_a_bare_weekday_is_the_day_the_report_writes_with_that_weekday(read):
    [strike] = _violent(read(KOSTI, None))
    assert (strike.event_type, strike.date.start, strike.date.end) == ("air_drone_strike", "2024-05-14", "2024-05-14")


def test_the_year_of_a_weekday_written_without_it_comes_from_the_guessed_publication_day():
    assert weekday_dates(CAUCA, guessed=date(2019, 7, 6)) == {5: date(2019, 7, 6)}
    assert weekday_dates(CAUCA) == {}  # no year anywhere: nothing


def test_another_weekday_and_a_weekday_on_the_wrong_day_stay_undated(read):
    [raid] = _violent(read(PLATEAU, None))
    assert raid.date.start is None  # Sunday is not the Monday the report dates
    assert weekday_dates("The raid came on Friday, 3 April 2023.") == {}  # 3 April 2023 was a Monday


def test_a_report_read_whole_dates_its_weekday_by_the_day_it_writes_and_leaves_another_undated():
    from geomap import extract

    dated = {i.places[0].surface: i.date.start for i in _violent(extract(CAUCA).incidents)}
    assert dated == {"Suárez": "2019-07-06", "Morales": None}
