"""A real Chromium driven by Playwright against pytest-django's live server.

Debian's chromium is used (Playwright's own browser download is not available here),
and Tesseract reads the screenshots back. Without them these tests are skipped, or fail
where PARALLAX_REQUIRE_TEST_TOOLS is set (CI): see tests/conftest.py.
"""

from __future__ import annotations

import os
import re
import subprocess
import threading
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest
from django.core.servers.basehttp import ThreadedWSGIServer
from django.db import connection
from django.test.testcases import LiveServerThread
from playwright.sync_api import Browser, Page, expect, sync_playwright

from tests.conftest import CHROMIUM, PASSWORD

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


class OneRequestAtATimeServer(ThreadedWSGIServer):
    """The live server answering one request at a time, for SQLite.

    The SQLite test database lives in memory, so the live server's request threads all
    share the test's one connection, and two requests at once (the layers under the
    matrix loading together, the matrix's refresh during a click) read each other's
    rows: a 500 from an IndexError inside Django's result iterator. Connections are
    still accepted and read in threads (a browser keeps idle connections open, which
    would block a server that reads one at a time); only the application is called
    under a lock, with its whole response read inside it. PostgreSQL gives each thread
    its own connection, so there the server stays as it is in production.
    """

    application_lock = threading.Lock()

    def set_app(self, application):
        def one_at_a_time(environ, start_response):
            with self.application_lock:
                response = application(environ, start_response)
                try:
                    return list(response)
                finally:
                    if hasattr(response, "close"):
                        response.close()

        super().set_app(one_at_a_time)


def wait_until(page: Page, expression: str, timeout: float = 10) -> None:
    """Wait until a JavaScript expression is true in the page.

    Playwright's wait_for_function compiles its predicate inside the page, which our
    Content-Security-Policy (script-src 'self', no eval) refuses whenever the first
    check is false; page.evaluate goes through the debugger protocol and is not refused.
    """
    deadline = time.monotonic() + timeout
    while not page.evaluate(expression):
        if time.monotonic() > deadline:
            raise AssertionError(f"Timed out after {timeout:.0f} s waiting for {expression}")
        page.wait_for_timeout(50)


@pytest.fixture(scope="session", autouse=True)
def one_request_at_a_time_on_sqlite() -> Iterator[None]:
    if connection.vendor != "sqlite":
        yield
        return
    threaded = LiveServerThread.server_class
    LiveServerThread.server_class = OneRequestAtATimeServer
    yield
    LiveServerThread.server_class = threaded


@pytest.fixture(scope="package")
def browser() -> Iterator[Browser]:
    # Playwright's sync API keeps an event loop running in this thread, which Django
    # would take for async code and refuse database calls from the test itself.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            launched = playwright.chromium.launch(
                executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
            )
            yield launched
            launched.close()
    finally:
        if previous is None:
            del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def browser_page(browser: Browser, live_server, transactional_db) -> Iterator[Page]:
    """A fresh browser tab on the live server; relative URLs go to it."""
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert not errors, f"JavaScript errors on the page: {errors}"


@pytest.fixture
def editor_page(browser_page: Page, editor) -> Page:
    """The tab after logging in as the editor through the login form."""
    browser_page.goto("/accounts/login/")
    browser_page.get_by_label("Username").fill(editor.username)
    browser_page.get_by_label("Password").fill(PASSWORD)
    browser_page.get_by_role("button", name="Log in").click()
    expect(browser_page.locator(".user-menu summary")).to_contain_text(editor.username)
    return browser_page


@pytest.fixture
def screenshot(request):
    """Save a screenshot to test-artifacts/, named after the test."""

    def take(page: Page, name: str, *, full_page: bool = True) -> Path:
        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / f"{request.node.name}-{name}.png"
        page.screenshot(path=path, full_page=full_page)
        return path

    return take


def screenshot_text(path: Path) -> str:
    """The words Tesseract reads in a screenshot, lower-cased, one space between words.

    The tests read what a person would see in the picture, not the DOM, so a
    screenshot that shows the wrong thing (names in blind mode, an empty worksheet)
    fails. Debian's tesseract-ocr is needed; .ci/run installs it.
    """
    result = subprocess.run(
        ["tesseract", str(path), "stdout", "--psm", "3"],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "OMP_THREAD_LIMIT": "1"},
    )
    return re.sub(r"\s+", " ", result.stdout).lower()


@pytest.fixture
def checked_screenshot(screenshot):
    """Save a screenshot and check, by OCR, which words can and cannot be seen in it.

    Use short, distinctive words: OCR misreads some glyphs, so whole sentences are
    brittle, but a word like "worksheet" or an outlet's name is read reliably at the
    default viewport.
    """

    def take(
        page: Page,
        name: str,
        *,
        shows: Sequence[str] = (),
        hides: Sequence[str] = (),
        full_page: bool = True,
    ) -> Path:
        path = screenshot(page, name, full_page=full_page)
        seen = screenshot_text(path)
        missing = [word for word in shows if word.lower() not in seen]
        leaked = [word for word in hides if word.lower() in seen]
        assert not missing and not leaked, (
            f"Screenshot {path.name}: expected to see {missing}, expected not to see "
            f"{leaked}. OCR read: {seen[:1500]}"
        )
        return path

    return take
