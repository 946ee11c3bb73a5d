"""The voice a word is written in: the outlet's own, quoted, or attributed to a source."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from coverage.analysis.hedging import CITING_VERBS, source_name
from coverage.analysis.names import ParsedSentence, display_name
from coverage.analysis.sources import ATTRIBUTION_VERBS
from coverage.analysis.wording.model import Voice

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token


# Verbs whose object is someone's accusation: "accused the other's troops of …".
_ACCUSING_VERBS = frozenset({"accuse", "blame"})
# Verbs that put a label in someone's mouth: "called the protesters thugs".
NAMING_VERBS = frozenset({"call", "describe", "brand", "label", "dub", "term"})
# Verbs that put a label in someone's mouth with "as": "dismissed the strikers as
# saboteurs", "referred to them as criminals", "described by police as rioters".
NAMING_AS_VERBS = NAMING_VERBS | frozenset(
    {
        "dismiss",
        "refer",
        "portray",
        "depict",
        "characterise",
        "characterize",
        "denounce",
        "condemn",
        "identify",
        "paint",
    }
)
# Nouns whose content clause is someone's claim: "claims that state hackers were behind it".
_CLAIM_NOUNS = frozenset({"claim", "report", "allegation", "accusation", "assertion", "charge"})
_RELATIVE_PRONOUNS = frozenset({"whom", "who", "which", "that"})
# How many words a speaker named before a colon may take.
_COLON_SPEAKER_LENGTH = 6
_CONTENT_DEPS = frozenset({"ccomp", "xcomp", "parataxis", "oprd", "acl"})
_OPENING_QUOTES = "“«„"
_CLOSING_QUOTES = "”»"
_SINGLE_QUOTES = frozenset({"‘", "’", "'"})
# How many sentences a quotation left open may run on for.
_QUOTED_RUN = 6


class Voices:
    """Whose words each token of an article's sentences is in."""

    def __init__(self, sentences: Sequence[ParsedSentence]) -> None:
        self._quoted: dict[int, set[int]] = {}
        marks = [_first_double_mark(sentence.doc) for sentence in sentences]
        double = single = False
        for position, sentence in enumerate(sentences):
            # A quotation of several sentences runs on while a later one closes it
            # before another opens: "“We will find these thugs. | The looters will be
            # punished. | Every one will face the law,” the minister said."
            double = double and _closed_later(marks[position : position + _QUOTED_RUN])
            quoted, double, single = _quoted_tokens(sentence.doc, double, single)
            self._quoted[sentence.index] = quoted

    def of(self, sentence: ParsedSentence, token: Token) -> tuple[Voice | None, str]:
        """(voice, speaker) of the word; voice None when the word describes a source
        ("sources in the opposition said") rather than labels anyone."""
        if _describes_source(token):
            return None, ""
        if token.i in self._quoted.get(sentence.index, set()):
            return Voice.QUOTED, _sentence_speaker(sentence.doc)
        if _distanced(token):
            return Voice.ATTRIBUTED, ""
        speaker = _reporting_speaker(token)
        if speaker is not None:
            return Voice.ATTRIBUTED, speaker
        return Voice.OWN, ""


# Modifiers by which an outlet gives a name as others' and not its own: "the so-called
# wreckers", "self-styled patriots".
_DISTANCING = frozenset({"so-called", "self-styled", "self-proclaimed", "self-declared"})


def _distanced(token: Token) -> bool:
    """A label the outlet keeps at a distance: "the so-called wreckers"."""
    before = token.doc[token.left_edge.i : token.i]
    words = "".join(word.text_with_ws for word in before).lower().replace(" - ", "-")
    return any(marker in words for marker in _DISTANCING)


def _quoted_tokens(
    doc: Doc | Span, open_double: bool, open_single: bool
) -> tuple[set[int], bool, bool]:
    """Tokens inside quotation marks, double or single (‘thugs’, 'thugs', as British
    papers write them), with whether each kind is left open at the end; a quotation
    may run on from the sentence before ("Inflation is falling. | If it keeps coming
    down, we will act," he said.)."""
    quoted, double = _double_quoted(doc, open_double)
    single, still_single = _single_quoted(doc, open_single and not double)
    return quoted | single, double, still_single


def _double_quoted(doc: Doc | Span, inside: bool) -> tuple[set[int], bool]:
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


def _first_double_mark(doc: Doc | Span) -> str:
    """ "open" or "close" for a sentence's first double quotation mark, "" without
    one; a straight mark closes when the sentence has an odd number of them."""
    straight = sum(token.text == '"' for token in doc)
    for token in doc:
        if token.text in _OPENING_QUOTES:
            return "open"
        if token.text in _CLOSING_QUOTES:
            return "close"
        if token.text == '"':
            return "close" if straight % 2 == 1 else "open"
    return ""


def _closed_later(marks: Sequence[str]) -> bool:
    """Whether a quotation left open is closed in one of these sentences before
    another one opens."""
    for mark in marks:
        if mark:
            return mark == "close"
    return False


def _single_quoted(doc: Doc | Span, open_quote: bool) -> tuple[set[int], bool]:
    """Tokens inside single quotation marks. The closing mark is also the apostrophe
    ("won’t", "the marchers’ leaders"), so a mark opens only before a word and after a
    space, and closes only right after a word or a punctuation mark and before a
    space or a punctuation mark; a quotation left open runs on into the next sentence
    only when it opened the sentence, as a quoted paragraph does."""
    tokens = list(doc)
    closes = [
        position
        for position, token in enumerate(tokens)
        if token.text in _SINGLE_QUOTES
        and position > 0
        and not tokens[position - 1].whitespace_
        and (position + 1 == len(tokens) or token.whitespace_ or tokens[position + 1].is_punct)
    ]
    inside = open_quote and bool(closes)
    opened_first = inside
    quoted: set[int] = set()
    for position, token in enumerate(tokens):
        opens = (
            token.text in _SINGLE_QUOTES
            and not token.whitespace_
            and position + 1 < len(tokens)
            and tokens[position + 1].is_alpha
            and (position == 0 or bool(tokens[position - 1].whitespace_))
        )
        if not inside and opens and (position == 0 or any(c > position for c in closes)):
            inside, opened_first = True, position == 0
        elif inside and position in closes:
            inside = False
        elif inside:
            quoted.add(token.i)
    return quoted, inside and opened_first


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
        if ancestor.dep_ in {"nsubj", "nsubjpass"} and is_speech(head):
            return True
        if ancestor.dep_ == "pobj" and head.lower_ == "to" and head.head.lower_ == "according":
            return True
    return False


def is_speech(verb: Token) -> bool:
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
    # The speaker's own description ("witnesses told the agency", "citing officials")
    # is the outlet's words about its source, not words it passes on from it.
    speaking: set[int] = set()
    for child, head in zip(path, path[1:], strict=False):
        if child.dep_ in {"nsubj", "agent"} and is_speech(head):
            speaking.add(head.i)
            continue
        if child.dep_ == "dobj" and head.lemma_.lower() in CITING_VERBS:
            return None
        if child.dep_ == "pobj" and head.lower_ == "to" and head.head.lower_ == "according":
            return None
        if (
            child.dep_ in _CONTENT_DEPS
            and (is_speech(head) or head.lemma_.lower() in NAMING_VERBS)
            and (child.dep_ == "oprd" or head.lemma_.lower() not in NAMING_VERBS)
        ):
            return _speaker_of(head)
        if child.dep_ in {"acl", "ccomp"} and head.lemma_.lower() in _CLAIM_NOUNS:
            return _speaker_of(head)
        if child.dep_ == "pobj" and head.lower_ == "as" and (verb := naming_verb(head)):
            return _speaker_of(verb)  # "the ministry described them as mercenaries"
        if child is token and child.dep_ == "dobj" and _naming_complement(child, head):
            return _speaker_of(head)
        if (
            child is token
            and child.dep_ == "dobj"
            and head.lemma_.lower() in NAMING_VERBS
            and any(grandchild.dep_ == "agent" for grandchild in head.children)
        ):
            return _speaker_of(head)  # "demonstrators, labelled extremists by state media"
        if (
            child is token
            and child.dep_ == "dobj"
            and head.lemma_.lower() in NAMING_VERBS
            and any(
                other.dep_ == "dobj" and other.lower_ in _RELATIVE_PRONOUNS
                for other in head.children
            )
        ):
            return _speaker_of(head)  # "the men, whom the army calls terrorists"
    if token.head.lemma_.lower() in _ACCUSING_VERBS and token.dep_ == "dobj":
        return _speaker_of(token.head)  # "accused the other's troops of opening fire"
    on = token.head
    if token.dep_ == "pobj" and on.lower_ == "on":
        # "officials blamed the blaze on arsonists", "on" hung on the verb or its object
        blamer = on.head.head if on.head.dep_ == "dobj" else on.head
        if blamer.lemma_.lower() in _ACCUSING_VERBS:
            return _speaker_of(blamer)
    doc = token.doc
    for candidate in doc:
        if candidate.lower_ == "according" and candidate.head.i != candidate.i:
            return _speaker_of(candidate)
    # "..., the ministry said." at the end of the sentence, whatever the parse made of it.
    for verb in doc[max(token.i + 1, len(doc) - 8) :]:
        if is_speech(verb) and doc[verb.i - 1].text != "," and verb.i not in speaking:
            subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
            if subject is not None and doc[subject.left_edge.i - 1].text == ",":
                return _speaker_of(verb)
    return _colon_speaker(token)


def _colon_speaker(token: Token) -> str | None:
    """The person a headline or a summary names before a colon as speaking: "Police
    chief Anna Berg: looters will face the courts"."""
    doc = token.doc
    colon = next((t for t in doc[: token.i] if t.text == ":"), None)
    if colon is None or colon.i > _COLON_SPEAKER_LENGTH:
        return None
    before = doc[: colon.i]
    # A person speaks; a place before a colon is the subject of a summary ("Kesteria:
    # dam fails, thousands flee"), and a clause with a verb of its own says something.
    if any(t.tag_ in {"VBD", "VBZ", "VBP", "MD"} for t in before) or not any(
        t.ent_type_ == "PERSON" for t in before
    ):
        return None
    return display_name(before.text)


def naming_verb(as_: Token) -> Token | None:
    """The verb naming someone "as" something, whether the parse hangs "as" on the verb,
    on its object or on its agent ("described [the attackers as mercenaries]", "described
    by [police as rioters]", "dismissed the protesters as troublemakers")."""
    verb = as_.head
    for _ in range(3):
        if verb.pos_ == "VERB" and verb.lemma_.lower() in NAMING_AS_VERBS:
            return verb
        if verb.dep_ not in {"dobj", "pobj", "agent", "prep"}:
            return None
        verb = verb.head
    return None


def _naming_complement(noun: Token, verb: Token) -> bool:
    """ "has called the gunmen bandits", parsed as one object "the gunmen bandits": the
    object's head is the name given, the plural before it the people named."""
    return (
        verb.lemma_.lower() in NAMING_VERBS - {"describe"}
        and verb.pos_ == "VERB"
        and noun.tag_ == "NNS"
        and any(child.dep_ == "compound" and child.tag_ == "NNS" for child in noun.children)
    )


def _speaker_of(head: Token) -> str:
    # A passive's agent speaks, not its subject: "demonstrators, labelled extremists by
    # state media".
    children = sorted(head.children, key=lambda child: child.dep_ != "agent")
    for child in children:
        if child.dep_ in {"nsubj", "agent"}:
            subject = child
            if child.dep_ == "agent":
                subject = next((c for c in child.children if c.dep_ == "pobj"), child)
            if subject.pos_ != "PRON":
                # "described by police as rioters": the name given is no part of the namer.
                return display_name(source_name(subject)).split(" as ")[0]
        if child.dep_ == "prep" and child.lower_ in {"in", "by", "from", "to"}:
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None and pobj.pos_ != "PRON":
                return display_name(source_name(pobj))
    return ""


def _sentence_speaker(doc: Doc | Span) -> str:
    """Who speaks the quotation in a sentence: the subject of its speech verb."""
    for token in doc:
        naming = token.pos_ == "VERB" and token.lemma_.lower() in NAMING_VERBS
        if (is_speech(token) or naming) and (speaker := _speaker_of(token)):
            return speaker
    return ""
