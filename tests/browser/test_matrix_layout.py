"""The matrix at a glance, measured in a real browser on a laptop, a projector and a phone.

Each test checks the layout facts a reader depends on: every outlet's column and the row
totals inside the screen with no sideways scrolling, the outlet headers still on screen
after the page scrolls, the first row above the fold, the evidence in view after a tap
on a phone and the same place after closing it. Screenshots of what was measured are
saved and read back (a PNG of the screen's size), so a blank or wrongly sized capture
fails too.
"""

from __future__ import annotations

import re
import struct
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import Browser, Page, expect

from coverage import services
from coverage.models import Event
from tests.browser.conftest import wait_until
from tests.conftest import cell, make_article, make_assertion, make_event, make_outlet

pytestmark = pytest.mark.browser

FICTIONAL = "/events/port-averly-bridge-closure/"
SEED = "/events/ukraine-idlib-training-reports/"
SIX = "/events/six-outlets/"
LAPTOP = {"width": 1366, "height": 768}
PROJECTOR = {"width": 1920, "height": 1080}
PHONE = {"width": 390, "height": 844}

# Where each column's header and the first row sit, as the reader sees them.
MEASURE = """() => {
  const headers = [...document.querySelectorAll('.matrix thead th')].map((th) => {
    const box = th.getBoundingClientRect();
    return {text: th.innerText.trim(), left: box.left, right: box.right, top: box.top,
            bottom: box.bottom, size: parseFloat(getComputedStyle(th).fontSize)};
  });
  const row = document.querySelector('.matrix tbody tr').getBoundingClientRect();
  const totals = document.querySelector('.matrix tbody td.totals');
  return {headers, firstRowTop: row.top, firstRowBottom: row.bottom,
          totalsSize: parseFloat(getComputedStyle(totals).fontSize),
          matrixSize: parseFloat(getComputedStyle(document.querySelector('.matrix')).fontSize),
          pageWidth: document.documentElement.scrollWidth, scrollX: window.scrollX};
}"""

# Whether the element at each header's middle is that header (not covered, not scrolled off).
HEADERS_ON_TOP = """() => [...document.querySelectorAll('.matrix thead th')].map((th) => {
  const box = th.getBoundingClientRect();
  const x = Math.min(box.left + box.width / 2, window.innerWidth - 1);
  const y = box.top + Math.min(box.height / 2, 12);
  const found = document.elementFromPoint(x, y);
  return {text: th.innerText.trim(), top: box.top, seen: !!found && th.contains(found)};
})"""


@pytest.fixture
def demo(transactional_db) -> None:
    call_command("demo", verbosity=0)


OUTLET_NAMES = [
    "Kestrel Valley State News Agency",
    "Meridian Public Radio International",
    "The Harbour Line Evening Edition",
    "Averly Courier and Gazette",
    "Northern Coast Broadcasting Corporation",
    "Independent Dockworkers' Bulletin",
    "Southern Ferries Trade Weekly",
    "Port Averly Community Television",
]


def make_wide_event(slug: str, outlets: int) -> Event:
    """``outlets`` outlets with long names and a dozen rows of every state."""
    event = make_event(title=f"{outlets} outlets", slug=slug)
    articles = [
        make_article(event, make_outlet(name), "The bridge closed on Monday. Repairs take weeks.")
        for name in OUTLET_NAMES[:outlets]
    ]
    claims = [
        "The Kestrel bridge closed to all traffic on Monday morning after engineers found "
        "cracks in one of the support piers, the transport ministry said in a statement.",
        "Repairs are expected to take several weeks.",
        "Police used tear gas on protesters at the eastern approach.",
    ]
    claims += [f"Ferry number {number} ran an extra crossing on Tuesday." for number in range(9)]
    for text in claims:
        row = make_assertion(event, text)
        for index, article in enumerate(articles):
            if index % 3:
                services.set_stance(
                    stance=cell(row, article),
                    label="agree" if index % 2 else "contradict",
                    hedged=index == 1,
                    evidence=article.sentences.get(index=0),
                )
    return event


@pytest.fixture
def six_outlets(transactional_db) -> Event:
    """The widest event the laptop layout promises to fit."""
    return make_wide_event("six-outlets", 6)


@pytest.fixture
def tab(browser: Browser, live_server) -> Iterator[Callable[..., Page]]:
    """A new tab of the given size on the live server (a touch screen for phones)."""
    contexts = []

    def open_tab(viewport: dict[str, int], *, touch: bool = False) -> Page:
        context = browser.new_context(
            base_url=live_server.url, viewport=viewport, has_touch=touch, is_mobile=touch
        )
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield open_tab
    for context in contexts:
        context.close()


def shot(page: Page, folder: Path, name: str) -> Path:
    """Save what the screen shows and read it back: a PNG exactly the viewport's size."""
    path = folder / f"{name}.png"
    page.screenshot(path=path)
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR", f"{path} is no PNG"
    width, height = struct.unpack(">II", data[16:24])
    viewport = page.viewport_size
    assert (width, height) == (viewport["width"], viewport["height"]), path
    assert len(data) > 10_000, f"{path} is almost empty ({len(data)} bytes)"
    return path


def assert_every_column_fits(page: Page, width: int) -> dict:
    measured = page.evaluate(MEASURE)
    clipped = [h["text"] for h in measured["headers"] if h["left"] < 0 or h["right"] > width]
    assert not clipped, f"Columns cut at {width} px: {clipped}"
    assert measured["headers"][-1]["text"] == "Row totals"
    assert measured["pageWidth"] <= width, "the page scrolls sideways"
    return measured


def assert_headers_follow_the_page(page: Page) -> None:
    """Scroll the page until the table's top is well above the screen: headers stay."""
    middle = page.evaluate(
        """() => {
          const table = document.querySelector('.matrix').getBoundingClientRect();
          return Math.round(window.scrollY + table.top + table.height / 2);
        }"""
    )
    page.mouse.wheel(0, middle)
    wait_until(page, f"window.scrollY > {middle - 50}")
    headers = page.evaluate(HEADERS_ON_TOP)
    lost = [h["text"] for h in headers if not h["seen"] or not 0 <= h["top"] < 80]
    assert not lost, f"Headers gone after scrolling: {lost} ({headers})"


@pytest.mark.parametrize("path", [FICTIONAL, SEED, SIX])
def test_the_matrix_fits_a_laptop_with_the_first_rows_above_the_fold(
    tab, demo, six_outlets, tmp_path, path
):
    page = tab(LAPTOP)
    page.goto(path)
    measured = assert_every_column_fits(page, LAPTOP["width"])
    assert measured["firstRowBottom"] <= LAPTOP["height"], measured
    # What each outlet contradicts and leaves out reads on, unfolded.
    expect(page.locator(".summary-outlets > p")).to_be_visible()
    expect(page.locator(".summary-outlets > summary")).to_be_hidden()
    shot(page, tmp_path, "laptop-top")
    assert_headers_follow_the_page(page)
    shot(page, tmp_path, "laptop-scrolled")


def test_more_outlets_scroll_in_their_box_with_the_claims_and_headers_pinned(
    tab, transactional_db, tmp_path
):
    make_wide_event("eight-outlets", 8)
    page = tab(LAPTOP)
    page.goto("/events/eight-outlets/")
    assert page.evaluate("document.documentElement.scrollWidth") <= LAPTOP["width"]
    frame = page.locator(".matrix-scroll")
    frame.evaluate("(box) => { box.scrollIntoView(); box.scrollBy(400, 300); }")
    wait_until(page, "document.querySelector('.matrix-scroll').scrollLeft > 0")
    pinned = page.evaluate(
        """() => {
          const box = document.querySelector('.matrix-scroll').getBoundingClientRect();
          const head = document.querySelector('.matrix thead th:nth-child(3)');
          const claim = document.querySelectorAll('.matrix tbody th')[8];
          return {boxLeft: box.left, boxTop: box.top,
                  headTop: head.getBoundingClientRect().top,
                  claimLeft: claim.getBoundingClientRect().left};
        }"""
    )
    assert abs(pinned["headTop"] - pinned["boxTop"]) <= 2, pinned
    assert abs(pinned["claimLeft"] - pinned["boxLeft"]) <= 2, pinned
    shot(page, tmp_path, "eight-outlets")


def test_a_last_column_cell_opens_over_the_matrix_and_its_address_reloads_both(tab, demo, tmp_path):
    page = tab(LAPTOP)
    page.goto(FICTIONAL)
    page.evaluate("window.scrollTo(0, 300)")
    last = page.locator(".matrix tbody tr").nth(2).locator("a.cell-link").last
    last.click()
    panel = page.locator("#cell-panel")
    expect(panel).to_contain_text("Veldmark State News Agency on")
    # The cell stays marked while the drawer may cover it.
    expect(last).to_have_class(re.compile(r"\bis-open\b"))
    # Nothing moved: the claims are where they were, the drawer over the matrix.
    assert page.evaluate("[window.scrollX, window.scrollY]") == [0, 300]
    claim = page.locator(".matrix tbody tr").nth(2).locator("th .claim-text")
    expect(claim).to_be_in_viewport()
    box = panel.bounding_box()
    assert box and box["x"] + box["width"] <= LAPTOP["width"] and box["height"] > 300
    expect(page).to_have_url(re.compile(r"\?cell=\d+-veldmark-state-news-agency$"))
    shot(page, tmp_path, "drawer")

    page.reload()
    expect(page.locator("#cell-panel")).to_contain_text("Veldmark State News Agency on")
    expect(page.locator(".matrix tbody tr")).to_have_count(15)
    # The reloaded page marks the cell the drawer shows, as the click did.
    expect(page.locator(".matrix .cell-link.is-open")).to_have_count(1)
    expect(page.locator(".matrix tbody tr").nth(2).locator(".cell-link").last).to_have_class(
        re.compile(r"\bis-open\b")
    )
    page.get_by_role("link", name="Close", exact=True).click()
    expect(page.locator("#cell-panel .panel")).to_have_count(0)
    assert "cell=" not in page.url


def test_projector_mode_reads_from_the_back_of_the_room(tab, demo, tmp_path):
    page = tab(PROJECTOR)
    page.goto(f"{FICTIONAL}?projector=1")
    measured = assert_every_column_fits(page, PROJECTOR["width"])
    assert measured["matrixSize"] >= 24 and measured["totalsSize"] >= 22, measured
    assert min(h["size"] for h in measured["headers"]) >= 24, measured
    assert measured["firstRowBottom"] <= PROJECTOR["height"], measured
    summary_size = page.evaluate(
        "parseFloat(getComputedStyle(document.querySelector('.matrix-summary')).fontSize)"
    )
    assert summary_size >= 24
    shot(page, tmp_path, "projector-top")
    assert_headers_follow_the_page(page)
    # The totals of the rows now on screen are on screen too, at the right edge.
    visible_totals = page.evaluate(
        """() => [...document.querySelectorAll('.matrix tbody td.totals')]
             .map((td) => td.getBoundingClientRect())
             .filter((box) => box.top > 0 && box.bottom < window.innerHeight)
             .map((box) => box.right)"""
    )
    assert visible_totals and max(visible_totals) <= PROJECTOR["width"]
    shot(page, tmp_path, "projector-scrolled")

    # A cell's evidence opens over the matrix in type as large as the matrix's.
    page.locator(".matrix tbody a.cell-link").nth(9).click()
    panel = page.locator("#cell-panel")
    expect(panel.locator(".panel-title")).to_be_in_viewport()
    sizes = panel.evaluate(
        """(panel) => ['.panel-title', '.cell-entry .meta'].map((part) =>
             parseFloat(getComputedStyle(panel.querySelector(part)).fontSize))"""
    )
    assert min(sizes) >= 22, sizes
    shot(page, tmp_path, "projector-evidence")


def test_on_a_phone_the_claims_stay_and_a_tap_opens_the_evidence_in_view(tab, demo, tmp_path):
    page = tab(PHONE, touch=True)
    page.goto(FICTIONAL)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    # Outlet by outlet folds away, so the matrix starts on the first screen.
    first_row = page.locator(".matrix tbody tr").first.bounding_box()
    assert first_row and first_row["y"] < PHONE["height"] - 20, first_row
    expect(page.locator(".summary-outlets > p")).to_be_hidden()
    page.locator(".summary-outlets > summary").tap()
    expect(page.locator(".summary-outlets > p")).to_contain_text("contradicts 7 claims")
    page.locator(".summary-outlets > summary").tap()
    box = page.locator(".matrix-scroll")
    box.evaluate("(element) => element.scrollIntoView()")
    # Scroll the table down and across, as a thumb would.
    box.evaluate("(element) => element.scrollBy(250, 500)")
    wait_until(page, "document.querySelector('.matrix-scroll').scrollLeft > 0")
    claims = page.evaluate(
        """() => {
          const frame = document.querySelector('.matrix-scroll').getBoundingClientRect();
          const head = document.querySelector('.matrix thead th').getBoundingClientRect();
          const seen = [...document.querySelectorAll('.matrix tbody th')]
            .map((th) => th.getBoundingClientRect())
            .filter((b) => b.top >= frame.top && b.top < frame.bottom);
          return {frameLeft: frame.left, frameTop: frame.top, headTop: head.top,
                  claimLefts: seen.map((b) => b.left)};
        }"""
    )
    # Claims pinned to the left edge of the table, outlets to its top.
    assert claims["claimLefts"], claims
    assert all(abs(left - claims["frameLeft"]) <= 2 for left in claims["claimLefts"]), claims
    assert abs(claims["headTop"] - claims["frameTop"]) <= 2, claims
    shot(page, tmp_path, "phone-scrolled")

    # A thumb taps a cell it can see: one whose middle is not under the pinned claims.
    spot = page.evaluate(
        """() => {
          const links = [...document.querySelectorAll('.matrix tbody a.cell-link')];
          for (const [index, link] of links.entries()) {
            const box = link.getBoundingClientRect();
            const x = box.left + box.width / 2, y = box.top + Math.min(box.height / 2, 15);
            if (y > 120 && y < window.innerHeight - 40 && document.elementFromPoint(x, y)
                && link.contains(document.elementFromPoint(x, y))) return {index, x, y};
          }
          return null;
        }"""
    )
    assert spot, "no cell in view to tap"
    target = page.locator(".matrix tbody a.cell-link").nth(spot["index"])
    before = page.evaluate("[window.scrollY, document.querySelector('.matrix-scroll').scrollTop]")
    page.touchscreen.tap(spot["x"], spot["y"])
    panel = page.locator("#cell-panel")
    expect(panel.locator(".panel")).to_be_visible()
    sheet = panel.bounding_box()
    assert sheet and sheet["y"] >= 0 and sheet["y"] + sheet["height"] <= PHONE["height"] + 1
    assert sheet["y"] < PHONE["height"] - 200, sheet  # a sheet, not a sliver at the bottom
    expect(panel.locator(".panel-title")).to_be_in_viewport()
    expect(panel.get_by_role("button", name="Close")).to_be_in_viewport()
    shot(page, tmp_path, "phone-sheet")

    panel.get_by_role("button", name="Close").tap()
    expect(panel.locator(".panel")).to_have_count(0)
    expect(page.locator(".matrix .cell-link.is-open")).to_have_count(0)
    after = page.evaluate("[window.scrollY, document.querySelector('.matrix-scroll').scrollTop]")
    assert after == before
    expect(target).to_be_focused()
    expect(target).to_be_in_viewport()
    assert "cell=" not in page.url
