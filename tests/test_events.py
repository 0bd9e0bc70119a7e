"""Incidents and claims read from the seeds: one incident per event, at its place, on its day, with its figures."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from geomap.dates import sentence_date
from geomap.events import VIOLENT_TYPES, figure_range, find_casualties, find_claimant, read_mention
from geomap.pipeline import extract_report
from geomap.reports import read_reports, report_from_text

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


@pytest.fixture(scope="module")
def seed_incidents(gazetteer):
    reports, _ = read_reports(SEEDS)
    return {r.report_id[:3]: extract_report(r, gazetteer).incidents for r in reports}


def _telling(incidents, words):
    """The incidents one of whose sources quotes `words`."""
    return [i for i in incidents if any(words in s.sentence for s in i.sources)]


def _one(incidents, words):
    found = _telling(incidents, words)
    assert len(found) == 1, [[s.sentence for s in i.sources] for i in found]
    return found[0]


# --- the seeds ----------------------------------------------------------------------------------------------


def test_the_ganja_shelling_is_one_incident_with_every_sentence_that_tells_it(seed_incidents):
    ganja = _one(seed_incidents["004"], "heavily shelling a residential area in Ganja")
    assert ganja.event_type == "shelling" and ganja.acled_event_type == "Explosions/Remote violence"
    assert [m.place.name for m in ganja.places] == ["Ganja"]
    assert (ganja.date.start, ganja.date.end, ganja.date.precision) == ("2020-10-11", "2020-10-11", 1)
    assert (ganja.killed_low, ganja.killed_high, ganja.wounded_low, ganja.wounded_high) == (9, 9, 34, 34)
    assert "Prosecutor General’s Office" in ganja.casualty_reporter
    assert ganja.claimant == "Azerbaijan"
    assert "Reuters could not independently verify" in ganja.verification  # unverified
    sentences = [s.sentence for s in ganja.sources]
    # the toll sentence and the later "Armenian missile attack on ... Ganja" tell the same event: no second marker
    assert any("nine people had been killed and 34 wounded" in s for s in sentences)
    assert any("Armenian missile attack on Azerbaijan’s second largest city of Ganja" in s for s in sentences)
    assert len([i for i in seed_incidents["004"] if i.event_type in VIOLENT_TYPES and i.places]) == 1
    text = (SEEDS / "004_69d44303080b5a50.txt").read_text(encoding="utf-8")
    for source in ganja.sources:
        assert text[source.start:source.end] == source.sentence
        assert all(text[a:b] == "Ganja" for a, b in source.mention_spans)
    toll = next(s for s in ganja.sources if "34 wounded" in s.sentence)
    assert (toll.killed_low, toll.wounded_low) == (9, 34)  # each source keeps its own figures


def test_the_ganja_barda_beylagan_claim_is_a_claim_per_town_each_denied_by_armenia(seed_incidents):
    for seed in ("000", "002"):
        claims = _telling(seed_incidents[seed], "Hikmet Hajiyev")
        assert sorted(m.place.name for c in claims for m in c.places) == ["Barda", "Beylagan", "Ganja"]
        for claim in claims:
            assert claim.event_type == "missile_strike" and claim.is_claim
            assert claim.claimant.startswith("Hikmet Hajiyev") and claim.denied_by == ("Armenia",)
    assert not _telling(seed_incidents["000"], "denied the accusations")


def test_the_ganja_barda_beylagan_claims_are_merged_across_seeds_000_and_002_in_the_store(seed_store):
    from geomap.store import IncidentStore

    with IncidentStore(seed_store) as store:
        claims = store.incidents(event_types=["missile_strike"])
    for town in ("Ganja", "Barda", "Beylagan"):
        told = [c for c in claims if town in {m.place.name for m in c.resolved_places} and "Hikmet Hajiyev" in c.claimant]
        assert len(told) == 1, town
        assert {s.report_id[:3] for s in told[0].sources} == {"000", "002"}
        assert told[0].denied_by == ("Armenia",) and told[0].is_claim


def test_rocket_near_stepanakerts_main_hospital_is_the_health_ministers_claim(seed_incidents):
    # Rockets and shelling are one kind of event (ACLED's shelling/artillery/missile attack): the rocket the
    # minister saw is told as part of Tuesday's renewed shelling of the city, with his claim on its own source.
    shelling = _one(seed_incidents["003"], "rocket landing very close to Stepanakert’s main hospital")
    assert shelling.event_type in ("shelling", "missile_strike")
    assert [m.place.place_id for m in shelling.places] == ["146970"]  # Stepanakert, Khankendi in GeoNames
    assert shelling.date.start == "2020-10-06"
    rocket = next(s for s in shelling.sources if "rocket landing" in s.sentence)
    assert rocket.claimant == "Armenian Health Minister Arsen Torosyan" and rocket.is_claim


def test_286_deaths_including_46_civilians_is_a_toll_since_the_fighting_erupted(seed_incidents):
    toll = _one(seed_incidents["003"], "a total of 286 deaths")
    assert toll.event_type == "casualty_toll" and toll.acled_event_type == ""
    assert (toll.killed_low, toll.killed_high) == (286, 286)
    assert (toll.civilians_killed_low, toll.civilians_killed_high) == (46, 46)
    assert toll.date.start == "2020-09-27" and toll.date.end == "2020-10-06"


def test_nearly_300_lives_is_a_range_and_a_cumulative_toll_not_a_battle(seed_incidents):
    nearly = _one(seed_incidents["003"], "nearly 300 lives")
    assert (nearly.killed_low, nearly.killed_high) == (250, 299) and nearly.event_type == "casualty_toll"


def test_the_ninth_day_of_fighting_is_a_clash_and_hundreds_killed_a_separate_toll(seed_incidents):
    ninth = _one(seed_incidents["000"], "entered the ninth day")
    assert ninth.event_type == "armed_clash" and (ninth.date.start, ninth.date.precision) == ("2020-10-05", 1)
    assert ninth.killed_low is None  # the war's toll is not the day's
    hundreds = _one(seed_incidents["000"], "Hundreds of people have been killed")
    assert hundreds.event_type == "casualty_toll" and (hundreds.killed_low, hundreds.killed_high) == (200, 999)


def test_nothing_is_dated_2018_or_2023(seed_incidents):
    for incidents in seed_incidents.values():
        for incident in incidents:
            assert not (incident.date.start or "").startswith(("2018", "2023"))
            assert not (incident.date.end or "").startswith(("2018", "2023"))


def test_figures_about_the_1990s_war_are_not_this_wars(seed_incidents):
    assert not any(i.killed_high == 30000 and i.event_type in VIOLENT_TYPES
                   for incidents in seed_incidents.values() for i in incidents)


def test_statements_and_general_accusations_are_never_violence(seed_incidents):
    for words in ("dragging Russia into war", "Armenia directly targets civilians", "called for a ceasefire",
                  "Clashes cannot go on forever", "have urged an immediate cease"):
        for seed in ("000", "002"):
            for incident in _telling(seed_incidents[seed], words):
                assert incident.event_type not in VIOLENT_TYPES, (words, incident.event_type)


def test_a_place_that_speaks_or_is_spoken_to_is_not_where_anything_happened(seed_incidents):
    violent = [i for incidents in seed_incidents.values() for i in incidents if i.event_type in VIOLENT_TYPES]
    places = {m.place.name for i in violent for m in i.places}
    assert not places & {"Ankara", "Moscow", "Russia", "Turkey", "Syria", "Libya", "Baku"}


def test_an_undated_sentence_gets_the_days_up_to_publication_not_a_week(seed_incidents):
    claim = _telling(seed_incidents["000"], "Hikmet Hajiyev")[0]
    assert (claim.date.end, claim.date.precision) == ("2020-10-05", 2)
    assert claim.date.start >= "2020-10-03"


def test_demonyms_are_not_places(seed_incidents):
    assert all(m.role == "place" for incidents in seed_incidents.values() for i in incidents for m in i.places)


def test_history_is_background(seed_incidents):
    ceasefire_1994 = _one(seed_incidents["001"], "agreed upon in 1994")
    assert ceasefire_1994.background and ceasefire_1994.date.start == "1994-01-01"


# --- pieces -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("words, qualifier, expected", [
    ("nine", "", (9, 9)), ("34", "", (34, 34)), ("300", "nearly", (250, 299)), ("hundreds", "", (200, 999)),
    ("30,000", "some", (27000, 33000)), ("5", "at least", (5, None)), ("twenty-one", "", (21, 21)),
    ("40", "more than", (41, None)), ("dozens", "", (24, 99)), ("1.2 million", "", (1_200_000, 1_200_000)),
])
def test_figure_ranges(words, qualifier, expected):
    assert figure_range(words, qualifier) == expected


def test_casualties_share_the_verb_and_skip_a_dead_person_seen():
    figures = find_casualties("The Azeri Prosecutor General’s Office said nine people had been killed and 34 "
                              "wounded in the attack.")
    assert figures.killed == (9, 9) and figures.wounded == (34, 34)
    assert not find_casualties("rescue workers carrying one dead person from the ruins")


@pytest.mark.parametrize("sentence, killed, wounded", [
    ("Thirteen villagers were massacred by gunmen on motorbikes.", (13, 13), None),  # villagers are not villages
    ("The number of people killed in a strike on a house in Tyre, a coastal city, has risen to 10, with five others "
     "injured, the agency said.", (10, 10), (5, 5)),
    ("Toll From Militia Raid on Congolese Mining Village Climbs to 23", (23, 23), None),
    ("Two suicide bombers killed 20 people at a crowded market.", (20, 20), None),  # two is the bombers
    ("15 soldiers, four militia fighters reportedly killed in ambush", (19, 19), None),
    ("In March 2019, 12 people were killed when the bridge was shelled.", None, None),  # the year is not a count
    ("Among 200 passengers, 12 were killed and 30 hurt.", (12, 12), (30, 30)),
    ("At least 10 soldiers and civilians were killed when a suicide bomber hit the square.", (10, None), None),
    # a count with a verb of its own is no part of the count before it, nor that one of it
    ("A grenade struck a police post in Choloma, killing two officers, and 11 others were wounded.", (2, 2), (11, 11)),
    ("Troops hit back in raids that killed three suspects.", (3, 3), None),
])
def test_casualty_figures_in_the_shapes_reports_give_them(sentence, killed, wounded):
    figures = find_casualties(sentence, published_year=2024)
    assert (figures.killed, figures.wounded) == (killed, wounded)
    assert figures.civilians_killed in (None, killed) and not (figures.civilians_killed and "soldiers" in sentence)


@pytest.mark.parametrize("sentence, claimant", [
    ("Hikmet Hajiyev, aide to President Aliyev, tweeted that Armenian forces attacked Ganja.",
     "Hikmet Hajiyev, aide to President Aliyev"),
    ("“Armenia directly targets civilians,” said Turkish Foreign Minister Mevlut Cavusoglu after meeting Stoltenberg.",
     "Turkish Foreign Minister Mevlut Cavusoglu"),
    ("Following a lull early Tuesday, there was renewed shelling in Stepanakert, an AFP journalist in the city "
     "reported.", "an AFP journalist in the city"),
    ("Earlier on Sunday, Azerbaijan accused Armenia of heavily shelling a residential area in Ganja.", "Azerbaijan"),
    ("Eleven soldiers died, according to the Armenian defence ministry.", "the Armenian defence ministry"),
    ("Mourners buried victims of the blast at the bus station, which provincial officials say killed 31 people.",
     "provincial officials"),
    ("Elsewhere, fighting went on around the besieged town of Tal Afar, where local radio said four men were shot "
     "dead on Friday.", "local radio"),
    ("Fighting flared again in the north, when the army said rebels shelled two outposts.", "the army"),
])
def test_claimants(sentence, claimant):
    assert find_claimant(sentence).name == claimant


@pytest.mark.parametrize("sentence, kind, happened", [
    ("Stoltenberg has also called for a ceasefire in occupied Karabakh.", "statement", False),
    ("The Russian-brokered ceasefire, clinched after 10 hours of talks in Moscow, was meant to halt fighting.",
     "ceasefire", True),
    ("Drones struck a convoy near Fuzuli.", "air_drone_strike", True),
    ("Fighting raged near Hadrut.", "armed_clash", True),
    ("Azerbaijan vowed a befitting retaliation against Armenian attacks.", "statement", False),
    ("Rebels seized the border town on Friday, killing 12 soldiers.", "armed_clash", True),  # a capture with deaths
    ("Government forces retook the town on Friday.", "territory_change", True),
    ("The council pressed the U.S.-led coalition to step up air strikes on the militants.", "statement", False),
    ("Fighting between the two factions has raged ever since.", "statement", False),  # no one event
    # the bombing was a plan, the deaths were not
    ("Two rebels were killed on Saturday as they prepared to bomb a police station.", "armed_clash", True),
    ("The army vowed to attack the rebels who killed 12 soldiers.", "statement", False),
    ("Over the past year foreign warplanes have carried out strikes on the group.", "statement", False),  # a habit
])
def test_what_a_sentence_tells_of(sentence, kind, happened):
    mention = read_mention(sentence, casualties=find_casualties(sentence))
    assert (mention.event_type, mention.happened) == (kind, happened)


def test_a_missile_defence_system_is_no_event():
    assert read_mention("Turkey will buy the S-400 missile defense system.") is None


def test_a_military_target_near_a_village_is_no_attack_on_civilians():
    assert read_mention("Officials said the targeted post lies in the village of Kowa.") is None
    assert read_mention("Jets targeted homes in the village of Kowa.").event_type == "air_drone_strike"


@pytest.mark.parametrize("sentence, kind", [
    ("Aid workers said clashes broke out in the town on Monday, forcing hundreds of families to flee into the swamps.",
     "armed_clash"),
    ("Fighting raged around the district overnight and thousands of residents have fled.", "armed_clash"),
    ("Gunmen raided the village, killing 12 residents and forcing hundreds of families to flee.", "attack_on_civilians"),
    ("Militiamen torched homes in the village, displacing some 3,000 people.", "attack_on_civilians"),
])
def test_people_driven_from_their_homes_are_not_who_was_hit(sentence, kind):
    assert read_mention(sentence, casualties=find_casualties(sentence)).event_type == kind


def test_what_was_reported_earlier_is_no_other_event_and_what_happened_earlier_is():
    assert not read_mention("Local media had reported earlier in the day that a bombing in Tyre killed the mayor.").new_event
    assert read_mention("Earlier, a bombing in Tyre killed the deputy mayor.").new_event


def test_footage_that_captured_the_sound_of_a_strike_is_no_capture_of_a_town():
    assert read_mention("Video posted by residents captured the sound of screaming.") is None


@pytest.mark.parametrize("sentence, day", [
    ("Armenia shelled Ganja in the early hours of Sunday, officials said.", "2020-10-11"),
    ("Ganja was shelled overnight on Saturday.", "2020-10-10"),
    ("Ganja was shelled in the early hours of the morning.", "2020-10-12"),
])
def test_a_named_weekday_dates_an_early_hours_attack_reported_on_monday(sentence, day):
    found = sentence_date(sentence, published=date(2020, 10, 12), start=date(2020, 9, 27)).date
    assert (found.start, found.end, found.precision) == (day, day, 1)


def test_a_dateline_with_country_and_year_is_not_the_speaker(gazetteer):
    """"JUBA, South Sudan, July 9, 2016 - Soldiers said ...": the city of the dateline is where the story was
    filed, not who speaks."""
    text = ("Clashes near Juba airport\n\nJUBA, South Sudan, July 9, 2016 - Government soldiers said on Saturday "
            "that 35 attackers were killed in fighting near the airport in Juba.\n")
    report = report_from_text(text, report_id="juba")
    claimants = {i.claimant for i in extract_report(report, gazetteer).incidents}
    assert claimants == {"Government soldiers"}


def test_an_event_told_without_a_day_at_a_place_dated_before_takes_that_places_day(gazetteer):
    """The hospital killing happened in the town the lede dates, not on the day of a later clash elsewhere."""
    text = ("Rebels take Malakal\n\nJUBA, March 4, 2014 (Reuters) - Rebel fighters overran the town of Malakal on "
            "Sunday after a day of heavy fighting, a rebel spokesman said.\n\nAt least 14 patients were killed "
            "when gunmen entered the main hospital in the town, the United Nations said.\n\nSeparately, aid "
            "workers said clashes broke out in Leer on Monday.\n")
    incidents = extract_report(report_from_text(text, report_id="malakal"), gazetteer).incidents
    hospital = _one(incidents, "main hospital")
    assert (hospital.date.start, hospital.date.end) == ("2014-03-02", "2014-03-02")
    assert _one(incidents, "clashes broke out").date.start == "2014-03-03"
