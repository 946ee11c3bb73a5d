"""Admin for every model, for superusers: search, filters and inline cells.

Editors work through the site's own pages, which apply the per-event rules (only an
event's own editors change it) and record every change in its history. The admin
does neither, so it is closed to everyone but superusers, who may change anything
(coverage.admin_site).
"""

from __future__ import annotations

from django.contrib import admin

from coverage.models import (
    AnalysisRun,
    Article,
    Assertion,
    Event,
    LoginAttempt,
    Outlet,
    Revision,
    Sentence,
    Stance,
)


@admin.register(Outlet)
class OutletAdmin(admin.ModelAdmin):
    list_display = ["name", "country", "language", "ownership_kind", "homepage"]
    list_filter = ["ownership_kind", "country", "language"]
    search_fields = ["name", "homepage", "notes"]
    prepopulated_fields = {"slug": ["name"]}


class ArticleInline(admin.TabularInline):
    model = Article
    fields = ["outlet", "title", "url", "published_at", "word_count"]
    readonly_fields = ["word_count"]
    show_change_link = True
    extra = 0


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["title", "date", "status", "updated_at"]
    list_filter = ["status", "date"]
    search_fields = ["title", "summary"]
    prepopulated_fields = {"slug": ["title"]}
    date_hierarchy = "date"
    # Admins grant editing of an event here; see EventQuerySet for the rule.
    filter_horizontal = ["editors"]
    inlines = [ArticleInline]


class SentenceInline(admin.TabularInline):
    model = Sentence
    fields = ["index", "start", "end", "text"]
    readonly_fields = fields
    can_delete = False
    extra = 0

    def has_add_permission(self, request, obj=None) -> bool:
        # Sentences are derived from the article text on import.
        return False


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["title", "outlet", "event", "published_at", "word_count"]
    list_filter = ["outlet", "event"]
    list_select_related = ["outlet", "event"]
    search_fields = ["title", "text", "url", "author"]
    readonly_fields = ["word_count", "created_at"]
    autocomplete_fields = ["outlet", "event"]
    inlines = [SentenceInline]


@admin.register(Sentence)
class SentenceAdmin(admin.ModelAdmin):
    list_display = ["article", "index", "text"]
    list_select_related = ["article__outlet"]
    search_fields = ["text"]
    raw_id_fields = ["article"]


class StanceInline(admin.TabularInline):
    model = Stance
    fields = [
        "article",
        "label",
        "hedged",
        "attributed_to",
        "evidence",
        "evidence_through",
        "confidence",
        "origin",
        "note",
    ]
    raw_id_fields = ["article", "evidence", "evidence_through"]
    extra = 0


@admin.register(Assertion)
class AssertionAdmin(admin.ModelAdmin):
    list_display = ["text", "event", "position", "origin"]
    list_filter = ["origin", "event"]
    list_select_related = ["event"]
    search_fields = ["text"]
    autocomplete_fields = ["event"]
    inlines = [StanceInline]


@admin.register(Stance)
class StanceAdmin(admin.ModelAdmin):
    list_display = ["assertion", "article", "label", "hedged", "origin", "confidence"]
    list_filter = ["label", "hedged", "origin", "assertion__event"]
    list_select_related = ["assertion", "article__outlet"]
    search_fields = ["assertion__text", "note", "attributed_to"]
    # Raw ids: a select of every sentence in the database would not load.
    raw_id_fields = ["assertion", "article", "evidence", "evidence_through", "updated_by"]


@admin.register(AnalysisRun)
class AnalysisRunAdmin(admin.ModelAdmin):
    list_display = ["event", "status", "step", "progress", "created_at", "finished_at"]
    list_filter = ["status"]
    list_select_related = ["event"]
    search_fields = ["event__title", "message"]
    readonly_fields = [field.name for field in AnalysisRun._meta.fields]

    def has_add_permission(self, request) -> bool:
        # Runs are started from the event page or the analyse command.
        return False


@admin.register(Revision)
class RevisionAdmin(admin.ModelAdmin):
    """The change history is evidence of who did what: read-only."""

    list_display = ["created_at", "event", "user", "action", "target_kind", "summary"]
    list_filter = ["action", "target_kind"]
    list_select_related = ["event", "user"]
    search_fields = ["summary", "event__title"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(LoginAttempt)
class LoginAttemptAdmin(admin.ModelAdmin):
    """Failed logins still counted against a hashed username or address: read-only."""

    list_display = ["at", "key"]
    date_hierarchy = "at"

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
