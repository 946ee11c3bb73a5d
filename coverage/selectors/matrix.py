"""The outlet-by-assertion matrix of one event, built in a fixed number of queries.

Columns are outlets, not articles: an outlet that published several articles on
the event gets one cell per row that summarises its articles' stances.

Readers narrow and reorder the rows (``ROW_FILTERS``, ``ROW_SORTS``). Copies and
origins count once: coverage.selectors.counts fills each row's independent counts,
for every page that shows them. Blind mode's letters come from coverage.blind.
"""

from __future__ import annotations

import gc
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import NamedTuple

from django.db.models import Q
from django.db.models.functions import Lower

from coverage.analysis.provenance import RowOrigins
from coverage.blind import blind_label_order, blind_labels
from coverage.models import Article, Assertion, Event, Origin, Outlet, Stance

MIXED = "mixed"

# The curated order of an event's rows. A row's number is its place in this order.
ROW_ORDER = ("position", "pk")


def numbered[T](rows_in_order: Iterable[T], *, first: int = 1) -> Iterator[tuple[int, T]]:
    """Each row with the number every page shows for it ("claim 12"): the matrix, the
    projector, the worksheet and its answer key, the prompts, the explainer and the API.

    ``rows_in_order`` are in ROW_ORDER; ``first`` is the number of the first of them,
    for a page of rows that starts further down. Numbers follow the curated order,
    never a filter or a sort, so "claim 12" is the same row whichever view shows it.
    """
    return enumerate(rows_in_order, start=first)


class StanceSummary(NamedTuple):
    """What the grid needs of a stance, for matrices built with ``evidence=False``.

    Loading 16,000 Stance instances with their sentences takes a third of a second;
    these tuples take a tenth of that. They have no ``evidence``, and such matrices
    leave out the silent stances that no person set: a cell without stances is silent.
    """

    article_id: int
    label: str
    hedged: bool
    origin: str
    updated_by_id: int | None
    # What the row's traced origins depend on (coverage.origins.row_state).
    attributed_to: str
    evidence_id: int | None


_AGREE, _CONTRADICT, _SILENT = Stance.Label.AGREE, Stance.Label.CONTRADICT, Stance.Label.SILENT
_LABEL_DISPLAY = {**{label.value: label.label for label in Stance.Label}, MIXED: "Mixed"}


@dataclass(slots=True)
class OutletCell:
    """One outlet's cell in one row: the summary of its articles' stances.

    ``label`` and ``hedged`` are worked out once, when the cell is made: filters, sorts,
    totals and the page all read them, 16,000 cells for a large event.
    """

    assertion: Assertion
    outlet: Outlet
    stances: list[Stance] | list[StanceSummary]
    label: str = field(init=False)
    # Hedged when the outlet never states the claim as its own fact.
    hedged: bool = field(init=False)

    def __post_init__(self) -> None:
        self.label, self.hedged = _summarise(self.stances)

    @property
    def label_display(self) -> str:
        return _LABEL_DISPLAY[self.label]

    @property
    def is_human(self) -> bool:
        return any(s.origin == "human" for s in self.stances)

    @property
    def is_corrected(self) -> bool:
        """A person changed what the analysis found, here (✎ on the page).

        Cells that came curated with an event (the demo's, an import's) are a person's
        too, but nobody changed them: marking them all would bury the mark's signal.
        """
        return any(s.origin == "human" and s.updated_by_id is not None for s in self.stances)

    @property
    def evidence_text(self) -> str:
        """Only for matrices built with evidence (StanceSummary has none)."""
        for stance in self.stances:
            if stance.evidence is not None:
                return stance.evidence_text
        return ""


def unchecked_contradiction(stance: Stance | StanceSummary) -> bool:
    """A contradiction the analysis found and no person has set or checked: what the
    matrix's filter, the answer key and the explainer ask readers to check."""
    return stance.label == _CONTRADICT and stance.origin != Origin.HUMAN


def _totals(cells: list[OutletCell]) -> Counter[str]:
    """How many cells have each label, and how many of the agreeing ones are hedged.

    Hedged counts only agreeing cells, as the statistics, the outlet pages and the
    charts do: "≈ 2" is two of the "✔" outlets, never outlets of its own.
    """
    totals = Counter(cell.label for cell in cells)
    totals["hedged"] = sum(cell.hedged for cell in cells if cell.label == _AGREE)
    return totals


def _summarise(stances: list[Stance] | list[StanceSummary]) -> tuple[str, bool]:
    """A cell's label and whether it is hedged, from its articles' stances."""
    if not stances:
        return _SILENT, False
    if len(stances) == 1:  # the usual case, one article per outlet
        stance = stances[0]
        return stance.label, stance.hedged and stance.label != _SILENT
    labels = {stance.label for stance in stances}
    if _AGREE in labels and _CONTRADICT in labels:
        label = MIXED
    elif _CONTRADICT in labels:
        label = _CONTRADICT
    elif _AGREE in labels:
        label = _AGREE
    else:
        return _SILENT, False
    return label, all(stance.hedged for stance in stances if stance.label != _SILENT)


@dataclass
class Row:
    """One assertion across all outlets, with the categories readers filter by.

    The categories are the ones teachers, researchers and journalists ask about:
    what everyone reports (consensus), what outlets disagree on (contested), what
    one outlet reports alone (single outlet), and what is only ever passed on with
    a hedge or an attribution (hedged only).
    """

    assertion: Assertion
    cells: list[OutletCell]
    totals: Counter[str] = field(default_factory=Counter)
    # Its number on every page (``numbered``); 0 for a row shown alone.
    number: int = 0
    # Filled by coverage.selectors.counts; None until it has looked. The independent
    # sources of the outlets that agree, and of all that carry the claim (agree or
    # contradict): its distinct origins once the worker has traced them, else its
    # outlets with those that republish one another counted once.
    independent_agreeing: int | None = None
    independent_sources: int | None = None
    # The worker's tracing of where the claim comes from, when it fits the cells.
    origins: RowOrigins | None = None

    # Cached: filter counts and sorts ask every row several times. Rows are not
    # changed once build_matrix() has returned them.
    @cached_property
    def speaking_cells(self) -> list[OutletCell]:
        return [cell for cell in self.cells if cell.label != Stance.Label.SILENT]

    @cached_property
    def agreeing_cells(self) -> list[OutletCell]:
        return [cell for cell in self.cells if cell.label == Stance.Label.AGREE]

    @property
    def disputing_count(self) -> int:
        """Outlets that contradict the claim or are split on it."""
        return self.totals[Stance.Label.CONTRADICT] + self.totals[MIXED]

    @cached_property
    def is_contested(self) -> bool:
        """Some outlet contradicts the claim (or is split on it) while another reports it."""
        labels = {cell.label for cell in self.cells}
        return MIXED in labels or (
            Stance.Label.AGREE in labels and Stance.Label.CONTRADICT in labels
        )

    @property
    def is_unanimous(self) -> bool:
        """Every outlet reports the claim (needs at least two outlets to mean anything)."""
        return len(self.cells) >= 2 and len(self.agreeing_cells) == len(self.cells)

    @property
    def is_consensus(self) -> bool:
        """At least two independent outlets report the claim and none contradicts it.

        Five outlets running one wire story, or repeating one source, are one
        confirmation, not five: once coverage.selectors.counts has counted, copies and
        shared origins count once.
        """
        agreeing = self.independent_agreeing
        if agreeing is None:
            agreeing = len(self.agreeing_cells)
        return agreeing >= 2 and not self.is_contested

    @property
    def has_copied_agreement(self) -> bool:
        """Some of the outlets that agree republish one another or share an origin."""
        return self.independent_agreeing is not None and self.independent_agreeing < len(
            self.agreeing_cells
        )

    @property
    def is_single_outlet(self) -> bool:
        """Exactly one outlet says anything about the claim; the others are silent."""
        return len(self.cells) >= 2 and len(self.speaking_cells) == 1

    @property
    def has_unchecked_contradiction(self) -> bool:
        """The analysis, not a person, says some outlet contradicts the claim: the cells
        it is least often right about on unseen coverage (BENCHMARKS.md), for a teacher or
        a journalist to check before using the row. Saving the cell, changed or not, makes
        it a person's."""
        return any(unchecked_contradiction(s) for cell in self.cells for s in cell.stances)

    @property
    def is_hedged_only(self) -> bool:
        """Every outlet that reports the claim hedges it or attributes it to someone else."""
        agreeing = self.agreeing_cells
        return bool(agreeing) and all(cell.hedged for cell in agreeing)


@dataclass
class Column:
    outlet: Outlet
    articles: list[Article]
    totals: Counter[str] = field(default_factory=Counter)


@dataclass
class Matrix:
    event: Event
    columns: list[Column]
    rows: list[Row]
    # Whether coverage.selectors.counts has counted outlets that republish one
    # another once (it needs the worker's comparison of the texts).
    copies_counted: bool = False
    # Whether the worker still has to compare the texts or trace some rows' origins:
    # the page then asks again until the final counts are there.
    counts_pending: bool = False
    # Why the counts are not the final ones, for the reader, when the worker failed.
    counts_failure: str = ""
    # When counts made under a failure are to be made again (time.monotonic()): the
    # worker keeps a failure only for a while, and nothing moves the data version
    # when it expires, so a kept matrix with one is counted again now and then.
    counts_expire_at: float | None = None
    # The event's outlets with those that republish one another counted once, and
    # the ids of articles that share one text, group by group.
    independent_sources: int | None = None
    article_groups: list[list[int]] = field(default_factory=list)

    def counts_current(self) -> bool:
        """Whether the counts may still be shown from a kept matrix."""
        return self.counts_expire_at is None or time.monotonic() < self.counts_expire_at

    @property
    def article_count(self) -> int:
        return sum(len(column.articles) for column in self.columns)

    @property
    def blind_labels(self) -> dict[int, str]:
        """Outlet id -> "Outlet A", "Outlet B"… for blind mode; see coverage.blind."""
        return blind_labels(self.event, [column.outlet for column in self.columns])


def build_matrix(event: Event, *, evidence: bool = True) -> Matrix:
    """Load the event's matrix in three queries: articles, assertions, stances.

    With ``evidence=False`` the cells hold StanceSummary tuples instead of Stance
    instances with their evidence sentences: enough for the grid, its filters and its
    totals, and ten times faster for large events.
    """
    with without_gc_pauses():
        return _build_matrix(event, evidence=evidence)


@contextmanager
def without_gc_pauses() -> Iterator[None]:
    """Hold off Python's cycle collector while a matrix is built.

    16,000 cells set it off again and again, each time walking every object in the
    process: at 40 x 400 that was half the page's time. The cells make no reference
    cycles, so there is nothing for it to find; it runs again as usual afterwards.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _build_matrix(event: Event, *, evidence: bool) -> Matrix:
    columns = _columns(event)
    article_outlet = {
        article.pk: outlet_id
        for outlet_id, column in columns.items()
        for article in column.articles
    }

    assertions = list(event.assertions.order_by(*ROW_ORDER))
    stances_by_cell: dict[tuple[int, int], list] = defaultdict(list)
    in_event = Stance.objects.filter(assertion__event=event).order_by("article_id")
    if evidence:
        for stance in in_event.select_related("evidence", "evidence_through"):
            key = (stance.assertion_id, article_outlet[stance.article_id])
            stances_by_cell[key].append(stance)
    else:
        # A silent stance changes nothing in its cell unless a person set it.
        worth_loading = in_event.filter(~Q(label=Stance.Label.SILENT) | Q(origin=Origin.HUMAN))
        fields = (
            "assertion_id",
            "article_id",
            "label",
            "hedged",
            "origin",
            "updated_by_id",
            "attributed_to",
            "evidence_id",
        )
        for assertion_id, article_id, *summary in worth_loading.values_list(*fields):
            stances_by_cell[(assertion_id, article_outlet[article_id])].append(
                StanceSummary(article_id, *summary)
            )

    rows = []
    no_stances: list = []
    by_outlet = [(outlet_id, column.outlet) for outlet_id, column in columns.items()]
    for number, assertion in numbered(assertions):
        assertion_id = assertion.pk
        cells = [
            OutletCell(
                assertion, outlet, stances_by_cell.get((assertion_id, outlet_id), no_stances)
            )
            for outlet_id, outlet in by_outlet
        ]
        rows.append(make_row(assertion, cells, number=number))
    for index, column in enumerate(columns.values()):
        column.totals = _totals([row.cells[index] for row in rows])
    return Matrix(event=event, columns=list(columns.values()), rows=rows)


def make_row(assertion: Assertion, cells: list[OutletCell], *, number: int = 0) -> Row:
    """A row of these cells with its totals, for pages that build rows themselves."""
    return Row(assertion=assertion, cells=cells, totals=_totals(cells), number=number)


def in_blind_order(matrix: Matrix) -> Matrix:
    """The same matrix with its columns (and every row's cells) in blind-letter order.

    In blind mode the headers read "Outlet A, Outlet B…" left to right, which is the
    order students talk about them in.
    """
    labels = matrix.blind_labels
    order = sorted(
        range(len(matrix.columns)),
        key=lambda index: blind_label_order(labels[matrix.columns[index].outlet.pk]),
    )
    rows = [
        replace(row, cells=[row.cells[index] for index in order], totals=row.totals)
        for row in matrix.rows
    ]
    return Matrix(
        event=matrix.event,
        columns=[matrix.columns[index] for index in order],
        rows=rows,
        copies_counted=matrix.copies_counted,
        counts_pending=matrix.counts_pending,
        counts_failure=matrix.counts_failure,
        counts_expire_at=matrix.counts_expire_at,
        independent_sources=matrix.independent_sources,
        article_groups=matrix.article_groups,
    )


# Filters and sorts of the rows. Each filter: (name shown to readers, test of a row).

ROW_FILTERS: dict[str, tuple[str, Callable[[Row], bool]]] = {
    "all": ("All rows", lambda row: True),
    "contested": ("Contested", lambda row: row.is_contested),
    "consensus": ("Consensus", lambda row: row.is_consensus),
    "single": ("Single outlet", lambda row: row.is_single_outlet),
    "hedged": ("Hedged only", lambda row: row.is_hedged_only),
    "unchecked": ("Unchecked contradictions", lambda row: row.has_unchecked_contradiction),
}
# Filters about the state of the work on the matrix, not about the coverage: the
# charts of the coverage's categories leave them out.
REVIEW_FILTERS = frozenset({"unchecked"})

# Each sort: (name shown to readers, key of a row or None for the curated order).
# Python's sort is stable, so rows that tie keep their curated order.
ROW_SORTS: dict[str, tuple[str, Callable[[Row], tuple] | None]] = {
    "position": ("Curated order", None),
    # Most evenly split first: 20 against 20 is more contested than 39 against 1.
    "contested": (
        "Most contested first",
        lambda row: (
            not row.is_contested,
            -min(len(row.agreeing_cells) + row.totals[MIXED], row.disputing_count),
            -row.disputing_count,
        ),
    ),
    "coverage": ("Most reported first", lambda row: (-len(row.speaking_cells),)),
    "silence": ("Most ignored first", lambda row: (-row.totals[Stance.Label.SILENT],)),
}


def _contradicts(row: Row, column: int) -> bool:
    return row.cells[column].label == Stance.Label.CONTRADICT


def _leaves_out(row: Row, column: int) -> bool:
    """The outlet is silent on a claim that some other outlet reports."""
    return row.cells[column].label == Stance.Label.SILENT and bool(row.agreeing_cells)


# Filters about one outlet (its column): (name shown to readers, test of a row and column).
OUTLET_FILTERS: dict[str, tuple[str, Callable[[Row, int], bool]]] = {
    "contradicts": ("Contradicted by", _contradicts),
    "leaves-out": ("Left out by", _leaves_out),
}


@dataclass(frozen=True)
class OutletSummary:
    column: int  # its index in Matrix.columns
    contradicts: int
    leaves_out: int


@dataclass(frozen=True)
class MatrixSummary:
    """What the matrix says, counted once for the line above it and the embed."""

    claims: int
    contested: int
    single_outlet: int
    consensus: int
    # Outlets that contradict or leave out something, most first.
    outlets: list[OutletSummary]


def summarise(matrix: Matrix) -> MatrixSummary:
    counts = filter_counts(matrix.rows)
    outlets = [
        OutletSummary(
            column=index,
            contradicts=sum(_contradicts(row, index) for row in matrix.rows),
            leaves_out=sum(_leaves_out(row, index) for row in matrix.rows),
        )
        for index in range(len(matrix.columns))
    ]
    return MatrixSummary(
        claims=len(matrix.rows),
        contested=counts["contested"],
        single_outlet=counts["single"],
        consensus=counts["consensus"],
        outlets=sorted(
            (outlet for outlet in outlets if outlet.contradicts or outlet.leaves_out),
            key=lambda outlet: (-outlet.contradicts, -outlet.leaves_out, outlet.column),
        ),
    )


def filter_counts(rows: Iterable[Row]) -> dict[str, int]:
    """How many rows each filter keeps, for "Contested (3)" labels."""
    rows = list(rows)
    return {name: sum(1 for row in rows if test(row)) for name, (_, test) in ROW_FILTERS.items()}


def filter_and_sort(
    rows: Iterable[Row], *, show: str, sort: str, column: int | None = None
) -> list[Row]:
    """The rows ``show`` keeps, in ``sort`` order; an outlet's filters need its ``column``."""
    if show in OUTLET_FILTERS and column is not None:
        outlet_test = OUTLET_FILTERS[show][1]
        kept = [row for row in rows if outlet_test(row, column)]
    else:
        test = ROW_FILTERS.get(show, ROW_FILTERS["all"])[1]
        kept = [row for row in rows if test(row)]
    key = ROW_SORTS[sort][1]
    return sorted(kept, key=key) if key else kept


def row_number(assertion: Assertion) -> int:
    """The number ``numbered`` gives the row, for a page that shows it alone: one query."""
    in_order = (
        Assertion.objects.filter(event_id=assertion.event_id)
        .order_by(*ROW_ORDER)
        .values_list("pk", flat=True)
    )
    return next(number for number, pk in numbered(in_order) if pk == assertion.pk)


def build_row(event: Event, assertion: Assertion) -> tuple[list[Column], Row]:
    """One row of the matrix with evidence, in two queries: articles, the row's stances.

    For the row's own page; the columns carry no totals.
    """
    columns = _columns(event)
    stances_by_outlet: dict[int, list[Stance]] = defaultdict(list)
    for stance in assertion.stances.select_related(
        "evidence", "evidence_through", "article"
    ).order_by("article_id"):
        stances_by_outlet[stance.article.outlet_id].append(stance)
    cells = [
        OutletCell(assertion, column.outlet, stances_by_outlet.get(outlet_id, []))
        for outlet_id, column in columns.items()
    ]
    return list(columns.values()), make_row(assertion, cells)


def _columns(event: Event) -> dict[int, Column]:
    """Outlet id -> its column with its articles, in one query, by outlet name."""
    columns: dict[int, Column] = {}
    for article in event.articles.select_related("outlet").order_by(Lower("outlet__name"), "pk"):
        if article.outlet_id not in columns:
            columns[article.outlet_id] = Column(outlet=article.outlet, articles=[])
        columns[article.outlet_id].articles.append(article)
    return columns
