"""Outlets: a directory and a page per outlet, whose details editors can correct.

An outlet's page gives its details, its articles event by event and how often its
cells agree, contradict or stay silent (coverage.selectors.outlets); each correction
is kept in the outlet's history.
"""

from __future__ import annotations

import copy

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import push_url

from coverage import services
from coverage.forms import OutletForm, OutletSearchForm
from coverage.models import Event, Outlet, Revision
from coverage.querystring import page_number
from coverage.selectors.curated_outlets import curated_details
from coverage.selectors.outlets import (
    OUTLET_ORDERINGS,
    outlet_coverage,
    outlets_with_counts,
    search_outlets,
)
from coverage.views.common import get_outlet_for_user, partial

OUTLETS_PER_PAGE = 50
OUTLET_TEMPLATE = "coverage/outlet_detail.html"
OUTLET_HISTORY_SHOWN = 20


@require_GET
def outlet_list(request: HttpRequest) -> HttpResponse:
    form = OutletSearchForm(request.GET)
    query, sort = "", "name"
    if form.is_valid():
        query = form.cleaned_data["q"].strip()
        sort = form.cleaned_data["sort"] or sort
    outlets = outlets_with_counts(Event.objects.visible_to(request.user)).order_by(
        *OUTLET_ORDERINGS[sort]
    )
    if query:
        outlets = search_outlets(outlets, query)
    page = Paginator(outlets, OUTLETS_PER_PAGE).get_page(page_number(request.GET))
    return render(
        request,
        partial(request, "coverage/outlet_list.html", "results"),
        {
            "form": form,
            "query": query,
            "sort": sort,
            "sort_label": OutletSearchForm.SORTS[sort],
            "sorts": OutletSearchForm.SORTS,
            "page": page,
        },
    )


def _outlet_page(
    request: HttpRequest,
    outlet: Outlet,
    *,
    form: OutletForm | None = None,
    saved: bool = False,
    notice: str = "",
    status: int = 200,
) -> HttpResponse:
    """The outlet page, or for htmx its details section, which holds the edit form
    and, where the curated list of agencies can fill empty details, a button for it."""
    context = {
        "outlet": outlet,
        "form": form,
        "saved": saved,
        "notice": notice,
        "curated": curated_details(outlet) if form is not None else None,
        "history": list(
            Revision.objects.filter(
                target_kind=Revision.TargetKind.OUTLET, target_id=outlet.pk
            ).select_related("user")[:OUTLET_HISTORY_SHOWN]
        ),
    }
    if not request.htmx:
        context["coverage"] = outlet_coverage(outlet, Event.objects.visible_to(request.user))
    return render(request, partial(request, OUTLET_TEMPLATE, "details"), context, status=status)


@require_GET
def outlet_detail(request: HttpRequest, slug: str) -> HttpResponse:
    return _outlet_page(request, get_outlet_for_user(request, slug))


def _get_outlet_to_change(request: HttpRequest, slug: str) -> Outlet:
    outlet = get_outlet_for_user(request, slug)
    if not request.user.has_perm("coverage.change_outlet"):
        raise PermissionDenied("Only editors can change an outlet’s details.")
    return outlet


@login_required
@require_http_methods(["GET", "POST"])
def outlet_edit(request: HttpRequest, slug: str) -> HttpResponse:
    outlet = _get_outlet_to_change(request, slug)
    if request.method == "GET":
        return _outlet_page(request, outlet, form=OutletForm(instance=outlet))
    # A refused form has already copied its values onto its instance; the page keeps
    # showing the outlet as saved.
    form = OutletForm(request.POST, instance=copy.copy(outlet))
    if not form.is_valid():
        return _outlet_page(request, outlet, form=form, status=422)
    try:
        outlet = services.update_outlet(outlet=outlet, changes=form.cleaned_data, user=request.user)
    except services.CurationProblem as problem:
        form.add_error("name", str(problem))
        return _outlet_page(request, outlet, form=form, status=409)
    if not request.htmx:
        messages.success(request, "Saved the outlet’s details.")
        return redirect("outlet_detail", outlet.slug)
    return push_url(
        _outlet_page(request, outlet, saved=True), reverse("outlet_detail", args=[slug])
    )


@login_required
@require_POST
def outlet_fill_from_list(request: HttpRequest, slug: str) -> HttpResponse:
    """Fill the outlet's empty details from the curated list of agencies; the edit
    page offers it, and comes back with the details filled in."""
    outlet = _get_outlet_to_change(request, slug)
    details = services.fill_outlet_from_curated_list(outlet=outlet, user=request.user)
    if details is not None:
        labels = ", ".join(
            str(OutletForm.base_fields[name].label).lower() for name in details.changes
        )
        notice = f"Filled {labels} from the list of agencies ({details.organisation.name})."
    else:
        notice = "Nothing to fill: the list of agencies has nothing for the outlet’s empty details."
    if not request.htmx:
        messages.success(request, notice)
        return redirect("outlet_edit", outlet.slug)
    outlet.refresh_from_db()
    return push_url(
        _outlet_page(request, outlet, form=OutletForm(instance=outlet), notice=notice),
        reverse("outlet_edit", args=[slug]),
    )
