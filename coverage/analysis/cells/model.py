"""The labels a cell can take, the decision with its evidence and reason, and the
thresholds it is decided with.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    pass


AGREE = "agree"
CONTRADICT = "contradict"
SILENT = "silent"
# Words that only count ("thousands of people"): figures are the slots' business.
COUNTING_WORDS = frozenset(
    {"dozen", "dozens", "hundred", "hundreds", "thousand", "thousands", "million", "millions",
     "score", "scores", "half", "third", "thirds", "quarter", "majority", "most", "several",
     "some", "about", "around", "roughly", "nearly", "almost", "approximately", "fewer",
     "less", "least", "more", "over", "under", "just", "tens"}
)  # fmt: skip


@dataclass(frozen=True)
class CellConfig:
    """Thresholds on the MiniLM cosine between the claim and an evidence window.

    Chosen on the dev split of eval/stance (scripts/eval_stance.py): same-fact
    sentences score about 0.55-0.95, other sentences on the event 0.2-0.6.
    """

    # Windows read further: the closest this many, and none below ``floor``.
    candidates: int = 3
    pair_candidates: int = 2
    floor: float = 0.4
    # A conflicting sentence must be at least this close to count as about the claim.
    contradict_above: float = 0.5
    # A sentence whose slots contradict the claim's own (its figure, date or place for the
    # same act, or a denial of its predicate) counts from this closeness: a denial words
    # the claim's act in fewer of its words ("X denied the ferry was overloaded").
    slot_conflict_above: float = 0.4
    # A window states the claim only if at least this close.
    agree_above: float = 0.5
    # A word of the claim counts as given by a window when their vectors are this close.
    word_match: float = 0.55
    # A window this close is about the claim's own fact: its dates and counts of the
    # same thing are compared even when the slots could not pair the predicates.
    detail_conflict_above: float = 0.6
    # Counts of the same thing are compared from this closeness: a sentence that counts
    # the claim's firefighters or evacuees otherwise is about the claim's fact even when
    # it words the act another way ("were working along the ridge" / "an operation
    # involving more than 500 firefighters"), while dates and places need the closeness
    # above.
    count_conflict_above: float = 0.5
    # Two unnamed doers ("government forces", "rebel fighters") may be one when their
    # words are at least this close ("police" and "officers" score about 0.7).
    same_agent_above: float = 0.5
    # Two verbs report one act when at least this close ("rescued", "picked up": 0.43).
    same_act_above: float = 0.4
    # Two spots of one act ("on the third floor", "in the basement") are one when close.
    same_spot_above: float = 0.5
    # Two targets are one thing when their words are at least this close.
    same_target_above: float = 0.6
    # A window reports the claim's act when a verb is this close ("quit" and "resigned"
    # score 0.65; "take" and "kill" 0.46), or a verb with its objects is this close to
    # the claim's ("removed Oskar Berg from his post", "sacked her finance minister").
    same_verb_above: float = 0.45
    # Below this a close verb also needs the claim's object in the window ("ignored
    # three proposals" and "lost three soldiers": 0.48; "leave" and "flee": 0.56).
    same_verb_alone_above: float = 0.55
    same_act_phrase_above: float = 0.5


@dataclass(frozen=True)
class CellDecision:
    """One outlet's stance on one claim, with the sentences that show it and why."""

    label: str  # agree | contradict | silent
    evidence: tuple[int, ...]  # indexes of the evidence sentences: none, one, or two adjacent
    confidence: float
    reason: str
    hedged: bool = False
    cues: tuple[str, ...] = ()
    attributed_to: str | None = None


@dataclass(frozen=True)
class Window:
    """One sentence, or two adjacent ones, as a candidate for the evidence."""

    indexes: tuple[int, ...]
    text: str
    similarity: float
