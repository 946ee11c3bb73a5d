"""The Sources and Wording layers: full pages, and the fragments the event page loads lazily.

The worker computes the layers (coverage.layers.prepare); a page only reads them, and
while one is missing says so and queues its preparation.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from coverage import layers, tasks
from coverage.models import Event
from coverage.views import _get_event_for_user, _partial


def _is_blind(request: HttpRequest) -> bool:
    return request.GET.get("blind") == "1"


def _render(request: HttpRequest, event: Event, template: str, layer: layers.Layer):
    if layer.queue_key:
        tasks.prepare_layers_soon(event, layer.queue_key)
    return render(
        request,
        _partial(request, template, "layer"),
        {"event": event, "layer": layer, "blind": layer.blind},
    )


@require_GET
def event_sources(request: HttpRequest, slug: str) -> HttpResponse:
    event = _get_event_for_user(request, slug)
    layer = layers.sources_layer(event, blind=_is_blind(request))
    return _render(request, event, "coverage/layer_sources.html", layer)


@require_GET
def event_wording(request: HttpRequest, slug: str) -> HttpResponse:
    event = _get_event_for_user(request, slug)
    layer = layers.wording_layer(event, blind=_is_blind(request))
    return _render(request, event, "coverage/layer_wording.html", layer)
