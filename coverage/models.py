"""Parallax data model: events, the outlets and articles covering them, and the matrix.

The matrix is stored as Assertion rows and one Stance per (assertion, article); an
outlet's column is the summary of its articles' stances.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone


class Origin(models.TextChoices):
    """Who produced a row or a cell: the analysis pipeline or a person."""

    MACHINE = "machine", "Machine"
    HUMAN = "human", "Human"


class Outlet(models.Model):
    class OwnershipKind(models.TextChoices):
        PRIVATE = "private", "Private"
        PUBLIC_BROADCASTER = "public_broadcaster", "Public broadcaster"
        STATE_CONTROLLED = "state_controlled", "State-controlled"
        UNKNOWN = "unknown", "Unknown"

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200)
    homepage = models.URLField(max_length=500, blank=True)
    country = models.CharField(max_length=100, blank=True)
    language = models.CharField(max_length=35, blank=True, help_text="e.g. en, ar, ru")
    ownership_kind = models.CharField(
        max_length=20, choices=OwnershipKind, default=OwnershipKind.UNKNOWN
    )
    notes = models.TextField(blank=True)
    aliases = models.TextField(
        blank=True,
        help_text="Other names that give the outlet away, one a line: a short name, "
        "initials, the outlet whose articles it republishes. Blind mode hides them too.",
    )

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["slug"], name="outlet_unique_slug"),
            # Imports match outlets by name; "BBC" and "bbc" must be one outlet.
            models.UniqueConstraint(Lower("name"), name="outlet_unique_name_ci"),
        ]

    def __str__(self) -> str:
        return self.name


class EventQuerySet(models.QuerySet["Event"]):
    """Who sees and who changes an event.

    Published events are visible to everyone, drafts only to their own editors and to
    superusers. Changing an event, its rows and its cells takes both the "change event"
    permission (the Editors group) and a place in the event's editors; superusers may
    change any event. Other editors read published events like everyone else.
    """

    def published(self) -> EventQuerySet:
        return self.filter(status=Event.Status.PUBLISHED)

    def visible_to(self, user: Any) -> EventQuerySet:
        if not user.is_authenticated or not user.is_active:
            return self.published()
        if user.is_superuser:
            return self.all()
        own = Event.editors.through.objects.filter(user_id=user.pk).values("event_id")
        # A subquery rather than a join, so an event never appears twice.
        return self.filter(Q(status=Event.Status.PUBLISHED) | Q(pk__in=own))

    def editable_by(self, user: Any) -> EventQuerySet:
        """Costs a query for the user's permissions unless they are cached on the user."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_superuser:
            return self.all()
        if not user.has_perm("coverage.change_event"):
            return self.none()
        own = Event.editors.through.objects.filter(user_id=user.pk).values("event_id")
        return self.filter(pk__in=own)

    def search(self, query: str) -> EventQuerySet:
        """Events whose title or summary contains every word of the query."""
        result = self
        for word in query.split():
            result = result.filter(Q(title__icontains=word) | Q(summary__icontains=word))
        return result


class Event(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"

    title = models.CharField(max_length=300)
    slug = models.SlugField(max_length=200)
    summary = models.TextField(blank=True)
    date = models.DateField(null=True, blank=True, help_text="When the event happened.")
    status = models.CharField(max_length=10, choices=Status, default=Status.DRAFT)
    editors = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="edited_events",
        help_text="Who may change this event and see it while it is a draft.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-created_at"]
        constraints = [models.UniqueConstraint(fields=["slug"], name="event_unique_slug")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("event_detail", args=[self.slug])

    def is_editable_by(self, user: Any) -> bool:
        """Costs up to three queries (the user's permissions, then this event's editors)."""
        return Event.objects.editable_by(user).filter(pk=self.pk).exists()


class Article(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="articles")
    # PROTECT: deleting an outlet must not silently drop coverage from events.
    outlet = models.ForeignKey(Outlet, on_delete=models.PROTECT, related_name="articles")
    title = models.CharField(max_length=500)
    url = models.URLField(max_length=2000, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    author = models.CharField(max_length=300, blank=True)
    text = models.TextField()
    word_count = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["outlet__name", "published_at", "pk"]
        constraints = [
            # The same story imported twice into an event would count twice.
            models.UniqueConstraint(
                fields=["event", "url"], condition=~Q(url=""), name="article_unique_url_per_event"
            ),
        ]
        indexes = [
            # The matrix loads an event's articles grouped by outlet.
            models.Index(fields=["event", "outlet"], name="article_event_outlet_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.outlet}: {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("article_detail", args=[self.event.slug, self.pk])


class Sentence(models.Model):
    """A sentence of an article with its character offsets into Article.text."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="sentences")
    index = models.PositiveIntegerField()
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    text = models.TextField()

    class Meta:
        ordering = ["article", "index"]
        constraints = [
            models.UniqueConstraint(fields=["article", "index"], name="sentence_unique_index"),
            models.CheckConstraint(condition=Q(start__lt=models.F("end")), name="sentence_span"),
        ]

    def __str__(self) -> str:
        return self.text


class Assertion(models.Model):
    """A row of the matrix: one factual claim, worded once for all outlets."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="assertions")
    text = models.TextField()
    position = models.PositiveIntegerField(default=0)
    origin = models.CharField(max_length=10, choices=Origin, default=Origin.HUMAN)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["event", "position", "pk"]
        constraints = [
            # Two rows in one place would swap at random between pages and exports.
            # Its index also serves reading an event's rows in order.
            models.UniqueConstraint(fields=["event", "position"], name="assertion_unique_position"),
        ]

    def __str__(self) -> str:
        return self.text


class Stance(models.Model):
    """One cell: how one article treats one assertion."""

    class Label(models.TextChoices):
        AGREE = "agree", "Agrees"
        CONTRADICT = "contradict", "Contradicts"
        SILENT = "silent", "Silent"

    assertion = models.ForeignKey(Assertion, on_delete=models.CASCADE, related_name="stances")
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="stances")
    label = models.CharField(max_length=10, choices=Label, default=Label.SILENT)
    hedged = models.BooleanField(
        default=False, help_text="The outlet reports the claim as hedged or attributed to others."
    )
    attributed_to = models.CharField(
        max_length=300, blank=True, help_text="Who the outlet attributes the claim to."
    )
    evidence = models.ForeignKey(
        Sentence, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # A claim may be stated across two adjacent sentences ("..., the bank said. It cut
    # rates."): the evidence then runs from ``evidence`` through this one.
    evidence_through = models.ForeignKey(
        Sentence, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    confidence = models.FloatField(null=True, blank=True)
    reason = models.CharField(
        max_length=300,
        blank=True,
        help_text="Why the analysis decided the cell, in words; cleared when a person relabels it.",
    )
    origin = models.CharField(max_length=10, choices=Origin, default=Origin.MACHINE)
    note = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["assertion", "article"]
        constraints = [
            models.UniqueConstraint(
                fields=["assertion", "article"], name="stance_one_per_assertion_article"
            ),
            models.CheckConstraint(
                condition=Q(confidence__isnull=True) | Q(confidence__gte=0, confidence__lte=1),
                name="stance_confidence_range",
            ),
            # Silence has nothing to quote and nothing to hedge.
            models.CheckConstraint(
                condition=~Q(label="silent") | Q(evidence__isnull=True, hedged=False),
                name="stance_silent_has_no_evidence",
            ),
            # The second sentence only ever continues a first.
            models.CheckConstraint(
                condition=Q(evidence_through__isnull=True) | Q(evidence__isnull=False),
                name="stance_evidence_through_follows_evidence",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.article.outlet} {self.get_label_display().lower()}: {self.assertion}"

    @property
    def evidence_text(self) -> str | None:
        """The quoted evidence: its sentence, or its two adjacent sentences. Costs a query
        per sentence not loaded with ``select_related("evidence", "evidence_through")``."""
        if self.evidence is None:
            return None
        if self.evidence_through_id is None or self.evidence_through is None:
            return self.evidence.text
        return f"{self.evidence.text} {self.evidence_through.text}"


class AnalysisRunQuerySet(models.QuerySet["AnalysisRun"]):
    def active(self) -> AnalysisRunQuerySet:
        return self.filter(status__in=AnalysisRun.ACTIVE_STATUSES)


class AnalysisRun(models.Model):
    """One run of the automatic analysis on an event, with its live progress."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Running"
        SUCCEEDED = "succeeded", "Finished"
        FAILED = "failed", "Failed"

    ACTIVE_STATUSES = (Status.QUEUED, Status.RUNNING)

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="analysis_runs")
    status = models.CharField(max_length=10, choices=Status, default=Status.QUEUED)
    step = models.CharField(max_length=100, blank=True)
    progress = models.PositiveSmallIntegerField(default=0, help_text="Percent done.")
    message = models.TextField(blank=True, help_text="Plain-language outcome or error.")
    warnings = models.JSONField(default=list, blank=True)
    task_id = models.CharField(max_length=64, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    heartbeat_at = models.DateTimeField(
        null=True, blank=True, help_text="Last sign of life from the worker running it."
    )

    objects = AnalysisRunQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            # Two analyses of one event at once would race to rewrite the same matrix.
            models.UniqueConstraint(
                fields=["event"],
                condition=Q(status__in=["queued", "running"]),
                name="analysisrun_one_active_per_event",
            ),
            models.CheckConstraint(condition=Q(progress__lte=100), name="analysisrun_progress_pct"),
        ]

    def __str__(self) -> str:
        return f"Analysis of {self.event} ({self.get_status_display().lower()})"

    @property
    def is_active(self) -> bool:
        return self.status in self.ACTIVE_STATUSES

    @property
    def finished_just_now(self) -> bool:
        """Finished under a minute ago, which "0 minutes ago" would put oddly."""
        return (
            self.finished_at is not None
            and (timezone.now() - self.finished_at).total_seconds() < 60
        )


class Revision(models.Model):
    """One change a person made to a row, a cell or an outlet, with the state before and after.

    target_id is a plain id, not a foreign key, so the history outlives a deleted row
    and finds it again when an undo restores it under its old id. It is empty only
    for changes that are about no single row. An outlet belongs to no one event, so
    its changes have none.
    """

    class TargetKind(models.TextChoices):
        ASSERTION = "assertion", "Assertion"
        STANCE = "stance", "Cell"
        OUTLET = "outlet", "Outlet"

    class Action(models.TextChoices):
        CREATE = "create", "Added"
        EDIT = "edit", "Edited"
        MERGE = "merge", "Merged"
        SPLIT = "split", "Split"
        REORDER = "reorder", "Moved"
        DELETE = "delete", "Deleted"
        SET_CELL = "set_cell", "Set cell"
        UNDO = "undo", "Undone"

    UNDOABLE_ACTIONS = (Action.MERGE, Action.DELETE, Action.SET_CELL)

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, null=True, blank=True, related_name="revisions"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    target_kind = models.CharField(max_length=10, choices=TargetKind)
    target_id = models.BigIntegerField(null=True, blank=True)
    action = models.CharField(max_length=10, choices=Action)
    before = models.JSONField(default=dict, blank=True)
    after = models.JSONField(default=dict, blank=True)
    summary = models.CharField(max_length=300)
    # One-to-one: a change can be undone once, even by two people clicking at once.
    undoes = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="undone_by"
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            # Only an undo points at another revision, and every undo says which.
            models.CheckConstraint(
                condition=Q(action="undo", undoes__isnull=False)
                | (~Q(action="undo") & Q(undoes__isnull=True)),
                name="revision_undo_points_back",
            ),
            # Rows and cells belong to an event; only an outlet's changes stand alone.
            models.CheckConstraint(
                condition=Q(target_kind="outlet") | Q(event__isnull=False),
                name="revision_event_unless_outlet",
            ),
        ]
        indexes = [
            # The event's history page reads newest first.
            models.Index(fields=["event", "-created_at"], name="revision_event_recent_idx"),
            # A row's or a cell's history is looked up by what it changed.
            models.Index(fields=["target_kind", "target_id"], name="revision_target_idx"),
        ]

    def __str__(self) -> str:
        return self.summary

    @property
    def is_undoable_kind(self) -> bool:
        return self.action in self.UNDOABLE_ACTIONS


class LoginAttempt(models.Model):
    """A login attempt counted against a username or a client address (coverage.accounts).

    A row is written before the password is checked and kept if it was wrong, so
    parallel attempts are counted one by one, and only the first few get checked.
    """

    key = models.CharField(max_length=80, help_text="What is counted: a hashed username or IP.")
    at = models.DateTimeField()

    class Meta:
        indexes = [
            # Counting a key's attempts within the window is the lookup on every login.
            models.Index(fields=["key", "at"], name="loginattempt_key_at_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.key} at {self.at:%Y-%m-%d %H:%M:%S}"
