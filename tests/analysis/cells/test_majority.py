"""majority_version: a row states the version of its claim most of its outlets give."""

from __future__ import annotations

from coverage.analysis.cells.majority import majority_version

EARLY = "The blaze started on Friday morning near the village of Kell."
LATE = "The blaze started late on Thursday night near the village of Kell."


def test_the_row_takes_the_version_most_outlets_give() -> None:
    statements = [EARLY, EARLY, LATE, "The blaze began near Kell on Thursday night.", LATE]
    assert majority_version(statements, 0, [False] * 5) in {2, 3, 4}


def test_a_tie_keeps_the_rows_wording() -> None:
    assert majority_version([EARLY, EARLY, LATE, LATE], 0, [False] * 4) == 0


def test_a_claim_keeps_its_row_against_more_denials() -> None:
    statements = [
        "The outage was caused by a storm.",
        "There had been no storm over the region that night.",
        "There was no storm over the region that night, forecasters said.",
    ]
    assert majority_version(statements, 0, [False] * 3) == 0


def test_a_statement_found_to_conflict_with_the_lead_does_not_side_with_it() -> None:
    """An earlier step found the third statement conflicting with the first, though the
    wording alone does not show it: the second agrees with the third, so they outnumber
    the first."""
    statements = [
        "About 300 people joined the march.",
        "Some 3,000 people joined the march, the organisers said.",
        "The march drew big crowds.",
    ]
    assert majority_version(statements, 0, [False, True, True]) == 1


def test_a_denial_gives_way_to_the_claim_it_denies_on_a_tie() -> None:
    statements = [
        "The captain has not been detained.",
        "The captain was detained by police on Sunday night.",
    ]
    assert majority_version(statements, 0, [False, True], [False, False]) == 1


def test_denials_by_a_party_give_way_to_the_claim_however_many() -> None:
    statements = [
        "The hospital had not paid a ransom.",
        "Bosses had quietly paid the hackers a ransom.",
        "The hospital had not paid a ransom and would not do so.",
        "No ransom has been handed over.",
    ]
    assert majority_version(statements, 0, [False, True, False, False], [True] * 4) == 1


def test_denials_in_the_outlets_own_voice_keep_the_row_when_more() -> None:
    statements = [
        "No group has claimed responsibility for the attack.",
        "The rebels claimed the attack on Tuesday evening.",
        "No group has claimed responsibility for the attack.",
        "No organisation has claimed the raid.",
    ]
    assert majority_version(statements, 0, [False, True, False, False], [False] * 4) == 0
