"""Analyse an event now, in this process, and fill its matrix.

    python manage.py analyse SLUG

The same pipeline as the page's Analyse button, without the background worker:
for scripts and researchers working headless. Rows and cells people made or
corrected are kept.
"""

from __future__ import annotations

import sys

from django.core.management.base import BaseCommand, CommandError, CommandParser

from coverage import runs
from coverage.analysis.errors import AnalysisError
from coverage.models import Event


class Command(BaseCommand):
    help = "Analyse an event synchronously and store its matrix."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("slug", help="The event's slug, as shown in its URL.")

    def handle(self, *args, **options) -> None:
        event = Event.objects.filter(slug=options["slug"]).first()
        if event is None:
            raise CommandError(
                f"No event with the slug {options['slug']!r}. "
                "List events in the admin or with the export command."
            )
        try:
            run = runs.request_analysis(event=event)
        except runs.AnalysisRefused as refusal:
            raise CommandError(str(refusal)) from None

        show_progress = options["verbosity"] >= 1 and sys.stderr.isatty()

        def progress(step: str, fraction: float) -> None:
            if show_progress:
                filled = int(fraction * 30)
                bar = "#" * filled + "-" * (30 - filled)
                self.stderr.write(f"\r[{bar}] {fraction:4.0%} {step:<30}", ending="")

        try:
            run = runs.execute_run(run.pk, progress=progress)
        except AnalysisError as error:
            raise CommandError(f"The analysis failed: {error}") from None
        finally:
            if show_progress:
                self.stderr.write("")
        for warning in run.warnings:
            self.stderr.write(self.style.WARNING(f"Warning: {warning}"))
        self.stdout.write(self.style.SUCCESS(run.message))
