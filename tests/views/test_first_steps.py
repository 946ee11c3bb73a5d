"""An editor's first steps: a new event, its first articles, its first analysis.

Each page leads with what can be done now and says what happened in words that fit it:
an empty event offers "Add articles" and hides what needs articles; a message never
says "again" about an analysis that never ran.
"""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from coverage import services
from coverage.models import AnalysisRun, Revision
from tests.conftest import make_event

HTMX = {"HTTP_HX_REQUEST": "true"}
NEEDS_ARTICLES = ("Analyse", "Classroom", "Worksheet", "Explainer", "Blind mode", "Projector mode")


def _visible_text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_it_offers_editors_a_prominent_new_event(client, editor, reader):
    client.force_login(editor)
    page = client.get("/").content.decode()
    assert '<a class="button-link primary-action" href="/events/new/">New event</a>' in page
    client.force_login(reader)
    assert "New event" not in client.get("/").content.decode()


def test_an_empty_event_leads_with_add_articles_and_hides_what_needs_them(editor_client, editor):
    event = make_event()
    event.editors.add(editor)
    html = editor_client.get(event.get_absolute_url()).content.decode()
    add_url = reverse("article_add", args=[event.slug])
    first = re.search(r'<a class="button-link primary-action" href="([^"]+)">([^<]+)</a>', html)
    assert first and first.groups() == (add_url, "Add articles")
    text = _visible_text(html)
    assert not [words for words in NEEDS_ARTICLES if re.search(rf"\b{words}\b", text)]
    assert "New assertion" not in text and "What the marks mean" not in text
    assert 'id="cell-panel"' in html  # the page's frame stays for htmx


def test_readers_of_an_empty_event_get_no_editing_call(reader_client, db):
    event = make_event(status="published")
    text = _visible_text(reader_client.get(event.get_absolute_url()).content.decode())
    assert "This event has no articles yet." in text
    assert "Add articles" not in text and "Analyse" not in text


def test_an_event_with_articles_offers_the_analysis_and_the_views(editor_client, event_with_matrix):
    text = _visible_text(editor_client.get(event_with_matrix.get_absolute_url()).content.decode())
    assert all(re.search(rf"\b{words}\b", text) for words in NEEDS_ARTICLES)


def test_a_waiting_analysis_explains_the_worker_in_product_words(editor_client, event_with_matrix):
    run = AnalysisRun.objects.create(event=event_with_matrix)
    url = reverse("analysis_status", args=[event_with_matrix.slug, run.pk])
    html = editor_client.get(url, **HTMX).content.decode()
    assert "background worker is not running" in html and "<code>make run</code>" in html
    assert "db_worker" not in html and "manage.py" not in html


def test_adding_articles_to_a_never_analysed_event_does_not_say_again(
    editor_client, event_with_matrix
):
    add = reverse("article_add", args=[event_with_matrix.slug])
    fields = {
        "paste-outlet": "Harbour Herald",
        "paste-title": "Bridge closure",
        "paste-text": "The bridge closed on Monday.\n\nNobody was hurt.",
    }
    text = _visible_text(editor_client.post(f"{add}paste/", fields, **HTMX).content.decode())
    assert "to analyse it: Parallax finds the claims and fills the matrix." in text
    assert "again" not in text

    AnalysisRun.objects.create(event=event_with_matrix, status=AnalysisRun.Status.SUCCEEDED)
    fields["paste-title"] = "Bridge closure, later"
    text = _visible_text(editor_client.post(f"{add}paste/", fields, **HTMX).content.decode())
    assert "to analyse it again and bring them into the matrix." in text
    followed = editor_client.post(f"{add}paste/", fields | {"paste-title": "Third"}, follow=True)
    assert "Analyse the event again to bring them into the matrix." in followed.content.decode()


def test_a_merge_says_the_same_count_on_the_page_and_in_the_history(
    editor_client, event_with_matrix
):
    first, second = event_with_matrix.assertions.order_by("position")
    response = editor_client.post(
        reverse("assertion_merge", args=[event_with_matrix.slug, first.pk]),
        {"others": [second.pk], "wording": str(first.pk)},
        **HTMX,
    )
    assert "Merged 2 rows into this one." in response.content.decode()
    assert Revision.objects.get(action="merge").summary.startswith("Merged 2 rows into")


def test_the_filters_apply_on_click(client, event_with_matrix):
    event_with_matrix.status = "published"
    event_with_matrix.save()
    html = client.get(event_with_matrix.get_absolute_url()).content.decode()
    form = re.search(r'<form class="matrix-filters"[^>]*>', html)[0]
    assert 'hx-trigger="change, submit"' in form and 'hx-push-url="true"' in form


@pytest.mark.parametrize("editor_made_it", [False, True])
def test_the_person_mark_is_only_where_a_person_changed_a_cell(
    client, editor, event_with_matrix, editor_made_it
):
    """The fixture's cells were set without an account, as curated data is: no mark."""
    event_with_matrix.status = "published"
    event_with_matrix.save()
    if editor_made_it:
        closed = event_with_matrix.assertions.get(position=0)
        stance = closed.stances.select_related("article").first()
        services.set_stance(
            stance=stance, label="contradict", hedged=False, evidence=None, user=editor
        )
    html = client.get(event_with_matrix.get_absolute_url()).content.decode()
    assert html.count("changed by a person</span>") == (1 if editor_made_it else 0)
    assert "set by a person</span>" not in html
