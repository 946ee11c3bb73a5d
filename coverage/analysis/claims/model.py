"""A claim as the matrix reads it, and the clause of a sentence it is worded from."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from coverage.analysis.hedging import Hedging

if TYPE_CHECKING:
    from spacy.tokens import Token


@dataclass(frozen=True)
class Claim:
    """One checkable assertion of an article.

    ``text`` is the outlet's wording, made self-contained; ``core`` drops the
    attribution and hedge words ("According to X, ...", "reportedly"), which is what
    is compared across outlets. Offsets locate the source sentence in the article.
    """

    text: str
    core: str
    sentence_index: int
    sentence_start: int
    sentence_end: int
    hedging: Hedging

    @property
    def hedged(self) -> bool:
        return self.hedging.hedged

    @property
    def cues(self) -> tuple[str, ...]:
        return self.hedging.cues

    @property
    def attributed_to(self) -> str | None:
        return self.hedging.attributed_to


@dataclass(frozen=True)
class Clause:
    """The tokens of one claim, and the attribution frame it shares with its siblings."""

    tokens: list[Token]
    frame: list[Token]

    @property
    def worded(self) -> list[Token]:
        return sorted({*self.tokens, *self.frame}, key=lambda token: token.i)
