"""An incident told by two outlets with different figures: the details say "at least" where a source gave no upper
bound, and a count of civilians that only one account gives is not read as part of the other's toll."""

from __future__ import annotations

from dataclasses import replace

from geomap.dashboard.components import incident_details
from geomap.merge import merge_incidents
from geomap.records import EventDate, Incident, Mention, Place, SourceRef
from test_dashboard_views import text_of

KORVAN = Place("test:korvan", "Korvan", 31.3, 34.3, "XX", "P", "PPL")


def _told(report: str, sentence: str, killed: tuple, civilians: tuple = (None, None)) -> Incident:
    source = SourceRef(report, f"Outlet {report}", "2031-03-05", sentence, 0, len(sentence), *killed)
    return Incident(f"inc-{report}", "air_drone_strike", "Explosions/Remote violence",
                    EventDate("2031-03-04", "2031-03-04", 1), (Mention(0, 6, "Korvan", KORVAN, 1, 0.9),),
                    killed_low=killed[0], killed_high=killed[1], civilians_killed_low=civilians[0],
                    civilians_killed_high=civilians[1], sources=(source,))


def test_an_open_figure_and_another_outlets_civilians_read_as_told():
    first = _told("a.txt", "Shelling of a school in Korvan killed at least nine people, medics said.", (9, None))
    second = _told("b.txt", "Twelve pupils died when shells hit their school in Korvan.", (12, 12), (12, 12))
    [merged] = merge_incidents([first, second])
    text = text_of(incident_details(merged))
    assert "at least 9 killed" in text
    assert "12 civilians by one account" in text and "including 12 civilians" not in text
    alone = text_of(incident_details(replace(second, civilians_killed_low=5, civilians_killed_high=5)))
    assert "12 killed, including 5 civilians" in alone
