"""Places: a proper name after a locative preposition, with its role and region.

"near Harlow", "some way from Harlow", "in the north of Veldmark", "30 km north of
X": the preposition gives the role ("near", "away", "in", "direction", ...), a
compass word or "outskirts" the region. Containment the text states ("Port Averly,
Veldmark") is kept, so that comparison does not call a town and its country two
places.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from coverage.analysis.slots.lexicon import GENERIC_PLACE_NOUNS
from coverage.analysis.slots.model import Place
from coverage.analysis.slots.numbers import parse_number
from coverage.analysis.slots.syntax import (
    NAMED_LABELS,
    compound_chain,
    conjuncts_of,
    partitive_of,
    strip_article,
)

if TYPE_CHECKING:
    from spacy.tokens import Token

    from coverage.analysis.slots.clauses import Clauses

# Entity labels that are never a place, whatever preposition comes before them.
_NOT_PLACE_LABELS = frozenset(
    {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY", "NORP", "LANGUAGE"}
)

_COMPASS = {
    "north": "n",
    "south": "s",
    "east": "e",
    "west": "w",
    "northeast": "ne",
    "northwest": "nw",
    "southeast": "se",
    "southwest": "sw",
    "north-east": "ne",
    "north-west": "nw",
    "south-east": "se",
    "south-west": "sw",
}
_REGIONS: dict[str, str] = {
    **{word: word.replace("-", "") for word in _COMPASS},
    **{f"{word}ern": word for word in ("north", "south", "east", "west")},
    "northeastern": "northeast",
    "northwestern": "northwest",
    "southeastern": "southeast",
    "southwestern": "southwest",
    "centre": "centre",
    "center": "centre",
    "central": "centre",
    "outskirts": "outskirts",
    "heart": "centre",
    "coast": "coast",
    "edge": "outskirts",
}
_PLACE_ROLES = {
    "in": "in",
    "inside": "in",
    "within": "in",
    "across": "in",
    "throughout": "in",
    "at": "at",
    "on": "at",
    "near": "near",
    "outside": "near",
    "off": "near",
    "beside": "near",
    "from": "from",
    "to": "to",
    "into": "to",
    "towards": "to",
    "toward": "to",
}


# Distance units in kilometres, and the distance from a place that is not at it.
_DISTANCE_UNITS = {"kilometre": 1.0, "kilometer": 1.0, "km": 1.0, "mile": 1.6}
_FAR_KM = 10.0


def _place_role(preposition: Token) -> str | None:
    word = preposition.lower_
    governor = preposition.head
    before = preposition.doc[preposition.i - 1].lower_ if preposition.i > 0 else ""
    if word == "from" and (
        governor.lower_ in {"away", "far"}
        or before in {"way", "away", "far", "distance"}
        or any(c.lower_ in {"way", "away", "far"} for c in preposition.children)
    ):
        return "away"  # "some way from A", "far from A": not near A
    if word == "from" and preposition.i > 0 and _far_distance(preposition.doc[preposition.i - 1]):
        return "away"  # "about 25 kilometres from A": another place than A
    if word == "to" and governor.lower_ in {"close", "next"}:
        return "near"
    if word == "of" and governor.lower_ in _COMPASS and governor.dep_ != "pobj":
        return "direction"  # "30 km north of X"; "in the north of X" is read from "in"
    return _PLACE_ROLES.get(word)


def _far_distance(unit: Token) -> bool:
    """ "25 kilometres", "40 miles": a distance no report would call at or near a place.
    A figure the parser cannot read leaves the place where it was ("from")."""
    if unit.lemma_.lower() not in _DISTANCE_UNITS:
        return False
    figure = " ".join(child.text for child in unit.children if child.dep_ in {"nummod", "quantmod"})
    value = parse_number(figure) if figure else None
    return value is not None and value * _DISTANCE_UNITS[unit.lemma_.lower()] >= _FAR_KM


def _preposition_words(preposition: Token) -> list[Token]:
    words = [preposition]
    governor = preposition.head
    if governor.lower_ in {"away", "far", "close", "next"} or governor.lower_ in _COMPASS:
        words.insert(0, governor)
    for child in preposition.children:
        if child.dep_ in {"npadvmod", "advmod"}:
            words.extend(child.subtree)  # "some way from"
    previous = preposition.doc[preposition.i - 1] if preposition.i > 0 else None
    if previous is not None and previous.lower_ == "way" and previous not in words:
        words.extend(t for t in previous.subtree if t.i < preposition.i)
    distance = previous is not None and previous.lemma_.lower() in _DISTANCE_UNITS
    if previous is not None and distance and previous not in words:
        # "40 kilometres from": the figure and its unit, whatever the parse hangs them on
        figure = [c for c in previous.children if c.dep_ in {"nummod", "quantmod"}]
        words.extend(t for c in figure for t in c.subtree if t not in words)
        words.append(previous)
    return sorted(words, key=lambda t: t.i)


def _place_key(name: str) -> str:
    words = [
        word
        for word in name.replace(".", " ").split()
        if not (word.islower() and word in GENERIC_PLACE_NOUNS)
    ]
    return " ".join(words).casefold() or name.casefold()


def read_places(clauses: Clauses) -> tuple[list[Place], set[tuple[str, str]]]:
    """The places of a text, and the (inner, outer) place keys it relates itself."""
    places: list[Place] = []
    containment: set[tuple[str, str]] = set()
    for token in clauses.tokens:
        if token.dep_ != "pobj" or token.head.pos_ not in {"ADP", "SCONJ"}:
            continue
        preposition = token.head
        role = _place_role(preposition)
        if role is None:
            continue
        name_token, name = token, None
        region = _REGIONS.get(preposition.head.lower_) if role == "direction" else None
        if token.lower_ in _REGIONS or token.lemma_.lower() in GENERIC_PLACE_NOUNS:
            inner = partitive_of(token)
            named = [c for c in token.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"]
            if inner is None and named and token.lower_ not in _REGIONS:
                inner = named[-1]  # "Idlib province", "the Harlow district"
            following = clauses.doc[token.i + 1] if token.i + 1 in clauses.scope else None
            if inner is None and following is not None and following.text[:1].isupper():
                # "near town B." where the parser left the name dangling
                inner, name = following, f"{token.text} {following.text}".rstrip(".")
            if inner is None:
                continue
            if token.lower_ in _REGIONS:
                region = _REGIONS[token.lower_]
            name_token = inner
        for candidate in [name_token, *conjuncts_of(name_token)]:
            place = _place(clauses, candidate, preposition, role, region, name)
            if place is not None:
                places.append(place)
            name = None
    for token in clauses.tokens:
        if _is_place_name(token, "in"):
            containment.update(_contained(clauses, token))
    return places, containment


def _is_place_name(token: Token, role: str) -> bool:
    label = token.ent_type_
    if label in {"GPE", "LOC", "FAC"}:
        return True
    if label in _NOT_PLACE_LABELS:
        return False
    proper = token.pos_ == "PROPN" or (
        token.text[:1].isupper() and token.pos_ == "NOUN" and not token.is_sent_start
    )
    if not proper:
        return False
    # The small model tags an unknown town as a person, an organisation or even a
    # product; after "near" or "in" a proper name is a place, after "from" or "to"
    # it may as well be a sender or an addressee.
    return role in {"near", "away", "in", "at", "direction"}


def _place(
    clauses: Clauses,
    token: Token,
    preposition: Token,
    role: str,
    region: str | None,
    name: str | None,
) -> Place | None:
    if not _is_place_name(token, role):
        return None
    name = name or _place_name(clauses, token)
    if not name:
        return None
    if region is None:
        region = next(
            (
                _REGIONS[child.lower_]
                for child in token.children
                if child.dep_ == "amod" and child.lower_ in _REGIONS
            ),
            None,
        )
    shown = " ".join(t.text for t in _preposition_words(preposition) if t.i in clauses.scope)
    # "north of Harlow" shows its direction already; "in the north of" is rebuilt
    # from the region so "in northern Veldmark" reads the same.
    plain = region is None or role == "direction"
    return Place(
        text=f"{shown} {name}".strip() if plain else f"{shown} the {region} of {name}".strip(),
        name=name,
        key=_place_key(name),
        role=role,
        region=region,
        predicate=clauses.predicate_of(preposition),
    )


def _place_name(clauses: Clauses, token: Token) -> str:
    entity = clauses.entity_of.get(token.i)
    if entity is not None and entity.label_ in NAMED_LABELS:
        return strip_article(entity.text).rstrip(".")
    return " ".join(t.text for t in compound_chain(token)).rstrip(".")


def _contained(clauses: Clauses, token: Token) -> Iterator[tuple[str, str]]:
    """Containment the text states: "Port Averly, Veldmark", "Harlow in Veldmark"."""
    inner = _place_key(_place_name(clauses, token))
    modifiers = list(token.children)
    if token.dep_ == "compound" and token.head.lemma_.lower() in GENERIC_PLACE_NOUNS:
        modifiers.extend(token.head.children)  # "Syria's Idlib province"
    for child in modifiers:
        outer: Token | None = None
        if child.dep_ in {"appos", "npadvmod", "poss"} and _is_place_name(child, "in"):
            outer = child
        elif child.dep_ == "prep" and child.lower_ == "in":
            outer = next(
                (g for g in child.children if g.dep_ == "pobj" and _is_place_name(g, "in")),
                None,
            )
        if outer is not None and outer.i in clauses.scope:
            yield inner, _place_key(_place_name(clauses, outer))


def same_place(first: str, second: str) -> bool:
    """True when two place keys name one place, one perhaps more fully: "averly", "port averly"."""
    if first == second:
        return True
    first_words, second_words = set(first.split()), set(second.split())
    return first_words <= second_words or second_words <= first_words


def regions_clash(first: str | None, second: str | None) -> bool:
    """True when two compass regions of one place cannot overlap: north and south."""
    if first is None or second is None:
        return False
    if first in _COMPASS and second in _COMPASS:
        return not set(_COMPASS[first]) & set(_COMPASS[second])
    return False
