"""Where each row's claim comes from: the worker traces it, pages read what it kept.

coverage.analysis.provenance follows every outlet that carries a claim back to its
origin (its own reporting, an agency, an official, an anonymous source) and counts
the origins a reader can tell apart. It needs the citations the Sources layer found
(coverage.readings.layers) and the copies the comparison of texts found
(coverage.independence), both computed by the worker; the tracing itself takes
milliseconds, but it reads both, so it runs in the worker too (coverage.tasks), right
after them, and never in a page request.

The result is kept in Django's cache under the event, with the fingerprint of the
articles it was traced from and, for each row, the state of the row's cells (who
carries the claim, with which sentence and attribution). A page uses a row's
origins only while its cells are as they were; a corrected cell makes that row fall
back to counting copies once (coverage.independence) until the worker has traced it
again, which the matrix page queues. See coverage.selectors.counts, the one reader.

Who a cell attributes its claim to is decided in coverage.attribution, once, for the
tracing, the explainer, the classroom, the API and the exports.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Protocol

from django.core.cache import cache
from django.db import connection

from coverage import independence
from coverage.analysis.provenance import ArticleSources, Cell, Row, RowOrigins, trace_origins
from coverage.analysis.sources import Citation
from coverage.analysis.syndication import text_groups
from coverage.attribution import cell_attribution
from coverage.models import Event, Stance
from coverage.readings import layers

logger = logging.getLogger(__name__)

_CARRYING = (Stance.Label.AGREE, Stance.Label.CONTRADICT)


class StanceLike(Protocol):
    """A Stance, or the matrix's StanceSummary: what a row's state is made of."""

    article_id: int
    label: str
    hedged: bool
    attributed_to: str
    evidence_id: int | None


def row_state(stances: Iterable[StanceLike]) -> bytes:
    """What a row's origins depend on besides the articles, as a short digest of its
    carrying cells (article, label, hedged, attribution, evidence sentence): 16 bytes
    per row keep the stored tracing small, and so quick to read for the matrix."""
    cells = sorted(
        (s.article_id, s.label, s.hedged, s.attributed_to, s.evidence_id or 0)
        for s in stances
        if s.label in _CARRYING
    )
    return hashlib.blake2b(repr(cells).encode(), digest_size=16).digest()


@dataclass(frozen=True)
class KeptRow:
    state: bytes
    origins: RowOrigins


@dataclass(frozen=True)
class KeptOrigins:
    """The worker's tracing of an event: ``fingerprint`` is independence's fingerprint
    of the articles, ``rows`` each row's origins under its cells' state."""

    fingerprint: str
    rows: dict[int, KeptRow]


@dataclass(frozen=True)
class TracingFailure:
    """The worker could not trace these articles' rows; kept in place of a tracing for
    a while (independence.FAILURE_SECONDS), so pages say so and count copies once
    instead of asking the worker again and again."""

    fingerprint: str
    message: str


TRACING_FAILED = (
    "Parallax could not trace where these claims come from, so each row counts outlets "
    "that republish one another once. Tell the administrator; it is tried again in a "
    "quarter of an hour."
)


def prepare(event: Event) -> bool:
    """Trace every row whose cells changed since the last tracing: the worker's job,
    after the Sources layer and the comparison of texts. Returns whether it kept a new
    result (the matrix's cached pages must then be rebuilt): a tracing, or the failure
    to trace, which pages show."""
    facts = independence.load_facts(event)
    if not facts:
        return False
    stored = independence.stored_analysis(event, facts)
    if stored.analysis is None:
        return False  # the comparison failed or is still to come; traced after it
    fingerprint = independence.fingerprint(facts)
    try:
        rows = _load_rows(event)
        if _still_fits(stored.origins, fingerprint, rows):
            return False
        citations = _citations(event)
        if citations is None:
            return False  # the Sources layer is still to come
        # Keyed by the event alone: the fingerprint and states inside tell whether it
        # still fits, and a new tracing replaces it.
        cache.set(
            independence.origins_key(event),
            _trace(facts, stored.analysis, fingerprint, rows, citations),
            None,
        )
    except Exception:
        # A fault in tracing must not fail the analysis or the layers prepared with it:
        # it is kept whole or not at all, and pages count copies once and say why.
        logger.exception("Could not trace the origins of event %s", event.pk)
        _reconnect_if_lost()
        cache.set(
            independence.origins_key(event),
            TracingFailure(fingerprint, TRACING_FAILED),
            independence.FAILURE_SECONDS,
        )
    return True


def _reconnect_if_lost() -> None:
    """Close a database connection the fault broke, so saying so opens a new one."""
    if (
        connection.connection is not None
        and not connection.in_atomic_block
        and not connection.is_usable()
    ):
        connection.close()


def _trace(
    facts: Sequence[independence.ArticleFacts],
    analysis: independence.TextAnalysis,
    fingerprint: str,
    rows: dict[int, tuple[bytes, Row]],
    citations: dict[Hashable, Sequence[Citation]],
) -> KeptOrigins:
    """Every row's origins through the copies between outlets and the citations."""
    outlets = {f.pk: f for f in facts}
    between_outlets = [
        overlap
        for overlap in analysis.overlaps
        if outlets[overlap.original].outlet_id != outlets[overlap.republished].outlet_id
    ]
    traced = trace_origins(
        [row for _, row in rows.values()],
        [
            ArticleSources(f.pk, f.outlet_name, f.outlet_homepage, citations.get(f.pk, ()))
            for f in facts
        ],
        text_groups(between_outlets),
    )
    return KeptOrigins(
        fingerprint=fingerprint,
        rows={
            key: KeptRow(state, _compact(origins))
            for (key, (state, _)), origins in zip(rows.items(), traced, strict=True)
        },
    )


def _compact(origins: RowOrigins) -> RowOrigins:
    """What pages read of a row's origins: the chains without their evidence sentences
    (pages have the cells' own), each origin one object, so the stored tracing of a
    40 x 400 event reads in a tenth of a second."""
    shared = {origin.key: origin for origin in origins.origins}
    return replace(
        origins,
        chains=tuple(
            replace(chain, evidence=None, origin=shared.get(chain.origin.key, chain.origin))
            for chain in origins.chains
        ),
    )


def _still_fits(
    kept: KeptOrigins | TracingFailure | None,
    fingerprint: str,
    rows: dict[int, tuple[bytes, Row]],
) -> bool:
    """The kept tracing is of these articles and of every row as its cells are now, or
    tracing these articles failed a short while ago."""
    if kept is None or kept.fingerprint != fingerprint:
        return False
    if isinstance(kept, TracingFailure):
        return True
    if set(kept.rows) != set(rows):
        return False
    return all(kept.rows[key].state == state for key, (state, _) in rows.items())


def _load_rows(event: Event) -> dict[int, tuple[bytes, Row]]:
    """Each row's cells as the tracing reads them, in two queries: rows, cells."""
    texts = dict(event.assertions.order_by("position", "pk").values_list("pk", "text"))
    rows: dict[int, tuple[list, list[Cell]]] = {pk: ([], []) for pk in texts}
    stances = (
        Stance.objects.filter(assertion__event=event, label__in=_CARRYING)
        .select_related("evidence", "evidence_through")
        .only(
            "assertion_id",
            "article_id",
            "label",
            "hedged",
            "attributed_to",
            "evidence__index",
            "evidence__text",
            "evidence_through__text",
        )
        .order_by("assertion_id", "article_id")
    )
    for stance in stances:
        states, cells = rows[stance.assertion_id]
        states.append(stance)
        evidence = stance.evidence
        cells.append(
            Cell(
                article=stance.article_id,
                label=stance.label,
                evidence=evidence.text if evidence else None,
                sentence_index=evidence.index if evidence else None,
                attributed_to=cell_attribution(stance) or None,
            )
        )
    return {
        pk: (row_state(states), Row(key=pk, text=texts[pk], cells=cells))
        for pk, (states, cells) in rows.items()
    }


def _citations(event: Event) -> dict[Hashable, Sequence[Citation]] | None:
    """Each article's citations as the Sources layer found them, or None while the
    worker has not prepared that layer. A layer that cannot be prepared (no language
    model) gives none: origins then rest on copies and recorded attributions."""
    analysis = layers.article_analysis(event)
    if analysis is None:
        return None
    if isinstance(analysis, layers.LayerFailure):
        return {}
    found: dict[Hashable, list[Citation]] = {}
    for source in analysis.sources:
        for article, citations in source.citations.items():
            found.setdefault(article, []).extend(citations)
    for citations in found.values():
        citations.sort(key=lambda citation: citation.sentence_index)
    return found
