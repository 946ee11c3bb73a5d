"""The Sources and Wording layers: full pages, and the fragments the event page loads lazily."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from coverage import layers
from coverage.views import _get_event_for_user, _partial


def _is_blind(request: HttpRequest) -> bool:
    return request.GET.get("blind") == "1"


@require_GET
def event_sources(request: HttpRequest, slug: str) -> HttpResponse:
    event = _get_event_for_user(request, slug)
    blind = _is_blind(request)
    return render(
        request,
        _partial(request, "coverage/layer_sources.html", "layer"),
        {"event": event, "layer": layers.sources_layer(event, blind=blind), "blind": blind},
    )


@require_GET
def event_wording(request: HttpRequest, slug: str) -> HttpResponse:
    event = _get_event_for_user(request, slug)
    blind = _is_blind(request)
    return render(
        request,
        _partial(request, "coverage/layer_wording.html", "layer"),
        {"event": event, "layer": layers.wording_layer(event, blind=blind), "blind": blind},
    )
