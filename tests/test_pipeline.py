"""The pure stages: a report in, its mentions and incidents out, no I/O, the same answer every time."""

from __future__ import annotations

from pathlib import Path

from geomap.pipeline import extract_report, extract_reports, report_incidents, report_mentions
from geomap.reports import read_reports, report_from_text

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def test_stages_compose_and_are_deterministic(gazetteer):
    reports, _ = read_reports(SEEDS)
    first = [x.incidents for x in extract_reports(reports, gazetteer)]
    second = [report_incidents(r, report_mentions(r, gazetteer)) for r in reports]
    assert first == second
    assert sum(len(x) for x in first) > 20


def test_a_short_report_gives_a_dated_placed_incident(gazetteer):
    report = report_from_text("Mon 12 October 2020:\nArmenian forces shelled Barda on Sunday, killing four "
                              "civilians, Azerbaijan's defence ministry said.", report_id="short.txt")
    extraction = extract_report(report, gazetteer)
    [incident] = extraction.incidents
    assert incident.event_type == "shelling"
    assert [m.place.name for m in incident.places] == ["Barda"]
    assert (incident.date.start, incident.killed_low, incident.civilians_killed_low) == ("2020-10-11", 4, 4)
    assert incident.claimant == "Azerbaijan's defence ministry"
    assert any(m.surface == "Barda" for m in extraction.mentions)
