"""Events and their editors: creating an event and correcting its details."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.text import slugify

from coverage.models import Event, Outlet
from coverage.services.changes import actor
from coverage.services.errors import CurationProblem

# Paths under /events/ that are pages of their own, so no event may take them as a slug.
RESERVED_EVENT_SLUGS = frozenset({"new"})


def unique_slug(model: type[Event] | type[Outlet], base: str, fallback: str) -> str:
    slug_base = (slugify(base) or fallback)[:180]
    slug = slug_base
    suffix = 2
    reserved = RESERVED_EVENT_SLUGS if model is Event else frozenset()
    while slug in reserved or model.objects.filter(slug=slug).exists():
        slug = f"{slug_base}-{suffix}"
        suffix += 1
    return slug


def create_event(
    *, title: str, slug: str, summary: str, date: dt.date | None, status: str, user: Any
) -> Event:
    """A new event whose creator becomes its first editor."""
    try:
        with transaction.atomic():
            event = Event.objects.create(
                title=title,
                slug=slug or unique_slug(Event, title, "event"),
                summary=summary,
                date=date,
                status=status,
            )
            if actor(user) is not None:
                event.editors.add(user)
    except IntegrityError:
        raise CurationProblem(
            "Another event took this web address a moment ago; choose another slug."
        ) from None
    return event


def update_event(
    *, event: Event, title: str, slug: str, summary: str, date: dt.date | None, status: str
) -> Event:
    event.title, event.summary, event.date, event.status = title, summary, date, status
    event.slug = slug or event.slug
    try:
        with transaction.atomic():
            event.save()
    except IntegrityError:
        raise CurationProblem(
            "Another event took this web address a moment ago; choose another slug."
        ) from None
    return event
