"""Whether a window states the claim: no detail of the claim dropped or left unconfirmed."""

from __future__ import annotations

from typing import TYPE_CHECKING

from coverage.analysis.cells.conflicts import is_content, overlap
from coverage.analysis.cells.model import COUNTING_WORDS, CellConfig
from coverage.analysis.cells.parses import parse, slots_of
from coverage.analysis.embeddings import TextEncoder
from coverage.analysis.slots import COMPATIBLE, SlotComparison, Slots, compare_times
from coverage.analysis.slots.lexicon import GENERIC_NOUNS, PERSON_NOUNS
from coverage.analysis.slots.places import same_place

if TYPE_CHECKING:
    from spacy.tokens import Token


def unconfirmed_detail(claim: Slots, evidence: Slots, article: str) -> str | None:
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
        if not any(overlap(quantity, other) for other in evidence.quantities):
            return f"does not give {quantity.described}"
    return None


def not_stated_reason(
    claim: str,
    claim_slots: Slots,
    text: str,
    article: str,
    comparison: SlotComparison,
    encoder: TextEncoder,
    config: CellConfig,
) -> str | None:
    """Why the window does not state the claim, or None when it does."""
    unconfirmed = unconfirmed_detail(claim_slots, slots_of(text), article)
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
    claim_doc, window_doc = parse(claim), parse(text)
    # A name the article never gives at all: it cannot be stating a claim about it.
    unnamed = next(
        (t for t in claim_doc if t.pos_ == "PROPN" and t.is_alpha and t.lower_ not in article),
        None,
    )
    if unnamed is not None:
        return f"does not name '{unnamed.text}'"
    given = {t.lemma_.lower() for t in window_doc} | {t.lower_ for t in window_doc}
    window_words = [t for t in window_doc if is_content(t)]
    candidates = [
        t
        for t in claim_doc
        if is_content(t)
        and t.pos_ != "VERB"
        and t.lemma_.lower() not in given
        and t.lower_ not in given
        and t.lower_ not in COUNTING_WORDS
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
