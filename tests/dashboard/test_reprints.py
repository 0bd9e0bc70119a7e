"""A story carried word for word by other outlets: each source in the details panel says who else carried it."""

from __future__ import annotations

from geomap.dashboard.components import incident_details
from geomap.records import EventDate, Incident, Mention, Place, Reprint, SourceRef
from test_dashboard_views import text_of

KORVAN = Place("test:korvan", "Korvan", 31.3, 34.3, "XX", "P", "PPL")
SENTENCE = "A jet struck a house in Korvan on Tuesday, killing four people, the wire agency said."


def _incident(*reprints: Reprint) -> Incident:
    source = SourceRef("a.txt", "Lowland Times", "2031-03-05", SENTENCE, 0, len(SENTENCE), 4, 4, reprints=reprints)
    return Incident("inc-a", "air_drone_strike", "Explosions/Remote violence", EventDate("2031-03-04", "2031-03-04", 1),
                    (Mention(24, 30, "Korvan", KORVAN, 1, 0.9),), killed_low=4, killed_high=4, sources=(source,))


def test_a_source_reprinted_by_two_outlets_names_them_once_each():
    incident = _incident(Reprint("b.txt", "Harbour Post", "https://post.example/b"),
                         Reprint("c.txt", "Hill Herald"), Reprint("c2.txt", "Hill Herald", published="2031-03-06"))
    assert "also carried by Harbour Post, Hill Herald" in text_of(incident_details(incident))
    assert incident.outlets == ("Lowland Times", "Harbour Post", "Hill Herald")
    assert incident.to_json()["outlets"] == ["Lowland Times", "Harbour Post", "Hill Herald"]


def test_a_source_nobody_reprinted_says_nothing_of_it():
    assert "also carried by" not in text_of(incident_details(_incident()))
