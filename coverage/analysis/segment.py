"""Sentence segmentation with character offsets, and boilerplate detection.

Pure Python on purpose: the web app stores every article's sentences when it is
imported, and that must work on a laptop without the NLP models installed.
Offsets index into the original text, so evidence can be highlighted in place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Abbreviations whose trailing period does not end a sentence.
_ABBREVIATIONS = frozenset(
    {
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "sr",
        "jr",
        "st",
        "mt",
        "gen",
        "col",
        "lt",
        "maj",
        "capt",
        "sgt",
        "cpl",
        "adm",
        "gov",
        "sen",
        "rep",
        "pres",
        "rev",
        "hon",
        "no",
        "vs",
        "etc",
        "inc",
        "ltd",
        "co",
        "corp",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "u.s",
        "u.k",
        "u.n",
        "e.g",
        "i.e",
        "approx",
        "dept",
        "est",
        "fig",
        "al",
    }
)

# A candidate boundary: terminal punctuation, optional closing quotes/brackets, then space.
_BOUNDARY = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s)")
_PARAGRAPH = re.compile(r"\n\s*\n")

# Lines that carry no claim of the outlet's own: links out, bylines, credits.
_BOILERPLATE = [
    re.compile(p, re.IGNORECASE)
    for p in (
        r"^read (the )?full (article|story)\b",
        r"\bread (the )?full (article|story) (at|on)\b",
        r"\bcontributed to this (report|article|story)\b",
        r"^(by|written by|reporting by|editing by)\s+[A-Z][\w.'-]*(\s+[A-Z][\w.'-]*){0,3}\s*$",
        r"^(click|tap) here\b",
        r"^(subscribe|sign up)\b.*\bnewsletter\b",
        r"^(share|follow us) (on|this)\b",
        r"^(photo|image|video)( credit)?:",
        r"^advertisement$",
        r"^copyright\b|^©",
    )
]


@dataclass(frozen=True)
class Sentence:
    """A sentence of an article: its text and where it sits in the original string."""

    index: int
    text: str
    start: int
    end: int
    paragraph: int = 0


def is_boilerplate(text: str) -> bool:
    """True for sentences that are site furniture rather than reporting."""
    stripped = text.strip()
    return any(pattern.search(stripped) for pattern in _BOILERPLATE)


def _is_abbreviation(text: str, boundary_start: int) -> bool:
    """True when the period at boundary_start closes an abbreviation or an initial."""
    if text[boundary_start] != ".":
        return False
    word_start = boundary_start
    while word_start > 0 and not text[word_start - 1].isspace():
        word_start -= 1
    word = text[word_start:boundary_start].lstrip("(\"'“‘").lower()
    if word in _ABBREVIATIONS:
        return True
    # A single capital letter ("J. Smith") is an initial.
    return len(word) == 1 and word.isalpha()


def _split_span(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split text[start:end] (one paragraph) into sentence spans."""
    spans: list[tuple[int, int]] = []
    sentence_start = start
    for match in _BOUNDARY.finditer(text, start, end):
        if _is_abbreviation(text, match.start()):
            continue
        following = text[match.end() : end].lstrip()
        # A lowercase continuation means the punctuation was not a sentence end.
        if following and following[0].islower():
            continue
        spans.append((sentence_start, match.end()))
        sentence_start = match.end()
    spans.append((sentence_start, end))
    # Lines inside a paragraph (titles, datelines) are separate sentences too.
    split_lines: list[tuple[int, int]] = []
    for span_start, span_end in spans:
        line_start = span_start
        for newline in re.finditer(r"\n", text[span_start:span_end]):
            split_lines.append((line_start, span_start + newline.start()))
            line_start = span_start + newline.end()
        split_lines.append((line_start, span_end))
    return split_lines


def split_sentences(text: str, *, drop_boilerplate: bool = False) -> list[Sentence]:
    """Split text into sentences, keeping character offsets into ``text``.

    Offsets exclude surrounding whitespace, so ``text[s.start:s.end] == s.text``.
    With ``drop_boilerplate`` the site furniture is left out; indexes stay dense.
    """
    sentences: list[Sentence] = []
    paragraph_start = 0
    paragraph_bounds: list[tuple[int, int]] = []
    for separator in _PARAGRAPH.finditer(text):
        paragraph_bounds.append((paragraph_start, separator.start()))
        paragraph_start = separator.end()
    paragraph_bounds.append((paragraph_start, len(text)))

    for paragraph_number, (para_start, para_end) in enumerate(paragraph_bounds):
        for span_start, span_end in _split_span(text, para_start, para_end):
            while span_start < span_end and text[span_start].isspace():
                span_start += 1
            while span_end > span_start and text[span_end - 1].isspace():
                span_end -= 1
            if span_start == span_end:
                continue
            sentence_text = text[span_start:span_end]
            if not any(character.isalnum() for character in sentence_text):
                continue
            if drop_boilerplate and is_boilerplate(sentence_text):
                continue
            sentences.append(
                Sentence(
                    index=len(sentences),
                    text=sentence_text,
                    start=span_start,
                    end=span_end,
                    paragraph=paragraph_number,
                )
            )
    return sentences
