"""Where witnesses are, weapons stopped in the air, and the regions of a scene: reports from several conflicts
written for these tests, in the shapes wire copy takes."""

from __future__ import annotations

from geomap.events import VIOLENT_TYPES
from geomap.events.mentions import civilians_hit


def _violent(incidents):
    return [i for i in incidents if i.event_type in VIOLENT_TYPES and i.places]


def _surfaces(incident):
    return [m.surface for m in incident.places]


SOUTH_SUDAN = """Army and rebels clash in Wau

Government troops and rebels fought in Wau on Saturday, the army said.
Residents in Malakal reported heavy gunfire and explosions in the town on Sunday night.
"""


def test_south_sudan_residents_who_heard_the_gunfire_place_it_where_they_are_not_at_the_last_town(read):
    incidents = _violent(read(SOUTH_SUDAN, "2025-03-10"))
    by_place = {tuple(_surfaces(i)): i for i in incidents}
    assert set(by_place) == {("Wau",), ("Malakal",)}
    # the residents' account is the evidence for an event in Malakal on Sunday, not more of Saturday's in Wau
    assert by_place[("Malakal",)].date.start == "2025-03-09"
    assert not any("Malakal" in s.sentence for s in by_place[("Wau",)].sources)


RUSSIA = """Drones downed over Belgorod, governor says

Russian air defences shot down four drones over Belgorod overnight, the regional governor said on Monday.
Three missiles were intercepted over Kursk on Sunday, but falling debris damaged two houses, officials said.
Air defences failed to intercept the rockets that struck an oil depot in Bryansk on Saturday.
"""


def test_russia_drones_shot_down_over_a_city_are_no_strike_on_it_unless_something_was_hit(read):
    incidents = read(RUSSIA, "2025-03-10")
    violent = _violent(incidents)
    assert sorted(p for i in violent for p in _surfaces(i)) == ["Bryansk", "Kursk"]
    # the governor's word that the drones were stopped stays on record, as a claim, not as violence
    claims = [i for i in incidents if "Belgorod" in _surfaces(i)]
    assert claims and all(c.event_type == "statement" and "governor" in c.claimant for c in claims)


SUDAN = """Army repels rebel push, ministry says

On Tuesday night rebel units advanced along the El Obeid, Bara and North Darfur fronts, the ministry said.
Heavy fighting followed as troops moved to halt them.
"""


def test_sudan_fighting_where_the_story_is_keeps_each_front_of_its_list_the_region_too(read):
    violent = _violent(read(SUDAN, "2024-04-04"))
    # North Darfur does not hold the two Kordofan towns: an item of the list, as it is in the sentence that names it
    assert sorted(p for i in violent for p in _surfaces(i)) == ["Bara", "El Obeid", "North Darfur"]
    assert {i.date.start for i in violent} == {"2024-04-02"}


SOMALIA = """Militants storm army base in Lower Shabelle

Al-Shabaab fighters attacked an army base in Afgooye early on Friday, the defence ministry said.
Four soldiers were killed in the assault, a military officer said.
The army said 17 militants died in the fighting.
A local elder said at least six soldiers were killed.
"""


def test_somalia_the_dead_of_two_sides_told_apart_add_up_and_two_counts_of_one_side_do_not(read):
    [battle] = _violent(read(SOMALIA, "2025-06-14"))
    assert _surfaces(battle) == ["Afgooye"]
    # six soldiers (the higher of the two counts of the army's dead) and 17 militants
    assert (battle.killed_low, battle.killed_high) == (23, None)
    # each sentence keeps its own figure
    assert sorted(s.killed_low for s in battle.sources if s.killed_low is not None) == [4, 6, 17]


YEMEN = """Rocket hits Marib airport as rebels keep up pressure

Rebels attacked the airport in Marib, local officials said on Monday.
Officials told reporters that a rocket had landed on the runway of the main airport on Sunday, leaving a deep crater.
The rocket fire took place two days after aircraft had pounded a rebel training camp at Harib.
Nine fighters were killed in the raid, according to a military source.
"""


def test_yemen_what_an_attack_came_days_after_is_an_event_of_its_own_at_its_place_and_day(read):
    by_place = {tuple(_surfaces(i)): i for i in _violent(read(YEMEN, "2025-03-10"))}
    assert set(by_place) == {("Marib",), ("Harib",)}
    rocket, raid = by_place[("Marib",)], by_place[("Harib",)]
    # the rocket told in the next sentence, at "the main airport", is the attack on Marib's: its day is Sunday
    assert rocket.event_type == "missile_strike" and rocket.date.start == "2025-03-09"
    assert raid.event_type == "air_drone_strike" and raid.date.start == "2025-03-07" and raid.killed_low == 9


BURKINA = """Gunmen kill 31 gendarmes in Burkina Faso

Gunmen attacked the gendarmerie camp at Tinkobé on Sunday, killing 31 gendarmes, the army said.
The camp lies in the Centre-Nord region, about 40 km from the nearest paved road.
"""


def test_burkina_faso_a_village_the_gazetteer_lacks_is_drawn_in_the_region_the_report_puts_it_in(read):
    from geomap.precision import WherePrecision

    [attack] = _violent(read(BURKINA, "2024-05-14"))
    # Tinkobé is no place the gazetteer knows: the region the next sentence puts its camp in draws the event, as
    # ACLED codes an unknown village at the nearest place the report names; the headline on the country joins it
    assert _surfaces(attack) == ["Tinkobé", "Centre-Nord"] and attack.places[0].place is None
    assert attack.places[1].precision == WherePrecision.REGION
    assert attack.killed_low == 31 and len(attack.sources) == 2


def test_fighter_jets_that_hit_something_strike_it_where_jets_alone_are_no_event(read):
    [strike] = _violent(read("Jets hit rebel depot\n\nFighter jets hit an arms depot at Harib on Sunday, the army said.\n",
                             "2025-03-10"))
    assert strike.event_type == "air_drone_strike" and _surfaces(strike) == ["Harib"]
    assert _violent(read("Jets over Harib\n\nFighter jets flew low over Harib on Sunday, residents said.\n", "2025-03-10")) == []


def test_that_a_missile_after_a_speech_verb_is_told_as_new_where_that_missile_refers_back():
    from geomap.events.mentions import read_mention

    assert not read_mention("The army told reporters that a missile had hit a fuel depot near the port.").refers_back
    assert read_mention("That missile had hit a fuel depot near the port, the army said.").refers_back


ZAMFARA = """Gunmen attack village in Zamfara

Gunmen attacked the village of Kaura in Zamfara state on Sunday, killing three villagers, police said.
Ten of the gunmen were killed when troops arrived, a local official said.
"""


def test_attackers_killed_in_an_attack_on_villagers_are_not_its_toll_even_when_they_outnumber_the_victims(read):
    [attack] = _violent(read(ZAMFARA, "2024-05-14"))
    assert attack.event_type == "attack_on_civilians" and (attack.killed_low, attack.killed_high) == (3, 3)


KIGONGO = """Shells hit village near Uvira

Shells hit the village of Kigongo near Uvira on Sunday and an elderly man was killed, residents said.
Twelve soldiers died in the fighting that followed, the army said.
"""


def test_one_civilian_told_with_a_and_the_soldiers_told_apart_are_two_sides_that_add_up(read):
    [shelling] = _violent(read(KIGONGO, "2024-05-14"))
    assert (shelling.killed_low, shelling.killed_high) == (13, 13)


def test_witnesses_who_tell_of_a_killing_are_not_who_was_hit_however_many_kinds_are_listed(read):
    # The witnesses' words are those that place them (`geomap.events.places.WITNESS_WORDS`); a list of them is
    # one party of speakers, not a first teller and civilians hit.
    for told in ("residents and villagers said", "according to survivors and residents",
                 "families, relatives and locals told reporters", "eyewitnesses said"):
        assert civilians_hit(f"A soldier was shot dead at a checkpoint outside Renk, {told}.") is None
    assert civilians_hit("Gunmen shot dead three villagers near Renk, witnesses and residents said.") is not None
    report = ("Soldier killed in Renk\n\n"
              "A soldier was shot dead at a checkpoint in Renk on Tuesday, residents and villagers said.\n")
    assert [i.event_type for i in _violent(read(report, "2014-01-08"))] == ["armed_clash"]


def test_a_long_run_of_witness_words_takes_time_linear_in_the_text():
    """A list of speakers is bounded: on a run of "residents, " the search does not rescan the run from each word."""
    import time

    def cpu_seconds(text):
        started = time.process_time()
        civilians_hit(text)
        return time.process_time() - started

    small = min(cpu_seconds("residents, " * 2_000) for _ in range(2))
    large = min(cpu_seconds("residents, " * 8_000) for _ in range(2))
    assert large < 8 * max(small, 0.005), (small, large)  # 4x the input: linear ~4x, quadratic ~16x
