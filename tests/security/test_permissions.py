"""Who may see and change what: every page and action, for every kind of user.

The rule (coverage.models.EventQuerySet): published events are visible to everyone,
drafts only to their own editors and superusers. Changing an event, its rows and cells
takes the Editors group's permission and a place among the event's editors, or being
a superuser. Hidden drafts are 404; visible events a user may not change are 403;
anonymous visitors are sent to log in before anything is changed.
"""

from __future__ import annotations

import pytest

from coverage import services
from coverage.models import AnalysisRun, Assertion, Event, Revision, Stance
from tests.conftest import make_assertion

HTMX = {"HTTP_HX_REQUEST": "true"}
USERS = ["anonymous", "reader", "editor", "other_editor", "admin"]
CHANGERS = {"editor", "admin"}
DRAFT_READERS = {"editor", "admin"}


# (method, kind, url, data); kind is "list" (everyone), "read" (whoever sees the event),
# "edit" (needs the event's editors) or "create" (needs the Editors group). The urls
# and data are filled in per test.
ACTIONS = {
    "event_list": ("get", "list", "/", {}),
    "event_detail": ("get", "read", "/events/{slug}/", {}),
    "cell_detail": ("get", "read", "/events/{slug}/cells/{first}/daily-planet/", {}),
    "article_detail": ("get", "read", "/events/{slug}/articles/{article}/", {}),
    "analysis_status": ("get", "read", "/events/{slug}/analyses/{run}/", {}),
    "event_history": ("get", "read", "/events/{slug}/history/", {}),
    "assertion_history": ("get", "read", "/events/{slug}/assertions/{first}/history/", {}),
    "event_create_page": ("get", "create", "/events/new/", {}),
    "event_create": ("post", "create", "/events/new/", {"title": "New one", "status": "draft"}),
    "event_edit_page": ("get", "edit", "/events/{slug}/edit/", {}),
    "event_edit": (
        "post",
        "edit",
        "/events/{slug}/edit/",
        {"title": "Renamed", "slug": "", "status": "{status}"},
    ),
    "assertion_create": ("post", "edit", "/events/{slug}/assertions/", {"text": "A new claim."}),
    "stance_update": (
        "post",
        "edit",
        "/events/{slug}/stances/{stance}/",
        {"stance-{stance}-label": "silent"},
    ),
    "analysis_start": ("post", "edit", "/events/{slug}/analyse/", {}),
    "assertion_edit_page": ("get", "edit", "/events/{slug}/assertions/{first}/", {}),
    "assertion_edit": ("post", "edit", "/events/{slug}/assertions/{first}/", {"text": "Reworded."}),
    "assertion_split": (
        "post",
        "edit",
        "/events/{slug}/assertions/{first}/split/",
        {"first": "Part one.", "second": "Part two."},
    ),
    "assertion_merge": (
        "post",
        "edit",
        "/events/{slug}/assertions/{first}/merge/",
        {"others": "{second}", "wording": "{second}"},
    ),
    "assertion_move": (
        "post",
        "edit",
        "/events/{slug}/assertions/{first}/move/",
        {"position": "2"},
    ),
    "assertion_delete_page": ("get", "edit", "/events/{slug}/assertions/{first}/delete/", {}),
    "assertion_delete": ("post", "edit", "/events/{slug}/assertions/{first}/delete/", {}),
    "revision_undo": ("post", "edit", "/events/{slug}/history/{revision}/undo/", {}),
    "article_add": ("get", "edit", "/events/{slug}/articles/add/", {}),
    "article_paste": (
        "post",
        "edit",
        "/events/{slug}/articles/add/paste/",
        {"paste-outlet": "Herald", "paste-title": "Pasted", "paste-text": "The bridge shut."},
    ),
    "article_upload": ("post", "edit", "/events/{slug}/articles/add/upload/", {}),
    "article_links": ("post", "edit", "/events/{slug}/articles/add/links/", {}),
    "feed_items": ("post", "edit", "/events/{slug}/articles/add/feed/", {}),
    "feed_import": ("post", "edit", "/events/{slug}/articles/add/feed/import/", {}),
}


def expected(kind: str, user: str, draft: bool) -> str:
    if kind == "list":
        return "ok"
    if kind == "read":
        return "missing" if draft and user not in DRAFT_READERS else "ok"
    if user == "anonymous":
        return "login"
    if kind == "create":
        return "forbidden" if user == "reader" else "ok"
    if user in CHANGERS:
        return "ok"
    return "missing" if draft else "forbidden"


def outcome(response) -> str:
    if response.status_code == 302 and "/accounts/login/" in response["Location"]:
        return "login"
    return {403: "forbidden", 404: "missing"}.get(response.status_code, "ok")


def stored() -> tuple:
    """Everything an action could change."""
    return (
        list(Event.objects.order_by("pk").values_list("title", "status")),
        list(Assertion.objects.order_by("pk").values_list("text", "position")),
        list(Stance.objects.order_by("pk").values_list("label", "origin")),
        Revision.objects.count(),
        AnalysisRun.objects.count(),
    )


@pytest.fixture
def targets(event_with_matrix) -> dict:
    event = event_with_matrix
    first, second = event.assertions.order_by("position")
    doomed = make_assertion(event, "A row someone deleted.")
    deletion = services.delete_assertion(assertion=doomed, user=None)
    return {
        "slug": event.slug,
        "first": first.pk,
        "second": second.pk,
        "stance": first.stances.order_by("pk").first().pk,
        "article": event.articles.order_by("pk").first().pk,
        "run": AnalysisRun.objects.create(event=event, status="succeeded").pk,
        "revision": deletion.pk,
    }


@pytest.mark.parametrize("htmx", [False, True], ids=["page", "htmx"])
@pytest.mark.parametrize("draft", [False, True], ids=["published", "draft"])
@pytest.mark.parametrize("user", USERS)
@pytest.mark.parametrize("action", ACTIONS)
def test_the_permission_matrix(
    client, request, targets, event_with_matrix, action, user, draft, htmx
):
    method, kind, url, data = ACTIONS[action]
    status = Event.Status.DRAFT if draft else Event.Status.PUBLISHED
    Event.objects.filter(pk=event_with_matrix.pk).update(status=status)
    fill = {**targets, "status": status}
    url = url.format(**fill)
    data = {key.format(**fill): value.format(**fill) for key, value in data.items()}
    if user != "anonymous":
        client.force_login(request.getfixturevalue(user))
    before = stored()

    response = getattr(client, method)(url, data, **(HTMX if htmx else {}))

    want = expected(kind, user, draft)
    assert outcome(response) == want, response.content.decode()[:500]
    if want != "ok":
        assert stored() == before
    if want == "forbidden":
        assert "Not allowed" in response.content.decode()
    if (
        want == "ok"
        and method == "post"
        and action
        not in (
            "article_upload",
            "article_links",
            "feed_items",
            "feed_import",
        )
    ):
        assert response.status_code in (200, 202, 302), response.content.decode()[:500]
        assert stored() != before
    if want == "ok" and htmx and response.status_code == 200 and action != "article_detail":
        assert "<html" not in response.content.decode()


@pytest.mark.parametrize("user", USERS)
def test_the_event_list_shows_drafts_only_to_their_editors(
    client, request, event_with_matrix, user
):
    Event.objects.filter(pk=event_with_matrix.pk).update(status=Event.Status.DRAFT)
    if user != "anonymous":
        client.force_login(request.getfixturevalue(user))
    listed = "Bridge closure" in client.get("/").content.decode()
    assert listed == (user in DRAFT_READERS)


@pytest.mark.parametrize("user", USERS)
def test_editing_links_show_only_to_people_who_may_edit(client, request, event_with_matrix, user):
    if user != "anonymous":
        client.force_login(request.getfixturevalue(user))
    content = client.get("/events/bridge-closure/").content.decode()
    assert ("/events/bridge-closure/edit/" in content) == (user in CHANGERS)
    assert ("Add assertion" in content) == (user in CHANGERS)
    assert "/events/bridge-closure/history/" in content
    assert ('href="/events/new/"' in client.get("/").content.decode()) == (
        user in {"editor", "other_editor", "admin"}
    )


def test_an_editor_removed_from_the_group_can_read_but_not_change(
    client, editor, event_with_matrix
):
    editor.groups.clear()
    Event.objects.filter(pk=event_with_matrix.pk).update(status=Event.Status.DRAFT)
    client.force_login(editor)
    assert client.get("/events/bridge-closure/").status_code == 200
    response = client.post("/events/bridge-closure/assertions/", {"text": "A claim."})
    assert response.status_code == 403
    assert "Only editors can change this event." in response.content.decode()


def test_other_editors_are_told_why(client, other_editor, event_with_matrix):
    client.force_login(other_editor)
    response = client.get("/events/bridge-closure/edit/")
    assert response.status_code == 403
    assert "Only this event’s own editors can change this event." in response.content.decode()
