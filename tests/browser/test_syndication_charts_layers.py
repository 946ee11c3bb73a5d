"""The syndication and charts layers load under the matrix as the reader scrolls to them."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from coverage.independence import prepare as prepare_syndication
from tests.analysis.test_syndication import BODIES, SINGLES, lightly_edited
from tests.conftest import make_article, make_assertion, make_event, make_outlet

pytestmark = pytest.mark.browser

LAYERS = ("sources", "wording", "syndication", "charts")


def test_the_layers_load_when_revealed_and_keep_blind_mode(
    browser_page: Page, transactional_db, checked_screenshot
) -> None:
    event = make_event()
    make_article(event, make_outlet("Kestrel Wire"), BODIES[SINGLES[0]], title="Wire story")
    make_article(event, make_outlet("Harbour Post"), lightly_edited(BODIES[SINGLES[0]], 1))
    make_article(event, make_outlet("Radio Veld"), BODIES[SINGLES[1]])
    make_assertion(event, "The bridge closed on Monday.")
    prepare_syndication(event)  # the worker's comparison of the texts
    page = browser_page
    page.goto(f"{event.get_absolute_url()}?blind=1")
    syndication = page.locator("#syndication-layer")
    expect(syndication).to_have_count(0)  # not before the reader gets there
    page.locator("#layer-charts-heading").scroll_into_view_if_needed()
    expect(syndication).to_contain_text("republishes")
    expect(page.locator("#charts-layer")).to_contain_text("Outlet by outlet")
    syndication.scroll_into_view_if_needed()
    checked_screenshot(
        page, "blind", shows=["republishes", "overlap", "Outlet"], hides=["Kestrel", "Harbour"]
    )


def test_layers_asked_for_at_once_all_answer(browser_page: Page, transactional_db) -> None:
    """The four layers under the matrix load together when the reader scrolls to them;
    each must answer, whatever else the server is answering at that moment."""
    event = make_event()
    make_article(event, make_outlet("Kestrel Wire"), BODIES[SINGLES[0]], title="Wire story")
    make_article(event, make_outlet("Harbour Post"), lightly_edited(BODIES[SINGLES[0]], 1))
    make_assertion(event, "The bridge closed on Monday.")
    page = browser_page
    page.goto(event.get_absolute_url())
    url = event.get_absolute_url()
    addresses = ([f"{url}layers/{name}/" for name in LAYERS] + [url, f"{url}?blind=1"]) * 8
    for _ in range(3):  # three bursts: two requests at once are rare enough to need a few
        statuses = page.evaluate(
            "urls => Promise.all(urls.map(url => fetch(url, {headers: {'HX-Request': 'true'}})"
            ".then(response => response.status)))",
            addresses,
        )
        assert statuses == [200] * len(addresses)
