"""How each outlet names the same actors and describes the same actions.

Actors are the named parties of an event: spaCy entities (ORG, PERSON, GPE, NORP
nouns, FAC, LOC), runs of proper nouns the model did not tag, and all-capital
acronyms. Their names are folded across the event with names.fold_names, so
"Hayat Tahrir al-Sham", "Hay’at Tahrir al-Sham" and "HTS" are one actor, and an
outlet's spelling ("Kiev" or "Kyiv") stays visible as the name it used.

Labels are the common nouns outlets use for groups of people, from a curated
lexicon (GROUP_LABELS) that also says how loaded each word is: "terrorists",
"militants", "rebels", "jihadists", "militias", "fighters", and "group" or
"organization" when a qualifier makes it a label ("extremist groups", "the militant
group", "terrorist organization"). Ideological and loaded qualifiers stay part of
the label ("Islamist groups"); nationalities do not ("Syrian jihadists" ->
"jihadists"), because they say where people are from, not what they are called.

A label is tied to an actor in two ways:

1. By syntax, when the sentence itself says whom it means: a name right before the
   label ("Tuareg militants", "the Hayat Tahrir al-Sham terrorist organization"),
   a name after "from", "of", "affiliated with", "led by" or in apposition
   ("militants from the HTS terrorist organization", "a coalition of militias and
   extremist groups, led by HTS"), or a possessive ("HTS's fighters").
2. By context, for a label with no name of its own ("the terrorists", "the militant
   group"): it refers to the group in focus, the group actor the article mentioned
   most recently; before the article has named any group, to the first one it names
   (ledes describe a group before the body names it). Group actors are those that
   some sentence of the event labels by syntax, so "Kyiv" or "the Khimik Group" never
   take "the militants".

Each use keeps its sentence, so a reader can check every attribution in context.

Actions compare the evidence sentences of one matrix row across outlets: the verb
that carries the claim (the one whose own arguments share most words with the
assertion, attribution frames like "reports that" skipped) with its auxiliaries,
negation, hedging adverbs and hedging governors ("claimed to have captured",
"are allegedly training"), next to the sentence's hedging cues from hedging.py
("reports indicate", "according to"), which often carry the difference.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from coverage.analysis.hedging import detect_hedging
from coverage.analysis.names import ParsedSentence, display_name, fold_names
from coverage.analysis.sources import ATTRIBUTION_VERBS

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token


class Tone(StrEnum):
    LOADED = "loaded"
    IDEOLOGICAL = "ideological"
    SYMPATHETIC = "sympathetic"
    NEUTRAL = "neutral"

    @property
    def note(self) -> str:
        return _TONE_NOTES[self]


_TONE_NOTES = {
    Tone.LOADED: "condemns: passes a verdict on the group",
    Tone.IDEOLOGICAL: "names a religion or ideology",
    Tone.SYMPATHETIC: "frames the group as an opposition or uprising",
    Tone.NEUTRAL: "describes without a verdict",
}
# The strongest tone of a label's words is the label's tone.
_TONE_STRENGTH = [Tone.LOADED, Tone.IDEOLOGICAL, Tone.SYMPATHETIC, Tone.NEUTRAL]

# Nouns that label a group of people on their own, by lemma.
GROUP_LABELS: dict[str, Tone] = {
    "terrorist": Tone.LOADED,
    "extremist": Tone.LOADED,
    "radical": Tone.LOADED,
    "mercenary": Tone.LOADED,
    "thug": Tone.LOADED,
    "jihadist": Tone.IDEOLOGICAL,
    "jihadi": Tone.IDEOLOGICAL,
    "islamist": Tone.IDEOLOGICAL,
    "rebel": Tone.SYMPATHETIC,
    "opposition": Tone.SYMPATHETIC,
    "resistance": Tone.SYMPATHETIC,
    "militant": Tone.NEUTRAL,
    "militia": Tone.NEUTRAL,
    "fighter": Tone.NEUTRAL,
    "insurgent": Tone.NEUTRAL,
    "gunman": Tone.NEUTRAL,
    "guerrilla": Tone.NEUTRAL,
    "paramilitary": Tone.NEUTRAL,
}
# Modifiers that are part of a label: "Islamist groups", "terrorist organization".
QUALIFIERS: dict[str, Tone] = {
    **GROUP_LABELS,
    "terror": Tone.LOADED,
    "islamic": Tone.IDEOLOGICAL,
    "armed": Tone.NEUTRAL,
}
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

_NAME_LABELS = frozenset({"ORG", "PERSON", "GPE", "NORP", "FAC", "LOC"})
_NOT_NAMES = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT"})
_CALENDAR = frozenset(
    {
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    }
)
# Titles before a person's name are not part of the name.
_TITLE_WORDS = frozenset(
    {
        "president",
        "prime",
        "minister",
        "deputy",
        "foreign",
        "defence",
        "defense",
        "general",
        "gen",
        "colonel",
        "commander",
        "spokesman",
        "spokeswoman",
        "secretary",
        "mr",
        "mrs",
        "ms",
        "dr",
        "leader",
        "head",
        "chief",
    }
)
_NAME_GLUE = frozenset({"-", "al", "el", "ad", "ash", "bin", "ibn", "de", "of"})


@dataclass(frozen=True)
class Mention:
    """A name as written in one sentence, with its token span in that sentence's parse."""

    name: str
    sentence_index: int
    start: int
    end: int


@dataclass(frozen=True)
class LabelUse:
    """One label given to an actor in one sentence."""

    label: str
    key: str
    tone: Tone
    sentence_index: int
    quote: str
    by_context: bool


@dataclass(frozen=True)
class ActorWording:
    """One actor across an event: the names and labels each article uses for it."""

    actor: str
    names: Mapping[Hashable, tuple[tuple[str, int], ...]]
    labels: Mapping[Hashable, tuple[LabelUse, ...]]

    @property
    def label_count(self) -> int:
        return sum(len(uses) for uses in self.labels.values())


@dataclass(frozen=True)
class _Label:
    token_index: int
    text: str
    key: str
    tone: Tone
    bound_to: str | None


def find_mentions(sentence: ParsedSentence) -> list[Mention]:
    """Named actors in one sentence: entities and proper-noun runs, merged."""
    doc = sentence.doc
    spans: list[tuple[int, int]] = []
    for entity in doc.ents:
        if entity.label_ not in _NAME_LABELS:
            continue
        if entity.label_ == "NORP" and entity.root.pos_ == "ADJ":
            continue  # "Ukrainian", "Islamist": qualities, not parties
        spans.append((entity.start, entity.end))
    # In a headline every word is capitalised and the tagger calls them all proper
    # nouns, so only the entities it recognised are names there.
    index = len(doc) if _is_headline(doc) else 0
    while index < len(doc):
        if _is_name_token(doc[index]):
            end = index + 1
            while end < len(doc) and (_is_name_token(doc[end]) or doc[end].lower_ in _NAME_GLUE):
                end += 1
            while doc[end - 1].lower_ in _NAME_GLUE:
                end -= 1
            spans.append((index, end))
            index = end
        else:
            index += 1
    mentions = []
    for start, end in _merge(spans):
        # "Ukraine’s Main Intelligence Directorate" names the directorate.
        possessive = [i for i in range(start, end) if doc[i].dep_ == "case"]
        if possessive and possessive[-1] < end - 1:
            start = possessive[-1] + 1
        while start < end and (
            doc[start].lower_ in _TITLE_WORDS or doc[start].lower_ in {"the", "a", "an"}
        ):
            start += 1
        while end > start and doc[end - 1].dep_ == "case":
            end -= 1
        if start >= end or any(doc[i].ent_type_ in _NOT_NAMES for i in range(start, end)):
            continue
        name = display_name(doc[start:end].text)
        if name and name.lower() not in _CALENDAR and any(c.isalpha() for c in name):
            mentions.append(Mention(name, sentence.index, start, end))
    return mentions


def _is_headline(doc: Doc) -> bool:
    words = [token for token in doc if token.is_alpha]
    capitalised = [token for token in words if token.text[:1].isupper()]
    return len(words) >= 4 and len(capitalised) >= 0.6 * len(words)


def _is_name_token(token: Token) -> bool:
    if token.ent_type_ in _NOT_NAMES or token.lower_ in _CALENDAR:
        return False
    if token.pos_ == "PROPN" and token.text[:1].isupper():
        return True
    return token.text.isupper() and token.text.isalpha() and len(token.text) > 1


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


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
    return text, key, min(tones, key=_TONE_STRENGTH.index)


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


def describe_actors(articles: Mapping[Hashable, Sequence[ParsedSentence]]) -> list[ActorWording]:
    """Actors of an event with the names and labels each article uses, most labelled first.

    Only actors worth comparing are returned: those given a label somewhere, and
    those written in more than one way across the event ("Kyiv" / "Kiev").
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
    for key, sentences in articles.items():
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
                uses[actor][key].append(
                    LabelUse(
                        label=item.text,
                        key=item.key,
                        tone=item.tone,
                        sentence_index=sentence.index,
                        quote=sentence.text,
                        by_context=item.bound_to is None,
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
    return actors


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


@dataclass(frozen=True)
class Predicate:
    """The verb phrase that carries a claim in one sentence: "claimed to have captured"."""

    lemma: str
    phrase: str
    # The sentence's hedging and attribution cues: "allegedly", "reports indicate".
    hedges: tuple[str, ...] = ()


_HEDGING_GOVERNORS = frozenset(
    {"claim", "allege", "appear", "seem", "say", "believe", "report", "purport", "think"}
)
_FRAME_DEPS = frozenset({"aux", "auxpass", "neg", "prt"})
_CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ", "NUM"})


def predicate(sentence: Doc | Span, claim: Doc | Span) -> Predicate | None:
    """The verb of ``sentence`` that says what ``claim`` says, with its hedges and auxiliaries."""
    claim_lemmas = {token.lemma_.lower() for token in claim if token.pos_ in _CONTENT_POS}
    claim_verbs = {token.lemma_.lower() for token in claim if token.pos_ == "VERB"}
    best: tuple[float, Token] | None = None
    for token in sentence:
        if token.pos_ != "VERB" or _is_frame(token):
            continue
        arguments = [child for child in token.children if child.dep_ not in _FRAME_DEPS]
        argument_words = {
            word.lemma_.lower()
            for child in arguments
            for word in (child, *(c for c in child.children if c.dep_ == "pobj"))
        }
        score = 3.0 * (token.lemma_.lower() in claim_verbs) + len(argument_words & claim_lemmas)
        if best is None or score > best[0]:
            best = (score, token)
    if best is None:
        return None
    verb = best[1]
    words = [verb, *_frame(verb)]
    governor = verb.head
    if verb.dep_ == "xcomp" and governor.lemma_.lower() in _HEDGING_GOVERNORS:
        words += [governor, *_frame(governor)]
    words = sorted(set(words), key=lambda token: token.i)
    return Predicate(
        lemma=verb.lemma_.lower(),
        phrase=" ".join(word.text for word in words),
        hedges=detect_hedging(sentence.text).cues,
    )


def _frame(verb: Token) -> list[Token]:
    """Auxiliaries, negation, particles and the hedging adverbs before the verb."""
    return [
        child
        for child in verb.children
        if child.dep_ in _FRAME_DEPS
        or (child.dep_ == "advmod" and child.i < verb.i and child.lower_.endswith("ly"))
    ]


def _is_frame(token: Token) -> bool:
    """ "reports that …", "according to …": the attribution, not the claim."""
    if token.lower_ == "according":
        return True
    has_content = any(child.dep_ in {"ccomp", "xcomp"} for child in token.children)
    return token.lemma_.lower() in ATTRIBUTION_VERBS and has_content
