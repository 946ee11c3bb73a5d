from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction

from coverage.models import Article, Event, Outlet, Sentence, Stance
from tests.conftest import make_article, make_assertion, make_event, make_outlet


def test_it_names_every_model(event_with_matrix):
    event = event_with_matrix
    article = event.articles.select_related("outlet").first()
    assertion = event.assertions.first()
    stance = Stance.objects.select_related("article__outlet", "assertion").first()
    assert str(event) == "Bridge closure"
    assert str(article.outlet) == "Daily Planet"
    assert str(article) == f"Daily Planet: {article.title}"
    assert str(article.sentences.first()) == "The bridge closed on Monday."
    assert str(assertion) == "The bridge closed on Monday."
    assert str(stance).startswith("Daily Planet agrees: ")


def test_it_links_events_and_articles(event_with_matrix):
    article = event_with_matrix.articles.first()
    assert event_with_matrix.get_absolute_url() == "/events/bridge-closure/"
    assert article.get_absolute_url() == f"/events/bridge-closure/articles/{article.pk}/"


@pytest.mark.django_db
def test_event_slugs_are_unique():
    make_event(slug="same")
    with pytest.raises(IntegrityError):
        make_event(title="Other", slug="same")


@pytest.mark.django_db
def test_outlet_names_are_unique_ignoring_case():
    make_outlet("Daily Planet")
    with pytest.raises(IntegrityError):
        Outlet.objects.create(name="daily planet", slug="other-slug")


@pytest.mark.django_db
def test_an_article_url_appears_once_per_event_but_blank_urls_may_repeat():
    event = make_event()
    outlet = make_outlet()
    Article.objects.create(
        event=event, outlet=outlet, title="a", text="x", url="https://a.example/1"
    )
    Article.objects.create(event=event, outlet=outlet, title="b", text="x")
    Article.objects.create(event=event, outlet=outlet, title="c", text="x")
    other_event = make_event(title="Other", slug="other")
    Article.objects.create(
        event=other_event, outlet=outlet, title="a", text="x", url="https://a.example/1"
    )
    with pytest.raises(IntegrityError):
        Article.objects.create(
            event=event, outlet=outlet, title="d", text="x", url="https://a.example/1"
        )


def test_one_stance_per_assertion_and_article(event_with_matrix):
    stance = Stance.objects.first()
    with pytest.raises(IntegrityError):
        Stance.objects.create(assertion=stance.assertion, article=stance.article)


def test_silent_cells_have_no_evidence_and_no_hedge(event_with_matrix):
    stance = Stance.objects.exclude(evidence=None).first()
    with transaction.atomic(), pytest.raises(IntegrityError):
        Stance.objects.filter(pk=stance.pk).update(label="silent")
    with transaction.atomic(), pytest.raises(IntegrityError):
        Stance.objects.filter(evidence=None).update(hedged=True)


def test_confidence_stays_between_zero_and_one(event_with_matrix):
    with pytest.raises(IntegrityError):
        Stance.objects.update(confidence=1.5)


def test_sentence_spans_are_not_empty(event_with_matrix):
    article = event_with_matrix.articles.first()
    with pytest.raises(IntegrityError):
        Sentence.objects.create(article=article, index=99, start=5, end=5, text="")


@pytest.mark.django_db
def test_published_and_search_filter_events():
    bridge = make_event(title="Bridge closure in Port Averly", slug="bridge", summary="Traffic.")
    make_event(title="Harbour strike", slug="strike", status=Event.Status.DRAFT)
    assert list(Event.objects.published()) == [bridge]
    assert list(Event.objects.search("averly traffic")) == [bridge]
    assert list(Event.objects.search("bridge strike")) == []


@pytest.mark.django_db
def test_outlets_cannot_be_deleted_while_they_have_articles():
    event = make_event()
    outlet = make_outlet()
    make_article(event, outlet)
    with pytest.raises(IntegrityError):
        outlet.delete()


@pytest.mark.django_db
def test_new_rows_and_articles_get_a_silent_cell_for_every_pair():
    event = make_event()
    outlet = make_outlet()
    make_article(event, outlet)
    make_assertion(event)
    make_article(event, outlet, text="Second article.")
    make_assertion(event, "Another claim.")
    assert Stance.objects.count() == 4
    assert set(Stance.objects.values_list("label", flat=True)) == {"silent"}
