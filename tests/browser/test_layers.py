"""The Sources and Wording layers in a real browser: lazy loading, blind mode, a phone,
and a layer that appears by itself once the worker has prepared it."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from coverage.models import Event
from coverage.readings import layers
from tests.conftest import make_article, make_event, make_outlet, run_queued_tasks

pytestmark = pytest.mark.browser

SEED = "/events/ukraine-idlib-training-reports/"


@pytest.fixture
def seed(transactional_db) -> None:
    call_command("demo", stdout=StringIO())
    # The worker's job, here for the one event these tests read.
    layers.prepare(Event.objects.get(slug=SEED.split("/")[2]))


def test_the_layers_load_when_scrolled_to(browser_page: Page, seed, screenshot):
    page = browser_page
    page.goto(SEED)
    sources = page.locator("#sources-layer")
    expect(sources).to_have_count(0)

    page.get_by_role("heading", name="Who each outlet cites").scroll_into_view_if_needed()
    expect(sources.get_by_role("table")).to_contain_text("Al-Watan")
    page.get_by_role("heading", name="How each outlet words it").scroll_into_view_if_needed()
    wording = page.locator("#wording-layer")
    expect(wording.get_by_role("table").first).to_contain_text("Hayat Tahrir al-Sham")

    wording.locator("summary", has_text="terrorist organization").first.click()
    expect(wording).to_contain_text("militants from the Hayat Tahrir al-Sham terrorist")
    screenshot(page, "event-page")


def test_the_sources_page_hides_outlets_in_blind_mode(browser_page: Page, seed, checked_screenshot):
    page = browser_page
    page.goto(f"{SEED}layers/sources/?blind=1")

    expect(page.get_by_role("table")).to_contain_text("RIA Novosti")
    checked_screenshot(
        page, "blind", shows=["Al-Watan", "Aydinlik", "Outlet"], hides=["TROIB", "phnotes"]
    )


def test_the_wording_table_scrolls_sideways_on_a_phone(
    browser_page: Page, seed, checked_screenshot
):
    page = browser_page
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{SEED}layers/wording/")

    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, "the page itself must not scroll sideways"
    region = page.locator(".table-scroll").first
    assert region.evaluate("element => element.scrollWidth > element.clientWidth")
    checked_screenshot(page, "phone", shows=["Wording", "Actors"])


def test_a_layer_not_prepared_yet_says_so_then_appears_by_itself(
    browser_page: Page, transactional_db
):
    event = make_event(slug="bridge")
    make_article(event, make_outlet(), text="According to Reuters, the bridge closed on Monday.")
    page = browser_page
    page.goto("/events/bridge/layers/sources/")
    expect(page.locator("#sources-layer")).to_contain_text(
        "Parallax is still reading these articles to find who each outlet cites."
    )

    run_queued_tasks()

    # The page asks again every few seconds, without a reload.
    expect(page.get_by_role("table")).to_contain_text("Reuters", timeout=20_000)
