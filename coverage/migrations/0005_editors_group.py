"""Create the Editors group, whose members may curate events and matrices.

Production needs it before anyone can be made an editor, so it comes with `migrate`,
not with the demo command. Permissions are normally created after all migrations
have run; they are created here first, so the group gets them on a fresh database.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS_GROUP = "Editors"
EDITORS_MAY = [
    f"{action}_{model}"
    for action in ("add", "change", "delete", "view")
    for model in ("event", "article", "outlet", "assertion", "stance")
]


def create_editors_group(apps, schema_editor) -> None:
    coverage = apps.get_app_config("coverage")
    coverage.models_module = True
    create_permissions(coverage, apps=apps, verbosity=0, using=schema_editor.connection.alias)
    coverage.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=EDITORS_GROUP)
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="coverage", codename__in=EDITORS_MAY)
    )


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("coverage", "0004_integrity_outlet_history_login_attempts"),
    ]

    operations = [migrations.RunPython(create_editors_group, migrations.RunPython.noop)]
