"""Claims that one article renders from another it copies or rewrites.

A rewrite keeps its source's facts and order but changes most words ("At least a dozen
people were detained" becomes "At least 12 people were hauled away"), so the wording
alone often leaves the two sentences' claims in two rows, each showing the other outlet
silent. The syndication step already aligns such a pair's sentences (find_overlaps, with
the sentence encoder); a claim of an aligned sentence and the closest claim of the
sentence it renders are one claim told twice.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Sequence

import numpy as np

from coverage.analysis.align import ArticleClaim
from coverage.analysis.embeddings import TextEncoder
from coverage.analysis.segment import split_sentences
from coverage.analysis.syndication import Document, find_overlaps

# How close, at least, the closest claim of the rendered sentence must be: an aligned
# sentence may add a clause of its own that renders nothing.
MIN_RENDERED_SIMILARITY = 0.5


def rendered_claims(
    texts: Sequence[str],
    claims: Sequence[ArticleClaim],
    vectors: np.ndarray,
    encoder: TextEncoder,
) -> list[tuple[int, int]]:
    """Pairs of claims (indexes into ``claims``) that a copy or rewrite renders one from
    the other. ``texts[a]`` is article ``a``'s text, in which each claim's
    ``sentence_start`` lies; ``vectors[i]`` is claim i's L2-normalised core vector."""
    documents = [Document(key=a, text=text, order=a) for a, text in enumerate(texts)]
    overlaps = [o for o in find_overlaps(documents, encoder=encoder) if o.aligned]
    if not overlaps:
        return []
    starts = [[s.start for s in split_sentences(text)] for text in texts]
    by_sentence: dict[tuple[int, int], list[int]] = defaultdict(list)
    for index, item in enumerate(claims):
        sentence = bisect_right(starts[item.article], item.claim.sentence_start) - 1
        by_sentence[(item.article, sentence)].append(index)
    pairs: list[tuple[int, int]] = []
    for overlap in overlaps:
        for aligned in overlap.aligned:
            originals = by_sentence.get((overlap.original, aligned.original), [])
            renderings = by_sentence.get((overlap.republished, aligned.republished), [])
            if not originals:
                continue
            for rendering in renderings:
                similarities = vectors[originals] @ vectors[rendering]
                best = int(np.argmax(similarities))
                if similarities[best] >= MIN_RENDERED_SIMILARITY:
                    pairs.append((originals[best], rendering))
    return pairs
