"""Create the database cache table, so `migrate` alone prepares a deployment.

The login rate limit keeps its counters in the cache; a missing table would turn
every login into a server error.
"""

from __future__ import annotations

from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor) -> None:
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("coverage", "0002_event_editors_revision")]

    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop)]
