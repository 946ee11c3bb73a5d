"""The event page's matrix: filters, sorting, blind and projector modes, and permalinks."""

from __future__ import annotations

import html
import re

import pytest
from django.core.management import call_command
from django.urls import resolve

from coverage.blind import blind_labels
from coverage.models import Event, Outlet
from tests.conftest import make_article, make_event, make_outlet

HTMX = {"HTTP_HX_REQUEST": "true"}
DEMO = "/events/port-averly-bridge-closure/"


@pytest.fixture
def demo(db) -> Event:
    """The demo's fictional event: four outlets, fifteen curated rows, every cell state."""
    call_command("demo", verbosity=0)
    return Event.objects.get(slug="port-averly-bridge-closure")


def _rows(content: str) -> list[str]:
    """The claims of the rows the page shows, in order."""
    return [
        html.unescape(text).strip()
        for text in re.findall(r'<span class="claim-text">([^<]*)', content)
    ]


def _hrefs(content: str) -> list[str]:
    """Every link's address, without its #fragment."""
    return [
        html.unescape(href).partition("#")[0] for href in re.findall(r'href="([^"]*)"', content)
    ]


def _outlets(event: Event) -> list[Outlet]:
    return list(Outlet.objects.filter(articles__event=event).distinct())


# Filters and sorting


def test_it_shows_every_row_with_counts_per_filter(client, demo):
    content = client.get(DEMO).content.decode()
    assert len(_rows(content)) == 15
    for label in (
        "All rows (15)",
        "Contested (10)",
        "Consensus (2)",
        "Single outlet (3)",
        "Hedged only (4)",
        # The demo's cells are curated, a person's: none is left to check.
        "Unchecked contradictions (0)",
    ):
        assert label in content


def test_the_demo_has_no_contradiction_left_to_check(client, demo):
    content = client.get(DEMO + "?show=unchecked").content.decode()
    assert _rows(content) == []
    assert "No contradiction left to check: a person has made or checked every one." in content


def test_it_filters_the_demo_to_the_rows_one_outlet_reports_alone(client, demo):
    rows = _rows(client.get(DEMO + "?show=single").content.decode())
    assert rows == [
        "Cracks in the damaged pier were first recorded in an inspection in 2022.",
        "A 67-year-old market trader was hit by a tear gas canister.",
        "Transport Minister Ilse Varga apologised to commuters for the disruption.",
    ]


def test_it_filters_the_demo_to_contested_and_consensus_rows(client, demo):
    contested = _rows(client.get(DEMO + "?show=contested").content.decode())
    assert len(contested) == 10
    assert "Police fired tear gas at the crowd." in contested
    assert "The gathering at the bridge was peaceful until police moved in." in contested
    assert "Police detained 19 people after the clashes." not in contested
    consensus = _rows(client.get(DEMO + "?show=consensus").content.decode())
    assert consensus == [
        "Port Averly's Kestrel Bridge was closed to all traffic on Friday 14 March.",
        "Police detained 19 people after the clashes.",
    ]


def test_it_sorts_the_most_reported_rows_first(client, demo):
    rows = _rows(client.get(DEMO + "?sort=coverage").content.decode())
    assert rows[0] == "Port Averly's Kestrel Bridge was closed to all traffic on Friday 14 March."
    assert rows[-1] in {
        "Cracks in the damaged pier were first recorded in an inspection in 2022.",
        "A 67-year-old market trader was hit by a tear gas canister.",
        "Transport Minister Ilse Varga apologised to commuters for the disruption.",
    }
    assert len(rows) == 15


def test_the_filter_answers_htmx_with_the_matrix_only(client, demo):
    response = client.get(DEMO + "?show=hedged&sort=contested", **HTMX)
    content = response.content.decode()
    assert content.lstrip().startswith('<div id="matrix"')
    assert "<html" not in content
    assert len(_rows(content)) == 4
    # The form shows what is chosen, and the refresh after an edit keeps it.
    assert 'value="hedged" checked' in content
    assert '<option value="contested" selected>' in content
    assert 'hx-get="/events/port-averly-bridge-closure/?show=hedged&amp;sort=contested"' in content


def test_an_empty_filter_says_so_and_offers_every_row(client, db):
    event = make_event()
    make_article(event, make_outlet("Daily Planet"))
    make_article(event, make_outlet("The Bugle"))
    from tests.conftest import make_assertion

    make_assertion(event, "Nobody reports this.")
    content = client.get("/events/bridge-closure/?show=contested&blind=1").content.decode()
    assert "No row of this event is “contested”." in content
    assert 'href="/events/bridge-closure/?blind=1">Show all 1 rows</a>' in content


@pytest.mark.parametrize(
    "query",
    [
        "?show=nonsense&sort=chaos",
        "?page=0",
        "?page=-1",
        "?page=99999",
        "?page=%00",
        "?blind=2&projector=yes please",
        "?reveal=%3Cscript%3Ealert(1)%3C/script%3E&blind=1",
        "?reveal=" + "b," * 5000,
        "?show=single&show=contested",
    ],
)
def test_bad_parameters_fall_back_to_defaults(client, demo, query):
    response = client.get(DEMO + query)
    assert response.status_code == 200
    content = response.content.decode()
    assert "<script>alert" not in content
    # Every row, or for a repeated parameter its last value (contested).
    assert len(_rows(content)) in {10, 15}


# Blind mode


def test_blind_mode_never_shows_an_outlet_name_or_slug(client, demo):
    for url in (DEMO + "?blind=1", DEMO + "?blind=1&projector=1&show=contested"):
        for response in (client.get(url), client.get(url, **HTMX)):
            content = response.content.decode().lower()
            for outlet in _outlets(demo):
                assert outlet.name.lower() not in content, (url, outlet.name)
                assert outlet.slug not in content, (url, outlet.slug)
            assert "outlet a" in content


def test_blind_columns_follow_the_letters_and_links_keep_blind_mode(client, demo):
    content = client.get(DEMO + "?blind=1").content.decode()
    headers = re.findall(r'<span class="outlet-name">(Outlet [A-Z]+)</span>', content)
    assert headers == ["Outlet A", "Outlet B", "Outlet C", "Outlet D"]
    cell_links = [href for href in _hrefs(content) if "/cells/" in href]
    assert len(cell_links) == 15 * 4
    assert all(href.endswith("?blind=1") for href in cell_links)
    assert all(re.search(r"/cells/\d+/outlet-[a-d]/\?", href) for href in cell_links)
    # No link to an article or outlet page while their names are hidden.
    onward = {
        resolve(href.split("?")[0]).url_name
        for href in _hrefs(content)
        if href[:1] == "/" and not href.startswith("/static/")
    }
    assert not onward & {"article_detail", "outlet_detail"}


def test_revealing_one_outlet_names_it_and_keeps_the_others_hidden(client, demo):
    labels = blind_labels(demo, _outlets(demo))
    revealed = next(o for o in _outlets(demo) if labels[o.pk] == "Outlet B")
    content = client.get(DEMO + "?blind=1&reveal=b").content.decode()
    assert f'Outlet B =</span> <a class="outlet-name" href="/outlets/{revealed.slug}/"' in content
    for outlet in _outlets(demo):
        if outlet != revealed:
            assert outlet.name not in content
    assert 'href="/events/port-averly-bridge-closure/?blind=1&amp;reveal=b,c">Reveal' in content
    assert 'href="/events/port-averly-bridge-closure/?blind=1">Hide the names again</a>' in content
    # Revealing by the outlet's own slug works too, for links made by hand.
    assert revealed.name in client.get(f"{DEMO}?blind=1&reveal={revealed.slug}").content.decode()


def test_reveal_all_names_every_outlet_and_works_with_htmx(client, demo):
    content = client.get(DEMO + "?blind=1&reveal=all", **HTMX).content.decode()
    assert content.lstrip().startswith('<div id="matrix"')
    labels = blind_labels(demo, _outlets(demo))
    for outlet in _outlets(demo):
        assert f"{labels[outlet.pk]} =</span>" in content
        assert outlet.name in content
    assert "Reveal all" not in content


def test_the_blind_cell_panel_hides_the_outlet_and_its_name_in_quotes(client, demo):
    labels = blind_labels(demo, _outlets(demo))
    courier = Outlet.objects.get(slug="averly-courier")
    letter = labels[courier.pk].removeprefix("Outlet ").lower()
    meridian = Outlet.objects.get(slug="meridian-public-radio")
    # The note on the Courier's cell names Meridian Public Radio.
    row = demo.assertions.get(text__startswith="The bridge was closed because engineers")
    url = f"{DEMO}cells/{row.pk}/outlet-{letter}/?blind=1"
    for response in (client.get(url), client.get(url, **HTMX)):
        content = response.content.decode()
        assert response.status_code == 200
        assert f"{labels[courier.pk]} on" in content
        assert f"near-identical in {labels[meridian.pk]}" in content
        for outlet in _outlets(demo):
            assert outlet.name not in content
        assert "/articles/" not in content
        assert "History of this cell" not in content
    # Revealed, the same address names it.
    revealed = client.get(f"{url}&reveal={letter}").content.decode()
    assert f"{labels[courier.pk]} = Averly Courier on" in revealed


def test_the_row_page_in_blind_mode_names_no_outlet(client, demo):
    row = demo.assertions.get(text__startswith="Police fired tear gas")
    content = client.get(f"{DEMO}rows/{row.pk}/?blind=1").content.decode()
    for outlet in _outlets(demo):
        assert outlet.name not in content
        assert outlet.slug not in content
    assert re.findall(r">(Outlet [A-D])</a>:", content) == [
        "Outlet A",
        "Outlet B",
        "Outlet C",
        "Outlet D",
    ]


# Projector mode


def test_projector_mode_marks_the_page_and_hides_editing(client, editor, demo):
    demo.editors.add(editor)
    client.force_login(editor)
    plain = client.get(DEMO).content.decode()
    assert "Add assertion" in plain and 'class="projector' not in plain
    content = client.get(DEMO + "?projector=1&blind=1").content.decode()
    assert '<body class="projector blind"' in content
    assert "Add assertion" not in content and "Analyse again" not in content
    assert "Exit<span" in content
    cell_links = [href for href in _hrefs(content) if "/cells/" in href or "/rows/" in href]
    assert cell_links and all(href.endswith("?blind=1&projector=1") for href in cell_links)
    # The cell page keeps the mode and offers no correction form.
    panel = client.get(cell_links[0]).content.decode()
    assert '<body class="projector blind"' in panel
    assert "Correct this cell" not in panel


def test_the_mode_toggles_switch_each_mode_and_exit_keeps_the_filter(client, demo):
    content = client.get(DEMO + "?show=single&projector=1").content.decode()
    assert 'href="/events/port-averly-bridge-closure/?blind=1&amp;projector=1&amp;show=single"' in (
        content
    )
    assert 'href="/events/port-averly-bridge-closure/?show=single">Projector mode' in content
    assert 'class="mode-exit" href="/events/port-averly-bridge-closure/?show=single"' in content


# Permalinks


def test_every_link_in_the_matrix_resolves(client, demo):
    content = client.get(DEMO + "?blind=1&reveal=a&projector=1").content.decode()
    local = [href for href in _hrefs(content) if href.startswith("/events/")]
    names = {resolve(href.split("?")[0]).url_name for href in local}
    assert {"event_detail", "cell_detail", "assertion_detail"} <= names
    for href in {h for h in local if "/cells/" in h or "/rows/" in h}:
        assert client.get(href).status_code == 200, href


def test_the_row_permalink_shows_every_outlet_with_its_evidence(client, demo):
    row = demo.assertions.get(text__startswith="Police fired tear gas")
    url = f"{DEMO}rows/{row.pk}/"
    response = client.get(url)
    content = response.content.decode()
    assert response.status_code == 200
    assert "<title>“Police fired tear gas at the crowd.” · Closure" in content
    for outlet in _outlets(demo):
        assert outlet.name in content
    assert "A Courier reporter saw officers fire tear gas into the crowd" in content
    assert "The Interior Ministry denied that tear gas had been used" in content
    sentence_links = [href for href in _hrefs(content) if "?sentence=" in href]
    assert len(sentence_links) == 4
    assert all(resolve(href.split("?")[0]).url_name == "article_detail" for href in sentence_links)
    assert f'<a href="http://testserver{url}">Link to this row</a>' in content


def test_the_row_permalink_answers_htmx_with_its_panel(client, demo):
    row = demo.assertions.first()
    content = client.get(f"{DEMO}rows/{row.pk}/", **HTMX).content.decode()
    assert content.lstrip().startswith('<div id="row-panel-content"')
    assert "<html" not in content


def test_the_cell_permalink_is_a_standalone_page(client, demo):
    row = demo.assertions.get(text__startswith="Police fired tear gas")
    url = f"{DEMO}cells/{row.pk}/the-harbour-line/"
    content = client.get(url).content.decode()
    assert "<title>The Harbour Line on “Police fired tear gas at the crowd.”" in content
    assert f'href="{DEMO}rows/{row.pk}/">Row</a>' in content
    assert f'<a href="http://testserver{url}">Link to this cell</a>' in content
    assert "Police fired tear gas canisters into the crowd without warning" in content


@pytest.mark.parametrize(
    "path",
    ["rows/999999/", "cells/999999/the-harbour-line/", "cells/{row}/outlet-z/?blind=1"],
)
def test_unknown_rows_and_cells_are_404(client, demo, path):
    row = demo.assertions.first()
    assert client.get(DEMO + path.format(row=row.pk)).status_code == 404


def test_rows_of_drafts_are_hidden_from_visitors(client, demo):
    Event.objects.filter(pk=demo.pk).update(status=Event.Status.DRAFT)
    row = demo.assertions.first()
    assert client.get(f"{DEMO}rows/{row.pk}/").status_code == 404


# The matrix at a glance: the summary line, row numbers, totals and a cell's address


def _matrix_numbers(content: str) -> dict[str, int]:
    """Claim text -> the number its row shows on the matrix page."""
    found = re.findall(
        r'<span class="row-number">(\d+)<span class="visually-hidden">\.</span></span> '
        r'<span class="claim-text">([^<]*)</span>',
        content,
    )
    return {html.unescape(text).strip(): int(number) for number, text in found}


def _text(content: str) -> str:
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", content)))


def _summary(content: str) -> str:
    """The summary line's HTML, without the "Outlet by outlet" fold's label."""
    found = re.search(r'<div class="matrix-summary" id="matrix-summary">(.*?)</div>', content, re.S)
    return re.sub(r"\s*<summary>.*?</summary>\s*", " ", found[1])


def test_it_says_what_the_matrix_says_in_words_that_link_to_the_rows(client, demo):
    content = client.get(DEMO).content.decode()
    summary = _summary(content)
    assert (
        _text(summary)
        .strip()
        .startswith(
            "15 claims: 10 contested, 3 reported by one outlet only, "
            "2 agreed by two or more independent outlets. "
            "Veldmark State News Agency contradicts 7 claims and leaves out 3 that others report."
        )
    )
    links = {
        html.unescape(text): html.unescape(href)
        for href, text in re.findall(r'<a href="([^"]+)"[^>]*>([^<]+)</a>', summary)
    }
    assert links["10 contested"] == f"{DEMO}?show=contested"
    assert links["7 claims"] == f"{DEMO}?show=contradicts&outlet=veldmark-state-news-agency"
    # Each count is the number of rows its link shows.
    for text, href in links.items():
        shown = _rows(client.get(href).content.decode())
        assert len(shown) == int(text.split()[0]), (text, href)
    veldmark = client.get(links["7 claims"]).content.decode()
    assert "Showing 7 of 15 rows: Contradicted by Veldmark State News Agency." in _text(veldmark)


def test_the_summary_names_outlets_by_letter_in_blind_mode(client, demo):
    content = client.get(f"{DEMO}?blind=1").content.decode()
    summary = _text(_summary(content))
    assert "Outlet" in summary and "Veldmark" not in summary and "Courier" not in summary
    assert "veldmark" not in _summary(content)
    letter_link = re.search(r'href="([^"]*show=contradicts[^"]*)"', content)[1]
    assert re.search(r"outlet=outlet-[a-z]+", letter_link)
    assert len(_rows(client.get(html.unescape(letter_link)).content.decode())) > 0


@pytest.mark.parametrize(
    "query",
    ["?show=contradicts", "?show=contradicts&outlet=nobody", "?show=leaves-out&outlet=%3Cb%3E"],
)
def test_an_outlet_filter_without_a_known_outlet_shows_every_row(client, demo, query):
    response = client.get(f"{DEMO}{query}")
    assert response.status_code == 200
    assert len(_rows(response.content.decode())) == 15


def test_row_totals_count_each_outlet_once_with_hedging_apart(client, demo):
    content = client.get(DEMO).content.decode()
    totals = [_text(cell) for cell in re.findall(r'<td class="totals">(.*?)</td>', content)[:15]]
    for total in totals:
        counts = [int(count) for count in re.findall(r"[✔✖◐○] (\d+)", total)]
        assert sum(counts) == 4, total  # four outlets, each counted once
    # Hedged counts agreeing cells only: row 2's third hedged cell contradicts.
    assert "✔ 3 agree, ✖ 1 contradict, ○ 0 silent, ≈ 2 of the ✔agreeing hedged" in totals


def test_a_row_has_one_number_on_every_page(client, editor, demo):
    numbers = _matrix_numbers(client.get(DEMO).content.decode())
    assert sorted(numbers.values()) == list(range(1, 16))
    # Filtered and sorted, a row keeps its number.
    contested = _matrix_numbers(client.get(f"{DEMO}?show=contested&sort=coverage").content.decode())
    assert contested and all(numbers[text] == number for text, number in contested.items())

    explainer = client.get(f"{DEMO}explainer/").content.decode()
    for number, text in re.findall(
        r'<span class="row-number">Claim (\d+):</span> ([^<]+)</h3>', explainer
    ):
        assert numbers[html.unescape(text).strip()] == int(number)
    last = demo.assertions.order_by("position", "pk").last()
    assert numbers[last.text] == 15
    for page in (f"rows/{last.pk}/", f"cells/{last.pk}/averly-courier/"):
        alone = client.get(f"{DEMO}{page}").content.decode()
        assert '<span class="row-number">Claim 15:</span>' in alone, page
    api = client.get(f"/api/v1/events/{demo.slug}/assertions/").json()["results"]
    assert {row["text"]: row["row"] for row in api} == numbers
    client.force_login(editor)
    demo.editors.add(editor)
    for page in ("worksheet/?names=1", "worksheet/answers/"):
        sheet = client.get(f"{DEMO}{page}").content.decode()
        lines = re.findall(
            r'<th scope="row" class="sheet-number">(\d+)</th>\s*'
            r'<td class="sheet-claim">([^<]*)</td>',
            sheet,
        )
        assert len(lines) == 15
        assert all(numbers[html.unescape(text).strip()] == int(n) for n, text in lines)
    classroom = client.get(f"{DEMO}classroom/?names=1").content.decode()
    prompts = re.findall(r"claim (\d+):</span> “([^”]*)”", classroom)
    assert prompts
    assert all(numbers[html.unescape(text)] == int(number) for number, text in prompts)


def test_a_cell_opened_from_the_matrix_gets_an_address_that_reopens_both(
    client, demo, django_assert_num_queries
):
    row = demo.assertions.order_by("position").first()
    cell_url = f"{DEMO}cells/{row.pk}/the-harbour-line/"
    response = client.get(
        cell_url,
        HTTP_HX_REQUEST="true",
        HTTP_HX_CURRENT_URL=f"http://testserver{DEMO}?show=contested",
    )
    pushed = response["HX-Push-Url"]
    assert pushed == f"{DEMO}?show=contested&cell={row.pk}-the-harbour-line"

    client.get(DEMO)  # the matrix is kept; opening a cell with it costs the cell's queries
    with django_assert_num_queries(9):
        # the event, its data version, its latest run; the cell: its row, its number,
        # the event's outlets, its stances with their articles, their sentences, its
        # revisions
        reloaded = client.get(pushed).content.decode()
    assert _rows(reloaded)  # the matrix, filtered as it was
    panel = re.search(r'<aside id="cell-panel"[^>]*>(.*?)</aside>', reloaded, re.S)[1]
    assert "The Harbour Line on" in panel and "Link to this cell" in panel
    assert f'href="{DEMO}?show=contested">Close</a>' in panel


def test_an_unknown_cell_in_the_address_is_said_in_the_panel(client, demo):
    response = client.get(f"{DEMO}?cell=999999-nobody")
    assert response.status_code == 200
    assert "This event has no cell “999999-nobody”" in response.content.decode()
    assert len(_rows(response.content.decode())) == 15


def test_going_back_to_a_pushed_address_gets_the_whole_page(client, demo):
    """htmx asks again for an address it pushed when the browser kept no copy of it."""
    row = demo.assertions.order_by("position").first()
    address = f"{DEMO}?show=contested&cell={row.pk}-averly-courier"
    restored = client.get(
        address, HTTP_HX_REQUEST="true", HTTP_HX_HISTORY_RESTORE_REQUEST="true"
    ).content.decode()
    assert "<html" in restored and 'id="cell-panel-content"' in restored
    assert "<html" not in client.get(address, **HTMX).content.decode()
