"""A wire dateline without its year ("DUSHANBE, April 29. ...", "Isfara [Tajikistan] April 29 (Wire): ...") dates
nothing alone, but the day it names is the day of the report's news: an undated report's violence told without a
day of its own names that day in its date's evidence, so it joins the dated telling of that day at that place
(`geomap.merge`), whichever report comes in first: one side's shelling and the other's "opened fire" at one place
are one exchange of fire when the day agrees, and the place alone is too little. Reports written for these tests about the Kyrgyz-Tajik border."""

from __future__ import annotations

import pytest

from geomap.dates import publication_date, yearless_dateline
from geomap.events import VIOLENT_TYPES

DATED = """Kyrgyz border service says Tajik troops shelled Batken villages

BISHKEK, April 29, 2021 (Wire) - Tajik troops shelled Kyrgyz villages near Batken on Thursday, a border official said.
"""

UNDATED = """Tajik border service accuses Kyrgyz side

DUSHANBE, April 29. Kyrgyz border guards opened fire on Tajik positions near Batken, a Tajik official said.
"""


@pytest.mark.parametrize(("text", "words"), [
    (UNDATED, "April 29"),
    ("Isfara [Tajikistan] April 29 (Wire): On Thursday border guards traded fire near Vorukh.", "April 29"),
    (DATED, ""),  # its year is given: a publication date, not a year-less day
    ("Residents said on April 29. The army then withdrew from Vorukh.", ""),  # no place opens it: no dateline
])
def test_a_dateline_without_its_year_is_read_as_the_reports_day(text, words):
    assert yearless_dateline(text) == words


def test_a_dateline_without_its_year_dates_no_report_that_names_no_year():
    assert publication_date(UNDATED)[0] is None


@pytest.mark.parametrize("order", [("dated.txt", "undated.txt"), ("undated.txt", "dated.txt")])
def test_the_undated_reports_violence_joins_the_dated_telling_of_its_datelines_day(tmp_path, gazetteer, order):
    from geomap.pipeline import ingest_reports
    from geomap.records import Report
    from geomap.store import IncidentStore

    reports = {"dated.txt": Report("dated.txt", DATED, published="2021-04-29", content_hash="dated"),
               "undated.txt": Report("undated.txt", UNDATED, content_hash="undated")}
    with IncidentStore(tmp_path / "batken.db") as store:
        for name in order:
            ingest_reports(store, [reports[name]], gazetteer=gazetteer)
        violent = [i for i in store.incidents() if i.event_type in VIOLENT_TYPES]
    [incident] = violent
    assert sorted({s.report_id for s in incident.sources}) == ["dated.txt", "undated.txt"]
    assert incident.date.start == "2021-04-29"
