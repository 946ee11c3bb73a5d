"""Cross-article alignment: claims that say the same thing become one assertion row.

Claims are clustered by average-linkage agglomeration on cosine similarity, stopped
at a threshold, so a row needs its members to be close to each other on average
rather than through one chain of look-alikes. Claims of the same article get a
penalty, so an article's paraphrases of itself only merge when they are very close;
each row keeps at most one claim per article as that article's evidence. Everything
is numpy on the caller's embeddings, and ties break on input order, so the same
input always gives the same rows.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from coverage.analysis.claims import Claim

DEFAULT_THRESHOLD = 0.6
SAME_ARTICLE_PENALTY = 0.15
# Canonical wording: a small preference for what an outlet states as its own fact.
UNHEDGED_BONUS = 0.05
# A row's wording should not assert a figure only one of its outlets gives.
UNSHARED_NUMBER_PENALTY = 0.1
# Rounding makes merges independent of float noise between BLAS builds.
SIMILARITY_DECIMALS = 5


@dataclass(frozen=True)
class ArticleClaim:
    """A claim and the position of its article in the input."""

    article: int
    claim: Claim


@dataclass(frozen=True)
class AlignedRow:
    """One assertion: its canonical wording and one evidence claim per article that makes it.

    ``members`` index the claims given to align_claims, ordered by article;
    ``canonical`` is the member whose wording became ``text``.
    """

    text: str
    members: tuple[int, ...]
    canonical: int


def align_claims(
    claims: Sequence[ArticleClaim],
    embeddings: np.ndarray,
    *,
    threshold: float = DEFAULT_THRESHOLD,
    same_article_penalty: float = SAME_ARTICLE_PENALTY,
) -> list[AlignedRow]:
    """Group claims into assertion rows, ordered by how many articles carry them.

    ``embeddings[i]`` is the L2-normalised vector of ``claims[i].claim.core``.
    """
    if len(claims) != len(embeddings):
        raise ValueError("align_claims needs exactly one embedding per claim")
    if not claims:
        return []
    vectors = np.asarray(embeddings, dtype=np.float64)
    similarity = np.round(vectors @ vectors.T, SIMILARITY_DECIMALS)
    articles = np.array([item.article for item in claims])
    linkage = similarity - same_article_penalty * (articles[:, None] == articles[None, :])
    clusters = _average_linkage(linkage, threshold)
    rows = [_row(members, claims, similarity) for members in clusters]
    return sorted(rows, key=lambda row: _order_key(row, claims))


def _average_linkage(similarity: np.ndarray, threshold: float) -> list[list[int]]:
    """Merge the most similar pair of clusters until no pair reaches ``threshold``.

    Lance-Williams update for average linkage: the similarity of a merged cluster to
    any other is the size-weighted mean of its parts' similarities.
    """
    count = len(similarity)
    linkage = similarity.copy()
    np.fill_diagonal(linkage, -np.inf)
    members: list[list[int]] = [[index] for index in range(count)]
    sizes = np.ones(count)
    while count > 1:
        flat = int(np.argmax(linkage))
        first, second = divmod(flat, len(linkage))
        if linkage[first, second] < threshold:
            break
        keep, drop = min(first, second), max(first, second)
        merged = (sizes[keep] * linkage[keep] + sizes[drop] * linkage[drop]) / (
            sizes[keep] + sizes[drop]
        )
        linkage[keep, :] = merged
        linkage[:, keep] = merged
        linkage[keep, keep] = -np.inf
        linkage[drop, :] = -np.inf
        linkage[:, drop] = -np.inf
        sizes[keep] += sizes[drop]
        members[keep].extend(members[drop])
        members[drop] = []
        count -= 1
    return [sorted(cluster) for cluster in members if cluster]


def _row(cluster: list[int], claims: Sequence[ArticleClaim], similarity: np.ndarray) -> AlignedRow:
    """Keep the most central claim per article, and word the row after the best of those."""
    centrality = {
        index: float(np.mean([similarity[index, other] for other in cluster if other != index]))
        if len(cluster) > 1
        else 1.0
        for index in cluster
    }
    best_per_article: dict[int, int] = {}
    for index in cluster:
        article = claims[index].article
        current = best_per_article.get(article)
        if current is None or centrality[index] > centrality[current]:
            best_per_article[article] = index
    members = tuple(best_per_article[article] for article in sorted(best_per_article))

    def score(index: int) -> tuple[float, int]:
        others = [claims[other].claim.core for other in members if other != index]
        return (_wording_score(claims[index].claim, centrality[index], others), -index)

    canonical = max(members, key=score)
    return AlignedRow(
        text=canonical_wording(claims[canonical].claim), members=members, canonical=canonical
    )


def _wording_score(claim: Claim, centrality: float, others: Sequence[str]) -> float:
    """Central, unhedged, not too long, and no numbers that the other outlets do not give."""
    bonus = 0.0 if claim.hedged else UNHEDGED_BONUS
    words = len(claim.core.split())
    unshared_numbers = sum(
        1
        for number in set(_NUMBER.findall(claim.core))
        if others and not all(number in other for other in others)
    )
    return (
        centrality + bonus - 0.002 * max(0, words - 35) - UNSHARED_NUMBER_PENALTY * unshared_numbers
    )


_NUMBER = re.compile(r"\d[\d,.]*\d|\d")
_LEADING_ATTRIBUTION = re.compile(
    r"^(?:according to [^,]{1,80},\s*|(?:as )?(?:reports?|sources?) (?:say|said|suggest|"
    r"indicate)(?: that)?,?\s*)",
    re.IGNORECASE,
)


def canonical_wording(claim: Claim) -> str:
    """The claim as a row label: the outlet-neutral core, without a leftover attribution."""
    text = _LEADING_ATTRIBUTION.sub("", claim.core).strip()
    return text[:1].upper() + text[1:] if text else claim.text


def _order_key(row: AlignedRow, claims: Sequence[ArticleClaim]) -> tuple[int, int, int, int]:
    """More outlets first; then where the assertion first appears, then input order."""
    first = min(
        (claims[index].claim.sentence_index, claims[index].article) for index in row.members
    )
    return (-len(row.members), first[0], first[1], row.canonical)
