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

from geomap.pipeline import extract_reports_from_paths, extract_reports_on_dask  # noqa: E402
from geomap.store import IncidentStore  # noqa: E402

BAD_INPUTS = Path(__file__).resolve().parent / "data" / "bad_inputs"
CORPUS = [SEEDS, BAD_INPUTS, SEEDS / "missing.txt"]


def _stored(store):
    """Everything a store holds that does not depend on the clock."""
    reports = [{k: v for k, v in r.items() if k != "ingested_at"} for r in store.reports()]
    problems = [{k: v for k, v in p.items() if k != "seen_at"} for p in store.problems()]
    return store.incidents(), store.mentions(), reports, problems, store.counts()


@pytest.mark.parametrize("scheduler", ["synchronous", "threads"])
def test_extraction_on_dask_gives_the_serial_records(gazetteer, scheduler):
    pytest.importorskip("dask.bag")
    serial = extract_reports_from_paths(CORPUS, gazetteer)
    on_dask = extract_reports_on_dask(CORPUS, npartitions=3, scheduler=scheduler)
    assert on_dask == serial  # same reports, mentions, incidents and claims, same problems, same order
    extractions, problems = serial
    assert {x.report.report_id[:3] for x in extractions} >= {"000", "001", "002", "003", "004"}
    assert problems[0].path.endswith("missing.txt") and len(problems) > 4
    assert next(x for x in extractions if x.report.report_id.startswith("001")).report.published == "2020-10-05"


@pytest.mark.parametrize("scheduler", ["synchronous", "threads"])
def test_ingest_on_dask_stores_what_the_serial_ingest_stores(tmp_path, gazetteer, scheduler):
    pytest.importorskip("dask.bag")
    with IncidentStore(tmp_path / "serial.db") as store:
        summary = store.ingest(CORPUS, gazetteer=gazetteer)
        serial = _stored(store), summary
    with IncidentStore(tmp_path / "dask.db") as store:
        summary = store.ingest(CORPUS, executor="dask", npartitions=4, scheduler=scheduler)
        assert (_stored(store), summary) == serial


def test_an_unknown_executor_is_refused(tmp_path):
    with IncidentStore(tmp_path / "g.db") as store, pytest.raises(ValueError, match="serial, dask"):
        store.ingest([SEEDS], executor="spark")


def test_the_serial_path_never_imports_dask(tmp_path):
    code = ("import sys; from geomap.store import IncidentStore; "
            f"IncidentStore({str(tmp_path / 'g.db')!r}).ingest([{str(SEEDS)!r}]); "
            "assert not [m for m in sys.modules if m == 'dask' or m.startswith('dask.')], 'dask was imported'")
    subprocess.run([sys.executable, "-c", code], check=True)
