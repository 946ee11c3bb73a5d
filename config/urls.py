from __future__ import annotations

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("coverage.urls")),
]

# Oversized forms get a page saying so (413), not Django's bare "Bad Request".
handler400 = "coverage.views.errors.bad_request"
