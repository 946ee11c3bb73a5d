"""Matrices as plain data, for the export command, downloads and the API.

An event's own export has one cell per (assertion, article): researchers need the
article-level judgement, not only the per-outlet summary the page shows. Its JSON
is also an import_event file, so an event moves between installations. The export
across events has one line per row and outlet, with the labels the matrix shows.

Both carry the numbers the pages show, from coverage.selectors.counts: each row's
independent sources and origins, and the event's; the event's own export also the
groups of articles that share one text.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from django.urls import reverse

from coverage import blind
from coverage.attribution import cell_attribution
from coverage.models import Event
from coverage.selectors.counts import (
    chain_in_words,
    counted_matrix,
    row_counts,
    row_origins,
)
from coverage.selectors.matrix import OutletCell, Row

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
    "comes_from",
    "evidence",
    "origin",
    "confidence",
    "reason",
    "note",
    "row_independent_sources",
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


def event_matrix_data(event: Event, *, hidden: bool = False) -> dict[str, Any]:
    """The event, its outlets, articles and every cell, with the counts the pages show,
    in four queries: the matrix's three and its counts (coverage.selectors.counts).

    The top-level title, slug, summary, date and the articles (with their text) are
    what import_event reads, so the file imports as a new event elsewhere. ``hidden``:
    blind mode's file (coverage.blind), with outlets as letters in letter order (the
    order of names would tell which letter is which), no addresses, authors or outlet
    details, and every text redacted.
    """
    matrix = counted_matrix(event)
    # The real outlets' redactor: the blinded matrix's outlets are letters already.
    redact = blind.redactor(matrix)
    if hidden:
        matrix = blind.blinded_matrix(matrix)
    articles = [article for column in matrix.columns for article in column.articles]
    data = {
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
            "outlets": len(matrix.columns),
            "independent_sources": matrix.independent_sources,
        },
        "outlets": [
            {
                "name": column.outlet.name,
                "slug": column.outlet.slug,
                "homepage": column.outlet.homepage,
                "country": column.outlet.country,
                "language": column.outlet.language,
                "ownership_kind": column.outlet.ownership_kind,
            }
            for column in matrix.columns
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
        # Articles that share one text (copies and rewrites), each group counted once.
        "article_groups": matrix.article_groups,
        "assertions": [_assertion_data(row) for row in matrix.rows],
    }
    # Names can also come from the rows' origins and sources, put into words above.
    return blind.redacted_data(data, redact) if hidden else data


def _row_data(row: Row, cells: list[dict[str, Any]]) -> dict[str, Any]:
    """A row as every export writes it: its text, counts and origins, then its cells."""
    return {
        "id": row.assertion.pk,
        "text": row.assertion.text,
        "origin": row.assertion.origin,
        "counts": row_counts(row),
        "independent_sources": row.independent_sources,
        "origins": row_origins(row),
        "cells": cells,
    }


def _assertion_data(row: Row) -> dict[str, Any]:
    return _row_data(
        row,
        [
            {
                "outlet": cell.outlet.name,
                "article": stance.article_id,
                "label": stance.label,
                "hedged": stance.hedged,
                "attributed_to": cell_attribution(stance) or None,
                "comes_from": chain_in_words(row, stance.article_id) or None,
                "evidence": stance.evidence_text,
                "origin": stance.origin,
                "confidence": stance.confidence,
                "reason": stance.reason or None,
                "note": stance.note,
            }
            for cell in row.cells
            for stance in cell.stances
        ],
    )


def event_matrix_rows(event: Event, *, hidden: bool = False) -> Iterator[dict[str, Any]]:
    """One CSV row per cell, with the assertion and outlet repeated on each row."""
    data = event_matrix_data(event, hidden=hidden)
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
                "comes_from": cell["comes_from"] or "",
                "evidence": cell["evidence"] or "",
                "origin": cell["origin"],
                "confidence": "" if cell["confidence"] is None else cell["confidence"],
                "reason": cell["reason"] or "",
                "note": cell["note"],
                "row_independent_sources": _blank_if_none(assertion["independent_sources"]),
            }


def _blank_if_none(value: Any) -> Any:
    return "" if value is None else value


def event_matrix_csv(event: Event) -> str:
    """The cells of event_matrix_rows as one CSV text, without a byte-order mark."""
    return "".join(csv_lines(CSV_COLUMNS, event_matrix_rows(event))).removeprefix(UTF8_BOM)


def outlet_cell_data(cell: OutletCell, absolute_url: Callable[[str], str]) -> dict[str, Any]:
    """An outlet's cell as the matrix shows it, with the evidence it quotes."""
    evidence = next((stance for stance in cell.stances if stance.evidence is not None), None)
    reason = next((stance.reason for stance in cell.stances if stance.reason), None)
    return {
        "outlet": cell.outlet.slug,
        "label": cell.label,
        "hedged": cell.hedged,
        "attributed_to": sorted({found for s in cell.stances if (found := cell_attribution(s))}),
        "evidence": evidence.evidence_text if evidence else None,
        "evidence_article": evidence.article_id if evidence else None,
        "evidence_sentence": evidence.evidence.index if evidence else None,
        # A claim stated across two adjacent sentences: the index of the second.
        "evidence_through_sentence": evidence.evidence_through.index
        if evidence and evidence.evidence_through
        else None,
        "reason": reason,
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
    "evidence_through_sentence",
    "reason",
    "origin",
    "cell_url",
    "row_independent_sources",
    "row_independent_agreeing",
    "row_origins",
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
                    "evidence_through_sentence": ""
                    if cell["evidence_through_sentence"] is None
                    else cell["evidence_through_sentence"],
                    "reason": cell["reason"] or "",
                    "origin": cell["origin"],
                    "cell_url": cell["url"],
                    "row_independent_sources": _blank_if_none(row["independent_sources"]),
                    "row_independent_agreeing": _blank_if_none(
                        row["counts"]["independent_agreeing"]
                    ),
                    "row_origins": row["origins"]["summary"] if row["origins"] else "",
                }


def event_table_data(event: Event, absolute_url: Callable[[str], str]) -> dict[str, Any]:
    """An event's matrix as the page shows it: outlets as columns, rows of outlet cells,
    with the counts the page shows."""
    matrix = counted_matrix(event)
    return {
        "slug": event.slug,
        "title": event.title,
        "date": event.date.isoformat() if event.date else None,
        "summary": event.summary,
        "url": absolute_url(event.get_absolute_url()),
        "independent_sources": matrix.independent_sources,
        "outlets": [
            {"slug": column.outlet.slug, "name": column.outlet.name} for column in matrix.columns
        ],
        "rows": [
            _row_data(row, [outlet_cell_data(cell, absolute_url) for cell in row.cells])
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
