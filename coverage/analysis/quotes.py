"""Attribution across sentence boundaries: quotations and bare attribution sentences.

Reporters often attribute a sentence from the one next to it:

- a quotation of several sentences is attributed once, where it closes
  ('"The fire is not under control. The wind is pushing it east," the governor
  said.') or where it opens ('Dan said: "The locals have been amazing. ...'), and
  a quotation with no frame of its own right after one that has a frame continues
  the same speaker;
- a quotation that runs on into the next paragraph is left open where the paragraph
  ends and opened again where the next begins, and is attributed where it closes
  ('"The bridge will stay shut until April.' / '"Repairs will cost millions," the
  engineer said.');
- a quotation or a claim is followed by a sentence that only names who said it:
  '"The invaders were thrown back." The minister said this on television.', or
  'Militants received 250 drones. A source in Kavar told the agency.', or one that says
  whose account the sentence before is: 'That is the figure the ministry gave.', 'That
  was the army's version.', 'That is what officials say.'

Those bare attribution sentences assert nothing of their own; the sentence they
refer to is hedged by them. Everything here works on sentence texts and offsets
(quotation marks are counted per paragraph); the parse, where the caller has one,
only decides what a bare attribution sentence is.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from coverage.analysis.hedging import account_givers, is_attribution_verb

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from coverage.analysis.segment import Sentence

_OPENING = "“"
_CLOSING = "”"
_STRAIGHT = '"'
# "he said.", "she added.", "police said.": too short to be parsed as candidates.
_SHORT_ATTRIBUTION = re.compile(
    r"^\W*(?:[A-Za-z][\w'’-]*\s+){0,3}(?:said|says|added|adds|told\s+\S+|wrote|reported|"
    r"explained|insisted|claimed|stated|confirmed)(?:\s+(?:on|in|at)\s+\S+)?\W*$",
    re.IGNORECASE,
)
# The clause children that give an attribution verb content of its own.
# What a sentence pointing back calls the one before: "this development", "these reports".
_STORY_NOUNS = frozenset({"development", "report", "news", "information", "story", "account"})
# Verbs an outlet passes a story on with: "has also been covered by RIA Novosti".
_COVERAGE_VERBS = frozenset({"cover", "carry", "echo", "publish", "relay", "pick"})
_CONTENT_DEPS = frozenset({"ccomp", "xcomp", "conj", "advcl", "parataxis", "csubj"})


@dataclass(frozen=True)
class Quoting:
    """How one sentence stands to the quotations of its paragraph.

    ``quoted`` are the sentence's character ranges inside quotation marks;
    ``whole`` says every letter of it is quoted; ``frame`` is the index of the
    sentence whose attribution covers it, or None.
    """

    quoted: tuple[tuple[int, int], ...] = ()
    whole: bool = False
    frame: int | None = None


def is_bare_attribution(text: str, doc: Doc | None) -> bool:
    """True for a sentence that only says who said something: "A source told Glasník."."""
    stripped = text.strip()
    if _OPENING in stripped or _STRAIGHT in stripped or _CLOSING in stripped:
        return False
    if introduces_the_next(stripped):
        return False  # it introduces the sentence after it, not the one before
    if doc is None:
        return bool(_SHORT_ATTRIBUTION.match(stripped))
    root = next((token for token in doc if token.dep_ == "ROOT"), None)
    if root is None:
        return False
    deps = {child.dep_ for child in root.children}
    if root.lemma_ == "be" and _points_back(root):
        return bool(account_givers(root))
    if deps & _CONTENT_DEPS:
        return False
    if _points_back(root):
        # "That was confirmed by the coastguard.", "That's according to the ministry.",
        # "This development has also been covered by RIA Novosti": the sentence before,
        # taken as a whole, and who gave it.
        return root.lower_ == "according" or (
            (is_attribution_verb(root) or root.lemma_.lower() in _COVERAGE_VERBS)
            and "agent" in deps
        )
    return is_attribution_verb(root) and "nsubj" in deps


def _points_back(root: Token) -> bool:
    """Whether the sentence's subject stands for the one before: "that" or "this" alone,
    or "this development", "these reports"."""
    return any(
        child.dep_ in {"nsubj", "nsubjpass"}
        and (
            (child.lower_ in {"that", "this", "such"} and not list(child.children))
            or (
                child.lemma_.lower() in _STORY_NOUNS
                and [c.lower_ for c in child.children] in (["this"], ["that"], ["these"])
            )
        )
        for child in root.children
    )


def read_quoting(
    sentences: Sequence[Sentence], docs: Mapping[int, Doc] | None = None
) -> tuple[dict[int, Quoting], set[int]]:
    """Quoting of each sentence (by index), and the indexes of bare attribution sentences.

    ``sentences`` are one article's sentences in order; ``docs`` the parses of
    those that have one, by sentence index.
    """
    docs = docs or {}
    quoting: dict[int, Quoting] = {}
    bare: set[int] = set()
    by_paragraph: dict[int, list[Sentence]] = {}
    for sentence in sentences:
        by_paragraph.setdefault(sentence.paragraph, []).append(sentence)
    # Sentences of a quotation left open where their paragraph ends, waiting for the
    # paragraph that goes on with it.
    running: list[int] = []
    introducer: int | None = None
    for paragraph in by_paragraph.values():
        left_open, opening_frame = _read_paragraph(paragraph, docs, quoting, bare, introducer)
        # "The engineer told reporters:" ending a paragraph introduces the next one.
        introducer = paragraph[-1].index if introduces_the_next(paragraph[-1].text) else None
        goes_on = bool(running) and _opens_with_a_quotation(paragraph)
        if goes_on and opening_frame is not None:
            for index in running:
                quoting[index] = replace(quoting[index], frame=opening_frame)
            goes_on = False
        if left_open and goes_on and left_open[0] == paragraph[0].index:
            running = [*running, *left_open]  # still open: the quotation runs on
        else:
            running = left_open
    return quoting, bare


def _opens_with_a_quotation(paragraph: list[Sentence]) -> bool:
    return paragraph[0].text.lstrip()[:1] in {_OPENING, _STRAIGHT}


def _read_paragraph(
    paragraph: list[Sentence],
    docs: Mapping[int, Doc],
    quoting: dict[int, Quoting],
    bare: set[int],
    introducer: int | None = None,
) -> tuple[list[int], int | None]:
    """Reads one paragraph into ``quoting`` and ``bare``. Returns the sentences of a last
    quotation left open without a frame, and the frame of the quotation that opens the
    paragraph (None where it has none). ``introducer`` is the sentence ending in a colon
    that closes the paragraph before, if any."""
    ranges: dict[int, list[tuple[int, int]]] = {s.index: [] for s in paragraph}
    # Each quotation: the sentences it touches, with text before its opening mark in
    # the first and after its closing mark in the last.
    quotations: list[dict] = []
    inside = False
    for sentence in paragraph:
        text = sentence.text
        start = 0 if inside else None
        for position, character in enumerate(text):
            opens = character == _OPENING or (character == _STRAIGHT and not inside)
            closes = character == _CLOSING or (character == _STRAIGHT and inside)
            if opens and not inside:
                inside = True
                start = position + 1
                quotations.append(
                    {"sentences": [sentence.index], "before": text[:position], "after": ""}
                )
            elif closes and inside:
                inside = False
                ranges[sentence.index].append((start or 0, position))
                quotations[-1]["after"] = text[position + 1 :]
                quotations[-1]["closer"] = sentence.index
            elif inside and quotations and quotations[-1]["sentences"][-1] != sentence.index:
                quotations[-1]["sentences"].append(sentence.index)
        if inside:
            ranges[sentence.index].append((start or 0, len(text)))
            if quotations and quotations[-1]["sentences"][-1] != sentence.index:
                quotations[-1]["sentences"].append(sentence.index)

    order = [s.index for s in paragraph]
    texts = {s.index: s.text for s in paragraph}
    frames: dict[int, int] = {}
    previous_frame: int | None = None
    previous_end: int | None = None
    left_open: list[int] = []
    opening_frame: int | None = None
    for number, quotation in enumerate(quotations):
        members = quotation["sentences"]
        frame = None
        if _has_words(quotation["after"]) and "closer" in quotation:
            frame = quotation["closer"]
        elif _has_words(quotation["before"]):
            frame = members[0]
        elif (introduced := _introduced_by(members[0], order, texts, introducer)) is not None:
            frame = introduced  # 'The engineer told reporters: "..."' across a sentence break
        else:
            following = _next(order, members[-1])
            if following is not None and is_bare_attribution(texts[following], docs.get(following)):
                frame = following
                bare.add(following)
            elif previous_frame is not None and previous_end == _previous(order, members[0]):
                frame = previous_frame  # a second quotation of the same speaker
        if number == 0:
            opening_frame = frame
        if frame is None:
            if "closer" not in quotation:
                left_open = list(members)
            continue
        for member in members:
            if member != frame:
                frames.setdefault(member, frame)
        previous_frame, previous_end = frame, members[-1]

    for sentence in paragraph:
        quoted = tuple(ranges[sentence.index])
        whole = bool(quoted) and _all_letters_quoted(sentence.text, quoted)
        frame = frames.get(sentence.index)
        if frame is None and not whole and sentence.index not in bare:
            following = _next(order, sentence.index)
            if following is not None and is_bare_attribution(texts[following], docs.get(following)):
                frame = following
                bare.add(following)
        quoting[sentence.index] = Quoting(quoted=quoted, whole=whole, frame=frame)
    return left_open, opening_frame


def _introduced_by(
    first: int, order: list[int], texts: Mapping[int, str], introducer: int | None
) -> int | None:
    """The sentence ending in a colon right before sentence ``first``: in its paragraph, or
    closing the paragraph before (``introducer``) when ``first`` opens its own."""
    before = _previous(order, first)
    if before is None:
        return introducer
    return before if introduces_the_next(texts[before]) else None


def introduces_the_next(text: str) -> bool:
    """A sentence ending in a colon introduces what follows: "The engineer told reporters:"."""
    return text.rstrip().endswith(":")


def _has_words(text: str) -> bool:
    return sum(character.isalpha() for character in text) >= 2


def _all_letters_quoted(text: str, quoted: tuple[tuple[int, int], ...]) -> bool:
    return all(
        any(start <= position < end for start, end in quoted)
        for position, character in enumerate(text)
        if character.isalpha()
    )


def _next(order: list[int], index: int) -> int | None:
    position = order.index(index)
    return order[position + 1] if position + 1 < len(order) else None


def _previous(order: list[int], index: int) -> int | None:
    position = order.index(index)
    return order[position - 1] if position > 0 else None
