"""The same story from two outlets, and the same incident told by several reports."""

from __future__ import annotations

from dataclasses import replace

from geomap.merge import merge_incidents, syndication_groups
from geomap.records import EventDate, Incident, Mention, Place, SourceRef

GANJA = Place("586523", "Ganja", 40.68, 46.36, "AZ", "P", "PPLA")


def _incident(report, killed, *, sentence, group="", start="2020-10-11", precision=1):
    source = SourceRef(report, "Outlet", start, sentence, 0, len(sentence), killed, killed, syndication_group=group)
    return Incident(f"inc-{report}", "shelling", "Explosions/Remote violence", EventDate(start, start, precision),
                    (Mention(0, 5, "Ganja", GANJA, 1, 0.9),), killed_low=killed, killed_high=killed,
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


def test_syndicated_copies_count_once():
    words = "Shelling of Ganja on Sunday killed 14 people, officials said."
    a = _incident("a.txt", 14, sentence=words, group="syn-1")
    b = _incident("b.txt", 14, sentence=words, group="syn-1")
    c = _incident("c.txt", 14, sentence="Ganja was shelled on Sunday, killing 14.", group="syn-2")
    [merged] = merge_incidents([a, b, c])
    assert len(merged.sources) == 3 and merged.corroboration == 2


def test_different_days_or_types_stay_apart():
    a = _incident("a.txt", 14, sentence="Shelling of Ganja killed 14 people.")
    b = _incident("b.txt", 3, sentence="Shelling of Ganja killed 3 people.", start="2020-10-17")
    c = replace(_incident("c.txt", 3, sentence="Shelling of Ganja killed 14 people."), event_type="armed_clash")
    assert len(merge_incidents([a, b, c])) == 3


def test_merged_claims_keep_every_claimant_and_denial():
    a = replace(_incident("a.txt", 9, sentence="Azerbaijan said Ganja was shelled on Sunday, killing 9."),
                denied_by=("Armenia",))
    b = replace(_incident("b.txt", 9, sentence="Shelling of Ganja on Sunday killed nine, Baku said."), claimant="Baku")
    [merged] = merge_incidents([a, b])
    assert merged.claimant == "Azerbaijan; Baku" and merged.denied_by == ("Armenia",) and merged.is_claim
