"""A corpus of bad input through every entry point: forms, uploads, URL imports, the
command line and the JSON API.

Every case must get a message saying what is wrong and what to do, the right status
(never a 500), and change nothing: the row count of every model is the same after.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from io import StringIO
from typing import Any

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client
from django_tasks_db.models import DBTaskResult

from coverage import tasks
from coverage.models import Assertion, Event, LoginAttempt, Outlet, Stance
from tests.conftest import make_article, make_assertion, make_event, make_outlet

pytestmark = pytest.mark.django_db


def row_counts() -> dict[str, int]:
    models = [
        *apps.get_app_config("coverage").get_models(),
        *apps.get_app_config("auth").get_models(),
        DBTaskResult,
    ]
    # A wrong password is meant to leave one thing behind: it counts as a failed login.
    return {model.__name__: model.objects.count() for model in models if model is not LoginAttempt}


def page_text(response) -> str:
    """What a person reads: the body without tags, entities decoded, spaces collapsed."""
    body = response.content.decode()
    if response.get("Content-Type", "").startswith("application/json"):
        return json.dumps(json.loads(body), ensure_ascii=False)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())


@dataclass
class World:
    """The event_with_matrix fixture, named, plus another event's row, sentence and outlet
    (Harbour Herald) for cases that reach across events."""

    event: Event
    assertion: Assertion
    stance: Stance
    outlet: Outlet
    foreign_assertion: Assertion
    foreign_sentence_id: int


@pytest.fixture
def world(event_with_matrix: Event) -> World:
    first = event_with_matrix.assertions.order_by("position").first()
    stance = first.stances.select_related("article__outlet").order_by("pk").first()
    other_event = make_event(title="Harbour fire", slug="harbour-fire")
    other_article = make_article(other_event, make_outlet("Harbour Herald"))
    # What the worker keeps after an analysis (the layers, the comparison of the texts and
    # each row's origins), which the matrix and syndication pages read (and would
    # otherwise queue).
    tasks.warm_layers(event_with_matrix)
    return World(
        event=event_with_matrix,
        assertion=first,
        stance=stance,
        outlet=stance.article.outlet,
        foreign_assertion=make_assertion(other_event, "The harbour burned."),
        foreign_sentence_id=other_article.sentences.first().pk,
    )


@dataclass(frozen=True)
class Bad:
    """One bad request: where it goes, what it sends, and what the person must be told."""

    path: Callable[[World], str]
    data: Callable[[World], dict[str, Any]] | dict[str, Any]
    status: int
    says: str
    method: str = "post"
    headers: dict[str, str] = field(default_factory=dict)


def upload(name: str, content: bytes, message: str, outlet: str = "") -> Bad:
    """A file sent through the upload form, refused with ``message``."""
    return Bad(
        lambda w: f"/events/{w.event.slug}/articles/add/upload/",
        lambda w: {"upload-file": SimpleUploadedFile(name, content), "upload-outlet": outlet},
        422,
        message,
    )


def stance_data(w: World, **fields) -> dict[str, Any]:
    prefix = f"stance-{w.stance.pk}-"
    values = {"label": "silent", "hedged": "", "evidence": "", "note": "", **fields}
    return {prefix + key: value for key, value in values.items()}


EVENT_NEW = "/events/new/"


def event_fields(**fields) -> dict[str, Any]:
    return {"title": "Bridge reopening", "slug": "", "summary": "", "date": "", **fields}


def on_event(suffix: str) -> Callable[[World], str]:
    return lambda w: f"/events/{w.event.slug}/{suffix}"


def on_assertion(suffix: str) -> Callable[[World], str]:
    return lambda w: f"/events/{w.event.slug}/assertions/{w.assertion.pk}/{suffix}"


# A finished URL import without htmx redirects and shows its report as messages.
HTMX = {"HX-Request": "true"}
NESTED_JSON = ("[" * 100_000 + "]" * 100_000).encode()
HUGE = "x" * 100_000

# Well-formed dates and times that do not exist.
IMPOSSIBLE_DATES = {
    "february-30": "2024-02-30",
    "hour-25": "2024-11-30T25:00:00Z",
    "year-0": "0000-01-01",
    "offset-99-hours": "2024-11-30T10:00:00+99:00",
    "past-the-last-day": "9999-12-31T23:00:00-05:00",
}

FORM_CASES = {
    # Creating and editing events.
    "event-create-no-title": Bad(
        lambda w: EVENT_NEW, event_fields(title="", status="draft"), 422, "This field is required."
    ),
    "event-create-reserved-slug": Bad(
        lambda w: EVENT_NEW, event_fields(slug="new", status="draft"), 422, "“new” is reserved"
    ),
    "event-create-impossible-date": Bad(
        lambda w: EVENT_NEW, event_fields(date="2024-02-30", status="draft"), 422, "valid date"
    ),
    "event-create-huge-title": Bad(
        lambda w: EVENT_NEW,
        event_fields(title=HUGE, status="draft"),
        422,
        "Ensure this value has at most 300 characters (it has 100000).",
    ),
    "event-create-unknown-status": Bad(
        lambda w: EVENT_NEW, event_fields(status="secret"), 422, "Select a valid choice."
    ),
    "event-edit-slug-taken": Bad(
        on_event("edit/"),
        event_fields(slug="harbour-fire", status="published"),
        422,
        "Another event already uses this web address.",
    ),
    "event-edit-slug-with-spaces": Bad(
        on_event("edit/"),
        event_fields(slug="not a slug!", status="published"),
        422,
        "letters, numbers, underscores or hyphens",
    ),
    # Rows of the matrix.
    "assertion-add-blank": Bad(
        on_event("assertions/"), {"text": "   "}, 422, "This field is required."
    ),
    "assertion-add-too-short": Bad(
        on_event("assertions/"), {"text": "ab"}, 422, "Write the claim as a short sentence."
    ),
    "assertion-add-too-long": Bad(
        on_event("assertions/"), {"text": "y" * 2001}, 422, "at most 2000 characters"
    ),
    "assertion-edit-blank": Bad(on_assertion(""), {"text": ""}, 422, "This field is required."),
    "assertion-split-one-part": Bad(
        on_assertion("split/"),
        {"first": "The bridge closed.", "second": ""},
        422,
        "This field is required.",
    ),
    "assertion-merge-nothing-ticked": Bad(
        on_assertion("merge/"),
        lambda w: {"wording": str(w.assertion.pk)},
        422,
        "Tick at least one row to merge into this one.",
    ),
    "assertion-merge-row-of-another-event": Bad(
        on_assertion("merge/"),
        lambda w: {"others": [w.foreign_assertion.pk], "wording": str(w.assertion.pk)},
        422,
        "Select a valid choice.",
    ),
    "assertion-merge-into-itself": Bad(
        on_assertion("merge/"),
        lambda w: {"others": [w.assertion.pk], "wording": str(w.assertion.pk)},
        422,
        "Select a valid choice.",
    ),
    "assertion-move-not-a-number": Bad(
        on_assertion("move/"), {"position": "second"}, 422, "Enter a whole number."
    ),
    "assertion-move-to-row-zero": Bad(
        on_assertion("move/"), {"position": "0"}, 422, "greater than or equal to 1"
    ),
    # Judging a cell.
    "cell-unknown-label": Bad(
        lambda w: f"/events/{w.event.slug}/stances/{w.stance.pk}/",
        lambda w: stance_data(w, label="maybe"),
        422,
        "Select a valid choice. maybe is not one of the available choices.",
    ),
    "cell-agree-without-evidence": Bad(
        lambda w: f"/events/{w.event.slug}/stances/{w.stance.pk}/",
        lambda w: stance_data(w, label="agree"),
        422,
        "Pick the sentence that shows this stance.",
    ),
    "cell-evidence-from-another-article": Bad(
        lambda w: f"/events/{w.event.slug}/stances/{w.stance.pk}/",
        lambda w: stance_data(w, label="agree", evidence=w.foreign_sentence_id),
        422,
        "Select a valid choice.",
    ),
    "cell-huge-note": Bad(
        lambda w: f"/events/{w.event.slug}/stances/{w.stance.pk}/",
        lambda w: stance_data(w, note=HUGE),
        422,
        "at most 2000 characters",
    ),
    # Outlets.
    "outlet-name-taken-in-other-case": Bad(
        lambda w: f"/outlets/{w.outlet.slug}/edit/",
        {"name": "HARBOUR HERALD", "ownership_kind": "", "homepage": "", "country": ""},
        422,
        "Another outlet is already called “Harbour Herald”.",
    ),
    "outlet-homepage-not-a-url": Bad(
        lambda w: f"/outlets/{w.outlet.slug}/edit/",
        lambda w: {"name": w.outlet.name, "homepage": "bbc dot co dot uk"},
        422,
        "Enter a valid URL.",
    ),
    # Uploading files of articles.
    "upload-no-file": Bad(
        on_event("articles/add/upload/"), {"upload-outlet": ""}, 422, "This field is required."
    ),
    "upload-empty-file": upload("empty.txt", b"", "The submitted file is empty."),
    "upload-wrong-extension": upload(
        "article.exe", b"MZ\x90\x00", "Parallax reads .txt, .html, .json and .csv files"
    ),
    "upload-binary-garbage": upload(
        "article.txt", bytes(range(256)) * 4, "is not UTF-8 text", outlet="Daily Planet"
    ),
    "upload-utf16-csv": upload(
        "articles.csv", "outlet,title,text\nPlanet,Ça,Été\n".encode("utf-16"), "Save it as UTF-8"
    ),
    "upload-latin1-text": upload(
        "article.txt",
        "Café\nLe pont a fermé lundi.".encode("latin-1"),
        "Save it as UTF-8",
        outlet="Le Monde",
    ),
    "upload-csv-missing-columns": upload(
        "articles.csv",
        b"outlet,headline\nPlanet,Bridge closed\n",
        "The CSV is missing the columns title, text.",
    ),
    "upload-csv-header-only": upload(
        "articles.csv", b"outlet,title,text\n", "The CSV has a header row but no articles"
    ),
    "upload-json-not-an-object": upload(
        "articles.json", b"42", 'The JSON must be an object with "articles", or a list of articles.'
    ),
    "upload-json-syntax-error": upload(
        "articles.json", b'{"articles": [}', "The file is not valid JSON"
    ),
    "upload-json-deeply-nested": upload(
        "articles.json", NESTED_JSON, "The JSON is nested too deeply to read."
    ),
    "upload-json-nested-600-deep": upload(
        "articles.json", ("[" * 600 + "]" * 600).encode(), "The JSON is nested too deeply to read."
    ),
    "upload-json-articles-nested-600-deep": upload(
        "articles.json",
        ('{"articles": ' + "[" * 600 + "]" * 600 + "}").encode(),
        "The JSON is nested too deeply to read.",
    ),
    **{
        f"upload-json-impossible-{name}": upload(
            "articles.json",
            json.dumps(
                [
                    {
                        "outlet": "Planet",
                        "title": "Bridge",
                        "text": "It closed.",
                        "published_at": when,
                    }
                ]
            ).encode(),
            f'Nothing was imported. Article 1 (Planet): "published_at" is {when!r}, which looks '
            "like a date but does not exist",
        )
        for name, when in IMPOSSIBLE_DATES.items()
    },
    **{
        f"upload-csv-impossible-{name}": upload(
            "articles.csv",
            f"outlet,title,text,published_at\nPlanet,Bridge,It closed.,{when}\n".encode(),
            f'Nothing was imported. Article 1 (Planet): "published_at" is {when!r}, which looks '
            "like a date but does not exist",
        )
        for name, when in IMPOSSIBLE_DATES.items()
    },
    "upload-json-huge-title": upload(
        "articles.json",
        json.dumps([{"outlet": "Planet", "title": HUGE, "text": "It closed."}]).encode(),
        'Nothing was imported. Article 1 (Planet): "title" is longer than 500 characters.',
    ),
    "upload-json-article-not-an-object": upload(
        "articles.json",
        b'["just a string"]',
        "Nothing was imported. Article 1 must be an object with outlet, title and text.",
    ),
    "upload-text-without-outlet": upload(
        "article.txt",
        b"Bridge closed\nThe bridge closed.",
        "Say which outlet published this text file.",
    ),
    # Importing from the web. Only loopback addresses appear here: were the fetcher's
    # checks broken, nothing would leave the machine.
    "links-not-a-web-address": Bad(
        on_event("articles/add/links/"),
        {"links-urls": "the bridge article from yesterday"},
        422,
        "is not a web address",
    ),
    "links-too-many": Bad(
        on_event("articles/add/links/"),
        {"links-urls": "\n".join(f"https://planet.example/{n}" for n in range(11))},
        422,
        "add at most 10 at a time",
    ),
    "links-loopback-address": Bad(
        on_event("articles/add/links/"),
        {"links-urls": "http://127.0.0.1:9/admin"},
        422,
        "This address points inside a private network; Parallax only fetches public web pages.",
        headers=HTMX,
    ),
    "links-localhost-name": Bad(
        on_event("articles/add/links/"),
        {"links-urls": "http://localhost:9/"},
        422,
        "This address points inside a private network; Parallax only fetches public web pages.",
        headers=HTMX,
    ),
    "links-ftp-scheme": Bad(
        on_event("articles/add/links/"),
        {"links-urls": "ftp://planet.example/a.txt"},
        422,
        "is not a web address",
    ),
    "feed-not-a-url": Bad(
        on_event("articles/add/feed/"), {"feed-feed_url": "my favourite feed"}, 422, "valid URL"
    ),
    "feed-import-nothing-ticked": Bad(
        on_event("articles/add/feed/import/"), {}, 422, "Tick at least one item to import."
    ),
    # Logging in.
    "login-wrong-password": Bad(
        lambda w: "/accounts/login/",
        {"username": "alice", "password": "wrong"},
        200,
        "Please enter a correct username and password.",
    ),
    "login-huge-username": Bad(
        lambda w: "/accounts/login/",
        {"username": HUGE, "password": "wrong"},
        200,
        "Please enter a correct username and password.",
    ),
    # The JSON API.
    "api-page-not-a-number": Bad(
        lambda w: "/api/v1/events/?page=two",
        {},
        400,
        "?page= must be a whole number of at least 1, not 'two'.",
        method="get",
    ),
    "api-page-size-too-big": Bad(
        lambda w: "/api/v1/events/?page_size=100000",
        {},
        400,
        "?page_size= can be at most",
        method="get",
    ),
    "api-page-past-the-end": Bad(
        lambda w: "/api/v1/events/?page=99", {}, 404, "There is no page 99", method="get"
    ),
    "api-unknown-event": Bad(
        lambda w: "/api/v1/events/no-such-event/", {}, 404, "Not found", method="get"
    ),
    "api-write": Bad(
        lambda w: "/api/v1/events/", {}, 405, "The API is read-only: use GET, not POST."
    ),
}


@pytest.mark.parametrize("bad", FORM_CASES.values(), ids=FORM_CASES.keys())
def test_it_refuses_bad_input_clearly_and_changes_nothing(bad: Bad, world: World, editor):
    client = Client()
    if not bad.path(world).startswith("/accounts/login/"):
        client.force_login(editor)
    data = bad.data(world) if callable(bad.data) else bad.data
    before = row_counts()
    response = getattr(client, bad.method)(bad.path(world), data, headers=bad.headers)
    assert response.status_code == bad.status, page_text(response)[:2000]
    assert bad.says in page_text(response)
    assert row_counts() == before


def test_it_refuses_an_upload_over_the_size_limit(world: World, editor_client, settings):
    settings.PARALLAX_MAX_UPLOAD_BYTES = 1000
    before = row_counts()
    response = editor_client.post(
        f"/events/{world.event.slug}/articles/add/upload/",
        {"upload-file": SimpleUploadedFile("big.txt", b"Title\n" + b"word " * 400)},
    )
    assert response.status_code == 422
    assert "The file is 2.0 KB; the limit is 1000 bytes. Split it into smaller files." in page_text(
        response
    )
    assert row_counts() == before


WEB_CASES = {
    "links-page-that-is-an-image": (
        "links",
        "/photo.png",
        {"body": b"\x89PNG\r\n\x1a\n" + bytes(500), "content_type": "image/png"},
        "This address is not a web page (it serves image/png); Parallax imports HTML pages.",
    ),
    "links-page-with-no-article": (
        "links",
        "/empty.html",
        {"body": "<html><body><nav>Home</nav></body></html>"},
        "No article text was found on this page.",
    ),
    "links-page-not-found": (
        "links",
        "/gone.html",
        {"body": "", "status": 404},
        "(error 404). Check the address.",
    ),
    "feed-that-is-a-web-page": (
        "feed",
        "/news.html",
        {"body": "<html><body><p>News.</p></body></html>"},
        "This address is not an RSS or Atom feed (it serves text/html).",
    ),
}


@pytest.mark.parametrize(
    ("form", "path", "route", "message"), WEB_CASES.values(), ids=WEB_CASES.keys()
)
def test_it_refuses_web_addresses_that_hold_no_article(
    form, path, route, message, world: World, editor_client, local_site
):
    url = local_site.add(path, **route)
    before = row_counts()
    if form == "links":
        response = editor_client.post(
            f"/events/{world.event.slug}/articles/add/links/", {"links-urls": url}, headers=HTMX
        )
    else:
        response = editor_client.post(
            f"/events/{world.event.slug}/articles/add/feed/", {"feed-feed_url": url}, headers=HTMX
        )
    assert response.status_code == 422, page_text(response)[:2000]
    assert message in page_text(response)
    assert row_counts() == before


def write(tmp_path, name: str, content: bytes | str) -> str:
    path = tmp_path / name
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    return str(path)


COMMAND_CASES = {
    "import-missing-file": (lambda tmp: ["import_event", str(tmp / "nowhere.json")], "No file at"),
    "import-not-json": (
        lambda tmp: ["import_event", write(tmp, "e.json", "title: Bridge")],
        "is not valid JSON",
    ),
    "import-json-list-not-object": (
        lambda tmp: ["import_event", write(tmp, "e.json", "[1, 2]")],
        "Nothing was imported.",
    ),
    "import-json-deeply-nested": (
        lambda tmp: ["import_event", write(tmp, "e.json", NESTED_JSON)],
        "is nested too deeply to read.",
    ),
    "import-not-utf8": (
        lambda tmp: ["import_event", write(tmp, "e.json", '{"title": "Été"}'.encode("latin-1"))],
        "is not UTF-8 text",
    ),
    "import-article-without-text": (
        lambda tmp: [
            "import_event",
            write(tmp, "e.json", json.dumps({"title": "Bridge", "articles": [{"outlet": "P"}]})),
        ],
        "Nothing was imported.",
    ),
    "import-unknown-editor": (
        lambda tmp: [
            "import_event",
            write(tmp, "e.json", json.dumps({"title": "Bridge", "articles": []})),
            "--editor",
            "nobody",
        ],
        "No account is called 'nobody'.",
    ),
    "import-json-nested-600-deep": (
        lambda tmp: ["import_event", write(tmp, "e.json", "[" * 600 + "]" * 600)],
        "is nested too deeply to read.",
    ),
    **{
        f"import-impossible-published-at-{name}": (
            lambda tmp, when=when: [
                "import_event",
                write(
                    tmp,
                    "e.json",
                    json.dumps(
                        {
                            "title": "Bridge",
                            "articles": [
                                {"outlet": "P", "title": "T", "text": "It.", "published_at": when}
                            ],
                        }
                    ),
                ),
            ],
            f'"published_at" is {when!r}, which looks like a date but does not exist',
        )
        for name, when in IMPOSSIBLE_DATES.items()
    },
    "import-impossible-event-date": (
        lambda tmp: [
            "import_event",
            write(
                tmp,
                "e.json",
                json.dumps(
                    {
                        "title": "Bridge",
                        "date": "2024-02-30",
                        "articles": [{"outlet": "P", "title": "T", "text": "It."}],
                    }
                ),
            ),
        ],
        "The event: \"date\" is '2024-02-30', which looks like a date but does not exist",
    ),
    "export-unknown-event": (
        lambda tmp: ["export", "no-such-event"],
        "No event with the slug 'no-such-event'. Known events:",
    ),
    "export-unknown-format": (
        lambda tmp: ["export", "bridge-closure", "--format", "xlsx"],
        "invalid choice: 'xlsx'",
    ),
    "analyse-unknown-event": (lambda tmp: ["analyse", "no-such-event"], "No event with the slug"),
    "analyse-event-without-articles": (
        lambda tmp: ["analyse", "empty-event"],
        "This event has no articles yet: add some, then analyse it.",
    ),
    "stance-missing-file": (
        lambda tmp: ["stance", str(tmp / "nowhere.jsonl"), str(tmp / "out.jsonl")],
        "No file at",
    ),
    "stance-line-not-an-object": (
        lambda tmp: ["stance", write(tmp, "p.jsonl", "[1, 2]\n"), str(tmp / "out.jsonl")],
        'line 1 must be an object like {"id", "claim", "text"}.',
    ),
    "stance-line-missing-fields": (
        lambda tmp: ["stance", write(tmp, "p.jsonl", '{"id": 1}\n'), str(tmp / "out.jsonl")],
        "line 1 lacks claim, text.",
    ),
    "stance-line-deeply-nested": (
        lambda tmp: ["stance", write(tmp, "p.jsonl", NESTED_JSON), str(tmp / "out.jsonl")],
        "line 1 is nested too deeply to read",
    ),
    "demo-editor-without-password": (
        lambda tmp: ["demo", "--editor", "alice2"],
        "--editor 'alice2' needs a USERNAME:PASSWORD",
    ),
    "demo-unknown-option": (lambda tmp: ["demo", "--wipe-everything"], "unrecognized arguments"),
}


@pytest.mark.parametrize(("arguments", "message"), COMMAND_CASES.values(), ids=COMMAND_CASES.keys())
def test_it_refuses_bad_command_arguments_clearly_and_changes_nothing(
    arguments, message, world: World, tmp_path
):
    make_event(title="Empty event", slug="empty-event")
    before = row_counts()
    name, *args = arguments(tmp_path)
    with pytest.raises(CommandError) as refusal:
        call_command(name, *args, stdout=StringIO(), stderr=StringIO())
    assert message in str(refusal.value)
    assert row_counts() == before


# Odd query strings: "²" and "①" pass str.isdigit() but not int(), and int() refuses
# numbers of more than 4,300 digits. Pages fall back to their default; the API says 400.
ODD_NUMBERS = {"superscript-two": "²", "circled-one": "①", "5000-digits": "9" * 5000}
PAGES_WITH_A_PAGE_NUMBER = {
    "event": lambda w: f"/events/{w.event.slug}/",
    "embed": lambda w: f"/events/{w.event.slug}/embed/",
    "row": lambda w: f"/events/{w.event.slug}/rows/{w.assertion.pk}/",
    "cell": lambda w: f"/events/{w.event.slug}/cells/{w.assertion.pk}/{w.outlet.slug}/",
    "charts": lambda w: f"/events/{w.event.slug}/layers/charts/",
    "syndication": lambda w: f"/events/{w.event.slug}/layers/syndication/",
    "event-list": lambda w: "/",
    "outlets": lambda w: "/outlets/",
    "history": lambda w: f"/events/{w.event.slug}/history/",
    "search": lambda w: "/search/?q=bridge&kind=rows",
}


@pytest.mark.parametrize("number", ODD_NUMBERS.values(), ids=ODD_NUMBERS.keys())
@pytest.mark.parametrize(
    "path", PAGES_WITH_A_PAGE_NUMBER.values(), ids=PAGES_WITH_A_PAGE_NUMBER.keys()
)
def test_it_shows_the_first_page_for_a_page_number_that_is_not_one(path, number, world: World):
    url = path(world)
    before = row_counts()
    response = Client().get(f"{url}{'&' if '?' in url else '?'}page={number}")
    assert response.status_code == 200, page_text(response)[:2000]
    assert row_counts() == before


@pytest.mark.parametrize("number", ODD_NUMBERS.values(), ids=ODD_NUMBERS.keys())
def test_it_opens_the_article_unhighlighted_for_a_sentence_that_is_not_a_number(
    number, world: World
):
    article = world.stance.article
    response = Client().get(f"/events/{world.event.slug}/articles/{article.pk}/?sentence={number}")
    assert response.status_code == 200
    assert "evidence current" not in response.content.decode()


@pytest.mark.parametrize("number", ODD_NUMBERS.values(), ids=ODD_NUMBERS.keys())
@pytest.mark.parametrize("name", ["page", "page_size"])
@pytest.mark.parametrize(
    "path", ["/api/v1/events/", "/api/v1/outlets/", "/api/v1/events/bridge-closure/assertions/"]
)
def test_the_api_refuses_a_page_number_that_is_not_one(path, name, number, world: World):
    response = Client().get(path, {name: number})
    assert response.status_code == 400
    message = response.json()["error"]
    assert message.startswith(f"?{name}= must be a whole number of at least 1, not ")
    assert len(message) < 200
