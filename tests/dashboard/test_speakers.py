"""Claimants read as one person or body (geomap.speakers), in the filter, the details and the exports."""

from __future__ import annotations

import pytest

from geomap.filters import NO_CLAIMANT, IncidentFilter
from geomap.records import EventDate, Incident, SourceRef
from geomap.speakers import canonical_claimant, claimant_choices, is_witness, same_speaker, speaker_key, speaker_keys, speaks
from geomap.store import IncidentStore
from geomap.dashboard import queries
from sample_store import write_incidents


@pytest.mark.parametrize("variants", [
    ("Zelensky", "President Volodymyr Zelensky", "Ukraine's President Volodymyr Zelensky",
     "Ukraine’s President Volodymyr Zelensky"),
    ("Peskov", "Kremlin spokesman Dmitry Peskov", "Dmitry Peskov"),
    ("Abdallah", "Sudan’s army spokesman Nabil Abdallah", "army spokesman Brigadier Nabil Abdallah"),
    ("Russia's defence ministry", "Russia’s defense ministry", "Russia's Defence Ministry"),
    ("Burhan", "General Abdel Fattah al-Burhan", "Sudan's army chief General Abdel Fattah al-Burhan"),
    ("von der Leyen", "Ursula von der Leyen", "Commission President Ursula von der Leyen"),
])
def test_one_speaker_named_several_ways_has_one_key(variants):
    assert len({speaker_key(v) for v in variants}) == 1


@pytest.mark.parametrize("first, second", [
    ("Hikmet Hajiyev, aide to President Aliyev", "Aliyev"),  # the apposition says what, not who
    ("Kremlin spokesman Dmitry Peskov", "the Kremlin"),
    ("Human Rights Watch", "Amnesty International"),
    ("Russian Defence Ministry", "Ukraine's defence ministry"),
    ("Hamas", "Hamas and Islamic Jihad"),
])
def test_different_speakers_keep_different_keys(first, second):
    assert speaker_key(first) != speaker_key(second)


@pytest.mark.parametrize("name", ["an AFP journalist in the city", "a Reuters reporter at the scene", "witnesses",
                                  "two eyewitnesses", "our correspondent in Khartoum", "AP photographer"])
def test_the_press_on_the_spot_and_eyewitnesses_are_witnesses(name):
    assert is_witness(name) and speaker_key(name) is None


@pytest.mark.parametrize("name", ["Committee to Protect Journalists", "a journalists' union", "Reporters Without Borders"])
def test_bodies_that_speak_for_journalists_are_claimants(name):
    assert not is_witness(name) and speaker_key(name)


def test_an_incidents_joined_claimants_become_one_entry_per_speaker_in_its_fullest_form():
    joined = "Zelensky; Ukraine’s President Volodymyr Zelensky; Ukraine's President Volodymyr Zelensky; an AFP journalist"
    assert canonical_claimant(joined) == "Ukraine's President Volodymyr Zelensky"
    assert canonical_claimant("a Reuters reporter at the scene") == ""


def test_the_filter_lists_each_speaker_once_the_most_frequent_first():
    counts = {"Peskov": 3, "Kremlin spokesman Dmitry Peskov; Peskov": 2, "Sudan's army spokesman Nabil Abdallah": 1,
              "Abdallah": 1, "an AFP journalist in the city": 4}
    assert claimant_choices(counts) == ["Kremlin spokesman Dmitry Peskov", "Sudan's army spokesman Nabil Abdallah"]


@pytest.mark.parametrize("spellings", [
    ("Zelensky", "Zelenskyy", "Zelenskiy"),  # a doubled letter, "y" for "i"
    ("Erdogan", "Erdoğan"),  # an accent
    ("General Mohamed Hamdan Dagalo", "Daglo"),  # one letter more
])
def test_spellings_of_one_surname_are_one_speaker(spellings):
    keys = [speaker_key(s) for s in spellings]
    assert all(same_speaker(a, b) for a in keys for b in keys)
    assert len(claimant_choices({s: 1 for s in spellings})) == 1
    assert len(canonical_claimants_of(spellings)) == 1
    assert all(speaks(s, speaker_keys([spellings[0]])) for s in spellings)  # the filter by one keeps the others


@pytest.mark.parametrize("first, second", [("Aliyev", "Mehriban Aliyeva"), ("Khan", "Khani"), ("Hassan", "Hussein")])
def test_surnames_that_differ_more_than_a_spelling_stay_two_speakers(first, second):
    assert not same_speaker(speaker_key(first), speaker_key(second))
    assert len(claimant_choices({first: 1, second: 1})) == 2


def canonical_claimants_of(names):
    return [n for n in canonical_claimant("; ".join(names)).split("; ") if n]


def test_the_filter_names_a_speaker_of_two_spellings_once_in_its_fullest_form():
    counts = {"Zelensky": 3, "President Volodymyr Zelenskyy": 1, "Peskov": 2}
    assert claimant_choices(counts) == ["President Volodymyr Zelenskyy", "Peskov"]  # 4 tellings against 2


def _incident(incident_id: str, claimant: str) -> Incident:
    sentence = f"Shells hit the market in Kherson on Tuesday, {claimant} said."
    return Incident(incident_id, "shelling", "Explosions/Remote violence", EventDate("2022-11-22", "2022-11-22", 1, "Tuesday"),
                    (), claimant=claimant, is_claim=True,
                    sources=(SourceRef(f"{incident_id}.txt", "Kyiv Independent", "2022-11-23", sentence, 0, len(sentence)),))


@pytest.fixture
def speakers_store(tmp_path):
    path = tmp_path / "speakers.db"
    with IncidentStore(path) as store:
        write_incidents(store, [
            _incident("a", "Zelensky"), _incident("b", "Ukraine’s President Volodymyr Zelensky"),
            _incident("c", "Peskov; Kremlin spokesman Dmitry Peskov"), _incident("d", "an AFP journalist in the city")])
    return path


def test_a_filter_by_any_form_of_a_name_keeps_every_form(speakers_store):
    with IncidentStore(speakers_store, read_only=True) as store:
        for asked in ("Zelensky", "President Volodymyr Zelensky", "Ukraine's President Volodymyr Zelensky"):
            assert [i.incident_id for i in store.incidents(IncidentFilter(claimants=(asked,)))] == ["a", "b"]
        told_by_nobody = store.incidents(IncidentFilter(claimants=(NO_CLAIMANT,)))
        assert [i.incident_id for i in told_by_nobody] == ["d"]


def test_incidents_read_back_name_each_speaker_once_and_a_witness_makes_no_claim(speakers_store):
    with IncidentStore(speakers_store, read_only=True) as store:
        read = {i.incident_id: i for i in store.incidents()}
    assert read["c"].claimant == "Kremlin spokesman Dmitry Peskov" and read["c"].is_claim
    assert read["b"].claimant == "Ukraine's President Volodymyr Zelensky"
    assert read["d"].claimant == "" and not read["d"].is_claim


def test_the_dashboards_claimant_filter_has_one_entry_per_speaker_and_no_witness(speakers_store):
    choices = queries.catalog(queries.connect(speakers_store))["claimants"]
    assert choices == ["Kremlin spokesman Dmitry Peskov", "Ukraine's President Volodymyr Zelensky"]  # two each: by name
