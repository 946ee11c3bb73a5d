"""Set up and read back the fault scenarios in a database of their own.

The fault tests run the app in subprocesses against a throwaway database; this
module is what they run to seed it and to read it back, in a process whose
DATABASE_URL points at that database:

    python -m tests.fault.scenario seed --slug bridge --articles 3
    python -m tests.fault.scenario snapshot --slug bridge
    python -m tests.fault.scenario enqueue --slug bridge
    python -m tests.fault.scenario cells --slug bridge
    python -m tests.fault.scenario runs
    python -m tests.fault.scenario prepare --slug bridge
    python -m tests.fault.scenario origins --slug bridge

Each command prints one JSON document on stdout.
"""

from __future__ import annotations

import argparse
import json
import os
import sys

EDITOR_PASSWORD = "fault-tolerant horse battery"

ARTICLE_TEXTS = (
    "The Averly bridge closed on Monday after inspectors found cracks. "
    "Officials said repairs would take a week. Ferries will run every hour.",
    "Reportedly the Averly bridge shut on Monday. The city denied that repairs "
    "would take a week. No one was hurt, police said.",
    "The Averly bridge closed on Monday. Repairs will take a month, according to "
    "the contractor. Ferries will run every hour.",
    "Inspectors found cracks in the Averly bridge, which closed on Monday. "
    "The mayor said no one was hurt.",
)


def seed(slug: str, articles: int, with_editor: bool) -> dict:
    """An event with articles, a person's row, and a machine row a re-analysis drops."""
    from django.contrib.auth.models import Group, User
    from django.utils.text import slugify

    from coverage import services
    from coverage.accounts import EDITORS_GROUP
    from coverage.models import Event, Origin, Outlet

    event = Event.objects.create(
        title=f"Fault scenario {slug}", slug=slug, status=Event.Status.PUBLISHED
    )
    for number in range(articles):
        name = f"Outlet {number + 1}"
        outlet, _ = Outlet.objects.get_or_create(slug=slugify(name), defaults={"name": name})
        services.add_article(
            event=event,
            outlet=outlet,
            title=f"{name} on the bridge",
            text=ARTICLE_TEXTS[number % len(ARTICLE_TEXTS)],
        )
    services.add_assertion(event=event, text="A claim a person added by hand.")
    stale = services.add_assertion(
        event=event, text="An old machine claim nobody touched.", origin=Origin.MACHINE
    )
    result = {"event": event.pk, "stale_assertion": stale.pk}
    if with_editor:
        user, _ = User.objects.get_or_create(username="fault-editor")
        user.set_password(EDITOR_PASSWORD)
        user.save()
        user.groups.add(Group.objects.get(name=EDITORS_GROUP))
        event.editors.add(user)
        result["editor"] = user.username
    return result


def snapshot(slug: str) -> dict:
    """Every row and cell of the event, field by field, to compare before and after."""
    from coverage.models import Assertion, Event, Stance

    event = Event.objects.get(slug=slug)
    return {
        "assertions": [
            list(row)
            for row in Assertion.objects.filter(event=event)
            .order_by("pk")
            .values_list("pk", "text", "position", "origin")
        ],
        "stances": [
            list(row)
            for row in Stance.objects.filter(assertion__event=event)
            .order_by("pk")
            .values_list("pk", "assertion_id", "article_id", "label", "hedged", "evidence_id")
        ],
    }


def cells(slug: str) -> list[dict]:
    """Every cell of the event with its row's place, and the version its form carries."""
    from coverage import services
    from coverage.models import Stance

    return [
        {
            "id": stance.pk,
            "row": stance.assertion_id,
            "position": stance.assertion.position,
            "row_origin": stance.assertion.origin,
            "article": stance.article_id,
            "label": stance.label,
            "origin": stance.origin,
            "version": services.stance_version(stance),
        }
        for stance in Stance.objects.filter(assertion__event__slug=slug)
        .select_related("assertion")
        .order_by("assertion__position", "article_id")
    ]


def enqueue(slug: str) -> dict:
    """Queue an analysis as the page's Analyse button does."""
    from coverage import runs, tasks
    from coverage.models import AnalysisRun, Event

    run = runs.request_analysis(event=Event.objects.get(slug=slug))
    result = tasks.analyse_event.enqueue(run.pk)
    AnalysisRun.objects.filter(pk=run.pk).update(task_id=str(result.id))
    return {"run": run.pk, "task": str(result.id)}


def prepare(slug: str) -> dict:
    """Queue the worker's preparation of layers, copies and origins, as a page does."""
    from coverage import tasks
    from coverage.models import Event

    result = tasks.prepare_layers.enqueue(Event.objects.get(slug=slug).pk)
    return {"task": str(result.id)}


def kept_origins(slug: str) -> dict:
    """What the worker kept of the event's origins: a tracing of every row, a failure
    to trace, or nothing."""
    from django.core.cache import cache

    from coverage import independence, origins
    from coverage.models import Event

    event = Event.objects.get(slug=slug)
    kept = cache.get(independence.origins_key(event))
    rows = sorted(event.assertions.values_list("pk", flat=True))
    if isinstance(kept, origins.KeptOrigins):
        return {"kind": "traced", "rows": sorted(kept.rows), "event_rows": rows}
    if isinstance(kept, origins.TracingFailure):
        return {"kind": "failure", "message": kept.message, "event_rows": rows}
    return {"kind": None, "event_rows": rows}


def task_status(task_id: str) -> dict:
    from django_tasks_db.models import DBTaskResult

    task = DBTaskResult.objects.get(pk=task_id)
    return {"status": task.status, "worker_ids": task.worker_ids}


def list_runs() -> list[dict]:
    from django_tasks_db.models import DBTaskResult

    from coverage.models import AnalysisRun

    tasks = {str(task.id): task for task in DBTaskResult.objects.all()}
    return [
        {
            "run": run.pk,
            "event": run.event.slug,
            "status": run.status,
            "step": run.step,
            "message": run.message,
            "task_status": tasks[run.task_id].status if run.task_id in tasks else None,
            "worker_ids": tasks[run.task_id].worker_ids if run.task_id in tasks else [],
        }
        for run in AnalysisRun.objects.select_related("event").order_by("pk")
    ]


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    seed_parser = commands.add_parser("seed")
    seed_parser.add_argument("--slug", required=True)
    seed_parser.add_argument("--articles", type=int, default=3)
    seed_parser.add_argument("--with-editor", action="store_true")
    commands.add_parser("snapshot").add_argument("--slug", required=True)
    commands.add_parser("enqueue").add_argument("--slug", required=True)
    commands.add_parser("cells").add_argument("--slug", required=True)
    commands.add_parser("runs")
    commands.add_parser("prepare").add_argument("--slug", required=True)
    commands.add_parser("origins").add_argument("--slug", required=True)
    commands.add_parser("task").add_argument("--id", required=True)
    options = parser.parse_args(argv)

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    if options.command == "seed":
        output = seed(options.slug, options.articles, options.with_editor)
    elif options.command == "snapshot":
        output = snapshot(options.slug)
    elif options.command == "enqueue":
        output = enqueue(options.slug)
    elif options.command == "cells":
        output = cells(options.slug)
    elif options.command == "prepare":
        output = prepare(options.slug)
    elif options.command == "origins":
        output = kept_origins(options.slug)
    elif options.command == "task":
        output = task_status(options.id)
    else:
        output = list_runs()
    json.dump(output, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1:])
