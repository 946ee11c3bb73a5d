"""What slot comparison reads and returns: the slots of one text, and the verdict on two.

A text's ``Slots`` are its predicates (with polarity and participants), quantities,
times and places, each slot tied to the predicate it belongs to by the token index
of the clause head. Comparing a claim's slots with an evidence text's gives one
``Finding`` per slot compared and a ``SlotComparison`` with the verdict.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Verdict = Literal["conflict", "compatible", "unknown"]
Outcome = Literal["conflict", "compatible", "different"]
SlotKind = Literal["quantity", "time", "place", "agent", "target", "polarity"]
ParticipantRole = Literal["agent", "target"]

CONFLICT: Verdict = "conflict"
COMPATIBLE: Verdict = "compatible"
UNKNOWN: Verdict = "unknown"
# Same role, other value, but not a contradiction: "schools vs roads", "in X vs in Y".
DIFFERENT: Outcome = "different"


@dataclass(frozen=True)
class Participant:
    """The agent or target of a predicate, as a name or the head of a noun phrase."""

    text: str
    key: str  # casefolded name, or the synonym-normalised head lemma
    named: bool


@dataclass(frozen=True)
class Predicate:
    """A clause's predicate with its polarity and participants.

    ``lemma`` is normalised for comparison: "remain closed" -> "close", "stepped down"
    -> "step down", "was found guilty" -> "convict". ``position`` is the token index of
    the clause head, which the other slots use to say which predicate they belong to.
    """

    lemma: str
    text: str
    position: int
    negated: bool
    denial: str | None  # the denial frame's words, when the clause is denied
    speculative: bool  # "may have", "plans to", "if ...": not asserted either way
    frame: bool  # an attribution or denial frame ("officials said"), not content
    main: bool  # the clause the sentence asserts, under any attribution frame
    agent: Participant | None
    target: Participant | None
    # A state in progress ("were waiting", "was burning"), which may hold on several days.
    ongoing: bool = False
    # "will not reopen until January": says when the act comes, and that the opposite
    # state holds until then, so it opposes no predicate.
    delayed: bool = False

    @property
    def asserted(self) -> bool:
        """True when the sentence says the predicate holds (a denied negation holds)."""
        return self.negated == (self.denial is not None)


@dataclass(frozen=True)
class Quantity:
    """A number with its bounds and what it counts.

    The interval is ``low``..``high`` with open or closed ends; ``bound`` names how it
    was written (exact, approximate, at_least, more_than, at_most, less_than, range,
    vague, zero).
    """

    text: str
    low: float
    high: float
    low_closed: bool
    high_closed: bool
    bound: str
    label: str  # what a reason shows after the number: "injured", "workers", ""
    noun: str | None  # the counted noun, synonym-normalised ("people" for residents)
    unit: str | None  # "%", "percentage point", "USD", ...
    event: str  # a casualty class ("injured:serious") or the predicate lemma
    casualty: bool
    owner: str | None  # what a unit or bare figure measures: "rate", "toll", "fine"
    # "" for subject or object, "level" for where a rate or price stands, else the
    # preposition ("by", "from", "of", ...); "including" marks a part of a total, and
    # "capacity" what something may hold ("licensed for 70 passengers").
    role: str
    predicate: int | None
    # The parts a total was summed from ("41 passengers", "3 crew"); empty for a figure
    # the text gives itself.
    parts: tuple[str, ...] = ()

    @property
    def described(self) -> str:
        own = f"{self.text} {self.label}".strip()
        return f"{own} ({' and '.join(self.parts)})" if self.parts else own


@dataclass(frozen=True)
class When:
    """A date or time: only the fields the text states are set."""

    text: str
    role: str  # "at", "from", "until"
    weekday: int | None
    day: int | None
    month: int | None
    year: int | None
    minutes: int | None  # clock time, minutes after midnight
    part: str | None  # "morning", "afternoon", "evening", "night"
    approximate: bool
    predicate: int | None
    # Days from the publication date ("yesterday" -1, "this morning" 0): which day that
    # is only the article's publication date says (``dated_slots``).
    offset: int | None = None
    # A weekday named without a date in a clause about the past ("closed on Monday"):
    # the latest such day on or before the publication date.
    recent: bool = False
    # The date was read from the publication date, and so is of the present event: a
    # bare year or month elsewhere ("since a 1994 ceasefire") is not set against it.
    from_publication: bool = False


@dataclass(frozen=True)
class Place:
    """A named place with the preposition that places the event relative to it."""

    text: str  # "near Harlow"
    name: str
    key: str
    role: str  # "in", "at", "near", "away", "from", "to", "direction"
    region: str | None  # "north", "southeast", "centre", ... within or of the place
    predicate: int | None


@dataclass(frozen=True)
class Slots:
    """Everything in a claim or sentence that another outlet's version can contradict."""

    text: str
    predicates: tuple[Predicate, ...]
    quantities: tuple[Quantity, ...]
    times: tuple[When, ...]
    places: tuple[Place, ...]
    # (inner, outer) place keys the text itself relates: "Port Averly, Veldmark".
    containment: frozenset[tuple[str, str]]
    # Numbers seen but not read ("2-1", "1,20"): left uncompared, never guessed.
    unread: tuple[str, ...]
    # The times as read with those relative to the publication date ("yesterday", "last
    # night"), which ``times`` leaves out; ``dated_slots`` dates them once it is known.
    undated_times: tuple[When, ...] = ()

    def predicate_at(self, position: int | None) -> Predicate | None:
        return next((p for p in self.predicates if p.position == position), None)


@dataclass(frozen=True)
class Finding:
    """One slot compared: its kind, what came of it, and why in words."""

    slot: SlotKind
    outcome: Outcome
    reason: str
    # A polarity conflict that negates or denies the claim's own act, rather than
    # asserting an opposite one ("did not close" or "denied closing", not "opened").
    negates: bool = False


@dataclass(frozen=True)
class SlotComparison:
    """How a piece of evidence stands to a claim, slot by slot.

    ``conflict`` when any slot contradicts the claim; ``unknown`` when nothing could
    be compared or the evidence is about another subject ("roads" for "schools");
    ``compatible`` when compared slots agree. Compatible is not proof that the
    evidence states the claim, only that it does not contradict what it shares.
    """

    verdict: Verdict
    findings: tuple[Finding, ...]

    @property
    def reasons(self) -> tuple[str, ...]:
        """The reasons behind the verdict: conflicts, agreements, or differences."""
        wanted = DIFFERENT if self.verdict == UNKNOWN else self.verdict
        return tuple(f.reason for f in self.findings if f.outcome == wanted)
