"""A story other outlets printed word for word: the briefing page and the KML balloon name them beside the source."""

from __future__ import annotations

from geomap.io.briefing import briefing_html
from geomap.io.kml import placemark_description
from geomap.records import Reprint


def test_the_outlets_that_reprinted_a_source_are_named_in_the_briefing_and_the_kml_balloon(strike_reprinted_by):
    incident = strike_reprinted_by(Reprint("b.txt", "Harbour Post"), Reprint("c.txt", "Hill <b>Herald</b>"))
    assert "also carried by Harbour Post, Hill &lt;b&gt;Herald&lt;/b&gt;" in placemark_description(incident)
    assert "also carried by Harbour Post, Hill &lt;b&gt;Herald&lt;/b&gt;" in briefing_html([incident])


def test_a_source_nobody_reprinted_says_nothing_of_it(strike_reprinted_by):
    assert "also carried by" not in placemark_description(strike_reprinted_by())
    assert "also carried by" not in briefing_html([strike_reprinted_by()])
