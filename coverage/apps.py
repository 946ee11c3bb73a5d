from __future__ import annotations

from django.apps import AppConfig


class CoverageConfig(AppConfig):
    name = "coverage"
    verbose_name = "Coverage"

    def ready(self) -> None:
        # Connects the receivers that move an event's cached matrix on when one of
        # its outlets or articles is saved, from any code path (admin, shell, views).
        from coverage import matrix_cache  # noqa: F401
