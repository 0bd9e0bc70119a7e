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


# --- the same path on Dask ----------------------------------------------------------------------------------

import subprocess  # noqa: E402
import sys  # noqa: E402

import pytest  # noqa: E402

from geomap.pipeline import DaskOptions, dask_runner, extract_on_dask, ingest, read_reports_on_dask  # noqa: E402
from geomap.store import IncidentStore  # noqa: E402

BAD_INPUTS = Path(__file__).resolve().parent / "data" / "bad_inputs"
CORPUS = [SEEDS, BAD_INPUTS, SEEDS / "missing.txt"]


def _stored(store):
    """Everything a store holds that does not depend on the clock."""
    reports = [{k: v for k, v in r.items() if k != "ingested_at"} for r in store.reports()]
    problems = [{k: v for k, v in p.items() if k != "seen_at"} for p in store.problems()]
    return store.incidents(), store.mentions(), reports, problems, store.counts()


@pytest.mark.parametrize("scheduler", ["synchronous", "threads"])
def test_reading_and_extraction_on_dask_give_the_serial_records(gazetteer, scheduler):
    pytest.importorskip("dask.bag")
    serial_reports, serial_problems = read_reports(CORPUS)
    with dask_runner(DaskOptions(scheduler=scheduler)) as run:
        reports, problems = read_reports_on_dask(CORPUS, run=run, npartitions=3)
        assert (reports, problems) == (serial_reports, serial_problems)  # same order, same problems
        assert problems[0].path.endswith("missing.txt") and len(problems) > 4
        outcomes = extract_on_dask(reports, run=run, npartitions=3)
        assert [o.error for o in outcomes] == [""] * len(reports)  # each report within its time budget
        assert [o.value for o in outcomes] == list(extract_reports(reports, gazetteer))


@pytest.fixture(scope="module")
def serial_ingest(tmp_path_factory, gazetteer):
    """What the serial ingest of CORPUS stores, and its summary: the reference each Dask scheduler must give."""
    with IncidentStore(tmp_path_factory.mktemp("serial") / "serial.db") as store:
        summary = ingest(store, CORPUS, gazetteer=gazetteer)
        return _stored(store), summary


@pytest.mark.parametrize("scheduler", ["synchronous", "threads"])
def test_ingest_on_dask_stores_what_the_serial_ingest_stores(tmp_path, serial_ingest, scheduler):
    pytest.importorskip("dask.bag")
    serial = serial_ingest
    with IncidentStore(tmp_path / "dask.db") as store:
        summary = ingest(store, CORPUS, dask=DaskOptions(scheduler=scheduler, npartitions=4))
        assert (_stored(store), summary) == serial
    r = next(r for r in serial[0][2] if r["report"].startswith("001"))
    assert r["published"] == "2020-10-05"  # dated from the press conference it shares quotes with


def test_a_running_scheduler_is_used_by_its_address(tmp_path, seed_store):
    distributed = pytest.importorskip("distributed")
    with IncidentStore(seed_store) as store:  # the seeds as the serial ingest stores them
        serial = store.incidents()
    with distributed.LocalCluster(n_workers=1, processes=False, dashboard_address=None) as cluster:
        with IncidentStore(tmp_path / "remote.db") as store:
            ingest(store, [SEEDS], dask=DaskOptions(scheduler=cluster.scheduler_address))
            assert store.incidents() == serial
        assert len(cluster.scheduler.workers) == 1  # a cluster geomap did not start is left running


def test_the_serial_path_never_imports_dask(tmp_path):
    code = ("import sys; from geomap.store import IncidentStore; from geomap.pipeline import ingest; "
            f"ingest(IncidentStore({str(tmp_path / 'g.db')!r}), [{str(SEEDS)!r}]); "
            "assert not [m for m in sys.modules if m == 'dask' or m.startswith('dask.')], 'dask was imported'")
    subprocess.run([sys.executable, "-c", code], check=True)


# --- wire copies: one story under other headers and dates ---------------------------------------------------

from geomap.events.mentions import read_mention  # noqa: E402
from geomap.pipeline import ingest_reports  # noqa: E402
from geomap.sentences import forget_sentence_readings  # noqa: E402

WIRE_STORY = ("BOSSANGOA, Central African Republic (Savanna Wire) - Gunmen attacked the cattle market in Bossangoa on "
              "Tuesday, killing five traders, a local official said.\n"
              "Residents said the attackers fled north before troops arrived on Wednesday.")
# (title, the outlet's own lines before the story, publication date, outlet, the Tuesday of that week)
WIRE_COPIES = [
    ("Five traders killed in Bossangoa market attack", "By Savanna Wire\n", "2024-03-07", "Savanna Wire",
     "2024-03-05"),
    ("Gunmen hit Bossangoa cattle market", "The Evening Courier | World\nFri 15 March 2024:\n", "2024-03-15",
     "The Evening Courier", "2024-03-12"),
    ("Central African Republic: market attack kills five", "", "2024-03-08", "Lakeside Daily", "2024-03-05"),
]


def _wire_copies() -> list:
    return [report_from_text(f"{title}\n{header}\n{WIRE_STORY}", report_id=f"{outlet}.txt", title=title,
                             publisher=outlet, published=published)
            for title, header, published, outlet, _ in WIRE_COPIES]


def test_wire_copies_share_their_sentences_readings_and_each_gets_what_reading_it_alone_gives(gazetteer):
    copies = _wire_copies()
    alone = []
    for copy in copies:
        forget_sentence_readings()
        alone.append(extract_report(copy, gazetteer))
    forget_sentence_readings()
    shared = [extract_report(copies[0], gazetteer)]
    before = read_mention.cache_info().hits
    shared += [extract_report(copy, gazetteer) for copy in copies[1:]]
    assert read_mention.cache_info().hits > before  # the later copies' sentences were read once, for the first
    assert shared == alone
    for extraction, (_, _, _, outlet, tuesday) in zip(shared, WIRE_COPIES):
        [attack] = extraction.incidents
        assert attack.date.start == tuesday  # "on Tuesday" of each copy's own publication date
        assert {(s.report_id, s.publisher) for s in attack.sources} == {(f"{outlet}.txt", outlet)}


def test_every_span_of_an_ingested_wire_copy_reads_its_own_words_in_its_own_text(tmp_path, gazetteer):
    copies = _wire_copies()
    forget_sentence_readings()
    with IncidentStore(tmp_path / "wire.db") as store:
        summary = ingest_reports(store, copies, gazetteer=gazetteer)
        assert summary.reports_read == len(copies)
        texts = {copy.report_id: store.report_text(copy.report_id) for copy in copies}
        mentions = store.mentions()
        sources = [s for incident in store.incidents() for s in incident.sources]
    assert {m["report"] for m in mentions} == set(texts) == {s.report_id for s in sources}
    assert all(texts[m["report"]][m["start"]:m["end"]] == m["text"] for m in mentions)
    assert all(texts[s.report_id][s.start:s.end] == s.sentence for s in sources)
    # the story's place starts at another offset in each copy, under headers of other lengths
    assert len({m["start"] for m in mentions if m["text"] == "BOSSANGOA"}) == len(copies)
    published = {copy.report_id: copy.published for copy in copies}
    assert all(s.published == published[s.report_id] for s in sources)


# --- copies of a stored report: the same publication again, or a reprint ------------------------------------

from geomap.pipeline import is_same_publication  # noqa: E402
from geomap.records import Report, Reprint  # noqa: E402

_KNOWN = Reprint("r1", "Lake News", "https://lake.example/1", "2030-01-05", "feed.jsonl")


@pytest.mark.parametrize("row, path, outlet, url, day, same", [
    ("r1", "feed.jsonl", "Other Outlet", "https://other.example/x", None, True),  # the same row again
    ("r9", "feed2.jsonl", "Lake News", "https://lake.example/1", "2030-01-05", True),  # the same page, saved again
    ("r9", "feed2.jsonl", "Lake News", "https://lake.example/1", None, True),  # ... without its date
    ("r1", "other/feed.jsonl", "Hill Herald", "", "2030-01-05", False),  # another outlet's row of the same id
    ("r9", "feed2.jsonl", "Hill Herald", "https://lake.example/1", "2030-01-05", False),  # another outlet
    ("r9", "feed2.jsonl", "Lake News", "https://lake.example/amp/1", "2030-01-05", False),  # another page
    ("r9", "feed2.jsonl", "Lake News", "https://lake.example/1", "2030-01-07", False),  # another day
])
def test_a_copy_is_the_same_publication_only_as_the_same_row_or_the_same_outlet_page_and_day(
        row, path, outlet, url, day, same):
    copy = Report(row, "Floods closed the road to Lakeside on Monday.", publisher=outlet, url=url, published=day,
                  source_path=path)
    assert is_same_publication(_KNOWN, copy) is same
