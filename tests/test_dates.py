"""Publication dates read from report text, and event dates resolved from phrases."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from geomap.conflicts import conflict_profiles
from geomap.dates import (
    FULL_DATE,
    RELATIVE,
    SPEECH_DAY,
    WEEKDAY,
    fighting_start,
    iso_date,
    publication_date,
    resolve_relative_date,
    sentence_date,
)
from geomap.precision import DatePrecision
from geomap.records import EventDate

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def seed_text(prefix: str) -> str:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


# --- publication_date on the seeds ------------------------------------------------------------------------


def test_banner_date_that_contradicts_the_story_loses_to_the_tenth_day_of_fighting():
    day, evidence, confidence = publication_date(seed_text("003"))
    assert day == "2020-10-06"  # Sep 27 is day 1, so day 10 is Oct 6 (a Tuesday, as the story says)
    assert "raged for the tenth day" in evidence
    assert "erupted on September 27" in evidence
    assert "ignored" in evidence and "Friday, December 1, 2023" in evidence
    assert confidence >= 0.8


def test_seed_003_year_comes_from_the_weekdays_even_without_the_conflict_table():
    # The latest year up to the 2023 banner in which Oct 6 is a Tuesday (as the story says) is 2020.
    day, evidence, confidence = publication_date(seed_text("003"), conflicts=())
    assert day == "2020-10-06"
    assert "Tuesday" in evidence
    assert confidence < publication_date(seed_text("003"))[2]


def test_explicit_dateline_wins():
    day, evidence, confidence = publication_date(seed_text("004"))
    assert day == "2020-10-12"
    assert "Mon 12 October 2020" in evidence
    assert confidence >= 0.9


def test_ninth_day_from_a_start_date_in_the_text():
    day, evidence, confidence = publication_date(seed_text("002"))
    assert day == "2020-10-05"
    assert "ninth day" in evidence and "began on September 27" in evidence
    assert date.fromisoformat(day).strftime("%A") == "Monday"  # consistent with "on Monday"
    assert confidence >= 0.8


def test_ninth_day_without_a_start_date_uses_the_conflict_profile_and_trusts_it_less():
    day, evidence, confidence = publication_date(seed_text("000"))
    assert day == "2020-10-05"
    assert "2020 Nagorno-Karabakh war" in evidence
    assert confidence < publication_date(seed_text("002"))[2]
    assert publication_date(seed_text("000"), conflicts=()) == (None, "", 0.0)


def test_start_date_and_a_weekday_without_a_day_count_give_a_low_confidence_guess():
    day, evidence, confidence = publication_date(seed_text("001"))
    assert day == "2020-09-28"  # the first Monday after Sep 27
    assert "Sept. 27" in evidence and "Monday" in evidence
    assert confidence <= 0.4


def test_html_meta_date_wins_over_the_text():
    day, evidence, confidence = publication_date(
        seed_text("003"), html_meta={"article:published_time": "2020-10-06T11:20:00+04:00"})
    assert (day, confidence) == ("2020-10-06", 0.95)
    assert "article:published_time" in evidence


def test_banner_date_is_used_when_the_story_does_not_contradict_it():
    text = "| Welcome to Example News\n\nFriday, October 9, 2020\n\nShelling in Ganja\n\nThe city was shelled.\n"
    assert publication_date(text) == ("2020-10-09", 'page banner "Friday, October 9, 2020"', 0.6)


def test_banner_date_before_a_date_in_the_story_is_dropped():
    text = ("| Welcome to Example News\n\nFriday, October 2, 2020\n\nTalks in Moscow\n\n"
            "The talks on October 9, 2020 ended without agreement.\n")
    day, evidence, _ = publication_date(text)
    assert day == "2020-10-09"
    assert "banner" not in evidence


def test_dateline_whose_weekday_is_wrong_is_trusted_less():
    day, evidence, confidence = publication_date("Tue 12 October 2020:\nSomething happened in Ganja.\n")
    assert day == "2020-10-12"
    assert "does not match" in evidence
    assert confidence < 0.9


def test_text_without_a_date_gives_none():
    assert publication_date("Ceasefire talks stall\n\nNo agreement was reached.\n") == (None, "", 0.0)


def test_title_is_read_when_the_text_has_no_date():
    day, evidence, _ = publication_date("No agreement was reached.", title="Talks of October 10, 2020 stall")
    assert day == "2020-10-10" and evidence.startswith("title:")


def test_file_photo_dates_are_not_publication_dates():
    text = "In this file photo from October 19, 2018, leaders meet.\nTalks continue.\n"
    assert publication_date(text)[0] is None


def test_shipped_profiles_are_named_records():
    war = next(c for c in conflict_profiles() if c.name == "2020 Nagorno-Karabakh war")
    assert war.start == date(2020, 9, 27)


def test_iso_date_reads_machine_and_plain_dates():
    assert iso_date("2020-10-11T06:30:00+04:00") == "2020-10-11"
    assert iso_date("9 October 2020") == "2020-10-09"
    assert iso_date("soon") is None
    assert iso_date("2020-02-30") is None


# --- resolve_relative_date --------------------------------------------------------------------------------

TUESDAY = date(2020, 10, 6)
SUNDAY = date(2020, 10, 11)


@pytest.mark.parametrize("phrase, anchor, start, end, precision", [
    ("on Sunday", TUESDAY, "2020-10-04", "2020-10-04", DatePrecision.DAY),
    ("on Sunday", SUNDAY, "2020-10-11", "2020-10-11", DatePrecision.DAY),  # on or before the anchor
    ("Tuesday morning", TUESDAY, "2020-10-06", "2020-10-06", DatePrecision.DAY),
    ("last Tuesday", TUESDAY, "2020-09-29", "2020-09-29", DatePrecision.DAY),
    ("in the early hours of the morning", SUNDAY, "2020-10-11", "2020-10-11", DatePrecision.DAY),
    ("later today", TUESDAY, "2020-10-06", "2020-10-06", DatePrecision.DAY),
    ("yesterday", TUESDAY, "2020-10-05", "2020-10-05", DatePrecision.DAY),
    ("last week", TUESDAY, "2020-09-28", "2020-10-04", DatePrecision.WEEK),
    ("this month", TUESDAY, "2020-10-01", "2020-10-06", DatePrecision.MONTH),
    ("earlier in the week", TUESDAY, "2020-10-05", "2020-10-06", DatePrecision.WEEK),
    ("earlier in the month", TUESDAY, "2020-10-01", "2020-10-06", DatePrecision.MONTH),
    ("last month", TUESDAY, "2020-09-01", "2020-09-30", DatePrecision.MONTH),
    ("in recent days", TUESDAY, "2020-09-30", "2020-10-06", DatePrecision.DAYS),
    ("on September 27", TUESDAY, "2020-09-27", "2020-09-27", DatePrecision.DAY),
    ("on December 27", TUESDAY, "2019-12-27", "2019-12-27", DatePrecision.DAY),  # past, not the coming December
    ("October 11, 2020", TUESDAY, "2020-10-11", "2020-10-11", DatePrecision.DAY),
    ("Sept. 27", TUESDAY, "2020-09-27", "2020-09-27", DatePrecision.DAY),
    ("in September 2020", TUESDAY, "2020-09-01", "2020-09-30", DatePrecision.MONTH),
    ("in 1994", TUESDAY, "1994-01-01", "1994-12-31", DatePrecision.YEAR),
    ("two days ago", TUESDAY, "2020-10-04", "2020-10-04", DatePrecision.DAY),
])
def test_relative_phrases_resolve_against_the_anchor(phrase, anchor, start, end, precision):
    resolved = resolve_relative_date(phrase, anchor=anchor)
    assert resolved == EventDate(start, end, int(precision), phrase)


MONDAY = date(2020, 10, 12)


@pytest.mark.parametrize("phrase, day", [
    ("in the early hours of Sunday", "2020-10-11"),
    ("overnight on Saturday", "2020-10-10"),
    ("Earlier on Sunday, Azerbaijan accused Armenia of shelling Ganja in the early hours of the morning", "2020-10-11"),
    ("in the early hours of the morning", "2020-10-12"),  # no weekday: the anchor day
    ("overnight", "2020-10-12"),
])
def test_early_hours_and_overnight_only_qualify_a_named_weekday(phrase, day):
    assert resolve_relative_date(phrase, anchor=MONDAY) == EventDate(day, day, int(DatePrecision.DAY), phrase)


@pytest.mark.parametrize("phrase, day", [
    ("on Thursday", "2020-10-08"),  # news tells the past: the latest Thursday
    ("on Thursday, talks will be held in Moscow", "2020-10-15"),
    ("next Thursday", "2020-10-15"),
    ("next Monday", "2020-10-19"),
    ("Armenia said on Sunday it will respond", "2020-10-11"),  # reported speech: when it was said
])
def test_a_weekday_looks_back_unless_the_phrase_plainly_looks_ahead(phrase, day):
    assert resolve_relative_date(phrase, anchor=MONDAY).start == day


def test_the_ninth_day_counts_from_the_start_date():
    resolved = resolve_relative_date("the ninth day", anchor=TUESDAY, start=date(2020, 9, 27))
    assert (resolved.start, resolved.end, resolved.precision) == ("2020-10-05", "2020-10-05", DatePrecision.DAY)
    assert resolve_relative_date("day 10 of the war", anchor=TUESDAY, start=date(2020, 9, 27)).start == "2020-10-06"


def test_a_phrase_without_a_date_is_kept_undated():
    assert resolve_relative_date("amid mounting pressure", anchor=TUESDAY) == EventDate(
        None, None, None, "amid mounting pressure")


# --- conflict profiles in date reading (geomap.conflicts has their own tests) ----------------------------------


def test_another_profile_passed_in_moves_the_day_count(tmp_path):
    from geomap.conflicts import read_profile

    # A profile that starts the 2020 war a day later moves seed 000's "ninth day" a day later too.
    path = tmp_path / "shifted.json"
    path.write_text('{"name": "Shifted war", "names_in_text": ["Karabakh"], "start": "2020-09-28", '
                    '"end": "2020-11-10", "source": "test"}', encoding="utf-8")
    day, evidence, _ = publication_date(seed_text("000"), conflicts=[read_profile(path)])
    assert day == "2020-10-06" and "Shifted war" in evidence


def test_fighting_start_comes_from_the_text_or_a_profile_the_report_is_about():
    text = "Fighting in the region began on Sept. 27 and has not stopped."
    assert fighting_start(text, date(2020, 10, 6), conflicts=()) == date(2020, 9, 27)
    named = "Clashes over Karabakh entered their tenth day."
    assert fighting_start(named, date(2020, 10, 6)) == date(2020, 9, 27)
    # Applied only when the report names the conflict: the same season elsewhere gets no start date.
    assert fighting_start("Clashes in Tigray entered their ninth day.", date(2020, 11, 12)) is None
    # ... and only while the conflict is under way: a 2023 story naming the region is not counted from 2020.
    assert fighting_start(named, date(2023, 5, 1)) is None


def test_story_date_cues_are_the_weekdays_named_and_the_latest_day_stated_as_past():
    from geomap.dates import story_date_cues

    cues = story_date_cues(seed_text("001"))  # "on Monday", "Fighting began on Sept. 27"
    assert cues.weekdays == {0} and cues.floor == date(2020, 9, 27) and "Sept. 27" in cues.floor_words
    assert cues.allows(date(2020, 10, 5))  # a Monday after Sep 27
    assert not cues.allows(date(2020, 10, 6))  # a Tuesday
    assert not cues.allows(date(2020, 9, 21))  # a Monday before the fighting it says began
    banner = story_date_cues("| Welcome to Example News\n\nFriday, October 9, 2020\n\nTalks\n\nNo date here.\n")
    assert banner.weekdays == frozenset() and banner.floor is None  # the banner's weekday is not the story's


# --- event dates in sentences ----------------------------------------------------------------------------------


@pytest.mark.parametrize("sentence, day, strength", [
    ("Israeli strikes killed 15 people on Saturday, the health ministry said.", "2020-10-10", WEEKDAY),
    ("Residents said on Thursday that assailants had torched homes.", "2020-10-08", SPEECH_DAY),
    ("The minister on Monday said forces had been shelling the town.", "2020-10-12", SPEECH_DAY),
    ("Gunmen killed 30 people in two villages, according to a local mayor speaking on Sunday.", "2020-10-11", SPEECH_DAY),
    ("Militants attacked the town before dawn on Sunday, officials said.", "2020-10-11", WEEKDAY),  # a time of day
    ("Last March, a wave of attacks on villages killed 40 people.", "2020-03-01", WEEKDAY),  # the month, not a day
    ("Authorities said Tuesday that an overnight operation killed 28.", "2020-10-06", RELATIVE),
    ("Official figures show that 71 soldiers died on 11 December 2019.", "2019-12-11", FULL_DATE),
    ("A drone hit the market this morning.", "2020-10-12", RELATIVE),
    # the same moment on another clock is not another day
    ("The assault began at 1 am (2230 GMT on Saturday) on Sunday, officials said.", "2020-10-11", WEEKDAY),
    # copy that writes the weekday in lower case, after a word that dates
    ("A raid on an army camp on saturday night left at least 16 soldiers dead.", "2020-10-10", WEEKDAY),
])
def test_sentence_dates_and_their_strength(sentence, day, strength):
    found = sentence_date(sentence, published=MONDAY)
    assert (found.date.start, found.strength) == (day, strength)


def test_a_lower_case_weekday_dates_only_after_a_word_that_dates():
    assert sentence_date("Shoppers crowded the sunday market in the town.", published=MONDAY) is None


def test_a_sentence_without_a_publication_date_keeps_only_dates_written_with_their_year():
    assert sentence_date("Gunmen killed nine people on Saturday.", published=None) is None
    assert sentence_date("Gunmen killed nine people on June 19.", published=None) is None
    found = sentence_date("The camp was attacked on 10 December 2019.", published=None)
    assert found.date.start == "2019-12-10"


def test_a_date_the_event_is_told_relative_to_is_not_its_date():
    found = sentence_date("Combat escalated in the days after a ceasefire that was supposed to start on Feb. 15.",
                          published=date(2015, 2, 28))
    assert found is None


def test_a_weekday_that_owns_the_violence_dates_it_even_after_after():
    # "died after Friday's rocket attack": the attack's day, not a point the event is told relative to
    found = sentence_date("Thirty people have now died after Friday's rocket attack on the depot in Korvan, the "
                          "governor said on Sunday.", published=MONDAY)
    assert (found.date.start, found.strength) == ("2020-10-09", WEEKDAY)
    assert sentence_date("Talks are due to resume after Monday's holiday.", published=MONDAY) is None


@pytest.mark.parametrize("text", [
    "Friday, December 57, 2023\n\nShelling hit the town.",
    "Attack on February 30, 2021 in the north.", "On 0 March 2020 rockets fell.", "2020-13-45 was the day.",
    "in the 99th minute of day 1000000000000 of the war",
])
def test_impossible_dates_are_skipped_never_an_error(text):
    publication_date(text)
    resolve_relative_date(text, anchor=MONDAY)
    sentence_date(text, published=MONDAY, start=date(2020, 9, 27))


def test_date_reading_stays_linear_on_a_huge_one_line_report():
    import time

    unit = "Fighting began on Sept. 27 and on Friday, December 57, 2023 shelling killed 5 near the border. "
    timings = []
    for repeat in (500, 2000):
        text = unit.replace(". ", " ") * repeat
        started = time.process_time()
        publication_date(text)
        timings.append(time.process_time() - started)
    assert timings[1] < 4 * timings[0] * 2 + 0.5  # four times the text, well under sixteen times the time


def test_a_dateline_that_names_its_place_first_dates_the_story():
    text = ("Bombs fall on a market town\n\n"
            "Goma, Congo - March 3, 2023. Residents searched the rubble on Friday after shells hit the market.\n")
    day, evidence, confidence = publication_date(text)
    assert (day, confidence) == ("2023-03-03", 0.95)
    assert "March 3, 2023" in evidence
    # Without its year such a dateline says too little: nothing is guessed from it.
    assert publication_date(text.replace(", 2023", ""))[0] is None


def test_a_date_stamp_with_page_furniture_is_the_dateline():
    for stamp in ("Posted: Jun 7, 2019 4:10 PM", "Wire | Jun 7, 2019", "Friday, 7 June 2019 08:15 AM EAT",
                  "Update: 2019-06-07 06:02 GMT", "Published 7 June 2019", "7 June 2019 13:12 (UTC+04:00)",
                  "Posted 7 June 2019 10:05 GMT+3"):
        text = f"Gunmen storm a village in the north\n\n{stamp}\n\nGunmen killed nine people on Thursday night.\n"
        day, evidence, _ = publication_date(text)
        assert day == "2019-06-07", stamp
        assert evidence.startswith("dateline"), stamp


def test_a_stamp_in_capitals_is_the_dateline():
    text = "Militants raid a border post\n\nPOSTED: JUNE 7, 2019 4:10 PM\n\nMilitants attacked a post near Diffa on Thursday.\n"
    day, evidence, confidence = publication_date(text)
    assert (day, confidence) == ("2019-06-07", 0.95) and "JUNE 7, 2019" in evidence


def test_a_labelled_stamp_below_the_standfirst_and_byline_is_the_dateline():
    text = ("Drones hit fuel depot in Kursk region\n\n"
            "Ukrainian drones were said to have set a fuel depot on fire near Kursk in an overnight attack, the governor said.\n\n"
            "By ANNA PETROVA\n"
            "Published: MARCH 14, 2024 07:12\n\n"
            "A fuel depot near Kursk burned on Wednesday night after a drone attack, the regional governor said.\n")
    day, evidence, confidence = publication_date(text)
    assert (day, confidence) == ("2024-03-14", 0.95)
    # A date in the story's prose far down is no stamp, labelled or not.
    prose = "\n".join(["Fighting went on near Gao for a week." for _ in range(12)] + ["Published: March 2, 2024"])
    assert publication_date(prose)[1] != 'dateline "March 2, 2024"'


def test_a_title_that_ends_with_its_date_dates_the_report():
    for title in ("Yemen: Humanitarian Situation Report, 14 March 2024", "South Sudan Daily Brief – March 14, 2024"):
        day, evidence, confidence = publication_date(f"{title}\n\nClashes continued in Marib and Jonglei on Wednesday.\n")
        assert (day, confidence) == ("2024-03-14", 0.95), title
    # A date the title tells of, not a date it ends on after a comma or dash, is no stamp.
    assert publication_date("Remembering the massacre of 11 July 1995\n\nSurvivors met.\n")[2] < 0.5


def test_a_stamp_in_figures_dates_the_report_when_day_and_month_cannot_be_swapped():
    byline = "Gunmen attack convoy near Tillaberi\n\nAmadou Diallo  | 17.10.2021 - Update : 18.10.2021\n\nGunmen attacked a convoy on Friday.\n"
    assert publication_date(byline)[:3:2] == ("2021-10-17", 0.95)
    title = "Weekly Security Brief from the Sahel Desk, 09.26.23\n\nA car bomb exploded in Gao on Sunday.\n"
    assert publication_date(title)[0] == "2023-09-26"
    alone = "Air strikes hit Idlib\n\n20-12-2017\n\nWarplanes struck Idlib on Tuesday.\n"
    assert publication_date(alone)[0] == "2017-12-20"
    # 3 April or 4 March: no stamp; nor a version number.
    assert publication_date("Clashes in Sirte\n\n03.04.2021\n\nFighting on Monday.\n")[0] is None
    assert publication_date("Clashes in Sirte\n\nVersion 2.10.15 released\n\nFighting on Monday.\n")[0] is None


def test_a_long_headline_does_not_hide_the_stamp_below_it():
    text = ("Army and allied militia say they drove fighters out of two river towns after a week of fighting\n"
            "Wire | Apr 2, 2021\n"
            "The army said on Thursday that its troops had retaken both towns.\n")
    assert publication_date(text)[0] == "2021-04-02"


def test_a_full_date_on_the_weekday_the_story_names_is_that_day():
    text = ("The raid came on Sunday, March 12, 2023.\n\n"
            "Militiamen on horseback encircled the cattle market on Sunday and opened fire.\n")
    day, evidence, confidence = publication_date(text)
    assert day == "2023-03-12" and confidence < 0.5
    assert "Sunday" in evidence
