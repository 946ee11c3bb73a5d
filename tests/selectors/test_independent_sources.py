"""The matrix counts independent sources: outlets that republish one story count once."""

from __future__ import annotations

from coverage import independence, services
from coverage.selectors.counts import count_matrix
from coverage.selectors.matrix import build_matrix
from tests.conftest import cell, make_article, make_assertion, make_event, make_outlet

WIRE_STORY = (
    "Flood waters closed the Kessel bridge on Monday morning after three days of rain. "
    "Engineers from the regional roads office inspected the pillars in the afternoon and "
    "found cracks in two of them. The office said the bridge would stay shut for at least "
    "a week while divers checked the foundations. Ferries will run every half hour from "
    "the old harbour until the crossing reopens, the harbour master told reporters. "
    "Local shops on both banks said trade had already fallen by half since the weekend."
)
OWN_REPORT = (
    "Our reporter watched police tape go up at the Kessel crossing before dawn. "
    "Drivers queued for the harbour ferry, and a shopkeeper said customers had vanished. "
    "Nobody from the roads office would say how long repairs might last."
)


def _event_with_two_copies_and_one_own_report(editor):
    event = make_event()
    event.editors.add(editor)
    wire, copy, own = (make_outlet(name) for name in ("Wire Agency", "Copy Daily", "Own Herald"))
    articles = [
        make_article(event, wire, text=WIRE_STORY, url="https://wire.example/1"),
        make_article(event, copy, text=WIRE_STORY, url="https://copy.example/1"),
        make_article(event, own, text=OWN_REPORT, url="https://own.example/1"),
    ]
    closed = make_assertion(event, "The bridge closed on Monday.")
    for article in articles[:2]:
        services.set_stance(
            stance=cell(closed, article),
            label="agree",
            hedged=False,
            evidence=article.sentences.get(index=0),
        )
    independence.prepare(event)  # the worker's comparison of the texts
    return event, articles


def test_it_counts_two_copies_of_one_story_as_one_source(db, editor):
    event, _ = _event_with_two_copies_and_one_own_report(editor)
    matrix = build_matrix(event)
    (row,) = matrix.rows
    assert len(row.agreeing_cells) == 2
    assert row.is_consensus  # before looking at copies

    count_matrix(matrix)

    assert row.independent_agreeing == 1
    assert row.has_copied_agreement
    assert not row.is_consensus


def test_it_counts_independent_reports_separately(db, editor):
    event, articles = _event_with_two_copies_and_one_own_report(editor)
    (row_assertion,) = event.assertions.all()
    services.set_stance(
        stance=cell(row_assertion, articles[2]),
        label="agree",
        hedged=False,
        evidence=articles[2].sentences.get(index=0),
    )
    matrix = build_matrix(event)
    count_matrix(matrix)
    (row,) = matrix.rows
    assert (len(row.agreeing_cells), row.independent_agreeing) == (3, 2)
    assert row.is_consensus


def test_the_matrix_page_shows_independent_counts_and_filters_by_them(client, db, editor):
    event, _ = _event_with_two_copies_and_one_own_report(editor)
    page = client.get(event.get_absolute_url()).content.decode()
    assert "(1 independent)</span>" in page

    consensus = client.get(event.get_absolute_url(), {"show": "consensus"}).content.decode()
    assert "The bridge closed on Monday." not in consensus.split("<tbody", 1)[-1]


def test_the_consensus_filter_keeps_rows_independent_outlets_agree_on(client, db, editor):
    event, articles = _event_with_two_copies_and_one_own_report(editor)
    (row_assertion,) = event.assertions.all()
    services.set_stance(
        stance=cell(row_assertion, articles[2]),
        label="agree",
        hedged=False,
        evidence=articles[2].sentences.get(index=0),
    )
    consensus = client.get(event.get_absolute_url(), {"show": "consensus"}).content.decode()
    assert "The bridge closed on Monday." in consensus.split("<tbody", 1)[-1]
    assert "(2 independent)</span>" in consensus
