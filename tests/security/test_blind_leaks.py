"""Blind mode gives no outlet away: every page and download of the demo events, walked
in blind mode, carries letters only.

The walk starts from every URL the project's resolver names (tests.pages) and follows
every link and htmx address on the pages it reaches, so a page added later, or a link
that drops blind mode, is checked without anyone listing it. A link that forgets
``blind=1`` fails, as does one to a page that is no blind page (editing, outlets).
Only links that show names on purpose are let go: ``reveal=``, ``names=1``, a link to
the same page out of blind mode (the reader's switch, "Show the names") and the
matrix's mode toggles (``data-blind-switch``). The site's header is left out: its
links leave the event.

What counts as giving an outlet away is written out here, not taken from
coverage.blind, so a form the redactor forgets is caught: the outlet's name with and
without "The", its slug, the host of its homepage and of its articles' addresses (and
that host's first part, "troib"), its initials, and the short names and sources the
demo articles use for it.
"""

from __future__ import annotations

import re
from collections import deque
from html import unescape
from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import Resolver404, resolve
from django.utils import timezone

from coverage.blind import is_yes
from coverage.models import AnalysisRun, Event, Outlet
from tests.conftest import run_queued_tasks
from tests.pages import Objects, project_pages

# What the demo articles and summaries call their outlets besides their names.
DEMO_ALIASES = {
    # "Read Full Article at RT.com": the outlet it republishes tells who it is.
    "troib-news": ["TROIB", "RT.com", "RT material"],
    # "seen by the Courier", "A Courier reporter".
    "averly-courier": ["Courier"],
    "veldmark-state-news-agency": ["VSNA"],
}
# Routes that are not pages of blind mode: editors' tools, accounts, and lists of
# outlets, whose subject is the outlets' names. Blind pages must not link to them.
NOT_BLIND_PAGES = {
    "login",
    "logout",
    "password_change",
    "password_change_done",
    "outlet_list",
    "outlet_detail",
    "outlet_edit",
    "outlet_stats",
    "outlet_stats_csv",
    "api_outlets",
    "api_outlet",
    "event_create",
    "event_edit",
    "assertion_edit",
    "assertion_split",
    "assertion_merge",
    "assertion_move",
    "assertion_delete",
    "assertion_create",
    "analysis_start",
    "stance_update",
    "event_history",
    "revision_undo",
    "assertion_history",
    "article_add",
    "article_paste",
    "article_upload",
    "article_links",
    "feed_items",
    "feed_import",
    "export_all",
    "search",
    "healthz",
}
MAX_PAGES = 1500


def forbidden_forms(outlet: Outlet, article_urls: list[str]) -> list[str]:
    """Every way a page could name ``outlet``, matched as whole words in any case."""
    forms = {outlet.name, re.sub(r"^the\s+", "", outlet.name, flags=re.IGNORECASE), outlet.slug}
    for url in [outlet.homepage, *article_urls]:
        host = (urlsplit(url).hostname or "").removeprefix("www.")
        if host:
            forms |= {host, host.split(".")[0]}
    words = re.sub(r"^the\s+", "", outlet.name, flags=re.IGNORECASE).split()
    if len(words) >= 3:
        forms.add("".join(word[0] for word in words))
    forms.update(DEMO_ALIASES.get(outlet.slug, []))
    return sorted(form for form in forms if len(form) >= 2)


def leaks(text: str, forms: dict[str, list[str]]) -> list[str]:
    """The forms found in ``text``, with a little context around each."""
    found = []
    for name, outlet_forms in forms.items():
        for form in outlet_forms:
            # Short forms in capitals ("RT", "VSNA") only as written; others in any case.
            flags = 0 if form.isupper() and len(form) <= 5 else re.IGNORECASE
            for match in re.finditer(rf"(?<![\w-]){re.escape(form)}(?![\w-])", text, flags):
                context = text[max(0, match.start() - 60) : match.end() + 60]
                found.append(f"{name} as {form!r}: …{' '.join(context.split())}…")
    return found


def blind_url(url: str) -> str:
    parts = urlsplit(url)
    query = [(key, value) for key, value in parse_qsl(parts.query) if key != "blind"]
    return f"{parts.path}?{urlencode([*query, ('blind', '1')])}"


_LINK = re.compile(r'\s(href|hx-get|src|action)="([^"]*)"')
# The matrix's mode toggles: switches out of blind mode, wherever the page is served.
_SWITCH = re.compile(r'<a\b[^>]*\bhref="([^"]*)"[^>]*\bdata-blind-switch\b')


_MAIN = re.compile(r"<main\b.*</main>", re.S)


def links(body: str) -> list[tuple[str, bool]]:
    """Same-site addresses in a page's content (not the site's header, whose links
    leave the event), each with whether it is an htmx address."""
    main = _MAIN.search(body)
    content = main.group(0) if main else body
    switches = {unescape(raw) for raw in _SWITCH.findall(content)}
    found = []
    for attribute, raw in _LINK.findall(content):
        url = unescape(raw).partition("#")[0]
        if attribute == "action" or not url or unescape(raw) in switches:
            continue
        parts = urlsplit(url)
        if parts.scheme or parts.netloc or parts.path.startswith("/static/"):
            continue
        found.append((url, attribute == "hx-get"))
    return found


def _is_exit(url: str) -> bool:
    query = dict(parse_qsl(urlsplit(url).query))
    return "reveal" in query or is_yes(query.get("names"))


def _blind(url: str) -> bool:
    return is_yes(dict(parse_qsl(urlsplit(url).query)).get("blind"))


def _is_switch(page: str, link: str) -> bool:
    """A link to the same page out of blind mode: the reader's switch ("Show the names")."""
    return urlsplit(page).path == urlsplit(link).path and not _blind(link)


def _route(url: str) -> str | None:
    try:
        return resolve(urlsplit(url).path).url_name
    except Resolver404:
        return None


@pytest.fixture
def demo(db, editor) -> list[Event]:
    """The demo events with their layers prepared, ``editor`` editing both."""
    call_command("demo", verbosity=0)
    run_queued_tasks()
    events = list(Event.objects.order_by("pk"))
    for event in events:
        event.editors.add(editor)
        # A finished analysis, whose message names what it found, for the status page.
        AnalysisRun.objects.create(
            event=event,
            status=AnalysisRun.Status.SUCCEEDED,
            progress=100,
            message=f"Found {event.assertions.count()} assertions.",
            finished_at=timezone.now(),
        )
    return events


def walk(client: Client, events: list[Event]) -> tuple[dict[str, list[str]], list[str], int]:
    """Leaks found on each address of the blind walk, links from blind pages that drop
    blind mode or go to pages that are not blind pages, and the number of responses."""
    forms = {}
    for outlet in Outlet.objects.filter(articles__event__in=events).distinct():
        urls = list(outlet.articles.exclude(url="").values_list("url", flat=True))
        forms[outlet.name] = forbidden_forms(outlet, urls)
    queue: deque[tuple[str, bool, str]] = deque()
    for event in events:
        pages, _skipped = project_pages(Objects.of(event))
        for page in pages:
            if page.name not in NOT_BLIND_PAGES:
                queue.append((blind_url(page.url), False, "the URL conf"))
    seen: set[tuple[str, bool]] = set()
    found: dict[str, list[str]] = {}
    escapes: list[str] = []
    read = 0
    while queue:
        url, htmx, origin = queue.popleft()
        if (url, htmx) in seen:
            continue
        seen.add((url, htmx))
        assert len(seen) < MAX_PAGES, "the walk does not end: links keep making new addresses"
        response = client.get(url, HTTP_HX_REQUEST="true") if htmx else client.get(url)
        read += 1
        if response.status_code in (301, 302):
            queue.append((response["Location"], False, url))
            continue
        if response.status_code == 405:
            continue
        assert response.status_code < 400, f"{url} (linked from {origin}): {response.status_code}"
        headers = "\n".join(f"{key}: {value}" for key, value in response.headers.items())
        body = b"".join(response.streaming_content) if response.streaming else response.content
        text = body.decode("utf-8", errors="replace")
        problems = leaks(headers, forms) + leaks(unescape(text), forms)
        if problems:
            found[f"{'htmx ' if htmx else ''}{url} (from {origin})"] = problems
        if "html" not in response.get("Content-Type", ""):
            continue
        for link, link_htmx in links(text):
            if _is_exit(link) or _is_switch(url, link):
                continue
            route = _route(link)
            if route in NOT_BLIND_PAGES:
                escapes.append(f"{url} links to {route}: {link}")
                continue
            if route is not None and not _blind(link):
                escapes.append(f"{url} drops blind mode in a link to {link}")
            elif route is not None:
                queue.append((link, link_htmx, url))
    return found, escapes, read


def test_no_page_or_download_names_an_outlet_in_blind_mode(client, editor, demo):
    client.force_login(editor)

    found, escapes, read = walk(client, demo)

    assert read > 100, "the walk should reach every row, cell and article of the demo events"
    report = "\n".join(f"{url}\n    " + "\n    ".join(problems) for url, problems in found.items())
    ways_out = "\n".join(sorted(set(escapes)))
    assert not found and not escapes, (
        f"{len(found)} blind responses name an outlet:\n{report}\n"
        f"Blind pages lead out of blind mode:\n{ways_out}"
    )


@pytest.mark.parametrize("yes", ["true", "YES", "On"])
def test_every_way_of_saying_yes_hides_the_names_on_every_page(client, editor, demo, yes):
    client.force_login(editor)
    forms = {
        outlet.name: forbidden_forms(outlet, [])
        for outlet in Outlet.objects.filter(articles__event__in=demo).distinct()
    }
    pages = [
        page
        for event in demo
        for page in project_pages(Objects.of(event))[0]
        if page.name not in NOT_BLIND_PAGES and event.slug in page.url
    ]

    for page in pages:
        response = client.get(f"{page.url}?blind={yes}")
        if response.status_code == 302:  # a cell named by its slug goes to its letter
            response = client.get(response["Location"])
        if response.status_code == 405:  # an action, not a page
            continue
        body = b"".join(response.streaming_content) if response.streaming else response.content
        assert response.status_code == 200, page.url
        assert not leaks(unescape(body.decode()), forms), page.url


def test_every_route_is_a_blind_page_or_said_not_to_be(demo):
    """Every named route is walked in blind mode unless NOT_BLIND_PAGES lists it."""
    pages, skipped = project_pages(Objects.of(demo[0]))
    names = {page.name for page in pages}

    assert not skipped
    assert names >= NOT_BLIND_PAGES
    walked = names - NOT_BLIND_PAGES
    assert walked >= {"event_list", "event_detail", "event_worksheet", "api_event", "api_events"}


def test_the_check_finds_what_it_looks_for():
    forms = {"TROIB News": ["TROIB News", "troib", "RT.com", "troib-news"]}

    assert leaks("Read Full Article at RT.com.", forms)
    assert leaks('attachment; filename="troib-news.csv"', forms)
    assert leaks("https://troib.com/a", forms)
    assert leaks("TROIB NEWS", forms)
    assert not leaks("Outlet B republishes Outlet A", forms)
    assert not leaks("introib", forms)
