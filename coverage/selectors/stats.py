"""How each outlet covers the claims of many events, counted in the database.

The unit is the matrix cell: one outlet on one row of an event it wrote about, with
the label the matrix shows (an outlet whose articles disagree is "mixed"), so the
numbers here match what readers count on the event pages. Three aggregate queries
cover any number of outlets and events; nothing is counted in per-outlet loops.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django import forms
from django.db.models import Count, Q, QuerySet
from django.db.models.functions import Lower

from coverage.models import Event, Outlet, Stance

SOURCES_PER_OUTLET = 3

_SPEAKING = Q(label__in=[Stance.Label.AGREE, Stance.Label.CONTRADICT])
# The distinct assertions of a filter are the cells of an outlet that hold such a stance.
_CELLS_WITH = {
    "speaking": Count("assertion", distinct=True, filter=_SPEAKING),
    "with_agree": Count("assertion", distinct=True, filter=Q(label=Stance.Label.AGREE)),
    "with_contradict": Count("assertion", distinct=True, filter=Q(label=Stance.Label.CONTRADICT)),
    # A cell is hedged only when none of its speaking stances is stated outright, so an
    # agreeing cell is hedged unless it holds a contradiction or an unhedged agreement.
    "unhedged_or_contradicting": Count(
        "assertion",
        distinct=True,
        filter=Q(label=Stance.Label.CONTRADICT) | Q(label=Stance.Label.AGREE, hedged=False),
    ),
}


def _rate(part: int, whole: int) -> float | None:
    """A share between 0 and 1, or None when there is nothing to divide."""
    return round(part / whole, 4) if whole else None


def _percent(rate: float | None) -> int | None:
    return None if rate is None else round(100 * rate)


@dataclass
class OutletStats:
    outlet: Outlet
    events: int = 0
    articles: int = 0
    cells: int = 0  # the rows of its events: one cell per row it could have covered
    agree: int = 0
    contradict: int = 0
    mixed: int = 0
    silent: int = 0
    hedged: int = 0  # agreeing cells that only pass the claim on, hedged or attributed
    sources: list[tuple[str, int]] = field(default_factory=list)

    @property
    def agree_rate(self) -> float | None:
        return _rate(self.agree, self.cells)

    @property
    def contradict_rate(self) -> float | None:
        return _rate(self.contradict, self.cells)

    @property
    def silent_rate(self) -> float | None:
        return _rate(self.silent, self.cells)

    @property
    def hedged_rate(self) -> float | None:
        """Share of its agreeing cells that it hedges; silence cannot be hedged."""
        return _rate(self.hedged, self.agree)

    @property
    def agree_percent(self) -> int | None:
        return _percent(self.agree_rate)

    @property
    def contradict_percent(self) -> int | None:
        return _percent(self.contradict_rate)

    @property
    def silent_percent(self) -> int | None:
        return _percent(self.silent_rate)

    @property
    def hedged_percent(self) -> int | None:
        return _percent(self.hedged_rate)

    def as_dict(self) -> dict:
        return {
            "events": self.events,
            "articles": self.articles,
            "cells": self.cells,
            "agree": self.agree,
            "contradict": self.contradict,
            "mixed": self.mixed,
            "silent": self.silent,
            "hedged": self.hedged,
            "agree_rate": self.agree_rate,
            "contradict_rate": self.contradict_rate,
            "silent_rate": self.silent_rate,
            "hedged_rate": self.hedged_rate,
            "sources": [{"name": name, "cells": count} for name, count in self.sources],
        }


# Sort keys a reader may ask for with ?sort=; "-" first means largest first.
SORTS = {
    "name": "Outlet name",
    "-events": "Most events",
    "-articles": "Most articles",
    "-cells": "Most rows",
    "-agree_rate": "Agreement rate",
    "-contradict_rate": "Contradiction rate",
    "-silent_rate": "Silence rate",
    "-hedged_rate": "Hedging rate",
}
DEFAULT_SORT = "-articles"


def sort_stats(stats: list[OutletStats], sort: str) -> list[OutletStats]:
    """Sorted by the key, ties by name; outlets without a rate (no cells) come last."""
    by_name = sorted(stats, key=lambda item: item.outlet.name.lower())
    if sort == "name":
        return by_name
    attribute = sort.removeprefix("-")
    present = [item for item in by_name if getattr(item, attribute) is not None]
    missing = [item for item in by_name if getattr(item, attribute) is None]
    return sorted(present, key=lambda item: getattr(item, attribute), reverse=True) + missing


def events_between(
    events: QuerySet[Event], start: dt.date | None = None, end: dt.date | None = None
) -> QuerySet[Event]:
    """Events dated within the range; an undated event drops out once a bound is set."""
    if start:
        events = events.filter(date__gte=start)
    if end:
        events = events.filter(date__lte=end)
    return events


def outlet_stats(
    events: QuerySet[Event], outlets: QuerySet[Outlet] | None = None
) -> list[OutletStats]:
    """Statistics of every outlet with articles in these events, in three queries:
    outlets with their events, articles and rows; their cells by label; their sources."""
    stances = Stance.objects.filter(article__event__in=events)
    if outlets is None:
        outlets = Outlet.objects.all()
    else:
        stances = stances.filter(article__outlet__in=outlets)
    counted = (
        outlets.filter(articles__event__in=events)
        .annotate(
            event_count=Count("articles__event", distinct=True),
            article_count=Count("articles", distinct=True),
            row_count=Count("articles__event__assertions", distinct=True),
        )
        .order_by(Lower("name"))
    )
    stats = {
        outlet.pk: OutletStats(
            outlet=outlet,
            events=outlet.event_count,
            articles=outlet.article_count,
            cells=outlet.row_count,
        )
        for outlet in counted
    }

    for counts in stances.values("article__outlet").annotate(**_CELLS_WITH).order_by():
        item = stats[counts["article__outlet"]]
        item.mixed = counts["with_agree"] + counts["with_contradict"] - counts["speaking"]
        item.agree = counts["with_agree"] - item.mixed
        item.contradict = counts["with_contradict"] - item.mixed
        # A row with no stance stored for the outlet shows as silent in the matrix too.
        item.silent = item.cells - counts["speaking"]
        item.hedged = counts["speaking"] - counts["unhedged_or_contradicting"]

    sources: dict[int, list[tuple[str, int]]] = defaultdict(list)
    cited = (
        stances.filter(_SPEAKING)
        .exclude(attributed_to="")
        .values("article__outlet", "attributed_to")
        .annotate(cited=Count("assertion", distinct=True))
        .order_by("article__outlet", "-cited", "attributed_to")
    )
    for source in cited:
        if len(sources[source["article__outlet"]]) < SOURCES_PER_OUTLET:
            sources[source["article__outlet"]].append((source["attributed_to"], source["cited"]))
    for outlet_id, top in sources.items():
        stats[outlet_id].sources = top
    return list(stats.values())


class DateRangeForm(forms.Form):
    """A range of event dates from the query string; either end may be left open."""

    start = forms.DateField(
        required=False,
        label="Events from",
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "Enter the start date as YYYY-MM-DD, e.g. 2024-11-30."},
    )
    end = forms.DateField(
        required=False,
        label="Events until",
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "Enter the end date as YYYY-MM-DD, e.g. 2024-12-31."},
    )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and start > end:
            raise forms.ValidationError("The start date is after the end date; swap them.")
        return cleaned


class StatsFilterForm(DateRangeForm):
    sort = forms.ChoiceField(choices=list(SORTS.items()), required=False, label="Sort by")
