"""Browser tests drive Debian's Chromium through chromedriver from PATH (`pytest --headless`)."""

import sys
import threading
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "dashboard"))

from sample_store import make_sample_store  # noqa: E402

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"


def pytest_configure(config):
    config.addinivalue_line("markers", "reads_page: a browser test that only reads the page it opens, or puts back "
                                       "what it changes, so the next test may take it as it is (PageKeeper)")


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def session_browser(request, tmp_path_factory):
    """One headless Chromium for all the browser tests a worker runs: starting chromedriver and Chromium costs
    seconds each time on a loaded machine. Each test still gets its own app and a fresh page (`dash_duo`
    below)."""
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


# The page the browser shows between tests, from the session server's own origin: a page load that follows one of
# the same site stays in the same renderer process, whose V8 keeps the page scripts it compiled, so a dashboard
# load costs about 3.5 s of Chromium's CPU instead of 4.4 after about:blank, which Chromium opens in a new process
# (6 loads each way, tests/browser, load average 8-10).
BETWEEN_TESTS = "/__between-tests__"


class SessionServer:
    """One loopback server for all the browser tests a worker runs, on a port the system says is free (test runs from
    several checkouts share the machine), handing each request to the app of the test that runs.

    One origin for the session lets Chromium keep the page's scripts (plotly, MapLibre, AG Grid, React) in its
    HTTP cache and their compiled code from test to test: a page load costs about 3 s of Chromium's CPU
    instead of 5.5 with a new server and port per test. A connection the page kept alive from the test before
    reaches this same server, which answers it with the current test's app, never the last one's."""

    def __init__(self):
        from werkzeug.serving import make_server

        self.app = None
        self._server = make_server("127.0.0.1", 0, self.answer, threaded=True)
        self.port = self._server.server_port
        self.url = f"http://localhost:{self.port}"
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    def answer(self, environ, start_response):
        if self.app is None:  # between tests: an empty page of this origin, and nothing else
            if environ.get("PATH_INFO") == BETWEEN_TESTS:
                start_response("200 OK", [("Content-Type", "text/html; charset=utf-8")])
                return [b'<!doctype html><title>between tests</title><link rel="icon" href="data:,">']
            start_response("503 Service Unavailable", [("Content-Type", "text/plain")])
            return [b"no test is running"]
        return self.app(environ, start_response)

    def __call__(self, app, **options):
        """`dash_duo.start_server(app)`: serve `app` as dash's ThreadedRunner would (assets from this
        machine, dev tools off)."""
        if options:
            raise TypeError(f"the session server takes no run options: {sorted(options)}")
        app.scripts.config.serve_locally = True
        app.css.config.serve_locally = True
        app.enable_dev_tools(debug=False, dev_tools_disable_version_check=True)
        self.app = app.server

    def close(self):
        self._server.shutdown()
        self._server.server_close()


@pytest.fixture(scope="session")
def session_server():
    server = SessionServer()
    yield server
    server.close()


class PageKeeper:
    """Hands the page a `reads_page` test opened to the next test of its module that opens the same one (the same
    store at the same URL path, loaded at the same window size), as it is: one page load fewer, about 3.5 s of
    Chromium's CPU. A `reads_page` test only reads its page, or puts back what it changed, and its page is kept
    only when it passed; any other test finds the browser as a new one would be. For modules whose tests all open
    their page through `takes` (test_dashboard_in_chromium.start, test_time_in_chromium.open_drawn)."""

    def __init__(self, browser, server):
        self.browser, self.server = browser, server
        self.kept = None  # (module, key, app) of the page left open by the test before
        self.opened = None  # the key of the page the running test opened
        self.module = None

    def start_test(self, module: str) -> None:
        self.module, self.opened = module, None
        if self.kept is not None and self.kept[0] == module:
            self.server.app = self.kept[2]  # the page stays, and its app with it, until the test asks for another
        else:
            self.kept = None
            self.blank()

    def takes(self, store, path: str, size) -> bool:
        """Whether the page of `store` at `path`, loaded at `size`, is already open; if not, the browser is left
        blank at its first size for the test to load it."""
        key = (str(store), path, tuple(size))
        kept, self.kept, self.opened = self.kept, None, key
        if kept is not None and kept[1] == key:
            return True
        if kept is not None:
            self.blank()
        return False

    def end_test(self, *, keep: bool) -> None:
        if keep and self.opened is not None and self.server.app is not None:
            self.kept = (self.module, self.opened, self.server.app)
        else:
            self.kept = None
            self.blank()

    def blank(self) -> None:
        """The browser as a new one would be: a blank page, its first window size. The app goes first, so that
        the page it leaves cannot ask it for anything more."""
        self.server.app = None
        self.browser.driver.get(self.server.url + BETWEEN_TESTS)
        size = self.browser.first_window_size
        self.browser.driver.set_window_size(size["width"], size["height"])


@pytest.fixture(scope="session")
def page_keeper(session_browser, session_server):
    return PageKeeper(session_browser, session_server)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        item.passed_call = report.passed
    return report


@pytest.fixture
def dash_duo(session_browser, session_server, page_keeper, request):
    """dash's `dash_duo` on the session's browser and server: the test's own app, and the browser as a new
    one would be (a blank page, the first window size, no downloads, no console log of the test before, so
    each test's `get_logs() == []` speaks for that test alone), unless it takes the page a `reads_page` test
    left (`dash_duo.pages`, PageKeeper)."""
    page_keeper.start_test(request.node.module.__name__)
    for download in Path(session_browser.download_path).iterdir():
        download.unlink()
    session_browser.reset_log_timestamp()
    session_browser.server = session_server
    session_browser.pages = page_keeper
    try:
        yield session_browser
    finally:
        page_keeper.end_test(keep=bool(request.node.get_closest_marker("reads_page"))
                             and getattr(request.node, "passed_call", False))


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
