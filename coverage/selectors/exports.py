"""Matrices as plain data, for the export command, downloads and the API.

An event's own export has one cell per (assertion, article): researchers need the
article-level judgement, not only the per-outlet summary the page shows. Its JSON
is also an import_event file, so an event moves between installations. The export
across events has one line per row and outlet, with the labels the matrix shows.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from django.db.models.functions import Lower
from django.urls import reverse

from coverage.models import Event, Stance
from coverage.selectors.matrix import OutletCell, build_matrix

# Excel runs a cell that starts with one of these as a formula, even from a CSV file.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
# Excel reads a CSV as UTF-8 only when it starts with a byte-order mark.
UTF8_BOM = "\ufeff"

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


def csv_safe(value: Any) -> Any:
    """Text that a spreadsheet would run as a formula gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return f"'{value}"
    return value


def csv_lines(columns: list[str], rows: Iterable[dict[str, Any]]) -> Iterator[str]:
    """A CSV file a line at a time, for streaming: a BOM and the header, then the rows."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns)
    writer.writeheader()
    yield UTF8_BOM + buffer.getvalue()
    for row in rows:
        buffer.seek(0)
        buffer.truncate()
        writer.writerow({name: csv_safe(value) for name, value in row.items()})
        yield buffer.getvalue()


def event_matrix_data(event: Event) -> dict[str, Any]:
    """The event, its outlets, articles and every cell, in four queries.

    The top-level title, slug, summary, date and the articles (with their text) are
    what import_event reads, so the file imports as a new event elsewhere.
    """
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
        "title": event.title,
        "slug": event.slug,
        "summary": event.summary,
        "date": event.date.isoformat() if event.date else None,
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
                "outlet_homepage": article.outlet.homepage,
                "text": article.text,
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


def event_matrix_rows(event: Event) -> Iterator[dict[str, Any]]:
    """One CSV row per cell, with the assertion and outlet repeated on each row."""
    data = event_matrix_data(event)
    articles = {article["id"]: article for article in data["articles"]}
    for assertion in data["assertions"]:
        for cell in assertion["cells"]:
            yield {
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


def event_matrix_csv(event: Event) -> str:
    """The cells of event_matrix_rows as one CSV text, without a byte-order mark."""
    return "".join(csv_lines(CSV_COLUMNS, event_matrix_rows(event))).removeprefix(UTF8_BOM)


def outlet_cell_data(cell: OutletCell, absolute_url: Callable[[str], str]) -> dict[str, Any]:
    """An outlet's cell as the matrix shows it, with the evidence it quotes."""
    evidence = next((stance for stance in cell.stances if stance.evidence is not None), None)
    return {
        "outlet": cell.outlet.slug,
        "label": cell.label,
        "hedged": cell.hedged,
        "attributed_to": sorted({s.attributed_to for s in cell.stances if s.attributed_to}),
        "evidence": evidence.evidence.text if evidence else None,
        "evidence_article": evidence.article_id if evidence else None,
        "evidence_sentence": evidence.evidence.index if evidence else None,
        "origin": "human" if cell.is_human else "machine",
        "url": absolute_url(
            reverse(
                "cell_detail", args=[cell.assertion.event.slug, cell.assertion.pk, cell.outlet.slug]
            )
        ),
    }


TABLE_COLUMNS = [
    "event",
    "event_title",
    "event_date",
    "row",
    "assertion_id",
    "assertion",
    "outlet",
    "outlet_name",
    "label",
    "hedged",
    "attributed_to",
    "evidence",
    "evidence_article",
    "evidence_sentence",
    "origin",
    "cell_url",
]


def events_table_rows(
    events: Iterable[Event], absolute_url: Callable[[str], str]
) -> Iterator[dict[str, Any]]:
    """One line per (event, row, outlet) across events, three queries per event.

    Events are built one at a time, so a download of many events streams in
    constant memory.
    """
    for event in events:
        data = event_table_data(event, absolute_url)
        names = {outlet["slug"]: outlet["name"] for outlet in data["outlets"]}
        for number, row in enumerate(data["rows"], start=1):
            for cell in row["cells"]:
                yield {
                    "event": event.slug,
                    "event_title": event.title,
                    "event_date": data["date"] or "",
                    "row": number,
                    "assertion_id": row["id"],
                    "assertion": row["text"],
                    "outlet": cell["outlet"],
                    "outlet_name": names[cell["outlet"]],
                    "label": cell["label"],
                    "hedged": "yes" if cell["hedged"] else "no",
                    "attributed_to": "; ".join(cell["attributed_to"]),
                    "evidence": cell["evidence"] or "",
                    "evidence_article": cell["evidence_article"] or "",
                    "evidence_sentence": ""
                    if cell["evidence_sentence"] is None
                    else cell["evidence_sentence"],
                    "origin": cell["origin"],
                    "cell_url": cell["url"],
                }


def event_table_data(event: Event, absolute_url: Callable[[str], str]) -> dict[str, Any]:
    """An event's matrix as the page shows it: outlets as columns, rows of outlet cells."""
    matrix = build_matrix(event)
    return {
        "slug": event.slug,
        "title": event.title,
        "date": event.date.isoformat() if event.date else None,
        "summary": event.summary,
        "url": absolute_url(event.get_absolute_url()),
        "outlets": [
            {"slug": column.outlet.slug, "name": column.outlet.name} for column in matrix.columns
        ],
        "rows": [
            {
                "id": row.assertion.pk,
                "text": row.assertion.text,
                "origin": row.assertion.origin,
                "cells": [outlet_cell_data(cell, absolute_url) for cell in row.cells],
            }
            for row in matrix.rows
        ],
    }


def events_json_chunks(
    events: Iterable[Event], absolute_url: Callable[[str], str]
) -> Iterator[str]:
    """{"events": [...]} written an event at a time, for streaming."""
    yield '{"events": ['
    for number, event in enumerate(events):
        separator = ", " if number else ""
        yield separator + json.dumps(event_table_data(event, absolute_url), ensure_ascii=False)
    yield "]}\n"
