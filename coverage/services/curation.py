"""Curation: people correcting the matrix and the outlets' details.

Each change is one transaction, under the event's lock, that also records a Revision
with the state before and after (coverage.services.changes), so no work is ever lost
and merges, deletions and cell corrections can be undone (coverage.services.undo).
A person's cell is marked human, so re-analysis keeps it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import Truncator

from coverage.models import Assertion, Event, Origin, Outlet, Revision, Sentence, Stance
from coverage.selectors.curated_outlets import CuratedDetails, curated_details
from coverage.services.changes import (
    STANCE_FIELDS,
    actor,
    assertion_state,
    clean_text,
    lock_matrix,
    lock_row,
    next_position,
    quote,
    record,
    renumber,
    row_order,
    stance_state,
)
from coverage.services.errors import CellChange, CurationProblem, ImportProblem, StaleCell


def add_assertion(
    *, event: Event, text: str, origin: str = Origin.HUMAN, user: Any = None
) -> Assertion:
    """Append a row to the event's matrix, with a silent cell for every article."""
    text = " ".join(text.split())
    if not text:
        raise ImportProblem("An assertion needs some text.")
    with transaction.atomic():
        # Under the event's lock, parallel additions take the next place one after the
        # other; the unique constraint on positions would refuse a second one.
        lock_matrix(event.pk)
        assertion = Assertion.objects.create(
            event=event, text=text, origin=origin, position=next_position(event.pk)
        )
        Stance.objects.bulk_create(
            Stance(assertion=assertion, article=article) for article in event.articles.all()
        )
        record(
            event=event,
            user=user,
            target=assertion,
            action=Revision.Action.CREATE,
            after={"text": assertion.text, "origin": assertion.origin},
            summary=f"Added {quote(assertion.text)}",
        )
    return assertion


def stance_version(stance: Stance) -> str:
    """What a cell form was opened on: the cell's last change, as its history records it."""
    return stance.updated_at.isoformat()


def set_stance(
    *,
    stance: Stance,
    label: str,
    hedged: bool,
    evidence: Sentence | None,
    note: str = "",
    user: Any = None,
    version: str | None = None,
) -> Stance:
    """A person's judgement of a cell; it is marked human so re-analysis keeps it.

    ``version`` is stance_version() of the cell the person saw; if another person's
    correction has replaced it since, StaleCell says how, and nothing is written.
    Returns the saved cell.
    """
    if label not in Stance.Label.values:
        raise ImportProblem(f"{label!r} is not a cell state; use agree, contradict or silent.")
    if evidence is not None and evidence.article_id != stance.article_id:
        raise ImportProblem("The evidence sentence must come from the cell's own article.")
    if label == Stance.Label.SILENT:
        evidence = None
        hedged = False
    with transaction.atomic():
        event_id = (
            Assertion.objects.filter(pk=stance.assertion_id)
            .values_list("event_id", flat=True)
            .first()
        )
        if event_id is not None:
            lock_matrix(event_id)
        current = (
            Stance.objects.select_for_update(of=("self",))
            .select_related("article__outlet", "evidence", "updated_by")
            .filter(pk=stance.pk)
            .first()
        )
        if current is None:
            raise CurationProblem(
                "This cell's row was deleted or merged a moment ago, so the correction was "
                "not saved; reload the page."
            )
        # Only another person's work is worth a second look: whatever the analysis
        # wrote meanwhile, a person's judgement replaces it, as it always does.
        if (
            version is not None
            and current.origin == Origin.HUMAN
            and stance_version(current) != version
        ):
            raise StaleCell(current, *_changes_since(current, version))
        before = stance_state(current)
        current.label = label
        current.hedged = hedged
        current.evidence = evidence
        # A person picks one sentence; the analysis's second one went with its choice.
        current.evidence_through = None
        current.note = note.strip()
        current.origin = Origin.HUMAN
        current.confidence = None
        # The analysis's reason explained its own label, not the person's.
        current.reason = ""
        current.updated_by = actor(user)
        current.save()
        record(
            event_id=current.article.event_id,
            user=user,
            target=current,
            action=Revision.Action.SET_CELL,
            before=before,
            after=stance_state(current),
            summary=f"{current.article.outlet}: {Stance.Label(before['label']).label.lower()} "
            f"→ {current.get_label_display().lower()}{', hedged' if hedged else ''}",
        )
    return current


def _describe_cell(state: Mapping[str, Any], sentences: Mapping[int, Sentence]) -> dict[str, str]:
    """A cell's fields as a person reads them, to list what changed."""
    evidence = sentences.get(state["evidence_id"]) if state["evidence_id"] else None
    return {
        "Stance": Stance.Label(state["label"]).label,
        "Hedged": "yes" if state["hedged"] else "no",
        "Evidence": f"sentence {evidence.index + 1}: “{Truncator(evidence.text).chars(80)}”"
        if evidence
        else "none",
        "Note": state["note"] or "none",
        "Set by": "a person" if state["origin"] == Origin.HUMAN else "the analysis",
    }


def _changes_since(current: Stance, version: str) -> tuple[list[CellChange], str]:
    """What changed in the cell after ``version``, and who changed it last."""
    first_change = (
        Revision.objects.filter(
            target_kind=Revision.TargetKind.STANCE,
            target_id=current.pk,
            before__updated_at=version,
        )
        .order_by("pk")
        .first()
    )
    now = stance_state(current)
    was = first_change.before if first_change is not None else None
    ids = {now["evidence_id"], was["evidence_id"] if was else None} - {None}
    sentences = Sentence.objects.in_bulk(ids)
    described_now = _describe_cell(now, sentences)
    if was is None:
        # The analysis rewrote the cell first; what the person saw is not on record.
        changes = [CellChange(field, "", value) for field, value in described_now.items()]
    else:
        described_was = _describe_cell(was, sentences)
        changes = [
            CellChange(field, described_was[field], value)
            for field, value in described_now.items()
            if described_was[field] != value
        ]
    by = current.updated_by.get_username() if current.updated_by is not None else "Someone"
    return changes, by


OUTLET_FIELDS = ("name", "homepage", "country", "language", "ownership_kind", "notes", "aliases")


def _outlet_value(name: str, value: str) -> str:
    if name == "ownership_kind":
        value = Outlet.OwnershipKind(value).label
    return quote(value, 40) if value else "—"


def update_outlet(*, outlet: Outlet, changes: Mapping[str, Any], user: Any) -> Outlet:
    """Correct an outlet's details, recording what changed in its history."""
    try:
        with transaction.atomic():
            locked = Outlet.objects.select_for_update().get(pk=outlet.pk)
            _change_outlet(locked, changes=changes, user=user)
    except IntegrityError:
        raise CurationProblem(
            "Another outlet took this name a moment ago; choose another name."
        ) from None
    return locked


def _change_outlet(locked: Outlet, *, changes: Mapping[str, Any], user: Any) -> None:
    """Save the changes to an outlet read under its lock, with a revision naming each."""
    before = {name: getattr(locked, name) for name in OUTLET_FIELDS}
    for name in OUTLET_FIELDS:
        if name in changes:
            setattr(locked, name, changes[name])
    after = {name: getattr(locked, name) for name in OUTLET_FIELDS}
    changed = [name for name in OUTLET_FIELDS if before[name] != after[name]]
    if not changed:
        return
    locked.save()
    record(
        user=user,
        target_kind=Revision.TargetKind.OUTLET,
        target_id=locked.pk,
        action=Revision.Action.EDIT,
        before={name: before[name] for name in changed},
        after={name: after[name] for name in changed},
        summary=f"Changed {before['name']}: "
        + "; ".join(
            f"{Outlet._meta.get_field(name).verbose_name} "
            f"{_outlet_value(name, before[name])} → {_outlet_value(name, after[name])}"
            for name in changed
        ),
    )


def fill_outlet_from_curated_list(*, outlet: Outlet, user: Any) -> CuratedDetails | None:
    """Fill the outlet's empty details from the curated list of agencies, as an edit
    in its history; what a person entered is kept. The details filled (``changes``
    names the fields), None when the list has nothing to add."""
    with transaction.atomic():
        # Read the details under the lock, so a value saved a moment ago is not replaced.
        locked = Outlet.objects.select_for_update().get(pk=outlet.pk)
        details = curated_details(locked)
        if details is not None:
            # Only empty fields change, none of them the name, so no unique clash.
            _change_outlet(locked, changes=details.changes, user=user)
    return details


def edit_assertion(*, assertion: Assertion, text: str, user: Any) -> Assertion:
    """Reword a row. It becomes a person's row, so re-analysis keeps it."""
    text = clean_text(text)
    with transaction.atomic():
        assertion = lock_row(assertion)
        if text == assertion.text:
            return assertion
        before = {"text": assertion.text, "origin": assertion.origin}
        assertion.text = text
        assertion.origin = Origin.HUMAN
        assertion.save(update_fields=["text", "origin", "updated_at"])
        record(
            event_id=assertion.event_id,
            user=user,
            target=assertion,
            action=Revision.Action.EDIT,
            before=before,
            after={"text": assertion.text, "origin": assertion.origin},
            summary=f"Reworded {quote(before['text'])} as {quote(text)}",
        )
    return assertion


def _strength(stance: Stance) -> tuple[bool, bool]:
    """A person's judgement beats the machine's; saying something beats silence."""
    return (stance.origin == Origin.HUMAN, stance.label != Stance.Label.SILENT)


def merge_assertions(
    *, survivor: Assertion, others: Iterable[Assertion], text: str, user: Any
) -> Revision:
    """Fold other rows of the event into ``survivor``, worded as ``text``.

    For each article the strongest cell wins (see _strength); on a tie the survivor's
    own cell stays. The merged-away rows are deleted; the revision keeps them whole,
    so undo_revision can bring them back.
    """
    text = clean_text(text)
    other_ids = list(dict.fromkeys(a.pk for a in others if a.pk != survivor.pk))
    if not other_ids:
        raise CurationProblem("Choose at least one other row to merge into this one.")
    with transaction.atomic():
        lock_matrix(survivor.event_id)
        rows = Assertion.objects.select_for_update().in_bulk([survivor.pk, *other_ids])
        if len(rows) != len(other_ids) + 1:
            raise CurationProblem(
                "Some of these rows were deleted a moment ago; reload the page and try again."
            )
        survivor = rows[survivor.pk]
        merged = [rows[pk] for pk in other_ids]
        if any(row.event_id != survivor.event_id for row in merged):
            raise CurationProblem("Only rows of the same event can be merged.")
        before = {
            "survivor": assertion_state(survivor),
            "merged": [assertion_state(row) for row in merged],
            "order": row_order(survivor.event_id),
        }
        cells: dict[int, dict[int, Stance]] = {pk: {} for pk in rows}
        for stance in Stance.objects.filter(assertion_id__in=rows).order_by("article_id"):
            cells[stance.assertion_id][stance.article_id] = stance
        articles = {article_id for by_article in cells.values() for article_id in by_article}
        for article_id in sorted(articles):
            own = cells[survivor.pk].get(article_id)
            candidates = [own] + [cells[row.pk].get(article_id) for row in merged]
            best = max((c for c in candidates if c is not None), key=_strength)
            if best is own:
                continue
            if own is None:
                own = Stance(assertion=survivor, article_id=article_id)
            for name in STANCE_FIELDS:
                setattr(own, name, getattr(best, name))
            own.save()
        survivor.text = text
        survivor.origin = Origin.HUMAN
        survivor.save(update_fields=["text", "origin", "updated_at"])
        Assertion.objects.filter(pk__in=other_ids).delete()
        renumber(survivor.event_id, [pk for pk in before["order"] if pk not in other_ids])
        survivor.refresh_from_db()
        return record(
            event_id=survivor.event_id,
            user=user,
            target=survivor,
            action=Revision.Action.MERGE,
            before=before,
            after={"survivor": assertion_state(survivor)},
            summary=f"Merged {len(merged) + 1} rows into {quote(text)}",
        )


def split_assertion(
    *, assertion: Assertion, first_text: str, second_text: str, user: Any
) -> Assertion:
    """Split a row in two: it takes the first wording, a new row below it the second.

    Both start with the original's cells, marked as a person's, to be corrected one by
    one. Returns the new row.
    """
    first_text, second_text = clean_text(first_text), clean_text(second_text)
    if first_text == second_text:
        raise CurationProblem("The two parts are the same; word them differently.")
    with transaction.atomic():
        assertion = lock_row(assertion)
        before = assertion_state(assertion)
        order = row_order(assertion.event_id)
        now = timezone.now()
        person = actor(user)
        assertion.text = first_text
        assertion.origin = Origin.HUMAN
        assertion.save(update_fields=["text", "origin", "updated_at"])
        originals = list(assertion.stances.order_by("article_id"))
        Stance.objects.filter(assertion=assertion).update(
            origin=Origin.HUMAN, updated_by=person, updated_at=now
        )
        second = Assertion.objects.create(
            event_id=assertion.event_id,
            text=second_text,
            origin=Origin.HUMAN,
            position=next_position(assertion.event_id),
        )
        copies = []
        for stance in originals:
            copy = Stance(assertion=second, article_id=stance.article_id)
            for name in STANCE_FIELDS:
                setattr(copy, name, getattr(stance, name))
            copy.origin, copy.updated_by = Origin.HUMAN, person
            copies.append(copy)
        Stance.objects.bulk_create(copies)
        order.insert(order.index(assertion.pk) + 1, second.pk)
        renumber(assertion.event_id, order)
        assertion.refresh_from_db()
        second.refresh_from_db()
        after = {"first": assertion_state(assertion), "second": assertion_state(second)}
        record(
            event_id=assertion.event_id,
            user=user,
            target=assertion,
            action=Revision.Action.SPLIT,
            before=before,
            after=after,
            summary=f"Split {quote(before['text'])} into {quote(first_text)} "
            f"and {quote(second_text)}",
        )
        record(
            event_id=assertion.event_id,
            user=user,
            target=second,
            action=Revision.Action.SPLIT,
            before=before,
            after=after,
            summary=f"Split off from {quote(before['text'])}",
        )
    return second


def move_assertion(*, assertion: Assertion, position: int, user: Any) -> None:
    """Move a row to a 0-based position; positions past either end mean that end."""
    with transaction.atomic():
        assertion = lock_row(assertion)
        order = row_order(assertion.event_id)
        old = order.index(assertion.pk)
        new = max(0, min(position, len(order) - 1))
        if new == old:
            return
        order.insert(new, order.pop(old))
        renumber(assertion.event_id, order)
        record(
            event_id=assertion.event_id,
            user=user,
            target=assertion,
            action=Revision.Action.REORDER,
            before={"position": old + 1},
            after={"position": new + 1},
            summary=f"Moved {quote(assertion.text, 60)} from row {old + 1} to row {new + 1}",
        )


def delete_assertion(*, assertion: Assertion, user: Any) -> Revision:
    """Delete a row and its cells; the revision keeps them, so it can be undone."""
    with transaction.atomic():
        assertion = lock_row(assertion)
        assertion_id, event_id = assertion.pk, assertion.event_id
        before = {"assertion": assertion_state(assertion), "order": row_order(event_id)}
        assertion.delete()
        renumber(event_id, [pk for pk in before["order"] if pk != assertion_id])
        return record(
            event_id=event_id,
            user=user,
            target_id=assertion_id,
            action=Revision.Action.DELETE,
            before=before,
            summary=f"Deleted {quote(before['assertion']['text'])}",
        )
