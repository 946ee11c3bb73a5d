"""Two workers on one queue never run the same analysis twice."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from coverage import runs
from coverage.models import AnalysisRun
from tests.conftest import make_article, make_event, make_outlet
from tests.fault.conftest import App, run_states, wait_for

EVENTS = 6


@pytest.mark.fault
def test_it_runs_each_queued_analysis_once_with_two_workers(app: App, tmp_path):
    slugs = [f"event-{number}" for number in range(EVENTS)]
    for slug in slugs:
        app.scenario("seed", "--slug", slug, "--articles", "2")
    for slug in slugs:
        app.scenario("enqueue", "--slug", slug)

    workers = [app.start_worker(name, tmp_path) for name in ("left", "right")]
    wait_for(
        lambda: (
            (states := run_states(app))
            and len(states) == EVENTS
            and all(task == "SUCCESSFUL" for _, task in states)
        ),
        timeout=600,
        what="every analysis to finish",
        every=0.5,
    )
    finished = app.scenario("runs")
    assert all(worker.poll() is None for worker in workers), "a worker crashed"

    assert [run["status"] for run in finished] == ["succeeded"] * EVENTS
    assert all(run["message"].startswith("Found ") for run in finished)
    # Each task was claimed by exactly one worker, and both workers took a share.
    assert all(len(run["worker_ids"]) == 1 for run in finished)
    assert {run["worker_ids"][0] for run in finished} == {"left", "right"}
    # The workers' own logs agree: every analysis started exactly once in total.
    logs = "".join((tmp_path / f"{name}.log").read_text() for name in ("left", "right"))
    starts = Counter(re.findall(r"Analysis run (\d+) started", logs))
    assert starts == Counter({str(run["run"]): 1 for run in finished})
    assert "not running it again" not in logs


@pytest.mark.django_db
def test_it_ignores_a_second_delivery_of_a_run_already_claimed():
    event = make_event()
    make_article(event, make_outlet())
    run = runs.request_analysis(event=event)
    AnalysisRun.objects.filter(pk=run.pk).update(
        status=AnalysisRun.Status.SUCCEEDED, message="Found 3 assertions across 1 article."
    )

    again = runs.execute_run(run.pk)

    assert again.status == AnalysisRun.Status.SUCCEEDED
    assert again.message == "Found 3 assertions across 1 article."
    assert again.started_at is None, "the second delivery did not start the analysis"


@pytest.mark.django_db
def test_it_ignores_a_delivery_while_another_worker_runs_it():
    event = make_event()
    make_article(event, make_outlet())
    run = runs.request_analysis(event=event)
    AnalysisRun.objects.filter(pk=run.pk).update(
        status=AnalysisRun.Status.RUNNING, step="Embedding"
    )

    again = runs.execute_run(run.pk)

    assert (again.status, again.step, again.started_at) == ("running", "Embedding", None)
