"""Parses, slots and hedging per text, cached, so one article read against many claims
parses each sentence once.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from coverage.analysis.hedging import Hedging, detect_hedging
from coverage.analysis.nlp import get_nlp
from coverage.analysis.slots import Slots, extract_slots

if TYPE_CHECKING:
    from spacy.tokens import Doc


# Parses are the largest cached objects (a few kB each): enough for one event's
# sentences and windows without growing past the pipeline's memory budget.
_PARSE_CACHE_SIZE = 2048


_parses: dict[str, Doc] = {}


def parse_ahead(texts: Sequence[str]) -> None:
    """Parse in batches the texts decisions will read; one at a time is several times slower."""
    missing = [text for text in dict.fromkeys(texts) if text not in _parses]
    for text, doc in zip(missing, get_nlp().pipe(missing, batch_size=64), strict=True):
        _remember(text, doc)


def remember_parses(parses: dict[str, Doc]) -> None:
    """Reuse parses the caller already made (the pipeline parses every claim sentence)."""
    for text, doc in parses.items():
        if text not in _parses:
            _remember(text, doc)


def _remember(text: str, doc: Doc) -> None:
    if len(_parses) >= _PARSE_CACHE_SIZE:
        del _parses[next(iter(_parses))]  # the oldest entry
    _parses[text] = doc


def parse(text: str) -> Doc:
    doc = _parses.get(text)
    if doc is None:
        doc = get_nlp()(text)
        _remember(text, doc)
    return doc


@lru_cache(maxsize=8192)
def slots_of(text: str) -> Slots:
    return extract_slots(text, parse(text))


@lru_cache(maxsize=8192)
def cached_hedging(text: str) -> Hedging:
    return detect_hedging(text, parse(text))
