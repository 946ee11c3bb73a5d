"""The event list and the event page: the matrix, adding a row, and the analysis.

The matrix itself is coverage.selectors.matrix_page, the same for every reader and kept
between requests; what depends on the reader (editing rights, forms, the analysis
run) is added here on each request.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST
from django_htmx.http import trigger_client_event

from coverage import blind, ratelimits, runs, services, tasks
from coverage.forms import AssertionForm, SearchForm
from coverage.models import AnalysisRun, Event
from coverage.querystring import page_number
from coverage.selectors.matrix_page import MatrixOptions, matrix_page
from coverage.views.cells import open_cell_html
from coverage.views.common import get_event_for_user, partial

EVENTS_PER_PAGE = 25


@require_GET
def event_list(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET)
    events = (
        Event.objects.visible_to(request.user)
        .annotate(
            article_count=Count("articles", distinct=True),
            outlet_count=Count("articles__outlet", distinct=True),
            assertion_count=Count("assertions", distinct=True),
        )
        .order_by("-date", "-created_at")
    )
    query = form.cleaned_data["q"].strip() if form.is_valid() else ""
    if query:
        events = events.search(query)
    page = Paginator(events, EVENTS_PER_PAGE).get_page(page_number(request.GET))
    hidden = blind.blind_requested(request.GET)
    if hidden:
        # A blind page's "Events" link: summaries that name no outlet, links that stay
        # blind. One query for the outlets of the page's events.
        page.object_list = blind.shown_events(list(page.object_list))
    return render(
        request,
        partial(request, "coverage/event_list.html", "results"),
        {
            "form": form,
            "query": query,
            "page": page,
            # Blind mode is for reading: no editing tools (as on the event page).
            "can_create": request.user.has_perm("coverage.add_event") and not hidden,
            "blind_query": "?blind=1" if hidden else "",
        },
    )


def _event_page_context(request: HttpRequest, event: Event, **extra) -> dict:
    """The event page: the matrix as the query string asks (filters, sort, page, modes),
    and what this reader may do with it; ?cell= opens that cell's evidence with it."""
    options = MatrixOptions.from_query(request.GET)
    page, queue_key = matrix_page(event, options)
    if queue_key and request.method == "GET":
        # The first sight of texts the worker has not compared queues that comparison;
        # a refused form shown again with the page writes nothing, not even a queued task.
        tasks.prepare_layers_soon(event, queue_key)
    cell = request.GET.get("cell", "")
    return {
        **page,
        "event": blind.shown_event(event, page["redact"]),
        "has_articles": bool(page["matrix"].columns),
        # Blind mode is for reading, like projector mode: no editing tools, whose forms
        # and pages name the outlets.
        "can_edit": event.is_editable_by(request.user) and not options.blind,
        "blind_query": "?blind=1" if options.blind else "",
        "assertion_form": AssertionForm(),
        "run": runs.latest_run(event),
        "open_cell_html": open_cell_html(request, event, cell, options) if cell else "",
        **extra,
    }


@require_GET
def event_detail(request: HttpRequest, slug: str) -> HttpResponse:
    event = get_event_for_user(request, slug)
    return render(
        request,
        partial(request, "coverage/event_detail.html", "matrix"),
        _event_page_context(request, event),
    )


@login_required
@require_POST
def assertion_create(request: HttpRequest, slug: str) -> HttpResponse:
    event = get_event_for_user(request, slug, edit=True)
    form = AssertionForm(request.POST)
    if not form.is_valid():
        return render(
            request,
            partial(request, "coverage/event_detail.html", "matrix-and-form"),
            _event_page_context(request, event, assertion_form=form),
            status=422,
        )
    services.add_assertion(event=event, text=form.cleaned_data["text"], user=request.user)
    if not request.htmx:
        return redirect(event)
    return render(
        request, "coverage/event_detail.html#matrix-and-form", _event_page_context(request, event)
    )


@login_required
@require_POST
def analysis_start(request: HttpRequest, slug: str) -> HttpResponse:
    event = get_event_for_user(request, slug, edit=True)
    error = ""
    try:
        ratelimits.check(request, ratelimits.ANALYSIS)
        run = runs.request_analysis(event=event, user=request.user)
    except ratelimits.RateLimited as limited:
        context = (
            {
                "event": event,
                "run": event.analysis_runs.first(),
                "can_edit": True,
                "has_articles": True,
            }
            if request.htmx
            else _event_page_context(request, event)
        )
        context["analysis_error"] = str(limited)
        return ratelimits.refused(
            render(request, partial(request, "coverage/event_detail.html", "analysis"), context),
            limited,
        )
    except runs.AnalysisRefused as refusal:
        error = str(refusal)
        run = event.analysis_runs.first()
    else:
        ratelimits.record(request, ratelimits.ANALYSIS)
        result = tasks.analyse_event.enqueue(run.pk)
        AnalysisRun.objects.filter(pk=run.pk).update(task_id=str(result.id))
    if not request.htmx:
        if error:
            messages.error(request, error)
        return redirect(event)
    return render(
        request,
        "coverage/event_detail.html#analysis",
        {
            "event": event,
            "run": run,
            "can_edit": True,
            "analysis_error": error,
            "has_articles": run is not None,
        },
        status=409 if error else 202,
    )


@require_GET
def analysis_status(request: HttpRequest, slug: str, run_id: int) -> HttpResponse:
    event = get_event_for_user(request, slug)
    run = runs.fail_if_stalled(get_object_or_404(event.analysis_runs, pk=run_id))
    response = render(
        request,
        partial(request, "coverage/event_detail.html", "analysis"),
        {
            "event": event,
            "run": run,
            "can_edit": event.is_editable_by(request.user),
        }
        if request.htmx
        else _event_page_context(request, event, run=run),
    )
    if request.htmx and not run.is_active:
        trigger_client_event(response, "matrix-changed")
    return response
