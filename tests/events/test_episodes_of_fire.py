"""One episode of fire between two sides told in two kinds: shelling at some places and the fight that followed it
there, told with no place of its own, are one incident per place, not two (`geomap.events.extract._episode`). Reports
written for these tests about several conflicts, in the shapes ministry statements and wire copy take."""

from __future__ import annotations

from geomap.events import VIOLENT_TYPES


def _violent(incidents):
    return [i for i in incidents if i.event_type in VIOLENT_TYPES and i.places]


def _by_place(incidents):
    return {m.surface: i for i in _violent(incidents) for m in i.places[:1]}


KORDOFAN_FIGHT_FIRST = """Army says rebels staged provocation

KADUGLI, March 4 - Rebel units staged a wide provocation along the Kadugli, Dilling and Talodi directions, the army said on Tuesday.
Fighting broke out as army units rushed to halt the rebels' actions, the army said.
Rebel units fired mortars at army positions around the Kadugli, Dilling and Talodi areas.
"""


def test_sudan_shelling_told_after_the_fight_it_set_off_is_that_fight_not_a_second_incident_at_each_town(read):
    by_place = _by_place(read(KORDOFAN_FIGHT_FIRST, "2025-03-04"))
    assert sorted(by_place) == ["Dilling", "Kadugli", "Talodi"]
    for incident in by_place.values():
        told = [s.sentence for s in incident.sources]
        assert any(s.startswith("Fighting broke out") for s in told) and any(s.startswith("Rebel units fired") for s in told)
        assert incident.date.start == "2025-03-04"


SHAN_SHELLING_FIRST = """Junta says rebels attacked outposts

Rebel fighters shelled army outposts near Monywa and Shwebo on Sunday night, the military said.
Heavy fighting followed as troops moved to push them back, it said.
"""


def test_myanmar_the_fighting_that_followed_shelling_is_its_evidence_not_a_statement_or_an_incident_apart(read):
    incidents = read(SHAN_SHELLING_FIRST, "2025-03-04")
    by_place = _by_place(incidents)
    assert sorted(by_place) == ["Monywa", "Shwebo"]
    for incident in by_place.values():
        assert incident.event_type == "shelling" and incident.date.start == "2025-03-02"
        assert any(s.sentence.startswith("Heavy fighting followed") for s in incident.sources)
    assert not any(s.sentence.startswith("Heavy fighting") for i in incidents if i.event_type == "statement"
                   for s in i.sources)


KASHMIR = """Troops trade fire along the line

Pakistani troops fired mortar shells at Indian posts in Poonch on Friday, the Indian army said.
In response, Indian troops returned fire and an exchange of fire lasted several hours, an army officer said.
Separately, clashes broke out in Kupwara on Friday when militants attacked a patrol, police said.
"""


def test_kashmir_a_fight_answering_shelling_joins_it_and_a_fight_at_its_own_place_the_same_day_stays_apart(read):
    by_place = _by_place(read(KASHMIR, "2025-03-01"))
    assert sorted(by_place) == ["Kupwara", "Poonch"]
    poonch, kupwara = by_place["Poonch"], by_place["Kupwara"]
    assert poonch.event_type == "shelling" and any(s.sentence.startswith("In response") for s in poonch.sources)
    assert kupwara.event_type == "armed_clash" and poonch.date.start == kupwara.date.start == "2025-02-28"
    assert not any("Kupwara" in s.sentence for s in poonch.sources)


DONBAS = """Shelling and clashes near Pokrovsk

Russian artillery shelled Ukrainian positions in Pokrovsk and Kostiantynivka on Sunday, the general staff said.
Clashes erupted in Kostiantynivka when Ukrainian units moved to stop them, it said.
"""


def test_ukraine_a_clash_told_at_a_place_of_its_own_stays_an_incident_of_its_own(read):
    incidents = _violent(read(DONBAS, "2025-03-04"))
    kinds = sorted((i.event_type, m.surface) for i in incidents for m in i.places[:1])
    assert kinds == [("armed_clash", "Kostiantynivka"), ("shelling", "Kostiantynivka"), ("shelling", "Pokrovsk")]


KORDOFAN_NEXT_DAY = """Rebels shell army posts in South Kordofan

Rebel units fired mortars at army positions in Kadugli and Dilling on Sunday, the army said.
On Monday, clashes erupted when army units moved to push the rebels back, the army said.
"""


def test_sudan_a_fight_on_a_day_of_its_own_is_its_own_incident_at_the_places_of_the_story(read):
    incidents = _violent(read(KORDOFAN_NEXT_DAY, "2025-03-04"))
    by_kind = {}
    for i in incidents:
        by_kind.setdefault(i.event_type, set()).add((i.places[0].surface, i.date.start))
    assert by_kind["shelling"] == {("Kadugli", "2025-03-02"), ("Dilling", "2025-03-02")}
    assert by_kind["armed_clash"] == {("Kadugli", "2025-03-03"), ("Dilling", "2025-03-03")}


BURKINA_ANOTHER_STRIKE = """Jihadists push on northern fronts

Jihadist units advanced along the Djibo and Arbinda fronts on Tuesday, the army said.
Heavy fighting followed as troops moved to halt them.
Separately, jihadist mortars also shelled the army camp at Arbinda on Tuesday.
"""


def test_burkina_faso_shelling_the_story_says_is_another_event_does_not_join_the_fight_there(read):
    incidents = _violent(read(BURKINA_ANOTHER_STRIKE, "2025-03-05"))
    kinds = sorted((i.event_type, m.surface) for i in incidents for m in i.places[:1])
    assert kinds == [("armed_clash", "Arbinda"), ("armed_clash", "Djibo"), ("shelling", "Arbinda")]
