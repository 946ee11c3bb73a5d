"""The classroom page, the printable worksheet and its answer key."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.urls import reverse

from coverage.models import Article, Event, Stance
from tests.conftest import make_article, make_assertion, make_event, make_outlet

HTMX = {"HX-Request": "true"}


def classroom_url(event: Event) -> str:
    return reverse("event_classroom", args=[event.slug])


def worksheet_url(event: Event) -> str:
    return reverse("event_worksheet", args=[event.slug])


def answers_url(event: Event) -> str:
    return reverse("event_worksheet_answers", args=[event.slug])


def test_it_shows_the_lesson_with_its_materials_and_blind_prompts(client, event_with_matrix):
    event = event_with_matrix

    response = client.get(classroom_url(event))

    assert response.status_code == 200
    page = response.content.decode()
    assert "Running the lesson" in page
    assert f'href="/events/{event.slug}/?blind=1&amp;projector=1"' in page
    assert f'href="{worksheet_url(event)}"' in page
    assert f'href="{answers_url(event)}"' in page
    assert "You will be asked to log in" in page
    assert "Everyone agrees, claim 1:" in page
    assert "Every outlet reports this." in page
    assert "Outlet A" in page and "Outlet B" in page
    for name in ("Daily Planet", "The Bugle"):
        assert name not in page


def test_it_names_the_outlets_in_the_prompts_on_request_in_a_partial(client, event_with_matrix):
    response = client.get(classroom_url(event_with_matrix), {"names": "1"}, headers=HTMX)

    assert response.status_code == 200
    page = response.content.decode()
    assert page.lstrip().startswith('<section id="prompts"')
    assert "<html" not in page and "Running the lesson" not in page
    assert "Daily Planet" in page and "The Bugle" in page
    assert "Hide names behind letters" in page


def test_it_explains_an_event_with_nothing_to_teach_yet(client, db):
    event = make_event(slug="empty", title="Empty event")

    classroom = client.get(classroom_url(event)).content.decode()
    worksheet = client.get(worksheet_url(event)).content.decode()

    assert "This event has no articles yet" in classroom
    assert "Prompts appear once the event has claims." in classroom
    assert "This event has no articles yet, so there is nothing to compare." in worksheet


def test_it_warns_that_one_outlet_makes_a_thin_lesson(client, db):
    event = make_event()
    make_article(event, make_outlet("Daily Planet"))
    make_assertion(event)

    page = client.get(classroom_url(event)).content.decode()

    assert "Only one outlet covers this event so far." in page


def test_it_prints_a_blind_worksheet_without_names_addresses_or_authors(client, event_with_matrix):
    event = event_with_matrix
    Article.objects.filter(event=event).update(author="Clark Kent")

    response = client.get(worksheet_url(event))

    assert response.status_code == 200
    page = response.content.decode()
    assert "Who reports what?" in page
    assert page.count('class="tick-box"') == 2 * 2 * 4, "two rows, two outlets, four boxes"
    assert "The bridge closed on Monday." in page and "Nobody was injured." in page
    assert '<th scope="col" class="sheet-outlet">Outlet A</th>' in page
    assert "Discussion questions" in page and "The articles" in page
    assert "A follow-up. The bridge reopened early." in page, "the appendix has the texts"
    assert "data-print hidden" in page and "use your browser’s Print command" in page
    for leak in ("Daily Planet", "The Bugle", "daily-planet", "planet.example", "Clark Kent"):
        assert leak not in page
    assert f'href="{answers_url(event)}"' in page


def test_it_shows_names_addresses_and_authors_when_asked(client, event_with_matrix):
    Article.objects.filter(event=event_with_matrix).update(author="Clark Kent")

    page = client.get(worksheet_url(event_with_matrix), {"names": "1"}).content.decode()

    assert '<th scope="col" class="sheet-outlet">Daily Planet</th>' in page
    assert "https://planet.example/2" in page and "Clark Kent" in page
    assert f'href="{answers_url(event_with_matrix)}?names=1"' in page


@pytest.mark.parametrize("names", ["0", "", "banana", "1; DROP TABLE"])
def test_it_stays_blind_unless_names_are_plainly_asked_for(client, event_with_matrix, names):
    response = client.get(worksheet_url(event_with_matrix), {"names": names})

    assert response.status_code == 200
    assert "Daily Planet" not in response.content.decode()


def test_it_swaps_only_the_sheet_for_htmx(client, event_with_matrix):
    response = client.get(worksheet_url(event_with_matrix), {"names": "1"}, headers=HTMX)

    page = response.content.decode()
    assert page.lstrip().startswith('<article id="sheet"')
    assert "<html" not in page and "data-print" not in page
    assert "Daily Planet" in page


def test_it_loads_the_worksheet_in_a_fixed_number_of_queries(
    client, event_with_matrix, django_assert_num_queries
):
    """Prevents an n+1: more outlets and articles cost no more queries."""
    event = event_with_matrix
    for name in ("Morning Star", "Evening Post", "Weekly World", "Sunday Sun"):
        outlet = make_outlet(name)
        make_article(event, outlet, url=f"https://{outlet.slug}.example/1")
        make_article(event, outlet, url=f"https://{outlet.slug}.example/2")

    # The event, then the matrix: articles with outlets, assertions, stances with evidence,
    # and its counts for the prompts (one cache read).
    with django_assert_num_queries(5):
        response = client.get(worksheet_url(event))
    page = response.content.decode()
    assert page.count('class="sheet-article"') == 11
    assert "sheet-wide" in page, "six outlets print on landscape paper"


def test_the_answer_key_asks_the_teacher_to_check_the_analysiss_contradictions(
    reader_client, event_with_matrix
):
    key = answers_url(event_with_matrix)
    assert "Check before class" not in reader_client.get(key).content.decode()
    stance = Stance.objects.filter(
        assertion__event=event_with_matrix, assertion__text="Nobody was injured."
    ).first()
    stance.label, stance.origin = "contradict", "machine"
    stance.evidence = stance.article.sentences.first()
    stance.save()

    page = reader_client.get(key).content.decode()

    assert "1 row holds a contradiction that the analysis found" in page
    assert f'href="{event_with_matrix.get_absolute_url()}?show=unchecked"' in page
    student = reader_client.get(worksheet_url(event_with_matrix)).content.decode()
    assert "Check before class" not in student


def test_it_keeps_the_answer_key_behind_a_login(client, event_with_matrix):
    url = answers_url(event_with_matrix)

    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next={url}"


def test_it_fills_the_answer_key_with_states_evidence_and_who_is_who(
    reader_client, event_with_matrix, django_assert_num_queries
):
    # Session and user, the event, then the matrix's three queries and its counts.
    with django_assert_num_queries(7):
        response = reader_client.get(answers_url(event_with_matrix))

    assert response.status_code == 200
    page = response.content.decode()
    assert "Answer key: for the teacher, not for students" in page
    assert 'class="tick-box"' not in page and "The articles" not in page
    assert page.count("sheet-answer sheet-answer-agree") == 2
    assert page.count("sheet-answer sheet-answer-silent") == 2
    assert "≈</span> hedged" in page
    assert "<q>Reportedly the bridge shut on Monday.</q>" in page
    assert "<q>The bridge closed on Monday.</q>" in page
    key = page[page.index("Who is who") :]
    assert "<dt>Outlet A</dt>" in key and "<dt>Outlet B</dt>" in key
    assert "Daily Planet" in key and "The Bugle" in key
    assert "Daily Planet" not in page[: page.index("Who is who")], "blind until the reveal"


def test_it_keeps_the_key_to_itself_in_blind_mode_and_links_stay_blind(
    reader_client, event_with_matrix
):
    page = reader_client.get(answers_url(event_with_matrix), {"blind": "on"}).content.decode()

    assert "Who is who" not in page
    assert "Daily Planet" not in page and "The Bugle" not in page
    assert f'href="{worksheet_url(event_with_matrix)}?blind=1"' in page
    lesson = reader_client.get(classroom_url(event_with_matrix), {"blind": "1"}).content.decode()
    assert f'href="{answers_url(event_with_matrix)}?blind=1"' in lesson


def test_it_hides_drafts_from_outsiders_on_every_classroom_page(
    client, reader_client, event_with_matrix, editor
):
    event = event_with_matrix
    event.status = Event.Status.DRAFT
    event.save()

    for url in (classroom_url(event), worksheet_url(event)):
        assert client.get(url).status_code == 404
    for url in (classroom_url(event), worksheet_url(event), answers_url(event)):
        assert reader_client.get(url).status_code == 404
    reader_client.force_login(editor)
    for url in (classroom_url(event), worksheet_url(event), answers_url(event)):
        assert reader_client.get(url).status_code == 200


def test_it_refuses_to_change_anything(client, reader_client, event_with_matrix):
    assert client.post(worksheet_url(event_with_matrix)).status_code == 405
    assert client.post(classroom_url(event_with_matrix)).status_code == 405
    assert reader_client.post(answers_url(event_with_matrix)).status_code == 405


def test_it_links_the_classroom_and_worksheet_from_the_event_page(client, event_with_matrix):
    page = client.get(event_with_matrix.get_absolute_url()).content.decode()

    assert f'href="{classroom_url(event_with_matrix)}"' in page
    assert f'href="{worksheet_url(event_with_matrix)}"' in page


def test_it_keeps_the_demo_outlets_anonymous_on_the_fictional_worksheet(client, db):
    call_command("demo", verbosity=0)
    event = Event.objects.get(slug="port-averly-bridge-closure")
    outlets = {article.outlet for article in event.articles.select_related("outlet")}

    blind = client.get(worksheet_url(event)).content.decode()
    named = client.get(worksheet_url(event), {"names": "1"}).content.decode()

    assert blind.count('class="sheet-article"') == 5
    for outlet in outlets:
        domain = outlet.homepage.removeprefix("https://")
        assert outlet.name not in blind and domain not in blind
        assert outlet.name in named
    assert "(VSNA)" not in blind and "(VSNA)" in named
    assert "Dana Okafor" not in blind and "Dana Okafor" in named
