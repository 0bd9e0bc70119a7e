"""A story carried word for word by other outlets: each source in the details panel says who else carried it."""

from __future__ import annotations

from geomap.dashboard.components import incident_details
from geomap.records import Reprint
from test_dashboard_views import text_of


def test_a_source_reprinted_by_two_outlets_names_them_once_each(strike_reprinted_by):
    incident = strike_reprinted_by(Reprint("b.txt", "Harbour Post", "https://post.example/b"),
                                   Reprint("c.txt", "Hill Herald"),
                                   Reprint("c2.txt", "Hill Herald", published="2031-03-06"))
    assert "also carried by Harbour Post, Hill Herald" in text_of(incident_details(incident))
    assert incident.outlets == ("Lowland Times", "Harbour Post", "Hill Herald")
    assert incident.to_json()["outlets"] == ["Lowland Times", "Harbour Post", "Hill Herald"]


def test_a_source_nobody_reprinted_says_nothing_of_it(strike_reprinted_by):
    assert "also carried by" not in text_of(incident_details(strike_reprinted_by()))
