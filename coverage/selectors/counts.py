"""Every count a page shows of a row or an event, worked out in one place.

Per row: the outlets that agree, contradict, are split (mixed) or silent, how many of
the agreeing ones hedge, and how many independent sources they are. Once the worker
has traced where the claim comes from (coverage.origins), the independent sources
are its distinct origins ("9 outlets · 2 origins: an anonymous source (via RIA
Novosti / Sputnik), Al-Watan"); until then, and for a row whose cells changed since,
outlets that republish one another count once (coverage.independence); before the
worker has compared the texts at all, every outlet counts. Per event: its outlets
with those that republish one another counted once.

The matrix and its row totals, the consensus filter, the explainer, the classroom
prompts, the charts, the embed, the row page, the API and the exports all read the
numbers from here (``counted_matrix``, ``count_rows``, ``row_counts``), so a claim is
never "1 independent" on one page and "agreed by all" on another. Counting costs one
query, the cache read of what the worker kept, and never runs the analysis.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings

from coverage import independence
from coverage.analysis.provenance import OWN_REPORTING, RowOrigins
from coverage.models import Article, Event, Stance
from coverage.origins import TracingFailure, row_state
from coverage.selectors.matrix import MIXED, Matrix, Row, build_matrix, without_gc_pauses

_AGREE, _CONTRADICT = Stance.Label.AGREE, Stance.Label.CONTRADICT


@dataclass(frozen=True)
class Counted:
    """What counting found for the event as a whole.

    ``queue_key`` is what to queue the worker under when something it keeps is
    missing or out of date (coverage.tasks.prepare_layers_soon), empty otherwise or
    once queued. ``pending`` says the worker has work left that changes the counts
    (queued or not); ``failure`` why the counts are not final when the worker failed.
    """

    copies_counted: bool
    independent_sources: int | None
    queue_key: str = ""
    pending: bool = False
    failure: str = ""
    # Articles that share one text (ids, two or more each), once the texts are compared.
    article_groups: tuple[frozenset[int], ...] = ()


def counted_matrix(event: Event, *, evidence: bool = True) -> Matrix:
    """build_matrix with every row's independent counts: one query more."""
    matrix = build_matrix(event, evidence=evidence)
    count_matrix(matrix)
    return matrix


def counted_matrix_and_queue_key(event: Event) -> tuple[Matrix, str]:
    """The grid (no evidence sentences) with its counts, for the matrix page, and the
    key to queue the worker under when what it keeps is missing or out of date."""
    matrix = build_matrix(event, evidence=False)
    return matrix, count_matrix(matrix)


def count_matrix(matrix: Matrix) -> str:
    """Fill the matrix's counts; returns the key to queue the worker under, if any."""
    # Reading what the worker kept and the rows' states makes many small objects
    # beside the matrix's thousands: see without_gc_pauses.
    with without_gc_pauses():
        counted = count_rows(
            matrix.event,
            matrix.rows,
            [article for column in matrix.columns for article in column.articles],
        )
    matrix.copies_counted = counted.copies_counted
    matrix.counts_pending = counted.pending
    matrix.counts_failure = counted.failure
    if counted.failure:
        matrix.counts_expire_at = time.monotonic() + settings.PARALLAX_FAILURE_RECOUNT_SECONDS
    matrix.independent_sources = counted.independent_sources
    matrix.article_groups = [sorted(group) for group in counted.article_groups]
    return counted.queue_key


def count_rows(event: Event, rows: Sequence[Row], articles: Iterable[Article]) -> Counted:
    """Fill each row's independent counts (``independent_agreeing``,
    ``independent_sources``, ``origins``) from what the worker kept, in one query.

    ``articles`` are all the event's articles, loaded with their text and outlets.
    """
    facts = independence.article_facts(articles)
    if not facts:
        for row in rows:
            row.independent_agreeing = row.independent_sources = 0
        return Counted(copies_counted=True, independent_sources=0)
    stored = independence.stored_analysis(event, facts)
    if stored.analysis is None:
        # Each outlet its own source until the worker has compared the texts.
        groups = {f.outlet_id: f.outlet_id for f in facts}
        for row in rows:
            _count_by_outlets(row, groups)
        return Counted(
            False, None, stored.queue_key, pending=not stored.failure, failure=stored.failure
        )
    found = independence.grouped(facts, stored.analysis)
    groups = independence.groups_of_outlets(facts, stored.analysis, found)
    fingerprint = independence.fingerprint(facts)
    kept = stored.origins
    if kept is not None and kept.fingerprint != fingerprint:
        kept = None
    if isinstance(kept, TracingFailure):
        # Copies counted once, and no retracing asked for until the failure expires.
        for row in rows:
            _count_by_outlets(row, groups)
        return Counted(
            True,
            independence.independent_source_count(groups),
            failure=kept.message,
            article_groups=tuple(found.articles),
        )
    stale: list[tuple] = []
    for row in rows:
        state = row_state(stance for cell in row.cells for stance in cell.stances)
        traced = kept.rows.get(row.assertion.pk) if kept is not None else None
        if traced is not None and traced.state == state:
            _count_by_origins(row, traced.origins)
        else:
            stale.append((row.assertion.pk, state))
            _count_by_outlets(row, groups)
    queue_key = ""
    if stale:
        described = repr((fingerprint, stale)).encode()
        queue_key = f"origins:queued:{event.pk}:{hashlib.sha256(described).hexdigest()}"
    return Counted(
        True,
        independence.independent_source_count(groups),
        queue_key,
        pending=bool(stale),
        article_groups=tuple(found.articles),
    )


def _count_by_origins(row: Row, origins: RowOrigins) -> None:
    row.origins = origins
    agreeing = {
        stance.article_id
        for cell in row.agreeing_cells
        for stance in cell.stances
        if stance.label == _AGREE
    }
    row.independent_agreeing = len(
        {chain.origin.key for chain in origins.chains if chain.article in agreeing}
    )
    row.independent_sources = origins.independent_origins


def _count_by_outlets(row: Row, groups: dict[int, int]) -> None:
    row.origins = None
    row.independent_agreeing = len(
        {groups.get(cell.outlet.pk, cell.outlet.pk) for cell in row.agreeing_cells}
    )
    row.independent_sources = len(
        {
            groups.get(cell.outlet.pk, cell.outlet.pk)
            for cell in row.cells
            if cell.label in (_AGREE, _CONTRADICT, MIXED)
        }
    )


def event_independent_sources(event: Event, articles: Iterable[Article]) -> int | None:
    """The event's outlets with those that republish one another counted once, or
    None before the worker has compared the texts: one query, the cache read.

    ``articles`` are all the event's articles with their outlets, and their text or
    its length annotated as ``text_length``.
    """
    facts = independence.article_facts(articles)
    if not facts:
        return 0
    stored = independence.stored_analysis(event, facts)
    if stored.analysis is None:
        return None
    return independence.independent_source_count(
        independence.groups_of_outlets(facts, stored.analysis)
    )


def origins_in_words(row: Row) -> str:
    """ "3 outlets · 2 origins: Interior Ministry, an anonymous source (via CPA)", or
    "" until the worker has traced the row."""
    return row.origins.summary() if row.origins is not None and row.origins.chains else ""


def row_counts(row: Row) -> dict[str, Any]:
    """A row's numbers as plain data, for the API and the exports."""
    totals = row.totals
    return {
        "agree": totals[_AGREE],
        "contradict": totals[_CONTRADICT],
        "mixed": totals[MIXED],
        "silent": totals[Stance.Label.SILENT],
        "hedged": totals["hedged"],
        "independent_agreeing": row.independent_agreeing,
        "independent_sources": row.independent_sources,
    }


def row_origins(row: Row) -> dict[str, Any] | None:
    """Where the row's claim comes from, as plain data: each origin with the outlets
    that lead to it and the chain from each; None until the worker has traced it."""
    if row.origins is None:
        return None
    return {
        "summary": origins_in_words(row),
        "origins": [
            {
                "name": origin.name,
                "kind": origin.kind.value,
                "outlets": sorted(
                    {chain.outlet for chain in row.origins.chains if chain.origin.key == origin.key}
                ),
            }
            for origin in row.origins.origins
        ],
        "chains": [
            {
                "outlet": chain.outlet,
                "article": chain.article,
                "label": chain.label,
                "steps": list(chain.steps),
                "origin": chain.origin.name,
            }
            for chain in row.origins.chains
        ],
    }


def chain_in_words(row: Row, article_id: int) -> str:
    """ "TROIB News → RIA Novosti → a source within Syria" for one article's cell."""
    if row.origins is None:
        return ""
    for chain in row.origins.chains:
        if chain.article == article_id:
            steps = chain.steps
            if steps[-1] == OWN_REPORTING:
                return f"{' → '.join(steps[:-1])} ({OWN_REPORTING})"
            return " → ".join(steps)
    return ""
