"""Details inside a clause that are claims of their own.

A sentence often carries a second, detail-level claim that only some outlets state:

- an appositive: "The Marta Vell, a 34-metre ferry operated by Orvan Lake Lines,
  overturned ..." (the ferry is a 34-metre ferry operated by Orvan Lake Lines), or
  "A unit, the Khimik Group, provided training" (the Khimik Group provided it);
- a non-restrictive relative clause: "Halcrest, which employs about 400 people,
  said ..." (Halcrest employs about 400 people), "... on Mill Street, where
  neighbours said two people were missing" (neighbours said so);
- a participle set off by commas: "The strike, called by the union over pay, has
  halted the port" (the strike was called by the union over pay);
- a reported clause hanging off an act: "Campaigners called for an inquiry, saying
  the smoke was toxic" (campaigners said the smoke was toxic), or "The ministry
  rejected reports that its forces had delivered drones" (reports said so).

The broader claim is kept without the detail, so one row does not hold two claims,
and the detail is hedged by its own words or by an attribution whose reported clause
holds it (claims.extraction): an appositive describing a speaker, or the subject of a
reported clause, is the outlet's own voice ("The operator, Orvan Lake Lines, has
confirmed ...": the name is not hedged), while what campaigners said is theirs, and so
is a detail of what they said ("talks, which resume on Friday, Aas said").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from coverage.analysis.hedging import (
    CITING_VERBS,
    DENIAL_VERBS,
    SPEECH_VERBS,
    is_attribution_verb,
)

if TYPE_CHECKING:
    from spacy.tokens import Token

# Nouns whose "that" clause is someone's claim: "reports that X", "claims that X".
_CLAIM_NOUNS = frozenset(
    {"report", "claim", "allegation", "rumour", "rumor", "suggestion", "assertion", "accusation"}
)
# Appositives that comment on the whole clause before them, not on the noun they follow.
_SENTENCE_NOUNS = _CLAIM_NOUNS | {"move", "step", "development", "decision", "figure", "sign"}
# Appositives that are a misread speaker of the sentence, not a description.
_SPEAKER_NOUNS = frozenset(
    {"source", "official", "spokesman", "spokeswoman", "spokesperson", "informant", "witness"}
)
_PAST = {"say": "said", "tell": "told", "write": "wrote", "add": "added"}
_RELATIVE_SUBJECTS = frozenset({"who", "which", "that"})
_RELATIVE_PLACES = frozenset({"where", "when"})
_NOT_DESCRIPTIONS = frozenset({"DATE", "TIME", "CARDINAL", "QUANTITY", "PERCENT", "MONEY"})
# Words that count off a part of a group: "many of them", "two of them".
_PARTS = frozenset({"many", "most", "some", "several", "all", "both", "few", "half", "one"})
_SINGULAR = {"were": "was", "are": "is", "have": "has"}
# The punctuation that sets a detail off.
_MARKS = frozenset({",", "—", "–"})


@dataclass(frozen=True)
class Detail:
    """A claim inside a clause, worded as ``subject link predicate`` or as ``tokens``.

    With a ``link`` ("is", "said") the text is the subject's words, the link and the
    predicate's words ("Orlo is a farming village ..."); without one it is the tokens
    in sentence order ("The Khimik Group provided training."). ``content`` is what is
    compared across outlets; ``hedge_tokens`` what its hedging is read from.
    """

    subject: list[Token]
    link: str | None
    predicate: list[Token]
    content: list[Token]
    hedge_tokens: list[Token]
    # The substituted claim ("The Khimik Group provided training") is the clause's own
    # and keeps its attribution frame; a description or a relative clause does not.
    keeps_frame: bool = False
    # A fact the clause reports beside its own ("..., with seven people unaccounted for")
    # is hedged as the clause is; a description is in the outlet's own voice.
    reported: bool = False
    # A phrase that trails its clause ("died, most of them in the first hour, officials
    # said") is set off by the mark before it; the one after it belongs to what follows.
    trails: bool = False


def split_details(tokens: Sequence[Token]) -> tuple[list[Token], list[Detail]]:
    """The clause without its details, and the details as claims of their own."""
    in_clause = {token.i for token in tokens}
    removed: set[int] = set()
    details: list[Detail] = []
    for token in tokens:
        if token.i in removed:
            continue
        if token.dep_ == "appos" and token.head.i in in_clause and _closing_speaker(token):
            # Who speaks, misread as a description: neither the claim nor a detail of it.
            removed |= {t.i for t in token.subtree} | _commas_around(token, in_clause)
            continue
        detail = _detail(token, tokens, in_clause)
        if detail is None:
            continue
        details.append(detail)
        if token.head.lemma_.lower() in _CLAIM_NOUNS and token.dep_ in {"acl", "ccomp"}:
            # "Claims that the fire was started deliberately are false": the noun needs its
            # clause, so the broader claim keeps it.
            continue
        if token.dep_ == "pcomp":
            token = token.head  # the "with" that holds the phrase goes with it
        marks = _commas_around(token, in_clause)
        if detail.trails:
            marks = {mark for mark in marks if mark < token.i}
        removed |= {t.i for t in token.subtree} | marks
    if not details and not removed:
        return list(tokens), []
    broader = [token for token in tokens if token.i not in removed]
    return broader, details


def _detail(token: Token, tokens: Sequence[Token], in_clause: set[int]) -> Detail | None:
    head = token.head
    if head.i not in in_clause or head == token or _describes_a_speaker(token):
        return None
    after_comma = token.left_edge.i > 0 and token.doc[token.left_edge.i - 1].text in _MARKS
    if after_comma and (part := _part_of_them(token)) is not None:
        return part
    if token.dep_ == "appos" and after_comma and _is_description(token):
        return _appositive(token, tokens)
    if token.dep_ == "relcl" and after_comma and not _focus_of_a_cleft(head):
        return _relative(token)
    if (
        token.dep_ == "acl"
        and token.tag_ == "VBN"
        and after_comma
        and _closes(token)
        and not _is_misread_predicate(head)
    ):
        # "The strike, called by the union over pay, has halted the port": the strike was
        # called by the union over pay.
        described = [t for t in token.subtree if t.text not in _MARKS]
        link = "were" if _plural(head) else "was"
        return Detail(_noun_phrase(head), link, described, described, described)
    if (
        token.dep_ == "advcl"
        and token.tag_ == "VBG"
        and token.lemma_.lower() in SPEECH_VERBS - DENIAL_VERBS
    ):
        return _saying(token)
    if token.dep_ in {"advcl", "pcomp"} and (absolute := _with_absolute(token)) is not None:
        return absolute
    if (
        token.dep_ in {"acl", "ccomp"}
        and head.pos_ == "NOUN"
        and head.lemma_.lower() in _CLAIM_NOUNS
        and any(child.dep_ in {"nsubj", "nsubjpass"} for child in token.children)
        # "rejected reports that X" tells of X only to deny it, and "claims that X are
        # false" to judge it: the denial or the judgement is the claim.
        and head.dep_ in {"dobj", "pobj"}
        and head.head.lemma_.lower() not in DENIAL_VERBS
    ):
        return _reports_that(token)
    return None


def _describes_a_speaker(token: Token) -> bool:
    """ "said Oskar Brandt, 61, a retired teacher", "Mirela Stoyan, who runs operations":
    who a quoted person is tells the reader whom to believe, not what happened. So does a
    "who" clause anywhere in the words naming a speaker ("A worker at the dam, who asked
    not to be named, told the Echo ..."), a clause saying whom a source quoted ("according
    to Radio Osk, which quoted nurses in Varde") and what a cited source is ("according to
    the Varde Courier, a local newspaper"): an attribution, not a claim.
    """
    head = token.head
    if token.dep_ not in {"appos", "relcl"}:
        return False
    if head.ent_type_ == "PERSON":
        return True
    if token.dep_ == "appos" and _cited(head):
        return True  # "according to the Sarnesk Courier, a local newspaper"
    if token.dep_ == "relcl":
        if token.lemma_.lower() in CITING_VERBS and not _has_content(token):
            return True
        if any(child.lower_ == "who" for child in token.children) and _names_a_speaker(head):
            return True
    return head.dep_ in {"nsubj", "nsubjpass"} and token.ent_type_ == "PERSON"


def _closing_speaker(appositive: Token) -> bool:
    """ "... treated at Dunmere General Hospital, a nurse there said.": the speaker of a
    frame that closes the sentence, which the parser hung on the noun before it."""
    doc = appositive.doc
    after = appositive.right_edge.i + 1
    while after < len(doc) and doc[after].pos_ == "ADV":
        after += 1  # "the agency first reported"
    if after >= len(doc) or doc[after].lemma_.lower() not in SPEECH_VERBS:
        return False
    return all(token.is_punct for token in doc[after + 1 :])


def _focus_of_a_cleft(noun: Token) -> bool:
    """Whether ``noun`` is (or is set beside) what "It was ..." singles out: "It was Mayor
    Dusek, not the governor, who ordered the streets cleared" says who ordered it, and its
    "who" clause is the sentence's claim, not a detail of the governor (the parser hangs
    it on the nearest noun)."""
    while noun.dep_ in {"appos", "conj"} and noun.head != noun:
        noun = noun.head
    verb = noun.head
    return (
        noun.dep_ == "attr"
        and verb.lemma_.lower() == "be"
        and any(child.dep_ == "nsubj" and child.lower_ == "it" for child in verb.children)
    )


def _cited(noun: Token) -> bool:
    """Whether ``noun`` is the source an "according to" or a citing verb names."""
    if noun.dep_ == "pobj" and noun.head.lower_ == "to":
        return noun.head.head.lower_ == "according"
    return noun.dep_ == "dobj" and noun.head.lemma_.lower() in CITING_VERBS


def _names_a_speaker(noun: Token) -> bool:
    """Whether ``noun`` is in the subject of a verb of speech, through nouns only ("A
    worker at the Helvik dam" told ...): the phrase that names who speaks."""
    while noun.dep_ not in {"nsubj", "nsubjpass"}:
        if noun.head == noun or noun.head.pos_ in {"VERB", "AUX"}:
            return False
        noun = noun.head
    return is_attribution_verb(noun.head)


def _has_content(verb: Token) -> bool:
    return any(child.dep_ in {"ccomp", "xcomp"} for child in verb.children)


def _is_description(appositive: Token) -> bool:
    """An appositive that says something: not an age ("Mila Farkas, 52,"), a date, a
    pronoun, a quantity or one of a list ("two banks, A and B")."""
    if appositive.lemma_.lower() in _SENTENCE_NOUNS:
        return False  # "... near Aleppo, a claim Moscow did not address": about the clause
    if appositive.lemma_.lower() in _SPEAKER_NOUNS:
        return False  # "..., a source close to the group told the agency": the speaker
    # "one of Brenmoor's largest employers" describes; "one of them" (a pronoun) counts
    # off a part of a group the clause names ("two were treated, one of them for ...").
    one_of = appositive.lower_ == "one" and any(
        c.lower_ == "of" and not any(g.pos_ == "PRON" for g in c.children)
        for c in appositive.children
    )
    if appositive.pos_ in {"NUM", "PRON"} and not one_of:
        return False  # an age, or "they"; "one of Brenmoor's largest employers" describes
    if appositive.ent_type_ in _NOT_DESCRIPTIONS and not one_of:
        return False
    head = appositive.head
    if head.ent_type_ in _NOT_DESCRIPTIONS or any(
        child.dep_ in {"conj", "nummod"} for child in [*head.children, *appositive.children]
    ):
        return False
    return head.pos_ in {"NOUN", "PROPN"} and len(list(appositive.subtree)) >= 2


def _noun_phrase(head: Token) -> list[Token]:
    """The noun phrase of ``head`` without the details and clauses hanging off it."""
    dropped: set[int] = set()
    for child in head.children:
        if child.dep_ in {"relcl", "appos", "acl", "punct", "cc", "conj"}:
            dropped |= {t.i for t in child.subtree}
    return [t for t in head.subtree if t.i not in dropped and t.text not in _MARKS]


def _appositive(appositive: Token, tokens: Sequence[Token]) -> Detail:
    head = appositive.head
    # "Erno Valk, 52, who swam to safety": the name and what it did, without the age.
    nested = {
        t.i
        for child in appositive.children
        if child.dep_ == "appos"
        for t in [*child.subtree, appositive.doc[child.left_edge.i - 1]]
    }
    described = [t for t in appositive.subtree if t.i not in nested]
    while described and described[0].text in _MARKS:
        described.pop(0)
    while described and described[-1].text in _MARKS:
        described.pop()
    indefinite = any(child.lower_ in {"a", "an"} for child in head.children if child.dep_ == "det")
    if indefinite and appositive.pos_ == "PROPN":
        # "A unit, the Khimik Group, provided training": the name takes the unit's place.
        replaced = {t.i for t in head.subtree} - {t.i for t in appositive.subtree}
        named = [
            t
            for t in tokens
            if t.i not in replaced and not (t.text in _MARKS and _between(t, appositive))
        ]
        return Detail(named, None, [], named, named, keeps_frame=True)
    link = "are" if _plural(head) else "is"
    return Detail(_noun_phrase(head), link, described, described, described)


def _plural(head: Token) -> bool:
    return head.tag_ in {"NNS", "NNPS"}


def _is_misread_predicate(head: Token) -> bool:
    """ "The ferry, the Marta Vell, overturned off Sarnesk, NNA said": the participle is
    the subject's own verb, misread, when the subject's verb is a frame with no content."""
    verb = head.head
    return (
        head.dep_ == "nsubj"
        and verb.lemma_.lower() in SPEECH_VERBS
        and not any(child.dep_ in {"ccomp", "xcomp"} for child in verb.children)
    )


def _closes(phrase: Token) -> bool:
    """A phrase set off on both sides: a comma (or dash) after it, not the sentence's end."""
    after = phrase.right_edge.i + 1
    return after < len(phrase.doc) and phrase.doc[after].text in _MARKS


def _between(comma: Token, appositive: Token) -> bool:
    return comma.i in {appositive.left_edge.i - 1, appositive.right_edge.i + 1}


def _relative(clause: Token) -> Detail | None:
    """ "Halcrest, which employs 400 people": Halcrest employs 400 people."""
    pronoun = next(
        (t for t in clause.children if t.lower_ in _RELATIVE_SUBJECTS | _RELATIVE_PLACES), None
    )
    if pronoun is None:
        return None
    body = [t for t in clause.subtree if t.i != pronoun.i and t.text not in _MARKS]
    if pronoun.lower_ in _RELATIVE_PLACES:
        return Detail(body, None, [], body, body)
    if pronoun.dep_ not in {"nsubj", "nsubjpass"}:
        return None
    described = _located(clause.head) if pronoun.lower_ == "which" else None
    if described is not None:
        inside = {t.i for t in clause.subtree} | {clause.left_edge.i - 1}
        subject = [t for t in _noun_phrase(described) if t.i not in inside]
        return Detail(subject, None, body, body, body)
    return Detail(_noun_phrase(clause.head), None, body, body, body)


def _located(place: Token) -> Token | None:
    """ "sawn at the Halberg mill in Valden, which employs about 140 people": a "which"
    clause after a thing placed by a named place ("the mill in Valden") describes the
    thing, not the place that only says where it is; the parser hangs it on the nearest
    noun. The thing's noun, or None when the clause follows anything else."""
    preposition = place.head
    if (
        place.ent_type_ not in {"GPE", "LOC"}
        or place.dep_ != "pobj"
        or preposition.lower_ not in {"in", "at", "near", "outside"}
        or preposition.dep_ != "prep"
    ):
        return None
    thing = preposition.head
    if thing.pos_ not in {"NOUN", "PROPN"} or thing.ent_type_ in {"GPE", "LOC"}:
        return None
    return thing


def _part_of_them(quantity: Token) -> Detail | None:
    """ "At least 40 strikers were injured, the union said, two of them with head wounds":
    two of them were injured with head wounds. A part of the clause's subject, counted off
    after a comma with what sets it apart, is a fact of its own that only some outlets
    tell ("many of them by fishing boats"); it takes the clause's verb. Only the subject
    is counted off so: after a verb with an object, "them" could be the object."""
    if not (quantity.like_num or quantity.lower_ in _PARTS):
        return None
    of = next((c for c in quantity.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    if of is None or not any(c.lower_ == "them" for c in of.children):
        return None
    setting_apart = [
        t
        for child in quantity.children
        if child.dep_ == "prep" and child != of
        for t in child.subtree
    ]
    verb = _clause_verb(quantity)
    if not setting_apart or verb is None or any(c.dep_ == "dobj" for c in verb.children):
        return None
    auxiliaries = [c.text for c in verb.children if c.dep_ in {"aux", "auxpass"} and c.i < verb.i]
    if quantity.lower_ == "one":
        auxiliaries = [_SINGULAR.get(word.lower(), word) for word in auxiliaries]
    group = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    subject = sorted({quantity, of, *of.subtree}, key=lambda token: token.i)
    words = [*auxiliaries, verb.text]
    if group is not None and group.tag_ == "NNS":
        # "two of the strikers": the row names whom it counts, so it reads on its own.
        subject = [quantity, of]
        words = ["the", group.text, *words]
    link = " ".join(words)
    # Hedged as the clause whose verb it takes: "..., the union said, two of them ...".
    return Detail(
        subject, link, setting_apart, [verb], [*subject, *setting_apart], reported=True, trails=True
    )


def _clause_verb(token: Token) -> Token | None:
    """The verb of the clause a phrase hangs on: the reported clause when the parser hung
    it on the verb that reports it ("..., the union said, two of them ...")."""
    verb = token.head
    while verb.pos_ not in {"VERB", "AUX"} and verb.head != verb:
        verb = verb.head
    if verb.pos_ not in {"VERB", "AUX"}:
        return None
    if is_attribution_verb(verb):
        contents = [c for c in verb.children if c.dep_ == "ccomp" and c.i < token.i]
        return contents[-1] if contents else None
    return verb


def _with_absolute(predicate: Token) -> Detail | None:
    """ "The death toll stood at four, with another seven people unaccounted for": another
    seven people were unaccounted for. A "with" phrase that gives its own subject a state
    tells a second fact of the sentence."""
    with_word = next((c for c in predicate.children if c.dep_ == "mark"), None)
    if predicate.dep_ == "pcomp":
        with_word = predicate.head
    if with_word is None or with_word.lower_ != "with":
        return None
    doc = predicate.doc
    if with_word.i == 0 or doc[with_word.i - 1].text not in _MARKS:
        return None
    subject = next((c for c in predicate.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if subject is None or subject.pos_ == "PRON":
        return None
    named = list(subject.subtree)
    taken = {t.i for t in named} | {with_word.i}
    rest = [t for t in predicate.subtree if t.i not in taken]
    link = "were" if _plural(subject) else "was"
    return Detail(named, link, rest, [*named, *rest], [*named, *rest], reported=True)


def _saying(verb: Token) -> Detail | None:
    """ "Campaigners called for an inquiry, saying X": campaigners said X."""
    content = next((t for t in verb.children if t.dep_ == "ccomp"), None)
    actor = next((t for t in verb.head.children if t.dep_ in {"nsubj", "nsubjpass"}), None)
    if content is None or actor is None:
        return None
    said = list(content.subtree)
    claimed = [t for t in said if not (t.dep_ == "mark" and t.head == content)]
    subject = _noun_phrase(actor)
    return Detail(subject, _past(verb), said, claimed, [*subject, verb, *said])


def _reports_that(clause: Token) -> Detail | None:
    """ "rejected reports in state media that X": reports in state media said X."""
    body = [t for t in clause.subtree if not (t.dep_ == "mark" and t.head == clause)]
    if not any(t.pos_ in {"VERB", "AUX"} for t in body):
        return None
    reports = _noun_phrase(clause.head)
    return Detail(reports, "said", body, body, [*reports, *body])


def _past(verb: Token) -> str:
    lemma = verb.lemma_.lower()
    if lemma in _PAST:
        return _PAST[lemma]
    return lemma + ("d" if lemma.endswith("e") else "ed")


def _commas_around(token: Token, in_clause: set[int]) -> set[int]:
    """The commas or dashes that set the detail off, so the broader claim reads cleanly."""
    doc = token.doc
    marks = set()
    before, after = token.left_edge.i - 1, token.right_edge.i + 1
    if before >= 0 and doc[before].text in _MARKS and before in in_clause:
        marks.add(before)
    if after < len(doc) and doc[after].text in _MARKS and after in in_clause:
        marks.add(after)
    return marks
