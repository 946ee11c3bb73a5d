"""``compare_slots``: a claim's slots against an evidence text's, one by one.

Slots are compared only when they fill the same role: quantities must count the same
thing, times and places must hang off corresponding predicates whose participants do
not clash, and a negation counts only when the negated predicate is the claim's own.
The verdict is conflict when any slot contradicts the claim, unknown when nothing
compares or the evidence is about other participants, compatible otherwise.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from coverage.analysis.slots.extraction import extract_slots
from coverage.analysis.slots.lexicon import (
    EVENT_NOUNS,
    EXCLUSIVE_AGENT_PREDICATES,
    GENERIC_KEYS,
    LIGHT_VERBS,
    TRANSFER_PREDICATES,
    corresponds,
    opposes,
)
from coverage.analysis.slots.model import (
    COMPATIBLE,
    CONFLICT,
    DIFFERENT,
    UNKNOWN,
    Finding,
    Outcome,
    Participant,
    ParticipantRole,
    Place,
    Predicate,
    Quantity,
    SlotComparison,
    Slots,
    Verdict,
    When,
)
from coverage.analysis.slots.places import regions_clash, same_place
from coverage.analysis.slots.syntax import NEGATIVE_IMPLICATIVES, POSITIVE_IMPLICATIVES
from coverage.analysis.slots.times import compare_times

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

_PARTICIPANT_ROLES: tuple[ParticipantRole, ...] = ("agent", "target")

# Figures that give a part of a total: they can confirm a claim's figure, never refute it.
_SUBSET_ROLES = frozenset({"including", "among"})
# Place roles that put an event at a place, and the one that puts it well away.
_AT_OR_AWAY = frozenset({"in", "at", "near", "away"})


def compare_slots(
    claim: str | Slots | Doc | Span, evidence: str | Slots | Doc | Span
) -> SlotComparison:
    """Compare a row's claim with an outlet's evidence, slot by slot.

    Each side may be text, its parse, or slots already extracted (the cheapest when
    one claim is compared with many sentences).
    """
    claim_slots, evidence_slots = _as_slots(claim), _as_slots(evidence)
    findings = _Comparer(claim_slots, evidence_slots).findings()
    return SlotComparison(verdict=_verdict(findings), findings=tuple(findings))


def _as_slots(value: str | Slots | Doc | Span) -> Slots:
    if isinstance(value, Slots):
        return value
    if isinstance(value, str):
        return extract_slots(value)
    return extract_slots(value.text, value)


def _verdict(findings: list[Finding]) -> Verdict:
    if any(f.outcome == CONFLICT for f in findings):
        return CONFLICT
    # Evidence about other participants ("roads" for "schools") does not state the claim
    # even when a figure or place it shares agrees.
    if any(f.outcome == DIFFERENT and f.slot in {"agent", "target"} for f in findings):
        return UNKNOWN
    # Matching participants alone say nothing about whether the event is the same.
    if any(f.outcome == COMPATIBLE and f.slot not in {"agent", "target"} for f in findings):
        return COMPATIBLE
    return UNKNOWN


# Roles in which a sum is the amount itself: "offered 60 million", "an offer of 85
# million", "a 4.5 million fine", "put the cost at 12 million".
_SUM_ROLES = frozenset({"", "of", "mod", "at"})


def is_sum(quantity: Quantity) -> bool:
    """A sum of money: a currency unit, not a share or a rate."""
    return quantity.unit not in {None, "%", "percentage point"}


def same_sum(first: Quantity, second: Quantity) -> bool | None:
    """Whether two sums of money pay for one thing ("offered 60 million crowns" / "an offer
    of 85 million crowns"; not "contracts worth 400 million" / "fined 4.5 million"), or
    None when either is no sum given as the amount itself."""
    if not (is_sum(first) or is_sum(second)) or not {first.role, second.role} <= _SUM_ROLES:
        return None
    return first.unit == second.unit and corresponds(sum_of(first), sum_of(second))


def sum_of(quantity: Quantity) -> str:
    """What a sum pays for: the noun that owns it ("an offer of 85 million crowns") or
    the act it belongs to ("offered 60 million crowns")."""
    return quantity.owner or quantity.event


def counts_overlap(first: Quantity, second: Quantity) -> bool:
    """Whether two figures can be the same count ("more than 30" and "31" can); the one
    test the slots, the cells and the row merging share."""
    if first.high < second.low or second.high < first.low:
        return False
    # Reporters write "more than 250" for a source's "250": a strict comparative that
    # only touches the other figure is read loosely; a rounding boundary is not.
    loose = {first.bound, second.bound} & {"more_than", "less_than"}
    if first.high == second.low:
        return bool(loose) or (first.high_closed and second.low_closed)
    if second.high == first.low:
        return bool(loose) or (second.high_closed and first.low_closed)
    return True


# Time roles that say when a state began ("has been fighting since 2016"): a state has
# one start, whatever day it is reported on.
START_ROLES = frozenset({"since", "from"})
# A span of time an act or state is set in: "for around six weeks", "in about six weeks".
_DURATION = re.compile(
    r"\b(?:for|in|within|after)\s+[\"“‘']?(?:(?:about|around|some|up to|at least|more than|nearly"
    r"|almost|another|a further)\s+)?(?:[\w-]+\s+)?(?:minute|hour|day|week|month|year)s?\b",
    re.IGNORECASE,
)


def what_is_left(
    first: Quantity, first_act: Predicate | None, second: Quantity, second_act: Predicate | None
) -> bool:
    """One count is of a state in progress and the other of an act, and the state's count
    may be what is left of the act's: "two people were still being treated" of "twelve
    were injured" or "it had treated 12". (At least 46 in hospital of 31 hurt cannot be.)"""
    if first_act is None or second_act is None or first_act.ongoing == second_act.ongoing:
        return False
    state, act = (first, second) if first_act.ongoing else (second, first)
    return state.low <= act.high


def participants_same(first: Participant, second: Participant) -> bool | None:
    """True when both name the same thing, False when they differ, None when unsure."""
    if first.named != second.named:
        return None  # "the company" may well be "Acme"
    if not first.named and (first.key in GENERIC_KEYS or second.key in GENERIC_KEYS):
        return None
    if first.key == second.key:
        return True
    if first.named:
        a, b = set(first.key.split()), set(second.key.split())
        return a <= b or b <= a
    return False


class _Comparer:
    """Compares one claim's slots with one evidence text's slots."""

    def __init__(self, claim: Slots, evidence: Slots) -> None:
        self.claim = claim
        self.evidence = evidence
        self.containment = claim.containment | evidence.containment

    def findings(self) -> list[Finding]:
        findings: list[Finding] = []
        pairs = self._predicate_pairs()
        findings.extend(self._polarity())
        findings.extend(self._participants(pairs))
        findings.extend(self._times(pairs))
        findings.extend(self._places(pairs))
        findings.extend(self._quantities())
        return list(dict.fromkeys(findings))

    # Which predicates to line up ---------------------------------------------------

    def _predicate_pairs(self) -> list[tuple[Predicate, Predicate]]:
        """Content predicates of claim and evidence that report the same event."""
        return [
            (mine, theirs)
            for mine in self.claim.predicates
            for theirs in self.evidence.predicates
            if not mine.frame and not theirs.frame and corresponds(mine.lemma, theirs.lemma)
        ]

    def _clash(
        self,
        mine: Predicate | None,
        theirs: Predicate | None,
        roles: tuple[ParticipantRole, ...] = ("target", "agent"),
    ) -> str | None:
        """A reason when the two predicates are about different participants."""
        if mine is None or theirs is None:
            return None
        for role in roles:
            first, second = getattr(mine, role), getattr(theirs, role)
            if (
                first is not None
                and second is not None
                and participants_same(first, second) is False
            ):
                return f"{first.text} vs {second.text}"
        return None

    def _related(self, mine: Predicate, theirs: Predicate) -> bool:
        """True when the two predicates may be about the same participants.

        A shared participant says so; "the ferry" and "the Marta Vell" in the same role
        may be one, which is enough once nothing clashes. With no participant on one
        side ("it was not overloaded") there is nothing to go on.
        """
        mine_parts = [p for p in (mine.agent, mine.target) if p is not None]
        their_parts = [p for p in (theirs.agent, theirs.target) if p is not None]
        if any(participants_same(a, b) for a in mine_parts for b in their_parts):
            return True
        return any(
            first is not None and second is not None and participants_same(first, second) is None
            for first, second in ((mine.agent, theirs.agent), (mine.target, theirs.target))
        )

    @staticmethod
    def _shares_participant(mine: Predicate, theirs: Predicate) -> bool:
        return any(
            first is not None and second is not None and participants_same(first, second)
            for first, second in ((mine.agent, theirs.agent), (mine.target, theirs.target))
        )

    def _context_differs(self, mine: Predicate, theirs: Predicate) -> bool:
        """True when the two predicates are placed at different times or places."""
        for first in self._slots_of(self.claim.times, mine):
            for second in self._slots_of(self.evidence.times, theirs):
                if first.role == second.role and compare_times(first, second) == CONFLICT:
                    return True
        places = self._place_sets(mine, theirs)
        return places is not None and places[0] != COMPATIBLE

    def _dated_apart(self, mine: Predicate, theirs: Predicate) -> bool:
        """Both acts are dated, and no date of one can be a date of the other: "opened
        in 1971" and "closed on Friday", "remain shut for six weeks" and "reopen in six
        weeks" may both hold, so their opposite or negated acts are left uncompared."""
        if _DURATION.search(self.claim.text) and _DURATION.search(self.evidence.text):
            return True
        # An act without a date of its own is set at the sentence's ("woke on Friday to
        # find the bridge closed").
        first_times = self._slots_of(self.claim.times, mine) or list(self.claim.times)
        second_times = self._slots_of(self.evidence.times, theirs) or list(self.evidence.times)
        return bool(first_times and second_times) and not any(
            compare_times(first, second) == COMPATIBLE
            for first in first_times
            for second in second_times
        )

    @staticmethod
    def _slots_of[T: (When, Place)](slots: Iterable[T], predicate: Predicate) -> list[T]:
        return [slot for slot in slots if slot.predicate == predicate.position]

    # Polarity ----------------------------------------------------------------------

    def _polarity(self) -> Iterator[Finding]:
        for mine in self.claim.predicates:
            if mine.frame or mine.speculative or not mine.main or mine.lemma in LIGHT_VERBS:
                continue
            candidates = [
                theirs
                for theirs in self.evidence.predicates
                if not theirs.frame
                and not theirs.speculative
                and (corresponds(mine.lemma, theirs.lemma) or opposes(mine.lemma, theirs.lemma))
            ]
            # The evidence's own assertion speaks first; a side clause only if it is all
            # there is ("refused to pay" holds "pay" in an xcomp).
            main_candidates = [theirs for theirs in candidates if theirs.main]
            for theirs in main_candidates or candidates:
                finding = self._polarity_finding(mine, theirs)
                if finding is not None:
                    yield finding

    def _polarity_finding(self, mine: Predicate, theirs: Predicate) -> Finding | None:
        if self._clash(mine, theirs) or not self._related(mine, theirs):
            return None
        if self._context_differs(mine, theirs) or self._dated_apart(mine, theirs):
            return None  # "did not close on Monday" vs "closed on Wednesday": both may hold
        same = corresponds(mine.lemma, theirs.lemma)
        # Another verb for the act ("sent" fighters, "never supplied" weapons) is only the
        # claim's act denied when it is done by or to the claim's own participants.
        if (
            same
            and mine.asserted != theirs.asserted
            and mine.lemma != theirs.lemma
            and not self._shares_participant(mine, theirs)
        ):
            return None
        if same and mine.asserted != theirs.asserted:
            denial = theirs.denial or mine.denial
            if denial is not None:
                return Finding("polarity", CONFLICT, f"denies: '{denial}'", negates=True)
            return Finding("polarity", CONFLICT, f"{mine.text} vs {theirs.text}", negates=True)
        if same:
            return Finding("polarity", COMPATIBLE, f"{mine.text} agrees with {theirs.text}")
        if mine.delayed or theirs.delayed:
            return None  # "will not reopen until January" is no opposite of "stays closed"
        if mine.asserted and theirs.asserted and not self._implicative(mine, theirs):
            return Finding("polarity", CONFLICT, f"{mine.text} vs {theirs.text}")
        return None

    def _implicative(self, mine: Predicate, theirs: Predicate) -> bool:
        """ "Failed to reach a deal" is no opposite of "worked through the night": a
        control verb with its complement says whether that act happened, not the state."""
        return any(
            predicate.lemma in NEGATIVE_IMPLICATIVES | POSITIVE_IMPLICATIVES
            and re.search(rf"\b{re.escape(predicate.text)} to\b", slots.text) is not None
            for predicate, slots in ((mine, self.claim), (theirs, self.evidence))
        )

    # Agents and targets ------------------------------------------------------------

    def _participants(self, pairs: list[tuple[Predicate, Predicate]]) -> Iterator[Finding]:
        """Agents and targets of the claim's assertion against its best evidence match.

        An evidence clause with the same participants settles it even if another
        clause of the sentence is about something else ("officials who closed the
        roads said the schools stay closed").
        """
        for mine in self.claim.predicates:
            if not mine.main:
                continue
            candidates = sorted(
                (theirs for first, theirs in pairs if first is mine),
                key=lambda theirs: not theirs.main,
            )
            readings = [self._participant_findings(mine, theirs) for theirs in candidates]
            readings = [found for found in readings if found]
            agreeing = [found for found in readings if all(f.outcome == COMPATIBLE for f in found)]
            if agreeing:
                yield from agreeing[0]
            elif readings:
                yield from readings[0]

    def _participant_findings(self, mine: Predicate, theirs: Predicate) -> list[Finding]:
        found = []
        for role in _PARTICIPANT_ROLES:
            first, second = getattr(mine, role), getattr(theirs, role)
            if first is None or second is None:
                continue
            same = participants_same(first, second)
            if same is True:
                reason = f"{role}: {first.text} agrees with {second.text}"
                found.append(Finding(role, COMPATIBLE, reason))
            elif same is False:
                found.append(self._participant_difference(role, mine, theirs, first, second))
        return found

    def _participant_difference(
        self,
        role: ParticipantRole,
        mine: Predicate,
        theirs: Predicate,
        first: Participant,
        second: Participant,
    ) -> Finding:
        reason = f"{role}: {first.text} vs {second.text}"
        swapped = (
            mine.agent is not None
            and mine.target is not None
            and theirs.agent is not None
            and theirs.target is not None
            and participants_same(mine.agent, theirs.target) is True
            and participants_same(mine.target, theirs.agent) is True
        )
        exclusive = (
            role == "agent"
            and first.named
            and second.named
            and mine.lemma in EXCLUSIVE_AGENT_PREDICATES
            and mine.target is not None
            and theirs.target is not None
            and participants_same(mine.target, theirs.target) is True
        )
        if (swapped or exclusive) and mine.asserted and theirs.asserted:
            return Finding(role, CONFLICT, reason)
        return Finding(role, DIFFERENT, reason)

    # Times and places ------------------------------------------------------------------

    def _comparable(self, mine: Predicate, theirs: Predicate) -> bool:
        return (
            mine.asserted
            and theirs.asserted
            and not mine.speculative
            and not theirs.speculative
            and self._clash(mine, theirs) is None
        )

    def _times(self, pairs: list[tuple[Predicate, Predicate]]) -> Iterator[Finding]:
        for mine, theirs in pairs:
            if not self._comparable(mine, theirs):
                continue
            if mine.lemma != theirs.lemma and not self._shares_participant(mine, theirs):
                continue  # "the boats reached it at 4.40pm", "he arrived on Sunday night"
            for first in self._slots_of(self.claim.times, mine):
                for second in self._slots_of(self.evidence.times, theirs):
                    if first.role != second.role:
                        continue
                    if (mine.ongoing or theirs.ongoing) and first.role not in START_ROLES:
                        # "38 ships were waiting on Wednesday", "40 were waiting on
                        # Thursday"; "remained closed on Saturday" after "closed on Friday"
                        continue
                    outcome = compare_times(first, second)
                    if outcome == CONFLICT:
                        yield Finding("time", CONFLICT, f"{first.text} vs {second.text}")
                    elif outcome == COMPATIBLE:
                        yield Finding("time", COMPATIBLE, f"{first.text} agrees with {second.text}")

    def _places(self, pairs: list[tuple[Predicate, Predicate]]) -> Iterator[Finding]:
        for mine, theirs in pairs:
            if not self._comparable(mine, theirs):
                continue
            found = self._place_sets(mine, theirs)
            if found is not None:
                outcome, first, second = found
                joiner = " agrees with " if outcome == COMPATIBLE else " vs "
                yield Finding("place", outcome, f"{first.text}{joiner}{second.text}")

    def _place_sets(
        self, mine: Predicate, theirs: Predicate
    ) -> tuple[Outcome, Place, Place] | None:
        """The places of two clauses compared as sets, role by role.

        In one role, one shared place settles it: "to Norsund and Halvik" agrees with
        "to Halvik" even when the parser lost "Norsund" from one side. A place shared in
        one role does not excuse another role's: "crossed into Orvania at the Tamar
        checkpoint" and "crossed into Orvania at the Osk crossing" conflict.
        """
        outcomes = [
            (outcome, first, second)
            for first in self._slots_of(self.claim.places, mine)
            for second in self._slots_of(self.evidence.places, theirs)
            if (outcome := self._place_outcome(first, second, mine)) is not None
        ]
        best_per_role: dict[str, tuple[Outcome, Place, Place]] = {}
        for wanted in (COMPATIBLE, CONFLICT, DIFFERENT):
            for outcome, first, second in outcomes:
                if outcome == wanted:
                    best_per_role.setdefault(first.role, (outcome, first, second))
        for wanted in (CONFLICT, COMPATIBLE, DIFFERENT):
            for found in best_per_role.values():
                if found[0] == wanted:
                    return found
        return None

    def _place_outcome(self, first: Place, second: Place, predicate: Predicate) -> Outcome | None:
        same = same_place(first.key, second.key)
        roles = {first.role, second.role}
        if "away" in roles and len(roles) == 2 and roles <= _AT_OR_AWAY:
            return CONFLICT if same else None  # "near A" or "in A" vs "far from A"
        if first.role != second.role:
            return None
        if same:
            return CONFLICT if regions_clash(first.region, second.region) else COMPATIBLE
        if (first.key, second.key) in self.containment or (
            second.key,
            first.key,
        ) in self.containment:
            return COMPATIBLE
        if first.role == "in" and not self._siblings(first.key, second.key):
            return DIFFERENT  # "in Port Averly" vs "in Veldmark": one may hold the other
        if first.role in {"from", "to"} and predicate.lemma in TRANSFER_PREDICATES:
            return DIFFERENT  # "received drones from Iran" and "from Turkey" may both hold
        return CONFLICT

    def _siblings(self, first: str, second: str) -> bool:
        """Both places lie in one larger one: "Harlow, Veldmark" and "Dunmore, Veldmark"."""
        first_outer = {outer for inner, outer in self.containment if inner == first}
        second_outer = {outer for inner, outer in self.containment if inner == second}
        return bool(first_outer & second_outer)

    # Quantities --------------------------------------------------------------------

    def _same_measure(self, first: Quantity, second: Quantity) -> bool:
        if (same := same_sum(first, second)) is not None:
            return same
        if first.role != second.role and not {first.role, second.role} & _SUBSET_ROLES:
            return False
        if first.owner is not None and second.owner is not None and first.owner != second.owner:
            return False  # "a 12 percent pay rise" is not "a 4 percent pay cut"
        if first.unit or second.unit:
            if "level" in {first.role, second.role} and None in {first.owner, second.owner}:
                return False  # a level of what? without the owner there is nothing to match
            return first.unit == second.unit and corresponds(first.event, second.event)
        if first.casualty or second.casualty:
            if first.event != second.event:
                return False
            return (
                first.noun is None
                or second.noun is None
                or first.noun == second.noun
                or (first.noun in EVENT_NOUNS or second.noun in EVENT_NOUNS)
            )
        if not corresponds(first.event, second.event):
            return False
        if first.noun is None and second.noun is None:
            return first.owner is not None and first.owner == second.owner
        return first.noun == second.noun

    def _quantities(self) -> Iterator[Finding]:
        for first in self.claim.quantities:
            matches = [s for s in self.evidence.quantities if self._same_measure(first, s)]
            outcomes: list[tuple[Outcome, Quantity]] = []
            for second in matches:
                mine = self.claim.predicate_at(first.predicate)
                theirs = self.evidence.predicate_at(second.predicate)
                # A total summed from parts counts all of them, not the first part that
                # the parse takes for the target: "41 passengers and three crew".
                roles = ("agent",) if first.parts or second.parts else ("target", "agent")
                clash = (
                    self._clash(mine, theirs, roles)
                    if mine is not None
                    and theirs is not None
                    and corresponds(mine.lemma, theirs.lemma)
                    else None
                )
                if clash is not None:
                    outcomes.append((DIFFERENT, second))
                elif counts_overlap(first, second):
                    outcomes.append((COMPATIBLE, second))
                elif {first.role, second.role} & _SUBSET_ROLES:
                    continue  # "14 killed, including 9 in Veldmark": a part, not the total
                elif what_is_left(first, mine, second, theirs):
                    continue  # "two still being treated" of "twelve treated"
                elif (
                    mine is not None and theirs is not None and self._context_differs(mine, theirs)
                ):
                    continue  # a toll on Monday and another on Wednesday may both be right
                else:
                    outcomes.append((CONFLICT, second))
            # A claim figure that fits any of the evidence's figures for the same measure
            # is not contradicted by the others ("30 injured, 12 of them children").
            for wanted in (COMPATIBLE, CONFLICT, DIFFERENT):
                match = next((s for o, s in outcomes if o == wanted), None)
                if match is None:
                    continue
                if wanted == COMPATIBLE:
                    reason = f"{first.described} is consistent with {match.described}"
                else:
                    reason = f"{first.described} vs {match.described}"
                yield Finding("quantity", wanted, reason)
                break
