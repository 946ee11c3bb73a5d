"""A claim without who said it: the outlet-neutral wording compared across articles."""

from __future__ import annotations

from typing import TYPE_CHECKING

from coverage.analysis.claims.clauses import own_subject
from coverage.analysis.hedging import (
    DENIAL_VERBS,
    HEDGE_ADVERBS,
    SPEECH_VERBS,
    closes_the_sentence,
    is_attribution_verb,
    misread_content_subject,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# Sentence-initial connectives that tie a sentence to its neighbour but assert nothing.
_CONNECTIVES = frozenset(
    {"furthermore", "moreover", "additionally", "also", "meanwhile", "however", "besides"}
)

# Leading phrases that link a sentence to its neighbour: "In return, ...".
_LINKING_PHRASES = (
    ["in", "return"],
    ["in", "addition"],
    ["in", "turn"],
    ["in", "response"],
    ["at", "the", "same", "time"],
    ["on", "the", "other", "hand"],
)
_BACK_POINTING = frozenset({"this", "these", "that", "those", "such"})


def strip_attribution(tokens: list[Token]) -> list[Token]:
    """The claim without who said it: the outlet-neutral wording compared across articles."""
    in_claim = {token.i for token in tokens}
    # A split clause's own root is a conjunct whose head lies outside the clause.
    tops = [t for t in tokens if t.head == t or t.head.i not in in_claim]
    root = next((t for t in tops if t.pos_ in {"VERB", "AUX"}), tops[0])
    if root.lemma_.lower() in DENIAL_VERBS:
        # "The operator denied that the ferry was overloaded" is not "the ferry was overloaded".
        return list(tokens)
    if is_attribution_verb(root):
        # "The Kyiv Post reports that X" / "It has been claimed that X": keep X.
        contents = [child for child in root.children if child.dep_ == "ccomp"]
        if contents:
            said = _reported_clause(contents)
            return [
                token
                for token in said
                if token.i in in_claim and not (token.dep_ == "mark" and token.head in contents)
            ]
        misread = misread_content_subject(root)
        if misread is not None:
            # "The ferry, the Marta Vell, overturned off Sarnesk, NNA said": the ferry part.
            kept = [t for t in misread.subtree if t.i in in_claim]
            while kept and kept[-1].text in {",", "—", "–"}:
                kept.pop()
            return kept
    dropped: set[int] = set()
    for token in tokens:
        if token.lower_ == "according" or _is_attribution_aside(token):
            dropped.update(t.i for t in token.subtree)
            dropped.update(_adjacent_commas(token))
            if token.lower_ == "according":
                dropped.update(_source_description(token))
        elif token.dep_ == "mark" and token.lower_ == "that" and token.head == root:
            dropped.add(token.i)  # left behind by "Al-Watan mentioned, ..., that X"
        elif token.lower_ in HEDGE_ADVERBS and token.dep_ == "advmod":
            dropped.add(token.i)
        elif token.lower_ in _CONNECTIVES and token.dep_ == "advmod" and token.i == tokens[0].i:
            dropped.add(token.i)
            dropped.update(_adjacent_commas(token))
        elif token.i == tokens[0].i and _refers_back(token):
            dropped.update(t.i for t in token.subtree)
            dropped.update(_adjacent_commas(token))
    kept = [token for token in tokens if token.i not in dropped]
    return kept or tokens


def _reported_clause(contents: list[Token]) -> list[Token]:
    """The words an attribution reports, from the parser's reading of its contents.

    A later content with no subject of its own is the first one's verb, or its second
    clause's, whose subject the parser read as a noun of the first: "told the Echo that
    cracks in the spillway had been reported" ("cracks" a verb with the "that" as its
    subject, "reported" a second content), "said the plant had not been damaged and power
    supplies to homes were not cut". The clause runs on into it; a misread "that" is no
    word of it.
    """
    first = contents[0]
    continued = [c for c in contents[1:] if c.i > first.i and own_subject(c) is None]
    said = [token for content in [first, *continued] for token in content.subtree]
    if continued:
        subject = own_subject(first)
        if subject is not None and subject.lower_ == "that" and subject.tag_ == "WDT":
            said = [token for token in said if token.i != subject.i]
    return sorted(said, key=lambda token: token.i)


def _refers_back(token: Token) -> bool:
    """A leading phrase that only ties the sentence to what came before: "In return,",
    "In addition,", "At the same time,", "In response to these reports,". A phrase
    naming its own thing ("On Friday,", "In Orlo,", "In response to the attack,") stays."""
    if token.dep_ != "prep" or token.pos_ != "ADP":
        return False
    phrase = list(token.subtree)
    after = phrase[-1].i + 1
    if after >= len(token.doc) or token.doc[after].text != ",":
        return False
    words = [t.lower_ for t in phrase]
    if words in _LINKING_PHRASES:
        return True
    return words[:2] == ["in", "response"] and any(
        t.dep_ == "det" and t.lower_ in _BACK_POINTING for t in phrase
    )


def _is_attribution_aside(token: Token) -> bool:
    """ "as noted by X", "referencing its sources": a speech verb carrying no content of its own.

    "..., claiming that Y" is kept: its clause Y is a claim in its own right.
    """
    return (
        token.dep_ in {"advcl", "parataxis"}
        and token.lemma_.lower() in SPEECH_VERBS
        and not any(child.dep_ == "ccomp" for child in token.children)
    )


def _adjacent_commas(token: Token) -> list[int]:
    """The comma right after a dropped phrase (or before it, when it ends the clause)."""
    doc = token.doc
    after = token.right_edge.i + 1
    if after < len(doc) and doc[after].text == ",":
        return [after]
    before = token.left_edge.i - 1
    if before >= 0 and doc[before].text == ",":
        return [before]
    return []


def closing_attribution(doc: Doc) -> list[Token]:
    """ "A claimed X and said Y, according to Z.": an "according to" that closes the whole
    sentence covers every clause of it, not only the conjunct the parser hangs it on.

    The phrase's tokens, or an empty list when the sentence does not end with one.
    """
    for token in doc:
        if token.lower_ != "according" or token.i == 0 or doc[token.i - 1].text != ",":
            continue
        phrase = [*token.subtree, *(doc[i] for i in _source_description(token))]
        if all(t.is_punct for t in doc[phrase[-1].i + 1 :]):
            return phrase
    return []


def closing_frame(doc: Doc) -> list[Token]:
    """ "A and B, the newspaper reported.": the speaker and verb after the last comma, when
    they close the sentence, whatever the parser made of them.

    The parser sometimes hangs such a frame on the last noun before it ("claimed the
    attack, the regional newspaper X reported": an appositive of "attack" with a
    relative clause), so the clause it reports is found without its attribution. The
    frame's tokens, or an empty list when the sentence does not end with one.
    """
    for token in doc:
        if token.pos_ == "VERB" and is_attribution_verb(token) and closes_the_sentence(token):
            last_comma = max(t.i for t in doc if t.text == "," and t.i < token.i)
            return [t for t in doc[last_comma + 1 :] if not t.is_punct or t.i < len(doc) - 1]
    return []


def _source_description(according: Token) -> list[int]:
    """The description of the source that closes the sentence after "according to X":
    ", the state company that runs the station." The parser often hangs it on the
    sentence's verb, as its object; it says who X is, not what happened.

    Its tokens' indexes with the comma before it, or none when something else follows.
    """
    doc = according.doc
    rest = list(doc[according.right_edge.i + 1 :])
    while rest and rest[-1].is_punct:
        rest.pop()
    if len(rest) < 2 or rest[0].text != ",":
        return []
    first, last = rest[1], rest[-1]
    described = any(
        t.pos_ in {"NOUN", "PROPN"} and t.left_edge.i == first.i and t.right_edge.i >= last.i
        for t in rest[1:]
    )
    return [t.i for t in rest] if described else []
