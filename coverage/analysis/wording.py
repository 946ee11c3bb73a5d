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
"demonstrators", "evacuees" / "villagers" / "fire refugees". Candidate labels
are nouns for groups of people, from a curated lexicon of families (PEOPLE_GROUPS)
and, with a sentence encoder, any plural noun MiniLM places nearer to people than
to things. Labels of one family are one group; a label outside the families (or
a generic "people", "two men", "a small crowd") joins the group whose sentences
in other outlets say the same thing (MiniLM), unless both appear side by side in
one sentence, which makes them two groups ("police fired at protesters").

Actions compare the evidence sentences of one matrix row across outlets: the verb
that carries the claim (the one whose own arguments share most words with the
assertion, attribution frames like "reports that" skipped) with its auxiliaries,
negation, hedging adverbs and hedging governors ("claimed to have captured",
"are allegedly training"), next to the sentence's hedging cues from hedging.py
("reports indicate", "according to"), which often carry the difference.
"""

from __future__ import annotations

import functools
from collections import Counter, defaultdict
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
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

# Nouns for groups of people, by the kind of group they name in news reports. Which of
# them an outlet chooses ("rioters" or "protesters") is the framing the layer shows.
PEOPLE_GROUPS: dict[str, tuple[str, ...]] = {
    "protest": [
        "protester",
        "protestor",
        "demonstrator",
        "rioter",
        "marcher",
        "activist",
        "picketer",
        "striker",
        "agitator",
        "provocateur",
        "hooligan",
        "looter",
        "vandal",
        "mob",
        "yob",
        "troublemaker",
        "picket",
    ],
    "armed": [
        "terrorist",
        "militant",
        "rebel",
        "insurgent",
        "fighter",
        "jihadist",
        "extremist",
        "militia",
        "militiaman",
        "gunman",
        "guerrilla",
        "mercenary",
        "separatist",
        "radical",
        "bandit",
        "paramilitary",
        "formation",
    ],
    "military": [
        "soldier",
        "troop",
        "serviceman",
        "guard",
        "patrol",
        "invader",
        "aggressor",
        "occupier",
    ],
    "rescue": [
        "rescuer",
        "volunteer",
        "firefighter",
        "searcher",
        "responder",
        "medic",
        "paramedic",
        "lifeguard",
    ],
    "displaced": ["evacuee", "refugee", "villager", "resident", "inhabitant", "local", "homeowner"],
    "relatives": ["relative", "family", "mourner", "kin"],
    "perpetrator": [
        "attacker",
        "hacker",
        "criminal",
        "crook",
        "gang",
        "cybercriminal",
        "perpetrator",
        "culprit",
        "assailant",
        "intruder",
        "arsonist",
        "firebug",
        "thug",
        "suspect",
        "kidnapper",
    ],
    "victim": ["victim", "casualty", "survivor", "passenger", "patient", "hostage"],
    "workers": [
        "worker",
        "dockworker",
        "docker",
        "miner",
        "employee",
        "staffer",
        "nurse",
        "crew",
        "trader",
        "farmer",
    ],
    "public": [
        "saver",
        "borrower",
        "consumer",
        "customer",
        "taxpayer",
        "voter",
        "citizen",
        "shopper",
    ],
    "officials": ["policymaker", "official", "lawmaker", "regulator"],
}
_FAMILY = {word: family for family, words in PEOPLE_GROUPS.items() for word in words}
# Two-word labels with a family of their own meaning: "rescue teams", "armed group".
_COMPOUND_LABELS = {
    "rescue team": "rescue",
    "rescue worker": "rescue",
    "emergency worker": "rescue",
    "armed group": "armed",
    "rebel group": "armed",
    "border guard": "military",
    "ransomware group": "perpetrator",
    "criminal group": "perpetrator",
    "money man": "officials",
    "bank boss": "officials",
    "executive board": "officials",
}
# Modifiers that say how many or which, not what the people are.
_NOT_MODIFIERS = frozenset(
    {"other", "more", "many", "several", "some", "such", "half", "few", "most", "all", "hundred"}
)
# Words for people that say nothing of which group: "people", "two men", "a crowd".
GENERIC_PEOPLE = frozenset({"people", "man", "woman", "person", "crowd", "group", "youth"})
# Tones of the family words; the rest are neutral.
_PEOPLE_TONES = {
    **dict.fromkeys(
        [
            "rioter",
            "mob",
            "yob",
            "hooligan",
            "looter",
            "vandal",
            "thug",
            "provocateur",
            "agitator",
            "troublemaker",
            "crook",
            "criminal",
            "gang",
            "firebug",
            "aggressor",
            "invader",
            "occupier",
            "animal",
        ],
        Tone.LOADED,
    ),
    **dict.fromkeys(["rebel", "resistance"], Tone.SYMPATHETIC),
}
# Words MiniLM may take for people but that label no group.
_NOT_GROUPS = frozenset({"police", "government", "ministry", "authority", "official"})
# How much nearer to people than to things a noun must be to count, with an encoder.
PEOPLE_MARGIN = 0.05
# Sentences of two outlets this alike describe the same people (a generic label joins).
SAME_SCENE_SIMILARITY = 0.6
_PEOPLE = ("people", "persons", "men", "women", "civilians", "workers", "fighters", "residents")
_THINGS = ("things", "objects", "buildings", "documents", "events", "vehicles", "places", "numbers")


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
    is_people = _people_test(encoder)
    found: list[_GroupLabel] = []
    for article, sentences in articles.items():
        voices = _Voices(sentences)
        for sentence in sentences:
            for token in sentence.doc:
                if (article, sentence.index, token.i) in taken:
                    continue
                label = _people_label(token, is_people)
                if label is None:
                    continue
                text, key, family = label
                voice, speaker = voices.of(sentence, token)
                if voice is None:
                    continue
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


def _people_test(encoder: TextEncoder | None):
    """A test for "this noun names people", from MiniLM when there is an encoder."""
    if encoder is None:
        return lambda lemma: False
    vectors = encoder.encode([*_PEOPLE, *_THINGS])
    people = vectors[: len(_PEOPLE)].mean(axis=0)
    things = vectors[len(_PEOPLE) :].mean(axis=0)

    @functools.cache
    def is_people(word: str) -> bool:
        vector = encoder.encode([word])[0]
        return float(vector @ people - vector @ things) >= PEOPLE_MARGIN

    return is_people


def singular(word: str) -> str:
    """A plural noun in the singular, for comparing labels: "rioters", "men", "militias"."""
    word = word.lower()
    if word in {"people", "police", "staff"}:
        return word
    if word.endswith("men") and len(word) > 3:
        return word[:-3] + "man"
    if word == "men":
        return "man"
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def _people_label(token: Token, is_people) -> tuple[str, str, str | None] | None:
    """(text, key, family) when ``token`` heads a label for a group of people."""
    if token.pos_ not in {"NOUN", "PROPN"} or not token.is_alpha:
        return None
    if (
        token.pos_ == "PROPN"
        and token.text[:1].isupper()
        and not token.text.isupper()
        and token.i > 0
    ):
        return None  # a name, not a label; headlines in capitals are labels
    word = singular(token.lemma_ if token.text.islower() else token.text)
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
            f"{singular(child.text)} {word}"
            for child in modifiers
            if f"{singular(child.text)} {word}" in _COMPOUND_LABELS
        ),
        None,
    )
    if compound is not None:
        family: str | None = _COMPOUND_LABELS[compound]
        key = compound
    elif word in _FAMILY:
        family, key = _FAMILY[word], word
    elif word in GENERIC_PEOPLE:
        if word in {"group", "crowd"} and not modifiers and token.tag_ not in {"NNS"}:
            return None if word == "group" else (token.lower_, word, None)
        family, key = None, word
    elif (
        token.tag_ == "NNS"
        and word not in _NOT_GROUPS
        and token.dep_ not in {"npadvmod", "compound"}
        and is_people(word)
    ):
        family, key = None, word
    else:
        return None
    text = " ".join([*(child.lower_ for child in modifiers if child.i < token.i), token.lower_])
    return text, key, family


def _people_tone(key: str) -> Tone:
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
                if any(frozenset((n, m)) in apart for n in (node, other) for m in (node, other)):
                    continue
                if frozenset((node, other)) in apart:
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


def _same_people(first: Token, second: Token) -> bool:
    """ "called the protesters 'thugs'", "Grey Lantern, a criminal group": one group."""
    for one, other in ((first, second), (second, first)):
        if other.head == one.head and {one.dep_, other.dep_} == {"dobj", "oprd"}:
            return True
        if other.dep_ in {"appos", "attr"} and other.head == one:
            return True
        if one.dep_ == "nsubj" and other.dep_ == "attr" and one.head == other.head:
            return True
    return False
