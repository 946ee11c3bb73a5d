"""A parsed sentence split into atomic clauses, each with the frame that attributes it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from coverage.analysis.claims.model import Clause
from coverage.analysis.claims.rendering import WORD
from coverage.analysis.hedging import SPEECH_VERBS, is_attribution_verb

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# A clause split off a sentence keeps its subject and verb: "twelve were injured".
MIN_CLAUSE_WORDS = 3
# How far into a sentence the comma closing an opening "Citing X," phrase may come.
_ASIDE_REACH = 16

_FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
_AUXILIARIES = frozenset(
    {"be", "have", "do", "will", "would", "shall", "should", "can", "could", "may", "might"}
)
# What a verb needs to say something: without any, an auxiliary stands for an elided one.
_COMPLEMENTS = frozenset(
    {"attr", "acomp", "dobj", "xcomp", "ccomp", "prep", "oprd", "advcl", "agent", "dative"}
)


def is_finite(token: Token) -> bool:
    if token.tag_ in _FINITE_TAGS:
        return True
    return any(child.dep_ in {"aux", "auxpass"} for child in token.children)


def leading_aside(doc: Doc) -> set[int]:
    """ "Citing sources in Idlib, the head of the centre said ...": the opening phrase up to
    its comma, which names a source and often leads the parser astray (read as the
    subject, the real subject as its appositive). Its words hedge, but say nothing."""
    first = doc[0] if len(doc) else None
    if first is None or first.tag_ != "VBG":
        return set()
    if first.lemma_.lower() not in SPEECH_VERBS | {"refer"}:
        return set()
    comma = next((t.i for t in doc[1:_ASIDE_REACH] if t.text == ","), None)
    return set(range(comma + 1)) if comma is not None else set()


def atomic_clauses(doc: Doc) -> list[Clause]:
    """The claims in a sentence, each able to stand alone, with the frame that attributes it.

    Coordinated clauses are split: those hanging off the root, and those of the
    content of an attribution ("A and B, police said"; "A, and B, the minister told
    reporters"). Each split clause gets the root's leading modifiers ("According to
    X, in July, ...") and, when it has no subject of its own, the shared subject;
    the attribution frame goes with every clause, so each keeps its hedge.
    """
    root = next(token for token in doc if token.dep_ == "ROOT")
    pivot, frame = root, _tail_frame(root)
    content = next((child for child in root.children if child.dep_ == "ccomp"), None)
    # "The diplomat emphasized that A, and cautioned that B": B is the root's own clause.
    root_conjuncts: list[Token] = []
    if frame is None and content is not None and is_attribution_verb(root):
        pivot = content
        root_subject = own_subject(root)
        root_conjuncts = [
            child
            for child in root.children
            if child.dep_ == "conj"
            and child.i > content.i
            and child.pos_ == "VERB"
            and is_finite(child)
            and (root_subject is not None or own_subject(child) is not None)
        ]
        outside = {token.i for token in content.subtree}
        for conj in root_conjuncts:
            outside |= {token.i for token in conj.subtree}
            outside |= {
                t.i
                for t in doc[max(conj.left_edge.i - 2, 0) : conj.left_edge.i]
                if t.dep_ in {"cc", "punct"} and t.head.i == root.i
            }
        frame = [token for token in doc if token.i not in outside]
    frame = frame or []
    frame_ids = {token.i for token in frame}
    subject = next((c for c in pivot.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    conjuncts = [
        child
        for child in pivot.children
        if child.dep_ == "conj"
        and child.i not in frame_ids
        and child.pos_ in {"VERB", "AUX"}
        and is_finite(child)
        and (subject is not None or own_subject(child) is not None)
        and (own_subject(child) is not None or _coordinated(pivot, child))
    ]
    # "... had not paid a ransom and would not do so": a conjunct whose predicate is elided
    # only repeats the first one's, and cannot stand alone; it is dropped, not split.
    elided = [conj for conj in conjuncts if _elided(conj)]
    conjuncts = [conj for conj in conjuncts if conj not in elided]
    if content is not None and pivot.i == content.i:
        # "said the plant had not been damaged and power supplies to homes were not cut":
        # the second clause read as a second content, its subject as a noun of the first.
        conjuncts += [
            child
            for child in root.children
            if child.dep_ == "ccomp" and child.i > pivot.i and _lost_subject(pivot, child)
        ]
    conjuncts += _semicolon_clauses(pivot, frame_ids)
    if content is not None and pivot.i == content.i:
        # "A, and B," he said: the second clause parsed as a second content of "said".
        conjuncts += [
            child
            for child in root.children
            if child.dep_ == "ccomp"
            and child.i != content.i
            and child.i < root.i
            and own_subject(child) is not None
        ]
    # A frame's own content ("we expect a difficult night," the governor said) is a clause.
    reported = [
        child
        for token in frame
        if token.dep_ == "conj" and token.head == pivot
        for child in token.children
        if child.dep_ == "ccomp" and child.i < token.i
    ]
    if not conjuncts and not reported and not root_conjuncts and not elided:
        return [Clause(list(doc), [])]

    lost = {conj.i: words for conj in conjuncts if (words := _lost_subject(pivot, conj))}
    split_off = {token.i for conj in [*conjuncts, *reported, *elided] for token in conj.subtree}
    for words in lost.values():
        split_off |= {token.i for token in words}
        before = words[0].i - 1
        if before >= 0 and pivot.doc[before].dep_ == "cc":
            split_off.add(before)
    for conj in [*conjuncts, *reported, *elided]:
        # The "and"/"but" and the comma before it belong to neither clause, nor does the
        # semicolon that closes a clause before the pivot's.
        for token in doc[max(conj.left_edge.i - 3, 0) : conj.left_edge.i]:
            if token.dep_ in {"cc", "punct"} and token.head in {pivot, conj, root}:
                split_off.add(token.i)
        if conj.right_edge.i + 1 < len(doc) and doc[conj.right_edge.i + 1].text == ";":
            split_off.add(conj.right_edge.i + 1)
    frame = [token for token in frame if token.i not in split_off]
    frame_ids = {token.i for token in frame}
    pivot_ids = {token.i for token in pivot.subtree} if pivot.i != root.i else None
    first = [
        token
        for token in doc
        if token.i not in split_off
        and token.i not in frame_ids
        and (pivot_ids is None or token.i in pivot_ids)
    ]
    prefix_end = subject.left_edge.i if subject is not None else pivot.i
    prefix = [
        token
        for token in doc[:prefix_end]
        if token.i not in split_off
        and token.i not in frame_ids
        and token.dep_ not in {"cc"}
        and (pivot_ids is None or token.i in pivot_ids)
        and not (token.dep_ == "mark" and token.head == pivot)
    ]
    clauses = [Clause(first, frame)]
    for conj in conjuncts:
        if conj.i in lost:
            shared_subject = lost[conj.i]
        elif own_subject(conj) is None:
            shared_subject = [*subject.subtree, *_shared_auxiliaries(pivot, conj)]
        else:
            shared_subject = []
        clause = [*prefix, *shared_subject, *conj.subtree]
        if len(WORD.findall(" ".join(token.text for token in clause))) < MIN_CLAUSE_WORDS:
            return [Clause(list(doc), [])]
        clauses.append(Clause(clause, frame))
    clauses.extend(Clause(list(clause.subtree), frame) for clause in reported)
    # The root's leading modifiers ("Officially, ...") go with its own other clauses too.
    root_subject = own_subject(root)
    leading = [
        token
        for token in doc[: root_subject.left_edge.i if root_subject is not None else root.i]
        if token.head.i == root.i and token.dep_ in {"advmod", "prep", "npadvmod"}
        for token in token.subtree
    ]
    leading += [t for t in doc[: leading[-1].i + 2] if t.text == ","][-1:] if leading else []
    for conj in root_conjuncts:
        shared = [] if own_subject(conj) is not None else list(root_subject.subtree)
        clauses.append(Clause([*leading, *shared, *conj.subtree], []))
    return clauses


def _lost_subject(pivot: Token, conj: Token) -> list[Token]:
    """ "the pipeline had not been damaged and gas supplies to consumers were not
    interrupted": the second clause's subject read as a noun coordinated with the first
    verb, its own verb left without one. The words from that noun up to the verb are the
    second clause's subject, not a part of the first clause nor the first subject's."""
    if own_subject(conj) is not None:
        return []
    noun = next(
        (
            child
            for child in pivot.children
            if child.dep_ == "conj"
            and child.pos_ in {"NOUN", "PROPN", "PRON"}
            and pivot.i < child.i < conj.left_edge.i
        ),
        None,
    )
    if noun is None or pivot.doc[noun.left_edge.i - 1].dep_ != "cc":
        return []
    return list(pivot.doc[noun.left_edge.i : conj.left_edge.i])


def _shared_auxiliaries(pivot: Token, conj: Token) -> list[Token]:
    """ "The dam was inspected in September and found to be in good order": the second
    verb is a participle of the same passive ("was ... found"), so its clause keeps the
    auxiliaries it shares with the first. A past tense after a passive ("was arrested and
    died") shares only the subject: a participle is told by its tag, or, where the parser
    read it as a past tense, by what only a passive takes ("found to be", "declared dead",
    "taken by")."""
    if any(child.dep_ in {"aux", "auxpass"} for child in conj.children):
        return []
    auxiliaries = [child for child in pivot.children if child.dep_ in {"aux", "auxpass"}]
    if not any(child.dep_ == "auxpass" for child in auxiliaries):
        return []
    children = list(conj.children)
    passive = conj.tag_ == "VBN" or (
        conj.tag_ == "VBD"
        and not any(child.dep_ == "dobj" for child in children)
        and any(
            child.dep_ in {"oprd", "agent"}
            or (child.dep_ == "xcomp" and child.lemma_.lower() == "be")
            for child in children
        )
    )
    return auxiliaries if passive else []


def _elided(conj: Token) -> bool:
    """ "(and) would not do so", "(and) none will be": a verb that stands for the predicate
    before it ("do so", "do the same") or an auxiliary left without one."""
    children = list(conj.children)
    if conj.lemma_.lower() == "do" and any(
        child.lower_ in {"so", "same"} and child.dep_ in {"advmod", "dobj"} for child in children
    ):
        return True
    return conj.lemma_.lower() in _AUXILIARIES and not any(
        child.dep_ in _COMPLEMENTS for child in children
    )


def _coordinated(pivot: Token, conj: Token) -> bool:
    """Whether an "and", "but" or "or" joins ``conj`` to the pivot's clause, as it must
    when the two share the pivot's subject ("were evacuated and taken to a school"; in a
    list, "left port, rolled over and sank", the "and" hangs on the last verbs). A verb the
    parser hung on the pivot after a bare comma ("were evacuated after the governor of
    Vardal, Stefan Orlov, ordered the streets cleared") has a subject of its own that the
    parser lost, and the sentence stays whole rather than lend it the pivot's."""
    chain = {pivot.i, conj.i, *(t.i for t in conj.subtree if t.dep_ == "conj")}
    return any(
        token.dep_ == "cc" and token.head.i in chain
        for token in pivot.doc[pivot.i : conj.right_edge.i + 1]
    )


def _semicolon_clauses(pivot: Token, frame_ids: set[int]) -> list[Token]:
    """Clauses a semicolon sets beside the pivot's, with their own subject: each a claim of
    its own ("The union wants 12 percent; the authority has offered 4", which the parser
    hangs on the second verb as its content)."""
    doc = pivot.doc
    found = []
    for child in pivot.children:
        if (
            child.i in frame_ids
            or child.dep_ not in {"ccomp", "parataxis"}
            or child.pos_ not in {"VERB", "AUX"}
            or not is_finite(child)
            or own_subject(child) is None
        ):
            continue
        edge = child.right_edge.i + 1 if child.i < pivot.i else child.left_edge.i - 1
        if 0 <= edge < len(doc) and doc[edge].text == ";":
            found.append(child)
    return found


def _tail_frame(root: Token) -> list[Token] | None:
    """ "A and B, the ministry said": the closing attribution parsed as a conjunct of A.

    Its tokens (without the content clause it may carry) attribute every clause.
    """
    frames = [
        child
        for child in root.children
        if child.dep_ == "conj"
        and child.lemma_.lower() in SPEECH_VERBS
        and own_subject(child) is not None
        # "... and people have been told to keep indoors", "... and many said they could
        # smell it": a clause of its own, not the closing "the ministry said".
        and own_subject(child).dep_ != "nsubjpass"
        and not _says_something_after(child)
        and not any(
            grandchild.dep_ == "dobj"
            and grandchild.lower_ not in {"this", "that"}
            and child.lemma_.lower() != "tell"
            for grandchild in child.children
        )
        and child.i
        > max(token.i for token in root.children if token.dep_ != "punct" and token != child)
    ]
    if not frames:
        return None
    frame = frames[-1]
    own = {token.i for token in frame.subtree} - {
        token.i
        for child in frame.children
        if child.dep_ == "ccomp" and child.i < frame.i
        for token in child.subtree
    }
    return [token for token in root.doc if token.i in own]


def _says_something_after(verb: Token) -> bool:
    """Whether a speech verb has content of its own after it ("said they could smell
    it", "told them to leave"), as a closing attribution ("..., the ministry said")
    does not."""
    return any(child.dep_ in {"ccomp", "xcomp"} and child.i > verb.i for child in verb.children)


def own_subject(verb: Token) -> Token | None:
    return next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass", "expl"}), None)
