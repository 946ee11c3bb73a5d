"""The event page's matrix as the reader asked for it: filters, order, page and modes.

``MatrixOptions`` reads those choices from the query string and writes them back into
links. ``matrix_page`` returns what every reader of one view of the matrix sees, kept
between requests by coverage.selectors.matrix_cache until the event's data changes;
what depends on the reader (editing rights, forms, the analysis run) is the view's.

A page request goes down once: the view asks matrix_page, which reads the event's
data version, then the kept page, else the kept matrix, else builds the matrix with
its independent counts (coverage.selectors.counts) and lays the page out here. When
that build finds the event's texts not compared yet, it hands the view the key to
queue the worker's comparison under; a selector never queues work itself.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import QueryDict
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from coverage import blind
from coverage.blind import blind_letter, blind_slug
from coverage.models import Article, Event
from coverage.querystring import int_or_default
from coverage.selectors import matrix_cache
from coverage.selectors.counts import counted_matrix_and_queue_key
from coverage.selectors.matrix import (
    OUTLET_FILTERS,
    ROW_FILTERS,
    ROW_SORTS,
    Column,
    Matrix,
    Row,
    filter_and_sort,
    filter_counts,
    in_blind_order,
    summarise,
)

MATRIX_ROWS_PER_PAGE = 100
# Outlets named one by one in the summary line; the column totals have the rest.
SUMMARY_OUTLETS = 6
_OUTLET_SLUG = re.compile(r"[-a-z0-9]{1,100}")


@dataclass(frozen=True)
class MatrixOptions:
    """How a reader asked to see the matrix, read from and written back to the URL.

    Unknown or malformed values fall back to the defaults, so a mangled shared link
    still opens the matrix. ``reveal`` holds blind letters ("b") or outlet slugs, or
    "all" (coverage.blind); the page's own links use letters, so a blind page never
    spells out a slug.
    """

    show: str = "all"
    sort: str = "position"
    page: int = 1
    blind: bool = False
    projector: bool = False
    reveal: frozenset[str] = frozenset()
    # The column an outlet's filter (OUTLET_FILTERS) is about: its slug, or its letter
    # ("outlet-b") in blind mode.
    outlet: str = ""

    @classmethod
    def from_query(cls, query: QueryDict) -> MatrixOptions:
        show = query.get("show", "")
        sort = query.get("sort", "")
        outlet = query.get("outlet", "")
        if show in OUTLET_FILTERS and not _OUTLET_SLUG.fullmatch(outlet):
            show = "all"
        if show not in OUTLET_FILTERS:
            outlet = ""
        return cls(
            show=show if show in ROW_FILTERS or show in OUTLET_FILTERS else "all",
            sort=sort if sort in ROW_SORTS else "position",
            outlet=outlet,
            page=int_or_default(query, "page", 1, maximum=999_999),
            blind=blind.blind_requested(query),
            projector=blind.is_yes(query.get("projector")),
            reveal=blind.requested_reveals(query),
        )

    def with_(self, **changes) -> MatrixOptions:
        if "show" in changes or "sort" in changes:
            changes.setdefault("page", 1)
        if changes.get("show", self.show) not in OUTLET_FILTERS:
            changes["outlet"] = ""
        return replace(self, **changes)

    def query(self) -> str:
        """The query string with everything that differs from the defaults: "?blind=1…"."""
        params: list[tuple[str, str]] = []
        if self.blind:
            params.append(("blind", "1"))
            if self.reveal:
                params.append(("reveal", ",".join(sorted(self.reveal))))
        if self.projector:
            params.append(("projector", "1"))
        if self.show != "all":
            params.append(("show", self.show))
        if self.outlet:
            params.append(("outlet", self.outlet))
        if self.sort != "position":
            params.append(("sort", self.sort))
        if self.page != 1:
            params.append(("page", str(self.page)))
        return f"?{urlencode(params, safe=',')}" if params else ""

    def modes(self) -> MatrixOptions:
        """Only the reading modes, for links that leave the matrix (cells, rows, articles)."""
        return MatrixOptions(blind=self.blind, projector=self.projector, reveal=self.reveal)

    @property
    def hides_names(self) -> bool:
        return blind.hides_names(blind=self.blind, reveal=self.reveal)


@dataclass
class Heading:
    """One column header as the reader sees it: a name, or a blind letter until revealed."""

    column: Column
    name: str
    blind_label: str = ""
    revealed: bool = True
    reveal_url: str = ""
    # How links name the outlet: its slug, or in blind mode its letter ("outlet-b").
    link_slug: str = ""
    # Its articles with their titles, redacted in blind mode.
    articles: list[tuple[Article, str]] = field(default_factory=list)

    @property
    def totals_html(self) -> SafeString:
        return totals_html(self.column.totals)


@dataclass
class PageRow:
    row: Row
    text: str  # the claim, redacted in blind mode
    cells_html: SafeString
    totals_html: SafeString
    url: str  # the row's permalink
    history_url: str
    edit_url: str


def matrix_page(event: Event, options: MatrixOptions) -> tuple[dict[str, Any], str]:
    """The template context of the matrix for ``options``, the same for every reader,
    and the key to queue the worker under (see coverage.tasks.prepare_layers_soon)
    when the comparison of the event's texts or the rows' origins are missing or out
    of date, empty unless this call found that.

    Shared between requests: treat the context as read-only. One query (the data
    version) when kept; else the matrix's queries, once per version, and the layout of
    the page.
    """
    version = matrix_cache.data_version(event)
    page = matrix_cache.kept_page(version, options)
    queue_key = ""
    if page is None or not page["matrix"].counts_current():
        matrix = matrix_cache.kept_matrix(event, version)
        if matrix is None or not matrix.counts_current():
            matrix, queue_key = counted_matrix_and_queue_key(event)
            matrix_cache.keep_matrix(event, version, matrix)
        page = _lay_out(event, matrix, options)
        matrix_cache.keep_page(version, options, page)
    return page, queue_key


def _lay_out(event: Event, matrix: Matrix, options: MatrixOptions) -> dict[str, Any]:
    redact = blind.unchanged
    if options.blind:
        matrix = in_blind_order(matrix)
        if options.hides_names:
            # Titles and claims can name an outlet; blind mode puts letters in place.
            redact = blind.redactor(matrix)
    headings = column_headings(matrix, options, redact)
    column = next(
        (index for index, heading in enumerate(headings) if heading.link_slug == options.outlet),
        None,
    )
    show = options.show if options.show in ROW_FILTERS or column is not None else "all"
    rows = filter_and_sort(matrix.rows, show=show, sort=options.sort, column=column)
    page = Paginator(rows, MATRIX_ROWS_PER_PAGE).get_page(options.page)
    modes = options.modes().query()
    base = event.get_absolute_url()
    # Links in rows are built by hand: reverse() for 4,000 cells would take longer than
    # the rest of the page. tests/views/test_matrix_views.py checks that they resolve.
    cell_urls = [
        (escape(f"{base}cells/"), escape(f"/{heading.link_slug}/{modes}")) for heading in headings
    ]
    page_rows = [
        PageRow(
            row=row,
            text=redact(row.assertion.text),
            cells_html=cells_html(row, cell_urls),
            totals_html=row_totals_html(row),
            url=f"{base}rows/{row.assertion.pk}/{modes}",
            history_url=f"{base}assertions/{row.assertion.pk}/history/",
            edit_url=f"{base}assertions/{row.assertion.pk}/",
        )
        for row in page.object_list
    ]
    counts = filter_counts(matrix.rows)
    filters = [(name, label, counts[name]) for name, (label, _) in ROW_FILTERS.items()]
    if column is None:
        filter_label = ROW_FILTERS[show][0]
    else:
        filter_label = f"{OUTLET_FILTERS[show][0]} {headings[column].name}"
        filters.append((show, filter_label, len(rows)))
    return {
        "matrix": matrix,
        "options": options,
        "show": show,
        # Rows a person added are marked only where the analysis found others.
        "marks_added_rows": any(row.assertion.origin == "machine" for row in matrix.rows),
        "headings": headings,
        "summary": summary_sentences(matrix, options, headings),
        "page": page,
        "page_rows": page_rows,
        "filters": filters,
        "filter_label": filter_label,
        "sorts": [(name, label) for name, (label, _) in ROW_SORTS.items()],
        "links": _mode_links(options),
        "page_links": [
            (number, options.with_(page=number).query() if isinstance(number, int) else "")
            for number in page.paginator.get_elided_page_range(page.number, on_each_side=2)
        ],
        "previous_page": options.with_(page=page.number - 1).query(),
        "next_page": options.with_(page=page.number + 1).query(),
        "modes": modes,
        "reveal_value": ",".join(sorted(options.reveal)),
        # For what the page shows besides the matrix: the event's title and summary.
        "redact": redact,
    }


def cells_html(row: Row, cell_urls: list[tuple[str, str]]) -> SafeString:
    """A row's cells as table cells, each a plain link to the cell's evidence.

    Rendered here rather than in a template partial: a page of 100 rows by 40 outlets
    has 4,000 cells, which a partial rendered in 318 ms against 10 ms here (median of
    7 on a busy 2-core machine), and on every request, where the kept page holds these
    strings. The headers of the table give each link its outlet and claim; the
    tbody's hx-boost opens it in the side panel. ``cell_urls`` are escaped already,
    the parts of each cell's link before and after the assertion id; the rest is our
    own text.
    """
    assertion_id = row.assertion.pk
    parts = []
    for cell, (before, after) in zip(row.cells, cell_urls, strict=True):
        hedged = cell.hedged
        parts.append(
            f'<td class="cell cell-{cell.label}{" cell-hedged" if hedged else ""}">'
            f'<a class="cell-link" href="{before}{assertion_id}{after}">{cell.label_display}'
            f"{' <em>hedged</em>' if hedged else ''}"
            f"{_HUMAN_MARK if cell.is_corrected else ''}</a></td>"
        )
    return mark_safe("".join(parts))


def row_totals_html(row: Row) -> SafeString:
    """A row's totals with its independent sources when copies or shared origins make
    them fewer than the agreeing outlets (coverage.selectors.counts)."""
    independent = row.independent_agreeing if row.has_copied_agreement else None
    return totals_html(row.totals, independent=independent)


def totals_html(totals: Counter[str], *, independent: int | None = None) -> SafeString:
    """A row's or a column's totals: "✔ 2 ✖ 0 ○ 1", one count per outlet (or per row).

    Hedging is a property of agreeing cells, not a fourth kind of cell, so it goes on
    a line of its own ("≈ 1 of the ✔ hedged") and the counts add up to the outlets
    there are. ◐ appears only when some outlet's articles disagree.
    """
    parts = [f'✔ {totals["agree"]}<span class="visually-hidden"> agree,</span>']
    if independent is not None:
        parts.append(f' <span class="independent">({independent} independent)</span>')
    parts.append(f' ✖ {totals["contradict"]}<span class="visually-hidden"> contradict,</span>')
    if totals["mixed"]:
        parts.append(f' ◐ {totals["mixed"]}<span class="visually-hidden"> mixed,</span>')
    parts.append(f' ○ {totals["silent"]}<span class="visually-hidden"> silent</span>')
    if totals["hedged"]:
        parts.append(
            f'<span class="totals-hedged"><span class="visually-hidden">, </span>'
            f'≈ {totals["hedged"]} of the <span aria-hidden="true">✔</span>'
            f'<span class="visually-hidden">agreeing</span> hedged</span>'
        )
    return mark_safe("".join(parts))


@dataclass(frozen=True)
class SummaryPart:
    text: str
    query: str = ""  # the rows it speaks of, as a query string of the matrix; "" for no link


def summary_sentences(
    matrix: Matrix, options: MatrixOptions, headings: list[Heading]
) -> list[list[SummaryPart]]:
    """What the matrix says, in sentences a class can read aloud, each count linking to
    its rows: "15 claims: 4 contested, 6 reported by one outlet only, 3 agreed by two or
    more independent outlets." then "Outlet B contradicts 7 claims and leaves out 2
    that others report." for the outlets that contradict or leave out most.

    ``headings`` name the outlets as the page does (letters in blind mode).
    """
    summary = summarise(matrix)
    if not summary.claims or not headings:
        return []

    def counted(count: int, words: str, show: str, **more: str) -> SummaryPart:
        if not count:
            return SummaryPart(f"none {words}")
        return SummaryPart(f"{count} {words}", options.with_(show=show, **more).query())

    claims = f"{summary.claims} claim{'s' if summary.claims != 1 else ''}"
    sentences = [[SummaryPart(f"{claims}: ")]]
    if len(headings) > 1:
        sentences[0] += [
            counted(summary.contested, "contested", "contested"),
            SummaryPart(", "),
            counted(summary.single_outlet, "reported by one outlet only", "single"),
            SummaryPart(", "),
            counted(summary.consensus, "agreed by two or more independent outlets", "consensus"),
            SummaryPart("."),
        ]
    else:
        sentences[0] += [SummaryPart("one outlet, so nothing to compare yet.")]
    for outlet in summary.outlets[:SUMMARY_OUTLETS]:
        heading = headings[outlet.column]
        sentence = [SummaryPart(f"{heading.name} ")]
        if outlet.contradicts:
            noun = "claim" if outlet.contradicts == 1 else "claims"
            sentence += [
                SummaryPart("contradicts "),
                counted(outlet.contradicts, noun, "contradicts", outlet=heading.link_slug),
            ]
        if outlet.contradicts and outlet.leaves_out:
            sentence.append(SummaryPart(" and "))
        if outlet.leaves_out:
            sentence += [
                SummaryPart("leaves out "),
                counted(
                    outlet.leaves_out, "that others report", "leaves-out", outlet=heading.link_slug
                ),
            ]
        sentence.append(SummaryPart("."))
        sentences.append(sentence)
    if len(summary.outlets) > SUMMARY_OUTLETS:
        more = len(summary.outlets) - SUMMARY_OUTLETS
        sentences.append(
            [SummaryPart(f"{more} more outlet{'s' if more != 1 else ''}: see the column totals.")]
        )
    return sentences


_HUMAN_MARK = (
    ' <span class="human-mark" title="Changed by a person"><span aria-hidden="true">✎</span>'
    '<span class="visually-hidden"> changed by a person</span></span>'
)


def column_headings(
    matrix: Matrix, options: MatrixOptions, redact: blind.Redact = blind.unchanged
) -> list[Heading]:
    """The column headers as the reader sees them, in the matrix's order."""
    if not options.blind:
        return [
            Heading(
                column=column,
                name=column.outlet.name,
                link_slug=column.outlet.slug,
                articles=[(article, article.title) for article in column.articles],
            )
            for column in matrix.columns
        ]
    labels = matrix.blind_labels
    headings = []
    for column in matrix.columns:
        label = labels[column.outlet.pk]
        revealed = blind.reveals(options.reveal, column.outlet, label)
        headings.append(
            Heading(
                column=column,
                name=column.outlet.name if revealed else label,
                blind_label=label,
                revealed=revealed,
                reveal_url=options.with_(reveal=options.reveal | {blind_letter(label)}).query(),
                link_slug=blind_slug(label),
                articles=[(article, redact(article.title)) for article in column.articles],
            )
        )
    return headings


def _mode_links(options: MatrixOptions) -> dict[str, str]:
    """Query strings of the page's toggles, for links that stay on the matrix."""
    return {
        "here": options.query(),
        "blind": options.with_(blind=not options.blind, reveal=frozenset()).query(),
        "projector": options.with_(projector=not options.projector).query(),
        "exit": options.with_(blind=False, projector=False, reveal=frozenset()).query(),
        "reveal_all": options.with_(reveal=frozenset({"all"})).query(),
        "hide_all": options.with_(reveal=frozenset()).query(),
        "show_all": options.with_(show="all").query(),
    }
