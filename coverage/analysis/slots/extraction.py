"""``extract_slots``: the slots of one text, read from its parse; ``dated_slots``: with
its publication date read into its times."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from coverage.analysis.nlp import get_nlp
from coverage.analysis.slots.clauses import Clauses
from coverage.analysis.slots.model import Slots
from coverage.analysis.slots.places import read_places
from coverage.analysis.slots.quantities import read_quantities
from coverage.analysis.slots.times import dated_times, read_times

if TYPE_CHECKING:
    import datetime

    from spacy.tokens import Doc, Span


def extract_slots(text: str, doc: Doc | Span | None = None) -> Slots:
    """The slots of ``text``; ``doc`` is its parse (a Doc, or a Span of a larger Doc).

    Without ``doc`` the text is parsed with the shared pipeline. With a Span only its
    tokens are read, so a claim that is part of a sentence keeps to its own slots.
    """
    if doc is None:
        doc = get_nlp()(text)
    tokens = list(doc)
    if not tokens:
        return Slots(text, (), (), (), (), frozenset(), ())
    clauses = Clauses(tokens)
    quantities, unread = read_quantities(clauses)
    places, containment = read_places(clauses)
    times, undated_times = read_times(clauses)
    return Slots(
        text=text,
        predicates=tuple(clauses.predicates.values()),
        quantities=tuple(quantities),
        times=tuple(times),
        places=tuple(places),
        containment=frozenset(containment),
        unread=tuple(unread),
        undated_times=tuple(undated_times),
    )


def dated_slots(slots: Slots, published: datetime.date | None) -> Slots:
    """The slots of a text from an article published on ``published``: "yesterday",
    "last night" and "on Monday" (about the past) become the days they name.

    Without a date they stay as extract_slots reads them, relative days left out.
    """
    if published is None:
        return slots
    return dataclasses.replace(slots, times=dated_times(slots.undated_times, published))
