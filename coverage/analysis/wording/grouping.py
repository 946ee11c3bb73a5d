"""Labels for people joined into groups: by family, by the scene their sentences
describe, and by the part they play in the event; two labels side by side in one
sentence stay two groups."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Hashable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from coverage.analysis.embeddings import TextEncoder
from coverage.analysis.names import ParsedSentence
from coverage.analysis.wording.lexicon import (
    GENERIC_PEOPLE,
    QUANTITIES,
    SAME_SCENE_SIMILARITY,
    word_set,
)
from coverage.analysis.wording.model import ActorWording, LabelUse

if TYPE_CHECKING:
    from spacy.tokens import Token


@dataclass(frozen=True)
class GroupLabel:
    article: Hashable
    sentence: ParsedSentence
    token: Token
    text: str
    key: str
    family: str | None
    use: LabelUse


def join_groups(found: list[GroupLabel], encoder: TextEncoder | None) -> list[ActorWording]:
    """Labels joined into groups: one per family; a word outside the families joins
    the group its sentences describe in another outlet, unless they share a sentence.
    A noun for anyone ("people", "the crowd") joins a group named by a role only where
    a sentence calls them so or where they play the same part in the event; "12
    people, two of them police officers" keeps the two apart."""
    node_of = {id(item): item.family or f"word:{item.key}" for item in found}
    nodes = sorted(set(node_of.values()))
    parent = {node: node for node in nodes}

    def root(node: str) -> str:
        while parent[node] != node:
            node = parent[node]
        return node

    def generic(node: str) -> bool:
        """The group is named only by nouns for anyone ("people", "the crowd")."""
        return all(_is_generic(other) for other in nodes if root(other) == root(node))

    def joinable(one: str, other: str) -> bool:
        """A group named only by nouns for anyone joins no group named by a role by
        its scene alone or side by side: "12 people, two of them police officers"."""
        return generic(one) == generic(other)

    apart: set[frozenset[str]] = set()
    by_sentence: dict[tuple[Hashable, int], list[GroupLabel]] = defaultdict(list)
    for item in found:
        by_sentence[(item.article, item.sentence.index)].append(item)
    for together in by_sentence.values():
        for first in together:
            for second in together:
                one, other = node_of[id(first)], node_of[id(second)]
                if one == other:
                    continue
                if _coordinated(first.token, second.token):
                    # "residents and market traders": two groups named side by side.
                    apart.add(frozenset((one, other)))
                    continue
                if _part_of(first.token) or _part_of(second.token):
                    # "12 people, two of them police officers": some of the one are the
                    # other; a noun for anyone and the role of some of them stay apart,
                    # two roles are neither joined nor kept apart ("demonstrators, many
                    # of them residents").
                    if not joinable(one, other):
                        apart.add(frozenset((one, other)))
                    continue
                if same := _same_people(first.token, second.token):
                    # "called the protesters 'thugs'": one group, but two families stay
                    # apart ("demonstrators, many of them residents"); a noun for anyone
                    # joins a role only where the sentence calls them so ("men it
                    # described as heavies", "a crowd of dockworkers").
                    if (one.startswith("word:") or other.startswith("word:")) and (
                        same == "named" or joinable(one, other)
                    ):
                        parent[root(one)] = root(other)
                else:
                    apart.add(frozenset((one, other)))
    if encoder is not None:
        sentences = sorted({item.sentence.text for item in found})
        vectors = dict(zip(sentences, encoder.encode(sentences), strict=True)) if sentences else {}
        loose = [node for node in nodes if node.startswith("word:")]
        for node in loose:
            best, score = None, SAME_SCENE_SIMILARITY
            mine = [item for item in found if node_of[id(item)] == node]
            for other in nodes:
                if other == node or root(other) == root(node):
                    continue
                if _kept_apart(node, other, nodes, root, apart) or not joinable(node, other):
                    continue
                theirs = [item for item in found if node_of[id(item)] == other]
                similarity = max(
                    (
                        float(vectors[a.sentence.text] @ vectors[b.sentence.text])
                        for a in mine
                        for b in theirs
                        if a.article != b.article
                    ),
                    default=0.0,
                )
                if similarity > score:
                    best, score = other, similarity
            if best is not None:
                parent[root(node)] = root(best)
    _join_by_role(found, node_of, root, parent, apart, vectors if encoder is not None else None)
    members: dict[str, list[GroupLabel]] = defaultdict(list)
    for item in found:
        members[root(node_of[id(item)])].append(item)
    groups = []
    for items in members.values():
        labels: dict[Hashable, list[LabelUse]] = defaultdict(list)
        for item in items:
            labels[item.article].append(item.use)
        # Named by its most used words in the outlets' own voice, each word once
        # ("police officers" and "police officer" are one).
        uses = [item.use for item in items if item.use.is_own] or [item.use for item in items]
        keys = Counter(use.key for use in uses)
        spelled = {
            # Ties go to the longer spelling, the plural: "police officers".
            key: max(
                Counter(use.label for use in uses if use.key == key).items(),
                key=lambda spelling: (spelling[1], len(spelling[0])),
            )[0]
            for key in keys
        }
        words = list(dict.fromkeys(spelled[key] for key, _ in keys.most_common()))
        name = " / ".join(words[:3])
        groups.append(
            ActorWording(
                actor=name,
                names={},
                labels={article: tuple(uses) for article, uses in labels.items()},
            )
        )
    groups.sort(key=lambda group: (-group.label_count, group.actor))
    return groups


# Verbs too common to say which people a sentence is about.
_GENERIC_VERBS = word_set(
    """be have do make get give go come see say tell include call add use put let
    become remain seem keep know think"""
)
# Verbs whose past participle is said of those who did it: "escaped inmates".
_INTRANSITIVE_VERBS = word_set(
    """escape flee abscond desert strike protest riot march rampage die survive retire
    return migrate emigrate immigrate mourn grieve weep wait queue surrender"""
)
# Shared roles that join two groups of labels told apart by their words: two in
# different outlets, or one with sentences at least this alike.
SAME_ROLES = 2
SAME_ROLE_SIMILARITY = 0.5


def event_roles(token: Token) -> set[tuple[str, str]]:
    """What the people a label names do or undergo in its sentence, as (verb, role):
    ("fire", "at") for "police fired tear gas at protesters", ("escape", "subj") for
    "inmates escaped" and for "escaped inmates", ("trap", "obj") for "trapped miners"."""
    first = token
    while first.dep_ in {"conj", "appos"} and first.head != first:
        first = first.head
    if (
        first.dep_ == "pobj"
        and first.head.lower_ == "of"
        and (first.head.head.tag_ == "CD" or first.head.head.lemma_.lower() in QUANTITIES)
    ):
        first = first.head.head
    roles = set()
    head, dep = first.head, first.dep_
    if head.pos_ in {"VERB", "AUX"}:
        if dep in {"nsubj", "csubj"}:
            roles.add((head.lemma_.lower(), "subj"))
        elif dep in {"dobj", "nsubjpass", "dative"}:
            roles.add((head.lemma_.lower(), "obj"))
    elif dep == "pobj" and head.dep_ == "agent" and head.head.pos_ == "VERB":
        roles.add((head.head.lemma_.lower(), "subj"))
    elif dep == "pobj" and head.dep_ == "prep" and head.head.pos_ == "VERB":
        roles.add((head.head.lemma_.lower(), head.lower_))
    for child in token.children:
        if child.dep_ == "amod" and child.tag_ in {"VBG", "VBN", "VBD"}:
            # "striking dockworkers" strike; "trapped miners" are trapped, but
            # "escaped inmates" escaped.
            intransitive = child.tag_ == "VBG" or child.lemma_.lower() in _INTRANSITIVE_VERBS
            roles.add((child.lemma_.lower(), "subj" if intransitive else "obj"))
        if child.dep_ == "relcl":
            relative = next(
                (c for c in child.children if c.lower_ in {"who", "that", "which"}), None
            )
            if relative is not None and relative.dep_ in {"nsubj", "nsubjpass"}:
                role = "subj" if relative.dep_ == "nsubj" else "obj"
                roles.add((child.lemma_.lower(), role))
    return {(verb, role) for verb, role in roles if verb not in _GENERIC_VERBS}


def _kept_apart(one: str, other: str, nodes, root, apart) -> bool:
    """Some label of one's group and some of the other's are two groups in one sentence."""
    mine = [node for node in nodes if root(node) == root(one)]
    theirs = [node for node in nodes if root(node) == root(other)]
    return any(frozenset((n, m)) in apart for n in mine for m in theirs)


def _join_by_role(found, node_of, root, parent, apart, vectors) -> None:
    """Join groups whose labels play the same part in the event in different outlets:
    "fired tear gas at protesters" and "fired tear gas at striking dockworkers", "inmates
    escaped" and "the escaped convicts", unless the two are told apart in one sentence."""
    roles: dict[str, dict[tuple[str, str], set[Hashable]]] = defaultdict(lambda: defaultdict(set))
    for item in found:
        for role in event_roles(item.token):
            roles[root(node_of[id(item)])][role].add(item.article)
    nodes_apart = {frozenset((root(a), root(b))) for a, b in (tuple(pair) for pair in apart)}
    while True:
        best, best_score = None, 0.0
        groups = sorted(roles)
        for index, one in enumerate(groups):
            for other in groups[index + 1 :]:
                if frozenset((one, other)) in nodes_apart:
                    continue
                shared = [
                    role
                    for role, articles in roles[one].items()
                    if role in roles[other]
                    and any(a != b for a in articles for b in roles[other][role])
                ]
                if not shared:
                    continue
                score = float(len(shared))
                if len(shared) < SAME_ROLES:
                    similarity = _role_similarity(found, node_of, root, one, other, shared, vectors)
                    if similarity < SAME_ROLE_SIMILARITY:
                        continue
                    score += similarity
                if score > best_score:
                    best, best_score = (one, other), score
        if best is None:
            return
        one, other = best
        parent[other] = one
        for role, articles in roles.pop(other).items():
            roles[one][role] |= articles
        nodes_apart = {frozenset(root(n) for n in pair) for pair in nodes_apart}
        nodes_apart = {pair for pair in nodes_apart if len(pair) == 2}


def _role_similarity(found, node_of, root, one, other, shared, vectors) -> float:
    """How alike, at most, two sentences of different outlets are where the two groups
    play one of their shared roles (0 without sentence vectors)."""
    if vectors is None:
        return 0.0
    mine = [i for i in found if root(node_of[id(i)]) == one and event_roles(i.token) & set(shared)]
    theirs = [
        i for i in found if root(node_of[id(i)]) == other and event_roles(i.token) & set(shared)
    ]
    return max(
        (
            float(vectors[a.sentence.text] @ vectors[b.sentence.text])
            for a in mine
            for b in theirs
            if a.article != b.article
        ),
        default=0.0,
    )


# Nouns for a body of people made of those its "of" names: "a crowd of dockworkers"
# (but "families of the missing" are others).
_GATHERINGS = word_set(
    """crowd group mob gang band squad team crew contingent delegation line column
    handful busload party unit cordon throng horde swarm"""
)


def _same_people(first: Token, second: Token) -> str | None:
    """ "called the protesters 'thugs'", "these people are parasites": one group the
    sentence names ("named"); "Grey Lantern, a criminal group" ("appos"); "a crowd of
    striking dockworkers" ("gathering"); None where the sentence does not say so."""
    for one, other in ((first, second), (second, first)):
        if other.head == one.head and {one.dep_, other.dep_} == {"dobj", "oprd"}:
            return "named"
        if other.dep_ == "attr" and other.head == one:
            return "named"
        if other.dep_ == "appos" and other.head == one:
            return "appos"
        if one.dep_ == "nsubj" and other.dep_ == "attr" and one.head == other.head:
            return "named"
        if (
            other.dep_ == "pobj"
            and other.head.lower_ == "of"
            and other.head.head == one
            and one.lemma_.lower() in _GATHERINGS
        ):
            return "gathering"
    return None


# Nouns for anyone, which say nothing of the part people play: "people", "two men",
# "a crowd", "individuals", "others".
GENERIC_NOUNS = GENERIC_PEOPLE | word_set(
    "persons individual those others everyone everybody folk folks"
)


def _coordinated(first: Token, second: Token) -> bool:
    """Whether the two are conjuncts of one list ("residents and market traders")."""

    def head_of_list(token: Token) -> Token:
        while token.dep_ == "conj":
            token = token.head
        return token

    return (
        first != second
        and (first.dep_ == "conj" or second.dep_ == "conj")
        and head_of_list(first) == head_of_list(second)
    )


def _is_generic(node: str) -> bool:
    return node.startswith("word:") and node.removeprefix("word:") in GENERIC_NOUNS


def _part_of(token: Token) -> bool:
    """ "two of them police officers", "many of whom residents": some of the people
    named before, not all of them."""
    return any(
        child.i < token.i
        and any(
            of.lower_ == "of" and any(p.lower_ in {"them", "whom", "those"} for p in of.children)
            for of in child.children
        )
        for child in token.children
    )
