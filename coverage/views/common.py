"""What every view shares: the event or outlet a reader may see, and how a view answers.

Views look objects up here, so the permission checks live in one place (like
healthchecks' ``_get_check_for_user``), and pick their template or, for htmx, its
partial with ``partial``.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django_htmx.http import HttpResponseClientRedirect

from coverage.models import Article, Event, Outlet


def get_event_for_user(
    request: HttpRequest, slug: str, *, edit: bool = False, action: str = "change this event"
) -> Event:
    """The event if the user may see it, else 404, so drafts do not reveal themselves.

    With edit=True the user must also be allowed to change it (see EventQuerySet), else
    403 saying why; ``action`` finishes the sentence "Only editors can …".
    """
    event = get_object_or_404(Event.objects.visible_to(request.user), slug=slug)
    if edit and not event.is_editable_by(request.user):
        if request.user.has_perm("coverage.change_event"):
            raise PermissionDenied(f"Only this event’s own editors can {action}.")
        raise PermissionDenied(f"Only editors can {action}.")
    return event


def partial(request: HttpRequest, template: str, name: str) -> str:
    """The page's template, or for htmx only its partial ``name``.

    A history restore (Back or Forward to an address htmx pushed, such as a filtered
    matrix or one with a cell open, when the browser kept no copy) needs the page.
    """
    if request.htmx and not request.htmx.history_restore_request:
        return f"{template}#{name}"
    return template


def get_outlet_for_user(request: HttpRequest, slug: str) -> Outlet:
    """Outlets are public once they covered a visible event; editors see them all."""
    outlets = Outlet.objects.all()
    if not request.user.has_perm("coverage.change_outlet"):
        outlets = outlets.filter(
            Exists(
                Article.objects.filter(
                    outlet=OuterRef("pk"), event__in=Event.objects.visible_to(request.user)
                )
            )
        )
    return get_object_or_404(outlets, slug=slug)


def go(request: HttpRequest, url: str) -> HttpResponse:
    """After a change, send the browser to ``url``: a redirect, or for htmx a full load."""
    return HttpResponseClientRedirect(url) if request.htmx else redirect(url)
