"""The event's media-literacy layers "Syndication" and "Charts".

Each is a page of its own and, for htmx, the partial the event page loads lazily
under the matrix. ``?blind=1`` names outlets "Outlet A", "Outlet B"… as the matrix
does in blind mode. The worker compares the articles' texts (coverage.syndication);
the page only reads its result, and while it is missing says so and queues it.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from coverage import tasks
from coverage.charts import event_charts as build_event_charts
from coverage.matrix import MatrixOptions, build_matrix, in_blind_order
from coverage.syndication import syndication_report
from coverage.views import _get_event_for_user, _partial


def _is_blind(request: HttpRequest) -> bool:
    return MatrixOptions.from_query(request.GET).blind


@require_GET
def event_syndication(request: HttpRequest, slug: str) -> HttpResponse:
    event = _get_event_for_user(request, slug)
    blind = _is_blind(request)
    report = syndication_report(event, blind=blind)
    if report.queue_key:
        tasks.prepare_layers_soon(event, report.queue_key)
    return render(
        request,
        _partial(request, "coverage/layer_syndication.html", "layer"),
        {
            "event": event,
            "report": report,
            "blind": blind,
            "blind_query": "?blind=1" if blind else "",
        },
    )


@require_GET
def event_charts(request: HttpRequest, slug: str) -> HttpResponse:
    event = _get_event_for_user(request, slug)
    blind = _is_blind(request)
    # The charts count cells; they need no evidence sentences.
    matrix = build_matrix(event, evidence=False)
    if blind:
        matrix = in_blind_order(matrix)
        names = matrix.blind_labels
    else:
        names = {column.outlet.pk: column.outlet.name for column in matrix.columns}
    return render(
        request,
        _partial(request, "coverage/layer_charts.html", "layer"),
        {
            "event": event,
            "matrix": matrix,
            "charts": build_event_charts(matrix, names),
            "blind": blind,
            "blind_query": "?blind=1" if blind else "",
        },
    )
