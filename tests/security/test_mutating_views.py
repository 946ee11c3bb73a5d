"""Every endpoint that accepts POST refuses people who may not change things, and
requests without a CSRF token, and changes nothing in the database when it refuses.

The endpoints are found by walking the project's URL resolver (tests/pages.py), so a view
added later is covered without being listed here.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from django.apps import apps
from django.db import transaction
from django.test import Client
from django.urls import reverse

from coverage import services
from coverage.models import AnalysisRun
from tests.pages import Objects, Page, project_pages

# Open to everyone by design: they change who is logged in, not the data.
PUBLIC_POSTS = {"login", "logout"}
# Any logged-in user may do these to their own account.
OWN_ACCOUNT_POSTS = {"password_change"}


def row_counts() -> dict[str, int]:
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


@pytest.fixture
def objects(event_with_matrix, editor) -> Objects:
    """One of everything a URL can name, so each pattern can be filled in."""
    assertion = event_with_matrix.assertions.order_by("position").first()
    services.edit_assertion(assertion=assertion, text="The bridge shut on Monday.", user=editor)
    AnalysisRun.objects.create(event=event_with_matrix, status=AnalysisRun.Status.SUCCEEDED)
    return Objects.of(event_with_matrix)


@pytest.fixture
def post_pages(objects, admin) -> list[Page]:
    """The pages that accept POST: a superuser's empty POST is not answered 405.

    Each probe is rolled back, so what the superuser's POSTs change does not stay.
    """
    client = Client()
    pages, _skipped = project_pages(objects)
    accepting = []
    for page in pages:
        client.force_login(admin)  # again, as logging out is one of the probes
        with transaction.atomic():
            status = client.post(page.url).status_code
            transaction.set_rollback(True)
        if status != 405:
            accepting.append(page)
    return accepting


def test_it_finds_the_endpoints_that_accept_post(post_pages):
    names = {page.name for page in post_pages}
    # A sample that must be among them, showing the probe works; the walk finds the rest.
    assert {"assertion_create", "stance_update", "analysis_start", "revision_undo"} <= names
    assert "event_detail" not in names and "healthz" not in names


def test_it_sends_anonymous_posts_to_log_in_or_refuses_them(client, post_pages):
    before = row_counts()
    for page in post_pages:
        if page.name in PUBLIC_POSTS:
            continue
        response = client.post(page.url, {"text": "x", "label": "agree"})
        if response.status_code == 302:
            assert urlsplit(response["Location"]).path == reverse("login"), (
                f"{page.name}: redirected to {response['Location']}"
            )
        else:
            assert response.status_code in {403, 404}, (
                f"{page.name} ({page.url}) answered an anonymous POST {response.status_code}"
            )
    assert row_counts() == before


def test_it_refuses_posts_from_readers(reader_client, post_pages):
    before = row_counts()
    for page in post_pages:
        if page.name in PUBLIC_POSTS | OWN_ACCOUNT_POSTS:
            continue
        response = reader_client.post(page.url, {"text": "x", "label": "agree"})
        assert response.status_code in {403, 404}, (
            f"{page.name} ({page.url}) answered a reader's POST {response.status_code}"
        )
    assert row_counts() == before


def test_it_refuses_posts_from_readers_through_htmx_too(reader_client, post_pages):
    before = row_counts()
    for page in post_pages:
        if page.name in PUBLIC_POSTS | OWN_ACCOUNT_POSTS:
            continue
        response = reader_client.post(page.url, HTTP_HX_REQUEST="true")
        assert response.status_code in {403, 404}, f"{page.name}: {response.status_code}"
    assert row_counts() == before


def test_it_refuses_posts_without_a_csrf_token_even_from_editors(editor, post_pages):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    before = row_counts()
    for page in post_pages:
        response = client.post(page.url, {"text": "x"}, HTTP_HX_REQUEST="true")
        assert response.status_code == 403, f"{page.name} accepted a POST without a CSRF token"
        assert "Form expired" in response.content.decode()
    assert row_counts() == before


def test_it_refuses_posts_with_a_forged_csrf_token(editor, post_pages):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    client.get("/")  # sets the CSRF cookie, as a visit would
    before = row_counts()
    for page in post_pages:
        response = client.post(
            page.url, HTTP_HX_REQUEST="true", HTTP_X_CSRFTOKEN="forged" + "x" * 26
        )
        assert response.status_code == 403, f"{page.name} accepted a forged CSRF token"
    assert row_counts() == before


def test_it_accepts_the_token_the_page_puts_in_hx_headers(editor, event_with_matrix):
    """The other side of the tests above: the token in <body hx-headers> is accepted."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    page = client.get(event_with_matrix.get_absolute_url()).content.decode()
    token = page.split('hx-headers=\'{"X-CSRFToken": "', 1)[1].split('"', 1)[0]
    response = client.post(
        f"/events/{event_with_matrix.slug}/assertions/",
        {"text": "The mayor resigned."},
        HTTP_HX_REQUEST="true",
        HTTP_X_CSRFTOKEN=token,
    )
    assert response.status_code == 200
    assert event_with_matrix.assertions.filter(text="The mayor resigned.").exists()
