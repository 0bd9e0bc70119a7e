"""Violence told in the present perfect "since" an event the story dated ("Suicide bombers have since struck X and Y")
happened between that event and the report: its date spans from the start of the last dated event told before it to
publication, not the report's day. A count reported since ("hospital staff have since given a toll of 51") is still the count
of the event it updates. Reports written for these tests about Mali."""

from __future__ import annotations


def _dates_by_place(incidents, kind):
    return {m.surface: (i.date.start, i.date.end) for i in incidents if i.event_type == kind for m in i.places}


SINCE_A_CAPTURE = """Truck bomb kills 20 in Gao market

A truck packed with explosives blew up in the main market of Gao on Tuesday, killing at least 20 people, the army said.

Jihadist fighters seized Ansongo in March last year. Suicide bombers have since struck Menaka and Bourem, residents say.
"""


def test_violence_told_since_an_event_spans_from_it_to_the_report(read):
    bombings = _dates_by_place(read(SINCE_A_CAPTURE, "2022-06-08"), "bombing")
    assert bombings == {"Gao": ("2022-06-07", "2022-06-07"), "Menaka": ("2021-03-01", "2022-06-08"),
                        "Bourem": ("2021-03-01", "2022-06-08")}


def test_a_count_reported_since_keeps_the_day_of_its_event(read):
    text = ("Gunmen killed 20 villagers in Tessit on Monday, officials said. Hospital staff have since given a "
            "higher toll of 51 dead.")
    [incident] = read(text, "2022-06-08")
    assert (incident.date.start, incident.date.end, incident.killed_low) == ("2022-06-06", "2022-06-06", 51)
