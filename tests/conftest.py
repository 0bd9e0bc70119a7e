"""Shared fixtures: the real gazetteer (built by `make gazetteer`, loaded once per session)."""

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="session")
def gazetteer():
    from geomap.gazetteer import shared_gazetteer

    return shared_gazetteer()


@pytest.fixture(scope="session")
def parse(gazetteer):
    from geomap.geoparse import geoparse

    return lambda text: geoparse(text, gazetteer)


@pytest.fixture(scope="session")
def seed_texts():
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))}


@pytest.fixture(scope="session")
def seed_store(tmp_path_factory, gazetteer):
    """A real store file holding the five seed reports, ingested once per test session."""
    from geomap.pipeline import ingest
    from geomap.store import IncidentStore

    path = tmp_path_factory.mktemp("store") / "seeds.db"
    with IncidentStore(path) as store:
        ingest(store, [SEEDS], gazetteer=gazetteer)
    return path


# Modules whose tests share a costly module fixture (a generated store, a kaleido render, an ingest, a copy of the
# index, the hostile corpus): under `make test` (-n 2 --dist loadgroup) each runs whole on one worker, so that fixture
# is set up once. A new module with such a fixture belongs here. The other browser modules are not: their Chromium and
# server are the worker's (tests/browser/conftest.py), so their tests spread over both workers.
WHOLE_MODULES = frozenset({
    "tests/browser/test_time_in_chromium.py",
    "tests/io/test_briefing.py",
    "tests/io/test_briefing_at_scale.py",
    "tests/gazetteer/test_gazetteer_add.py",
    "tests/hostile/test_hostile_reading.py",
    "tests/test_events.py",
    "tests/test_pipeline.py",
    "tests/test_review.py",
    "tests/test_seeds_geoparse.py",
    "tests/test_store.py",
})


def pytest_xdist_make_scheduler(config, log):
    """`--dist loadgroup` with each module of WHOLE_MODULES as one group (the largest handed out first) and every
    other test on its own. xdist's own loadgroup, which reads `xdist_group` marks, groups nothing under pytest 9.2:
    it tags node ids that pytest no longer lets it change (pytest-xdist issue 1386)."""
    if config.getvalue("dist") != "loadgroup":
        return None
    missing = sorted(m for m in WHOLE_MODULES if not (config.rootpath / m).is_file())
    if missing:
        raise pytest.UsageError(f"tests/conftest.py WHOLE_MODULES names modules that are not there: {missing}")
    from xdist.scheduler import LoadScopeScheduling

    class WholeModules(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            module = nodeid.split("::", 1)[0]
            return module if module in WHOLE_MODULES else nodeid

    return WholeModules(config, log)


@pytest.fixture(scope="session")
def read(gazetteer):
    """The incidents of one report text, published on the given day (None: no publication date)."""
    from geomap.pipeline import extract_report
    from geomap.records import Report

    def incidents(text: str, published: str | None):
        return extract_report(Report("r.txt", text, published=published), gazetteer).incidents
    return incidents


# An invented conflict whose profile outlines a square of one degree, and shellings inside or outside it: the
# briefing and the dashboard both draw and name only the outlines their incidents' area meets.
DELTA_FRONT = {"type": "FeatureCollection", "features": [{
    "type": "Feature", "properties": {"name": "Delta front (rough)"},
    "geometry": {"type": "Polygon", "coordinates": [[[30, 10], [31, 10], [31, 11], [30, 11], [30, 10]]]}}]}


@pytest.fixture
def delta_profile(tmp_path, monkeypatch):
    """The Delta war's profile and outline, read beside the shipped profiles (`$GEOMAP_CONFLICTS`)."""
    import json

    from geomap.conflicts import CONFLICTS_ENV

    folder = tmp_path / "profiles"
    folder.mkdir()
    (folder / "delta.geojson").write_text(json.dumps(DELTA_FRONT), encoding="utf-8")
    (folder / "delta.json").write_text(json.dumps({
        "name": "Delta war", "names_in_text": ["Delta war"], "start": "2031-04-01", "outline": "delta.geojson",
        "source": "written for this test"}), encoding="utf-8")
    monkeypatch.setenv(CONFLICTS_ENV, str(folder))


def shellings_at(name: str, lat: float, lon: float, days=("2031-04-02", "2031-04-03", "2031-04-04")) -> list:
    """Shellings told by an invented wire at an invented town, one a day."""
    from geomap.records import EventDate, Incident, Mention, Place, SourceRef

    town = Place(f"test:{name.lower()}", name, lat, lon, "XX", "P", "PPL")
    incidents = []
    for day in days:
        sentence = f"Shells hit {name} on {day}, the district office said."
        start = sentence.index(name)
        source = SourceRef(f"wire-{day}", "Invented Wire", day, sentence, 0, len(sentence),
                           mention_spans=((start, start + len(name)),))
        incidents.append(Incident(f"inc-{name}-{day}", "shelling", "Explosions/Remote violence",
                                  EventDate(day, day, 1), (Mention(start, start + len(name), name, town, 1, 0.9),),
                                  is_claim=False, sources=(source,)))
    return incidents


@pytest.fixture(name="shellings_at")
def shellings_at_fixture():
    """`shellings_at(name, lat, lon)`: shellings at an invented town (see the function)."""
    return shellings_at


@pytest.fixture
def strike_reprinted_by():
    """An invented strike on Korvan told by the Lowland Times, its source reprinted by the given `Reprint`s: what the
    details panel, the briefing and the KML balloon say of who else carried a story."""
    from geomap.records import EventDate, Incident, Mention, Place, SourceRef

    korvan = Place("test:korvan", "Korvan", 31.3, 34.3, "XX", "P", "PPL")
    sentence = "A jet struck a house in Korvan on Tuesday, killing four people, the wire agency said."

    def incident(*reprints) -> Incident:
        source = SourceRef("a.txt", "Lowland Times", "2031-03-05", sentence, 0, len(sentence), 4, 4, reprints=reprints)
        return Incident("inc-a", "air_drone_strike", "Explosions/Remote violence",
                        EventDate("2031-03-04", "2031-03-04", 1), (Mention(24, 30, "Korvan", korvan, 1, 0.9),),
                        killed_low=4, killed_high=4, sources=(source,))
    return incident
