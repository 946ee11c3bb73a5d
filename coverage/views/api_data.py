"""What the read-only JSON API answers: events, articles, rows and outlets as JSON.

Every object carries absolute links to itself in the API ("url") and on the site
("html_url"), so clients follow links instead of building URLs. In blind mode
(``?blind=1``, see coverage.blind) outlets are letters, texts are redacted and every
address in the answer keeps blind mode (``kept_blind``). The views, with the API's
pagination and errors, are coverage.views.api.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from coverage import blind
from coverage.attribution import cell_attribution
from coverage.models import Article, Event, Outlet, Sentence, Stance
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
                "attributed_to": cell_attribution(stance) or None,
                "evidence_sentence": stance.evidence.index if stance.evidence else None,
                "evidence_through_sentence": stance.evidence_through.index
                if stance.evidence_through
                else None,
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


# Blind mode (?blind=1, coverage.blind): letters for outlets, texts redacted, and every
# address in the answer keeps blind mode.


def blinding(
    request: HttpRequest, event: Event, outlets: list[Outlet] | None = None
) -> blind.Blinding:
    return blind.blinding(event, outlets, hides=blind.blind_requested(request.GET))


def shown_article(shown: blind.Blinding, article: Article) -> Article:
    copied = shown.article(article)
    copied.outlet = blind.lettered(article.outlet, shown.labels)
    return copied


def shown_sentence(shown: blind.Blinding, sentence: Sentence) -> Sentence:
    copied = copy.copy(sentence)
    copied.text = shown.redact(sentence.text)
    return copied


def in_letter_order(articles: list[Article]) -> list[Article]:
    return sorted(articles, key=lambda a: (blind.blind_label_order(a.outlet.name), a.pk))


_ADDRESSES = {"url", "html_url", "self", "assertions", "html", "export_csv", "export_json"}


def kept_blind(shown: blind.Blinding, data: Any) -> Any:
    """``data`` as a blind answer: ``?blind=1`` on each of the site's addresses, no
    address of an outlet's page (which names it), and every other text redacted, so
    names in the rows' origins and sources go too."""
    if not shown.hides:
        return data
    if isinstance(data, list):
        return [kept_blind(shown, item) for item in data]
    if isinstance(data, str):
        return shown.redact(data)
    if not isinstance(data, dict):
        return data
    kept = {}
    for key, value in data.items():
        if key in _ADDRESSES and isinstance(value, str) and value.startswith("http"):
            if "/outlets/" in value:
                kept[key] = None
            else:
                kept[key] = value + ("&blind=1" if "?" in value else "?blind=1")
            continue
        kept[key] = kept_blind(shown, value)
    return kept
