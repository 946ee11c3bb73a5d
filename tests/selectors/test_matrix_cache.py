"""The cached matrix page: never stale after a write, the same for every reader's view.

Each write test renders the page (so it is cached), writes through the product's
own code path, and renders again: the change must show on the very next request.
"""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import Permission

from coverage import runs, services
from coverage.analysis.pipeline import AnalysisResult, AssertionResult, CellResult
from coverage.models import Article, Outlet, Revision
from coverage.selectors import matrix_cache
from tests.conftest import cell, make_article, make_outlet

pytestmark = pytest.mark.django_db

URL = "/events/bridge-closure/"


@pytest.fixture(autouse=True)
def _cold_cache():
    matrix_cache.clear()


def matrix(client, query: str = "") -> str:
    """The matrix fragment htmx swaps in: the whole grid, without the CSRF token."""
    response = client.get(f"{URL}{query}", headers={"HX-Request": "true"})
    assert response.status_code == 200
    return response.content.decode()


def row_texts(html: str) -> list[str]:
    return [text.strip() for text in re.findall(r'<span class="claim-text">([^<]*)', html)]


def test_it_serves_a_repeat_view_from_the_cache_in_three_queries(
    client, event_with_matrix, django_assert_num_queries
):
    first = matrix(client)
    # 1 the event, 2 its data version, 3 the latest analysis run: no matrix queries.
    with django_assert_num_queries(3):
        again = matrix(client)
    assert again == first
    matrix_cache.clear()
    assert matrix(client) == first


def test_it_shows_a_corrected_cell(client, event_with_matrix, editor):
    assertion = event_with_matrix.assertions.get(text="Nobody was injured.")
    bugle = event_with_matrix.articles.get(outlet__name="The Bugle")
    assert "cell-contradict" not in matrix(client)
    services.set_stance(
        stance=cell(assertion, bugle),
        label="contradict",
        hedged=False,
        evidence=bugle.sentences.get(index=1),
        user=editor,
    )
    assert "cell-contradict" in matrix(client)


def test_it_shows_an_edited_added_and_deleted_row(client, event_with_matrix, editor):
    assertion = event_with_matrix.assertions.get(text="Nobody was injured.")
    matrix(client)
    services.edit_assertion(assertion=assertion, text="Two people were hurt.", user=editor)
    assert row_texts(matrix(client)) == ["The bridge closed on Monday.", "Two people were hurt."]
    added = services.add_assertion(event=event_with_matrix, text="It rained.", user=editor)
    assert row_texts(matrix(client))[-1] == "It rained."
    services.delete_assertion(assertion=added, user=editor)
    assert "It rained." not in row_texts(matrix(client))


def test_it_shows_rows_moved_merged_split_and_restored(client, event_with_matrix, editor):
    closed, injured = event_with_matrix.assertions.order_by("position")
    matrix(client)
    services.move_assertion(assertion=injured, position=0, user=editor)
    assert row_texts(matrix(client)) == ["Nobody was injured.", "The bridge closed on Monday."]

    services.split_assertion(
        assertion=closed, first_text="The bridge closed.", second_text="It was Monday.", user=editor
    )
    assert row_texts(matrix(client)) == [
        "Nobody was injured.",
        "The bridge closed.",
        "It was Monday.",
    ]

    monday = event_with_matrix.assertions.get(text="It was Monday.")
    merge = services.merge_assertions(
        survivor=closed, others=[monday], text="The bridge closed on Monday.", user=editor
    )
    assert row_texts(matrix(client)) == ["Nobody was injured.", "The bridge closed on Monday."]

    services.undo_revision(revision=merge, user=editor)
    assert "It was Monday." in row_texts(matrix(client))

    deletion = services.delete_assertion(assertion=injured, user=editor)
    assert "Nobody was injured." not in row_texts(matrix(client))
    services.undo_revision(revision=deletion, user=editor)
    assert "Nobody was injured." in row_texts(matrix(client))
    assert Revision.objects.filter(action=Revision.Action.UNDO).count() == 2


def test_it_shows_articles_added_edited_and_removed(client, event_with_matrix):
    assert "The Courier" not in matrix(client)
    courier = make_outlet("The Courier")
    article = services.add_article(
        event=event_with_matrix, outlet=courier, title="Bridge shut", text="The bridge shut."
    )
    assert "The Courier" in matrix(client)
    # Articles have no updated_at; saving one moves its event's version.
    article.title = "Bridge shut for a week"
    article.save()
    assert "Bridge shut for a week" in matrix(client)
    Article.objects.filter(pk=article.pk).delete()
    assert "The Courier" not in matrix(client)


def test_it_shows_an_outlet_renamed_on_its_edit_page(client, event_with_matrix, editor):
    editor.user_permissions.add(Permission.objects.get(codename="change_outlet"))
    bugle = Outlet.objects.get(name="The Bugle")
    assert "The Bugle" in matrix(client)
    client.force_login(editor)
    response = client.post(
        f"/outlets/{bugle.slug}/edit/",
        {
            "name": "The Evening Bugle",
            "homepage": "",
            "country": "",
            "language": "",
            "ownership_kind": "unknown",
        },
    )
    assert response.status_code == 302, response.content.decode()[:500]
    assert "The Evening Bugle" in matrix(client)


def test_it_follows_an_outlet_saved_anywhere_and_an_edited_event(client, event_with_matrix):
    matrix(client)
    # The admin and the shell save outlets directly; slugs are in every cell's link.
    bugle = Outlet.objects.get(name="The Bugle")
    bugle.slug = "bugle-news"
    bugle.save()
    assert "/bugle-news/" in matrix(client)
    services.update_event(
        event=event_with_matrix,
        title=event_with_matrix.title,
        slug="bridge-closure-2026",
        summary="",
        date=None,
        status=event_with_matrix.status,
    )
    # Every link of the grid starts with the event's address.
    response = client.get("/events/bridge-closure-2026/", headers={"HX-Request": "true"})
    assert "/events/bridge-closure-2026/cells/" in response.content.decode()
    assert "/events/bridge-closure/cells/" not in response.content.decode()


def test_it_shows_a_new_analysis(client, event_with_matrix):
    planet = event_with_matrix.articles.filter(outlet__name="Daily Planet").first()

    def analyse(order: list[str]) -> None:
        runs.store_result(
            event_with_matrix,
            AnalysisResult(
                assertions=tuple(
                    AssertionResult(
                        text=text,
                        position=position,
                        cells=(
                            CellResult(
                                article_key=str(planet.pk),
                                label="silent",
                                hedged=False,
                                evidence_start=None,
                                evidence_end=None,
                                evidence_text=None,
                                confidence=0.9,
                                attributed_to=None,
                                cues=(),
                            ),
                        ),
                    )
                    for position, text in enumerate(order)
                ),
                warnings=(),
            ),
        )

    # Rows the analysis found come first; the fixture's rows, made by people, follow.
    analyse(["Repairs take a week.", "Ferries run hourly."])
    assert row_texts(matrix(client))[:2] == ["Repairs take a week.", "Ferries run hourly."]
    analyse(["Ferries run hourly.", "Repairs take a week."])
    assert row_texts(matrix(client))[:2] == ["Ferries run hourly.", "Repairs take a week."]


def test_blind_views_never_borrow_names_from_other_cached_views(client, event_with_matrix):
    named = matrix(client)
    assert "The Bugle" in named
    blind = matrix(client, "?blind=1")
    assert "The Bugle" not in blind and "Daily Planet" not in blind
    assert "Outlet A" in blind
    revealed = matrix(client, "?blind=1&reveal=all")
    assert "The Bugle" in revealed
    # Each from the cache now, still apart.
    assert matrix(client, "?blind=1") == blind
    assert matrix(client) == named
    assert "The Bugle" not in matrix(client, "?blind=1&projector=1")


def test_editing_rights_are_the_readers_own_not_the_cached_pages(
    client, event_with_matrix, editor, reader
):
    client.force_login(editor)
    assert ">Edit<span" in matrix(client)
    client.force_login(reader)
    assert ">Edit<span" not in matrix(client)
    assert "Add articles" not in client.get(URL).content.decode()
    client.force_login(editor)
    assert "Add articles" in client.get(URL).content.decode()


def test_the_version_changes_with_every_kind_of_write(event_with_matrix, editor):
    """The data version itself, without the page: each write moves it."""
    seen = {matrix_cache.data_version(event_with_matrix)}

    def moved() -> bool:
        version = matrix_cache.data_version(event_with_matrix)
        new = version not in seen
        seen.add(version)
        return new

    assert not moved()
    injured = event_with_matrix.assertions.get(text="Nobody was injured.")
    services.move_assertion(assertion=injured, position=0, user=editor)
    assert moved()
    planet = Outlet.objects.get(name="Daily Planet")
    planet.name = "The Daily Planet"
    planet.save()
    assert moved()
    # A cell saved outside the curation services, as the admin does.
    stance = cell(injured, event_with_matrix.articles.first())
    stance.label = "contradict"
    stance.save()
    assert moved()
    # An outlet in no article of this event leaves it alone.
    make_outlet("Unrelated Times").save()
    assert not moved()
    make_article(event_with_matrix, make_outlet("The Courier"), url="https://courier.example/1")
    assert moved()


def test_it_forgets_the_pages_of_older_versions(client, event_with_matrix, editor):
    """Each kept page holds its matrix; old ones must not pile up while people edit."""
    matrix(client)
    matrix(client, "?blind=1")
    assert len(matrix_cache._pages._items) == 2
    injured = event_with_matrix.assertions.get(text="Nobody was injured.")
    services.edit_assertion(assertion=injured, text="Two people were hurt.", user=editor)
    matrix(client)
    assert len(matrix_cache._pages._items) == 1
