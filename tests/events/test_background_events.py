"""An event a report recalls with a date of its own ("a market that jets had also bombed last week", "a week earlier an
air strike killed nine", "In 2019, militants overran ...") is background: an incident of its own, with its own date
at its own precision, typed by its own words, drawn where the report puts it (its own place; the place its clause
points back to; else the country of the report's news), flagged `background`, and never folded into the event the
report tells as news. Reports written for these tests about Sudan, Yemen, Syria, Burkina Faso, the Central African
Republic, Ukraine and Nigeria."""

from __future__ import annotations

import pytest

from geomap.events import VIOLENT_TYPES
from geomap.precision import DatePrecision, WherePrecision


def _violent(incidents):
    return [i for i in incidents if i.event_type in VIOLENT_TYPES]


def _news_and_background(incidents):
    violent = _violent(incidents)
    news = [i for i in violent if not i.background]
    background = [i for i in violent if i.background]
    return news, background


def _surfaces(incident):
    return [m.surface for m in incident.places]


NYALA = """Army jets bomb market in Nyala

Army jets bombed the central market in Nyala on Tuesday, killing 12 traders, witnesses said.
The strike hit the cattle pens, part of a market that jets had also bombed last week, and which traders said the paramilitaries kept fuel in.
"""


def test_sudan_a_market_bombed_last_week_is_a_strike_of_its_own_at_the_town_of_the_news(read):
    [news], [earlier] = _news_and_background(read(NYALA, "2024-05-15"))
    assert (news.date.start, news.date.end, news.killed_low, _surfaces(news)) == ("2024-05-14", "2024-05-14", 12, ["Nyala"])
    assert earlier.event_type == "air_drone_strike"
    assert (earlier.date.start, earlier.date.end, earlier.date.precision) == ("2024-05-06", "2024-05-12", DatePrecision.WEEK)
    assert _surfaces(earlier) == ["Nyala"] and earlier.killed_low is None  # the 12 dead are Tuesday's
    assert [s.sentence for s in earlier.sources] == [
        "that jets had also bombed last week, and which traders said the paramilitaries kept fuel in."]
    assert not any("last week" in s.sentence for s in news.sources)


def test_sudan_the_background_strike_stays_apart_from_the_news_in_the_store(tmp_path, gazetteer):
    from geomap.pipeline import ingest_reports
    from geomap.records import Report
    from geomap.store import IncidentStore

    with IncidentStore(tmp_path / "nyala.db") as store:
        ingest_reports(store, [Report("nyala.txt", NYALA, published="2024-05-15")], gazetteer=gazetteer)
        stored = _violent(store.incidents())
    assert sorted((i.background, i.date.start) for i in stored) == [(False, "2024-05-14"), (True, "2024-05-06")]
    assert all(i.to_json()["background"] == i.background for i in stored)


HODEIDAH = """Drones strike Hodeidah port

Drones struck the port of Hodeidah on Sunday, setting fuel tanks ablaze, Yemen's port authority said.
A week earlier an air strike had killed nine fishermen, the authority said.
"""


def test_yemen_a_strike_a_week_earlier_that_names_no_place_is_drawn_on_the_country_of_the_news(read):
    [news], [earlier] = _news_and_background(read(HODEIDAH, "2023-03-14"))
    assert (news.date.start, [m.place.country_code for m in news.resolved_places]) == ("2023-03-12", ["YE"])
    assert (earlier.date.start, earlier.date.end, earlier.killed_low) == ("2023-03-06", "2023-03-12", 9)
    [country] = earlier.places
    assert (country.surface, country.precision) == ("Yemen", WherePrecision.COUNTRY)


ARIHA = """Jets strike market in Ariha

Government jets struck a market in Ariha on Friday, killing five people, rescuers in Syria said.
In 2019, air strikes killed 40 people in the province, a monitoring group said.
"""


def test_syria_a_year_told_alone_dates_its_own_strikes_not_the_news(read):
    [news], [earlier] = _news_and_background(read(ARIHA, "2023-06-12"))
    assert (news.date.start, news.killed_low, _surfaces(news)) == ("2023-06-09", 5, ["Ariha"])
    assert (earlier.date.start, earlier.date.end, earlier.date.precision) == ("2019-01-01", "2019-12-31",
                                                                              DatePrecision.YEAR)
    assert earlier.killed_low == 40 and [m.place.country_code for m in earlier.resolved_places] == ["SY"]


DJIBO_POSTS = """Gunmen attack army post near Djibo

Gunmen on motorbikes attacked an army post near Djibo, killing eight soldiers, officials in Burkina Faso said.
In 2019, militants overran the outposts of Kaltoumi and Birgadou, killing 30 soldiers.
"""


def test_burkina_faso_a_year_is_no_date_of_the_undated_news_in_a_report_without_a_publication_date(read):
    [news], [earlier] = _news_and_background(read(DJIBO_POSTS, None))
    assert (news.date.start, news.killed_low, _surfaces(news)) == (None, 8, ["Djibo"])
    assert (earlier.date.start, earlier.date.end, earlier.killed_low) == ("2019-01-01", "2019-12-31", 30)


def test_burkina_faso_posts_the_gazetteer_lacks_are_not_drawn_on_the_country(read):
    _, [earlier] = _news_and_background(read(DJIBO_POSTS, "2023-02-20"))
    assert earlier.resolved_places == ()  # "the outposts of Kaltoumi and Birgadou": not somewhere in Burkina Faso


ADEN = """Car bombs hit Aden

Two car bombs went off in Aden on Monday, killing 14 people, officials said.
The two bombs exploded at Bab Salem junction on Monday, where a truck bomb killed more than 70 recruits in 2016.
"""


def test_yemen_where_a_truck_bomb_killed_recruits_in_2016_is_near_the_town_the_news_puts_the_junction_in(read):
    [news], [earlier] = _news_and_background(read(ADEN, "2024-04-02"))
    assert (news.date.start, news.killed_low) == ("2024-04-01", 14)
    assert (earlier.event_type, earlier.date.start, earlier.killed_low) == ("bombing", "2016-01-01", 71)
    [aden] = earlier.resolved_places
    assert aden.place.name == "Aden" and aden.precision == WherePrecision.NEAR


BANGUI = """Grenade blast in Bangui market

A grenade exploded in a market in Bangui on Friday, wounding six people, police said.
Over 1,000 traders died in a truck bombing at the Bangui market on May 28, 2014.
"""


def test_car_a_bombing_on_a_named_day_counted_in_thousands_is_a_bombing_not_a_toll(read):
    [news], [earlier] = _news_and_background(read(BANGUI, "2024-06-10"))
    assert (news.date.start, news.wounded_low) == ("2024-06-07", 6)
    assert (earlier.event_type, earlier.date.start, earlier.date.end) == ("bombing", "2014-05-28", "2014-05-28")
    assert earlier.killed_low == 1001 and _surfaces(earlier) == ["Bangui"]


KHARKIV = """Strikes hit Kharkiv

Russian drones struck Kharkiv on Tuesday night, wounding five people, the governor said.
Shelling hit a residential street in Kupiansk, killing a man, local officials said.
In August, missile strikes killed seven people in Izium, in the same region of Ukraine.
"""


def test_ukraine_a_report_that_recalls_recent_strikes_leaves_its_undated_shelling_near_its_day(read):
    incidents = _violent(read(KHARKIV, "2024-09-11"))
    by_place = {_surfaces(i)[0]: i for i in incidents}
    assert by_place["Izium"].background and (by_place["Izium"].date.start, by_place["Izium"].date.end) == (
        "2024-08-01", "2024-08-31")
    assert not by_place["Kharkiv"].background and by_place["Kharkiv"].date.start == "2024-09-10"
    # the report's violence is of more than one time: the shelling it does not date is not pinned to Tuesday
    kupiansk = by_place["Kupiansk"]
    assert (kupiansk.date.start, kupiansk.date.precision) == ("2024-09-11", DatePrecision.DAYS)


KASSALA = """Rebels close in on Kassala

Rebels shelled the outskirts of Kassala on Saturday, residents said.
Troops had repelled the rebels, but in March the rebels recaptured several towns and pushed on into the Gedaref and Sennar regions.
"""


def test_sudan_a_month_in_the_clause_that_holds_the_places_dates_that_clauses_event(read):
    incidents = read(KASSALA, "2024-06-10")
    earlier = next(i for i in incidents if "in March" in i.sources[0].sentence)
    assert (earlier.event_type, earlier.background) == ("territory_change", True)  # "recaptured", not "repelled"
    assert (earlier.date.start, earlier.date.end) == ("2024-03-01", "2024-03-31")
    assert [i.event_type for i in _violent(incidents)] == ["shelling"]


IDLIB = """Shelling in Idlib

Government jets struck a market in Ariha on Sunday, killing four civilians, rescuers said.
Clashes across the province, first reported two weeks ago, are continuing.
The town has been fought over since the 2012 war.
"""

PLATEAU = """Gunmen kill villagers in Plateau

Gunmen killed 12 villagers in Bokkos on Sunday, police said.
Officials warned that attacks like those of last year could return.
"""


def test_fighting_told_to_go_on_history_without_an_event_and_a_warning_are_no_background_violence(read):
    incidents = read(IDLIB, "2019-05-14") + read(PLATEAU, "2024-01-23")
    assert not any(i.background for i in _violent(incidents))
    assert not any((i.date.start or "").startswith("2012") for i in incidents)  # "since the 2012 war": no event of 2012
    warning = next(i for i in incidents if "last year" in i.sources[0].sentence)
    assert warning.event_type == "statement"


KASSALA_DEPOT = """Drone hits fuel depot in Kassala

A drone struck a fuel depot in Kassala on Monday, killing two guards, officials said.
According to a witness, the drone landed at Tessalwa junction, a busy crossing.
"""


def test_sudan_the_drone_told_again_at_a_site_the_gazetteer_lacks_is_the_strike_told_before(read):
    [strike] = _violent(read(KASSALA_DEPOT, "2024-06-11"))  # not a second, placeless strike at the junction
    assert _surfaces(strike) == ["Kassala", "Tessalwa"] and strike.killed_low == 2 and len(strike.sources) == 3


@pytest.mark.parametrize("again", ["The strike on Um Sayala, a village far to the west, killed three herders.",
                                   "The strike on the village of Um Sayala killed three herders, residents said."])
def test_sudan_a_strike_told_again_at_a_village_the_gazetteer_lacks_is_a_strike_of_its_own(read, again):
    text = f"Drone strikes in White Nile\n\nA drone struck a fuel depot in Kosti on Monday, killing two guards.\n{again}\n"
    strikes = _violent(read(text, "2024-03-12"))
    assert sorted((_surfaces(i), i.killed_low) for i in strikes) == [(["Kosti"], 2), (["Um Sayala"], 3)]


MARAWI_EARLY = """Jets strike Marawi market

MARAWI, Philippines (Newswire) - Military jets struck a market in Marawi on Thursday, killing eight people, residents said.

The strike on the market earlier this month was the deadliest in the city this year, a local official said.
"""

MARAWI_LATE = """Toll from Marawi market strike rises to 12

MARAWI, Philippines (Newswire) - The air strike on a market in Marawi earlier this month has killed 12 people, officials said on Monday, as three of the wounded died in hospital.
"""


def test_earlier_this_month_within_the_news_days_is_the_news_not_history(read):
    """On the 4th, "earlier this month" names the 1st to the 4th, the days the news itself is in: the strike told
    again so is Thursday's strike, not a second, background one."""
    [strike] = _violent(read(MARAWI_EARLY, "2024-05-04"))
    assert (strike.date.start, strike.killed_low, strike.background) == ("2024-05-02", 8, False)
    assert len(strike.sources) == 3


def test_earlier_this_month_past_the_news_days_is_history(read):
    """On the 20th "earlier this month" reaches back past the news's days: the strike whose toll the report gives is
    background, dated by the month so far."""
    [strike] = _violent(read(MARAWI_LATE, "2024-05-20"))
    assert strike.background and strike.killed_low == 12 and [m.surface for m in strike.places] == ["Marawi"]
    assert (strike.date.start, strike.date.end) == ("2024-05-01", "2024-05-20")


HEADLINE_RECALLS_LAST_YEAR = """Rebels who massacred 30 in Djibo last year strike again

Rebels attacked an army post near Kaya on Tuesday, killing four soldiers, the army said.

The same group killed 30 villagers in Djibo in June last year.
"""


@pytest.mark.parametrize("published", ["2023-03-20", None])
def test_burkina_faso_a_killing_in_june_last_year_is_one_event_the_headline_recalls_not_a_toll(read, published):
    news, background = _news_and_background(read(HEADLINE_RECALLS_LAST_YEAR, published))
    assert [_surfaces(i) for i in news] == [["Kaya"]] and news[0].killed_low == 4
    [massacre] = background
    assert _surfaces(massacre) == ["Djibo"] and massacre.event_type == "attack_on_civilians"
    assert massacre.killed_low == 30 and len(massacre.sources) == 2  # the headline and the sentence below
    if published:
        assert (massacre.date.start, massacre.date.end) == ("2022-06-01", "2022-06-30")


ANNIVERSARY = """Five years after the Djibo massacre, survivors still wait for justice

Survivors of the 2018 massacre in Djibo gathered on Sunday to demand a trial, community leaders said.

Gunmen killed 40 villagers in the town in March 2018, and no one has been charged.
"""


def test_burkina_faso_a_headline_and_a_gathering_that_recall_the_2018_massacre_are_that_massacre_not_news(read):
    news, background = _news_and_background(read(ANNIVERSARY, "2023-03-20"))
    assert news == []
    [massacre] = background
    assert _surfaces(massacre) == ["Djibo"] and massacre.killed_low == 40
    assert massacre.date.start.startswith("2018") and len(massacre.sources) == 3


FUEL_STORE_IN_AN_UNDATED_REPORT = """Army jets strike Nyala, three traders killed

Army jets struck Nyala on Thursday, and three traders died at their stalls, residents said.

Residents said the raid flattened what was left of a fuel store near the bus station that was bombed from the air last week and where, they said, the paramilitaries filled their trucks.
"""


def test_sudan_a_fuel_store_bombed_last_week_in_an_undated_report_is_an_undated_strike_of_its_own(read):
    news, background = _news_and_background(read(FUEL_STORE_IN_AN_UNDATED_REPORT, None))
    assert [_surfaces(i) for i in news] == [["Nyala"]] and news[0].killed_low == 3
    [earlier] = background
    assert earlier.event_type == "air_drone_strike" and _surfaces(earlier) == ["Nyala"]
    assert earlier.date.start is None  # "last week" of an unknown day: no day is made up
    assert [s.sentence for s in earlier.sources] == [
        "that was bombed from the air last week and where, they said, the paramilitaries filled their trucks."]


GUESTHOUSE_AFTER_A_STRIKE_UNDATED = """The air force had reported a week earlier that its jets killed 13 militants in an air strike near the coast; on Friday, gunmen from the same group stormed a guesthouse in Aden used by visiting officials.

Whether anyone was killed was not known, though hospital staff spoke of dozens of wounded.
"""


def test_yemen_news_told_with_its_own_weekday_right_after_an_earlier_strike_is_not_that_strike(read):
    news, background = _news_and_background(read(GUESTHOUSE_AFTER_A_STRIKE_UNDATED, None))
    [guesthouse] = news
    assert guesthouse.event_type == "attack_on_civilians" and _surfaces(guesthouse) == ["Aden"]
    [strike] = background
    assert strike.event_type == "air_drone_strike" and strike.killed_low == 13
    assert not any("guesthouse" in s.sentence for s in strike.sources)


HEADLINE_SUBJECT_RECALLS_A_CAPTURE = """Jihadists who overran Djibo in 2019 attack army post near Kaya

Jihadists attacked an army post near Kaya on Tuesday, killing four soldiers, the army said.

The group overran Djibo in May 2019 and has held it since.
"""


@pytest.mark.parametrize("published", ["2023-03-20", None])
def test_burkina_faso_a_headline_subjects_clause_of_history_is_that_capture_and_the_rest_is_the_news(read, published):
    incidents = read(HEADLINE_SUBJECT_RECALLS_A_CAPTURE, published)
    [news] = [i for i in incidents if i.event_type in VIOLENT_TYPES]
    assert _surfaces(news) == ["Kaya"] and not news.background and news.killed_low == 4
    assert news.date.start == ("2023-03-14" if published else None)  # never the capture's year
    [capture] = [i for i in incidents if i.event_type == "territory_change"]
    assert _surfaces(capture) == ["Djibo"] and capture.background and capture.date.start.startswith("2019")
    assert len(capture.sources) == 2  # the headline's clause and the sentence below


SURVIVORS_PROTEST = """Survivors protest in Kaya

Survivors of the attack on Djibo two weeks ago protested in Kaya on Sunday, demanding protection.

Gunmen attacked a market in Djibo on Thursday, killing nine traders, residents said.
"""


@pytest.mark.parametrize("published", ["2023-03-20", None])
def test_burkina_faso_an_attack_two_weeks_ago_is_not_dated_by_the_protest_about_it_nor_placed_where_it_was_held(
        read, published):
    news, background = _news_and_background(read(SURVIVORS_PROTEST, published))
    assert [(_surfaces(i), i.killed_low) for i in news] == [(["Djibo"], 9)]
    [earlier] = background
    assert _surfaces(earlier) == ["Djibo"]
    assert (earlier.date.start, earlier.date.end) == (("2023-03-06", "2023-03-12") if published else (None, None))


ANNIVERSARY_UNDATED_MASSACRE = """Five years after the Djibo massacre, survivors still wait for justice

Survivors gathered in Djibo on Sunday to mark the anniversary of the massacre, community leaders said.

Gunmen attacked a market in Kaya on Thursday, killing nine traders, residents said.
"""


@pytest.mark.parametrize("published", ["2023-03-20", None])
def test_burkina_faso_a_massacre_remembered_on_sunday_is_history_not_sundays_news(read, published):
    news, background = _news_and_background(read(ANNIVERSARY_UNDATED_MASSACRE, published))
    assert [(_surfaces(i), i.killed_low) for i in news] == [(["Kaya"], 9)]
    [massacre] = background
    assert _surfaces(massacre) == ["Djibo"] and massacre.date.start is None  # five years before an unknown day
    assert len(massacre.sources) == 2


def test_ukraine_a_strike_that_came_a_month_after_a_bombing_leaves_the_bombing_its_own_day(read):
    text = ("Missile hits station in Sloviansk\n\n"
            "A missile hit the railway station in Sloviansk on Friday, killing nine people, officials said.\n\n"
            "The strike came a month after a Russian bomb destroyed the theatre in Izium, where hundreds had sheltered. "
            "Officials say about 80 people died there on March 9.\n")
    bombings = [i for i in read(text, "2022-04-09") if i.event_type == "bombing"]
    assert [(i.date.start, _surfaces(i)) for i in bombings] == [("2022-03-09", ["Izium"])]


NEWS_TOLD_AFTER_A_RECALLED_ATTACK = """Gunmen storm market in Djibo

Two weeks after the attack on Kaya, gunmen stormed a market in Djibo on Sunday, killing five traders, residents said.
"""


def test_burkina_faso_news_told_after_how_long_since_an_earlier_attack_keeps_its_own_day(read):
    # the time since the attack on Kaya opens the sentence, but the act it tells is Sunday's, in Djibo
    news, _ = _news_and_background(read(NEWS_TOLD_AFTER_A_RECALLED_ATTACK, "2023-03-20"))
    djibo = [i for i in news if "Djibo" in _surfaces(i)]
    assert [(i.date.start, i.killed_low) for i in djibo] == [("2023-03-19", 5)]
