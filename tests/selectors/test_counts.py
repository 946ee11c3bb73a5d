"""Independent counts come from one selector: copies once, then origins once."""

from __future__ import annotations

import time

from django.conf import settings
from django.core.cache import cache
from django_tasks_db.models import DBTaskResult

from coverage import independence, origins, services, tasks
from coverage.models import Stance
from coverage.readings.explainer import build_explainer
from coverage.selectors.counts import counted_matrix, origins_in_words, row_counts
from coverage.selectors.exports import event_matrix_rows
from tests.conftest import cell, make_article, make_assertion, make_event, make_outlet

# Two outlets write their own texts, but both only pass on what one office said.
HERALD = (
    "The Kessel bridge will stay shut for at least a week, the regional roads office said "
    "on Monday. Divers are to check the foundations of the two cracked pillars. "
    "Ferries leave the old harbour every half hour."
)
GAZETTE = (
    "Commuters faced long queues at the harbour on Monday morning. "
    "According to the regional roads office, the Kessel bridge will remain closed for a week "
    "or more. Shops near the crossing reported fewer customers."
)
# A third outlet saw it for itself.
OBSERVER = (
    "Our reporter watched police tape go up across the Kessel bridge before dawn on Monday. "
    "Lorries turned back at both ends."
)
CLAIM = "The Kessel bridge is closed for at least a week."
real_monotonic = time.monotonic


def _event(editor):
    event = make_event()
    event.editors.add(editor)
    herald = make_article(event, make_outlet("Herald"), HERALD, url="https://herald.example/1")
    gazette = make_article(event, make_outlet("Gazette"), GAZETTE, url="https://gazette.ex/1")
    closed = make_assertion(event, CLAIM)
    for article, index in ((herald, 0), (gazette, 1)):
        services.set_stance(
            stance=cell(closed, article),
            label="agree",
            hedged=True,
            evidence=article.sentences.get(index=index),
        )
    return event, closed


def test_two_outlets_passing_on_one_office_are_one_origin_once_traced(db, editor):
    event, _ = _event(editor)
    tasks.warm_layers(event)  # the worker: citations, the comparison of texts, origins

    [row] = counted_matrix(event).rows

    assert row.totals["agree"] == 2
    assert (row.independent_agreeing, row.independent_sources) == (1, 1)
    assert not row.is_consensus
    assert row.has_copied_agreement
    assert origins_in_words(row) == "2 outlets · 1 origin: regional roads office"
    assert row_counts(row) == {
        "agree": 2,
        "contradict": 0,
        "mixed": 0,
        "silent": 0,
        "hedged": 2,
        "independent_agreeing": 1,
        "independent_sources": 1,
    }


def test_before_the_worker_each_outlet_is_its_own_source(db, editor):
    event, _ = _event(editor)

    matrix = counted_matrix(event)

    [row] = matrix.rows
    assert not matrix.copies_counted
    assert (row.independent_agreeing, row.origins) == (2, None)
    assert row.is_consensus


def test_a_corrected_cell_falls_back_to_copies_until_the_worker_traces_it_again(client, db, editor):
    event, closed = _event(editor)
    observer = make_article(event, make_outlet("Observer"), OBSERVER, url="https://obs.ex/1")
    tasks.warm_layers(event)
    [row] = counted_matrix(event).rows
    assert row.independent_agreeing == 1

    services.set_stance(
        stance=cell(closed, observer),
        label="agree",
        hedged=False,
        evidence=observer.sentences.get(index=0),
    )
    [row] = counted_matrix(event).rows
    # Outlets, none of which copies another: the row's origins are out of date.
    assert (row.origins, row.independent_agreeing) == (None, 3)

    assert client.get(event.get_absolute_url()).status_code == 200
    assert DBTaskResult.objects.filter(task_path="coverage.tasks.prepare_layers").exists()
    assert origins.prepare(event)
    [row] = counted_matrix(event).rows
    assert row.independent_agreeing == 2
    assert origins_in_words(row) == "3 outlets · 2 origins: regional roads office, Observer"
    assert row.is_consensus
    assert not origins.prepare(event), "nothing changed, nothing traced again"


def test_a_source_named_in_the_second_evidence_sentence_is_credited_alike_everywhere(
    client, db, editor
):
    """The analysis quotes two sentences when the second attributes the first; whoever
    reads the cell (tracing, API, explainer, exports) credits the source it names."""
    event = make_event()
    event.editors.add(editor)
    article = make_article(
        event,
        make_outlet("Herald"),
        "Divers are to check the two cracked pillars of the Kessel bridge. "
        "That was confirmed by the regional roads office.",
        url="https://herald.example/2",
    )
    row = make_assertion(event, "Divers will check the cracked pillars of the Kessel bridge.")
    first, second = article.sentences.order_by("index")
    Stance.objects.filter(pk=cell(row, article).pk).update(
        label="agree", hedged=True, evidence=first, evidence_through=second, attributed_to=""
    )
    expected = "the regional roads office"

    [(_, traced)] = origins._load_rows(event).values()
    assert traced.cells[0].attributed_to == expected
    api = client.get(f"/api/v1/events/{event.slug}/articles/{article.pk}/").json()
    assert api["stances"][0]["attributed_to"] == expected
    explainer = build_explainer(counted_matrix(event))
    [item] = [item for section in explainer.sections for item in section.items]
    assert item.sides[0].quotes[0].attributed_to == expected
    assert [line["attributed_to"] for line in event_matrix_rows(event)] == [expected]


def test_counts_are_pending_until_the_worker_has_traced_every_row(db, editor):
    event, _ = _event(editor)
    assert counted_matrix(event).counts_pending

    tasks.warm_layers(event)

    matrix = counted_matrix(event)
    assert not matrix.counts_pending and not matrix.counts_failure


def test_a_failed_tracing_is_said_and_copies_count_once_until_it_is_tried_again(
    client, db, editor, monkeypatch
):
    event, _ = _event(editor)
    tasks.warm_layers(event)
    # What the worker keeps when tracing fails (coverage.origins.prepare).
    facts = independence.load_facts(event)
    cache.set(
        independence.origins_key(event),
        origins.TracingFailure(independence.fingerprint(facts), origins.TRACING_FAILED),
        60,
    )

    matrix = counted_matrix(event)

    [row] = matrix.rows
    assert (row.origins, row.independent_agreeing) == (None, 2)
    assert matrix.copies_counted and matrix.independent_sources == 2
    assert (matrix.counts_pending, matrix.counts_failure) == (False, origins.TRACING_FAILED)
    assert not origins.prepare(event), "not traced again while the failure is kept"
    response = client.get(event.get_absolute_url())
    assert response.status_code == 200
    page = response.content.decode()
    assert "could not trace where these claims come from" in page
    assert "every 3s" not in page
    assert not DBTaskResult.objects.filter(task_path="coverage.tasks.prepare_layers").exists()

    cache.delete(independence.origins_key(event))  # the failure expires
    # A page counted under the failure is kept for a while; then counted again.
    assert "could not trace" in client.get(event.get_absolute_url()).content.decode()
    monkeypatch.setattr(
        time, "monotonic", lambda: real_monotonic() + settings.PARALLAX_FAILURE_RECOUNT_SECONDS
    )
    page = client.get(event.get_absolute_url()).content.decode()
    assert "could not trace" not in page and "every 3s" in page
    assert DBTaskResult.objects.filter(task_path="coverage.tasks.prepare_layers").exists()


def test_a_failed_comparison_of_texts_is_said_and_ends_the_pages_asking(
    client, db, editor, monkeypatch
):
    event, _ = _event(editor)
    # A reader opens the page before the worker has compared the texts: it is kept,
    # asking again every 3 seconds.
    assert "every 3s" in client.get(event.get_absolute_url()).content.decode()

    def comparison_fails(*args, **kwargs):
        raise RuntimeError("the worker ran out of memory")

    monkeypatch.setattr(independence, "text_analysis", comparison_fails)
    tasks.warm_layers(event)  # the worker keeps the failure

    page = client.get(event.get_absolute_url()).content.decode()
    assert ("every 3s" in page, "could not compare these articles" in page) == (False, True)
