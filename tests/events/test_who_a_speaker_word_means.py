"""Who "the ministry", "the official" or "he" is when a sentence names its speaker only so: the last speaker of
that kind, else the last one of that kind the story named, never a speaker of another kind quoted before.
Reports written for these tests about Chad (an invented raid on Abeche) and Mozambique."""

from __future__ import annotations

from geomap.events.claimants import speaker_meant

ABECHE = """Drone strike hits clinic in Abeche

The interior ministry blamed rebel forces for a drone strike on a clinic in Abeche on Monday. Six patients were killed, medics at the city hospital said.

Since the rebellion began, 2,400 civilians have been killed in the east, the ministry says.
"""


def test_the_ministry_is_the_ministry_the_story_named_not_the_medics_quoted_before(read):
    incidents = read(ABECHE, "2026-03-04")
    toll = next(i for i in incidents if i.killed_low and i.killed_low > 2000)
    assert toll.claimant == "The interior ministry"
    strike = next(i for i in incidents if i.killed_low == 6)
    assert strike.claimant == "medics at the city hospital"


def test_a_speaker_word_takes_the_last_speaker_of_its_kind():
    earlier = "Police in Pemba said two boats sank. The provincial governor said rescuers were searching."
    assert speaker_meant("he", "The provincial governor", earlier) == "The provincial governor"
    assert speaker_meant("The ministry", "The health ministry in Maputo", earlier) == "The health ministry in Maputo"
    assert speaker_meant("the official", "a senior police official", earlier) == "a senior police official"
    assert speaker_meant("The ministry", "The provincial governor", earlier) == "The ministry"  # none named before
    assert speaker_meant("The ministry", "Police in Pemba", earlier + " The defence ministry blamed insurgents.") \
        == "The defence ministry"
