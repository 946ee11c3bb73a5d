"""A running analysis keeps saying it is alive, whatever its progress."""

from __future__ import annotations

import time

import pytest

from coverage import runs
from coverage.models import AnalysisRun
from tests.conftest import make_article, make_event, make_outlet


@pytest.mark.django_db(transaction=True)
def test_it_beats_while_a_long_step_runs_and_stops_after():
    event = make_event()
    make_article(event, make_outlet())
    run = runs.request_analysis(event=event)
    AnalysisRun.objects.filter(pk=run.pk).update(
        status=AnalysisRun.Status.RUNNING, heartbeat_at="2020-01-01T00:00:00Z"
    )

    with runs._heartbeat(run.pk, every=0.05):
        time.sleep(0.5)  # a step that reports no progress
        during = AnalysisRun.objects.get(pk=run.pk).heartbeat_at
    after = AnalysisRun.objects.get(pk=run.pk).heartbeat_at
    time.sleep(0.2)

    assert during.year > 2020
    assert AnalysisRun.objects.get(pk=run.pk).heartbeat_at == after, "it beats after the block"
