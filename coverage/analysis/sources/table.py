"""Sources across an event: one row per source and chain, names folded."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Mapping, Sequence

from coverage.analysis.names import fold_names
from coverage.analysis.sources.model import KIND_STRENGTH, Citation, SourceKind, SourceRow


def tabulate_sources(
    citations_by_article: Mapping[Hashable, Sequence[Citation]],
) -> list[SourceRow]:
    """One row per source (and chain) across an event, most cited first.

    Names are folded over the whole event, so "RIA" in one sentence joins "RIA
    Novosti" in another, and one kind is settled per source.
    """
    names = [
        name
        for citations in citations_by_article.values()
        for citation in citations
        for name in (citation.source, *citation.via)
        if citation.kind != SourceKind.ANONYMOUS or name != citation.source
    ]
    canonical = fold_names(names)
    kinds: dict[str, list[SourceKind]] = defaultdict(list)
    for citations in citations_by_article.values():
        for citation in citations:
            kinds[canonical.get(citation.source, citation.source)].append(citation.kind)
    grouped: dict[tuple[str, tuple[str, ...]], dict[Hashable, list[Citation]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for article, citations in citations_by_article.items():
        for citation in citations:
            source = canonical.get(citation.source, citation.source)
            via = tuple(canonical.get(name, name) for name in citation.via)
            grouped[(source, via)][article].append(citation)
    rows = [
        SourceRow(
            source=source,
            kind=min(kinds[source], key=KIND_STRENGTH.index),
            via=via,
            citations={article: tuple(found) for article, found in by_article.items()},
        )
        for (source, via), by_article in grouped.items()
    ]
    rows.sort(key=lambda row: (-row.total, KIND_STRENGTH.index(row.kind), row.via, row.source))
    return rows
