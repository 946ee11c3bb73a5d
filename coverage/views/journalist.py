"""Journalist views: the explainer page, its Markdown copy, and the embeddable matrix."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.html import escape
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.csp import csp_override, csp_report_only_override
from django.views.decorators.http import require_GET

from coverage.blind import (
    blind_requested,
    blinded_matrix,
    blinding,
    redactor,
    shown_event,
    unchanged,
)
from coverage.models import AnalysisRun, Event
from coverage.readings.explainer import (
    UNCHECKED,
    Explainer,
    build_explainer,
    intro_line,
    method_notes,
    to_markdown,
)
from coverage.selectors.counts import counted_matrix
from coverage.selectors.matrix import in_blind_order
from coverage.selectors.matrix_page import (
    MatrixOptions,
    column_headings,
    summary_sentences,
    totals_html,
)
from coverage.views.common import get_event_for_user

EXPLAINER_TEMPLATE = "coverage/explainer.html"
EMBED_TEMPLATE = "coverage/embed.html"


def _explainer_for(event: Event, *, hidden: bool) -> Explainer:
    """Costs five queries: the matrix's three, its counts and the last finished analysis.
    In blind mode every name in it is a letter (coverage.blind.blinded_matrix)."""
    run = event.analysis_runs.filter(status=AnalysisRun.Status.SUCCEEDED).first()
    matrix = counted_matrix(event)
    return build_explainer(
        blinded_matrix(matrix) if hidden else matrix,
        analysed_at=run.finished_at if run else None,
        modes="blind=1" if hidden else "",
    )


@require_GET
def event_explainer(request: HttpRequest, slug: str) -> HttpResponse:
    event = get_event_for_user(request, slug)
    hidden = blind_requested(request.GET)
    explainer = _explainer_for(event, hidden=hidden)
    blind_query = "?blind=1" if hidden else ""
    embed_url = request.build_absolute_uri(reverse("event_embed", args=[event.slug]))
    shown = blinding(event, hides=hidden).event(event)
    return render(
        request,
        EXPLAINER_TEMPLATE,
        {
            "event": shown,
            "explainer": explainer,
            "intro": intro_line(explainer),
            "method_notes": method_notes(explainer),
            "unchecked_note": UNCHECKED,
            "embed_url": embed_url + blind_query,
            "embed_published": event.status == Event.Status.PUBLISHED,
            "embed_snippet": embed_snippet(embed_url, shown.title),
            "embed_snippet_blind": embed_snippet(f"{embed_url}?blind=1", shown.title),
            "blind_query": blind_query,
        },
    )


def embed_snippet(url: str, title: str) -> str:
    """The iframe code a site pastes to show the matrix; the template escapes it once
    more to show it as text."""
    return (
        f'<iframe src="{escape(url)}" title="{escape(f"Parallax: {title}")}" '
        'width="100%" height="600" loading="lazy"></iframe>'
    )


@require_GET
def event_explainer_markdown(request: HttpRequest, slug: str) -> HttpResponse:
    event = get_event_for_user(request, slug)
    hidden = blind_requested(request.GET)
    markdown = to_markdown(
        _explainer_for(event, hidden=hidden),
        event_url=request.build_absolute_uri(
            event.get_absolute_url() + ("?blind=1" if hidden else "")
        ),
        absolute=request.build_absolute_uri,
    )
    response = HttpResponse(markdown, content_type="text/markdown; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{event.slug}-explainer.md"'
    return response


# Embedding: other sites may show the matrix in an iframe.

EVERY_SITE = "*"


def _framable_by_any_site(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Let any site put the view in an iframe: no X-Frame-Options, and the site's own
    Content-Security-Policy with only frame-ancestors widened.

    The policy is read per request rather than when the module loads, so it follows
    the settings in force (and tests that change them) and keeps every other directive.
    """

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        framable = view
        for override, policy in (
            (csp_override, settings.SECURE_CSP),
            (csp_report_only_override, settings.SECURE_CSP_REPORT_ONLY),
        ):
            if policy:
                framable = override({**policy, "frame-ancestors": [EVERY_SITE]})(framable)
        return framable(request, *args, **kwargs)

    return xframe_options_exempt(wrapped)


@_framable_by_any_site
@require_GET
def event_embed(request: HttpRequest, slug: str) -> HttpResponse:
    # Published events only, whoever asks: an editor's session must not make another
    # site's page show a draft.
    event = get_object_or_404(Event.objects.published(), slug=slug)
    # Only blind and projector mode apply: the embed has no filters or pages, and it
    # never reveals a name in blind mode.
    asked = MatrixOptions.from_query(request.GET)
    options = MatrixOptions(blind=asked.blind, projector=asked.projector)
    # The embed shows no evidence, so the stances are loaded without their sentences.
    matrix = counted_matrix(event, evidence=False)
    if options.blind:
        matrix = in_blind_order(matrix)
    # Claims can name an outlet ("the Courier reported…"); blind mode puts letters there.
    redact = redactor(matrix) if options.blind else unchanged
    headings = column_headings(matrix, options, redact)
    return render(
        request,
        EMBED_TEMPLATE,
        {
            "event": shown_event(event, redact),
            "matrix": matrix,
            "headings": headings,
            "summary": summary_sentences(matrix, options, headings),
            "rows": [
                (
                    row,
                    redact(row.assertion.text),
                    totals_html(
                        row.totals,
                        independent=row.independent_agreeing if row.has_copied_agreement else None,
                    ),
                )
                for row in matrix.rows
            ],
            "options": options,
            # The full matrix opens in the same reading modes as the embed.
            "event_url": event.get_absolute_url() + options.query(),
        },
    )
