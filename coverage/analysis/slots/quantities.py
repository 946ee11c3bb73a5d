"""Quantities: each figure in a text with what it counts and its role in the clause.

A figure counts a noun ("30 people", "dozens of residents", synonym-normalised) or an
event ("14 dead", "injured:serious"), measures an owner in a unit ("the key rate ...
3.5%"), and plays a role ("rose *to* 5%" vs "*by* 5%", "including 9 children").
Negative subjects give a count of zero ("no one was hurt"). Numbers that cannot be
read for certain ("2-1", "1,20") are kept apart as unread, never guessed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from coverage.analysis.calendar_words import MONTHS
from coverage.analysis.slots.lexicon import (
    CAPACITY_WORDS,
    CASUALTY_EVENTS,
    EVENT_NOUNS,
    NOT_COUNTED,
    OPPOSITES,
    PERSON_ROLES,
    SEVERITY,
    TALLY_NOUNS,
    normal_lemma,
    noun_key,
)
from coverage.analysis.slots.model import Quantity
from coverage.analysis.slots.numbers import (
    QUANTITY_PATTERN,
    NumberReading,
    is_date_or_time,
    read_number,
    unit_of,
)
from coverage.analysis.slots.syntax import PRONOUNS, complement_of, has_negation, partitive_of
from coverage.analysis.slots.times import WEEKDAYS

if TYPE_CHECKING:
    from spacy.tokens import Token

    from coverage.analysis.slots.clauses import Clauses

# Verbs that only report or count what their object names: "confirmed 14 deaths".
_COUNTING_VERBS = frozenset(
    {"report", "record", "confirm", "register", "count", "cause", "leave", "suffer", "sustain"}
    | {"include", "announce", "give", "put", "reach", "total", "number", "make"}
)
# Verbs after which a rate's or price's figure is its level: "rose to", "stands at".
_LEVEL_VERBS = frozenset(
    {word for left, right in OPPOSITES if "rise" in left for word in left | right}
    | {"be", "stand", "remain", "stay", "hold", "keep", "leave", "reach", "settle", "hit"}
    | {"slow", "ease"}
)
# Units of a distance: "25 kilometres" says how far, not how many.
DISTANCE_NOUNS = frozenset({"kilometre", "kilometer", "km", "mile", "metre", "meter", "yard"})
_RELATIVE_WORDS = frozenset(
    {"from", "off", "short", "outside", "beyond", "inland", "offshore"}
    | {"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest"}
    | {"north-east", "north-west", "south-east", "south-west"}
)
# Entity labels of names that may hold a number: "Flight 370", "Apollo 11".
_IDENTIFIER_LABELS = frozenset(
    {"FAC", "PRODUCT", "ORG", "WORK_OF_ART", "LAW", "EVENT", "PERSON", "GPE", "LOC"}
)


def read_quantities(clauses: Clauses) -> tuple[list[Quantity], list[str]]:
    """The quantities of a text, and the numbers in it that could not be read."""
    text = clauses.doc.text
    found: list[Quantity] = []
    unread: list[str] = []
    located: list[tuple[re.Match[str], Quantity]] = []
    for match in QUANTITY_PATTERN.finditer(text, clauses.start_char, clauses.end_char):
        if is_date_or_time(text, match):
            continue
        reading = read_number(match)
        if reading is None:
            unread.append(match.group(0).strip())
            continue
        quantity = _quantity(clauses, match, reading)
        if quantity is not None:
            found.append(quantity)
            located.append((match, quantity))
    found.extend(_people_totals(text, located))
    found.extend(_zero_quantities(clauses))
    return found, unread


# What lies between two counts of people joined as parts of one total: "41 passengers
# and three crew", "twelve passengers and all three crew members".
_JOINED_PARTS = re.compile(r"\s*(?:[a-z-]+\s+){1,2}?(?:,\s*)?(?:and|plus)\s+(?:all\s+)?", re.I)


def _people_totals(text: str, located: list[tuple[re.Match[str], Quantity]]) -> list[Quantity]:
    """The total of exact counts of kinds of people given as parts of one act: "41
    passengers and three crew were on board" also says 44 people were, so it agrees with
    "44 people on board" and conflicts with "47 people on board"."""
    totals: list[Quantity] = []
    run: list[Quantity] = []
    previous_end = -1
    for match, quantity in [*located, (None, None)]:
        joined = (
            match is not None
            and quantity is not None
            and run
            and _JOINED_PARTS.fullmatch(text, previous_end, match.start()) is not None
            and _part_of(quantity, run[0])
        )
        if joined:
            run.append(quantity)
        else:
            if len(run) > 1 and len({part.noun for part in run}) == len(run):
                totals.append(_total(run))
            run = [quantity] if quantity is not None and _a_part(quantity) else []
        if match is not None:
            previous_end = match.end("number")
    return totals


def _a_part(quantity: Quantity) -> bool:
    return (
        quantity.bound == "exact"
        and quantity.unit is None
        and quantity.noun is not None
        and (quantity.noun in PERSON_ROLES or quantity.noun == "people")
    )


def _part_of(quantity: Quantity, first: Quantity) -> bool:
    return (
        _a_part(quantity)
        and quantity.predicate == first.predicate
        and quantity.role == first.role
        and quantity.event == first.event
    )


def _total(parts: list[Quantity]) -> Quantity:
    first = parts[0]
    count = sum(part.low for part in parts)
    return Quantity(
        text=f"{count:g}",
        low=count,
        high=count,
        low_closed=True,
        high_closed=True,
        bound="exact",
        label="people",
        noun="people",
        unit=None,
        event=first.event,
        casualty=first.casualty,
        owner=first.owner,
        role=first.role,
        predicate=first.predicate,
        parts=tuple(part.described for part in parts),
    )


def _span_tokens(clauses: Clauses, start: int, end: int) -> list[Token]:
    return [
        token for token in clauses.tokens if token.idx < end and token.idx + len(token.text) > start
    ]


def _quantity(clauses: Clauses, match: re.Match[str], reading: NumberReading) -> Quantity | None:
    core = _span_tokens(clauses, match.start("number"), match.end("core"))
    if not core:
        return None
    if len(core) == 1 and core[0].lower_ == "one" and core[0].pos_ != "NUM":
        return None  # "no one", "one of them", "the one that": a pronoun, not a count
    if _is_identifier(clauses, core[0], match):
        return None
    core_ids = {token.i for token in core}
    unit_tokens = _span_tokens(clauses, *match.span("unit")) if match.group("unit") else []
    anchor = next((t for t in reversed(core) if t.head.i not in core_ids), core[-1])
    noun: Token | None = None
    phrase = anchor
    if anchor.head.tag_ == "$" and anchor.head.i in clauses.scope:
        anchor = anchor.head  # "$4.5 billion" parsed with the symbol as its head
    if unit_tokens:
        phrase = unit_tokens[-1] if anchor.head in unit_tokens else anchor
        if phrase.head in unit_tokens:
            phrase = phrase.head
    elif (
        anchor.dep_ in {"nummod", "quantmod", "compound", "nmod", "amod"}
        and anchor.head.i in clauses.scope
        and anchor.head.pos_ in {"NOUN", "PROPN", "ADJ"}
    ):
        noun = phrase = anchor.head
    subset = False
    if noun is None and not unit_tokens:
        partitive = partitive_of(anchor)
        if partitive is not None:
            if partitive.pos_ == "PRON" or partitive.lower_ in PRONOUNS:
                return None  # "three of them": a part of a count given elsewhere
            noun = partitive
            # "12 of the 30 people injured": the group's own words describe all 30.
            subset = any(
                child.dep_ in {"det", "poss", "nummod"}
                and (child.lower_ in {"the", "these", "those"} or child.dep_ != "det")
                for child in partitive.children
            )
    if noun is not None and (noun.pos_ == "PROPN" or noun.lemma_.lower() in NOT_COUNTED):
        return None  # "Flight 370", "three days", "a 45-year-old"
    if noun is not None and noun.dep_ in {"compound", "amod"} and phrase is noun:
        return None  # "a 12-storey building": a measure of something else
    if noun is not None and _relative_distance(noun):
        return None  # "25 kilometres from Vessenby": where a place lies, read as a place
    return _locate_quantity(clauses, match, reading, noun, phrase, subset=subset)


def _relative_distance(noun: Token) -> bool:
    """ "60 kilometres north of X", "25 km from X": a distance between two places, which
    says where something lies rather than how much of it there is. A radius ("within
    3 km of the plant") and a reach ("felt 150 miles away") are compared as figures."""
    if noun.lemma_.lower() not in DISTANCE_NOUNS or noun.i + 1 >= len(noun.doc):
        return False
    return noun.doc[noun.i + 1].lower_ in _RELATIVE_WORDS


def _is_identifier(clauses: Clauses, first: Token, match: re.Match[str]) -> bool:
    """ "Flight 370", "Route 66", "Apollo 11": a name with a number in it."""
    if first.ent_type_ in _IDENTIFIER_LABELS:
        return True
    if match.group("bound") or match.group("currency") or first.i - 1 not in clauses.scope:
        return False
    previous = clauses.doc[first.i - 1]
    if first.dep_ == "nummod" and first.head.i > first.i:
        return False  # it counts the noun after it: "In Veldmark 30 people"
    return (
        previous.text[:1].isupper()
        and previous.pos_ in {"NOUN", "PROPN"}
        # "On Monday 12 people", "In Veldmark 30 people": a time or place, not a name
        and previous.lower_ not in WEEKDAYS
        and previous.lower_ not in MONTHS
        and previous.ent_type_ not in {"GPE", "LOC", "DATE", "TIME"}
    )


def _locate_quantity(
    clauses: Clauses,
    match: re.Match[str],
    reading: NumberReading,
    noun: Token | None,
    phrase: Token,
    *,
    subset: bool,
) -> Quantity | None:
    """Role, predicate, event and owner of a number whose tokens are known."""
    role, owner_token, owned_by_noun = "", None, False
    anchor = phrase
    while anchor.dep_ == "conj" and anchor.head.i in clauses.scope:
        anchor = anchor.head
    if anchor.dep_ == "pobj" and anchor.head.i in clauses.scope:
        preposition = anchor.head
        role = preposition.lower_
        container = preposition.head
        if container.i not in clauses.predicates and container.pos_ in {"NOUN", "PROPN"}:
            owner_token, owned_by_noun = container, True
    elif anchor.dep_ in {"amod", "compound", "nmod"} and anchor.head.pos_ == "NOUN":
        role, owner_token, owned_by_noun = "mod", anchor.head, True
    predicate_position = clauses.predicate_of(phrase)
    predicate = (
        clauses.predicates.get(predicate_position) if predicate_position is not None else None
    )
    if predicate is not None and not predicate.asserted:
        return None  # a denied or negated figure is compared as polarity, not as a value
    unit = unit_of(match)
    share_of = _share_of(phrase) if unit else None
    if share_of is not None:
        # "50.6 percent of the vote" measures the vote, whoever won it, and "won with 52.3
        # percent of the vote" gives the same share as "won 50.6 percent of the vote".
        owner_token, owned_by_noun = share_of, True
        if role == "with":
            role = ""
    if owner_token is None and (noun is None or unit):
        owner_token = _theme_token(clauses, predicate_position, exclude=phrase)
    owner = owner_token.lemma_.lower() if owner_token is not None else None
    if unit not in {None, "%", "percentage point"} and not owned_by_noun:
        # A sum's subject or object is who paid or was paid, and changes with the voice
        # ("He was fined 4.5 million crowns" / "The court fined him 450,000 crowns"): the
        # act the sum belongs to tells which sum it is, not its subject.
        owner = None
    event, casualty = _event(
        clauses, None if subset else noun, owner_token, predicate_position, owned_by_noun
    )
    if casualty and owner in TALLY_NOUNS and role in {"", "to", "at", "of", "mod"}:
        role = ""  # "the toll rose to 14" gives the count as plainly as "14 died"
    if casualty and owner in TALLY_NOUNS:
        owner = None
    if (
        unit
        and owner is not None
        and role in {"", "to", "at", "from"}
        and predicate is not None
        and predicate.lemma in _LEVEL_VERBS
    ):
        # "slashed the key rate to 3.75%" and "the key rate stands at 3.5%" both give
        # the rate's level, whatever moved it there. "From 2.9%" was a level too, at
        # a time the sentence seldom ties to it: a claim that matches it is not refuted.
        role = event = "level"
    if any(token.lemma_.lower() in CAPACITY_WORDS for token in phrase.ancestors):
        role = "capacity"  # "licensed to carry 70 passengers" is no count of those aboard
    label = _label(noun, event, casualty, unit)
    return Quantity(
        text=reading.text,
        low=reading.low,
        high=reading.high,
        low_closed=reading.low_closed,
        high_closed=reading.high_closed,
        bound=reading.bound,
        label=label,
        noun=noun_key(noun.lemma_) if noun is not None else None,
        unit=unit,
        event=event,
        casualty=casualty,
        owner=owner,
        role=role,
        predicate=predicate_position,
    )


def _share_of(phrase: Token) -> Token | None:
    """The noun a share is of: "vote" in "50.6 percent of the vote"."""
    for child in phrase.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            return next(
                (g for g in child.children if g.dep_ == "pobj" and g.pos_ in {"NOUN", "PROPN"}),
                None,
            )
    return None


def _theme_token(clauses: Clauses, position: int | None, *, exclude: Token) -> Token | None:
    if position is None:
        return None
    head = clauses.doc[position]
    for dep in ("dobj", "nsubjpass", "nsubj"):
        for child in head.children:
            if child.dep_ == dep and child.i != exclude.i and child.i in clauses.scope:
                if child.tag_ in {"WDT", "WP"} and head.dep_ == "relcl":
                    return head.head
                return child
    return None


def _event(
    clauses: Clauses,
    noun: Token | None,
    owner: Token | None,
    position: int | None,
    owned_by_noun: bool,
) -> tuple[str, bool]:
    """What a figure counts: a casualty class with its severity, or the predicate.

    The counted noun names the event ("14 deaths", "30 injured people") only when
    the clause merely reports or counts it; "two injured strikers had head wounds"
    counts strikers with head wounds, not the injured.
    """
    predicate = clauses.predicates.get(position) if position is not None else None
    head = clauses.doc[position] if position is not None else None
    complement = complement_of(head) if head is not None else None
    carriers: list[Token] = []
    if owner is not None and owner.lemma_.lower() in TALLY_NOUNS:
        carriers.extend(
            token
            for child in owner.children
            for token in ([child] if child.dep_ != "prep" else list(child.children))
            if token.dep_ in {"compound", "amod", "pobj"} and normal_lemma(token) in CASUALTY_EVENTS
        )
    elif owner is not None and owned_by_noun:
        # "a protest by 300 people", "a 12 percent pay rise": the figure belongs to the
        # noun, so the clause's event is not what it counts.
        return (predicate.lemma if predicate else ""), False
    if noun is not None and (head is None or _only_counts(head, complement)):
        if noun.lemma_.lower() in EVENT_NOUNS:
            carriers.append(noun)
        carriers.extend(
            child
            for child in noun.children
            if child.dep_ in {"amod", "acl", "relcl"} and normal_lemma(child) in CASUALTY_EVENTS
        )
    if head is not None and not carriers:
        carrier = complement if complement is not None else head
        if normal_lemma(carrier) in CASUALTY_EVENTS or (
            predicate is not None and predicate.lemma in CASUALTY_EVENTS
        ):
            carriers.append(carrier)
    if not carriers:
        return (predicate.lemma if predicate else ""), False
    carrier = carriers[0]
    lemma = normal_lemma(carrier)
    if lemma not in CASUALTY_EVENTS and predicate is not None:
        lemma = predicate.lemma  # "lost their lives" reads as "died"
    event = CASUALTY_EVENTS[lemma]
    severity = next(
        (
            SEVERITY[child.lower_]
            for token in (carrier, noun)
            if token is not None
            for child in token.children
            if child.dep_ in {"advmod", "amod"} and child.lower_ in SEVERITY
        ),
        None,
    )
    return (f"{event}:{severity}" if severity else event), True


def _only_counts(head: Token, complement: Token | None) -> bool:
    """True for clauses that report a count: "14 deaths were reported", "there were"."""
    if complement is not None:
        return False  # "no injuries were life-threatening"
    lemma = head.lemma_.lower()
    if lemma == "be":
        return any(child.dep_ == "expl" for child in head.children)
    return lemma in _COUNTING_VERBS or lemma in CASUALTY_EVENTS


def _label(noun: Token | None, event: str, casualty: bool, unit: str | None) -> str:
    if unit:
        return ""
    if casualty and (noun is None or noun_key(noun.lemma_) == "people"):
        return event.split(":")[0]
    return noun.lower_ if noun is not None else ""


def _zero_quantities(clauses: Clauses) -> Iterator[Quantity]:
    """ "No one was hurt", "no injuries were reported": a count of zero."""
    for token in clauses.tokens:
        if token.dep_ not in {"nsubj", "nsubjpass", "dobj", "attr"}:
            continue
        determiner = next((c for c in token.children if c.dep_ == "det" and c.lower_ == "no"), None)
        if token.lower_ in {"nobody", "none"} or (token.lower_ == "one" and determiner is not None):
            noun, text = partitive_of(token), ("no one" if determiner else token.lower_)
        elif determiner is not None and token.pos_ == "NOUN":
            noun, text = token, "no"
        else:
            continue
        position = clauses.predicate_of(token)
        predicate = clauses.predicates.get(position) if position is not None else None
        # "no one was hurt" is negated by its own zero; "no one was not hurt" is not a count
        if predicate is None or predicate.denial is not None or has_negation(clauses.doc[position]):
            continue
        event, casualty = _event(clauses, noun, None, position, False)
        yield Quantity(
            text=text,
            low=0.0,
            high=0.0,
            low_closed=True,
            high_closed=True,
            bound="zero",
            label=_label(noun, event, casualty, None),
            noun=noun_key(noun.lemma_) if noun is not None else None,
            unit=None,
            event=event,
            casualty=casualty,
            owner=None,
            role="",
            predicate=position,
        )
