"""Pages of Parallax. Each view renders one template; htmx requests get a partial of it."""

from __future__ import annotations

import copy
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRedirect, push_url, trigger_client_event

from coverage import fetching, importers, matrix_cache, ratelimits, runs, services, tasks
from coverage.accounts import RateLimitedAuthenticationForm
from coverage.classroom import redactor
from coverage.forms import (
    ArticleLinksForm,
    AssertionForm,
    AssertionTextForm,
    EventForm,
    FeedChoiceForm,
    FeedSearchForm,
    MergeForm,
    MoveForm,
    OutletForm,
    OutletSearchForm,
    PasteArticleForm,
    SearchForm,
    SplitForm,
    StanceForm,
    UploadArticlesForm,
)
from coverage.matrix import (
    ROW_FILTERS,
    ROW_SORTS,
    Column,
    Matrix,
    MatrixOptions,
    Row,
    blind_labels,
    blind_letter,
    blind_slug,
    filter_and_sort,
    filter_counts,
    in_blind_order,
)
from coverage.models import (
    AnalysisRun,
    Article,
    Assertion,
    Event,
    Outlet,
    Revision,
    Sentence,
    Stance,
)
from coverage.outlets import (
    OUTLET_ORDERINGS,
    outlet_coverage,
    outlets_with_counts,
    search_outlets,
)
from coverage.querystring import page_number, parse_int

EVENTS_PER_PAGE = 25


def _get_event_for_user(
    request: HttpRequest, slug: str, *, edit: bool = False, action: str = "change this event"
) -> Event:
    """The event if the user may see it, else 404, so drafts do not reveal themselves.

    With edit=True the user must also be allowed to change it (see EventQuerySet), else
    403 saying why; ``action`` finishes the sentence "Only editors can …".
    """
    event = get_object_or_404(Event.objects.visible_to(request.user), slug=slug)
    if edit and not event.is_editable_by(request.user):
        if request.user.has_perm("coverage.change_event"):
            raise PermissionDenied(f"Only this event’s own editors can {action}.")
        raise PermissionDenied(f"Only editors can {action}.")
    return event


def _partial(request: HttpRequest, template: str, partial: str) -> str:
    return f"{template}#{partial}" if request.htmx else template


@require_GET
def event_list(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET)
    events = (
        Event.objects.visible_to(request.user)
        .annotate(
            article_count=Count("articles", distinct=True),
            outlet_count=Count("articles__outlet", distinct=True),
            assertion_count=Count("assertions", distinct=True),
        )
        .order_by("-date", "-created_at")
    )
    query = form.cleaned_data["q"].strip() if form.is_valid() else ""
    if query:
        events = events.search(query)
    page = Paginator(events, EVENTS_PER_PAGE).get_page(page_number(request.GET))
    return render(
        request,
        _partial(request, "coverage/event_list.html", "results"),
        {
            "form": form,
            "query": query,
            "page": page,
            "can_create": request.user.has_perm("coverage.add_event"),
        },
    )


MATRIX_ROWS_PER_PAGE = 100


@dataclass
class _Heading:
    """One column header as the reader sees it: a name, or a blind letter until revealed."""

    column: Column
    name: str
    blind_label: str = ""
    revealed: bool = True
    reveal_url: str = ""
    # How links name the outlet: its slug, or in blind mode its letter ("outlet-b").
    link_slug: str = ""
    # Its articles with their titles, redacted in blind mode.
    articles: list[tuple[Article, str]] = field(default_factory=list)


@dataclass
class _PageRow:
    row: Row
    text: str  # the claim, redacted in blind mode
    cells_html: SafeString
    url: str  # the row's permalink
    history_url: str
    edit_url: str


def _cells_html(row: Row, cell_urls: list[tuple[str, str]]) -> SafeString:
    """A row's cells as table cells, each a plain link to the cell's evidence.

    Rendered here rather than in the template: a page of 100 rows by 40 outlets has
    4,000 cells, and the template engine would spend most of the page's time on them.
    The headers of the table give each link its outlet and claim; the tbody's
    hx-boost opens it in the side panel. ``cell_urls`` are escaped already, the parts
    of each cell's link before and after the assertion id; the rest is our own text.
    """
    assertion_id = row.assertion.pk
    parts = []
    for cell, (before, after) in zip(row.cells, cell_urls, strict=True):
        hedged = cell.hedged
        parts.append(
            f'<td class="cell cell-{cell.label}{" cell-hedged" if hedged else ""}">'
            f'<a class="cell-link" href="{before}{assertion_id}{after}">{cell.label_display}'
            f"{' <em>hedged</em>' if hedged else ''}"
            f"{_HUMAN_MARK if cell.is_human else ''}</a></td>"
        )
    return mark_safe("".join(parts))


_HUMAN_MARK = (
    ' <span class="human-mark" title="Set by a person"><span aria-hidden="true">✎</span>'
    '<span class="visually-hidden"> set by a person</span></span>'
)


def _headings(
    matrix: Matrix, options: MatrixOptions, redact: Callable[[str], str]
) -> list[_Heading]:
    if not options.blind:
        return [
            _Heading(
                column=column,
                name=column.outlet.name,
                link_slug=column.outlet.slug,
                articles=[(article, article.title) for article in column.articles],
            )
            for column in matrix.columns
        ]
    labels = matrix.blind_labels
    headings = []
    for column in matrix.columns:
        label = labels[column.outlet.pk]
        revealed = options.reveals(column.outlet, label)
        headings.append(
            _Heading(
                column=column,
                name=column.outlet.name if revealed else label,
                blind_label=label,
                revealed=revealed,
                reveal_url=options.with_(reveal=options.reveal | {blind_letter(label)}).query(),
                link_slug=blind_slug(label),
                articles=[(article, redact(article.title)) for article in column.articles],
            )
        )
    return headings


def _event_page_context(request: HttpRequest, event: Event, **extra) -> dict:
    """The event page: the matrix as the query string asks (filters, sort, page, modes).

    What every reader of this view of the matrix sees is kept between requests by
    coverage.matrix_cache, until the event's data changes; what depends on the
    reader (editing rights, forms, the analysis run) is worked out here each time.
    """
    options = MatrixOptions.from_query(request.GET)
    return {
        **matrix_cache.cached_page(
            event, options, lambda matrix: _matrix_page(event, matrix, options)
        ),
        "event": event,
        "can_edit": event.is_editable_by(request.user),
        "assertion_form": AssertionForm(),
        "run": runs.latest_run(event),
        **extra,
    }


def _matrix_page(event: Event, matrix: Matrix, options: MatrixOptions) -> dict:
    """The page's matrix for ``options``: the same for every reader, so it is cached."""
    redact = _unchanged
    if options.blind:
        matrix = in_blind_order(matrix)
        if "all" not in options.reveal:
            # Titles and claims can name an outlet; blind mode puts letters in place.
            redact = redactor(matrix)
    headings = _headings(matrix, options, redact)
    rows = filter_and_sort(matrix.rows, show=options.show, sort=options.sort)
    page = Paginator(rows, MATRIX_ROWS_PER_PAGE).get_page(options.page)
    modes = options.modes().query()
    base = event.get_absolute_url()
    # Links in rows are built by hand: reverse() for 4,000 cells would take longer than
    # the rest of the page. tests/test_matrix_views.py checks that they resolve.
    cell_urls = [
        (escape(f"{base}cells/"), escape(f"/{heading.link_slug}/{modes}")) for heading in headings
    ]
    page_rows = [
        _PageRow(
            row=row,
            text=redact(row.assertion.text),
            cells_html=_cells_html(row, cell_urls),
            url=f"{base}rows/{row.assertion.pk}/{modes}",
            history_url=f"{base}assertions/{row.assertion.pk}/history/",
            edit_url=f"{base}assertions/{row.assertion.pk}/",
        )
        for row in page.object_list
    ]
    counts = filter_counts(matrix.rows)
    return {
        "matrix": matrix,
        "options": options,
        "headings": headings,
        "page": page,
        "page_rows": page_rows,
        "filters": [(name, label, counts[name]) for name, (label, _) in ROW_FILTERS.items()],
        "filter_label": ROW_FILTERS[options.show][0],
        "sorts": [(name, label) for name, (label, _) in ROW_SORTS.items()],
        "links": _mode_links(options),
        "page_links": [
            (number, options.with_(page=number).query() if isinstance(number, int) else "")
            for number in page.paginator.get_elided_page_range(page.number, on_each_side=2)
        ],
        "previous_page": options.with_(page=page.number - 1).query(),
        "next_page": options.with_(page=page.number + 1).query(),
        "modes": modes,
        "reveal_value": ",".join(sorted(options.reveal)),
    }


def _mode_links(options: MatrixOptions) -> dict[str, str]:
    """Query strings of the page's toggles, for links that stay on the matrix."""
    return {
        "here": options.query(),
        "blind": options.with_(blind=not options.blind, reveal=frozenset()).query(),
        "projector": options.with_(projector=not options.projector).query(),
        "exit": options.with_(blind=False, projector=False, reveal=frozenset()).query(),
        "reveal_all": options.with_(reveal=frozenset({"all"})).query(),
        "hide_all": options.with_(reveal=frozenset()).query(),
        "show_all": options.with_(show="all").query(),
    }


@require_GET
def event_detail(request: HttpRequest, slug: str) -> HttpResponse:
    event = _get_event_for_user(request, slug)
    return render(
        request,
        _partial(request, "coverage/event_detail.html", "matrix"),
        _event_page_context(request, event),
    )


@login_required
@require_POST
def assertion_create(request: HttpRequest, slug: str) -> HttpResponse:
    event = _get_event_for_user(request, slug, edit=True)
    form = AssertionForm(request.POST)
    if not form.is_valid():
        return render(
            request,
            _partial(request, "coverage/event_detail.html", "matrix-and-form"),
            _event_page_context(request, event, assertion_form=form),
            status=422,
        )
    services.add_assertion(event=event, text=form.cleaned_data["text"], user=request.user)
    if not request.htmx:
        return redirect(event)
    return render(
        request, "coverage/event_detail.html#matrix-and-form", _event_page_context(request, event)
    )


@login_required
@require_POST
def analysis_start(request: HttpRequest, slug: str) -> HttpResponse:
    event = _get_event_for_user(request, slug, edit=True)
    error = ""
    try:
        ratelimits.check(request, ratelimits.ANALYSIS)
        run = runs.request_analysis(event=event, user=request.user)
    except ratelimits.RateLimited as limited:
        context = (
            {"event": event, "run": event.analysis_runs.first(), "can_edit": True}
            if request.htmx
            else _event_page_context(request, event)
        )
        context["analysis_error"] = str(limited)
        return ratelimits.refused(
            render(request, _partial(request, "coverage/event_detail.html", "analysis"), context),
            limited,
        )
    except runs.AnalysisRefused as refusal:
        error = str(refusal)
        run = event.analysis_runs.first()
    else:
        ratelimits.record(request, ratelimits.ANALYSIS)
        result = tasks.analyse_event.enqueue(run.pk)
        AnalysisRun.objects.filter(pk=run.pk).update(task_id=str(result.id))
    if not request.htmx:
        if error:
            messages.error(request, error)
        return redirect(event)
    return render(
        request,
        "coverage/event_detail.html#analysis",
        {"event": event, "run": run, "can_edit": True, "analysis_error": error},
        status=409 if error else 202,
    )


@require_GET
def analysis_status(request: HttpRequest, slug: str, run_id: int) -> HttpResponse:
    event = _get_event_for_user(request, slug)
    run = runs.fail_if_stalled(get_object_or_404(event.analysis_runs, pk=run_id))
    response = render(
        request,
        _partial(request, "coverage/event_detail.html", "analysis"),
        {
            "event": event,
            "run": run,
            "can_edit": event.is_editable_by(request.user),
        }
        if request.htmx
        else _event_page_context(request, event, run=run),
    )
    if request.htmx and not run.is_active:
        trigger_client_event(response, "matrix-changed")
    return response


def _unchanged(text: str) -> str:
    return text


def _cell_context(
    event: Event,
    assertion: Assertion,
    outlet: Outlet,
    forms=None,
    *,
    redact: Callable[[str], str] = _unchanged,
    conflict: services.StaleCell | None = None,
) -> dict:
    stances = list(
        Stance.objects.filter(assertion=assertion, article__outlet=outlet)
        .select_related("article", "evidence", "updated_by")
        .prefetch_related(
            Prefetch("article__sentences", queryset=Sentence.objects.order_by("index"))
        )
        .order_by("article__published_at", "article_id")
    )
    entries = []
    for stance in stances:
        sentences = list(stance.article.sentences.all())
        context_sentences = []
        if stance.evidence is not None:
            position = stance.evidence.index
            context_sentences = [s for s in sentences if abs(s.index - position) <= 1]
        form = (forms or {}).get(stance.pk) or StanceForm(
            stance=stance,
            sentences=sentences,
            initial={
                "label": stance.label,
                "hedged": stance.hedged,
                "evidence": stance.evidence_id,
                "note": stance.note,
                "version": services.stance_version(stance),
            },
            prefix=f"stance-{stance.pk}",
        )
        entries.append(
            {
                "stance": stance,
                "title": redact(stance.article.title),
                "note": redact(stance.note),
                "attributed_to": redact(stance.attributed_to),
                "context": [
                    (redact(sentence.text), sentence.pk == stance.evidence_id)
                    for sentence in context_sentences
                ],
                "form": form,
                "conflict": conflict if conflict and conflict.stance.pk == stance.pk else None,
            }
        )
    revisions = Revision.objects.filter(
        target_kind=Revision.TargetKind.STANCE, target_id__in=[stance.pk for stance in stances]
    ).select_related("user")
    return {
        "event": event,
        "assertion": assertion,
        "outlet": outlet,
        "entries": entries,
        "revisions": revisions,
    }


@require_GET
def cell_detail(
    request: HttpRequest, slug: str, assertion_id: int, outlet_slug: str
) -> HttpResponse:
    event = _get_event_for_user(request, slug)
    assertion = get_object_or_404(event.assertions, pk=assertion_id)
    options = MatrixOptions.from_query(request.GET)
    seen = _outlet_as_seen(event, outlet_slug, options)
    context = _cell_context(event, assertion, seen.outlet, redact=seen.redact)
    modes = options.modes().query()
    context.update(
        # Corrections are for the plain page: a blind panel shows redacted notes.
        can_edit=not options.projector and not options.blind and event.is_editable_by(request.user),
        options=options,
        modes=modes,
        outlet_name=seen.name,
        outlet_hidden=seen.hidden,
        permalink=request.build_absolute_uri(
            reverse("cell_detail", args=[event.slug, assertion.pk, outlet_slug]) + modes
        ),
    )
    return render(request, _partial(request, "coverage/cell_detail.html", "panel"), context)


@dataclass
class _SeenOutlet:
    outlet: Outlet
    name: str  # its name, its blind letter, or "Outlet B = its name" once revealed
    hidden: bool
    # In blind mode, replaces outlets' names in quotes, titles and notes by their letters.
    redact: Callable[[str], str]


def _outlet_as_seen(event: Event, outlet_slug: str, options: MatrixOptions) -> _SeenOutlet:
    """The outlet a cell link names, as a reader in the page's mode may see it.

    Blind links name outlets by letter ("outlet-b"), so the page's address gives
    nothing away either; the real slug still works for links made outside blind mode.
    """
    outlets = list(Outlet.objects.filter(articles__event=event).distinct())
    labels = blind_labels(event, outlets) if options.blind else {}
    outlet = next((o for o in outlets if labels and blind_slug(labels[o.pk]) == outlet_slug), None)
    outlet = outlet or next((o for o in outlets if o.slug == outlet_slug), None)
    if outlet is None:
        raise Http404("This outlet has no article in this event.")
    if not options.blind:
        return _SeenOutlet(outlet, outlet.name, hidden=False, redact=_unchanged)
    label = labels[outlet.pk]
    redact = (
        _unchanged
        if "all" in options.reveal
        else redactor(Matrix(event, [Column(outlet=o, articles=[]) for o in outlets], rows=[]))
    )
    if options.reveals(outlet, label):
        return _SeenOutlet(outlet, f"{label} = {outlet.name}", hidden=False, redact=redact)
    return _SeenOutlet(outlet, label, hidden=True, redact=redact)


@login_required
@require_POST
def stance_update(request: HttpRequest, slug: str, stance_id: int) -> HttpResponse:
    event = _get_event_for_user(request, slug, edit=True)
    stance = get_object_or_404(
        Stance.objects.select_related("assertion", "article__outlet"),
        pk=stance_id,
        assertion__event=event,
    )
    sentences = list(stance.article.sentences.order_by("index"))
    form = StanceForm(
        request.POST, stance=stance, sentences=sentences, prefix=f"stance-{stance.pk}"
    )
    conflict = None
    if form.is_valid():
        try:
            services.set_stance(
                stance=stance,
                label=form.cleaned_data["label"],
                hedged=form.cleaned_data["hedged"],
                evidence=form.cleaned_data["evidence"],
                note=form.cleaned_data["note"],
                user=request.user,
                version=form.cleaned_data["version"] or None,
            )
        except services.StaleCell as stale:
            # The person's choices stay in the form, now on top of the newer cell, so
            # saving again is a decision to replace it.
            conflict = stale
            data = request.POST.copy()
            data[form.add_prefix("version")] = services.stance_version(stale.stance)
            forms = {
                stance.pk: StanceForm(
                    data, stance=stance, sentences=sentences, prefix=f"stance-{stance.pk}"
                )
            }
            status = 409
        except services.CurationProblem as problem:
            form.add_error(None, str(problem))
            forms = {stance.pk: form}
            status = 409
        else:
            if not request.htmx:
                return redirect(
                    "cell_detail", event.slug, stance.assertion_id, stance.article.outlet.slug
                )
            forms = None
            status = 200
    else:
        forms = {stance.pk: form}
        status = 422
    if status == 409 and not request.htmx and conflict is None:
        messages.error(request, form.non_field_errors()[0])
        return redirect("event_detail", event.slug)
    context = _cell_context(
        event, stance.assertion, stance.article.outlet, forms, conflict=conflict
    )
    context["can_edit"] = True
    context["saved"] = status == 200
    response = render(
        request,
        _partial(request, "coverage/cell_detail.html", "panel"),
        context,
        status=status,
    )
    if request.htmx and status == 200:
        trigger_client_event(response, "matrix-changed")
    return response


@require_GET
def article_detail(request: HttpRequest, slug: str, article_id: int) -> HttpResponse:
    event = _get_event_for_user(request, slug)
    article = get_object_or_404(event.articles.select_related("outlet"), pk=article_id)
    evidence_of: dict[int, list[Stance]] = {}
    for stance in (
        article.stances.exclude(evidence=None)
        .select_related("assertion")
        .order_by("assertion__position")
    ):
        evidence_of.setdefault(stance.evidence_id, []).append(stance)
    # Sentences separated by a line break belong to different paragraphs.
    paragraphs: list[list[dict]] = []
    previous_end: int | None = None
    for sentence in article.sentences.order_by("index"):
        if previous_end is None or "\n" in article.text[previous_end : sentence.start]:
            paragraphs.append([])
        paragraphs[-1].append({"sentence": sentence, "stances": evidence_of.get(sentence.pk, [])})
        previous_end = sentence.end
    return render(
        request,
        "coverage/article_detail.html",
        {
            "event": event,
            "article": article,
            "paragraphs": paragraphs,
            "highlighted": parse_int(request.GET.get("sentence")),
        },
    )


@require_http_methods(["GET", "HEAD"])
def healthz(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


# Adding articles to an event: paste, upload, links and feeds.

ARTICLE_ADD_TEMPLATE = "coverage/article_add.html"
# One thread per link a form accepts, so a batch takes as long as its slowest page.
FETCH_WORKERS = 10


@dataclass
class ImportReport:
    """What an import did, item by item, for the editor to read."""

    added: list[Article] = field(default_factory=list)
    skipped: list[dict] = field(default_factory=list)  # already in this event
    failed: list[tuple[str, str]] = field(default_factory=list)  # (url, problem)


def _event_for_article_editor(request: HttpRequest, slug: str) -> Event:
    return _get_event_for_user(request, slug, edit=True, action="add articles")


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
    report: ImportReport | None = None,
    problem: str = "",
    status: int = 200,
    **context,
) -> HttpResponse:
    """The section's partial for htmx, else the page; a finished import without htmx
    redirects back with its report as messages, so reloading does not post again."""
    if report is not None and report.added:
        # The Sources and Wording layers read the articles; the worker prepares them.
        tasks.prepare_layers_soon(event)
    if report is not None and not request.htmx:
        _report_as_messages(request, report)
        return redirect("article_add", event.slug)
    response = render(
        request,
        _partial(request, ARTICLE_ADD_TEMPLATE, section),
        _article_add_context(event, active=section, report=report, problem=problem, **context),
        status=status,
    )
    if request.htmx and report is not None and report.added:
        trigger_client_event(response, "articles-changed")
    return response


def _report_as_messages(request: HttpRequest, report: ImportReport) -> None:
    if report.added:
        titles = "; ".join(article.title for article in report.added)
        messages.success(request, f"Added {len(report.added)}: {titles}.")
    for article in report.skipped:
        messages.warning(
            request, f"Skipped {article['url']}: already in this event ({article['title']})."
        )
    for url, problem in report.failed:
        messages.error(request, f"Could not import {url}: {problem}")


def _fetch_article(url: str) -> tuple[dict | None, str]:
    """The article at a URL, or the reason it cannot be imported. Runs in a thread."""
    try:
        page = fetching.fetch(url)
        return importers.parse_html(page.content, url=page.url), ""
    except (fetching.FetchProblem, services.ImportProblem) as problem:
        return None, str(problem)


def _import_links(event: Event, urls: list[str]) -> ImportReport:
    """Fetch the pages at once, then store each found article on its own, so one bad
    link does not cost the others."""
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
            added, skipped = services.add_articles(event=event, articles=[article])
        except services.ImportProblem as refusal:
            report.failed.append((url, str(refusal)))
            continue
        report.added += added
        report.skipped += skipped
    return report


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
        _partial(request, ARTICLE_ADD_TEMPLATE, "current-articles"),
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
    return _article_add_response(request, event, "paste", report=ImportReport(added=added))


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
        request, event, "upload", report=ImportReport(added=added, skipped=skipped)
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
    report = _import_links(event, urls)
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
    report = _import_links(event, links)
    ratelimits.record(request, ratelimits.URL_IMPORT, cost=len(links))
    return _article_add_response(
        request,
        event,
        "feed-results",
        report=report,
        status=422 if report.failed and not report.added else 200,
    )


# Outlets: a directory and a page per outlet, whose details editors can correct.

OUTLETS_PER_PAGE = 50
OUTLET_TEMPLATE = "coverage/outlet_detail.html"
OUTLET_HISTORY_SHOWN = 20


@require_GET
def outlet_list(request: HttpRequest) -> HttpResponse:
    form = OutletSearchForm(request.GET)
    query, sort = "", "name"
    if form.is_valid():
        query = form.cleaned_data["q"].strip()
        sort = form.cleaned_data["sort"] or sort
    outlets = outlets_with_counts(Event.objects.visible_to(request.user)).order_by(
        *OUTLET_ORDERINGS[sort]
    )
    if query:
        outlets = search_outlets(outlets, query)
    page = Paginator(outlets, OUTLETS_PER_PAGE).get_page(page_number(request.GET))
    return render(
        request,
        _partial(request, "coverage/outlet_list.html", "results"),
        {
            "form": form,
            "query": query,
            "sort": sort,
            "sort_label": OutletSearchForm.SORTS[sort],
            "sorts": OutletSearchForm.SORTS,
            "page": page,
        },
    )


def _get_outlet_for_user(request: HttpRequest, slug: str) -> Outlet:
    """Outlets are public once they covered a visible event; editors see them all."""
    outlets = Outlet.objects.all()
    if not request.user.has_perm("coverage.change_outlet"):
        outlets = outlets.filter(
            Exists(
                Article.objects.filter(
                    outlet=OuterRef("pk"), event__in=Event.objects.visible_to(request.user)
                )
            )
        )
    return get_object_or_404(outlets, slug=slug)


def _outlet_page(
    request: HttpRequest,
    outlet: Outlet,
    *,
    form: OutletForm | None = None,
    saved: bool = False,
    status: int = 200,
) -> HttpResponse:
    """The outlet page, or for htmx its details section, which holds the edit form."""
    context = {
        "outlet": outlet,
        "form": form,
        "saved": saved,
        "history": list(
            Revision.objects.filter(
                target_kind=Revision.TargetKind.OUTLET, target_id=outlet.pk
            ).select_related("user")[:OUTLET_HISTORY_SHOWN]
        ),
    }
    if not request.htmx:
        context["coverage"] = outlet_coverage(outlet, Event.objects.visible_to(request.user))
    return render(request, _partial(request, OUTLET_TEMPLATE, "details"), context, status=status)


@require_GET
def outlet_detail(request: HttpRequest, slug: str) -> HttpResponse:
    return _outlet_page(request, _get_outlet_for_user(request, slug))


@login_required
@require_http_methods(["GET", "POST"])
def outlet_edit(request: HttpRequest, slug: str) -> HttpResponse:
    outlet = _get_outlet_for_user(request, slug)
    if not request.user.has_perm("coverage.change_outlet"):
        raise PermissionDenied("Only editors can change an outlet’s details.")
    if request.method == "GET":
        return _outlet_page(request, outlet, form=OutletForm(instance=outlet))
    # A refused form has already copied its values onto its instance; the page keeps
    # showing the outlet as saved.
    form = OutletForm(request.POST, instance=copy.copy(outlet))
    if not form.is_valid():
        return _outlet_page(request, outlet, form=form, status=422)
    try:
        outlet = services.update_outlet(outlet=outlet, changes=form.cleaned_data, user=request.user)
    except services.CurationProblem as problem:
        form.add_error("name", str(problem))
        return _outlet_page(request, outlet, form=form, status=409)
    if not request.htmx:
        messages.success(request, "Saved the outlet’s details.")
        return redirect("outlet_detail", outlet.slug)
    return push_url(
        _outlet_page(request, outlet, saved=True), reverse("outlet_detail", args=[slug])
    )


# Accounts: Django's views with the site's templates; failed logins are rate limited.


class _RateLimitedLoginView(auth_views.LoginView):
    authentication_form = RateLimitedAuthenticationForm

    def form_invalid(self, form: RateLimitedAuthenticationForm) -> HttpResponse:
        response = super().form_invalid(form)
        if form.locked:
            response.status_code = 429
        return response


login = _RateLimitedLoginView.as_view()


# Curation: creating and editing events, correcting rows, and the history of changes.

EVENT_FORM_TEMPLATE = "coverage/event_form.html"
ASSERTION_TEMPLATE = "coverage/assertion_edit.html"
DELETE_TEMPLATE = "coverage/assertion_delete.html"
HISTORY_TEMPLATE = "coverage/history.html"
REVISIONS_PER_PAGE = 50


def _go(request: HttpRequest, url: str) -> HttpResponse:
    """After a change, send the browser to ``url``: a redirect, or for htmx a full load."""
    return HttpResponseClientRedirect(url) if request.htmx else redirect(url)


@login_required
@require_http_methods(["GET", "POST"])
def event_create(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("coverage.add_event"):
        raise PermissionDenied("Only editors can create events.")
    form = EventForm(request.POST) if request.method == "POST" else EventForm()
    if request.method == "POST" and form.is_valid():
        try:
            event = services.create_event(**form.cleaned_data, user=request.user)
        except services.CurationProblem as problem:
            form.add_error("slug", str(problem))
        else:
            messages.success(request, f"Created “{event.title}”. Add its articles next.")
            return _go(request, event.get_absolute_url())
    return render(
        request,
        _partial(request, EVENT_FORM_TEMPLATE, "event-form"),
        {"form": form, "event": None},
        status=422 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def event_edit(request: HttpRequest, slug: str) -> HttpResponse:
    event = _get_event_for_user(request, slug, edit=True)
    if request.method == "GET":
        form = EventForm(instance=event)
    else:
        # The form writes its values onto its instance while validating; the page
        # keeps showing the event as it is saved.
        form = EventForm(request.POST, instance=Event.objects.get(pk=event.pk))
        if form.is_valid():
            try:
                event = services.update_event(event=event, **form.cleaned_data)
            except services.CurationProblem as problem:
                form.add_error("slug", str(problem))
            else:
                messages.success(request, f"Saved “{event.title}”.")
                return _go(request, event.get_absolute_url())
    return render(
        request,
        _partial(request, EVENT_FORM_TEMPLATE, "event-form"),
        {"form": form, "event": event},
        status=422 if form.errors else 200,
    )


def _assertion_panel(
    request: HttpRequest,
    event: Event,
    assertion: Assertion,
    *,
    saved: str = "",
    status: int = 200,
    **forms,
) -> HttpResponse:
    """The row's curation page, or for htmx its panel; ``saved`` says what just changed."""
    rows = list(event.assertions.order_by("position", "pk"))
    number = next(index for index, row in enumerate(rows, start=1) if row.pk == assertion.pk)
    context = {
        "event": event,
        "assertion": assertion,
        "row_count": len(rows),
        "row_number": number,
        "text_form": AssertionTextForm(initial={"text": assertion.text}),
        "split_form": SplitForm(initial={"first": assertion.text, "second": assertion.text}),
        "merge_form": MergeForm(assertion=assertion, rows=rows),
        "move_form": MoveForm(initial={"position": number}),
        "revisions": _assertion_revisions(assertion)[:10],
        "saved": saved,
        **forms,
    }
    response = render(
        request, _partial(request, ASSERTION_TEMPLATE, "panel"), context, status=status
    )
    if request.htmx and saved:
        trigger_client_event(response, "matrix-changed")
    return response


def _assertion_revisions(assertion: Assertion):
    """The row's own changes and those of its cells, newest first."""
    return Revision.objects.filter(
        Q(target_kind=Revision.TargetKind.ASSERTION, target_id=assertion.pk)
        | Q(
            target_kind=Revision.TargetKind.STANCE,
            target_id__in=Stance.objects.filter(assertion=assertion).values("pk"),
        ),
        event_id=assertion.event_id,
    ).select_related("user")


def _saved(request: HttpRequest, event: Event, assertion: Assertion, message: str):
    """Without htmx, a change redirects back to the row's page with a message."""
    if request.htmx:
        return _assertion_panel(request, event, assertion, saved=message)
    messages.success(request, message)
    return redirect("assertion_edit", event.slug, assertion.pk)


def _refused(request: HttpRequest, event: Event, assertion: Assertion, problem: str):
    if request.htmx:
        return _assertion_panel(request, event, assertion, problem=problem, status=409)
    messages.error(request, problem)
    return redirect("assertion_edit", event.slug, assertion.pk)


@login_required
@require_http_methods(["GET", "POST"])
def assertion_edit(request: HttpRequest, slug: str, assertion_id: int) -> HttpResponse:
    """The row's page of corrections; a POST rewords it."""
    event = _get_event_for_user(request, slug, edit=True)
    assertion = get_object_or_404(event.assertions, pk=assertion_id)
    if request.method == "GET":
        return _assertion_panel(request, event, assertion)
    form = AssertionTextForm(request.POST)
    if not form.is_valid():
        return _assertion_panel(request, event, assertion, text_form=form, status=422)
    try:
        assertion = services.edit_assertion(
            assertion=assertion, text=form.cleaned_data["text"], user=request.user
        )
    except services.CurationProblem as problem:
        return _refused(request, event, assertion, str(problem))
    return _saved(request, event, assertion, "Saved the wording; the row is now a person’s.")


@login_required
@require_POST
def assertion_split(request: HttpRequest, slug: str, assertion_id: int) -> HttpResponse:
    event = _get_event_for_user(request, slug, edit=True)
    assertion = get_object_or_404(event.assertions, pk=assertion_id)
    form = SplitForm(request.POST)
    if not form.is_valid():
        return _assertion_panel(request, event, assertion, split_form=form, status=422)
    try:
        services.split_assertion(
            assertion=assertion,
            first_text=form.cleaned_data["first"],
            second_text=form.cleaned_data["second"],
            user=request.user,
        )
    except services.CurationProblem as problem:
        form.add_error(None, str(problem))
        return _assertion_panel(request, event, assertion, split_form=form, status=422)
    assertion.refresh_from_db()
    return _saved(
        request, event, assertion, "Split in two. Both rows kept the cells; check each one."
    )


@login_required
@require_POST
def assertion_merge(request: HttpRequest, slug: str, assertion_id: int) -> HttpResponse:
    event = _get_event_for_user(request, slug, edit=True)
    assertion = get_object_or_404(event.assertions, pk=assertion_id)
    rows = list(event.assertions.order_by("position", "pk"))
    form = MergeForm(request.POST, assertion=assertion, rows=rows)
    if not form.is_valid():
        return _assertion_panel(request, event, assertion, merge_form=form, status=422)
    try:
        services.merge_assertions(
            survivor=assertion,
            others=form.cleaned_data["others"],
            text=form.cleaned_data["text"],
            user=request.user,
        )
    except services.CurationProblem as problem:
        return _refused(request, event, assertion, str(problem))
    assertion.refresh_from_db()
    merged = len(form.cleaned_data["others"])
    return _saved(
        request,
        event,
        assertion,
        f"Merged {merged} row{'s' if merged != 1 else ''} into this one. "
        "The event’s history can undo it.",
    )


@login_required
@require_POST
def assertion_move(request: HttpRequest, slug: str, assertion_id: int) -> HttpResponse:
    event = _get_event_for_user(request, slug, edit=True)
    assertion = get_object_or_404(event.assertions, pk=assertion_id)
    form = MoveForm(request.POST)
    if not form.is_valid():
        return _assertion_panel(request, event, assertion, move_form=form, status=422)
    try:
        services.move_assertion(
            assertion=assertion, position=form.cleaned_data["position"] - 1, user=request.user
        )
    except services.CurationProblem as problem:
        return _refused(request, event, assertion, str(problem))
    assertion.refresh_from_db()
    return _saved(request, event, assertion, "Moved.")


@login_required
@require_http_methods(["GET", "POST"])
def assertion_delete(request: HttpRequest, slug: str, assertion_id: int) -> HttpResponse:
    """GET asks for confirmation; POST deletes. The event's history can undo it."""
    event = _get_event_for_user(request, slug, edit=True)
    assertion = get_object_or_404(event.assertions, pk=assertion_id)
    if request.method == "GET":
        return render(
            request,
            _partial(request, DELETE_TEMPLATE, "confirm"),
            {"event": event, "assertion": assertion, "cells": assertion.stances.count()},
        )
    try:
        revision = services.delete_assertion(assertion=assertion, user=request.user)
    except services.CurationProblem as problem:
        return _refused(request, event, assertion, str(problem))
    if not request.htmx:
        messages.success(request, f"{revision.summary}. The event’s history can undo it.")
        return redirect(event)
    response = render(request, f"{DELETE_TEMPLATE}#deleted", {"event": event, "revision": revision})
    return trigger_client_event(response, "matrix-changed")


def _history_page(
    request: HttpRequest,
    event: Event,
    revisions,
    *,
    assertion: Assertion | None = None,
    problem: str = "",
    status: int = 200,
) -> HttpResponse:
    revisions = revisions.select_related("user").annotate(
        undone=Exists(Revision.objects.filter(undoes=OuterRef("pk")))
    )
    return render(
        request,
        _partial(request, HISTORY_TEMPLATE, "history"),
        {
            "event": event,
            "assertion": assertion,
            "page": Paginator(revisions, REVISIONS_PER_PAGE).get_page(page_number(request.GET)),
            "can_edit": event.is_editable_by(request.user),
            "problem": problem,
        },
        status=status,
    )


@require_GET
def event_history(request: HttpRequest, slug: str) -> HttpResponse:
    event = _get_event_for_user(request, slug)
    return _history_page(request, event, event.revisions.all())


@require_GET
def assertion_history(request: HttpRequest, slug: str, assertion_id: int) -> HttpResponse:
    event = _get_event_for_user(request, slug)
    assertion = get_object_or_404(event.assertions, pk=assertion_id)
    return _history_page(request, event, _assertion_revisions(assertion), assertion=assertion)


@login_required
@require_POST
def revision_undo(request: HttpRequest, slug: str, revision_id: int) -> HttpResponse:
    event = _get_event_for_user(request, slug, edit=True, action="undo changes to this event")
    revision = get_object_or_404(event.revisions, pk=revision_id)
    try:
        undo = services.undo_revision(revision=revision, user=request.user)
    except services.UndoRefused as refusal:
        if not request.htmx:
            messages.error(request, str(refusal))
            return redirect("event_history", event.slug)
        return _history_page(
            request, event, event.revisions.all(), problem=str(refusal), status=409
        )
    if not request.htmx:
        messages.success(request, f"{undo.summary}.")
        return redirect("event_history", event.slug)
    return trigger_client_event(
        _history_page(request, event, event.revisions.all()), "matrix-changed"
    )
