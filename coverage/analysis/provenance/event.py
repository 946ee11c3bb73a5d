"""Provenance of a whole event in one pass: copies, citations and every row's origins."""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from coverage.analysis.embeddings import TextEncoder
from coverage.analysis.names import ParsedSentence
from coverage.analysis.provenance.model import ArticleSources, Row, RowOrigins
from coverage.analysis.provenance.tracing import trace_origins
from coverage.analysis.segment import split_sentences
from coverage.analysis.sources import Citation, find_citations, may_cite, resolve_descriptions
from coverage.analysis.syndication import Document, Overlap, TextGroup, find_overlaps, text_groups

if TYPE_CHECKING:
    from spacy.language import Language


@dataclass(frozen=True)
class EventArticle:
    """An article of an event with what provenance reads of it."""

    key: Hashable
    outlet: str
    text: str
    homepage: str = ""
    published_at: datetime | None = None


@dataclass(frozen=True)
class EventProvenance:
    """Everything provenance found in an event: copied texts, citations, origins."""

    overlaps: list[Overlap]
    groups: list[TextGroup]
    citations: dict[Hashable, list[Citation]]
    rows: list[RowOrigins]


def event_provenance(
    articles: Sequence[EventArticle],
    rows: Sequence[Row],
    *,
    nlp: Language | None = None,
    encoder: TextEncoder | None = None,
    citations: Mapping[Hashable, Sequence[Citation]] | None = None,
) -> EventProvenance:
    """Copies and rewrites among the articles, every article's citations and every
    row's origins, in one pass: the step the analysis worker runs after the matrix.

    Cells' ``sentence_index`` numbers sentences as ``split_sentences(text)`` does.
    ``citations`` may come from the Sources layer, which finds them anyway; without
    them, the sentences that can cite anyone are parsed with ``nlp``.
    """
    documents = [
        Document(
            key=article.key,
            text=article.text,
            source=article.outlet,
            published_at=article.published_at,
            order=position,
            names=(article.outlet, article.homepage),
        )
        for position, article in enumerate(articles)
    ]
    overlaps = find_overlaps(documents, encoder=encoder)
    outlet_of = {article.key: article.outlet for article in articles}
    # An outlet reusing its own earlier article adds no origin and hides none.
    groups = text_groups([o for o in overlaps if outlet_of[o.original] != outlet_of[o.republished]])
    if citations is None:
        if nlp is None:
            raise ValueError("Pass the articles' citations, or a spaCy pipeline to find them.")
        citations = _find_citations(articles, nlp)
    traced = trace_origins(
        rows,
        [
            ArticleSources(
                article.key,
                article.outlet,
                article.homepage,
                resolve_descriptions(
                    citations.get(article.key, ()),
                    [sentence.text for sentence in split_sentences(article.text)],
                ),
            )
            for article in articles
        ],
        groups,
    )
    return EventProvenance(
        overlaps=overlaps,
        groups=groups,
        citations={key: list(found) for key, found in citations.items()},
        rows=traced,
    )


def _find_citations(articles: Sequence[EventArticle], nlp: Language) -> dict[Hashable, list]:
    """Citations of every article, parsing only the sentences that may hold one."""
    flat = [
        (article.key, sentence)
        for article in articles
        for sentence in split_sentences(article.text)
        if may_cite(sentence.text)
    ]
    docs = nlp.pipe((sentence.text for _, sentence in flat), batch_size=256)
    parsed: dict[Hashable, list[ParsedSentence]] = {article.key: [] for article in articles}
    for (key, sentence), doc in zip(flat, docs, strict=True):
        parsed[key].append(ParsedSentence(sentence.index, sentence.text, doc))
    return {key: find_citations(found) for key, found in parsed.items()}
