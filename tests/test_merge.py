"""The same story from two outlets, and the same incident told by several reports."""

from __future__ import annotations

import json
import sys
from dataclasses import replace
from datetime import date
from itertools import permutations

from geomap.dates import named_month_days
from geomap.merge import compatible, link_claims, merge_incidents, syndication_groups
from geomap.records import EventDate, Incident, Mention, Place, SourceRef

GANJA = Place("586523", "Ganja", 40.68, 46.36, "AZ", "P", "PPLA")
GOYGOL = Place("586725", "Goygol", 40.59, 46.32, "AZ", "P", "PPLA")  # 11 km south of Ganja
BARDA = Place("587057", "Barda", 40.37, 47.13, "AZ", "P", "PPLA")  # 73 km from Ganja


def _incident(report, killed, *, sentence, group="", start="2020-10-11", precision=1, place=GANJA, kind="shelling",
              where=1):
    source = SourceRef(report, "Outlet", start, sentence, 0, len(sentence), killed, killed, syndication_group=group)
    date = EventDate(start, start, precision) if start else EventDate(None, None, None)
    return Incident(f"inc-{report}", kind, "Explosions/Remote violence", date,
                    (Mention(0, len(place.name), place.name, place, where, 0.9),), killed_low=killed, killed_high=killed,
                    claimant="Azerbaijan", sources=(source,))


def test_seeds_000_and_002_are_one_story_and_the_others_are_not(seed_texts):
    groups = syndication_groups(list(seed_texts.items()))
    by_prefix = {name[:3]: group for name, group in groups.items()}
    assert by_prefix["000"] == by_prefix["002"]
    assert len({by_prefix[k] for k in ("000", "001", "003", "004")}) == 4


def test_disagreeing_figures_are_kept_per_source_and_shown_as_a_range():
    a = _incident("a.txt", 14, sentence="Shelling of Ganja on Sunday killed 14 people, officials said.")
    b = _incident("b.txt", 21, sentence="Armenian shelling hit Ganja on Sunday; 21 dead, the ministry said.")
    [merged] = merge_incidents([a, b])
    assert (merged.killed_low, merged.killed_high) == (14, 21)
    assert sorted(s.killed_low for s in merged.sources) == [14, 21]
    assert merged.corroboration == 2


def test_a_figure_with_no_upper_bound_leaves_the_range_open():
    a = _incident("a.txt", 14, sentence="Shelling of Ganja on Sunday killed at least 14 people, officials said.")
    b = _incident("b.txt", 9, sentence="Armenian shelling hit Ganja on Sunday; 9 dead, the ministry said.")
    [merged] = merge_incidents([replace(a, killed_high=None), b])
    assert (merged.killed_low, merged.killed_high) == (9, None)  # 9 or more, not 9 to 9
    [merged] = merge_incidents([replace(a, wounded_low=3, wounded_high=3), replace(b, wounded_low=5, wounded_high=None)])
    assert (merged.killed_low, merged.killed_high) == (9, 14)
    assert (merged.wounded_low, merged.wounded_high) == (3, None)


def test_a_figure_with_no_lower_bound_keeps_its_top():
    a = _incident("a.txt", 14, sentence="Shelling of Ganja on Sunday killed up to 30 people, officials said.")
    b = _incident("b.txt", 9, sentence="Armenian shelling hit Ganja on Sunday; 9 dead, the ministry said.")
    [merged] = merge_incidents([replace(a, killed_low=None, killed_high=30)])
    assert (merged.killed_low, merged.killed_high) == (None, 30)  # "up to 30", not unknown
    [merged] = merge_incidents([replace(a, killed_low=None, killed_high=30), b])
    assert (merged.killed_low, merged.killed_high) == (9, 30)


def test_syndicated_copies_count_once():
    words = "Shelling of Ganja on Sunday killed 14 people, officials said."
    a = _incident("a.txt", 14, sentence=words, group="syn-1")
    b = _incident("b.txt", 14, sentence=words, group="syn-1")
    c = _incident("c.txt", 14, sentence="Ganja was shelled on Sunday, killing 14.", group="syn-2")
    [merged] = merge_incidents([a, b, c])
    assert len(merged.sources) == 3 and merged.corroboration == 2


def test_different_days_or_kinds_stay_apart():
    a = _incident("a.txt", 14, sentence="Shelling of Ganja killed 14 people.")
    b = _incident("b.txt", 3, sentence="Shelling of Ganja killed 3 people.", start="2020-10-17")
    c = _incident("c.txt", 2, sentence="Two soldiers died in clashes on the outskirts of Ganja.", kind="armed_clash")
    d = _incident("d.txt", 14, sentence="Fourteen fighters died in clashes in Ganja.", kind="armed_clash")
    e = _incident("e.txt", 9, sentence="An air strike on Ganja killed nine people.", kind="air_drone_strike")
    assert len(merge_incidents([a, b, c])) == 3
    assert not compatible(a, b) and compatible(a, c)  # a clash and a shelling the same day may be one event ...
    assert "killed 14 and 2 far apart (-1.5)" in link_claims(a, c).evidence  # ... unless the figures say otherwise
    # a strike from the air and a clash in one town on one day are two acts of one battle more often than one
    assert "different kinds armed_clash / air_drone_strike (-1.5)" in link_claims(d, e).evidence
    assert len(merge_incidents([d, e])) == 2


SOUTH_KIVU = Place("x-sk1", "South Kivu Province", -2.9, 28.5, "CD", "A", "ADM1", admin1="CD.12")
UVIRA = Place("x-uvira", "Uvira", -3.40, 29.14, "CD", "P", "PPL", admin1="CD.12")
TOVUZ = Place("x-tovuz", "Tovuz", 40.99, 45.63, "AZ", "P", "PPLA", admin1="AZ.60")
TOVUZ_RAYON = Place("x-tovuz-r", "Tovuz Rayon", 40.95, 45.6, "AZ", "A", "ADM1", admin1="AZ.60")
BARDA_TOWN = replace(BARDA, admin1="AZ.09")


def test_shelling_and_fighting_at_one_town_on_one_day_are_one_incident():
    # One side's ministry tells its positions came under shelling, the other's that fighting broke out there: fire
    # exchanged across a front, told in two words. The same town and day link them; nothing speaks against.
    uvira_shelled = _incident("a.txt", None, sentence="Mortar rounds fell on army positions in Uvira early on "
                             "Tuesday, the army said.", place=UVIRA, start="2023-05-09")
    uvira_fighting = _incident("b.txt", None, sentence="Heavy fighting broke out between rebels and troops in Uvira "
                              "on Tuesday, residents said.", place=UVIRA, start="2023-05-09", kind="armed_clash")
    link = link_claims(uvira_shelled, uvira_fighting)
    assert "fire told as shelling / armed_clash (+0)" in link.evidence and link.score >= 3
    assert len(merge_incidents([uvira_shelled, uvira_fighting])) == 1
    barda_shelled = _incident("c.txt", 4, sentence="Four soldiers were killed when artillery shelled Barda on "
                              "Sunday.", place=BARDA_TOWN)
    barda_clash = _incident("d.txt", 5, sentence="Five servicemen died repelling an attack on Barda on Sunday, the "
                            "ministry said.", place=BARDA_TOWN, kind="armed_clash")
    assert len(merge_incidents([barda_shelled, barda_clash])) == 1


def test_shelling_and_fighting_days_or_towns_apart_stay_apart():
    shelled = _incident("a.txt", None, sentence="Artillery shelled Ganja on Sunday.")
    days_later = _incident("b.txt", None, sentence="Fighting broke out in Ganja on Friday.", start="2020-10-16",
                           kind="armed_clash")
    elsewhere = _incident("c.txt", None, sentence="Fighting broke out in Barda on Sunday.", place=BARDA_TOWN,
                          kind="armed_clash")
    assert not compatible(shelled, days_later) and not compatible(shelled, elsewhere)
    assert len(merge_incidents([shelled, days_later, elsewhere])) == 3


def test_a_region_named_like_its_town_with_an_administrative_word_is_that_town_for_linking():
    # "the Tovuz region" resolved to the unit the gazetteer calls "Tovuz Rayon", against the town of Tovuz
    region = _incident("a.txt", None, sentence="Mortar fire hit army positions in the Tovuz region on Tuesday.",
                       place=TOVUZ_RAYON, start="2022-03-08", where=4)
    town = _incident("b.txt", None, sentence="Troops clashed with infiltrators near Tovuz on Tuesday.",
                     place=TOVUZ, start="2022-03-08", kind="armed_clash")
    assert "an area named like the town it holds, Tovuz Rayon (+1.5)" in link_claims(region, town).evidence
    assert len(merge_incidents([region, town])) == 1
    province = _incident("c.txt", None, sentence="Rebels attacked villages in South Kivu Province on Tuesday.",
                         place=SOUTH_KIVU, start="2023-05-09", where=4, kind="armed_clash")
    uvira = _incident("d.txt", None, sentence="Shells fell on Uvira on Tuesday.", place=UVIRA, start="2023-05-09")
    assert not any(e.startswith("an area named like") for e in link_claims(province, uvira).evidence)


def test_strikes_on_two_towns_told_in_one_sentence_stay_two_incidents():
    barda = Place("587057", "Barda", 40.37, 47.13, "AZ", "P", "PPLA")
    words = "Armenian forces attacked Ganja and Barda with missiles on Sunday, an aide said."
    ganja_000 = _incident("000.txt", None, sentence=words, group="syn-1")
    barda_000 = replace(ganja_000, incident_id="inc-000b", places=(Mention(0, 5, "Barda", barda, 1, 0.9),))
    ganja_002 = _incident("002.txt", None, sentence=words, group="syn-1")
    barda_002 = replace(ganja_002, incident_id="inc-002b", places=(Mention(0, 5, "Barda", barda, 1, 0.9),))
    merged = merge_incidents([ganja_000, barda_000, ganja_002, barda_002])
    # the same town in the two copies of the story is one incident; the two towns never become one
    assert sorted((m.place.name, len(i.sources)) for i in merged for m in i.places) == [("Barda", 2), ("Ganja", 2)]


def test_two_incidents_one_report_kept_apart_are_never_merged_back():
    a = _incident("a.txt", 5, sentence="Shelling of Ganja on Sunday killed 5 people, officials said.")
    b = replace(a, incident_id="inc-a2", sources=(replace(a.sources[0], start=200, end=260),))
    assert len(merge_incidents([a, b])) == 2


def test_merged_claims_keep_every_claimant_and_denial():
    a = replace(_incident("a.txt", 9, sentence="Azerbaijan said Ganja was shelled on Sunday, killing 9."),
                denied_by=("Armenia",))
    b = replace(_incident("b.txt", 9, sentence="Shelling of Ganja on Sunday killed nine, Baku said."), claimant="Baku")
    [merged] = merge_incidents([a, b])
    assert merged.claimant == "Azerbaijan; Baku" and merged.denied_by == ("Armenia",) and merged.is_claim


def test_a_report_joining_an_incident_does_not_change_its_id_even_when_it_becomes_the_primary():
    a = _incident("a.txt", None, sentence="Shelling of Ganja on Sunday hit homes, officials said.")
    b = _incident("b.txt", None, sentence="Armenian shelling hit Ganja on Sunday, the ministry said.")
    c = replace(_incident("c.txt", 9, sentence="Shelling of Ganja on Sunday killed nine, the ministry said."),
                claimant="Baku")
    [first] = merge_incidents([a, b])
    [second] = merge_incidents([c, b, a])
    assert second.claimant == "Baku; Azerbaijan"  # c, the one with a toll, is now the primary shown ...
    assert first.incident_id == second.incident_id == "inc-a.txt"  # ... but the id stays the earliest member's


def test_towns_further_apart_than_an_area_are_two_incidents_the_same_day():
    a = _incident("a.txt", 4, sentence="Shelling hit Ganja on Sunday, killing four.")
    b = _incident("b.txt", 4, sentence="Shelling hit Barda on Sunday, killing four.", place=BARDA)
    assert len(merge_incidents([a, b])) == 2


def test_neighbouring_towns_hit_the_same_day_are_two_incidents():
    a = _incident("a.txt", 4, sentence="Shelling hit Ganja on Sunday, killing four.")
    b = _incident("b.txt", 4, sentence="Shelling hit Goygol on Sunday, killing four.", place=GOYGOL)
    assert compatible(a, b)  # near enough to be one event's places ...
    assert len(merge_incidents([a, b])) == 2  # ... but each report names its own town


def test_one_town_hit_on_three_days_does_not_chain_into_one_incident():
    # Each day is within a day of the next ("Sunday night" and "Monday morning" may be one event), but
    # the first and the last are two days apart: complete linkage keeps them apart.
    days = ["2020-10-11", "2020-10-12", "2020-10-13", "2020-10-14"]
    claims = [_incident(f"{k}.txt", 5, sentence=f"Shelling of Ganja killed five, report {k} said.", start=day)
              for k, day in enumerate(days)]
    merged = merge_incidents(claims)
    assert max(len(i.sources) for i in merged) <= 2 and sum(len(i.sources) for i in merged) == 4
    for incident in merged:
        starts = sorted(s.published for s in incident.sources)
        assert (date.fromisoformat(starts[-1]) - date.fromisoformat(starts[0])).days <= 1


def test_two_claims_of_one_report_are_never_merged():
    a = _incident("a.txt", 4, sentence="Shelling hit Ganja on Sunday, killing four.")
    b = replace(_incident("a.txt", 4, sentence="Ganja was shelled again on Sunday, killing four."),
                incident_id="inc-a.txt-2")
    assert len(merge_incidents([a, b])) == 2


def test_the_evidence_that_linked_a_source_is_kept_on_it():
    a = _incident("a.txt", 14, sentence="Shelling of Ganja on Sunday killed 14 people, officials said.")
    b = _incident("b.txt", 14, sentence="Armenian shelling hit Ganja on Sunday; 14 dead, the ministry said.")
    [merged] = merge_incidents([a, b])
    link = next(s.link for s in merged.sources if s.link)
    assert link.linked_to in {"inc-a.txt", "inc-b.txt"} and link.score >= 3
    assert {"same place Ganja (+2)", "same day 2020-10-11 (+1.5)", "same killed 14 (+1)"} <= set(link.evidence)


def test_an_undated_telling_joins_the_dated_one_at_the_same_place_and_figures():
    a = _incident("a.txt", 9, sentence="Shelling of Ganja on Sunday killed nine, officials said.")
    b = _incident("b.txt", 9, sentence="Nine people died when shells hit Ganja, the ministry said.", start=None)
    [merged] = merge_incidents([a, b])
    assert merged.date.start == "2020-10-11" and len(merged.sources) == 2


def test_clashing_figures_count_against_a_link():
    a = _incident("a.txt", 3, sentence="Shelling of Ganja on Sunday killed three.", precision=3)
    b = _incident("b.txt", 40, sentence="Forty people died in Ganja this week, officials said.", precision=3)
    assert len(merge_incidents([a, b])) == 2


# Places of other wars, as the gazetteer holds them (admin1 codes are GeoNames').
BENI = Place("217570", "Beni", 0.49, 29.47, "CD", "P", "PPL", admin1="CD.11")
BUTEMBO = Place("217562", "Butembo", 0.14, 29.29, "CD", "P", "PPL", admin1="CD.11")  # 47 km from Beni
NORTH_KIVU_DISTRICT = Place("x-nk", "North Kivu", 0.31, 29.38, "CD", "A", "ADM2", admin1="CD.11")  # a district
KUNDUZ_CITY = Place("1135689", "Kunduz", 36.73, 68.86, "AF", "P", "PPLA", admin1="AF.24")
KUNDUZ_PROVINCE = Place("1135690", "Kunduz", 36.75, 68.75, "AF", "A", "ADM1", admin1="AF.24")
GHAZNI = Place("1141269", "Ghazni", 33.55, 68.42, "AF", "P", "PPLA", admin1="AF.08")
PORT_AU_PRINCE = Place("3718426", "Port-au-Prince", 18.54, -72.34, "HT", "P", "PPLC", admin1="HT.11")


def test_one_assault_told_as_fighting_by_one_outlet_and_as_strikes_by_another_is_one_incident_when_told_alike():
    clash = _incident("a.txt", 16, sentence="Taliban mounts bold assault on strategic Afghan city of Ghazni",
                      place=GHAZNI, start="2018-08-10", kind="armed_clash")
    strike = _incident("b.txt", 31, sentence="Taliban assault Afghan city of Ghazni", place=GHAZNI,
                       start="2018-08-10", kind="air_drone_strike")
    [merged] = merge_incidents([clash, strike])
    link = next(s.link for s in merged.sources if s.link)
    assert {"different kinds armed_clash / air_drone_strike (-1.5)",
            "different kinds air_drone_strike / armed_clash (-1.5)"} & set(link.evidence)
    assert any(item.startswith("shared wording") for item in link.evidence)


def test_a_town_captured_and_the_fighting_that_took_it_are_one_incident():
    fight = _incident("a.txt", 10, sentence="Fighters of the group seized the main government compound in Ganja on "
                      "Friday after heavy fighting with the police.", kind="armed_clash")
    capture = _incident("b.txt", None, sentence="Fighters of the group seized the principal government compound "
                        "in Ganja on Friday, a police officer said.", kind="territory_change")
    statement = _incident("c.txt", None, sentence="The governor called for reinforcements on Friday.",
                          kind="statement")
    assert compatible(fight, capture) and not compatible(capture, statement)
    assert sorted(len(i.sources) for i in merge_incidents([fight, capture, statement])) == [1, 2]


def test_a_town_and_the_district_around_it_are_one_place_within_its_region():
    town = _incident("a.txt", 10, sentence="Suspected ADF attack leaves at least 10 dead in Beni",
                     place=BENI, kind="attack_on_civilians")
    district = _incident("b.txt", 11, sentence="ADF blamed for North Kivu massacre that left 11 dead",
                         place=NORTH_KIVU_DISTRICT, kind="attack_on_civilians", where=3)
    assert compatible(town, district)
    assert "one place inside the other's area (+0.5)" in link_claims(town, district).evidence
    elsewhere = replace(district, places=(replace(district.places[0], place=replace(NORTH_KIVU_DISTRICT,
                                                                                      admin1="CD.10")),))
    assert not compatible(town, elsewhere)  # a district of another region holds no town of this one


def test_a_district_between_two_towns_does_not_join_them():
    # The district is near enough to each town to hold it, the towns are 47 km apart: complete linkage
    # lets the district join one of them, never both.
    beni = _incident("a.txt", 6, sentence="Rebels killed six villagers near Beni on Sunday.",
                     place=BENI, kind="attack_on_civilians")
    butembo = _incident("b.txt", 6, sentence="Rebels killed six villagers near Butembo on Sunday.",
                        place=BUTEMBO, kind="attack_on_civilians")
    district = _incident("c.txt", 6, sentence="Rebels killed six villagers in North Kivu on Sunday.",
                         place=NORTH_KIVU_DISTRICT, kind="attack_on_civilians", where=3)
    assert compatible(beni, district) and compatible(butembo, district) and not compatible(beni, butembo)
    assert sorted(len(i.sources) for i in merge_incidents([beni, butembo, district])) == [1, 2]


def test_a_province_named_like_its_capital_is_that_town_for_linking():
    city = _incident("a.txt", 10, sentence="Taliban suicide bombing targets Afghan forces during Kunduz siege",
                     place=KUNDUZ_CITY, start="2019-08-31", kind="bombing")
    province = _incident("b.txt", 10, sentence="Taliban mount massive assault on the Afghan city of Kunduz",
                         place=KUNDUZ_PROVINCE, start=None, kind="bombing", where=4)
    assert "an area named like the town it holds, Kunduz (+1.5)" in link_claims(city, province).evidence
    [merged] = merge_incidents([city, province])
    assert merged.date.start == "2019-08-31"


MAIDUGURI = Place("2331447", "Maiduguri", 11.85, 13.16, "NG", "P", "PPLA", admin1="NG.05")


def test_the_day_an_undated_report_names_without_a_year_links_it_to_that_days_telling():
    # A page without a date says "early on June 12": the year is unknown, the day is not. The dated report tells
    # the attack as one on civilians, the undated one as fighting: place alone is too little, the day decides.
    dated = _incident("a.txt", 7, sentence="Gunmen killed seven traders at a market in Maiduguri on Saturday, "
                      "police said.", place=MAIDUGURI, start="2021-06-12", kind="attack_on_civilians")
    undated = _incident("b.txt", None, sentence="Insurgents fought soldiers on the edge of Maiduguri early on June "
                        "12, residents said.", place=MAIDUGURI, start=None, kind="armed_clash")
    link = link_claims(dated, undated)
    assert "the day told without a year, June 12, the other's (+1.5)" in link.evidence and link.score >= 3
    [merged] = merge_incidents([undated, dated])
    assert merged.date.start == "2021-06-12"
    assert {s.report_id: s.published for s in merged.sources} == {"a.txt": "2021-06-12", "b.txt": None}
    # another day of the month, or a year written with it, is no such evidence
    other_day = replace(undated, sources=tuple(replace(s, sentence=s.sentence.replace("June 12", "June 20"))
                                               for s in undated.sources))
    assert len(merge_incidents([other_day, dated])) == 2
    next_day = replace(undated, sources=tuple(replace(s, sentence=s.sentence.replace("June 12", "June 13"))
                                              for s in undated.sources))
    assert "the day told without a year, June 13, a day from the other's (+0.75)" in link_claims(dated, next_day).evidence
    assert len(merge_incidents([next_day, dated])) == 2
    assert named_month_days("early on June 12, 2019, and on 3 May") == frozenset({(5, 3)})


def test_a_dated_link_wins_over_an_undated_one_of_the_same_score():
    # An undated report of another year at the same place, type and about the same toll scores as much as
    # the same day's telling: the link that knows both dates decides.
    old = _incident("a.txt", 25, sentence="Criminals plundered and torched houses and 25 people were killed.",
                    place=PORT_AU_PRINCE, start=None, kind="attack_on_civilians")
    assault = _incident("b.txt", None, sentence="Early on Tuesday gangs mounted a new assault on the capital.",
                        place=PORT_AU_PRINCE, start="2024-11-19", kind="armed_clash")
    toll = _incident("c.txt", 28, sentence="Police and civilians kill 28 suspected gang members.",
                     place=PORT_AU_PRINCE, start="2024-11-19", kind="attack_on_civilians")
    assert link_claims(toll, old).score == link_claims(toll, assault).score >= 3
    merged = merge_incidents([old, assault, toll])
    assert sorted(sorted(s.report_id for s in i.sources) for i in merged) == [["a.txt"], ["b.txt", "c.txt"]]


DORI = Place("2360886", "Dori", 14.04, -0.03, "BF", "P", "PPLA", admin1="BF.52")
SAHEL_REGION = Place("x-sahel", "Sahel", 14.1, -0.4, "BF", "A", "ADM1", admin1="BF.52")


def _with_village(claim, village, *, sentence=""):
    """The claim also naming a village the gazetteer lacks (an unresolved mention)."""
    places = claim.places + (Mention(0, len(village), village, None, 0, 0.0),)
    sources = tuple(replace(s, sentence=sentence) for s in claim.sources) if sentence else claim.sources
    return replace(claim, places=places, sources=sources)


def test_a_village_both_reports_name_links_an_undated_telling_to_the_dated_one():
    # The dated report places the raid in the region and names the village the gazetteer lacks; the undated one
    # names the village and the town whose district holds it. The village is the place they share.
    dated = _with_village(_incident("a.txt", None, sentence="Gunmen on motorbikes raided Seytenga village in the "
                                    "Sahel region on Saturday, killing scores of residents.", place=SAHEL_REGION,
                                    start="2022-06-11", kind="attack_on_civilians", where=4), "Seytenga")
    dated = replace(dated, killed_low=40, killed_high=99)
    undated = _with_village(_incident("b.txt", 10, sentence="At least ten people were killed when armed men "
                                      "swept into Seytenga, near Dori, residents said.", place=DORI, start=None,
                                      kind="attack_on_civilians"), "Seytenga")
    undated = replace(undated, killed_high=None)
    link = link_claims(dated, undated)
    assert "same place named Seytenga (+2)" in link.evidence
    assert not any(item.startswith("killed") for item in link.evidence)  # "at least ten" is no clash with scores
    [merged] = merge_incidents([undated, dated])
    assert merged.date.start == "2022-06-11" and {s.report_id: s.published for s in merged.sources} == {"a.txt": "2022-06-11", "b.txt": None}
    elsewhere = _with_village(replace(undated, places=undated.places[:1]), "Gorgadji",
                              sentence="At least ten people were killed when armed men swept into Gorgadji.")
    assert len(merge_incidents([elsewhere, dated])) == 2  # another village of the region: the region is too little


def test_a_village_read_in_part_by_one_report_is_still_the_village_both_name():
    # The recognizer read only the first word of a two-word village in one report; that report still writes it whole.
    part = _with_village(_incident("a.txt", None, sentence="Gunmen raided Yirgou Foulbe village in the Sahel region "
                                   "on Saturday.", place=SAHEL_REGION, start="2022-06-11",
                                   kind="attack_on_civilians", where=4), "Yirgou")
    whole = _with_village(_incident("b.txt", None, sentence="Armed men swept into Yirgou Foulbe, near Dori, "
                                    "residents said.", place=DORI, start=None, kind="attack_on_civilians"),
                          "Yirgou Foulbe")
    assert "same place named Yirgou Foulbe (+2)" in link_claims(part, whole).evidence
    # a capitalised word one report took for a place, which the other writes as a common word, is no shared place
    rockets = _with_village(replace(part, sources=tuple(replace(s, sentence="Grad rockets hit the Sahel region on "
                                                                "Saturday.") for s in part.sources)), "Grad")
    told = replace(whole, sources=tuple(replace(s, sentence="Grad rockets hit Dori, residents said.")
                                        for s in whole.sources), places=whole.places[:1])
    assert not any(item.startswith("same place named") for item in link_claims(rockets, told).evidence)


def test_an_open_figure_clashes_only_with_a_smaller_one():
    at_least_40 = _incident("a.txt", 40, sentence="At least 40 people died in Ganja on Sunday.")
    at_least_40 = replace(at_least_40, killed_high=None)
    ten = _incident("b.txt", 10, sentence="Ten people died in Ganja on Sunday.")
    hundreds = _incident("c.txt", 300, sentence="Three hundred people died in Ganja on Sunday.")
    assert "killed 40 and 10 far apart (-1.5)" in link_claims(at_least_40, ten).evidence
    assert not any(item.startswith("killed") for item in link_claims(at_least_40, hundreds).evidence)


def test_a_neighbourhood_near_a_city_is_not_the_city_itself():
    # The undated report names a neighbourhood the gazetteer holds only as the city near it; a dated assault on
    # the city itself, of another year, shares the city's point but not the place: place and type are too little.
    # A report naming the same neighbourhood shares the place.
    solino = Mention(0, 6, "Solino", PORT_AU_PRINCE, 2, 0.5)
    torched = replace(_incident("a.txt", None, sentence="Gangs torched houses in Solino and several people were "
                                "killed.", place=PORT_AU_PRINCE, start=None, kind="attack_on_civilians"),
                      places=(solino,))
    assault = _incident("b.txt", None, sentence="Gangs attacked Port-au-Prince early on Tuesday, killing people.",
                        place=PORT_AU_PRINCE, start="2024-11-19", kind="attack_on_civilians")
    assert "near the same town Port-au-Prince (+1)" in link_claims(torched, assault).evidence
    assert len(merge_incidents([torched, assault])) == 2
    same = replace(_incident("c.txt", None, sentence="Residents fled Solino after gangs burned homes and killed "
                             "residents on Sunday.", place=PORT_AU_PRINCE, start="2023-08-13",
                             kind="attack_on_civilians"), places=(solino,))
    assert "same place Port-au-Prince (+2)" in link_claims(torched, same).evidence
    assert len(merge_incidents([torched, same])) == 1


KRAMATORSK = Place("704147", "Kramatorsk", 48.72, 37.56, "UA", "P", "PPL", admin1="UA.05")
EL_FASHER = Place("379555", "El Fasher", 13.63, 25.35, "SD", "P", "PPLA", admin1="SD.02")


def _dated(claim, start, end, precision):
    return replace(claim, date=EventDate(start, end, precision))


def test_a_recap_dated_by_its_month_joins_the_days_report_of_the_same_site_in_either_order():
    # "In April, a missile hit the railway station ..." told weeks later, against the day's own report: the month
    # claim is filed by month, the day's by day; each must find the other whichever is ingested first.
    day = _incident("a.txt", None, sentence="On Friday a missile struck the railway station in Kramatorsk, where "
                    "crowds waited for evacuation trains.", place=KRAMATORSK, start="2022-04-08",
                    kind="missile_strike")
    recap = _dated(_incident("b.txt", 52, sentence="In April, a rocket attack on the Kramatorsk railway station "
                             "killed 52 people.", place=KRAMATORSK, start="2022-04-01", kind="missile_strike"),
                   "2022-04-01", "2022-04-30", 4)
    assert "same site station (+1)" in link_claims(day, recap).evidence
    for order in ([day, recap], [recap, day]):
        [merged] = merge_incidents(order)
        assert merged.date.start == "2022-04-08" and merged.killed_low == 52


def test_a_site_is_a_common_noun_not_part_of_a_name_or_a_headline():
    a = _incident("a.txt", None, sentence="Gangs Attack Hospital In Port-au-Prince", place=PORT_AU_PRINCE,
                  kind="attack_on_civilians")
    b = _incident("b.txt", None, sentence="Gangs attacked the Port-au-Prince hospital on Sunday, staff said.",
                  place=PORT_AU_PRINCE, kind="attack_on_civilians")
    c = _incident("c.txt", None, sentence="Gunmen burned a hospital in Port-au-Prince, its director said.",
                  place=PORT_AU_PRINCE, kind="attack_on_civilians")
    assert not any(item.startswith("same site") for item in link_claims(a, b).evidence)
    assert "same site hospital (+1)" in link_claims(b, c).evidence


def test_several_dead_is_no_count_that_agrees_with_another_outlets_figure():
    several = replace(_incident("a.txt", 3, sentence="Gangs torched houses and several people were killed.",
                                place=PORT_AU_PRINCE, start=None, kind="attack_on_civilians"), killed_high=9)
    counted = _incident("b.txt", 28, sentence="Police said 28 people were killed in the assault on Tuesday.",
                        place=PORT_AU_PRINCE, start="2024-11-19", kind="attack_on_civilians")
    assert not any(item.startswith("killed") for item in link_claims(several, counted).evidence)
    assert "killed 3 and 9 agree (+0.5)" not in link_claims(several, replace(counted, killed_low=9, killed_high=9)).evidence


def test_shelling_and_drone_strikes_on_a_town_the_day_of_two_reports_are_one_incident():
    # One outlet tells artillery fire on a town that day, another, with no day of its own, "strikes" there
    # (dated as its report's day, give or take a few days): both remote violence, about the same day.
    shelling = _incident("a.txt", None, sentence="Army artillery shelled El Fasher on Tuesday.", place=EL_FASHER,
                         start="2024-06-11")
    strikes = _incident("b.txt", None, sentence="Drones and artillery hit El Fasher, residents said.",
                        place=EL_FASHER, start="2024-06-11", precision=2, kind="air_drone_strike")
    link = link_claims(shelling, strikes)
    assert {"both remote violence shelling / air_drone_strike (+0.5)", "a day within a few days (+0.75)"} <= set(link.evidence)
    assert len(merge_incidents([shelling, strikes])) == 1


def test_an_undated_report_joins_only_an_event_on_a_weekday_it_names():
    # A report without a publication date tells an ambush "on Sunday June 6": no year, so no date, but an
    # ambush at the same place on a Tuesday of another year is not the one it tells.
    tuesday = _incident("a.txt", 17, sentence="Seventeen soldiers died on Tuesday in an ambush near Dori.",
                        place=DORI, start="2023-10-03", kind="armed_clash")
    sunday = _incident("b.txt", 17, sentence="An ambush near Dori on Sunday June 6 left 17 soldiers dead.",
                       place=DORI, start=None, kind="armed_clash")
    assert not compatible(tuesday, sunday) and len(merge_incidents([sunday, tuesday])) == 2
    monday = _incident("c.txt", 17, sentence="Seventeen soldiers died near Dori late on Monday.",
                       place=DORI, start="2021-06-07", kind="armed_clash")
    assert compatible(sunday, monday)  # Sunday night is Monday's news
    assert len(merge_incidents([sunday, monday])) == 1


from hypothesis import example, given, settings, strategies as st  # noqa: E402

_SPANS = st.tuples(st.dates(date(2019, 11, 1), date(2020, 3, 1)), st.sampled_from([0, 0, 1, 6, 30, 90, 400]),
                   st.sampled_from([1, 2, 3, 4, 5]))


@settings(max_examples=300, deadline=None)
@given(_SPANS, _SPANS)
@example((date(2019, 12, 1), 90, 1), (date(2020, 3, 1), 0, 1))  # a quarter ending 29 February, then 1 March
@example((date(2019, 12, 1), 90, 1), (date(2020, 3, 1), 30, 1))  # ... then March
def test_every_compatible_pair_of_dates_shares_a_block_whichever_comes_first(one, other):
    # Blocking may only leave out what cannot be one event: two claims at one town whose dates agree (a day, a
    # week, a month, a year, across a month's or a year's end) must find each other in either order.
    from datetime import timedelta

    from geomap.merge import block_keys, probe_keys

    def claim(name, span):
        first, days, precision = span
        return _dated(_incident(name, None, sentence="Shelling hit Ganja."), first.isoformat(),
                      (first + timedelta(days=days)).isoformat(), 1 if days == 0 else precision)

    a, b = claim("a.txt", one), claim("b.txt", other)
    if compatible(a, b):
        assert probe_keys(a) & block_keys(b) and probe_keys(b) & block_keys(a)


def test_the_generated_feed_merges_precisely_without_an_incident_larger_than_an_event(tmp_path, gazetteer):
    # Recall is bounded by extraction (a claim whose town the extractor dropped can only meet copies of its
    # own story); what the merge itself decides is precision and the size of what it builds.
    import importlib.util

    from geomap.pipeline import ingest
    from geomap.store import IncidentStore

    spec = importlib.util.spec_from_file_location("feed", SEEDS.parent / "bench" / "feed.py")
    feed = sys.modules["feed"] = importlib.util.module_from_spec(spec)  # dataclasses look their module up
    spec.loader.exec_module(feed)
    answer_path = feed.write_feed(feed.generate_feed(250, seed=11), tmp_path / "feed.jsonl")
    with IncidentStore(tmp_path / "feed.db") as store:
        ingest(store, [tmp_path / "feed.jsonl"], gazetteer=gazetteer)
        scores = feed.pairwise_scores(json.loads(answer_path.read_text()), store.incidents())
    assert scores["precision"] >= 0.97 and scores["recall"] >= 0.75, scores
    assert scores["largest_incident"] <= scores["largest_event"]


def test_a_thousand_wire_copies_are_one_story_dated_by_the_copy_that_has_a_date():
    lead = ("Shelling hit the centre of Ganja late on Sunday, killing four civilians and wounding eleven, the "
            "regional governor said, adding that rescue teams were still searching the rubble of two houses.")
    dated = replace(_seeds("004")[0], report_id="dated.txt", text="Mon 12 October 2020:\n" + lead,
                    published="2020-10-12", published_evidence="dateline", published_confidence=0.9,
                    content_hash="dated")
    copies = [replace(dated, report_id=f"copy{k}.txt", text=f"Reprinted by outlet {k}\n" + lead, published=None,
                      published_evidence="", published_confidence=0.0, content_hash=f"copy{k}")
              for k in range(1000)]
    harmonised = harmonise_publication_dates([*copies, dated])
    assert all(r.published == "2020-10-12" and "a copy of the same story" in r.published_evidence
               for r in harmonised[:-1])


# --- publication dates harmonised across reports ----------------------------------------------------------

from pathlib import Path  # noqa: E402

from geomap.merge import harmonise_publication_dates, shared_passages  # noqa: E402
from geomap.reports import read_reports  # noqa: E402

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def _seeds(*prefixes):
    reports, _ = read_reports(SEEDS)
    return [r for r in reports if not prefixes or r.report_id[:3] in prefixes]


def _by_prefix(reports):
    return {r.report_id[:3]: r for r in reports}


def test_passage_fingerprints_already_computed_are_used_as_they_are(monkeypatch):
    import geomap.merge

    reports = _seeds()
    fingerprints = {r.content_hash: geomap.merge.passage_fingerprints(r.text) for r in reports}
    expected = harmonise_publication_dates(reports)
    monkeypatch.setattr(geomap.merge, "passage_fingerprints", lambda text: frozenset())  # would find no quote
    assert _by_prefix(harmonise_publication_dates(reports))["001"].published == "2020-09-28"
    assert harmonise_publication_dates(reports, fingerprints=fingerprints) == expected


def test_seed_001_takes_the_date_of_the_press_conference_it_shares_quotes_with():
    before = _by_prefix(_seeds())
    after = _by_prefix(harmonise_publication_dates(_seeds()))
    assert (before["001"].published, before["001"].published_confidence) == ("2020-09-28", 0.3)
    r = after["001"]
    assert r.published == "2020-10-05"  # Cavusoglu and Stoltenberg in Ankara "on Monday", day 9 of the war
    assert r.published_confidence == 0.8  # a little below 002's 0.85
    assert r.published_evidence.startswith("same event as 002_795c765db5f53e9b.txt (2 quoted passages shared")
    assert "Armenia directly targets civilians" in r.published_evidence
    assert "entered the ninth day" in r.published_evidence and "a Monday as this story says" in r.published_evidence
    for prefix in ("000", "002", "003", "004"):
        assert after[prefix] == before[prefix]


def test_the_less_confident_donor_is_named_when_it_is_the_only_one():
    r = _by_prefix(harmonise_publication_dates(_seeds("000", "001")))["001"]
    assert (r.published, r.published_confidence) == ("2020-10-05", 0.6)
    assert r.published_evidence.startswith("same event as 000_85a7f8ab5cef56bc.txt")
    assert "entered the ninth day" in r.published_evidence


def test_shared_background_paragraphs_are_not_the_same_event():
    # 001 (Anadolu) and 004 (Reuters, a Monday a week later) share six passages of Anadolu's background
    # on the conflict, but no quote: 004's well-read date must not be lent to 001.
    reports = _seeds("001", "004")
    assert len(shared_passages(reports[0].text, reports[1].text)) >= 2
    assert harmonise_publication_dates(reports) == reports


def test_a_borrowed_date_must_fall_on_the_weekday_the_story_names():
    reports = [replace(r, published="2020-10-06") if r.report_id.startswith("002") else r
               for r in _seeds("000", "001", "002")]  # 002 now says Tuesday; 001 says "on Monday"
    r = _by_prefix(harmonise_publication_dates(reports))["001"]
    assert r.published == "2020-10-05" and "000_85a7f8ab5cef56bc.txt" in r.published_evidence
    alone = [r for r in reports if not r.report_id.startswith("000")]
    assert _by_prefix(harmonise_publication_dates(alone))["001"].published == "2020-09-28"


def test_a_borrowed_date_may_not_precede_what_the_story_states_as_past():
    # A Monday before "Fighting began on Sept. 27" cannot be the day 001 was written.
    reports = [replace(r, published="2020-09-21") if r.report_id.startswith("002") else r
               for r in _seeds("001", "002")]
    assert harmonise_publication_dates(reports) == reports


def test_well_dated_reports_are_never_changed():
    reports = [replace(r, published="2020-09-28", published_confidence=0.5) if r.report_id.startswith("001") else r
               for r in _seeds()]
    assert harmonise_publication_dates(reports) == reports


def test_harmonising_does_not_depend_on_order_and_changes_nothing_twice():
    once = harmonise_publication_dates(_seeds())
    assert _by_prefix(harmonise_publication_dates(list(reversed(_seeds())))) == _by_prefix(once)
    assert harmonise_publication_dates(once) == once
    # A date borrowed earlier (say from 000 alone) is decided again when a better-dated copy arrives.
    early = _by_prefix(harmonise_publication_dates(_seeds("000", "001")))["001"]
    later = _by_prefix(harmonise_publication_dates([early, *_seeds("000", "002")]))["001"]
    assert later == _by_prefix(once)["001"]


def test_a_report_with_no_date_cues_borrows_only_from_a_copy_of_its_own_story():
    text = ('Officials met in Ankara. "We should support all efforts to find a peaceful negotiated solution to '
            'this war now," one said. Another added: "Armenia directly targets civilians in Azerbaijan, which '
            'is essentially a war crime and must stop."')
    undated = replace(_seeds("001")[0], report_id="quotes.txt", text=text, published=None, published_evidence="",
                      published_confidence=0.0, content_hash="x")
    reports = [undated, *_seeds("002")]
    assert harmonise_publication_dates(reports) == reports
    copy = replace(_seeds("002")[0], report_id="copy.txt", published=None, published_evidence="",
                   published_confidence=0.0)
    [borrowed, _] = harmonise_publication_dates([copy, *_seeds("002")])
    assert borrowed.published == "2020-10-05" and "a copy of the same story" in borrowed.published_evidence
    assert date.fromisoformat(borrowed.published).strftime("%A") == "Monday"


def test_shingles_are_the_same_in_another_process():
    import subprocess
    import sys

    from geomap.merge import shingles

    text = "Shells fell on the market in the morning, the mayor said, and two people were hurt."
    code = f"from geomap.merge import shingles; print(sorted(shingles({text!r})))"
    other = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert other.strip() == str(sorted(shingles(text)))


def test_an_undated_telling_joins_one_of_two_strikes_on_a_town_and_never_bridges_them():
    # Two strikes on one town five days apart and an undated report of a strike there with the same toll: the
    # undated one fits either, joins one, and complete linkage keeps the other out whatever the order.
    first = _incident("a.txt", 5, sentence="A drone strike on Kramatorsk on Monday killed five people.",
                      place=KRAMATORSK, start="2023-05-01", kind="air_drone_strike")
    again = _incident("b.txt", 5, sentence="Five people died in a strike on Kramatorsk on Saturday.",
                      place=KRAMATORSK, start="2023-05-06", kind="air_drone_strike")
    undated = _incident("c.txt", 5, sentence="Five people were killed when a drone hit Kramatorsk.",
                        place=KRAMATORSK, start=None, kind="air_drone_strike")
    for order in ([first, again, undated], [undated, first, again], [first, undated, again]):
        merged = merge_incidents(order)
        reports = sorted(sorted(s.report_id for s in i.sources) for i in merged)
        assert len(merged) == 2 and not any({"a.txt", "b.txt"} <= set(r) for r in reports)
        assert ["c.txt"] not in reports  # it joined one of them, and took its day


def test_a_dated_claim_meets_only_the_latest_undated_claims_of_its_area(monkeypatch):
    # Undated claims pile up in a town's undated block as the store grows (here one report's, so none merge); a
    # dated claim compares with the latest UNDATED_REACH of them only: its cost does not grow with the store.
    from geomap import merge

    undated = [replace(_incident("u.txt", k, sentence=f"Shelling of Ganja killed {k} people.", start=None),
                       incident_id=f"inc-u{k:04d}") for k in range(1, merge.UNDATED_REACH + 101)]
    dated = _incident("d.txt", merge.UNDATED_REACH + 100, sentence="Shelling of Ganja on Sunday killed many.")
    met = []
    counted = merge.link_claims

    def link(a, b):
        if a is dated:
            met.append(b.incident_id)
        return counted(a, b)

    monkeypatch.setattr(merge, "link_claims", link)
    links = merge.cluster_claims(undated + [dated])
    assert 0 < len(met) <= merge.UNDATED_REACH and "inc-u0001" not in met  # the oldest are out of reach
    assert links[-1].linked_to == f"inc-u{merge.UNDATED_REACH + 100:04d}"  # the latest, same toll, is joined


def test_of_two_claims_of_one_report_the_better_link_takes_the_incident_whichever_is_told_first():
    # one outlet tells the fall of Goygol; another tells the raid on the town first, then its fall, the same day
    fall = _incident("a.txt", None, sentence="Rebels took Goygol on Sunday, the ministry said.", place=GOYGOL,
                     kind="territory_change")
    raid = _incident("b.txt", None, sentence="Fighters stormed Goygol at dawn, routing its garrison.", place=GOYGOL,
                     kind="armed_clash")
    fall_b = replace(_incident("b.txt", None, sentence="On Sunday the rebels seized Goygol, officials said.",
                               place=GOYGOL, kind="territory_change"), incident_id="inc-b.txt-2")
    assert link_claims(fall, raid).score >= 3  # the raid alone would join the fall ...
    for order in ([fall, raid, fall_b], [fall, fall_b, raid]):
        merged = merge_incidents(order)
        [both] = [i for i in merged if len(i.sources) == 2]
        assert both.event_type == "territory_change" and {s.sentence[:9] for s in both.sources} == {"Rebels to", "On Sunday"}
        assert len(merged) == 2  # ... but the fall told by both is one incident, the raid its own


KASSALA = Place("x-kassala", "Kassala", 15.45, 36.40, "SD", "P", "PPLA", admin1="SD.05")


def test_an_undated_strike_on_an_airport_joins_a_dated_one_only_when_more_than_the_place_agrees():
    # A page without a date tells of drones hitting the town's airport; another outlet's dated page of a rocket on
    # the same airport may be a month away: town and airport alone do not make them one event, a same kind does.
    undated = _incident("a.txt", None, sentence="Drones struck the airport of Kassala, the only working airfield "
                        "in the east.", place=KASSALA, start=None, kind="air_drone_strike")
    rocket = _incident("b.txt", None, sentence="A rocket hit Kassala airport on Saturday, the governor said.",
                       place=KASSALA, start="2024-03-02", kind="missile_strike")
    link = link_claims(undated, rocket)
    assert "a date unknown and little but the place agrees (-1.5)" in link.evidence and link.score < 3
    assert len(merge_incidents([undated, rocket])) == 2
    drones = _incident("c.txt", None, sentence="A drone strike hit the airport in Kassala on Friday, officials said.",
                       place=KASSALA, start="2024-02-02", kind="air_drone_strike")
    assert not any(e.startswith("a date unknown and little") for e in link_claims(undated, drones).evidence)
    [merged] = merge_incidents([undated, drones])
    assert merged.date.start == "2024-02-02"


# Report-level context: two outlets telling one day's attacks on several of the same towns tell one story.
EL_FASHER = Place("9100001", "El Fasher", 13.63, 25.35, "SD", "P", "PPLA")
KUTUM = Place("9100002", "Kutum", 14.20, 24.67, "SD", "P", "PPL")
MELLIT = Place("9100003", "Mellit", 14.13, 25.55, "SD", "P", "PPL")
LASHIO = Place("9100004", "Lashio", 22.93, 97.75, "MM", "P", "PPLA")
HSIPAW = Place("9100005", "Hsipaw", 22.62, 97.30, "MM", "P", "PPL")
KYAUKME = Place("9100006", "Kyaukme", 22.53, 97.03, "MM", "P", "PPL")
NAMTU = Place("9100007", "Namtu", 23.08, 97.40, "MM", "P", "PPL")  # 38 km from Lashio, its neighbour


def _told(report, number, place, sentence, *, kind, start, precision):
    """One of a report's claims: the report's n-th sentence, about one town."""
    claim = _incident(report, None, sentence=sentence, place=place, kind=kind, start=start, precision=precision)
    source = replace(claim.sources[0], start=100 * number, end=100 * number + len(sentence))
    return replace(claim, incident_id=f"inc-{report}-{number}", sources=(source,))


def _day_of_attacks(report, towns, *, kind, start, precision, say):
    return [_told(report, n, town, say(town.name), kind=kind, start=start, precision=precision)
            for n, town in enumerate(towns)]


def test_two_outlets_telling_one_days_attacks_on_the_same_towns_tell_one_event_at_each():
    for towns, day in (((EL_FASHER, KUTUM, MELLIT), "2024-05-11"), ((LASHIO, HSIPAW, KYAUKME), "2023-11-02")):
        # a day's shelling told town by town, and the other side's "combat tasks" near the same towns dated
        # only "the report's day, give or take": alone each pair scores the same town, fire told two ways and a
        # day within a few days, under the threshold
        shelled = _day_of_attacks("army.txt", towns, kind="shelling", start=day, precision=1,
                                  say=lambda town: f"Artillery shells landed on {town} before dawn, the army said.")
        fought = _day_of_attacks("rebels.txt", towns, kind="armed_clash", start=day, precision=2,
                                 say=lambda town: f"Our units carried out combat tasks around {town} all day.")
        assert link_claims(shelled[0], fought[0]).score < 3.0
        merged = merge_incidents(shelled + fought)
        assert sorted((m.place.name, len(i.sources)) for i in merged for m in i.places) == sorted(
            (town.name, 2) for town in towns)
        first = towns[0].name
        [at_first] = [i for i in merged if i.places[0].place.name == first]
        [joined] = [s for s in at_first.sources if s.link]
        others = ", ".join(sorted(town.name for town in towns[1:]))
        assert f"both reports tell {others} too that day (+0.5)" in joined.link.evidence


def test_reports_sharing_towns_on_different_days_or_neighbouring_towns_gain_nothing():
    shelled = _day_of_attacks("army.txt", (LASHIO, HSIPAW), kind="shelling", start="2023-11-02", precision=1,
                              say=lambda town: f"Artillery shells landed on {town} before dawn, the army said.")
    # the other outlet tells Hsipaw five days later: the same towns, not the same day's story
    later = [_told("rebels.txt", 0, LASHIO, "Our units carried out combat tasks around Lashio all day.",
                   kind="armed_clash", start="2023-11-02", precision=2),
             _told("rebels.txt", 1, HSIPAW, "Our units carried out combat tasks around Hsipaw all day.",
                   kind="armed_clash", start="2023-11-07", precision=2)]
    assert len(merge_incidents(shelled + later)) == 4
    # a neighbouring town the same day strengthens nothing, and never joins the towns next to it
    beside = [_told("rebels.txt", 0, LASHIO, "Our units carried out combat tasks around Lashio all day.",
                    kind="armed_clash", start="2023-11-02", precision=2),
              _told("rebels.txt", 1, NAMTU, "Our units carried out combat tasks around Namtu all day.",
                    kind="shelling", start="2023-11-02", precision=1)]
    merged = merge_incidents(shelled + beside)
    assert len(merged) == 4
    assert not any("both reports tell" in e for i in merged for s in i.sources if s.link for e in s.link.evidence)


# Incidents merged afterwards: a first telling that arrived alone, and two later ones that joined each other.
SHAN_STATE = Place("9100008", "Shan State", 22.0, 98.0, "MM", "A", "ADM1", admin1="MM.17")
LASHIO_IN_SHAN = replace(LASHIO, admin1="MM.17")
MUSE = Place("9100009", "Muse", 23.98, 97.90, "MM", "P", "PPL", admin1="MM.17")  # 117 km from Lashio


def test_the_first_telling_of_an_event_joins_the_two_later_ones_that_joined_each_other_first():
    army = _told("army.txt", 0, LASHIO, "Artillery shells landed on Lashio before dawn, killing three.",
                 kind="shelling", start="2023-11-02", precision=1)
    army = replace(army, killed_low=3, killed_high=3,
                   sources=(replace(army.sources[0], killed_low=3, killed_high=3),))
    rebels = _told("rebels.txt", 0, LASHIO, "Our units fought enemy troops at the market of Lashio all day.",
                   kind="armed_clash", start="2023-11-02", precision=2)
    wire = _told("wire.txt", 0, LASHIO, "Fighters clashed with soldiers at the market in Lashio on Thursday.",
                 kind="armed_clash", start="2023-11-02", precision=1)
    # the rebels' telling does not link to the army's; the wire links to both, better to the rebels'
    assert link_claims(army, rebels).score < 3 <= link_claims(wire, army).score < link_claims(wire, rebels).score
    for order in permutations([army, rebels, wire]):
        [merged] = merge_incidents(order)
        assert sorted(s.report_id for s in merged.sources) == ["army.txt", "rebels.txt", "wire.txt"]
        assert merged.incident_id == min(c.incident_id for c in order)
        assert [s.killed_low for s in merged.sources if s.report_id == "army.txt"] == [3]
    [merged] = merge_incidents([army, rebels, wire])
    [joined] = [s.link for s in merged.sources if s.report_id == "wire.txt"]
    assert joined.linked_to == rebels.incident_id
    assert any(e.startswith(f"incident {army.incident_id} joined too, every pair compatible: "
                            f"{wire.incident_id} and {army.incident_id} link at 3.5") for e in joined.evidence)


def test_a_later_telling_never_merges_two_incidents_when_a_pair_across_them_is_incompatible():
    def strike(report, place, start, *, end=None, precision=1, where=1):
        claim = _incident(report, 4, sentence=f"An air strike on {place.name} killed four people.", place=place,
                          start=start, kind="air_drone_strike", where=where)
        return replace(claim, date=replace(claim.date, end=end or start, precision=precision))

    # two towns 117 km apart struck the same day, and a telling of strikes in the region that holds both
    lashio, muse = strike("a.txt", LASHIO_IN_SHAN, "2023-11-02"), strike("b.txt", MUSE, "2023-11-02")
    region = strike("c.txt", SHAN_STATE, "2023-11-02", where=4)
    # one town struck five days apart, and a telling of that week
    first, again = strike("d.txt", LASHIO, "2023-11-02"), strike("e.txt", LASHIO, "2023-11-07")
    week = strike("f.txt", LASHIO, "2023-11-01", end="2023-11-07", precision=3)
    for one, two, both in ((lashio, muse, region), (first, again, week)):
        assert not compatible(one, two) and compatible(both, one) and compatible(both, two)
        assert link_claims(both, one).score >= 3 and link_claims(both, two).score >= 3
        for order in permutations([one, two, both]):
            merged = merge_incidents(order)
            reports = [sorted(s.report_id for s in i.sources) for i in merged]
            assert len(merged) == 2 and [both.sources[0].report_id] not in reports
            assert not any({one.sources[0].report_id, two.sources[0].report_id} <= set(r) for r in reports)


KACHIN_STATE = Place("9100010", "Kachin State", 26.0, 97.5, "MM", "A", "ADM1", admin1="MM.04")
MYITKYINA = Place("9100011", "Myitkyina", 25.38, 97.40, "MM", "P", "PPLA", admin1="MM.04")


def _fighting_in(report, number, place, sentence, *, precision, where=1, killed=None):
    claim = _told(report, number, place, sentence, kind="armed_clash", start="2023-11-02", precision=precision)
    return replace(claim, places=(replace(claim.places[0], precision=where),), killed_low=killed, killed_high=killed,
                   sources=(replace(claim.sources[0], killed_low=killed, killed_high=killed),))


def test_three_outlets_telling_one_days_fighting_in_a_region_and_at_a_town_tell_one_event_at_each():
    # each outlet tells fighting at one town and, no finer, in a region; alone the region pairs score the same
    # region, the same type and a day within a few days, under the threshold
    army = [_fighting_in("army.txt", 0, MYITKYINA, "Troops repelled an attack on Myitkyina on Thursday.", precision=1),
            _fighting_in("army.txt", 1, SHAN_STATE, "Fierce battles raged across Shan State on Thursday.",
                         precision=1, where=4)]
    rebels = [_fighting_in("rebels.txt", 0, MYITKYINA, "Our fighters stormed posts around Myitkyina.", precision=2),
              _fighting_in("rebels.txt", 1, SHAN_STATE, "Allied units advanced in Shan State, a spokesman said.",
                           precision=2, where=4)]
    wire = [_fighting_in("wire.txt", 0, MYITKYINA, "Residents of Myitkyina heard gunfire through the night.",
                         precision=2),
            _fighting_in("wire.txt", 1, SHAN_STATE, "Heavy clashes were reported in Shan State, aid workers said.",
                         precision=2, where=4)]
    assert max(link_claims(a[1], b[1]).score for a, b in ((army, rebels), (army, wire), (rebels, wire))) < 3
    merged = merge_incidents(army + rebels + wire)
    assert sorted((i.places[0].place.name, len(i.sources)) for i in merged) == [("Myitkyina", 3), ("Shan State", 3)]
    [region] = [i for i in merged if i.places[0].place.name == "Shan State"]
    assert all("both reports tell Myitkyina too that day (+0.5)" in s.link.evidence for s in region.sources if s.link)


def test_a_region_gains_nothing_against_a_town_in_it_or_another_region():
    army = [_fighting_in("army.txt", 0, MYITKYINA, "Troops repelled an attack on Myitkyina on Thursday.", precision=1),
            _fighting_in("army.txt", 1, SHAN_STATE, "Fierce battles raged across Shan State on Thursday, killing four.",
                         precision=1, where=4, killed=4)]
    # the other outlet tells the same town, and fighting at a town of the region (with the report's story, the
    # pair would pass), or in another region
    in_region = _fighting_in("rebels.txt", 1, LASHIO_IN_SHAN, "Allied units advanced on Lashio; three died.",
                             precision=2, killed=3)
    assert 2.5 < link_claims(army[1], in_region).score < 3
    for elsewhere in (in_region, _fighting_in("rebels.txt", 1, KACHIN_STATE, "Allied units advanced in Kachin State.",
                                              precision=2, where=4, killed=4)):
        rebels = [_fighting_in("rebels.txt", 0, MYITKYINA, "Our fighters stormed posts around Myitkyina.",
                               precision=2), elsewhere]
        merged = merge_incidents(army + rebels)
        assert sorted(len(i.sources) for i in merged) == [1, 1, 2]
        assert [i.places[0].place.name for i in merged if len(i.sources) == 2] == ["Myitkyina"]
