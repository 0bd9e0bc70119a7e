"""Pure stages from a report to its mentions and incidents: no I/O, so they map over partitions.

`extract_report(report, gazetteer)` is the whole per-report path; `extract_reports` maps it
over an iterable (a Dask bag can call it per partition: `bag.map_partitions(lambda part:
list(extract_reports(part, shared_gazetteer())))`). Merging across reports and storing are
the store's job (`geomap.store.IncidentStore.ingest`), because they need every report.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Iterator

from geomap.events import extract_incidents
from geomap.records import Incident, Mention, Report
from geomap.sentences import Sentence, split_sentences


@dataclass(frozen=True, slots=True)
class ReportExtraction:
    """What one report yields: its place mentions (resolved or not) and its incidents and claims."""

    report: Report
    sentences: tuple[Sentence, ...]
    mentions: tuple[Mention, ...]
    incidents: tuple[Incident, ...]


def report_mentions(report: Report, gazetteer) -> tuple[Mention, ...]:
    """Place mentions of a report's text, spans into `report.text`."""
    from geomap.geoparse import geoparse

    return tuple(geoparse(report.text, gazetteer))


def report_incidents(report: Report, mentions: Iterable[Mention], *,
                     sentences: Iterable[Sentence] = ()) -> tuple[Incident, ...]:
    """Incidents and claims of a report from its mentions (sentences split here unless given)."""
    sentences = tuple(sentences) or tuple(split_sentences(report.text))
    return tuple(extract_incidents(report, tuple(mentions), sentences=sentences))


def extract_report(report: Report, gazetteer) -> ReportExtraction:
    """Report -> mentions -> incidents, for one report."""
    sentences = tuple(split_sentences(report.text))
    mentions = report_mentions(report, gazetteer)
    return ReportExtraction(report, sentences, mentions, report_incidents(report, mentions, sentences=sentences))


def extract_reports(reports: Iterable[Report], gazetteer) -> Iterator[ReportExtraction]:
    """`extract_report` over many reports, lazily."""
    for report in reports:
        yield extract_report(report, gazetteer)


__all__ = ["ReportExtraction", "extract_report", "extract_reports", "report_incidents", "report_mentions"]
