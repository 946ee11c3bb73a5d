"""The cell decision: does an outlet agree with a row's claim, contradict it, or stay silent?

One function, ``decide_cell``, used for every cell of the matrix and by the `stance`
command, so both answer alike. It reads the outlet's sentences (each alone, and each
with its neighbour, since a claim may be stated across two) and decides in three
steps, each of which can say why in words:

1. **Which sentences are about the claim.** MiniLM cosine between the claim and each
   window; only the closest few are read further. This is a topic filter, not a
   verdict: "Twelve people were injured" and "At least 30 people were injured" are
   near-paraphrases to an embedding, and so are "schools stay shut" and "roads stay
   shut".
2. **Contradiction, slot by slot** (coverage.analysis.slots): a figure, date, place or
   agent that cannot hold together with the claim's, a negation or denial of its
   predicate, or an opposite predicate. A figure the parser cannot read is left
   uncompared. A conflicting sentence that the outlet attributes to officials is still
   a contradiction, hedged.
3. **Does a sentence state the claim?** It must not be about other participants
   ("roads" for "schools"), must give the claim's figures, and must not drop a detail
   of the claim while keeping the word it qualifies: "the passenger terminal remains
   closed" keeps "terminal" but not "cargo", so it is about the same event and does
   not state the claim. Paraphrases that reword whole phrases ("quit her post" for
   "resigned") pass, because what they drop has no counterpart word in the sentence.

Otherwise the cell is silent: an agree or contradict cell always quotes the sentence
(or two adjacent sentences) that states or denies the claim.

The FNC-1 stance MLP (stance.py) and the synthetic-edit verifier (verifier.py) are
not used. On the dev split of eval/stance the MLP answered agree for all 17
same-event-but-silent pairs, and the verifier behaves as an edit detector (0 of 17
paraphrases read as stated), so neither can settle what these rules leave open.
No Django imports: callers pass plain text and an encoder.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np

from coverage.analysis.calendar_words import MONTH_NAMES, WEEKDAY_NAMES
from coverage.analysis.embeddings import TextEncoder
from coverage.analysis.hedging import SPEECH_VERBS, Hedging, detect_hedging
from coverage.analysis.nlp import get_nlp
from coverage.analysis.slots import (
    COMPATIBLE,
    CONFLICT,
    DIFFERENT,
    Quantity,
    SlotComparison,
    Slots,
    compare_slots,
    compare_times,
    corresponds,
    extract_slots,
)
from coverage.analysis.slots.lexicon import GENERIC_KEYS, GENERIC_NOUNS, PERSON_NOUNS
from coverage.analysis.slots.model import Participant
from coverage.analysis.slots.places import same_place

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

AGREE = "agree"
CONTRADICT = "contradict"
SILENT = "silent"

# Parts of speech that carry a claim's content; the rest are function words.
_CONTENT_POS = frozenset({"NOUN", "PROPN", "ADJ", "ADV", "NUM", "VERB"})
# Words that only count ("thousands of people"): figures are the slots' business.
_COUNTING_WORDS = frozenset(
    {"dozen", "dozens", "hundred", "hundreds", "thousand", "thousands", "million", "millions",
     "score", "scores", "half", "third", "thirds", "quarter", "majority", "most", "several",
     "some", "about", "around", "roughly", "nearly", "almost", "approximately", "fewer",
     "less", "least", "more", "over", "under", "just", "tens"}
)  # fmt: skip
# Words that negate a clause when they are its negation, determiner, subject or object.
_NEGATORS = frozenset({"nobody", "none", "nothing", "no one"})
_DENIAL_LEMMAS = frozenset({"deny", "refute"})
_ARGUMENT_DEPS = frozenset(
    {"nsubj", "nsubjpass", "dobj", "attr", "acomp", "xcomp", "ccomp", "oprd", "agent"}
)
# "people vs mourners" names no other agent: it only words the same crowd differently.
_GENERIC_AGENT = re.compile(r"\b(?:people|persons?|someone|anyone|they|it)\b", re.IGNORECASE)
_COMPASS = {
    "north": "n", "northern": "n", "northward": "n", "south": "s", "southern": "s",
    "southward": "s", "east": "e", "eastern": "e", "eastward": "e", "west": "w",
    "western": "w", "westward": "w",
}  # fmt: skip
_OPPOSITE = {"n": "s", "s": "n", "e": "w", "w": "e"}
# Whole words only: "north-east" is neither north nor east for this comparison.
_DIRECTION = re.compile(r"(?<![-\w])(" + "|".join(_COMPASS) + r")(?![-\w])")
# Place roles under which two different names can both be right (one may hold the
# other, or a story may span both); the slots' own comparison still reads them.
_CONTAINING_ROLES = frozenset({"in", "at"})
# "Category 4", "Level 3", "Stage 2": a capitalised label and the number it is given.
# Not at the start of a sentence ("About 30 people"); dates are the time slots' business.
_DESIGNATION = re.compile(r"(?<=\w )([A-Z][a-z]+) (\d+)\b(?![.,:]\d)")
_CALENDAR_WORDS = frozenset(MONTH_NAMES) | frozenset(WEEKDAY_NAMES)
# Prepositions that say where an act happened, and nouns after them that say when.
_LOCATIVE_PREPS = frozenset({"in", "on", "at", "inside", "into", "onto"})
_TIME_NOUNS = frozenset(
    {"morning", "afternoon", "evening", "night", "day", "week", "month", "year", "hour",
     "minute", "time", "moment", "weekend", "season", "period", "past", "future", "end"}
)  # fmt: skip
_REASON_ORDER = ("quantity", "time", "place", "polarity", "agent", "target")
# A short sentence that only says who said the one before: "That was confirmed by X."
_BARE_ATTRIBUTION_WORDS = 12


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
    # A window states the claim only if at least this close.
    agree_above: float = 0.5
    # A word of the claim counts as given by a window when their vectors are this close.
    word_match: float = 0.55
    # A window this close is about the claim's own fact: its dates and counts of the
    # same thing are compared even when the slots could not pair the predicates.
    detail_conflict_above: float = 0.6
    # Two unnamed doers ("government forces", "rebel fighters") may be one when their
    # words are at least this close ("police" and "officers" score about 0.7).
    same_agent_above: float = 0.5
    # Two verbs report one act when at least this close ("rescued", "picked up": 0.43).
    same_act_above: float = 0.4
    # Two spots of one act ("on the third floor", "in the basement") are one when close.
    same_spot_above: float = 0.5
    # Two targets are one thing when their words are at least this close.
    same_target_above: float = 0.6


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
class _Window:
    """One sentence, or two adjacent ones, as a candidate for the evidence."""

    indexes: tuple[int, ...]
    text: str
    similarity: float


def decide_cell(
    claim: str,
    sentences: Sequence[str],
    *,
    encoder: TextEncoder,
    hedging: Sequence[Hedging | None] | None = None,
    config: CellConfig | None = None,
) -> CellDecision:
    """Decide a cell from the row's claim and the outlet's sentences, in article order.

    ``hedging`` may give each sentence's hedging when the caller has it (from its own
    parse); missing entries are detected here. Parses, slots and vectors are cached
    per text, so deciding one article against many claims reads each sentence once.
    """
    config = config or CellConfig()
    if not claim.strip() or not sentences:
        return CellDecision(SILENT, (), 1.0, "the article has no text to compare")
    windows = _windows(claim, sentences, encoder)
    singles, pairs = _candidates(windows, config)
    if not singles:
        best = max((w.similarity for w in windows), default=0.0)
        return CellDecision(SILENT, (), _clip(1 - best), "no sentence is about the claim")

    def hedging_of(window: _Window) -> Hedging:
        return _window_hedging(window, sentences, hedging)

    claim_slots = _slots(claim)
    article = " ".join(sentences).lower()
    compared = {w.indexes: compare_slots(claim_slots, _slots(w.text)) for w in singles}
    conflicts = [
        (w, reason)
        for w in singles
        if w.similarity >= config.contradict_above
        and (
            reason := _conflict(claim, w.text, compared[w.indexes], w.similarity, config, encoder)
            or _other_agent(claim_slots, _slots(w.text), w.text, encoder, config)
            or _other_spot(claim, claim_slots, w.text, encoder, config)
        )
        is not None
    ]
    conflicting = {w.indexes for w, _ in conflicts}
    stating: list[tuple[_Window, SlotComparison]] = []
    not_stated: list[str] = []
    for window in [*singles, *pairs]:
        comparison = compared.get(window.indexes) or compare_slots(claim_slots, _slots(window.text))
        if (
            comparison.verdict == CONFLICT
            or window.similarity < config.agree_above
            or conflicting.intersection(_sub_windows(window))
        ):
            continue
        gap = _not_stated(claim, claim_slots, window.text, article, comparison, encoder, config)
        if gap is None:
            stating.append((window, comparison))
        else:
            not_stated.append(gap)
    stating.sort(key=lambda item: -item[0].similarity)

    if conflicts:
        conflict, conflict_reason = conflicts[0]
        conflict_hedging = hedging_of(conflict)
        # An outlet that states the claim in its own voice and then reports a party's
        # denial agrees: it passes the denial on without adopting it.
        own_voice = next(
            (
                (w, c)
                for w, c in stating
                if w.similarity >= conflict.similarity and not hedging_of(w).hedged
            ),
            None,
        )
        if own_voice is None or not conflict_hedging.hedged:
            return _decision(CONTRADICT, conflict, conflict_reason, conflict_hedging)
        window, comparison = own_voice
        return _decision(AGREE, window, _agree_reason(window, comparison), hedging_of(window))
    if stating:
        window, comparison = stating[0]
        return _decision(AGREE, window, _agree_reason(window, comparison), hedging_of(window))
    reason = not_stated[0] if not_stated else "no sentence states the claim"
    return CellDecision(SILENT, (), _clip(1 - singles[0].similarity), reason)


def compare_statements(claim: str, statement: str) -> tuple[str, str]:
    """Agree or contradict, with the reason, for a statement aligned with the claim's row.

    The aligner already put ``statement`` in the claim's row, so it is about the same
    fact; what is left is whether its figures, date, place, agent or polarity conflict.
    """
    reason = _conflict(claim, statement, compare_slots(_slots(claim), _slots(statement)), 1.0,
                       CellConfig())  # fmt: skip
    if reason is not None:
        return CONTRADICT, reason
    return AGREE, "states the row's claim in its own words"


def _candidates(windows: list[_Window], config: CellConfig) -> tuple[list[_Window], list[_Window]]:
    """The closest single sentences and adjacent pairs worth reading, closest first."""
    readable = sorted(
        (w for w in windows if w.similarity >= config.floor), key=lambda w: -w.similarity
    )
    singles = [w for w in readable if len(w.indexes) == 1]
    alone = {w.indexes[0]: w.similarity for w in singles}
    # Two sentences are worth reading together only when they are closer to the claim
    # than either alone: the second completes the first ("... the bank said. It cut
    # rates."). Otherwise the better sentence is read by itself.
    pairs = [
        w
        for w in readable
        if len(w.indexes) == 2 and w.similarity > max(alone.get(i, 0.0) for i in w.indexes)
    ]
    return singles[: config.candidates], pairs[: config.pair_candidates]


def _sub_windows(window: _Window) -> list[tuple[int, ...]]:
    return [(index,) for index in window.indexes]


def _conflict(
    claim: str,
    text: str,
    comparison: SlotComparison,
    similarity: float,
    config: CellConfig,
    encoder: TextEncoder | None = None,
) -> str | None:
    """Why ``text`` contradicts the claim, or None.

    Beyond the slots' own conflicts: another agent for the same act on the same target
    ("a worker discovered the leak" vs "the leak was discovered by a resident"), and a
    sentence that negates what the claim asserts when the slots could not pair the
    predicates ("No distress call was received" for "sent a distress call").
    """
    if comparison.verdict == CONFLICT:
        return next(f.reason for f in comparison.findings if f.outcome == CONFLICT)
    outcomes = {(f.slot, f.outcome) for f in comparison.findings}
    agents = [
        f
        for f in comparison.findings
        if f.slot == "agent"
        and f.outcome == DIFFERENT
        and not _GENERIC_AGENT.search(f.reason.split(": ", 1)[-1])
        # "half of voters": the parse left the count as the doer
        and not {word.lower() for word in _agent_pair(f)} & _COUNTING_WORDS
    ]
    if encoder is not None:
        # "riot police" and "riot officers" are one doer in other words.
        agents = [f for f in agents if not _close_words(*_agent_pair(f), encoder, config)]
    if agents and ({("target", COMPATIBLE), ("polarity", COMPATIBLE)} & outcomes):
        return agents[0].reason
    negation = _negation(text, claim)
    if negation is not None and _negation(claim) is None:
        return f"negates it: '{negation}'"
    if similarity >= config.detail_conflict_above:
        return _detail_conflict(_slots(claim), _slots(text)) or _designation_conflict(claim, text)
    return None


def _designations(text: str) -> list[tuple[str, str]]:
    return [
        (label, number)
        for label, number in _DESIGNATION.findall(text)
        if label.lower() not in _CALENDAR_WORDS
    ]


def _designation_conflict(claim: str, text: str) -> str | None:
    """ "A Category 4 storm" against "a Category 2 storm": one label, another number.

    Such designations (a category, level, stage, phase, grade) are names with a number
    in them, not counts, so the quantity slots leave them alone. In a sentence this
    close to the claim, the claim's label with another number, and never with the
    claim's, gives the fact otherwise.
    """
    theirs = {(label, number) for label, number in _designations(text)}
    for label, number in _designations(claim):
        others = [n for other, n in theirs if other == label]
        if others and number not in others:
            return f"{label} {number} vs {label} {others[0]}"
    return None


def _other_agent(
    claim: Slots, evidence: Slots, text: str, encoder: TextEncoder, config: CellConfig
) -> str | None:
    """Another doer for the claim's own act on its own target, read through the words.

    "Government forces shelled the village" against "Rebel fighters shelled the
    village", or "the sailors were picked up by a cargo ship" where the claim says
    the coastguard: the slots leave such unnamed doers uncompared, since person nouns
    all count as people. Two unnamed doers are one when their words are close or
    shared ("police" and "officers", "the driver" and "the lorry driver"). A name and
    a noun may be one ("the company" may be Acme), unless the noun's own phrase names
    someone else: "developed by researchers at the University of Marten" is not
    Oakley Pharmaceuticals.
    """
    window = text.lower()
    window_words = set(re.findall(r"\w+", window))
    for mine in claim.predicates:
        if not _plain_assertion(mine) or not mine.main or mine.agent is None:
            continue
        if mine.target is None or not _specific(mine.agent):
            continue
        if mine.agent.text.lower() in window or (
            mine.agent.named and set(re.findall(r"\w+", mine.agent.key)) & window_words
        ):
            continue  # the claim's doer is in the sentence: it may share the act
        for theirs in evidence.predicates:
            if not _plain_assertion(theirs) or theirs.agent is None or theirs.target is None:
                continue
            if theirs.agent.named or not _specific(theirs.agent):
                continue
            if not _same_act(mine, theirs, encoder, config):
                continue
            if not _close(mine.target, theirs.target, encoder, config.same_target_above):
                continue
            if mine.agent.named:
                phrase = _named_doer_phrase(_parse(text), theirs.position)
                if phrase is None or _close_words(
                    mine.agent.text.lower(), phrase.lower(), encoder, config
                ):
                    continue
                return f"agent: {mine.agent.text} vs {phrase}"
            if _close(mine.agent, theirs.agent, encoder, config.same_agent_above):
                continue
            return f"agent: {mine.agent.text} vs {theirs.agent.text}"
    return None


def _named_doer_phrase(doc: Doc, position: int) -> str | None:
    """The doer's noun phrase when it names someone: "researchers at the University of
    Marten"; None when it names no one ("researchers")."""
    head = doc[position]
    doer = next((c for c in head.children if c.dep_ == "nsubj"), None)
    if doer is None:
        by = next((c for c in head.children if c.dep_ == "agent"), None)
        doer = next((c for c in by.children if c.dep_ == "pobj"), None) if by else None
    if doer is None:
        return None
    words = sorted(_phrase_words(doer), key=lambda t: t.i)
    if not any(t.pos_ == "PROPN" for t in words):
        return None
    return " ".join(t.text for t in words)


def _phrase_words(token: Token) -> list[Token]:
    """A noun and its modifiers, without the clauses and appositions hung on it."""
    words = [token]
    for child in token.children:
        if child.dep_ not in {"relcl", "acl", "appos", "punct", "cc", "conj"}:
            words.extend(_phrase_words(child))
    return words


def _other_spot(
    claim: str, claim_slots: Slots, text: str, encoder: TextEncoder, config: CellConfig
) -> str | None:
    """Another spot for the claim's own act, where neither spot is a name.

    "The fire started on the third floor" against "the fire started in the basement
    car park"; "landed in the sea" against "landed in a field". The place slots read
    named places only. Both spots must hang off the same act on the same target, be
    common nouns (times aside), and not be close in words; a spot the window names
    anywhere is taken as given ("in the cellar, not in the kitchen" is not read here).
    """
    claim_doc, window_doc = _parse(claim), _parse(text)
    evidence = _slots(text)
    window_words = {t.lemma_.lower() for t in window_doc}
    for mine in claim_slots.predicates:
        if not _plain_assertion(mine) or not mine.main or mine.target is None:
            continue
        spot = _spot(claim_doc, mine.position)
        if spot is None or spot.lemma_.lower() in window_words:
            continue
        for theirs in evidence.predicates:
            if not _plain_assertion(theirs) or theirs.target is None:
                continue
            if not corresponds(mine.lemma, theirs.lemma):
                continue
            if not _close(mine.target, theirs.target, encoder, config.same_target_above):
                continue
            other = _spot(window_doc, theirs.position)
            if other is None:
                continue
            first, second = _spot_phrase(spot), _spot_phrase(other)
            vectors = encoder.encode([first, second])
            if float(vectors[0] @ vectors[1]) < config.same_spot_above:
                return f"{spot.head.text} {first} vs {other.head.text} {second}"
    return None


def _spot(doc: Doc, position: int) -> Token | None:
    """The common noun a clause is located at ("started in the basement": basement)."""
    head = doc[position]
    heads = [head, *(c for c in head.children if c.dep_ in {"xcomp", "oprd", "acomp"})]
    for word in heads:
        for prep in word.children:
            if prep.dep_ != "prep" or prep.lower_ not in _LOCATIVE_PREPS:
                continue
            obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if (
                obj is not None
                and obj.pos_ == "NOUN"
                and not obj.ent_type_
                and obj.lemma_.lower() not in _TIME_NOUNS
            ):
                return obj
    return None


def _spot_phrase(noun: Token) -> str:
    """The noun with the words before it: "the third floor", "the basement car park"."""
    start = min(t.i for t in noun.subtree if t.i <= noun.i)
    return noun.doc[start : noun.i + 1].text


def _same_act(mine, theirs, encoder: TextEncoder, config: CellConfig) -> bool:
    """Two predicates that report one act: the lexicon's synonyms, or verbs this close
    ("rescued" and "picked up")."""
    if corresponds(mine.lemma, theirs.lemma):
        return True
    vectors = encoder.encode([mine.text, theirs.text])
    return float(vectors[0] @ vectors[1]) >= config.same_act_above


def _plain_assertion(predicate) -> bool:
    return predicate.asserted and not predicate.speculative and not predicate.frame


def _specific(participant: Participant) -> bool:
    """A doer that names someone in particular, not "people" or "the company".

    A generic head with a word before it is specific: "government forces", "a cargo
    ship".
    """
    if _GENERIC_AGENT.search(participant.text) or participant.text.lower() in _COUNTING_WORDS:
        return False  # "half of voters": the parse left the count as the doer
    return participant.key not in GENERIC_KEYS or len(participant.text.split()) > 1


def _close(first: Participant, second: Participant, encoder: TextEncoder, above: float) -> bool:
    """True when two participants may be one: a shared word, or words this close."""
    if first.key == second.key or set(first.text.lower().split()) & set(
        second.text.lower().split()
    ):
        return True
    vectors = encoder.encode([first.text, second.text])
    return float(vectors[0] @ vectors[1]) >= above


def _agent_pair(finding) -> tuple[str, str]:
    """The two doers of an "agent: X vs Y" finding."""
    first, _, second = finding.reason.split(": ", 1)[-1].partition(" vs ")
    return first, second


def _close_words(first: str, second: str, encoder: TextEncoder, config: CellConfig) -> bool:
    """Two doers in words this close are one ("police", "officers"); names are not read so."""
    if not first or not second or first[:1].isupper() or second[:1].isupper():
        return False
    vectors = encoder.encode([first, second])
    return float(vectors[0] @ vectors[1]) >= config.same_agent_above


def _detail_conflict(claim: Slots, evidence: Slots) -> str | None:
    """A date, place or figure of the claim that the evidence gives otherwise, never as is.

    The slots compare these only between predicates they can pair; a sentence this
    close to the claim is about the same fact even when its verb differs ("took part in
    the strike" vs "walked off the job", "will take place in" vs "will be held in"), so
    its date, its place in the same role, or its count of the same thing is compared
    directly.
    """
    for first in claim.times:
        outcomes = [(compare_times(first, second), second) for second in evidence.times]
        if any(outcome == COMPATIBLE for outcome, _ in outcomes):
            continue
        clash = next((second for outcome, second in outcomes if outcome == CONFLICT), None)
        if clash is not None:
            return f"{first.text} vs {clash.text}"
    direction = _direction_conflict(claim.text, evidence.text)
    if direction is not None:
        return direction
    contained = claim.containment | evidence.containment
    for first in claim.places:
        if first.role in _CONTAINING_ROLES:
            continue  # "in Iraq" and "in Syria" may both hold of a cross-border event
        same_role = [other for other in evidence.places if other.role == first.role]
        if not same_role or any(same_place(first.key, other.key) for other in same_role):
            continue
        if not any(
            (first.key, other.key) in contained or (other.key, first.key) in contained
            for other in same_role
        ):
            return f"{first.text} vs {same_role[0].text}"
    for first in claim.quantities:
        if f"{first.text.lower()} of " in claim.text.lower():
            continue  # "three of the injured": a part of a total, not the total
        same = [second for second in evidence.quantities if _same_count(first, second)]
        if same and not any(_overlap(first, second) for second in same):
            return f"{first.described} vs {same[0].described}"
    return None


def _direction_conflict(claim: str, evidence: str) -> str | None:
    """ "In the north of X" against "in the south of X": opposite compass points.

    Only when the claim gives one direction and the evidence gives the opposite one and
    not the claim's ("the north-east" and "the north" do not clash).
    """
    mine = _DIRECTION.findall(claim.lower())
    theirs = _DIRECTION.findall(evidence.lower())
    if len({_COMPASS[word] for word in mine}) != 1 or not theirs:
        return None
    point = _COMPASS[mine[0]]
    points = {_COMPASS[word] for word in theirs}
    if point in points or _OPPOSITE[point] not in points:
        return None
    other = next(word for word in theirs if _COMPASS[word] == _OPPOSITE[point])
    return f"{mine[0]} vs {other}"


def _same_count(first: Quantity, second: Quantity) -> bool:
    if first.unit or second.unit:
        return first.unit == second.unit and first.owner == second.owner
    if {first.role, second.role} & {"including", "among"}:
        return False
    return first.noun is not None and first.noun == second.noun


def _overlap(first: Quantity, second: Quantity) -> bool:
    return not (first.high < second.low or second.high < first.low)


def _unconfirmed_detail(claim: Slots, evidence: Slots, article: str) -> str | None:
    """A date, place or figure of the claim that the evidence does not give.

    A window that states the claim gives its details: "The explosion happened on 3
    March" is not stated by a sentence that dates it otherwise or not at all.
    """
    for when in claim.times:
        if not any(compare_times(when, other) == COMPATIBLE for other in evidence.times):
            return f"does not give {when.text}"
    # A place named anywhere in the article (often only in its dateline) is where the
    # article's events happen; the window need not repeat it unless it places the event
    # elsewhere ("will build its factory in Torvik" does not state "in Halden").
    for place in claim.places:
        placed_otherwise = any(other.role == place.role for other in evidence.places)
        if place.name.lower() in article and not placed_otherwise:
            continue
        if not any(same_place(place.key, other.key) for other in evidence.places):
            return f"does not give {place.text}"
    window = evidence.text.lower()
    for quantity in claim.quantities:
        if quantity.bound == "vague" or quantity.text.lower() in window:
            continue
        if not any(_overlap(quantity, other) for other in evidence.quantities):
            return f"does not give {quantity.described}"
    return None


def _negation(text: str, claim: str | None = None) -> str | None:
    """The words that negate a sentence's own assertion ("no distress call", "denies").

    Only the main clause counts, or what a speech verb reports ("officials said no
    warning was given"): "saying she no longer had the energy" negates a side clause.
    Given the claim, the negated clause must also be about it: its verb or one of its
    direct arguments is a word of the claim ("Nobody was hurt" for "Several people were
    hurt"), so "Sony did not respond to requests for comment" negates nothing a claim
    about a film's casting says.
    """
    doc = _parse(text)
    claim_words = _content_lemmas(_parse(claim)) if claim is not None else None
    for clause in _main_clauses(doc):
        about_claim = claim_words is None or _share_a_word(_clause_lemmas(clause), claim_words)
        if not about_claim:
            continue
        if clause.lemma_.lower() in _DENIAL_LEMMAS:
            return doc[clause.i : clause.right_edge.i + 1].text[:80]
        for child in clause.children:
            if child.dep_ == "neg" or (child.dep_ == "advmod" and child.lower_ == "never"):
                return f"{child.text} {clause.text}"
            if child.dep_ in {"nsubj", "nsubjpass", "dobj"}:
                if child.lower_ in _NEGATORS:
                    return f"{child.text} {clause.text}"
                negator = next(
                    (d for d in child.children if d.dep_ == "det" and d.lower_ == "no"), None
                )
                if negator is not None:
                    return doc[negator.i : child.i + 1].text
    return None


def _share_a_word(first: set[str], second: set[str]) -> bool:
    """Same lemma, or one word built on the other ("warn" and "warning", "know" and
    "knowledge")."""
    return any(
        a == b or (min(len(a), len(b)) >= 4 and (a.startswith(b) or b.startswith(a)))
        for a in first
        for b in second
    )


def _content_lemmas(tokens) -> set[str]:
    return {t.lemma_.lower() for t in tokens if _is_content(t)}


def _clause_lemmas(head: Token) -> set[str]:
    """The clause's verb and the heads of its direct arguments and complements."""
    words = [head]
    for child in head.children:
        if child.dep_ in _ARGUMENT_DEPS:
            words.append(child)
            words.extend(c for c in child.children if c.dep_ in {"compound", "amod", "pobj"})
        if child.dep_ == "prep":
            words.extend(c for c in child.children if c.dep_ == "pobj")
    return _content_lemmas(words)


def _main_clauses(doc: Doc) -> list[Token]:
    """The verbs a sentence asserts: its roots, their conjuncts, and reported clauses."""
    found = []
    for root in (token for token in doc if token.dep_ == "ROOT"):
        heads = [root, *(c for c in root.children if c.dep_ == "conj")]
        for head in heads:
            if head.lemma_.lower() in SPEECH_VERBS:
                found.extend(c for c in head.children if c.dep_ in {"ccomp", "xcomp"})
            found.append(head)
    return found


def _windows(claim: str, sentences: Sequence[str], encoder: TextEncoder) -> list[_Window]:
    """Every sentence, and every two adjacent ones, with its cosine to the claim.

    Two sentences are scored by the mean of their vectors, which ranks them about as
    embedding the joined text does, at no extra encoding.
    """
    vectors = encoder.encode([claim, *sentences])
    claim_vector, sentence_vectors = vectors[0], vectors[1:]
    single = sentence_vectors @ claim_vector
    joined = sentence_vectors[:-1] + sentence_vectors[1:]
    norms = np.maximum(np.linalg.norm(joined, axis=1), 1e-12)
    paired = (joined @ claim_vector) / norms
    windows = [_Window((i,), text, float(single[i])) for i, text in enumerate(sentences)]
    windows += [
        _Window((i, i + 1), f"{sentences[i]} {sentences[i + 1]}", float(paired[i]))
        for i in range(len(sentences) - 1)
    ]
    return windows


def _not_stated(
    claim: str,
    claim_slots: Slots,
    text: str,
    article: str,
    comparison: SlotComparison,
    encoder: TextEncoder,
    config: CellConfig,
) -> str | None:
    """Why the window does not state the claim, or None when it does."""
    unconfirmed = _unconfirmed_detail(claim_slots, _slots(text), article)
    if unconfirmed is not None:
        return unconfirmed
    missing = _missing_detail(claim, text, article, encoder, config)
    if missing is not None:
        return missing
    return None


def _missing_detail(
    claim: str, text: str, article: str, encoder: TextEncoder, config: CellConfig
) -> str | None:
    """A detail of the claim the window drops while keeping the word it belongs to.

    "The cargo terminal remains closed" against "The passenger terminal remains
    closed": the window says "terminal" but nothing like "cargo". A word whose head
    is itself reworded ("quit her post" for "the mayor resigned") is not counted, so
    paraphrases pass.
    """
    claim_doc, window_doc = _parse(claim), _parse(text)
    # A name the article never gives at all: it cannot be stating a claim about it.
    unnamed = next(
        (t for t in claim_doc if t.pos_ == "PROPN" and t.is_alpha and t.lower_ not in article),
        None,
    )
    if unnamed is not None:
        return f"does not name '{unnamed.text}'"
    given = {t.lemma_.lower() for t in window_doc} | {t.lower_ for t in window_doc}
    window_words = [t for t in window_doc if _is_content(t)]
    candidates = [
        t
        for t in claim_doc
        if _is_content(t)
        and t.pos_ != "VERB"
        and t.lemma_.lower() not in given
        and t.lower_ not in given
        and t.lower_ not in _COUNTING_WORDS
        and not t.like_num
        and t.lemma_.lower() not in GENERIC_NOUNS
        and t.lemma_.lower() not in PERSON_NOUNS
        # A name the article gives elsewhere (the dateline's town) is not a lost detail.
        and not (t.pos_ == "PROPN" and t.lower_ in article)
    ]
    if not candidates or not window_words:
        return None
    head_given = [t for t in candidates if _head_given(t, given)]
    if not head_given:
        return None
    claim_vectors = encoder.encode([t.lemma_.lower() for t in head_given])
    window_vectors = encoder.encode([t.lemma_.lower() for t in window_words])
    closest = (claim_vectors @ window_vectors.T).max(axis=1)
    for token, score in zip(head_given, closest, strict=True):
        if score < config.word_match:
            return f"does not say '{token.text}'"
    return None


def _head_given(token: Token, given: set[str]) -> bool:
    """True when the word ``token`` qualifies (through prepositions) appears in the window."""
    head = token.head
    while head.i != head.head.i and (head.pos_ in {"ADP", "AUX", "PART"} or head.is_stop):
        head = head.head
    if head.i == token.i:
        return False
    if head.pos_ in {"ADP", "AUX", "PART"} or head.is_stop:
        return True  # "are in a critical condition": the claim's root is a copula
    return head.lemma_.lower() in given or head.lower_ in given


def _is_content(token: Token) -> bool:
    return token.pos_ in _CONTENT_POS and not token.is_stop and token.is_alpha


def _window_hedging(
    window: _Window, sentences: Sequence[str], known: Sequence[Hedging | None] | None
) -> Hedging:
    """The evidence's hedging, with a bare attribution sentence right after it counted.

    "... the ship was overloaded. That was confirmed by the coastguard." The second
    sentence says nothing but who said the first.
    """
    parts = [_hedging(i, sentences, known) for i in window.indexes]
    following = window.indexes[-1] + 1
    if following < len(sentences) and _is_bare_attribution(sentences[following]):
        parts.append(_hedging(following, sentences, known))
    hedged = [part for part in parts if part.hedged]
    if not hedged:
        return parts[0]
    return Hedging(
        hedged=True,
        cues=tuple(dict.fromkeys(cue for part in hedged for cue in part.cues)),
        attributed_to=next((p.attributed_to for p in hedged if p.attributed_to), None),
        sources=tuple(dict.fromkeys(source for part in hedged for source in part.sources)),
    )


def _hedging(index: int, sentences: Sequence[str], known: Sequence[Hedging | None] | None):
    if known is not None and index < len(known) and known[index] is not None:
        return known[index]
    return _detect_hedging(sentences[index])


def _is_bare_attribution(sentence: str) -> bool:
    words = sentence.split()
    if len(words) > _BARE_ATTRIBUTION_WORDS or not _detect_hedging(sentence).hedged:
        return False
    first = words[0].lower().strip("\"'“‘")
    return first in {"that", "this", "he", "she", "they", "it", "so"} or len(words) <= 6


def _agree_reason(window: _Window, comparison: SlotComparison) -> str:
    agreeing = [f for f in comparison.findings if f.outcome == COMPATIBLE]
    if agreeing:
        # The most telling agreement first: a figure, then a date or place, then the act.
        return min(agreeing, key=lambda f: _REASON_ORDER.index(f.slot)).reason
    quoted = window.text if len(window.text) <= 90 else window.text[:87].rstrip() + "..."
    return f"states it: '{quoted}'"


def _decision(label: str, window: _Window, reason: str, hedging: Hedging) -> CellDecision:
    return CellDecision(
        label=label,
        evidence=window.indexes,
        confidence=_clip(window.similarity),
        reason=reason,
        hedged=hedging.hedged,
        cues=hedging.cues,
        attributed_to=hedging.attributed_to,
    )


def _clip(value: float) -> float:
    return round(min(max(value, 0.0), 1.0), 4)


# Parses are the largest cached objects (a few kB each): enough for one event's
# sentences and windows without growing past the pipeline's memory budget.
_PARSE_CACHE_SIZE = 2048
_parses: dict[str, Doc] = {}


def parse_ahead(texts: Sequence[str]) -> None:
    """Parse in batches the texts decisions will read; one at a time is several times slower."""
    missing = [text for text in dict.fromkeys(texts) if text not in _parses]
    for text, doc in zip(missing, get_nlp().pipe(missing, batch_size=64), strict=True):
        _remember(text, doc)


def texts_to_read(
    claim: str,
    sentences: Sequence[str],
    *,
    encoder: TextEncoder,
    config: CellConfig | None = None,
) -> list[str]:
    """The claim and the windows ``decide_cell`` will parse for this cell, for parse_ahead."""
    config = config or CellConfig()
    if not claim.strip() or not sentences:
        return []
    singles, pairs = _candidates(_windows(claim, sentences, encoder), config)
    if not singles:
        return []
    return [claim, *(window.text for window in singles + pairs)]


def remember_parses(parses: dict[str, Doc]) -> None:
    """Reuse parses the caller already made (the pipeline parses every claim sentence)."""
    for text, doc in parses.items():
        if text not in _parses:
            _remember(text, doc)


def _remember(text: str, doc: Doc) -> None:
    if len(_parses) >= _PARSE_CACHE_SIZE:
        del _parses[next(iter(_parses))]  # the oldest entry
    _parses[text] = doc


def _parse(text: str) -> Doc:
    doc = _parses.get(text)
    if doc is None:
        doc = get_nlp()(text)
        _remember(text, doc)
    return doc


@lru_cache(maxsize=8192)
def _slots(text: str) -> Slots:
    return extract_slots(text, _parse(text))


@lru_cache(maxsize=8192)
def _detect_hedging(text: str) -> Hedging:
    return detect_hedging(text, _parse(text))
