"""The counts on an open event page become independent-source counts once the worker
has compared the texts and traced the origins, without the reader reloading."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from coverage import services, tasks
from tests.analysis.test_syndication import BODIES, SINGLES, lightly_edited
from tests.conftest import cell, make_article, make_assertion, make_event, make_outlet

pytestmark = pytest.mark.browser


def test_the_header_and_row_counts_swap_to_independent_sources_when_origins_are_ready(
    browser_page: Page, transactional_db, checked_screenshot
) -> None:
    event = make_event()
    wire = make_article(event, make_outlet("Kestrel Wire"), BODIES[SINGLES[0]], title="Wire")
    copy = make_article(event, make_outlet("Harbour Post"), lightly_edited(BODIES[SINGLES[0]], 1))
    own = make_article(event, make_outlet("Radio Veld"), BODIES[SINGLES[1]])
    claim = make_assertion(event, "Something happened, three outlets say.")
    for article in (wire, copy, own):
        services.set_stance(
            stance=cell(claim, article),
            label="agree",
            hedged=False,
            evidence=article.sentences.get(index=0),
        )
    page = browser_page
    page.goto(event.get_absolute_url())
    header = page.locator("#event-counts")
    totals = page.locator(f"#row-{claim.pk} td.totals")
    # Before the worker has compared the texts, every outlet counts as its own source.
    expect(header).to_contain_text("3 outlets")
    expect(header).not_to_contain_text("independent")
    expect(totals).to_contain_text("3")
    expect(totals).not_to_contain_text("independent")
    matrix = page.locator("#matrix")
    refresh = matrix.locator(".matrix-refresh")
    expect(refresh).to_have_attribute("hx-trigger", "every 3s")

    tasks.warm_layers(event)  # the worker: citations, the comparison of texts, origins

    # The copy and its original are one source; the page swaps the counts in by itself.
    expect(header).to_contain_text("(2 independent sources)", timeout=20_000)
    expect(totals).to_contain_text("(2 independent)")
    expect(refresh).to_have_count(0)  # final counts: the page stops asking
    checked_screenshot(page, "counted", shows=["independent", "Kestrel", "Harbour"])
    # The row's own page says where the claim comes from.
    page.goto(f"{event.get_absolute_url()}rows/{claim.pk}/")
    expect(page.locator(".origins")).to_contain_text("3 outlets · 2 origins")
