"""The clauses of one parsed text: each predicate with its polarity and participants.

``Clauses`` reads a text's predicates once and keeps the per-text indexes (tokens in
scope, entities by token, the predicate each token belongs to) that the quantity,
time and place readers share, so every slot can say which predicate it belongs to.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from coverage.analysis.slots.lexicon import KNOWN_LEMMAS, normal_lemma, noun_key
from coverage.analysis.slots.model import Participant, Predicate
from coverage.analysis.slots.syntax import (
    NAMED_LABELS,
    NEGATIVE_IMPLICATIVES,
    POSITIVE_IMPLICATIVES,
    PRONOUNS,
    complement_of,
    compound_chain,
    frame_of,
    inherited_subject,
    is_none,
    is_speculative,
    not_until,
    partitive_of,
    strip_article,
)

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

# Vague counts that stand for the noun after "of": "dozens of residents" are residents.
_VAGUE_WORDS = frozenset(
    {"dozen", "dozens", "hundreds", "thousands", "millions", "billions", "tens", "scores"}
)

# Nouns that stand for what follows their "for": "claimed responsibility for the attack"
# claims the attack, "lost her bid for re-election" loses the re-election.
_FOR_NOUNS = frozenset({"bid", "responsibility", "credit"})
# Units a figure is written in: "offered 4 percent" offers a figure, which the quantities
# compare, not a thing that another outlet's "a 4 percent pay rise" would differ from.
_FIGURE_UNITS = frozenset({"percent", "cent", "point", "points"})

# A code of capitals and digits: "SK212", "MH17", "A320".
_IDENTIFIER = re.compile(r"[A-Z]{1,3}-?\d{1,5}[A-Z]?")


class Clauses:
    """The predicates of one parsed text, and the per-text indexes the slot readers share.

    ``tokens`` are the text's tokens (all of a Doc, or a Span's), ``scope`` their
    indexes, ``entity_of`` the entity each belongs to, and ``predicates`` the clauses
    by the token index of their head; ``predicate_of`` says which clause a token is in.
    """

    def __init__(self, tokens: list[Token]) -> None:
        self.tokens = tokens
        self.doc = tokens[0].doc
        self.scope = {token.i for token in tokens}
        self.start_char = tokens[0].idx
        self.end_char = tokens[-1].idx + len(tokens[-1].text)
        self.entity_of: dict[int, Span] = {
            token.i: entity for entity in self.doc.ents for token in entity if token.i in self.scope
        }
        self.predicates = self._predicates()

    def _is_root(self, token: Token) -> bool:
        return token.dep_ == "ROOT" or token.head.i not in self.scope

    def _clause_heads(self) -> list[Token]:
        clause_deps = {
            "ccomp",
            "xcomp",
            "conj",
            "advcl",
            "relcl",
            "acl",
            "csubj",
            "csubjpass",
            "parataxis",
            "pcomp",
        }
        return [
            token
            for token in self.tokens
            if (self._is_root(token) and token.pos_ != "PUNCT")
            or (token.pos_ in {"VERB", "AUX"} and token.dep_ in clause_deps)
        ]

    def _predicates(self) -> dict[int, Predicate]:
        main: set[int] = set()
        frames: set[int] = set()
        denials: dict[int, str] = {}

        def visit(head: Token, denial: str | None) -> None:
            kind, clauses = frame_of(head)
            clauses = [clause for clause in clauses if clause.i in self.scope]
            if clauses and kind == "denial":
                frames.add(head.i)
                # A denial under a denial asserts again: "denied that it was false".
                text = None if denial else self._quote(head)
                for clause in clauses:
                    visit(clause, text)
                return
            if clauses and kind == "attribution":
                frames.add(head.i)
                for clause in clauses:
                    visit(clause, denial)
                return
            main.add(head.i)
            if denial:
                denials[head.i] = denial
            implicative = head.lemma_.lower() in NEGATIVE_IMPLICATIVES | POSITIVE_IMPLICATIVES
            for child in head.children:
                if child.dep_ == "conj" and child.pos_ in {"VERB", "AUX"}:
                    visit(child, denial)
                elif child.dep_ == "xcomp" and implicative:
                    visit(child, denial)  # "refused to pay" asserts that nothing was paid

        for token in self.tokens:
            if self._is_root(token) and token.pos_ != "PUNCT":
                visit(token, None)
        predicates: dict[int, Predicate] = {}
        for head in self._clause_heads():
            predicates[head.i] = self._predicate(
                head,
                main=head.i in main,
                frame=head.i in frames,
                denial=denials.get(head.i),
            )
        return predicates

    def _quote(self, head: Token) -> str:
        """The words of a denial frame, as a reason quotes them."""
        words = [token for token in head.subtree if token.i in self.scope]
        text = self.doc[words[0].i : words[-1].i + 1].text.strip().rstrip(".,;:!?\"'”’ ")
        if words[0].pos_ == "PROPN" or words[0].text == "I":
            return text
        return text[:1].lower() + text[1:]

    def _predicate(self, head: Token, *, main: bool, frame: bool, denial: str | None) -> Predicate:
        complement = complement_of(head)
        lemma = normal_lemma(complement if complement is not None else head)
        lives = next(
            (c for c in head.children if c.dep_ == "dobj" and c.lemma_.lower() == "life"), None
        )
        if lemma == "lose" and lives is not None:
            lemma = "die"  # "six people lost their lives"
        particle = next((child for child in head.children if child.dep_ == "prt"), None)
        if particle is None and head.i + 1 in self.scope:
            # "stepped down" is often parsed with "down" as an adverb.
            following = self.doc[head.i + 1]
            if following.head == head and f"{lemma} {following.lower_}" in KNOWN_LEMMAS:
                particle = following
        if particle is not None:
            lemma = f"{lemma} {particle.lower_}"
        negations = [
            child
            for token in (head, complement)
            if token is not None
            for child in token.children
            if child.dep_ == "neg"
            or child.lower_ == "never"
            # "no longer detained"
            or (child.lower_ == "longer" and any(g.dep_ == "neg" for g in child.children))
        ]
        negations.extend(g for n in negations if n.lower_ == "longer" for g in n.children)
        delayed = bool(negations) and not_until(head)
        if delayed:
            negations = []  # "did not arrive until 6pm": it did arrive, at 6pm
        implicit = head.dep_ == "xcomp" and head.head.lemma_.lower() in NEGATIVE_IMPLICATIVES
        # "No toxic substances had been released", "nobody was hurt"
        none_of = [
            child
            for child in head.children
            if child.dep_ in {"nsubj", "nsubjpass", "dobj"} and is_none(child)
        ]
        negated = bool(negations) or implicit or bool(none_of)
        shown = [head, *negations]
        for child in none_of:
            shown.extend(t for t in child.subtree if t.dep_ not in {"relcl", "acl", "punct"})
        if complement is not None:
            shown.append(complement)
        if particle is not None:
            shown.append(particle)
        if implicit:
            shown.append(head.head)
        if negated:
            shown.extend(child for child in head.children if child.dep_ in {"aux", "auxpass"})
        agent, target = self._participants(head)
        if lemma == "die" and lives is not None:
            agent, target = None, agent  # the people who lost their lives died
            shown.extend(lives.subtree)
        return Predicate(
            lemma=lemma,
            text=" ".join(token.lower_ for token in sorted(shown, key=lambda t: t.i)),
            position=head.i,
            negated=negated,
            denial=denial,
            speculative=is_speculative(head),
            frame=frame,
            main=main,
            agent=agent,
            target=target,
            ongoing=_in_progress(head),
            delayed=delayed,
        )

    def _participants(self, head: Token) -> tuple[Participant | None, Participant | None]:
        """Agent and target; an intransitive subject is a target ("rates rose")."""
        children = list(head.children)
        subject = next((c for c in children if c.dep_ == "nsubj"), None)
        passive_subject = next((c for c in children if c.dep_ == "nsubjpass"), None)
        obj = next((c for c in children if c.dep_ == "dobj"), None)
        by = next(
            (
                pobj
                for c in children
                if c.dep_ == "agent"
                for pobj in c.children
                if pobj.dep_ == "pobj"
            ),
            None,
        )
        if subject is None and passive_subject is None:
            # "The main road bridge over the Imra was closed": the parser may hang the
            # subject on the auxiliary, which is the verb's own subject all the same.
            subject = next(
                (
                    grandchild
                    for c in children
                    if c.dep_ in {"aux", "auxpass"}
                    for grandchild in c.children
                    if grandchild.dep_ in {"nsubj", "nsubjpass"}
                ),
                None,
            )
        passive = passive_subject is not None or any(c.dep_ == "auxpass" for c in children)
        if subject is not None and passive and subject.head.dep_ == "auxpass":
            subject, passive_subject = None, subject
        if subject is None and passive_subject is None:
            inherited = inherited_subject(head)
            # "the captain ... has not been detained": the shared subject of a passive
            # conjunct is its target
            if inherited is not None and (inherited.dep_ == "nsubjpass" or passive):
                passive_subject, passive = inherited, True
            else:
                subject = inherited
        if head.dep_ == "relcl":
            # "the bank, which cut rates": the relative pronoun stands for the noun.
            antecedent = _antecedent(head.head)
            if subject is not None and subject.tag_ in {"WDT", "WP"}:
                subject = antecedent
            if passive_subject is not None and passive_subject.tag_ in {"WDT", "WP"}:
                passive_subject = antecedent
        if (
            head.dep_ == "acl"
            and head.tag_ == "VBN"
            and subject is None
            and passive_subject is None
        ):
            # "30 people injured in the blast": a reduced passive on its noun.
            passive_subject, passive = head.head, True
        if passive:
            return self._participant(by), self._participant(passive_subject)
        if obj is not None or _takes_a_clause(head):
            # "ordered the square cleared": the one who orders is the doer all the same.
            return self._participant(subject), self._participant(obj)
        return None, self._participant(subject)

    def _participant(self, token: Token | None) -> Participant | None:
        if token is not None and (token.like_num or token.lower_ in _VAGUE_WORDS):
            token = partitive_of(token)  # "dozens of residents" are residents
        if token is not None and token.lemma_.lower() in _FOR_NOUNS:
            # "lost her bid for re-election" is about the re-election; the parse may hang
            # the "for" on the verb ("claimed responsibility on Wednesday for the attack").
            holders = [token, token.head] if token.dep_ == "dobj" else [token]
            token = next(
                (
                    pobj
                    for holder in holders
                    for child in holder.children
                    if child.dep_ == "prep" and child.lower_ == "for"
                    for pobj in child.children
                    if pobj.dep_ == "pobj"
                ),
                token,
            )
        if token is None or token.i not in self.scope:
            return None
        if token.pos_ in {"PRON", "NUM"} or token.lower_ in PRONOUNS or token.like_num:
            return None
        if token.lower_ in _FIGURE_UNITS and any(child.like_num for child in token.children):
            return None
        entity = self.entity_of.get(token.i)
        if entity is not None and entity.label_ in NAMED_LABELS and token.pos_ == "PROPN":
            text = strip_article(entity.text)
            return Participant(text=text, key=text.casefold(), named=True)
        if token.pos_ == "PROPN":
            text = " ".join(t.text for t in compound_chain(token))
            return Participant(text=text, key=text.casefold(), named=True)
        text = " ".join(t.text for t in compound_chain(token))
        # A gerund the tagger reads as a verb ("closed the Vallin crossing") is still the
        # noun it names: its lemma ("cross") would set it apart from "the crossing".
        lemma = token.lower_ if token.tag_ == "VBG" else token.lemma_
        kind = _kind_of_identifier(token)
        if kind is not None:
            lemma = kind.lemma_  # "Flight SK212" is a flight, as "the flight" is
        return Participant(text=text.lower(), key=noun_key(lemma), named=False)

    def predicate_of(self, token: Token) -> int | None:
        """The clause a token belongs to: its nearest ancestor that is a predicate."""
        current = token
        while True:
            if current.i in self.predicates:
                return current.i
            if current.head.i == current.i or current.head.i not in self.scope:
                return None
            current = current.head


def _kind_of_identifier(token: Token) -> Token | None:
    """The common noun before a code of letters and digits that the parse takes for the
    head: "flight" in "Flight SK212"."""
    if not (_IDENTIFIER.fullmatch(token.text) and any(c.isdigit() for c in token.text)):
        return None
    return next(
        (c for c in token.children if c.dep_ == "compound" and c.pos_ == "NOUN" and c.i < token.i),
        None,
    )


def _antecedent(noun: Token) -> Token:
    """The noun a relative clause is about. In "it was the mayor, not the governor, who
    ordered it" the parser hangs the clause on the set-aside "governor"; the doer is
    the mayor."""
    if noun.dep_ == "appos" and any(c.dep_ == "neg" and c.i < noun.i for c in noun.head.children):
        return noun.head
    return noun


def _takes_a_clause(head: Token) -> bool:
    """A verb whose object is a clause ("ordered the square cleared", "decided to
    leave") has a doer for its subject, not something that undergoes it."""
    return any(c.dep_ in {"ccomp", "xcomp"} for c in head.children)


def _in_progress(head: Token) -> bool:
    """A state in progress: "were waiting", "were still being treated", "is still
    missing", "remained closed"; such a state may hold on several days, and a count of
    it is what is left."""
    children = list(head.children)
    # "are missing" is a state as "are unaccounted for" is, not an act in progress.
    progressive = (
        head.tag_ == "VBG"
        and head.lower_ != "missing"
        and any(child.dep_ == "aux" and child.lemma_ == "be" for child in children)
    )
    passive_progressive = any(
        child.dep_ == "auxpass" and child.lower_ == "being" for child in children
    )
    still = any(child.dep_ == "advmod" and child.lower_ == "still" for child in children)
    continuing = head.lemma_.lower() in {"remain", "stay"}
    return progressive or passive_progressive or still or continuing
