"""What a briefing's slide says of its store, without rendering it: the conflict outlines it draws and names (only
those its map shows: a slide of one war never names another's), its date window and its sites' dates."""

from __future__ import annotations

from geomap.io.briefing import _base_map, _outline_note, briefing_subtitle, briefing_view, site_table
from geomap.records import EventDate, Incident, Mention, Place, SourceRef


def truce_recalled(year):
    """A truce of `year` that a report of the war recalls (no place): history, not the war's news."""
    sentence = f"A truce signed in {year} had held until this spring."
    source = SourceRef("wire-history", "Invented Wire", "2031-04-04", sentence, 0, len(sentence))
    return Incident(f"inc-truce-{year}", "ceasefire", "Strategic developments",
                    EventDate(f"{year}-01-01", f"{year}-12-31", 5), (), sources=(source,), background=True)


def regions_drawn(view) -> list:
    layers = _base_map(view)["layout"]["map"]["layers"]
    return [f["properties"].get("name") for layer in layers if layer.get("name") == "regions"
            for f in layer["source"]["features"]]


def test_a_briefing_inside_an_outline_draws_and_names_that_outline_alone(delta_profile, shellings_at):
    view = briefing_view(shellings_at("Qarvel", 10.5, 30.4))
    assert _outline_note(view) == " · dashed: Delta front (rough)"
    assert set(regions_drawn(view)) == {"Delta front (rough)"}


def test_a_briefing_far_from_every_outline_names_none(delta_profile, shellings_at):
    view = briefing_view(shellings_at("Ostrel", 48.2, 8.9))
    assert _outline_note(view) == ""
    assert regions_drawn(view) == []


def test_no_outline_is_drawn_when_the_briefing_is_made_without_regions(delta_profile, shellings_at):
    view = briefing_view(shellings_at("Qarvel", 10.5, 30.4), region=False)
    assert _outline_note(view) == "" and regions_drawn(view) == []


def test_a_briefing_window_is_the_war_s_days_and_counts_the_history_its_reports_recall(shellings_at):
    incidents = shellings_at("Qarvel", 10.5, 30.4) + [truce_recalled(2009)]
    assert briefing_subtitle(incidents) == ("Events 02 Apr 2031 to 04 Apr 2031 (and 1 earlier event the reports "
                                            "recall) · no filter: every incident in the store")
    table = site_table(briefing_view(incidents))
    assert table["Dates"] == ["02–04 Apr", "Jan 2009–Dec 2009"]  # the war's days; the truce's years


def test_a_briefing_of_history_alone_spans_it():
    assert briefing_subtitle([truce_recalled(2009)]).startswith("Events 01 Jan 2009 to 31 Dec 2009 ·")


def test_a_vague_area_no_country_holds_is_given_no_country_in_the_table_or_the_csv(shellings_at):
    """A region spanning countries (precision 5, no country code) has a centre point only: the briefing's table and
    the CSV leave its country out rather than name the country its centre falls in; a town keeps its country."""
    from geomap.io.csv import acled_row

    basin = Place("test:qarvel-basin", "Qarvel Basin", 10.9, 30.9, "", "L", "RGN")
    sentence = "Fighting spread across the Qarvel Basin, the district office said."
    source = SourceRef("wire-basin", "Invented Wire", "2031-04-03", sentence, 0, len(sentence), mention_spans=((27, 39),))
    fighting = Incident("inc-basin", "armed_clash", "Battles", EventDate("2031-04-03", "2031-04-03", 1),
                        (Mention(27, 39, "Qarvel Basin", basin, 5, 0.8),), sources=(source,))
    town = shellings_at("Qarvel", 10.5, 30.4)
    assert site_table(briefing_view(town + [fighting]))["Where"] == ["Qarvel (Sudan)", "Qarvel Basin"]
    assert acled_row(fighting)["country"] is None and acled_row(town[0])["country"] == "Sudan"
