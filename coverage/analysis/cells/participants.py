"""Another doer or another spot for the claim's own act, read through the words where the
slots leave unnamed doers and common-noun places uncompared.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from coverage.analysis.cells.acts import act_groups
from coverage.analysis.cells.model import COUNTING_WORDS, CellConfig
from coverage.analysis.cells.parses import parse, slots_of
from coverage.analysis.embeddings import TextEncoder
from coverage.analysis.slots import Slots, corresponds
from coverage.analysis.slots.lexicon import GENERIC_KEYS
from coverage.analysis.slots.model import Participant

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


# "people vs mourners" names no other agent: it only words the same crowd differently.
GENERIC_AGENT = re.compile(r"\b(?:people|persons?|someone|anyone|they|it)\b", re.IGNORECASE)
# Prepositions that say where an act happened, and nouns after them that say when.
_LOCATIVE_PREPS = frozenset({"in", "on", "at", "inside", "into", "onto"})
_TIME_NOUNS = frozenset(
    {"morning", "afternoon", "evening", "night", "day", "week", "month", "year", "hour",
     "minute", "time", "moment", "weekend", "season", "period", "past", "future", "end"}
)  # fmt: skip


def other_agent(
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
            if not _close(
                mine.target, theirs.target, encoder, config.same_target_above
            ) and not _described_alike(
                parse(claim.text), mine.position, parse(text), theirs.position, encoder, config
            ):
                continue
            if mine.agent.named:
                phrase = _named_doer_phrase(parse(text), theirs.position)
                if phrase is None or close_words(
                    mine.agent.text.lower(), phrase.lower(), encoder, config
                ):
                    continue
                return f"agent: {mine.agent.text} vs {phrase}"
            if _close(
                mine.agent, theirs.agent, encoder, config.same_agent_above
            ) and not _told_apart(
                _doer(parse(claim.text), mine.position),
                _doer(parse(text), theirs.position),
                encoder,
                config,
            ):
                continue
            return f"agent: {mine.agent.text} vs {theirs.agent.text}"
    return None


def _described_alike(
    claim_doc: Doc,
    claim_position: int,
    window_doc: Doc,
    window_position: int,
    encoder: TextEncoder,
    config: CellConfig,
) -> bool:
    """Two things acted on that their descriptions make one, whatever their nouns: "the
    hiker who went missing in the Brenner Forest" and "a retired schoolteacher missing
    for two days in the Brenner Forest"."""
    first = done_to(claim_doc[claim_position])
    second = done_to(window_doc[window_position])
    if first is None or second is None:
        return False
    if not any(c.dep_ in {"relcl", "acl", "amod"} for c in (*first.children, *second.children)):
        return False  # a bare noun is compared as a word, above
    phrases = [_subtree_text(first), _subtree_text(second)]
    vectors = encoder.encode(phrases)
    return float(vectors[0] @ vectors[1]) >= config.same_target_above


def done_to(verb: Token) -> Token | None:
    """The head of what a clause acts on: its object, or a passive subject."""
    return next((c for c in verb.children if c.dep_ in {"dobj", "nsubjpass"}), None)


def _subtree_text(token: Token) -> str:
    words = list(token.subtree)
    return token.doc[words[0].i : words[-1].i + 1].text


def _doer(doc: Doc, position: int) -> Token | None:
    """The head noun of a clause's doer: its subject, or the noun after a passive "by"."""
    head = doc[position]
    doer = next((c for c in head.children if c.dep_ == "nsubj"), None)
    if doer is None:
        by = next((c for c in head.children if c.dep_ == "agent"), None)
        doer = next((c for c in by.children if c.dep_ == "pobj"), None) if by else None
    return doer


def _kind_words(noun: Token) -> set[str]:
    """The nouns that say which of its kind a noun is: "lorry" in "the lorry driver" and
    in "the driver of the lorry"."""
    words = {c.lemma_.lower() for c in noun.children if c.dep_ == "compound" and c.pos_ == "NOUN"}
    for prep in noun.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            words.update(
                c.lemma_.lower() for c in prep.children if c.dep_ == "pobj" and c.pos_ == "NOUN"
            )
    return words


def _told_apart(
    first: Token | None, second: Token | None, encoder: TextEncoder, config: CellConfig
) -> bool:
    """Two doers with one head noun that their modifiers set apart: "the lorry driver" and
    "the driver of a car" are two drivers. A doer without such a word ("the driver") may
    be either, and close words ("lorry", "truck") name one kind."""
    if first is None or second is None or first.lemma_.lower() != second.lemma_.lower():
        return False
    mine, theirs = _kind_words(first), _kind_words(second)
    if not mine or not theirs or mine & theirs:
        return False
    return not any(close_words(a, b, encoder, config) for a in mine for b in theirs)


def _named_doer_phrase(doc: Doc, position: int) -> str | None:
    """The doer's noun phrase when it names someone: "researchers at the University of
    Marten"; None when it names no one ("researchers")."""
    doer = _doer(doc, position)
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


def other_spot(
    claim: str, claim_slots: Slots, text: str, encoder: TextEncoder, config: CellConfig
) -> str | None:
    """Another spot for the claim's own act, where neither spot is a name.

    "The fire started on the third floor" against "the fire started in the basement
    car park"; "landed in the sea" against "landed in a field". The place slots read
    named places only. Both spots must hang off the same act on the same target, be
    common nouns (times aside), and not be close in words; a spot the window names
    anywhere is taken as given ("in the cellar, not in the kitchen" is not read here).
    """
    claim_doc, window_doc = parse(claim), parse(text)
    evidence = slots_of(text)
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
    if GENERIC_AGENT.search(participant.text) or participant.text.lower() in COUNTING_WORDS:
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


def agent_pair(finding) -> tuple[str, str]:
    """The two doers of an "agent: X vs Y" finding."""
    first, _, second = finding.reason.split(": ", 1)[-1].partition(" vs ")
    return first, second


def close_words(first: str, second: str, encoder: TextEncoder, config: CellConfig) -> bool:
    """Two doers in words this close are one ("police", "officers"); names are not read so."""
    if not first or not second or first[:1].isupper() or second[:1].isupper():
        return False
    vectors = encoder.encode([first, second])
    return float(vectors[0] @ vectors[1]) >= config.same_agent_above


# Acts that hold both ways: "X met Y" is "Y met X".
_RECIPROCAL = frozenset(
    {"meet", "talk", "negotiate", "clash", "fight", "play", "marry", "trade", "exchange",
     "agree", "speak", "cooperate", "compete", "collide", "border"}
)  # fmt: skip
# Prepositions that name what an act is done to, beside its object: "leased from",
# "smashed into", "sold to" ("with" is left out: "with other banks expected to follow").
_PARTY_PREPS = frozenset({"from", "to", "into", "onto", "against"})
# Entity types of a figure, date or time: "cut to 3.5 percent", "from July 1".
_NOT_PARTIES = frozenset({"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "CARDINAL", "ORDINAL"})


def swapped_roles(
    claim: Slots, evidence: Slots, text: str, encoder: TextEncoder, config: CellConfig
) -> str | None:
    """The claim's act with its doer and what it is done to the other way round: "the
    turboprop hit a fuel truck" against "a fuel truck rammed the aircraft", or "Skarra
    Air leases the aircraft from Tarrow Aviation" against "Tarrow Aviation leased the
    plane from Skarra Air".

    The evidence's doer must be something the claim's act is done to, and the evidence's
    act must be done to the claim's doer or to something else than the claim's object,
    so that "the truck hit the plane, and the plane hit a wall" is not read as a swap.
    """
    claim_doc, text_doc = parse(claim.text), parse(text)
    for mine in claim.predicates:
        my_doer = _acting(claim_doc[mine.position], mine)
        if my_doer is None or mine.lemma in _RECIPROCAL:
            continue
        my_parties = _parties(claim_doc[mine.position], mine)
        for theirs in evidence.predicates:
            their_doer = _acting(text_doc[theirs.position], theirs)
            if their_doer is None:
                continue
            if not _one_act(claim_doc[mine.position], text_doc[theirs.position], encoder, config):
                continue
            if _close_words(my_doer, their_doer, encoder, config):
                continue  # one doer: the cell is about what it acted on, not who acted
            if not any(_close_words(their_doer, party, encoder, config) for party in my_parties):
                continue
            their_parties = _parties(text_doc[theirs.position], theirs)
            to_the_doer = any(
                _close_words(my_doer, party, encoder, config) for party in their_parties
            )
            to_another = bool(their_parties) and not any(
                _close_words(party, mine_party, encoder, config)
                for party in their_parties
                for mine_party in my_parties
            )
            if to_the_doer or to_another:
                done_to = their_parties[0] if their_parties else ""
                return (
                    f"who did it to whom: {my_doer} {mine.text} {my_parties[0]} vs "
                    f"{their_doer} {theirs.text} {done_to}".rstrip()
                )
    return None


def _acting(verb: Token, predicate) -> str | None:
    """Who does a plainly asserted act: its agent, or the subject of a verb that acts on
    something through a preposition ("a fuel tanker smashed into the plane", which the
    slots read as what the act befell)."""
    if not _plain_assertion(predicate):
        return None
    if predicate.agent is not None:
        return predicate.agent.text
    if predicate.target is None or not any(
        prep.dep_ == "prep" and prep.lower_ in _PARTY_PREPS for prep in verb.children
    ):
        return None
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return predicate.target.text if subject is not None else None


def _one_act(mine: Token, theirs: Token, encoder: TextEncoder, config: CellConfig) -> bool:
    """Two verbs that report one act: the lexicon's synonyms, the act list's ("hit",
    "rammed"), or verbs alone this close ("drove" is not "hit")."""
    if corresponds(mine.lemma_.lower(), theirs.lemma_.lower()):
        return True
    if act_groups([mine.lemma_.lower()]) & act_groups([theirs.lemma_.lower()]):
        return True
    vectors = encoder.encode([mine.text, theirs.text])
    return float(vectors[0] @ vectors[1]) >= config.same_verb_alone_above


def _parties(verb: Token, predicate) -> list[str]:
    """What an act is done to or with: its object, and the nouns after "from", "to",
    "into", ... ("leases the aircraft from Tarrow Aviation": both)."""
    acted_on = predicate.target is not None and predicate.agent is not None
    parties = [predicate.target.text] if acted_on else []
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ in _PARTY_PREPS:
            parties += [
                _noun_phrase(noun)
                for noun in prep.children
                if noun.dep_ == "pobj" and noun.ent_type_ not in _NOT_PARTIES
            ]
    return parties


def _noun_phrase(noun: Token) -> str:
    words = [c for c in noun.children if c.dep_ in {"compound", "flat"}] + [noun]
    return " ".join(word.text for word in sorted(words, key=lambda word: word.i))


def _close_words(first: str, second: str, encoder: TextEncoder, config: CellConfig) -> bool:
    """Two participants that may be one: a shared word, or words this close."""
    if set(first.lower().split()) & set(second.lower().split()):
        return True
    vectors = encoder.encode([first, second])
    return float(vectors[0] @ vectors[1]) >= config.same_target_above
