"""Pairs of articles compared: one pair exactly, or every pair of an event."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from coverage.analysis.embeddings import TextEncoder
from coverage.analysis.syndication.alignment import (
    PARAPHRASE_NEW_FACTS,
    Alignment,
    align,
    article_sentences,
    facts,
    mentions,
    new_share,
)
from coverage.analysis.syndication.model import AlignedSentences, Document, Kind, Overlap
from coverage.analysis.syndication.orientation import names_either, orient
from coverage.analysis.syndication.shingles import (
    CANDIDATE_CONTAINMENT,
    Fingerprint,
    classify,
    containment,
    fingerprint,
    jaccard,
    minhash,
)


def compare(first: Document, second: Document, *, encoder: TextEncoder | None = None) -> Overlap:
    """Compare two articles exactly; the pair's direction as in ``orient``."""
    aligned = align(*article_sentences([first.text, second.text], encoder))
    return _compare(first, fingerprint(first.text), second, fingerprint(second.text), aligned)


def _shares_text(first: Fingerprint, second: Fingerprint) -> bool:
    """Whether word overlap alone makes two texts a copy or a rewrite."""
    return (
        classify(
            containment(first.shingles, second.shingles),
            containment(first.own_shingles, second.own_shingles),
            len(first.sentences & second.sentences),
        )
        != Kind.UNRELATED
    )


def _compare(
    first: Document,
    first_print: Fingerprint,
    second: Document,
    second_print: Fingerprint,
    alignment: Alignment | None = None,
) -> Overlap:
    share = containment(first_print.shingles, second_print.shingles)
    own_share = containment(first_print.own_shingles, second_print.own_shingles)
    shared_sentences = len(first_print.sentences & second_print.sentences)
    kind = classify(share, own_share, shared_sentences)
    if (
        kind == Kind.UNRELATED
        and alignment is not None
        and (
            alignment.is_paraphrase
            or (alignment.is_credited_retelling and names_either(first, second))
        )
    ):
        kind = Kind.REWRITE
    orientation = orient(first, first_print, second, second_print)
    pairs: tuple[AlignedSentences, ...] = ()
    coverage = 0.0
    if alignment is not None:
        coverage = max(alignment.first_coverage, alignment.second_coverage)
        pairs = alignment.pairs
        if orientation.original is second:
            pairs = tuple(
                AlignedSentences(p.republished, p.original, p.similarity, p.shared) for p in pairs
            )
    return Overlap(
        original=orientation.original.key,
        republished=orientation.republished.key,
        containment=share,
        jaccard=jaccard(first_print.shingles, second_print.shingles),
        shared_sentences=shared_sentences,
        kind=kind,
        basis=orientation.basis,
        aligned=pairs,
        coverage=coverage,
        reasons=orientation.reasons,
        common_source=orientation.common_source,
    )


def find_overlaps(
    documents: Sequence[Document], *, encoder: TextEncoder | None = None
) -> list[Overlap]:
    """Copy and rewrite pairs among the documents, strongest first.

    With ``encoder`` (MiniLM sentence vectors) paraphrased rewrites are found too,
    and every pair carries its aligned sentences as evidence.
    """
    if len(documents) < 2:
        return []
    prints = [fingerprint(document.text) for document in documents]
    signatures = np.stack([minhash(p.shingles) for p in prints])
    sizes = np.array([len(p.shingles) for p in prints], dtype=float)
    candidates: set[tuple[int, int]] = set()
    for index in range(len(documents) - 1):
        similar = (signatures[index + 1 :] == signatures[index]).mean(axis=1)
        others = sizes[index + 1 :]
        # |A∩B| = J/(1+J)·(|A|+|B|), and containment divides it by the smaller set.
        shared = similar / (1 + similar) * (sizes[index] + others)
        smaller = np.maximum(np.minimum(sizes[index], others), 1)
        for offset in np.flatnonzero(shared / smaller >= CANDIDATE_CONTAINMENT):
            candidates.add((index, index + 1 + int(offset)))
    # Every pair that shares text gets its sentences aligned by their words, for the
    # evidence; a paraphrase brings almost no facts of its own, so only pairs whose
    # facts nearly coincide need sentence vectors to find one.
    paraphrases: set[tuple[int, int]] = set()
    if encoder is not None:
        known = [facts(document.text) for document in documents]
        mentioned = [mentions(document.text) for document in documents]
        for index in range(len(documents) - 1):
            for other in range(index + 1, len(documents)):
                new_facts = min(
                    new_share(known[index], mentioned[other]),
                    new_share(known[other], mentioned[index]),
                )
                if new_facts <= PARAPHRASE_NEW_FACTS:
                    paraphrases.add((index, other))
    lexical = sorted({index for pair in candidates - paraphrases for index in pair})
    semantic = sorted({index for pair in paraphrases for index in pair})
    views = {
        "words": dict(
            zip(lexical, article_sentences([documents[i].text for i in lexical]), strict=True)
        ),
        "meaning": dict(
            zip(
                semantic,
                article_sentences([documents[i].text for i in semantic], encoder)
                if semantic
                else [],
                strict=True,
            )
        ),
    }
    overlaps = []
    for index, other in sorted(candidates | paraphrases):
        if (index, other) not in paraphrases and not _shares_text(prints[index], prints[other]):
            continue
        found = views["meaning"] if (index, other) in paraphrases else views["words"]
        alignment = align(found[index], found[other])
        overlap = _compare(
            documents[index], prints[index], documents[other], prints[other], alignment
        )
        if overlap.kind != Kind.UNRELATED:
            overlaps.append(overlap)
    return sorted(overlaps, key=lambda overlap: (-overlap.percent, str(overlap.republished)))
