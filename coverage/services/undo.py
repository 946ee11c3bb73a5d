"""Undo: a merge, a deletion or a cell correction put back from its revision's snapshot."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils.dateparse import parse_datetime

from coverage.models import Assertion, Event, Origin, Revision, Stance
from coverage.services import changes
from coverage.services.errors import UndoRefused


def _cell_content(cells: list[dict[str, Any]], articles: set[int]) -> dict[int, tuple]:
    return {
        cell["article_id"]: tuple(
            changes.snapshot_field(cell, name) for name in changes.STANCE_FIELDS
        )
        for cell in cells
        if cell["article_id"] in articles
    }


def _existing_users(states: list[dict[str, Any]]) -> set[int]:
    ids = {cell["updated_by_id"] for state in states for cell in state["cells"]}
    return set(get_user_model().objects.filter(pk__in=ids - {None}).values_list("pk", flat=True))


def _restore_cell(stance: Stance, cell: dict[str, Any], users: set[int]) -> None:
    for name in changes.STANCE_FIELDS:
        setattr(stance, name, changes.snapshot_field(cell, name))
    if stance.updated_by_id not in users:
        stance.updated_by_id = None


def _restore_assertion(
    state: dict[str, Any], event: Event, articles: set[int], users: set[int]
) -> Assertion:
    """Recreate a deleted row and its cells, under their old ids when those are free."""
    taken = Assertion.objects.filter(pk=state["id"]).exists()
    # At the end for now; _put_back_in_order moves it to where it was.
    assertion = Assertion.objects.create(
        pk=None if taken else state["id"],
        event=event,
        text=state["text"],
        origin=state["origin"],
        position=changes.next_position(event.pk),
    )
    assertion.created_at = parse_datetime(state["created_at"])
    assertion.updated_at = parse_datetime(state["updated_at"])
    Assertion.objects.bulk_update([assertion], ["created_at", "updated_at"])
    cells = [cell for cell in state["cells"] if cell["article_id"] in articles]
    taken_cells = set(
        Stance.objects.filter(pk__in=[cell["id"] for cell in cells]).values_list("pk", flat=True)
    )
    stances = []
    for cell in cells:
        stance = Stance(
            pk=None if cell["id"] in taken_cells else cell["id"],
            assertion=assertion,
            article_id=cell["article_id"],
        )
        _restore_cell(stance, cell, users)
        stances.append(stance)
    # Articles added since the row was removed get a silent cell, as every row has.
    stances += [
        Stance(assertion=assertion, article_id=article_id)
        for article_id in sorted(articles - {cell["article_id"] for cell in cells})
    ]
    created = Stance.objects.bulk_create(stances)
    for stance, cell in zip(created, cells, strict=False):
        stance.updated_at = parse_datetime(cell["updated_at"])
    Stance.objects.bulk_update(created[: len(cells)], ["updated_at"])
    return assertion


def _put_back_in_order(event_id: int, restored: dict[int, int], old_order: list[int]) -> None:
    """Place restored rows (old id → current id) after the row that preceded them."""
    order = [pk for pk in changes.row_order(event_id) if pk not in restored.values()]
    for index, old_id in enumerate(old_order):
        if old_id not in restored:
            continue
        earlier = [pk for pk in old_order[:index] if pk in order or pk in restored]
        anchor = restored.get(earlier[-1], earlier[-1]) if earlier else None
        order.insert(order.index(anchor) + 1 if anchor in order else 0, restored[old_id])
    changes.renumber(event_id, order)


def _undo_merge(revision: Revision, articles: set[int]) -> tuple[dict, dict, str]:
    before, after = revision.before, revision.after
    state = before["survivor"]
    survivor = (
        Assertion.objects.select_for_update().filter(pk=state["id"], event=revision.event).first()
    )
    if survivor is None:
        raise UndoRefused(
            "The merged row was deleted after the merge, so the merge cannot be undone. "
            "Undo the deletion first."
        )
    later = Revision.objects.filter(event=revision.event, pk__gt=revision.pk).filter(
        Q(
            target_kind=Revision.TargetKind.ASSERTION,
            target_id=survivor.pk,
            action__in=[Revision.Action.EDIT, Revision.Action.MERGE, Revision.Action.SPLIT],
            undone_by__isnull=True,
        )
        | Q(
            target_kind=Revision.TargetKind.STANCE,
            target_id__in=survivor.stances.values("pk"),
        )
    )
    current = changes.assertion_state(survivor)
    merged_state = after["survivor"]
    # Cells of articles added since the merge are new and silent; they do not count.
    compared = articles & {cell["article_id"] for cell in merged_state["cells"]}
    if (
        later.exists()
        or current["text"] != merged_state["text"]
        or _cell_content(current["cells"], compared)
        != _cell_content(merged_state["cells"], compared)
    ):
        raise UndoRefused(
            "The merged row was changed after the merge, so undoing it would lose that work. "
            "Correct the row by hand, or split it, instead."
        )
    users = _existing_users([state, *before["merged"]])
    survivor.text, survivor.origin = state["text"], state["origin"]
    survivor.updated_at = parse_datetime(state["updated_at"])
    Assertion.objects.bulk_update([survivor], ["text", "origin", "updated_at"])
    own = {stance.article_id: stance for stance in survivor.stances.all()}
    for cell in state["cells"]:
        stance = own.get(cell["article_id"])
        if stance is not None:
            _restore_cell(stance, cell, users)
            stance.save()
            stance.updated_at = parse_datetime(cell["updated_at"])
            Stance.objects.bulk_update([stance], ["updated_at"])
    restored = {
        row["id"]: _restore_assertion(row, revision.event, articles, users).pk
        for row in before["merged"]
    }
    _put_back_in_order(revision.event_id, restored, before["order"])
    survivor.refresh_from_db()
    summary = (
        f"Undid the merge into {changes.quote(merged_state['text'], 60)}: "
        f"restored {len(restored) + 1} rows"
    )
    return current, {"survivor": changes.assertion_state(survivor), "restored": restored}, summary


def _undo_delete(revision: Revision, articles: set[int]) -> tuple[dict, dict, str]:
    state = revision.before["assertion"]
    users = _existing_users([state])
    restored = _restore_assertion(state, revision.event, articles, users)
    _put_back_in_order(revision.event_id, {state["id"]: restored.pk}, revision.before["order"])
    restored.refresh_from_db()
    return (
        {},
        {"assertion": changes.assertion_state(restored)},
        f"Restored {changes.quote(state['text'])}",
    )


def _undo_set_cell(revision: Revision, articles: set[int]) -> tuple[dict, dict, str]:
    stance = (
        Stance.objects.select_for_update(of=("self",))
        .select_related("article__outlet")
        .filter(pk=revision.target_id, article_id__in=articles)
        .first()
    )
    if stance is None:
        raise UndoRefused(
            "This cell no longer exists: its row or its article was removed since. "
            "Restore the row first, then undo the correction."
        )
    current = changes.stance_state(stance)
    if any(current[name] != revision.after[name] for name in changes.CELL_CONTENT):
        raise UndoRefused(
            "This cell was changed again after this correction, so undoing it would lose "
            "that work. Undo the later change first, or correct the cell by hand."
        )
    users = _existing_users([{"cells": [revision.before]}])
    _restore_cell(stance, revision.before, users)
    stance.save()
    summary = (
        f"Undid the correction of {stance.article.outlet}: back to "
        f"{stance.get_label_display().lower()}{', hedged' if stance.hedged else ''}"
        f"{' (as the analysis had it)' if stance.origin == Origin.MACHINE else ''}"
    )
    return current, changes.stance_state(stance), summary


_UNDO = {
    Revision.Action.MERGE: _undo_merge,
    Revision.Action.DELETE: _undo_delete,
    Revision.Action.SET_CELL: _undo_set_cell,
}


def undo_revision(*, revision: Revision, user: Any) -> Revision:
    """Undo a merge, a deletion or a cell correction from the revision's snapshot.

    In one transaction. Refuses (UndoRefused, nothing written) when it was undone
    already or when later work on the merged row or the corrected cell would be
    overwritten. Rows and cells come back under their old ids when those are free;
    cells of articles removed since are left out.
    """
    try:
        with transaction.atomic():
            if revision.event_id is not None:
                changes.lock_matrix(revision.event_id)
            revision = (
                Revision.objects.select_for_update(of=("self",))
                .select_related("event")
                .get(pk=revision.pk)
            )
            if revision.action not in Revision.UNDOABLE_ACTIONS:
                raise UndoRefused("Only merges, deletions and cell corrections can be undone.")
            if Revision.objects.filter(undoes=revision).exists():
                raise UndoRefused("This change has already been undone.")
            articles = set(revision.event.articles.values_list("pk", flat=True))
            before, after, summary = _UNDO[revision.action](revision, articles)
            return changes.record(
                event_id=revision.event_id,
                user=user,
                target_kind=revision.target_kind,
                target_id=revision.target_id,
                action=Revision.Action.UNDO,
                before=before,
                after=after,
                summary=summary,
                undoes=revision,
            )
    except IntegrityError:
        raise UndoRefused(
            "Someone else undid or changed this at the same moment; reload the page."
        ) from None
