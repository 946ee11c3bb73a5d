"""Research pages: search across events, outlet statistics and downloads."""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    JsonResponse,
    StreamingHttpResponse,
)
from django.shortcuts import render
from django.utils.text import slugify
from django.views.decorators.http import require_GET

from coverage.blind import blind_requested
from coverage.models import Event, Outlet
from coverage.querystring import page_number
from coverage.selectors import exports, search, stats
from coverage.views.common import get_event_for_user, partial

SEARCH_TEMPLATE = "coverage/search.html"
SLUG = re.compile(r"[-\w]+")
STATS_TEMPLATE = "coverage/outlet_stats.html"
# With both kinds shown, each gets a short list and a link to all of its results.
RESULTS_PER_KIND_PREVIEW = 5
RESULTS_PER_PAGE = 20

STATS_CSV_COLUMNS = [
    "outlet",
    "outlet_name",
    "country",
    "events",
    "articles",
    "cells",
    "agree",
    "contradict",
    "mixed",
    "silent",
    "hedged",
    "agree_rate",
    "contradict_rate",
    "silent_rate",
    "hedged_rate",
    "sources",
]


@require_GET
def search_page(request: HttpRequest) -> HttpResponse:
    visible = Event.objects.visible_to(request.user)
    event_choices = [(event.slug, event.title) for event in visible.only("slug", "title")]
    outlet_choices = list(
        Outlet.objects.filter(articles__event__in=visible)
        .distinct()
        .order_by("name")
        .values_list("slug", "name")
    )
    form = search.SearchFilterForm(request.GET, events=event_choices, outlets=outlet_choices)
    context: dict = {"form": form, "full_text": search.uses_full_text()}
    if not form.is_valid():
        return render(request, partial(request, SEARCH_TEMPLATE, "results"), context)
    raw = form.cleaned_data["q"]
    context["kind"] = kind = form.cleaned_data["kind"] or "all"
    if not raw.strip():
        return render(request, partial(request, SEARCH_TEMPLATE, "results"), context)
    try:
        query = search.parse_query(raw)
    except search.QueryProblem as problem:
        context["problem"] = str(problem)
        return render(request, partial(request, SEARCH_TEMPLATE, "results"), context)

    events = stats.events_between(visible, form.cleaned_data["start"], form.cleaned_data["end"])
    if form.cleaned_data["event"]:
        events = events.filter(slug=form.cleaned_data["event"])
    outlet = form.cleaned_data["outlet"]
    per_page = RESULTS_PER_PAGE if kind != "all" else RESULTS_PER_KIND_PREVIEW
    wanted_page = page_number(request.GET) if kind != "all" else 1
    context["query"] = query
    if kind in ("all", "rows"):
        rows = Paginator(
            search.search_assertions(query, events, outlet_slug=outlet), per_page
        ).get_page(wanted_page)
        context["rows"] = rows
        context["row_hits"] = search.assertion_hits(query, rows.object_list)
    if kind in ("all", "articles"):
        articles = Paginator(
            search.search_articles(query, events, outlet_slug=outlet), per_page
        ).get_page(wanted_page)
        context["articles"] = articles
        context["article_hits"] = search.article_hits(query, articles.object_list)
    return render(request, partial(request, SEARCH_TEMPLATE, "results"), context)


def _filtered_events(request: HttpRequest, form: stats.DateRangeForm) -> QuerySet[Event]:
    return stats.events_between(
        Event.objects.visible_to(request.user),
        form.cleaned_data.get("start"),
        form.cleaned_data.get("end"),
    )


@require_GET
def outlet_stats(request: HttpRequest) -> HttpResponse:
    # The sort menu shows the order the table is in, also before anyone picks one.
    params = request.GET.copy()
    params.setdefault("sort", stats.DEFAULT_SORT)
    form = stats.StatsFilterForm(params)
    sort = stats.DEFAULT_SORT
    table: list[stats.OutletStats] = []
    if form.is_valid():
        sort = form.cleaned_data["sort"] or stats.DEFAULT_SORT
        table = stats.sort_stats(stats.outlet_stats(_filtered_events(request, form)), sort)
    return render(
        request,
        partial(request, STATS_TEMPLATE, "table"),
        {
            "form": form,
            "table": table,
            "sort": sort,
            "sort_label": stats.SORTS[sort],
            "dates_query": _dates_query(form),
        },
    )


def _dates_query(form: stats.DateRangeForm) -> str:
    """The valid date range as a query string, for links to downloads of the same events."""
    if form.errors:
        return ""
    dates = {name: form.cleaned_data[name] for name in ("start", "end") if form.cleaned_data[name]}
    return f"?{urlencode(dates)}" if dates else ""


@require_GET
def outlet_stats_csv(request: HttpRequest) -> HttpResponse:
    form = stats.StatsFilterForm(request.GET)
    if not form.is_valid():
        return HttpResponseBadRequest(
            " ".join(error for errors in form.errors.values() for error in errors),
            content_type="text/plain; charset=utf-8",
        )
    sort = form.cleaned_data["sort"] or stats.DEFAULT_SORT
    table = stats.sort_stats(stats.outlet_stats(_filtered_events(request, form)), sort)
    rows = (
        {
            "outlet": item.outlet.slug,
            "outlet_name": item.outlet.name,
            "country": item.outlet.country,
            **{
                name: "" if value is None else value
                for name, value in item.as_dict().items()
                if name != "sources"
            },
            "sources": "; ".join(f"{name} ({count})" for name, count in item.sources),
        }
        for item in table
    )
    return _csv_download(exports.csv_lines(STATS_CSV_COLUMNS, rows), "outlet-statistics.csv")


def _csv_download(lines, filename: str) -> StreamingHttpResponse:
    response = StreamingHttpResponse(lines, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_GET
def event_export(request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
    """The event's cells, one per assertion and article; the JSON imports elsewhere.
    In blind mode (``?blind=1``) outlets are letters and texts are redacted."""
    event = get_event_for_user(request, slug)
    # ?blind=1: the file a blind page offers, with letters for names (coverage.blind).
    hidden = blind_requested(request.GET)
    name = f"{event.slug}-blind" if hidden else event.slug
    if fmt == "csv":
        return _csv_download(
            exports.csv_lines(exports.CSV_COLUMNS, exports.event_matrix_rows(event, hidden=hidden)),
            f"{name}.csv",
        )
    response = JsonResponse(
        exports.event_matrix_data(event, hidden=hidden),
        json_dumps_params={"ensure_ascii": False, "indent": 2},
    )
    response["Content-Disposition"] = f'attachment; filename="{name}.json"'
    return response


@require_GET
def export_all(request: HttpRequest, fmt: str) -> HttpResponse:
    """Every visible event's rows × outlets; ?event=SLUG (repeatable) and dates narrow it."""
    form = stats.DateRangeForm(request.GET)
    if not form.is_valid():
        return HttpResponseBadRequest(
            " ".join(error for errors in form.errors.values() for error in errors),
            content_type="text/plain; charset=utf-8",
        )
    events = _filtered_events(request, form).order_by("-date", "slug")
    wanted = request.GET.getlist("event")
    malformed = [slug for slug in wanted if not SLUG.fullmatch(slug)]
    if malformed:
        return HttpResponseBadRequest(
            f"{malformed[0]!r} is not an event slug: use the slugs in the events' addresses, "
            "e.g. ?event=port-averly-bridge-closure.",
            content_type="text/plain; charset=utf-8",
        )
    if wanted:
        events = events.filter(slug__in=wanted)
        missing = set(wanted) - set(events.values_list("slug", flat=True))
        if missing:
            raise Http404(f"No event you can see has the slug {sorted(missing)[0]!r}.")
    name = f"parallax-{slugify(wanted[0]) if len(wanted) == 1 else 'events'}-{dt.date.today()}"
    # Only the events' own fields are read here; their matrices are built while streaming.
    events = list(events)
    if fmt == "csv":
        return _csv_download(
            exports.csv_lines(
                exports.TABLE_COLUMNS,
                exports.events_table_rows(events, request.build_absolute_uri),
            ),
            f"{name}.csv",
        )
    response = StreamingHttpResponse(
        exports.events_json_chunks(events, request.build_absolute_uri),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{name}.json"'
    return response
