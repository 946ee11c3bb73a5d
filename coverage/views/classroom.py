"""Classroom pages: the lesson page, the printable worksheet and its answer key.

All three are blind by default (outlets appear as "Outlet A", "Outlet B"…); ``?names=1``
shows the real names. The worksheet and the answer key share one template, so their
layouts cannot drift apart on paper.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from coverage.blind import names_requested
from coverage.models import Event
from coverage.readings.classroom import build_worksheet, discussion_prompts
from coverage.selectors.matrix import build_matrix
from coverage.views.common import get_event_for_user, partial


@require_GET
def event_classroom(request: HttpRequest, slug: str) -> HttpResponse:
    event = get_event_for_user(request, slug)
    matrix = build_matrix(event)
    blind = not names_requested(request.GET)
    return render(
        request,
        partial(request, "coverage/classroom.html", "prompts"),
        {
            "event": event,
            "matrix": matrix,
            "blind": blind,
            "prompts": discussion_prompts(matrix, blind=blind),
        },
    )


@require_GET
def event_worksheet(request: HttpRequest, slug: str) -> HttpResponse:
    event = get_event_for_user(request, slug)
    return _render_sheet(request, event, answers=False)


@login_required
@require_GET
def event_worksheet_answers(request: HttpRequest, slug: str) -> HttpResponse:
    """Behind a login, so students who guess the address are sent to log in instead."""
    event = get_event_for_user(request, slug)
    return _render_sheet(request, event, answers=True)


def _render_sheet(request: HttpRequest, event: Event, *, answers: bool) -> HttpResponse:
    blind = not names_requested(request.GET)
    matrix = build_matrix(event)
    return render(
        request,
        partial(request, "coverage/worksheet.html", "sheet"),
        {
            "event": event,
            "sheet": build_worksheet(matrix, blind=blind),
            "answers": answers,
        },
    )
