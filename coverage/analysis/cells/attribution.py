"""The evidence's hedging, counting a bare attribution sentence right after it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from coverage.analysis.cells.model import Window
from coverage.analysis.cells.parses import cached_hedging
from coverage.analysis.hedging import Hedging

if TYPE_CHECKING:
    pass


# A short sentence that only says who said the one before: "That was confirmed by X."
_BARE_ATTRIBUTION_WORDS = 12


def window_hedging(
    window: Window, sentences: Sequence[str], known: Sequence[Hedging | None] | None
) -> Hedging:
    """The evidence's hedging, with a bare attribution sentence right after it counted.

    "... the ship was overloaded. That was confirmed by the coastguard." The second
    sentence says nothing but who said the first.
    """
    parts = [_hedging(i, sentences, known) for i in window.indexes]
    following = window.indexes[-1] + 1
    if following < len(sentences) and _is_bare_attribution(sentences[following]):
        parts.append(_hedging(following, sentences, known))
    hedged = [part for part in parts if part.hedged]
    if not hedged:
        return parts[0]
    return Hedging(
        hedged=True,
        cues=tuple(dict.fromkeys(cue for part in hedged for cue in part.cues)),
        attributed_to=next((p.attributed_to for p in hedged if p.attributed_to), None),
        sources=tuple(dict.fromkeys(source for part in hedged for source in part.sources)),
    )


def _hedging(index: int, sentences: Sequence[str], known: Sequence[Hedging | None] | None):
    if known is not None and index < len(known) and known[index] is not None:
        return known[index]
    return cached_hedging(sentences[index])


def _is_bare_attribution(sentence: str) -> bool:
    words = sentence.split()
    if len(words) > _BARE_ATTRIBUTION_WORDS or not cached_hedging(sentence).hedged:
        return False
    first = words[0].lower().strip("\"'“‘")
    return first in {"that", "this", "he", "she", "they", "it", "so"} or len(words) <= 6
