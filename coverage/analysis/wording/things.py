"""Labels for the places and acts an event is about, compared across outlets.

Outlets name a place or an act of an event in words that frame it as they frame its
people: a "camp", an "encampment" or a "squat"; a "blockade", a "siege" or an
"illegal occupation". A noun is such a label when the lexicon
(data/place_act_nouns.json, written from general usage) lists it in a family of words
for one kind of place or act; its adjectives stay part of the label ("peaceful
blockade", "anarchist camp"), and its voice is read as for people. A family is
compared only when the event names its thing in two words or more.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Hashable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from coverage.analysis.names import ParsedSentence
from coverage.analysis.wording.model import ActorWording, LabelUse, Tone
from coverage.analysis.wording.people import singular
from coverage.analysis.wording.voice import Voices

if TYPE_CHECKING:
    from spacy.tokens import Token

PLACE_ACT_NOUNS_PATH = Path(__file__).resolve().parent.parent / "data" / "place_act_nouns.json"
_LEXICON = json.loads(PLACE_ACT_NOUNS_PATH.read_text(encoding="utf-8"))
# Word or phrase -> the family of places or acts it names.
PLACE_ACT_FAMILY: dict[str, str] = {
    word: family for family, words in _LEXICON["families"].items() for word in words
}
_LOADED = frozenset(_LEXICON["loaded"])
# Modifiers that say which or when, not what the thing is called.
_NOT_LABEL_ENTITIES = frozenset({"NORP", "GPE", "ORG", "PERSON", "DATE", "TIME", "CARDINAL"})


def place_act_labels(articles: Mapping[Hashable, Sequence[ParsedSentence]]) -> list[ActorWording]:
    """One group per family of places or acts that the event names in more than one
    way, with the labels each article gives it, most used first."""
    by_family: dict[str, dict[Hashable, list[LabelUse]]] = defaultdict(lambda: defaultdict(list))
    for article, sentences in articles.items():
        voices = Voices(sentences)
        for sentence in sentences:
            for token in sentence.doc:
                found = _label(token)
                if found is None:
                    continue
                text, key, family = found
                voice, speaker = voices.of(sentence, token)
                if voice is None:
                    continue
                by_family[family][article].append(
                    LabelUse(
                        label=text,
                        key=key,
                        tone=Tone.LOADED if key in _LOADED else Tone.NEUTRAL,
                        sentence_index=sentence.index,
                        quote=sentence.text,
                        by_context=False,
                        voice=voice,
                        speaker=speaker,
                    )
                )
    groups = []
    for labels in by_family.values():
        uses = [use for found in labels.values() for use in found]
        if len({use.key for use in uses}) < 2:
            continue
        counts: dict[str, int] = defaultdict(int)
        for use in uses:
            counts[use.key] += 1
        name = " / ".join(sorted(counts, key=lambda key: (-counts[key], key))[:3])
        groups.append(
            ActorWording(
                actor=name,
                names={},
                labels={article: tuple(found) for article, found in labels.items()},
            )
        )
    groups.sort(key=lambda group: (-group.label_count, group.actor))
    return groups


def _label(token: Token) -> tuple[str, str, str] | None:
    """(text, key, family) when ``token`` heads a noun the lexicon lists for a place or
    an act: "the protest camp" -> ("protest camp", "camp", "camp"); "a military
    operation" -> ("military operation", "military operation", "use of force")."""
    if token.pos_ != "NOUN" or not token.is_alpha or token.dep_ == "compound":
        return None
    word = singular(token.lemma_ if token.text.islower() else token.text)
    modifiers = [
        child
        for child in token.lefts
        if child.dep_ in {"amod", "compound"}
        and child.is_alpha
        and child.ent_type_ not in _NOT_LABEL_ENTITIES
    ]
    key = next(
        (phrase for child in modifiers if (phrase := f"{child.lower_} {word}") in PLACE_ACT_FAMILY),
        word,
    )
    family = PLACE_ACT_FAMILY.get(key)
    if family is None:
        return None
    text = " ".join([*(child.lower_ for child in modifiers), token.lower_])
    return text, key, family
