"""Definite descriptions that point back to a source the article named before.

"A little-known group, the Tavrel Liberation Front, claimed the attack. The group
says ..." cites the front, not an origin called "group": a reader resolves "the
group", "the company", "the ministry" to the body named earlier, and so must the
count of origins, or one group becomes two.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from coverage.analysis.sources.model import Citation, SourceKind

# A name of two capitalised words or more ("Tavrel Liberation Front", "Ministry of
# Defence", "Orvan Lake Lines"); one capitalised word may only start a sentence.
_NAME = re.compile(r"\b[A-Z][\w'’-]*(?:\s+(?:of\s+|for\s+)?[A-Z][\w'’-]*)+")
# What a reader calls a body by the last word of its name: a "Liberation Front" is a
# group of rebels, "Orvan Lake Lines" a company. Singular forms.
_KINDS_BY_HEAD: dict[str, frozenset[str]] = {}
for _heads, _kinds in (
    (
        ("front", "army", "brigade", "brigades", "movement", "militia", "guard"),
        ("group", "rebel", "militant", "insurgent", "fighter", "guerrilla", "movement"),
    ),
    (
        (
            "lines",
            "company",
            "corporation",
            "corp",
            "holdings",
            "ltd",
            "inc",
            "airlines",
            "railways",
            "energy",
            "group",
        ),
        ("company", "firm", "operator", "group"),
    ),
    (("ministry",), ("ministry",)),
    (("agency", "authority", "service", "office", "institute"), ("agency", "authority")),
    (("union", "federation", "association"), ("union", "group", "association")),
):
    for _head in _heads:
        _KINDS_BY_HEAD[_head] = _KINDS_BY_HEAD.get(_head, frozenset()) | frozenset(_kinds)
# "the group" alone, or "the rebels": a description, not a name.
_DESCRIPTION = re.compile(r"^(?:the\s+)?(?P<head>[a-z]+)$", re.IGNORECASE)


def resolve_descriptions(citations: Sequence[Citation], sentences: Sequence[str]) -> list[Citation]:
    """Citations whose source is a definite description ("the group") with the source
    replaced by the latest body named before its sentence whose last word, kind ("a
    group, the Tavrel Liberation Front") or kind of name the description's head is.

    ``sentences`` are the article's sentences, numbered as the citations' ``sentence_index``.
    """
    resolved = []
    for citation in citations:
        name = None
        match = _DESCRIPTION.match(citation.source.strip())
        definite = (citation.wording or citation.source).lower().startswith("the ")
        if (
            citation.kind != SourceKind.ANONYMOUS
            and match
            and definite
            and citation.source.islower()
        ):
            name = _antecedent(
                _singular(match.group("head").lower()), sentences[: citation.sentence_index]
            )
        resolved.append(replace(citation, source=name) if name else citation)
    return resolved


def _antecedent(head: str, earlier: Sequence[str]) -> str | None:
    for sentence in reversed(earlier):
        for found in reversed(list(_NAME.finditer(sentence))):
            name = re.sub(r"^The\s+", "", found.group())
            if len(name.split()) < 2:
                continue
            last = name.split()[-1].lower()
            before = sentence[: found.start()].rstrip(", ").split()
            described_as = (
                _singular(before[-2].lower().strip(","))
                if (len(before) >= 2 and before[-1].lower() == "the")
                else (_singular(before[-1].lower()) if before else "")
            )
            if head in (_singular(last), described_as, *_described_after(sentence[found.end() :])):
                return name
            if head in _KINDS_BY_HEAD.get(last, frozenset()):
                return name
    return None


def _described_after(rest: str) -> tuple[str, ...]:
    """What an apposition after a name calls it: "Imra Hydro, the private company that
    operates the dam" is a company (up to three words after the article)."""
    match = re.match(r",\s+(?:the|an?)\s+((?:[\w-]+\s*){1,3})", rest)
    if not match:
        return ()
    return tuple(_singular(word.lower()) for word in match.group(1).split())


def _singular(word: str) -> str:
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word
