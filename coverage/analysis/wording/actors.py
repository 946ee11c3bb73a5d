"""Named actors across an event, and the labels each article ties to them.

A label is tied by syntax when the sentence says whom it means ("Tuareg militants",
"militants from the HTS"), otherwise by context to the group in focus.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from coverage.analysis.embeddings import TextEncoder
from coverage.analysis.names import ParsedSentence, fold_names
from coverage.analysis.wording.lexicon import GROUP_LABELS, QUALIFIERS
from coverage.analysis.wording.mentions import find_mentions
from coverage.analysis.wording.model import TONE_STRENGTH, ActorWording, LabelUse, Mention, Tone
from coverage.analysis.wording.people import group_labels
from coverage.analysis.wording.things import place_act_labels
from coverage.analysis.wording.voice import Voices

if TYPE_CHECKING:
    from spacy.tokens import Token


# Qualifiers written with a capital: "Islamist groups".
_PROPER_QUALIFIERS = frozenset({"islamist", "islamic"})
# Nouns that are a label only with a qualifier, or as a definite "the group".
_COLLECTIVE_NOUNS = frozenset(
    {"group", "organization", "organisation", "movement", "faction", "outfit", "formation"}
)
# Verbs that tie a label to the name after them: "militants affiliated with TIP".
_LINKING_VERBS = frozenset(
    {"affiliate", "link", "ally", "associate", "lead", "back", "loyal", "belong", "tie", "connect"}
)
_BINDING_PREPOSITIONS = frozenset({"from", "of", "with", "by"})
# Nouns that gather groups: "a coalition of militias …, led by HTS".
_GATHERING_NOUNS = frozenset({"coalition", "alliance", "umbrella", "network", "front", "group"})


@dataclass(frozen=True)
class _Label:
    token_index: int
    text: str
    key: str
    tone: Tone
    bound_to: str | None


def _label_at(token: Token) -> tuple[str, str, Tone] | None:
    """(text, key, tone) if ``token`` heads a group label, else None."""
    if token.pos_ not in {"NOUN", "PROPN"}:
        return None
    lemma = token.lemma_.lower()
    if token.pos_ == "PROPN" and lemma not in GROUP_LABELS:
        return None
    qualifiers = [
        child
        for child in token.lefts
        if child.dep_ in {"amod", "compound", "nmod"} and child.lemma_.lower() in QUALIFIERS
    ]
    if lemma in GROUP_LABELS:
        tones = [GROUP_LABELS[lemma]]
    elif lemma in _COLLECTIVE_NOUNS and qualifiers:
        tones = []
    elif lemma in _COLLECTIVE_NOUNS and _is_definite_bare(token):
        tones = [Tone.NEUTRAL]
    else:
        return None
    tones += [QUALIFIERS[child.lemma_.lower()] for child in qualifiers]
    words = [*qualifiers, token]
    text = " ".join(
        word.lower_.capitalize() if word.lemma_.lower() in _PROPER_QUALIFIERS else word.lower_
        for word in words
    )
    key = " ".join(word.lemma_.lower() for word in words)
    return text, key, min(tones, key=TONE_STRENGTH.index)


def _is_definite_bare(token: Token) -> bool:
    determiners = [child.lower_ for child in token.children if child.dep_ == "det"]
    return determiners == ["the"] and all(child.dep_ in {"det", "punct"} for child in token.lefts)


def _sentence_labels(sentence: ParsedSentence, mentions: Sequence[Mention]) -> list[_Label]:
    doc = sentence.doc
    mention_at = {
        index: mention for mention in mentions for index in range(mention.start, mention.end)
    }
    labels: dict[int, tuple[str, str, Tone]] = {}
    for token in doc:
        if (found := _label_at(token)) is not None:
            labels[token.i] = found

    def bound(token: Token, seen: frozenset[int] = frozenset()) -> str | None:
        if token.i in seen:
            return None
        seen = seen | {token.i}
        if token.i in mention_at:
            return mention_at[token.i].name
        # A name right before the label, across its qualifiers: "HTS terrorist organization".
        left = token.i - 1
        while (
            left >= 0
            and left not in mention_at
            and doc[left].head == token
            and (doc[left].lemma_.lower() in QUALIFIERS or doc[left].pos_ == "ADJ")
        ):
            left -= 1
        if left >= 0 and left in mention_at and _governed_by(doc[left], token):
            return mention_at[left].name
        for child in token.children:
            if child.dep_ in {"appos", "poss"} and (name := name_in(child, seen)):
                return name
            if child.dep_ == "prep" and child.lower_ in _BINDING_PREPOSITIONS:
                for pobj in child.children:
                    if pobj.dep_ == "pobj" and (name := name_in(pobj, seen)):
                        return name
            if child.dep_ in {"acl", "amod"} and child.lemma_.lower() in _LINKING_VERBS:
                for link in child.children:
                    if link.dep_ in {"prep", "agent"}:
                        for pobj in link.children:
                            if pobj.dep_ == "pobj" and (name := name_in(pobj, seen)):
                                return name
        if token.dep_ == "appos" and (name := name_in(token.head, seen)):
            return name
        if token.dep_ == "conj" and token.head.i in labels:
            return bound(token.head, seen)
        if (
            token.dep_ == "pobj"
            and token.head.lower_ == "of"
            and token.head.head.lemma_.lower() in _GATHERING_NOUNS
        ):
            return bound(token.head.head, seen)
        return None

    def name_in(token: Token, seen: frozenset[int]) -> str | None:
        if token.i in mention_at:
            return mention_at[token.i].name
        if token.i in labels or token.lemma_.lower() in _GATHERING_NOUNS:
            return bound(token, seen)
        return None

    return [
        _Label(index, text, key, tone, bound(doc[index]))
        for index, (text, key, tone) in sorted(labels.items())
    ]


def _governed_by(name_token: Token, label: Token) -> bool:
    """The name modifies the label (directly or through the name's own compounds)."""
    token = name_token
    for _ in range(6):
        if token.head == label:
            return True
        if token.head == token:
            return False
        token = token.head
    return False


def describe_actors(
    articles: Mapping[Hashable, Sequence[ParsedSentence]], *, encoder: TextEncoder | None = None
) -> list[ActorWording]:
    """Actors of an event with the names and labels each article uses, most labelled first.

    Only actors worth comparing are returned: those given a label somewhere, and
    those written in more than one way across the event ("Kyiv" / "Kiev"); then the
    unnamed groups that outlets label in more than one way (``group_labels``), and the
    places and acts they name in more than one way (``place_act_labels``).
    """
    mentions = {
        key: {sentence.index: find_mentions(sentence) for sentence in sentences}
        for key, sentences in articles.items()
    }
    labels = {
        key: {
            sentence.index: _sentence_labels(sentence, mentions[key][sentence.index])
            for sentence in sentences
        }
        for key, sentences in articles.items()
    }
    canonical = fold_names(
        mention.name
        for by_sentence in mentions.values()
        for found in by_sentence.values()
        for mention in found
    )
    groups = {
        canonical[label.bound_to]
        for by_sentence in labels.values()
        for found in by_sentence.values()
        for label in found
        if label.bound_to is not None
    }
    names: dict[str, dict[Hashable, Counter[str]]] = defaultdict(lambda: defaultdict(Counter))
    uses: dict[str, dict[Hashable, list[LabelUse]]] = defaultdict(lambda: defaultdict(list))
    taken: set[tuple[Hashable, int, int]] = set()
    for key, sentences in articles.items():
        voices = Voices(sentences)
        first_group = next(
            (
                canonical[mention.name]
                for sentence in sentences
                for mention in mentions[key][sentence.index]
                if canonical[mention.name] in groups
            ),
            None,
        )
        focus = first_group
        for sentence in sentences:
            # Names and labels in reading order, so focus moves as the reader's does.
            events: list[tuple[int, Mention | _Label]] = [
                (mention.start, mention) for mention in mentions[key][sentence.index]
            ]
            events += [(label.token_index, label) for label in labels[key][sentence.index]]
            for _, item in sorted(events, key=lambda event: event[0]):
                if isinstance(item, Mention):
                    actor = canonical[item.name]
                    names[actor][key][item.name] += 1
                    if actor in groups:
                        focus = actor
                    continue
                actor = canonical[item.bound_to] if item.bound_to else focus
                if actor is None or (item.bound_to is None and actor not in groups):
                    continue
                voice, speaker = voices.of(sentence, sentence.doc[item.token_index])
                if voice is None:
                    continue
                taken.add((key, sentence.index, item.token_index))
                uses[actor][key].append(
                    LabelUse(
                        label=item.text,
                        key=item.key,
                        tone=item.tone,
                        sentence_index=sentence.index,
                        quote=sentence.text,
                        by_context=item.bound_to is None,
                        voice=voice,
                        speaker=speaker,
                    )
                )
                if item.bound_to:
                    focus = actor
    actors = []
    for actor in set(names) | set(uses):
        # "PORT AVERLY" in a dateline is the same wording as "Port Averly".
        written = {name.casefold() for counter in names[actor].values() for name in counter}
        if not uses.get(actor) and len(written) < 2:
            continue
        actors.append(
            ActorWording(
                actor=actor,
                names={key: tuple(counter.most_common()) for key, counter in names[actor].items()},
                labels={key: tuple(found) for key, found in uses.get(actor, {}).items()},
            )
        )
    actors.sort(key=lambda actor: (-actor.label_count, actor.actor.lower()))
    unnamed = [
        group
        for group in group_labels(articles, encoder=encoder, taken=taken)
        if len({use.key for uses in group.labels.values() for use in uses}) >= 2
    ]
    return actors + unnamed + place_act_labels(articles)


def label_counts(uses: Sequence[LabelUse]) -> list[tuple[str, Tone, int, tuple[LabelUse, ...]]]:
    """Uses grouped by label (singular and plural together), most used first.

    Each label is shown in the form the article used most: "militants" rather than
    "militant" when the plural is what it wrote.
    """
    by_key: dict[str, list[LabelUse]] = defaultdict(list)
    for use in uses:
        by_key[use.key].append(use)
    grouped = []
    for found in by_key.values():
        text = Counter(use.label for use in found).most_common(1)[0][0]
        grouped.append((text, found[0].tone, len(found), tuple(found)))
    grouped.sort(key=lambda item: (-item[2], item[0]))
    return grouped
