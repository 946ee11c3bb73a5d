"""Every URL of the project, found in its resolver, filled in with objects of one event.

The security tests walk these, so a page or endpoint added later is checked without
anyone remembering to list it. A pattern whose arguments cannot be filled in (a kind of
object this module does not know yet) is reported in ``skipped``, not silently lost.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.resolvers import RoutePattern

from coverage.models import (
    AnalysisRun,
    Article,
    Assertion,
    Event,
    Outlet,
    Revision,
    Stance,
)


@dataclass(frozen=True)
class Page:
    name: str
    route: str  # the pattern as written, e.g. "events/<slug:slug>/"
    url: str


@dataclass
class Objects:
    """One of each kind of object a URL can name, all belonging to ``event``."""

    event: Event
    outlet: Outlet
    article: Article
    assertion: Assertion
    stance: Stance
    revision: Revision | None = None
    run: AnalysisRun | None = None

    @classmethod
    def of(cls, event: Event) -> Objects:
        stance = (
            Stance.objects.filter(assertion__event=event)
            .select_related("assertion", "article__outlet")
            .order_by("pk")
            .first()
        )
        assert stance is not None, "the event needs at least one cell"
        return cls(
            event=event,
            outlet=stance.article.outlet,
            article=stance.article,
            assertion=stance.assertion,
            stance=stance,
            revision=event.revisions.order_by("pk").first(),
            run=event.analysis_runs.order_by("pk").first(),
        )

    def value(self, argument: str, route: str) -> object | None:
        if argument == "slug":
            # Outlet pages are the only ones under outlets/ whose slug is not an event's.
            return self.outlet.slug if "outlets/" in route else self.event.slug
        values = {
            "event_slug": self.event.slug,
            "outlet_slug": self.outlet.slug,
            "article_id": self.article.pk,
            "assertion_id": self.assertion.pk,
            "stance_id": self.stance.pk,
            "revision_id": self.revision.pk if self.revision else None,
            "run_id": self.run.pk if self.run else None,
        }
        return values.get(argument)


def _patterns(
    resolvers: list, prefix: str = "", namespace: str = "", arguments: tuple[str, ...] = ()
) -> Iterator[tuple[str, str, URLPattern, list[str]]]:
    """Every pattern with its whole route and the arguments of its route, including
    those of the areas that include it ("events/<slug:slug>/")."""
    for entry in resolvers:
        if isinstance(entry, URLResolver):
            if entry.namespace == "admin":
                continue  # Django's own admin, with its own permission checks and tests
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _patterns(
                entry.url_patterns,
                prefix + str(entry.pattern),
                inner,
                (*arguments, *_arguments(entry)),
            )
        else:
            yield namespace, prefix + str(entry.pattern), entry, [*arguments, *_arguments(entry)]


# A regex group that lists its choices, like (?P<fmt>csv|json): one page per choice.
_CHOICES = re.compile(r"\(\?P<(?P<name>\w+)>(?P<choices>[\w.-]+(?:\|[\w.-]+)+)\)")


def _arguments(pattern: URLPattern | URLResolver) -> list[str]:
    if isinstance(pattern.pattern, RoutePattern):
        return list(pattern.pattern.converters)
    return list(pattern.pattern.regex.groupindex)


def project_pages(objects: Objects) -> tuple[list[Page], list[str]]:
    """Every named URL filled in with ``objects``, and the routes that could not be."""
    pages, skipped = [], []
    for namespace, route, pattern, arguments in _patterns(get_resolver().url_patterns):
        if not pattern.name:
            skipped.append(route)
            continue
        choices = {match["name"]: match["choices"].split("|") for match in _CHOICES.finditer(route)}
        options: dict[str, list] = {}
        for argument in arguments:
            value = objects.value(argument, route)
            options[argument] = [value] if value is not None else choices.get(argument, [])
        if not all(options.values()):
            skipped.append(route)
            continue
        name = namespace + pattern.name
        for values in itertools.product(*options.values()):
            kwargs = dict(zip(options, values, strict=True))
            pages.append(Page(name, route, reverse(name, kwargs=kwargs)))
    return pages, skipped
