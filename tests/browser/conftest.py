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


@pytest.fixture(scope="module")
def module_browser(request, tmp_path_factory):
    """One headless Chromium for all the tests of a module: starting chromedriver and Chromium costs
    seconds each time on a loaded machine. Each test still gets its own app server and a fresh page
    (`dash_duo` below)."""
    from dash.testing.composite import DashComposite

    config = request.config
    with DashComposite(server=None, browser=config.getoption("webdriver"), remote=config.getoption("remote"),
                       remote_url=config.getoption("remote_url"), headless=config.getoption("headless"),
                       options=config.hook.pytest_setup_options(),
                       download_path=str(tmp_path_factory.mktemp("download")),
                       percy_assets_root=config.getoption("percy_assets"),
                       percy_finalize=config.getoption("nopercyfinalize"), pause=config.getoption("pause")) as browser:
        browser.first_window_size = browser.driver.get_window_size()
        yield browser


@pytest.fixture
def dash_duo(module_browser, free_server_port):
    """dash's `dash_duo` on the module's browser: a new app server per test on a port of its own, and the
    browser as a new one would be (a blank page, the first window size, no downloads, no console log of
    the test before, so each test's `get_logs() == []` speaks for that test alone)."""
    from dash.testing.application_runners import ThreadedRunner

    driver = module_browser.driver
    driver.get("about:blank")
    driver.set_window_size(module_browser.first_window_size["width"], module_browser.first_window_size["height"])
    for download in Path(module_browser.download_path).iterdir():
        download.unlink()
    module_browser.reset_log_timestamp()
    with ThreadedRunner() as server:
        module_browser.server = server
        yield module_browser
        driver.get("about:blank")  # the page stops asking the server before it goes


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
