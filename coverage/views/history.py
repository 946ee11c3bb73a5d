"""The history of changes to an event or one of its rows, and undoing a change."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST
from django_htmx.http import trigger_client_event

from coverage import services
from coverage.models import Assertion, Event
from coverage.querystring import page_number
from coverage.selectors.history import assertion_revisions, with_undone
from coverage.views.common import get_event_for_user, partial

HISTORY_TEMPLATE = "coverage/history.html"
REVISIONS_PER_PAGE = 50


def _history_page(
    request: HttpRequest,
    event: Event,
    revisions,
    *,
    assertion: Assertion | None = None,
    problem: str = "",
    status: int = 200,
) -> HttpResponse:
    revisions = with_undone(revisions)
    return render(
        request,
        partial(request, HISTORY_TEMPLATE, "history"),
        {
            "event": event,
            "assertion": assertion,
            "page": Paginator(revisions, REVISIONS_PER_PAGE).get_page(page_number(request.GET)),
            "can_edit": event.is_editable_by(request.user),
            "problem": problem,
        },
        status=status,
    )


@require_GET
def event_history(request: HttpRequest, slug: str) -> HttpResponse:
    event = get_event_for_user(request, slug)
    return _history_page(request, event, event.revisions.all())


@require_GET
def assertion_history(request: HttpRequest, slug: str, assertion_id: int) -> HttpResponse:
    event = get_event_for_user(request, slug)
    assertion = get_object_or_404(event.assertions, pk=assertion_id)
    return _history_page(request, event, assertion_revisions(assertion), assertion=assertion)


@login_required
@require_POST
def revision_undo(request: HttpRequest, slug: str, revision_id: int) -> HttpResponse:
    event = get_event_for_user(request, slug, edit=True, action="undo changes to this event")
    revision = get_object_or_404(event.revisions, pk=revision_id)
    try:
        undo = services.undo_revision(revision=revision, user=request.user)
    except services.UndoRefused as refusal:
        if not request.htmx:
            messages.error(request, str(refusal))
            return redirect("event_history", event.slug)
        return _history_page(
            request, event, event.revisions.all(), problem=str(refusal), status=409
        )
    if not request.htmx:
        messages.success(request, f"{undo.summary}.")
        return redirect("event_history", event.slug)
    return trigger_client_event(
        _history_page(request, event, event.revisions.all()), "matrix-changed"
    )
