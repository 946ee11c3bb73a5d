"""The 503 answer when the database cannot be reached."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, InterfaceError, OperationalError
from django.http import HttpResponse
from django.test import RequestFactory

from coverage.middleware import DatabaseUnavailableMiddleware

UNAVAILABLE = "The database is unavailable; try again in a minute"


def middleware() -> DatabaseUnavailableMiddleware:
    return DatabaseUnavailableMiddleware(lambda request: HttpResponse("ok"))


@pytest.mark.parametrize(
    "error",
    [
        OperationalError('connection to server at "127.0.0.1", port 5432 failed'),
        InterfaceError("connection already closed"),
    ],
    ids=["operational", "interface"],
)
def test_it_answers_503_with_a_page_saying_what_to_do(error):
    """Without database access in this test, any query the page made would raise."""
    request = RequestFactory().get("/events/bridge/")
    response = middleware().process_exception(request, error)
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    assert response["Cache-Control"] == "no-store"
    page = response.content.decode()
    assert f"<h1>{UNAVAILABLE}</h1>" in page
    assert "it was not saved" in page
    assert '<a href="/">Back to the events</a>' in page


def test_it_shows_developers_what_the_database_said_only_in_debug(settings):
    request = RequestFactory().get("/")
    error = OperationalError("no such table: coverage_event")
    settings.DEBUG = False
    assert "no such table" not in middleware().process_exception(request, error).content.decode()
    settings.DEBUG = True
    assert (
        "no such table: coverage_event"
        in middleware().process_exception(request, error).content.decode()
    )


def test_it_gives_htmx_requests_only_the_short_notice():
    request = RequestFactory().post("/events/bridge/assertions/", headers={"HX-Request": "true"})
    response = middleware().process_exception(request, OperationalError("server closed"))
    assert response.status_code == 503
    notice = response.content.decode().strip()
    assert notice.startswith('<p class="unavailable-notice" role="alert">')
    assert UNAVAILABLE in notice
    assert "<html" not in notice


@pytest.mark.parametrize(
    "error",
    [DatabaseError("value too long"), ValueError("bad"), KeyError("x")],
    ids=["other-database-error", "value-error", "key-error"],
)
def test_it_leaves_other_errors_to_django(error):
    request = RequestFactory().get("/")
    assert middleware().process_exception(request, error) is None


def test_it_passes_working_requests_through():
    response = middleware()(RequestFactory().get("/"))
    assert response.content == b"ok"


def test_it_is_installed_last_so_it_sees_view_errors_first(settings):
    assert settings.MIDDLEWARE[-1] == "coverage.middleware.DatabaseUnavailableMiddleware"
