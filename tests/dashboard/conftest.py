import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from sample_store import make_sample_store  # noqa: E402


@pytest.fixture
def sample_store(tmp_path):
    return make_sample_store(tmp_path / "sample.db")
