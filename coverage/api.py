"""The read-only JSON API's building blocks: pagination, errors and serialisers.

Every object carries absolute links to itself in the API ("url") and on the site
("html_url"), so clients follow links instead of building URLs.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from django.core.paginator import EmptyPage, Paginator
from django.http import HttpRequest
from django.urls import reverse

from coverage.exports import outlet_cell_data
from coverage.matrix import OutletCell
from coverage.models import Article, Assertion, Event, Outlet, Sentence, Stance
from coverage.querystring import parse_int, shown
from coverage.stats import OutletStats

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


def _absolute(request: HttpRequest) -> Callable[[str], str]:
    return request.build_absolute_uri


def _date(value: Any) -> str | None:
    return value.isoformat() if value else None


def event_summary(request: HttpRequest, event: Event) -> dict[str, Any]:
    """An event of the list; the list annotates its counts."""
    return {
        "slug": event.slug,
        "title": event.title,
        "date": _date(event.date),
        "status": event.status,
        "summary": event.summary,
        "counts": {
            "outlets": event.outlet_count,
            "articles": event.article_count,
            "assertions": event.assertion_count,
        },
        "url": request.build_absolute_uri(reverse("api_event", args=[event.slug])),
        "html_url": request.build_absolute_uri(event.get_absolute_url()),
    }


def outlet_summary(request: HttpRequest, outlet: Outlet) -> dict[str, Any]:
    return {
        "slug": outlet.slug,
        "name": outlet.name,
        "country": outlet.country,
        "language": outlet.language,
        "ownership_kind": outlet.ownership_kind,
        "homepage": outlet.homepage,
        "url": request.build_absolute_uri(reverse("api_outlet", args=[outlet.slug])),
        "html_url": request.build_absolute_uri(reverse("outlet_detail", args=[outlet.slug])),
    }


def article_summary(request: HttpRequest, article: Article) -> dict[str, Any]:
    """Needs the article's event and outlet loaded (select_related)."""
    slug = article.event.slug
    return {
        "id": article.pk,
        "outlet": article.outlet.slug,
        "title": article.title,
        "source_url": article.url,
        "published_at": _date(article.published_at),
        "author": article.author,
        "word_count": article.word_count,
        "url": request.build_absolute_uri(reverse("api_article", args=[slug, article.pk])),
        "html_url": request.build_absolute_uri(reverse("article_detail", args=[slug, article.pk])),
    }


def event_detail(
    request: HttpRequest, event: Event, articles: list[Article], assertion_count: int
) -> dict[str, Any]:
    outlets = list({article.outlet_id: article.outlet for article in articles}.values())
    absolute = _absolute(request)
    return {
        "slug": event.slug,
        "title": event.title,
        "date": _date(event.date),
        "status": event.status,
        "summary": event.summary,
        "counts": {
            "outlets": len(outlets),
            "articles": len(articles),
            "assertions": assertion_count,
        },
        "outlets": [outlet_summary(request, outlet) for outlet in outlets],
        "articles": [article_summary(request, article) for article in articles],
        "links": {
            "self": absolute(reverse("api_event", args=[event.slug])),
            "assertions": absolute(reverse("api_event_assertions", args=[event.slug])),
            "html": absolute(event.get_absolute_url()),
            "export_csv": absolute(reverse("event_export", args=[event.slug, "csv"])),
            "export_json": absolute(reverse("event_export", args=[event.slug, "json"])),
        },
    }


def assertion_data(
    request: HttpRequest, assertion: Assertion, row_number: int, cells: list[OutletCell]
) -> dict[str, Any]:
    """A row and its cells, one per outlet of the event."""
    return {
        "id": assertion.pk,
        "row": row_number,
        "text": assertion.text,
        "origin": assertion.origin,
        "cells": [outlet_cell_data(cell, _absolute(request)) for cell in cells],
    }


def article_detail(
    request: HttpRequest, article: Article, sentences: list[Sentence], stances: list[Stance]
) -> dict[str, Any]:
    return {
        **article_summary(request, article),
        "event": article.event.slug,
        "text": article.text,
        "sentences": [{"index": sentence.index, "text": sentence.text} for sentence in sentences],
        "stances": [
            {
                "assertion": stance.assertion_id,
                "label": stance.label,
                "hedged": stance.hedged,
                "attributed_to": stance.attributed_to or None,
                "evidence_sentence": stance.evidence.index if stance.evidence else None,
                "origin": stance.origin,
                "confidence": stance.confidence,
            }
            for stance in stances
        ],
    }


def outlet_detail(
    request: HttpRequest, outlet: Outlet, stats: OutletStats | None, events: list[Event]
) -> dict[str, Any]:
    return {
        **outlet_summary(request, outlet),
        "statistics": (stats or OutletStats(outlet=outlet)).as_dict(),
        "events": [
            {
                "slug": event.slug,
                "title": event.title,
                "date": _date(event.date),
                "url": request.build_absolute_uri(reverse("api_event", args=[event.slug])),
            }
            for event in events
        ],
    }
