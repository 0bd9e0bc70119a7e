"""Violence told in words the event lexicon missed, and events a report without a publication date told apart by
the days it names. Texts written for these tests, about invented events in several wars."""

from __future__ import annotations

import pytest

from geomap.events import VIOLENT_TYPES
from geomap.events.casualties import find_casualties
from geomap.events.mentions import read_mention


def _violent(incidents):
    return [i for i in incidents if i.event_type in VIOLENT_TYPES]


def _told_violence(words):
    """The kind of violence a sentence with a place tells as having happened, or None."""
    mention = read_mention(words, casualties=find_casualties(words), has_place=True)
    if mention is None or not mention.violent:
        return None
    return mention.event_type if mention.happened else "not happened"


def _surfaces(incident):
    return [m.surface for m in incident.places]


KORDOFAN = """Army says RSF mined supply roads in Kordofan

The Sudanese army said RSF units carried out "deep sabotage" overnight around Bara and Umm Ruwaba, mining the supply roads, and that its units suffered losses.
"""

BELGOROD = """Border raids reported near Belgorod

Russia's defence ministry said Ukrainian units carried out sabotage operations near Shebekino and Graivoron overnight, and that two of the saboteurs were detained.
"""


@pytest.mark.parametrize("text, places", [(KORDOFAN, {"Bara", "Umm Ruwaba"}), (BELGOROD, {"Shebekino", "Graivoron"})])
def test_sabotage_done_by_armed_men_is_an_event_at_each_place_it_names(read, text, places):
    violent = _violent(read(text, "2024-03-11"))
    assert {p for i in violent for p in _surfaces(i)} >= places
    assert all(i.event_type == "armed_clash" for i in violent if set(_surfaces(i)) & places)


@pytest.mark.parametrize("words", [
    "The envoy denounced the walkout as sabotage of the drive for peace.",
    "The rebels accused the government of trying to sabotage the talks in Doha.",
    "Opposition leaders said the ruling party had committed sabotage against the peace process.",
    "Hackers launched a cyber sabotage campaign against banks in Seoul.",
    "Local teams stage a sabotage-themed escape room in Denver.",
])
def test_sabotage_of_talks_or_peace_is_no_violence(words):
    assert _told_violence(words) is None


GOMA = """Militia raid on Goma market leaves six dead

Militia fighters stormed the central market in Goma early on Tuesday, killing six traders, local officials said.
On March 3, gunmen ambushed a minibus in Goma, wounding two passengers.
"""

DJIBO = """Jihadists attack army post in northern Burkina Faso

Jihadists attacked an army post in Djibo on Sunday, killing 12 soldiers, security sources said.
In June, a similar assault on a post in Djibo killed 30 soldiers.
"""

NUEVO_LAREDO = """Fear grips Nuevo Laredo after shootings

Gunmen in pickup trucks shot dead nine people in Nuevo Laredo, including two taxi drivers.
According to the state security agency, the shootings began on May 14 in several neighbourhoods of Nuevo Laredo.
The nine people killed in Saturday's attacks were not gang members, the mayor said.
"""


@pytest.mark.parametrize("text, place, killed", [(GOMA, "Goma", {(6, 6), (None, None)}),
                                                 (DJIBO, "Djibo", {(12, 12), (30, 30)})])
def test_a_report_without_a_date_tells_events_apart_by_the_days_it_names(read, text, place, killed):
    # "on Tuesday" and "On March 3", "on Sunday" and "In June": news names a day of the past week by its weekday
    # and an older one by its date, so the second sentence is another event at the same town, undated like the first
    violent = [i for i in _violent(read(text, None)) if place in _surfaces(i)]
    assert len(violent) == 2 and all(i.date.start is None for i in violent)
    assert {(i.killed_low, i.killed_high) for i in violent} == killed


def test_a_reference_back_by_weekday_joins_the_event_told_by_date(read):
    # "Saturday's attacks" refers back to the attacks of May 14, whichever day of the week that was
    violent = _violent(read(NUEVO_LAREDO, None))
    assert len(violent) == 1
    assert any("Saturday's" in s.sentence for s in violent[0].sources)
    assert any("May 14" in s.sentence for s in violent[0].sources)


def test_two_weekdays_apart_are_two_events_and_a_weekday_near_another_may_be_one():
    from geomap.dates import told_days

    assert told_days("Rebels shelled the town on Monday").apart_from(told_days("Troops attacked the town on Thursday"))
    assert not told_days("Fighting broke out on Sunday night").apart_from(told_days("The clashes ended on Monday"))
    assert not told_days("the minister said on Monday that troops had attacked the town")  # the day it was said
    assert told_days("In August, gunmen stormed a hotel").months == {8}
    assert not told_days("The offensive broke a lull that had lasted since a ceasefire was signed in December")


@pytest.mark.parametrize("headline, kind", [
    ("Troops storm Kherson", "armed_clash"),
    ("Protesters storm parliament in Baghdad", "armed_clash"),
    ("Militia seizes Bunia airport", "territory_change"),
    ("Army captures rebel stronghold of Pibor", "territory_change"),
    ("Jihadist group overruns army post in Tillaberi", "territory_change"),
])
def test_a_headline_tells_what_happened_in_the_present_tense(headline, kind):
    mention = read_mention(headline, casualties=find_casualties(headline), has_place=True)
    assert mention is not None and mention.happened and mention.event_type == kind


@pytest.mark.parametrize("words", ["Tropical Storm Ida hits Louisiana", "A storm hit the coast of Mozambique",
                                   "Dust storms sweep Khartoum", "The minister faced a storm of criticism in Kyiv",
                                   "Iowa storm flips tractor-trailers on Interstate 80", "The garden filters storm water from Main Street",
                                   "With Tuesday's storm dumping more snow on Topeka, crews worked overnight",
                                   "The vests protect soldiers in Helmand from bullets and grenades",
                                   "Shoppers storm Walmart stores for Black Friday deals in Dallas",
                                   "The documentary was shot over six weeks in Kandahar"])
def test_a_storm_of_weather_or_words_or_gear_against_grenades_is_no_violence(words):
    assert _told_violence(words) is None


@pytest.mark.parametrize("words", [
    "Insurgents shot down a military helicopter near Mopti on Tuesday, killing its two pilots.",
    "Ukrainian forces downed a Russian Su-34 jet over Kherson, the air force said.",
    "A Syrian attack helicopter was shot down near Idlib.",
])
def test_a_manned_aircraft_shot_down_is_a_clash(words):
    mention = read_mention(words, casualties=find_casualties(words), has_place=True)
    assert mention is not None and mention.violent and mention.event_type == "armed_clash"


def test_a_drone_shot_down_stays_an_interception():
    words = "Air defences shot down two drones over Belgorod."
    assert not read_mention(words, casualties=find_casualties(words), has_place=True).violent


def test_the_helicopter_downed_is_an_incident_at_its_place(read):
    text = ("Mali army helicopter downed\n\nInsurgents shot down a military helicopter near Mopti on Tuesday, killing"
            " its two pilots, the army said.\n")
    violent = _violent(read(text, "2022-04-14"))
    assert [(_surfaces(i), i.date.start) for i in violent] == [(["Mopti"], "2022-04-12")]


@pytest.mark.parametrize("words, kind", [
    ("Government forces stormed Qusayr on Wednesday after days of artillery fire and air strikes.", "armed_clash"),
    ("Militiamen raided a village near Bentiu following weeks of shelling, killing 14 residents.",
     "attack_on_civilians"),
    ("Shells hit the market in Kharkiv after weeks of fighting.", "shelling"),
])
def test_days_of_violence_before_an_event_are_its_backdrop_not_its_kind(words, kind):
    mention = read_mention(words, casualties=find_casualties(words), has_place=True)
    assert mention.event_type == kind


JUBA = """Fighting rages for Juba

Rival army factions fought in the streets of Juba on Monday, and the city's airport was struck from the air.
"""

ADEN = """Heavy clashes in Aden

Separatist fighters and government troops clashed in Aden on Sunday, and the presidential palace was hit from the air.
"""


@pytest.mark.parametrize("text, published, place, day", [(JUBA, "2016-07-12", "Juba", "2016-07-11"),
                                                          (ADEN, "2019-08-12", "Aden", "2019-08-11")])
def test_a_place_struck_from_the_air_is_an_air_strike_beside_the_fighting(read, text, published, place, day):
    violent = _violent(read(text, published))
    kinds = {i.event_type for i in violent if place in _surfaces(i) and i.date.start == day}
    assert kinds == {"armed_clash", "air_drone_strike"}


PORT_SUDAN = """Paramilitary drones hit the main civilian airport in Port Sudan early on Sunday, igniting a fuel depot and grounding every flight, the army said.
Residents reported heavy fighting around the old airfield on the edge of Port Sudan.
"""

MOKHA = """Houthi missiles struck the port of Mokha on Tuesday, killing three dock workers and setting two fuel tanks on fire, port officials said.
Clashes between Houthi fighters and government troops also broke out on the outskirts of Mokha, a commander said.
"""


@pytest.mark.parametrize("text, place, strike", [(PORT_SUDAN, "Port Sudan", "air_drone_strike"),
                                                 (MOKHA, "Mokha", "missile_strike")])
def test_a_bare_text_whose_first_line_is_a_long_sentence_starts_with_its_lede_not_a_headline(gazetteer, text, place,
                                                                                             strike):
    # the first line is the report's title for display, but a full sentence of 20-odd words is the story's lede: the
    # strike is an event of its own, not a headline folded into the fighting told after it
    from geomap.pipeline import extract_report
    from geomap.reports import report_from_text

    report = report_from_text(text, report_id="r.txt", published="2024-05-07")
    assert report.title.startswith(text[:30])
    violent = _violent(extract_report(report, gazetteer).incidents)
    assert sorted(i.event_type for i in violent if place in _surfaces(i)) == sorted([strike, "armed_clash"])


@pytest.mark.parametrize("words", [
    "Three days of fighting in Kidal have killed at least 40 people, officials said.",
    "The toll from two weeks of clashes around Goma rose to 130, the health ministry said.",
])
def test_the_dead_of_days_of_fighting_are_a_toll_wherever_they_fell(words):
    assert read_mention(words, casualties=find_casualties(words), has_place=True).event_type == "casualty_toll"


def test_an_ambush_after_weeks_of_clashes_is_still_an_ambush():
    words = "Rebels killed 12 soldiers in an ambush near Goma after weeks of clashes."
    assert read_mention(words, casualties=find_casualties(words), has_place=True).event_type == "armed_clash"


KHARTOUM = """Battle for Khartoum rages on

Battles across Khartoum grew fiercer on Saturday as the death toll over several days of combat reached at least 97, and the city's airport was struck from the air.
"""


def test_a_toll_of_days_and_a_strike_told_in_one_sentence_are_two_records(read):
    incidents = read(KHARTOUM, "2023-04-17")
    tolls = [i for i in incidents if i.event_type == "casualty_toll"]
    strikes = [i for i in incidents if i.event_type == "air_drone_strike"]
    assert [(t.killed_low, _surfaces(t)) for t in tolls] == [(97, ["Khartoum"])]
    assert [(_surfaces(s), s.date.start, s.killed_low) for s in strikes] == [(["Khartoum"], "2023-04-15", None)]


@pytest.mark.parametrize("words, kind", [
    ("Troops came under fire near Bakhmut on Tuesday.", "armed_clash"),
    ("A convoy came under fire for the second time near Kidal.", "armed_clash"),
    ("A Malian army patrol came under attack near Menaka.", "armed_clash"),
    ("Rebels laid siege to the town of Kindu.", "armed_clash"),
    ("Government troops besieged the rebel-held town of Mweso.", "armed_clash"),
    ("Militants lobbed grenades at a police station in Srinagar.", "bombing"),
    ("A grenade was thrown into a bar in Bujumbura, wounding 12 people.", "bombing"),
    ("Two soldiers were shot at a checkpoint in Jenin.", "armed_clash"),
])
def test_violence_told_in_words_of_fire_siege_grenades_and_shooting_is_an_event(words, kind):
    assert _told_violence(words) == kind


@pytest.mark.parametrize("words", ["Aid finally reached the besieged city of Kadugli.",
                                   "The district came under government control in 2019.",
                                   "Fans besieged the box office in Nashville for tickets."])
def test_a_besieged_city_reached_or_an_area_under_control_is_no_new_violence(words):
    assert _told_violence(words) is None


@pytest.mark.parametrize("words", ["The mayor came under fire in Chicago on Tuesday for cutting library hours.",
                                   "The health minister came under fire over his handling of the outbreak in Lagos.",
                                   "The governor came under attack from Democrats in Albany over the budget."])
def test_an_official_who_came_under_fire_for_a_decision_met_criticism_not_violence(words):
    assert _told_violence(words) is None


@pytest.mark.parametrize("words, killed", [
    ("Gunmen hacked to death 12 villagers near Beni overnight.", (12, 12)),
    ("Men armed with machetes hacked 14 farmers to death in Plateau State.", (14, 14)),
    ("Attackers stabbed two aid workers to death in Kidal.", (2, 2)),
    ("Twelve villagers were burnt to death when militiamen set their huts ablaze near Djugu.", (12, 12)),
])
def test_killings_told_by_how_they_were_done_count_their_dead(words, killed):
    casualties = find_casualties(words)
    assert casualties.killed == killed
    assert read_mention(words, casualties=casualties, has_place=True).violent


@pytest.mark.parametrize("headline, kind", [
    ("Russia pounds Kharkiv overnight", "shelling"),
    ("Government forces pounded rebel positions near Idlib", "shelling"),
    ("Insurgents torch police station in Rakhine", "armed_clash"),
    ("Gunmen torch houses in Plateau village", "attack_on_civilians"),
])
def test_pounding_a_town_and_torching_a_building_are_violence(headline, kind):
    mention = read_mention(headline, casualties=find_casualties(headline), has_place=True)
    assert mention is not None and mention.happened and mention.event_type == kind


@pytest.mark.parametrize("words", ["Heavy rain pounds Kyiv", "Olympic torch reaches Athens",
                                   "The pound fell against the dollar in Khartoum",
                                   "Hurricane Milton pounded Florida on Wednesday, knocking out power to two million homes",
                                   "Heavy snow pounded Denver overnight", "Storms pound Texas as tornado warnings spread",
                                   "Waves and heavy surf pounded Malibu beaches",
                                   "The Rangers torched the Bruins 7-1 in New York on Saturday night",
                                   "The Yankees pounded Boston pitching in the Bronx on Sunday"])
def test_weather_a_torch_relay_a_currency_or_a_scoreline_is_no_violence(words):
    assert _told_violence(words) is None


DOUMA = """Strikes hit villages near Damascus

Government aircraft struck a market in Douma, east of Damascus, on Sunday, killing four people, rescuers said.
In a separate strike on the village of Tell Mardikhan, some 30 km south of the capital, two farmers were killed.
"""

CEEL_DHAGAX = """Al-Shabab attacks around Mogadishu

A car bomb exploded at a checkpoint in Mogadishu on Sunday, killing five soldiers, police said.
Separately, gunmen attacked an army post in the village of Ceel Dhagax Yar, north of the capital, killing three soldiers.
"""


@pytest.mark.parametrize("text, published, village, capital", [
    (DOUMA, "2019-05-13", "Tell Mardikhan", "Damascus"),
    (CEEL_DHAGAX, "2022-03-14", "Ceel Dhagax Yar", "Mogadishu"),
])
def test_a_village_told_against_the_capital_is_drawn_near_the_capital_the_report_names(read, text, published, village,
                                                                                        capital):
    [event] = [i for i in _violent(read(text, published)) if village in _surfaces(i)]
    near = [m for m in event.places if m.place is not None]
    assert [(m.surface, m.place.name, int(m.precision)) for m in near] == [("the capital", capital, 2)]
    assert event.killed_low in (2, 3)  # its own event, not joined to the one in or near the capital


def test_the_capital_of_a_report_naming_two_capitals_places_nothing(read):
    text = ("Talks in Nairobi, strikes in Sudan\n\nEnvoys met in Nairobi on Monday as the army said militiamen had "
            "shelled the village of Um Dabakir, south of the capital, killing two. Khartoum denied it.\n")
    [event] = _violent(read(text, "2024-02-06"))
    assert all(m.place is None for m in event.places)


@pytest.mark.parametrize("text, published, town, killed", [
    ("Report\n\nIsraeli air strikes on the southern Gaza city of Rafah killed 20 people overnight, health officials "
     "said.\n", "2024-05-07", "Rafah", 20),
    ("Report\n\nShells hit the Aleppo town of Tal Rifaat on Monday, killing four civilians.\n", "2023-03-07",
     "Tal Rifaat", 4),
    ("Report\n\nEritrean troops shelled the Tigray town of Adigrat on Monday, killing four civilians.\n", "2021-03-09",
     "Adigrat", 4),
])
def test_the_name_before_city_of_qualifies_the_town_and_is_no_second_event(read, text, published, town, killed):
    # "the southern Gaza city of Rafah": one strike on Rafah with its 20 dead, not a second one on Gaza that splits them
    [event] = _violent(read(text, published))
    assert [m.surface for m in event.places if m.place is not None] == [town] and event.killed_low == killed


@pytest.mark.parametrize("words, kind", [
    ("Israeli troops carried out an incursion into the town of Beit Hanoun on Sunday.", "armed_clash"),
    ("Militants took 20 passengers hostage on the road to Kidal.", "attack_on_civilians"),
    ("A mob lynched two men accused of theft in Port-au-Prince.", "attack_on_civilians"),
    ("Soldiers detained and tortured 12 villagers in Sagaing.", "attack_on_civilians"),
])
def test_incursions_hostages_lynchings_and_torture_are_violence(words, kind):
    assert _told_violence(words) == kind


@pytest.mark.parametrize("words", ["Republicans took the debt ceiling hostage in Washington on Tuesday.",
                                   "The portrait was shot by a studio photographer in New York.",
                                   "The ad campaign was shot on a beach near Malibu."])
def test_a_budget_held_hostage_or_a_portrait_shot_is_no_violence(words):
    assert _told_violence(words) is None


@pytest.mark.parametrize("words", ["A Russian jet made an incursion into Estonian airspace near Tallinn.",
                                   "The report documented allegations of torture in prisons in Aleppo.",
                                   "Apple's incursion into China's smartphone market continued in Shenzhen.",
                                   "The band's incursion into jazz surprised fans in Memphis.",
                                   "The city's tortured history with the river shaped Detroit.",
                                   "He was tortured by doubts about the move to Chicago."])
def test_an_airspace_incursion_or_a_report_of_torture_is_no_new_violence(words):
    assert _told_violence(words) is None


GAO = """Fighting in Gao

Militants shelled Gao on Tuesday, 14 May 2024, the army said.
On March 3, militants shelled a market in Gao, killing two traders.
"""

KOSTI = """Drone strikes on Kosti

Paramilitary drones struck a fuel depot in Kosti on Sunday, 4 May 2025, the army said.
On February 9, drones struck the power station in Kosti, killing three workers.
"""


@pytest.mark.parametrize("text, place, killed", [(GAO, "Gao", 2), (KOSTI, "Kosti", 3)])
def test_a_dated_event_keeps_the_day_it_names_against_an_undated_one_told_by_another_date(read, text, place, killed):
    # a report with no publication date writes one event's day with its year and another's without: "On March 3" is
    # not the event of "Tuesday, 14 May 2024", and its dead are not that event's
    violent = [i for i in _violent(read(text, None)) if place in _surfaces(i)]
    assert len(violent) == 2
    assert sorted((i.killed_low or 0, i.date.start is None) for i in violent) == [(0, False), (killed, True)]


@pytest.mark.parametrize("words", [
    "A military spokesman blamed most of the deaths on a store of mines and explosives inside the village hall.",
    "The army blamed the deaths on an air strike by rebel drones, which the rebels denied.",
])
def test_a_cause_a_side_blames_the_deaths_on_is_its_account_not_another_event(words):
    assert _told_violence(words) is None


def test_what_the_police_blamed_an_attack_on_is_who_did_it_and_the_attack_still_happened():
    assert _told_violence("Police in Garissa blamed the attack on al-Shabaab.") is not None
