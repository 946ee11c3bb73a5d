"""Print an event's matrix as JSON or CSV.

python manage.py export SLUG --format json > matrix.json
python manage.py export SLUG --format csv > cells.csv
"""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError, CommandParser

from coverage.models import Event
from coverage.selectors.exports import event_matrix_csv, event_matrix_data


class Command(BaseCommand):
    help = "Print an event's matrix (one cell per assertion and article) as JSON or CSV."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("slug", help="The event's slug, as shown in its URL.")
        parser.add_argument("--format", choices=["json", "csv"], default="json")

    def handle(self, *args, **options) -> None:
        event = Event.objects.filter(slug=options["slug"]).first()
        if event is None:
            known = ", ".join(Event.objects.order_by("slug").values_list("slug", flat=True)[:10])
            raise CommandError(
                f"No event with the slug {options['slug']!r}."
                + (f" Known events: {known}." if known else " There are no events yet.")
            )
        if options["format"] == "csv":
            self.stdout.write(event_matrix_csv(event), ending="")
        else:
            self.stdout.write(json.dumps(event_matrix_data(event), ensure_ascii=False, indent=2))
