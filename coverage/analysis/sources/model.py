"""What the sources package reads: citations, and sources tabulated across an event."""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from enum import StrEnum


class SourceKind(StrEnum):
    MEDIA = "media"
    OFFICIAL = "official"
    SOCIAL_MEDIA = "social"
    ANONYMOUS = "anonymous"
    OTHER = "other"

    @property
    def label(self) -> str:
        return _KIND_LABELS[self]


_KIND_LABELS = {
    SourceKind.MEDIA: "Media outlet or agency",
    SourceKind.OFFICIAL: "Official or government",
    SourceKind.SOCIAL_MEDIA: "Social media",
    SourceKind.ANONYMOUS: "Anonymous or unnamed",
    SourceKind.OTHER: "Other party",
}
# When one source is described differently in different sentences, the most telling
# description wins: "Al-Watan" is an outlet because one sentence calls it a newspaper.
KIND_STRENGTH = [
    SourceKind.MEDIA,
    SourceKind.OFFICIAL,
    SourceKind.SOCIAL_MEDIA,
    SourceKind.OTHER,
    SourceKind.ANONYMOUS,
]


@dataclass(frozen=True)
class Citation:
    """One sentence passing something on from a source.

    ``via`` lists the intermediaries between the outlet and the source, nearest
    the outlet first: TROIB → ("RIA Novosti",) → "a source within Syria".
    ``wording`` is how the sentence names the source ("the Syrian newspaper Al-Watan").
    ``clause`` is the part of the sentence the citation covers when that is less than
    the sentence: the relative clause it sits in ("..., where neighbours said two
    people were missing"); empty when it covers the whole sentence.
    """

    source: str
    kind: SourceKind
    sentence_index: int
    quote: str
    via: tuple[str, ...] = ()
    wording: str = ""
    clause: str = ""


@dataclass(frozen=True)
class SourceRow:
    """One source across an event: its citations by article, keyed as the caller keyed them."""

    source: str
    kind: SourceKind
    via: tuple[str, ...]
    citations: Mapping[Hashable, tuple[Citation, ...]]

    @property
    def total(self) -> int:
        return sum(len(citations) for citations in self.citations.values())


UNNAMED_REPORTS = "unnamed reports"
UNATTRIBUTED = "unattributed (“it has been claimed”)"
