"""Slot-by-slot comparison of two statements of one claim.

Two outlets that state "the same" claim can still disagree on what matters most: a
figure, a day, a place, who did it, or whether it happened at all. Sentence
similarity cannot see that ("Twelve people were injured" and "At least 30 people were
injured" are near-paraphrases), so this module reads both statements into slots and
compares them one by one:

- quantities: a value or interval with its bound ("at least 30" is [30, inf), "about
  80" is [72, 88], "dozens" is [24, 99]), the unit or counted noun, the event it
  counts ("injured", "dead") and its role in the clause ("rose *to* 5%" vs "*by* 5%");
- times: weekday, day, month, year, clock time and part of day, with their role ("on",
  "since", "until"); relative expressions ("last week", "yesterday") are dropped;
- places: a proper name after a locative preposition, with its role ("near", "in",
  "some way from") and region ("in the north of X");
- agents and targets of each predicate, passive "by X" included;
- polarity: negation, denial frames ("denied that", "rejected reports that", "it is
  false that") and opposite predicates from a curated lexicon (raised/lowered,
  acquitted/convicted, ...).

Slots are only compared when they fill the same role: quantities must count the same
thing (same noun or synonym, same event, same role), times and places must hang off
corresponding predicates (same lemma or synonym) whose participants do not clash, and
a negation counts only when the negated predicate is the claim's own. Anything the
rules cannot read (an odd number, "last week", a place that may lie inside another)
is left uncompared rather than guessed, because a false contradiction on the matrix
is as harmful as a missed one.

compare_slots() returns a verdict with its findings in words ("12 injured vs at least
30 injured", "denies: 'the operator denied the ship was overloaded'"): conflict when any
slot contradicts the claim, unknown when nothing compares or the evidence is about
other participants ("roads" for "schools"), compatible when what both state agrees.
The word lists (opposites, synonyms, casualty events, ...) are data, in
data/slot_lexicon.json. Everything runs over a spaCy parse the caller usually has
already (the pipeline parses each sentence once); given only text, the shared pipeline
parses it lazily. Extraction costs about a millisecond a sentence, comparison less.
"""

from __future__ import annotations

import dataclasses
import datetime
import json
import math
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from coverage.analysis.hedging import SPEECH_VERBS
from coverage.analysis.nlp import get_nlp

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

Verdict = Literal["conflict", "compatible", "unknown"]
Outcome = Literal["conflict", "compatible", "different"]
SlotKind = Literal["quantity", "time", "place", "agent", "target", "polarity"]
ParticipantRole = Literal["agent", "target"]
_PARTICIPANT_ROLES: tuple[ParticipantRole, ...] = ("agent", "target")

CONFLICT: Verdict = "conflict"
COMPATIBLE: Verdict = "compatible"
UNKNOWN: Verdict = "unknown"
# Same role, other value, but not a contradiction: "schools vs roads", "in X vs in Y".
DIFFERENT: Outcome = "different"


@dataclass(frozen=True)
class Participant:
    """The agent or target of a predicate, as a name or the head of a noun phrase."""

    text: str
    key: str  # casefolded name, or the synonym-normalised head lemma
    named: bool


@dataclass(frozen=True)
class Predicate:
    """A clause's predicate with its polarity and participants.

    ``lemma`` is normalised for comparison: "remain closed" -> "close", "stepped down"
    -> "step down", "was found guilty" -> "convict". ``position`` is the token index of
    the clause head, which the other slots use to say which predicate they belong to.
    """

    lemma: str
    text: str
    position: int
    negated: bool
    denial: str | None  # the denial frame's words, when the clause is denied
    speculative: bool  # "may have", "plans to", "if ...": not asserted either way
    frame: bool  # an attribution or denial frame ("officials said"), not content
    main: bool  # the clause the sentence asserts, under any attribution frame
    agent: Participant | None
    target: Participant | None

    @property
    def asserted(self) -> bool:
        """True when the sentence says the predicate holds (a denied negation holds)."""
        return self.negated == (self.denial is not None)


@dataclass(frozen=True)
class Quantity:
    """A number with its bounds and what it counts.

    The interval is ``low``..``high`` with open or closed ends; ``bound`` names how it
    was written (exact, approximate, at_least, more_than, at_most, less_than, range,
    vague, zero).
    """

    text: str
    low: float
    high: float
    low_closed: bool
    high_closed: bool
    bound: str
    label: str  # what a reason shows after the number: "injured", "workers", ""
    noun: str | None  # the counted noun, synonym-normalised ("people" for residents)
    unit: str | None  # "%", "percentage point", "USD", ...
    event: str  # a casualty class ("injured:serious") or the predicate lemma
    casualty: bool
    owner: str | None  # what a unit or bare figure measures: "rate", "toll", "fine"
    # "" for subject or object, "level" for where a rate or price stands, else the
    # preposition ("by", "from", "of", ...); "including" marks a part of a total.
    role: str
    predicate: int | None

    @property
    def described(self) -> str:
        return f"{self.text} {self.label}".strip()


@dataclass(frozen=True)
class When:
    """A date or time: only the fields the text states are set."""

    text: str
    role: str  # "at", "from", "until"
    weekday: int | None
    day: int | None
    month: int | None
    year: int | None
    minutes: int | None  # clock time, minutes after midnight
    part: str | None  # "morning", "afternoon", "evening", "night"
    approximate: bool
    predicate: int | None


@dataclass(frozen=True)
class Place:
    """A named place with the preposition that places the event relative to it."""

    text: str  # "near Harlow"
    name: str
    key: str
    role: str  # "in", "at", "near", "away", "from", "to", "direction"
    region: str | None  # "north", "southeast", "centre", ... within or of the place
    predicate: int | None


@dataclass(frozen=True)
class Slots:
    """Everything in a claim or sentence that another outlet's version can contradict."""

    text: str
    predicates: tuple[Predicate, ...]
    quantities: tuple[Quantity, ...]
    times: tuple[When, ...]
    places: tuple[Place, ...]
    # (inner, outer) place keys the text itself relates: "Port Averly, Veldmark".
    containment: frozenset[tuple[str, str]]
    # Numbers seen but not read ("2-1", "1,20"): left uncompared, never guessed.
    unread: tuple[str, ...]

    def predicate_at(self, position: int | None) -> Predicate | None:
        return next((p for p in self.predicates if p.position == position), None)


@dataclass(frozen=True)
class Finding:
    """One slot compared: its kind, what came of it, and why in words."""

    slot: SlotKind
    outcome: Outcome
    reason: str


@dataclass(frozen=True)
class SlotComparison:
    """How a piece of evidence stands to a claim, slot by slot.

    ``conflict`` when any slot contradicts the claim; ``unknown`` when nothing could
    be compared or the evidence is about another subject ("roads" for "schools");
    ``compatible`` when compared slots agree. Compatible is not proof that the
    evidence states the claim, only that it does not contradict what it shares.
    """

    verdict: Verdict
    findings: tuple[Finding, ...]

    @property
    def reasons(self) -> tuple[str, ...]:
        """The reasons behind the verdict: conflicts, agreements, or differences."""
        wanted = DIFFERENT if self.verdict == UNKNOWN else self.verdict
        return tuple(f.reason for f in self.findings if f.outcome == wanted)


# --- Lexicons -------------------------------------------------------------------------

# The word lists (opposites, synonyms, casualty events, ...) live in a data file so they
# can be reviewed and extended without reading the rules; they are loaded once.
LEXICON_PATH = Path(__file__).resolve().parent / "data" / "slot_lexicon.json"
_LEXICON = json.loads(LEXICON_PATH.read_text(encoding="utf-8"))

# Opposite predicates by lemma: each pair of sets is mutually exclusive for one subject.
OPPOSITES: tuple[tuple[frozenset[str], frozenset[str]], ...] = tuple(
    (frozenset(left), frozenset(right)) for left, right in _LEXICON["opposites"]
)
# Predicates that report the same event in other words; slots attach across them.
SYNONYMS: tuple[frozenset[str], ...] = tuple(frozenset(group) for group in _LEXICON["synonyms"])
# Events whose counts are compared across wordings ("died", "deaths", "14 dead").
CASUALTY_EVENTS: dict[str, str] = _LEXICON["casualty_events"]
# Nouns that name the event themselves: "14 deaths" counts the dead, not some people.
EVENT_NOUNS = frozenset(_LEXICON["event_nouns"])
# How badly: "3 seriously injured" is not a count of all the injured.
SEVERITY: dict[str, str] = _LEXICON["severity"]
# Generic words for people: they count the same thing when the event matches.
PERSON_NOUNS = frozenset(_LEXICON["person_nouns"])
NOUN_SYNONYMS: dict[str, str] = _LEXICON["noun_synonyms"]
# Nouns whose figure is a count of something named beside them: "the death toll".
TALLY_NOUNS = frozenset(_LEXICON["tally_nouns"])
# Counted nouns that make a duration, an age or a multiple, not a count of things.
_NOT_COUNTED = frozenset(_LEXICON["not_counted"])
DENIAL_VERBS = frozenset(_LEXICON["denial_verbs"])
# Things a denial verb denies when their clause follows: "rejected reports that ...".
REPORT_NOUNS = frozenset(_LEXICON["report_nouns"])
FALSE_WORDS = frozenset(_LEXICON["false_words"])
# Only one doer can fill these: a different named agent contradicts the claim.
_EXCLUSIVE_AGENT_PREDICATES = frozenset(_LEXICON["exclusive_agent_predicates"])
# Things change hands from or to several places at once; people and vehicles do not.
_TRANSFER_PREDICATES = frozenset(_LEXICON["transfer_predicates"])
# Lower-case words around a name that do not change which place it is: "the town of X".
_GENERIC_PLACE_NOUNS = frozenset(_LEXICON["generic_place_nouns"])
# "the vessel" may be the ferry, "the company" the airline: such nouns never clash.
GENERIC_NOUNS = frozenset(_LEXICON["generic_nouns"])

# Verbs whose complement clause is the content: "officials said (that) ...".
ATTRIBUTION_VERBS = (
    SPEECH_VERBS | {"believe", "think", "fear", "suspect", "find", "learn", "know", "show", "add"}
) - DENIAL_VERBS
_COPULAS = frozenset({"be", "remain", "stay", "become", "seem", "appear", "look", "keep"})
_VERDICT_WORDS = {"guilty": "convict", "innocent": "acquit"}
# Adjectives and participles read as the verb they come from.
_ADJECTIVE_LEMMAS = {"dead": "die", "alive": "survive", "injured": "injure", "wounded": "wound"}
_NEGATIVE_IMPLICATIVES = frozenset({"fail", "refuse", "decline", "neglect"})
# Control verbs whose complement did happen: "began to fall", "managed to escape".
_POSITIVE_IMPLICATIVES = frozenset({"manage", "begin", "start", "continue", "proceed"})
_SPECULATIVE_AUX = frozenset({"may", "might", "could"})
_EVIDENCE_NOUNS = frozenset({"evidence", "sign", "indication", "proof", "trace", "suggestion"})
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
# Verbs that say little without their complement: their polarity is not compared.
_LIGHT_VERBS = frozenset({"be", "have", "do", "get", "make", "take", "go", "come"})
_NAMED_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"})
_IDENTIFIER_LABELS = frozenset(
    {"FAC", "PRODUCT", "ORG", "WORK_OF_ART", "LAW", "EVENT", "PERSON", "GPE", "LOC"}
)
_NOT_PLACE_LABELS = frozenset(
    {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY", "NORP", "LANGUAGE"}
)
_PRONOUNS = frozenset(
    {"it", "they", "he", "she", "we", "i", "you", "this", "that", "these", "those", "who"}
    | {"which", "one", "none", "nobody", "someone", "somebody", "anyone"}
)
_VAGUE_WORDS = frozenset(
    {"dozen", "dozens", "hundreds", "thousands", "millions", "billions", "tens", "scores"}
)
_KNOWN_LEMMAS = frozenset(
    {word for left, right in OPPOSITES for word in left | right}
    | _EXCLUSIVE_AGENT_PREDICATES
    | {word for group in SYNONYMS for word in group}
    | set(CASUALTY_EVENTS)
)

# --- Entry points ---------------------------------------------------------------------


def extract_slots(text: str, doc: Doc | Span | None = None) -> Slots:
    """The slots of ``text``; ``doc`` is its parse (a Doc, or a Span of a larger Doc).

    Without ``doc`` the text is parsed with the shared pipeline. With a Span only its
    tokens are read, so a claim that is part of a sentence keeps to its own slots.
    """
    if doc is None:
        doc = get_nlp()(text)
    tokens = list(doc)
    if not tokens:
        return Slots(text, (), (), (), (), frozenset(), ())
    reader = _Reader(tokens)
    quantities, unread = reader.quantities()
    places, containment = reader.places()
    return Slots(
        text=text,
        predicates=tuple(reader.predicates.values()),
        quantities=tuple(quantities),
        times=tuple(reader.times()),
        places=tuple(places),
        containment=frozenset(containment),
        unread=tuple(unread),
    )


def compare_slots(
    claim: str | Slots | Doc | Span, evidence: str | Slots | Doc | Span
) -> SlotComparison:
    """Compare a row's claim with an outlet's evidence, slot by slot.

    Each side may be text, its parse, or slots already extracted (the cheapest when
    one claim is compared with many sentences).
    """
    claim_slots, evidence_slots = _as_slots(claim), _as_slots(evidence)
    findings = _Comparer(claim_slots, evidence_slots).findings()
    return SlotComparison(verdict=_verdict(findings), findings=tuple(findings))


def _as_slots(value: str | Slots | Doc | Span) -> Slots:
    if isinstance(value, Slots):
        return value
    if isinstance(value, str):
        return extract_slots(value)
    return extract_slots(value.text, value)


def _verdict(findings: list[Finding]) -> Verdict:
    if any(f.outcome == CONFLICT for f in findings):
        return CONFLICT
    # Evidence about other participants ("roads" for "schools") does not state the claim
    # even when a figure or place it shares agrees.
    if any(f.outcome == DIFFERENT and f.slot in {"agent", "target"} for f in findings):
        return UNKNOWN
    # Matching participants alone say nothing about whether the event is the same.
    if any(f.outcome == COMPATIBLE and f.slot not in {"agent", "target"} for f in findings):
        return COMPATIBLE
    return UNKNOWN


# --- Lemmas ---------------------------------------------------------------------------


def _normal_lemma(token: Token) -> str:
    word = token.lower_
    if word in _ADJECTIVE_LEMMAS:
        return _ADJECTIVE_LEMMAS[word]
    if word in _VERDICT_WORDS:
        return _VERDICT_WORDS[word]
    if token.pos_ == "ADJ" and word.endswith("ed"):
        # The tagger reads "closed" in "remain closed" as an adjective with itself as
        # lemma; the verb is what the lexicons know.
        for stem in (word[:-1], word[:-2], word[:-3]):
            if stem in _KNOWN_LEMMAS:
                return stem
    return token.lemma_.lower()


_SYNONYM_GROUPS: dict[str, frozenset[int]] = {
    word: frozenset(index for index, group in enumerate(SYNONYMS) if word in group)
    for group in SYNONYMS
    for word in group
}


def corresponds(first: str, second: str) -> bool:
    """True when two predicate lemmas report the same event: equal or synonyms."""
    return first == second or bool(
        _SYNONYM_GROUPS.get(first, frozenset()) & _SYNONYM_GROUPS.get(second, frozenset())
    )


def opposes(first: str, second: str) -> bool:
    """True when two predicate lemmas are opposites in the curated lexicon."""
    return any(
        (first in left and second in right) or (first in right and second in left)
        for left, right in OPPOSITES
    )


def _noun_key(lemma: str) -> str:
    lemma = lemma.lower()
    if lemma in PERSON_NOUNS:
        return "people"
    return NOUN_SYNONYMS.get(lemma, lemma)


_GENERIC_KEYS = frozenset(_noun_key(noun) for noun in GENERIC_NOUNS)


# --- Reading one text ------------------------------------------------------------------


class _Reader:
    """Reads the slots of one parsed text; holds the per-text indexes the steps share."""

    def __init__(self, tokens: list[Token]) -> None:
        self.tokens = tokens
        self.doc = tokens[0].doc
        self.scope = {token.i for token in tokens}
        self.start_char = tokens[0].idx
        self.end_char = tokens[-1].idx + len(tokens[-1].text)
        self.entity_of: dict[int, Span] = {
            token.i: entity for entity in self.doc.ents for token in entity if token.i in self.scope
        }
        self.predicates = self._predicates()

    # Predicates ------------------------------------------------------------------

    def _is_root(self, token: Token) -> bool:
        return token.dep_ == "ROOT" or token.head.i not in self.scope

    def _clause_heads(self) -> list[Token]:
        clause_deps = {
            "ccomp",
            "xcomp",
            "conj",
            "advcl",
            "relcl",
            "acl",
            "csubj",
            "csubjpass",
            "parataxis",
            "pcomp",
        }
        return [
            token
            for token in self.tokens
            if (self._is_root(token) and token.pos_ != "PUNCT")
            or (token.pos_ in {"VERB", "AUX"} and token.dep_ in clause_deps)
        ]

    def _predicates(self) -> dict[int, Predicate]:
        main: set[int] = set()
        frames: set[int] = set()
        denials: dict[int, str] = {}

        def visit(head: Token, denial: str | None) -> None:
            kind, clauses = _frame(head)
            clauses = [clause for clause in clauses if clause.i in self.scope]
            if clauses and kind == "denial":
                frames.add(head.i)
                # A denial under a denial asserts again: "denied that it was false".
                text = None if denial else self._quote(head)
                for clause in clauses:
                    visit(clause, text)
                return
            if clauses and kind == "attribution":
                frames.add(head.i)
                for clause in clauses:
                    visit(clause, denial)
                return
            main.add(head.i)
            if denial:
                denials[head.i] = denial
            implicative = head.lemma_.lower() in _NEGATIVE_IMPLICATIVES | _POSITIVE_IMPLICATIVES
            for child in head.children:
                if child.dep_ == "conj" and child.pos_ in {"VERB", "AUX"}:
                    visit(child, denial)
                elif child.dep_ == "xcomp" and implicative:
                    visit(child, denial)  # "refused to pay" asserts that nothing was paid

        for token in self.tokens:
            if self._is_root(token) and token.pos_ != "PUNCT":
                visit(token, None)
        predicates: dict[int, Predicate] = {}
        for head in self._clause_heads():
            predicates[head.i] = self._predicate(
                head,
                main=head.i in main,
                frame=head.i in frames,
                denial=denials.get(head.i),
            )
        return predicates

    def _quote(self, head: Token) -> str:
        """The words of a denial frame, as a reason quotes them."""
        words = [token for token in head.subtree if token.i in self.scope]
        text = self.doc[words[0].i : words[-1].i + 1].text.strip().rstrip(".,;:!?\"'”’ ")
        if words[0].pos_ == "PROPN" or words[0].text == "I":
            return text
        return text[:1].lower() + text[1:]

    def _predicate(self, head: Token, *, main: bool, frame: bool, denial: str | None) -> Predicate:
        complement = _complement(head)
        lemma = _normal_lemma(complement if complement is not None else head)
        lives = next(
            (c for c in head.children if c.dep_ == "dobj" and c.lemma_.lower() == "life"), None
        )
        if lemma == "lose" and lives is not None:
            lemma = "die"  # "six people lost their lives"
        particle = next((child for child in head.children if child.dep_ == "prt"), None)
        if particle is None and head.i + 1 in self.scope:
            # "stepped down" is often parsed with "down" as an adverb.
            following = self.doc[head.i + 1]
            if following.head == head and f"{lemma} {following.lower_}" in _KNOWN_LEMMAS:
                particle = following
        if particle is not None:
            lemma = f"{lemma} {particle.lower_}"
        negations = [
            child
            for token in (head, complement)
            if token is not None
            for child in token.children
            if child.dep_ == "neg"
            or child.lower_ == "never"
            # "no longer detained"
            or (child.lower_ == "longer" and any(g.dep_ == "neg" for g in child.children))
        ]
        negations.extend(g for n in negations if n.lower_ == "longer" for g in n.children)
        implicit = head.dep_ == "xcomp" and head.head.lemma_.lower() in _NEGATIVE_IMPLICATIVES
        # "No toxic substances had been released", "nobody was hurt"
        none_of = [
            child
            for child in head.children
            if child.dep_ in {"nsubj", "nsubjpass", "dobj"} and _is_none(child)
        ]
        negated = bool(negations) or implicit or bool(none_of)
        shown = [head, *negations]
        for child in none_of:
            shown.extend(t for t in child.subtree if t.dep_ not in {"relcl", "acl", "punct"})
        if complement is not None:
            shown.append(complement)
        if particle is not None:
            shown.append(particle)
        if implicit:
            shown.append(head.head)
        if negated:
            shown.extend(child for child in head.children if child.dep_ in {"aux", "auxpass"})
        agent, target = self._participants(head)
        if lemma == "die" and lives is not None:
            agent, target = None, agent  # the people who lost their lives died
            shown.extend(lives.subtree)
        return Predicate(
            lemma=lemma,
            text=" ".join(token.lower_ for token in sorted(shown, key=lambda t: t.i)),
            position=head.i,
            negated=negated,
            denial=denial,
            speculative=_speculative(head),
            frame=frame,
            main=main,
            agent=agent,
            target=target,
        )

    def _participants(self, head: Token) -> tuple[Participant | None, Participant | None]:
        """Agent and target; an intransitive subject is a target ("rates rose")."""
        children = list(head.children)
        subject = next((c for c in children if c.dep_ == "nsubj"), None)
        passive_subject = next((c for c in children if c.dep_ == "nsubjpass"), None)
        obj = next((c for c in children if c.dep_ == "dobj"), None)
        by = next(
            (
                pobj
                for c in children
                if c.dep_ == "agent"
                for pobj in c.children
                if pobj.dep_ == "pobj"
            ),
            None,
        )
        passive = passive_subject is not None or any(c.dep_ == "auxpass" for c in children)
        if subject is None and passive_subject is None:
            inherited = _inherited_subject(head)
            # "the captain ... has not been detained": the shared subject of a passive
            # conjunct is its target
            if inherited is not None and (inherited.dep_ == "nsubjpass" or passive):
                passive_subject, passive = inherited, True
            else:
                subject = inherited
        if head.dep_ == "relcl":
            # "the bank, which cut rates": the relative pronoun stands for the noun.
            if subject is not None and subject.tag_ in {"WDT", "WP"}:
                subject = head.head
            if passive_subject is not None and passive_subject.tag_ in {"WDT", "WP"}:
                passive_subject = head.head
        if (
            head.dep_ == "acl"
            and head.tag_ == "VBN"
            and subject is None
            and passive_subject is None
        ):
            # "30 people injured in the blast": a reduced passive on its noun.
            passive_subject, passive = head.head, True
        if passive:
            return self._participant(by), self._participant(passive_subject)
        if obj is not None:
            return self._participant(subject), self._participant(obj)
        return None, self._participant(subject)

    def _participant(self, token: Token | None) -> Participant | None:
        if token is not None and (token.like_num or token.lower_ in _VAGUE_WORDS):
            token = _partitive(token)  # "dozens of residents" are residents
        if token is None or token.i not in self.scope:
            return None
        if token.pos_ in {"PRON", "NUM"} or token.lower_ in _PRONOUNS or token.like_num:
            return None
        entity = self.entity_of.get(token.i)
        if entity is not None and entity.label_ in _NAMED_LABELS and token.pos_ == "PROPN":
            text = _strip_article(entity.text)
            return Participant(text=text, key=text.casefold(), named=True)
        if token.pos_ == "PROPN":
            text = " ".join(t.text for t in _compound_chain(token))
            return Participant(text=text, key=text.casefold(), named=True)
        text = " ".join(t.text for t in _compound_chain(token))
        return Participant(text=text.lower(), key=_noun_key(token.lemma_), named=False)

    def predicate_of(self, token: Token) -> int | None:
        """The clause a token belongs to: its nearest ancestor that is a predicate."""
        current = token
        while True:
            if current.i in self.predicates:
                return current.i
            if current.head.i == current.i or current.head.i not in self.scope:
                return None
            current = current.head

    # Quantities ------------------------------------------------------------------

    def quantities(self) -> tuple[list[Quantity], list[str]]:
        text = self.doc.text
        found: list[Quantity] = []
        unread: list[str] = []
        for match in _QUANTITY.finditer(text, self.start_char, self.end_char):
            if _is_date_or_time(text, match):
                continue
            reading = _read_number(match)
            if reading is None:
                unread.append(match.group(0).strip())
                continue
            quantity = self._quantity(match, reading)
            if quantity is not None:
                found.append(quantity)
        found.extend(self._zero_quantities())
        return found, unread

    def _span_tokens(self, start: int, end: int) -> list[Token]:
        return [
            token
            for token in self.tokens
            if token.idx < end and token.idx + len(token.text) > start
        ]

    def _quantity(self, match: re.Match[str], reading: _NumberReading) -> Quantity | None:
        core = self._span_tokens(match.start("number"), match.end("core"))
        if not core:
            return None
        if len(core) == 1 and core[0].lower_ == "one" and core[0].pos_ != "NUM":
            return None  # "no one", "one of them", "the one that": a pronoun, not a count
        if self._is_identifier(core[0], match):
            return None
        core_ids = {token.i for token in core}
        unit_tokens = self._span_tokens(*match.span("unit")) if match.group("unit") else []
        anchor = next((t for t in reversed(core) if t.head.i not in core_ids), core[-1])
        noun: Token | None = None
        phrase = anchor
        if anchor.head.tag_ == "$" and anchor.head.i in self.scope:
            anchor = anchor.head  # "$4.5 billion" parsed with the symbol as its head
        if unit_tokens:
            phrase = unit_tokens[-1] if anchor.head in unit_tokens else anchor
            if phrase.head in unit_tokens:
                phrase = phrase.head
        elif (
            anchor.dep_ in {"nummod", "quantmod", "compound", "nmod", "amod"}
            and anchor.head.i in self.scope
            and anchor.head.pos_ in {"NOUN", "PROPN", "ADJ"}
        ):
            noun = phrase = anchor.head
        subset = False
        if noun is None and not unit_tokens:
            partitive = _partitive(anchor)
            if partitive is not None:
                if partitive.pos_ == "PRON" or partitive.lower_ in _PRONOUNS:
                    return None  # "three of them": a part of a count given elsewhere
                noun = partitive
                # "12 of the 30 people injured": the group's own words describe all 30.
                subset = any(
                    child.dep_ in {"det", "poss", "nummod"}
                    and (child.lower_ in {"the", "these", "those"} or child.dep_ != "det")
                    for child in partitive.children
                )
        if noun is not None and (noun.pos_ == "PROPN" or noun.lemma_.lower() in _NOT_COUNTED):
            return None  # "Flight 370", "three days", "a 45-year-old"
        if noun is not None and noun.dep_ in {"compound", "amod"} and phrase is noun:
            return None  # "a 12-storey building": a measure of something else
        return self._locate_quantity(match, reading, noun, phrase, subset=subset)

    def _is_identifier(self, first: Token, match: re.Match[str]) -> bool:
        """ "Flight 370", "Route 66", "Apollo 11": a name with a number in it."""
        if first.ent_type_ in _IDENTIFIER_LABELS:
            return True
        if match.group("bound") or match.group("currency") or first.i - 1 not in self.scope:
            return False
        previous = self.doc[first.i - 1]
        if first.dep_ == "nummod" and first.head.i > first.i:
            return False  # it counts the noun after it: "In Veldmark 30 people"
        return (
            previous.text[:1].isupper()
            and previous.pos_ in {"NOUN", "PROPN"}
            # "On Monday 12 people", "In Veldmark 30 people": a time or place, not a name
            and previous.lower_ not in _WEEKDAYS
            and previous.lower_ not in _MONTHS
            and previous.ent_type_ not in {"GPE", "LOC", "DATE", "TIME"}
        )

    def _locate_quantity(
        self,
        match: re.Match[str],
        reading: _NumberReading,
        noun: Token | None,
        phrase: Token,
        *,
        subset: bool,
    ) -> Quantity | None:
        """Role, predicate, event and owner of a number whose tokens are known."""
        role, owner_token, owned_by_noun = "", None, False
        anchor = phrase
        while anchor.dep_ == "conj" and anchor.head.i in self.scope:
            anchor = anchor.head
        if anchor.dep_ == "pobj" and anchor.head.i in self.scope:
            preposition = anchor.head
            role = preposition.lower_
            container = preposition.head
            if container.i not in self.predicates and container.pos_ in {"NOUN", "PROPN"}:
                owner_token, owned_by_noun = container, True
        elif anchor.dep_ in {"amod", "compound", "nmod"} and anchor.head.pos_ == "NOUN":
            role, owner_token, owned_by_noun = "mod", anchor.head, True
        predicate_position = self.predicate_of(phrase)
        predicate = (
            self.predicates.get(predicate_position) if predicate_position is not None else None
        )
        if predicate is not None and not predicate.asserted:
            return None  # a denied or negated figure is compared as polarity, not as a value
        unit = _unit(match)
        if owner_token is None and (noun is None or unit):
            owner_token = self._theme_token(predicate_position, exclude=phrase)
        owner = owner_token.lemma_.lower() if owner_token is not None else None
        event, casualty = self._event(
            None if subset else noun, owner_token, predicate_position, owned_by_noun
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
        label = self._label(noun, event, casualty, unit)
        return Quantity(
            text=reading.text,
            low=reading.low,
            high=reading.high,
            low_closed=reading.low_closed,
            high_closed=reading.high_closed,
            bound=reading.bound,
            label=label,
            noun=_noun_key(noun.lemma_) if noun is not None else None,
            unit=unit,
            event=event,
            casualty=casualty,
            owner=owner,
            role=role,
            predicate=predicate_position,
        )

    def _theme_token(self, position: int | None, *, exclude: Token) -> Token | None:
        if position is None:
            return None
        head = self.doc[position]
        for dep in ("dobj", "nsubjpass", "nsubj"):
            for child in head.children:
                if child.dep_ == dep and child.i != exclude.i and child.i in self.scope:
                    if child.tag_ in {"WDT", "WP"} and head.dep_ == "relcl":
                        return head.head
                    return child
        return None

    def _event(
        self, noun: Token | None, owner: Token | None, position: int | None, owned_by_noun: bool
    ) -> tuple[str, bool]:
        """What a figure counts: a casualty class with its severity, or the predicate.

        The counted noun names the event ("14 deaths", "30 injured people") only when
        the clause merely reports or counts it; "two injured strikers had head wounds"
        counts strikers with head wounds, not the injured.
        """
        predicate = self.predicates.get(position) if position is not None else None
        head = self.doc[position] if position is not None else None
        complement = _complement(head) if head is not None else None
        carriers: list[Token] = []
        if owner is not None and owner.lemma_.lower() in TALLY_NOUNS:
            carriers.extend(
                token
                for child in owner.children
                for token in ([child] if child.dep_ != "prep" else list(child.children))
                if token.dep_ in {"compound", "amod", "pobj"}
                and _normal_lemma(token) in CASUALTY_EVENTS
            )
        elif owner is not None and owned_by_noun:
            # "a protest by 300 people", "a 12 percent pay rise": the figure belongs to the
            # noun, so the clause's event is not what it counts.
            return (predicate.lemma if predicate else ""), False
        if noun is not None and (head is None or self._only_counts(head, complement)):
            if noun.lemma_.lower() in EVENT_NOUNS:
                carriers.append(noun)
            carriers.extend(
                child
                for child in noun.children
                if child.dep_ in {"amod", "acl", "relcl"}
                and _normal_lemma(child) in CASUALTY_EVENTS
            )
        if head is not None and not carriers:
            carrier = complement if complement is not None else head
            if _normal_lemma(carrier) in CASUALTY_EVENTS or (
                predicate is not None and predicate.lemma in CASUALTY_EVENTS
            ):
                carriers.append(carrier)
        if not carriers:
            return (predicate.lemma if predicate else ""), False
        carrier = carriers[0]
        lemma = _normal_lemma(carrier)
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

    @staticmethod
    def _only_counts(head: Token, complement: Token | None) -> bool:
        """True for clauses that report a count: "14 deaths were reported", "there were"."""
        if complement is not None:
            return False  # "no injuries were life-threatening"
        lemma = head.lemma_.lower()
        if lemma == "be":
            return any(child.dep_ == "expl" for child in head.children)
        return lemma in _COUNTING_VERBS or lemma in CASUALTY_EVENTS

    @staticmethod
    def _label(noun: Token | None, event: str, casualty: bool, unit: str | None) -> str:
        if unit:
            return ""
        if casualty and (noun is None or _noun_key(noun.lemma_) == "people"):
            return event.split(":")[0]
        return noun.lower_ if noun is not None else ""

    def _zero_quantities(self) -> Iterator[Quantity]:
        """ "No one was hurt", "no injuries were reported": a count of zero."""
        for token in self.tokens:
            if token.dep_ not in {"nsubj", "nsubjpass", "dobj", "attr"}:
                continue
            determiner = next(
                (c for c in token.children if c.dep_ == "det" and c.lower_ == "no"), None
            )
            if token.lower_ in {"nobody", "none"} or (
                token.lower_ == "one" and determiner is not None
            ):
                noun, text = _partitive(token), ("no one" if determiner else token.lower_)
            elif determiner is not None and token.pos_ == "NOUN":
                noun, text = token, "no"
            else:
                continue
            position = self.predicate_of(token)
            predicate = self.predicates.get(position) if position is not None else None
            # "no one was hurt" is negated by its own zero; "no one was not hurt" is not a count
            if (
                predicate is None
                or predicate.denial is not None
                or _has_negation(self.doc[position])
            ):
                continue
            event, casualty = self._event(noun, None, position, False)
            yield Quantity(
                text=text,
                low=0.0,
                high=0.0,
                low_closed=True,
                high_closed=True,
                bound="zero",
                label=self._label(noun, event, casualty, None),
                noun=_noun_key(noun.lemma_) if noun is not None else None,
                unit=None,
                event=event,
                casualty=casualty,
                owner=None,
                role="",
                predicate=position,
            )

    # Times -----------------------------------------------------------------------

    def times(self) -> list[When]:
        spans: list[Span] = [
            entity
            for entity in self.doc.ents
            if entity.label_ in {"DATE", "TIME"} and entity.start in self.scope
        ]
        covered = {token.i for span in spans for token in span}
        spans.extend(
            # "about 10.40pm": keep the hedge the model left out of the entity
            self.doc[token.i - 1 : token.i + 1]
            if token.i - 1 in self.scope and _APPROXIMATE_TIME.fullmatch(self.doc[token.i - 1].text)
            else self.doc[token.i : token.i + 1]
            for token in self.tokens
            if token.i not in covered
            and (
                token.lower_ in _WEEKDAYS
                or token.lower_ in _PARTS_OF_DAY
                or _CLOCK_TOKEN.match(token.text)
            )
        )
        grouped: dict[tuple[int | None, str], list[When]] = {}
        for span in sorted(spans, key=lambda s: s.start):
            role, roughly = _time_role(span)
            if role is None:
                continue
            when = _parse_when(span.text, role=role, predicate=self.predicate_of(span.root))
            if when is not None:
                if roughly:
                    when = dataclasses.replace(when, approximate=True)
                grouped.setdefault((when.predicate, role), []).append(when)
        merged = (_merge_times(parts) for parts in grouped.values())
        # "on Monday and on Tuesday" merges to nothing: which one is meant is not ours to pick.
        return [when for when in merged if when is not None]

    # Places ----------------------------------------------------------------------

    def places(self) -> tuple[list[Place], set[tuple[str, str]]]:
        places: list[Place] = []
        containment: set[tuple[str, str]] = set()
        for token in self.tokens:
            if token.dep_ != "pobj" or token.head.pos_ not in {"ADP", "SCONJ"}:
                continue
            preposition = token.head
            role = _place_role(preposition)
            if role is None:
                continue
            name_token, name = token, None
            region = _REGIONS.get(preposition.head.lower_) if role == "direction" else None
            if token.lower_ in _REGIONS or token.lemma_.lower() in _GENERIC_PLACE_NOUNS:
                inner = _partitive(token)
                named = [c for c in token.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"]
                if inner is None and named and token.lower_ not in _REGIONS:
                    inner = named[-1]  # "Idlib province", "the Harlow district"
                following = self.doc[token.i + 1] if token.i + 1 in self.scope else None
                if inner is None and following is not None and following.text[:1].isupper():
                    # "near town B." where the parser left the name dangling
                    inner, name = following, f"{token.text} {following.text}".rstrip(".")
                if inner is None:
                    continue
                if token.lower_ in _REGIONS:
                    region = _REGIONS[token.lower_]
                name_token = inner
            for candidate in [name_token, *_conjuncts(name_token)]:
                place = self._place(candidate, preposition, role, region, name)
                if place is not None:
                    places.append(place)
                name = None
        for token in self.tokens:
            if self._is_place_name(token, "in"):
                containment.update(self._contained(token))
        return places, containment

    def _is_place_name(self, token: Token, role: str) -> bool:
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
        self, token: Token, preposition: Token, role: str, region: str | None, name: str | None
    ) -> Place | None:
        if not self._is_place_name(token, role):
            return None
        name = name or self._place_name(token)
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
        shown = " ".join(t.text for t in _preposition_words(preposition) if t.i in self.scope)
        # "north of Harlow" shows its direction already; "in the north of" is rebuilt
        # from the region so "in northern Veldmark" reads the same.
        plain = region is None or role == "direction"
        return Place(
            text=f"{shown} {name}".strip() if plain else f"{shown} the {region} of {name}".strip(),
            name=name,
            key=_place_key(name),
            role=role,
            region=region,
            predicate=self.predicate_of(preposition),
        )

    def _place_name(self, token: Token) -> str:
        entity = self.entity_of.get(token.i)
        if entity is not None and entity.label_ in _NAMED_LABELS:
            return _strip_article(entity.text).rstrip(".")
        return " ".join(t.text for t in _compound_chain(token)).rstrip(".")

    def _contained(self, token: Token) -> Iterator[tuple[str, str]]:
        """Containment the text states: "Port Averly, Veldmark", "Harlow in Veldmark"."""
        inner = _place_key(self._place_name(token))
        modifiers = list(token.children)
        if token.dep_ == "compound" and token.head.lemma_.lower() in _GENERIC_PLACE_NOUNS:
            modifiers.extend(token.head.children)  # "Syria's Idlib province"
        for child in modifiers:
            outer: Token | None = None
            if child.dep_ in {"appos", "npadvmod", "poss"} and self._is_place_name(child, "in"):
                outer = child
            elif child.dep_ == "prep" and child.lower_ == "in":
                outer = next(
                    (
                        g
                        for g in child.children
                        if g.dep_ == "pobj" and self._is_place_name(g, "in")
                    ),
                    None,
                )
            if outer is not None and outer.i in self.scope:
                yield inner, _place_key(self._place_name(outer))


# --- Parse helpers -------------------------------------------------------------------


def _complement(head: Token) -> Token | None:
    """The adjective a copula or verdict verb carries: "remain *closed*", "found *guilty*"."""
    lemma = head.lemma_.lower()
    for child in head.children:
        if lemma in _COPULAS and (
            child.dep_ in {"acomp", "oprd"} or (child.dep_ == "attr" and child.pos_ == "ADJ")
        ):
            return child
        if child.dep_ in {"oprd", "acomp"} and child.lower_ in _VERDICT_WORDS:
            return child
    return None


def _frame(head: Token) -> tuple[str | None, list[Token]]:
    """Whether ``head`` frames other clauses as attributed or denied, and which."""
    if any(child.dep_ == "neg" for child in head.children) and head.lemma_.lower() != "be":
        return None, []  # "did not deny" confirms nothing and denies nothing
    lemma = head.lemma_.lower()
    children = list(head.children)
    # "there is no evidence that ...", "found no sign that ...": the clause is denied.
    no_evidence = [
        clause
        for child in children
        if child.dep_ in {"attr", "dobj", "nsubj"}
        and child.lemma_.lower() in _EVIDENCE_NOUNS
        and any(g.dep_ == "det" and g.lower_ == "no" for g in child.children)
        for clause in child.children
        if clause.dep_ in {"acl", "ccomp"}
    ]
    if no_evidence:
        return "denial", no_evidence
    if lemma in DENIAL_VERBS:
        clauses = [c for c in children if c.dep_ in {"ccomp", "xcomp"}]
        for child in children:
            if child.dep_ == "dobj" and child.lemma_.lower() in REPORT_NOUNS:
                clauses.extend(g for g in child.children if g.dep_ in {"acl", "ccomp"})
            elif child.dep_ in {"dobj", "pcomp"} and child.tag_ == "VBG":
                clauses.append(child)
        return "denial", clauses
    if lemma in _COPULAS:
        acomp = next((c for c in children if c.dep_ == "acomp"), None)
        negated = any(c.dep_ == "neg" for c in children)
        # "are irresponsible and false"
        judgements = {acomp.lower_, *(c.lower_ for c in _conjuncts(acomp))} if acomp else set()
        if judgements & FALSE_WORDS or (judgements & {"true", "correct"} and negated):
            clauses = [c for c in children if c.dep_ in {"ccomp", "csubj"}]
            for child in children:
                if child.dep_ == "nsubj" and child.lemma_.lower() in REPORT_NOUNS:
                    clauses.extend(g for g in child.children if g.dep_ in {"acl", "ccomp"})
            return "denial", clauses
        return None, []
    if lemma in ATTRIBUTION_VERBS:
        return "attribution", [c for c in children if c.dep_ == "ccomp"]
    return None, []


def _has_negation(head: Token) -> bool:
    return any(child.dep_ == "neg" or child.lower_ == "never" for child in head.children)


def _is_none(token: Token) -> bool:
    """ "nobody", "nothing", "no one", "none", "no substances": a subject that denies."""
    if token.lower_ in {"nobody", "nothing", "none"}:
        return True
    return any(child.dep_ == "det" and child.lower_ == "no" for child in token.children)


def _speculative(head: Token) -> bool:
    """Clauses that say something may, should or is meant to happen, or only if."""
    if any(
        child.dep_ == "aux" and child.lemma_.lower() in _SPECULATIVE_AUX for child in head.children
    ):
        return True
    if head.dep_ == "xcomp":
        governor = head.head.lemma_.lower()
        return governor not in _NEGATIVE_IMPLICATIVES | _POSITIVE_IMPLICATIVES
    # "if the ship was overloaded", "it is unclear whether the ship was overloaded",
    # "before a single stone was thrown": not asserted as such
    return any(
        child.dep_ == "mark" and child.lower_ in {"if", "unless", "whether", "before", "until"}
        for child in head.children
    )


def _inherited_subject(head: Token) -> Token | None:
    """The subject a clause shares: "the bank raised rates and *cut* taxes"."""
    if head.dep_ in {"conj", "xcomp"}:
        governor = head.head
        if head.dep_ == "xcomp" and any(c.dep_ == "dobj" for c in governor.children):
            return None  # "ordered the army to withdraw": the object withdraws
        return next((c for c in governor.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    return None


def _compound_chain(token: Token) -> list[Token]:
    chain = [token]
    for child in reversed(list(token.lefts)):
        if child.dep_ != "compound" or child.i != chain[0].i - 1:
            break
        chain.insert(0, child)
    return chain


def _strip_article(text: str) -> str:
    return re.sub(r"^(?:the|a|an)\s+", "", text.strip(), flags=re.IGNORECASE)


def _partitive(token: Token) -> Token | None:
    """The noun after "of" in "dozens of police", "30 of the passengers", "none of us"."""
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            return next((g for g in child.children if g.dep_ == "pobj"), None)
    return None


def _conjuncts(token: Token) -> Iterator[Token]:
    for child in token.children:
        if child.dep_ == "conj":
            yield child
            yield from _conjuncts(child)


# --- Numbers ---------------------------------------------------------------------------

_ONES = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_WORD_VALUES = {word: value for value, word in enumerate(_ONES)} | {
    word: 20 + 10 * index for index, word in enumerate(_TENS)
}
_SCALES = {
    "hundred": 100,
    "thousand": 1e3,
    "million": 1e6,
    "billion": 1e9,
    "trillion": 1e12,
    "m": 1e6,
    "mn": 1e6,
    "bn": 1e9,
}
_VAGUE: dict[str, tuple[float, float]] = {
    "dozens": (24, 99),
    "hundreds": (200, 999),
    "thousands": (2_000, 9_999),
    "millions": (2e6, 999e6),
    "billions": (2e9, 999e9),
    "tens of thousands": (20_000, 99_999),
    "hundreds of thousands": (200_000, 999_999),
    "tens of millions": (2e7, 99_999_999),
    "hundreds of millions": (2e8, 999_999_999),
    "several dozen": (24, 99),
    "a few dozen": (24, 99),
    "several hundred": (200, 999),
    "a few hundred": (200, 999),
    "several thousand": (2_000, 9_999),
    "a few thousand": (2_000, 9_999),
}

# Longest words first, so "seventeen" is not read as "seven".
_WORD = (
    rf"(?:{'|'.join(_TENS)})(?:[-\s](?:{'|'.join(sorted(_ONES[1:10], key=len, reverse=True))}))?"
    rf"|{'|'.join(sorted(_ONES, key=len, reverse=True))}"
)
_SCALE_WORD = "hundred|thousand|million|billion|trillion"
_DIGITS = r"\d+(?:,\d+)*(?:\.\d+)?(?:\s?(?:m|mn|bn)\b)?"
_AFTER_SCALE = "".join(
    f"(?<={scale})" if i == 0 else f"|(?<={scale})"
    for i, scale in enumerate(_SCALE_WORD.split("|"))
)
_NUMBER = (
    rf"(?:(?:{_DIGITS})(?:\s+(?:{_SCALE_WORD}))*"
    rf"|(?:(?:half\s+)?an?\s+(?=(?:{_SCALE_WORD}|dozen)\b))?"
    rf"(?:{_WORD}|{_SCALE_WORD}|dozen)"
    rf"(?:(?:\s+|-|(?:{_AFTER_SCALE})\s+and\s+)(?:{_WORD}|{_SCALE_WORD}|dozen)\b)*)"
)
_VAGUE_PATTERN = "|".join(
    sorted((re.escape(k).replace(r"\ ", r"\s+") for k in _VAGUE), key=len, reverse=True)
)
_BOUNDS = {
    "at least": "at_least",
    "no fewer than": "at_least",
    "no less than": "at_least",
    "not less than": "at_least",
    "a minimum of": "at_least",
    "more than": "more_than",
    "over": "more_than",
    "above": "more_than",
    "upwards of": "more_than",
    "in excess of": "more_than",
    "greater than": "more_than",
    "well over": "more_than",
    "just over": "just_over",
    "just under": "just_under",
    "up to": "at_most",
    "as many as": "at_most",
    "at most": "at_most",
    "no more than": "at_most",
    "not more than": "at_most",
    "a maximum of": "at_most",
    "fewer than": "less_than",
    "less than": "less_than",
    "under": "less_than",
    "below": "less_than",
    "about": "approximate",
    "around": "approximate",
    "roughly": "approximate",
    "approximately": "approximate",
    "some": "approximate",
    "an estimated": "approximate",
    "estimated": "approximate",
    "close to": "approximate",
    "circa": "approximate",
    "nearly": "nearly",
    "almost": "nearly",
}
_BOUND_PATTERN = "|".join(
    re.escape(bound).replace(r"\ ", r"\s+") for bound in sorted(_BOUNDS, key=len, reverse=True)
)
_CURRENCY_SYMBOLS = {"us$": "USD", "$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY"}
_CURRENCY_WORDS = {
    "dollar": "USD",
    "euro": "EUR",
    "pound": "GBP",
    "sterling": "GBP",
    "yen": "JPY",
    "yuan": "CNY",
    "rouble": "RUB",
    "ruble": "RUB",
    "rupee": "INR",
    "franc": "CHF",
}
_UNIT_PATTERN = (
    r"\s*%|\s+per\s*cent\b|\s+percent\b|\s+percentage\s+points?\b"
    r"|\s+(?:dollars?|euros?|pounds?(?:\s+sterling)?|yen|yuan|roubles?|rubles?|rupees?|francs?)\b"
)
_QUANTITY = re.compile(
    rf"(?<![\w.,$€£¥-])"
    # "from 9 to 14" gives two figures with their own roles, not a range.
    rf"(?P<after_from>(?<=from\s))?"
    rf"(?:(?P<bound>{_BOUND_PATTERN})\s+)?"
    rf"(?P<between>between\s+)?"
    rf"(?P<currency>US\$|\$|€|£|¥)?\s?"
    rf"(?P<number>(?P<vague>{_VAGUE_PATTERN})\b|{_NUMBER})"
    rf"(?(after_from)|(?:\s*(?:(?P<to>-|–|—|to|or)|and)\s*(?P=currency)?"
    rf"(?P<high>{_NUMBER}))?)"
    rf"(?P<core>)"
    rf"(?P<unit>{_UNIT_PATTERN})?"
    rf"(?P<suffix>\s+or\s+(?:more|so|fewer|less)\b|-?\s?plus\b)?"
    # Not part of a longer token: "10.40pm", "15:30", "3rd".
    rf"(?![\w:]|\.\d)",
    re.IGNORECASE,
)
_MONTHS = {
    name: index + 1
    for index, name in enumerate(
        [
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
        ]
    )
} | {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_MONTH_PATTERN = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DATE_AFTER = re.compile(
    rf"\s*(?:st|nd|rd|th)?\s*(?:of\s+)?(?:{_MONTH_PATTERN})\b\.?"
    r"|\s*(?:a\.?m\.?|p\.?m\.?|o'clock|hrs|gmt|utc)(?![\w])|:\d",
    re.IGNORECASE,
)
_DATE_BEFORE = re.compile(rf"(?:\b(?:{_MONTH_PATTERN})\.?|\d:)\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class _NumberReading:
    text: str
    low: float
    high: float
    low_closed: bool
    high_closed: bool
    bound: str


def _is_date_or_time(text: str, match: re.Match[str]) -> bool:
    """Day numbers, years and clock times belong to the time slot, not to quantities."""
    after = text[match.end("core") : match.end("core") + 20]
    before = text[max(match.start("number") - 12, 0) : match.start("number")]
    if _DATE_AFTER.match(after) or _DATE_BEFORE.search(before):
        return True
    number = match.group("number")
    if re.fullmatch(r"1[89]\d\d|20\d\d", number) and not match.group("unit"):
        # A bare four-digit number in this range is a year; counts that size are
        # written with a thousands separator.
        return not match.group("bound") and not match.group("currency")
    return False


def parse_number(words: str) -> float | None:
    """The value of a written number, or None when it cannot be read for certain.

    Handles digits with thousands separators ("1,200"), decimals with a scale ("3.5
    million", "4.5bn"), number words ("thirty-five", "one hundred and twenty") and
    dozens ("two dozen", "half a dozen").
    """
    text = words.lower().strip()
    half = text.startswith("half ")
    if half:
        text = text.removeprefix("half").strip()
    parts = re.findall(r"\d[\d,]*(?:\.\d+)?|[a-z]+", text.replace("-", " "))
    total, current = 0.0, None
    for part in parts:
        if part == "and":
            continue
        if part[0].isdigit():
            if current is not None or not re.fullmatch(
                r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?", part
            ):
                return None
            current = float(part.replace(",", ""))
        elif part in {"a", "an"}:
            if current is not None:
                return None
            current = 1.0
        elif part in _WORD_VALUES:
            value = _WORD_VALUES[part]
            if current is None:
                current = float(value)
            elif (
                current % 100 == 0
                and value < 100
                or (current % 10 == 0 and current % 100 >= 20 and value < 10)
            ):
                current += value
            else:
                return None
        elif part == "dozen":
            current = (current or 1.0) * 12
        elif part == "hundred":
            current = (current or 1.0) * 100
        elif part in _SCALES:
            total += (current or 1.0) * _SCALES[part]
            current = None
        else:
            return None
    if current is None and total == 0:
        return None
    value = total + (current or 0.0)
    return value / 2 if half else value


def _format(value: float) -> str:
    if value.is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def _rounding(value: float, written: str) -> float:
    """Half the rounding unit of a large round figure: "1,200" may stand for 1,187.

    Small counts are exact ("9 dead" vs "10 dead" differ); figures of a thousand or
    more written with trailing zeros or a scale word are roundings, capped at 5%.
    """
    if value < 1000:
        return 0.0
    digits = re.sub(r"[^\d.]", "", written.split()[0]) if written[:1].isdigit() else ""
    significant = digits.replace(".", "").strip("0") or "0"
    places = len(str(int(value))) - len(significant)
    if places <= 0:
        return 0.0
    return min(10**places / 2, value * 0.05)


def _read_number(match: re.Match[str]) -> _NumberReading | None:
    number = " ".join(match.group("number").split())
    bound = (
        _BOUNDS.get(" ".join(match.group("bound").lower().split()))
        if match.group("bound")
        else None
    )
    currency = match.group("currency") or ""
    unit = _display_unit(match.group("unit"))
    suffix = " ".join((match.group("suffix") or "").lower().split())
    prefix = " ".join((match.group("bound") or "").lower().split())

    def shown(value: float, written: str) -> str:
        return written if any(c.isdigit() for c in written) else _format(value)

    if match.group("vague"):
        low, high = _VAGUE[" ".join(number.lower().split())]
        return _NumberReading(f"{currency}{number.lower()}{unit}", low, high, True, True, "vague")
    value = parse_number(number)
    if value is None:
        return None
    high_text = match.group("high")
    if high_text and (match.group("to") or match.group("between")):
        high = parse_number(" ".join(high_text.split()))
        if high is None or high <= value:
            return None  # "2-1" is a score, "5 to 3" a ratio: not a range we can read
        text = f"{shown(value, number)}-{currency}{shown(high, high_text)}"
        return _NumberReading(f"{currency}{text}{unit}", value, high, True, True, "range")
    if high_text:
        return None  # "12 and 14" without "between": two figures, not one we can read
    text = f"{currency}{shown(value, number)}{unit}"
    if prefix:
        text = f"{prefix} {text}"
    if suffix in {"or more", "plus", "-plus", "- plus"}:
        bound = "at_least"
    elif suffix in {"or fewer", "or less"}:
        bound = "at_most"
    elif suffix == "or so":
        bound = "approximate"
    if suffix:
        text = f"{text} {suffix}"
    rounding = _rounding(value, number)
    tolerance = value * 0.1
    if value.is_integer() and tolerance < 1:
        tolerance = 1.0
    infinity = math.inf
    intervals = {
        # A rounded figure stands for [v - u/2, v + u/2): "3.5 million" excludes 3.45 million,
        # which would be written "3.4 million" by the same rounding.
        None: (value - rounding, value + rounding, True, rounding == 0),
        "approximate": (value - tolerance, value + tolerance, True, True),
        "nearly": (value - tolerance, value, True, True),
        "just_over": (value, value + tolerance, False, True),
        "just_under": (value - tolerance, value, True, False),
        "at_least": (value, infinity, True, False),
        "more_than": (value, infinity, False, False),
        "at_most": (0.0, value, True, True),
        "less_than": (0.0, value, True, False),
    }
    low, high, low_closed, high_closed = intervals[bound]
    return _NumberReading(text, low, high, low_closed, high_closed, bound or "exact")


def _display_unit(unit: str | None) -> str:
    if not unit:
        return ""
    words = " ".join(unit.lower().split())
    if words.startswith("percentage"):
        return f" {words}"
    if words in {"%", "percent"} or words.startswith("per"):
        return "%"
    return f" {words}"


def _unit(match: re.Match[str]) -> str | None:
    unit = " ".join((match.group("unit") or "").lower().split())
    if unit:
        if unit.startswith("percentage"):
            return "percentage point"
        if unit in {"%", "percent"} or unit.startswith("per"):
            return "%"
        word = unit.split()[0].rstrip("s")
        return _CURRENCY_WORDS.get(word, word)
    currency = (match.group("currency") or "").lower()
    return _CURRENCY_SYMBOLS.get(currency) if currency else None


# --- Times -----------------------------------------------------------------------------

_WEEKDAYS = {
    name: index
    for index, name in enumerate(
        ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
    )
}
# Windows in minutes after midnight; night runs past midnight.
_PARTS_OF_DAY: dict[str, tuple[tuple[int, int], ...]] = {
    "morning": ((300, 720),),
    "afternoon": ((720, 1080),),
    "evening": ((1020, 1320),),
    "night": ((1260, 1440), (0, 300)),
    "overnight": ((1260, 1440), (0, 300)),
    "dawn": ((240, 450),),
    "dusk": ((1020, 1260),),
}
# "15:30", "3pm", "10.40pm" as one token, which the model may not tag as a time.
_CLOCK_TOKEN = re.compile(r"^\d{1,2}(?::\d{2}|(?:[:.]\d{2})?[ap]\.?m\.?)$", re.IGNORECASE)
_RELATIVE = re.compile(
    r"\b(?:yesterday|today|tonight|tomorrow|last|next|this|ago|earlier|later|recent|recently|"
    r"past|previous|coming|weekend|week|weeks|month|months|year|years|decade|decades|century|"
    r"fortnight|days?|hours?|minutes?|season|spring|summer|autumn|winter)\b",
    re.IGNORECASE,
)
_APPROXIMATE_TIME = re.compile(
    r"\b(?:about|around|approximately|roughly|shortly|just|early|late|some time)\b", re.I
)
_TIME_ROLES = {
    "on": "at",
    "in": "at",
    "at": "at",
    "during": "at",
    "for": "at",  # "scheduled for September 25"; "for three days" has no date to read
    "since": "from",
    "from": "from",
    "until": "until",
    "till": "until",
    "through": "until",
    "by": "until",
}


def _parse_when(text: str, *, role: str, predicate: int | None) -> When | None:
    """The calendar and clock fields a date or time expression states, or None."""
    lower = text.lower()
    words = re.findall(r"[a-z]+", lower)
    weekdays = {_WEEKDAYS[w] for w in words if w in _WEEKDAYS}
    if len(weekdays) > 1 or len({_MONTHS[w] for w in words if w in _MONTHS}) > 1:
        return None  # "Friday to Sunday" is a span; its ends are not read apart
    weekday = next(iter(weekdays), None)
    # Months come from the model's DATE entities, which already tell "May" the month
    # from "may" the verb.
    month = next((_MONTHS[w] for w in words if w in _MONTHS), None)
    day = None
    if month is not None:
        found = re.search(
            rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{_MONTH_PATTERN})\b"
            rf"|\b(?:{_MONTH_PATTERN})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b",
            lower,
        )
        if found:
            day = int(found.group(1) or found.group(2))
            if not 1 <= day <= 31:
                return None
    year_match = re.search(r"(?<![\d,.])(1[89]\d\d|20\d\d)(?![\d,.]|s\b)", lower)
    year = int(year_match.group(1)) if year_match else None
    minutes = _clock(lower)
    part = next((w for w in words if w in _PARTS_OF_DAY), None)
    relative = bool(_RELATIVE.search(lower))
    if relative:
        part = None  # "last night", "this morning": which day depends on the publication date
    if all(field is None for field in (weekday, month, day, year, minutes, part)):
        return None
    return When(
        text=text,
        role=role,
        weekday=weekday,
        day=day,
        month=month,
        year=year,
        minutes=minutes,
        part=part,
        approximate=bool(_APPROXIMATE_TIME.search(lower)),
        predicate=predicate,
    )


def _clock(lower: str) -> int | None:
    if re.search(r"\b(?:noon|midday)\b", lower):
        return 12 * 60
    if "midnight" in lower:
        return 0
    found = re.search(r"\b(\d{1,2})(?:[:.](\d{2}))?\s*([ap])\.?\s?m\b\.?", lower)
    if found:
        hour, minute = int(found.group(1)), int(found.group(2) or 0)
        if not 1 <= hour <= 12 or minute > 59:
            return None
        return (hour % 12 + (12 if found.group(3) == "p" else 0)) * 60 + minute
    found = re.search(r"\b(\d{1,2}):(\d{2})\b", lower)
    if found:
        hour, minute = int(found.group(1)), int(found.group(2))
        if hour > 23 or minute > 59:
            return None
        return hour * 60 + minute
    return None


def _time_role(span: Span) -> tuple[str | None, bool]:
    """The role of a time in its clause, and whether it is only roughly that time."""
    root = span.root
    if root.dep_ != "pobj" or root.head.pos_ not in {"ADP", "SCONJ"}:
        return "at", False
    preposition = root.head
    if preposition.lower_ in {"after", "before"} and any(
        child.lower_ in {"just", "shortly", "soon"} for child in preposition.children
    ):
        return "at", True  # "just after midnight" is about midnight
    return _TIME_ROLES.get(preposition.lower_), False  # "before"/"for" stay uncompared


_WHEN_FIELDS = ("weekday", "day", "month", "year", "minutes", "part")


def _merge_times(parts: list[When]) -> When | None:
    """One time from the expressions of one clause: "Monday" + "morning", or None."""
    merged = parts[0]
    for part in parts[1:]:
        changes: dict[str, object] = {}
        for name in _WHEN_FIELDS:
            mine, theirs = getattr(merged, name), getattr(part, name)
            if mine is not None and theirs is not None and mine != theirs:
                return None
            if mine is None:
                changes[name] = theirs
        merged = dataclasses.replace(
            merged,
            text=f"{merged.text} {part.text}",
            approximate=merged.approximate or part.approximate,
            **changes,
        )
    return merged


def _weekday(when: When) -> int | None:
    if when.weekday is not None:
        return when.weekday
    if when.year and when.month and when.day:
        try:
            return datetime.date(when.year, when.month, when.day).weekday()
        except ValueError:
            return None
    return None


def _clock_distance(first: int, second: int) -> int:
    difference = abs(first - second) % 1440
    return min(difference, 1440 - difference)


def _in_windows(minutes: int, windows: tuple[tuple[int, int], ...], slack: int) -> bool:
    return any(start - slack <= minutes <= end + slack for start, end in windows)


def _windows_overlap(first: str, second: str) -> bool:
    return any(
        a_start < b_end and b_start < a_end
        for a_start, a_end in _PARTS_OF_DAY[first]
        for b_start, b_end in _PARTS_OF_DAY[second]
    )


def compare_times(first: When, second: When) -> Outcome | None:
    """Conflict when a field both state differs; compatible when all shared ones agree."""
    shared = False
    if first.year is not None and second.year is not None:
        shared = True
        if first.year != second.year:
            return CONFLICT
    if first.month is not None and second.month is not None:
        shared = True
        if first.month != second.month:
            return CONFLICT
        if first.day is not None and second.day is not None and first.day != second.day:
            return CONFLICT
    first_weekday, second_weekday = _weekday(first), _weekday(second)
    if first_weekday is not None and second_weekday is not None:
        shared = True
        if first_weekday != second_weekday:
            return CONFLICT
    slack = 60 if first.approximate or second.approximate else 30
    if first.minutes is not None and second.minutes is not None:
        shared = True
        if _clock_distance(first.minutes, second.minutes) > slack:
            return CONFLICT
    for clock, part in ((first.minutes, second.part), (second.minutes, first.part)):
        if clock is not None and part is not None:
            shared = True
            if not _in_windows(clock, _PARTS_OF_DAY[part], slack):
                return CONFLICT
    if first.part is not None and second.part is not None:
        shared = True
        if not _windows_overlap(first.part, second.part):
            return CONFLICT
    return COMPATIBLE if shared else None


# --- Places ----------------------------------------------------------------------------

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
    if word == "to" and governor.lower_ in {"close", "next"}:
        return "near"
    if word == "of" and governor.lower_ in _COMPASS and governor.dep_ != "pobj":
        return "direction"  # "30 km north of X"; "in the north of X" is read from "in"
    return _PLACE_ROLES.get(word)


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
    return sorted(words, key=lambda t: t.i)


def _place_key(name: str) -> str:
    words = [
        word
        for word in name.replace(".", " ").split()
        if not (word.islower() and word in _GENERIC_PLACE_NOUNS)
    ]
    return " ".join(words).casefold() or name.casefold()


def _same_place(first: str, second: str) -> bool:
    if first == second:
        return True
    first_words, second_words = set(first.split()), set(second.split())
    return first_words <= second_words or second_words <= first_words


def _regions_clash(first: str | None, second: str | None) -> bool:
    if first is None or second is None:
        return False
    if first in _COMPASS and second in _COMPASS:
        return not set(_COMPASS[first]) & set(_COMPASS[second])
    return False


# --- Comparing two texts ----------------------------------------------------------------


# Figures that give a part of a total: they can confirm a claim's figure, never refute it.
_SUBSET_ROLES = frozenset({"including", "among"})


def _intervals_overlap(first: Quantity, second: Quantity) -> bool:
    if first.high < second.low or second.high < first.low:
        return False
    # Reporters write "more than 250" for a source's "250": a strict comparative that
    # only touches the other figure is read loosely; a rounding boundary is not.
    loose = {first.bound, second.bound} & {"more_than", "less_than"}
    if first.high == second.low:
        return bool(loose) or (first.high_closed and second.low_closed)
    if second.high == first.low:
        return bool(loose) or (second.high_closed and first.low_closed)
    return True


def _participants_same(first: Participant, second: Participant) -> bool | None:
    """True when both name the same thing, False when they differ, None when unsure."""
    if first.named != second.named:
        return None  # "the company" may well be "Acme"
    if not first.named and (first.key in _GENERIC_KEYS or second.key in _GENERIC_KEYS):
        return None
    if first.key == second.key:
        return True
    if first.named:
        a, b = set(first.key.split()), set(second.key.split())
        return a <= b or b <= a
    return False


class _Comparer:
    """Compares one claim's slots with one evidence text's slots."""

    def __init__(self, claim: Slots, evidence: Slots) -> None:
        self.claim = claim
        self.evidence = evidence
        self.containment = claim.containment | evidence.containment

    def findings(self) -> list[Finding]:
        findings: list[Finding] = []
        pairs = self._predicate_pairs()
        findings.extend(self._polarity())
        findings.extend(self._participants(pairs))
        findings.extend(self._times(pairs))
        findings.extend(self._places(pairs))
        findings.extend(self._quantities())
        return list(dict.fromkeys(findings))

    # Which predicates to line up ---------------------------------------------------

    def _predicate_pairs(self) -> list[tuple[Predicate, Predicate]]:
        """Content predicates of claim and evidence that report the same event."""
        return [
            (mine, theirs)
            for mine in self.claim.predicates
            for theirs in self.evidence.predicates
            if not mine.frame and not theirs.frame and corresponds(mine.lemma, theirs.lemma)
        ]

    def _clash(self, mine: Predicate | None, theirs: Predicate | None) -> str | None:
        """A reason when the two predicates are about different participants."""
        if mine is None or theirs is None:
            return None
        for role in ("target", "agent"):
            first, second = getattr(mine, role), getattr(theirs, role)
            if (
                first is not None
                and second is not None
                and _participants_same(first, second) is False
            ):
                return f"{first.text} vs {second.text}"
        return None

    def _related(self, mine: Predicate, theirs: Predicate) -> bool:
        """True when the two predicates may be about the same participants.

        A shared participant says so; "the ferry" and "the Marta Vell" in the same role
        may be one, which is enough once nothing clashes. With no participant on one
        side ("it was not overloaded") there is nothing to go on.
        """
        mine_parts = [p for p in (mine.agent, mine.target) if p is not None]
        their_parts = [p for p in (theirs.agent, theirs.target) if p is not None]
        if any(_participants_same(a, b) for a in mine_parts for b in their_parts):
            return True
        return any(
            first is not None and second is not None and _participants_same(first, second) is None
            for first, second in ((mine.agent, theirs.agent), (mine.target, theirs.target))
        )

    def _context_differs(self, mine: Predicate, theirs: Predicate) -> bool:
        """True when the two predicates are placed at different times or places."""
        for first in self._slots_of(self.claim.times, mine):
            for second in self._slots_of(self.evidence.times, theirs):
                if first.role == second.role and compare_times(first, second) == CONFLICT:
                    return True
        places = self._place_sets(mine, theirs)
        return places is not None and places[0] != COMPATIBLE

    @staticmethod
    def _slots_of[T: (When, Place)](slots: Iterable[T], predicate: Predicate) -> list[T]:
        return [slot for slot in slots if slot.predicate == predicate.position]

    # Polarity ----------------------------------------------------------------------

    def _polarity(self) -> Iterator[Finding]:
        for mine in self.claim.predicates:
            if mine.frame or mine.speculative or not mine.main or mine.lemma in _LIGHT_VERBS:
                continue
            candidates = [
                theirs
                for theirs in self.evidence.predicates
                if not theirs.frame
                and not theirs.speculative
                and (corresponds(mine.lemma, theirs.lemma) or opposes(mine.lemma, theirs.lemma))
            ]
            # The evidence's own assertion speaks first; a side clause only if it is all
            # there is ("refused to pay" holds "pay" in an xcomp).
            main_candidates = [theirs for theirs in candidates if theirs.main]
            for theirs in main_candidates or candidates:
                finding = self._polarity_finding(mine, theirs)
                if finding is not None:
                    yield finding

    def _polarity_finding(self, mine: Predicate, theirs: Predicate) -> Finding | None:
        if self._clash(mine, theirs) or not self._related(mine, theirs):
            return None
        if self._context_differs(mine, theirs):
            return None  # "did not close on Monday" vs "closed on Wednesday": both may hold
        same = corresponds(mine.lemma, theirs.lemma)
        if same and mine.asserted != theirs.asserted:
            denial = theirs.denial or mine.denial
            if denial is not None:
                return Finding("polarity", CONFLICT, f"denies: '{denial}'")
            return Finding("polarity", CONFLICT, f"{mine.text} vs {theirs.text}")
        if same:
            return Finding("polarity", COMPATIBLE, f"{mine.text} agrees with {theirs.text}")
        if mine.asserted and theirs.asserted:
            return Finding("polarity", CONFLICT, f"{mine.text} vs {theirs.text}")
        return None

    # Agents and targets ------------------------------------------------------------

    def _participants(self, pairs: list[tuple[Predicate, Predicate]]) -> Iterator[Finding]:
        """Agents and targets of the claim's assertion against its best evidence match.

        An evidence clause with the same participants settles it even if another
        clause of the sentence is about something else ("officials who closed the
        roads said the schools stay closed").
        """
        for mine in self.claim.predicates:
            if not mine.main:
                continue
            candidates = sorted(
                (theirs for first, theirs in pairs if first is mine),
                key=lambda theirs: not theirs.main,
            )
            readings = [self._participant_findings(mine, theirs) for theirs in candidates]
            readings = [found for found in readings if found]
            agreeing = [found for found in readings if all(f.outcome == COMPATIBLE for f in found)]
            if agreeing:
                yield from agreeing[0]
            elif readings:
                yield from readings[0]

    def _participant_findings(self, mine: Predicate, theirs: Predicate) -> list[Finding]:
        found = []
        for role in _PARTICIPANT_ROLES:
            first, second = getattr(mine, role), getattr(theirs, role)
            if first is None or second is None:
                continue
            same = _participants_same(first, second)
            if same is True:
                reason = f"{role}: {first.text} agrees with {second.text}"
                found.append(Finding(role, COMPATIBLE, reason))
            elif same is False:
                found.append(self._participant_difference(role, mine, theirs, first, second))
        return found

    def _participant_difference(
        self,
        role: ParticipantRole,
        mine: Predicate,
        theirs: Predicate,
        first: Participant,
        second: Participant,
    ) -> Finding:
        reason = f"{role}: {first.text} vs {second.text}"
        swapped = (
            mine.agent is not None
            and mine.target is not None
            and theirs.agent is not None
            and theirs.target is not None
            and _participants_same(mine.agent, theirs.target) is True
            and _participants_same(mine.target, theirs.agent) is True
        )
        exclusive = (
            role == "agent"
            and first.named
            and second.named
            and mine.lemma in _EXCLUSIVE_AGENT_PREDICATES
            and mine.target is not None
            and theirs.target is not None
            and _participants_same(mine.target, theirs.target) is True
        )
        if (swapped or exclusive) and mine.asserted and theirs.asserted:
            return Finding(role, CONFLICT, reason)
        return Finding(role, DIFFERENT, reason)

    # Times and places ------------------------------------------------------------------

    def _comparable(self, mine: Predicate, theirs: Predicate) -> bool:
        return (
            mine.asserted
            and theirs.asserted
            and not mine.speculative
            and not theirs.speculative
            and self._clash(mine, theirs) is None
        )

    def _times(self, pairs: list[tuple[Predicate, Predicate]]) -> Iterator[Finding]:
        for mine, theirs in pairs:
            if not self._comparable(mine, theirs):
                continue
            for first in self._slots_of(self.claim.times, mine):
                for second in self._slots_of(self.evidence.times, theirs):
                    if first.role != second.role:
                        continue
                    outcome = compare_times(first, second)
                    if outcome == CONFLICT:
                        yield Finding("time", CONFLICT, f"{first.text} vs {second.text}")
                    elif outcome == COMPATIBLE:
                        yield Finding("time", COMPATIBLE, f"{first.text} agrees with {second.text}")

    def _places(self, pairs: list[tuple[Predicate, Predicate]]) -> Iterator[Finding]:
        for mine, theirs in pairs:
            if not self._comparable(mine, theirs):
                continue
            found = self._place_sets(mine, theirs)
            if found is not None:
                outcome, first, second = found
                joiner = " agrees with " if outcome == COMPATIBLE else " vs "
                yield Finding("place", outcome, f"{first.text}{joiner}{second.text}")

    def _place_sets(
        self, mine: Predicate, theirs: Predicate
    ) -> tuple[Outcome, Place, Place] | None:
        """The places of two clauses compared as sets, strongest agreement first.

        One shared place settles it: "to Norsund and Halvik" agrees with "to Halvik"
        even when the parser lost "Norsund" from one side.
        """
        outcomes = [
            (outcome, first, second)
            for first in self._slots_of(self.claim.places, mine)
            for second in self._slots_of(self.evidence.places, theirs)
            if (outcome := self._place_outcome(first, second, mine)) is not None
        ]
        for wanted in (COMPATIBLE, CONFLICT, DIFFERENT):
            for outcome, first, second in outcomes:
                if outcome == wanted:
                    return outcome, first, second
        return None

    def _place_outcome(self, first: Place, second: Place, predicate: Predicate) -> Outcome | None:
        same = _same_place(first.key, second.key)
        if {first.role, second.role} == {"near", "away"}:
            return CONFLICT if same else None
        if first.role != second.role:
            return None
        if same:
            return CONFLICT if _regions_clash(first.region, second.region) else COMPATIBLE
        if (first.key, second.key) in self.containment or (
            second.key,
            first.key,
        ) in self.containment:
            return COMPATIBLE
        if first.role == "in" and not self._siblings(first.key, second.key):
            return DIFFERENT  # "in Port Averly" vs "in Veldmark": one may hold the other
        if first.role in {"from", "to"} and predicate.lemma in _TRANSFER_PREDICATES:
            return DIFFERENT  # "received drones from Iran" and "from Turkey" may both hold
        return CONFLICT

    def _siblings(self, first: str, second: str) -> bool:
        """Both places lie in one larger one: "Harlow, Veldmark" and "Dunmore, Veldmark"."""
        first_outer = {outer for inner, outer in self.containment if inner == first}
        second_outer = {outer for inner, outer in self.containment if inner == second}
        return bool(first_outer & second_outer)

    # Quantities --------------------------------------------------------------------

    def _same_measure(self, first: Quantity, second: Quantity) -> bool:
        if first.role != second.role and not {first.role, second.role} & _SUBSET_ROLES:
            return False
        if first.owner is not None and second.owner is not None and first.owner != second.owner:
            return False  # "a 12 percent pay rise" is not "a 4 percent pay cut"
        if first.unit or second.unit:
            if "level" in {first.role, second.role} and None in {first.owner, second.owner}:
                return False  # a level of what? without the owner there is nothing to match
            return first.unit == second.unit and corresponds(first.event, second.event)
        if first.casualty or second.casualty:
            if first.event != second.event:
                return False
            return (
                first.noun is None
                or second.noun is None
                or first.noun == second.noun
                or (first.noun in EVENT_NOUNS or second.noun in EVENT_NOUNS)
            )
        if not corresponds(first.event, second.event):
            return False
        if first.noun is None and second.noun is None:
            return first.owner is not None and first.owner == second.owner
        return first.noun == second.noun

    def _quantities(self) -> Iterator[Finding]:
        for first in self.claim.quantities:
            matches = [s for s in self.evidence.quantities if self._same_measure(first, s)]
            outcomes: list[tuple[Outcome, Quantity]] = []
            for second in matches:
                mine = self.claim.predicate_at(first.predicate)
                theirs = self.evidence.predicate_at(second.predicate)
                clash = (
                    self._clash(mine, theirs)
                    if mine is not None
                    and theirs is not None
                    and corresponds(mine.lemma, theirs.lemma)
                    else None
                )
                if clash is not None:
                    outcomes.append((DIFFERENT, second))
                elif _intervals_overlap(first, second):
                    outcomes.append((COMPATIBLE, second))
                elif {first.role, second.role} & _SUBSET_ROLES:
                    continue  # "14 killed, including 9 in Veldmark": a part, not the total
                elif (
                    mine is not None and theirs is not None and self._context_differs(mine, theirs)
                ):
                    continue  # a toll on Monday and another on Wednesday may both be right
                else:
                    outcomes.append((CONFLICT, second))
            # A claim figure that fits any of the evidence's figures for the same measure
            # is not contradicted by the others ("30 injured, 12 of them children").
            for wanted in (COMPATIBLE, CONFLICT, DIFFERENT):
                match = next((s for o, s in outcomes if o == wanted), None)
                if match is None:
                    continue
                if wanted == COMPATIBLE:
                    reason = f"{first.described} is consistent with {match.described}"
                else:
                    reason = f"{first.described} vs {match.described}"
                yield Finding("quantity", wanted, reason)
                break
