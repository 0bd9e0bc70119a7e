"""Fixtures for the export tests: incidents written from the seeds' facts (see seed_incidents.py)."""

from __future__ import annotations

import pytest

from seed_incidents import seed_incidents


@pytest.fixture
def incidents() -> list[dict]:
    return seed_incidents()


@pytest.fixture
def filtered(incidents) -> list[dict]:
    """A dashboard-like view: only explosions/remote violence (the two Ganja incidents)."""
    return [i for i in incidents if i["acled_event_type"] == "Explosions/Remote violence"]
