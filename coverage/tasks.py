"""Background tasks, run by the database-backed worker (`python manage.py db_worker`)."""

from __future__ import annotations

import logging

from django.core.cache import cache
from django.tasks import task

from coverage import independence, origins, runs
from coverage.analysis.errors import AnalysisError
from coverage.models import AnalysisRun, Event
from coverage.readings import layers
from coverage.selectors import matrix_cache

logger = logging.getLogger(__name__)


@task
def analyse_event(run_id: int) -> str:
    """Analyse an event in the background; progress is written to its AnalysisRun."""
    run = runs.execute_run(run_id)
    if run.status == AnalysisRun.Status.SUCCEEDED:
        warm_layers(run.event)
    return run.message


@task
def prepare_layers(event_id: int) -> None:
    """Compute what pages only read: Sources, Wording, Syndication and the rows' origins."""
    event = Event.objects.filter(pk=event_id).first()
    if event is not None:
        _prepare(event)


def _prepare(event: Event) -> None:
    layers.prepare(event)
    compared = independence.prepare(event)
    # Origins read the citations and copies just prepared.
    traced = origins.prepare(event)
    if compared or traced:
        # The matrix counts copies and origins once: moving its version rebuilds
        # cached pages with what was just found.
        matrix_cache.touch_events(Event.objects.filter(pk=event.pk))


def prepare_layers_soon(event: Event, queue_key: str = "") -> None:
    """Queue prepare_layers for the worker, once per state of the event's articles and rows.

    ``queue_key`` is layers.queued_key(), or what independence found missing, when the
    caller has it already.
    """
    queue_key = queue_key or layers.queued_key(event, layers.load_event_articles(event))
    if cache.add(queue_key, True, timeout=layers.QUEUED_SECONDS):
        prepare_layers.enqueue(event.pk)


def warm_layers(event: Event) -> None:
    """Compute the media-literacy layers now, so the first reader does not wait for them.

    A finished analysis changes the rows' evidence, which the Wording layer's verbs
    depend on. A failure here costs only that wait later, never the analysis.
    """
    try:
        _prepare(event)
    except (AnalysisError, OSError, ValueError):
        logger.exception("Could not precompute the layers of event %s", event.pk)
