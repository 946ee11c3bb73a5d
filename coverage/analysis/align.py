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
# Claims per block when looking for linked groups: bounds memory on large events.
COMPONENT_BLOCK = 1024


@dataclass(frozen=True)
class ArticleClaim:
    """A claim and the position of its article in the input."""

    article: int
    claim: Claim


@dataclass(frozen=True)
class AlignedRow:
    """One assertion: its canonical wording and one evidence claim per article that makes it.

    ``members`` index the claims given to align_claims, ordered by article;
    ``canonical`` is the member whose wording became ``text``; ``conflicting`` are
    members that state the row's claim with another value (a figure, a polarity), set
    when restatements merge rows (coverage.analysis.restatements), and
    ``conflict_reasons`` say in words why, for those members the merge could explain
    ("about 1,500 people vs more than 3,000 strikers").
    """

    text: str
    members: tuple[int, ...]
    canonical: int
    conflicting: frozenset[int] = frozenset()
    conflict_reasons: tuple[tuple[int, str], ...] = ()


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
    articles = np.array([item.article for item in claims])
    rows = []
    for component in _components(vectors, articles, threshold, same_article_penalty):
        similarity = np.round(vectors[component] @ vectors[component].T, SIMILARITY_DECIMALS)
        same_article = articles[component][:, None] == articles[component][None, :]
        linkage = similarity - same_article_penalty * same_article
        rows.extend(
            _rows(list(range(len(component))), component, similarity, linkage, claims, threshold)
        )
    return sorted(rows, key=lambda row: row_order(row, claims))


def _rows(
    positions: list[int],
    component: list[int],
    similarity: np.ndarray,
    linkage: np.ndarray,
    claims: Sequence[ArticleClaim],
    threshold: float,
) -> list[AlignedRow]:
    """Rows of the claims at ``positions`` of a component, clustered by ``linkage``.

    A row keeps one claim per article; another claim of that article which is not close
    enough to the kept one to be its restatement (by the linkage, in which an article's
    own claims must be closer than two outlets' to merge) is a claim of its own that only
    fell in with the row through the other outlets ("The cause of the fire is under
    investigation" beside "The fire is not under control"), so it is clustered again with
    the others left over instead of being dropped.
    """
    rows = []
    sub = np.ix_(positions, positions)
    for cluster in _average_linkage(linkage[sub], threshold):
        chosen = [positions[i] for i in cluster]
        row = _row([component[i] for i in chosen], claims, similarity[np.ix_(chosen, chosen)])
        rows.append(row)
        kept = {claims[component[i]].article: i for i in chosen if component[i] in row.members}
        left = [
            i
            for i in chosen
            if component[i] not in row.members
            and linkage[i, kept[claims[component[i]].article]] < threshold
        ]
        if left:
            rows.extend(_rows(left, component, similarity, linkage, claims, threshold))
    return rows


def _components(
    vectors: np.ndarray, articles: np.ndarray, threshold: float, same_article_penalty: float
) -> list[list[int]]:
    """Groups of claims linked by chains of pairs at or above the threshold.

    Average linkage can only merge clusters that contain such a pair, so clustering
    each group alone gives the same rows as clustering everything at once, while
    the cubic merge loop and the square similarity matrix stay the size of a group
    instead of the size of the event. Similarities are computed in blocks to bound
    memory; the margin keeps float noise from splitting a group.
    """
    count = len(vectors)
    parent = list(range(count))

    def root(index: int) -> int:
        while parent[index] != index:
            parent[index] = parent[parent[index]]
            index = parent[index]
        return index

    for start in range(0, count, COMPONENT_BLOCK):
        block = vectors[start : start + COMPONENT_BLOCK] @ vectors.T
        block -= same_article_penalty * (
            articles[start : start + COMPONENT_BLOCK, None] == articles[None, :]
        )
        for row, column in zip(*np.nonzero(block >= threshold - 1e-4), strict=True):
            first, second = root(start + int(row)), root(int(column))
            if first != second:
                parent[max(first, second)] = min(first, second)
    groups: dict[int, list[int]] = {}
    for index in range(count):
        groups.setdefault(root(index), []).append(index)
    return list(groups.values())


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
    """Keep the most central claim per article, and word the row after the best of those.

    ``similarity`` is the cluster's own matrix, in the order of ``cluster``.
    """
    size = len(cluster)
    centrality = {
        index: float((similarity[position].sum() - similarity[position, position]) / (size - 1))
        if size > 1
        else 1.0
        for position, index in enumerate(cluster)
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


def row_order(row: AlignedRow, claims: Sequence[ArticleClaim]) -> tuple[int, int, int, int]:
    """More outlets first; then where the assertion first appears, then input order."""
    first = min(
        (claims[index].claim.sentence_index, claims[index].article) for index in row.members
    )
    return (-len(row.members), first[0], first[1], row.canonical)
