"""The analyse command and the background worker, on the real seed articles and models."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django_tasks_db.models import DBTaskResult

from coverage import runs, services, tasks
from coverage.models import AnalysisRun, Event, Origin, Stance

SEED_FIXTURE = Path(__file__).resolve().parents[2] / "coverage/fixtures/demo/seed_event.json"


def import_seed_articles() -> Event:
    """The seed articles as a new event with an empty matrix."""
    fixture = json.loads(SEED_FIXTURE.read_text(encoding="utf-8"))
    return services.import_event(
        {
            "title": "Seed articles",
            "slug": "seed",
            "articles": [
                {"outlet": a["outlet"], "title": a["title"], "text": a["text"]}
                for a in fixture["articles"]
            ],
        }
    )


def analyse(slug: str) -> str:
    out = StringIO()
    call_command("analyse", slug, stdout=out, stderr=StringIO())
    return out.getvalue()


def cells_by_outlet(event: Event, *keywords: str) -> dict[str, tuple[str, bool]]:
    rows = [
        assertion
        for assertion in event.assertions.prefetch_related("stances__article__outlet")
        if all(keyword.lower() in assertion.text.lower() for keyword in keywords)
    ]
    assert rows, f"no row mentions {keywords}"
    return {
        stance.article.outlet.name: (stance.label, stance.hedged)
        for stance in rows[0].stances.all()
    }


@pytest.mark.django_db
def test_it_fills_the_matrix_of_the_seed_articles():
    event = import_seed_articles()
    output = analyse("seed")
    assert output.startswith("Found ")
    run = event.analysis_runs.get()
    assert (run.status, run.progress) == (AnalysisRun.Status.SUCCEEDED, 100)
    assert event.assertions.filter(origin=Origin.MACHINE).count() >= 10
    agreeing = Stance.objects.filter(assertion__event=event, label="agree")
    assert agreeing.exists()
    for stance in agreeing.select_related("evidence", "article"):
        assert stance.evidence is not None
        assert stance.article.text[stance.evidence.start : stance.evidence.end] == (
            stance.evidence.text
        )
    assert cells_by_outlet(event, "250")["phnotes.com"] == ("silent", False)


@pytest.mark.django_db
def test_rerunning_gives_the_same_matrix_and_keeps_human_cells():
    event = import_seed_articles()
    analyse("seed")
    snapshot = list(
        Stance.objects.filter(assertion__event=event)
        .order_by("pk")
        .values_list("pk", "assertion__text", "label", "hedged", "evidence_id")
    )
    corrected = Stance.objects.filter(assertion__event=event, label="silent").first()
    services.set_stance(stance=corrected, label="silent", hedged=False, evidence=None, note="ok")
    human_row = services.add_assertion(event=event, text="A claim a teacher added.")

    analyse("seed")

    after = list(
        Stance.objects.filter(assertion__event=event)
        .exclude(assertion=human_row)
        .order_by("pk")
        .values_list("pk", "assertion__text", "label", "hedged", "evidence_id")
    )
    assert after == snapshot
    corrected.refresh_from_db()
    assert (corrected.origin, corrected.note) == (Origin.HUMAN, "ok")
    assert event.assertions.filter(pk=human_row.pk).exists()


@pytest.mark.django_db
def test_unknown_events_and_running_analyses_are_refused_clearly():
    with pytest.raises(CommandError, match="No event with the slug 'nope'"):
        analyse("nope")
    event = import_seed_articles()
    runs.request_analysis(event=event)
    with pytest.raises(CommandError, match="already queued or running"):
        analyse("seed")


@pytest.mark.django_db(transaction=True)
def test_the_worker_runs_a_queued_analysis():
    event = import_seed_articles()
    run = runs.request_analysis(event=event)
    result = tasks.analyse_event.enqueue(run.pk)

    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)

    run.refresh_from_db()
    assert run.status == AnalysisRun.Status.SUCCEEDED, run.message
    assert run.started_at is not None and run.finished_at >= run.started_at
    assert DBTaskResult.objects.get(id=result.id).status == "SUCCESSFUL"
    assert event.assertions.count() >= 10
