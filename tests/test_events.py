"""Incidents and claims read from the seeds: what happened, where, when, who says so, who denies it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from geomap.events import (
    classify_sentence,
    figure_range,
    find_casualties,
    find_claimant,
    sentence_date,
)
from geomap.pipeline import extract_report
from geomap.reports import read_reports
from geomap.sentences import split_sentences

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


@pytest.fixture(scope="module")
def seed_incidents(gazetteer):
    reports, _ = read_reports(SEEDS)
    return {r.report_id[:3]: extract_report(r, gazetteer).incidents for r in reports}


def _one(incidents, words):
    found = [i for i in incidents if words in i.sources[0].sentence]
    assert len(found) == 1, [i.sources[0].sentence for i in found]
    return found[0]


# --- sentences ----------------------------------------------------------------------------------------------


def test_sentence_spans_point_into_the_text_and_respect_abbreviations_and_quotes():
    text = ("Fighting began on Sept. 27 when U.S. officials said so. “A peace process will surely be started. "
            "Clashes cannot go on forever,” Aliyev said.\nREAD MORE: next")
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == [
        "Fighting began on Sept. 27 when U.S. officials said so.",
        "“A peace process will surely be started. Clashes cannot go on forever,” Aliyev said.",
        "READ MORE: next",
    ]
    assert all(text[s.start:s.end] == s.text for s in sentences)


# --- the seeds ----------------------------------------------------------------------------------------------


def test_ganja_shelling_in_the_early_hours_of_sunday_with_the_prosecutors_figures(seed_incidents):
    ganja = _one(seed_incidents["004"], "heavily shelling a residential area in Ganja")
    assert ganja.event_type == "shelling"
    assert ganja.acled_event_type == "Explosions/Remote violence"
    assert [m.place.name for m in ganja.places] == ["Ganja"]
    assert (ganja.date.start, ganja.date.end, ganja.date.precision) == ("2020-10-11", "2020-10-11", 1)
    assert (ganja.killed_low, ganja.killed_high, ganja.wounded_low, ganja.wounded_high) == (9, 9, 34, 34)
    assert "Prosecutor General’s Office" in ganja.casualty_reporter
    assert ganja.claimant == "Azerbaijan" and ganja.is_claim
    assert "Reuters could not independently verify" in ganja.verification
    source = ganja.sources[0]
    text = (SEEDS / "004_69d44303080b5a50.txt").read_text(encoding="utf-8")
    assert text[source.start:source.end] == source.sentence
    assert "nine people had been killed and 34 wounded" in source.sentence
    assert all(text[a:b] == "Ganja" for a, b in source.mention_spans)


def test_ganja_barda_beylagan_claim_is_a_claim_with_armenias_denial_linked(seed_incidents):
    for seed in ("000", "002"):
        claim = _one(seed_incidents[seed], "Hikmet Hajiyev")
        assert claim.event_type == "missile_strike"
        assert [m.place.name for m in claim.places] == ["Ganja", "Barda", "Beylagan"]
        assert claim.is_claim and claim.claimant.startswith("Hikmet Hajiyev")
        assert claim.denied_by == ("Armenia",)
    assert not any("denied the accusations" in i.sources[0].sentence for i in seed_incidents["000"])


def test_rocket_near_stepanakerts_main_hospital_is_the_health_ministers_claim(seed_incidents):
    rocket = _one(seed_incidents["003"], "rocket landing very close to Stepanakert’s main hospital")
    assert rocket.event_type == "missile_strike"
    assert [m.place.place_id for m in rocket.places] == ["146970"]  # Stepanakert, Khankendi in GeoNames
    assert rocket.claimant == "Armenian Health Minister Arsen Torosyan" and rocket.is_claim


def test_286_deaths_including_46_civilians_is_a_toll_since_the_fighting_erupted(seed_incidents):
    toll = _one(seed_incidents["003"], "a total of 286 deaths")
    assert toll.event_type == "casualty_toll" and toll.acled_event_type == ""
    assert (toll.killed_low, toll.killed_high) == (286, 286)
    assert (toll.civilians_killed_low, toll.civilians_killed_high) == (46, 46)
    assert toll.date.start == "2020-09-27" and toll.date.end == "2020-10-06"


def test_nearly_300_lives_is_a_range_and_hundreds_is_wider(seed_incidents):
    nearly = _one(seed_incidents["003"], "nearly 300 lives")
    assert (nearly.killed_low, nearly.killed_high) == (250, 299)
    ninth = _one(seed_incidents["000"], "entered the ninth day")
    assert (ninth.date.start, ninth.date.precision) == ("2020-10-05", 1)
    assert (ninth.killed_low, ninth.killed_high) == (200, 999)  # "Hundreds of people have been killed" continues it


def test_figures_about_the_1990s_war_are_not_this_wars(seed_incidents):
    assert not any(i.killed_high == 30000 for incidents in seed_incidents.values() for i in incidents)


def test_narrated_incident_is_not_a_claim_and_undated_sentence_gets_the_week_before_publication(seed_incidents):
    missile = _one(seed_incidents["004"], "His remarks came right after an Armenian missile attack")
    assert missile.event_type == "missile_strike" and [m.place.name for m in missile.places] == ["Ganja"]
    assert not missile.is_claim and missile.claimant == ""
    assert (missile.date.start, missile.date.end, missile.date.precision) == ("2020-10-06", "2020-10-12", 3)


def test_historic_ceasefire_of_1994_is_not_an_incident(seed_incidents):
    assert not any("agreed upon in 1994" in i.sources[0].sentence for i in seed_incidents["001"])


def test_demonyms_are_not_places(seed_incidents):
    assert all(m.role == "place" for incidents in seed_incidents.values() for i in incidents for m in i.places)


# --- pieces -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("words, qualifier, expected", [
    ("nine", "", (9, 9)), ("34", "", (34, 34)), ("300", "nearly", (250, 299)), ("hundreds", "", (200, 999)),
    ("30,000", "some", (27000, 33000)), ("5", "at least", (5, None)), ("twenty-one", "", (21, 21)),
])
def test_figure_ranges(words, qualifier, expected):
    assert figure_range(words, qualifier) == expected


def test_casualties_share_the_verb_and_skip_a_dead_person_seen():
    figures = find_casualties("The Azeri Prosecutor General’s Office said nine people had been killed and 34 "
                              "wounded in the attack.")
    assert figures.killed == (9, 9) and figures.wounded == (34, 34)
    assert not find_casualties("rescue workers carrying one dead person from the ruins")


@pytest.mark.parametrize("sentence, claimant", [
    ("Hikmet Hajiyev, aide to President Aliyev, tweeted that Armenian forces attacked Ganja.",
     "Hikmet Hajiyev, aide to President Aliyev"),
    ("“Armenia directly targets civilians,” said Turkish Foreign Minister Mevlut Cavusoglu after meeting Stoltenberg.",
     "Turkish Foreign Minister Mevlut Cavusoglu"),
    ("Following a lull early Tuesday, there was renewed shelling in Stepanakert, an AFP journalist in the city "
     "reported.", "an AFP journalist in the city"),
    ("Earlier on Sunday, Azerbaijan accused Armenia of heavily shelling a residential area in Ganja.", "Azerbaijan"),
    ("Eleven soldiers died, according to the Armenian defence ministry.", "the Armenian defence ministry"),
    ("Turkish Foreign Minister Mevlut Cavusoglu asked Sergey Lavrov to press Armenia, Turkey’s foreign ministry said.",
     "Turkey’s foreign ministry"),
])
def test_claimants(sentence, claimant):
    assert find_claimant(sentence).name == claimant


@pytest.mark.parametrize("sentence, kind", [
    ("Stoltenberg has also called for a ceasefire in occupied Karabakh.", "statement"),
    ("The Russian-brokered ceasefire, clinched after 10 hours of talks in Moscow, was meant to halt fighting.",
     "ceasefire"),
    ("Drones struck a convoy near Fuzuli.", "air_drone_strike"),
    ("Turkey will buy the S-400 missile defense system.", None),
    ("Fighting raged near Hadrut.", "armed_clash"),
])
def test_classification(sentence, kind):
    assert classify_sentence(sentence) == kind


@pytest.mark.parametrize("sentence, day", [
    ("Armenia shelled Ganja in the early hours of Sunday, officials said.", "2020-10-11"),
    ("Ganja was shelled overnight on Saturday.", "2020-10-10"),
    ("Ganja was shelled in the early hours of the morning.", "2020-10-12"),
])
def test_a_named_weekday_dates_an_early_hours_attack_reported_on_monday(sentence, day):
    found = sentence_date(sentence, published=date(2020, 10, 12), start=date(2020, 9, 27))
    assert (found.start, found.end, found.precision) == (day, day, 1)

