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
