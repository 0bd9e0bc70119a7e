"""The ingest pipeline: read -> stories -> dates -> extract -> link -> write. The pipeline orchestrates; the store stores.

Each stage is a function over records:
- `read` (`geomap.reports.read_reports`): files to `Report`s and the problems met;
- `new_reports`: what the store does not hold yet (by content hash), and the copies of what it holds or the
  batch brings twice: a copy another outlet (or URL, or date) published is kept as a reprint of the stored
  report (`add_reprints`), extracted once and counted once towards corroboration; one that is the same
  publication again changes nothing (idempotent);
- `find_stories`: copies of one story among the new reports and the stored ones (`geomap.merge`), through
  the store's passage-fingerprint index, and the stored reports sharing passages with the new ones;
- `date_reports`: publication dates harmonised over the new reports and those neighbours
  (`geomap.merge.harmonise_publication_dates`); stored reports whose date improves are extracted again;
- `extract_report`: report -> mentions -> incidents and claims (no I/O; the gazetteer is passed in);
- `link_claims_to_store`: each new claim compared with the claims in its blocks (`geomap.merge.cluster_claims`),
  stored ones found through the store's block index, so the cost per report does not grow with the store;
- `geomap.review.shown_incidents`: the analysts' review log applied again to the incidents the merge touched;
- the write: the store's methods inside one `IncidentStore.transaction()`.

On Dask (`DaskOptions`) reading and extraction map over partitions, each worker loading the gazetteer once
(`shared_gazetteer()`, cached per process); the stories, dates, linking and the write stay in this process
and are the same code, so the store holds the same incidents as after a serial ingest. `workers=N` starts a
local `dask.distributed` cluster of N processes for the ingest and stops it after; `scheduler=ADDRESS` uses
a running scheduler; `scheduler="threads"`/`"synchronous"` uses dask's local schedulers. Dask is imported
only on these paths (`pip install 'geomap[dask]'`).
"""

from __future__ import annotations

import gc
import os
import pickle
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import Callable, Iterable, Iterator, Optional, Sequence, Union

from geomap.events import extract_incidents
from geomap.records import Incident, IngestProblem, Mention, Report, Reprint
from geomap.review import shown_incidents
from geomap.sentences import Sentence, split_sentences

PathLike = Union[str, os.PathLike]
Progress = Callable[[str, int, int], None]  # (stage, done, total)
LINK_CHUNK = 2000  # claims linked per round trip to the store's block index


@dataclass(frozen=True, slots=True)
class ReportExtraction:
    """What one report yields: its place mentions (resolved or not) and its incidents and claims."""

    report: Report
    sentences: tuple[Sentence, ...]
    mentions: tuple[Mention, ...]
    incidents: tuple[Incident, ...]


@dataclass
class IngestSummary:
    """What one ingest did: shown at the end of `geomap ingest`."""

    reports_read: int = 0  # reports taken in by this ingest (new content)
    reports_skipped: list[IngestProblem] = field(default_factory=list)  # files or rows not read, with the reason
    incidents: int = 0  # incidents in the store after the ingest (merged across reports)
    claims: int = 0  # of those, incidents that rest on someone's claim (reported speech)
    unresolved_place_names: list[str] = field(default_factory=list)  # names in the new reports with no place
    already_present: int = 0  # reports whose content was already stored: nothing changed for them
    reprints: int = 0  # copies of a stored report's words from another outlet, URL or date: kept as its reprints
    incidents_extracted: int = 0  # incidents and claims extracted from the new reports, before merging
    stored_reports_redated: int = 0  # stored reports that took a new report's date (same event) and were re-extracted
    reading_notes: list[tuple[str, str]] = field(default_factory=list)  # (report, a repair made reading it)


@dataclass(frozen=True)
class DaskOptions:
    """Where the mapped stages run: a local cluster of `workers` processes, or a `scheduler` (an address of a
    running dask.distributed scheduler, or a local dask scheduler name such as "threads"); `npartitions`
    defaults to the number of workers (or cores)."""

    workers: int = 0
    scheduler: Optional[str] = None
    npartitions: Optional[int] = None


@dataclass(frozen=True)
class ReportBudget:
    """CPU seconds one report may take at each stage that reads its text (its title and dates, then its
    extraction): `base` plus `per_mb` for each megabyte of its text. A report over it is skipped with the reason
    and the others go in. Every stage is meant to be linear in a report's length; this is the guard when one
    is not (see `geomap.budget`: the stage runs in a forked worker that is killed at the deadline)."""

    base: float = 20.0
    per_mb: float = 5.0

    def seconds(self, report) -> float:
        return self.base + self.per_mb * len(report.text) / 1_000_000


def _label(report) -> str:
    path = report.source_path or report.report_id
    return path if report.report_id == Path(path).name else f"{path} report {report.report_id!r}"


def _skipped(report, stage: str, error: str) -> IngestProblem:
    """The problem for a report that a budgeted stage gave up on."""
    path = report.source_path or report.report_id
    if error.startswith("over its time budget"):
        return IngestProblem(path, f"{_label(report)} was skipped: {stage} went {error} ({len(report.text) / 1e6:.1f} MB "
                                   "of text); split it into shorter reports, or give each report more time "
                                   "(geomap ingest --report-seconds)")
    return IngestProblem(path, f"{_label(report)} was skipped: geomap failed {stage} ({error}); this is a bug in geomap, "
                               "please report it with the file; the other reports went in")


# --- reading: files -> sources -> reports, each report's detection within its budget -----------------------


def detect_reports(sources: Sequence, *, budget: ReportBudget = ReportBudget(),
                   progress: Optional[Progress] = None) -> tuple[list[Report], list[IngestProblem]]:
    """Each source's title, publisher and publication date (`geomap.reports.report_or_problem`), within its budget."""
    from geomap.budget import map_with_budget
    from geomap.reports import report_or_problem

    tell = (lambda done, total: progress("read", done, total)) if progress else None
    reports, problems = [], []
    for source, outcome in zip(sources, map_with_budget(report_or_problem, sources, seconds=budget.seconds,
                                                        progress=tell)):
        if not outcome.ok:
            problems.append(_skipped(source, "reading its title and dates", outcome.error))
            continue
        report, problem = outcome.value
        if report is not None:
            reports.append(report)
        else:
            problems.append(problem)
    return reports, problems


def read_with_budget(paths: Union[PathLike, Iterable[PathLike]], *, budget: ReportBudget = ReportBudget(),
                     progress: Optional[Progress] = None) -> tuple[list[Report], list[IngestProblem]]:
    """`geomap.reports.read_reports` with each report's detection step within its time budget."""
    from geomap.reports import read_sources

    sources, problems = read_sources(paths)
    reports, skipped = detect_reports(sources, budget=budget, progress=progress)
    return reports, problems + skipped


# --- extraction: report -> mentions -> incidents -----------------------------------------------------------


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


def extract_with_budget(reports: Sequence[Report], gazetteer, *, budget: ReportBudget = ReportBudget(),
                        progress: Optional[Callable[[int, int], None]] = None) -> list:
    """`extract_report` over `reports`, each within its budget: a `geomap.budget.Outcome` per report, in order."""
    return _with_reports(reports, _findings_with_budget(reports, gazetteer, budget=budget, progress=progress))


def _findings(report: Report, gazetteer) -> tuple:
    """A report's extraction without the report: what a worker sends back (the caller has the report)."""
    extraction = extract_report(report, gazetteer)
    return extraction.sentences, extraction.mentions, extraction.incidents


def _findings_with_budget(reports: Sequence[Report], gazetteer, *, budget: ReportBudget,
                          progress: Optional[Callable[[int, int], None]] = None) -> list:
    from geomap.budget import map_with_budget

    return map_with_budget(partial(_findings, gazetteer=gazetteer), reports, seconds=budget.seconds, progress=progress)


def _with_reports(reports: Sequence[Report], found: Sequence) -> list:
    """Outcomes of `_findings` as Outcomes of ReportExtraction, each with its report again."""
    from geomap.budget import Outcome

    return [Outcome(ReportExtraction(report, *o.value)) if o.ok else o for report, o in zip(reports, found)]


def _extract_partition(reports: Sequence[Report], budget: ReportBudget) -> bytes:
    """What a Dask worker sends back: an Outcome of `_findings` per report, pickled as the budget's worker pickles
    them (`geomap.budget.pickle_records`: Dask's pickling of records field by field took three times as long
    to read back in the ingesting process)."""
    from geomap.budget import pickle_records
    from geomap.gazetteer import shared_gazetteer

    gazetteer = shared_gazetteer()
    # The gazetteer and the partition's reports live through the task: the collector need not walk them at each
    # full collection (unless the process froze them already: a local scheduler runs this in the ingest's own).
    freeze = gc.get_freeze_count() == 0
    if freeze:
        gc.freeze()
    try:
        return pickle_records(_findings_with_budget(reports, gazetteer, budget=budget))
    finally:
        if freeze:
            gc.unfreeze()


def _read_back(part: bytes) -> list:
    """A partition's extractions as a worker sent them, read in with the ones read before frozen (`gc.freeze`,
    undone by `_ingest` or `extract_on_dask` at their end): a partition brings back hundreds of thousands of
    records, and the collector would otherwise walk all those before it at each full collection (1.7 of the
    2.8 s of CPU reading back 20,000 reports)."""
    gc.freeze()
    return pickle.loads(part)


def _passages_partition(reports: Sequence[Report]) -> list[tuple[frozenset[int], frozenset[int]]]:
    return [report_passages(report) for report in reports]


def _read_partition(files: Sequence[str], budget: ReportBudget) -> list[tuple[list[Report], list[IngestProblem]]]:
    from geomap.reports import read_file_sources

    read = []
    for path in files:
        sources, problems = read_file_sources(path)
        reports, skipped = detect_reports(sources, budget=budget)
        read.append((reports, problems + skipped))
    return read


# --- on Dask ------------------------------------------------------------------------------------------------


def _is_address(scheduler: Optional[str]) -> bool:
    return bool(scheduler) and ("://" in scheduler or ":" in scheduler)


# A local cluster's housekeeping costs CPU for as long as it runs, in the ingesting process (the scheduler) and in
# every worker and nanny: on a loaded machine, where an ingest waits long, more than the extraction it offloads.
# A few tasks of known cost need no statistical profiler, work stealing, memory manager or fine-grained monitors.
_QUIET_CLUSTER = {
    "distributed.worker.profile.enabled": False,
    "distributed.scheduler.work-stealing": False,
    "distributed.scheduler.active-memory-manager.start": False,
    "distributed.admin.tick.interval": "1s",
    "distributed.admin.system-monitor.interval": "5s",
    "distributed.admin.system-monitor.gil.enabled": False,
    "distributed.worker.memory.monitor-interval": "1s",
}


@contextmanager
def dask_runner(options: DaskOptions) -> Iterator[Callable[[Callable, list], list]]:
    """A `run(func, partitions) -> [func(partition), ...]` over Dask, for the length of the block.

    A local cluster started here is closed on the way out, workers and all, whatever happens inside.
    """
    if options.workers or _is_address(options.scheduler):
        from distributed import Client, LocalCluster

        cluster = None
        if _is_address(options.scheduler):
            client = Client(options.scheduler, set_as_default=False)
        else:
            import dask

            with dask.config.set(_QUIET_CLUSTER):  # the workers take the config they are started with
                cluster = LocalCluster(n_workers=options.workers, threads_per_worker=1, processes=True,
                                       dashboard_address=None, silence_logs=40)
            client = Client(cluster, set_as_default=False)
        try:
            yield lambda func, parts: client.gather(client.map(func, parts, pure=False))
        finally:
            client.close()
            if cluster is not None:
                cluster.close()
    else:
        import dask.bag

        def run(func: Callable, parts: list) -> list:
            bag = dask.bag.from_sequence(parts, npartitions=len(parts))
            return bag.map_partitions(lambda p: [func(part) for part in p]).compute(scheduler=options.scheduler)

        yield run


def _split(items: Sequence, n: int) -> list[list]:
    n = max(1, min(len(items), n))
    size, extra = divmod(len(items), n)
    parts, start = [], 0
    for k in range(n):
        end = start + size + (1 if k < extra else 0)
        parts.append(list(items[start:end]))
        start = end
    return parts


def _npartitions(options: DaskOptions, n_items: int, *, per_worker: int = 4) -> int:
    workers = options.workers or options.npartitions or os.cpu_count() or 1
    return max(1, min(n_items, options.npartitions or workers * per_worker))


def read_reports_on_dask(paths: Union[PathLike, Iterable[PathLike]], *, run: Callable, npartitions: int,
                         budget: ReportBudget = ReportBudget()) -> tuple[list[Report], list[IngestProblem]]:
    """`geomap.reports.read_reports` with the files read over Dask: the same reports and problems, in order."""
    from geomap.reports import report_files

    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    problems: list[IngestProblem] = []
    files = [str(path) for path in report_files(paths, problems)]  # walked here, so missing paths come first
    reports: list[Report] = []
    if files:
        for part in run(partial(_read_partition, budget=budget), _split(files, npartitions)):
            for found, file_problems in part:
                reports.extend(found)
                problems.extend(file_problems)
    return reports, problems


def extract_on_dask(reports: Sequence[Report], *, run: Callable, npartitions: int,
                    budget: ReportBudget = ReportBudget()) -> list:
    """`extract_with_budget` over Dask partitions, the gazetteer loaded once per worker process: an Outcome per
    report, in order."""
    try:
        return _on_dask(DaskOptions(npartitions=npartitions), run, budget)["extract"](reports)
    finally:
        gc.unfreeze()  # what `_read_back` froze


def _on_dask(options: DaskOptions, run: Callable, budget: ReportBudget = ReportBudget()) -> dict[str, Callable]:
    """The per-report stages of `_ingest` mapped over Dask partitions: passages for the stories, and extraction
    (each report within its budget, an Outcome per report)."""
    def mapped(func: Callable, reports: Sequence[Report], *, read: Callable = lambda part: part) -> list:
        if not reports:
            return []
        return [x for part in run(func, _split(reports, _npartitions(options, len(reports)))) for x in read(part)]

    def extract(reports: Sequence[Report]) -> list:
        return _with_reports(reports, mapped(partial(_extract_partition, budget=budget), reports, read=_read_back))

    return {"passages": lambda reports: mapped(_passages_partition, reports), "extract": extract}


# --- stories and dates --------------------------------------------------------------------------------------


def new_reports(store, reports: Sequence[Report]) -> tuple[list[Report], list[Report]]:
    """The reports the store does not hold yet (first of each content hash), and the copies: reports whose
    content the store or an earlier report of the batch holds (each a reprint, or nothing new: `add_reprints`)."""
    stored = store.stored_hashes(r.content_hash for r in reports)
    fresh, seen, copies = [], set(), []
    for report in reports:
        if report.content_hash in stored or report.content_hash in seen:
            copies.append(report)
            continue
        seen.add(report.content_hash)
        fresh.append(report)
    return fresh, copies


def is_same_publication(known: Reprint, report: Report) -> bool:
    """`report` is a publication the store knows already: the same file or batch row, or the same outlet and URL
    on the same date (or on none: the store's date may have come from the report's copies). Anything else with
    the same words is another outlet's (or page's, or day's) reprint."""
    if (known.source_path, known.report_id) == (report.source_path, report.report_id):
        return True
    return (known.publisher, known.url) == (report.publisher, report.url) and report.published in (None, known.published)


def add_reprints(store, copies: Sequence[Report]) -> tuple[list[int], int]:
    """Store each copy that is a new publication of a stored report as its reprint (inside the transaction);
    returns the row ids of the reports that gained reprints, and how many copies were the same publication
    again (or copies of a report that could not be stored: nothing to keep them for)."""
    known = store.publications(r.content_hash for r in copies)
    reprinted, present = [], 0
    for copy in copies:
        if copy.content_hash not in known:
            present += 1
            continue
        pk, publications = known[copy.content_hash]
        if any(is_same_publication(p, copy) for p in publications):
            present += 1
            continue
        publications.append(store.add_reprint(pk, copy))
        reprinted.append(pk)
    return reprinted, present


@dataclass
class Stories:
    """Copies of one story among new and stored reports, and the stored reports sharing passages with new ones."""

    story: dict[str, str]  # content hash of a new report -> its syndication group
    fingerprints: dict[str, frozenset[int]]  # content hash of a new report -> its passage fingerprints
    renames: dict[str, str]  # stored group -> the group it is now part of
    neighbours: list  # StoredReport: stored reports sharing passages or a story with the new reports


_STORY_NEIGHBOURS = 200  # stored copies of one story looked at for dates (the best-dated first)


def report_passages(report: Report) -> tuple[frozenset[int], frozenset[int]]:
    """What `find_stories` compares of a report: its passage fingerprints and its word shingles (`geomap.merge`)."""
    from geomap.merge import passage_fingerprints, shingles

    return passage_fingerprints(report.text), shingles(report.text)


def find_stories(store, reports: Sequence[Report], *,
                 passages: Optional[Sequence[tuple[frozenset[int], frozenset[int]]]] = None) -> Stories:
    """Group the new reports into stories, with each other and with stored ones (see `geomap.merge`).
    `passages`: `report_passages` of each report, if already computed (on Dask, by the workers)."""
    from geomap.merge import MIN_SHARED_FINGERPRINTS, _DisjointSets, are_copies, passage_fingerprints, shingles
    from geomap.merge import report_group_name
    from geomap.store import FINGERPRINT_POSTINGS

    if passages is None:
        prints = [passage_fingerprints(r.text) for r in reports]
        shingle_sets: dict[object, frozenset[int]] = {}
    else:
        prints = [p for p, _ in passages]
        shingle_sets = {i: s for i, (_, s) in enumerate(passages)}

    def shingles_of(key, text: str) -> frozenset[int]:
        if key not in shingle_sets:
            shingle_sets[key] = shingles(text)
        return shingle_sets[key]

    # nodes: 0..n-1 the new reports, n.. the stored stories met
    story_node: dict[str, int] = {}
    nodes = _DisjointSets(len(reports))
    stored: dict[int, object] = {}  # pk -> StoredReport
    postings: dict[int, list[int]] = defaultdict(list)
    shared_any: set[int] = set()
    # the stored postings of every fingerprint of the batch, in one query per thousand reports
    stored_postings: dict[int, list[int]] = {}
    for start in range(0, len(reports), 1000):
        stored_postings.update(store.fingerprint_postings(set().union(*prints[start:start + 1000])))
    for i, report in enumerate(reports):
        shared: dict[object, int] = defaultdict(int)
        from_store: dict[int, int] = defaultdict(int)
        for h in prints[i]:
            found = postings[h]
            for j in found:
                shared[j] += 1
            if len(found) < FINGERPRINT_POSTINGS:
                found.append(i)
            for pk in stored_postings.get(h, ()):
                from_store[pk] += 1
        from_store = {pk: n for pk, n in from_store.items() if n >= MIN_SHARED_FINGERPRINTS}
        missing = [pk for pk in from_store if pk not in stored]
        if missing:
            stored.update({s.pk: s for s in store.stored_reports(missing)})
        shared_any.update(from_store)
        # one representative per story: the member sharing most
        best: dict[object, tuple[int, object]] = {}
        for j, n in shared.items():
            if n >= MIN_SHARED_FINGERPRINTS:
                root = ("new", nodes.find(j))
                if root not in best or n > best[root][0]:
                    best[root] = (n, j)
        for pk, n in from_store.items():
            s = stored[pk]
            if s.story not in story_node:
                story_node[s.story] = len(nodes.parent)
                nodes.parent.append(len(nodes.parent))
            root = ("new", nodes.find(story_node[s.story]))
            if root not in best or n > best[root][0]:
                best[root] = (n, ("stored", pk))
        for _, j in sorted(best.values(), key=lambda x: -x[0]):
            if isinstance(j, tuple):
                s = stored[j[1]]
                theirs, other = shingles_of(j, s.report.text), story_node[s.story]
            else:
                theirs, other = shingles_of(j, reports[j].text), j
            if nodes.find(i) != nodes.find(other) and are_copies(shingles_of(i, report.text), theirs):
                nodes.join(i, other)
    members: dict[int, list] = defaultdict(list)
    for i in range(len(reports)):
        members[nodes.find(i)].append(("new", i))
    for name, node in story_node.items():
        members[nodes.find(node)].append(("stored", name))
    story: dict[str, str] = {}
    renames: dict[str, str] = {}
    for group in members.values():
        names = [report_group_name(reports[x].content_hash) if kind == "new" else x for kind, x in group]
        name = min(names)
        for kind, x in group:
            if kind == "new":
                story[reports[x].content_hash] = name
            elif x != name:
                renames[x] = name
    neighbours = {pk: stored[pk] for pk in shared_any}
    stories_met = {s for s in story.values()} | set(renames)
    for s in store.reports_in_stories(stories_met, limit=_STORY_NEIGHBOURS):
        neighbours.setdefault(s.pk, s)
    neighbours = [replace(s, story=renames.get(s.story, s.story)) for _, s in sorted(neighbours.items())]
    return Stories(story, {r.content_hash: p for r, p in zip(reports, prints)}, renames, neighbours)


def date_reports(reports: Sequence[Report], stories: Stories) -> tuple[list[Report], list[tuple[int, Report]]]:
    """The new reports with publication dates harmonised over them and their stored neighbours, and the stored
    reports whose date improves (row id, report)."""
    from geomap.merge import harmonise_publication_dates

    neighbours = stories.neighbours
    groups = {**{s.report.content_hash: s.story for s in neighbours}, **stories.story}
    dated = harmonise_publication_dates([s.report for s in neighbours] + list(reports), groups=groups,
                                        fingerprints=stories.fingerprints)
    # A stored report's date only ever improves: its neighbourhood here may lack the donor it has now.
    redated = [(s.pk, new) for s, new in zip(neighbours, dated)
               if new.published_confidence > s.report.published_confidence]
    return dated[len(neighbours):], redated


# --- linking ------------------------------------------------------------------------------------------------


def link_claims_to_store(store, claims: Sequence[Incident]):
    """`geomap.merge.cluster_claims` for new claims (sources marked with their story), the stored candidates
    fetched through the store's block index; returns the `ClaimLink`s in order."""
    from geomap.merge import cluster_claims, probe_keys

    probes = [probe_keys(c, story=c.sources[0].syndication_group) for c in claims]
    by_key: dict[str, list[tuple[str, Incident]]] = defaultdict(list)
    for key, incident_id, claim in store.claims_in_blocks(set().union(*probes) if probes else ()):
        by_key[key].append((incident_id, claim))
    members = store.claims_of_incidents({incident_id for found in by_key.values() for incident_id, _ in found})
    probe_of = {c.incident_id: p for c, p in zip(claims, probes)}

    def stored(claim: Incident) -> Iterator[tuple[str, Incident]]:
        for key in probe_of[claim.incident_id]:
            yield from by_key.get(key, ())

    return cluster_claims(claims, members=members, stored=stored)


# --- the whole ingest ---------------------------------------------------------------------------------------


def ingest(store, paths: Union[PathLike, Iterable[PathLike]], *, gazetteer=None, progress: Optional[Progress] = None,
           dask: Optional[DaskOptions] = None, budget: ReportBudget = ReportBudget(), wait: float = 600.0,
           waiting: Optional[Callable[[str], None]] = None) -> IngestSummary:
    """Read the reports under `paths` and ingest them into `store` (see `ingest_reports`).

    Reading needs no lock; from the check of what the store holds to the commit, the ingest holds the
    store's writer lock (`IncidentStore.writer_lock`), so a second ingest into the same store waits up to
    `wait` seconds (telling `waiting` once) and then stores only what the first did not.
    """
    if dask is None:
        reports, problems = read_with_budget(paths, budget=budget, progress=progress)
        return ingest_reports(store, reports, problems=problems, gazetteer=gazetteer, progress=progress,
                              budget=budget, wait=wait, waiting=waiting)
    with dask_runner(dask) as run:
        reports, problems = read_reports_on_dask(paths, run=run, npartitions=_npartitions(dask, 1 << 30),
                                                 budget=budget)
        with store.writer_lock(timeout=wait, waiting=waiting):
            return _ingest(store, reports, problems=problems, gazetteer=gazetteer, progress=progress,
                           **_on_dask(dask, run, budget))


def ingest_reports(store, reports: Sequence[Report], *, problems: Sequence[IngestProblem] = (), gazetteer=None,
                   progress: Optional[Progress] = None, dask: Optional[DaskOptions] = None,
                   budget: ReportBudget = ReportBudget(), wait: float = 600.0,
                   waiting: Optional[Callable[[str], None]] = None, _fail_after: Optional[int] = None) -> IngestSummary:
    """Ingest already-read reports: new ones only (by content hash), dated, extracted (each within its `budget`),
    linked and written in one transaction, each report's rows in a savepoint of their own, so a report that
    fails costs itself only. `_fail_after` raises after that many reports are written (for crash tests)."""
    with store.writer_lock(timeout=wait, waiting=waiting):
        if dask is not None:
            with dask_runner(dask) as run:
                return _ingest(store, reports, problems=problems, gazetteer=gazetteer, progress=progress,
                               fail_after=_fail_after, **_on_dask(dask, run, budget))
        return _ingest(store, reports, problems=problems, gazetteer=gazetteer, progress=progress,
                       extract=_serial_extractor(gazetteer, progress, budget), fail_after=_fail_after)


def _serial_extractor(gazetteer, progress: Optional[Progress], budget: ReportBudget) -> Callable[[Sequence[Report]], list]:
    def extract(todo: Sequence[Report]) -> list:
        nonlocal gazetteer
        if todo and gazetteer is None:
            from geomap.gazetteer import shared_gazetteer

            gazetteer = shared_gazetteer()  # loaded here, before the workers fork: they share it
        tell = (lambda done, total: progress("extract", done, total)) if progress else None
        return extract_with_budget(todo, gazetteer, budget=budget, progress=tell)

    return extract


@dataclass
class _Entry:
    """One report to write: a new one (`pk` None) or a stored one extracted again after its date changed."""

    extraction: ReportExtraction
    pk: Optional[int] = None


def _ingest(store, reports: Sequence[Report], *, problems: Sequence[IngestProblem], gazetteer,
            progress: Optional[Progress], extract: Callable, passages: Optional[Callable] = None,
            fail_after: Optional[int] = None) -> IngestSummary:
    # The reports, and then their extractions, are long-lived: the collector is kept from walking them again and
    # again (as it would each time the millions of records an extraction sends back are read in).
    gc.freeze()
    try:
        return _extract_and_write(store, reports, problems=problems, progress=progress, extract=extract,
                                  passages=passages, fail_after=fail_after)
    finally:
        gc.unfreeze()


def _extract_and_write(store, reports: Sequence[Report], *, problems: Sequence[IngestProblem],
                       progress: Optional[Progress], extract: Callable, passages: Optional[Callable],
                       fail_after: Optional[int]) -> IngestSummary:
    summary = IngestSummary(reports_skipped=list(problems))
    fresh, copies = new_reports(store, reports)
    stories = (find_stories(store, fresh, passages=passages(fresh) if passages else None) if fresh
               else Stories({}, {}, {}, []))
    fresh, redated = date_reports(fresh, stories) if fresh else ([], [])
    outcomes = extract(fresh + [report for _, report in redated])
    if progress and outcomes:
        progress("extract", len(outcomes), len(outcomes))
    entries: list[_Entry] = []
    for report, outcome in zip(fresh, outcomes):
        if outcome.ok:
            entries.append(_Entry(outcome.value))
        else:
            summary.reports_skipped.append(_skipped(report, "extracting its incidents", outcome.error))
    # a stored report whose extraction failed keeps its date and its incidents
    again = [(pk, report, outcome) for (pk, report), outcome in zip(redated, outcomes[len(fresh):]) if outcome.ok]
    redated = [(pk, report) for pk, report, _ in again]
    entries += [_Entry(outcome.value, pk) for pk, _, outcome in again]
    summary.stored_reports_redated = len(redated)
    new = [e.extraction for e in entries if e.pk is None]
    summary.unresolved_place_names = sorted(
        {m.surface for x in new for m in x.mentions if m.place is None and m.role == "place"}, key=str.lower)
    summary.reading_notes = [(_label(x.report), note) for x in new for note in x.report.reading_notes]

    gc.freeze()
    return _write(store, summary, stories, redated, entries, copies, progress=progress, fail_after=fail_after)


def _write(store, summary: IngestSummary, stories: Stories, redated: Sequence[tuple[int, Report]],
           entries: list[_Entry], copies: Sequence[Report], *, progress: Optional[Progress],
           fail_after: Optional[int]) -> IngestSummary:
    """Link the new claims and write everything in one transaction, each report's rows in a savepoint; then the
    copies, as reprints of what is stored now."""
    with store.transaction():
        # Reports another writer stored meanwhile (one that did not take the writer lock) are copies now.
        present = store.stored_hashes(e.extraction.report.content_hash for e in entries if e.pk is None)
        if present:
            copies = [e.extraction.report for e in entries if e.pk is None
                      and e.extraction.report.content_hash in present] + list(copies)
            entries = [e for e in entries if e.pk is not None or e.extraction.report.content_hash not in present]
        touched = store.rename_stories(stories.renames)
        for pk, report in redated:
            touched |= store.redate_report(pk, report)
        story_of_pk = {s.pk: s.story for s in stories.neighbours}
        written, failed = _write_entries(store, entries, stories=stories, story_of_pk=story_of_pk, touched=touched,
                                         progress=progress, fail_after=fail_after)
        summary.reports_skipped += failed
        store.add_problems(summary.reports_skipped)
        reprinted, summary.already_present = add_reprints(store, copies)
        summary.reprints = len(reprinted)
        touched |= store.incidents_of_reports(reprinted)
        _merge_touched(store, touched)
    new = [e.extraction for e in written if e.pk is None]
    summary.reports_read = len(new)
    summary.incidents_extracted = sum(len(x.incidents) for x in new)
    counts = store.counts()
    summary.incidents = counts["incidents"]
    summary.claims = counts["claims_incidents"]
    return summary


def _write_entries(store, entries: list[_Entry], *, stories: Stories, story_of_pk: dict[int, str], touched: set[str],
                   progress: Optional[Progress], fail_after: Optional[int]) -> tuple[list[_Entry], list[IngestProblem]]:
    """Write the reports with their mentions and linked claims, a few hundred at a time (claims are linked a
    chunk at a time, through the store's block index). A chunk that fails is written again one report at a
    time, each in a savepoint of its own, so a report that cannot be stored is named and costs only itself."""
    written: list[_Entry] = []
    failed: list[IngestProblem] = []
    chunks, chunk, claims = [], [], 0
    for entry in entries:
        chunk.append(entry)
        claims += len(entry.extraction.incidents)
        if claims >= LINK_CHUNK:
            chunks.append(chunk)
            chunk, claims = [], 0
    if chunk:
        chunks.append(chunk)
    linked = 0
    for chunk in chunks:
        if fail_after is not None and len(written) + len(chunk) > fail_after:
            for entry in chunk[:fail_after - len(written)]:
                with store.savepoint():
                    _write_chunk(store, [entry], stories=stories, story_of_pk=story_of_pk, touched=touched)
            raise RuntimeError(f"injected failure after {fail_after} reports")
        try:
            with store.savepoint():
                _write_chunk(store, chunk, stories=stories, story_of_pk=story_of_pk, touched=touched)
            written += chunk
        except Exception:
            for entry in chunk:
                mark = set(touched)
                try:
                    with store.savepoint():
                        _write_chunk(store, [entry], stories=stories, story_of_pk=story_of_pk, touched=touched)
                    written.append(entry)
                except Exception as error:
                    touched.intersection_update(mark)
                    report = entry.extraction.report
                    failed.append(IngestProblem(report.source_path or report.report_id,
                                                f"{_label(report)} could not be stored ({type(error).__name__}: "
                                                f"{str(error)[:200]}); the other reports were; this is a bug in "
                                                "geomap, please report it with the file"))
        linked += sum(len(e.extraction.incidents) for e in chunk)
        if progress:
            progress("link", linked, sum(len(e.extraction.incidents) for e in entries))
    return written, failed


def _write_chunk(store, chunk: Sequence[_Entry], *, stories: Stories, story_of_pk: dict[int, str],
                 touched: set[str]) -> None:
    from geomap.merge import block_keys, with_link

    claims: list[tuple[int, int, Incident]] = []
    for entry in chunk:
        extraction, pk = entry.extraction, entry.pk
        if pk is None:
            report = extraction.report
            story = stories.story[report.content_hash]
            pk = store.add_report(report, story=story, fingerprints=stories.fingerprints[report.content_hash])
            story_of_pk[pk] = story
        store.add_mentions(pk, extraction.mentions, extraction.incidents)
        story = story_of_pk[pk]
        claims += [(pk, seq, replace(c, sources=tuple(replace(s, syndication_group=story) for s in c.sources)))
                   for seq, c in enumerate(extraction.incidents)]
    links = link_claims_to_store(store, [c for _, _, c in claims])
    for link in links:  # stored incidents a new claim's joining merged into its incident: one incident now
        for absorbed in link.merged:
            store.rename_incident(absorbed, link.incident_id)
            touched.add(absorbed)
    for (pk, seq, claim), link in zip(claims, links):
        store.add_claim(pk, seq, with_link(claim, link), incident_id=link.incident_id,
                        blocks=block_keys(claim, story=claim.sources[0].syndication_group))
        touched.add(link.incident_id)


def _merge_touched(store, touched: set[str]) -> None:
    """Every incident a new claim joined (or a redated report changed) combined again from its claims, with the
    analysts' review log applied again (`geomap.review.shown_incidents`)."""
    from geomap.merge import combine

    members = store.claims_of_incidents(touched)
    clusters, merged = {}, {}
    for incident_id, cluster in members.items():
        incident = combine(cluster)
        if incident.incident_id != incident_id:
            store.rename_incident(incident_id, incident.incident_id)
        clusters[incident.incident_id], merged[incident.incident_id] = cluster, incident
    removed, shown = shown_incidents(store, clusters, merged)
    store.replace_incidents(touched | removed, shown)


__all__ = ["DaskOptions", "IngestSummary", "ReportBudget", "ReportExtraction", "Stories", "dask_runner",
           "date_reports", "detect_reports", "extract_on_dask", "extract_report", "extract_reports",
           "extract_with_budget", "find_stories", "ingest", "ingest_reports", "is_same_publication",
           "add_reprints", "link_claims_to_store", "new_reports",
           "read_reports_on_dask", "read_with_budget", "report_incidents", "report_mentions",
           "report_passages"]
