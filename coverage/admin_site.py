"""The admin site: for superusers only; see coverage.admin for why.

A module of its own: the admin site is built while the apps' admin modules are
imported, so it must not live in one of them.
"""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from coverage.accounts import RateLimitedAdminAuthenticationForm


class SuperuserAdminSite(admin.AdminSite):
    # Failed logins through the admin count towards the same limit as the site's login.
    login_form = RateLimitedAdminAuthenticationForm

    def has_permission(self, request: HttpRequest) -> bool:
        return request.user.is_active and request.user.is_superuser
