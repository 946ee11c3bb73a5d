"""How every change to an event's matrix is made: under the event's lock, with its
rows kept in order, and recorded as a Revision that the history shows and undo reads.

Shared by the workflows of this package (articles, curation, undo) and by the
analysis storing its result (coverage.runs).
"""

from __future__ import annotations

from typing import Any

from django.utils.text import Truncator

from coverage.models import Assertion, Event, Revision, Stance
from coverage.selectors import matrix_cache
from coverage.services.errors import CurationProblem

# What a cell says; a correction can be undone while the cell still says it.
CELL_CONTENT = ("label", "hedged", "attributed_to", "evidence_id", "note", "origin")
# What a cell holds; copied on merge and split, compared and restored on undo.
STANCE_FIELDS = (
    "label",
    "hedged",
    "attributed_to",
    "evidence_id",
    "confidence",
    "reason",
    "origin",
    "note",
    "updated_by_id",
)
# What a field read from a snapshot taken before it existed stands for.
STANCE_FIELD_DEFAULTS = {"reason": ""}


def snapshot_field(cell: dict[str, Any], name: str) -> Any:
    """A stance field from a revision's snapshot; snapshots older than the field lack it."""
    return cell[name] if name in cell else STANCE_FIELD_DEFAULTS[name]


def actor(user: Any) -> Any:
    return user if getattr(user, "is_authenticated", False) else None


def quote(text: str, length: int = 80) -> str:
    return f"“{Truncator(text).chars(length)}”"


def clean_text(text: str) -> str:
    text = " ".join(text.split())
    if len(text) < 3:
        raise CurationProblem("Write the claim as a short sentence.")
    return text


def stance_state(stance: Stance) -> dict[str, Any]:
    return {
        "id": stance.pk,
        "article_id": stance.article_id,
        **{name: getattr(stance, name) for name in STANCE_FIELDS},
        "updated_at": stance.updated_at.isoformat() if stance.updated_at else None,
    }


def assertion_state(assertion: Assertion) -> dict[str, Any]:
    """The row and all its cells, enough to put it back exactly as it was."""
    return {
        "id": assertion.pk,
        "text": assertion.text,
        "origin": assertion.origin,
        "position": assertion.position,
        "created_at": assertion.created_at.isoformat(),
        "updated_at": assertion.updated_at.isoformat(),
        "cells": [
            stance_state(stance)
            for stance in Stance.objects.filter(assertion=assertion).order_by("article_id")
        ],
    }


def record(
    *,
    event: Event | None = None,
    event_id: int | None = None,
    user: Any,
    target: Assertion | Stance | None = None,
    target_kind: str = Revision.TargetKind.ASSERTION,
    target_id: int | None = None,
    action: str,
    summary: str,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    undoes: Revision | None = None,
) -> Revision:
    if target is not None:
        target_id = target.pk
        if isinstance(target, Stance):
            target_kind = Revision.TargetKind.STANCE
    event_id = event.pk if event is not None else event_id
    # The newest revision alone could miss a change: two curations can commit out of
    # the order of their ids. The event's updated_at is written under its row lock,
    # so the last one to commit always leaves a new value for the matrix cache.
    if event_id is not None:
        matrix_cache.touch_events(Event.objects.filter(pk=event_id))
    return Revision.objects.create(
        event_id=event_id,
        user=actor(user),
        target_kind=target_kind,
        target_id=target_id,
        action=action,
        before=before or {},
        after=after or {},
        summary=Truncator(summary).chars(300),
        undoes=undoes,
    )


def lock_matrix(event_id: int) -> None:
    """Wait for, then hold until commit, the right to change this event's matrix.

    Every write to an event's rows, cells or positions (curation, adding rows or
    articles, and the analysis saving its result) takes the event's row lock first, in
    its transaction. Writers of one event so go one at a time, always in the same
    order (event, then rows and cells), and never deadlock; a person's correction sent
    while an analysis saves waits for it, then applies on top. SQLite has no row
    locks; there every write transaction holds the whole database (IMMEDIATE mode).
    """
    list(Event.objects.select_for_update().filter(pk=event_id).values_list("pk", flat=True))


def lock_row(assertion: Assertion) -> Assertion:
    lock_matrix(assertion.event_id)
    locked = Assertion.objects.select_for_update().filter(pk=assertion.pk).first()
    if locked is None:
        raise CurationProblem("This row was deleted a moment ago; reload the page.")
    return locked


def row_order(event_id: int) -> list[int]:
    return list(
        Assertion.objects.filter(event_id=event_id)
        .order_by("position", "pk")
        .values_list("pk", flat=True)
    )


def next_position(event_id: int) -> int:
    """The place after the event's last row; take lock_matrix() before using it."""
    last = (
        Assertion.objects.filter(event_id=event_id)
        .order_by("-position")
        .values_list("position", flat=True)
        .first()
    )
    return 0 if last is None else last + 1


def renumber(event_id: int, order: list[int]) -> None:
    """Store the event's rows in this order as positions 0, 1, 2, …

    Positions are unique per event, also in the middle of an UPDATE, so the rows that
    move go out of the way first, past every position in use, then to their places.
    """
    rows = Assertion.objects.filter(event_id=event_id).in_bulk(order)
    changed = [rows[pk] for position, pk in enumerate(order) if rows[pk].position != position]
    if not changed:
        return
    clear = 1 + max(len(order), *(row.position for row in rows.values()))
    for offset, row in enumerate(changed):
        row.position = clear + offset
    Assertion.objects.bulk_update(changed, ["position"])
    for position, pk in enumerate(order):
        rows[pk].position = position
    Assertion.objects.bulk_update(changed, ["position"])
