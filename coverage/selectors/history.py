"""The history of changes: revisions of an event or of one of its rows."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet

from coverage.models import Assertion, Revision, Stance


def assertion_revisions(assertion: Assertion) -> QuerySet[Revision]:
    """The row's own changes and those of its cells, newest first."""
    return Revision.objects.filter(
        Q(target_kind=Revision.TargetKind.ASSERTION, target_id=assertion.pk)
        | Q(
            target_kind=Revision.TargetKind.STANCE,
            target_id__in=Stance.objects.filter(assertion=assertion).values("pk"),
        ),
        event_id=assertion.event_id,
    ).select_related("user")


def with_undone(revisions: QuerySet[Revision]) -> QuerySet[Revision]:
    """With who made each change, and ``undone``: whether a later revision undid it."""
    return revisions.select_related("user").annotate(
        undone=Exists(Revision.objects.filter(undoes=OuterRef("pk")))
    )
