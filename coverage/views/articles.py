"""An event's articles: the reader with its evidence highlighted, and adding articles.

Editors add articles by pasting, uploading a file, giving links or picking items of
a feed. Fetching and storing are coverage.services.articles; each form answers with
its own section, or without htmx redirects back with the report as messages.
"""

from __future__ import annotations

import copy

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST
from django_htmx.http import trigger_client_event

from coverage import blind, ratelimits, services, tasks
from coverage.forms import (
    ArticleLinksForm,
    FeedChoiceForm,
    FeedSearchForm,
    PasteArticleForm,
    UploadArticlesForm,
)
from coverage.ingest import fetching, importers
from coverage.models import Event, Stance
from coverage.querystring import parse_int
from coverage.selectors.articles import article_paragraphs
from coverage.views.common import get_event_for_user, partial


@require_GET
def article_detail(request: HttpRequest, slug: str, article_id: int) -> HttpResponse:
    event = get_event_for_user(request, slug)
    article = get_object_or_404(event.articles.select_related("outlet"), pk=article_id)
    blinding = blind.blinding(event, hides=blind.names_hidden(request.GET))
    paragraphs = article_paragraphs(article)
    if blinding.hides:
        # Sentences and the claims they are evidence for can name an outlet.
        for item in (item for paragraph in paragraphs for item in paragraph):
            item["sentence"] = copy.copy(item["sentence"])
            item["sentence"].text = blinding.redact(item["sentence"].text)
            item["stances"] = [_shown_stance(stance, blinding) for stance in item["stances"]]
    return render(
        request,
        "coverage/article_detail.html",
        {
            "event": blinding.event(event),
            "article": blinding.article(article),
            "outlet_name": blinding.name(article.outlet),
            "outlet_slug": blinding.slug(article.outlet),
            "modes": blinding.query,
            "paragraphs": paragraphs,
            "highlighted": parse_int(request.GET.get("sentence")),
        },
    )


def _shown_stance(stance: Stance, blinding: blind.Blinding) -> Stance:
    shown = copy.copy(stance)
    shown.assertion = blinding.assertion(stance.assertion)
    return shown


ARTICLE_ADD_TEMPLATE = "coverage/article_add.html"


def _event_for_article_editor(request: HttpRequest, slug: str) -> Event:
    return get_event_for_user(request, slug, edit=True, action="add articles")


def _article_add_context(event: Event, **extra) -> dict:
    return {
        "event": event,
        "articles": event.articles.select_related("outlet").order_by("outlet__name", "pk"),
        "paste_form": PasteArticleForm(prefix="paste"),
        "upload_form": UploadArticlesForm(prefix="upload"),
        "links_form": ArticleLinksForm(prefix="links"),
        "feed_form": FeedSearchForm(prefix="feed"),
        **extra,
    }


def _article_add_response(
    request: HttpRequest,
    event: Event,
    section: str,
    *,
    report: services.ImportReport | None = None,
    problem: str = "",
    status: int = 200,
    **context,
) -> HttpResponse:
    """The section's partial for htmx, else the page; a finished import without htmx
    redirects back with its report as messages, so reloading does not post again."""
    if report is not None and report.added:
        # The Sources and Wording layers read the articles; the worker prepares them.
        tasks.prepare_layers_soon(event)
    if report is not None and report.added:
        # "Analyse it again" only where it ever ran; a new event has never been analysed.
        context["analysed_before"] = event.analysis_runs.exists()
    if report is not None and not request.htmx:
        _report_as_messages(request, report, context.get("analysed_before", False))
        return redirect("article_add", event.slug)
    response = render(
        request,
        partial(request, ARTICLE_ADD_TEMPLATE, section),
        _article_add_context(event, active=section, report=report, problem=problem, **context),
        status=status,
    )
    if request.htmx and report is not None and report.added:
        trigger_client_event(response, "articles-changed")
    return response


def _report_as_messages(
    request: HttpRequest, report: services.ImportReport, analysed_before: bool
) -> None:
    if report.added:
        titles = "; ".join(article.title for article in report.added)
        messages.success(
            request, f"Added {len(report.added)}: {titles}. {_next_step(analysed_before)}"
        )
    for article in report.skipped:
        messages.warning(
            request, f"Skipped {article['url']}: already in this event ({article['title']})."
        )
    for url, problem in report.failed:
        messages.error(request, f"Could not import {url}: {problem}")


def _next_step(analysed_before: bool) -> str:
    if analysed_before:
        return "Analyse the event again to bring them into the matrix."
    return "Analyse the event to find their claims and fill the matrix."


def _url_import_refusal(
    request: HttpRequest, event: Event, section: str, cost: int, **context
) -> HttpResponse | None:
    """The section refused with 429 if fetching ``cost`` more addresses passes the limit."""
    try:
        ratelimits.check(request, ratelimits.URL_IMPORT, cost=cost)
    except ratelimits.RateLimited as limited:
        response = _article_add_response(request, event, section, problem=str(limited), **context)
        return ratelimits.refused(response, limited)
    return None


@login_required
@require_GET
def article_add(request: HttpRequest, slug: str) -> HttpResponse:
    event = _event_for_article_editor(request, slug)
    return render(
        request,
        partial(request, ARTICLE_ADD_TEMPLATE, "current-articles"),
        _article_add_context(event),
    )


@login_required
@require_POST
def article_paste(request: HttpRequest, slug: str) -> HttpResponse:
    event = _event_for_article_editor(request, slug)
    form = PasteArticleForm(request.POST, prefix="paste")
    if not form.is_valid():
        return _article_add_response(request, event, "paste", paste_form=form, status=422)
    try:
        added, skipped = services.add_articles(event=event, articles=[form.article()])
    except services.ImportProblem as problem:
        return _article_add_response(
            request, event, "paste", paste_form=form, problem=str(problem), status=422
        )
    if skipped:
        return _article_add_response(
            request,
            event,
            "paste",
            paste_form=form,
            problem="An article with this web address is already in this event.",
            status=409,
        )
    return _article_add_response(request, event, "paste", report=services.ImportReport(added=added))


@login_required
@require_POST
def article_upload(request: HttpRequest, slug: str) -> HttpResponse:
    event = _event_for_article_editor(request, slug)
    form = UploadArticlesForm(request.POST, request.FILES, prefix="upload")
    if not form.is_valid():
        return _article_add_response(request, event, "upload", upload_form=form, status=422)
    upload = form.cleaned_data["file"]
    try:
        articles = importers.parse_upload(
            upload.name, upload.read(), outlet=form.cleaned_data["outlet"]
        )
        added, skipped = services.add_articles(event=event, articles=articles)
    except services.ImportProblem as problem:
        return _article_add_response(
            request,
            event,
            "upload",
            upload_form=form,
            problem=f"Nothing was imported. {problem}",
            status=422,
        )
    return _article_add_response(
        request, event, "upload", report=services.ImportReport(added=added, skipped=skipped)
    )


@login_required
@require_POST
def article_links(request: HttpRequest, slug: str) -> HttpResponse:
    event = _event_for_article_editor(request, slug)
    form = ArticleLinksForm(request.POST, prefix="links")
    if not form.is_valid():
        return _article_add_response(request, event, "links", links_form=form, status=422)
    urls = form.cleaned_data["urls"]
    if refusal := _url_import_refusal(request, event, "links", len(urls), links_form=form):
        return refusal
    report = services.import_links(event=event, urls=urls)
    ratelimits.record(request, ratelimits.URL_IMPORT, cost=len(urls))
    # The links that failed stay in the box, to fix or retry.
    retry = ArticleLinksForm(
        prefix="links", initial={"urls": "\n".join(url for url, _problem in report.failed)}
    )
    return _article_add_response(
        request,
        event,
        "links",
        report=report,
        links_form=retry,
        status=422 if report.failed and not report.added else 200,
    )


@login_required
@require_POST
def feed_items(request: HttpRequest, slug: str) -> HttpResponse:
    """Step one of a feed import: list the feed's matching items to choose from."""
    event = _event_for_article_editor(request, slug)
    form = FeedSearchForm(request.POST, prefix="feed")
    if not form.is_valid():
        return _article_add_response(request, event, "feed", feed_form=form, status=422)
    if refusal := _url_import_refusal(request, event, "feed", 1, feed_form=form):
        return refusal
    ratelimits.record(request, ratelimits.URL_IMPORT)
    try:
        page = fetching.fetch(form.cleaned_data["feed_url"], accept=fetching.FEED_TYPES)
        items = importers.parse_feed(page.content)
    except (fetching.FetchProblem, services.ImportProblem) as problem:
        return _article_add_response(
            request, event, "feed", feed_form=form, problem=str(problem), status=422
        )
    matching = importers.filter_feed_items(
        items, keyword=form.cleaned_data["keyword"], since=form.cleaned_data["since"]
    )
    known = set(
        event.articles.filter(url__in=[item.link for item in matching]).values_list(
            "url", flat=True
        )
    )
    return _article_add_response(
        request,
        event,
        "feed",
        feed_form=form,
        feed_total=len(items),
        feed_items=[{"item": item, "in_event": item.link in known} for item in matching],
    )


@login_required
@require_POST
def feed_import(request: HttpRequest, slug: str) -> HttpResponse:
    """Step two of a feed import: fetch and add the ticked items."""
    event = _event_for_article_editor(request, slug)
    form = FeedChoiceForm(request.POST, prefix="pick")
    if not form.is_valid():
        return _article_add_response(
            request, event, "feed-results", problem=form.errors["links"][0], status=422
        )
    links = form.cleaned_data["links"]
    if refusal := _url_import_refusal(request, event, "feed-results", len(links)):
        return refusal
    report = services.import_links(event=event, urls=links)
    ratelimits.record(request, ratelimits.URL_IMPORT, cost=len(links))
    return _article_add_response(
        request,
        event,
        "feed-results",
        report=report,
        status=422 if report.failed and not report.added else 200,
    )
