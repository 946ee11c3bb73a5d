"""Articles coming into an event: checked, stored with their sentences, and given a
silent cell in every row; whole events imported from a file; pages fetched from the web.

A file with a problem is refused as a whole (ImportProblem), with a message naming
the problem; nothing is written then. Links are fetched at once and each found
article stored on its own, so one bad link does not cost the others.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.text import slugify

from coverage.analysis.segment import split_sentences
from coverage.ingest import fetching, importers
from coverage.models import Article, Event, Origin, Outlet, Sentence, Stance
from coverage.selectors.curated_outlets import curated_details
from coverage.services.changes import lock_matrix
from coverage.services.curation import add_assertion
from coverage.services.errors import ImportProblem
from coverage.services.events import RESERVED_EVENT_SLUGS, unique_slug

MAX_TITLE_LENGTH = 500
MAX_ARTICLES_PER_IMPORT = 1000
# Longer runs without a sentence break (a table, a pasted CSV cell, a page with no
# punctuation) are stored as several "sentences" of at most this many characters, cut
# at a space: every page that parses, quotes or searches sentences relies on the bound.
MAX_SENTENCE_CHARS = 1000
# One thread per link a form accepts, so a batch takes as long as its slowest page.
FETCH_WORKERS = 10


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
    """The outlet with this name (case-insensitive), created if new; a new outlet the
    curated list of agencies and broadcasters knows starts with its country, ownership,
    homepage and note from there (selectors.curated_outlets), which editors can change."""
    outlet = Outlet.objects.filter(name__iexact=name).first()
    if outlet is None:
        outlet = Outlet(name=name, slug=unique_slug(Outlet, name, "outlet"), homepage=homepage)
        if (details := curated_details(outlet)) is not None:
            for field_name, value in details.changes.items():
                setattr(outlet, field_name, value)
        outlet.save(force_insert=True)
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
            slug=slug or unique_slug(Event, title, "event"),
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


@dataclass
class ImportReport:
    """What an import did, item by item, for the editor to read."""

    added: list[Article] = field(default_factory=list)
    skipped: list[dict] = field(default_factory=list)  # already in this event
    failed: list[tuple[str, str]] = field(default_factory=list)  # (url, problem)


def import_links(*, event: Event, urls: list[str]) -> ImportReport:
    """Fetch the pages at once, then store each found article on its own, so one bad
    link does not cost the others. Links already in the event are skipped unfetched."""
    known = {
        article["url"]: article
        for article in event.articles.filter(url__in=urls).values("url", "title")
    }
    report = ImportReport(skipped=[known[url] for url in urls if url in known])
    to_fetch = [url for url in urls if url not in known]
    with ThreadPoolExecutor(max_workers=FETCH_WORKERS) as pool:
        results = list(pool.map(_fetch_article, to_fetch))
    for url, (article, problem) in zip(to_fetch, results, strict=True):
        if article is None:
            report.failed.append((url, problem))
            continue
        try:
            added, skipped = add_articles(event=event, articles=[article])
        except ImportProblem as refusal:
            report.failed.append((url, str(refusal)))
            continue
        report.added += added
        report.skipped += skipped
    return report


def _fetch_article(url: str) -> tuple[dict | None, str]:
    """The article at a URL, or the reason it cannot be imported. Runs in a thread."""
    try:
        page = fetching.fetch(url)
        return importers.parse_html(page.content, url=page.url), ""
    except (fetching.FetchProblem, ImportProblem) as problem:
        return None, str(problem)
