"""The matrix of an event as plain data, for the export command and downloads.

One cell per (assertion, article): researchers need the article-level judgement,
not only the per-outlet summary the page shows.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from django.db.models.functions import Lower

from coverage.models import Event, Stance

CSV_COLUMNS = [
    "event",
    "assertion_id",
    "assertion",
    "assertion_origin",
    "outlet",
    "article_id",
    "article_title",
    "label",
    "hedged",
    "attributed_to",
    "evidence",
    "origin",
    "confidence",
    "note",
]


def event_matrix_data(event: Event) -> dict[str, Any]:
    """The event, its outlets, articles and every cell, in four queries."""
    articles = list(event.articles.select_related("outlet").order_by(Lower("outlet__name"), "pk"))
    outlets = list({article.outlet_id: article.outlet for article in articles}.values())
    stances_by_assertion: dict[int, list[Stance]] = {}
    for stance in (
        Stance.objects.filter(assertion__event=event)
        .select_related("evidence", "article__outlet")
        .order_by(Lower("article__outlet__name"), "article_id")
    ):
        stances_by_assertion.setdefault(stance.assertion_id, []).append(stance)
    return {
        "event": {
            "title": event.title,
            "slug": event.slug,
            "summary": event.summary,
            "date": event.date.isoformat() if event.date else None,
            "status": event.status,
        },
        "outlets": [
            {
                "name": outlet.name,
                "slug": outlet.slug,
                "homepage": outlet.homepage,
                "country": outlet.country,
                "language": outlet.language,
                "ownership_kind": outlet.ownership_kind,
            }
            for outlet in outlets
        ],
        "articles": [
            {
                "id": article.pk,
                "outlet": article.outlet.name,
                "title": article.title,
                "url": article.url,
                "published_at": article.published_at.isoformat() if article.published_at else None,
                "author": article.author,
                "word_count": article.word_count,
            }
            for article in articles
        ],
        "assertions": [
            {
                "id": assertion.pk,
                "text": assertion.text,
                "origin": assertion.origin,
                "cells": [
                    {
                        "outlet": stance.article.outlet.name,
                        "article": stance.article_id,
                        "label": stance.label,
                        "hedged": stance.hedged,
                        "attributed_to": stance.attributed_to or None,
                        "evidence": stance.evidence.text if stance.evidence else None,
                        "origin": stance.origin,
                        "confidence": stance.confidence,
                        "note": stance.note,
                    }
                    for stance in stances_by_assertion.get(assertion.pk, [])
                ],
            }
            for assertion in event.assertions.order_by("position", "pk")
        ],
    }


def event_matrix_csv(event: Event) -> str:
    """One CSV row per cell, with the assertion and outlet repeated on each row."""
    data = event_matrix_data(event)
    articles = {article["id"]: article for article in data["articles"]}
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS)
    writer.writeheader()
    for assertion in data["assertions"]:
        for cell in assertion["cells"]:
            writer.writerow(
                {
                    "event": event.slug,
                    "assertion_id": assertion["id"],
                    "assertion": assertion["text"],
                    "assertion_origin": assertion["origin"],
                    "outlet": cell["outlet"],
                    "article_id": cell["article"],
                    "article_title": articles[cell["article"]]["title"],
                    "label": cell["label"],
                    "hedged": "yes" if cell["hedged"] else "no",
                    "attributed_to": cell["attributed_to"] or "",
                    "evidence": cell["evidence"] or "",
                    "origin": cell["origin"],
                    "confidence": "" if cell["confidence"] is None else cell["confidence"],
                    "note": cell["note"],
                }
            )
    return buffer.getvalue()
