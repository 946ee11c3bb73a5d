"""A person's correction made while an analysis saves its matrix is never lost.

The saving step reads the event's cells, then writes the machine's new ones. A
correction committed in between used to be written over with the machine's stale
copy and marked machine again. Here the worker is held in the middle of that step
(a lock on the cells it writes first), a person corrects a cell it writes later,
then the worker is let go: the correction must still be there, the person's.
"""

from __future__ import annotations

import threading

import httpx
import psycopg
import pytest

from tests.fault.conftest import App, log_in, query, runs_finished, wait_for
from tests.fault.scenario import EDITOR_PASSWORD

pytestmark = pytest.mark.fault

# Loading the language and embedding models on a busy 2-core machine can take a while.
ANALYSIS_TIMEOUT = 300


def _waiting_on_a_lock(app: App, database: str, statement: str) -> list[int]:
    return [
        pid
        for (pid,) in query(
            app.database_url,
            "SELECT pid FROM pg_stat_activity WHERE datname = %s"
            " AND wait_event_type = 'Lock' AND query LIKE %s",
            database,
            f"{statement}%",
        )
    ]


def _finished(app: App, count: int) -> list[dict] | None:
    return app.scenario("runs") if runs_finished(app, count) else None


def test_a_correction_committed_while_the_analysis_saves_wins(app: App, tmp_path):
    seeded = app.scenario("seed", "--slug", "bridge", "--articles", "3", "--with-editor")
    database = app.database_url.rsplit("/", 1)[1]
    app.start_worker("worker", tmp_path)
    base = app.serve(tmp_path)
    editor = log_in(base, seeded["editor"], EDITOR_PASSWORD)

    # A first analysis leaves machine rows; the second, on the same articles, finds the
    # same rows and rewrites their cells in the same order: first row first.
    assert editor.post("/events/bridge/analyse/").status_code == 302
    [first] = wait_for(
        lambda: _finished(app, 1), timeout=ANALYSIS_TIMEOUT, what="the first analysis", every=0.5
    )
    assert first["status"] == "succeeded", first["message"]
    machine = [c for c in app.scenario("cells", "--slug", "bridge") if c["row_origin"] == "machine"]
    rows = sorted({c["position"] for c in machine})
    assert len(rows) >= 2, "the scenario needs two machine rows"
    assert any(c["position"] != rows[0] and c["label"] != "silent" for c in machine)
    held = [c["id"] for c in machine if c["position"] == rows[0]]
    # The person says "silent" where the machine heard something, in a later row.
    target = [c for c in machine if c["position"] != rows[0] and c["label"] != "silent"][-1]

    blocker = psycopg.connect(app.database_url)
    blocker.execute("SELECT id FROM coverage_stance WHERE id = ANY(%s) FOR UPDATE", (held,))
    try:
        assert editor.post("/events/bridge/analyse/").status_code == 302
        wait_for(
            lambda: _waiting_on_a_lock(app, database, 'UPDATE "coverage_stance"'),
            timeout=ANALYSIS_TIMEOUT,
            what="the worker to be saving the matrix",
        )
        [_, run] = app.scenario("runs")
        assert (run["status"], run["step"]) == ("running", "Saving the matrix")

        # The person corrects a cell the worker will write later, with the version the
        # form showed. The correction may have to wait for the save: send it aside.
        answers: list[httpx.Response] = []
        correction = threading.Thread(
            target=lambda: answers.append(
                editor.post(
                    f"/events/bridge/stances/{target['id']}/",
                    data={
                        f"stance-{target['id']}-label": "silent",
                        f"stance-{target['id']}-evidence": "",
                        f"stance-{target['id']}-note": "A person checked this.",
                        f"stance-{target['id']}-version": target["version"],
                    },
                    headers={"HX-Request": "true"},
                    timeout=120,
                )
            )
        )
        correction.start()
        wait_for(
            lambda: answers or _waiting_on_a_lock(app, database, "SELECT"),
            timeout=60,
            what="the correction to be saved, or to wait for the analysis",
        )
    finally:
        blocker.rollback()
        blocker.close()
    correction.join(timeout=120)

    assert answers, "the correction never got an answer"
    assert answers[0].status_code == 200, answers[0].text[:500]
    [_, second] = wait_for(
        lambda: _finished(app, 2), timeout=ANALYSIS_TIMEOUT, what="the second analysis", every=0.5
    )
    assert second["status"] == "succeeded", second["message"]
    after = {c["id"]: c for c in app.scenario("cells", "--slug", "bridge")}
    assert (after[target["id"]]["label"], after[target["id"]]["origin"]) == ("silent", "human")
