"""A town's capture that a report recalls as background is a change of control of its own: told with its month ("In
March 2016, a year into its campaign in the south, the movement took the small town of X") it is dated by that
month, however the sentence runs between the date and the capture; told by how long the town has been held ("where
the movement's fighters have controlled the town of X for over a year", "since March 2016") it lies before then, dated
no finer than the words say; battles a sentence ranks ("saw some of the worst battles") are no event.
Control told in the present with no start ("the government, which holds the capital") is no capture. Two outlets' tellings of one capture are one incident. Reports written for these tests about
Somalia."""

from __future__ import annotations

import pytest

from geomap.events import read_mention
from geomap.precision import DatePrecision


def _captures(incidents):
    return [i for i in incidents if i.event_type == "territory_change"]


def _surfaces(incident):
    return [m.surface for m in incident.places]


TOLD_WITH_ITS_MONTH = """Al-Shabaab fighters storm army base near Baidoa

Al-Shabaab fighters stormed an army base near Baidoa on Friday, killing four soldiers, a military officer said.

In March 2016, a year into its campaign in the south, the movement took the small town of Burhakaba together with parts of Dinsoor.
"""


def test_a_capture_in_a_month_the_sentence_opens_with_is_background_of_that_month(read):
    captures = _captures(read(TOLD_WITH_ITS_MONTH, "2017-06-10"))
    assert sorted(_surfaces(c)[0] for c in captures) == ["Burhakaba", "Dinsoor"]
    for capture in captures:
        assert capture.background
        assert (capture.date.start, capture.date.end, capture.date.precision) == (
            "2016-03-01", "2016-03-31", DatePrecision.MONTH)


TOLD_BY_HOW_LONG_IT_WAS_HELD = """Government troops repel raid on Baidoa checkpoint

Government troops repelled a raid on a checkpoint outside Baidoa on Friday, a regional official said.

Officials called the raid a test of the new army posts in the farm country, where the movement's fighters have controlled the town of Burhakaba for over a year.

The government, which holds Mogadishu, has sent reinforcements, the official said.
"""


def test_a_town_held_for_more_than_a_year_was_taken_before_then_on_a_day_the_report_does_not_give(read):
    [capture] = _captures(read(TOLD_BY_HOW_LONG_IT_WAS_HELD, "2017-06-10"))
    assert _surfaces(capture) == ["Burhakaba"] and capture.background
    assert capture.date.start is None
    assert [s.sentence for s in capture.sources] == [
        "where the movement's fighters have controlled the town of Burhakaba for over a year."]


HELD_SINCE_A_MONTH = """Al-Shabaab fighters storm army base near Baidoa

Al-Shabaab fighters stormed an army base near Baidoa on Friday, killing four soldiers, a military officer said.

The group's fighters have held the town of Burhakaba since March 2016, the officer added.
"""


def test_a_town_held_since_a_month_was_taken_in_that_month(read):
    [capture] = _captures(read(HELD_SINCE_A_MONTH, "2017-06-10"))
    assert _surfaces(capture) == ["Burhakaba"] and capture.background
    assert (capture.date.start, capture.date.end, capture.date.precision) == ("2016-03-01", "2016-03-31",
                                                                              DatePrecision.MONTH)


HELD_BY_GUNMEN = """Al-Shabaab fighters storm army base near Baidoa

Al-Shabaab fighters stormed an army base near Baidoa on Friday, killing four soldiers, a military officer said.

Gunmen have held the town of Burhakaba since March 2016, the officer added.
"""


def test_a_town_held_by_gunmen_since_a_month_was_taken_in_that_month_and_is_no_attack(read):
    incidents = read(HELD_BY_GUNMEN, "2017-06-10")
    [capture] = _captures(incidents)
    assert _surfaces(capture) == ["Burhakaba"] and capture.background
    assert (capture.date.start, capture.date.end) == ("2016-03-01", "2016-03-31")
    assert not [i for i in incidents if "Burhakaba" in _surfaces(i) and i.event_type != "territory_change"]


@pytest.mark.parametrize("words", [
    "The government, which holds Mogadishu, has sent reinforcements.",
    "Rebels hold the town of Burhakaba, residents said.",
    "The two parties have held talks since March 2016.",
])
def test_control_with_no_start_and_things_held_that_are_no_places_tell_no_capture(words):
    mention = read_mention(words, has_place=True)
    assert mention is None or mention.event_type != "territory_change"


def test_two_outlets_telling_one_capture_month_and_duration_are_one_incident(tmp_path, gazetteer):
    from geomap.pipeline import ingest_reports
    from geomap.records import Report
    from geomap.store import IncidentStore

    with IncidentStore(tmp_path / "burhakaba.db") as store:
        ingest_reports(store, [Report("month.txt", TOLD_WITH_ITS_MONTH, published="2017-06-10", content_hash="month"),
                               Report("held.txt", TOLD_BY_HOW_LONG_IT_WAS_HELD, published="2017-06-10",
                                      content_hash="held")], gazetteer=gazetteer)
        [capture] = [i for i in _captures(store.incidents()) if _surfaces(i) == ["Burhakaba"]]
    assert sorted({s.report_id for s in capture.sources}) == ["held.txt", "month.txt"]
    assert capture.background and capture.date.start == "2016-03-01"


@pytest.mark.parametrize(("words", "happened"), [
    ("Over the years the hills saw some of the worst battles A.U. soldiers fought anywhere.", False),
    ("Peacekeepers faced some of their fiercest clashes around Burhakaba.", False),
    ("Some of the heaviest fighting took place near Burhakaba on Monday.", True),
])
def test_fights_ranked_as_some_of_the_worst_are_no_one_event_unless_given_a_time(words, happened):
    assert read_mention(words, has_place=True).happened is happened


def test_gunmen_who_hold_a_town_and_kill_there_tell_the_killing():
    from geomap.events import find_casualties, read_mention

    words = "Gunmen who have held the town since March killed five villagers there on Sunday."
    mention = read_mention(words, casualties=find_casualties(words), has_place=True)
    assert mention.event_type == "attack_on_civilians" and not mention.background
