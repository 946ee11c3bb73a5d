"""The Content-Security-Policy and other security headers on every page, the markup
that policy depends on, and the error pages for refused requests."""

from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from tests.pages import Objects, project_pages

ROOT = Path(__file__).resolve().parents[2]
POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'"
)
# Pages other sites may show in an iframe; nothing else may be framed.
FRAMABLE = {"event_embed"}


@pytest.fixture
def pages(event_with_matrix):
    found, _skipped = project_pages(Objects.of(event_with_matrix))
    return found


def _other_page_types(client: Client) -> dict[str, object]:
    """Responses that no URL pattern names: errors, admin, refusals."""
    csrf_client = Client(enforce_csrf_checks=True)
    return {
        "not found": client.get("/no-such-page/"),
        "draft or missing event": client.get("/events/no-such-event/"),
        "admin": client.get("/admin/"),
        "csrf failure": csrf_client.post("/events/bridge-closure/assertions/", {"text": "x"}),
        "static file": client.get("/static/css/parallax.css"),
    }


def test_it_sends_the_policy_on_every_page(editor_client, pages):
    for page in pages:
        response = editor_client.get(page.url)
        if page.name in FRAMABLE:
            assert response["Content-Security-Policy"] == POLICY.replace(
                "frame-ancestors 'none'", "frame-ancestors *"
            ), page.name
        else:
            assert response["Content-Security-Policy"] == POLICY, page.name
    for kind, response in _other_page_types(editor_client).items():
        if kind != "static file":  # whitenoise answers before the middleware in production
            assert response["Content-Security-Policy"] == POLICY, kind


def test_it_sends_the_policy_on_htmx_partials_and_to_visitors(client, pages, editor):
    for page in pages:
        assert "Content-Security-Policy" in client.get(page.url), page.name
    client.force_login(editor)
    for page in pages:
        response = client.get(page.url, HTTP_HX_REQUEST="true")
        assert "Content-Security-Policy" in response, page.name


def test_the_policy_allows_no_inline_code_or_plugins():
    policy = dict(settings.SECURE_CSP)
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert all("unsafe" not in value for values in policy.values() for value in values)


def test_it_lets_only_the_embed_be_framed(client, editor, pages):
    client.force_login(editor)
    for page in pages:
        response = client.get(page.url)
        if page.name in FRAMABLE:
            assert "X-Frame-Options" not in response, page.name
        else:
            assert response["X-Frame-Options"] == "DENY", page.name


def test_it_sends_the_other_security_headers(client, db):
    response = client.get("/")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


TEMPLATE_FILES = sorted((ROOT / "templates").rglob("*.html"))
INLINE_CODE = [
    (re.compile(r"\sstyle\s*="), "a style attribute"),
    (re.compile(r"<style\b"), "a <style> element"),
    (re.compile(r"<script\b(?![^>]*\bsrc=)[^>]*>"), "a <script> without src"),
    (re.compile(r"\son[a-z]+\s*="), "an on… event handler"),
    (re.compile(r"\bhx-on\b|\bhx-on[:-]"), "hx-on, which needs eval"),
    (re.compile(r"javascript:", re.IGNORECASE), "a javascript: URL"),
]


@pytest.mark.parametrize("template", TEMPLATE_FILES, ids=lambda path: path.name)
def test_templates_hold_no_inline_script_or_style(template):
    """The policy would block these; put the code in static/js and static/css instead."""
    source = re.sub(
        r"{#.*?#}|{% comment %}.*?{% endcomment %}", "", template.read_text(), flags=re.S
    )
    found = [what for pattern, what in INLINE_CODE if pattern.search(source)]
    assert found == [], f"{template.relative_to(ROOT)} has {', '.join(found)}"


def test_htmx_is_configured_for_the_policy(client, db):
    """htmx adds an inline <style> for indicators and evaluates hx-on and trigger filters
    unless told not to; the policy would block both and report violations."""
    page = client.get("/").content.decode()
    meta = re.search(r"<meta name=\"htmx-config\" content='([^']*)'>", page)
    config = json.loads(unescape(meta[1]))
    assert config["includeIndicatorStyles"] is False
    assert config["allowEval"] is False
    assert config["allowScriptTags"] is False
    css = (ROOT / "static/css/parallax.css").read_text()
    assert ".htmx-request .htmx-indicator" in css


def test_it_explains_a_form_too_large_to_accept(editor_client, event_with_matrix, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 2_000
    response = editor_client.post(
        "/events/bridge-closure/articles/add/paste/",
        {"paste-outlet": "X", "paste-title": "T", "paste-text": "word " * 1_000},
    )
    assert response.status_code == 413
    content = response.content.decode()
    assert "What you sent is larger than 2.0\xa0KB" in content
    assert "upload it" in content
    assert "<html" in content  # the site's page, not Django's bare "Bad Request"
    assert event_with_matrix.articles.count() == 3


def test_it_explains_a_form_too_large_through_htmx(editor_client, event_with_matrix, settings):
    """htmx does not swap a 413 in; parallax.js shows the page's reason in the alert line."""
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 2_000
    response = editor_client.post(
        "/events/bridge-closure/articles/add/paste/",
        {"paste-outlet": "X", "paste-title": "T", "paste-text": "word " * 1_000},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 413
    heading_and_reason = re.search(r"<h1>[^<]*</h1>\s*<p>([^<]*)</p>", response.content.decode())
    assert heading_and_reason[1].startswith("What you sent is larger than")


def test_it_explains_a_form_with_too_many_fields(editor_client, event_with_matrix, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 10
    response = editor_client.post(
        "/events/bridge-closure/assertions/", {f"field{n}": "x" for n in range(20)}
    )
    assert response.status_code == 413
    assert "too many fields" in response.content.decode()


def test_other_bad_requests_get_the_site_page(client, settings):
    settings.ALLOWED_HOSTS = ["parallax.example.org"]
    response = client.get("/", HTTP_HOST="elsewhere.example")
    assert response.status_code == 400
    assert "Not accepted" in response.content.decode()


def test_the_csrf_failure_page_says_what_to_do(editor):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    response = client.post("/events/new/", {"title": "x"})
    assert response.status_code == 403
    content = response.content.decode()
    assert "Form expired" in content
    assert "reload the page, and try again" in content
    assert response["Content-Security-Policy"] == POLICY


def test_the_upload_limits_fit_one_upload():
    """A pasted article travels as form data, an uploaded one as a file: both must fit."""
    assert settings.FILE_UPLOAD_MAX_MEMORY_SIZE <= settings.PARALLAX_MAX_UPLOAD_BYTES
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE > settings.PARALLAX_MAX_UPLOAD_BYTES
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE <= 2 * settings.PARALLAX_MAX_UPLOAD_BYTES


def test_pages_have_a_place_for_refusals_htmx_cannot_swap(client, db):
    page = client.get("/").content.decode()
    assert '<p id="request-problem" class="request-problem" role="alert" hidden></p>' in page
    script = (ROOT / "static/js/parallax.js").read_text()
    assert 'getElementById("request-problem")' in script
