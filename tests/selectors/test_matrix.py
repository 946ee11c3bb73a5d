"""The matrix: cells, row categories, filters, sorts, blind order and the reader's options."""

from __future__ import annotations

import pytest
from django.http import QueryDict

from coverage import services
from coverage.blind import blind_label_order
from coverage.selectors.matrix import (
    build_matrix,
    build_row,
    filter_and_sort,
    filter_counts,
    in_blind_order,
)
from coverage.selectors.matrix_page import MatrixOptions
from tests.conftest import cell, make_article, make_assertion, make_event, make_outlet


def _label_grid(matrix) -> list[list[tuple[str, bool, bool]]]:
    return [[(c.label, c.hedged, c.is_human) for c in row.cells] for row in matrix.rows]


def test_it_summarises_cells_the_same_with_and_without_evidence(event_with_matrix, editor):
    closed = event_with_matrix.assertions.get(position=0)
    follow_up = event_with_matrix.articles.get(url="https://planet.example/2")
    services.set_stance(
        stance=cell(closed, follow_up),
        label="contradict",
        hedged=False,
        evidence=follow_up.sentences.get(index=1),
        user=editor,
    )
    full = build_matrix(event_with_matrix)
    summary = build_matrix(event_with_matrix, evidence=False)
    assert _label_grid(full) == _label_grid(summary)
    assert [c.totals for c in full.columns] == [c.totals for c in summary.columns]
    assert [r.totals for r in full.rows] == [r.totals for r in summary.rows]
    planet, bugle = summary.rows[0].cells
    assert (planet.label, planet.label_display, planet.is_human) == ("mixed", "Mixed", True)
    assert (bugle.label, bugle.hedged) == ("agree", True)
    assert full.rows[0].cells[1].evidence_text.startswith("Reportedly the bridge")


def test_it_builds_in_three_queries_either_way(event_with_matrix, django_assert_num_queries):
    """Prevents an n+1: articles with outlets, assertions, stances."""
    for evidence in (True, False):
        with django_assert_num_queries(3):
            build_matrix(event_with_matrix, evidence=evidence)


def test_a_silent_cell_set_by_a_person_is_still_marked_in_a_summary(event_with_matrix, editor):
    injured = event_with_matrix.assertions.get(position=1)
    bugle_article = event_with_matrix.articles.get(outlet__slug="the-bugle")
    services.set_stance(
        stance=cell(injured, bugle_article),
        label="silent",
        hedged=False,
        evidence=None,
        user=editor,
    )
    bugle = build_matrix(event_with_matrix, evidence=False).rows[1].cells[1]
    assert (bugle.label, bugle.is_human) == ("silent", True)


@pytest.fixture
def four_rows(db):
    """Three outlets and four rows, one of each kind readers filter by."""
    event = make_event()
    outlets = [make_outlet(name) for name in ("Alpha Post", "Beta Times", "Gamma News")]
    articles = [
        make_article(event, outlet, text="First claim here. Second claim here. Third one.")
        for outlet in outlets
    ]
    plan = {
        "Everyone reports it.": ["agree", "agree", "agree"],
        "Outlets disagree.": ["agree", "contradict", "silent"],
        "Only Alpha says so.": ["agree", "silent", "silent"],
        "Passed on with a hedge.": ["agree*", "agree*", "silent"],
    }
    for text, labels in plan.items():
        assertion = make_assertion(event, text)
        for article, label in zip(articles, labels, strict=True):
            if label != "silent":
                services.set_stance(
                    stance=cell(assertion, article),
                    label=label.rstrip("*"),
                    hedged=label.endswith("*"),
                    evidence=article.sentences.first(),
                )
    return event


def _texts(rows) -> list[str]:
    return [row.assertion.text for row in rows]


def test_it_counts_and_filters_rows_by_kind(four_rows):
    rows = build_matrix(four_rows, evidence=False).rows
    assert filter_counts(rows) == {
        "all": 4,
        "contested": 1,
        "consensus": 2,
        "single": 1,
        "hedged": 1,
        "unchecked": 0,
    }
    assert _texts(filter_and_sort(rows, show="contested", sort="position")) == ["Outlets disagree."]
    assert _texts(filter_and_sort(rows, show="single", sort="position")) == ["Only Alpha says so."]
    assert _texts(filter_and_sort(rows, show="hedged", sort="position")) == [
        "Passed on with a hedge."
    ]
    assert _texts(filter_and_sort(rows, show="consensus", sort="position")) == [
        "Everyone reports it.",
        "Passed on with a hedge.",
    ]


def test_a_contradiction_the_analysis_found_is_unchecked_until_a_person_saves_it(four_rows):
    """The analysis's contradictions are the cells it is least often right about, so
    readers can list the rows that still hold one; a person's save, even unchanged,
    checks it."""
    assertion = four_rows.assertions.get(text="Only Alpha says so.")
    article = four_rows.articles.get(outlet__name="Gamma News")
    stance = cell(assertion, article)
    stance.label, stance.origin = "contradict", "machine"
    stance.evidence = article.sentences.first()
    stance.save()
    rows = build_matrix(four_rows, evidence=False).rows
    assert filter_counts(rows)["unchecked"] == 1
    assert _texts(filter_and_sort(rows, show="unchecked", sort="position")) == [
        "Only Alpha says so."
    ]
    services.set_stance(
        stance=stance, label="contradict", hedged=False, evidence=article.sentences.first()
    )
    assert filter_counts(build_matrix(four_rows, evidence=False).rows)["unchecked"] == 0


def test_it_sorts_rows_and_keeps_the_curated_order_for_ties(four_rows):
    rows = build_matrix(four_rows, evidence=False).rows
    assert _texts(filter_and_sort(rows, show="all", sort="coverage")) == [
        "Everyone reports it.",
        "Outlets disagree.",
        "Passed on with a hedge.",
        "Only Alpha says so.",
    ]
    assert _texts(filter_and_sort(rows, show="all", sort="silence"))[0] == "Only Alpha says so."
    assert _texts(filter_and_sort(rows, show="all", sort="contested"))[0] == "Outlets disagree."
    assert _texts(filter_and_sort(rows, show="all", sort="position")) == _texts(rows)


def test_blind_order_puts_columns_and_cells_in_letter_order(four_rows):
    matrix = build_matrix(four_rows, evidence=False)
    blind = in_blind_order(matrix)
    labels = matrix.blind_labels
    assert [labels[c.outlet.pk] for c in blind.columns] == ["Outlet A", "Outlet B", "Outlet C"]
    for row in blind.rows:
        assert [cell.outlet for cell in row.cells] == [c.outlet for c in blind.columns]
    # Totals travel with their column.
    by_outlet = {c.outlet.pk: c.totals for c in matrix.columns}
    assert all(c.totals == by_outlet[c.outlet.pk] for c in blind.columns)


def test_blind_letters_after_z_sort_after_z():
    labels = ["Outlet AB", "Outlet B", "Outlet Z", "Outlet AA", "Outlet A"]
    assert sorted(labels, key=blind_label_order) == [
        "Outlet A",
        "Outlet B",
        "Outlet Z",
        "Outlet AA",
        "Outlet AB",
    ]


def test_it_builds_one_row_with_its_evidence(event_with_matrix, django_assert_num_queries):
    closed = event_with_matrix.assertions.get(position=0)
    with django_assert_num_queries(2):
        columns, row = build_row(event_with_matrix, closed)
        texts = [cell.evidence_text for cell in row.cells]
    assert [c.outlet.name for c in columns] == ["Daily Planet", "The Bugle"]
    assert texts == ["The bridge closed on Monday.", "Reportedly the bridge shut on Monday."]
    assert row.totals["agree"] == 2 and row.totals["hedged"] == 1


def test_options_read_the_query_string():
    options = MatrixOptions.from_query(
        QueryDict("show=contested&sort=silence&page=3&blind=1&projector=true&reveal=b&reveal=C,d")
    )
    assert options == MatrixOptions(
        show="contested",
        sort="silence",
        page=3,
        blind=True,
        projector=True,
        reveal=frozenset({"b", "c", "d"}),
    )


@pytest.mark.parametrize(
    "query",
    [
        "show=everything&sort=random&page=-2",
        "show=&sort=&page=",
        "page=99999999999999999999",
        "page=abc&blind=maybe&projector=0",
        "reveal=%3Cscript%3E&reveal={a}",
    ],
)
def test_bad_options_fall_back_to_the_defaults(query):
    assert MatrixOptions.from_query(QueryDict(query)) == MatrixOptions()


def test_reveal_all_wins_over_single_reveals():
    assert MatrixOptions.from_query(QueryDict("blind=1&reveal=b,all")).reveal == {"all"}


def test_options_write_back_only_what_differs_from_the_defaults():
    assert MatrixOptions().query() == ""
    options = MatrixOptions(show="single", page=2, blind=True, reveal=frozenset({"c", "a"}))
    assert options.query() == "?blind=1&reveal=a,c&show=single&page=2"
    # Changing the filter goes back to the first page; links onward keep only the modes.
    assert options.with_(show="all").query() == "?blind=1&reveal=a,c"
    assert options.modes().query() == "?blind=1&reveal=a,c"
    # Reveals mean nothing outside blind mode.
    assert MatrixOptions(reveal=frozenset({"a"}), projector=True).query() == "?projector=1"
