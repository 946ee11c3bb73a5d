"""The sentences and adjacent pairs worth reading for a claim: the MiniLM topic filter."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from coverage.analysis.cells.model import CellConfig, Window
from coverage.analysis.embeddings import TextEncoder

if TYPE_CHECKING:
    pass


def closest_windows(windows: list[Window], config: CellConfig) -> tuple[list[Window], list[Window]]:
    """The closest single sentences and adjacent pairs worth reading, closest first."""
    readable = sorted(
        (w for w in windows if w.similarity >= config.floor), key=lambda w: -w.similarity
    )
    singles = [w for w in readable if len(w.indexes) == 1]
    alone = {w.indexes[0]: w.similarity for w in singles}
    # Two sentences are worth reading together only when they are closer to the claim
    # than either alone: the second completes the first ("... the bank said. It cut
    # rates."). Otherwise the better sentence is read by itself.
    pairs = [
        w
        for w in readable
        if len(w.indexes) == 2 and w.similarity > max(alone.get(i, 0.0) for i in w.indexes)
    ]
    return singles[: config.candidates], pairs[: config.pair_candidates]


def sub_windows(window: Window) -> list[tuple[int, ...]]:
    return [(index,) for index in window.indexes]


def read_windows(claim: str, sentences: Sequence[str], encoder: TextEncoder) -> list[Window]:
    """Every sentence, and every two adjacent ones, with its cosine to the claim.

    Two sentences are scored by the mean of their vectors, which ranks them about as
    embedding the joined text does, at no extra encoding.
    """
    vectors = encoder.encode([claim, *sentences])
    claim_vector, sentence_vectors = vectors[0], vectors[1:]
    single = sentence_vectors @ claim_vector
    joined = sentence_vectors[:-1] + sentence_vectors[1:]
    norms = np.maximum(np.linalg.norm(joined, axis=1), 1e-12)
    paired = (joined @ claim_vector) / norms
    windows = [Window((i,), text, float(single[i])) for i, text in enumerate(sentences)]
    windows += [
        Window((i, i + 1), f"{sentences[i]} {sentences[i + 1]}", float(paired[i]))
        for i in range(len(sentences) - 1)
    ]
    return windows


def texts_to_read(
    claim: str,
    sentences: Sequence[str],
    *,
    encoder: TextEncoder,
    config: CellConfig | None = None,
) -> list[str]:
    """The claim and the windows ``decide_cell`` will parse for this cell, for parse_ahead:
    every close sentence (any may conflict), and the pairs close enough to state the claim
    with each of their sentences (read alone to see whether it adds to the claim)."""
    config = config or CellConfig()
    if not claim.strip() or not sentences:
        return []
    singles, pairs = closest_windows(read_windows(claim, sentences, encoder), config)
    if not singles:
        return []
    stating = [window for window in pairs if window.similarity >= config.agree_above]
    halves = [sentences[i] for window in stating for i in window.indexes]
    return [claim, *(window.text for window in singles + stating), *halves]
