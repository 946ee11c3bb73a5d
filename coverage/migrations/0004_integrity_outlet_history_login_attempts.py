"""Unique row positions, outlet history and atomic login counting.

Rows that parallel additions left in the same position are put one after the other
(by position, then id) before the constraint that keeps positions unique is added.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def renumber_rows(apps, schema_editor) -> None:
    Assertion = apps.get_model("coverage", "Assertion")
    for event_id in Assertion.objects.values_list("event_id", flat=True).distinct():
        rows = list(Assertion.objects.filter(event_id=event_id).order_by("position", "pk"))
        changed = [row for position, row in enumerate(rows) if row.position != position]
        if not changed:
            continue
        # Out of the way first, so no two rows share a place at any step.
        offset = len(rows) + max(row.position for row in rows) + 1
        for position, row in enumerate(rows):
            row.position = offset + position
        Assertion.objects.bulk_update(rows, ["position"])
        for position, row in enumerate(rows):
            row.position = position
        Assertion.objects.bulk_update(rows, ["position"])


class Migration(migrations.Migration):

    dependencies = [
        ('coverage', '0003_create_cache_table'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='LoginAttempt',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('key', models.CharField(help_text='What is counted: a hashed username or IP.', max_length=80)),
                ('at', models.DateTimeField()),
            ],
        ),
        migrations.RemoveIndex(
            model_name='assertion',
            name='assertion_event_position_idx',
        ),
        migrations.AlterField(
            model_name='revision',
            name='event',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='revisions', to='coverage.event'),
        ),
        migrations.AlterField(
            model_name='revision',
            name='target_kind',
            field=models.CharField(choices=[('assertion', 'Assertion'), ('stance', 'Cell'), ('outlet', 'Outlet')], max_length=10),
        ),
        migrations.RunPython(renumber_rows, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name='assertion',
            constraint=models.UniqueConstraint(fields=('event', 'position'), name='assertion_unique_position'),
        ),
        migrations.AddConstraint(
            model_name='revision',
            constraint=models.CheckConstraint(condition=models.Q(('target_kind', 'outlet'), ('event__isnull', False), _connector='OR'), name='revision_event_unless_outlet'),
        ),
        migrations.AddIndex(
            model_name='loginattempt',
            index=models.Index(fields=['key', 'at'], name='loginattempt_key_at_idx'),
        ),
    ]
