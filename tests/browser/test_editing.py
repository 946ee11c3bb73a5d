"""An editor's work in a real browser: pasting an article and correcting a cell.

Each step happens in place through htmx; a marker set on `window` before it and read
after it proves the page was never reloaded.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from coverage.models import Article, Event, Stance
from tests.conftest import cell

pytestmark = pytest.mark.browser


def _set_marker(page: Page) -> None:
    page.evaluate("window.__parallaxMarker = 'no reload'")


def _assert_not_reloaded(page: Page) -> None:
    assert page.evaluate("window.__parallaxMarker") == "no reload", "the page reloaded"


def test_an_editor_pastes_an_article(editor_page: Page, editor, event_with_matrix, screenshot):
    event_with_matrix.editors.add(editor)
    page = editor_page
    page.goto("/events/bridge-closure/articles/add/")
    _set_marker(page)
    paste = page.locator("#add-paste")
    paste.get_by_label("Outlet").fill("Harbour Gazette")
    paste.get_by_label("Title").fill("Bridge shut for a week")
    paste.get_by_label("Article text").fill(
        "The bridge closed on Monday.\n\nEngineers expect it to reopen next week."
    )
    paste.get_by_role("button", name="Add article").click()

    report = page.locator("#add-paste .import-report")
    expect(report).to_contain_text("Added 1 article:")
    expect(report).to_contain_text("Bridge shut for a week · Harbour Gazette")
    current = page.locator("#current-articles")
    expect(current).to_contain_text("Harbour Gazette: Bridge shut for a week")
    _assert_not_reloaded(page)
    # The form is empty again, ready for the next article.
    expect(paste.get_by_label("Title")).to_have_value("")

    screenshot(page, "added")
    assert "Added 1 article:" in report.inner_text()
    article = Article.objects.get(title="Bridge shut for a week")
    assert (article.event, article.outlet.name, article.sentences.count()) == (
        event_with_matrix,
        "Harbour Gazette",
        2,
    )


def test_an_editor_corrects_a_cell(editor_page: Page, editor, event_with_matrix, screenshot):
    event_with_matrix.editors.add(editor)
    closed = event_with_matrix.assertions.get(position=0)
    article = Event.objects.get(slug="bridge-closure").articles.get(outlet__slug="the-bugle")
    evidence = article.sentences.get(index=1)
    page = editor_page
    page.goto("/events/bridge-closure/")
    _set_marker(page)

    bugle_cell = page.locator(f"#row-{closed.pk} a.cell-link").nth(1)
    expect(bugle_cell).to_contain_text("Agrees")
    bugle_cell.click()
    panel = page.locator("#cell-panel")
    expect(panel).to_contain_text("The Bugle on")
    expect(panel.locator("mark")).to_have_text("Reportedly the bridge shut on Monday.")

    panel.get_by_text("Correct this cell").click()
    panel.get_by_label("Contradicts").check()
    panel.get_by_label("Hedged or attributed").uncheck()
    panel.get_by_label("Evidence sentence").select_option(str(evidence.pk))
    panel.get_by_label("Note").fill("It says no one was hurt, not that it closed.")
    panel.get_by_role("button", name="Save cell").click()

    expect(panel.locator(".saved")).to_contain_text("Saved.")
    expect(panel.locator("mark")).to_have_text("No one was hurt.")
    # The matrix refreshed itself: the cell now contradicts and is marked as changed by hand.
    bugle_cell = page.locator(f"#row-{closed.pk} a.cell-link").nth(1)
    expect(bugle_cell).to_contain_text("Contradicts")
    expect(bugle_cell.locator(".human-mark")).to_have_text("✎ changed by a person")
    expect(page.locator(f"#row-{closed.pk} td.cell").nth(1)).to_have_class("cell cell-contradict")
    _assert_not_reloaded(page)

    screenshot(page, "saved")
    panel_text = panel.inner_text()
    assert "Saved. The cell is now marked ✎, changed by a person" in panel_text
    assert "It says no one was hurt, not that it closed." in panel_text
    stance = cell(closed, article)
    assert (stance.label, stance.hedged, stance.evidence, stance.origin, stance.updated_by) == (
        Stance.Label.CONTRADICT,
        False,
        evidence,
        "human",
        editor,
    )


def test_arrow_keys_move_between_cells_and_enter_opens_one(
    browser_page: Page, event_with_matrix, screenshot
):
    page = browser_page
    page.goto("/events/bridge-closure/")
    _set_marker(page)

    def focused() -> str:
        """The focused cell as a screen reader announces it: column, state, row."""
        return page.evaluate(
            """() => {
                const link = document.activeElement;
                const cell = link.closest("td");
                const header = cell.closest("table").tHead.rows[0].cells[cell.cellIndex];
                const outlet = header.querySelector(".outlet-name").textContent.trim();
                const claim = cell.parentElement.querySelector("th .claim-text").textContent.trim();
                return `${outlet}: ${link.textContent.trim()}. ${claim}`;
            }"""
        )

    page.locator(".matrix a.cell-link").first.focus()
    # Set without a person's account (as curated data is), so unmarked.
    assert focused().startswith("Daily Planet: Agrees. The bridge closed")
    page.keyboard.press("ArrowRight")
    assert focused().startswith("The Bugle: Agrees hedged. The bridge")
    page.keyboard.press("ArrowDown")
    assert focused().startswith("The Bugle: Silent. Nobody was injured.")
    page.keyboard.press("ArrowLeft")
    assert focused().startswith("Daily Planet: Silent. Nobody was injured.")
    # Past the edge nothing moves.
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowDown")
    assert focused().startswith("Daily Planet: Silent. Nobody was injured.")

    page.keyboard.press("Enter")
    panel = page.locator("#cell-panel")
    expect(panel).to_contain_text("Daily Planet on")
    expect(panel.locator(".panel-title")).to_have_text("Claim 2: Nobody was injured.")
    _assert_not_reloaded(page)
    screenshot(page, "keyboard")
    assert "does not mention the claim" in panel.inner_text()
    # Readers get no correction form.
    assert "Correct this cell" not in panel.inner_text()
