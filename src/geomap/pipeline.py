"""Pure stages from a report to its mentions and incidents: no I/O, so they map over partitions.

`extract_report(report, gazetteer)` is the whole per-report path; `extract_reports` maps it
over an iterable. `extract_reports_from_paths` is the serial path from files to extractions:
read, harmonise publication dates across the reports (`geomap.merge.harmonise_publication_dates`,
which needs them all, so it sits between the two mapped stages), then extract.
`extract_reports_on_dask` is the same path over a `dask.bag`, for a corpus that outgrows one
process: reading and extraction map over partitions (each loads the gazetteer once through
`shared_gazetteer()`, cached per process) and give the same records in the same order.
Dask is imported only there (`pip install 'geomap[dask]'`). Merging incidents across reports
and storing are the store's job (`geomap.store.IncidentStore.ingest`).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Iterable, Iterator, Optional, Sequence, Union

from geomap.events import extract_incidents
from geomap.records import Incident, IngestProblem, Mention, Report
from geomap.sentences import Sentence, split_sentences

PathLike = Union[str, os.PathLike]


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


def _with_harmonised_dates(reports: Sequence[Report], known: Sequence[Report]) -> list[Report]:
    """`reports` with publication dates harmonised against each other and the `known` (stored) reports."""
    from geomap.merge import harmonise_publication_dates

    return harmonise_publication_dates([*known, *reports])[len(known):]


def extract_reports_from_paths(paths: Union[PathLike, Iterable[PathLike]], gazetteer=None, *,
                               known: Sequence[Report] = ()
                               ) -> tuple[list[ReportExtraction], list[IngestProblem]]:
    """Read every report under `paths`, harmonise their dates (with `known` reports too), extract each."""
    from geomap.reports import read_reports

    reports, problems = read_reports(paths)
    reports = _with_harmonised_dates(reports, known)
    if reports and gazetteer is None:
        from geomap.gazetteer import shared_gazetteer

        gazetteer = shared_gazetteer()
    return list(extract_reports(reports, gazetteer)), problems


# --- on Dask ------------------------------------------------------------------------------------------------


def _partitions(n_items: int, npartitions: Optional[int]) -> int:
    return max(1, min(n_items, npartitions or os.cpu_count() or 1))


def _read_partition(files: Iterable[str]) -> list[tuple[list[Report], list[IngestProblem]]]:
    from geomap.reports import read_reports

    return [read_reports([path]) for path in files]


def _extract_partition(reports: Iterable[Report]) -> list[ReportExtraction]:
    from geomap.gazetteer import shared_gazetteer

    return list(extract_reports(reports, shared_gazetteer()))


def read_reports_on_dask(paths: Union[PathLike, Iterable[PathLike]], *, npartitions: Optional[int] = None,
                         scheduler: Optional[str] = None) -> tuple[list[Report], list[IngestProblem]]:
    """`geomap.reports.read_reports` with the files read over a dask bag: same reports and problems, same order."""
    import dask.bag

    # Folders are walked here, as read_reports walks them, so a missing path is reported first as well.
    from geomap.reports import report_files

    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    problems: list[IngestProblem] = []
    files = [str(path) for path in report_files(paths, problems)]
    reports: list[Report] = []
    if files:
        bag = dask.bag.from_sequence(files, npartitions=_partitions(len(files), npartitions))
        for found, file_problems in bag.map_partitions(_read_partition).compute(scheduler=scheduler):
            reports.extend(found)
            problems.extend(file_problems)
    return reports, problems


def extract_on_dask(reports: Sequence[Report], *, npartitions: Optional[int] = None,
                    scheduler: Optional[str] = None) -> list[ReportExtraction]:
    """`extract_report` over a dask bag of reports, the gazetteer loaded once per worker process; in order."""
    import dask.bag

    if not reports:
        return []
    bag = dask.bag.from_sequence(list(reports), npartitions=_partitions(len(reports), npartitions))
    return list(bag.map_partitions(_extract_partition).compute(scheduler=scheduler))


def extract_reports_on_dask(paths: Union[PathLike, Iterable[PathLike]], *, npartitions: Optional[int] = None,
                            scheduler: Optional[str] = None, known: Sequence[Report] = ()
                            ) -> tuple[list[ReportExtraction], list[IngestProblem]]:
    """`extract_reports_from_paths` on Dask: read and extract over bags, harmonise dates in between.

    `scheduler` is any dask scheduler name ("synchronous", "threads", "processes") or None for
    dask's default (or a distributed client's, when one is active).
    """
    reports, problems = read_reports_on_dask(paths, npartitions=npartitions, scheduler=scheduler)
    reports = _with_harmonised_dates(reports, known)
    return extract_on_dask(reports, npartitions=npartitions, scheduler=scheduler), problems


__all__ = ["ReportExtraction", "extract_on_dask", "extract_report", "extract_reports", "extract_reports_from_paths",
           "extract_reports_on_dask", "read_reports_on_dask", "report_incidents", "report_mentions"]
