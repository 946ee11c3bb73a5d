"""Classroom pages: the lesson page, the printable worksheet and its answer key.

All three are blind by default (outlets appear as "Outlet A", "Outlet B"…); ``?names=1``
shows the real names. ``?blind=1`` hides them everywhere, the answer key's reveal of
who is behind each letter included, and every link keeps it (coverage.blind). The
worksheet and the answer key share one template, so their layouts cannot drift apart
on paper.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from coverage.blind import Blinding, blind_requested, blinding, names_hidden, names_requested
from coverage.models import Event
from coverage.readings.classroom import build_worksheet, discussion_prompts
from coverage.selectors.counts import counted_matrix
from coverage.selectors.matrix import Matrix
from coverage.views.common import get_event_for_user, partial


@require_GET
def event_classroom(request: HttpRequest, slug: str) -> HttpResponse:
    event = get_event_for_user(request, slug)
    matrix = counted_matrix(event)
    hidden = names_hidden(request.GET, by_default=True)
    blinding = _blinding(matrix, hides=hidden)
    return render(
        request,
        partial(request, "coverage/classroom.html", "prompts"),
        {
            "event": blinding.event(event),
            "matrix": matrix,
            "blind": hidden,
            "prompts": discussion_prompts(matrix, blind=hidden),
            **_modes(request),
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
    hidden = names_hidden(request.GET, by_default=True)
    matrix = counted_matrix(event)
    return render(
        request,
        partial(request, "coverage/worksheet.html", "sheet"),
        {
            "event": _blinding(matrix, hides=hidden).event(event),
            "sheet": build_worksheet(
                matrix, blind=hidden, key=answers and not blind_requested(request.GET)
            ),
            "answers": answers,
            # The teacher's key says how many rows still hold a contradiction only the
            # analysis found: the cells it is least often right about.
            "unchecked": sum(row.has_unchecked_contradiction for row in matrix.rows)
            if answers
            else 0,
            **_modes(request),
        },
    )


def _blinding(matrix: Matrix, *, hides: bool) -> Blinding:
    return blinding(matrix.event, [column.outlet for column in matrix.columns], hides=hides)


def _modes(request: HttpRequest) -> dict[str, str]:
    """``modes``: what the classroom pages' links to each other keep ("?blind=1" or
    "?names=1"); ``blind_query``: what links to the matrix keep."""
    if blind_requested(request.GET):
        return {"modes": "?blind=1", "blind_query": "?blind=1"}
    return {"modes": "?names=1" if names_requested(request.GET) else "", "blind_query": ""}
