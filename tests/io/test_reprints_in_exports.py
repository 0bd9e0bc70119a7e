"""A story other outlets printed word for word: the briefing page and the KML balloon name them beside the source."""

from __future__ import annotations

from geomap.io.briefing import briefing_html
from geomap.io.kml import placemark_description
from geomap.records import EventDate, Incident, Mention, Place, Reprint, SourceRef

KORVAN = Place("test:korvan", "Korvan", 31.3, 34.3, "XX", "P", "PPL")
SENTENCE = "A jet struck a house in Korvan on Tuesday, killing four people, the wire agency said."


def _incident(*reprints: Reprint) -> Incident:
    source = SourceRef("a.txt", "Lowland Times", "2031-03-05", SENTENCE, 0, len(SENTENCE), 4, 4, reprints=reprints)
    return Incident("inc-a", "air_drone_strike", "Explosions/Remote violence", EventDate("2031-03-04", "2031-03-04", 1),
                    (Mention(24, 30, "Korvan", KORVAN, 1, 0.9),), killed_low=4, killed_high=4, sources=(source,))


def test_the_outlets_that_reprinted_a_source_are_named_in_the_briefing_and_the_kml_balloon():
    incident = _incident(Reprint("b.txt", "Harbour Post"), Reprint("c.txt", "Hill <b>Herald</b>"))
    assert "also carried by Harbour Post, Hill &lt;b&gt;Herald&lt;/b&gt;" in placemark_description(incident)
    assert "also carried by Harbour Post, Hill &lt;b&gt;Herald&lt;/b&gt;" in briefing_html([incident])


def test_a_source_nobody_reprinted_says_nothing_of_it():
    assert "also carried by" not in placemark_description(_incident())
    assert "also carried by" not in briefing_html([_incident()])
