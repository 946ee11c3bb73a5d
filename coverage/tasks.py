"""Background tasks, run by the database-backed worker (`python manage.py db_worker`)."""

from __future__ import annotations

from django.tasks import task

from coverage import runs


@task
def analyse_event(run_id: int) -> str:
    """Analyse an event in the background; progress is written to its AnalysisRun."""
    return runs.execute_run(run_id).message
