"""The charts layer: bar geometry, the page and its htmx partial, and the outlet page's bar."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from coverage import services
from coverage.models import Event
from coverage.readings.charts import (
    CONTRADICT,
    HEDGED,
    SILENT,
    STATED,
    cell_counts,
    event_charts,
    rounded_percents,
    stacked_bar,
)
from coverage.selectors.matrix import build_matrix
from tests.conftest import cell, make_article, make_assertion, make_event, make_outlet

HTMX = {"HTTP_HX_REQUEST": "true"}


def charts_url(event: Event, query: str = "") -> str:
    return reverse("event_charts", args=[event.slug]) + query


@pytest.mark.parametrize(
    "counts", [[1, 1, 1], [2, 0, 0, 5], [19, 10, 1, 10, 20], [1, 998, 1], [7], [0, 3, 0]]
)
def test_it_lays_segments_end_to_end_across_exactly_the_full_width(counts) -> None:
    parts = [STATED, HEDGED, CONTRADICT, SILENT, STATED][: len(counts)]
    bar = stacked_bar("bar", "Bar", list(zip(parts, counts, strict=True)))
    drawn = bar.drawn
    assert drawn[0].x == 0
    for before, after in zip(drawn, drawn[1:], strict=False):
        assert after.x == pytest.approx(before.x + before.width, abs=0.002)
    assert drawn[-1].x + drawn[-1].width == pytest.approx(100, abs=0.002)
    assert sum(segment.percent for segment in bar.segments) == 100
    assert bar.total == sum(counts)


def test_percents_always_add_up_to_a_hundred_or_nothing() -> None:
    assert rounded_percents([1, 1, 1]) == [34, 33, 33]
    assert rounded_percents([1, 998, 1]) == [0, 100, 0]
    assert rounded_percents([0, 0]) == [0, 0]


def test_an_empty_bar_draws_nothing_and_says_so() -> None:
    bar = stacked_bar("bar", "Bar", [(STATED, 0), (SILENT, 0)])
    assert bar.drawn == ()
    assert bar.description == "No cells yet."


def test_narrow_segments_carry_no_number_inside() -> None:
    bar = stacked_bar("bar", "Bar", [(STATED, 1), (SILENT, 30)])
    assert [segment.labelled for segment in bar.drawn] == [False, True]


def test_it_splits_agreement_into_stated_and_hedged(event_with_matrix) -> None:
    matrix = build_matrix(event_with_matrix)
    planet, bugle = (column for column in matrix.columns)
    assert planet.outlet.name == "Daily Planet"
    by_outlet = [
        {part.key: count for part, count in cell_counts(row.cells[index] for row in matrix.rows)}
        for index in range(2)
    ]
    assert by_outlet[0] == {"agree": 1, "hedged": 0, "mixed": 0, "contradict": 0, "silent": 1}
    assert by_outlet[1] == {"agree": 0, "hedged": 1, "mixed": 0, "contradict": 0, "silent": 1}


def test_it_counts_rows_by_the_matrix_categories(event_with_matrix) -> None:
    matrix = build_matrix(event_with_matrix)
    charts = event_charts(matrix, {c.outlet.pk: c.outlet.name for c in matrix.columns})
    counts = {category.key: category.count for category in charts.categories}
    # "The bridge closed": both agree, one hedged; "Nobody was injured": all silent.
    assert counts == {"contested": 0, "consensus": 1, "single": 0, "hedged": 0}
    assert charts.overview.total == 4
    assert [chart.name for chart in charts.outlets] == ["Daily Planet", "The Bugle"]


def test_it_shows_the_charts_page_with_accessible_svg(client, event_with_matrix) -> None:
    response = client.get(charts_url(event_with_matrix))
    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" in html and "How each outlet covers the claims" in html
    svgs = re.findall(r"<svg class=\"chart-svg\"[^>]*>", html)
    assert len(svgs) == 1 + 2 + 4  # the whole matrix, two outlets, four row categories
    for svg in svgs:
        assert 'role="img"' in svg
        title_id, desc_id = re.search(r'aria-labelledby="([^"]+)"', svg).group(1).split()
        assert f'<title id="{title_id}">' in html and f'<desc id="{desc_id}">' in html
    assert '<a href="/outlets/daily-planet/">Daily Planet</a>' in html and "The Bugle" in html
    assert "Agrees, hedged or attributed <strong>1</strong>" in html


def test_no_chart_page_uses_inline_styles_or_scripts(client, event_with_matrix) -> None:
    outlet = event_with_matrix.articles.first().outlet
    for url in [
        charts_url(event_with_matrix),
        reverse("event_syndication", args=[event_with_matrix.slug]),
        reverse("outlet_detail", args=[outlet.slug]),
    ]:
        html = client.get(url).content.decode()
        assert " style=" not in html, url
        assert not re.search(r"<script(?![^>]*\bsrc=)", html), url
        assert not re.search(r"\son[a-z]+=", html), url


def test_htmx_gets_only_the_layer(client, event_with_matrix) -> None:
    response = client.get(charts_url(event_with_matrix), **HTMX)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html and "<h1" not in html
    assert html.lstrip().startswith('<div class="layer-body charts" id="charts-layer">')


def test_blind_mode_names_outlets_by_letter_only(client, event_with_matrix) -> None:
    matrix = build_matrix(event_with_matrix)
    letters = sorted(matrix.blind_labels.values())
    for response in [
        client.get(charts_url(event_with_matrix, "?blind=1")),
        client.get(charts_url(event_with_matrix, "?blind=1"), **HTMX),
    ]:
        html = response.content.decode()
        assert "Daily Planet" not in html and "The Bugle" not in html
        assert "daily-planet" not in html and "the-bugle" not in html
        # Letters in alphabetical order, not in the order of the hidden names.
        assert html.index(letters[0]) < html.index(letters[1])


def test_a_draft_is_not_found_for_readers_but_shown_to_its_editors(
    client, reader_client, editor, event_with_matrix
) -> None:
    event_with_matrix.status = Event.Status.DRAFT
    event_with_matrix.save()
    assert client.get(charts_url(event_with_matrix)).status_code == 404
    assert reader_client.get(charts_url(event_with_matrix), **HTMX).status_code == 404
    client.force_login(editor)
    assert client.get(charts_url(event_with_matrix)).status_code == 200


def test_an_event_without_rows_or_articles_has_nothing_to_chart(client, db) -> None:
    event = make_event()
    assert "this event has no articles" in client.get(charts_url(event)).content.decode()
    make_article(event, make_outlet())
    html = client.get(charts_url(event)).content.decode()
    assert "this event has no assertions" in html
    assert "<svg" not in html


def test_it_charts_mixed_cells_when_an_outlet_disagrees_with_itself(client, db) -> None:
    event = make_event()
    outlet = make_outlet()
    first, second = make_article(event, outlet), make_article(event, outlet, url="https://x.test/2")
    assertion = make_assertion(event)
    for article, label in [(first, "agree"), (second, "contradict")]:
        evidence = article.sentences.first()
        services.set_stance(
            stance=cell(assertion, article), label=label, hedged=False, evidence=evidence
        )
    html = client.get(charts_url(event)).content.decode()
    assert "Mixed <strong>1</strong>" in html
    assert 'id="chart-all-mixed"' in html  # its pattern, for black-and-white print


def test_the_charts_page_costs_a_fixed_number_of_queries(
    client, django_assert_num_queries, event_with_matrix
) -> None:
    """Prevents an n+1 over outlets or rows."""
    outlet = make_outlet("Third Outlet")
    for index in range(3):
        make_article(event_with_matrix, outlet, url=f"https://third.test/{index}")
        make_assertion(event_with_matrix, f"Claim number {index}.")
    # The event, then the matrix: articles with outlets, assertions, stances, and its
    # counts for the consensus row category (one cache read).
    with django_assert_num_queries(5):
        assert client.get(charts_url(event_with_matrix)).status_code == 200


def test_the_outlet_page_draws_its_rates_as_an_svg_bar(client, event_with_matrix) -> None:
    html = client.get(reverse("outlet_detail", args=["daily-planet"])).content.decode()
    bar = html[html.index('<figure class="chart" id="outlet-rates">') :]
    bar = bar[: bar.index("</figure>")]
    assert '<title id="outlet-rates-title">Cells of Daily Planet</title>' in bar
    # Daily Planet: one cell per row, as the matrix shows it: one agreeing, one silent.
    assert "2 cells. Agrees: 1 (50%); Silent: 1 (50%)." in bar
