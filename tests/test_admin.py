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
