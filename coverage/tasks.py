"""Background tasks, run by the database-backed worker (`python manage.py db_worker`)."""

from __future__ import annotations

import logging

from django.tasks import task

from coverage import layers, runs, syndication
from coverage.analysis.errors import AnalysisError
from coverage.models import AnalysisRun, Event

logger = logging.getLogger(__name__)


@task
def analyse_event(run_id: int) -> str:
    """Analyse an event in the background; progress is written to its AnalysisRun."""
    run = runs.execute_run(run_id)
    if run.status == AnalysisRun.Status.SUCCEEDED:
        warm_layers(run.event)
    return run.message


def warm_layers(event: Event) -> None:
    """Compute the media-literacy layers now, so the first reader does not wait for them.

    The layers parse every article (seconds for a large event); their caches are keyed
    by the analysis' evidence, so a finished analysis is the moment they change. A
    failure here costs only that wait later, never the analysis.
    """
    try:
        layers.analyse(event, layers.load_event_articles(event))
        syndication.independent_outlet_groups(event)
    except (AnalysisError, OSError, ValueError):
        logger.exception("Could not precompute the layers of event %s", event.pk)
