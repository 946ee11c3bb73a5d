"""Stance of whole articles toward single claims, for researchers' claim/article pairs.

The `stance` command answers "what does this article say about this claim?" for any
list of pairs with the decision every matrix cell uses (coverage.analysis.cells), so a
pair and the same cell in an analysed event get the same label, evidence and reason.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from coverage.analysis.cells import Parses, decide_cell, parse_run, texts_to_read
from coverage.analysis.cells.parses import open_run
from coverage.analysis.embeddings import CachingEncoder, get_embedder
from coverage.analysis.nlp import DEFAULT_MODEL
from coverage.analysis.segment import split_sentences

# Pairs per batch: large enough to embed many sentences in one call, small enough to
# report progress and bound memory on long inputs.
CHUNK_SIZE = 250


@dataclass(frozen=True)
class PairStance:
    label: str  # "agree" | "contradict" | "silent"
    hedged: bool
    evidence: str | None
    confidence: float
    reason: str


def classify_pairs(
    pairs: Sequence[tuple[str, str]],
    *,
    spacy_model: str = DEFAULT_MODEL,
    embedding_model_path: str | None = None,
    embedding_tokenizer_path: str | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> list[PairStance]:
    """Classify (claim, article text) pairs, in input order; models load once, and every
    text is parsed with ``spacy_model``."""
    encoder = CachingEncoder(get_embedder(embedding_model_path, embedding_tokenizer_path))
    # Inside a caller's run the parses are the caller's to keep: only our own are dropped.
    own_run = open_run() is None
    with parse_run(spacy_model) as parses:
        return _classify(pairs, encoder, parses, progress, drop_parses=own_run)


def _classify(
    pairs: Sequence[tuple[str, str]],
    encoder: CachingEncoder,
    parses: Parses,
    progress: Callable[[int, int], None] | None,
    *,
    drop_parses: bool,
) -> list[PairStance]:
    results: dict[int, PairStance] = {}
    for chunk in _article_chunks(pairs):
        sentence_lists = {
            text: [s.text for s in split_sentences(text, drop_boilerplate=True)]
            for text in dict.fromkeys(pairs[index][1] for index in chunk)
        }
        # One call embeds the whole chunk in large batches and one pass parses what the
        # decisions will read; the decisions then hit both caches.
        encoder.encode(
            [pairs[index][0] for index in chunk]
            + [s for sentences in sentence_lists.values() for s in sentences]
        )
        parses.parse_ahead(
            [
                text
                for index in chunk
                for text in texts_to_read(
                    pairs[index][0], sentence_lists[pairs[index][1]], encoder=encoder
                )
            ]
        )
        for index in chunk:
            claim, text = pairs[index]
            sentences = sentence_lists[text]
            decision = decide_cell(claim, sentences, encoder=encoder)
            evidence = " ".join(sentences[i] for i in decision.evidence) or None
            results[index] = PairStance(
                label=decision.label,
                hedged=decision.hedged,
                evidence=evidence,
                confidence=decision.confidence,
                reason=decision.reason,
            )
        # Every pair of the chunk's articles is decided: their parses would only fill
        # memory, which would otherwise grow with every article.
        if drop_parses:
            parses.clear()
        if progress is not None:
            progress(len(results), len(pairs))
    return [results[index] for index in range(len(pairs))]


def _article_chunks(pairs: Sequence[tuple[str, str]]) -> list[list[int]]:
    """Pair indexes in chunks of about CHUNK_SIZE, with all pairs of one article together,
    so an article is split and parsed once and its parses can go with its chunk."""
    by_article: dict[str, list[int]] = {}
    for index, (_, text) in enumerate(pairs):
        by_article.setdefault(text, []).append(index)
    chunks: list[list[int]] = [[]]
    for indexes in by_article.values():
        if len(chunks[-1]) >= CHUNK_SIZE:
            chunks.append([])
        chunks[-1].extend(indexes)
    return [chunk for chunk in chunks if chunk]
