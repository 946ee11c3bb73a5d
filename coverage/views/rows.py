"""The row permalink: one assertion and what every outlet says about it."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_GET

from coverage import blind
from coverage.attribution import cell_attribution
from coverage.blind import (
    blind_label_order,
    blind_labels,
    blind_slug,
    shown_name,
)
from coverage.selectors.counts import chain_in_words, count_rows, origins_in_words
from coverage.selectors.matrix import OutletCell, build_row, row_number
from coverage.selectors.matrix_page import MatrixOptions
from coverage.views.common import get_event_for_user, partial

ROW_TEMPLATE = "coverage/assertion_detail.html"


@dataclass
class _Quote:
    text: str
    attributed_to: str
    article_title: str
    # Where "Read it in the article" goes; empty while the outlet is hidden.
    article_url: str
    # From the outlet back to where the claim originates, once the worker has traced it.
    chain: str = ""


@dataclass
class _OutletEntry:
    cell: OutletCell
    name: str  # the outlet's name, its blind letter, or "Outlet B = its name"
    cell_url: str
    quotes: list[_Quote]


@require_GET
def assertion_detail(request: HttpRequest, slug: str, assertion_id: int) -> HttpResponse:
    """The row's page, or for htmx its panel: each outlet's cell with its evidence quote."""
    event = get_event_for_user(request, slug)
    assertion = get_object_or_404(event.assertions, pk=assertion_id)
    options = MatrixOptions.from_query(request.GET)
    modes = options.modes().query()
    columns, row = build_row(event, assertion)
    row.number = row_number(assertion)
    count_rows(event, [row], [article for column in columns for article in column.articles])
    outlets = [column.outlet for column in columns]
    labels = blind_labels(event, outlets) if options.blind else {}
    # Claims, quotes and titles often name an outlet; blind mode puts letters in place.
    blinding = blind.blinding(event, outlets, hides=options.hides_names)
    redact = blinding.redact
    entries = []
    for cell in row.cells:
        outlet = cell.outlet
        label = labels.get(outlet.pk, "")
        hidden = bool(label) and not blind.reveals(options.reveal, outlet, label)
        name = shown_name(outlet, label, revealed=not hidden) if label else outlet.name
        quotes = [
            _Quote(
                text=redact(stance.evidence_text),
                attributed_to=redact(cell_attribution(stance)),
                chain=redact(chain_in_words(row, stance.article_id)),
                article_title=redact(stance.article.title),
                article_url=""
                if hidden
                else reverse("article_detail", args=[event.slug, stance.article_id])
                + f"?sentence={stance.evidence.index}#s{stance.evidence.index}",
            )
            for stance in cell.stances
            if stance.evidence is not None
        ]
        link_slug = blind_slug(label) if label else outlet.slug
        entries.append(
            _OutletEntry(
                cell=cell,
                name=name,
                cell_url=reverse("cell_detail", args=[event.slug, assertion.pk, link_slug]) + modes,
                quotes=quotes,
            )
        )
    if options.blind:
        entries.sort(key=lambda entry: blind_label_order(labels[entry.cell.outlet.pk]))
    return render(
        request,
        partial(request, ROW_TEMPLATE, "row"),
        {
            "event": blinding.event(event),
            "assertion": blinding.assertion(assertion),
            "row": row,
            "origins": redact(origins_in_words(row)),
            "entries": entries,
            "options": options,
            "modes": modes,
            "permalink": request.build_absolute_uri(
                reverse("assertion_detail", args=[event.slug, assertion.pk]) + modes
            ),
        },
    )
