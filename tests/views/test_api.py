from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.urls import URLResolver

from coverage import urls as coverage_urls
from coverage.models import Event, Stance
from coverage.views import api
from tests.conftest import make_article, make_assertion, make_event, make_outlet

BASE = "http://testserver"
README = Path(__file__).resolve().parents[2] / "README.md"


def get(client, path: str, **params):
    response = client.get(path, params)
    assert response["Content-Type"] == "application/json", response.content
    return response, response.json()


@pytest.fixture
def draft_event(db, other_editor) -> Event:
    event = make_event(title="Secret summit", slug="secret-summit", status=Event.Status.DRAFT)
    event.editors.add(other_editor)
    make_article(event, make_outlet("Hidden Herald"))
    make_assertion(event)
    return event


def test_it_lists_its_endpoints(client, db):
    response, data = get(client, "/api/v1/")
    assert response.status_code == 200
    assert data["endpoints"]["events"] == f"{BASE}/api/v1/events/"
    assert data["endpoints"]["event"] == f"{BASE}/api/v1/events/{{slug}}/"
    assert data["pagination"]["page_size"] == "default 50, at most 200"


def test_it_lists_visible_events_with_counts_and_links(client, event_with_matrix, draft_event):
    response, data = get(client, "/api/v1/events/")
    assert response.status_code == 200
    assert (data["count"], data["next"], data["previous"]) == (1, None, None)
    (event,) = data["results"]
    assert event["slug"] == "bridge-closure"
    assert event["counts"] == {"outlets": 2, "articles": 3, "assertions": 2}
    assert event["url"] == f"{BASE}/api/v1/events/bridge-closure/"
    assert event["html_url"] == f"{BASE}/events/bridge-closure/"


def test_it_pages_with_absolute_links(client, event_with_matrix):
    for number in range(3):
        make_event(title=f"Bridge {number}", slug=f"bridge-{number}")
    _, first = get(client, "/api/v1/events/", page_size=2)
    assert first["count"] == 4
    assert len(first["results"]) == 2
    assert first["next"] == f"{BASE}/api/v1/events/?page_size=2&page=2"
    assert first["previous"] is None
    _, second = get(client, "/api/v1/events/", page_size=2, page=2)
    assert second["previous"] == f"{BASE}/api/v1/events/?page_size=2&page=1"
    assert second["next"] is None


def test_it_searches_events(client, event_with_matrix):
    make_event(title="Harbour strike", slug="harbour-strike")
    _, data = get(client, "/api/v1/events/", q="harbour")
    assert [event["slug"] for event in data["results"]] == ["harbour-strike"]


@pytest.mark.parametrize(
    ("params", "status", "message"),
    [
        ({"page": "two"}, 400, "?page= must be a whole number of at least 1, not 'two'."),
        ({"page": "0"}, 400, "?page= must be a whole number"),
        ({"page_size": "-5"}, 400, "?page_size= must be a whole number"),
        ({"page_size": "500"}, 400, "?page_size= can be at most 200"),
        ({"page": "9"}, 404, "There is no page 9: there is 1 page of 1 result."),
        ({"q": "x" * 201}, 400, "?q= can be at most 200 characters long."),
        ({"q": "bridge\x00"}, 400, "?q= cannot contain NUL characters."),
    ],
)
def test_it_explains_bad_parameters(client, event_with_matrix, params, status, message):
    response, data = get(client, "/api/v1/events/", **params)
    assert response.status_code == status
    assert data == {"error": message} or data["error"].startswith(message)


def test_it_describes_an_event(client, event_with_matrix):
    response, data = get(client, "/api/v1/events/bridge-closure/")
    assert response.status_code == 200
    assert data["counts"] == {"outlets": 2, "articles": 3, "assertions": 2}
    assert [outlet["slug"] for outlet in data["outlets"]] == ["daily-planet", "the-bugle"]
    article = data["articles"][0]
    assert article["outlet"] == "daily-planet"
    assert article["url"] == f"{BASE}/api/v1/events/bridge-closure/articles/{article['id']}/"
    assert "text" not in article
    assert data["links"]["assertions"] == f"{BASE}/api/v1/events/bridge-closure/assertions/"
    assert data["links"]["export_csv"] == f"{BASE}/events/bridge-closure/export.csv"


def test_it_lists_rows_with_their_cells(client, event_with_matrix):
    Stance.objects.filter(article__outlet__slug="the-bugle", label="agree").update(
        attributed_to="Police"
    )
    _, data = get(client, "/api/v1/events/bridge-closure/assertions/")
    assert data["count"] == 2
    first = data["results"][0]
    assert (first["row"], first["text"], first["origin"]) == (
        1,
        "The bridge closed on Monday.",
        "human",
    )
    planet, bugle = first["cells"]
    assert planet["label"] == "agree"
    assert bugle == {
        "outlet": "the-bugle",
        "label": "agree",
        "hedged": True,
        "attributed_to": ["Police"],
        "evidence": "Reportedly the bridge shut on Monday.",
        "evidence_article": bugle["evidence_article"],
        "evidence_sentence": 0,
        "evidence_through_sentence": None,
        "reason": None,
        "origin": "human",
        "url": f"{BASE}/events/bridge-closure/cells/{first['id']}/the-bugle/",
    }
    assert [cell["label"] for cell in data["results"][1]["cells"]] == ["silent", "silent"]
    _, second_page = get(client, "/api/v1/events/bridge-closure/assertions/", page_size=1, page=2)
    assert second_page["results"][0]["row"] == 2


def test_a_cell_quoting_two_sentences_names_both(client, event_with_matrix):
    closed = event_with_matrix.assertions.get(position=0)
    stance = Stance.objects.get(
        assertion=closed, article__outlet__slug="daily-planet", evidence__isnull=False
    )
    Stance.objects.filter(pk=stance.pk).update(
        evidence_through=stance.article.sentences.get(index=stance.evidence.index + 1)
    )
    _, rows = get(client, "/api/v1/events/bridge-closure/assertions/")
    planet = rows["results"][0]["cells"][0]
    assert (planet["evidence_sentence"], planet["evidence_through_sentence"]) == (0, 1)
    assert planet["evidence"] == "The bridge closed on Monday. Officials said repairs take a week."
    _, article = get(client, f"/api/v1/events/bridge-closure/articles/{stance.article_id}/")
    assert [
        (s["evidence_sentence"], s["evidence_through_sentence"]) for s in article["stances"]
    ] == [
        (0, 1),
        (None, None),
    ]


def test_it_shows_an_article_with_sentences_and_stances(client, event_with_matrix):
    article = event_with_matrix.articles.get(url="https://planet.example/1")
    _, data = get(client, f"/api/v1/events/bridge-closure/articles/{article.pk}/")
    assert data["text"] == article.text
    assert data["sentences"][0] == {"index": 0, "text": "The bridge closed on Monday."}
    assert [(s["label"], s["evidence_sentence"]) for s in data["stances"]] == [
        ("agree", 0),
        ("silent", None),
    ]
    other_event = make_event(title="Other", slug="other")
    response, _ = get(client, f"/api/v1/events/other/articles/{article.pk}/")
    assert response.status_code == 404
    assert other_event.articles.count() == 0


def test_it_lists_outlets_and_their_statistics(client, event_with_matrix, draft_event):
    _, data = get(client, "/api/v1/outlets/")
    assert [outlet["slug"] for outlet in data["results"]] == ["daily-planet", "the-bugle"]
    assert data["results"][0]["counts"] == {"events": 1, "articles": 2}
    _, bugle = get(client, "/api/v1/outlets/the-bugle/")
    assert bugle["statistics"]["cells"] == 2
    assert bugle["statistics"]["hedged_rate"] == 1.0
    assert [event["slug"] for event in bugle["events"]] == ["bridge-closure"]


@pytest.mark.parametrize("who", ["anonymous", "reader", "other"])
def test_it_never_shows_drafts_to_outsiders(client, who, draft_event, reader, editor):
    if who != "anonymous":
        client.force_login(reader if who == "reader" else editor)
    article = draft_event.articles.get()
    assert get(client, "/api/v1/events/")[1]["count"] == 0
    assert get(client, "/api/v1/outlets/")[1]["count"] == 0
    paths = [
        "/api/v1/events/secret-summit/",
        "/api/v1/events/secret-summit/assertions/",
        f"/api/v1/events/secret-summit/articles/{article.pk}/",
    ]
    if who == "other":
        # Editors see every outlet, as on the site, but nothing of the draft's coverage.
        _, outlet = get(client, "/api/v1/outlets/hidden-herald/")
        assert outlet["events"] == []
        assert outlet["statistics"]["articles"] == 0
    else:
        paths.append("/api/v1/outlets/hidden-herald/")
    for path in paths:
        response, data = get(client, path)
        assert response.status_code == 404, path
        assert data == {"error": "Not found, or not visible to you."}


def test_it_shows_a_draft_to_its_editor(client, draft_event, other_editor):
    client.force_login(other_editor)
    _, data = get(client, "/api/v1/events/")
    assert [event["status"] for event in data["results"]] == ["draft"]
    assert get(client, "/api/v1/events/secret-summit/")[0].status_code == 200


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_it_is_read_only(client, event_with_matrix, method):
    response = getattr(client, method)("/api/v1/events/bridge-closure/")
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"
    assert response.json() == {"error": f"The API is read-only: use GET, not {method.upper()}."}
    assert Event.objects.filter(slug="bridge-closure").exists()


def test_it_lets_anonymous_answers_be_cached_and_keeps_others_private(
    client, event_with_matrix, reader
):
    response = client.get("/api/v1/events/")
    assert response["Cache-Control"] == "max-age=60, public"
    assert "Cookie" in response["Vary"]
    assert not response.cookies
    client.force_login(reader)
    session_key = client.session.session_key
    response = client.get("/api/v1/events/")
    assert response["Cache-Control"] == "max-age=60, private"
    assert "sessionid" not in response.cookies
    assert client.session.session_key == session_key


def test_it_answers_head_requests(client, event_with_matrix):
    response = client.head("/api/v1/events/")
    assert response.status_code == 200
    assert response.content == b""


@pytest.mark.parametrize(
    ("path", "queries"),
    [
        # The count, then the page of events with their counts.
        ("/api/v1/events/", 2),
        # The event, its articles with outlets, its row count, and its independent
        # sources (the worker's comparison, one cache read).
        ("/api/v1/events/bridge-closure/", 4),
        # The event, the row count, the page of rows, the articles with outlets, the
        # cells of the page, the counts (one cache read).
        ("/api/v1/events/bridge-closure/assertions/", 6),
        # The event, the article, its sentences, its stances with their evidence.
        ("/api/v1/events/bridge-closure/articles/{article}/", 4),
        # The count, then the page of outlets with their counts.
        ("/api/v1/outlets/", 2),
        # The outlet, its four statistics queries (outlets, cells, and for the sources
        # it cites the events' articles and the worker's cache), the events it covered.
        ("/api/v1/outlets/the-bugle/", 6),
    ],
)
def test_it_answers_in_a_fixed_number_of_queries(
    client, event_with_matrix, django_assert_num_queries, path, queries
):
    """Prevents an n+1: more rows, outlets and events cost no more queries."""
    planet = make_outlet("Extra Outlet")
    for number in range(3):
        make_article(event_with_matrix, planet, url=f"https://extra.example/{number}")
        make_assertion(event_with_matrix, f"Claim number {number}.")
        make_event(title=f"Event {number}", slug=f"event-{number}")
    article = event_with_matrix.articles.first()
    with django_assert_num_queries(queries):
        response = client.get(path.format(article=article.pk))
    assert response.status_code == 200


def _named_routes(patterns, prefix: str = ""):
    """(name, route) of every named address, through the areas urls.py includes."""
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from _named_routes(pattern.url_patterns, route)
        elif pattern.name:
            yield pattern.name, route


def test_the_readme_documents_every_endpoint():
    """Fails when an endpoint is added without its example in the README's API section."""
    section = README.read_text().split("## API", 1)[1].split("\n## ", 1)[0]
    documented = set(re.findall(r"GET (/api/v1/[^\s`]*)", section))
    routes = {
        "/" + re.sub(r"<\w+:(\w+)>", r"{\1}", route)
        for name, route in _named_routes(coverage_urls.urlpatterns)
        if name.startswith("api_")
    }
    assert len(routes) == 7
    assert routes <= documented, routes - documented
    assert f"at most {api.MAX_PAGE_SIZE}" in section


def test_a_cell_and_an_article_s_stances_carry_the_analysis_reason(client, event_with_matrix):
    why = "Monday agrees with Monday"
    Stance.objects.filter(article__outlet__slug="the-bugle", label="agree").update(reason=why)
    _, data = get(client, "/api/v1/events/bridge-closure/assertions/")
    assert data["results"][0]["cells"][1]["reason"] == why
    article = event_with_matrix.articles.get(outlet__slug="the-bugle")
    _, detail = get(client, f"/api/v1/events/bridge-closure/articles/{article.pk}/")
    assert [s["reason"] for s in detail["stances"]] == [why, None]
