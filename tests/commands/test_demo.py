from __future__ import annotations

from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command

from coverage.models import Event, Stance

pytestmark = pytest.mark.django_db

SEED = "ukraine-idlib-training-reports"
FICTIONAL = "port-averly-bridge-closure"


def run_demo(*args: str) -> str:
    out = StringIO()
    call_command("demo", *args, stdout=out)
    return out.getvalue()


def outlet_labels(event: Event, keyword: str) -> dict[str, tuple[str, bool]]:
    assertion = event.assertions.get(text__icontains=keyword)
    return {
        stance.article.outlet.name: (stance.label, stance.hedged)
        for stance in assertion.stances.select_related("article__outlet")
    }


def test_it_loads_the_seed_event_with_a_curated_matrix():
    run_demo()
    event = Event.objects.get(slug=SEED)
    assert event.status == Event.Status.PUBLISHED
    assert sorted(event.articles.values_list("outlet__name", flat=True)) == [
        "TROIB News",
        "phnotes.com",
    ]
    assert event.assertions.count() >= 15
    # Claims both outlets carry, and claims only one carries.
    assert outlet_labels(event, "to operate drones") == {
        "phnotes.com": ("agree", True),
        "TROIB News": ("agree", True),
    }
    assert outlet_labels(event, "Up to 250") == {
        "phnotes.com": ("silent", False),
        "TROIB News": ("agree", True),
    }
    assert outlet_labels(event, "unit involved is the Khimik")["TROIB News"] == ("silent", False)
    for stance in Stance.objects.filter(assertion__event=event).exclude(label="silent"):
        assert stance.evidence is not None
        assert stance.evidence.text in stance.article.text


def test_the_fictional_event_says_so_and_exercises_every_cell_state():
    run_demo()
    event = Event.objects.get(slug=FICTIONAL)
    assert "fictional" in event.summary.lower()
    assert event.articles.values("outlet").distinct().count() >= 3
    states = set(
        Stance.objects.filter(assertion__event=event).values_list("label", "hedged").distinct()
    )
    assert {
        ("agree", False),
        ("agree", True),
        ("contradict", False),
        ("contradict", True),
        ("silent", False),
    } <= states


def test_it_is_idempotent_and_keeps_peoples_corrections():
    run_demo()
    counts = (Event.objects.count(), Stance.objects.count())
    edited = Stance.objects.filter(assertion__event__slug=SEED).first()
    Stance.objects.filter(pk=edited.pk).update(note="checked in class")
    output = run_demo()
    assert "Already loaded" in output
    assert (Event.objects.count(), Stance.objects.count()) == counts
    assert Stance.objects.get(pk=edited.pk).note == "checked in class"


def test_reset_reloads_the_demo_events():
    run_demo()
    Event.objects.get(slug=SEED).assertions.all().delete()
    run_demo("--reset")
    assert Event.objects.get(slug=SEED).assertions.count() >= 15


def test_it_creates_the_local_editor_once():
    run_demo("--editor", "editor:parallax-demo")
    run_demo("--editor", "editor:changed")
    editor = User.objects.get(username="editor")
    assert editor.check_password("parallax-demo")
    assert editor.has_perm("coverage.change_stance")


def test_the_local_editor_edits_the_demo_events_even_when_already_loaded():
    run_demo()
    run_demo("--editor", "editor:parallax-demo")
    editor = User.objects.get(username="editor")
    for slug in (SEED, FICTIONAL):
        event = Event.objects.get(slug=slug)
        assert event.is_editable_by(editor)
