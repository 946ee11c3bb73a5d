"""compare_statements on claims aligned in one row: what contradicts the row's claim and
what only looks as if it did."""

from __future__ import annotations

import pytest

from coverage.analysis.cells import AGREE, CONTRADICT, compare_statements


@pytest.mark.parametrize(
    ("claim", "statement"),
    [
        # A country and the ministry that acts for it are one doer.
        (
            "The Interior Ministry expelled Chile's consul.",
            "Peru expelled Chile's consul and closed its embassy in Santiago.",
        ),
        # "Makes" says little of who: the plant and the factory are one.
        (
            "The mill, on the river road, makes paper and cardboard for printers.",
            "The factory stands on the river road and makes paper and cardboard for printers.",
        ),
        # "Escaped unhurt": a state, not an act on a target two doers could share.
        (
            "Retired couple Ann and Per Lund escaped unhurt from their cabin in Solby.",
            "The local paper said two pensioners had escaped unhurt from their cabin.",
        ),
    ],
)
def test_another_word_for_the_same_doer_is_no_conflict(claim: str, statement: str) -> None:
    assert compare_statements(claim, statement)[0] == AGREE


def test_what_a_vessel_may_carry_is_not_what_it_carried() -> None:
    assert compare_statements(
        "52 passengers and three crew were on the boat's list.",
        "The boat was licensed for 60 passengers.",
    )[0] == AGREE
    assert compare_statements(
        "The boat was licensed to carry 60 passengers.",
        "The owner said the boat carried 52 passengers, within its licensed capacity.",
    )[0] == AGREE


def test_a_negation_the_claim_itself_quotes_is_no_conflict() -> None:
    label, _ = compare_statements(
        "It was too soon to name a culprit, but the police 'do not rule out arson'.",
        "The police chief said the police 'do not rule out arson'.",
    )
    assert label == AGREE


def test_not_this_but_that_asserts_that() -> None:
    label, _ = compare_statements(
        "The Trade Ministry rejected claims that Ostrian smugglers were behind the fraud.",
        "Investigators said the fraud was not the work of amateurs but of smugglers from Ostria.",
    )
    assert label == AGREE


def test_a_negation_about_the_subject_alone_is_no_conflict() -> None:
    """Sharing only the subject, "the dam was not damaged" says nothing of its capacity."""
    label, _ = compare_statements(
        "The dam was built to hold 40 million cubic metres.",
        "The operator said the dam was not damaged and held 38 million cubic metres.",
    )
    assert label == AGREE


def test_another_verb_denied_for_other_participants_is_no_conflict() -> None:
    label, _ = compare_statements(
        "The militia has sent a number of its recruits to train with Ostrian officers.",
        '"Ostria has never supplied them with arms," a ministry spokesman said.',
    )
    assert label == AGREE


def test_there_was_no_such_thing_contradicts() -> None:
    label, reason = compare_statements(
        "The blackout was caused by a storm.",
        "Forecasters said there had been no storm over the region that night.",
    )
    assert label == CONTRADICT
    assert "no storm" in reason
