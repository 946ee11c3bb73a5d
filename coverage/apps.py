from __future__ import annotations

from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class CoverageConfig(AppConfig):
    name = "coverage"
    verbose_name = "Coverage"

    def ready(self) -> None:
        # Connects the receivers that move an event's cached matrix on when one of
        # its outlets or articles is saved, from any code path (admin, shell, views).
        from coverage.selectors import matrix_cache  # noqa: F401


class ParallaxAdminConfig(admin_apps.AdminConfig):
    """The admin, for superusers only (coverage.admin_site)."""

    # Named in INSTALLED_APPS; not the default configuration of this module.
    default = False
    default_site = "coverage.admin_site.SuperuserAdminSite"
