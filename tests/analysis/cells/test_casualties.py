"""casualty_conflict: an outlet that says no one was hurt against one reporting a victim."""

from __future__ import annotations

import pytest

from coverage.analysis.cells.casualties import casualty_conflict


@pytest.mark.parametrize(
    ("claim", "sentence", "reason"),
    [
        (
            "Two cyclists were hurt in the crash.",
            "Nobody was hurt.",
            "injured vs 'Nobody was hurt'",
        ),
        ("No one was injured.", "A driver died at the scene.", "'No one was injured' vs dead"),
        (
            "No injuries were reported.",
            "One guard was taken to hospital with cuts to his face.",
            "'No injuries' vs injured",
        ),
    ],
)
def test_none_hurt_against_a_victim_contradicts(claim: str, sentence: str, reason: str) -> None:
    assert casualty_conflict(claim, ["The bridge reopened on Monday.", sentence]) == (1, reason)


@pytest.mark.parametrize(
    "sentence",
    [
        "No passengers were hurt.",  # the claim's victim may be crew
        "There were no serious injuries.",  # a minor one is no contradiction
        "None of the injuries was life-threatening.",
        '"Nobody will get hurt if you keep still," the robber told them.',
        "No one else had been hurt.",  # besides the victims the outlet has just named
        "Nobody else was injured.",
    ],
)
def test_a_narrower_or_speculative_none_is_no_conflict(sentence: str) -> None:
    assert casualty_conflict("Two crew members were hurt in the crash.", [sentence]) is None


def test_no_deaths_leaves_room_for_injuries() -> None:
    assert casualty_conflict("Five people were injured.", ["No deaths were reported."]) is None
