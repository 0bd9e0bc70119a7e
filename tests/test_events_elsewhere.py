"""Incidents from reports on conflicts other than the seeds': Sudan, Ukraine, Myanmar, Yemen, Gaza, Burkina Faso, Syria.

The reports are written for these tests in the shapes wire copy takes (headline, dateline, lede, toll sentence,
claims and denials, background); they check that the method, not a list, finds one incident per event.
"""

from __future__ import annotations

import pytest

from geomap.events import VIOLENT_TYPES
from geomap.pipeline import extract_report
from geomap.records import Report

SUDAN = """RSF shelling kills 12 civilians in El Fasher, doctors say

KHARTOUM, May 12 (Newswire) - Shelling by the Rapid Support Forces killed 12 Sudanese civilians in El Fasher on Saturday, a doctors' group said, as fighting for the city entered its third week.
The shells hit a crowded market in the city's south, the group said. At least 30 people were wounded.
More than 14,000 people have been killed across Sudan since the war began in April last year, according to the United Nations.
The UN envoy urged both sides to halt the fighting.
"""

UKRAINE = """Russian missile strike on Kharkiv apartment block kills seven

A Russian missile hit a nine-storey apartment building in Kharkiv early on Tuesday, killing seven people and wounding 21, regional governor Oleh Syniehubov said.
Rescuers were still searching the rubble on Tuesday afternoon.
Twelve Ukrainian soldiers were killed when a drone struck a training ground near Dnipro on Sunday, the army said. Russia did not comment.
Moscow said its forces had taken the village of Robotyne, a claim Kyiv denied.
"""

MYANMAR = """Myanmar junta air strike kills dozens at village gathering

An air strike by Myanmar's military on a village in Kanbalu township on Tuesday killed dozens of people, including children, who had gathered for the opening of a local office, witnesses said.
A resident said at least 50 bodies had been recovered.
Reuters could not independently verify the accounts.
"""

YEMEN = """Houthi drone attack hits Saudi oil facility, coalition says

The Saudi-led coalition said on Sunday that Houthi rebels had launched a drone attack from Yemen on an oil facility in Jazan, causing a fire but no casualties.
In Yemen, coalition warplanes struck Houthi positions in Marib province overnight, killing at least 15 fighters, a military source said.
The Houthis accused the coalition of killing civilians, which it denied.
"""

GAZA = """Israeli strike on Rafah home kills 13, health ministry says

GAZA, March 3 - An Israeli air strike on a house in Rafah killed 13 members of one family overnight, the Gaza health ministry said on Sunday.
The ministry said 90 Palestinians had been killed across the Gaza Strip in the past 24 hours.
Egypt and Qatar called for a ceasefire before Ramadan.
"""

BURKINA = """Gunmen kill 34 in raid on Burkina Faso village

Gunmen on motorbikes killed 34 people in a raid on the village of Nagrago in eastern Burkina Faso on Saturday, the regional governor said in a statement.
The attackers set homes on fire and stole cattle before fleeing toward the border, residents said.
"""

SYRIA = """Car bomb kills nine in northern Syria

A car bomb exploded near a busy market in the town of Jarablus, north of Aleppo, on Thursday, killing nine people and wounding 30, a war monitor said.
Turkey-backed factions control the town.
The war in Syria has killed more than 500,000 people since 2011.
"""


NIGERIA = """Suicide bombers kill 20 in northeast Nigeria

MAIDUGURI, June 4 (Newswire) - Two suicide bombers killed 20 people at a crowded market in Konduga on Sunday, a militia leader said.
Dozens more were wounded, he said.
"""

DRC = """M23 rebels shell Congolese town, residents flee

Rebels shelled Rutshuru on Monday, residents said.
Hours later, gunmen executed six men near the market in the town, a local rights group said.
"""


MEXICO = """Gunmen kill eight in Mexican border city

Gunmen in pickup trucks opened fire in several neighborhoods of Matamoros, next to the Texas city of Brownsville, on Saturday, killing eight people, state officials said.
The state governor urged the U.S.-backed task force to step up patrols against the gangs.
"""


ODESA = """Drones hit Odesa port; shelling in Kherson

Russian drones struck the port of Odesa on Tuesday night, wounding four workers, the regional governor said.
In Kherson, artillery shells hit a residential street, killing a woman, the city administration said.
"""

ODESA_TWO_DAYS = ODESA.replace("In Kherson,", "On Monday, a missile hit a warehouse in Mykolaiv. In Kherson,")


def _violent(incidents):
    return [i for i in incidents if i.event_type in VIOLENT_TYPES and i.places]


def _places(incident):
    return [m.place.name if m.place else m.surface for m in incident.places]


def _surfaces(incident):
    """The places as the report names them: which gazetteer entry they resolve to is the geoparser's test."""
    return [m.surface for m in incident.places]


def test_sudan_one_shelling_of_el_fasher_from_headline_dateline_and_toll_with_the_war_toll_apart(read):
    incidents = read(SUDAN, "2024-05-12")
    [shelling] = _violent(incidents)
    assert shelling.event_type == "shelling" and _places(shelling) == ["El Fasher"]
    # Khartoum is the dateline; May 12 is when the story was filed; Saturday is when the shells fell
    assert (shelling.date.start, shelling.date.precision) == ("2024-05-11", 1)
    assert (shelling.killed_low, shelling.wounded_low, shelling.wounded_high) == (12, 30, None)
    assert len(shelling.sources) >= 3 and "doctors" in shelling.claimant
    toll = next(i for i in incidents if i.event_type == "casualty_toll")
    assert toll.killed_low == 14001 and toll.date.start == "2023-04-01" and toll.date.end == "2024-05-12"
    assert not any(i.event_type in VIOLENT_TYPES for i in incidents if "urged" in i.sources[0].sentence)


def test_ukraine_a_missile_strike_a_drone_strike_and_a_denied_capture(read):
    incidents = read(UKRAINE, "2024-05-21")
    kharkiv, dnipro = _violent(incidents)
    assert kharkiv.event_type == "missile_strike" and _places(kharkiv) == ["Kharkiv"]
    assert (kharkiv.date.start, kharkiv.killed_low, kharkiv.wounded_low) == ("2024-05-21", 7, 21)
    assert dnipro.event_type == "air_drone_strike" and _places(dnipro) == ["Dnipro"]
    assert (dnipro.date.start, dnipro.killed_low) == ("2024-05-19", 12)  # "Twelve Ukrainian soldiers were killed"
    capture = next(i for i in incidents if i.event_type == "territory_change")
    assert _surfaces(capture) == ["Robotyne"] and capture.claimant == "Moscow" and capture.denied_by == ("Kyiv",)


def test_myanmar_an_air_strike_with_dozens_then_a_count_and_a_verification_note(read):
    [strike] = _violent(read(MYANMAR, "2023-04-12"))
    assert strike.event_type == "air_drone_strike" and _places(strike) == ["Kanbalu"]
    assert strike.date.start == "2023-04-11"
    assert (strike.killed_low, strike.killed_high) == (50, None)  # the highest count the report gives
    assert "could not independently verify" in strike.verification


def test_yemen_the_place_a_drone_came_from_is_not_where_it_struck(read):
    incidents = _violent(read(YEMEN, "2022-03-20"))
    places = [_surfaces(i) for i in incidents]
    assert ["Jazan"] in places and ["Marib"] in places and ["Yemen"] not in places
    marib = next(i for i in incidents if _places(i) == ["Ma'rib"])
    assert (marib.killed_low, marib.killed_high, marib.claimant) == (15, None, "a military source")


def test_gaza_a_strike_overnight_and_a_days_toll_across_the_strip_kept_apart(read):
    incidents = read(GAZA, "2024-03-03")
    [strike] = _violent(incidents)
    assert _places(strike) == ["Rafaḩ"] and strike.killed_low == 13 and strike.date.start == "2024-03-03"
    toll = next(i for i in incidents if i.event_type == "casualty_toll")
    assert toll.killed_low == 90
    call = next(i for i in incidents if "ceasefire" in i.sources[0].sentence)
    assert call.event_type == "statement" and call.claimant == "Egypt and Qatar"


def test_burkina_faso_a_raid_with_no_publication_date_is_left_undated(read):
    [raid] = [i for i in read(BURKINA, None) if i.event_type in VIOLENT_TYPES]
    assert raid.event_type == "attack_on_civilians" and raid.killed_low == 34
    assert "Nagrago" in _places(raid)
    assert (raid.date.start, raid.date.end) == (None, None)  # "on Saturday" means nothing without the report's date
    assert len(raid.sources) == 3  # the headline, and the attackers who set homes on fire, tell the same raid


def test_syria_a_car_bomb_and_a_war_toll_since_2011_is_not_this_weeks_violence(read):
    incidents = read(SYRIA, "2023-02-06")
    [bomb] = [i for i in incidents if i.event_type in VIOLENT_TYPES]
    assert bomb.event_type == "bombing" and (bomb.killed_low, bomb.wounded_low) == (9, 30)
    assert bomb.date.start == "2023-02-02"
    assert "Aleppo" not in _places(bomb)  # north of Aleppo: a reference point, not the place
    toll = next(i for i in incidents if i.event_type == "casualty_toll")
    assert toll.killed_low == 500001 and toll.date.start == "2011-01-01"


def test_nigeria_a_headline_placed_at_the_country_sums_up_the_town_it_tells_of(read):
    [bombing] = _violent(read(NIGERIA, "2023-06-04"))  # no second marker on Nigeria
    assert bombing.event_type == "bombing" and _surfaces(bombing) == ["Konduga"]
    assert (bombing.killed_low, bombing.killed_high) == (20, 20)  # two is the bombers, 20 the dead
    assert any(s.sentence.startswith("Suicide bombers kill 20") for s in bombing.sources)


def test_drc_the_town_is_the_town_named_before_and_an_execution_there_is_its_own_event(read):
    incidents = _violent(read(DRC, "2023-06-14"))
    shelling = next(i for i in incidents if i.event_type == "shelling")
    executions = next(i for i in incidents if i.event_type == "attack_on_civilians")
    assert _surfaces(shelling) == _surfaces(executions) == ["Rutshuru"]
    assert executions.date.start == "2023-06-12" and executions.killed_low == 6


def test_mexico_the_city_across_the_border_is_a_reference_and_a_call_is_no_event(read):
    incidents = read(MEXICO, "2024-03-10")
    [shooting] = _violent(incidents)
    assert _surfaces(shooting) == ["Matamoros"] and shooting.killed_low == 8 and shooting.date.start == "2024-03-09"
    call = next(i for i in incidents if "urged" in i.sources[0].sentence)
    assert call.event_type == "statement"


def test_ukraine_a_shelling_told_without_a_day_is_on_the_one_day_the_report_dates_its_violence(read):
    odesa, kherson = _violent(read(ODESA, "2024-06-12"))
    assert (_surfaces(odesa), odesa.date.start, odesa.date.end) == (["Odesa"], "2024-06-11", "2024-06-11")
    assert (_surfaces(kherson), kherson.date.start, kherson.date.end) == (["Kherson"], "2024-06-11", "2024-06-11")
    # when the dated violence falls on two days, an undated event is put on the report's day, as within a few days
    kherson = next(i for i in _violent(read(ODESA_TWO_DAYS, "2024-06-12")) if _surfaces(i) == ["Kherson"])
    assert (kherson.date.start, kherson.date.end, kherson.date.precision) == ("2024-06-12", "2024-06-12", 2)
    assert "give or take" in kherson.date.evidence


BURKINA_PROVINCE = """Militants attack Burkina town

Militants attacked Arbinda, in the Soum province, on Sunday, killing 15 soldiers, the army said.
"""

DRC_TERRITORY = """Rebels attack town in eastern Congo

ADF rebels raided Oicha, Beni territory, overnight, killing nine civilians, local officials said.
"""

KHARKIV_LIST = """Shelling across Kharkiv region

Russian artillery shelled Kupiansk, Vovchansk and Zolochiv on Monday, killing two people, the regional governor said.
"""


@pytest.mark.parametrize("text, town, area, killed", [
    (BURKINA_PROVINCE, "Arbinda", "Soum", 15),
    (DRC_TERRITORY, "Oicha", "Beni", 9),
])
def test_a_town_and_the_area_it_lies_in_are_one_incident_with_its_toll(read, text, town, area, killed):
    [incident] = _violent(read(text, "2023-05-03"))
    assert _surfaces(incident) == [town, area] and incident.killed_low == killed


def test_a_list_of_shelled_towns_is_one_incident_per_town(read):
    incidents = _violent(read(KHARKIV_LIST, "2023-05-03"))
    assert [_surfaces(i) for i in incidents] == [["Kupiansk"], ["Vovchansk"], ["Zolochiv"]]
    # two killed in all, no town's own figure: counted once, on the first town, so that the map adds up (as a toll
    # told in a sentence of its own after the list is, `test_ukraine_a_toll_told_for_a_list_of_towns_...`)
    assert [i.killed_low for i in incidents] == [2, None, None]


def test_a_long_report_told_as_one_event_reads_its_places_once_per_new_place(gazetteer, monkeypatch):
    """Joining a telling to an event does not recompute the event's places over every telling before it: a
    multi-MB report on one line took minutes when each sentence did."""
    import geomap.events.extract as extract

    calls = []
    counted = extract.finest
    monkeypatch.setattr(extract, "finest", lambda mentions, **kw: calls.append(len(mentions)) or counted(mentions, **kw))
    unit = ("Shelling hit Kherson and Mykolaiv on Sunday while drones struck near Odesa, officials said, and ")
    text = "Long report\n" + unit * 600 + "\n"
    incidents = extract_report(Report("long.txt", text, published="2024-06-10"), gazetteer).incidents
    assert incidents and sum(len(i.sources) for i in incidents) >= 50
    assert len(calls) < 50 and max(calls) < 20


@pytest.mark.parametrize("text, denier", [
    ("Air strike kills 20 at market in Sudan\n\nAn air strike hit a crowded market in El Fasher on Monday, killing 20 "
     "people, the RSF said.\nThe federal government denied carrying out the strike.\n", "The federal government"),
    ("Shelling kills four in Donetsk\n\nShelling killed four people in Donetsk on Tuesday, the separatist mayor said.\n"
     "The Ukrainian army denies firing on residential areas.\n", "The Ukrainian army"),
    ("Air strike kills 11 in Myanmar village\n\nAn air strike killed 11 villagers in Kanbalu on Sunday, a local "
     "resistance group said.\nThe military denied targeting civilians.\n", "The military"),
])
def test_a_denial_of_doing_what_the_claim_says_is_linked_to_the_claim(read, text, denier):
    [claim] = _violent(read(text, "2024-05-14"))
    assert claim.denied_by == (denier,)


@pytest.mark.parametrize("text, town, capital", [
    ("RSF shelling kills 15 in El Obeid\n\nShelling by the Rapid Support Forces killed 15 civilians in El Obeid on "
     "Sunday, medics said.\nThe African Union condemned the attack in Addis Ababa on Monday.\n", "El Obeid", "Addis Ababa"),
    ("Insurgents attack Mozambique town\n\nInsurgents attacked Macomia on Wednesday, killing eight villagers, "
     "residents said.\nA police spokesman confirmed the attack at a press conference in Maputo.\n", "Macomia", "Maputo"),
    ("Israeli strike kills 20 in Jabalia\n\nAn Israeli air strike hit a school in Jabalia on Saturday, killing 20 "
     "people, medics said.\nThe UN secretary-general condemned the strike in New York.\n", "Jabalia", "New York"),
])
def test_a_reaction_to_an_attack_is_told_where_it_was_made_not_where_the_attack_was(read, text, town, capital):
    [attack] = _violent(read(text, "2024-05-14"))
    assert _surfaces(attack) == [town] and len(attack.sources) == 3


@pytest.mark.parametrize("text", [
    "Rebels take Congolese border town\n\nM23 rebels took control of Kiwanja on Tuesday after launching an attack on "
    "army positions, residents said.\n",
    "Troops leave Ethiopian town\n\nGovernment troops pulled out of Kombolcha on Saturday after intense fighting, "
    "residents said.\n",
    "Separatists hold Ukrainian town\n\nTwo weeks ago separatists overran Avdiivka, one of their most striking gains "
    "in months.\n",
])
def test_a_town_changing_hands_after_fighting_is_a_change_of_control_not_a_battle_marker(read, text):
    incidents = read(text, "2023-11-01")
    assert not _violent(incidents)
    assert any(i.event_type == "territory_change" for i in incidents)


def test_a_capture_after_fighting_that_the_report_says_killed_people_is_a_battle_with_its_toll(read):
    text = ("Taliban seize government compound in Afghan city\n\nTaliban fighters seized the main government compound "
            "in Ghazni on Friday following heavy fighting with security forces.\nThe provincial governor said the "
            "fighting had killed at least 12 policemen.\n")
    [battle] = _violent(read(text, "2018-08-11"))
    assert battle.event_type == "armed_clash" and _surfaces(battle) == ["Ghazni"] and battle.killed_low == 12


@pytest.mark.parametrize("text, town, across", [
    ("Gunmen kill nine in Ciudad Juarez\n\nGunmen shot dead nine people at a drug rehabilitation centre in Ciudad "
     "Juarez on Tuesday, police said.\nThe city opposite El Paso, Texas has long suffered cartel violence, but the "
     "nine killed in Tuesday’s attack shocked residents.\n", "Ciudad Juarez", "El Paso"),
    ("Shelling kills three in Ukrainian town\n\nRussian shelling killed three people in Nikopol on Sunday, the "
     "governor said.\nThe town opposite Enerhodar, across the reservoir, came under fire again in the evening.\n",
     "Nikopol", "Enerhodar"),
])
def test_the_town_across_from_the_place_is_a_reference_not_a_second_marker(read, text, town, across):
    incidents = _violent(read(text, "2023-06-13"))
    assert [_surfaces(i) for i in incidents] == [[town]]


KRAMATORSK = """Missile strike near Kramatorsk kills five

Russian forces shelled residential districts of Kramatorsk on Friday, killing three people, officials said.
Separately, at least five people were killed late Friday when a missile hit a monastery outside the city in the Donetsk region, the regional governor said.
"""

KUNDUZ = """Taliban seize police compound in Kunduz

Taliban fighters captured the police headquarters compound in Kunduz on Saturday after hours of fighting, officials said.
Fighting also spread to Pul-e-Khumri, the capital of neighbouring Baghlan province.
Afghan air force planes later bombed the militants holding the compound, a spokesman said.
"""

MALAKAL = """Clashes in South Sudan

Fighting broke out on Sunday near the old airport of Malakal, which has not operated for years, a military source said.
"""


def test_ukraine_outside_the_city_is_the_city_named_before_not_the_region_around_it(read):
    shelling, missile = _violent(read(KRAMATORSK, "2024-05-18"))
    assert missile.event_type == "missile_strike" and missile.killed_low == 5
    assert _surfaces(shelling) == _surfaces(missile) == ["Kramatorsk"]


def test_afghanistan_the_compound_is_the_town_of_the_compound_told_before_and_a_raid_on_it_its_own_event(read):
    incidents = _violent(read(KUNDUZ, "2021-06-20"))
    [strike] = [i for i in incidents if i.event_type == "air_drone_strike"]
    assert _surfaces(strike) == ["Kunduz"]  # not Pul-e-Khumri, the town named last


def test_south_sudan_a_habit_in_a_clause_about_the_place_does_not_make_the_fighting_a_habit(read):
    [fighting] = _violent(read(MALAKAL, "2016-07-11"))
    assert fighting.event_type == "armed_clash" and _surfaces(fighting) == ["Malakal"]
    assert fighting.date.start == "2016-07-10"


SAKE = """M23 columns advance on Sake

GOMA, Feb 9 (Newswire) - On the night of February 7, M23 rebels moved columns toward Sake and Minova, the army said.
Clashes with government troops followed as the army moved to block the roads.
The war between the army and the rebels erupted almost three years ago.
Government forces and the rebels are engaged in heavy clashes in several towns of the province.
"""


def test_drc_clashes_told_without_a_place_happened_where_and_when_the_sentence_before_puts_the_story(read):
    [clash] = _violent(read(SAKE, "2024-02-09"))
    assert clash.event_type == "armed_clash" and _surfaces(clash) == ["Sake", "Minova"]
    assert (clash.date.start, clash.date.end) == ("2024-02-07", "2024-02-07")
    assert "followed" in clash.sources[0].sentence  # neither the war's start nor clashes in unnamed towns


DARFUR = """Sudanese army jets strike RSF positions in Darfur

Sudanese army warplanes struck Rapid Support Forces positions in Nyala on Tuesday, killing at least 20 fighters, a military source said.
The town of Kutum was bombed as well, residents said.
Separately, a bomb exploded at a market in El Obeid, killing four people.
"""

MOCIMBOA = """Insurgents seize Mozambique port town

Insurgents seized Mocimboa da Praia early on Monday and were still in control in the evening, local journalists reported.
The police spokesman confirmed the attack at a press conference.
The attackers have put up barricades on the main roads into the town.
"""

GAO_BOAT = """Rockets hit river boat in Mali

Suspected jihadists fired rockets at the Gao boat on the Niger River on Thursday, killing 15 passengers, officials said.
"""


def test_sudan_a_town_bombed_in_a_story_of_air_strikes_is_an_air_strike_and_a_bomb_at_a_market_is_not(read):
    kinds = {_surfaces(i)[-1]: i.event_type for i in _violent(read(DARFUR, "2024-04-17"))}
    assert kinds == {"Nyala": "air_drone_strike", "Kutum": "air_drone_strike", "El Obeid": "bombing"}


def test_mozambique_the_attack_confirmed_and_what_the_attackers_did_next_are_the_capture_not_a_battle(read):
    incidents = read(MOCIMBOA, "2020-03-24")
    assert _violent(incidents) == []
    [capture] = [i for i in incidents if i.event_type == "territory_change"]
    assert len(capture.sources) >= 3 and capture.date.start == "2020-03-23"


def test_mali_a_boat_named_after_a_town_is_not_the_town(read):
    [strike] = [i for i in read(GAO_BOAT, "2023-09-08") if i.event_type in VIOLENT_TYPES]
    assert _surfaces(strike) == ["Niger River"] and strike.killed_low == 15


KHARKIV_VILLAGES = """Russian strikes hit villages near Kharkiv

A Russian missile strike on Zorianyi Kutok, a village 12 km north of Kharkiv, killed five people on Sunday, the governor said.
A separate strike on Petropillia, which lies some 20 kilometres from Izium, a town in eastern Ukraine, killed two.
"""


def test_ukraine_a_village_the_gazetteer_lacks_is_drawn_near_the_town_it_is_told_against(read):
    from geomap.precision import WherePrecision

    missile, strike = _violent(read(KHARKIV_VILLAGES, "2024-05-13"))
    assert "Kharkiv" in _surfaces(missile) and missile.killed_low == 5
    # the town 20 km away, not the country the apposition names, and not joined to the strike told before
    assert _surfaces(strike) == ["Izium"] and strike.places[0].precision == WherePrecision.NEAR
    assert strike.killed_low == 2


CULIACAN = """Gunmen kill 11 at party in Culiacan

At least 11 people were killed when gunmen opened fire on guests at a party in Culiacan on Saturday night, state prosecutors said.
Three suspects were killed by soldiers as they fled, officials said.
"""


def test_mexico_suspects_killed_by_soldiers_after_a_shooting_are_a_battle_of_their_own(read):
    shooting, battle = _violent(read(CULIACAN, "2023-07-16"))
    assert (shooting.event_type, shooting.killed_low) == ("attack_on_civilians", 11)
    assert (battle.event_type, battle.killed_low) == ("armed_clash", 3)
    assert _surfaces(battle) == _surfaces(shooting) and battle.date == shooting.date


KABUL_AIRPORT = """Suicide bomber kills 13 near Kabul airport

A suicide bomber struck a crowd near the airport in Kabul on Thursday, killing 13 people, police said.
The blast hit the road to Kabul airport, where a suicide bombing in 2021 killed more than 170 people.
"""


def test_afghanistan_a_bombing_told_in_a_relative_clause_is_history_of_its_own_not_this_bombing(read):
    today, history = [i for i in read(KABUL_AIRPORT, "2024-03-08") if i.event_type == "bombing"]
    assert (today.date.start, today.killed_low, today.background) == ("2024-03-07", 13, False)
    assert len(today.sources) == 3  # the headline, the lede and the sentence's own clause
    assert history.background and (history.date.start, history.date.end) == ("2021-01-01", "2021-12-31")
    assert _surfaces(history) == ["Kabul"] and history.sources[0].sentence.startswith("where a suicide bombing")


KISMAYO_MARKET = """Gunmen kill four in Kismayo raid

KISMAYO, Somalia (Newswire) - Gunmen killed four traders at the cattle market in Kismayo on Monday, near the police station that militants had bombed the previous week.
"""


def test_somalia_a_clause_told_the_previous_week_is_history_of_its_own_whatever_words_look_back(read):
    """A history clause is told by the words that set any event before the news ("the previous week", "earlier this
    month", "two years ago"), not by a shorter list of its own: the bombing is no type of the raid."""
    raid, history = _violent(read(KISMAYO_MARKET, "2023-06-14"))
    assert raid.event_type != "bombing" and not raid.background
    assert (raid.date.start, raid.killed_low) == ("2023-06-12", 4)
    assert history.event_type == "bombing" and history.background and history.killed_low is None
    assert (history.date.start, history.date.end) == ("2023-06-05", "2023-06-11")


DONBAS_TOWNS = """Shelling hits Donbas towns

Russian artillery shelled Sloviansk and Kramatorsk on Monday, regional officials said.
Six people were killed and 20 wounded, the governor said.
"""


def test_ukraine_a_toll_told_for_a_list_of_towns_is_counted_once_not_once_per_town(read):
    sloviansk, kramatorsk = _violent(read(DONBAS_TOWNS, "2023-05-16"))
    assert _surfaces(sloviansk) == ["Sloviansk"] and _surfaces(kramatorsk) == ["Kramatorsk"]
    assert (sloviansk.killed_low, sloviansk.wounded_low) == (6, 20)  # on the first town's incident, so the map adds up
    assert (kramatorsk.killed_low, kramatorsk.wounded_low) == (None, None)


DJIBO = """Militants storm checkpoint in northern Burkina Faso

Militants stormed a checkpoint near Djibo on Sunday, the army said.
Forty of the assailants were killed, it said.
"""


def test_burkina_faso_attackers_counted_dead_are_fighters_so_the_storming_stays_a_battle(read):
    [battle] = _violent(read(DJIBO, "2023-02-20"))
    # the headline ("Militants storm checkpoint", present tense), the lede and the toll
    assert (battle.event_type, battle.killed_low, len(battle.sources)) == ("armed_clash", 40, 3)


KIDAL = """Militants attack army base in Kidal

Militants attacked an army base in Kidal on Tuesday, killing five soldiers, the army said.
Troops had fought off a similar raid on March 3, officials said.
"""


def test_mali_an_earlier_raid_told_with_its_own_day_and_no_place_is_where_the_story_is(read):
    today, earlier = _violent(read(KIDAL, "2022-03-16"))
    assert (today.date.start, today.killed_low) == ("2022-03-15", 5)
    assert _surfaces(earlier) == ["Kidal"] and earlier.date.start == "2022-03-03" and earlier.killed_low is None


def test_a_long_sentence_of_relative_clauses_reads_only_its_end_for_history(monkeypatch):
    """A relative clause of history ends the sentence and is short: a sentence of a megabyte with 'that' every few
    words costs one pass, not one reading of the rest of the sentence per 'that'."""
    import geomap.events.extract as extract
    from geomap.sentences import Sentence

    calls = []
    counted = extract.read_mention
    monkeypatch.setattr(extract, "read_mention", lambda text, **kw: calls.append(len(text)) or counted(text, **kw))
    text = "Rebels that attacked the town in 2019 " * 30_000 + "were killed in 2019"
    head, history = extract.history_apart(Sentence(0, len(text), text, 0))
    assert history is not None and len(history.text) <= extract.HISTORY_CLAUSE_CHARS
    assert len(calls) < 60 and all(n <= extract.HISTORY_CLAUSE_CHARS for n in calls)


LIBYA_TWO_CLAUSES = """Air strikes on Tripoli, clashes in the east

Warplanes struck the outskirts of Tripoli overnight, state television said, and rebels reported clashes near Ajdabiya on Tuesday.
"""

SAN_PEDRO_SULA = """Gang shooting in Honduran city

Gunmen in two cars shot dead nine people at a bus stop in San Pedro Sula on Sunday, while police hit back in raids that killed three suspects.
The victims were waiting for a bus to an industrial park, a police spokesman said.
"""


def test_libya_a_second_event_in_a_clause_of_its_own_is_not_the_first_event_at_a_second_place(read):
    strike, clash = _violent(read(LIBYA_TWO_CLAUSES, "2011-03-16"))
    assert (strike.event_type, _surfaces(strike)) == ("air_drone_strike", ["Tripoli"])
    assert (clash.event_type, _surfaces(clash), clash.date.start) == ("armed_clash", ["Ajdabiya"], "2011-03-15")


def test_honduras_suspects_killed_in_a_while_clause_are_a_battle_of_their_own_at_the_shooting_s_place_and_day(read):
    shooting, battle = _violent(read(SAN_PEDRO_SULA, "2023-06-12"))
    assert (shooting.event_type, shooting.killed_low, _surfaces(shooting)) == ("attack_on_civilians", 9, ["San Pedro Sula"])
    assert (battle.event_type, battle.killed_low, _surfaces(battle)) == ("armed_clash", 3, ["San Pedro Sula"])
    assert shooting.date.start == battle.date.start == "2023-06-11"


CAUCA_DEVICES = """Explosive devices found on Colombian highway

Guerrillas attacked a police station in Suárez with rifles and explosives on Thursday night, the army said.
An explosive device discovered on the highway near Santander de Quilichao was defused by army engineers, and a second device turned up close by.
"""

ZAMFARA_RAIDS = """Villagers flee Zamfara raids

Bandits killed 11 villagers in an attack on Kaura Namoda on Friday, police said.
Residents of nearby farming villages have abandoned their homes to escape the endless raids of armed gangs, a community leader said.
At the funeral of the victims in Gusau, relatives said the gunmen had killed 11 people.
"""


def test_colombia_a_bomb_defused_or_found_is_no_bombing(read):
    [attack] = _violent(read(CAUCA_DEVICES, "2020-04-24"))
    assert _surfaces(attack) == ["Suárez"] and len(attack.sources) == 1


def test_nigeria_endless_raids_are_a_habit_and_the_town_of_the_funeral_is_not_where_the_raid_was(read):
    [raid] = _violent(read(ZAMFARA_RAIDS, "2022-03-06"))
    assert _surfaces(raid) == ["Kaura Namoda"] and raid.killed_low == 11
    assert any("funeral" in s.sentence for s in raid.sources)  # the toll told at the funeral is the raid's



NAGRAGO_TOLD_TWICE = """Gunmen kill 30 in Burkina Faso village

Gunmen on motorbikes killed 30 people in the village of Nagrago, in eastern Burkina Faso, on Saturday, the regional governor said.
At least 30 people died when the gunmen raided a village in eastern Burkina Faso, according to a local mayor speaking on Sunday.
"""


def test_burkina_faso_a_raid_told_again_at_the_country_is_the_village_raid_not_a_second_marker(read):
    [raid] = _violent(read(NAGRAGO_TOLD_TWICE, "2023-05-22"))
    assert "Nagrago" in _surfaces(raid) and len(raid.sources) == 3 and raid.date.start == "2023-05-20"


BAIDOA_ASSAULT = """Militants storm Somali city of Baidoa

Al-Shabaab fighters attacked Baidoa from three directions before dawn on Monday, leaving at least 12 people dead, officials said.
A police commander described the attack as a series of intense battles in the outskirts.
A suicide bomber then struck the city's main market after troops had spent hours driving the militants out, a witness said.
Five people died in the bombing, the health ministry said.
"""


def test_somalia_a_suicide_bombing_among_the_militants_of_an_assault_is_an_event_of_its_own(read):
    battle, bombing = sorted(_violent(read(BAIDOA_ASSAULT, "2023-06-13")), key=lambda i: i.event_type)
    assert (battle.event_type, battle.killed_low, _surfaces(battle)) == ("armed_clash", 12, ["Baidoa"])
    assert (bombing.event_type, bombing.killed_low) == ("bombing", 5) and len(bombing.sources) == 2
    assert battle.date.start == bombing.date.start == "2023-06-12"


DJIBO_AMBUSH = """Soldiers killed in Burkina Faso ambush

Gunmen ambushed an army convoy near Djibo on Saturday, killing 11 soldiers, the army said.
The soldiers died in an ambush laid by a jihadist group that operates across the north from Arbinda to Dori, in Burkina Faso.
Last March, a wave of attacks on villages around Djibo killed 40 people, according to local officials.
"""


def test_burkina_faso_where_a_group_operates_is_not_where_it_struck_and_last_march_is_another_event(read):
    ambush, *others = _violent(read(DJIBO_AMBUSH, "2023-06-05"))
    assert _surfaces(ambush) == ["Djibo"] and ambush.killed_low == 11 and ambush.date.start == "2023-06-03"
    assert not any(s in _surfaces(i) for i in (ambush, *others) for s in ("Arbinda", "Dori"))
    [earlier] = others  # the toll of last March is its own event, not the ambush's
    assert earlier.killed_low == 40 and earlier.date.start.startswith("2023-03")


RAQQA_COUNTERATTACK = """Militants hit back as offensive on Raqqa advances

As government forces pressed their push to drive the militants out of Raqqa, militants on Sunday attacked an army checkpoint in Deir ez-Zor, killing six soldiers, the army said.
"""


def test_syria_a_campaign_under_way_and_the_circumstance_of_a_sentence_are_not_where_the_attack_was(read):
    [attack] = _violent(read(RAQQA_COUNTERATTACK, "2017-06-12"))
    assert _surfaces(attack) == ["Deir ez-Zor"] and attack.killed_low == 6 and attack.date.start == "2017-06-11"


BATIBO_POST = """Separatists attack army post in north-west Cameroon, eight soldiers dead

Armed separatists attacked a military post near Batibo early on Tuesday, killing eight soldiers, a security source said.
The attackers set fire to two army vehicles before fleeing into the bush, the source said.
In a village outside Bamenda, gunmen torched a dozen houses on Monday night, residents said.
"""


def test_cameroon_burning_an_army_vehicle_is_part_of_the_fight_and_burning_homes_an_attack_on_civilians(read):
    attack, burning = sorted(_violent(read(BATIBO_POST, "2018-10-10")), key=lambda i: i.killed_low is None)
    assert (attack.event_type, attack.killed_low, _surfaces(attack)) == ("armed_clash", 8, ["Batibo"])
    assert len(attack.sources) == 3 and burning.event_type == "attack_on_civilians"


GUAYAQUIL_GANG = """Gunmen kill five at Guayaquil wake

Gunmen from one of the port's gangs broke into a house where a family was holding a wake on Sunday night and killed five mourners, police in Guayaquil said.
"""

MAIDUGURI_ASSAULT = """Militants attack Maiduguri outskirts

Attacks on the outskirts of Maiduguri killed more than 40 civilians on Saturday as soldiers fought the militants in the streets until dawn, officials said.
"""


def test_ecuador_a_gang_that_breaks_into_a_house_and_kills_mourners_attacks_civilians(read):
    [raid] = _violent(read(GUAYAQUIL_GANG, "2023-04-03"))
    assert (raid.event_type, raid.killed_low, _surfaces(raid)) == ("attack_on_civilians", 5, ["Guayaquil"])


def test_nigeria_civilians_killed_while_soldiers_fight_the_militants_is_a_battle(read):
    [battle] = _violent(read(MAIDUGURI_ASSAULT, "2023-04-03"))
    assert (battle.event_type, battle.killed_low) == ("armed_clash", 41)
