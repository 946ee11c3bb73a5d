"""A teacher's walk through the matrix in a real browser: blind, reveal, filter.

Screenshots are read back by OCR, so the test checks what the class would see on the
projector: no outlet names while blind, the names once revealed, the right rows.
"""

from __future__ import annotations

import contextlib

import pytest
from django.core.management import call_command
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page, expect

from coverage.blind import blind_labels
from coverage.models import Event, Outlet

pytestmark = pytest.mark.browser

DEMO = "/events/port-averly-bridge-closure/"
# Words of each outlet's name that appear nowhere else on the page (the event's
# summary mentions Port Averly, Veldmark and the harbour; a layer explains news agencies).
NAME_WORDS = {
    "averly-courier": "Courier",
    "meridian-public-radio": "Radio",
    "the-harbour-line": "Line",
    "veldmark-state-news-agency": "Veldmark State",
}


def test_a_teacher_goes_blind_reveals_and_filters(browser_page: Page, checked_screenshot):
    call_command("demo", verbosity=0)
    event = Event.objects.get(slug="port-averly-bridge-closure")
    outlets = list(Outlet.objects.filter(articles__event=event).distinct())
    labels = blind_labels(event, outlets)
    # "Radio" in Meridian's name is a word OCR reads reliably; its letter depends on ids.
    meridian = next(outlet for outlet in outlets if outlet.slug == "meridian-public-radio")
    label = labels[meridian.pk]
    letter = label.removeprefix("Outlet ").lower()
    others = [NAME_WORDS[o.slug] for o in outlets if o != meridian]
    page = browser_page
    page.set_viewport_size({"width": 1600, "height": 1000})
    page.goto(DEMO)
    page.evaluate("window.__parallaxMarker = 'no reload'")

    page.get_by_role("link", name="Blind mode").click()
    expect(page).to_have_url(f"{DEMO}?blind=1")
    expect(page.locator(".matrix thead")).to_contain_text("Outlet D")
    checked_screenshot(page, "blind", shows=["Outlet", "Reveal"], hides=list(NAME_WORDS.values()))

    # Revealing one column happens in place, through htmx, and the address follows.
    page.evaluate("window.__parallaxMarker = 'no reload'")
    page.get_by_role("link", name=f"Reveal {label}").click()
    expect(page.locator(".matrix thead")).to_contain_text(f"{label} = Meridian Public Radio")
    expect(page).to_have_url(f"{DEMO}?blind=1&reveal={letter}")
    assert page.evaluate("window.__parallaxMarker") == "no reload"
    checked_screenshot(page, "reveal-one", shows=["Radio"], hides=others)

    page.get_by_role("link", name="Reveal all").click()
    expect(page).to_have_url(f"{DEMO}?blind=1&reveal=all")
    for outlet in outlets:
        expect(page.locator(".matrix thead")).to_contain_text(outlet.name)
    # A header wraps a long name where the column is narrow ("Veldmark" above "State News
    # Agency"), and OCR reads the header line by line, across the columns: one word each.
    first_words = [words.split()[0] for words in NAME_WORDS.values()]
    checked_screenshot(page, "reveal-all", shows=first_words, full_page=False)

    # The chip applies on click: no Apply button to find first.
    expect(page.get_by_role("button", name="Apply")).to_be_hidden()
    page.get_by_label("Contested (10)").check()
    expect(page).to_have_url(f"{DEMO}?blind=1&reveal=all&show=contested&sort=position")
    expect(page.locator(".matrix tbody tr")).to_have_count(10)
    assert page.evaluate("window.__parallaxMarker") == "no reload"
    matrix = page.locator(".matrix")
    expect(matrix).to_contain_text("Police fired tear gas at the crowd.")
    expect(matrix).not_to_contain_text("apologised to commuters")
    checked_screenshot(
        page, "contested", shows=["peaceful", "Showing 10 of 15"], hides=["apologised"]
    )

    # A cell opens in the side panel, still blind to nothing (all revealed) and in place.
    page.locator(".matrix a.cell-link").first.click()
    expect(page.locator("#cell-panel")).to_contain_text("Link to this cell")
    assert page.evaluate("window.__parallaxMarker") == "no reload"


def test_projector_mode_shows_the_matrix_large_without_editing_tools(
    browser_page: Page, checked_screenshot
):
    call_command("demo", verbosity=0)
    page = browser_page
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(f"{DEMO}?projector=1&blind=1")
    expect(page.locator("body")).to_have_class("projector blind")
    expect(page.locator(".row-tools").first).to_be_hidden()
    expect(page.locator(".site-footer")).to_be_hidden()
    size = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.matrix')).fontSize)")
    assert size >= 24
    # A cell opens over the matrix; Close (or Escape) gives the matrix and the focus back.
    first_cell = page.locator(".matrix a.cell-link").first
    first_cell.click()
    panel = page.locator("#cell-panel")
    expect(panel.get_by_role("button", name="Close")).to_be_focused()
    expect(panel).to_contain_text("Outlet A on")
    page.keyboard.press("Escape")
    expect(panel).to_be_hidden()
    expect(first_cell).to_be_focused()
    page.get_by_role("link", name="Exit").click()
    expect(page).to_have_url(DEMO)
    expect(page.locator(".row-tools").first).to_be_visible()
    checked_screenshot(page, "after-exit", shows=["Courier"], full_page=False)


def test_a_refresh_on_its_way_never_undoes_a_reveal(browser_page: Page) -> None:
    """While the worker has counts to finish the matrix asks again every 3 s. A refresh
    answered while a reveal is on its way used to replace the matrix the reveal was
    meant for, so the reveal's answer was dropped and the click did nothing."""
    call_command("demo", verbosity=0)  # no worker runs: the counts stay pending
    event = Event.objects.get(slug="port-averly-bridge-closure")
    outlets = list(Outlet.objects.filter(articles__event=event).distinct())
    label = blind_labels(event, outlets)[
        next(o.pk for o in outlets if o.slug == "meridian-public-radio")
    ]
    page = browser_page
    page.set_viewport_size({"width": 1600, "height": 1000})
    refreshes, reveals = [], []

    def hold(route):
        # Hold back the matrix's own refresh (the blind view it was opened with) and the
        # reveal, to answer them in the order that lost the reveal.
        if not route.request.headers.get("hx-request"):
            route.continue_()
        elif "reveal" in route.request.url:
            reveals.append(route)
        else:
            refreshes.append(route)

    page.route(f"**{DEMO}?blind=1*", hold)
    page.goto(f"{DEMO}?blind=1")
    page.wait_for_timeout(3_500)  # one refresh is now on its way, held
    assert refreshes, "the pending matrix asked again"

    page.get_by_role("link", name=f"Reveal {label}").click()
    page.wait_for_timeout(500)
    assert reveals, "the reveal asked for the revealed matrix"
    for route in refreshes:  # the refresh is answered first, if it was not cancelled
        with contextlib.suppress(PlaywrightError):  # the browser cancelled it, as it should
            route.continue_()
    page.wait_for_timeout(1_000)
    for route in reveals:
        route.continue_()
    expect(page.locator(".matrix thead")).to_contain_text(f"{label} = Meridian Public Radio")
