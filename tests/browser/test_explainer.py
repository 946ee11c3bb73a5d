"""The journalist's explainer and the embedded matrix in a real browser."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

FICTIONAL = "port-averly-bridge-closure"
EXPLAINER = f"/events/{FICTIONAL}/explainer/"


@pytest.fixture
def demo(transactional_db):
    call_command("demo", stdout=StringIO())


def test_a_journalist_copies_the_explainer_as_markdown(
    browser_page: Page, live_server, demo, checked_screenshot
):
    page = browser_page
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    page.goto(EXPLAINER)
    expect(page.get_by_role("heading", level=2, name="What is contested")).to_be_visible()

    page.get_by_role("button", name="Copy as Markdown").click()

    expect(page.locator("#copy-status")).to_have_text(
        "Copied the explainer as Markdown. Paste it into your draft."
    )
    copied = page.evaluate("navigator.clipboard.readText()")
    download = page.request.get(f"/events/{FICTIONAL}/explainer.md").text()
    assert copied == download
    assert copied.startswith("# Closure of the Kestrel harbour bridge")
    assert "\n## What is contested (10)\n" in copied
    assert "\n> — Averly Courier, [Kestrel Bridge shut after cracks found" in copied
    # What a journalist sees on the screen (the whole page is long, and slow to read back).
    checked_screenshot(
        page,
        "explainer",
        shows=["explainer", "contested", "hedging", "Copied"],
        full_page=False,
    )


def test_without_clipboard_access_the_markdown_is_selected_to_copy_by_hand(
    browser_page: Page, demo
):
    page = browser_page
    # As on a school server reached over plain http, where browsers offer no clipboard API.
    page.add_init_script("Object.defineProperty(navigator, 'clipboard', {value: undefined})")
    page.goto(EXPLAINER)

    page.get_by_role("button", name="Copy as Markdown").click()

    fallback = page.locator("#copy-fallback-text")
    expect(fallback).to_be_visible()
    expect(fallback).to_be_focused()
    text = fallback.input_value()
    assert text.startswith("# Closure of the Kestrel harbour bridge")
    selected = page.evaluate("(el => el.selectionEnd - el.selectionStart)(document.activeElement)")
    assert selected == len(text)
    expect(page.locator("#copy-status")).to_contain_text("selected below")


def test_without_javascript_the_explainer_offers_the_download(browser, live_server, demo):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto(EXPLAINER)
    expect(page.get_by_role("button", name="Copy as Markdown")).to_be_hidden()
    with page.expect_download() as download:
        page.get_by_role("link", name="Download as Markdown").click()
    assert download.value.suggested_filename == f"{FICTIONAL}-explainer.md"
    context.close()


def test_another_site_embeds_the_matrix_in_an_iframe(
    browser_page: Page, live_server, demo, local_site, checked_screenshot
):
    """The host page is on another origin, so wrong framing headers would block it."""
    page = browser_page
    page.set_viewport_size({"width": 1100, "height": 900})
    host = local_site.add(
        "/story.html",
        "<!doctype html><title>Our story</title><h1>Our story on the bridge</h1>"
        f'<iframe src="{live_server.url}/events/{FICTIONAL}/embed/" title="Matrix" '
        'width="1000" height="700"></iframe>',
    )
    page.goto(host)

    frame = page.frame_locator("iframe")
    expect(frame.locator("table.matrix")).to_be_visible()
    expect(frame.locator("table.matrix thead")).to_contain_text("Averly Courier")
    expect(frame.locator("table.matrix tbody tr")).to_have_count(15)
    assert frame.locator("form, .row-tools").count() == 0
    checked_screenshot(page, "embedded", shows=["story", "Courier", "Agrees", "Contradicts"])


def test_a_teacher_embeds_the_matrix_with_outlet_names_hidden(
    browser_page: Page, live_server, demo, local_site, checked_screenshot
):
    page = browser_page
    host = local_site.add(
        "/lesson.html",
        "<!doctype html><title>Lesson</title><h1>Lesson</h1>"
        f'<iframe src="{live_server.url}/events/{FICTIONAL}/embed/?blind=1" title="Matrix" '
        'width="1200" height="700"></iframe>',
    )
    page.goto(host)

    frame = page.frame_locator("iframe")
    expect(frame.locator("table.matrix thead")).to_contain_text("Outlet A")
    checked_screenshot(
        page, "embedded-blind", shows=["Outlet", "Agrees"], hides=["Courier", "Harbour Line"]
    )


def test_the_explainer_fits_a_phone(browser_page: Page, demo):
    page = browser_page
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(EXPLAINER)
    expect(page.get_by_role("heading", level=2, name="What is contested")).to_be_visible()
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"the page scrolls sideways by {overflow}px on a phone"
