"""A running server answers 503 while its database is down and recovers by itself."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.fault.conftest import App, PrivateCluster, log_in, wait_for
from tests.fault.scenario import EDITOR_PASSWORD

pytestmark = pytest.mark.fault

UNAVAILABLE = "The database is unavailable; try again in a minute"


def test_it_answers_503_during_a_database_restart_and_recovers(
    private_cluster: PrivateCluster, reader: Page, tmp_path
):
    app = App(private_cluster.url)
    try:
        app.manage("migrate", "--noinput")
        app.scenario("seed", "--slug", "bridge", "--articles", "3", "--with-editor")
        before = app.scenario("snapshot", "--slug", "bridge")
        base = app.serve(tmp_path)
        editor = log_in(base, "fault-editor", EDITOR_PASSWORD)
        assert editor.get("/events/bridge/").status_code == 200
        reader.goto(f"{base}/events/bridge/")

        private_cluster.stop()

        # A reader whose page refreshes the matrix through htmx is told, above the page.
        reader.evaluate("htmx.trigger(document.body, 'matrix-changed')")
        notice = reader.locator("#main > .unavailable-notice")
        expect(notice).to_contain_text(UNAVAILABLE)
        expect(reader.locator("h1")).to_contain_text("Fault scenario bridge")

        page = editor.get("/events/bridge/")
        assert page.status_code == 503
        assert UNAVAILABLE in page.text
        assert page.headers["Retry-After"] == "60"
        assert "<html" in page.text and page.text.rstrip().endswith("</html>")

        fragment = editor.get("/events/bridge/", headers={"HX-Request": "true"})
        assert fragment.status_code == 503
        assert UNAVAILABLE in fragment.text
        assert "<html" not in fragment.text and 'role="alert"' in fragment.text

        refused = editor.post(
            "/events/bridge/assertions/", data={"text": "Written during the outage."}
        )
        assert refused.status_code == 503
        assert "it was not saved" in refused.text
        anonymous = editor.__class__(base_url=base).get("/")
        assert anonymous.status_code == 503

        private_cluster.start()

        # The same server process reconnects on the next request, without a restart.
        recovered = wait_for(
            lambda: (page := editor.get("/events/bridge/")).status_code == 200 and page,
            timeout=30,
            what="the server to reach the restarted database",
        )
        assert "A claim a person added by hand." in recovered.text
        reader.evaluate("htmx.trigger(document.body, 'matrix-changed')")
        expect(notice).to_have_count(0)
        assert app.scenario("snapshot", "--slug", "bridge") == before
        # The editor's session survived, and what failed can simply be sent again.
        saved = editor.post("/events/bridge/assertions/", data={"text": "Written after it."})
        assert saved.status_code == 302
        texts = [row[1] for row in app.scenario("snapshot", "--slug", "bridge")["assertions"]]
        assert "Written after it." in texts
        assert "Written during the outage." not in texts
    finally:
        app.stop_all()
