"""Casualties said and unsaid: "No injuries have been reported" against a firefighter
taken to hospital with burns.

Such a pair shares no words an embedding or the slots could line up, yet an outlet that
says no one was hurt contradicts one that reports a victim. Only a plain statement of
none counts ("No injuries have been reported", "Nobody was hurt"): a qualified one ("no
villagers were hurt", "no serious injuries", "none of the injuries was life-threatening")
leaves room for the victim, and a speculative one ("nobody would get hurt if ...") says
nothing of what happened.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from coverage.analysis.cells.parses import parse
from coverage.analysis.slots.lexicon import CASUALTY_EVENTS
from coverage.analysis.slots.syntax import none_else

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

INJURED = "injured"
DEAD = "dead"
# What a statement of none rules out: no injuries leaves no one dead either.
_RULES_OUT = {INJURED: {INJURED, DEAD}, DEAD: {DEAD}, "casualties": {INJURED, DEAD}}
# Nouns for the harm a victim is taken to hospital with.
_INJURY_NOUNS = frozenset(
    {"burn", "injury", "wound", "fracture", "cut", "bruise", "inhalation", "trauma"}
)
# A cheap test before parsing: words that may say none, and words of harm.
_NONE = re.compile(r"\b(?:no|nobody|no-one)\b", re.IGNORECASE)
_HARM = re.compile(
    r"\b(?:injur|hurt|wound|kill|dead|die|died|death|fatalit|casualt|burn|hospital)",
    re.IGNORECASE,
)
# Modifiers that narrow what is denied: "no serious injuries", "no one in the village".
_NARROWING = frozenset({"amod", "compound", "prep", "relcl", "acl", "nmod", "poss"})
_SPECULATIVE = frozenset({"would", "could", "might", "may", "should", "will"})


def casualty_conflict(claim: str, sentences: Sequence[str]) -> tuple[int, str] | None:
    """The first sentence that says there were no casualties of a kind the claim reports,
    or reports one the claim says there were none of, with the reason in words."""
    if not _HARM.search(claim):
        return None
    claim_doc = parse(claim)
    none_claimed = _none_of(claim_doc)
    reported = None if none_claimed else _reported(claim_doc)
    if none_claimed is None and reported is None:
        return None
    for index, sentence in enumerate(sentences):
        if not _HARM.search(sentence):
            continue
        if reported is not None and _NONE.search(sentence):
            said = _none_of(parse(sentence))
            if said is not None and reported in _RULES_OUT[said[0]]:
                return index, f"{reported} vs '{said[1]}'"
        elif none_claimed is not None:
            harm = _reported(parse(sentence))
            if harm is not None and harm in _RULES_OUT[none_claimed[0]]:
                return index, f"'{none_claimed[1]}' vs {harm}"
    return None


def _none_of(doc: Doc) -> tuple[str, str] | None:
    """The kind of casualty a sentence says there was none of, with its words: "No
    injuries have been reported" -> ("injured", "No injuries")."""
    for token in doc:
        if token.dep_ not in {"nsubj", "nsubjpass", "dobj", "attr"} or _speculative(token.head):
            continue
        # "No one else was hurt": no one besides the victims just named.
        narrowed = any(child.dep_ in _NARROWING for child in token.children) or none_else(token)
        if token.lower_ in {"nobody", "no-one"} or (
            token.lower_ == "one" and token.i > 0 and doc[token.i - 1].lower_ == "no"
        ):
            kind = CASUALTY_EVENTS.get(token.head.lemma_.lower())
            if kind in _RULES_OUT and not narrowed:
                return kind, doc[
                    max(token.i - 1, 0) if token.lower_ == "one" else token.i : token.head.i + 1
                ].text
        no = next((c for c in token.children if c.dep_ == "det" and c.lower_ == "no"), None)
        kind = CASUALTY_EVENTS.get(token.lemma_.lower())
        if no is not None and kind in _RULES_OUT and not narrowed:
            return kind, doc[no.i : token.i + 1].text
    return None


def _reported(doc: Doc) -> str | None:
    """The kind of casualty a sentence reports as having happened: someone "was hurt",
    "killed", or "taken to hospital with burns"."""
    for token in doc:
        kind = CASUALTY_EVENTS.get(token.lemma_.lower())
        if (
            token.pos_ in {"VERB", "ADJ"}
            and kind in {INJURED, DEAD}
            and not _negated(token)
            and not _speculative(token)
            and any(
                c.dep_ in {"nsubj", "nsubjpass", "dobj"} and not _is_none(c) for c in token.children
            )
        ):
            return kind
        if (
            token.lemma_.lower() in _INJURY_NOUNS
            and token.head.lower_ == "with"
            and "hospital" in doc.text.lower()
            and not _negated(token.head.head)
        ):
            return INJURED
    return None


def _negated(token: Token) -> bool:
    return any(child.dep_ == "neg" for child in token.children)


def _speculative(token: Token) -> bool:
    return any(child.dep_ == "aux" and child.lower_ in _SPECULATIVE for child in token.children)


def _is_none(token: Token) -> bool:
    return token.lower_ in {"nobody", "none", "no-one"} or any(
        child.dep_ == "det" and child.lower_ == "no" for child in token.children
    )
