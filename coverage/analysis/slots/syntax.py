"""Helpers over a spaCy parse that several slot readers share.

Which clauses a verb frames as attributed or denied, whether a clause is negated or
only speculative, the subject a clause borrows, a name's compound words, the noun
after "of" in "dozens of police": small questions about tokens, asked while reading
predicates, quantities and places alike.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from coverage.analysis.slots.lexicon import (
    ATTRIBUTION_VERBS,
    DENIAL_PHRASES,
    DENIAL_VERBS,
    FALSE_NOUNS,
    FALSE_WORDS,
    LABELLING_VERBS,
    REPORT_NOUNS,
    VERDICT_WORDS,
)

if TYPE_CHECKING:
    from spacy.tokens import Token

_COPULAS = frozenset({"be", "remain", "stay", "become", "turn", "seem", "appear", "look", "keep"})
# Control verbs whose complement did not happen: "refused to pay".
NEGATIVE_IMPLICATIVES = frozenset({"fail", "refuse", "decline", "neglect"})
# Control verbs whose complement did happen: "began to fall", "managed to escape".
POSITIVE_IMPLICATIVES = frozenset({"manage", "begin", "start", "continue", "proceed"})
_SPECULATIVE_AUX = frozenset({"may", "might", "could"})
# Verbs whose "that" clause is what someone wants done, not what was done: "demanded
# that the ministry publish the report". ("Insisted that" and "suggested that" report.)
DIRECTIVE_VERBS = frozenset(
    {"demand", "urge", "ask", "request", "propose", "recommend", "require", "order", "want"}
)
_EVIDENCE_NOUNS = frozenset({"evidence", "sign", "indication", "proof", "trace", "suggestion"})
# What "nothing" is said not to do when it denies a clause: "nothing to suggest that ...".
_SUGGESTING_VERBS = frozenset({"suggest", "indicate", "show", "prove", "support"})
# Entity labels of names: people, organisations, nationalities and places.
NAMED_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"})
PRONOUNS = frozenset(
    {"it", "they", "he", "she", "we", "i", "you", "this", "that", "these", "those", "who"}
    | {"which", "one", "none", "nobody", "someone", "somebody", "anyone"}
)


def not_until(head: Token) -> bool:
    """ "Did not arrive until after 6pm", "was not found until Friday": a negation that
    only says when the act finally happened."""
    return any(child.dep_ == "neg" for child in head.children) and any(
        child.dep_ == "prep" and child.lower_ in {"until", "till"} for child in head.children
    )


def complement_of(head: Token) -> Token | None:
    """The adjective a copula or verdict verb carries: "remain *closed*", "found *guilty*"."""
    lemma = head.lemma_.lower()
    for child in head.children:
        if lemma in _COPULAS and (
            child.dep_ in {"acomp", "oprd"} or (child.dep_ == "attr" and child.pos_ == "ADJ")
        ):
            return child
        if child.dep_ in {"oprd", "acomp"} and child.lower_ in VERDICT_WORDS:
            return child
    return None


def frame_of(head: Token) -> tuple[str | None, list[Token]]:
    """Whether ``head`` frames other clauses as attributed or denied, and which."""
    if any(child.dep_ == "neg" for child in head.children) and head.lemma_.lower() != "be":
        return None, []  # "did not deny" confirms nothing and denies nothing
    lemma = head.lemma_.lower()
    children = list(head.children)
    # "there is no evidence that ...", "found no sign that ...": the clause is denied.
    # "there was nothing to suggest that ...": likewise.
    no_evidence = [
        clause
        for child in children
        if child.dep_ in {"attr", "dobj", "nsubj"}
        and child.lemma_.lower() in _EVIDENCE_NOUNS
        and any(g.dep_ == "det" and g.lower_ == "no" for g in child.children)
        for clause in child.children
        if clause.dep_ in {"acl", "ccomp"}
    ] + [
        clause
        for child in children
        if child.dep_ in {"attr", "dobj", "nsubj"} and child.lower_ == "nothing"
        for clause in child.children
        if clause.dep_ in {"acl", "relcl"} and clause.lemma_.lower() in _SUGGESTING_VERBS
    ]
    if no_evidence:
        return "denial", no_evidence
    if lemma in DENIAL_VERBS or phrasal(head) in DENIAL_PHRASES:
        return "denial", [
            *(c for c in children if c.dep_ in {"ccomp", "xcomp"}),
            *_denied_content(head),
        ]
    if lemma in LABELLING_VERBS and judged_false(head):
        return "denial", _denied_content(head)
    if lemma in _COPULAS:
        acomp = next((c for c in children if c.dep_ == "acomp"), None)
        negated = any(c.dep_ == "neg" for c in children)
        # "are irresponsible and false"
        judgements = {acomp.lower_, *(c.lower_ for c in conjuncts_of(acomp))} if acomp else set()
        if judgements & FALSE_WORDS or (judgements & {"true", "correct"} and negated):
            clauses = [c for c in children if c.dep_ in {"ccomp", "csubj"}]
            for child in children:
                if child.dep_ == "nsubj" and child.lemma_.lower() in REPORT_NOUNS:
                    clauses.extend(g for g in child.children if g.dep_ in {"acl", "ccomp"})
            return "denial", clauses
        return None, []
    if lemma in ATTRIBUTION_VERBS:
        return "attribution", [c for c in children if c.dep_ == "ccomp"]
    return None, []


def phrasal(head: Token) -> str:
    """The verb with its particle, as the lexicon lists it: "rule out"."""
    particle = next((c for c in head.children if c.dep_ == "prt"), None)
    lemma = head.lemma_.lower()
    return f"{lemma} {particle.lower_}" if particle is not None else lemma


def _denied_content(head: Token) -> list[Token]:
    """The clauses a denial verb takes as its object: a report's ("rejected reports that
    ...", "dismissed as baseless claims that ...") or an act's ("ruled out arresting")."""
    found = []
    objects = [
        grandchild if child.dep_ == "prep" else child
        for child in head.children
        for grandchild in (child.children if child.dep_ == "prep" else [child])
        if (child.dep_ == "prep" and child.lower_ == "as" and grandchild.dep_ == "pobj")
        or child.dep_ != "prep"
    ]
    for child in objects:
        if child.dep_ in {"dobj", "pobj"} and child.lemma_.lower() in REPORT_NOUNS:
            found.extend(g for g in child.children if g.dep_ in {"acl", "ccomp"})
        elif child.dep_ in {"dobj", "pcomp"} and child.tag_ == "VBG":
            found.append(child)
        elif child.dep_ == "advcl" and child.tag_ == "VBG" and _right_after(head, child):
            found.append(child)  # "ruled out arresting anyone", parsed as a side clause
    return found


def _right_after(head: Token, child: Token) -> bool:
    """Nothing but the verb's particle between it and ``child`` (no comma: ", saying")."""
    between = head.doc[head.i + 1 : child.i]
    return child.i > head.i and all(t.dep_ == "prt" and t.head == head for t in between)


def judged_false(head: Token) -> bool:
    """ "Called the report pure invention", "described the claim as a fabrication",
    "dismissed the reports as baseless": a word of falsehood in what the verb takes."""
    return any(
        (t.lemma_.lower() in FALSE_NOUNS or t.lower_ in FALSE_WORDS)
        and (
            t.dep_ in {"oprd", "dobj", "attr", "acomp", "amod", "ccomp"}
            and t.head == head
            or t.head.lower_ == "as"
            or t.dep_ == "amod"
            and t.head.head == head
        )
        for t in head.subtree
    )


def has_negation(head: Token) -> bool:
    return any(child.dep_ == "neg" or child.lower_ == "never" for child in head.children)


def is_none(token: Token) -> bool:
    """ "nobody", "nothing", "no one", "none", "no substances": a subject that denies."""
    if token.lower_ in {"nobody", "nothing", "none"}:
        return True
    return any(child.dep_ == "det" and child.lower_ == "no" for child in token.children)


def none_else(token: Token) -> bool:
    """ "No one else", "nobody else": none besides those just named."""
    return token.i + 1 < len(token.doc) and token.doc[token.i + 1].lower_ == "else"


def is_speculative(head: Token) -> bool:
    """Clauses that say something may, should or is meant to happen, or only if."""
    if any(
        child.dep_ == "aux" and child.lemma_.lower() in _SPECULATIVE_AUX for child in head.children
    ):
        return True
    if head.dep_ == "xcomp":
        governor = head.head.lemma_.lower()
        # "ruled out arresting the driver" denies the arrest, as "refused to" would
        denied = governor in DENIAL_VERBS or phrasal(head.head) in DENIAL_PHRASES
        return governor not in NEGATIVE_IMPLICATIVES | POSITIVE_IMPLICATIVES and not denied
    if head.dep_ == "ccomp" and head.head.lemma_.lower() in DIRECTIVE_VERBS:
        return True
    # "if the ship was overloaded", "it is unclear whether the ship was overloaded",
    # "before a single stone was thrown": not asserted as such
    if any(
        child.dep_ == "mark" and child.lower_ in {"if", "unless", "whether", "before", "until"}
        for child in head.children
    ):
        return True
    # "If this goes on all summer, some of us will not reopen": true only on a condition.
    return any(
        child.dep_ == "advcl"
        and any(mark.dep_ == "mark" and mark.lower_ in {"if", "unless"} for mark in child.children)
        for child in head.children
    )


def inherited_subject(head: Token) -> Token | None:
    """The subject a clause shares: "the bank raised rates and *cut* taxes"."""
    if head.dep_ in {"conj", "xcomp"}:
        governor = head.head
        if head.dep_ == "xcomp" and any(c.dep_ == "dobj" for c in governor.children):
            return None  # "ordered the army to withdraw": the object withdraws
        return next((c for c in governor.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    governor = head.head
    denies = governor.lemma_.lower() in DENIAL_VERBS or phrasal(governor) in DENIAL_PHRASES
    if head.tag_ == "VBG" and denies and head in _denied_content(governor):
        # "police ruled out arresting anyone", "denied dumping waste": the denier's act
        return next((c for c in governor.children if c.dep_ == "nsubj"), None)
    return None


def compound_chain(token: Token) -> list[Token]:
    chain = [token]
    for child in reversed(list(token.lefts)):
        if child.dep_ != "compound" or child.i != chain[0].i - 1:
            break
        chain.insert(0, child)
    return chain


def strip_article(text: str) -> str:
    return re.sub(r"^(?:the|a|an)\s+", "", text.strip(), flags=re.IGNORECASE)


def partitive_of(token: Token) -> Token | None:
    """The noun after "of" in "dozens of police", "30 of the passengers", "none of us"."""
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            return next((g for g in child.children if g.dep_ == "pobj"), None)
    return None


def conjuncts_of(token: Token) -> Iterator[Token]:
    for child in token.children:
        if child.dep_ == "conj":
            yield child
            yield from conjuncts_of(child)
