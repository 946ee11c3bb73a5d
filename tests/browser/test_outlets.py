"""Outlet pages in a real browser: the directory's live search and editing details in place."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from coverage.models import Outlet

pytestmark = pytest.mark.browser


def test_an_editor_corrects_an_outlets_details_in_place(
    editor_page: Page, event_with_matrix, screenshot
):
    page = editor_page
    page.goto("/outlets/")
    page.get_by_label("Search outlets").fill("bugle")
    expect(page.locator("#results tbody tr")).to_have_count(1)
    expect(page).to_have_url(re.compile(r"/outlets/\?q=bugle&sort=name$"))
    screenshot(page, "directory")
    assert "The Bugle" in page.locator("#results").inner_text()
    assert "Daily Planet" not in page.locator("#results").inner_text()
    page.get_by_role("link", name="The Bugle").click()
    expect(page.locator("h1")).to_have_text("The Bugle")
    page.evaluate("window.__parallaxMarker = 'no reload'")

    page.get_by_role("link", name="Edit details").click()
    details = page.locator("#outlet-details")
    expect(details.get_by_label("Name")).to_be_focused()
    details.get_by_label("Name").fill("daily planet")
    details.get_by_role("button", name="Save details").click()
    expect(details.get_by_role("alert")).to_contain_text("Nothing was saved.")
    expect(details).to_contain_text("Another outlet is already called “Daily Planet”.")

    details.get_by_label("Name").fill("The Bugle")
    details.get_by_label("Homepage").fill("https://bugle.example/")
    details.get_by_label("Country").fill("Syria")
    details.get_by_label("Ownership").select_option(label="State-controlled")
    details.get_by_role("button", name="Save details").click()
    expect(details.locator(".saved")).to_have_text("Saved.")
    expect(details).to_contain_text("State-controlled")
    expect(page).to_have_url(f"{page.url.split('/outlets/')[0]}/outlets/the-bugle/")
    assert page.evaluate("window.__parallaxMarker") == "no reload", "the page reloaded"

    screenshot(page, "saved")
    assert "Syria" in details.inner_text()
    outlet = Outlet.objects.get(slug="the-bugle")
    assert (outlet.country, outlet.ownership_kind) == ("Syria", "state_controlled")


def test_the_outlet_page_fits_a_phone(browser_page: Page, event_with_matrix, screenshot):
    page = browser_page
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/outlets/the-bugle/")
    expect(page.locator(".rates")).to_contain_text("50%")
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"the page scrolls sideways by {overflow}px on a phone"
    screenshot(page, "phone")
    assert "How it covers claims" in page.locator("main").inner_text()
