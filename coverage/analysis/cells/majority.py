"""Which outlet's version of a row's claim the row states: the one most of them give.

A row aligns statements of one fact that may give it otherwise ("started on Wednesday
morning" in two outlets, "started late on Tuesday night" in three). Its cells are
decided against the row's wording, so worded after the minority the row would show
the majority as contradicting it; it is worded after the version the most outlets
agree with, and the others contradict that.
"""

from __future__ import annotations

from collections.abc import Sequence

from coverage.analysis.cells.conflicts import find_negation
from coverage.analysis.cells.decision import compare_statements
from coverage.analysis.cells.model import CONTRADICT


def majority_version(
    statements: Sequence[str],
    lead: int,
    against_lead: Sequence[bool],
    attributed: Sequence[bool] | None = None,
) -> int:
    """The index of the statement that the most statements agree with; ``lead`` (the
    row's present wording) unless another has strictly more on its side.

    ``against_lead`` says which statements an earlier step already found to conflict
    with the lead's (restatements merged with another figure), whatever their wording
    shows. ``attributed`` says which statements the outlets attribute to a source
    rather than state in their own voice.

    A lead that denies what another statement claims gives way to the claim when as many
    outlets state the claim, or when every denial is a party's (attributed): a denial
    answers a claim, so the row states what was claimed ("The captain was detained by
    police" against "The captain has not been detained"; "Bosses had paid a ransom"
    against the hospital's "we did not pay"). A denial that the outlets make in their own
    voice, and more of them than claim otherwise, is the row's fact ("No group has
    claimed responsibility").
    """

    def agreeing(version: int, among: Sequence[int] | None = None) -> int:
        return sum(
            other == version
            or (
                not (version == lead and against_lead[other])
                and not (other == lead and against_lead[version])
                and compare_statements(statements[version], statements[other])[0] != CONTRADICT
            )
            for other in (range(len(statements)) if among is None else among)
        )

    present = agreeing(lead)
    asserted = find_negation(statements[lead]) is None
    if not asserted:
        denials = [i for i, text in enumerate(statements) if find_negation(text) is not None]
        claimed = [
            version
            for version in range(len(statements))
            if version not in denials
            and (
                against_lead[version]
                or compare_statements(statements[lead], statements[version])[0] == CONTRADICT
            )
        ]
        if claimed:
            # A denial may leave out the claim's date or figure and still deny it, so
            # only the statements that claim something count on the claim's side.
            stating = [i for i in range(len(statements)) if i not in denials]
            support = {version: agreeing(version, stating) for version in claimed}
            claim = max(claimed, key=lambda version: (support[version], -version))
            if support[claim] >= present or (
                attributed is not None and all(attributed[i] for i in denials)
            ):
                return claim
    if present * 2 > len(statements):
        return lead  # a majority already: the usual case, at one comparison per member
    # A claim and its denials: the row states what is claimed, however many deny it
    # ("the fire was caused by lightning" against "there was no lightning").
    support = {
        version: agreeing(version)
        for version in range(len(statements))
        if not asserted or find_negation(statements[version]) is None
    }
    # On a tie, the wording of the statements the lead was aligned with.
    best = max(
        support,
        key=lambda version: (support[version], version == lead, not against_lead[version]),
    )
    return best if support[best] > present else lead
