"""Restatements: rows that state one claim in other words merge; different claims do not.

Every test runs the real MiniLM embeddings and the real spaCy parse behind the slots.
"""

from __future__ import annotations

from coverage.analysis.align import AlignedRow, ArticleClaim
from coverage.analysis.embeddings import get_embedder
from coverage.analysis.pipeline import ArticleInput, analyse_articles
from coverage.analysis.restatements import merge_restatements
from tests.analysis.test_align import make_claim


def one_row_each(*statements: tuple[int, str]) -> tuple[list[AlignedRow], list[ArticleClaim]]:
    """Each (article, sentence) as a row of its own, as alignment left them."""
    claims = [
        ArticleClaim(article, make_claim(text, index=position))
        for position, (article, text) in enumerate(statements)
    ]
    rows = [
        AlignedRow(text=text, members=(i,), canonical=i) for i, (_, text) in enumerate(statements)
    ]
    return rows, claims


def merged(*statements: tuple[int, str]) -> list[AlignedRow]:
    rows, claims = one_row_each(*statements)
    embeddings = get_embedder().encode([item.claim.core for item in claims])
    return merge_restatements(rows, claims, embeddings)


def test_it_merges_a_paraphrase_that_shares_no_key_word_but_its_subject() -> None:
    (row,) = merged((0, "The air was being tested."), (1, "The air quality was being monitored."))
    assert row.members == (0, 1)
    assert row.conflicting == frozenset()


def test_it_merges_restatements_of_one_figure() -> None:
    (row,) = merged(
        (0, "About 1,500 people joined the protest at the gate."),
        (1, "About 1,500 rioters took part in the disturbances."),
    )
    assert row.members == (0, 1)


def test_it_merges_one_claim_stated_with_another_figure_and_marks_the_conflict() -> None:
    rows = merged(
        (0, "Nine people died when the ferry capsized on Sunday."),
        (1, "Fourteen people died."),
        (2, "Nine people were killed when the ferry capsized."),
    )
    rows = [row for row in rows if 1 in row.members]
    (row,) = rows
    assert set(row.members) >= {0, 1}
    assert row.text.startswith("Nine people")
    assert row.conflicting == frozenset({1})


def test_it_keeps_a_detail_only_one_outlet_gives_apart() -> None:
    rows = merged(
        (0, "Rescuers pulled survivors from the lake."),
        (1, "Rescuers pulled 47 survivors from the lake, many of them by fishing boats."),
    )
    assert len(rows) == 2


def test_it_keeps_two_claims_of_one_outlet_apart() -> None:
    rows = merged((0, "The air was being tested."), (0, "The air quality was being monitored."))
    assert len(rows) == 2


def test_it_keeps_different_claims_about_one_event_apart() -> None:
    rows = merged(
        (0, "Around 300 firefighters were working along the ridge."),
        (1, "The fire was sparked by a lightning strike on the ridge."),
        (2, "The rebels received drones in exchange for prisoners."),
        (3, "The rebels received fighters in exchange for training."),
        (4, "Six people died in the earthquake on Thursday."),
        (5, "The last deadly earthquake, in 1987, killed 23 people."),
    )
    assert len(rows) == 6


def test_it_keeps_a_sentence_whose_main_clause_says_something_else_apart() -> None:
    rows = merged(
        (0, "The ferry was licensed for 70 passengers."),
        (1, "The Marta Vell, licensed to carry just 70 passengers, rolled over in seconds."),
    )
    assert len(rows) == 2


def test_the_pipeline_shows_a_paraphrase_as_one_row_that_both_outlets_agree_with() -> None:
    result = analyse_articles(
        [
            ArticleInput("a", "Wire", "Plant fire", "The air was being tested."),
            ArticleInput(
                "b",
                "Local",
                "Plant fire",
                "Environment agency teams were measuring the air around the plant all night.",
            ),
        ]
    )
    (row,) = result.assertions
    assert [cell.label for cell in row.cells] == ["agree", "agree"]
