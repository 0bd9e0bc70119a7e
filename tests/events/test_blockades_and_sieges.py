"""A blockade declared, imposed or lifted, or a siege lifted, is a strategic move (`blockade`, ACLED's Strategic
developments), not violence: an incident at the place blockaded, dated by the words that date it ("last month"
against the page's date), and one incident when two outlets tell it. A town besieged in battle stays a clash, and
a call to lift a blockade is a statement. Reports written for these tests about Somalia."""

from __future__ import annotations

import pytest

from geomap.events import VIOLENT_TYPES, find_casualties, read_mention
from geomap.precision import DatePrecision


def _blockades(incidents):
    return [i for i in incidents if i.event_type == "blockade"]


def _surfaces(incident):
    return [m.surface for m in incident.places]


DECLARED_LAST_MONTH = """Gunmen attack bus near Baidoa

Gunmen attacked a bus on the road to Baidoa on Thursday, killing six passengers, a local official said.

Traders there are still reeling from last month's announcement by the Southern Shield Front (SSF), a clan alliance, that it was blockading Baidoa and every road into it.
"""

DECLARED_IN_AN_UNDATED_REPORT = """Bus attacked on Baidoa road

Gunmen opened fire on a bus carrying traders to Baidoa, killing six of them, the regional governor said.

The Southern Shield Front (SSF), an alliance of clan militias, announced last month that it was blockading Baidoa and the roads around it.
"""


def test_a_blockade_declared_last_month_is_a_strategic_move_at_the_town_in_that_month(read):
    [blockade] = _blockades(read(DECLARED_LAST_MONTH, "2017-06-10"))
    assert _surfaces(blockade) == ["Baidoa"]
    assert blockade.acled_event_type == "Strategic developments" and blockade.event_type not in VIOLENT_TYPES
    assert (blockade.date.start, blockade.date.end, blockade.date.precision) == ("2017-05-01", "2017-05-31",
                                                                                 DatePrecision.MONTH)


def test_a_report_with_no_page_date_leaves_last_month_undated(read):
    [blockade] = _blockades(read(DECLARED_IN_AN_UNDATED_REPORT, None))
    assert _surfaces(blockade) == ["Baidoa"] and blockade.date.start is None


def test_two_outlets_telling_one_blockade_are_one_incident(tmp_path, gazetteer):
    from geomap.pipeline import ingest_reports
    from geomap.records import Report
    from geomap.store import IncidentStore

    with IncidentStore(tmp_path / "baidoa.db") as store:
        ingest_reports(store, [Report("dated.txt", DECLARED_LAST_MONTH, published="2017-06-10", content_hash="dated"),
                               Report("undated.txt", DECLARED_IN_AN_UNDATED_REPORT, content_hash="undated")],
                       gazetteer=gazetteer)
        [blockade] = _blockades(store.incidents())
    assert sorted({s.report_id for s in blockade.sources}) == ["dated.txt", "undated.txt"]
    assert blockade.date.start == "2017-05-01"


@pytest.mark.parametrize(("words", "kind"), [
    ("The army said on Monday it had lifted the siege of Kismayo.", "blockade"),
    ("Militiamen blockaded the port of Kismayo on Monday, stopping fuel shipments.", "blockade"),
    ("Rebels laid siege to the town of Kismayo on Monday, and heavy fighting followed.", "armed_clash"),
    ("Elders urged the militias to lift the blockade of Kismayo.", "statement"),
    # who imposed it, named as "gunmen", is no second event
    ("Gunmen have blockaded the port of Kismayo since May, stopping fuel shipments.", "blockade"),
    ("Gunmen blockaded the roads into Kismayo on Monday.", "blockade"),
])
def test_what_a_sentence_of_a_blockade_or_siege_tells(words, kind):
    assert read_mention(words, casualties=find_casualties(words), has_place=True).event_type == kind


@pytest.mark.parametrize("words", [
    "Protesters blockaded the coast road outside Kismayo on Monday, demanding lower fuel prices.",
    "Truckers blockading the port of Kismayo were moved on by police on Tuesday.",
    "Police ended a siege at a bank in Kismayo on Friday after a gunman freed his hostages.",
])
def test_a_protest_or_a_police_stand_off_is_no_blockade(words):
    mention = read_mention(words, casualties=find_casualties(words), has_place=True)
    assert mention is None or mention.event_type != "blockade"
