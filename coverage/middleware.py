"""A plain answer when the database is down, instead of a server error."""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)

# Long enough for a database restart or failover; browsers and crawlers honour it.
RETRY_AFTER_SECONDS = 60


class DatabaseUnavailableMiddleware:
    """Answer 503 with templates/503.html when a view cannot reach the database.

    Every database write goes through a transaction, which the failure rolled back,
    so the page can tell the person that nothing was saved. htmx requests get the
    page's short ``notice`` partial, which parallax.js shows above the page.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        logger.error("Database unavailable for %s %s: %s", request.method, request.path, exception)
        is_htmx = request.headers.get("HX-Request") == "true"
        # Rendered without the request: its context processors would ask the database
        # for the user and the messages.
        body = render_to_string(
            "503.html#notice" if is_htmx else "503.html",
            # A developer who forgot to migrate sees "no such table" here, not a riddle.
            {"detail": str(exception) if settings.DEBUG else ""},
        )
        response = HttpResponse(body, status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        response["Cache-Control"] = "no-store"
        return response
