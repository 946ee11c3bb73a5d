"""What syndication reads and finds: documents, overlapping pairs and groups."""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum


class Kind(StrEnum):
    COPY = "copy"
    REWRITE = "rewrite"
    UNRELATED = "unrelated"


class Basis(StrEnum):
    """Why one article of a pair is taken for the one that republishes the other."""

    PUBLISHED = "published"  # it was published later
    CREDIT = "credit"  # it names the other's outlet, or only it credits an outside source
    QUOTES = "quotes"  # no dates: a quotation of it stops where the other's runs on
    LENGTH = "length"  # no dates: it is the shorter, trimmed text
    ADDED = "added"  # no dates, same length: it was added to the event later
    SHARED_SOURCE = "shared_source"  # neither: both reprint one outside source


@dataclass(frozen=True)
class Document:
    """An article as this step sees it. ``source`` is its outlet; ``order`` says which
    was added first, for pairs without publication dates; ``names`` are its outlet's
    name and homepage, to recognise another article naming it ("told Glasník")."""

    key: Hashable
    text: str
    source: Hashable = None
    published_at: datetime | None = None
    order: int = 0
    names: tuple[str, ...] = ()


@dataclass(frozen=True)
class AlignedSentences:
    """A sentence of the original and the sentence of the republished text that
    renders it, by their indexes in ``split_sentences`` of each text."""

    original: int
    republished: int
    similarity: float
    # Numbers, names and quotations both sentences give.
    shared: tuple[str, ...] = ()


@dataclass(frozen=True)
class Overlap:
    """Two articles that share text: ``republished`` takes from ``original``, or, when
    ``common_source`` is set, both take from that outside source."""

    original: Hashable
    republished: Hashable
    containment: float
    jaccard: float
    shared_sentences: int
    kind: Kind
    basis: Basis
    # The sentences that correspond, in reading order (with a sentence encoder).
    aligned: tuple[AlignedSentences, ...] = ()
    # Share of the shorter text's own sentences that the alignment covers.
    coverage: float = 0.0
    # Why the direction was chosen, as sentences a page can show.
    reasons: tuple[str, ...] = ()
    common_source: str = ""

    @property
    def percent(self) -> int:
        """How much of the shorter text the other repeats: by words, or for a
        paraphrase, by sentences."""
        return round(100 * max(self.containment, self.coverage))

    @property
    def siblings(self) -> bool:
        return bool(self.common_source)


@dataclass
class Groups:
    """Sets of articles (and of their outlets) that are not independent of each other.

    Only sets of two or more are listed; everything else stands alone.
    """

    articles: list[frozenset[Hashable]] = field(default_factory=list)
    sources: list[frozenset[Hashable]] = field(default_factory=list)
