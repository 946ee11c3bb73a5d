"""Parses, slots and hedging per text, cached for one analysis run, so one article read
against many claims parses each sentence once.

A run (``parse_run``) owns the cache: the pipeline opens one per analysis and the
`stance` command one per call, with the spaCy model they are configured with, and the
parses go when the run ends, so a worker that analyses many events in one process does
not carry one event's parses into the next. Code that reads parses (the cell decision,
the slot reader of restatements) asks for the open run's; outside a run (a test or a
shell calling ``decide_cell``), the decision opens a run of the default model for the
call, and a lone ``parse`` keeps nothing.

The pipeline tells the run on which day each text's article was published
(``Parses.date_texts``), and the slots of that text read "yesterday" or "on Monday" as
the days they name; texts the run was not told of keep them unread.

Every cached parse is the Doc of exactly its text, never a Span of a larger Doc: the
cell decision indexes tokens by ``token.i``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from functools import wraps
from typing import TYPE_CHECKING

from coverage.analysis.claims import PIPE_BATCH_SIZE
from coverage.analysis.hedging import Hedging, detect_hedging
from coverage.analysis.nlp import DEFAULT_MODEL, get_nlp
from coverage.analysis.slots import Slots, dated_slots, extract_slots

if TYPE_CHECKING:
    import datetime as dt

    from spacy.language import Language
    from spacy.tokens import Doc


class Parses:
    """The parses of one run, with the slots and hedging read from them."""

    def __init__(self, model_name: str = DEFAULT_MODEL) -> None:
        self.model_name = model_name
        self.nlp: Language = get_nlp(model_name)
        self._docs: dict[str, Doc] = {}
        self._slots: dict[str, Slots] = {}
        self._hedging: dict[str, Hedging] = {}
        self._published: dict[str, dt.date | None] = {}
        self._dated: dict[str, Slots] = {}

    def parsed_texts(self) -> list[str]:
        return list(self._docs)

    def parse_ahead(self, texts: Sequence[str]) -> None:
        """Parse in batches the texts decisions will read; one at a time is several times
        slower."""
        missing = [text for text in dict.fromkeys(texts) if text not in self._docs]
        for text, doc in zip(
            missing, self.nlp.pipe(missing, batch_size=PIPE_BATCH_SIZE), strict=True
        ):
            self._docs[text] = doc

    def parse(self, text: str) -> Doc:
        doc = self._docs.get(text)
        if doc is None:
            doc = self._docs[text] = self.nlp(text)
        return doc

    def date_texts(self, published: Mapping[str, dt.date | None]) -> None:
        """Say on which day each text's article was published, so that its slots read
        "yesterday" or "on Monday" as the days they name (slots.dated_slots).

        A text two articles share with different dates keeps none: which day it names is
        then unknown.
        """
        for text, day in published.items():
            if text in self._published and self._published[text] != day:
                day = None
            self._published[text] = day
            self._dated.pop(text, None)

    def slots(self, text: str) -> Slots:
        dated = self._dated.get(text)
        if dated is None:
            slots = self._slots.get(text)
            if slots is None:
                slots = self._slots[text] = extract_slots(text, self.parse(text))
            dated = self._dated[text] = dated_slots(slots, self._published.get(text))
        return dated

    def hedging(self, text: str) -> Hedging:
        hedging = self._hedging.get(text)
        if hedging is None:
            hedging = self._hedging[text] = detect_hedging(text, self.parse(text))
        return hedging

    def clear(self) -> None:
        """Drop every parse, and what was read from them, once no decision needs them."""
        self._docs.clear()
        self._slots.clear()
        self._hedging.clear()
        self._published.clear()
        self._dated.clear()


_open_run: ContextVar[Parses | None] = ContextVar("parses_open_run", default=None)


@contextmanager
def parse_run(model_name: str = DEFAULT_MODEL) -> Iterator[Parses]:
    """The parses of one analysis run, dropped when the run ends.

    Inside an open run this is that run (a decision within the pipeline's run reads the
    pipeline's parses); its model must be the same.
    """
    current = _open_run.get()
    if current is not None:
        if current.model_name != model_name:
            raise ValueError(
                f"A run with the spaCy model {current.model_name!r} is open; "
                f"{model_name!r} cannot parse inside it."
            )
        yield current
        return
    parses = Parses(model_name)
    token = _open_run.set(parses)
    try:
        yield parses
    finally:
        _open_run.reset(token)


def open_run() -> Parses | None:
    """The run open in this context, if any."""
    return _open_run.get()


def in_parse_run[**P, R](function: Callable[P, R]) -> Callable[P, R]:
    """Run ``function`` inside the open run, or inside a run of the default model of its own."""

    @wraps(function)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        current = _open_run.get()
        with parse_run(current.model_name if current else DEFAULT_MODEL):
            return function(*args, **kwargs)

    return wrapper


def _current() -> Parses:
    """The open run, or, outside any, parses of the default model that nothing keeps."""
    return _open_run.get() or Parses()


def parse(text: str) -> Doc:
    return _current().parse(text)


def slots_of(text: str) -> Slots:
    return _current().slots(text)


def cached_hedging(text: str) -> Hedging:
    return _current().hedging(text)
