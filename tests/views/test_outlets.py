"""The outlet directory, the outlet page and editing an outlet's details."""

from __future__ import annotations

import re

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext

from coverage import services
from coverage.blind import blind_labels
from coverage.models import Event, Outlet, Revision
from tests.conftest import cell, make_article, make_assertion, make_event, make_outlet

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def draft_only_outlet(event_with_matrix) -> Outlet:
    """An outlet whose only article is in a draft event."""
    draft = make_event(title="Secret draft", slug="draft", status=Event.Status.DRAFT)
    outlet = make_outlet("Hidden Herald")
    make_article(draft, outlet)
    # A draft article by a public outlet must not count for visitors either.
    make_article(draft, Outlet.objects.get(slug="the-bugle"))
    return outlet


# The directory


def test_it_lists_outlets_of_published_events_with_counts(client, draft_only_outlet):
    response = client.get("/outlets/")
    assert response.status_code == 200
    content = response.content.decode()
    assert "Daily Planet" in content and "The Bugle" in content
    assert "Hidden Herald" not in content
    rows = {outlet.name: outlet for outlet in response.context["page"].object_list}
    assert (rows["Daily Planet"].article_count, rows["Daily Planet"].event_count) == (2, 1)
    assert (rows["The Bugle"].article_count, rows["The Bugle"].event_count) == (1, 1)
    assert 'href="/outlets/daily-planet/"' in content


def test_editors_of_a_draft_see_its_outlets_too(editor_client, editor, draft_only_outlet):
    Event.objects.get(slug="draft").editors.add(editor)
    response = editor_client.get("/outlets/")
    rows = {outlet.name: outlet for outlet in response.context["page"].object_list}
    assert "Hidden Herald" in rows
    assert (rows["The Bugle"].article_count, rows["The Bugle"].event_count) == (2, 2)


def test_it_searches_by_name_and_country_and_answers_htmx_with_the_results(
    client, event_with_matrix
):
    Outlet.objects.filter(slug="the-bugle").update(country="Syria")
    response = client.get("/outlets/", {"q": "syria"}, **HTMX)
    content = response.content.decode()
    assert response.status_code == 200
    assert content.lstrip().startswith('<div id="results"')
    assert "<html" not in content
    assert "The Bugle" in content and "Daily Planet" not in content
    assert "1 outlet matching “syria”" in content
    assert "No outlet matches “zebra”" in client.get("/outlets/", {"q": "zebra"}).content.decode()


def test_it_sorts(client, event_with_matrix):
    def names(sort: str) -> list[str]:
        response = client.get("/outlets/", {"sort": sort})
        return [outlet.name for outlet in response.context["page"].object_list]

    assert names("name") == ["Daily Planet", "The Bugle"]
    assert names("-articles") == ["Daily Planet", "The Bugle"]
    Outlet.objects.filter(slug="the-bugle").update(country="Austria")
    Outlet.objects.filter(slug="daily-planet").update(country="Belgium")
    assert names("country") == ["The Bugle", "Daily Planet"]


def test_an_unknown_sort_falls_back_to_names(client, event_with_matrix):
    response = client.get("/outlets/", {"sort": "password", "page": "nope"})
    assert response.status_code == 200
    assert [outlet.name for outlet in response.context["page"].object_list] == [
        "Daily Planet",
        "The Bugle",
    ]


@pytest.mark.django_db
def test_an_empty_directory_says_how_outlets_arrive(client):
    assert "No outlets yet." in client.get("/outlets/").content.decode()


def test_the_directory_query_count_does_not_grow_with_outlets(client, db):
    """Prevents an n+1 on the outlet directory."""
    event = make_event()
    counts = []
    for size in (1, 8):
        for number in range(size):
            make_article(event, make_outlet(f"Outlet {size}-{number}"))
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/outlets/", {"sort": "-events"})
        assert response.status_code == 200
        counts.append(len(queries))
    # 1 count for the paginator, 1 page of outlets with their counts.
    assert counts == [2, 2]


# The outlet page


def test_the_outlet_page_shows_details_articles_and_rates(client, event_with_matrix):
    Outlet.objects.filter(slug="the-bugle").update(
        country="Syria",
        language="ar",
        ownership_kind=Outlet.OwnershipKind.STATE_CONTROLLED,
        homepage="https://bugle.example/",
        notes="Founded 1990.",
    )
    response = client.get("/outlets/the-bugle/")
    assert response.status_code == 200
    content = response.content.decode()
    for text in ("Syria", "ar", "State-controlled", "https://bugle.example/", "Founded 1990."):
        assert text in content
    assert "Bridge closure" in content and "The Bugle on Bridge closure" in content
    rates = response.context["coverage"].rates
    # One agree (hedged) and one silent cell.
    assert (rates.cells, rates.agree, rates.contradict, rates.silent, rates.hedged) == (
        2,
        1,
        0,
        1,
        1,
    )
    assert (rates.agree_percent, rates.silent_percent, rates.hedged_percent) == (50, 50, 100)
    assert "Edit details" not in content


def test_rates_count_the_cells_of_the_matrix(client, event_with_matrix):
    closed = event_with_matrix.assertions.get(position=0)
    second = event_with_matrix.articles.get(url="https://planet.example/2")
    services.set_stance(
        stance=cell(closed, second),
        label="contradict",
        hedged=False,
        evidence=second.sentences.get(index=1),
    )
    coverage = client.get("/outlets/daily-planet/").context["coverage"]
    rates = coverage.rates
    # Its matrix cells, as the matrix and the statistics count them: one per row, and
    # the row its two articles disagree on is mixed.
    assert (rates.cells, rates.agree, rates.contradict, rates.mixed, rates.silent) == (
        2,
        0,
        0,
        1,
        1,
    )
    assert (rates.mixed_percent, rates.silent_percent) == (50, 50)
    assert coverage.article_count == 2 and len(coverage.events) == 1


def test_the_outlet_page_without_cells_says_so(client, db):
    make_article(make_event(), make_outlet("Quiet Times"))
    content = client.get("/outlets/quiet-times/").content.decode()
    assert "No cells yet" in content


def test_the_outlet_page_answers_htmx_with_its_details(client, event_with_matrix):
    response = client.get("/outlets/the-bugle/", **HTMX)
    content = response.content.decode()
    assert content.lstrip().startswith('<section id="outlet-details"')
    assert "<html" not in content and "The Bugle" in content


def test_outlets_of_drafts_only_are_404_for_visitors_and_readers(client, reader, draft_only_outlet):
    assert client.get("/outlets/hidden-herald/").status_code == 404
    assert client.get("/outlets/nobody/").status_code == 404
    client.force_login(reader)
    assert client.get("/outlets/hidden-herald/").status_code == 404


def test_visitors_do_not_see_draft_articles_on_an_outlet_page(client, draft_only_outlet):
    coverage = client.get("/outlets/the-bugle/").context["coverage"]
    assert [entry.event.slug for entry in coverage.events] == ["bridge-closure"]
    assert coverage.rates.cells == 2


def test_editors_see_every_outlet_but_only_drafts_they_edit(
    editor_client, editor, draft_only_outlet
):
    response = editor_client.get("/outlets/hidden-herald/")
    assert response.status_code == 200
    assert "Edit details" in response.content.decode()
    assert "Secret draft" not in response.content.decode()
    Event.objects.get(slug="draft").editors.add(editor)
    assert "Secret draft" in editor_client.get("/outlets/hidden-herald/").content.decode()


def test_the_outlet_page_query_count_does_not_grow_with_events_or_articles(client, db):
    """Prevents an n+1 on the outlet page."""
    outlet = make_outlet("Daily Planet")
    counts = []
    for size in (1, 5):
        for number in range(size):
            event = make_event(title=f"Event {size}-{number}", slug=f"event-{size}-{number}")
            make_article(event, outlet)
            make_article(event, outlet, url=f"https://planet.example/{size}/{number}")
            make_assertion(event, f"Claim {number}")
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/outlets/daily-planet/")
        assert response.status_code == 200
        counts.append(len(queries))
    # 1 outlet, 1 the history of its details, 1 articles with their events, 1 stance
    # counts per event.
    assert counts == [4, 4]


# Links to outlets


def test_the_matrix_and_the_reader_link_to_outlet_pages(client, event_with_matrix):
    matrix = client.get("/events/bridge-closure/").content.decode()
    assert re.search(
        r'<a class="outlet-name" href="/outlets/daily-planet/"[^>]*>Daily Planet</a>', matrix
    )
    article = event_with_matrix.articles.get(url="https://planet.example/1")
    reader = client.get(f"/events/bridge-closure/articles/{article.pk}/").content.decode()
    assert 'href="/outlets/daily-planet/"' in reader


def test_the_header_links_to_the_outlets(client, db):
    content = client.get("/").content.decode()
    assert '<a href="/outlets/">Outlets</a>' in content
    assert '<a href="/outlets/" aria-current="page">Outlets</a>' in (
        client.get("/outlets/").content.decode()
    )


# Editing an outlet


def _details(**changes) -> dict[str, str]:
    data = {
        "name": "The Bugle",
        "homepage": "https://bugle.example/",
        "country": "Syria",
        "language": "ar",
        "ownership_kind": "state_controlled",
        "notes": "Run by the ministry.",
    }
    return {**data, **changes}


def test_editors_open_the_edit_form_in_place(editor_client, event_with_matrix):
    response = editor_client.get("/outlets/the-bugle/edit/", **HTMX)
    content = response.content.decode()
    assert response.status_code == 200
    assert content.lstrip().startswith('<section id="outlet-details"')
    assert 'hx-post="/outlets/the-bugle/edit/"' in content and "<html" not in content
    assert "State-controlled" in content


def test_the_edit_form_works_as_a_full_page(editor_client, event_with_matrix):
    response = editor_client.get("/outlets/the-bugle/edit/")
    content = response.content.decode()
    assert response.status_code == 200
    assert "<html" in content and 'action="/outlets/the-bugle/edit/"' in content
    assert "How it covers claims" in content


def test_editors_save_details_with_htmx(editor_client, event_with_matrix):
    response = editor_client.post("/outlets/the-bugle/edit/", _details(), **HTMX)
    assert response.status_code == 200
    assert response["HX-Push-Url"] == "/outlets/the-bugle/"
    content = response.content.decode()
    assert content.lstrip().startswith('<section id="outlet-details"')
    assert "Saved." in content and "Run by the ministry." in content
    outlet = Outlet.objects.get(slug="the-bugle")
    assert (outlet.country, outlet.language, outlet.ownership_kind, outlet.homepage) == (
        "Syria",
        "ar",
        "state_controlled",
        "https://bugle.example/",
    )
    assert not list(get_messages(response.wsgi_request))


def test_saved_details_are_recorded_and_shown_in_the_outlet_s_history(
    editor_client, event_with_matrix
):
    editor_client.post("/outlets/the-bugle/edit/", _details(), **HTMX)

    revision = Revision.objects.get(target_kind=Revision.TargetKind.OUTLET)
    assert revision.after["country"] == "Syria" and revision.user.username == "alice"
    page = editor_client.get("/outlets/the-bugle/").content.decode()
    assert "History of these details (1)" in page
    assert "Changed The Bugle: homepage — → “https://bugle.example/”; country — → “Syria”" in page


def test_saving_without_htmx_redirects_with_a_message(editor_client, event_with_matrix):
    response = editor_client.post(
        "/outlets/the-bugle/edit/", _details(name="The  Evening Bugle "), follow=True
    )
    assert response.redirect_chain == [("/outlets/the-bugle/", 302)]
    assert "Saved the outlet’s details." in response.content.decode()
    # Renaming keeps the address, so links to the outlet keep working.
    assert Outlet.objects.get(slug="the-bugle").name == "The Evening Bugle"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"name": ""}, "This field is required."),
        ({"name": "DAILY planet"}, "Another outlet is already called “Daily Planet”."),
        ({"homepage": "not a web address"}, "Enter a valid URL."),
        ({"ownership_kind": "secret"}, "Select a valid choice."),
        ({"language": "x" * 36}, "Ensure this value has at most 35 characters"),
    ],
)
def test_invalid_details_are_refused_with_a_message(
    editor_client, event_with_matrix, changes, message
):
    response = editor_client.post("/outlets/the-bugle/edit/", _details(**changes), **HTMX)
    assert response.status_code == 422
    content = response.content.decode()
    assert message in content
    assert "Nothing was saved." in content
    # The heading still shows the outlet as it is stored.
    assert '<h1 id="outlet-heading">The Bugle</h1>' in content
    assert Outlet.objects.get(slug="the-bugle").country == ""


def test_invalid_details_without_htmx_show_the_whole_page(editor_client, event_with_matrix):
    response = editor_client.post("/outlets/the-bugle/edit/", _details(name=""))
    assert response.status_code == 422
    assert "<html" in response.content.decode()
    assert "This field is required." in response.content.decode()


def test_visitors_and_readers_cannot_edit_outlets(client, reader, event_with_matrix):
    url = "/outlets/the-bugle/edit/"
    response = client.get(url)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert client.post(url, _details()).status_code == 302
    client.force_login(reader)
    assert client.get(url).status_code == 403
    assert client.post(url, _details(), **HTMX).status_code == 403
    assert "Edit details" not in client.get("/outlets/the-bugle/").content.decode()
    assert Outlet.objects.get(slug="the-bugle").country == ""


def test_aliases_are_kept_shown_and_hidden_in_blind_mode(editor_client, event_with_matrix):
    editor_client.post("/outlets/the-bugle/edit/", _details(aliases="BGL\nBugle Wire"), **HTMX)
    make_assertion(event_with_matrix, "The Bugle Wire and BGL say the bridge shut.")

    outlet = Outlet.objects.get(slug="the-bugle")
    assert outlet.aliases == "BGL\nBugle Wire"
    assert "aliases" in Revision.objects.get(target_kind=Revision.TargetKind.OUTLET).after
    assert "Also called" in editor_client.get("/outlets/the-bugle/").content.decode()
    blind = editor_client.get("/events/bridge-closure/?blind=1").content.decode()
    letter = blind_labels(event_with_matrix, [outlet, Outlet.objects.get(slug="daily-planet")])
    assert f"{letter[outlet.pk]} and {letter[outlet.pk]} say the bridge shut." in blind
    assert "BGL" not in blind and "Bugle" not in blind


# Filling empty details from the curated list of agencies


@pytest.fixture
def sputnik(event_with_matrix) -> Outlet:
    """An outlet the curated list knows, created before the list filled new outlets."""
    outlet = make_outlet("Sputnik", country="Russian Federation")
    make_article(event_with_matrix, outlet, url="https://sputnik.example/1")
    return outlet


def test_the_edit_page_suggests_the_list_s_values_for_empty_details(editor_client, sputnik):
    content = editor_client.get("/outlets/sputnik/edit/", **HTMX).content.decode()

    assert "The list of agencies knows Sputnik: state-controlled, sputnikglobe.com." in content
    assert 'hx-post="/outlets/sputnik/fill/"' in content
    assert "csrfmiddlewaretoken" in content
    # The page itself, without the form, offers nothing.
    assert "/outlets/sputnik/fill/" not in editor_client.get("/outlets/sputnik/").content.decode()


def test_no_suggestion_for_outlets_the_list_does_not_know_or_already_complete(
    editor_client, sputnik
):
    assert "/fill/" not in editor_client.get("/outlets/the-bugle/edit/").content.decode()
    Outlet.objects.filter(pk=sputnik.pk).update(
        ownership_kind="state_controlled", homepage="https://sputnik.example/", notes="Ours."
    )
    assert "/fill/" not in editor_client.get("/outlets/sputnik/edit/").content.decode()


def test_filling_keeps_a_person_s_values_and_records_the_edit(editor_client, sputnik):
    response = editor_client.post("/outlets/sputnik/fill/", follow=True)

    assert response.redirect_chain == [("/outlets/sputnik/edit/", 302)]
    assert (
        "Filled ownership, homepage, notes from the list of agencies (Sputnik)."
        in response.content.decode()
    )
    sputnik.refresh_from_db()
    assert sputnik.country == "Russian Federation"
    assert (sputnik.ownership_kind, sputnik.homepage) == (
        "state_controlled",
        "https://sputnikglobe.com/",
    )
    revision = Revision.objects.get(target_kind=Revision.TargetKind.OUTLET)
    assert revision.user.username == "alice" and "country" not in revision.after
    page = editor_client.get("/outlets/sputnik/").content.decode()
    assert "History of these details (1)" in page
    # Nothing is left to fill, so the edit page stops offering it.
    assert "/fill/" not in editor_client.get("/outlets/sputnik/edit/").content.decode()


def test_filling_with_htmx_answers_with_the_filled_edit_form(editor_client, sputnik):
    response = editor_client.post("/outlets/sputnik/fill/", **HTMX)

    assert response.status_code == 200
    assert response["HX-Push-Url"] == "/outlets/sputnik/edit/"
    content = response.content.decode()
    assert content.lstrip().startswith('<section id="outlet-details"')
    assert "Filled ownership, homepage, notes" in content
    assert 'value="https://sputnikglobe.com/"' in content and "/fill/" not in content


def test_filling_an_unknown_outlet_changes_nothing_and_says_so(editor_client, event_with_matrix):
    response = editor_client.post("/outlets/the-bugle/fill/", follow=True)

    assert "Nothing to fill" in response.content.decode()
    assert not Revision.objects.filter(target_kind=Revision.TargetKind.OUTLET).exists()


def test_visitors_and_readers_cannot_fill_outlets(client, reader, sputnik):
    url = "/outlets/sputnik/fill/"
    response = client.post(url)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    client.force_login(reader)
    assert client.post(url).status_code == 403
    assert client.post(url, **HTMX).status_code == 403
    assert client.get(url).status_code == 405
    assert client.post("/outlets/no-such-outlet/fill/").status_code == 404
    sputnik.refresh_from_db()
    assert sputnik.ownership_kind == "unknown"
    assert not Revision.objects.filter(target_kind=Revision.TargetKind.OUTLET).exists()


def test_filling_takes_a_fixed_number_of_queries(editor_client, sputnik):
    """The suggestion reads the list from memory: no query per organisation."""
    with CaptureQueriesContext(connection) as queries:
        response = editor_client.post("/outlets/sputnik/fill/", **HTMX)
    assert response.status_code == 200
    # 1 session, 1 user, 2 permissions (the user's and its groups'), 1 outlet; in the
    # write, 1 savepoint, the outlet read once under the lock, 1 update, 1 event
    # timestamps, 1 revision, 1 release; then 1 outlet as saved and 1 its history.
    assert len(queries) == 13
