"""What provenance says of a row: its cells in, its chains and distinct origins out."""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from coverage.analysis.sources import Citation

OWN_REPORTING = "own reporting"
CARRYING_LABELS = frozenset({"agree", "contradict"})


class OriginKind(StrEnum):
    OWN_REPORTING = "own_reporting"
    MEDIA = "media"
    OFFICIAL = "official"
    # A post on a social network ("a video posted on Telegram"): a source kind of its own.
    SOCIAL_MEDIA = "social"
    ANONYMOUS = "anonymous"
    OTHER = "other"


@dataclass(frozen=True)
class Cell:
    """One article's cell in a matrix row, as the pipeline or the database gives it."""

    article: Hashable
    label: str  # "agree", "contradict" or "silent"
    evidence: str | None = None
    sentence_index: int | None = None
    attributed_to: str | None = None


@dataclass(frozen=True)
class Row:
    key: Hashable
    text: str
    cells: Sequence[Cell]


@dataclass(frozen=True)
class ArticleSources:
    """What an article says about where its text and claims come from.

    ``citations`` are sources.find_citations over its sentences (their
    ``sentence_index`` is the same numbering as the cells').
    """

    key: Hashable
    outlet: str
    homepage: str = ""
    citations: Sequence[Citation] = ()


@dataclass(frozen=True)
class Origin:
    name: str
    kind: OriginKind
    key: str


@dataclass(frozen=True)
class Chain:
    """From one outlet to the origin: ("World Desk Briefing", "CPA", "Interior Ministry"),
    or ("Gazette", "own reporting")."""

    article: Hashable
    outlet: str
    label: str
    steps: tuple[str, ...]
    origin: Origin
    evidence: str | None = None


@dataclass(frozen=True)
class RowOrigins:
    row: Hashable
    chains: tuple[Chain, ...]
    origins: tuple[Origin, ...] = field(default=())

    @property
    def independent_origins(self) -> int:
        return len(self.origins)

    @property
    def outlet_count(self) -> int:
        return len({chain.outlet for chain in self.chains})

    def summary(self) -> str:
        """ "9 outlets · 2 origins: an anonymous source (via Glasník / VolkPress), Al-Watan"."""
        outlets = self.outlet_count
        if not outlets:
            return "No outlet carries this claim."
        described = []
        for origin in self.origins:
            relays = sorted(
                {
                    chain.steps[-2]
                    for chain in self.chains
                    if chain.origin.key == origin.key and len(chain.steps) >= 2
                    if chain.steps[-1] != OWN_REPORTING and chain.steps[-2] != origin.name
                }
            )
            if origin.kind == OriginKind.ANONYMOUS and relays:
                described.append(f"{origin.name} (via {' / '.join(relays)})")
            else:
                described.append(origin.name)
        count = len(self.origins)
        return (
            f"{outlets} outlet{'s' if outlets != 1 else ''} · {count} "
            f"origin{'s' if count != 1 else ''}: {', '.join(described)}"
        )
