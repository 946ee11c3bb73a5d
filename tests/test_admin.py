"""Every model is in the admin, and its pages open for a superuser."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.contrib import admin as django_admin

from coverage.models import AnalysisRun


def test_every_coverage_model_is_registered():
    for model in apps.get_app_config("coverage").get_models():
        assert django_admin.site.is_registered(model), model.__name__


@pytest.mark.parametrize(
    "model", list(apps.get_app_config("coverage").get_models()), ids=lambda m: m.__name__
)
def test_changelists_open(client, admin, event_with_matrix, model):
    AnalysisRun.objects.create(event=event_with_matrix, status="succeeded")
    client.force_login(admin)
    url = f"/admin/coverage/{model._meta.model_name}/"
    assert client.get(url).status_code == 200
    first = model.objects.first()
    if first is not None:
        assert client.get(f"{url}{first.pk}/change/").status_code == 200


def test_staff_editors_cannot_use_the_admin_to_get_round_the_per_event_rules(
    client, other_editor, event_with_matrix
):
    """The admin checks no per-event rule and records no history: superusers only."""
    other_editor.is_staff = True
    other_editor.save()
    client.force_login(other_editor)
    stance = event_with_matrix.assertions.first().stances.first()

    for url in ("/admin/", f"/admin/coverage/stance/{stance.pk}/change/"):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")
    response = client.post(f"/admin/coverage/stance/{stance.pk}/change/", {"label": "contradict"})
    assert response.status_code == 302
    stance.refresh_from_db()
    assert stance.label != "contradict"
