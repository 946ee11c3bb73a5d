"""Research tools in a real browser: searching the demo events and following a result."""

from __future__ import annotations

import io
import re

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from coverage.models import Assertion

pytestmark = pytest.mark.browser


def test_a_researcher_searches_filters_and_opens_a_result(browser_page: Page, checked_screenshot):
    call_command("demo", stdout=io.StringIO())
    page = browser_page
    page.goto("/")
    page.get_by_role("navigation", name="Site").get_by_role("link", name="Search").click()
    expect(page.locator("h1")).to_have_text("Search")

    page.get_by_label("Search for").fill("training militants")
    results = page.locator("#search-results")
    expect(results.get_by_role("heading", name=re.compile(r"^Rows"))).to_be_visible()
    expect(page).to_have_url(re.compile(r"/search/\?q=training(\+|%20)militants"))
    expect(results).to_contain_text("Idlib")

    page.get_by_label("Search for").fill("bridge closed")
    page.get_by_label("Event", exact=True).select_option(
        label="Closure of the Kestrel harbour bridge in Port Averly (fictional)"
    )
    expect(page).to_have_url(re.compile(r"event=port-averly-bridge-closure"))
    expect(results).not_to_contain_text("Idlib")
    expect(results.locator("mark").first).to_be_visible()
    checked_screenshot(
        page, "filtered", shows=["Rows", "Articles", "Kestrel"], hides=["Ukrainian", "Idlib"]
    )

    first_row = results.locator(".result-group").first.locator(".result-title a").first
    row_text = first_row.inner_text()
    first_row.click()
    row = Assertion.objects.get(text=row_text)
    expect(page).to_have_url(re.compile(rf"/events/port-averly-bridge-closure/rows/{row.pk}/$"))
    expect(page.locator("#main")).to_contain_text(row_text)

    page.go_back()
    article_link = results.locator(".result-group").nth(1).locator(".snippet a").first
    sentence = article_link.inner_text()
    article_link.click()
    expect(page).to_have_url(re.compile(r"/articles/\d+/\?sentence=\d+#s\d+"))
    expect(page.locator("#main")).to_contain_text(sentence)
    checked_screenshot(page, "article", shows=["Kestrel"])
