"""Data the migrations create, so production needs no demo command."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.contrib.auth.models import Group

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[1]


def test_migrate_creates_the_editors_group_with_its_permissions():
    group = Group.objects.get(name="Editors")
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert {"change_event", "add_assertion", "change_stance", "change_outlet"} <= codenames
    assert not any(name.endswith("_revision") for name in codenames)


def test_production_docs_never_load_the_demo_data():
    readme = (ROOT / "README.md").read_text()
    production = readme[readme.index("## Production") : readme.index("## Development")]
    assert "manage.py demo" not in production
    assert "Editors" in production
    assert "demo" not in (ROOT / "scripts" / "serve.sh").read_text()
    serve = re.search(r"^serve:.*?(?=^\S)", (ROOT / "Makefile").read_text(), re.M | re.S)
    assert serve and "demo" not in serve.group(0)
