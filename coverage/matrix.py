"""The outlet-by-assertion matrix of one event, built in a fixed number of queries.

Columns are outlets, not articles: an outlet that published several articles on
the event gets one cell per row that summarises its articles' stances.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from string import ascii_uppercase

from django.db.models.functions import Lower

from coverage.models import Article, Assertion, Event, Outlet, Stance

MIXED = "mixed"


@dataclass
class OutletCell:
    """One outlet's cell in one row: the summary of its articles' stances."""

    assertion: Assertion
    outlet: Outlet
    stances: list[Stance]

    @property
    def label(self) -> str:
        labels = {stance.label for stance in self.stances}
        if Stance.Label.AGREE in labels and Stance.Label.CONTRADICT in labels:
            return MIXED
        for label in (Stance.Label.CONTRADICT, Stance.Label.AGREE):
            if label in labels:
                return label
        return Stance.Label.SILENT

    @property
    def label_display(self) -> str:
        if self.label == MIXED:
            return "Mixed"
        return Stance.Label(self.label).label

    @property
    def hedged(self) -> bool:
        """Hedged when the outlet never states the claim as its own fact."""
        speaking = [s for s in self.stances if s.label != Stance.Label.SILENT]
        return bool(speaking) and all(s.hedged for s in speaking)

    @property
    def is_human(self) -> bool:
        return any(s.origin == "human" for s in self.stances)

    @property
    def evidence_text(self) -> str:
        for stance in self.stances:
            if stance.evidence is not None:
                return stance.evidence.text
        return ""


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

    @property
    def speaking_cells(self) -> list[OutletCell]:
        return [cell for cell in self.cells if cell.label != Stance.Label.SILENT]

    @property
    def agreeing_cells(self) -> list[OutletCell]:
        return [cell for cell in self.cells if cell.label == Stance.Label.AGREE]

    @property
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
        """At least two outlets report the claim and none contradicts it."""
        return len(self.agreeing_cells) >= 2 and not self.is_contested

    @property
    def is_single_outlet(self) -> bool:
        """Exactly one outlet says anything about the claim; the others are silent."""
        return len(self.cells) >= 2 and len(self.speaking_cells) == 1

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

    @property
    def article_count(self) -> int:
        return sum(len(column.articles) for column in self.columns)

    @property
    def blind_labels(self) -> dict[int, str]:
        """Outlet id -> "Outlet A", "Outlet B"… for blind mode; see blind_labels()."""
        return blind_labels(self.event, [column.outlet for column in self.columns])


def blind_labels(event: Event, outlets: list[Outlet]) -> dict[int, str]:
    """Neutral names for the outlets of one event, stable across pages and reloads.

    Letters follow a shuffle seeded by the event and outlet ids, not the alphabetical
    column order, so students cannot work out which outlet is "Outlet A" from its
    name's initial. The worksheet, its answer key and the matrix use the same letters.
    """
    ordered = sorted(
        outlets,
        key=lambda outlet: hashlib.sha256(f"{event.pk}:{outlet.pk}".encode()).hexdigest(),
    )
    return {outlet.pk: f"Outlet {_letters(index)}" for index, outlet in enumerate(ordered)}


def _letters(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA: enough letters for events with many outlets."""
    name = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        name = ascii_uppercase[remainder] + name
    return name


def build_matrix(event: Event) -> Matrix:
    """Load the event's matrix in three queries: articles, assertions, stances."""
    articles = list(event.articles.select_related("outlet").order_by(Lower("outlet__name"), "pk"))
    columns: dict[int, Column] = {}
    for article in articles:
        if article.outlet_id not in columns:
            columns[article.outlet_id] = Column(outlet=article.outlet, articles=[])
        columns[article.outlet_id].articles.append(article)
    article_outlet = {article.pk: article.outlet_id for article in articles}

    assertions = list(event.assertions.order_by("position", "pk"))
    stances_by_cell: dict[tuple[int, int], list[Stance]] = defaultdict(list)
    for stance in (
        Stance.objects.filter(assertion__event=event)
        .select_related("evidence")
        .order_by("article_id")
    ):
        stances_by_cell[(stance.assertion_id, article_outlet[stance.article_id])].append(stance)

    rows = []
    for assertion in assertions:
        row = Row(assertion=assertion, cells=[])
        for column in columns.values():
            cell = OutletCell(
                assertion, column.outlet, stances_by_cell.get((assertion.pk, column.outlet.pk), [])
            )
            row.cells.append(cell)
            for totals in (row.totals, column.totals):
                totals[cell.label] += 1
                if cell.hedged:
                    totals["hedged"] += 1
        rows.append(row)
    return Matrix(event=event, columns=list(columns.values()), rows=rows)
