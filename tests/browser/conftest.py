"""Browser tests drive Debian's Chromium through chromedriver from PATH (`pytest --headless`)."""

import socket
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "dashboard"))

from sample_store import make_sample_store  # noqa: E402

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(autouse=True)
def free_server_port():
    """Each dash_duo server on a port the system says is free, so test runs from several
    checkouts at once on one machine do not collide on dash's fixed first port."""
    from dash.testing.application_runners import BaseDashRunner

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        BaseDashRunner._next_port = probe.getsockname()[1]


@pytest.fixture
def sample_store(tmp_path):
    return make_sample_store(tmp_path / "sample.db")


@pytest.fixture
def artifacts():
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


def pytest_setup_options():
    """dash_duo's Chromium reaches nothing beyond this machine: every request except to the
    loopback goes to a dead proxy and fails, and a failed request is a console error that
    each test's `dash_duo.get_logs() == []` catches. So every browser test runs offline."""
    from selenium.webdriver.chrome.options import Options

    options = Options()
    # Chromium never sends loopback through a proxy, so the app under test stays reachable.
    for flag in ("--proxy-server=http://127.0.0.1:9", "--disable-background-networking", "--disable-component-update", "--no-first-run"):
        options.add_argument(flag)
    return options
