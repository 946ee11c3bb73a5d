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
from django.contrib.auth.models import Group, Permission
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from coverage import services
from coverage.models import Event

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "demo"
DEMO_FIXTURES = ["seed_event.json", "fictional_event.json"]
EDITORS_GROUP = "Editors"


def ensure_editors_group() -> Group:
    """The group whose members may curate events and matrices."""
    group, _ = Group.objects.get_or_create(name=EDITORS_GROUP)
    group.permissions.set(
        Permission.objects.filter(
            content_type__app_label="coverage",
            codename__in=[
                f"{action}_{model}"
                for action in ("add", "change", "delete", "view")
                for model in ("event", "article", "outlet", "assertion", "stance")
            ],
        )
    )
    return group


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
        group = ensure_editors_group()
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
