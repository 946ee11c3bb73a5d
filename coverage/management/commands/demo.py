"""Load the demo events: the seed event and a fictional teaching event.

    python manage.py demo

Idempotent: an event that is already there is left as it is, so running it again
never overwrites anyone's corrections. --reset reloads the demo events from the
fixtures, discarding changes made to them. --editor also makes that account an
editor of the demo events, so it can change them.
"""

from __future__ import annotations

import json
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from coverage import services, tasks
from coverage.accounts import EDITORS_GROUP
from coverage.models import Event

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "demo"
DEMO_FIXTURES = ["seed_event.json", "fictional_event.json"]


class Command(BaseCommand):
    help = "Load the demo events (idempotent); optionally create a local demo editor account."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--reset", action="store_true", help="Reload demo events, discarding edits to them."
        )
        parser.add_argument(
            "--editor",
            metavar="USERNAME:PASSWORD",
            help="Also create this editor account if it does not exist, and make it an editor "
            "of the demo events (local use only).",
        )

    def handle(self, *args, **options) -> None:
        username, _, password = (options["editor"] or "").partition(":")
        if options["editor"] is not None and not (username and password):
            raise CommandError(
                f"--editor {options['editor']!r} needs a USERNAME:PASSWORD, e.g. "
                "--editor editor:parallax-demo. Nothing was loaded."
            )
        group = None
        if options["editor"]:
            # Created by a migration (0005_editors_group), like in production.
            group = Group.objects.filter(name=EDITORS_GROUP).first()
            if group is None:
                raise CommandError(
                    f"There is no {EDITORS_GROUP!r} group: run `python manage.py migrate` first. "
                    "Nothing was loaded."
                )
        events = []
        for name in DEMO_FIXTURES:
            fixture = json.loads((FIXTURES / name).read_text(encoding="utf-8"))
            with transaction.atomic():
                existing = Event.objects.filter(slug=fixture["slug"]).first()
                if existing and not options["reset"]:
                    self.stdout.write(f"Already loaded: {existing.title}")
                    events.append(existing)
                    continue
                if existing:
                    existing.delete()
                event = services.load_curated_event(fixture)
            # The worker prepares the Sources and Wording layers, which pages only read.
            tasks.prepare_layers_soon(event)
            events.append(event)
            self.stdout.write(
                self.style.SUCCESS(
                    f"Loaded: {event.title} ({event.articles.count()} articles, "
                    f"{event.assertions.count()} assertions)"
                )
            )
        if options["editor"]:
            user, created = get_user_model().objects.get_or_create(username=username)
            if created:
                user.set_password(password)
                user.save()
                self.stdout.write(f"Created the editor account {username!r}.")
            user.groups.add(group)
            for event in events:
                event.editors.add(user)
