"""Stance of whole articles toward single claims, for researchers' claim/article pairs.

The `stance` command answers "what does this article say about this claim?" for any
list of pairs with the decision every matrix cell uses (coverage.analysis.cells), so a
pair and the same cell in an analysed event get the same label, evidence and reason.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from coverage.analysis.cells import Parses, decide_cell, parse_run, texts_to_read
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
    with parse_run(spacy_model) as parses:
        return _classify(pairs, encoder, parses, progress)


def _classify(
    pairs: Sequence[tuple[str, str]],
    encoder: CachingEncoder,
    parses: Parses,
    progress: Callable[[int, int], None] | None,
) -> list[PairStance]:
    results: list[PairStance] = []
    for chunk_start in range(0, len(pairs), CHUNK_SIZE):
        chunk = pairs[chunk_start : chunk_start + CHUNK_SIZE]
        sentence_lists = [
            [s.text for s in split_sentences(text, drop_boilerplate=True)] for _, text in chunk
        ]
        # One call embeds the whole chunk in large batches and one pass parses what the
        # decisions will read; the decisions then hit both caches.
        encoder.encode(
            [claim for claim, _ in chunk] + [s for sentences in sentence_lists for s in sentences]
        )
        parses.parse_ahead(
            [
                text
                for (claim, _), sentences in zip(chunk, sentence_lists, strict=True)
                for text in texts_to_read(claim, sentences, encoder=encoder)
            ]
        )
        for (claim, _), sentences in zip(chunk, sentence_lists, strict=True):
            decision = decide_cell(claim, sentences, encoder=encoder)
            evidence = " ".join(sentences[index] for index in decision.evidence) or None
            results.append(
                PairStance(
                    label=decision.label,
                    hedged=decision.hedged,
                    evidence=evidence,
                    confidence=decision.confidence,
                    reason=decision.reason,
                )
            )
        if progress is not None:
            progress(len(results), len(pairs))
    return results
