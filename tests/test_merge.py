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


def test_a_report_joining_an_incident_does_not_change_its_id_even_when_it_becomes_the_primary():
    a = _incident("a.txt", None, sentence="Shelling of Ganja on Sunday hit homes, officials said.")
    b = _incident("b.txt", None, sentence="Armenian shelling hit Ganja on Sunday, the ministry said.")
    c = replace(_incident("c.txt", 9, sentence="Shelling of Ganja on Sunday killed nine, the ministry said."),
                claimant="Baku")
    [first] = merge_incidents([a, b])
    [second] = merge_incidents([c, b, a])
    assert second.claimant == "Baku; Azerbaijan"  # c, the one with a toll, is now the primary shown ...
    assert first.incident_id == second.incident_id == "inc-a.txt"  # ... but the id stays the earliest member's


# --- publication dates harmonised across reports ----------------------------------------------------------

from datetime import date  # noqa: E402
from pathlib import Path  # noqa: E402

from geomap.merge import harmonise_publication_dates, shared_passages  # noqa: E402
from geomap.reports import read_reports  # noqa: E402

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def _seeds(*prefixes):
    reports, _ = read_reports(SEEDS)
    return [r for r in reports if not prefixes or r.report_id[:3] in prefixes]


def _by_prefix(reports):
    return {r.report_id[:3]: r for r in reports}


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
