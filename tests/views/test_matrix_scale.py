"""The matrix page at scale: a fixed number of queries and a bounded size per row.

The issue's targets are for 40 outlets x 400 rows on PostgreSQL (measured by hand, see
scripts/generate_large_event.py); these tests build a smaller event of the same kind
so they stay fast, and pin what must not grow with it.
"""

from __future__ import annotations

import re

import pytest

from coverage.selectors import matrix_cache
from coverage.selectors.matrix_page import MATRIX_ROWS_PER_PAGE
from scripts.generate_large_event import create_large_event

OUTLETS = 12
ASSERTIONS = 150  # two pages of rows


@pytest.fixture
def large_event(db):
    return create_large_event(outlets=OUTLETS, assertions=ASSERTIONS, slug="large")


def test_the_generator_makes_a_realistic_event(large_event):
    assert large_event.status == "published"
    assert large_event.assertions.count() == ASSERTIONS
    # Every eighth outlet has a second article, so some cells are mixed.
    assert large_event.articles.count() == OUTLETS + OUTLETS // 8
    stances = large_event.assertions.first().stances.model.objects.filter(
        assertion__event=large_event
    )
    assert stances.count() == ASSERTIONS * large_event.articles.count()
    labels = set(stances.values_list("label", flat=True))
    assert labels == {"agree", "contradict", "silent"}
    speaking = stances.exclude(label="silent").select_related("evidence", "article")
    assert not speaking.filter(evidence=None).exists()
    for stance in speaking[:50]:
        evidence = stance.evidence
        assert stance.article.text[evidence.start : evidence.end] == evidence.text
    with pytest.raises(ValueError, match="already exists"):
        create_large_event(outlets=2, assertions=2, slug="large")


def test_the_matrix_page_query_count_does_not_grow(client, large_event, django_assert_num_queries):
    """Prevents an n+1 on the matrix page, in every mode, built afresh and cached."""
    # The first sight queues the worker's comparison of the texts (pages never compare
    # them); the pins below are for later visits, which read whether it is done.
    client.get("/events/large/")
    for query in ("", "?blind=1&reveal=b&projector=1&show=contested&sort=coverage&page=2"):
        matrix_cache.clear()
        # 1 the event, 2 its data version (coverage.selectors.matrix_cache), 3 articles with
        # their outlets, 4 assertions, 5 stances (label, hedged and origin only), 6 the
        # worker's comparison of the texts (one cache read, done or not), 7 the latest
        # analysis run. A visitor's editing rights cost none.
        with django_assert_num_queries(7):
            response = client.get(f"/events/large/{query}")
        assert response.status_code == 200
        # Again, unchanged: 1 the event, 2 its data version, 3 the latest run.
        with django_assert_num_queries(3):
            assert client.get(f"/events/large/{query}").status_code == 200


def test_rows_are_paged_and_totals_describe_the_whole_event(client, large_event):
    first = client.get("/events/large/").content.decode()
    second = client.get("/events/large/?page=2").content.decode()
    assert first.count('<tr id="row-') == MATRIX_ROWS_PER_PAGE
    assert second.count('<tr id="row-') == ASSERTIONS - MATRIX_ROWS_PER_PAGE
    assert f"Rows 1–{MATRIX_ROWS_PER_PAGE} of {ASSERTIONS}" in first
    assert 'href="/events/large/?page=2" rel="next"' in first
    # Column totals count every row, on every page.
    totals = re.findall(r'<td class="totals">✔ (\d+).*?○ (\d+)', first.split("<tfoot>")[1])
    assert len(totals) == OUTLETS
    assert totals == re.findall(r'<td class="totals">✔ (\d+).*?○ (\d+)', second.split("<tfoot>")[1])
    column = first.split("<tfoot>")[1]
    agree_and_silent = [int(a) + int(s) for a, s in totals]
    assert all(count <= ASSERTIONS for count in agree_and_silent)
    assert "(all 150 rows)" in column


def test_html_per_row_stays_small(client, large_event):
    """A page of 100 rows by 40 outlets must stay well under 2 MB."""
    full = len(client.get("/events/large/").content)
    half = len(client.get("/events/large/?page=2").content)
    per_row = (full - half) / (MATRIX_ROWS_PER_PAGE - (ASSERTIONS - MATRIX_ROWS_PER_PAGE))
    # About 100 bytes a cell (the link is most of it) and the claim with its tools:
    # at 40 outlets, (40 x 130 + 700) x 100 rows is under 600 kB a page.
    assert per_row < OUTLETS * 130 + 700, per_row
