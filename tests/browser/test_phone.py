"""Every reading page fits a phone: wide tables scroll inside their box, the page does not."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from playwright.sync_api import Page

pytestmark = pytest.mark.browser

SEED = "/events/ukraine-idlib-training-reports"
FICTIONAL = "/events/port-averly-bridge-closure"
PAGES = [
    "/",
    "/outlets/",
    "/outlets/stats/",
    "/search/?q=bridge",
    f"{FICTIONAL}/",
    f"{FICTIONAL}/?blind=1",
    f"{FICTIONAL}/?show=contested&projector=1",
    f"{FICTIONAL}/explainer/",
    f"{FICTIONAL}/classroom/",
    f"{FICTIONAL}/worksheet/",
    f"{FICTIONAL}/layers/charts/",
    f"{SEED}/",
    f"{SEED}/layers/sources/",
    f"{SEED}/layers/wording/",
    f"{SEED}/layers/syndication/",
]


@pytest.fixture
def demo(transactional_db):
    call_command("demo", verbosity=0)


def test_it_fits_every_reading_page_on_a_phone(browser_page: Page, demo):
    browser_page.set_viewport_size({"width": 390, "height": 844})
    too_wide = {}
    for path in PAGES:
        browser_page.goto(path)
        browser_page.wait_for_load_state("networkidle")
        width = browser_page.evaluate("document.documentElement.scrollWidth")
        if width > 390:
            too_wide[path] = width
    assert not too_wide, f"Pages wider than a 390 px phone (page width in px): {too_wide}"
