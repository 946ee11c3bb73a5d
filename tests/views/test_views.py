"""Every page, as a full page and as the htmx partial it serves."""

from __future__ import annotations

import json
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from coverage import services
from coverage.models import AnalysisRun, Event, Stance
from tests.conftest import cell, make_article, make_assertion, make_event, make_outlet

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def editor_client(client: Client, editor) -> Client:
    client.force_login(editor)
    return client


# Event list


def test_it_lists_published_events_only(client, event_with_matrix):
    make_event(title="Secret draft", slug="draft", status=Event.Status.DRAFT)
    response = client.get("/")
    assert response.status_code == 200
    assert b"Bridge closure" in response.content
    assert b"Secret draft" not in response.content
    assert b"2 outlets" in response.content and b"3 articles" in response.content


def test_editors_also_see_their_drafts(editor_client, editor, event_with_matrix):
    draft = make_event(title="Secret draft", slug="draft", status=Event.Status.DRAFT)
    draft.editors.add(editor)
    make_event(title="Someone else's draft", slug="other", status=Event.Status.DRAFT)
    content = editor_client.get("/").content.decode()
    assert "Secret draft" in content
    assert "Someone else" not in content


def test_it_searches_and_answers_htmx_with_the_results_only(client, event_with_matrix):
    make_event(title="Harbour strike", slug="strike")
    response = client.get("/", {"q": "harbour"}, **HTMX)
    assert response.status_code == 200
    content = response.content.decode()
    assert content.lstrip().startswith('<div id="results"')
    assert "Harbour strike" in content and "Bridge closure" not in content
    assert "<html" not in content


def test_a_search_with_no_match_says_so(client, event_with_matrix):
    response = client.get("/", {"q": "zebra"})
    assert "No event matches “zebra”" in response.content.decode()


# Event page and matrix


def test_the_event_page_shows_the_matrix_with_legend_and_totals(client, event_with_matrix):
    response = client.get("/events/bridge-closure/")
    assert response.status_code == 200
    content = response.content.decode()
    assert '<table class="matrix">' in content
    for text in ("Agrees", "Contradicts", "Silent", "hedged", "Row totals", "Column totals"):
        assert text in content
    assert "Daily Planet" in content and "The Bugle" in content
    assert "(2 articles)" in content
    assert content.count('class="cell cell-') == 2 * 2


def test_the_event_page_refreshes_the_matrix_partial_for_htmx(client, event_with_matrix):
    response = client.get("/events/bridge-closure/", **HTMX)
    content = response.content.decode()
    assert content.lstrip().startswith('<div id="matrix"')
    assert "<html" not in content


@pytest.mark.django_db
def test_unknown_and_draft_events_are_404_for_visitors(client):
    make_event(slug="draft", status=Event.Status.DRAFT)
    assert client.get("/events/nope/").status_code == 404
    assert client.get("/events/draft/").status_code == 404
    assert "There is no such page" in client.get("/events/nope/").content.decode()


def test_article_html_is_shown_as_text(client, db):
    event = make_event()
    outlet = make_outlet("<b>Evil</b> Outlet")
    article = make_article(
        event,
        outlet,
        text='<script>alert("x")</script> The bridge <img src=x onerror=alert(1)> shut.',
    )
    assertion = make_assertion(event, "<script>alert(2)</script>")
    services.set_stance(
        stance=cell(assertion, article),
        label="agree",
        hedged=False,
        evidence=article.sentences.first(),
    )
    for url in (
        "/events/bridge-closure/",
        f"/events/bridge-closure/articles/{article.pk}/",
        f"/events/bridge-closure/cells/{assertion.pk}/{outlet.slug}/",
    ):
        content = client.get(url).content.decode()
        assert "<script>alert" not in content
        assert "<img src=x" not in content
        assert "&lt;script&gt;alert" in content


def test_the_matrix_query_count_does_not_grow_with_rows_and_columns(client, db):
    """Prevents an n+1 on the matrix page."""

    def build(outlets: int, assertions: int) -> None:
        Event.objects.all().delete()
        event = make_event()
        for number in range(outlets):
            outlet = make_outlet(f"Outlet {number} of {outlets}")
            make_article(event, outlet)
        for number in range(assertions):
            make_assertion(event, f"Claim {number}")

    counts = []
    for size in (1, 6):
        build(outlets=size, assertions=size * 2)
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/events/bridge-closure/")
        assert response.status_code == 200
        counts.append(len(queries))
    # A new event each time, so nothing is cached yet: 1 event, 2 its data version
    # (coverage.selectors.matrix_cache), 3 articles with outlets, 4 assertions, 5 stances,
    # 6 the worker's comparison of the texts, not made yet (one cache read), 7-11
    # marking it queued in the database cache (count, savepoint, read, insert,
    # release), 12 queueing it for the worker, 13 the latest analysis run. No page
    # compares texts.
    assert counts == [13, 13]


# Cells


def test_a_cell_shows_its_evidence_in_context(client, event_with_matrix):
    closed = event_with_matrix.assertions.get(position=0)
    response = client.get(f"/events/bridge-closure/cells/{closed.pk}/daily-planet/")
    content = response.content.decode()
    assert response.status_code == 200
    assert "<mark>The bridge closed on Monday.</mark>" in content
    assert "Officials said repairs take a week." in content
    assert "does not mention the claim" in content
    assert "Correct this cell" not in content


def test_a_cell_quoting_two_adjacent_sentences_marks_both(client, event_with_matrix):
    closed = event_with_matrix.assertions.get(position=0)
    stance = Stance.objects.get(
        assertion=closed, article__outlet__slug="daily-planet", evidence__isnull=False
    )
    Stance.objects.filter(pk=stance.pk).update(
        evidence_through=stance.article.sentences.get(index=stance.evidence.index + 1)
    )
    response = client.get(f"/events/bridge-closure/cells/{closed.pk}/daily-planet/")
    content = response.content.decode()
    assert "<mark>The bridge closed on Monday.</mark>" in content
    assert "<mark>Officials said repairs take a week.</mark>" in content
    # The row's page quotes both as well.
    row_page = client.get(f"/events/bridge-closure/rows/{closed.pk}/").content.decode()
    assert "The bridge closed on Monday. Officials said repairs take a week." in row_page


def test_a_cell_answers_htmx_with_the_panel_only(client, event_with_matrix):
    closed = event_with_matrix.assertions.get(position=0)
    response = client.get(f"/events/bridge-closure/cells/{closed.pk}/the-bugle/", **HTMX)
    content = response.content.decode()
    assert content.lstrip().startswith('<div id="cell-panel-content"')
    assert "hedged" in content and "<html" not in content


def test_a_cell_panel_says_why_the_analysis_decided_it(client, event_with_matrix):
    closed = event_with_matrix.assertions.get(position=0)
    Stance.objects.filter(assertion=closed, article__outlet__slug="the-bugle").update(
        reason="Monday agrees with Monday"
    )
    for headers in ({}, HTMX):
        response = client.get(f"/events/bridge-closure/cells/{closed.pk}/the-bugle/", **headers)
        assert '<p class="reason">Why: Monday agrees with Monday</p>' in response.content.decode()
    planet = client.get(f"/events/bridge-closure/cells/{closed.pk}/daily-planet/")
    assert "Why:" not in planet.content.decode()


def test_unknown_cells_are_404(client, event_with_matrix):
    closed = event_with_matrix.assertions.get(position=0)
    assert client.get("/events/bridge-closure/cells/999999/the-bugle/").status_code == 404
    assert client.get(f"/events/bridge-closure/cells/{closed.pk}/nobody/").status_code == 404


def test_editors_set_a_cell_by_hand(editor_client, event_with_matrix, editor):
    closed = event_with_matrix.assertions.get(position=0)
    article = event_with_matrix.articles.get(url="https://planet.example/2")
    stance = cell(closed, article)
    evidence = article.sentences.get(index=1)
    prefix = f"stance-{stance.pk}"
    response = editor_client.post(
        f"/events/bridge-closure/stances/{stance.pk}/",
        {
            f"{prefix}-label": "contradict",
            f"{prefix}-hedged": "on",
            f"{prefix}-evidence": evidence.pk,
            f"{prefix}-note": "Reopened, so not closed.",
        },
        **HTMX,
    )
    assert response.status_code == 200
    assert json.loads(response["HX-Trigger"]) == {"matrix-changed": {}}
    assert "Saved." in response.content.decode()
    stance.refresh_from_db()
    assert (stance.label, stance.hedged, stance.evidence, stance.origin, stance.updated_by) == (
        "contradict",
        True,
        evidence,
        "human",
        editor,
    )
    matrix = editor_client.get("/events/bridge-closure/").content.decode()
    assert "cell-mixed" in matrix


def test_setting_a_cell_without_htmx_redirects_to_the_cell(editor_client, event_with_matrix):
    stance = Stance.objects.filter(label="agree").first()
    prefix = f"stance-{stance.pk}"
    response = editor_client.post(
        f"/events/bridge-closure/stances/{stance.pk}/", {f"{prefix}-label": "silent"}
    )
    assert response.status_code == 302
    stance.refresh_from_db()
    assert (stance.label, stance.evidence, stance.origin) == ("silent", None, "human")


def test_agreement_without_evidence_is_refused_with_a_message(editor_client, event_with_matrix):
    stance = Stance.objects.filter(label="silent").first()
    prefix = f"stance-{stance.pk}"
    response = editor_client.post(
        f"/events/bridge-closure/stances/{stance.pk}/", {f"{prefix}-label": "agree"}, **HTMX
    )
    assert response.status_code == 422
    assert "Pick the sentence that shows this stance." in response.content.decode()
    stance.refresh_from_db()
    assert stance.label == "silent"


def test_evidence_from_another_article_is_refused(editor_client, event_with_matrix):
    stance = Stance.objects.filter(label="silent").first()
    foreign = event_with_matrix.articles.exclude(pk=stance.article_id).first().sentences.first()
    prefix = f"stance-{stance.pk}"
    response = editor_client.post(
        f"/events/bridge-closure/stances/{stance.pk}/",
        {f"{prefix}-label": "agree", f"{prefix}-evidence": foreign.pk},
        **HTMX,
    )
    assert response.status_code == 422
    assert "Select a valid choice" in response.content.decode()


def test_visitors_and_readers_cannot_change_cells(client, reader, event_with_matrix):
    stance = Stance.objects.first()
    url = f"/events/bridge-closure/stances/{stance.pk}/"
    data = {f"stance-{stance.pk}-label": "silent"}
    response = client.post(url, data)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    client.force_login(reader)
    assert client.post(url, data).status_code == 403
    assert client.get(url).status_code == 405


# Assertions


def test_editors_add_an_assertion_with_htmx(editor_client, event_with_matrix):
    response = editor_client.post(
        "/events/bridge-closure/assertions/", {"text": "  Repairs take   a week. "}, **HTMX
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert content.lstrip().startswith('<div id="matrix-and-form"')
    assert "Repairs take a week." in content
    added = event_with_matrix.assertions.get(text="Repairs take a week.")
    assert (added.origin, added.position, added.stances.count()) == ("human", 2, 3)


def test_adding_an_assertion_without_htmx_redirects(editor_client, event_with_matrix):
    response = editor_client.post("/events/bridge-closure/assertions/", {"text": "A claim."})
    assert response.status_code == 302 and response["Location"] == "/events/bridge-closure/"


def test_an_empty_assertion_is_refused(editor_client, event_with_matrix):
    response = editor_client.post("/events/bridge-closure/assertions/", {"text": " "}, **HTMX)
    assert response.status_code == 422
    assert "This field is required." in response.content.decode()
    assert event_with_matrix.assertions.count() == 2


def test_visitors_cannot_add_assertions(client, reader, event_with_matrix):
    assert client.post("/events/bridge-closure/assertions/", {"text": "x"}).status_code == 302
    client.force_login(reader)
    assert client.post("/events/bridge-closure/assertions/", {"text": "x y z"}).status_code == 403
    assert event_with_matrix.assertions.count() == 2


# Article reader


def test_the_reader_highlights_evidence_sentences(client, event_with_matrix):
    article = event_with_matrix.articles.get(url="https://planet.example/1")
    response = client.get(f"/events/bridge-closure/articles/{article.pk}/", {"sentence": "0"})
    content = response.content.decode()
    assert response.status_code == 200
    assert 'class="evidence current"' in content
    assert ">The bridge closed on Monday.</mark>" in content
    assert '<span id="s1">Officials said repairs take a week.</span>' in content


def test_articles_of_other_events_are_404(client, event_with_matrix):
    other = make_event(title="Other", slug="other")
    article = event_with_matrix.articles.first()
    assert client.get(f"/events/{other.slug}/articles/{article.pk}/").status_code == 404


# Accounts


def test_the_login_page_fits_the_site(client, db):
    content = client.get("/accounts/login/").content.decode()
    assert "Log in" in content and 'class="site-header"' in content


def test_healthz(client):
    assert client.get("/healthz").content == b"ok"


# Analysis


def test_editors_queue_an_analysis_and_see_its_progress(editor_client, event_with_matrix):
    response = editor_client.post("/events/bridge-closure/analyse/", **HTMX)
    assert response.status_code == 202
    run = event_with_matrix.analysis_runs.get()
    assert run.status == "queued" and run.task_id
    content = response.content.decode()
    assert content.lstrip().startswith('<section id="analysis"')
    assert f'hx-get="/events/bridge-closure/analyses/{run.pk}/"' in content
    assert 'hx-trigger="every 1s"' in content

    AnalysisRun.objects.filter(pk=run.pk).update(
        status="running", step="Finding claims", progress=40
    )
    polled = editor_client.get(f"/events/bridge-closure/analyses/{run.pk}/", **HTMX)
    assert '<progress max="100" value="40"' in polled.content.decode()
    assert "Finding claims" in polled.content.decode()
    assert "HX-Trigger" not in polled


def test_a_finished_analysis_stops_polling_and_refreshes_the_matrix(client, event_with_matrix):
    run = AnalysisRun.objects.create(
        event=event_with_matrix, status="succeeded", message="Found 3 assertions.", progress=100
    )
    response = client.get(f"/events/bridge-closure/analyses/{run.pk}/", **HTMX)
    content = response.content.decode()
    assert "every 1s" not in content and "Found 3 assertions." in content
    assert json.loads(response["HX-Trigger"]) == {"matrix-changed": {}}
    full = client.get(f"/events/bridge-closure/analyses/{run.pk}/")
    assert '<table class="matrix">' in full.content.decode()


def test_the_refreshed_matrix_brings_the_header_counts_with_it(client, event_with_matrix):
    """After an analysis the header must not say "2 assertions" while the box says it
    found 3: the matrix the finished analysis reloads carries the header's counts."""
    client.get("/events/bridge-closure/")  # the page as loaded before the analysis
    make_assertion(event_with_matrix, "A third claim the analysis found.")
    AnalysisRun.objects.create(
        event=event_with_matrix,
        status="succeeded",
        message="Found 3 assertions.",
        progress=100,
        finished_at=timezone.now(),
    )
    matrix = client.get("/events/bridge-closure/", **HTMX).content.decode()
    counts = re.search(r'id="event-counts" hx-swap-oob="true">(.*?)</p>', matrix, re.S)
    assert counts is not None
    assert "3 assertions" in " ".join(counts.group(1).split())
    # The full page has the counts once, in its header.
    page = client.get("/events/bridge-closure/").content.decode()
    assert page.count('id="event-counts"') == 1 and "hx-swap-oob" not in page
    assert "Last analysed just now." in page


def test_a_failed_analysis_is_explained(client, event_with_matrix):
    AnalysisRun.objects.create(
        event=event_with_matrix, status="failed", message="The worker stopped responding."
    )
    content = client.get("/events/bridge-closure/").content.decode()
    assert "The last analysis failed: The worker stopped responding." in content


def test_a_second_analysis_is_refused_with_a_message(editor_client, event_with_matrix):
    editor_client.post("/events/bridge-closure/analyse/", **HTMX)
    response = editor_client.post("/events/bridge-closure/analyse/", **HTMX)
    assert response.status_code == 409
    assert "already queued or running" in response.content.decode()
    assert event_with_matrix.analysis_runs.count() == 1
    plain = editor_client.post("/events/bridge-closure/analyse/", follow=True)
    assert "already queued or running" in plain.content.decode()


def test_visitors_cannot_start_analyses(client, reader, event_with_matrix):
    assert client.post("/events/bridge-closure/analyse/").status_code == 302
    client.force_login(reader)
    assert client.post("/events/bridge-closure/analyse/").status_code == 403
    assert not AnalysisRun.objects.exists()
