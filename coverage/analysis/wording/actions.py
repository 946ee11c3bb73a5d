"""Actions: the verb phrase that carries a claim in one sentence, with its hedges."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from coverage.analysis.hedging import detect_hedging
from coverage.analysis.sources import ATTRIBUTION_VERBS

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token


@dataclass(frozen=True)
class Predicate:
    """The verb phrase that carries a claim in one sentence: "claimed to have captured"."""

    lemma: str
    phrase: str
    # The sentence's hedging and attribution cues: "allegedly", "reports indicate",
    # and the verb that reports the claim ("said", "claimed", "admitted").
    hedges: tuple[str, ...] = ()
    # The verb that frames the claim as someone's words: "admitted" in "The ministry
    # admitted that the dam had failed"; outlets choose between "said", "claimed"
    # and "admitted" for one claim.
    reporting_verb: str = ""


_HEDGING_GOVERNORS = frozenset(
    {"claim", "allege", "appear", "seem", "say", "believe", "report", "purport", "think"}
)
_FRAME_DEPS = frozenset({"aux", "auxpass", "neg", "prt"})
_CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ", "NUM"})


def predicate(sentence: Doc | Span, claim: Doc | Span) -> Predicate | None:
    """The verb of ``sentence`` that says what ``claim`` says, with its hedges and auxiliaries."""
    claim_lemmas = {token.lemma_.lower() for token in claim if token.pos_ in _CONTENT_POS}
    claim_verbs = {token.lemma_.lower() for token in claim if token.pos_ == "VERB"}
    best: tuple[float, Token] | None = None
    for token in sentence:
        if token.pos_ != "VERB" or _is_frame(token):
            continue
        arguments = [child for child in token.children if child.dep_ not in _FRAME_DEPS]
        argument_words = {
            word.lemma_.lower()
            for child in arguments
            for word in (child, *(c for c in child.children if c.dep_ == "pobj"))
        }
        score = 3.0 * (token.lemma_.lower() in claim_verbs) + len(argument_words & claim_lemmas)
        if best is None or score > best[0]:
            best = (score, token)
    if best is None:
        return None
    verb = best[1]
    words = [verb, *_frame(verb)]
    governor = verb.head
    if verb.dep_ == "xcomp" and governor.lemma_.lower() in _HEDGING_GOVERNORS:
        words += [governor, *_frame(governor)]
    words = sorted(set(words), key=lambda token: token.i)
    reporting = _reporting_verb(verb)
    hedges = detect_hedging(sentence.text).cues
    if reporting and not any(reporting in cue.split() for cue in hedges):
        hedges = (*hedges, reporting)
    return Predicate(
        lemma=verb.lemma_.lower(),
        phrase=" ".join(word.text for word in words),
        hedges=hedges,
        reporting_verb=reporting,
    )


def _reporting_verb(verb: Token) -> str:
    """The speech verb whose content the claim's verb is: "claimed" in "X claimed that
    the dam failed", "admitted" in "..., the ministry admitted"."""
    for ancestor in verb.ancestors:
        if ancestor.lemma_.lower() in ATTRIBUTION_VERBS and ancestor.pos_ == "VERB":
            return ancestor.lower_
        if ancestor.dep_ not in {"ccomp", "xcomp", "conj", "advcl", "relcl", "acl"}:
            break
    for child in verb.children:
        if child.dep_ in {"parataxis", "advcl"} and child.lemma_.lower() in ATTRIBUTION_VERBS:
            return child.lower_
    return ""


def _frame(verb: Token) -> list[Token]:
    """Auxiliaries, negation, particles and the hedging adverbs before the verb."""
    return [
        child
        for child in verb.children
        if child.dep_ in _FRAME_DEPS
        or (child.dep_ == "advmod" and child.i < verb.i and child.lower_.endswith("ly"))
    ]


def _is_frame(token: Token) -> bool:
    """ "reports that …", "according to …": the attribution, not the claim."""
    if token.lower_ == "according":
        return True
    has_content = any(child.dep_ in {"ccomp", "xcomp"} for child in token.children)
    return token.lemma_.lower() in ATTRIBUTION_VERBS and has_content
