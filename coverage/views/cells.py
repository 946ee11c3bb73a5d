"""A cell of the matrix: one outlet's articles on one claim, with the evidence in context.

Editors correct the cell in the same panel; a correction saved on top of another
person's newer one is refused with what changed (services.StaleCell), so no work is
lost. In blind mode the panel names the outlet by its letter and redacts quotes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode, urlsplit

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.views.decorators.http import require_GET, require_POST
from django_htmx.http import push_url, trigger_client_event

from coverage import blind, services
from coverage.blind import Redact, blind_labels, blind_slug, shown_name, unchanged
from coverage.forms import StanceForm
from coverage.models import Assertion, Event, Outlet, Revision, Sentence, Stance
from coverage.selectors.matrix import row_number
from coverage.selectors.matrix_page import MatrixOptions
from coverage.views.common import get_event_for_user, partial


def _cell_context(
    event: Event,
    assertion: Assertion,
    outlet: Outlet,
    forms=None,
    *,
    redact: Redact = unchanged,
    conflict: services.StaleCell | None = None,
) -> dict:
    stances = list(
        Stance.objects.filter(assertion=assertion, article__outlet=outlet)
        .select_related("article", "evidence", "evidence_through", "updated_by")
        .prefetch_related(
            Prefetch("article__sentences", queryset=Sentence.objects.order_by("index"))
        )
        .order_by("article__published_at", "article_id")
    )
    entries = []
    for stance in stances:
        sentences = list(stance.article.sentences.all())
        context_sentences = []
        quoted: set[int] = set()
        if stance.evidence is not None:
            first = stance.evidence.index
            last = stance.evidence_through.index if stance.evidence_through else first
            context_sentences = [s for s in sentences if first - 1 <= s.index <= last + 1]
            quoted = {s.pk for s in sentences if first <= s.index <= last}
        form = (forms or {}).get(stance.pk) or StanceForm(
            stance=stance,
            sentences=sentences,
            initial={
                "label": stance.label,
                "hedged": stance.hedged,
                "evidence": stance.evidence_id,
                "note": stance.note,
                "version": services.stance_version(stance),
            },
            prefix=f"stance-{stance.pk}",
        )
        entries.append(
            {
                "stance": stance,
                "title": redact(stance.article.title),
                "note": redact(stance.note),
                "attributed_to": redact(stance.attributed_to),
                "reason": redact(stance.reason),
                "context": [
                    (redact(sentence.text), sentence.pk in quoted) for sentence in context_sentences
                ],
                "form": form,
                "conflict": conflict if conflict and conflict.stance.pk == stance.pk else None,
            }
        )
    revisions = Revision.objects.filter(
        target_kind=Revision.TargetKind.STANCE, target_id__in=[stance.pk for stance in stances]
    ).select_related("user")
    return {
        "event": event,
        "assertion": assertion,
        "outlet": outlet,
        "entries": entries,
        "revisions": revisions,
    }


# The event page's ?cell=: "12-averly-courier" is row 12's cell of the Averly Courier
# (the assertion's id, then the outlet as the cell's own link names it).
CELL_PARAM = re.compile(r"(\d{1,18})-([-\w]{1,100})")


@require_GET
def cell_detail(
    request: HttpRequest, slug: str, assertion_id: int, outlet_slug: str
) -> HttpResponse:
    event = get_event_for_user(request, slug)
    assertion = get_object_or_404(event.assertions, pk=assertion_id)
    options = MatrixOptions.from_query(request.GET)
    context = _panel_context(request, event, assertion, outlet_slug, options)
    if context["outlet_link_slug"] != outlet_slug and not request.htmx:
        # A blind page's address names the outlet by letter, even when the link did not.
        return redirect(context["address"])
    response = render(request, partial(request, "coverage/cell_detail.html", "panel"), context)
    if request.htmx and request.htmx.current_url:
        # Opened from the matrix: the address becomes the matrix with this cell open,
        # so a reload or a shared link shows both.
        current = urlsplit(request.htmx.current_url)
        if current.path == event.get_absolute_url():
            query = [(key, value) for key, value in parse_qsl(current.query) if key != "cell"]
            query.append(("cell", f"{assertion.pk}-{context['outlet_link_slug']}"))
            push_url(response, f"{current.path}?{urlencode(query)}")
    return response


def open_cell_html(
    request: HttpRequest, event: Event, value: str, options: MatrixOptions
) -> SafeString:
    """The panel of the cell the event page's ?cell= names, to open with the page."""
    found = CELL_PARAM.fullmatch(value)
    assertion = event.assertions.filter(pk=found[1]).first() if found else None
    if assertion is not None:
        try:
            context = _panel_context(request, event, assertion, found[2], options)
        except Http404:
            pass
        else:
            return render_to_string("coverage/cell_detail.html#panel", context, request)
    return format_html(
        '<div id="cell-panel-content" class="panel"><p class="error" role="alert">'
        "This event has no cell “{}”: the row or the outlet may have been removed.</p></div>",
        value[:120],
    )


def _panel_context(
    request: HttpRequest,
    event: Event,
    assertion: Assertion,
    outlet_slug: str,
    options: MatrixOptions,
) -> dict:
    seen = _outlet_as_seen(event, outlet_slug, options)
    modes = options.modes().query()
    address = reverse("cell_detail", args=[event.slug, assertion.pk, seen.link_slug]) + modes
    context = _cell_context(event, assertion, seen.outlet, redact=seen.blinding.redact)
    context.update(
        row_number=row_number(assertion),
        event=seen.blinding.event(event),
        assertion=seen.blinding.assertion(assertion),
        # Corrections are for the plain page: a blind panel shows redacted notes.
        can_edit=not options.projector and not options.blind and event.is_editable_by(request.user),
        options=options,
        modes=modes,
        outlet_name=seen.name,
        outlet_hidden=seen.hidden,
        permalink=request.build_absolute_uri(address),
        address=address,
        outlet_link_slug=seen.link_slug,
    )
    return context


@dataclass
class _SeenOutlet:
    outlet: Outlet
    name: str  # its name, its blind letter, or "Outlet B = its name" once revealed
    hidden: bool
    # In blind mode, letters in place of outlets' names in quotes, titles and notes.
    blinding: blind.Blinding
    link_slug: str  # how the cell's address names the outlet: its slug or its letter


def _outlet_as_seen(event: Event, outlet_slug: str, options: MatrixOptions) -> _SeenOutlet:
    """The outlet a cell link names, as a reader in the page's mode may see it.

    Blind links name outlets by letter ("outlet-b"), so the page's address gives
    nothing away either; the real slug still works for links made outside blind mode.
    """
    outlets = list(Outlet.objects.filter(articles__event=event).distinct())
    labels = blind_labels(event, outlets) if options.blind else {}
    outlet = next((o for o in outlets if labels and blind_slug(labels[o.pk]) == outlet_slug), None)
    outlet = outlet or next((o for o in outlets if o.slug == outlet_slug), None)
    if outlet is None:
        raise Http404("This outlet has no article in this event.")
    if not options.blind:
        return _SeenOutlet(outlet, outlet.name, False, blind.NAMES_SHOWN, outlet.slug)
    label = labels[outlet.pk]
    blinding = blind.blinding(event, outlets, hides=options.hides_names)
    revealed = blind.reveals(options.reveal, outlet, label)
    return _SeenOutlet(
        outlet,
        shown_name(outlet, label, revealed=revealed),
        hidden=not revealed,
        blinding=blinding,
        link_slug=blind_slug(label),
    )


@login_required
@require_POST
def stance_update(request: HttpRequest, slug: str, stance_id: int) -> HttpResponse:
    event = get_event_for_user(request, slug, edit=True)
    stance = get_object_or_404(
        Stance.objects.select_related("assertion", "article__outlet"),
        pk=stance_id,
        assertion__event=event,
    )
    sentences = list(stance.article.sentences.order_by("index"))
    form = StanceForm(
        request.POST, stance=stance, sentences=sentences, prefix=f"stance-{stance.pk}"
    )
    conflict = None
    if form.is_valid():
        try:
            services.set_stance(
                stance=stance,
                label=form.cleaned_data["label"],
                hedged=form.cleaned_data["hedged"],
                evidence=form.cleaned_data["evidence"],
                note=form.cleaned_data["note"],
                user=request.user,
                version=form.cleaned_data["version"] or None,
            )
        except services.StaleCell as stale:
            # The person's choices stay in the form, now on top of the newer cell, so
            # saving again is a decision to replace it.
            conflict = stale
            data = request.POST.copy()
            data[form.add_prefix("version")] = services.stance_version(stale.stance)
            forms = {
                stance.pk: StanceForm(
                    data, stance=stance, sentences=sentences, prefix=f"stance-{stance.pk}"
                )
            }
            status = 409
        except services.CurationProblem as problem:
            form.add_error(None, str(problem))
            forms = {stance.pk: form}
            status = 409
        else:
            if not request.htmx:
                return redirect(
                    "cell_detail", event.slug, stance.assertion_id, stance.article.outlet.slug
                )
            forms = None
            status = 200
    else:
        forms = {stance.pk: form}
        status = 422
    if status == 409 and not request.htmx and conflict is None:
        messages.error(request, form.non_field_errors()[0])
        return redirect("event_detail", event.slug)
    context = _cell_context(
        event, stance.assertion, stance.article.outlet, forms, conflict=conflict
    )
    context["can_edit"] = True
    context["saved"] = status == 200
    response = render(
        request,
        partial(request, "coverage/cell_detail.html", "panel"),
        context,
        status=status,
    )
    if request.htmx and status == 200:
        trigger_client_event(response, "matrix-changed")
    return response
