"""The read-only JSON API under /api/v1/, with the same visibility rules as the pages.

Errors are JSON too ({"error": "…"}) with the fitting status, so a script never has
to parse an HTML error page.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Callable, Sequence
from typing import Any

from django.core.paginator import EmptyPage, Paginator
from django.db.models import Count, F, Prefetch
from django.db.models.functions import Length, Lower
from django.http import Http404, HttpRequest, JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.cache import patch_cache_control, patch_vary_headers

from coverage import blind
from coverage.models import Event, Outlet, Sentence, Stance
from coverage.querystring import parse_int, shown
from coverage.selectors import stats
from coverage.selectors.counts import count_rows, event_independent_sources
from coverage.selectors.matrix import ROW_ORDER, OutletCell, make_row, numbered
from coverage.selectors.outlets import outlets_with_counts
from coverage.views import api_data
from coverage.views.common import get_event_for_user, get_outlet_for_user

# Long enough to spare a server from a script's repeated calls, short enough that a
# correction shows within the minute.
MAX_AGE_SECONDS = 60
DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 200


class ApiError(Exception):
    """A request the API refuses, with the status and the message the client gets."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.message = message
        self.status = status


def _positive_int(request: HttpRequest, name: str, default: int) -> int:
    raw = request.GET.get(name, "")
    if raw == "":
        return default
    value = parse_int(raw)
    if value is None or value < 1:
        raise ApiError(f"?{name}= must be a whole number of at least 1, not {shown(raw)}.")
    return value


def page_of(request: HttpRequest, items: Sequence[Any]) -> tuple[Any, dict[str, Any]]:
    """The requested page of items and the envelope around it (count, next, previous).

    ``items`` may be a QuerySet; its count and one slice are the only queries.
    """
    size = _positive_int(request, "page_size", DEFAULT_PAGE_SIZE)
    if size > MAX_PAGE_SIZE:
        raise ApiError(f"?page_size= can be at most {MAX_PAGE_SIZE}; ask for more pages instead.")
    number = _positive_int(request, "page", 1)
    paginator = Paginator(items, size)
    try:
        page = paginator.page(number)
    except EmptyPage:
        raise ApiError(
            f"There is no page {number}: there {'is' if paginator.num_pages == 1 else 'are'} "
            f"{paginator.num_pages} page{'s' if paginator.num_pages != 1 else ''} "
            f"of {paginator.count} result{'s' if paginator.count != 1 else ''}.",
            status=404,
        ) from None

    def link(page_number: int) -> str:
        query = request.GET.copy()
        query["page"] = page_number
        return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")

    envelope = {
        "count": paginator.count,
        "next": link(page.next_page_number()) if page.has_next() else None,
        "previous": link(page.previous_page_number()) if page.has_previous() else None,
    }
    return page, envelope


def _json(payload: dict, status: int = 200) -> JsonResponse:
    return JsonResponse(payload, status=status, json_dumps_params={"ensure_ascii": False})


def api_view(view: Callable[..., dict]) -> Callable[..., JsonResponse]:
    """GET and HEAD only; the view returns a dict, errors become JSON with their status."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> JsonResponse:
        if request.method not in ("GET", "HEAD"):
            response = _json(
                {"error": f"The API is read-only: use GET, not {request.method}."}, status=405
            )
            response["Allow"] = "GET, HEAD"
            return response
        try:
            response = _json(view(request, *args, **kwargs))
        except ApiError as error:
            return _json({"error": error.message}, status=error.status)
        except Http404:
            return _json({"error": "Not found, or not visible to you."}, status=404)
        # Drafts make a response depend on who asks, so only anonymous ones are shared.
        patch_cache_control(
            response,
            max_age=MAX_AGE_SECONDS,
            **({"private": True} if request.user.is_authenticated else {"public": True}),
        )
        patch_vary_headers(response, ["Cookie"])
        return response

    return wrapper


@api_view
def index(request: HttpRequest) -> dict:
    """Where everything is; {slug} and {id} stand for values taken from the lists."""
    events_url = request.build_absolute_uri(reverse("api_events"))
    outlets_url = request.build_absolute_uri(reverse("api_outlets"))
    return {
        "version": 1,
        "endpoints": {
            "events": events_url,
            "event": events_url + "{slug}/",
            "event_assertions": events_url + "{slug}/assertions/",
            "article": events_url + "{slug}/articles/{id}/",
            "outlets": outlets_url,
            "outlet": outlets_url + "{slug}/",
        },
        "pagination": {
            "page": "page number, from 1",
            "page_size": f"default {DEFAULT_PAGE_SIZE}, at most {MAX_PAGE_SIZE}",
        },
    }


@api_view
def events(request: HttpRequest) -> dict:
    queryset = (
        Event.objects.visible_to(request.user)
        .annotate(
            article_count=Count("articles", distinct=True),
            outlet_count=Count("articles__outlet", distinct=True),
            assertion_count=Count("assertions", distinct=True),
        )
        .order_by("-date", "-created_at", "pk")
    )
    query = request.GET.get("q", "").strip()
    if len(query) > 200:
        raise ApiError("?q= can be at most 200 characters long.")
    if "\x00" in query:
        raise ApiError("?q= cannot contain NUL characters.")
    if query:
        queryset = queryset.search(query)
    page, envelope = page_of(request, queryset)
    if not blind.blind_requested(request.GET):
        return {**envelope, "results": [api_data.event_summary(request, e) for e in page]}
    # Blind mode: each event's summary without its outlets' names, addresses kept blind.
    results = [api_data.event_summary(request, e) for e in blind.shown_events(list(page))]
    return {**envelope, "results": api_data.kept_blind(blind.Blinding(True), results)}


@api_view
def event(request: HttpRequest, slug: str) -> dict:
    found = get_event_for_user(request, slug)
    articles = list(
        found.articles.select_related("outlet")
        .defer("text")
        .annotate(text_length=Length("text"))
        .order_by(Lower("outlet__name"), "pk")
    )
    for article in articles:
        article.event = found
    independent_sources = event_independent_sources(found, articles)
    shown = api_data.blinding(request, found, [article.outlet for article in articles])
    if shown.hides:
        articles = api_data.in_letter_order(
            [api_data.shown_article(shown, article) for article in articles]
        )
    data = api_data.event_detail(
        request,
        shown.event(found),
        articles,
        found.assertions.count(),
        independent_sources=independent_sources,
    )
    return api_data.kept_blind(shown, data)


@api_view
def event_assertions(request: HttpRequest, slug: str) -> dict:
    found = get_event_for_user(request, slug)
    page, envelope = page_of(request, found.assertions.order_by(*ROW_ORDER))
    articles = list(found.articles.select_related("outlet").order_by(Lower("outlet__name"), "pk"))
    outlets = list({article.outlet_id: article.outlet for article in articles}.values())
    shown = api_data.blinding(request, found, outlets)
    if shown.hides:
        outlets = sorted(
            (blind.lettered(outlet, shown.labels) for outlet in outlets),
            key=lambda outlet: blind.blind_label_order(outlet.name),
        )
    stances_by_cell: dict[tuple[int, int], list[Stance]] = defaultdict(list)
    for stance in (
        Stance.objects.filter(assertion__in=list(page))
        .select_related("evidence", "evidence_through")
        .annotate(outlet_id=F("article__outlet_id"))
        .order_by("article_id")
    ):
        stances_by_cell[(stance.assertion_id, stance.outlet_id)].append(shown.stance(stance))
    rows = []
    for number, found_assertion in numbered(page, first=page.start_index()):
        assertion = shown.assertion(found_assertion)
        assertion.event = found
        cells = [
            OutletCell(assertion, outlet, stances_by_cell.get((assertion.pk, outlet.pk), []))
            for outlet in outlets
        ]
        rows.append(make_row(assertion, cells, number=number))
    # The same independent counts and origins as every page (coverage.selectors.counts).
    count_rows(found, rows, articles)
    results = [api_data.assertion_data(request, row) for row in rows]
    return {**envelope, "results": api_data.kept_blind(shown, results)}


@api_view
def article(request: HttpRequest, slug: str, article_id: int) -> dict:
    found = get_event_for_user(request, slug)
    item = get_object_or_404(
        found.articles.select_related("outlet").prefetch_related(
            Prefetch("sentences", queryset=Sentence.objects.order_by("index")),
            Prefetch(
                "stances",
                queryset=Stance.objects.select_related("evidence", "evidence_through").order_by(
                    "assertion__position", "assertion_id"
                ),
            ),
        ),
        pk=article_id,
    )
    sentences, stances = list(item.sentences.all()), list(item.stances.all())
    shown = api_data.blinding(request, found)
    if shown.hides:
        item = api_data.shown_article(shown, item)
        sentences = [api_data.shown_sentence(shown, sentence) for sentence in sentences]
        stances = [shown.stance(stance) for stance in stances]
    item.event = found
    return api_data.kept_blind(shown, api_data.article_detail(request, item, sentences, stances))


@api_view
def outlets(request: HttpRequest) -> dict:
    queryset = outlets_with_counts(Event.objects.visible_to(request.user)).order_by(
        Lower("name"), "pk"
    )
    page, envelope = page_of(request, queryset)
    return {
        **envelope,
        "results": [
            {
                **api_data.outlet_summary(request, outlet),
                "counts": {"events": outlet.event_count, "articles": outlet.article_count},
            }
            for outlet in page
        ],
    }


@api_view
def outlet(request: HttpRequest, slug: str) -> dict:
    found = get_outlet_for_user(request, slug)
    visible = Event.objects.visible_to(request.user)
    outlet_stats = stats.outlet_stats(visible, outlets=Outlet.objects.filter(pk=found.pk))
    covered = visible.filter(articles__outlet=found).distinct().order_by("-date", "-created_at")
    return api_data.outlet_detail(
        request, found, outlet_stats[0] if outlet_stats else None, list(covered)
    )
