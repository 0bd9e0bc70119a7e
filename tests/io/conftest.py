"""Fixtures for the export tests: incident records written from the seeds' facts (see seed_incidents.py)."""

from __future__ import annotations

import pytest

from geomap.records import Incident
from seed_incidents import seed_incidents


@pytest.fixture
def incidents() -> list[Incident]:
    return seed_incidents()


@pytest.fixture
def filtered(incidents) -> list[Incident]:
    """A dashboard-like view: only explosions/remote violence (the two Ganja incidents)."""
    return [i for i in incidents if i.acled_event_type == "Explosions/Remote violence"]
