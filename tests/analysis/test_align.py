"""Alignment groups paraphrases across articles into rows, deterministically."""

from __future__ import annotations

import numpy as np

from coverage.analysis.align import ArticleClaim, align_claims, canonical_wording
from coverage.analysis.claims import Claim
from coverage.analysis.embeddings import get_embedder
from coverage.analysis.hedging import Hedging, detect_hedging


def make_claim(text: str, *, core: str | None = None, index: int = 0) -> Claim:
    return Claim(
        text=text,
        core=core or text,
        sentence_index=index,
        sentence_start=0,
        sentence_end=len(text),
        hedging=detect_hedging(text),
    )


def test_it_puts_paraphrases_from_different_articles_in_one_row() -> None:
    claims = [
        ArticleClaim(0, make_claim("The bridge over the Rhine closed on Monday.", index=0)),
        ArticleClaim(0, make_claim("The mayor resigned after the vote.", index=1)),
        ArticleClaim(1, make_claim("On Monday the Rhine bridge was shut to traffic.", index=0)),
        ArticleClaim(2, make_claim("Rain is expected across the region tomorrow.", index=0)),
    ]
    embeddings = get_embedder().encode([item.claim.core for item in claims])
    rows = align_claims(claims, embeddings)
    # Two outlets first, then by where each claim appears in its article.
    assert [row.members for row in rows] == [(0, 2), (3,), (1,)]
    assert rows == align_claims(claims, embeddings)


def test_it_keeps_one_claim_per_article_in_a_row() -> None:
    claims = [
        ArticleClaim(0, make_claim("A", index=0)),
        ArticleClaim(0, make_claim("B", index=1)),
        ArticleClaim(1, make_claim("C", index=0)),
    ]
    # Three identical vectors: everything merges, but article 0 keeps a single member.
    embeddings = np.tile(np.eye(1, 384, dtype=np.float32), (3, 1))
    (row,) = align_claims(claims, embeddings)
    assert row.members == (0, 2)


def test_it_words_the_row_with_the_unhedged_core_without_unshared_numbers() -> None:
    hedged = make_claim(
        "According to Al-Watan, 250 instructors arrived in Idlib.",
        core="250 instructors arrived in Idlib.",
    )
    plain = make_claim("Ukrainian instructors arrived in Idlib.", index=1)
    embeddings = np.tile(np.eye(1, 384, dtype=np.float32), (2, 1))
    (row,) = align_claims([ArticleClaim(0, hedged), ArticleClaim(1, plain)], embeddings)
    assert row.text == "Ukrainian instructors arrived in Idlib."
    assert row.canonical == 1


def test_canonical_wording_drops_a_leading_attribution() -> None:
    claim = Claim(
        text="According to reports, the unit trained militants.",
        core="According to reports, the unit trained militants.",
        sentence_index=0,
        sentence_start=0,
        sentence_end=10,
        hedging=Hedging(hedged=True, cues=("according to",)),
    )
    assert canonical_wording(claim) == "The unit trained militants."


def test_it_returns_no_rows_for_no_claims() -> None:
    assert align_claims([], np.zeros((0, 384), dtype=np.float32)) == []


def test_a_claim_that_only_fell_in_with_another_claim_of_its_article_keeps_a_row() -> None:
    claims = [
        ArticleClaim(0, make_claim("The fire is not under control.", index=0)),
        ArticleClaim(0, make_claim("The cause of the fire is under investigation.", index=1)),
        ArticleClaim(1, make_claim('The fire was "not under control".', index=0)),
    ]
    # Claim 1 joins the row through claim 2 (0.7), but is no restatement of claim 0 by
    # the linkage (0.7 less the same-article penalty), so it is a row of its own.
    gram = np.array([[1.0, 0.7, 0.9], [0.7, 1.0, 0.7], [0.9, 0.7, 1.0]])
    embeddings = np.zeros((3, 384))
    embeddings[:, :3] = np.linalg.cholesky(gram)
    assert [row.members for row in align_claims(claims, embeddings)] == [(0, 2), (1,)]
