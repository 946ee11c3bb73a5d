"""The Content-Security-Policy in a real browser: no page trips it, and htmx still works.

Chromium reports every blocked inline script, style, eval or resource as a
`securitypolicyviolation` event; a script added before each page's own collects them.
Every HTML page the URL resolver knows is loaded (tests/pages.py), so new pages are
covered without being listed here.
"""

from __future__ import annotations

import pytest
from django.test import Client
from playwright.sync_api import Page, expect

from tests.browser.conftest import wait_until
from tests.pages import Objects, project_pages

pytestmark = pytest.mark.browser

COLLECT_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push(
    `${event.violatedDirective} blocked ${event.blockedURI || "inline"}: ${event.sample}`
  );
});
document.addEventListener("htmx:evalDisallowedError", () => {
  window.__violations.push("htmx needed eval, which the policy forbids");
});
"""


@pytest.fixture
def watched(editor_page: Page) -> Page:
    """The editor's tab, recording policy violations and console reports of them."""
    editor_page.add_init_script(COLLECT_VIOLATIONS)
    reported: list[str] = []
    editor_page.on(
        "console",
        lambda message: (
            reported.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    editor_page.reported_violations = reported  # type: ignore[attr-defined]
    return editor_page


def violations(page: Page) -> list[str]:
    return page.evaluate("window.__violations") + page.reported_violations  # type: ignore[attr-defined]


def _html_pages(event, editor) -> list[str]:
    """The URLs that answer the editor with an HTML page (not a download or a 405)."""
    client = Client()
    client.force_login(editor)
    pages, _skipped = project_pages(Objects.of(event))
    urls = []
    for page in pages:
        if page.name in {"logout"}:
            continue
        response = client.get(page.url)
        if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
            urls.append(page.url)
    return urls


def test_no_page_trips_the_policy(watched: Page, editor, event_with_matrix):
    urls = _html_pages(event_with_matrix, editor)
    assert len(urls) >= 10, urls
    found = {}
    for url in urls:
        watched.goto(url)
        watched.wait_for_load_state("networkidle")
        if problems := violations(watched):
            found[url] = problems
            watched.reported_violations.clear()  # type: ignore[attr-defined]
    assert found == {}
    # The watch does see a violation: inline code, as an injection would add it.
    watched.evaluate(
        "const script = document.createElement('script');"
        "script.textContent = 'window.__ran = true'; document.body.append(script)"
    )
    wait_until(watched, "window.__violations.length > 0")
    assert watched.evaluate("window.__ran") is None
    assert "script-src" in violations(watched)[0]


def test_htmx_live_search_works_under_the_policy(watched: Page, event_with_matrix):
    watched.goto("/")
    watched.evaluate("window.__parallaxMarker = 'no reload'")
    watched.get_by_label("Search events").fill("no such event anywhere")
    expect(watched.locator("#results")).to_contain_text("No event matches")
    assert watched.evaluate("window.__parallaxMarker") == "no reload"
    assert "q=no%20such%20event%20anywhere" in watched.url  # hx-push-url
    assert violations(watched) == []


def test_htmx_cell_panel_and_forms_work_under_the_policy(watched: Page, editor, event_with_matrix):
    event_with_matrix.editors.add(editor)
    watched.goto("/events/bridge-closure/")
    watched.evaluate("window.__parallaxMarker = 'no reload'")
    watched.locator(".matrix .cell-link").first.click()
    expect(watched.locator("#cell-panel")).to_contain_text("Daily Planet")
    # A POST through htmx carries the CSRF token from <body hx-headers>.
    watched.get_by_label("New assertion").fill("The mayor visited the site.")
    watched.get_by_role("button", name="Add assertion").click()
    expect(watched.locator("#matrix")).to_contain_text("The mayor visited the site.")
    assert watched.evaluate("window.__parallaxMarker") == "no reload"
    assert violations(watched) == []


def test_a_refused_htmx_request_is_explained_on_the_page(
    watched: Page, editor, event_with_matrix, checked_screenshot
):
    """htmx does not swap a 403 in; the alert line says why instead of nothing happening."""
    event_with_matrix.editors.add(editor)
    watched.goto("/events/bridge-closure/")
    # Another editor takes this one off the event while the page is open.
    event_with_matrix.editors.remove(editor)
    watched.get_by_label("New assertion").fill("The mayor visited the site.")
    watched.get_by_role("button", name="Add assertion").click()
    problem = watched.locator("#request-problem")
    expect(problem).to_be_visible()
    expect(problem).to_contain_text("Only this event’s own editors can change this event.")
    checked_screenshot(watched, "refused", shows=["editors"])
    assert violations(watched) == []


def test_a_rate_limited_analysis_says_when_to_retry(
    watched: Page, editor, event_with_matrix, settings, checked_screenshot
):
    settings.PARALLAX_ANALYSIS_RATE = "1/h"
    event_with_matrix.editors.add(editor)
    watched.goto("/events/bridge-closure/")
    watched.get_by_role("button", name="Analyse").click()
    expect(watched.locator("#analysis")).to_contain_text("Analysing")
    event_with_matrix.analysis_runs.update(status="succeeded")
    watched.reload()
    watched.get_by_role("button", name="Analyse again").click()
    expect(watched.locator("#analysis .error")).to_contain_text(
        "You have reached the limit of 1 analysis per hour. Try again in 60 minutes."
    )
    watched.set_viewport_size({"width": 390, "height": 844})
    watched.locator("#analysis").scroll_into_view_if_needed()
    checked_screenshot(watched, "phone", shows=["limit", "minutes"])
    assert violations(watched) == []
