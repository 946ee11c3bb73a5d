"""A worker killed in the middle of an analysis leaves the matrix exactly as it was."""

from __future__ import annotations

import os
import signal

import psycopg
import pytest

from tests.fault.conftest import App, log_in, query, runs_finished, wait_for
from tests.fault.scenario import EDITOR_PASSWORD

pytestmark = pytest.mark.fault

# Loading the language and embedding models on a busy 2-core machine can take a while.
ANALYSIS_TIMEOUT = 300


def _writer_blocked_on(app: App, database: str) -> int | None:
    """The server process of a session that has written rows in an open transaction
    and now waits for a lock: the worker, halfway through storing its result."""
    rows = query(
        app.database_url,
        "SELECT pid FROM pg_stat_activity WHERE datname = %s AND wait_event_type = 'Lock'"
        " AND backend_xid IS NOT NULL",
        database,
    )
    return rows[0][0] if rows else None


def test_it_keeps_the_matrix_when_the_worker_dies_while_saving(app: App, tmp_path):
    seeded = app.scenario("seed", "--slug", "bridge", "--articles", "3", "--with-editor")
    before = app.scenario("snapshot", "--slug", "bridge")
    database = app.database_url.rsplit("/", 1)[1]

    # Holding a lock on the row the analysis will drop stops the worker in the middle
    # of its one transaction, after it has written new rows: the worst moment to die.
    blocker = psycopg.connect(app.database_url)
    blocker.execute(
        "SELECT id FROM coverage_assertion WHERE id = %s FOR UPDATE", (seeded["stale_assertion"],)
    )
    app.scenario("enqueue", "--slug", "bridge")
    worker = app.start_worker("doomed", tmp_path)
    backend = wait_for(
        lambda: _writer_blocked_on(app, database),
        timeout=ANALYSIS_TIMEOUT,
        what="the worker to be saving the matrix",
    )
    [run] = app.scenario("runs")
    assert (run["status"], run["step"]) == ("running", "Saving the matrix")

    os.killpg(worker.pid, signal.SIGKILL)
    worker.wait(timeout=10)
    blocker.rollback()
    blocker.close()
    wait_for(
        lambda: (
            not query(app.database_url, "SELECT 1 FROM pg_stat_activity WHERE pid = %s", backend)
        ),
        timeout=30,
        what="the dead worker's database session to end",
    )

    assert app.scenario("snapshot", "--slug", "bridge") == before
    [run] = app.scenario("runs")
    assert run["status"] == "running", "nothing has noticed the dead worker yet"

    # A page view notices that the worker has gone silent and says so.
    app.settings["PARALLAX_ANALYSIS_STALE_SECONDS"] = "1"
    base = app.serve(tmp_path)
    editor = log_in(base, seeded["editor"], EDITOR_PASSWORD)
    page = editor.get("/events/bridge/")
    assert page.status_code == 200
    assert "The last analysis failed" in page.text
    assert "stopped responding" in page.text
    assert "The matrix is unchanged; run the analysis again." in page.text
    [run] = app.scenario("runs")
    assert run["status"] == "failed"

    # And the editor can analyse again; a healthy worker finishes the job.
    response = editor.post("/events/bridge/analyse/")
    assert response.status_code == 302
    app.start_worker("healthy", tmp_path)

    def second_run_if_done() -> dict | None:
        if not runs_finished(app, 2):
            return None
        killed, second = app.scenario("runs")
        return second

    second = wait_for(
        second_run_if_done, timeout=ANALYSIS_TIMEOUT, what="the second analysis", every=0.5
    )
    assert second["status"] == "succeeded", second["message"]
    after = app.scenario("snapshot", "--slug", "bridge")
    texts = {text for _, text, _, _ in after["assertions"]}
    assert "A claim a person added by hand." in texts
    assert "An old machine claim nobody touched." not in texts
    assert "Last analysed" in editor.get("/events/bridge/").text
