"""Create an event from a JSON file of articles.

    python manage.py import_event event.json

The file holds {"title", "slug"?, "summary"?, "date"?, "articles": [{"outlet",
"title", "text", "url"?, "published_at"?, "author"?, "outlet_homepage"?}]}.
Outlets are matched by name (case-insensitive) or created. The new event's slug
is the last line of output, so scripts can capture it. The event has no editors
(superusers can see and change it) unless --editor names one.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from coverage import services, tasks
from coverage.ingest import importers
from coverage.models import Event


class Command(BaseCommand):
    help = "Create an event from a JSON file of articles; prints the new event's slug last."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="Path to the JSON file, or - for standard input.")
        parser.add_argument(
            "--publish", action="store_true", help="Publish the event (default: draft)."
        )
        parser.add_argument(
            "--editor",
            metavar="USERNAME",
            help="Make this existing account an editor of the new event.",
        )

    def handle(self, *args, **options) -> None:
        path = options["file"]
        editors = []
        if options["editor"]:
            editor = get_user_model().objects.filter(username=options["editor"]).first()
            if editor is None:
                raise CommandError(
                    f"No account is called {options['editor']!r}. Nothing was imported."
                )
            if not editor.has_perm("coverage.change_event"):
                self.stderr.write(
                    self.style.WARNING(
                        f"{editor.get_username()!r} is not in the Editors group, so it can see "
                        "the event but not change it until an administrator adds it."
                    )
                )
            editors.append(editor)
        try:
            raw = sys.stdin.read() if path == "-" else Path(path).read_text(encoding="utf-8-sig")
        except FileNotFoundError:
            raise CommandError(f"No file at {path}. Check the path and try again.") from None
        except UnicodeDecodeError:
            raise CommandError(
                f"{path} is not UTF-8 text. Save it as UTF-8 and try again."
            ) from None
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}.") from None
        try:
            payload = importers.load_json(raw)
        except json.JSONDecodeError as error:
            raise CommandError(
                f"{path} is not valid JSON: {error.msg} at line {error.lineno}, "
                f"column {error.colno}."
            ) from None
        except importers.TooDeeplyNested:
            raise CommandError(
                f"{path} is nested too deeply to read. It should hold "
                '{"title": …, "articles": [{"outlet": …, "title": …, "text": …}]}.'
            ) from None
        status = Event.Status.PUBLISHED if options["publish"] else Event.Status.DRAFT
        try:
            event = services.import_event(payload, status=status, editors=editors)
        except services.ImportProblem as problem:
            raise CommandError(f"Nothing was imported. {problem}") from None
        # The worker prepares the Sources and Wording layers, which pages only read.
        tasks.prepare_layers_soon(event)
        article_count = event.articles.count()
        if options["verbosity"] >= 1:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Imported {event.title!r} with {article_count} "
                    f"article{'s' if article_count != 1 else ''}."
                )
            )
        self.stdout.write(event.slug)
