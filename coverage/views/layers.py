"""The media-literacy layers under the matrix: Sources, Wording, Syndication and Charts.

Each is a page of its own and, for htmx, the partial the event page loads lazily
under the matrix. ``?blind=1`` names outlets "Outlet A", "Outlet B"… as the matrix
does in blind mode (coverage.blind).

The worker prepares Sources, Wording (coverage.readings.layers) and the comparison
of texts Syndication shows (coverage.independence); a page only reads them, and
while one is missing says so and queues its preparation. Charts count the matrix.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from coverage import tasks
from coverage.blind import blind_requested, blinding
from coverage.models import Event
from coverage.readings import layers
from coverage.readings.charts import event_charts as build_event_charts
from coverage.readings.syndication import syndication_report
from coverage.selectors.counts import counted_matrix
from coverage.selectors.matrix import in_blind_order
from coverage.views.common import get_event_for_user, partial


def _render(request: HttpRequest, event: Event, template: str, layer: layers.Layer):
    if layer.queue_key:
        tasks.prepare_layers_soon(event, layer.queue_key)
    return render(
        request,
        partial(request, template, "layer"),
        {"event": _shown(event, layer.blind), "layer": layer, "blind": layer.blind},
    )


def _shown(event: Event, hidden: bool) -> Event:
    """The event's title and summary as the page shows them: redacted in blind mode."""
    return blinding(event, hides=hidden).event(event)


@require_GET
def event_sources(request: HttpRequest, slug: str) -> HttpResponse:
    event = get_event_for_user(request, slug)
    layer = layers.sources_layer(event, blind=blind_requested(request.GET))
    return _render(request, event, "coverage/layer_sources.html", layer)


@require_GET
def event_wording(request: HttpRequest, slug: str) -> HttpResponse:
    event = get_event_for_user(request, slug)
    layer = layers.wording_layer(event, blind=blind_requested(request.GET))
    return _render(request, event, "coverage/layer_wording.html", layer)


@require_GET
def event_syndication(request: HttpRequest, slug: str) -> HttpResponse:
    event = get_event_for_user(request, slug)
    blind = blind_requested(request.GET)
    report = syndication_report(event, blind=blind)
    if report.queue_key:
        tasks.prepare_layers_soon(event, report.queue_key)
    return render(
        request,
        partial(request, "coverage/layer_syndication.html", "layer"),
        {
            "event": _shown(event, blind),
            "report": report,
            "blind": blind,
            "blind_query": "?blind=1" if blind else "",
        },
    )


@require_GET
def event_charts(request: HttpRequest, slug: str) -> HttpResponse:
    event = get_event_for_user(request, slug)
    blind = blind_requested(request.GET)
    # The charts count cells and rows; they need no evidence sentences.
    matrix = counted_matrix(event, evidence=False)
    if blind:
        matrix = in_blind_order(matrix)
        names = matrix.blind_labels
    else:
        names = {column.outlet.pk: column.outlet.name for column in matrix.columns}
    return render(
        request,
        partial(request, "coverage/layer_charts.html", "layer"),
        {
            "event": _shown(event, blind),
            "matrix": matrix,
            "charts": build_event_charts(matrix, names),
            "blind": blind,
            "blind_query": "?blind=1" if blind else "",
        },
    )
