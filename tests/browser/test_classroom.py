"""The worksheet and its answer key as a teacher prints them, read back by OCR."""

from __future__ import annotations

import re

import pytest
from django.core.management import call_command
from playwright.sync_api import Browser, Page, expect

pytestmark = pytest.mark.browser

WORKSHEET = "/events/port-averly-bridge-closure/worksheet/"
ANSWERS = "/events/port-averly-bridge-closure/worksheet/answers/"
# Full names as the articles never print them in blind mode ("Courier" alone does occur).
OUTLET_NAMES = ["Averly Courier", "Meridian", "Harbour Line", "VSNA", "Veldmark State"]


@pytest.fixture
def demo(transactional_db) -> None:
    call_command("demo", verbosity=0)


def pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf))


def test_it_prints_a_blind_worksheet_of_the_fictional_event(
    browser_page: Page, demo, checked_screenshot
):
    page = browser_page
    page.goto(WORKSHEET)
    expect(page.locator("h1")).to_contain_text("Kestrel harbour bridge")
    page.evaluate("window.print = () => { window.__printed = true; }")
    page.get_by_role("button", name="Print").click()
    assert page.evaluate("window.__printed") is True
    expect(page.locator("[data-print-fallback]")).to_be_hidden()

    page.emulate_media(media="print")
    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.locator(".sheet-tools")).to_be_hidden()
    checked_screenshot(
        page,
        "print",
        shows=["Worksheet", "Outlet A", "Outlet D", "contradicts", "Discussion questions"],
        hides=[*OUTLET_NAMES, "Log in", "Show outlet names", "Print command"],
    )

    for paper in ("A4", "Letter"):
        pdf = page.pdf(format=paper, print_background=False)
        assert pdf.startswith(b"%PDF")
        # The grid, the questions and five articles: several pages, not one and not fifty.
        assert 4 <= pdf_pages(pdf) <= 15, f"{paper}: {pdf_pages(pdf)} pages"


def test_it_prints_the_answer_key_with_who_is_who(editor_page: Page, demo, checked_screenshot):
    page = editor_page
    page.goto(ANSWERS)
    expect(page.locator(".sheet-kicker")).to_contain_text("Answer key")
    page.emulate_media(media="print")

    checked_screenshot(
        page,
        "print",
        shows=["Answer key", "Outlet A", "Contradicts", "hedged", "Who is who", "Meridian"],
        hides=["Log in", "Show outlet names", "Print command"],
    )
    pdf = page.pdf(format="A4")
    assert 3 <= pdf_pages(pdf) <= 15


def test_it_sends_students_who_guess_the_answer_key_to_log_in(browser_page: Page, demo):
    browser_page.goto(ANSWERS)

    expect(browser_page).to_have_url(re.compile(r"/accounts/login/\?next="))
    expect(browser_page.get_by_label("Username")).to_be_visible()


def test_it_tells_readers_without_javascript_how_to_print(browser: Browser, live_server, demo):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(WORKSHEET)
        expect(page.get_by_text("use your browser’s Print command")).to_be_visible()
        expect(page.get_by_role("button", name="Print")).to_be_hidden()
    finally:
        context.close()


def test_it_fits_the_worksheet_on_a_phone_with_the_grid_scrolling_sideways(
    browser_page: Page, demo, screenshot
):
    page = browser_page
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(WORKSHEET)

    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"the page scrolls sideways by {overflow}px on a phone"
    grid = page.locator(".sheet-scroll")
    assert grid.evaluate("element => element.scrollWidth > element.clientWidth")
    grid.focus()
    expect(grid).to_be_focused()
    screenshot(page, "phone")
