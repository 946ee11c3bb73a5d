"""What an outlet covered and how: its articles and stance rates across a set of events.

Everything is counted in the database, in a fixed number of queries, so an outlet
with thousands of cells costs the same as one with ten.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Lower

from coverage.models import Article, Assertion, Event, Outlet, Stance
from coverage.selectors.stats import cell_counts


def _percent(part: int, whole: int) -> int:
    return round(100 * part / whole) if whole else 0


@dataclass
class StanceRates:
    """Counts of an outlet's matrix cells (one per row of its events) by label, as the
    matrix and the statistics count them (coverage.selectors.stats.cell_counts)."""

    cells: int = 0
    agree: int = 0
    contradict: int = 0
    mixed: int = 0
    silent: int = 0
    hedged: int = 0  # agreeing cells it hedges or attributes to someone else

    def add(self, other: StanceRates) -> None:
        for name in ("cells", "agree", "contradict", "mixed", "silent", "hedged"):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    @property
    def reported(self) -> int:
        """Cells where the outlet reports the claim (agrees): what it can hedge."""
        return self.agree

    @property
    def agree_percent(self) -> int:
        return _percent(self.agree, self.cells)

    @property
    def contradict_percent(self) -> int:
        return _percent(self.contradict, self.cells)

    @property
    def silent_percent(self) -> int:
        return _percent(self.silent, self.cells)

    @property
    def mixed_percent(self) -> int:
        return _percent(self.mixed, self.cells)

    @property
    def hedged_percent(self) -> int:
        """Share of the claims it reports that it hedges; silence cannot be hedged."""
        return _percent(self.hedged, self.reported)


@dataclass
class EventCoverage:
    event: Event
    articles: list[Article] = field(default_factory=list)
    rates: StanceRates = field(default_factory=StanceRates)


@dataclass
class OutletCoverage:
    outlet: Outlet
    events: list[EventCoverage]
    rates: StanceRates

    @property
    def article_count(self) -> int:
        return sum(len(coverage.articles) for coverage in self.events)


def outlets_with_counts(events: QuerySet[Event]) -> QuerySet[Outlet]:
    """Outlets with articles in these events, annotated with how many, in one query."""
    # Filtering before annotating makes the counts cover only these events' articles.
    return Outlet.objects.filter(articles__event__in=events).annotate(
        article_count=Count("articles", distinct=True),
        event_count=Count("articles__event", distinct=True),
    )


def search_outlets(outlets: QuerySet[Outlet], query: str) -> QuerySet[Outlet]:
    """Outlets whose name or country contains every word of the query."""
    for word in query.split():
        outlets = outlets.filter(Q(name__icontains=word) | Q(country__icontains=word))
    return outlets


OUTLET_ORDERINGS = {
    "name": [Lower("name")],
    "-articles": ["-article_count", Lower("name")],
    "-events": ["-event_count", "-article_count", Lower("name")],
    "country": [Lower("country"), Lower("name")],
}


def outlet_coverage(outlet: Outlet, events: QuerySet[Event]) -> OutletCoverage:
    """The outlet's articles in these events and its cells by label, in two queries.

    The cells are the matrix's: one per row of each event it wrote about, so the page
    shows the numbers of the matrix and the statistics (coverage.selectors.stats).
    """
    rows = (
        Assertion.objects.filter(event=OuterRef("event"))
        .order_by()
        .values("event")
        .annotate(count=Count("pk"))
        .values("count")
    )
    articles = (
        outlet.articles.filter(event__in=events)
        .select_related("event")
        .annotate(event_rows=Subquery(rows))
        .order_by("-event__date", "-event__created_at", "event_id", "published_at", "pk")
    )
    by_event: dict[int, EventCoverage] = {}
    for article in articles:
        if article.event_id not in by_event:
            by_event[article.event_id] = EventCoverage(
                event=article.event, rates=StanceRates(cells=article.event_rows or 0)
            )
        by_event[article.event_id].articles.append(article)

    stances = Stance.objects.filter(article__outlet=outlet, article__event__in=events)
    for event_id, counts in cell_counts(stances, "article__event").items():
        if event_id in by_event:
            counts.fill(by_event[event_id].rates)
    total = StanceRates()
    for coverage in by_event.values():
        if not coverage.rates.agree + coverage.rates.contradict + coverage.rates.mixed:
            # No stance stored yet: every row of the event is silent for it.
            coverage.rates.silent = coverage.rates.cells
        total.add(coverage.rates)
    return OutletCoverage(outlet=outlet, events=list(by_event.values()), rates=total)
