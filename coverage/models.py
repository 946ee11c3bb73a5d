"""Parallax data model: events, the outlets and articles covering them, and the matrix.

The matrix is stored as Assertion rows and one Stance per (assertion, article); an
outlet's column is the summary of its articles' stances.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse


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
    def published(self) -> EventQuerySet:
        return self.filter(status=Event.Status.PUBLISHED)

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
        indexes = [
            # Rows are always read in order for one event.
            models.Index(fields=["event", "position"], name="assertion_event_position_idx"),
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
    confidence = models.FloatField(null=True, blank=True)
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
        ]

    def __str__(self) -> str:
        return f"{self.article.outlet} {self.get_label_display().lower()}: {self.assertion}"


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
