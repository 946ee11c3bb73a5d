"""Curation: creating and editing events, and correcting the matrix's rows.

Each correction is a workflow of coverage.services.curation, recorded in the event's
history (coverage.views.history), which can undo merges and deletions. For htmx the
row's panel answers and the matrix is told to reload ("matrix-changed").
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST
from django_htmx.http import trigger_client_event

from coverage import services
from coverage.forms import AssertionTextForm, EventForm, MergeForm, MoveForm, SplitForm
from coverage.models import Assertion, Event
from coverage.selectors.history import assertion_revisions
from coverage.selectors.matrix import ROW_ORDER, numbered
from coverage.views.common import get_event_for_user, go, partial

EVENT_FORM_TEMPLATE = "coverage/event_form.html"
ASSERTION_TEMPLATE = "coverage/assertion_edit.html"
DELETE_TEMPLATE = "coverage/assertion_delete.html"


@login_required
@require_http_methods(["GET", "POST"])
def event_create(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("coverage.add_event"):
        raise PermissionDenied("Only editors can create events.")
    form = EventForm(request.POST) if request.method == "POST" else EventForm()
    if request.method == "POST" and form.is_valid():
        try:
            event = services.create_event(**form.cleaned_data, user=request.user)
        except services.CurationProblem as problem:
            form.add_error("slug", str(problem))
        else:
            messages.success(request, f"Created “{event.title}”. Add its articles next.")
            return go(request, event.get_absolute_url())
    return render(
        request,
        partial(request, EVENT_FORM_TEMPLATE, "event-form"),
        {"form": form, "event": None},
        status=422 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def event_edit(request: HttpRequest, slug: str) -> HttpResponse:
    event = get_event_for_user(request, slug, edit=True)
    if request.method == "GET":
        form = EventForm(instance=event)
    else:
        # The form writes its values onto its instance while validating; the page
        # keeps showing the event as it is saved.
        form = EventForm(request.POST, instance=Event.objects.get(pk=event.pk))
        if form.is_valid():
            try:
                event = services.update_event(event=event, **form.cleaned_data)
            except services.CurationProblem as problem:
                form.add_error("slug", str(problem))
            else:
                messages.success(request, f"Saved “{event.title}”.")
                return go(request, event.get_absolute_url())
    return render(
        request,
        partial(request, EVENT_FORM_TEMPLATE, "event-form"),
        {"form": form, "event": event},
        status=422 if form.errors else 200,
    )


def _assertion_panel(
    request: HttpRequest,
    event: Event,
    assertion: Assertion,
    *,
    saved: str = "",
    status: int = 200,
    **forms,
) -> HttpResponse:
    """The row's curation page, or for htmx its panel; ``saved`` says what just changed."""
    rows = list(event.assertions.order_by(*ROW_ORDER))
    number = next(number for number, row in numbered(rows) if row.pk == assertion.pk)
    context = {
        "event": event,
        "assertion": assertion,
        "row_count": len(rows),
        "row_number": number,
        "text_form": AssertionTextForm(initial={"text": assertion.text}),
        "split_form": SplitForm(initial={"first": assertion.text, "second": assertion.text}),
        "merge_form": MergeForm(assertion=assertion, rows=rows),
        "move_form": MoveForm(initial={"position": number}),
        "revisions": assertion_revisions(assertion)[:10],
        "saved": saved,
        **forms,
    }
    response = render(
        request, partial(request, ASSERTION_TEMPLATE, "panel"), context, status=status
    )
    if request.htmx and saved:
        trigger_client_event(response, "matrix-changed")
    return response


def _saved(request: HttpRequest, event: Event, assertion: Assertion, message: str):
    """Without htmx, a change redirects back to the row's page with a message."""
    if request.htmx:
        return _assertion_panel(request, event, assertion, saved=message)
    messages.success(request, message)
    return redirect("assertion_edit", event.slug, assertion.pk)


def _refused(request: HttpRequest, event: Event, assertion: Assertion, problem: str):
    if request.htmx:
        return _assertion_panel(request, event, assertion, problem=problem, status=409)
    messages.error(request, problem)
    return redirect("assertion_edit", event.slug, assertion.pk)


@login_required
@require_http_methods(["GET", "POST"])
def assertion_edit(request: HttpRequest, slug: str, assertion_id: int) -> HttpResponse:
    """The row's page of corrections; a POST rewords it."""
    event = get_event_for_user(request, slug, edit=True)
    assertion = get_object_or_404(event.assertions, pk=assertion_id)
    if request.method == "GET":
        return _assertion_panel(request, event, assertion)
    form = AssertionTextForm(request.POST)
    if not form.is_valid():
        return _assertion_panel(request, event, assertion, text_form=form, status=422)
    try:
        assertion = services.edit_assertion(
            assertion=assertion, text=form.cleaned_data["text"], user=request.user
        )
    except services.CurationProblem as problem:
        return _refused(request, event, assertion, str(problem))
    return _saved(request, event, assertion, "Saved the wording; the row is now a person’s.")


@login_required
@require_POST
def assertion_split(request: HttpRequest, slug: str, assertion_id: int) -> HttpResponse:
    event = get_event_for_user(request, slug, edit=True)
    assertion = get_object_or_404(event.assertions, pk=assertion_id)
    form = SplitForm(request.POST)
    if not form.is_valid():
        return _assertion_panel(request, event, assertion, split_form=form, status=422)
    try:
        services.split_assertion(
            assertion=assertion,
            first_text=form.cleaned_data["first"],
            second_text=form.cleaned_data["second"],
            user=request.user,
        )
    except services.CurationProblem as problem:
        form.add_error(None, str(problem))
        return _assertion_panel(request, event, assertion, split_form=form, status=422)
    assertion.refresh_from_db()
    return _saved(
        request, event, assertion, "Split in two. Both rows kept the cells; check each one."
    )


@login_required
@require_POST
def assertion_merge(request: HttpRequest, slug: str, assertion_id: int) -> HttpResponse:
    event = get_event_for_user(request, slug, edit=True)
    assertion = get_object_or_404(event.assertions, pk=assertion_id)
    rows = list(event.assertions.order_by(*ROW_ORDER))
    form = MergeForm(request.POST, assertion=assertion, rows=rows)
    if not form.is_valid():
        return _assertion_panel(request, event, assertion, merge_form=form, status=422)
    try:
        services.merge_assertions(
            survivor=assertion,
            others=form.cleaned_data["others"],
            text=form.cleaned_data["text"],
            user=request.user,
        )
    except services.CurationProblem as problem:
        return _refused(request, event, assertion, str(problem))
    assertion.refresh_from_db()
    # Counted as the history counts it: every row that went into this one, itself too.
    merged = len(form.cleaned_data["others"]) + 1
    return _saved(
        request,
        event,
        assertion,
        f"Merged {merged} rows into this one. The event’s history can undo it.",
    )


@login_required
@require_POST
def assertion_move(request: HttpRequest, slug: str, assertion_id: int) -> HttpResponse:
    event = get_event_for_user(request, slug, edit=True)
    assertion = get_object_or_404(event.assertions, pk=assertion_id)
    form = MoveForm(request.POST)
    if not form.is_valid():
        return _assertion_panel(request, event, assertion, move_form=form, status=422)
    try:
        services.move_assertion(
            assertion=assertion, position=form.cleaned_data["position"] - 1, user=request.user
        )
    except services.CurationProblem as problem:
        return _refused(request, event, assertion, str(problem))
    assertion.refresh_from_db()
    return _saved(request, event, assertion, "Moved.")


@login_required
@require_http_methods(["GET", "POST"])
def assertion_delete(request: HttpRequest, slug: str, assertion_id: int) -> HttpResponse:
    """GET asks for confirmation; POST deletes. The event's history can undo it."""
    event = get_event_for_user(request, slug, edit=True)
    assertion = get_object_or_404(event.assertions, pk=assertion_id)
    if request.method == "GET":
        return render(
            request,
            partial(request, DELETE_TEMPLATE, "confirm"),
            {"event": event, "assertion": assertion, "cells": assertion.stances.count()},
        )
    try:
        revision = services.delete_assertion(assertion=assertion, user=request.user)
    except services.CurationProblem as problem:
        return _refused(request, event, assertion, str(problem))
    if not request.htmx:
        messages.success(request, f"{revision.summary}. The event’s history can undo it.")
        return redirect(event)
    response = render(request, f"{DELETE_TEMPLATE}#deleted", {"event": event, "revision": revision})
    return trigger_client_event(response, "matrix-changed")
