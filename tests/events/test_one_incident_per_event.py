"""One incident per real event: a headline restating the story's event, denials of a narrated event, tolls of a
campaign, and wire datelines without their year, on reports from several conflicts written for these tests."""

from __future__ import annotations

from geomap.dates import publication_date
from geomap.events import VIOLENT_TYPES

GEORGIA = """Bombs fall on Gori; Georgia says five civilians dead

TBILISI, Aug 9 (Wire) - Russian aircraft bombed the Georgian town of Gori on Saturday, killing five civilians, the Georgian interior ministry said.
Moscow denied targeting civilians.
Russia's defence ministry rejected the accusation and said its jets had struck only military positions.
"""

UKRAINE = """Ukraine says Russian strike kills 12

A Russian missile struck a shopping centre in Kremenchuk on Monday afternoon, killing 12 people and wounding dozens, regional officials said.
Rescuers worked through the night to clear the rubble.
"""

DARFUR = """Drone strikes kill 15 across Darfur

A drone struck a crowded market in Nyala on Sunday, killing nine people, medics said.
Separately, a drone hit a fuel depot in El Geneina on Sunday evening, killing six guards, a local official said.
"""

MYANMAR = """Air strike on school kills 11 in Myanmar's Chin state

Military jets bombed a school in the town of Falam on Friday, killing 11 people, residents said.
The junta denied targeting civilians.
"""

IRAQ_TOLL = """Mosul offensive enters new phase

Iraqi troops pushed into the western districts of Mosul on Tuesday, commanders said.
More than 5,000 killed in fight for Mosul, a rights group said.
"""


def _markers(incidents):
    return [i for i in incidents if i.event_type in VIOLENT_TYPES and i.places]


def test_a_headline_restating_the_air_raid_in_other_words_is_the_same_incident_and_both_denials_answer_it(read):
    [raid] = _markers(read(GEORGIA, "2008-08-10"))
    assert [m.surface for m in raid.places] == ["Gori"] and raid.event_type == "air_drone_strike"
    assert (raid.date.start, raid.killed_low) == ("2008-08-09", 5)
    assert [s.sentence for s in raid.sources][0] == "Bombs fall on Gori;"  # the headline is one of its sources
    assert raid.denied_by == ("Moscow", "Russia's defence ministry")
    assert "interior ministry" in raid.claimant  # the story's claimant, not the headline's "Georgia says"


def test_a_headline_naming_only_the_country_is_no_second_marker(read):
    [strike] = _markers(read(UKRAINE, "2022-06-28"))
    assert [m.surface for m in strike.places] == ["Kremenchuk"] and strike.event_type == "missile_strike"
    assert any(s.sentence.startswith("Ukraine says") for s in strike.sources)


def test_a_headline_summing_up_two_strikes_keeps_each_strike_its_own_toll(read):
    nyala, geneina = _markers(read(DARFUR, "2024-06-03"))
    assert [m.surface for m in nyala.places] == ["Nyala"] and nyala.killed_low == 9
    assert [m.surface for m in geneina.places] == ["El Geneina"] and geneina.killed_low == 6


def test_a_denial_answers_the_event_the_story_narrates(read):
    [strike] = _markers(read(MYANMAR, "2023-05-13"))
    assert strike.denied_by == ("The junta",) and strike.killed_low == 11


def test_a_toll_in_thousands_sums_up_a_campaign_and_is_no_marker(read):
    incidents = read(IRAQ_TOLL, "2017-02-28")
    toll = next(i for i in incidents if i.event_type == "casualty_toll")
    assert toll.killed_low == 5001
    assert all(i.killed_low is None for i in _markers(incidents))


def test_a_wire_dateline_without_its_year_takes_the_year_the_story_writes():
    text = ("Suicide bombers hit army camp in Gao\n\nGAO, March 4 (Wire) - Suicide bombers attacked an army camp in "
            "Gao on Thursday, killing four soldiers, the army said, the third such attack in the region in 2024.\n")
    day, evidence, confidence = publication_date(text, conflicts=())
    assert day == "2024-03-04" and "2024" in evidence and 0.4 <= confidence < 0.5
    # no year anywhere: the dateline dates nothing
    assert publication_date(text.replace(" in 2024", ""), conflicts=())[0] is None
    # a year the story tells as its past is not the dateline's: 17 years off is worse than no date
    for past in (" since a war in 2007-08", " since 2007", " in the 2000s", " since the 2007 coup"):
        assert publication_date(text.replace(" in 2024", past), conflicts=())[0] is None, past


SOMALIA = """Checkpoint attack in Mogadishu kills 12

A bomber attacked a police checkpoint in Mogadishu on Tuesday morning, police said.
At least 12 people were killed when the suicide bomber detonated his vest near the checkpoint in Mogadishu, a police officer said.
The bombing came after a night of gun battles and air strikes outside the city.
"""


def test_an_event_first_told_as_an_attack_is_the_kind_the_story_names_first_not_one_a_later_sentence_mentions(read):
    [attack] = _markers(read(SOMALIA, "2023-03-08"))
    assert attack.event_type == "bombing" and attack.killed_low == 12 and attack.date.start == "2023-03-07"


SUDAN_CAMPAIGN = """Drone strike hits El Obeid market

A drone struck a market in El Obeid on Thursday, killing eight people, medics said.
Neither side has said how many fighters died in the seven-month battle for El Fasher, which the paramilitaries besiege.
"""


def test_a_battle_told_with_a_length_of_months_is_a_campaign_not_an_event_of_the_day(read):
    [strike] = _markers(read(SUDAN_CAMPAIGN, "2024-11-29"))
    assert [m.surface for m in strike.places] == ["El Obeid"] and strike.killed_low == 8


BAGHDAD = """Gunmen attack police post in Iraqi capital

Gunmen attacked a police post in eastern Baghdad late on Sunday, police said.
The attack on the post in Sadr City killed six policemen and wounded four, a police officer said.
"""


def test_the_attack_told_again_at_a_quarter_of_the_city_is_one_incident_not_a_list_of_two(read):
    [attack] = _markers(read(BAGHDAD, "2021-07-19"))
    assert {m.surface for m in attack.places} == {"Baghdad", "Sadr City"}
    assert (attack.killed_low, attack.wounded_low, attack.date.start) == (6, 4, "2021-07-18")


BURKINA = """Jihadists storm army post in Djibo

Jihadist fighters stormed an army post in Djibo on Tuesday, killing 14 soldiers, the army said.
Troops fought back for several hours before the attackers withdrew.
The army said the air force answered the assault with a series of air strikes on the fighters' positions.
At least 40 militants were killed in the fighting, the army said.
"""

UKRAINE_ASSAULT = """Russian forces press assault on Bakhmut

Russian infantry assaulted Ukrainian positions in Bakhmut on Saturday, the Ukrainian general staff said.
Ukrainian units repelled the assault and artillery shelled the columns as they pulled back, the statement said.
"""

KISMAYO = """Gunmen storm hotel in Kismayo

Gunmen stormed a hotel in Kismayo on Sunday, leaving nine civilians dead, officials said.
The attack began with a car bomb at the gate.
Three of the attackers were shot dead by security forces and a fourth was killed in the bomb blast, the security minister said.
"""


def _kinds(incidents):
    return sorted(i.event_type for i in _markers(incidents))


def test_a_strike_that_answers_the_assault_is_an_event_of_its_own_at_its_place_and_day(read):
    incidents = read(BURKINA, "2023-02-22")
    assert _kinds(incidents) == ["air_drone_strike", "armed_clash"]
    clash = next(i for i in _markers(incidents) if i.event_type == "armed_clash")
    strikes = next(i for i in _markers(incidents) if i.event_type == "air_drone_strike")
    assert [m.surface for m in strikes.places] == ["Djibo"] and strikes.date.start == clash.date.start == "2023-02-21"
    # the attackers' toll stays with the assault, and adds to the soldiers' (two sides' dead, told apart: 14 + 40)
    assert clash.killed_low == 54 and strikes.killed_low is None
    assert len(strikes.sources) == 1 and "answered the assault" in strikes.sources[0].sentence


def test_shelling_told_after_the_assault_it_answers_is_a_second_incident(read):
    incidents = read(UKRAINE_ASSAULT, "2023-03-12")
    assert _kinds(incidents) == ["armed_clash", "shelling"]
    assert {i.date.start for i in _markers(incidents)} == {"2023-03-11"}


def test_the_attack_told_again_with_its_car_bomb_and_its_attackers_is_one_incident(read):
    [attack] = _markers(read(KISMAYO, "2022-10-24"))
    assert [m.surface for m in attack.places] == ["Kismayo"] and attack.killed_low == 9
    assert len(attack.sources) >= 3


POLICE_POSTS = """Militants attack police posts in northern Burkina Faso

Militants fired mortars and rifles at police posts in Djibo, Arbinda and Gorom-Gorom overnight, security sources said.
The army said the attacks, which lasted about two hours, caused no casualties.
"""


def test_nobody_hurt_in_attacks_on_a_list_of_towns_is_each_towns_zero_not_no_figure(read):
    markers = _markers(read(POLICE_POSTS, "2022-05-10"))
    assert sorted(m.places[0].surface for m in markers) == ["Arbinda", "Djibo", "Gorom-Gorom"]
    assert all((m.killed_low, m.killed_high, m.wounded_low) == (0, 0, 0) for m in markers)


def test_no_one_killed_is_a_figure_of_zero_and_no_one_is_not_one():
    from geomap.events import find_casualties

    assert find_casualties("No one was killed in the blast, police said.").killed == (0, 0)
    assert find_casualties("The attack caused no reported casualties.").killed == (0, 0)
    assert find_casualties("Neither the crew nor the passengers suffered any harm, the ferry company said.").wounded == (0, 0)
    assert find_casualties("The strike killed 5 people; no one else was hurt.").wounded is None
    assert find_casualties("No one has claimed responsibility for the attack.").killed is None
    assert find_casualties("One soldier was killed and two were wounded.").killed == (1, 1)


AMBUSH = """Gunmen ambush patrol near Tillaberi

Gunmen ambushed a police patrol near Tillaberi on Monday, killing two officers, the interior ministry said.
The attack caused no casualties among civilians travelling on the road, the ministry added.
"""


def test_nobody_hurt_beside_a_count_of_the_dead_of_the_same_attack_does_not_lower_the_count(read):
    [ambush] = _markers(read(AMBUSH, "2021-03-16"))
    assert ambush.killed_low == 2
    assert min(s.killed_low for s in ambush.sources if s.killed_low is not None) == 2


SUDAN_LIST = """Army says RSF shelled its positions

Paramilitary fighters shelled army positions in the Sennar, Kosti and Gedaref areas on Tuesday, the army said.
"""

NIGER_LIST = """Militants attack army posts in three regions

Militants attacked army posts in the Diffa, Bosso and Tahoua regions on Tuesday, the defence ministry said.
"""

TIGRAY_PAIR = """Jets bomb Tigray capital

Jets bombed Mekelle and Tigray on Friday, residents said.
"""


def _places(incidents):
    return sorted(m.places[0].surface for m in _markers(incidents))


def test_a_region_listed_beside_towns_is_an_item_of_the_list_not_a_coarser_name_of_them(read):
    # the gazetteer knows Sennar as a state and Kosti and Gedaref as towns: a list names places of one kind
    assert _places(read(SUDAN_LIST, "2023-05-10")) == ["Gedaref", "Kosti", "Sennar"]


def test_a_listed_region_that_holds_a_town_of_the_list_is_that_towns_area(read):
    assert _places(read(NIGER_LIST, "2023-05-10")) == ["Bosso", "Tahoua"]  # Bosso lies in the Diffa region
    assert _places(read(TIGRAY_PAIR, "2023-05-10")) == ["Mekelle"]


UVIRA = """{headline}

A local official said militiamen crossed the river at first light and stormed Uvira from three sides, scattering its defenders.

On Tuesday the militia seized control of Uvira, a garrison town near the border, aid workers and a local chief said.

A government spokesman declined to comment.
"""


def test_a_headline_of_a_capture_tells_the_capture_not_the_raid_told_before_it(read):
    for headline in ("Militia seize Uvira in a dawn push", "Congo Militia 'Seize Border Garrison Town in Dawn Push'"):
        incidents = read(UVIRA.format(headline=headline), "2021-05-12")
        [capture] = [i for i in incidents if i.event_type == "territory_change"]
        [raid] = _markers(incidents)
        assert [s.sentence for s in capture.sources][0] == headline  # the headline restates the capture ...
        assert raid.event_type == "armed_clash" and headline not in [s.sentence for s in raid.sources]  # ... not the raid
        assert capture.date.start == raid.date.start == "2021-05-11"


KORDOFAN_TOWNS = """Shelling hits three towns in South Kordofan

Artillery shelled Kadugli, Dilling and Talodi on Sunday, killing three people and wounding eight, a local official said.
"""


def test_a_toll_told_in_the_sentence_that_lists_the_towns_stays_on_the_first_towns_incident(read):
    markers = _markers(read(KORDOFAN_TOWNS, "2024-03-11"))
    assert sorted(m.places[0].surface for m in markers) == ["Dilling", "Kadugli", "Talodi"]
    figures = {m.places[0].surface: (m.killed_low, m.wounded_low) for m in markers}
    # counted once, on the first town, so that the map adds up to the report's three dead
    assert figures == {"Kadugli": (3, 8), "Dilling": (None, None), "Talodi": (None, None)}
