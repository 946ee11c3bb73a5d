"""The event page's matrix as the reader asked for it: filters, order, page and modes.

``MatrixOptions`` reads those choices from the query string and writes them back into
links. ``matrix_page`` returns what every reader of one view of the matrix sees, kept
between requests by coverage.selectors.matrix_cache until the event's data changes;
what depends on the reader (editing rights, forms, the analysis run) is the view's.

A page request goes down once: the view asks matrix_page, which reads the event's
data version, then the kept page, else the kept matrix, else builds the matrix with
its independent counts (coverage.selectors.matrix) and lays the page out here. When
that build finds the event's texts not compared yet, it hands the view the key to
queue the worker's comparison under; a selector never queues work itself.
"""

from __future__ import annotations

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
from coverage.selectors.matrix import (
    ROW_FILTERS,
    ROW_SORTS,
    Column,
    Matrix,
    Row,
    filter_and_sort,
    filter_counts,
    in_blind_order,
    matrix_with_independent_counts,
)

MATRIX_ROWS_PER_PAGE = 100


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

    @classmethod
    def from_query(cls, query: QueryDict) -> MatrixOptions:
        show = query.get("show", "")
        sort = query.get("sort", "")
        return cls(
            show=show if show in ROW_FILTERS else "all",
            sort=sort if sort in ROW_SORTS else "position",
            page=int_or_default(query, "page", 1, maximum=999_999),
            blind=blind.blind_requested(query),
            projector=blind.is_yes(query.get("projector")),
            reveal=blind.requested_reveals(query),
        )

    def with_(self, **changes) -> MatrixOptions:
        if "show" in changes or "sort" in changes:
            changes.setdefault("page", 1)
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


@dataclass
class PageRow:
    row: Row
    text: str  # the claim, redacted in blind mode
    cells_html: SafeString
    url: str  # the row's permalink
    history_url: str
    edit_url: str


def matrix_page(event: Event, options: MatrixOptions) -> tuple[dict[str, Any], str]:
    """The template context of the matrix for ``options``, the same for every reader,
    and the key to queue the worker's comparison of the event's texts under (see
    coverage.tasks.prepare_layers_soon), empty unless this call found it missing.

    Shared between requests: treat the context as read-only. One query (the data
    version) when kept; else the matrix's queries, once per version, and the layout of
    the page.
    """
    version = matrix_cache.data_version(event)
    page = matrix_cache.kept_page(version, options)
    queue_key = ""
    if page is None:
        matrix = matrix_cache.kept_matrix(event, version)
        if matrix is None:
            matrix, queue_key = matrix_with_independent_counts(event)
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
    headings = _headings(matrix, options, redact)
    rows = filter_and_sort(matrix.rows, show=options.show, sort=options.sort)
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
            url=f"{base}rows/{row.assertion.pk}/{modes}",
            history_url=f"{base}assertions/{row.assertion.pk}/history/",
            edit_url=f"{base}assertions/{row.assertion.pk}/",
        )
        for row in page.object_list
    ]
    counts = filter_counts(matrix.rows)
    return {
        "matrix": matrix,
        "options": options,
        "headings": headings,
        "page": page,
        "page_rows": page_rows,
        "filters": [(name, label, counts[name]) for name, (label, _) in ROW_FILTERS.items()],
        "filter_label": ROW_FILTERS[options.show][0],
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
            f"{_HUMAN_MARK if cell.is_human else ''}</a></td>"
        )
    return mark_safe("".join(parts))


_HUMAN_MARK = (
    ' <span class="human-mark" title="Set by a person"><span aria-hidden="true">✎</span>'
    '<span class="visually-hidden"> set by a person</span></span>'
)


def _headings(matrix: Matrix, options: MatrixOptions, redact: blind.Redact) -> list[Heading]:
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
