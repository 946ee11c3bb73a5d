"""Shared fixtures: named users of each access level and small builders.

Also the check that the browser and fault tests have their tools: Chromium and
Tesseract for the browser tests, PostgreSQL (and Chromium) for the fault tests. On a
machine without them those tests are skipped, and the run ends with one line saying
what to install; with PARALLAX_REQUIRE_TEST_TOOLS=1 (CI sets it) they fail instead,
so nothing is skipped silently where the tools are meant to be.
"""

from __future__ import annotations

import functools
import importlib
import os
import shutil
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import psycopg
import pytest
from django.contrib.auth.models import Group, Permission, User
from django.utils.text import slugify
from django_tasks_db.models import DBTaskResult

from coverage import services
from coverage.models import Article, Assertion, Event, Outlet, Stance

INSTALL_TOOLS = "apt-get install chromium tesseract-ocr postgresql"
CHROMIUM = Path(os.environ.get("PARALLAX_CHROMIUM", "/usr/bin/chromium"))
FAULT_POSTGRES_URL = os.environ.get(
    "PARALLAX_FAULT_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432"
)
TOOLS_NEEDED = {"browser": ("chromium", "tesseract-ocr"), "fault": ("postgresql", "chromium")}


@functools.cache
def tool_is_missing(tool: str) -> bool:
    if tool == "chromium":
        return not CHROMIUM.exists()
    if tool == "tesseract-ocr":
        return shutil.which("tesseract") is None
    # The fault tests need a running server and the binaries to start private ones.
    if not list(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl")):
        return True
    try:
        psycopg.connect(f"{FAULT_POSTGRES_URL}/postgres", connect_timeout=3).close()
    except psycopg.OperationalError:
        return True
    return False


def missing_tools(item: pytest.Item) -> list[str]:
    needed = [
        tool
        for marker, tools in TOOLS_NEEDED.items()
        if item.get_closest_marker(marker)
        for tool in tools
    ]
    return [tool for tool in dict.fromkeys(needed) if tool_is_missing(tool)]


def _tools_required() -> bool:
    return os.environ.get("PARALLAX_REQUIRE_TEST_TOOLS", "") not in ("", "0")


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    missing = missing_tools(item)
    if not missing:
        return
    message = f"needs {', '.join(missing)}, not installed here. Install: {INSTALL_TOOLS}"
    if _tools_required():
        pytest.fail(f"PARALLAX_REQUIRE_TEST_TOOLS is set and this test {message}", pytrace=False)
    pytest.skip(f"This test {message}")


def pytest_terminal_summary(terminalreporter) -> None:
    skipped = [
        report
        for report in terminalreporter.stats.get("skipped", [])
        if INSTALL_TOOLS in str(report.longrepr)
    ]
    if skipped:
        missing = sorted(
            {tool for tools in TOOLS_NEEDED.values() for tool in tools if tool_is_missing(tool)}
        )
        terminalreporter.write_line(
            f"Skipped {len(skipped)} browser and fault tests: {', '.join(missing)} "
            f"{'is' if len(missing) == 1 else 'are'} missing. To run them: {INSTALL_TOOLS}",
            yellow=True,
        )


def make_event(*, title: str = "Bridge closure", slug: str = "bridge-closure", **fields) -> Event:
    fields.setdefault("status", Event.Status.PUBLISHED)
    return Event.objects.create(title=title, slug=slug, **fields)


def make_outlet(name: str = "Daily Planet", **fields) -> Outlet:
    fields.setdefault("slug", slugify(name))
    return Outlet.objects.create(name=name, **fields)


def make_article(
    event: Event,
    outlet: Outlet,
    text: str = "The bridge closed on Monday. Officials said repairs take a week.",
    **fields,
) -> Article:
    fields.setdefault("title", f"{outlet.name} on {event.title}")
    return services.add_article(event=event, outlet=outlet, text=text, **fields)


def run_queued_tasks() -> int:
    """Do the task worker's job here: run every queued task, oldest first, once."""
    ran = 0
    while queued := DBTaskResult.objects.ready().order_by("enqueued_at").first():
        queued.claim("tests")
        result = queued.task_result
        queued.set_successful(queued.task.call(*result.args, **result.kwargs))
        ran += 1
    return ran


def make_assertion(event: Event, text: str = "The bridge closed on Monday.") -> Assertion:
    return services.add_assertion(event=event, text=text)


def cell(assertion: Assertion, article: Article) -> Stance:
    return Stance.objects.get(assertion=assertion, article=article)


PASSWORD = "correct horse battery"
_editors_migration = importlib.import_module("coverage.migrations.0005_editors_group")


def editors_group() -> Group:
    """The Editors group its migration creates. Tests on a transactional database
    flush it away with the rest; permissions come back after a flush, groups do not."""
    group, created = Group.objects.get_or_create(name=_editors_migration.EDITORS_GROUP)
    if created:
        group.permissions.set(
            Permission.objects.filter(
                content_type__app_label="coverage", codename__in=_editors_migration.EDITORS_MAY
            )
        )
    return group


@pytest.fixture
def editor(db) -> User:
    user = User.objects.create_user("alice", password=PASSWORD)
    user.groups.add(editors_group())
    return user


@pytest.fixture
def reader(db) -> User:
    """A logged-in user with no editing rights."""
    return User.objects.create_user("bob", password=PASSWORD)


@pytest.fixture
def other_editor(db) -> User:
    """In the Editors group, but not an editor of event_with_matrix."""
    user = User.objects.create_user("carol", password=PASSWORD)
    user.groups.add(editors_group())
    return user


@pytest.fixture
def admin(db) -> User:
    return User.objects.create_superuser("root", password=PASSWORD)


@pytest.fixture
def event_with_matrix(db, editor) -> Event:
    """Two outlets, three articles (one outlet has two), two assertions; ``editor`` edits it."""
    event = make_event()
    event.editors.add(editor)
    planet = make_outlet("Daily Planet")
    bugle = make_outlet("The Bugle")
    first = make_article(event, planet, url="https://planet.example/1")
    second = make_article(
        event,
        planet,
        text="A follow-up. The bridge reopened early.",
        url="https://planet.example/2",
    )
    bugle_article = make_article(
        event, bugle, text="Reportedly the bridge shut on Monday. No one was hurt."
    )
    closed = make_assertion(event, "The bridge closed on Monday.")
    make_assertion(event, "Nobody was injured.")
    services.set_stance(
        stance=cell(closed, first),
        label="agree",
        hedged=False,
        evidence=first.sentences.get(index=0),
    )
    services.set_stance(
        stance=cell(closed, bugle_article),
        label="agree",
        hedged=True,
        evidence=bugle_article.sentences.get(index=0),
    )
    assert second.sentences.count() == 2
    return event


# A real web server on 127.0.0.1, so fetching is tested without the internet or mocks.

FIXTURES = Path(__file__).parent / "fixtures"


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before answering
    trickle: bool = False  # send the body a byte at a time, slowly
    declare_length: bool = True


class LocalSite:
    """Pages served on 127.0.0.1; fixture files have http://SITE replaced by its address."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _LocalSiteHandler)
        self.server.daemon_threads = True
        self.server.block_on_close = False
        self.server.site = self  # type: ignore[attr-defined]
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"

    def url(self, path: str) -> str:
        return f"{self.base}{path}"

    def add(self, path: str, body: bytes | str = b"", **route) -> str:
        self.routes[path] = Route(body=body.encode() if isinstance(body, str) else body, **route)
        return self.url(path)

    def add_fixture(self, path: str, name: str, **route) -> str:
        body = (FIXTURES / name).read_bytes().replace(b"http://SITE", self.base.encode())
        return self.add(path, body, **route)


class _LocalSiteHandler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        site: LocalSite = self.server.site  # type: ignore[attr-defined]
        site.requests.append((self.path, dict(self.headers)))
        route = site.routes.get(self.path)
        if route is None:
            self.send_error(404)
            return
        time.sleep(route.delay)
        try:
            self.send_response(route.status)
            if route.content_type:
                self.send_header("Content-Type", route.content_type)
            for name, value in route.headers.items():
                self.send_header(name, value)
            if route.declare_length and not route.trickle:
                self.send_header("Content-Length", str(len(route.body)))
            self.end_headers()
            if route.trickle:
                for byte in route.body:
                    self.wfile.write(bytes([byte]))
                    self.wfile.flush()
                    time.sleep(0.2)
            else:
                self.wfile.write(route.body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client stopped reading, as a capped fetch should

    def log_message(self, format: str, *args) -> None:
        pass


@pytest.fixture
def local_site(settings) -> Iterator[LocalSite]:
    """A local web server the fetcher is allowed to reach, as if it were public."""
    settings.PARALLAX_FETCH_ALLOW_PRIVATE_HOSTS = ["127.0.0.1"]
    site = LocalSite()
    thread = threading.Thread(target=site.server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield site
    site.server.shutdown()
    site.server.server_close()


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def reader_client(client, reader):
    client.force_login(reader)
    return client
