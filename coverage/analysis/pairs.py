"""Stance of whole articles toward single claims, for researchers' claim/article pairs.

The event pipeline decides cells from aligned claims; this step answers the simpler
question "what does this article say about this claim?" for any list of pairs, as
the `stance` command does. FNC-1 labels map to the product's cells: agree -> agree,
discuss -> agree + hedged (reported without endorsement), disagree -> contradict,
unrelated -> silent.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from coverage.analysis.embeddings import CachingEncoder, get_embedder
from coverage.analysis.hedging import detect_hedging
from coverage.analysis.pipeline import contradicts
from coverage.analysis.segment import split_sentences
from coverage.analysis.stance import StancePrediction, predict_stances

# Pairs per classifier call: large enough to batch embeddings, small enough to
# report progress and bound memory on long inputs.
CHUNK_SIZE = 250


@dataclass(frozen=True)
class PairStance:
    label: str  # "agree" | "contradict" | "silent"
    hedged: bool
    evidence: str | None
    confidence: float


def classify_pairs(
    pairs: Sequence[tuple[str, str]],
    *,
    embedding_model_path: str | None = None,
    embedding_tokenizer_path: str | None = None,
    stance_weights_path: str | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> list[PairStance]:
    """Classify (claim, article text) pairs, in input order; models load once."""
    embedder = CachingEncoder(get_embedder(embedding_model_path, embedding_tokenizer_path))
    results: list[PairStance] = []
    for chunk_start in range(0, len(pairs), CHUNK_SIZE):
        chunk = pairs[chunk_start : chunk_start + CHUNK_SIZE]
        sentence_lists = [
            [s.text for s in split_sentences(text, drop_boilerplate=True)] for _, text in chunk
        ]
        predictions = predict_stances(
            [
                (claim, sentences)
                for (claim, _), sentences in zip(chunk, sentence_lists, strict=True)
            ],
            embedder=embedder,
            weights_path=stance_weights_path,
        )
        for (claim, _), prediction, sentences in zip(
            chunk, predictions, sentence_lists, strict=True
        ):
            results.append(_to_cell(claim, prediction, sentences))
        if progress is not None:
            progress(len(results), len(pairs))
    return results


def _to_cell(claim: str, prediction: StancePrediction, sentences: list[str]) -> PairStance:
    label = prediction.label
    evidence = (
        sentences[prediction.evidence_index]
        if prediction.evidence_index is not None and sentences
        else None
    )
    confidence = round(prediction.confidence, 4)
    if label == "unrelated" or evidence is None:
        return PairStance(label="silent", hedged=False, evidence=None, confidence=confidence)
    hedged = label == "discuss" or detect_hedging(evidence).hedged
    # The classifier's weakest class is disagree: a denial or another figure in the
    # best sentence overrides a reading of agreement, as in the event pipeline.
    disagrees = label == "disagree" or contradicts(claim, evidence)
    return PairStance(
        label="contradict" if disagrees else "agree",
        hedged=hedged,
        evidence=evidence,
        confidence=confidence,
    )
