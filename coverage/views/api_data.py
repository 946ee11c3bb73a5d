"""What the read-only JSON API answers: events, articles, rows and outlets as JSON.

Every object carries absolute links to itself in the API ("url") and on the site
("html_url"), so clients follow links instead of building URLs. The views, with the
API's pagination and errors, are coverage.views.api.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from coverage.models import Article, Event, Outlet, Sentence, Stance
from coverage.origins import attribution
from coverage.selectors.counts import row_counts, row_origins
from coverage.selectors.exports import outlet_cell_data
from coverage.selectors.matrix import Row
from coverage.selectors.stats import OutletStats


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
    request: HttpRequest,
    event: Event,
    articles: list[Article],
    assertion_count: int,
    *,
    independent_sources: int | None,
) -> dict[str, Any]:
    """``independent_sources``: the outlets with those that republish one another
    counted once (coverage.selectors.counts), None until the texts are compared."""
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
        "independent_sources": independent_sources,
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


def assertion_data(request: HttpRequest, row: Row) -> dict[str, Any]:
    """A row with its number, counts and origins, and its cells, one per outlet."""
    assertion = row.assertion
    return {
        "id": assertion.pk,
        "row": row.number,
        "text": assertion.text,
        "origin": assertion.origin,
        "counts": row_counts(row),
        "independent_sources": row.independent_sources,
        "origins": row_origins(row),
        "cells": [outlet_cell_data(cell, _absolute(request)) for cell in row.cells],
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
                "attributed_to": attribution(
                    attributed_to=stance.attributed_to,
                    hedged=stance.hedged,
                    evidence=stance.evidence.text if stance.evidence else None,
                )
                or None,
                "evidence_sentence": stance.evidence.index if stance.evidence else None,
                "origin": stance.origin,
                "confidence": stance.confidence,
                "reason": stance.reason or None,
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
