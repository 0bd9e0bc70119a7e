"""A headless Chromium for the tests that open exported pages: no request may leave the machine."""

from __future__ import annotations

import contextlib
import shutil

import pytest


@contextlib.contextmanager
def offline_chromium(window: str):
    """A selenium-driven headless Chromium whose every non-loopback request goes to a dead proxy."""
    webdriver = pytest.importorskip("selenium.webdriver")
    from selenium.webdriver.chrome.service import Service

    if shutil.which("chromedriver") is None:
        pytest.skip("needs chromedriver (apt-get install chromium-driver)")
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium")
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", f"--window-size={window}",
                 "--proxy-server=http://127.0.0.1:9", "--proxy-bypass-list=<-loopback>"):  # no network
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=options)
    try:
        yield driver
    finally:
        driver.quit()
