"""A report with no publication date that dates its violence, all on one day ("The raids happened on Sunday,
12 March 2023"), dates the violence it tells without a time of its own on that day, as a dated report does. Violence
that names another time, or a report whose one dated event is not its latest day, stays undated. Reports written for
these tests about Burkina Faso, Colombia and Cameroon."""

from __future__ import annotations

from geomap import extract
from geomap.events import VIOLENT_TYPES

SAHEL = """Gunmen raid two villages in northern Burkina Faso

The raids happened on Sunday, 12 March 2023.

Gunmen on motorbikes raided the village of Tougouri, killing 20 people, residents said.

The attackers also struck the village of Dori, where they killed seven traders.

Last month gunmen killed five herders near Djibo.
"""

CATATUMBO = """Dissidents attack army posts in Norte de Santander

Rebel dissidents attacked an army post in Tibú on 3 June 2021, killing two soldiers.

A second group fired on a patrol near Sardinata, wounding four soldiers.
"""

ANGLOPHONE = """Separatists attack checkpoint in Cameroon's North-West

Separatist fighters attacked a checkpoint in Bamenda on 4 May 2019, killing three soldiers, the governor said.

Gunmen attacked a police post in Kumbo, killing two officers.

The governor spoke to reporters in Buea on 20 June 2019.
"""


def _dates(text):
    return {i.places[0].surface: i.date.start for i in extract(text).incidents
            if i.event_type in VIOLENT_TYPES and i.places}


def test_violence_told_without_a_day_takes_the_one_day_the_report_dates():
    assert _dates(SAHEL) == {"Tougouri": "2023-03-12", "Dori": "2023-03-12", "Djibo": None}
    assert _dates(CATATUMBO) == {"Tibú": "2021-06-03", "Sardinata": "2021-06-03"}


def test_a_dated_event_that_is_not_the_reports_latest_day_dates_nothing_else():
    assert _dates(ANGLOPHONE) == {"Bamenda": "2019-05-04", "Kumbo": None}
