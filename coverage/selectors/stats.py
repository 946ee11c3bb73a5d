"""How each outlet covers the claims of many events, counted in the database.

The unit is the matrix cell: one outlet on one row of an event it wrote about, with
the label the matrix shows (an outlet whose articles disagree is "mixed"), so the
numbers here match what readers count on the event pages; hedged counts agreeing
cells only, as the matrix totals do. The sources an outlet cites are the ones the
Sources layer lists for it, with as many citing sentences. A fixed number of queries
covers any number of outlets and events; nothing is counted in per-outlet loops.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django import forms
from django.db.models import Count, Q, QuerySet
from django.db.models.functions import Lower

from coverage.models import Event, Outlet, Stance
from coverage.readings import layers

if TYPE_CHECKING:
    from coverage.selectors.outlets import StanceRates

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


@dataclass(frozen=True)
class CellCounts:
    """An outlet's matrix cells by label, counted in the database (cell_counts)."""

    speaking: int
    agree: int
    contradict: int
    mixed: int
    hedged: int

    def fill(self, target: OutletStats | StanceRates) -> None:
        """Set the counts on ``target``, whose ``cells`` (its rows) is set already: a row
        with no stance stored for the outlet shows as silent in the matrix too."""
        target.agree, target.contradict, target.mixed = self.agree, self.contradict, self.mixed
        target.hedged = self.hedged
        target.silent = target.cells - self.speaking


def cell_counts(stances: QuerySet[Stance], *group_by: str) -> dict[Any, CellCounts]:
    """Matrix cells by label among these stances, grouped by ``group_by`` (an outlet,
    or an outlet and an event), in one query. A cell is one outlet on one row: it
    agrees, contradicts, is mixed when the outlet's articles disagree, and is hedged
    when it agrees and none of its articles states the claim outright, as the matrix
    counts them (coverage.selectors.matrix)."""
    found = {}
    for counts in stances.values(*group_by).annotate(**_CELLS_WITH).order_by():
        key = tuple(counts[name] for name in group_by)
        mixed = counts["with_agree"] + counts["with_contradict"] - counts["speaking"]
        found[key[0] if len(key) == 1 else key] = CellCounts(
            speaking=counts["speaking"],
            agree=counts["with_agree"] - mixed,
            contradict=counts["with_contradict"] - mixed,
            mixed=mixed,
            hedged=counts["speaking"] - counts["unhedged_or_contradicting"],
        )
    return found


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
    # The sources its articles cite most, with the sentences citing each (Sources layer).
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
            "sources": [{"name": name, "sentences": count} for name, count in self.sources],
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
    """Statistics of every outlet with articles in these events, in four queries:
    outlets with their events, articles and rows; their cells by label; for the sources
    they cite, the events' articles and the worker's Sources layer (one cache read)."""
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

    for outlet_id, counts in cell_counts(stances, "article__outlet").items():
        counts.fill(stats[outlet_id])

    # The sources the Sources layer lists for the outlet, counted as it counts them.
    for outlet_id, cited in layers.cited_sources(events).items():
        if outlet_id in stats:
            ranked = sorted(cited.items(), key=lambda item: (-item[1], item[0].lower()))
            stats[outlet_id].sources = ranked[:SOURCES_PER_OUTLET]
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
