"""Business workflows that write several models at once.

Views, commands and the admin call these functions instead of touching the models
directly, so every path validates the same way and writes inside one transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.text import Truncator, slugify

from coverage import matrix_cache
from coverage.analysis.segment import split_sentences
from coverage.models import (
    Article,
    Assertion,
    Event,
    Origin,
    Outlet,
    Revision,
    Sentence,
    Stance,
)

MAX_TITLE_LENGTH = 500
MAX_ARTICLES_PER_IMPORT = 1000
# Longer runs without a sentence break (a table, a pasted CSV cell, a page with no
# punctuation) are stored as several "sentences" of at most this many characters, cut
# at a space: every page that parses, quotes or searches sentences relies on the bound.
MAX_SENTENCE_CHARS = 1000
# Paths under /events/ that are pages of their own, so no event may take them as a slug.
RESERVED_EVENT_SLUGS = frozenset({"new"})


class ImportProblem(ValueError):
    """Input that cannot be imported; the message says what is wrong and how to fix it."""


def _unique_slug(model: type[Event] | type[Outlet], base: str, fallback: str) -> str:
    slug_base = (slugify(base) or fallback)[:180]
    slug = slug_base
    suffix = 2
    reserved = RESERVED_EVENT_SLUGS if model is Event else frozenset()
    while slug in reserved or model.objects.filter(slug=slug).exists():
        slug = f"{slug_base}-{suffix}"
        suffix += 1
    return slug


def _impossible_date(where: str, field: str, value: str) -> ImportProblem:
    return ImportProblem(
        f'{where}: "{field}" is {value[:40]!r}, which looks like a date but does not exist '
        "(a day past the end of its month, an hour past 23, year 0 or a time zone offset "
        "beyond ±23:59). Correct it, e.g. 2024-11-30 or 2024-11-30T14:05:00Z."
    )


def _parse_published_at(value: Any, where: str) -> dt.datetime | None:
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        raise ImportProblem(f'{where}: "published_at" must be a date string like 2024-11-30.')
    # Well-formed but impossible values ("2024-02-30", "T25:00", "+99:00") raise
    # ValueError instead of returning None.
    try:
        parsed = parse_datetime(value)
        day = parse_date(value) if parsed is None else None
    except ValueError:
        raise _impossible_date(where, "published_at", value) from None
    if parsed is None and day is None:
        raise ImportProblem(
            f'{where}: "published_at" is {value[:40]!r}, which is not a date. '
            "Use ISO 8601, e.g. 2024-11-30 or 2024-11-30T14:05:00Z."
        )
    parsed = parsed or dt.datetime.combine(day, dt.time())
    if timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed, dt.UTC)
    try:
        # Stored in UTC: 9999-12-31T23:00-05:00 is past the last date there is.
        parsed.astimezone(dt.UTC)
    except OverflowError:
        raise _impossible_date(where, "published_at", value) from None
    return parsed


def _optional_string(data: Mapping[str, Any], key: str, where: str, max_length: int) -> str:
    value = data.get(key)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ImportProblem(f'{where}: "{key}" must be text, not {type(value).__name__}.')
    value = value.strip()
    if len(value) > max_length:
        raise ImportProblem(f'{where}: "{key}" is longer than {max_length} characters.')
    return value


def _required_string(data: Mapping[str, Any], key: str, where: str, max_length: int) -> str:
    if key not in data:
        raise ImportProblem(f'{where}: the field "{key}" is missing.')
    value = _optional_string(data, key, where, max_length)
    if not value:
        raise ImportProblem(f'{where}: "{key}" is empty.')
    return value


def _check_url(url: str, where: str) -> str:
    if not url:
        return ""
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError:
        raise ImportProblem(
            f"{where}: {url!r} is not a web address; use a full http:// or https:// URL."
        ) from None
    return url


def get_or_create_outlet(*, name: str, homepage: str = "") -> Outlet:
    """The outlet with this name (case-insensitive), created if new."""
    outlet = Outlet.objects.filter(name__iexact=name).first()
    if outlet is None:
        outlet = Outlet.objects.create(
            name=name, slug=_unique_slug(Outlet, name, "outlet"), homepage=homepage
        )
    elif homepage and not outlet.homepage:
        outlet.homepage = homepage
        outlet.save(update_fields=["homepage"])
    return outlet


def add_article(
    *,
    event: Event,
    outlet: Outlet,
    title: str,
    text: str,
    url: str = "",
    published_at: dt.datetime | None = None,
    author: str = "",
) -> Article:
    """Store an article with its sentences, and a silent cell for every existing row."""
    if not text.strip():
        raise ImportProblem(f"The article {title!r} has no text.")
    if url and event.articles.filter(url=url).exists():
        raise ImportProblem(f"The article at {url} is already part of this event.")
    with transaction.atomic():
        lock_matrix(event.pk)
        article = Article.objects.create(
            event=event,
            outlet=outlet,
            title=title,
            text=text,
            url=url,
            published_at=published_at,
            author=author,
            word_count=len(text.split()),
        )
        Sentence.objects.bulk_create(
            Sentence(article=article, index=index, start=start, end=end, text=sentence)
            for index, (start, end, sentence) in enumerate(_bounded_sentences(text))
        )
        Stance.objects.bulk_create(
            Stance(assertion=assertion, article=article) for assertion in event.assertions.all()
        )
    return article


def _bounded_sentences(text: str) -> Iterable[tuple[int, int, str]]:
    """The text's sentences as (start, end, text), none longer than MAX_SENTENCE_CHARS."""
    for sentence in split_sentences(text):
        start, end = sentence.start, sentence.end
        if end - start <= MAX_SENTENCE_CHARS:
            yield start, end, sentence.text
            continue
        while end - start > MAX_SENTENCE_CHARS:
            window = text[start : start + MAX_SENTENCE_CHARS]
            # The last space in the second half of the window, else a hard cut.
            cut = next(
                (
                    start + offset
                    for offset in range(len(window) - 1, MAX_SENTENCE_CHARS // 2, -1)
                    if window[offset].isspace()
                ),
                start + MAX_SENTENCE_CHARS,
            )
            yield start, cut, text[start:cut]
            start = cut
            while start < end and text[start].isspace():
                start += 1
        if start < end:
            yield start, end, text[start:end]


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
            event=event, text=text, origin=origin, position=_next_position(event.pk)
        )
        Stance.objects.bulk_create(
            Stance(assertion=assertion, article=article) for article in event.articles.all()
        )
        _record(
            event=event,
            user=user,
            target=assertion,
            action=Revision.Action.CREATE,
            after={"text": assertion.text, "origin": assertion.origin},
            summary=f"Added {_quote(assertion.text)}",
        )
    return assertion


def stance_version(stance: Stance) -> str:
    """What a cell form was opened on: the cell's last change, as its history records it."""
    return stance.updated_at.isoformat()


@dataclass(frozen=True)
class CellChange:
    """One field of a cell that changed while someone had its form open."""

    field: str
    was: str
    now: str


class StaleCell(ValueError):
    """The cell changed after the form was opened; saving would silently undo that."""

    def __init__(self, stance: Stance, changes: list[CellChange], by: str) -> None:
        super().__init__(
            f"{by} changed this cell while you had it open, so your correction was not "
            "saved. It now reads as below; your choices are still in the form. Save again "
            "to replace theirs, or close the form to keep theirs."
        )
        self.stance = stance
        self.changes = changes
        self.by = by


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
        before = _stance_state(current)
        current.label = label
        current.hedged = hedged
        current.evidence = evidence
        current.note = note.strip()
        current.origin = Origin.HUMAN
        current.confidence = None
        current.updated_by = _actor(user)
        current.save()
        _record(
            event_id=current.article.event_id,
            user=user,
            target=current,
            action=Revision.Action.SET_CELL,
            before=before,
            after=_stance_state(current),
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
    now = _stance_state(current)
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


def _validate_articles(raw_articles: Any) -> list[dict[str, Any]]:
    if not isinstance(raw_articles, list):
        raise ImportProblem('"articles" must be a list of articles.')
    if not raw_articles:
        raise ImportProblem('"articles" is empty: an event needs at least one article.')
    if len(raw_articles) > MAX_ARTICLES_PER_IMPORT:
        raise ImportProblem(
            f"{len(raw_articles)} articles is more than {MAX_ARTICLES_PER_IMPORT} in one import; "
            "split the file."
        )
    articles = []
    seen_urls: set[str] = set()
    for number, raw in enumerate(raw_articles, start=1):
        where = f"Article {number}"
        if not isinstance(raw, dict):
            raise ImportProblem(f"{where} must be an object with outlet, title and text.")
        outlet = _required_string(raw, "outlet", where, 200)
        where = f"Article {number} ({outlet})"
        url = _check_url(_optional_string(raw, "url", where, 2000), where)
        if url and url in seen_urls:
            raise ImportProblem(f"{where}: the URL {url} appears twice in this file.")
        seen_urls.add(url)
        text = raw.get("text")
        if not isinstance(text, str) or not text.strip():
            raise ImportProblem(f'{where}: "text" is missing or empty; paste the article text.')
        if "\x00" in text:
            raise ImportProblem(
                f'{where}: "text" contains NUL characters, so it is not plain text. '
                "Export the article as UTF-8 text and try again."
            )
        articles.append(
            {
                "outlet": outlet,
                "outlet_homepage": _check_url(
                    _optional_string(raw, "outlet_homepage", where, 500), where
                ),
                "title": _required_string(raw, "title", where, MAX_TITLE_LENGTH),
                "text": text.strip(),
                "url": url,
                "published_at": _parse_published_at(raw.get("published_at"), where),
                "author": _optional_string(raw, "author", where, 300),
            }
        )
    return articles


def import_event(
    payload: Any, *, status: str = Event.Status.DRAFT, editors: Iterable[Any] = ()
) -> Event:
    """Create an event and its articles from the import_event JSON schema.

    Raises ImportProblem naming the first problem; nothing is written in that case.
    """
    if not isinstance(payload, dict):
        raise ImportProblem("The file must hold one JSON object with a title and articles.")
    title = _required_string(payload, "title", "The event", 300)
    summary = _optional_string(payload, "summary", "The event", 10_000)
    slug = _optional_string(payload, "slug", "The event", 200)
    if slug and slug != slugify(slug):
        raise ImportProblem(
            f'The event: "slug" {slug!r} may only hold lowercase letters, digits and hyphens.'
        )
    if slug in RESERVED_EVENT_SLUGS:
        raise ImportProblem(f'The event: "slug" {slug!r} is reserved; choose another slug.')
    raw_date = _optional_string(payload, "date", "The event", 40)
    try:
        date = parse_date(raw_date) if raw_date else None
    except ValueError:
        raise _impossible_date("The event", "date", raw_date) from None
    if raw_date and date is None:
        raise ImportProblem(f'The event: "date" {raw_date!r} is not a date like 2024-11-30.')
    if "articles" not in payload:
        raise ImportProblem('The field "articles" is missing: list the articles to import.')
    articles = _validate_articles(payload["articles"])

    with transaction.atomic():
        if slug and Event.objects.filter(slug=slug).exists():
            raise ImportProblem(
                f"An event with the slug {slug!r} already exists; choose another slug."
            )
        event = Event.objects.create(
            title=title,
            slug=slug or _unique_slug(Event, title, "event"),
            summary=summary,
            date=date,
            status=status,
        )
        event.editors.add(*editors)
        for article in articles:
            outlet = get_or_create_outlet(
                name=article.pop("outlet"), homepage=article.pop("outlet_homepage")
            )
            add_article(event=event, outlet=outlet, **article)
    return event


def _find_evidence(article: Article, quote: str, sentences: Iterable[Sentence]) -> Sentence:
    for sentence in sentences:
        if quote in sentence.text:
            return sentence
    raise ImportProblem(f"Evidence {quote[:60]!r} is not within one sentence of {article.title!r}.")


def load_curated_event(fixture: Mapping[str, Any]) -> Event:
    """Create a hand-curated event (outlets, articles and matrix) from a demo fixture.

    All cells are marked human: they are the curators' judgement, kept on re-analysis.
    """
    with transaction.atomic():
        for outlet_data in fixture["outlets"]:
            Outlet.objects.update_or_create(
                name=outlet_data["name"],
                defaults={k: v for k, v in outlet_data.items() if k != "name"},
            )
        event = Event.objects.create(
            title=fixture["title"],
            slug=fixture["slug"],
            summary=fixture.get("summary", ""),
            date=parse_date(fixture["date"]) if fixture.get("date") else None,
            status=fixture.get("status", Event.Status.PUBLISHED),
        )
        articles: dict[str, Article] = {}
        for article_data in fixture["articles"]:
            articles[article_data["key"]] = add_article(
                event=event,
                outlet=Outlet.objects.get(name=article_data["outlet"]),
                title=article_data["title"],
                text=article_data["text"],
                url=article_data.get("url") or "",
                published_at=_parse_published_at(article_data.get("published_at"), "Fixture"),
                author=article_data.get("author") or "",
            )
        sentences = {key: list(article.sentences.all()) for key, article in articles.items()}
        for assertion_data in fixture["assertions"]:
            assertion = add_assertion(event=event, text=assertion_data["text"])
            for cell in assertion_data["cells"]:
                article = articles[cell["article"]]
                quote = cell.get("evidence")
                Stance.objects.filter(assertion=assertion, article=article).update(
                    label=cell["label"],
                    hedged=cell.get("hedged", False),
                    evidence=_find_evidence(article, quote, sentences[cell["article"]])
                    if quote
                    else None,
                    note=cell.get("note", ""),
                    origin=Origin.HUMAN,
                    # A bulk update skips auto_now; the matrix cache reads updated_at.
                    updated_at=timezone.now(),
                )
    return event


def add_articles(*, event: Event, articles: Any) -> tuple[list[Article], list[dict[str, Any]]]:
    """Add articles (import_event schema) to an existing event in one transaction.

    Articles whose URL is already in the event are not doubled: they are skipped and
    returned second, so callers can say which. Raises ImportProblem naming the first
    problem; nothing is written in that case.
    """
    cleaned = _validate_articles(articles)
    urls = [article["url"] for article in cleaned if article["url"]]
    added: list[Article] = []
    skipped: list[dict[str, Any]] = []
    try:
        with transaction.atomic():
            known = set(event.articles.filter(url__in=urls).values_list("url", flat=True))
            for article in cleaned:
                if article["url"] in known:
                    skipped.append(article)
                    continue
                outlet = get_or_create_outlet(
                    name=article.pop("outlet"), homepage=article.pop("outlet_homepage")
                )
                added.append(add_article(event=event, outlet=outlet, **article))
    except IntegrityError:
        # Someone else added one of these URLs (or outlets) between our check and write.
        raise ImportProblem(
            "Someone added some of these articles at the same moment; nothing was imported. "
            "Try again."
        ) from None
    return added, skipped


# Events and their editors.


def create_event(
    *, title: str, slug: str, summary: str, date: dt.date | None, status: str, user: Any
) -> Event:
    """A new event whose creator becomes its first editor."""
    try:
        with transaction.atomic():
            event = Event.objects.create(
                title=title,
                slug=slug or _unique_slug(Event, title, "event"),
                summary=summary,
                date=date,
                status=status,
            )
            if _actor(user) is not None:
                event.editors.add(user)
    except IntegrityError:
        raise CurationProblem(
            "Another event took this web address a moment ago; choose another slug."
        ) from None
    return event


def update_event(
    *, event: Event, title: str, slug: str, summary: str, date: dt.date | None, status: str
) -> Event:
    event.title, event.summary, event.date, event.status = title, summary, date, status
    event.slug = slug or event.slug
    try:
        with transaction.atomic():
            event.save()
    except IntegrityError:
        raise CurationProblem(
            "Another event took this web address a moment ago; choose another slug."
        ) from None
    return event


# Outlets: their details are shared by every event they cover.

OUTLET_FIELDS = ("name", "homepage", "country", "language", "ownership_kind", "notes")


def _outlet_value(name: str, value: str) -> str:
    if name == "ownership_kind":
        value = Outlet.OwnershipKind(value).label
    return _quote(value, 40) if value else "—"


def update_outlet(*, outlet: Outlet, changes: Mapping[str, Any], user: Any) -> Outlet:
    """Correct an outlet's details, recording what changed in its history."""
    try:
        with transaction.atomic():
            locked = Outlet.objects.select_for_update().get(pk=outlet.pk)
            before = {name: getattr(locked, name) for name in OUTLET_FIELDS}
            for name in OUTLET_FIELDS:
                if name in changes:
                    setattr(locked, name, changes[name])
            after = {name: getattr(locked, name) for name in OUTLET_FIELDS}
            changed = [name for name in OUTLET_FIELDS if before[name] != after[name]]
            if not changed:
                return locked
            locked.save()
            _record(
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
    except IntegrityError:
        raise CurationProblem(
            "Another outlet took this name a moment ago; choose another name."
        ) from None
    return locked


# Curation: people correcting the matrix. Each change is one transaction that also
# records a Revision with the state before and after, so no work is ever lost.


class CurationProblem(ValueError):
    """A correction that cannot be made; the message says why and what to do."""


class UndoRefused(CurationProblem):
    """Undoing would overwrite later work, or there is nothing to undo."""


# What a cell says; a correction can be undone while the cell still says it.
CELL_CONTENT = ("label", "hedged", "attributed_to", "evidence_id", "note", "origin")
# What a cell holds; copied on merge and split, compared and restored on undo.
STANCE_FIELDS = (
    "label",
    "hedged",
    "attributed_to",
    "evidence_id",
    "confidence",
    "origin",
    "note",
    "updated_by_id",
)


def _actor(user: Any) -> Any:
    return user if getattr(user, "is_authenticated", False) else None


def _quote(text: str, length: int = 80) -> str:
    return f"“{Truncator(text).chars(length)}”"


def _clean_text(text: str) -> str:
    text = " ".join(text.split())
    if len(text) < 3:
        raise CurationProblem("Write the claim as a short sentence.")
    return text


def _stance_state(stance: Stance) -> dict[str, Any]:
    return {
        "id": stance.pk,
        "article_id": stance.article_id,
        **{name: getattr(stance, name) for name in STANCE_FIELDS},
        "updated_at": stance.updated_at.isoformat() if stance.updated_at else None,
    }


def _assertion_state(assertion: Assertion) -> dict[str, Any]:
    """The row and all its cells, enough to put it back exactly as it was."""
    return {
        "id": assertion.pk,
        "text": assertion.text,
        "origin": assertion.origin,
        "position": assertion.position,
        "created_at": assertion.created_at.isoformat(),
        "updated_at": assertion.updated_at.isoformat(),
        "cells": [
            _stance_state(stance)
            for stance in Stance.objects.filter(assertion=assertion).order_by("article_id")
        ],
    }


def _record(
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
        user=_actor(user),
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


def _lock(assertion: Assertion) -> Assertion:
    lock_matrix(assertion.event_id)
    locked = Assertion.objects.select_for_update().filter(pk=assertion.pk).first()
    if locked is None:
        raise CurationProblem("This row was deleted a moment ago; reload the page.")
    return locked


def _order(event_id: int) -> list[int]:
    return list(
        Assertion.objects.filter(event_id=event_id)
        .order_by("position", "pk")
        .values_list("pk", flat=True)
    )


def _next_position(event_id: int) -> int:
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


def edit_assertion(*, assertion: Assertion, text: str, user: Any) -> Assertion:
    """Reword a row. It becomes a person's row, so re-analysis keeps it."""
    text = _clean_text(text)
    with transaction.atomic():
        assertion = _lock(assertion)
        if text == assertion.text:
            return assertion
        before = {"text": assertion.text, "origin": assertion.origin}
        assertion.text = text
        assertion.origin = Origin.HUMAN
        assertion.save(update_fields=["text", "origin", "updated_at"])
        _record(
            event_id=assertion.event_id,
            user=user,
            target=assertion,
            action=Revision.Action.EDIT,
            before=before,
            after={"text": assertion.text, "origin": assertion.origin},
            summary=f"Reworded {_quote(before['text'])} as {_quote(text)}",
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
    text = _clean_text(text)
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
            "survivor": _assertion_state(survivor),
            "merged": [_assertion_state(row) for row in merged],
            "order": _order(survivor.event_id),
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
        return _record(
            event_id=survivor.event_id,
            user=user,
            target=survivor,
            action=Revision.Action.MERGE,
            before=before,
            after={"survivor": _assertion_state(survivor)},
            summary=f"Merged {len(merged) + 1} rows into {_quote(text)}",
        )


def split_assertion(
    *, assertion: Assertion, first_text: str, second_text: str, user: Any
) -> Assertion:
    """Split a row in two: it takes the first wording, a new row below it the second.

    Both start with the original's cells, marked as a person's, to be corrected one by
    one. Returns the new row.
    """
    first_text, second_text = _clean_text(first_text), _clean_text(second_text)
    if first_text == second_text:
        raise CurationProblem("The two parts are the same; word them differently.")
    with transaction.atomic():
        assertion = _lock(assertion)
        before = _assertion_state(assertion)
        order = _order(assertion.event_id)
        now = timezone.now()
        actor = _actor(user)
        assertion.text = first_text
        assertion.origin = Origin.HUMAN
        assertion.save(update_fields=["text", "origin", "updated_at"])
        originals = list(assertion.stances.order_by("article_id"))
        Stance.objects.filter(assertion=assertion).update(
            origin=Origin.HUMAN, updated_by=actor, updated_at=now
        )
        second = Assertion.objects.create(
            event_id=assertion.event_id,
            text=second_text,
            origin=Origin.HUMAN,
            position=_next_position(assertion.event_id),
        )
        copies = []
        for stance in originals:
            copy = Stance(assertion=second, article_id=stance.article_id)
            for name in STANCE_FIELDS:
                setattr(copy, name, getattr(stance, name))
            copy.origin, copy.updated_by = Origin.HUMAN, actor
            copies.append(copy)
        Stance.objects.bulk_create(copies)
        order.insert(order.index(assertion.pk) + 1, second.pk)
        renumber(assertion.event_id, order)
        assertion.refresh_from_db()
        second.refresh_from_db()
        after = {"first": _assertion_state(assertion), "second": _assertion_state(second)}
        _record(
            event_id=assertion.event_id,
            user=user,
            target=assertion,
            action=Revision.Action.SPLIT,
            before=before,
            after=after,
            summary=f"Split {_quote(before['text'])} into {_quote(first_text)} "
            f"and {_quote(second_text)}",
        )
        _record(
            event_id=assertion.event_id,
            user=user,
            target=second,
            action=Revision.Action.SPLIT,
            before=before,
            after=after,
            summary=f"Split off from {_quote(before['text'])}",
        )
    return second


def move_assertion(*, assertion: Assertion, position: int, user: Any) -> None:
    """Move a row to a 0-based position; positions past either end mean that end."""
    with transaction.atomic():
        assertion = _lock(assertion)
        order = _order(assertion.event_id)
        old = order.index(assertion.pk)
        new = max(0, min(position, len(order) - 1))
        if new == old:
            return
        order.insert(new, order.pop(old))
        renumber(assertion.event_id, order)
        _record(
            event_id=assertion.event_id,
            user=user,
            target=assertion,
            action=Revision.Action.REORDER,
            before={"position": old + 1},
            after={"position": new + 1},
            summary=f"Moved {_quote(assertion.text, 60)} from row {old + 1} to row {new + 1}",
        )


def delete_assertion(*, assertion: Assertion, user: Any) -> Revision:
    """Delete a row and its cells; the revision keeps them, so it can be undone."""
    with transaction.atomic():
        assertion = _lock(assertion)
        assertion_id, event_id = assertion.pk, assertion.event_id
        before = {"assertion": _assertion_state(assertion), "order": _order(event_id)}
        assertion.delete()
        renumber(event_id, [pk for pk in before["order"] if pk != assertion_id])
        return _record(
            event_id=event_id,
            user=user,
            target_id=assertion_id,
            action=Revision.Action.DELETE,
            before=before,
            summary=f"Deleted {_quote(before['assertion']['text'])}",
        )


def _cell_content(cells: list[dict[str, Any]], articles: set[int]) -> dict[int, tuple]:
    return {
        cell["article_id"]: tuple(cell[name] for name in STANCE_FIELDS)
        for cell in cells
        if cell["article_id"] in articles
    }


def _existing_users(states: list[dict[str, Any]]) -> set[int]:
    ids = {cell["updated_by_id"] for state in states for cell in state["cells"]}
    return set(get_user_model().objects.filter(pk__in=ids - {None}).values_list("pk", flat=True))


def _restore_cell(stance: Stance, cell: dict[str, Any], users: set[int]) -> None:
    for name in STANCE_FIELDS:
        setattr(stance, name, cell[name])
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
        position=_next_position(event.pk),
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
    order = [pk for pk in _order(event_id) if pk not in restored.values()]
    for index, old_id in enumerate(old_order):
        if old_id not in restored:
            continue
        earlier = [pk for pk in old_order[:index] if pk in order or pk in restored]
        anchor = restored.get(earlier[-1], earlier[-1]) if earlier else None
        order.insert(order.index(anchor) + 1 if anchor in order else 0, restored[old_id])
    renumber(event_id, order)


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
    current = _assertion_state(survivor)
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
        f"Undid the merge into {_quote(merged_state['text'], 60)}: "
        f"restored {len(restored) + 1} rows"
    )
    return current, {"survivor": _assertion_state(survivor), "restored": restored}, summary


def _undo_delete(revision: Revision, articles: set[int]) -> tuple[dict, dict, str]:
    state = revision.before["assertion"]
    users = _existing_users([state])
    restored = _restore_assertion(state, revision.event, articles, users)
    _put_back_in_order(revision.event_id, {state["id"]: restored.pk}, revision.before["order"])
    restored.refresh_from_db()
    return {}, {"assertion": _assertion_state(restored)}, f"Restored {_quote(state['text'])}"


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
    current = _stance_state(stance)
    if any(current[name] != revision.after[name] for name in CELL_CONTENT):
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
    return current, _stance_state(stance), summary


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
                lock_matrix(revision.event_id)
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
            return _record(
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
