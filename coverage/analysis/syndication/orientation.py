"""Which article of a pair that shares text is the original, and why."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from coverage.analysis.names import NameMatcher, display_name, initials, is_acronym
from coverage.analysis.syndication.credits import Credit, credits, source_key
from coverage.analysis.syndication.model import Basis, Document
from coverage.analysis.syndication.shingles import Fingerprint


@dataclass(frozen=True)
class Orientation:
    original: Document
    republished: Document
    basis: Basis
    reasons: tuple[str, ...]
    common_source: str = ""


def orient(
    first: Document,
    first_print: Fingerprint,
    second: Document,
    second_print: Fingerprint,
) -> Orientation:
    """Which of two articles that share text takes it from the other, and why.

    In order: an article naming the other's outlet ("told Glasník", "(CPA) -",
    "Source: Halvia Daily Digest") takes from it; both crediting one outside source
    in a credit line reprint that source; the later article takes from the earlier;
    the only one with a credit line to an outside source republishes; the one whose
    quotation stops where the other's runs on (a copy can cut a quotation, not
    lengthen it); the shorter; the one added later.
    """
    first_names, second_names = _names_other(first, second), _names_other(second, first)
    if first_names and not second_names:
        return Orientation(
            second, first, Basis.CREDIT, (f"It names {_outlet(second)}: “{first_names}”.",)
        )
    if second_names and not first_names:
        return Orientation(
            first, second, Basis.CREDIT, (f"It names {_outlet(first)}: “{second_names}”.",)
        )
    outside = [
        (mine, theirs)
        for mine in credits(first.text)
        for theirs in credits(second.text)
        if _same_source(mine.source, theirs.source)
        and not _names_outlet(first, mine.source)
        and not _names_outlet(second, theirs.source)
    ]
    if outside:
        mine, theirs = outside[0]
        # The full name rather than its initials: "Norvik Radio Agency", not "NRA".
        source = max(mine.source, theirs.source, key=len)
        earlier, later = sorted((first, second), key=_publication_order)
        return Orientation(
            earlier,
            later,
            Basis.SHARED_SOURCE,
            (f"Both say they reprint {source}: “{mine.quote}” and “{theirs.quote}”.",),
            common_source=source,
        )
    if first.published_at and second.published_at and first.published_at != second.published_at:
        earlier, later = sorted((first, second), key=lambda document: document.published_at)
        hours = (later.published_at - earlier.published_at).total_seconds() / 3600
        return Orientation(
            earlier, later, Basis.PUBLISHED, (f"It was published {_duration(hours)} later.",)
        )
    first_lines, second_lines = _republication_credits(first), _republication_credits(second)
    if bool(first_lines) != bool(second_lines):
        crediting, other = (first, second) if first_lines else (second, first)
        quote = (first_lines or second_lines)[0].quote
        return Orientation(other, crediting, Basis.CREDIT, (f"It credits a source: “{quote}”.",))
    first_quotes, second_quotes = _quotations(first.text), _quotations(second.text)
    for fuller, fuller_quotes, cut, cut_quotes in (
        (first, first_quotes, second, second_quotes),
        (second, second_quotes, first, first_quotes),
    ):
        quote = _runs_on(fuller_quotes, cut_quotes)
        if quote and not _runs_on(cut_quotes, fuller_quotes):
            return Orientation(
                fuller,
                cut,
                Basis.QUOTES,
                (f"It quotes less of what the other quotes in full: “{quote}”.",),
            )
    if first_print.words != second_print.words:
        longer, shorter = (
            (first, second) if first_print.words > second_print.words else (second, first)
        )
        return Orientation(longer, shorter, Basis.LENGTH, ("It is the shorter text.",))
    earlier, later = (first, second) if first.order <= second.order else (second, first)
    return Orientation(earlier, later, Basis.ADDED, ("It was added to the event later.",))


def names_either(first: Document, second: Document) -> bool:
    """Whether one of two articles names the other's outlet ("told Glasník", "(CPA) -")."""
    return bool(_names_other(first, second) or _names_other(second, first))


def direction(
    first: Document, first_print: Fingerprint, second: Document, second_print: Fingerprint
) -> tuple[Document, Document, Basis]:
    """(original, republished, basis), as ``orient`` decides."""
    found = orient(first, first_print, second, second_print)
    return found.original, found.republished, found.basis


# A quotation of a few words or more, in double or single marks.
_QUOTATION = re.compile(r"[“\"]([^“”\"]{12,})[”\"]|(?<!\w)‘([^‘’]{12,}?)’(?!\w)")
# Words a cut quotation must lack: a copy that drops a word or two is an edit, not a cut.
_CUT_WORDS = 3


Quotations = list[tuple[str, tuple[str, ...]]]


def _runs_on(fuller: Quotations, cut: Quotations) -> str:
    """A quotation of the fuller article (its ``_quotations``) that holds one of the cut
    article's whole and goes on for a few words more, or ""."""
    for quote, words in fuller:
        for _, shorter in cut:
            if len(words) - len(shorter) >= _CUT_WORDS and _contains(words, shorter):
                return quote
    return ""


def _quotations(text: str) -> Quotations:
    found = []
    for match in _QUOTATION.finditer(text):
        quote = (match.group(1) or match.group(2)).strip()
        found.append((quote, tuple(re.findall(r"\w+", quote.lower()))))
    return found


def _contains(words: tuple[str, ...], part: tuple[str, ...]) -> bool:
    size = len(part)
    return size >= _CUT_WORDS and any(
        words[start : start + size] == part for start in range(len(words) - size + 1)
    )


def _same_source(one: str, other: str) -> bool:
    """Two credits name one source: the same name, or one the initials of the other
    ("(NRA) -" in a dateline and "supplied by the Norvik Radio Agency")."""
    if source_key(one) == source_key(other):
        return True
    return any(
        is_acronym(short) and initials(long) == display_name(short).upper()
        for short, long in ((one, other), (other, one))
    )


def _names_other(document: Document, other: Document) -> str:
    """The words of ``document`` that name ``other``'s outlet, or ""."""
    if not other.names or set(other.names) & set(document.names):
        return ""
    return _matcher(other.names).find(document.text, "outlet")


@functools.lru_cache(maxsize=256)
def _matcher(names: tuple[str, ...]) -> NameMatcher:
    return NameMatcher({"outlet": names})


def _republication_credits(document: Document) -> list[Credit]:
    """Credit lines saying the text comes from elsewhere: not datelines, which the
    agency's own copy carries too, and not the outlet crediting itself."""
    return [
        credit
        for credit in credits(document.text)
        if not credit.dateline and not _names_outlet(document, credit.source)
    ]


def _names_outlet(document: Document, name: str) -> bool:
    return bool(document.names) and _matcher(document.names).match(name) == "outlet"


def _outlet(document: Document) -> str:
    return document.names[0] if document.names else "the other outlet"


def _publication_order(document: Document) -> tuple[bool, float, int]:
    published = document.published_at.timestamp() if document.published_at else 0.0
    return (document.published_at is None, published, document.order)


def _duration(hours: float) -> str:
    if hours < 1:
        return f"{round(hours * 60)} minutes"
    if hours < 48:
        return f"{hours:.0f} hour{'s' if round(hours) != 1 else ''}"
    return f"{hours / 24:.0f} days"
