"""Chart geometry for the event's charts layer and the outlet page, drawn as inline SVG.

Plain functions from counts to dataclasses; templates/coverage/_chart_bars.html
draws them. Positions are percentages of the chart's width, so a bar stretches to
any screen while its numbers keep their real font size (a viewBox would shrink
them to nothing on a phone). Every segment has a pattern as well as a colour and
is labelled with its number, so the charts read in black and white on paper.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from coverage.models import Outlet
from coverage.selectors.matrix import MIXED, REVIEW_FILTERS, ROW_FILTERS, Matrix, OutletCell
from coverage.selectors.outlets import StanceRates

# Narrower segments carry no number inside (it would not fit); the legend has it.
MIN_LABELLED_WIDTH = 7.0
PHONE_LABELLED_WIDTH = 14.0


@dataclass(frozen=True)
class Part:
    """One kind of cell in a chart, with its symbol from the matrix legend."""

    key: str
    label: str
    symbol: str


STATED = Part("agree", "Agrees, stated as fact", "✔")
HEDGED = Part("hedged", "Agrees, hedged or attributed", "≈")
MIXED_PART = Part(MIXED, "Mixed", "◐")
CONTRADICT = Part("contradict", "Contradicts", "✖")
SILENT = Part("silent", "Silent", "○")
AGREE = Part("agree", "Agrees", "✔")
CELL_PARTS = (STATED, HEDGED, MIXED_PART, CONTRADICT, SILENT)
OTHER_ROWS = Part("other", "Other rows", "")


@dataclass(frozen=True)
class Segment:
    part: Part
    count: int
    percent: int  # rounded so that a bar's percents add up to 100
    x: float  # left edge, percent of the width
    width: float  # percent of the width

    @property
    def center(self) -> float:
        return self.x + self.width / 2

    @property
    def labelled(self) -> bool:
        return self.width >= MIN_LABELLED_WIDTH

    @property
    def narrow(self) -> bool:
        """Its number fits on a wide screen but not on a phone."""
        return self.width < PHONE_LABELLED_WIDTH


@dataclass(frozen=True)
class Bar:
    """One horizontal stacked bar. ``dom_id`` is unique on the page: the SVG's title,
    description and patterns hang off it."""

    dom_id: str
    title: str
    segments: tuple[Segment, ...]
    total: int
    unit: str = "cell"

    @property
    def description(self) -> str:
        if not self.total:
            return f"No {self.unit}s yet."
        parts = [f"{s.part.label}: {s.count} ({s.percent}%)" for s in self.segments if s.count]
        return (
            f"{self.total} {self.unit}{'s' if self.total != 1 else ''}. " + "; ".join(parts) + "."
        )

    @property
    def drawn(self) -> tuple[Segment, ...]:
        return tuple(segment for segment in self.segments if segment.count)

    @property
    def parts(self) -> tuple[Part, ...]:
        """The parts this bar draws, for its patterns."""
        return tuple(dict.fromkeys(segment.part for segment in self.drawn))


@dataclass(frozen=True)
class CategoryCount:
    """How many rows of the event fall in one of the matrix's row filters."""

    key: str
    label: str
    count: int
    bar: Bar


@dataclass(frozen=True)
class OutletChart:
    outlet: Outlet
    name: str  # its name, or its blind letter
    bar: Bar


@dataclass
class EventCharts:
    overview: Bar
    outlets: list[OutletChart]
    categories: list[CategoryCount]
    rows: int
    parts: tuple[Part, ...] = field(default=CELL_PARTS)


def rounded_percents(counts: Sequence[int]) -> list[int]:
    """Whole percents that add up to exactly 100 (largest remainder), or all zeros."""
    total = sum(counts)
    if not total:
        return [0] * len(counts)
    exact = [100 * count / total for count in counts]
    percents = [int(value) for value in exact]
    by_remainder = sorted(range(len(counts)), key=lambda i: (percents[i] - exact[i], i))
    for index in by_remainder[: 100 - sum(percents)]:
        percents[index] += 1
    return percents


def stacked_bar(
    dom_id: str, title: str, counts: Sequence[tuple[Part, int]], *, unit: str = "cell"
) -> Bar:
    """Segments laid end to end across 100% of the width, in the order given."""
    total = sum(count for _, count in counts)
    percents = rounded_percents([count for _, count in counts])
    segments = []
    x = 0.0
    for index, ((part, count), percent) in enumerate(zip(counts, percents, strict=True)):
        width = 100 * count / total if total else 0.0
        # The last drawn segment ends exactly at 100, whatever the float sums say.
        if count and not any(later for _, later in counts[index + 1 :]):
            width = 100.0 - x
        segments.append(Segment(part, count, percent, round(x, 3), round(width, 3)))
        x += width
    return Bar(dom_id=dom_id, title=title, segments=tuple(segments), total=total, unit=unit)


def cell_counts(cells: Iterable[OutletCell]) -> list[tuple[Part, int]]:
    """Cells by kind, with agreement split into stated and hedged."""
    counts: Counter[str] = Counter()
    for cell in cells:
        if cell.label == "agree":
            counts[HEDGED.key if cell.hedged else STATED.key] += 1
        else:
            counts[cell.label] += 1
    return [(part, counts[part.key]) for part in CELL_PARTS]


def event_charts(matrix: Matrix, names: Mapping[int, str]) -> EventCharts:
    """The charts of one event: every cell in one bar, a bar per outlet in the
    matrix's column order, and how many rows fall in each row category.

    ``names`` maps outlet ids to what the reader sees: names, or blind letters.
    """
    every_cell = [cell for row in matrix.rows for cell in row.cells]
    overview = stacked_bar("chart-all", "All cells of the matrix", cell_counts(every_cell))
    outlets = []
    for index, column in enumerate(matrix.columns):
        name = names[column.outlet.pk]
        cells = [row.cells[index] for row in matrix.rows]
        bar = stacked_bar(f"chart-outlet-{index}", name, cell_counts(cells))
        outlets.append(OutletChart(column.outlet, name, bar))
    categories = []
    for key, (label, test) in ROW_FILTERS.items():
        if key == "all" or key in REVIEW_FILTERS:
            continue
        count = sum(1 for row in matrix.rows if test(row))
        bar = stacked_bar(
            f"chart-rows-{key}",
            f"{label}: {count} of {len(matrix.rows)} rows",
            [(Part("category", label, ""), count), (OTHER_ROWS, len(matrix.rows) - count)],
            unit="row",
        )
        categories.append(CategoryCount(key, label, count, bar))
    return EventCharts(
        overview=overview, outlets=outlets, categories=categories, rows=len(matrix.rows)
    )


def rates_bar(rates: StanceRates, dom_id: str, title: str) -> Bar:
    """The outlet page's bar: its matrix cells (one per row of its events) by label."""
    return stacked_bar(
        dom_id,
        title,
        [
            (AGREE, rates.agree),
            (MIXED_PART, rates.mixed),
            (CONTRADICT, rates.contradict),
            (SILENT, rates.silent),
        ],
    )
