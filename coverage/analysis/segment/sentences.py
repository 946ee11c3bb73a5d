"""Splitting a text into sentences with character offsets, glued sentences included."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from coverage.analysis.segment.datelines import (
    DATELINE_HINT,
    DATELINE_REACH,
    DATELINE_START,
    strip_dateline,
)
from coverage.analysis.segment.furniture import (
    RELATED_HEADING,
    RELATED_HEADING_LENGTH,
    Furniture,
    furniture_kind,
)

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
        "approx",
        "dept",
        "est",
        "fig",
        "al",
    }
)
# Abbreviations that end a sentence often enough to split a glued one after them.
_SENTENCE_FINAL_ABBREVIATIONS = frozenset({"etc", "inc", "ltd", "co", "corp", "al"})
# Dotted abbreviations that never end a sentence ("e.g. The").
_NEVER_FINAL = frozenset({"e.g", "i.e"})
# A dotted abbreviation or run of initials: "u.s", "a.m", "j.r.r", "ph.d".
_DOTTED = re.compile(r"[a-z]{1,2}(?:\.[a-z]{1,2})+")
# Words that start a new sentence after a dotted abbreviation ("in the U.S. The ..."),
# as opposed to a name or noun it qualifies ("U.S. Army", "J.R.R. Tolkien").
_SENTENCE_STARTERS = frozenset(
    [
        "the",
        "a",
        "an",
        "he",
        "she",
        "it",
        "they",
        "we",
        "i",
        "you",
        "his",
        "her",
        "their",
        "its",
        "our",
        "this",
        "that",
        "these",
        "those",
        "there",
        "but",
        "and",
        "however",
        "meanwhile",
        "in",
        "on",
        "at",
        "after",
        "before",
        "when",
        "while",
        "since",
        "as",
        "if",
        "yet",
        "so",
        "still",
        "also",
        "then",
        "now",
        "earlier",
        "later",
        "last",
        "both",
        "some",
        "many",
        "most",
        "several",
        "one",
        "two",
        "three",
    ]
)
# Domain endings: a capitalised one after a period is a web address, not a sentence.
_DOMAIN_ENDINGS = frozenset(
    [
        "com",
        "org",
        "net",
        "edu",
        "gov",
        "mil",
        "info",
        "biz",
        "io",
        "co",
        "uk",
        "ru",
        "ua",
        "fr",
        "de",
        "tv",
        "eu",
        "ca",
        "au",
        "cn",
        "jp",
        "news",
        "ly",
        "sy",
        "tr",
        "ir",
        "il",
        "by",
        "kz",
        "am",
        "ge",
        "az",
        "md",
        "lt",
        "lv",
        "ee",
        "pl",
        "cz",
    ]
)

# A candidate boundary: terminal punctuation, optional closing quotes/brackets, then
# space; or, glued, terminal punctuation straight before a capitalised word, perhaps
# through closing and opening quotes ('said."Next', 'deal.”The', 'Nusra*.The').
_BOUNDARY = re.compile(r"[.!?…]+(?:[\"'”’)\]]*(?=\s)|(?=[\"'”’)\]]*[\"“‘(*]?[A-Z]))")
_NEXT_CHARACTER = re.compile(r"\s*(\S)")
_CLOSERS = "\"'”’)]*"
_PARAGRAPH = re.compile(r"\n\s*\n")
_TERMINAL_END = re.compile(r"[.!?…][\"'”’)\]*]*$")


@dataclass(frozen=True)
class Sentence:
    """A sentence of an article: its text and where it sits in the original string.

    ``listed_under`` is set on the titles of other articles listed under a
    "Related Posts" heading: furniture that only the sentence's place shows.
    """

    index: int
    text: str
    start: int
    end: int
    paragraph: int = 0
    listed_under: Furniture | None = field(default=None, compare=False)

    @functools.cached_property
    def furniture(self) -> Furniture | None:
        """The kind of page furniture the sentence is, or None for reporting."""
        return self.listed_under or furniture_kind(self.text)


def _is_abbreviation(text: str, boundary_start: int, end: int) -> bool:
    """True when the period at boundary_start closes an abbreviation or an initial."""
    if text[boundary_start] != ".":
        return False
    word_start = boundary_start
    while word_start > 0 and not text[word_start - 1].isspace():
        word_start -= 1
    word = text[word_start:boundary_start].lstrip("(\"'“‘").lower()
    if _DOTTED.fullmatch(word):
        # "in the U.S. The ..." ends a sentence; "U.S. Army", "J.R.R. Tolkien" do not.
        if word in _NEVER_FINAL:
            return True
        following = _next_word(text, boundary_start + 1, end)
        return following.lower() not in _SENTENCE_STARTERS or following[:1].islower()
    if word in _ABBREVIATIONS:
        return True
    # A single capital letter ("J. Smith") is an initial.
    return len(word) == 1 and word.isalpha()


def _next_word(text: str, position: int, end: int) -> str:
    while position < end and (text[position].isspace() or text[position] in "\"'“‘("):
        position += 1
    word_end = position
    while word_end < end and text[word_end].isalpha():
        word_end += 1
    return text[position:word_end]


def _glued_end(text: str, match: re.Match[str], paragraph_start: int, end: int) -> int | None:
    """Where the first of two glued sentences ends, or None when the punctuation
    at ``match`` is inside a token ("RT.com", "a.m.Then", "Mr.Smith")."""
    punctuation_start, punctuation_end = match.span()
    if punctuation_start == paragraph_start or text[punctuation_start - 1] in _NOT_BEFORE_GLUE:
        return None
    punctuation = match.group()
    if ".." in punctuation or "…" in punctuation:
        return None  # an ellipsis: "hitch...I"
    # The character the sentence ends on, looking through closing quotes and marks.
    core = punctuation_start - 1
    while core > paragraph_start and text[core] in _CLOSERS:
        core -= 1
    character = text[core]
    closed = core < punctuation_start - 1
    if not (character.isdigit() or character.islower() or (closed and character.isalnum())):
        return None
    token_start = core
    while token_start > paragraph_start and not text[token_start - 1].isspace():
        token_start -= 1
    token_end = punctuation_end
    while token_end < end and not text[token_end].isspace():
        token_end += 1
    token = text[token_start:token_end]
    if "@" in token or "://" in token or "www." in token.lower():
        return None
    left = text[token_start:punctuation_start]
    if _DOTTED_INSIDE.search(left):
        return None  # "a.m.Then", "bbc.co.Uk", "U.S.Army"
    left_word = _LAST_WORD.search(left)
    if left_word is not None:
        word = left_word.group().lower()
        if word in _ABBREVIATIONS and word not in _SENTENCE_FINAL_ABBREVIATIONS:
            return None  # "Mr.Smith", "Nov.Russia"
    # The next sentence: through closing quotes, then maybe an opening mark, a capital.
    position = punctuation_end
    after_closers = position
    while after_closers < end and text[after_closers] in _CLOSERS:
        after_closers += 1
    next_word = _CAPITALISED.match(text, after_closers + (text[after_closers] in '"“‘(*'), end)
    if next_word is None:
        return None
    word = next_word.group()
    if len(word) == 1 and not character.islower():
        return None  # "Section 3.A"
    if (
        word.lower() in _DOMAIN_ENDINGS
        and not text[next_word.end() : next_word.end() + 1].isalpha()
    ):
        return None  # "Phnotes.Com", "iGen.Fr"
    # Closing marks belong to the first sentence; a straight double quote does when
    # it closes a quotation opened in this paragraph, and opens the next one otherwise.
    while position < after_closers:
        mark = text[position]
        if mark == '"' and text.count('"', paragraph_start, position) % 2 == 0:
            break
        if mark == "'" and position != punctuation_end:
            break
        if mark == "*":
            break
        position += 1
    return position


_NOT_BEFORE_GLUE = frozenset(" \t\r\n.!?…")
_DOTTED_INSIDE = re.compile(r"[^\W\d_]\.[^\W\d_]")
_LAST_WORD = re.compile(r"[^\W\d_]+$")
# A capitalised word ("Meanwhile"), or a one-letter one ("A", "I") before a space.
_CAPITALISED = re.compile(r"[A-Z](?:[a-z][\w'’-]*|(?=[\s'’]))")


def _split_span(text: str, start: int, end: int) -> list[tuple[int, int, bool]]:
    """Split text[start:end] (one paragraph) into sentence spans, each with whether it
    starts a line."""
    boundaries: list[int] = []
    for match in _BOUNDARY.finditer(text, start, end):
        boundary = match.end()
        if not text[boundary].isspace():
            glued = _glued_end(text, match, start, end)
            if glued is not None:
                boundaries.append(glued)
            continue
        if _is_abbreviation(text, match.start(), end):
            continue
        # A lowercase continuation means the punctuation was not a sentence end.
        following = _NEXT_CHARACTER.match(text, boundary, end)
        if following is not None and following.group(1).islower():
            continue
        boundaries.append(boundary)
    spans: list[tuple[int, int, bool]] = []
    sentence_start = start
    for boundary in boundaries:
        spans.append((sentence_start, boundary, sentence_start == start))
        sentence_start = boundary
    spans.append((sentence_start, end, sentence_start == start))
    # Lines inside a paragraph (titles, datelines) are separate sentences too.
    if text.find("\n", start, end) < 0:
        return spans
    split_lines: list[tuple[int, int, bool]] = []
    for span_start, span_end, starts_line in spans:
        line_start = span_start
        newline = text.find("\n", line_start, span_end)
        while newline >= 0:
            split_lines.append((line_start, newline, starts_line))
            line_start = newline + 1
            starts_line = True
            newline = text.find("\n", line_start, span_end)
        split_lines.append((line_start, span_end, starts_line))
    return split_lines


def _starts_line(text: str, position: int) -> bool:
    while position > 0 and text[position - 1] in " \t\r":
        position -= 1
    return position == 0 or text[position - 1] == "\n"


def _is_line(text: str, start: int, end: int) -> bool:
    """True when text[start:end] is a whole line."""
    if not _starts_line(text, start):
        return False
    while end < len(text) and text[end] in " \t\r":
        end += 1
    return end == len(text) or text[end] == "\n"


def split_sentences(
    text: str, *, drop_boilerplate: bool = False, strip_datelines: bool = True
) -> list[Sentence]:
    """Split text into sentences, keeping character offsets into ``text``.

    Offsets exclude surrounding whitespace, so ``text[s.start:s.end] == s.text``.
    Glued sentences ("vehicles.Meanwhile") are split. With ``strip_datelines`` (the
    default) a sentence that starts a line with a dateline starts after it.
    Each sentence tells its ``furniture`` kind; with ``drop_boilerplate`` the
    furniture is left out, and indexes stay dense.
    """
    sentences: list[Sentence] = []
    paragraph_start = 0
    paragraph_bounds: list[tuple[int, int]] = []
    for separator in _PARAGRAPH.finditer(text):
        paragraph_bounds.append((paragraph_start, separator.start()))
        paragraph_start = separator.end()
    paragraph_bounds.append((paragraph_start, len(text)))

    # Datelines without an agency or date count only before the first real sentence.
    leading = True
    # Inside a list of other articles' titles under a "Related" heading.
    related_list = False
    for paragraph_number, (para_start, para_end) in enumerate(paragraph_bounds):
        for span_start, span_end, starts_line in _split_span(text, para_start, para_end):
            while span_start < span_end and text[span_start].isspace():
                span_start += 1
            while span_end > span_start and text[span_end - 1].isspace():
                span_end -= 1
            if span_start == span_end:
                continue
            if (
                strip_datelines
                and starts_line
                and DATELINE_START.match(text, span_start, span_end)
                and DATELINE_HINT.search(
                    text, span_start, min(span_end, span_start + DATELINE_REACH)
                )
            ):
                reporting_start = strip_dateline(text, span_start, span_end, leading=leading)
                if reporting_start < span_end:
                    span_start = reporting_start
            sentence_text = text[span_start:span_end]
            if not any(character.isalnum() for character in sentence_text):
                continue
            listed_under: Furniture | None = None
            if related_list:
                if _is_line(text, span_start, span_end) and not _TERMINAL_END.search(sentence_text):
                    listed_under = Furniture.RELATED
                else:
                    related_list = False
            if (
                len(sentence_text) <= RELATED_HEADING_LENGTH
                and RELATED_HEADING.match(sentence_text)
                and _is_line(text, span_start, span_end)
            ):
                related_list = True
            if (
                leading
                and listed_under is None
                and _TERMINAL_END.search(sentence_text)
                and furniture_kind(sentence_text) is None
            ):
                leading = False
            sentence = Sentence(
                index=len(sentences),
                text=sentence_text,
                start=span_start,
                end=span_end,
                paragraph=paragraph_number,
                listed_under=listed_under,
            )
            if drop_boilerplate and sentence.furniture is not None:
                continue
            sentences.append(sentence)
    return sentences
