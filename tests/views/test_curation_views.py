"""Curation pages: each as a full page and as its htmx partial."""

from __future__ import annotations

import json

import pytest

from coverage import services
from coverage.models import Event, Revision
from tests.conftest import cell

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def rows(event_with_matrix):
    return list(event_with_matrix.assertions.order_by("position"))


# Events


def test_an_editor_creates_an_event_and_becomes_its_editor(editor_client, editor, db):
    page = editor_client.get("/events/new/")
    assert page.status_code == 200 and "Create event" in page.content.decode()
    response = editor_client.post(
        "/events/new/", {"title": "Harbour strike", "summary": "", "status": "draft"}, **HTMX
    )
    assert response.status_code == 200
    assert response["HX-Redirect"] == "/events/harbour-strike/"
    event = Event.objects.get(slug="harbour-strike")
    assert list(event.editors.all()) == [editor] and event.status == "draft"
    assert (
        "Created “Harbour strike”" in editor_client.get("/events/harbour-strike/").content.decode()
    )


def test_a_new_event_form_with_errors_answers_htmx_with_the_form(editor_client, event_with_matrix):
    response = editor_client.post(
        "/events/new/", {"title": "", "slug": "bridge-closure", "status": "draft"}, **HTMX
    )
    content = response.content.decode()
    assert response.status_code == 422
    assert content.lstrip().startswith('<form id="event-form"')
    assert "Another event already uses this web address." in content
    reserved = editor_client.post("/events/new/", {"title": "X", "slug": "new", "status": "draft"})
    assert "is reserved" in reserved.content.decode()


def test_an_editor_unpublishes_an_event_without_htmx(editor_client, event_with_matrix):
    page = editor_client.get("/events/bridge-closure/edit/").content.decode()
    assert "(unpublish)" in page and 'value="Bridge closure"' in page
    response = editor_client.post(
        "/events/bridge-closure/edit/",
        {"title": "Bridge closure", "slug": "", "summary": "Now a draft.", "status": "draft"},
    )
    assert response.status_code == 302 and response["Location"] == "/events/bridge-closure/"
    event_with_matrix.refresh_from_db()
    assert (event_with_matrix.status, event_with_matrix.summary) == ("draft", "Now a draft.")


# Rows


def test_the_row_panel_is_a_page_and_an_htmx_partial(editor_client, rows):
    url = f"/events/bridge-closure/assertions/{rows[0].pk}/"
    page = editor_client.get(url).content.decode()
    assert "<html" in page and "Row 1 of 2" in page
    for label in ("Reword", "Split in two", "Merge other rows into this one", "Delete this row…"):
        assert label in page
    partial = editor_client.get(url, **HTMX).content.decode()
    assert partial.lstrip().startswith('<div id="cell-panel-content"') and "<html" not in partial


def test_rewording_with_htmx_refreshes_the_matrix(editor_client, rows):
    response = editor_client.post(
        f"/events/bridge-closure/assertions/{rows[1].pk}/", {"text": "No one was hurt."}, **HTMX
    )
    assert response.status_code == 200
    assert json.loads(response["HX-Trigger"]) == {"matrix-changed": {}}
    assert "Saved the wording" in response.content.decode()
    rows[1].refresh_from_db()
    assert rows[1].text == "No one was hurt."


def test_a_too_short_wording_is_refused_in_place(editor_client, rows):
    response = editor_client.post(
        f"/events/bridge-closure/assertions/{rows[1].pk}/", {"text": "x"}, **HTMX
    )
    assert response.status_code == 422
    assert "Write the claim as a short sentence." in response.content.decode()


def test_merging_through_the_page_and_undoing_it_from_the_history(editor_client, rows):
    first, second = rows
    response = editor_client.post(
        f"/events/bridge-closure/assertions/{first.pk}/merge/",
        {"others": [second.pk], "wording": str(second.pk)},
    )
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.text == "Nobody was injured." and first.event.assertions.count() == 1
    merge = Revision.objects.get(action="merge")
    history = editor_client.get("/events/bridge-closure/history/").content.decode()
    assert "Undo merge" in history and merge.summary in history
    undone = editor_client.post(f"/events/bridge-closure/history/{merge.pk}/undo/", **HTMX)
    assert undone.status_code == 200
    assert json.loads(undone["HX-Trigger"]) == {"matrix-changed": {}}
    content = undone.content.decode()
    assert content.lstrip().startswith('<div id="history"') and "undone" in content
    assert [row.text for row in first.event.assertions.order_by("position")] == [
        "The bridge closed on Monday.",
        "Nobody was injured.",
    ]


def test_an_unsafe_undo_is_refused_with_a_message(editor_client, editor, rows):
    first, second = rows
    merge = services.merge_assertions(survivor=first, others=[second], text=first.text, user=editor)
    services.edit_assertion(assertion=first, text="Changed after the merge.", user=editor)
    response = editor_client.post(f"/events/bridge-closure/history/{merge.pk}/undo/", **HTMX)
    assert response.status_code == 409
    assert "changed after the merge" in response.content.decode()
    plain = editor_client.post(f"/events/bridge-closure/history/{merge.pk}/undo/", follow=True)
    assert "changed after the merge" in plain.content.decode()


def test_a_merge_without_a_ticked_row_is_refused(editor_client, rows):
    response = editor_client.post(
        f"/events/bridge-closure/assertions/{rows[0].pk}/merge/",
        {"wording": str(rows[0].pk)},
        **HTMX,
    )
    assert response.status_code == 422
    assert "Tick at least one row" in response.content.decode()


def test_splitting_and_moving_with_htmx(editor_client, rows):
    split = editor_client.post(
        f"/events/bridge-closure/assertions/{rows[0].pk}/split/",
        {"first": "The bridge closed.", "second": "It was Monday."},
        **HTMX,
    )
    assert split.status_code == 200 and "Split in two." in split.content.decode()
    moved = editor_client.post(
        f"/events/bridge-closure/assertions/{rows[1].pk}/move/", {"position": "1"}, **HTMX
    )
    assert moved.status_code == 200 and "Row 1 of 3" in moved.content.decode()
    texts = list(rows[0].event.assertions.order_by("position").values_list("text", flat=True))
    assert texts == ["Nobody was injured.", "The bridge closed.", "It was Monday."]


def test_deleting_asks_first_then_can_be_restored(editor_client, rows):
    url = f"/events/bridge-closure/assertions/{rows[1].pk}/delete/"
    confirm = editor_client.get(url, **HTMX).content.decode()
    assert confirm.lstrip().startswith('<div id="cell-panel-content"')
    assert "Delete the row" in confirm and "3 cells" in confirm
    assert "Delete the row" in editor_client.get(url).content.decode()
    deleted = editor_client.post(url, **HTMX)
    assert deleted.status_code == 200 and "Restore it" in deleted.content.decode()
    revision = Revision.objects.get(action="delete")
    restored = editor_client.post(f"/events/bridge-closure/history/{revision.pk}/undo/")
    assert restored.status_code == 302
    assert rows[1].event.assertions.filter(pk=rows[1].pk).exists()


# History


def test_histories_as_pages_and_partials(client, editor, rows):
    services.edit_assertion(assertion=rows[0], text="The bridge shut on Monday.", user=editor)
    for url in (
        "/events/bridge-closure/history/",
        f"/events/bridge-closure/assertions/{rows[0].pk}/history/",
    ):
        page = client.get(url).content.decode()
        assert "<html" in page and "Reworded" in page and "alice" in page
        assert "Undo" not in page
        partial = client.get(url, **HTMX).content.decode()
        assert partial.lstrip().startswith('<div id="history"') and "<html" not in partial


def test_a_cell_shows_its_history(client, editor, event_with_matrix, rows):
    article = event_with_matrix.articles.get(url="https://planet.example/2")
    services.set_stance(
        stance=cell(rows[0], article),
        label="contradict",
        hedged=False,
        evidence=article.sentences.get(index=1),
        user=editor,
    )
    content = client.get(
        f"/events/bridge-closure/cells/{rows[0].pk}/daily-planet/"
    ).content.decode()
    assert "History of this cell (2)" in content
    assert "Daily Planet: silent → contradicts" in content


# Two editors on one cell


def _cell_form(stance, **fields) -> dict[str, str]:
    values = {"label": "silent", "hedged": "", "evidence": "", "note": "", **fields}
    return {f"stance-{stance.pk}-{name}": value for name, value in values.items()}


def test_a_form_opened_before_someone_else_s_correction_shows_what_changed(
    editor_client, other_editor, event_with_matrix, rows
):
    planet = event_with_matrix.articles.get(url="https://planet.example/1")
    stance = cell(rows[0], planet)
    panel = editor_client.get(f"/events/bridge-closure/cells/{rows[0].pk}/daily-planet/")
    opened_on = services.stance_version(stance)
    assert f'value="{opened_on}"' in panel.content.decode()
    event_with_matrix.editors.add(other_editor)
    services.set_stance(
        stance=stance,
        label="contradict",
        hedged=False,
        evidence=planet.sentences.get(index=1),
        user=other_editor,
    )

    response = editor_client.post(
        f"/events/bridge-closure/stances/{stance.pk}/",
        _cell_form(stance, version=opened_on),
        **HTMX,
    )

    assert response.status_code == 409
    content = response.content.decode()
    assert "carol changed this cell while you had it open" in content
    assert "<strong>Stance</strong>: Agrees" in content and "Contradicts" in content
    stance.refresh_from_db()
    assert stance.label == "contradict"
    # The form keeps the person's choice, now on top of the newer cell: saving again
    # is a decision to replace it.
    assert f'value="{services.stance_version(stance)}"' in content
    again = editor_client.post(
        f"/events/bridge-closure/stances/{stance.pk}/",
        _cell_form(stance, version=services.stance_version(stance)),
        **HTMX,
    )
    assert again.status_code == 200
    stance.refresh_from_db()
    assert stance.label == "silent"


def test_a_cell_correction_is_undone_from_the_event_s_history(editor_client, editor, rows):
    stance = rows[1].stances.order_by("pk").first()
    services.set_stance(stance=stance, label="silent", hedged=False, evidence=None, user=editor)
    history = editor_client.get("/events/bridge-closure/history/").content.decode()
    assert "Undo this correction" in history
    correction = Revision.objects.filter(action="set_cell").latest("pk")

    undone = editor_client.post(f"/events/bridge-closure/history/{correction.pk}/undo/", **HTMX)

    assert undone.status_code == 200
    assert "Undid the correction of" in undone.content.decode()
    stance.refresh_from_db()
    assert stance.origin == "machine"
