"""Shared fixtures: named users of each access level and small builders."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.utils.text import slugify

from coverage import services
from coverage.management.commands.demo import ensure_editors_group
from coverage.models import Article, Assertion, Event, Outlet, Stance


def make_event(*, title: str = "Bridge closure", slug: str = "bridge-closure", **fields) -> Event:
    fields.setdefault("status", Event.Status.PUBLISHED)
    return Event.objects.create(title=title, slug=slug, **fields)


def make_outlet(name: str = "Daily Planet", **fields) -> Outlet:
    fields.setdefault("slug", slugify(name))
    return Outlet.objects.create(name=name, **fields)


def make_article(
    event: Event,
    outlet: Outlet,
    text: str = "The bridge closed on Monday. Officials said repairs take a week.",
    **fields,
) -> Article:
    fields.setdefault("title", f"{outlet.name} on {event.title}")
    return services.add_article(event=event, outlet=outlet, text=text, **fields)


def make_assertion(event: Event, text: str = "The bridge closed on Monday.") -> Assertion:
    return services.add_assertion(event=event, text=text)


def cell(assertion: Assertion, article: Article) -> Stance:
    return Stance.objects.get(assertion=assertion, article=article)


@pytest.fixture
def editor(db) -> User:
    user = User.objects.create_user("alice", password="correct horse battery")
    user.groups.add(ensure_editors_group())
    return user


@pytest.fixture
def reader(db) -> User:
    """A logged-in user with no editing rights."""
    return User.objects.create_user("bob", password="correct horse battery")


@pytest.fixture
def event_with_matrix(db) -> Event:
    """Two outlets, three articles (one outlet has two), two assertions."""
    event = make_event()
    planet = make_outlet("Daily Planet")
    bugle = make_outlet("The Bugle")
    first = make_article(event, planet, url="https://planet.example/1")
    second = make_article(
        event,
        planet,
        text="A follow-up. The bridge reopened early.",
        url="https://planet.example/2",
    )
    bugle_article = make_article(
        event, bugle, text="Reportedly the bridge shut on Monday. No one was hurt."
    )
    closed = make_assertion(event, "The bridge closed on Monday.")
    make_assertion(event, "Nobody was injured.")
    services.set_stance(
        stance=cell(closed, first),
        label="agree",
        hedged=False,
        evidence=first.sentences.get(index=0),
    )
    services.set_stance(
        stance=cell(closed, bugle_article),
        label="agree",
        hedged=True,
        evidence=bugle_article.sentences.get(index=0),
    )
    assert second.sentences.count() == 2
    return event
