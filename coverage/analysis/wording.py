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

Each use keeps its sentence, so a reader can check every attribution in context,
and its voice: the outlet's own words, words in quotation marks, or words it
attributes to a source ("the ministry said the attackers had fled", "claims
in Haldovian media that state hackers were behind it"). A minister's quoted
"thugs" is the minister's label, not the outlet's; a label inside a source's own
description ("sources in the opposition said") is no label at all.

Groups without a name are compared too (``group_labels``): the people an event
is about whom outlets label differently, "rioters" / "protesters" /
"demonstrators", "migrants" / "refugees", "inmates" / "escapees" / "convicts".
A noun is a label for people when a general-English lexicon (data/group_nouns.json,
written from general usage, not from any evaluation event) knows it, or when general
signals agree that a plural noun names people: a person-like suffix ("-ers",
"-ists", "-ants", "-ees", "-ians", "-men"), the part it plays (the subject of
"marched", "fled" or "said", the object of "arrested", "evacuated" or "rescued"),
a modifier said of people ("angry", "trapped", "striking"), a relative clause with
"who", coordination with a known label, and, with a sentence encoder, MiniLM
placing the word nearer to people than to things. Organisations, places, things
and events that pass those tests ("insurers warned", "containers were seized",
"protests spread") are listed apart; one person ("said one retired teacher", "the
mayor") and an audience ("told reporters") are no group; words for animals said of
people ("these animals") count only when pointed at someone in someone's words.

Labels of one family of the lexicon (words outlets use for one kind of people) are
one group; a label outside the families (or a generic "people", "two men", "a
small crowd") joins the group whose sentences in other outlets say the same thing
(MiniLM); and groups whose labels play the same part in the event in different
outlets join ("inmates escaped" / "the escaped criminals", both recaptured near the
coast), unless a label of each appears side by side in one sentence, which makes
them two groups ("police fired at protesters").

Actions compare the evidence sentences of one matrix row across outlets: the verb
that carries the claim (the one whose own arguments share most words with the
assertion, attribution frames like "reports that" skipped) with its auxiliaries,
negation, hedging adverbs and hedging governors ("claimed to have captured",
"are allegedly training"), next to the sentence's hedging cues from hedging.py
("reports indicate", "according to"), which often carry the difference.
"""

from __future__ import annotations

import functools
import json
from collections import Counter, defaultdict
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from coverage.analysis.embeddings import TextEncoder
from coverage.analysis.hedging import detect_hedging, source_name
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


class Voice(StrEnum):
    OWN = "own"  # the outlet's own words
    QUOTED = "quoted"  # inside quotation marks
    ATTRIBUTED = "attributed"  # reported from a source: "the ministry said the attackers …"


@dataclass(frozen=True)
class LabelUse:
    """One label given to an actor in one sentence, in the outlet's voice or another's
    (``speaker``: whose words they are, when the sentence says)."""

    label: str
    key: str
    tone: Tone
    sentence_index: int
    quote: str
    by_context: bool
    voice: Voice = Voice.OWN
    speaker: str = ""

    @property
    def is_own(self) -> bool:
        return self.voice == Voice.OWN


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


def describe_actors(
    articles: Mapping[Hashable, Sequence[ParsedSentence]], *, encoder: TextEncoder | None = None
) -> list[ActorWording]:
    """Actors of an event with the names and labels each article uses, most labelled first.

    Only actors worth comparing are returned: those given a label somewhere, and
    those written in more than one way across the event ("Kyiv" / "Kiev"); then the
    unnamed groups that outlets label in more than one way (``group_labels``).
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
        voices = _Voices(sentences)
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
    return actors + [
        group
        for group in group_labels(articles, encoder=encoder, taken=taken)
        if len({use.key for uses in group.labels.values() for use in uses}) >= 2
    ]


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
    # The sentence's hedging and attribution cues: "allegedly", "reports indicate",
    # and the verb that reports the claim ("said", "claimed", "admitted").
    hedges: tuple[str, ...] = ()
    # The verb that frames the claim as someone's words: "admitted" in "The ministry
    # admitted that the dam had failed"; outlets choose between "said", "claimed"
    # and "admitted" for one claim.
    reporting_verb: str = ""


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
    reporting = _reporting_verb(verb)
    hedges = detect_hedging(sentence.text).cues
    if reporting and not any(reporting in cue.split() for cue in hedges):
        hedges = (*hedges, reporting)
    return Predicate(
        lemma=verb.lemma_.lower(),
        phrase=" ".join(word.text for word in words),
        hedges=hedges,
        reporting_verb=reporting,
    )


def _reporting_verb(verb: Token) -> str:
    """The speech verb whose content the claim's verb is: "claimed" in "X claimed that
    the dam failed", "admitted" in "..., the ministry admitted"."""
    for ancestor in verb.ancestors:
        if ancestor.lemma_.lower() in ATTRIBUTION_VERBS and ancestor.pos_ == "VERB":
            return ancestor.lower_
        if ancestor.dep_ not in {"ccomp", "xcomp", "conj", "advcl", "relcl", "acl"}:
            break
    for child in verb.children:
        if child.dep_ in {"parataxis", "advcl"} and child.lemma_.lower() in ATTRIBUTION_VERBS:
            return child.lower_
    return ""


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


# --- The voice a word is written in ----------------------------------------------------

# Verbs whose object is someone's accusation: "accused the other's troops of …".
_ACCUSING_VERBS = frozenset({"accuse", "blame"})
# Verbs that put a label in someone's mouth: "called the protesters thugs".
_NAMING_VERBS = frozenset({"call", "describe", "brand", "label", "dub", "term"})
# Nouns whose content clause is someone's claim: "claims that state hackers were behind it".
_CLAIM_NOUNS = frozenset({"claim", "report", "allegation", "accusation", "assertion", "charge"})
_CONTENT_DEPS = frozenset({"ccomp", "xcomp", "parataxis", "oprd", "acl"})
_OPENING_QUOTES = "“«„"
_CLOSING_QUOTES = "”»"


class _Voices:
    """Whose words each token of an article's sentences is in."""

    def __init__(self, sentences: Sequence[ParsedSentence]) -> None:
        self._quoted: dict[int, set[int]] = {}
        open_quote = False
        for sentence in sentences:
            quoted, open_quote = _quoted_tokens(sentence.doc, open_quote)
            self._quoted[sentence.index] = quoted

    def of(self, sentence: ParsedSentence, token: Token) -> tuple[Voice | None, str]:
        """(voice, speaker) of the word; voice None when the word describes a source
        ("sources in the opposition said") rather than labels anyone."""
        if _describes_source(token):
            return None, ""
        if token.i in self._quoted.get(sentence.index, set()):
            return Voice.QUOTED, _sentence_speaker(sentence.doc)
        speaker = _reporting_speaker(token)
        if speaker is not None:
            return Voice.ATTRIBUTED, speaker
        return Voice.OWN, ""


def _quoted_tokens(doc: Doc | Span, open_quote: bool) -> tuple[set[int], bool]:
    """Tokens inside quotation marks; a quotation may run on from the sentence before
    ("Inflation is falling. | If it keeps coming down, we will act," he said.)."""
    straight = sum(token.text == '"' for token in doc)
    # A quotation carries over only into a sentence that closes it.
    inside = open_quote and (straight % 2 == 1 or any(t.text in _CLOSING_QUOTES for t in doc))
    quoted: set[int] = set()
    for token in doc:
        if token.text in _OPENING_QUOTES:
            inside = True
        elif token.text in _CLOSING_QUOTES:
            inside = False
        elif token.text == '"':
            inside = not inside
        elif inside:
            quoted.add(token.i)
    return quoted, inside


# Heads of phrases that describe a source rather than label anyone.
_SOURCE_HEADS = frozenset(
    {"source", "official", "insider", "report", "spokesman", "spokeswoman", "spokesperson"}
)


def _describes_source(token: Token) -> bool:
    """Inside a description of whom a claim comes from: "sources in the opposition
    said", "according to officials close to the rebels". The speaker itself ("the
    terrorists claimed") is labelled all the same."""
    for ancestor in token.ancestors:
        if ancestor.lemma_.lower() not in _SOURCE_HEADS:
            continue
        head = ancestor.head
        if ancestor.dep_ in {"nsubj", "nsubjpass"} and _is_speech(head):
            return True
        if ancestor.dep_ == "pobj" and head.lower_ == "to" and head.head.lower_ == "according":
            return True
    return False


def _is_speech(verb: Token) -> bool:
    """A verb passing words on: not "police have not said who the attackers are"."""
    return (
        verb.pos_ in {"VERB", "AUX"}
        and verb.lemma_.lower() in ATTRIBUTION_VERBS
        and not any(child.dep_ == "neg" for child in verb.children)
    )


def _reporting_speaker(token: Token) -> str | None:
    """Who a word is reported from: the speaker of the speech verb whose content it
    sits in ("..., the ministry said"), the one after "according to", or the claim
    it belongs to ("claims in Haldovian media that ...")."""
    path = [token, *token.ancestors]
    for child, head in zip(path, path[1:], strict=False):
        if (
            child.dep_ in _CONTENT_DEPS
            and (_is_speech(head) or head.lemma_.lower() in _NAMING_VERBS)
            and (child.dep_ == "oprd" or head.lemma_.lower() not in _NAMING_VERBS)
        ):
            return _speaker_of(head)
        if child.dep_ in {"acl", "ccomp"} and head.lemma_.lower() in _CLAIM_NOUNS:
            return _speaker_of(head)
    if token.head.lemma_.lower() in _ACCUSING_VERBS and token.dep_ == "dobj":
        return _speaker_of(token.head)  # "accused the other's troops of opening fire"
    doc = token.doc
    for candidate in doc:
        if candidate.lower_ == "according" and candidate.head.i != candidate.i:
            return _speaker_of(candidate)
    # "..., the ministry said." at the end of the sentence, whatever the parse made of it.
    for verb in doc[max(token.i + 1, len(doc) - 8) :]:
        if _is_speech(verb) and doc[verb.i - 1].text != ",":
            subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
            if subject is not None and doc[subject.left_edge.i - 1].text == ",":
                return _speaker_of(verb)
    return None


def _speaker_of(head: Token) -> str:
    for child in head.children:
        if child.dep_ in {"nsubj", "agent"}:
            subject = child
            if child.dep_ == "agent":
                subject = next((c for c in child.children if c.dep_ == "pobj"), child)
            if subject.pos_ != "PRON":
                return display_name(source_name(subject))
        if child.dep_ == "prep" and child.lower_ in {"in", "by", "from", "to"}:
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None and pobj.pos_ != "PRON":
                return display_name(source_name(pobj))
    return ""


def _sentence_speaker(doc: Doc | Span) -> str:
    """Who speaks the quotation in a sentence: the subject of its speech verb."""
    for token in doc:
        if _is_speech(token) and (speaker := _speaker_of(token)):
            return speaker
    return ""


# --- Labels for groups without a name ----------------------------------------------------


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Nouns for groups of people, from a general-English lexicon (data/group_nouns.json),
# by the kind of people they name. Which of them an outlet chooses ("rioters" or
# "protesters", "migrants" or "refugees") is the framing the layer shows.
_LEXICON = json.loads(
    (Path(__file__).resolve().parent / "data" / "group_nouns.json").read_text(encoding="utf-8")
)
PEOPLE_GROUPS: dict[str, tuple[str, ...]] = {
    family: tuple(words) for family, words in _LEXICON["families"].items()
}
_FAMILY = {
    word: family for family, words in PEOPLE_GROUPS.items() for word in words if " " not in word
}
# Labels of two words or more: "rescue teams", "armed group", "asylum seekers".
_COMPOUND_LABELS: dict[str, str | None] = {
    **{word: None for word in _LEXICON["people"] if " " in word},
    **{word: family for family, words in PEOPLE_GROUPS.items() for word in words if " " in word},
}
# Nouns for people that say nothing of which group ("civilians", "drivers", "officers"):
# labels that join the group their sentences describe.
PEOPLE_NOUNS = frozenset(word for word in _LEXICON["people"] if " " not in word)
# Words that name people only as a judgement and otherwise name animals or things
# ("these animals", "they are parasites").
_EVALUATIVE = frozenset(_LEXICON["evaluative"])
# Nouns whose singular names a group ("the crew", "the mob", "the wounded"); the other
# people nouns outside the families are labels only in the plural ("one pensioner said"
# describes a witness, "pensioners" a group).
_COLLECTIVE = frozenset(_LEXICON["collective"])
# Families whose singular labels the group too ("a protester was hurt"); in the others
# a singular names one person ("one retired teacher said").
_SINGULAR_FAMILIES = frozenset(_LEXICON["singular_families"])
# Titles of one office-holder ("the mayor", "the prison governor"): labels of a group
# only in the plural ("mayors of the flooded towns").
_INDIVIDUAL_TITLES = frozenset(_LEXICON["individual"])
# Verbs whose object is the audience of a statement: "told reporters", "briefed envoys".
_AUDIENCE_VERBS = frozenset({"tell", "brief", "inform", "assure", "reassure", "address"})
# Modifiers that say how many or which, not what the people are.
_NOT_MODIFIERS = frozenset(
    {"other", "more", "many", "several", "some", "such", "half", "few", "most", "all", "hundred"}
)
# Words for people that say nothing of which group: "people", "two men", "a crowd".
GENERIC_PEOPLE = frozenset({"people", "man", "woman", "person", "crowd", "group", "youth"})
# Tones of the lexicon's words; the rest are neutral.
_PEOPLE_TONES = {
    **dict.fromkeys(_LEXICON["loaded"], Tone.LOADED),
    **dict.fromkeys(_LEXICON["sympathetic"], Tone.SYMPATHETIC),
}
# Words that the general signals would take for people but that label no group:
# institutions ("unions said"), places, things and events ("protests", "containers").
_NOT_GROUPS = frozenset(_LEXICON["not_people"])

# --- General signals that a plural noun names people (for words outside the lexicon) ---
#
# A noun outside the lexicon is a label for people when at least two signals agree:
# a person-like suffix ("escapees", "technicians"), the role it plays (the subject of
# "marched" or "said", the object of "arrested" or "evacuated"), a modifier said of
# people ("angry", "trapped", "striking"), a relative clause with "who", coordination
# with a known label ("carers and cleaners"), and, with a sentence encoder, MiniLM
# placing the word nearer to people than to things.
PEOPLE_EVIDENCE = 2
# Endings of nouns for people: agents ("-er", "-or", "-ist", "-ant", "-ent", "-ee"),
# origins and trades ("-ian", "-ster"), "-man"; "-folk" and "-people" count twice.
_PERSON_SUFFIXES = ("er", "or", "ist", "ant", "ent", "ee", "ian", "ster", "man")
_STRONG_SUFFIXES = ("folk", "people", "person", "woman")
_THING_SUFFIXES = ("ment", "ness", "ship", "ism", "ity", "tion", "sion", "ance", "ence")
# Verbs whose subject is a person: speech, protest, movement of crowds, feelings.
_HUMAN_SUBJECT_VERBS = _words(
    """say tell claim insist admit deny allege recall recount describe explain complain
    shout chant scream yell cry weep sob wail pray mourn grieve cheer applaud clap sing
    march protest demonstrate rally riot loot storm picket strike boycott blockade
    occupy gather assemble congregate queue flee escape evacuate surrender hide abscond
    desert demand vow pledge threaten warn urge plead beg appeal petition refuse agree
    decide vote elect accuse blame criticise criticize condemn praise thank welcome fear
    worry hope want wish expect believe think hurl throw pelt attack assault clash fight
    battle kill shoot stab beat kidnap abduct rob steal smuggle traffick hijack ambush
    rescue search dig arrest detain negotiate meet walk wait sleep camp survive die
    drown starve suffer perish travel commute board disembark labour labor earn reside
    settle migrate emigrate immigrate swim climb watch witness phone celebrate dance
    vandalise vandalize torch"""
)
# Verbs whose object (or passive subject) is a person.
_HUMAN_OBJECT_VERBS = _words(
    """arrest detain jail imprison sentence convict charge prosecute indict question
    interrogate interview release free rescue evacuate relocate rehouse resettle shelter
    feed injure wound hurt kill murder shoot execute torture beat kidnap abduct
    recapture hunt chase pursue apprehend disperse deport expel extradite hire employ
    recruit compensate sack dismiss suspend discipline punish treat hospitalise
    hospitalize discharge bury mourn trap strand displace greet hug embrace console
    comfort reunite escort accompany urge warn tell ask advise thank praise blame accuse
    condemn criticise criticize elect inform brief notify reassure honour honor invite
    summon teargas tear-gas pepper-spray drown crush trample"""
)
# Nouns whose "of" phrase or possessor is a person: "families of the miners".
_KIN_NOUNS = _words(
    """family relative friend parent child son daughter wife husband widow lawyer
    leader representative spokesman spokeswoman spokesperson union colleague
    supporter neighbour neighbor life safety rights welfare fate home"""
)
# Modifiers said of people: "angry farmers", "trapped workers", "striking nurses".
_HUMAN_MODIFIERS = _words(
    """armed unarmed angry furious irate outraged enraged striking protesting masked hooded
    trapped stranded missing injured wounded dead dying grieving bereaved frightened
    terrified scared panicked desperate exhausted hungry homeless jobless unemployed
    elderly disgruntled jubilant tearful distraught traumatised traumatized anxious
    worried weary escaped runaway displaced rampaging marauding fellow retired sacked
    undocumented suspected alleged convicted jailed detained arrested captured freed
    released surviving rescued evacuated fleeing heroic brave courageous innocent
    off-duty rogue disaffected loyal militant radical hardline hard-line"""
)
# How much nearer to people than to things a plural noun must be to count as a signal,
# and twice as a strong one.
PEOPLE_MARGIN = 0.05
STRONG_PEOPLE_MARGIN = 0.1
# Sentences of two outlets this alike describe the same people (a generic label joins).
SAME_SCENE_SIMILARITY = 0.6
_PEOPLE = ("people", "persons", "men", "women", "civilians", "workers", "fighters", "residents")
_THINGS = ("things", "objects", "buildings", "documents", "events", "vehicles", "places", "numbers")
# Entities that are not groups of people: a nationality says where people are from.
# (The tagger calls many a capitalised first word an organisation, so ORG counts only
# inside a sentence.)
_NOT_PEOPLE_ENTITIES = frozenset(
    {"NORP", "GPE", "LOC", "FAC", "DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL"}
)
_NAMED_ENTITIES = frozenset({"ORG", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "LANGUAGE"})
# Words that count people: "two of the fugitives", "dozens of fans", "most of the crew".
_QUANTITIES = _words(
    """some many most all none few several both each one dozen score hundred thousand
    million number majority minority rest half handful group crowd"""
)


@dataclass(frozen=True)
class _GroupLabel:
    article: Hashable
    sentence: ParsedSentence
    token: Token
    text: str
    key: str
    family: str | None
    use: LabelUse


def group_labels(
    articles: Mapping[Hashable, Sequence[ParsedSentence]],
    *,
    encoder: TextEncoder | None = None,
    taken: set[tuple[Hashable, int, int]] = frozenset(),
) -> list[ActorWording]:
    """Groups of people without a name and the labels each article gives them.

    Each group is an ActorWording named by its labels ("protesters / rioters"),
    with no names. ``taken`` lists (article, sentence index, token index) of labels
    already given to a named actor.
    """
    margin = _people_margin(encoder)
    found: list[_GroupLabel] = []
    for article, sentences in articles.items():
        voices = _Voices(sentences)
        for sentence in sentences:
            headline = _is_headline(sentence.doc)
            for token in sentence.doc:
                if (article, sentence.index, token.i) in taken:
                    continue
                label = _people_label(token, margin, headline)
                if label is None:
                    continue
                text, key, family = label
                voice, speaker = voices.of(sentence, token)
                if voice is None:
                    continue
                if key in _EVALUATIVE and not _pointed_at(token, voice):
                    continue  # "the animals fled the fire" are animals
                use = LabelUse(
                    label=text,
                    key=key,
                    tone=_people_tone(key),
                    sentence_index=sentence.index,
                    quote=sentence.text,
                    by_context=False,
                    voice=voice,
                    speaker=speaker,
                )
                found.append(_GroupLabel(article, sentence, token, text, key, family, use))
    return _group(found, encoder)


def _people_margin(encoder: TextEncoder | None):
    """How much nearer MiniLM places a word to people than to things (None without an
    encoder)."""
    if encoder is None:
        return None
    vectors = encoder.encode([*_PEOPLE, *_THINGS])
    people = vectors[: len(_PEOPLE)].mean(axis=0)
    things = vectors[len(_PEOPLE) :].mean(axis=0)

    @functools.cache
    def margin(word: str) -> float:
        vector = encoder.encode([word])[0]
        return float(vector @ people - vector @ things)

    return margin


def singular(word: str) -> str:
    """A plural noun in the singular, for comparing labels: "rioters", "men", "militias"."""
    word = word.lower()
    if word in {"people", "police", "staff", "personnel", "folk", "townspeople", "clergy"}:
        return word
    if word.endswith("men") and len(word) > 3 and not word.endswith(("omen", "imen", "umen")):
        return word[:-3] + "man"
    if word == "men":
        return "man"
    if word == "children":
        return "child"
    if word.endswith("wives") or word in {"lives", "knives"}:
        return word[:-3] + "fe"  # "midwives", "housewives"
    if word.endswith(("thieves", "wolves", "selves", "halves")):
        return word[:-3] + "f"
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _people_label(token: Token, margin=None, headline: bool = False):
    """(text, key, family) when ``token`` heads a label for a group of people: a word
    of the lexicon, or a plural noun the general signals take for people."""
    if token.pos_ not in {"NOUN", "PROPN"} or not token.is_alpha:
        return None
    word = singular(token.lemma_ if token.text.islower() else token.text)
    if token.pos_ == "PROPN" and _is_name(token, word, headline):
        return None
    title = token.dep_ == "compound" and token.head.pos_ == "PROPN"
    if token.dep_ == "compound" and not title:
        return None  # "refugee camp", "worker safety"; but "protester Lena Osei"
    if _is_audience(token) or _is_idiom(token):
        return None
    modifiers = [
        child
        for child in token.lefts
        if child.dep_ in {"amod", "compound", "nummod"}
        and child.ent_type_ not in {"NORP", "GPE", "ORG", "PERSON", "DATE", "TIME", "CARDINAL"}
        and child.is_alpha
        and child.lower_ not in _NOT_MODIFIERS
    ]
    if word in GENERIC_PEOPLE:
        # "two men" is a label; "hundreds of protesters" keeps only "protesters".
        modifiers += [c for c in token.lefts if c.dep_ == "nummod" and c not in modifiers]
        modifiers.sort(key=lambda child: child.i)
    compound = next(
        (
            f"{_modifier_word(child)} {word}"
            for child in modifiers
            if f"{_modifier_word(child)} {word}" in _COMPOUND_LABELS
        ),
        None,
    )
    # One person ("said one retired teacher", "the mayor") is no group, except in the
    # families where one member is named as the group is ("a protester was hurt"), or as
    # a title before a name ("protester Lena Osei", "bank boss Aleksander Brede").
    one = token.tag_ not in {"NNS", "NNPS"} and word not in _COLLECTIVE and not title
    if compound is not None:
        family: str | None = _COMPOUND_LABELS[compound]
        key = compound
    elif word in _FAMILY and not (one and word in _INDIVIDUAL_TITLES):
        family, key = _FAMILY[word], word
    elif word in GENERIC_PEOPLE:
        if word in {"group", "crowd"} and not modifiers and token.tag_ not in {"NNS"}:
            return None if word == "group" else (token.lower_, word, None)
        family, key, one = None, word, False
    elif (
        word in PEOPLE_NOUNS
        or word in _EVALUATIVE
        or people_evidence(token, word, margin) >= PEOPLE_EVIDENCE
    ):
        family, key = None, word
    else:
        return None
    if one and family not in _SINGULAR_FAMILIES and key not in _COLLECTIVE:
        return None
    text = " ".join([*(child.lower_ for child in modifiers if child.i < token.i), token.lower_])
    return text, key, family


def _is_name(token: Token, word: str, headline: bool) -> bool:
    """A capitalised word inside a sentence is a name ("the Courier", "Helvane Courier"),
    except a known label in a headline in capitals ("Refugees Drown Off Cape Ardel")."""
    if any(child.dep_ == "compound" and child.pos_ == "PROPN" for child in token.lefts):
        return True
    if not token.text[:1].isupper() or token.text.isupper() or token.i == 0:
        return False
    known = word in _FAMILY or word in PEOPLE_NOUNS or word in GENERIC_PEOPLE
    return not (headline and known)


def _is_idiom(token: Token) -> bool:
    """ "holding patients hostage": no hostages."""
    return (
        token.lower_ == "hostage"
        and token.head.lemma_.lower() in {"hold", "take"}
        and not any(child.dep_ == "det" for child in token.children)
    )


def _is_audience(token: Token) -> bool:
    """ "told reporters", "said in a statement to journalists": those a source spoke to."""
    head = token.head
    if token.dep_ in {"dobj", "dative"} and head.lemma_.lower() in _AUDIENCE_VERBS:
        return True
    return (
        token.dep_ == "pobj"
        and head.lower_ == "to"
        and (_is_speech(head.head) or head.head.lemma_.lower() == "statement")
    )


def _modifier_word(token: Token) -> str:
    """A modifier as a compound label writes it: "asylum seekers", "season-ticket holders"."""
    left = token.i - 2
    if left >= 0 and token.doc[token.i - 1].text == "-" and token.doc[left].is_alpha:
        return f"{token.doc[left].lower_}-{singular(token.text)}"
    return singular(token.text)


def people_evidence(token: Token, word: str | None = None, margin=None) -> int:
    """How many general signals say that the plural noun ``token`` names people (0 for
    a singular noun, a name or a word the lexicon knows for something else)."""
    word = word or singular(token.lemma_ if token.text.islower() else token.text)
    if (
        token.tag_ not in {"NNS", "NNPS"}
        or word in _NOT_GROUPS
        or token.ent_type_ in _NOT_PEOPLE_ENTITIES
        or (token.ent_type_ in _NAMED_ENTITIES and token.i > 0)
        or token.dep_ in {"npadvmod", "compound", "nmod"}
        or len(word) < 3
    ):
        return 0
    score = 0
    if word.endswith(_STRONG_SUFFIXES) and len(word) > 6:
        score += 2
    elif word.endswith(_PERSON_SUFFIXES) and not word.endswith(_THING_SUFFIXES):
        score += 1
    score += _role_evidence(token)
    if any(child.dep_ == "amod" and child.lower_ in _HUMAN_MODIFIERS for child in token.children):
        score += 1
    if margin is not None:
        nearer = margin(token.lower_)
        score += 2 if nearer >= STRONG_PEOPLE_MARGIN else 1 if nearer >= PEOPLE_MARGIN else 0
        if nearer < 0:
            score -= 1
    return score


def _role_evidence(token: Token) -> int:
    """Signals from the noun's place in the sentence: the subject of a verb people do,
    the object of one done to people, "who" after it, "families of" before it, or a
    known label beside it ("carers and cleaners")."""
    score = 0
    # "who were trapped", "whose homes burned": people.
    if any(
        child.dep_ in {"relcl", "acl"}
        and any(word.lower_ in {"who", "whom", "whose"} for word in child.subtree)
        for child in token.children
    ):
        score += 2
    # Conjuncts share the first one's role: "Carers and cleaners marched".
    first = token
    while first.dep_ == "conj" and first.head != first:
        first = first.head
    neighbours = [*token.conjuncts] + [child for child in token.children if child.dep_ == "appos"]
    if token.dep_ == "appos":
        neighbours.append(token.head)
    if any(_is_known_people(other) for other in neighbours):
        score += 1
    # "Two of the fugitives were recaptured": the count plays the people's role.
    if (
        first.dep_ == "pobj"
        and first.head.lower_ == "of"
        and (first.head.head.tag_ == "CD" or first.head.head.lemma_.lower() in _QUANTITIES)
    ):
        first = first.head.head
    head, dep = first.head, first.dep_
    verb = head.lemma_.lower()
    governor = head.head.lemma_.lower()
    if (
        (
            dep in {"nsubj", "csubj"}
            and head.pos_ in {"VERB", "AUX"}
            and verb in _HUMAN_SUBJECT_VERBS
        )
        or (dep in {"dobj", "nsubjpass"} and head.pos_ == "VERB" and verb in _HUMAN_OBJECT_VERBS)
        # "were rescued by fishermen"
        or (dep == "pobj" and head.dep_ == "agent" and governor in _HUMAN_SUBJECT_VERBS)
        # "relatives of the missing climbers", "the miners' families"
        or (dep == "pobj" and head.lower_ == "of" and governor in _KIN_NOUNS)
        or (dep == "poss" and verb in _KIN_NOUNS)
    ):
        score += 1
    return score


def _is_known_people(token: Token) -> bool:
    if token.pos_ not in {"NOUN", "PROPN"}:
        return False
    word = singular(token.lemma_ if token.text.islower() else token.text)
    return word in _FAMILY or word in PEOPLE_NOUNS or word in {"people", "man", "woman"}


def _pointed_at(token: Token, voice: Voice) -> bool:
    """An evaluative word ("animals") said of people: pointed at in someone's words
    ("these animals could have killed us"), or said of someone ("they are animals",
    "called them animals")."""
    if token.dep_ in {"attr", "oprd", "appos"}:
        return True
    pointed = any(
        child.dep_ == "det" and child.lower_ in {"these", "those", "such"}
        for child in token.children
    )
    return pointed and voice != Voice.OWN


def _people_tone(key: str) -> Tone:
    if key in _PEOPLE_TONES:
        return _PEOPLE_TONES[key]  # "fat cats", "bank boss"
    words = key.split()
    tones = [_PEOPLE_TONES.get(word, GROUP_LABELS.get(word, Tone.NEUTRAL)) for word in words]
    return min(tones, key=_TONE_STRENGTH.index)


def _group(found: list[_GroupLabel], encoder: TextEncoder | None) -> list[ActorWording]:
    """Labels joined into groups: one per family; a word outside the families joins
    the group its sentences describe in another outlet, unless they share a sentence."""
    node_of = {id(item): item.family or f"word:{item.key}" for item in found}
    nodes = sorted(set(node_of.values()))
    parent = {node: node for node in nodes}

    def root(node: str) -> str:
        while parent[node] != node:
            node = parent[node]
        return node

    apart: set[frozenset[str]] = set()
    by_sentence: dict[tuple[Hashable, int], list[_GroupLabel]] = defaultdict(list)
    for item in found:
        by_sentence[(item.article, item.sentence.index)].append(item)
    for together in by_sentence.values():
        for first in together:
            for second in together:
                one, other = node_of[id(first)], node_of[id(second)]
                if one == other:
                    continue
                if _same_people(first.token, second.token):
                    # "called the protesters 'thugs'": one group, but two families stay
                    # apart ("demonstrators, many of them residents").
                    if one.startswith("word:") or other.startswith("word:"):
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
                if _kept_apart(node, other, nodes, root, apart):
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
    members: dict[str, list[_GroupLabel]] = defaultdict(list)
    for item in found:
        members[root(node_of[id(item)])].append(item)
    groups = []
    for items in members.values():
        labels: dict[Hashable, list[LabelUse]] = defaultdict(list)
        for item in items:
            labels[item.article].append(item.use)
        common = Counter(item.use.label for item in items if item.use.is_own) or Counter(
            item.use.label for item in items
        )
        name = " / ".join(label for label, _ in common.most_common(3))
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
_GENERIC_VERBS = _words(
    """be have do make get give go come see say tell include call add use put let
    become remain seem keep know think"""
)
# Verbs whose past participle is said of those who did it: "escaped inmates".
_INTRANSITIVE_VERBS = _words(
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
        and (first.head.head.tag_ == "CD" or first.head.head.lemma_.lower() in _QUANTITIES)
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
_GATHERINGS = _words(
    """crowd group mob gang band squad team crew contingent delegation line column
    handful busload party unit cordon throng horde swarm"""
)


def _same_people(first: Token, second: Token) -> bool:
    """ "called the protesters 'thugs'", "Grey Lantern, a criminal group": one group."""
    for one, other in ((first, second), (second, first)):
        if other.head == one.head and {one.dep_, other.dep_} == {"dobj", "oprd"}:
            return True
        if other.dep_ in {"appos", "attr"} and other.head == one:
            return True
        if one.dep_ == "nsubj" and other.dep_ == "attr" and one.head == other.head:
            return True
        if (
            other.dep_ == "pobj"
            and other.head.lower_ == "of"
            and other.head.head == one
            and one.lemma_.lower() in _GATHERINGS
        ):
            return True  # "a crowd of striking dockworkers"
    return False
