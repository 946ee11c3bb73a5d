"""A fault while the worker traces where claims come from leaves the event readable.

The worker traces each row's origins after an analysis (coverage.origins). Here the
database changes under it, as when a deploy migrates while the old worker still runs:
a column the tracing reads is renamed before the worker traces the rows again. The
worker must log it and keep a failure, never part of a tracing; the event page must
answer, say why the counts are not the final ones, count copies once and stop asking
the worker; and once the failure has expired the next tracing covers every row.
"""

from __future__ import annotations

from pathlib import Path

import httpx
import psycopg
import pytest

from coverage.origins import TRACING_FAILED
from tests.fault.conftest import App, query, task_status, wait_for

pytestmark = pytest.mark.fault

# Loading the language and embedding models on a busy 2-core machine can take a while.
ANALYSIS_TIMEOUT = 300
RECOUNT_SECONDS = 5


def _execute(app: App, sql: str) -> None:
    with psycopg.connect(app.database_url, autocommit=True) as connection:
        connection.execute(sql)


def _task_done(app: App, task: str) -> str | None:
    status = task_status(app, task)
    return status if status in ("SUCCESSFUL", "FAILED") else None


def _kept(app: App, kind: str) -> dict | None:
    kept = app.scenario("origins", "--slug", "bridge")
    return kept if kept["kind"] == kind else None


def test_a_fault_while_tracing_origins_leaves_the_event_readable(app: App, tmp_path: Path):
    # Pages count again this soon after counting under a failure (a minute by default).
    app.settings["PARALLAX_FAILURE_RECOUNT_SECONDS"] = str(RECOUNT_SECONDS)
    app.scenario("seed", "--slug", "bridge", "--articles", "3")
    app.start_worker("worker", tmp_path)
    base = app.serve(tmp_path)
    analysis = app.scenario("enqueue", "--slug", "bridge")["task"]
    assert (
        wait_for(
            lambda: _task_done(app, analysis),
            timeout=ANALYSIS_TIMEOUT,
            what="the analysis",
            every=1,
        )
        == "SUCCESSFUL"
    )
    traced = _kept(app, "traced")
    assert traced is not None and traced["rows"] == traced["event_rows"]

    # The kept tracing is gone (evicted from the cache) and a column it reads renamed.
    _execute(app, "DELETE FROM parallax_cache WHERE cache_key LIKE '%:origins:%'")
    _execute(app, "ALTER TABLE coverage_stance RENAME COLUMN attributed_to TO renamed")
    try:
        task = app.scenario("prepare", "--slug", "bridge")["task"]
        status = wait_for(lambda: _task_done(app, task), timeout=120, what="the preparation")
    finally:
        _execute(app, "ALTER TABLE coverage_stance RENAME COLUMN renamed TO attributed_to")
    assert status == "SUCCESSFUL", "a failed tracing must not fail the worker's task"
    assert "Could not trace the origins of event" in (tmp_path / "worker.log").read_text()
    failure = _kept(app, "failure")
    assert failure is not None and failure["message"] == TRACING_FAILED

    page = httpx.get(f"{base}/events/bridge/", timeout=30)
    assert page.status_code == 200
    assert "could not trace where these claims come from" in page.text
    assert "every 3s" not in page.text, "the page stops asking while the failure is kept"
    rows = httpx.get(f"{base}/api/v1/events/bridge/assertions/", timeout=30)
    assert rows.status_code == 200
    results = rows.json()["results"]
    assert results and all(row["origins"] is None for row in results)
    assert all(isinstance(row["independent_sources"], int) for row in results)
    queued = query(
        app.database_url,
        "SELECT count(*) FROM django_tasks_database_dbtaskresult WHERE task_path LIKE %s",
        "%prepare_layers",
    )
    assert queued == [(1,)], "the page queued no new tracing while the failure is kept"

    # A quarter of an hour later the failure has expired; a page counted under it is
    # counted again within RECOUNT_SECONDS, and then queues a tracing, which covers
    # every row.
    _execute(app, "DELETE FROM parallax_cache WHERE cache_key LIKE '%:origins:%'")

    def traced_again() -> dict | None:
        assert httpx.get(f"{base}/events/bridge/", timeout=30).status_code == 200
        return _kept(app, "traced")

    traced = wait_for(traced_again, timeout=180, what="the tracing again", every=1)
    assert traced["rows"] == traced["event_rows"]
    again = httpx.get(f"{base}/events/bridge/", timeout=30)
    assert "could not trace" not in again.text
